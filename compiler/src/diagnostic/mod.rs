// SPDX-License-Identifier: Apache-2.0
//! Diagnostics are data: a stable [`Code`], a [`Level`], a [`PlanPath`] into the
//! plan, a terse lowercase message and optional notes. How they look to people
//! (the concise one-line [`Display`](std::fmt::Display) form here, the rustc-style
//! full form in [`crate::render`]) and to tools (`serde` JSON) is separate from
//! what they say.
//!
//! The codes, one line each, are listed in [`Code`] ([`Code::ALL`] and
//! [`Code::description`] generate the table in the docs).

mod code;
mod path;

use std::fmt;

pub use code::Code;
pub use path::{PathSegment, PlanPath};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The plan cannot run.
    Error,
    /// The plan runs but something is off.
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Stable identity of the finding.
    pub code: Code,
    /// Error or warning.
    pub level: Level,
    /// Where in the plan.
    pub path: PlanPath,
    /// A terse lowercase phrase.
    pub message: String,
    /// Extra context, one phrase each (rendered as `note:` lines).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error-level diagnostic.
    pub fn error(code: Code, path: PlanPath, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Error,
            path,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// A warning-level diagnostic.
    pub fn warning(code: Code, path: PlanPath, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Warning,
            path,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// The same diagnostic with one more note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// The concise one-line form: `error[E5001]: plan has no relations at plan`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}[{}]: {} at {}",
            self.level, self.code, self.message, self.path
        )
    }
}
