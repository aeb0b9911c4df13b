// SPDX-License-Identifier: Apache-2.0
//! Walking expressions (<https://substrait.io/expressions/field_references/>,
//! <https://substrait.io/expressions/scalar_functions/>): function references
//! must be declared, and nesting must stay within bounds.

use substrait::proto::Expression;
use substrait::proto::expression::RexType;
use substrait::proto::function_argument::ArgType;

use super::{MAX_DEPTH, Validator, too_deep};
use crate::diagnostic::PlanPath;

pub(crate) fn validate_expression(expression: &Expression, path: &PlanPath, depth: usize, validator: &mut Validator) {
    if depth > MAX_DEPTH {
        validator.report(too_deep(path));
        return;
    }
    let child = |child: &Expression, child_path: PlanPath, validator: &mut Validator| {
        validate_expression(child, &child_path, depth + 1, validator);
    };
    match &expression.rex_type {
        Some(RexType::ScalarFunction(function)) => {
            let function_path = path.variant("scalar_function");
            validator.check_function_reference(function.function_reference, &function_path);
            for (index, argument) in function.arguments.iter().enumerate() {
                if let Some(ArgType::Value(value)) = &argument.arg_type {
                    child(value, function_path.index("arguments", index).field("value"), validator);
                }
            }
        }
        Some(RexType::Cast(cast)) => {
            if let Some(input) = &cast.input {
                child(input, path.variant("cast").field("input"), validator);
            }
        }
        Some(RexType::IfThen(if_then)) => {
            let if_then_path = path.variant("if_then");
            for (index, clause) in if_then.ifs.iter().enumerate() {
                let clause_path = if_then_path.index("ifs", index);
                if let Some(condition) = &clause.r#if {
                    child(condition, clause_path.field("if"), validator);
                }
                if let Some(then) = &clause.then {
                    child(then, clause_path.field("then"), validator);
                }
            }
            if let Some(otherwise) = &if_then.r#else {
                child(otherwise, if_then_path.field("else"), validator);
            }
        }
        Some(RexType::SingularOrList(list)) => {
            let list_path = path.variant("singular_or_list");
            if let Some(value) = &list.value {
                child(value, list_path.field("value"), validator);
            }
            for (index, option) in list.options.iter().enumerate() {
                child(option, list_path.index("options", index), validator);
            }
        }
        // Literals, field references and the rest need no anchor checks.
        _ => {}
    }
}
