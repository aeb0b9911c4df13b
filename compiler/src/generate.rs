// SPDX-License-Identifier: Apache-2.0
//! PyRust's `Generate` relation: Spark's generators (`explode`, `posexplode`,
//! `inline` and their `_outer` forms), which turn one input row into zero or
//! more output rows. Substrait has no such relation, so it travels as an
//! `ExtensionSingleRel` (<https://substrait.io/relations/user_defined_relations/>)
//! whose `detail` is a `google.protobuf.Struct` (see `docs/substrait.md`):
//!
//! | field | value |
//! |---|---|
//! | `generator` | `"explode"`, `"posexplode"` or `"inline"` |
//! | `column` | the 0-based index of the input column holding the list or map |
//! | `outer` | `true`: a null or empty collection gives one row of nulls instead of none |
//!
//! The output is every input column, then the generated columns: for a list,
//! its element (`inline`: the fields of its struct elements); for a map, its
//! key and value; `posexplode` puts the element's 0-based position (`i32`) first.
//! Both the compiler (validation) and the runtime (execution) read the detail
//! through this module.

use std::collections::HashMap;

use pbjson_types::value::Kind as ValueKind;
use pbjson_types::{Any, Struct, Value};
use prost::Message;
use substrait::proto::Type;
use substrait::proto::r#type::Kind;

use crate::types::{i32 as i32_type, with_nullability};

/// The `type_url` of a `Generate` relation's detail.
pub const GENERATE_TYPE_URL: &str = "type.googleapis.com/google.protobuf.Struct";

/// Which Spark generator a `Generate` relation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// One row per list element or map entry.
    Explode,
    /// `Explode`, with the element's position first.
    PosExplode,
    /// One row per struct of a list of structs, one column per struct field.
    Inline,
}

impl Generator {
    /// The name the detail uses.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Explode => "explode",
            Generator::PosExplode => "posexplode",
            Generator::Inline => "inline",
        }
    }

    fn from_name(name: &str) -> Option<Generator> {
        match name {
            "explode" => Some(Generator::Explode),
            "posexplode" => Some(Generator::PosExplode),
            "inline" => Some(Generator::Inline),
            _ => None,
        }
    }
}

/// A decoded `Generate` detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generate {
    /// The generator.
    pub generator: Generator,
    /// The input column holding the collection.
    pub column: usize,
    /// Whether a null or empty collection gives one row of nulls.
    pub outer: bool,
}

/// What the collection column holds, as a generator reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Collection {
    /// A list, with its element type.
    List(Type),
    /// A map, with its key and value types.
    Map(Type, Type),
}

impl Generate {
    /// Whether `detail` claims to be a `Generate` detail (a `Struct` with a
    /// `generator` field); other extension relations are not ours.
    pub fn is_generate(detail: &Any) -> bool {
        detail.type_url == GENERATE_TYPE_URL
            && Struct::decode(detail.value.as_ref())
                .is_ok_and(|fields| fields.fields.contains_key("generator"))
    }

