// SPDX-License-Identifier: Apache-2.0
//! `ReferenceRel` (<https://substrait.io/relations/logical_relations/#reference-operator>):
//! the output of another relation of the plan, by ordinal. A reference that
//! leads back to a relation being walked is a cycle and is refused.

use substrait::proto::ReferenceRel;

use super::{Validator, plan_relation};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::Schema;

pub(crate) fn validate_reference_rel(
    reference: &ReferenceRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let ordinal_path = path.field("subtree_ordinal");
    let count = validator.plan.relations.len();
    let Some(ordinal) = usize::try_from(reference.subtree_ordinal)
        .ok()
        .filter(|ordinal| *ordinal < count)
    else {
        validator.report(Diagnostic::error(
            Code::ReferenceRelOutOfRange,
            ordinal_path,
            format!(
                "reference to relation {} but the plan has {count}",
                reference.subtree_ordinal
            ),
        ));
        return None;
    };
    match plan_relation(ordinal, depth, validator) {
        Ok(schema) => schema,
        Err(()) => {
            validator.report(Diagnostic::error(
                Code::ReferenceCycle,
                ordinal_path,
                format!("reference to relation {ordinal} leads back to itself"),
            ));
            None
        }
    }
}
