// SPDX-License-Identifier: Apache-2.0
//! Literals (<https://substrait.io/expressions/literals/>).
//!
//! datafusion-substrait reads every literal kind except `VarChar`
//! (`varchar<L>` values, which other producers use for every string constant).
//! Its value is a string with a length bound the type system already checked,
//! so we rewrite it (at any nesting depth: inside lists, maps and structs) to
//! a `string` literal and let the default consumer do the rest.

use datafusion::logical_expr::Expr;
use datafusion_substrait::logical_plan::consumer::from_literal;
use substrait::proto::expression::Literal;
use substrait::proto::expression::literal::{LiteralType, Map, Struct};

use super::SparkConsumer;

pub(super) async fn consume_literal(
    consumer: &SparkConsumer<'_>,
    literal: &Literal,
) -> datafusion::common::Result<Expr> {
    if contains_varchar(literal) {
        from_literal(consumer, &without_varchar(literal)).await
    } else {
        from_literal(consumer, literal).await
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
