// SPDX-License-Identifier: Apache-2.0
//! Lambda expressions (<https://substrait.io/expressions/lambda_expressions/>):
//! the arguments of higher-order functions such as `transform`. The
//! parameters are a struct of types, required itself; the body is checked with
//! them in scope (`LambdaParameterReference` reaches them, `steps_out`
//! lambdas out) and the input's columns still visible. A lambda's type is
//! `func<parameters -> body>`.

use substrait::proto::Type;
use substrait::proto::expression::Lambda;
use substrait::proto::r#type::{Func, Kind, Nullability};

use super::{Scope, required_expression};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::Schema;
use crate::validate::{Validator, missing_field};

pub(crate) fn validate_lambda(
    lambda: &Lambda,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let Some(parameters) = &lambda.parameters else {
        validator.report(missing_field(path, "Lambda.parameters"));
        return None;
    };
    if parameters.nullability != Nullability::Required as i32 {
        validator.report(Diagnostic::error(
            Code::NullabilityMismatch,
            path.field("parameters").field("nullability"),
            "a lambda's parameters struct must be required",
        ));
    }
    validator
        .lambdas
        .push(Schema::unnamed(parameters.types.iter().cloned().map(Some).collect()));
    let body = required_expression(
        lambda.body.as_deref(),
        &path.field("body"),
        "Lambda.body",
        scope,
        depth + 1,
        validator,
    );
    validator.lambdas.pop();
    let body = body?;
    Some(Type {
        kind: Some(Kind::Func(Box::new(Func {
            parameter_types: parameters.types.clone(),
            return_type: Some(Box::new(body)),
            nullability: Nullability::Required as i32,
        }))),
    })
}
