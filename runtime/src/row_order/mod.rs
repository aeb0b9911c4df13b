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
//! Shuffles (aggregations, joins, distinct) may return any order in Spark,
//! but for small results Spark's order is fixed, and programs (and Spark's
//! own examples) print it: where an aggregation's or a window's order
//! reaches the result, it comes out in Spark's ([`shuffle_order`]). Joins
//! keep DataFusion's order. An aggregation over all rows whose result
//! depends on the order it meets them (`first`, `last`, `collect_list`,
//! `string_agg`) merges its partitions' partial results in partition order, so
//! `first` is the first row's value, as Spark's without a shuffle. So do the
//! aggregates that add doubles (`sum`, `avg`, `stddev`, `corr`, ...), whose
//! rounding depends on the order of the additions: each partition's rows are
//! added in order, and the partial results merged in partition order, over all
//! rows and per group (Spark's reducer reads map outputs in map order), so
//! that the result is Spark's to the bit.

mod bind_partitions;
mod concat_partitions;
mod file_splits;
mod shuffle_order;
mod spark_coalescer;
mod spark_exchange;
mod unsafe_row;

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode};
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::limit::{GlobalLimitExec, LocalLimitExec};
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::union::UnionExec;
use datafusion::physical_plan::unnest::UnnestExec;
use datafusion::physical_plan::{ExecutionPlan, ExecutionPlanProperties, replace_children_if_necessary};

pub(crate) use bind_partitions::{BindPartitions, KeepAbovePerPartition};
pub(crate) use concat_partitions::ConcatPartitionsExec;
pub(crate) use file_splits::{SparkFileOptions, SparkFileSplits};
pub(crate) use shuffle_order::SparkShuffleOptions;
use shuffle_order::SparkShuffleReadExec;
pub(crate) use spark_exchange::{SparkExchangeExec, SparkExchangePlanner, exchange_of, spark_exchange};

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
/// whose output order can be seen into a [`ConcatPartitionsExec`], and puts
/// the aggregation or window whose output order reaches the result in
/// Spark's order ([`shuffle_order`]).
///
/// Order can be seen at the result, and below any operator that keeps its
/// input's order (projections, filters, unions) down from there; below a
/// limit or an operator with a fetch it decides which rows are kept. It
/// cannot be seen below sorts, aggregations and joins' build sides, whose
/// merges stay as DataFusion planned them.
#[derive(Debug, Default)]
pub(crate) struct KeepPartitionOrder;

