// SPDX-License-Identifier: Apache-2.0
//! Literals (<https://substrait.io/expressions/literals/>): each literal kind
//! has one type; its nullability is the literal's `nullable` flag.

use substrait::proto::Type;
use substrait::proto::expression::Literal;
use substrait::proto::expression::literal::LiteralType;
use substrait::proto::r#type::{self as proto_type, Kind};

use super::super::Validator;
use crate::diagnostic::PlanPath;
use crate::types;

/// A literal's type; nothing about a literal can be wrong that the decoder
/// has not already refused, so there are no findings yet.
pub(crate) fn validate_literal(
    value: &Literal,
    _path: &PlanPath,
    _validator: &mut Validator,
) -> Option<Type> {
    literal_type(value)
}

/// The type of a literal, `None` for kinds whose type is not derived here
/// (user-defined literals, compound intervals).
#[expect(
    deprecated,
    reason = "older producers still send the deprecated timestamp literals"
)]
pub(crate) fn literal_type(value: &Literal) -> Option<Type> {
    let variation = value.type_variation_reference;
    let kind = match value.literal_type.as_ref()? {
        LiteralType::Null(null_type) => {
            return Some(types::with_nullability(null_type.clone(), true));
        }
        LiteralType::Boolean(_) => Kind::Bool(proto_type::Boolean {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::I8(_) => Kind::I8(proto_type::I8 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::I16(_) => Kind::I16(proto_type::I16 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::I32(_) => Kind::I32(proto_type::I32 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::I64(_) => Kind::I64(proto_type::I64 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Fp32(_) => Kind::Fp32(proto_type::Fp32 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Fp64(_) => Kind::Fp64(proto_type::Fp64 {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::String(_) => Kind::String(proto_type::String {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Binary(_) => Kind::Binary(proto_type::Binary {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Timestamp(_) => Kind::Timestamp(proto_type::Timestamp {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::TimestampTz(_) => Kind::TimestampTz(proto_type::TimestampTz {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Date(_) => Kind::Date(proto_type::Date {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Time(_) => Kind::Time(proto_type::Time {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Uuid(_) => Kind::Uuid(proto_type::Uuid {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::IntervalYearToMonth(_) => Kind::IntervalYear(proto_type::IntervalYear {
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::IntervalDayToSecond(interval) => Kind::IntervalDay(proto_type::IntervalDay {
            type_variation_reference: variation,
            nullability: 0,
            precision: Some(precision_of(interval)),
        }),
        LiteralType::FixedChar(text) => Kind::FixedChar(proto_type::FixedChar {
            length: i32::try_from(text.chars().count()).unwrap_or(i32::MAX),
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::VarChar(text) => Kind::Varchar(proto_type::VarChar {
            length: i32::try_from(text.length).unwrap_or(i32::MAX),
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::FixedBinary(bytes) => Kind::FixedBinary(proto_type::FixedBinary {
            length: i32::try_from(bytes.len()).unwrap_or(i32::MAX),
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::Decimal(decimal) => Kind::Decimal(proto_type::Decimal {
            scale: decimal.scale,
            precision: decimal.precision,
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::PrecisionTime(time) => Kind::PrecisionTime(proto_type::PrecisionTime {
            precision: time.precision,
            type_variation_reference: variation,
            nullability: 0,
        }),
        LiteralType::PrecisionTimestamp(timestamp) => {
            Kind::PrecisionTimestamp(proto_type::PrecisionTimestamp {
                precision: timestamp.precision,
                type_variation_reference: variation,
                nullability: 0,
            })
        }
        LiteralType::PrecisionTimestampTz(timestamp) => {
            Kind::PrecisionTimestampTz(proto_type::PrecisionTimestampTz {
                precision: timestamp.precision,
                type_variation_reference: variation,
                nullability: 0,
            })
        }
        LiteralType::Struct(fields) => {
            let field_types: Option<Vec<Type>> = fields.fields.iter().map(literal_type).collect();
            Kind::Struct(proto_type::Struct {
                types: field_types?,
                type_variation_reference: variation,
                nullability: 0,
            })
        }
        LiteralType::List(items) => {
            let element = items.values.first().and_then(literal_type)?;
            Kind::List(Box::new(proto_type::List {
                r#type: Some(Box::new(element)),
                type_variation_reference: variation,
                nullability: 0,
            }))
        }
        LiteralType::Map(map) => {
            let entry = map.key_values.first()?;
            let key = entry.key.as_ref().and_then(literal_type)?;
            let value = entry.value.as_ref().and_then(literal_type)?;
            Kind::Map(Box::new(proto_type::Map {
                key: Some(Box::new(key)),
                value: Some(Box::new(value)),
                type_variation_reference: variation,
                nullability: 0,
            }))
        }
        LiteralType::EmptyList(list) => Kind::List(Box::new(list.clone())),
        LiteralType::EmptyMap(map) => Kind::Map(Box::new(map.clone())),
        LiteralType::IntervalCompound(_) | LiteralType::UserDefined(_) => return None,
    };
    Some(types::with_nullability(
        Type { kind: Some(kind) },
        value.nullable,
    ))
}

/// Interval literals carry their sub-second precision in a oneof; the type wants it as a number.
fn precision_of(interval: &substrait::proto::expression::literal::IntervalDayToSecond) -> i32 {
    use substrait::proto::expression::literal::interval_day_to_second::PrecisionMode;
    match interval.precision_mode {
        Some(PrecisionMode::Precision(precision)) => precision,
        #[expect(deprecated, reason = "older producers still send microseconds")]
        Some(PrecisionMode::Microseconds(_)) => 6,
        None => 0,
    }
}
