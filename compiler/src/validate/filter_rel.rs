// SPDX-License-Identifier: Apache-2.0
//! `FilterRel` (<https://substrait.io/relations/logical_relations/#filter-operation>):
//! a boolean condition over the input; the output is the input's schema.

use substrait::proto::FilterRel;

use super::Validator;
use super::expr::{Scope, expect_boolean, required_expression};
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::Schema;

pub(crate) fn validate_filter_rel(
    filter: &FilterRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        filter.input.as_deref(),
        &path.field("input"),
        "FilterRel.input",
        depth,
        validator,
    );
    let scope = Scope {
        input: input.as_ref(),
        rel_depth: depth,
    };
    let condition_path = path.field("condition");
    let condition = required_expression(
        filter.condition.as_deref(),
        &condition_path,
        "FilterRel.condition",
        scope,
        0,
        validator,
    );
    expect_boolean(
        condition.as_ref(),
        &condition_path,
        "filter condition",
        validator,
    );
    input
}
