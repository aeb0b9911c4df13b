// SPDX-License-Identifier: Apache-2.0
//! Reading plans from the protobuf binary form
//! (<https://substrait.io/serialization/binary_serialization/>) and from the
//! canonical protobuf JSON mapping (`extensionUrns`, `relations`, ...), and
//! writing the JSON form back.

use prost::Message;
use substrait::proto::Plan;

use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::wire_depth::wire_depth;

/// Deeper protobuf nesting is refused before decoding: prost recurses once
/// per level (its recursion limit is off in this workspace), 1-1.5 KB of stack
/// each, so 1024 levels fit a 2 MB thread stack. A relation costs two levels,
/// so every plan `validate` accepts (256 relations) is still read.
const MAX_WIRE_DEPTH: usize = 1024;

/// Decode a protobuf-encoded Substrait plan.
pub fn decode_plan(bytes: &[u8]) -> Result<Plan, Diagnostic> {
    let depth = wire_depth(bytes, MAX_WIRE_DEPTH);
    if depth > MAX_WIRE_DEPTH {
        return Err(Diagnostic::error(
            Code::NestingTooDeep,
            PlanPath::root(),
            format!("plan nests deeper than {MAX_WIRE_DEPTH} protobuf levels"),
        ));
    }
    Plan::decode(bytes).map_err(|error| {
        Diagnostic::error(
            Code::ProtoDecode,
            PlanPath::root(),
            format!("bytes are not a Substrait plan: {error}"),
        )
    })
}

/// Decode a Substrait plan written in the protobuf JSON mapping. Fields this
/// version of Substrait does not know (such as the older `extensionUris`) are
/// skipped, as the binary decoder skips them.
pub fn decode_plan_json(text: &str) -> Result<Plan, Diagnostic> {
    serde_json::from_str(text).map_err(|error| {
        Diagnostic::error(
            Code::ProtoJsonDecode,
            PlanPath::root(),
            format!("text is not a Substrait plan: {error}"),
        )
    })
}

/// Whether `bytes` hold a plan in the JSON mapping: the first non-whitespace
/// byte is `{`, which a binary plan never starts with (field 0 does not exist).
pub fn looks_like_json(bytes: &[u8]) -> bool {
    bytes.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'{')
}

/// Decode a plan in either form: JSON when [`looks_like_json`], binary otherwise.
pub fn decode_plan_auto(bytes: &[u8]) -> Result<Plan, Diagnostic> {
    match looks_like_json(bytes) {
        true => match std::str::from_utf8(bytes) {
            Ok(text) => decode_plan_json(text),
            Err(error) => Err(Diagnostic::error(
                Code::ProtoJsonDecode,
                PlanPath::root(),
                format!("text is not a Substrait plan: not UTF-8: {error}"),
            )),
        },
        false => decode_plan(bytes),
    }
}

/// The plan in the protobuf JSON mapping, pretty-printed.
///
/// A plan that holds an enum value outside its protobuf definition cannot be
/// written in the JSON mapping; the text then is a JSON object with an
/// `error` member saying so.
pub fn encode_plan_json(plan: &Plan) -> String {
    serde_json::to_string_pretty(plan).unwrap_or_else(|error| {
        serde_json::json!({ "error": format!("plan cannot be written as JSON: {error}") })
            .to_string()
    })
}
