// SPDX-License-Identifier: Apache-2.0
//! The full, rustc-like form of a diagnostic: the code and message, the path,
//! the offending fragment of the plan as compact protobuf JSON (cut to a few
//! lines) and the notes.
//!
//! ```text
//! error[E3002]: field reference 5 is out of range for an input of 2 fields
//!   --> plan.relations[0].root.input<filter>.condition<selection>.direct_reference<struct_field>.field
//!    |
//!    | {"structField":{"field":5}}
//!    |
//!    = note: input schema: (id: i64, name: string?)
//! ```

use serde_json::Value;
use substrait::proto::Plan;

use crate::diagnostic::{Diagnostic, PathSegment};

/// How wide a line of the plan fragment may be, and how many lines are shown.
const FRAGMENT_WIDTH: usize = 100;
const FRAGMENT_LINES: usize = 4;

/// `diagnostic` in the full form, showing the fragment of `plan` it points at.
pub fn diagnostic_full(plan: &Plan, diagnostic: &Diagnostic) -> String {
    let mut out = format!(
        "{}[{}]: {}\n  --> {}\n",
        diagnostic.level, diagnostic.code, diagnostic.message, diagnostic.path
    );
    if let Some(fragment) = fragment(plan, diagnostic.path.segments()) {
        out.push_str("   |\n");
        for line in wrap(&fragment) {
            out.push_str(&format!("   | {line}\n"));
        }
        out.push_str("   |\n");
    }
    for note in &diagnostic.notes {
        out.push_str(&format!("   = note: {note}\n"));
    }
    out
}

/// The compact JSON of the deepest message or list the path reaches.
fn fragment(plan: &Plan, segments: &[PathSegment]) -> Option<String> {
    let whole = serde_json::to_value(plan).ok()?;
    let mut current = &whole;
    let mut last_container = &whole;
    for segment in segments {
        let next = match segment {
            PathSegment::Field(name) | PathSegment::Variant(name) => current.get(camel_case(name)),
            PathSegment::Index(name, index) => current
                .get(camel_case(name))
                .and_then(|list| list.get(*index)),
        };
        // Fields holding their default value are absent from the JSON; stop at the message that holds them.
        let Some(next) = next else { break };
        current = next;
        if matches!(current, Value::Object(_) | Value::Array(_)) {
            last_container = current;
        }
    }
    serde_json::to_string(last_container).ok()
}

/// The protobuf JSON name of a field: `function_reference` → `functionReference`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for character in name.chars() {
        if character == '_' {
            upper = true;
        } else if upper {
            out.extend(character.to_uppercase());
            upper = false;
        } else {
            out.push(character);
        }
    }
    out
}

/// Cut `text` into lines of at most [`FRAGMENT_WIDTH`] characters, at most
/// [`FRAGMENT_LINES`] of them, the last ending in `…` when text was left out.
fn wrap(text: &str) -> Vec<String> {
    let characters: Vec<char> = text.chars().collect();
    let mut lines: Vec<String> = characters
        .chunks(FRAGMENT_WIDTH)
        .map(|chunk| chunk.iter().collect())
        .collect();
    if lines.len() > FRAGMENT_LINES {
        lines.truncate(FRAGMENT_LINES);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    lines
}
