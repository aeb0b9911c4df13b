// SPDX-License-Identifier: Apache-2.0
//! `FetchRel` (<https://substrait.io/relations/logical_relations/#fetch-operation>):
//! offset and count, as numbers or as expressions over no input; the output
//! is the input's schema.

use substrait::proto::FetchRel;
use substrait::proto::fetch_rel::{CountMode, OffsetMode};

use super::Validator;
use super::expr::{Scope, validate_expression};
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::Schema;

pub(crate) fn validate_fetch_rel(
    fetch: &FetchRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        fetch.input.as_deref(),
        &path.field("input"),
        "FetchRel.input",
        depth,
        validator,
    );
    let empty = Schema::default();
    let scope = Scope {
        input: Some(&empty),
        rel_depth: depth,
    };
    if let Some(OffsetMode::OffsetExpr(offset)) = &fetch.offset_mode {
        validate_expression(offset, &path.field("offset_expr"), scope, 0, validator);
    }
    if let Some(CountMode::CountExpr(count)) = &fetch.count_mode {
        validate_expression(count, &path.field("count_expr"), scope, 0, validator);
    }
    input
}
