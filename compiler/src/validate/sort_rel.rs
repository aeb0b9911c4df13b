// SPDX-License-Identifier: Apache-2.0
//! `SortRel` (<https://substrait.io/relations/logical_relations/#sort-operation>):
//! sort keys over the input; the output is the input's schema.

use substrait::proto::SortRel;

use super::Validator;
use super::expr::{Scope, required_expression};
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::Schema;

pub(crate) fn validate_sort_rel(
    sort: &SortRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        sort.input.as_deref(),
        &path.field("input"),
        "SortRel.input",
        depth,
        validator,
    );
    let scope = Scope {
        input: input.as_ref(),
        rel_depth: depth,
    };
    for (index, field) in sort.sorts.iter().enumerate() {
        let key_path = path.index("sorts", index).field("expr");
        required_expression(
            field.expr.as_ref(),
            &key_path,
            "SortField.expr",
            scope,
            0,
            validator,
        );
    }
    input
}
