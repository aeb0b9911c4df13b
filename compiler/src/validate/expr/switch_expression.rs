// SPDX-License-Identifier: Apache-2.0
//! Switch expressions (<https://substrait.io/expressions/specialized_record_expressions/#switch-expression>):
//! the match value is compared with literals; the results share one type.

use substrait::proto::Type;
use substrait::proto::expression::SwitchExpression;

use super::literal::literal_type;
use super::{Scope, check_same_class, common_type, required_expression, validate_expression};
use crate::diagnostic::PlanPath;
use crate::validate::{Validator, missing_field};

pub(crate) fn validate_switch_expression(
    switch: &SwitchExpression,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let match_path = path.field("match");
    let matched = required_expression(
        switch.r#match.as_deref(),
        &match_path,
        "SwitchExpression.match",
        scope,
        depth + 1,
        validator,
    );
    let mut cases = vec![(match_path, matched)];
    let mut results = Vec::new();
    for (index, clause) in switch.ifs.iter().enumerate() {
        let clause_path = path.index("ifs", index);
        match &clause.r#if {
            Some(case) => cases.push((clause_path.field("if"), literal_type(case))),
            None => validator.report(missing_field(&clause_path.field("if"), "IfValue.if")),
        }
        let then_path = clause_path.field("then");
        let then = required_expression(
            clause.then.as_ref(),
            &then_path,
            "IfValue.then",
            scope,
            depth + 1,
            validator,
        );
        results.push((then_path, then));
    }
    check_same_class(
        &cases,
        "switch cases differ from the match value",
        validator,
    );
    let otherwise = switch.r#else.as_deref().map(|otherwise| {
        (
            path.field("else"),
            validate_expression(otherwise, &path.field("else"), scope, depth + 1, validator),
        )
    });
    let has_else = otherwise.is_some();
    results.extend(otherwise);
    check_same_class(&results, "switch results differ", validator);
    let candidates: Vec<Option<Type>> = results.into_iter().map(|(_, result)| result).collect();
    common_type(&candidates, !has_else)
}
