// SPDX-License-Identifier: Apache-2.0
//! `SetRel` (<https://substrait.io/relations/logical_relations/#set-operation>):
//! every input has the same number of fields, of the same types; the output
//! takes the first input's names and is nullable where any input is.

use substrait::proto::SetRel;
use substrait::proto::set_rel::SetOp;

use super::Validator;
use super::rel::validate_rel;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{self, Column, Schema};

pub(crate) fn validate_set_rel(
    set: &SetRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    match SetOp::try_from(set.op) {
        Ok(SetOp::Unspecified) => {
            validator.report(Diagnostic::error(
                Code::OperationUnspecified,
                path.field("op"),
                "set operation is not specified",
            ));
        }
        Ok(_) => {}
        Err(_) => validator.report(Diagnostic::error(
            Code::ProtoEnumValue,
            path.field("op"),
            format!("set operation {} is not defined", set.op),
        )),
    }
    if set.inputs.len() < 2 {
        validator.report(Diagnostic::error(
            Code::InputCountInvalid,
            path.field("inputs"),
            format!(
                "set operation has {} inputs; it needs at least 2",
                set.inputs.len()
            ),
        ));
    }
    let inputs: Vec<(PlanPath, Option<Schema>)> = set
        .inputs
        .iter()
        .enumerate()
        .map(|(index, input)| {
            let input_path = path.index("inputs", index);
            let schema = validate_rel(input, &input_path, depth, validator);
            (input_path, schema)
        })
        .collect();
    let (_, first) = inputs.first()?;
    let first = first.clone()?;
    let mut columns: Vec<Column> = first.columns.clone();
    let mut complete = true;
    for (input_path, schema) in inputs.iter().skip(1) {
        let Some(schema) = schema else {
            complete = false;
            continue;
        };
        if schema.width() != first.width() {
            validator.report(Diagnostic::error(
                Code::SetInputWidthMismatch,
                input_path.clone(),
                format!(
                    "set input has {} fields but the first input has {}",
                    schema.width(),
                    first.width()
                ),
            ));
            complete = false;
            continue;
        }
        for (position, (column, other)) in columns.iter_mut().zip(&schema.columns).enumerate() {
            match (&column.r#type, &other.r#type) {
                (Some(expected), Some(actual)) if !types::same_class(expected, actual) => {
                    validator.report(Diagnostic::error(
                        Code::SetInputTypeMismatch,
                        input_path.clone(),
                        format!(
                            "mismatched types: set input field {position} is {}, but the first input's is {}",
                            types::display(actual),
                            types::display(expected)
                        ),
                    ));
                }
                (Some(expected), Some(actual)) => {
                    let nullable = types::is_nullable(expected) || types::is_nullable(actual);
                    column.r#type = Some(types::with_nullability(expected.clone(), nullable));
                }
                _ => column.r#type = None,
            }
        }
    }
    complete.then_some(Schema { columns })
}