impl PhysicalOptimizerRule for KeepPartitionOrder {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        let defaults = SparkShuffleOptions::default();
        let shuffle_partitions = config.extensions.get::<SparkShuffleOptions>().unwrap_or(&defaults).partitions;
        keep_order(plan, true, Some(shuffle_partitions))
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

/// Aggregates whose result, when a double, depends on the order in which they
/// add (multiply) doubles: floating-point rounding.
const FLOATING_AGGREGATES: &[&str] = &[
    "sum",
    "avg",
    "stddev_samp",
    "stddev_pop",
    "var_samp",
    "var_pop",
    "skewness",
    "kurtosis",
    "corr",
    "covar_samp",
    "covar_pop",
    "regr_avgx",
    "regr_avgy",
    "regr_sxx",
    "regr_syy",
    "regr_sxy",
    "regr_slope",
    "regr_intercept",
    "regr_r2",
    "product",
];

/// Whether one of `aggregate`'s aggregates gives a result that depends on
/// the order in which it meets its rows and merges its partial results.
pub(crate) fn order_sensitive(aggregate: &AggregateExec) -> bool {
    aggregate.aggr_expr().iter().any(|expression| {
        let name = expression.fun().name();
        ORDER_SENSITIVE_AGGREGATES.contains(&name)
            || (FLOATING_AGGREGATES.contains(&name) && expression.field().data_type().is_floating())
    })
}

/// Whether the order in which `plan` meets its input rows changes its
/// result: an aggregation with an order-sensitive aggregate that reads rows
/// (each partition's rows in order), or the final step of one over all rows
/// (the partitions' partial results in partition order).
fn merges_in_order(plan: &dyn ExecutionPlan) -> bool {
    plan.downcast_ref::<AggregateExec>().is_some_and(|aggregate| {
        let reads_rows = matches!(
            aggregate.mode(),
            AggregateMode::Partial | AggregateMode::Single | AggregateMode::SinglePartitioned
        );
        let merges_all = aggregate.group_expr().is_empty() && matches!(aggregate.mode(), AggregateMode::Final);
        (reads_rows || merges_all) && order_sensitive(aggregate)
    })
}

/// `plan` with its merges in partition order where its order shows;
/// `spark_shuffle` (Spark's number of shuffle partitions) while nothing but
/// order-keeping, distribution-free operators lie between `plan` and the
/// result (projections, filters, limits, generators), so that an aggregation
/// or window there can be put in Spark's order.
fn keep_order(plan: Arc<dyn ExecutionPlan>, order_shows: bool, spark_shuffle: Option<usize>) -> Result<Arc<dyn ExecutionPlan>> {
    if order_shows
        && let Some(buckets) = spark_shuffle
        && let Some(in_spark_order) = shuffle_order::in_spark_order(&plan, buckets)?
    {
        // The rewrite's own inputs: no second rewrite below it.
        return keep_children_order(in_spark_order, false, None);
    }
    if let Some(merged) = shuffle_order::merged_in_map_order(&plan, spark_shuffle.unwrap_or(1))? {
        // A grouped aggregation whose result depends on its merge order, where
        // its output order does not show: its partial results per group merged
        // in map order all the same, then partitioned as before.
        let merged = keep_children_order(merged, false, None)?;
        return shuffle_order::partitioned_as(merged, &plan);
    }
    if let Some(coalesce) = plan.downcast_ref::<CoalescePartitionsExec>()
        && (order_shows || coalesce.fetch().is_some())
    {
        let input = keep_order(Arc::clone(coalesce.input()), true, spark_shuffle)?;
        return Ok(Arc::new(ConcatPartitionsExec::new(input, coalesce.fetch())));
    }
    keep_children_order(plan, order_shows, spark_shuffle)
}

fn keep_children_order(
    plan: Arc<dyn ExecutionPlan>,
    order_shows: bool,
    spark_shuffle: Option<usize>,
) -> Result<Arc<dyn ExecutionPlan>> {
    let limits = plan.fetch().is_some()
        || plan.is::<GlobalLimitExec>()
        || plan.is::<LocalLimitExec>()
        || merges_in_order(plan.as_ref());
    // A union's partitions are its inputs' partitions, each in its own order,
    // whether or not DataFusion sees a sort order to keep; an unnest (Spark's
    // generators) turns each row into its rows where the row was.
    let passes_order = plan.is::<UnionExec>() || plan.is::<UnnestExec>();
    // A shuffle read reads each of its input's partitions in order.
    let reads_in_order = plan.is::<SparkShuffleReadExec>();
    let keeps = plan.maintains_input_order();
    let spark_shuffle = spark_shuffle.filter(|_| distribution_free(plan.as_ref()));
    let children = plan
        .children()
        .into_iter()
        .enumerate()
        .map(|(index, child)| {
            let keeps_child = passes_order || keeps.get(index).copied().unwrap_or(false);
            let child_order_shows = limits || reads_in_order || (order_shows && keeps_child);
            keep_order(Arc::clone(child), child_order_shows, spark_shuffle.filter(|_| keeps_child))
        })
        .collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(plan, children)
}

/// Whether `plan` puts no requirement on how its input is partitioned, so
/// that an input that changes its partitioning changes nothing for it.
fn distribution_free(plan: &dyn ExecutionPlan) -> bool {
    plan.is::<ProjectionExec>()
        || plan.is::<FilterExec>()
        || plan.is::<CoalescePartitionsExec>()
        || plan.is::<ConcatPartitionsExec>()
        || plan.is::<GlobalLimitExec>()
        || plan.is::<LocalLimitExec>()
        || plan.is::<UnnestExec>()
}
