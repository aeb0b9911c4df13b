// SPDX-License-Identifier: Apache-2.0
//! Scalar function calls (<https://substrait.io/expressions/scalar_functions/>).

use substrait::proto::Type;
use substrait::proto::expression::ScalarFunction;

use super::Scope;
use super::function_call::{check_call, validate_arguments};
use crate::diagnostic::PlanPath;
use crate::extensions::FunctionKind;
use crate::validate::Validator;

pub(crate) fn validate_scalar_function(
    function: &ScalarFunction,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let arguments = validate_arguments(&function.arguments, path, scope, depth, validator);
    check_call(
        function.function_reference,
        FunctionKind::Scalar,
        &arguments,
        function.output_type.as_ref(),
        path,
        validator,
    )
}
