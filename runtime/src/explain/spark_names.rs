// SPDX-License-Identifier: Apache-2.0
//! The one table from DataFusion's physical operators (and ours) to the names
//! Spark's plans give their counterparts. An operator missing from it keeps
//! DataFusion's name and description.

use std::collections::HashSet;
use std::sync::Arc;

use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::joins::{HashJoinExec, PartitionMode};

/// Where an operator sits, when that decides its Spark name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Anywhere else.
    Plain,
    /// The collected (build) input of a join that collects one input whole.
    BroadcastInput,
}

/// The Arrow arrays of results kept by `cache()`/`persist()`, by address:
/// a scan of in-memory batches holding them is a scan of a cached result.
#[derive(Debug, Default)]
pub(crate) struct CachedResults(pub(crate) HashSet<usize>);

/// How an operator's Spark name is found.
enum SparkName {
    /// Always this name.
    Is(&'static str),
    /// Decided by the operator's settings or place; `None` keeps DataFusion's name.
    By(fn(&dyn ExecutionPlan, Role, &CachedResults) -> Option<String>),
}

/// DataFusion's operator name → Spark's.
const SPARK_NAMES: &[(&str, SparkName)] = &[
    ("ProjectionExec", SparkName::Is("Project")),
    ("PartitionBoundProjectionExec", SparkName::Is("Project")),
    ("FilterExec", SparkName::Is("Filter")),
    ("SortExec", SparkName::Is("Sort")),
    ("SortExec(TopK)", SparkName::Is("Sort")),
    ("SortPreservingMergeExec", SparkName::By(sort_preserving_merge)),
    ("AggregateExec", SparkName::Is("HashAggregate")),
    ("HashJoinExec", SparkName::By(hash_join)),
    ("SortMergeJoinExec", SparkName::Is("SortMergeJoin")),
    // Both collect their left input whole, as Spark's broadcast nested loop join does.
    ("NestedLoopJoinExec", SparkName::Is("BroadcastNestedLoopJoin")),
    ("CrossJoinExec", SparkName::Is("BroadcastNestedLoopJoin")),
    ("SymmetricHashJoinExec", SparkName::Is("StreamingSymmetricHashJoin")),
    ("RepartitionExec", SparkName::Is("Exchange")),
    // A shuffle's map outputs read as one partition, in Spark's bucket order.
    ("SparkShuffleReadExec", SparkName::Is("AQEShuffleRead")),
    ("CoalescePartitionsExec", SparkName::By(coalesce)),
    // Partitions one after another: Spark's `Coalesce 1` reads them so.
    ("ConcatPartitionsExec", SparkName::By(coalesce)),
    ("GlobalLimitExec", SparkName::Is("GlobalLimit")),
    ("LocalLimitExec", SparkName::Is("LocalLimit")),
    ("UnionExec", SparkName::Is("Union")),
    ("InterleaveExec", SparkName::Is("Union")),
    ("BoundedWindowAggExec", SparkName::Is("Window")),
    ("WindowAggExec", SparkName::Is("Window")),
    ("UnnestExec", SparkName::Is("Generate")),
    ("LazyMemoryExec", SparkName::By(generated)),
    ("DataSourceExec", SparkName::By(scan)),
    ("EmptyExec", SparkName::Is("LocalTableScan")),
    ("PlaceholderRowExec", SparkName::Is("Scan OneRowRelation")),
];

/// Spark's name of `plan` at `role`, or `None` when Spark has no counterpart.
pub(crate) fn spark_name(plan: &dyn ExecutionPlan, role: Role, cached: &CachedResults) -> Option<String> {
    let (_, naming) = SPARK_NAMES.iter().find(|(name, _)| *name == plan.name())?;
    match naming {
        SparkName::Is(name) => Some((*name).to_string()),
        SparkName::By(decide) => decide(plan, role, cached),
    }
}

fn hash_join(plan: &dyn ExecutionPlan, _role: Role, _cached: &CachedResults) -> Option<String> {
    let join = plan.downcast_ref::<HashJoinExec>()?;
    Some(match join.partition_mode() {
        PartitionMode::CollectLeft => "BroadcastHashJoin",
        PartitionMode::Partitioned | PartitionMode::Auto => "ShuffledHashJoin",
    }
    .to_string())
}

fn coalesce(_plan: &dyn ExecutionPlan, role: Role, _cached: &CachedResults) -> Option<String> {
    Some(if role == Role::BroadcastInput { "BroadcastExchange" } else { "Coalesce" }.to_string())
}

/// A merge of sorted partitions with a fetch is the top of Spark's `orderBy(...).limit(n)`.
fn sort_preserving_merge(plan: &dyn ExecutionPlan, _role: Role, _cached: &CachedResults) -> Option<String> {
    plan.fetch().map(|_| "TakeOrderedAndProject".to_string())
}

/// `range()`'s rows are generated.
fn generated(plan: &dyn ExecutionPlan, _role: Role, _cached: &CachedResults) -> Option<String> {
    let mut description = String::new();
    super::write_description(plan, &mut description);
    description.contains("range:").then(|| "Range".to_string())
}

fn scan(plan: &dyn ExecutionPlan, _role: Role, cached: &CachedResults) -> Option<String> {
    let scan = plan.downcast_ref::<DataSourceExec>()?;
    let source = scan.data_source();
    if let Some(files) = source.downcast_ref::<FileScanConfig>() {
        return Some(format!("FileScan {}", files.file_source().file_type()));
    }
    let memory = source.downcast_ref::<MemorySourceConfig>()?;
    let holds_cached = memory
        .partitions()
        .iter()
        .flatten()
        .filter(|batch| batch.num_columns() > 0)
        .any(|batch| cached.0.contains(&array_address(batch.column(0))));
    Some(if holds_cached { "InMemoryTableScan" } else { "LocalTableScan" }.to_string())
}

/// The address identifying an Arrow array (shared, not copied, by scans).
pub(crate) fn array_address(array: &Arc<dyn datafusion::arrow::array::Array>) -> usize {
    Arc::as_ptr(array).cast::<()>() as usize
}
