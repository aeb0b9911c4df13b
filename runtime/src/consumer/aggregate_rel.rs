// SPDX-License-Identifier: Apache-2.0
//! Aggregate relations (<https://substrait.io/relations/logical_relations/#aggregate-operation>).
//!
//! datafusion-substrait finds a measure's function by name alone, dropping
//! its options; a `sum` with `overflow: ERROR` (Spark's ANSI mode) becomes
//! our [`CheckedSum`] here, after the default consumer has built the plan.

use std::sync::Arc;

use datafusion::common::not_impl_err;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::logical_expr::{Aggregate, AggregateUDF, Expr, LogicalPlan};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, from_aggregate_rel, substrait_fun_name};
use substrait::proto::AggregateRel;
use substrait::proto::aggregate_rel::Measure;

use super::SparkConsumer;
use crate::functions::checked_sum::CheckedSum;

pub(super) async fn consume_aggregate(
    consumer: &SparkConsumer<'_>,
    rel: &AggregateRel,
) -> datafusion::common::Result<LogicalPlan> {
    let plan = from_aggregate_rel(consumer, rel).await?;
    let checked: Vec<bool> = rel.measures.iter().map(|measure| asks_checked_sum(consumer, measure)).collect();
    if !checked.contains(&true) {
        return Ok(plan);
    }
    let LogicalPlan::Aggregate(aggregate) = plan else {
        return not_impl_err!("a checked sum in an aggregate consumed as {}", plan.display());
    };
    // One aggregate expression per measure, in order.
    let aggregate_expressions = aggregate
        .aggr_expr
        .into_iter()
        .zip(checked)
        .map(|(expression, checked)| if checked { with_checked_sum(expression) } else { Ok(expression) })
        .collect::<datafusion::common::Result<Vec<_>>>()?;
    let rebuilt = Aggregate::try_new(aggregate.input, aggregate.group_expr, aggregate_expressions)?;
    Ok(LogicalPlan::Aggregate(rebuilt))
}

/// Whether a measure is a `sum` whose `overflow` option is `ERROR`.
fn asks_checked_sum(consumer: &SparkConsumer<'_>, measure: &Measure) -> bool {
    let Some(function) = &measure.measure else {
        return false;
    };
    let is_sum = consumer
        .get_extensions()
        .functions
        .get(&function.function_reference)
        .is_some_and(|signature| substrait_fun_name(signature) == "sum");
    is_sum && super::prefers(&function.options, "overflow", "ERROR")
}

/// `expression` (`sum(x)`, perhaps aliased) with DataFusion's `sum` replaced by ours.
fn with_checked_sum(expression: Expr) -> datafusion::common::Result<Expr> {
    let checked = Arc::new(AggregateUDF::new_from_impl(CheckedSum::new()));
    expression
        .transform(|node| match node {
            Expr::AggregateFunction(mut call) if call.func.name() == "sum" => {
                call.func = Arc::clone(&checked);
                Ok(Transformed::yes(Expr::AggregateFunction(call)))
            }
            other => Ok(Transformed::no(other)),
        })
        .map(|transformed| transformed.data)
}
