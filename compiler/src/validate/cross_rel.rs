// SPDX-License-Identifier: Apache-2.0
//! `CrossRel` (<https://substrait.io/relations/logical_relations/#cross-product-operation>):
//! the left input's fields followed by the right's.

use substrait::proto::CrossRel;

use super::Validator;
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::Schema;

pub(crate) fn validate_cross_rel(
    cross: &CrossRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let left = input_rel(
        cross.left.as_deref(),
        &path.field("left"),
        "CrossRel.left",
        depth,
        validator,
    );
    let right = input_rel(
        cross.right.as_deref(),
        &path.field("right"),
        "CrossRel.right",
        depth,
        validator,
    );
    Some(left?.concat(&right?))
}
