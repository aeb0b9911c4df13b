// SPDX-License-Identifier: Apache-2.0
//! Literals (<https://substrait.io/expressions/literals/>).
//!
//! datafusion-substrait reads every literal kind except `VarChar`
//! (`varchar<L>` values, which other producers use for every string constant).
//! Its value is a string with a length bound the type system already checked,
//! so we rewrite it (at any nesting depth: inside lists, maps and structs) to
//! a `string` literal and let the default consumer do the rest. Typed nulls
//! of nested types get nullable struct fields, as struct literals have.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef, Fields};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::Expr;
use datafusion_substrait::logical_plan::consumer::from_literal;
use substrait::proto::expression::Literal;
use substrait::proto::expression::literal::{LiteralType, Map, Struct};

use super::SparkConsumer;

pub(super) async fn consume_literal(
    consumer: &SparkConsumer<'_>,
    literal: &Literal,
) -> datafusion::common::Result<Expr> {
    let converted = if contains_varchar(literal) {
        from_literal(consumer, &without_varchar(literal)).await?
    } else {
        from_literal(consumer, literal).await?
    };
    match converted {
        Expr::Literal(value, metadata) if value.is_null() && has_struct(&value.data_type()) => {
            // datafusion-substrait makes every field of a struct literal
            // nullable; a typed null gets the same fields, so that a null and
            // a struct built from literals have one type (in an array, ...).
            let null = ScalarValue::try_from(&with_nullable_struct_fields(&value.data_type()))?;
            Ok(Expr::Literal(null, metadata))
        }
        other => Ok(other),
    }
}

fn has_struct(data_type: &DataType) -> bool {
    with_nullable_struct_fields(data_type) != *data_type
}

/// `data_type` with every struct field nullable (map keys stay non-nullable, as Arrow requires).
fn with_nullable_struct_fields(data_type: &DataType) -> DataType {
    let nullable = |field: &FieldRef| Arc::new(field.as_ref().clone().with_data_type(with_nullable_struct_fields(field.data_type())).with_nullable(true));
    let inner = |field: &FieldRef| Arc::new(field.as_ref().clone().with_data_type(with_nullable_struct_fields(field.data_type())));
    match data_type {
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(nullable).collect()),
        DataType::List(element) => DataType::List(inner(element)),
        DataType::LargeList(element) => DataType::LargeList(inner(element)),
        DataType::FixedSizeList(element, size) => DataType::FixedSizeList(inner(element), *size),
        DataType::Map(entries, sorted) => {
            let DataType::Struct(pair) = entries.data_type() else {
                return data_type.clone();
            };
            let pair: Fields = pair.iter().map(inner).collect();
            DataType::Map(Arc::new(entries.as_ref().clone().with_data_type(DataType::Struct(pair))), *sorted)
        }
        other => other.clone(),
    }
}

/// Whether a literal is, or holds, a `VarChar` value.
pub(super) fn contains_varchar(literal: &Literal) -> bool {
    match &literal.literal_type {
        Some(LiteralType::VarChar(_)) => true,
        Some(LiteralType::List(list)) => list.values.iter().any(contains_varchar),
        Some(LiteralType::Struct(structure)) => structure.fields.iter().any(contains_varchar),
        Some(LiteralType::Map(map)) => map.key_values.iter().any(|pair| {
            pair.key
                .iter()
                .chain(pair.value.iter())
                .any(contains_varchar)
        }),
        _ => false,
    }
}

/// The literal with every `VarChar` value turned into a `string` value.
pub(super) fn without_varchar(literal: &Literal) -> Literal {
    let literal_type = match &literal.literal_type {
        Some(LiteralType::VarChar(varchar)) => Some(LiteralType::String(varchar.value.clone())),
        Some(LiteralType::List(list)) => Some(LiteralType::List(
            substrait::proto::expression::literal::List {
                values: list.values.iter().map(without_varchar).collect(),
            },
        )),
        Some(LiteralType::Struct(structure)) => Some(LiteralType::Struct(Struct {
            fields: structure.fields.iter().map(without_varchar).collect(),
        })),
        Some(LiteralType::Map(map)) => Some(LiteralType::Map(Map {
            key_values: map
                .key_values
                .iter()
                .map(
                    |pair| substrait::proto::expression::literal::map::KeyValue {
                        key: pair.key.as_ref().map(without_varchar),
                        value: pair.value.as_ref().map(without_varchar),
                    },
                )
                .collect(),
        })),
        other => other.clone(),
    };
    Literal {
        literal_type,
        ..literal.clone()
    }
}