    /// Decode a `Generate` detail; the error says what is wrong with it.
    pub fn from_detail(detail: &Any) -> Result<Generate, String> {
        if detail.type_url != GENERATE_TYPE_URL {
            return Err(format!(
                "the detail's type is `{}`, not `{GENERATE_TYPE_URL}`",
                detail.type_url
            ));
        }
        let fields = Struct::decode(detail.value.as_ref())
            .map_err(|error| format!("the detail is not a google.protobuf.Struct: {error}"))?
            .fields;
        let generator = match fields.get("generator").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::StringValue(name)) => Generator::from_name(name).ok_or_else(|| {
                format!("unknown generator `{name}` (expected explode, posexplode or inline)")
            })?,
            _ => return Err("the detail has no string field `generator`".to_string()),
        };
        let column = match fields.get("column").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::NumberValue(number))
                if number.fract() == 0.0 && *number >= 0.0 && *number < f64::from(u32::MAX) =>
            {
                // Checked just above: a whole number in u32's range.
                #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "range checked above")]
                let index = *number as u32;
                index as usize
            }
            _ => return Err("the detail has no non-negative integer field `column`".to_string()),
        };
        let outer = match fields.get("outer").and_then(|value| value.kind.as_ref()) {
            Some(ValueKind::BoolValue(outer)) => *outer,
            None => false,
            Some(_) => return Err("the detail's field `outer` is not a boolean".to_string()),
        };
        Ok(Generate {
            generator,
            column,
            outer,
        })
    }

    /// This detail as a `google.protobuf.Any`.
    pub fn to_detail(&self) -> Any {
        let mut fields = HashMap::new();
        let value = |kind| Value { kind: Some(kind) };
        fields.insert(
            "generator".to_string(),
            value(ValueKind::StringValue(self.generator.name().to_string())),
        );
        #[expect(clippy::cast_precision_loss, reason = "column indexes are far below 2^52")]
        let column = self.column as f64;
        fields.insert("column".to_string(), value(ValueKind::NumberValue(column)));
        fields.insert("outer".to_string(), value(ValueKind::BoolValue(self.outer)));
        Any {
            type_url: GENERATE_TYPE_URL.to_string(),
            value: Struct { fields }.encode_to_vec().into(),
        }
    }

    /// The collection `collection_type` holds, if the generator accepts it:
    /// `explode` and `posexplode` a list or a map, `inline` a list of structs.
    pub fn collection(&self, collection_type: &Type) -> Result<Collection, String> {
        let collection = match collection_type.kind.as_ref() {
            Some(Kind::List(list)) => list
                .r#type
                .as_deref()
                .cloned()
                .map(Collection::List),
            Some(Kind::Map(map)) => match (map.key.as_deref(), map.value.as_deref()) {
                (Some(key), Some(value)) => Some(Collection::Map(key.clone(), value.clone())),
                _ => None,
            },
            _ => None,
        };
        match (self.generator, collection) {
            (Generator::Inline, Some(Collection::List(element)))
                if matches!(element.kind, Some(Kind::Struct(_))) =>
            {
                Ok(Collection::List(element))
            }
            (Generator::Inline, _) => Err("inline needs a list of structs".to_string()),
            (_, Some(collection)) => Ok(collection),
            (_, None) => Err(format!("{} needs a list or a map", self.generator.name())),
        }
    }

    /// The types of the generated columns for a collection column of type
    /// `collection_type` (see the module documentation).
    pub fn generated_types(&self, collection_type: &Type) -> Result<Vec<Type>, String> {
        let outer = self.outer;
        let mut types = Vec::new();
        if self.generator == Generator::PosExplode {
            types.push(i32_type(outer));
        }
        match self.collection(collection_type)? {
            Collection::List(element) if self.generator == Generator::Inline => {
                let element_nullable = crate::types::is_nullable(&element);
                if let Some(Kind::Struct(fields)) = element.kind {
                    for field in fields.types {
                        let nullable = outer || element_nullable || crate::types::is_nullable(&field);
                        types.push(with_nullability(field, nullable));
                    }
                }
            }
            Collection::List(element) => {
                let nullable = outer || crate::types::is_nullable(&element);
                types.push(with_nullability(element, nullable));
            }
            Collection::Map(key, value) => {
                let key_nullable = outer || crate::types::is_nullable(&key);
                let value_nullable = outer || crate::types::is_nullable(&value);
                types.push(with_nullability(key, key_nullable));
                types.push(with_nullability(value, value_nullable));
            }
        }
        Ok(types)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[expect(clippy::unwrap_used, reason = "a test")]
    fn detail_round_trip() {
        let generate = Generate {
            generator: Generator::PosExplode,
            column: 3,
            outer: true,
        };
        let detail = generate.to_detail();
        assert!(Generate::is_generate(&detail));
        assert_eq!(Generate::from_detail(&detail).unwrap(), generate);
    }
}
