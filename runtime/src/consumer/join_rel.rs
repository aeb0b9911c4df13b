// SPDX-License-Identifier: Apache-2.0
//! `JoinRel` and `CrossRel` (<https://substrait.io/relations/logical_relations/#join-operation>,
//! <https://substrait.io/relations/logical_relations/#cross-product-operation>):
//! datafusion-substrait's joins, with the join hints of their advanced
//! extension ([`pyrust_compiler::join_hint`]) marked on their inputs
//! ([`crate::join_hint`]).

use datafusion::common::substrait_err;
use datafusion::logical_expr::LogicalPlan;
use datafusion_substrait::logical_plan::consumer::{from_cross_rel, from_join_rel};
use pyrust_compiler::join_hint::JoinHints;
use substrait::proto::extensions::AdvancedExtension;
use substrait::proto::{CrossRel, JoinRel};

use super::SparkConsumer;
use crate::join_hint::hinted_join;

pub(super) async fn consume_join(consumer: &SparkConsumer<'_>, rel: &JoinRel) -> datafusion::common::Result<LogicalPlan> {
    let hints = hints_of(rel.advanced_extension.as_ref())?;
    Ok(hinted_join(from_join_rel(consumer, rel).await?, hints))
}

pub(super) async fn consume_cross(consumer: &SparkConsumer<'_>, rel: &CrossRel) -> datafusion::common::Result<LogicalPlan> {
    let hints = hints_of(rel.advanced_extension.as_ref())?;
    Ok(hinted_join(from_cross_rel(consumer, rel).await?, hints))
}

fn hints_of(extension: Option<&AdvancedExtension>) -> datafusion::common::Result<JoinHints> {
    match JoinHints::from_extension(extension) {
        Ok(hints) => Ok(hints),
        Err(message) => substrait_err!("invalid join hint: {message}"),
    }
}
