// SPDX-License-Identifier: Apache-2.0
//! Window function calls (<https://substrait.io/expressions/window_functions/>):
//! the call itself, its partitions and its sort keys.

use substrait::proto::Type;
use substrait::proto::expression::WindowFunction;

use super::function_call::{check_call, validate_arguments};
use super::{Scope, validate_expression};
use crate::diagnostic::PlanPath;
use crate::extensions::FunctionKind;
use crate::validate::Validator;

pub(crate) fn validate_window_function(
    function: &WindowFunction,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let arguments = validate_arguments(&function.arguments, path, scope, depth, validator);
    for (index, partition) in function.partitions.iter().enumerate() {
        validate_expression(
            partition,
            &path.index("partitions", index),
            scope,
            depth + 1,
            validator,
        );
    }
    for (index, sort) in function.sorts.iter().enumerate() {
        if let Some(key) = &sort.expr {
            validate_expression(
                key,
                &path.index("sorts", index).field("expr"),
                scope,
                depth + 1,
                validator,
            );
        }
    }
    check_call(
        function.function_reference,
        FunctionKind::Window,
        &arguments,
        function.output_type.as_ref(),
        path,
        validator,
    )
}
