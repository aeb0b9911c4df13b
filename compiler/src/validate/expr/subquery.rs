// SPDX-License-Identifier: Apache-2.0
//! Subqueries (<https://substrait.io/expressions/subqueries/>): the inner
//! relation is validated with the enclosing input pushed as the record outer
//! references step out to. Scalar subqueries produce their single column;
//! the predicate forms are boolean.

use substrait::proto::expression::Subquery;
use substrait::proto::expression::subquery::SubqueryType;
use substrait::proto::{Rel, Type};

use super::{Scope, validate_expression};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{self, Schema};
use crate::validate::{Validator, missing_field, rel::validate_rel};

pub(crate) fn validate_subquery(
    subquery: &Subquery,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let inner = |input: Option<&Rel>,
                 inner_path: PlanPath,
                 field: &str,
                 validator: &mut Validator|
     -> Option<Schema> {
        let Some(input) = input else {
            validator.report(missing_field(&inner_path, field));
            return None;
        };
        validator.outer.push(scope.input.cloned());
        // A subquery's relations do not see the parameters of lambdas around it.
        let lambdas = std::mem::take(&mut validator.lambdas);
        let schema = validate_rel(input, &inner_path, scope.rel_depth + depth + 1, validator);
        validator.lambdas = lambdas;
        validator.outer.pop();
        schema
    };
    match &subquery.subquery_type {
        Some(SubqueryType::Scalar(scalar)) => {
            let scalar_path = path.variant("scalar");
            let schema = inner(
                scalar.input.as_deref(),
                scalar_path.field("input"),
                "Scalar.input",
                validator,
            )?;
            if schema.width() != 1 {
                validator.report(Diagnostic::error(
                    Code::SubqueryWidthInvalid,
                    scalar_path.field("input"),
                    format!(
                        "scalar subquery must produce one column, produces {}",
                        schema.width()
                    ),
                ));
                return None;
            }
            // No row at all yields null.
            schema
                .type_of(0)
                .map(|column| types::with_nullability(column.clone(), true))
        }
        Some(SubqueryType::InPredicate(predicate)) => {
            let predicate_path = path.variant("in_predicate");
            for (index, needle) in predicate.needles.iter().enumerate() {
                validate_expression(
                    needle,
                    &predicate_path.index("needles", index),
                    scope,
                    depth + 1,
                    validator,
                );
            }
            let haystack_path = predicate_path.field("haystack");
            let schema = inner(
                predicate.haystack.as_deref(),
                haystack_path.clone(),
                "InPredicate.haystack",
                validator,
            );
            if let Some(schema) = schema
                && schema.width() != predicate.needles.len()
            {
                validator.report(Diagnostic::error(
                    Code::SubqueryWidthInvalid,
                    haystack_path,
                    format!(
                        "IN subquery produces {} columns for {} needles",
                        schema.width(),
                        predicate.needles.len()
                    ),
                ));
            }
            Some(types::boolean(true))
        }
        Some(SubqueryType::SetPredicate(predicate)) => {
            let predicate_path = path.variant("set_predicate");
            inner(
                predicate.tuples.as_deref(),
                predicate_path.field("tuples"),
                "SetPredicate.tuples",
                validator,
            );
            Some(types::boolean(false))
        }
        Some(SubqueryType::SetComparison(comparison)) => {
            let comparison_path = path.variant("set_comparison");
            match comparison.left.as_deref() {
                Some(left) => {
                    validate_expression(
                        left,
                        &comparison_path.field("left"),
                        scope,
                        depth + 1,
                        validator,
                    );
                }
                None => validator.report(missing_field(
                    &comparison_path.field("left"),
                    "SetComparison.left",
                )),
            }
            inner(
                comparison.right.as_deref(),
                comparison_path.field("right"),
                "SetComparison.right",
                validator,
            );
            Some(types::boolean(true))
        }
        None => {
            validator.report(missing_field(path, "Subquery.subquery_type"));
            None
        }
    }
}
