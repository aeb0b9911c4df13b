// SPDX-License-Identifier: Apache-2.0
//! If-then chains (<https://substrait.io/expressions/specialized_record_expressions/#if-expression>):
//! boolean conditions, results of one type; without an `else` the result may be null.

use substrait::proto::Type;
use substrait::proto::expression::IfThen;

use super::{
    Scope, check_same_class, common_type, expect_boolean, required_expression, validate_expression,
};
use crate::diagnostic::PlanPath;
use crate::validate::Validator;

pub(crate) fn validate_if_then(
    if_then: &IfThen,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let mut results = Vec::new();
    for (index, clause) in if_then.ifs.iter().enumerate() {
        let clause_path = path.index("ifs", index);
        let condition_path = clause_path.field("if");
        let condition = required_expression(
            clause.r#if.as_ref(),
            &condition_path,
            "IfClause.if",
            scope,
            depth + 1,
            validator,
        );
        expect_boolean(
            condition.as_ref(),
            &condition_path,
            "an if condition",
            validator,
        );
        let then_path = clause_path.field("then");
        let then = required_expression(
            clause.then.as_ref(),
            &then_path,
            "IfClause.then",
            scope,
            depth + 1,
            validator,
        );
        results.push((then_path, then));
    }
    let otherwise = if_then.r#else.as_deref().map(|otherwise| {
        (
            path.field("else"),
            validate_expression(otherwise, &path.field("else"), scope, depth + 1, validator),
        )
    });
    let has_else = otherwise.is_some();
    results.extend(otherwise);
    check_same_class(&results, "if-then results differ", validator);
    let candidates: Vec<Option<Type>> = results.into_iter().map(|(_, result)| result).collect();
    common_type(&candidates, !has_else)
}
