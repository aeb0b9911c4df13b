// SPDX-License-Identifier: Apache-2.0
//! Nested constructors (<https://substrait.io/expressions/specialized_record_expressions/#nested-type-constructor-expressions>):
//! a struct of its fields' types, a list of its first element's type, a map
//! of its first entry's key and value types.

use substrait::proto::Type;
use substrait::proto::expression::Nested;
use substrait::proto::expression::nested::NestedType;
use substrait::proto::r#type::{self as proto_type, Kind};

use super::{Scope, check_same_class, required_expression, validate_expression};
use crate::diagnostic::PlanPath;
use crate::types;
use crate::validate::{Validator, missing_field};

pub(crate) fn validate_nested(
    nested: &Nested,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let kind = match &nested.nested_type {
        Some(NestedType::Struct(fields)) => {
            let struct_path = path.variant("struct");
            let field_types: Vec<Option<Type>> = fields
                .fields
                .iter()
                .enumerate()
                .map(|(index, field)| {
                    validate_expression(
                        field,
                        &struct_path.index("fields", index),
                        scope,
                        depth + 1,
                        validator,
                    )
                })
                .collect();
            let field_types: Option<Vec<Type>> = field_types.into_iter().collect();
            Kind::Struct(proto_type::Struct {
                types: field_types?,
                ..Default::default()
            })
        }
        Some(NestedType::List(list)) => {
            let list_path = path.variant("list");
            let elements: Vec<(PlanPath, Option<Type>)> = list
                .values
                .iter()
                .enumerate()
                .map(|(index, value)| {
                    let value_path = list_path.index("values", index);
                    let value_type =
                        validate_expression(value, &value_path, scope, depth + 1, validator);
                    (value_path, value_type)
                })
                .collect();
            check_same_class(&elements, "list elements differ", validator);
            let element = elements.into_iter().next()?.1?;
            Kind::List(Box::new(proto_type::List {
                r#type: Some(Box::new(element)),
                ..Default::default()
            }))
        }
        Some(NestedType::Map(map)) => {
            let map_path = path.variant("map");
            let mut entries = Vec::new();
            for (index, entry) in map.key_values.iter().enumerate() {
                let entry_path = map_path.index("key_values", index);
                let key = required_expression(
                    entry.key.as_ref(),
                    &entry_path.field("key"),
                    "KeyValue.key",
                    scope,
                    depth + 1,
                    validator,
                );
                let value = required_expression(
                    entry.value.as_ref(),
                    &entry_path.field("value"),
                    "KeyValue.value",
                    scope,
                    depth + 1,
                    validator,
                );
                entries.push((key, value));
            }
            let (key, value) = entries.into_iter().next()?;
            Kind::Map(Box::new(proto_type::Map {
                key: Some(Box::new(key?)),
                value: Some(Box::new(value?)),
                ..Default::default()
            }))
        }
        None => {
            validator.report(missing_field(path, "Nested.nested_type"));
            return None;
        }
    };
    Some(types::with_nullability(
        Type { kind: Some(kind) },
        nested.nullable,
    ))
}
