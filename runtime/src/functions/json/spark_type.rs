// SPDX-License-Identifier: Apache-2.0
//! Spark types as the frontend hands them to the JSON and CSV functions: the
//! JSON form of a Spark type (`DataType.json()`: `"integer"`,
//! `{"type":"struct","fields":[...]}`...), which carries struct field names
//! that Substrait types do not. The Arrow type of each is the one our
//! Substrait consumer gives the same Spark type.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, TimeUnit};
use datafusion::common::{Result, exec_err, plan_err};
use serde_json::Value;

/// A Spark type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SparkType {
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    Decimal(u8, i8),
    String,
    Binary,
    Date,
    Timestamp,
    TimestampNtz,
    Null,
    Array(Box<SparkType>),
    Map(Box<SparkType>, Box<SparkType>),
    Struct(Vec<(String, SparkType)>),
}

impl SparkType {
    /// The type of a Spark type's JSON form.
    pub(crate) fn from_json(value: &Value) -> Result<SparkType> {
        match value {
            Value::String(name) => Self::from_name(name),
            Value::Object(object) => {
                let kind = object.get("type").and_then(Value::as_str).unwrap_or_default();
                match kind {
                    "array" => Ok(SparkType::Array(Box::new(Self::from_json(member(object, "elementType")?)?))),
                    "map" => Ok(SparkType::Map(
                        Box::new(Self::from_json(member(object, "keyType")?)?),
                        Box::new(Self::from_json(member(object, "valueType")?)?),
                    )),
                    "struct" => {
                        let Some(fields) = member(object, "fields")?.as_array() else {
                            return plan_err!("a struct type's fields must be a list");
                        };
                        let mut members = Vec::with_capacity(fields.len());
                        for field in fields {
                            let Some(name) = field.get("name").and_then(Value::as_str) else {
                                return plan_err!("a struct field needs a name");
                            };
                            let field_type = field.get("type").map(Self::from_json).transpose()?;
                            let Some(field_type) = field_type else {
                                return plan_err!("the struct field {name} needs a type");
                            };
                            members.push((name.to_string(), field_type));
                        }
                        Ok(SparkType::Struct(members))
                    }
                    other => plan_err!("unknown Spark type {other}"),
                }
            }
            other => plan_err!("not a Spark type: {other}"),
        }
    }

    fn from_name(name: &str) -> Result<SparkType> {
        Ok(match name {
            "boolean" => SparkType::Boolean,
            "byte" => SparkType::Byte,
            "short" => SparkType::Short,
            "integer" => SparkType::Integer,
            "long" => SparkType::Long,
            "float" => SparkType::Float,
            "double" => SparkType::Double,
            "string" => SparkType::String,
            "binary" => SparkType::Binary,
            "date" => SparkType::Date,
            "timestamp" => SparkType::Timestamp,
            "timestamp_ntz" => SparkType::TimestampNtz,
            "void" | "null" => SparkType::Null,
            decimal if decimal.starts_with("decimal(") => {
                let inner = decimal.trim_start_matches("decimal(").trim_end_matches(')');
                let Some((precision, scale)) = inner.split_once(',') else {
                    return plan_err!("bad decimal type {decimal}");
                };
                match (precision.trim().parse(), scale.trim().parse()) {
                    (Ok(precision), Ok(scale)) => SparkType::Decimal(precision, scale),
                    _ => return plan_err!("bad decimal type {decimal}"),
                }
            }
            other => return plan_err!("unsupported Spark type {other}"),
        })
    }

    /// The type of the JSON text of a Spark type.
    pub(crate) fn parse(text: &str) -> Result<SparkType> {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Self::from_json(&value),
            Err(error) => exec_err!("bad Spark type {text}: {error}"),
        }
    }

    /// The Arrow type our consumer gives this Spark type.
    pub(crate) fn arrow(&self) -> DataType {
        match self {
            SparkType::Boolean => DataType::Boolean,
            SparkType::Byte => DataType::Int8,
            SparkType::Short => DataType::Int16,
            SparkType::Integer => DataType::Int32,
            SparkType::Long => DataType::Int64,
            SparkType::Float => DataType::Float32,
            SparkType::Double => DataType::Float64,
            SparkType::Decimal(precision, scale) => DataType::Decimal128(*precision, *scale),
            SparkType::String | SparkType::Null => DataType::Utf8,
            SparkType::Binary => DataType::Binary,
            SparkType::Date => DataType::Date32,
            SparkType::Timestamp => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            SparkType::TimestampNtz => DataType::Timestamp(TimeUnit::Microsecond, None),
            SparkType::Array(element) => DataType::List(Arc::new(Field::new_list_field(element.arrow(), true))),
            SparkType::Map(key, value) => DataType::Map(Arc::new(map_entries(key, value)), false),
            SparkType::Struct(fields) => DataType::Struct(struct_fields(fields)),
        }
    }
}

fn member<'a>(object: &'a serde_json::Map<String, Value>, name: &str) -> Result<&'a Value> {
    match object.get(name) {
        Some(value) => Ok(value),
        None => plan_err!("a Spark type lacks {name}"),
    }
}

/// The Arrow fields of a struct's members (all nullable, as Spark's readers make them).
pub(crate) fn struct_fields(fields: &[(String, SparkType)]) -> Fields {
    fields.iter().map(|(name, field_type)| Field::new(name, field_type.arrow(), true)).collect()
}

/// The `entries` field of a map type, as our consumer builds it.
pub(crate) fn map_entries(key: &SparkType, value: &SparkType) -> Field {
    Field::new_struct("entries", vec![Field::new("key", key.arrow(), false), Field::new("value", value.arrow(), true)], false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_types() -> Result<()> {
        let text = r#"{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}},
            {"name":"b","type":{"type":"array","elementType":"decimal(5,2)","containsNull":true},"nullable":true,"metadata":{}},
            {"name":"c","type":{"type":"map","keyType":"string","valueType":"timestamp","valueContainsNull":true},"nullable":true,"metadata":{}}]}"#;
        let parsed = SparkType::parse(text)?;
        assert_eq!(
            parsed,
            SparkType::Struct(vec![
                ("a".into(), SparkType::Integer),
                ("b".into(), SparkType::Array(Box::new(SparkType::Decimal(5, 2)))),
                ("c".into(), SparkType::Map(Box::new(SparkType::String), Box::new(SparkType::Timestamp))),
            ])
        );
        assert!(matches!(parsed.arrow(), DataType::Struct(fields) if fields.len() == 3));
        Ok(())
    }
}
