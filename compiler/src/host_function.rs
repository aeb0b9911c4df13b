// SPDX-License-Identifier: Apache-2.0
//! Host functions: functions the program embedding the engine registers with
//! a session (Python user-defined functions, through the bindings). A plan
//! names them; their code is not in the plan.
//!
//! - A **call** of a host function is a scalar or aggregate function call
//!   declared in the extension URN [`HOST_FUNCTION_URN`], named by the
//!   session-unique name it was registered under; its output type is the
//!   call's declared `output_type` (no YAML lists these names).
//! - A **host relation** (`mapInPandas`, `applyInPandas`, ...) is an
//!   `ExtensionSingleRel` (<https://substrait.io/relations/user_defined_relations/>)
//!   whose `detail` is a `google.protobuf.Struct`:
//!
//! | field | value |
//! |---|---|
//! | `host_function` | the registered name of the function |
//! | `keys` | 0-based input columns whose equal values the function sees together (grouped kinds), else empty |
//! | `output` | the output schema: a serialized Substrait `NamedStruct`, in hexadecimal |
//!
//! The output is the function's rows only, of the `output` schema.

use pbjson_types::value::Kind as ValueKind;
use pbjson_types::{Any, Struct};
use prost::Message;
use substrait::proto::NamedStruct;

/// The extension URN of host function calls.
pub const HOST_FUNCTION_URN: &str = "extension:dev.pyrust:udf";

/// The `type_url` of a host relation's detail.
pub const HOST_RELATION_TYPE_URL: &str = "type.googleapis.com/google.protobuf.Struct";

/// A decoded host relation detail.
#[derive(Debug, Clone, PartialEq)]
pub struct HostRelation {
    /// The registered name of the function.
    pub function: String,
    /// The input columns grouping the rows the function sees together.
    pub keys: Vec<usize>,
    /// The output schema.
    pub output: NamedStruct,
}

impl HostRelation {
    /// Whether `detail` claims to be a host relation (a `Struct` with a `host_function` field).
    pub fn is_host_relation(detail: &Any) -> bool {
        detail.type_url == HOST_RELATION_TYPE_URL
            && Struct::decode(detail.value.as_ref()).is_ok_and(|fields| fields.fields.contains_key("host_function"))
    }

    /// Decode a host relation detail; the error says what is wrong with it.
    pub fn from_detail(detail: &Any) -> Result<HostRelation, String> {
        let fields = Struct::decode(detail.value.as_ref())
            .map_err(|error| format!("the detail is not a google.protobuf.Struct: {error}"))?
            .fields;
        let function = match fields.get("host_function").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::StringValue(name)) => name.clone(),
            _ => return Err("the detail has no string field `host_function`".to_string()),
        };
        let keys = match fields.get("keys").and_then(|value| value.kind.as_ref()) {
            None => Vec::new(),
            Some(ValueKind::ListValue(list)) => list
                .values
                .iter()
                .map(|value| match value.kind {
                    Some(ValueKind::NumberValue(number))
                        if number.fract() == 0.0 && number >= 0.0 && number < f64::from(u32::MAX) =>
                    {
                        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "range checked above")]
                        let index = number as u32;
                        Ok(index as usize)
                    }
                    _ => Err("the detail's `keys` must be non-negative integers".to_string()),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("the detail's field `keys` is not a list".to_string()),
        };
        let output = match fields.get("output").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::StringValue(text)) => {
                let bytes = from_hex(text).ok_or("the detail's `output` is not hexadecimal")?;
                NamedStruct::decode(bytes.as_slice())
                    .map_err(|error| format!("the detail's `output` is not a NamedStruct: {error}"))?
            }
            _ => return Err("the detail has no string field `output`".to_string()),
        };
        Ok(HostRelation { function, keys, output })
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|start| text.get(start..start + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::from_hex;

    #[test]
    fn hex_decodes_pairs_and_refuses_odd_or_foreign_text() {
        assert_eq!(from_hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }
}
