// SPDX-License-Identifier: Apache-2.0
//! `ReferenceRel` (<https://substrait.io/relations/logical_relations/#reference-operator>):
//! a relation defined once in `Plan.relations` and used by ordinal, as
//! producers emit common table expressions. Each use is consumed as its own
//! copy of the subtree; DataFusion's optimizer sees ordinary subplans.

use datafusion::common::{not_impl_err, substrait_datafusion_err, substrait_err};
use datafusion::logical_expr::LogicalPlan;
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, from_substrait_rel};
use substrait::proto::rel::RelType;
use substrait::proto::{ReferenceRel, Rel};

use super::SparkConsumer;

/// Every relation passes here: references are resolved, the rest delegated.
pub(super) async fn consume_rel(
    consumer: &SparkConsumer<'_>,
    rel: &Rel,
) -> datafusion::common::Result<LogicalPlan> {
    match &rel.rel_type {
        Some(RelType::Reference(reference)) => consume_reference(consumer, reference).await,
        Some(RelType::Write(_)) => {
            not_impl_err!("WriteRel is not supported: plans here are queries")
        }
        Some(RelType::Ddl(_)) => not_impl_err!("DdlRel is not supported: plans here are queries"),
        Some(RelType::Update(_)) => {
            not_impl_err!("UpdateRel is not supported: plans here are queries")
        }
        Some(RelType::Expand(_)) => not_impl_err!("ExpandRel is not supported"),
        Some(RelType::HashJoin(_) | RelType::MergeJoin(_) | RelType::NestedLoopJoin(_)) => {
            not_impl_err!(
                "physical join relations (HashJoinRel, MergeJoinRel, NestedLoopJoinRel) are not supported"
            )
        }
        _ => from_substrait_rel(consumer, rel).await,
    }
}

async fn consume_reference(
    consumer: &SparkConsumer<'_>,
    reference: &ReferenceRel,
) -> datafusion::common::Result<LogicalPlan> {
    let ordinal = reference.subtree_ordinal;
    let Some(trees) = consumer.relations.get() else {
        return substrait_err!("ReferenceRel outside a plan: nothing to refer to");
    };
    let tree = usize::try_from(ordinal)
        .ok()
        .and_then(|index| trees.get(index))
        .and_then(Option::as_ref);
    let Some(tree) = tree else {
        return substrait_err!(
            "ReferenceRel.subtree_ordinal {ordinal} does not name one of the plan's {} relations",
            trees.len()
        );
    };
    {
        let mut resolving = consumer
            .resolving
            .lock()
            .map_err(|_| substrait_datafusion_err!("ReferenceRel state poisoned"))?;
        if resolving.contains(&ordinal) {
            return substrait_err!(
                "ReferenceRel.subtree_ordinal {ordinal} refers to a relation that contains it"
            );
        }
        resolving.push(ordinal);
    }
    let result = Box::pin(consumer.consume_rel(tree)).await;
    if let Ok(mut resolving) = consumer.resolving.lock() {
        resolving.retain(|resolved| *resolved != ordinal);
    }
    result
}
