// SPDX-License-Identifier: Apache-2.0
//! Expressions (<https://substrait.io/expressions/>): each is checked and
//! typed against the schema of the relation it is evaluated over; the
//! dispatch below has one arm per `Expression.rex_type` variant.

mod cast;
mod field_reference;
pub(crate) mod function_call;
mod if_then;
mod lambda;
pub(crate) mod literal;
mod multi_or_list;
mod nested;
mod scalar_function;
mod singular_or_list;
mod subquery;
mod switch_expression;
mod window_function;

use substrait::proto::expression::RexType;
use substrait::proto::{Expression, Type};

use super::{MAX_DEPTH, Validator, missing_field, too_deep};
use crate::diagnostic::{Code, Diagnostic, Level, PlanPath};
use crate::types::{self, Schema};

/// What an expression is evaluated over.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'schema> {
    /// The input relation's schema, `None` where it could not be derived.
    pub(crate) input: Option<&'schema Schema>,
    /// How deep the enclosing relation nests; subqueries continue from it.
    pub(crate) rel_depth: usize,
}

/// Check `expression` and derive its type (`None` where it cannot be derived).
pub(crate) fn validate_expression(
    expression: &Expression,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    if depth > MAX_DEPTH || scope.rel_depth + depth > 2 * MAX_DEPTH {
        validator.report(too_deep(path));
        return None;
    }
    let Some(rex_type) = &expression.rex_type else {
        validator.report(missing_field(path, "Expression.rex_type"));
        return None;
    };
    // A type message without a kind (one this version of Substrait does not
    // know, dropped by the decoder) says nothing.
    dispatch(rex_type, path, scope, depth, validator).filter(|derived| derived.kind.is_some())
}

fn dispatch(
    rex_type: &RexType,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    match rex_type {
        RexType::Literal(value) => {
            literal::validate_literal(value, &path.variant("literal"), validator)
        }
        RexType::Selection(reference) => field_reference::validate_field_reference(
            reference,
            &path.variant("selection"),
            scope,
            depth,
            validator,
        ),
        RexType::ScalarFunction(function) => scalar_function::validate_scalar_function(
            function,
            &path.variant("scalar_function"),
            scope,
            depth,
            validator,
        ),
        RexType::WindowFunction(function) => window_function::validate_window_function(
            function,
            &path.variant("window_function"),
            scope,
            depth,
            validator,
        ),
        RexType::IfThen(if_then) => {
            if_then::validate_if_then(if_then, &path.variant("if_then"), scope, depth, validator)
        }
        RexType::SwitchExpression(switch) => switch_expression::validate_switch_expression(
            switch,
            &path.variant("switch_expression"),
            scope,
            depth,
            validator,
        ),
        RexType::SingularOrList(list) => singular_or_list::validate_singular_or_list(
            list,
            &path.variant("singular_or_list"),
            scope,
            depth,
            validator,
        ),
        RexType::MultiOrList(list) => multi_or_list::validate_multi_or_list(
            list,
            &path.variant("multi_or_list"),
            scope,
            depth,
            validator,
        ),
        RexType::Cast(cast) => {
            cast::validate_cast(cast, &path.variant("cast"), scope, depth, validator)
        }
        RexType::Subquery(subquery) => subquery::validate_subquery(
            subquery,
            &path.variant("subquery"),
            scope,
            depth,
            validator,
        ),
        RexType::Nested(nested) => {
            nested::validate_nested(nested, &path.variant("nested"), scope, depth, validator)
        }
        RexType::DynamicParameter(parameter) => {
            validator.report(unsupported(
                &path.variant("dynamic_parameter"),
                "dynamic parameters",
            ));
            parameter.r#type.clone()
        }
        RexType::Lambda(function) => {
            lambda::validate_lambda(function, &path.variant("lambda"), scope, depth, validator)
        }
        RexType::LambdaInvocation(_) => {
            validator.report(unsupported(
                &path.variant("lambda_invocation"),
                "lambda invocations",
            ));
            None
        }
        #[expect(deprecated, reason = "older producers may still send enum expressions")]
        RexType::Enum(_) => {
            validator.report(unsupported(
                &path.variant("enum"),
                "enum expressions (deprecated)",
            ));
            None
        }
    }
}

/// Check an optional child expression that the message requires.
pub(crate) fn required_expression(
    expression: Option<&Expression>,
    path: &PlanPath,
    field: &str,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    match expression {
        Some(expression) => validate_expression(expression, path, scope, depth, validator),
        None => {
            validator.report(missing_field(path, field));
            None
        }
    }
}

/// Report a condition whose type is known and not boolean.
pub(crate) fn expect_boolean(
    condition_type: Option<&Type>,
    path: &PlanPath,
    what: &str,
    validator: &mut Validator,
) {
    if let Some(condition_type) = condition_type
        && types::class_name(condition_type) != "boolean"
    {
        validator.report(Diagnostic::error(
            Code::ConditionNotBoolean,
            path.clone(),
            format!(
                "mismatched types: {what} must be boolean, got {}",
                types::display(condition_type)
            ),
        ));
    }
}

fn unsupported(path: &PlanPath, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ExpressionUnsupported,
        path.clone(),
        format!("{what} are not supported yet"),
    )
}

/// The first known type among `candidates`, nullable if any of them may be
/// null or `force_nullable` holds: the type of a conditional's result.
pub(crate) fn common_type(candidates: &[Option<Type>], force_nullable: bool) -> Option<Type> {
    let first = candidates.iter().flatten().next()?.clone();
    let nullable = force_nullable || candidates.iter().flatten().any(types::is_nullable);
    Some(types::with_nullability(first, nullable))
}

/// Report branches whose known types are of a different class than the first.
pub(crate) fn check_same_class(
    candidates: &[(PlanPath, Option<Type>)],
    what: &str,
    validator: &mut Validator,
) {
    let Some(first) = candidates
        .iter()
        .find_map(|(_, candidate)| candidate.as_ref())
    else {
        return;
    };
    for (path, candidate) in candidates {
        if let Some(candidate) = candidate
            && !types::same_class(first, candidate)
        {
            // Engines coerce numbers to a common type (`i32 IN (1::i64)`): a warning there.
            let level = if types::is_numeric(first) && types::is_numeric(candidate) {
                Level::Warning
            } else {
                Level::Error
            };
            validator.report(Diagnostic {
                code: Code::OperandTypeMismatch,
                level,
                path: path.clone(),
                message: format!(
                    "mismatched types: {what}: expected {}, got {}",
                    types::display(first),
                    types::display(candidate)
                ),
                notes: Vec::new(),
            });
        }
    }
}
