// SPDX-License-Identifier: Apache-2.0
//! `ConsistentPartitionWindowRel` (<https://substrait.io/relations/physical_relations/#consistent-partition-window-operation>):
//! window functions sharing one partitioning and ordering; the output is the
//! input's fields followed by one field per function.

use substrait::proto::ConsistentPartitionWindowRel;

use super::Validator;
use super::expr::function_call::{check_call, validate_arguments};
use super::expr::{Scope, validate_expression};
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::extensions::FunctionKind;
use crate::types::{Column, Schema};

pub(crate) fn validate_consistent_partition_window_rel(
    window: &ConsistentPartitionWindowRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        window.input.as_deref(),
        &path.field("input"),
        "ConsistentPartitionWindowRel.input",
        depth,
        validator,
    );
    let scope = Scope {
        input: input.as_ref(),
        rel_depth: depth,
    };
    for (index, partition) in window.partition_expressions.iter().enumerate() {
        validate_expression(
            partition,
            &path.index("partition_expressions", index),
            scope,
            0,
            validator,
        );
    }
    for (index, sort) in window.sorts.iter().enumerate() {
        if let Some(key) = &sort.expr {
            validate_expression(
                key,
                &path.index("sorts", index).field("expr"),
                scope,
                0,
                validator,
            );
        }
    }
    let computed: Vec<Column> = window
        .window_functions
        .iter()
        .enumerate()
        .map(|(index, function)| {
            let function_path = path.index("window_functions", index);
            let arguments =
                validate_arguments(&function.arguments, &function_path, scope, 0, validator);
            let output = function.output_type.as_ref();
            let r#type = check_call(
                function.function_reference,
                FunctionKind::Window,
                &arguments,
                output,
                &function_path,
                validator,
            );
            Column { name: None, r#type }
        })
        .collect();
    let mut schema = input?;
    schema.columns.extend(computed);
    Some(schema)
}
