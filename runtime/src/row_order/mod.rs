// SPDX-License-Identifier: Apache-2.0
//! Spark's row order where Spark's is deterministic (ARCHITECTURE.md, contract 10).
//!
//! Spark numbers its partitions, keeps each one's input order through narrow
//! operations (select, filter, limit, union) and concatenates results in
//! partition order: `createDataFrame(rows).collect()` returns `rows`,
//! `limit(5)` takes the first five rows, `union` puts the left rows first.
//! DataFusion keeps a partition's order too, but it spreads data over
//! partitions round-robin and merges partitions as they finish. So a session:
//! - does not repartition round-robin (sources are split into contiguous
//!   ranges instead: local data by rows, files by bytes, ranges by values);
//! - reads files in Spark's splits and Spark's order ([`SparkFileSplits`]);
//! - replaces every merge whose order can show ([`KeepPartitionOrder`]) with a
//!   concatenation in partition order ([`ConcatPartitionsExec`]);
//! - concatenates the result's partitions in order ([`concatenated`]).
//!
//! Shuffles (aggregations, joins, distinct) may return any order, as in Spark,
//! and pay nothing for this. One exception: an aggregation over all rows whose
//! result depends on the order it meets them (`first`, `last`, `collect_list`,
//! `string_agg`) merges its partitions' partial results in partition order, so
//! `first` is the first row's value, as Spark's without a shuffle.

mod bind_partitions;
mod concat_partitions;
mod file_splits;

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode};
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::limit::{GlobalLimitExec, LocalLimitExec};
use datafusion::physical_plan::union::UnionExec;
use datafusion::physical_plan::{ExecutionPlan, ExecutionPlanProperties, replace_children_if_necessary};

pub(crate) use bind_partitions::{BindPartitions, KeepAbovePerPartition};
pub(crate) use concat_partitions::ConcatPartitionsExec;
pub(crate) use file_splits::{SparkFileOptions, SparkFileSplits};

/// The DataFusion settings that keep rows where their source put them.
pub(crate) const SETTINGS: &[(&str, &str)] = &[
    // Round-robin repartitioning deals a partition's batches to other
    // partitions, which loses their order.
    ("datafusion.optimizer.enable_round_robin_repartition", "false"),
];

/// `plan` as a single partition whose rows are its partitions' rows in
/// partition order: how a result is collected.
pub(crate) fn concatenated(plan: Arc<dyn ExecutionPlan>) -> Arc<dyn ExecutionPlan> {
    if plan.output_partitioning().partition_count() <= 1 {
        return plan;
    }
    Arc::new(ConcatPartitionsExec::new(plan, None))
}

/// The physical optimizer rule that turns every `CoalescePartitionsExec`
/// whose output order can be seen into a [`ConcatPartitionsExec`].
///
/// Order can be seen at the result, and below any operator that keeps its
/// input's order (projections, filters, unions) down from there; below a
/// limit or an operator with a fetch it decides which rows are kept. It
/// cannot be seen below sorts, aggregations and joins' build sides, whose
/// merges stay as DataFusion planned them.
#[derive(Debug, Default)]
pub(crate) struct KeepPartitionOrder;

impl PhysicalOptimizerRule for KeepPartitionOrder {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        keep_order(plan, true)
    }

    fn name(&self) -> &str {
        "keep_partition_order"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// Aggregates whose result depends on the order of their input rows.
const ORDER_SENSITIVE_AGGREGATES: &[&str] = &["first", "last", "collect_list", "string_agg"];

/// Whether `plan` is the final step of an aggregation over all rows with an
/// order-sensitive aggregate: the partitions' partial results below it must
/// arrive in partition order.
fn merges_in_order(plan: &dyn ExecutionPlan) -> bool {
    plan.downcast_ref::<AggregateExec>().is_some_and(|aggregate| {
        matches!(aggregate.mode(), AggregateMode::Final | AggregateMode::Single)
            && aggregate.group_expr().is_empty()
            && aggregate
                .aggr_expr()
                .iter()
                .any(|expression| ORDER_SENSITIVE_AGGREGATES.contains(&expression.fun().name()))
    })
}

fn keep_order(plan: Arc<dyn ExecutionPlan>, order_shows: bool) -> Result<Arc<dyn ExecutionPlan>> {
    if let Some(coalesce) = plan.downcast_ref::<CoalescePartitionsExec>()
        && (order_shows || coalesce.fetch().is_some())
    {
        let input = keep_order(Arc::clone(coalesce.input()), true)?;
        return Ok(Arc::new(ConcatPartitionsExec::new(input, coalesce.fetch())));
    }
    let limits = plan.fetch().is_some()
        || plan.is::<GlobalLimitExec>()
        || plan.is::<LocalLimitExec>()
        || merges_in_order(plan.as_ref());
    // A union's partitions are its inputs' partitions, each in its own order,
    // whether or not DataFusion sees a sort order to keep.
    let passes_order = plan.is::<UnionExec>();
    let keeps = plan.maintains_input_order();
    let children = plan
        .children()
        .into_iter()
        .enumerate()
        .map(|(index, child)| {
            let keeps_child = passes_order || keeps.get(index).copied().unwrap_or(false);
            keep_order(Arc::clone(child), limits || (order_shows && keeps_child))
        })
        .collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(plan, children)
}
