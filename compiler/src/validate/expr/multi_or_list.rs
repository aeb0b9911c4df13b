// SPDX-License-Identifier: Apache-2.0
//! `(a, b) IN ((x, y), ...)` (<https://substrait.io/expressions/specialized_record_expressions/#multi-or-list-equality-expression>):
//! every option record is as wide as the value; the result is boolean.

use substrait::proto::Type;
use substrait::proto::expression::MultiOrList;

use super::{Scope, check_same_class, validate_expression};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types;
use crate::validate::Validator;

pub(crate) fn validate_multi_or_list(
    list: &MultiOrList,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let values: Vec<(PlanPath, Option<Type>)> = list
        .value
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let value_path = path.index("value", index);
            let value_type = validate_expression(value, &value_path, scope, depth + 1, validator);
            (value_path, value_type)
        })
        .collect();
    let mut nullable = values
        .iter()
        .any(|(_, value)| value.as_ref().is_none_or(types::is_nullable));
    for (index, record) in list.options.iter().enumerate() {
        let record_path = path.index("options", index);
        if record.fields.len() != values.len() {
            validator.report(Diagnostic::error(
                Code::OperandTypeMismatch,
                record_path.clone(),
                format!(
                    "IN list option has {} fields but the value has {}",
                    record.fields.len(),
                    values.len()
                ),
            ));
        }
        for (position, field) in record.fields.iter().enumerate() {
            let field_path = record_path.index("fields", position);
            let field_type = validate_expression(field, &field_path, scope, depth + 1, validator);
            nullable |= field_type.as_ref().is_none_or(types::is_nullable);
            if let Some((value_path, value_type)) = values.get(position) {
                check_same_class(
                    &[
                        (value_path.clone(), value_type.clone()),
                        (field_path, field_type),
                    ],
                    "IN list option differs from the value",
                    validator,
                );
            }
        }
    }
    Some(types::boolean(nullable))
}
