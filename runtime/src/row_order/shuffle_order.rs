// SPDX-License-Identifier: Apache-2.0
//! Spark's row order after a shuffle, where a result shows it: the groups of
//! `groupBy`/`distinct` and the rows of a window come out as Spark's come out
//! when its shuffle is small enough to be read as one partition (adaptive
//! execution coalesces every small shuffle so: the case of a `show()` after a
//! `groupBy` on a few rows).
//!
//! Spark hashes each row's keys (Murmur3, `hash(keys)`) into one of
//! `spark.sql.shuffle.partitions` buckets. Each map task writes its rows by
//! bucket, keeping their order within one; the one reducing task reads map
//! task 0's buckets in bucket order, then map task 1's, and so on.
//! - A hash aggregation (all aggregates keep fixed-width buffers, or one of
//!   them is a typed aggregate such as `collect_list`) returns its groups in
//!   the order it first met them in that read ([`SparkShuffleReadExec`] below
//!   a single final aggregation reproduces the read). Its map side emits its
//!   groups in the order it met them too, except that with Spark's two-level
//!   map (keys and buffers all of primitive, string or small decimal types)
//!   the groups with a null key come after the others: they skip the fast map.
//! - A sort aggregation (a `min`/`max`/`first` of strings, ...), a pandas
//!   aggregate and a window sort the read by their keys: their output is
//!   sorted by the grouping (window partition) keys, ascending with nulls
//!   first, then the window's order.
//!
//! Only operators whose output reaches the result through order-keeping,
//! distribution-free operators (projections, filters, limits) are changed,
//! so joins and further aggregations keep the plan DataFusion chose. The
//! final aggregation then runs in one partition: a cost paid only where the
//! order shows (an `orderBy` above it hides it).

use std::fmt;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, UInt32Array};
use datafusion::arrow::compute::{SortOptions, concat_batches, take_record_batch};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::config::ConfigExtension;
use datafusion::common::runtime::SpawnedTask;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DataFusionError, Result, extensions_options, internal_err};
use datafusion::execution::TaskContext;
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::{EquivalenceProperties, LexOrdering, PhysicalExpr, PhysicalSortExpr};
use datafusion::physical_plan::aggregates::{AggregateExec, AggregateMode};
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::sorts::sort::SortExec;
use datafusion::physical_plan::sorts::sort_preserving_merge::SortPreservingMergeExec;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::windows::{BoundedWindowAggExec, WindowAggExec};
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, Partitioning, PlanProperties,
    SendableRecordBatchStream, replace_children_if_necessary,
};
use futures::{StreamExt, TryStreamExt};

use crate::functions::murmur3_hash::{hashable, spark_hashes};
use crate::host_functions::HostAggregate;

extensions_options! {
    /// Spark's shuffle settings.
    pub struct SparkShuffleOptions {
        /// `spark.sql.shuffle.partitions`: how many buckets a shuffle hashes rows into.
        pub partitions: usize, default = 200
    }
}

impl ConfigExtension for SparkShuffleOptions {
    const PREFIX: &'static str = "spark_shuffle";
}

/// Aggregates Spark runs as typed (object) aggregates: their presence makes
/// an aggregation a hash aggregation whatever the other buffers hold.
const TYPED_AGGREGATES: &[&str] = &[
    "collect_list",
    "collect_set",
    "percentile",
    "percentile_approx",
    "mode",
    "string_agg",
    "hll_sketch_agg",
    "hll_union_agg",
    "theta_sketch_agg",
    "theta_union_agg",
];

/// Aggregates whose buffer holds values of their arguments' types: on
/// strings, binary or nested values that buffer is not fixed-width, and
/// Spark sorts instead of hashing.
const VALUE_BUFFER_AGGREGATES: &[&str] = &["min", "max", "first", "last", "max_by", "min_by"];

/// `plan` rewritten to return its rows in Spark's order, if it is an
/// aggregation or window whose order pyrust knows how to reproduce.
pub(crate) fn in_spark_order(plan: &Arc<dyn ExecutionPlan>, shuffle_partitions: usize) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    if let Some(aggregate) = plan.downcast_ref::<AggregateExec>() {
        return aggregation_in_spark_order(plan, aggregate, shuffle_partitions);
    }
    let window_keys = if let Some(window) = plan.downcast_ref::<BoundedWindowAggExec>() {
        Some((window.partition_keys(), window.window_expr().first().map(|expression| expression.order_by().to_vec())))
    } else {
        plan.downcast_ref::<WindowAggExec>().map(|window| {
            (window.partition_keys(), window.window_expr().first().map(|expression| expression.order_by().to_vec()))
        })
    };
    let Some((partition_keys, order_by)) = window_keys else {
        return Ok(None);
    };
    if partition_keys.is_empty() || plan.output_partitioning().partition_count() <= 1 {
        // One partition: already sorted as Spark sorts it.
        return Ok(None);
    }
    let mut ordering: Vec<PhysicalSortExpr> =
        partition_keys.into_iter().map(|key| PhysicalSortExpr::new(key, ascending_nulls_first())).collect();
    ordering.extend(order_by.unwrap_or_default());
    Ok(Some(sorted(&without_pushed_limits(plan)?, ordering)))
}

/// `window` without the limits DataFusion pushed below it: they keep the
/// first rows of its own order (partition keys with nulls last), not of Spark's.
fn without_pushed_limits(window: &Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    fn unlimited(plan: &Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
        if let Some(sort) = plan.downcast_ref::<SortExec>() {
            let input = unlimited(sort.input())?;
            let sort = SortExec::new(sort.expr().clone(), input).with_preserve_partitioning(sort.preserve_partitioning());
            return Ok(Arc::new(sort));
        }
        if plan.is::<RepartitionExec>() {
            let children = plan.children().into_iter().map(unlimited).collect::<Result<Vec<_>>>()?;
            return replace_children_if_necessary(Arc::clone(plan), children);
        }
        Ok(Arc::clone(plan))
    }
    let children = window.children().into_iter().map(unlimited).collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(Arc::clone(window), children)
}

fn ascending_nulls_first() -> SortOptions {
    SortOptions { descending: false, nulls_first: true }
}

/// `plan`'s partitions each sorted by `ordering`, merged into one.
fn sorted(plan: &Arc<dyn ExecutionPlan>, ordering: Vec<PhysicalSortExpr>) -> Arc<dyn ExecutionPlan> {
    let Some(ordering) = LexOrdering::new(ordering) else {
        return Arc::clone(plan);
    };
    let sort = SortExec::new(ordering.clone(), Arc::clone(plan)).with_preserve_partitioning(true);
    Arc::new(SortPreservingMergeExec::new(ordering, Arc::new(sort)))
}

fn aggregation_in_spark_order(
    plan: &Arc<dyn ExecutionPlan>,
    aggregate: &AggregateExec,
    shuffle_partitions: usize,
) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    let group_by = aggregate.group_expr();
    if group_by.is_empty() || group_by.has_grouping_set() || matches!(aggregate.mode(), AggregateMode::Partial) {
        return Ok(None);
    }
    if sorts_groups(aggregate)? {
        let ordering = (0..group_by.expr().len())
            .map(|index| {
                let name = plan.schema().field(index).name().clone();
                PhysicalSortExpr::new(Arc::new(Column::new(&name, index)), ascending_nulls_first())
            })
            .collect();
        return Ok(Some(sorted(plan, ordering)));
    }
    // The rows Spark's map tasks would shuffle, and the expressions of their keys.
    let (mode, map_output, keys): (AggregateMode, Arc<dyn ExecutionPlan>, Vec<Arc<dyn PhysicalExpr>>) =
        match aggregate.mode() {
            AggregateMode::Final | AggregateMode::FinalPartitioned => return final_over_shuffle_read(aggregate, shuffle_partitions),
            AggregateMode::Single | AggregateMode::SinglePartitioned => {
                let input = below_exchange(aggregate.input());
                let keys = group_by.expr().iter().map(|(expression, _)| Arc::clone(expression)).collect();
                (AggregateMode::Single, input, keys)
            }
            _ => return Ok(None),
        };
    if !keys_hashable(&keys, &map_output.schema())? {
        return Ok(None);
    }
    // Spark aggregates each map task's rows first (here the read's rows are
    // raw): its groups with a null key come last as well.
    let null_keys_last = two_level_map(aggregate, &aggregate.input_schema())?;
    let read = Arc::new(SparkShuffleReadExec::new(map_output, keys, shuffle_partitions).with_null_keys_last(null_keys_last));
    let final_aggregate = AggregateExec::try_new(
        mode,
        Arc::new(group_by.clone()),
        aggregate.aggr_expr().to_vec(),
        aggregate.filter_expr().to_vec(),
        read,
        aggregate.input_schema(),
    )?;
    Ok(Some(Arc::new(final_aggregate)))
}

/// The final step of a grouped aggregation over a partial one, reading the
/// partial results as Spark's reducer reads them ([`SparkShuffleReadExec`]):
/// one partition, map outputs in map order, so each group merges its partial
/// results in partition order. None for another plan shape.
fn final_over_shuffle_read(aggregate: &AggregateExec, shuffle_partitions: usize) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    let group_by = aggregate.group_expr();
    let partial = below_exchange(aggregate.input());
    if !partial.downcast_ref::<AggregateExec>().is_some_and(|below| *below.mode() == AggregateMode::Partial) {
        return Ok(None);
    }
    // A partial aggregation's output starts with its group columns.
    let schema = partial.schema();
    let keys: Vec<Arc<dyn PhysicalExpr>> = (0..group_by.expr().len())
        .map(|index| Arc::new(Column::new(schema.field(index).name(), index)) as Arc<dyn PhysicalExpr>)
        .collect();
    if !keys_hashable(&keys, &schema)? {
        return Ok(None);
    }
    let null_keys_last = two_level_map(aggregate, &schema)?;
    let read = Arc::new(SparkShuffleReadExec::new(partial, keys, shuffle_partitions).with_null_keys_last(null_keys_last));
    let final_aggregate = AggregateExec::try_new(
        AggregateMode::Final,
        Arc::new(group_by.clone()),
        aggregate.aggr_expr().to_vec(),
        aggregate.filter_expr().to_vec(),
        read,
        aggregate.input_schema(),
    )?;
    Ok(Some(Arc::new(final_aggregate)))
}

/// `plan` rewritten so that its partial results merge in map order, if it is
/// the final step of a grouped aggregation whose result depends on that order
/// (an order-sensitive aggregate, or one adding doubles: `super::order_sensitive`),
/// and nothing above relies on its output's sort order. The rewrite has one
/// partition ([`partitioned_as`] restores the original's partitioning).
pub(crate) fn merged_in_map_order(plan: &Arc<dyn ExecutionPlan>, shuffle_partitions: usize) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    let Some(aggregate) = plan.downcast_ref::<AggregateExec>() else {
        return Ok(None);
    };
    let final_step = matches!(aggregate.mode(), AggregateMode::Final | AggregateMode::FinalPartitioned);
    if !final_step
        || aggregate.group_expr().is_empty()
        || aggregate.group_expr().has_grouping_set()
        || !super::order_sensitive(aggregate)
        || plan.output_ordering().is_some()
    {
        return Ok(None);
    }
    let partitioning = plan.output_partitioning();
    if partitioning.partition_count() > 1 && !matches!(partitioning, Partitioning::Hash(..)) {
        return Ok(None);
    }
    final_over_shuffle_read(aggregate, shuffle_partitions)
}

/// `merged` (one partition) partitioned as `original` was: hashed by the
/// same keys into as many partitions, which is what the operators above it
/// were planned for (a partitioned join's other side is hashed alike).
pub(crate) fn partitioned_as(merged: Arc<dyn ExecutionPlan>, original: &Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    let partitioning = original.output_partitioning();
    if partitioning.partition_count() <= 1 {
        return Ok(merged);
    }
    Ok(Arc::new(RepartitionExec::try_new(merged, partitioning.clone())?))
}

/// The input of the exchange DataFusion put below an aggregation, if any.
fn below_exchange(input: &Arc<dyn ExecutionPlan>) -> Arc<dyn ExecutionPlan> {
    if let Some(repartition) = input.downcast_ref::<RepartitionExec>() {
        return Arc::clone(repartition.input());
    }
    if let Some(coalesce) = input.downcast_ref::<CoalescePartitionsExec>() {
        return Arc::clone(coalesce.input());
    }
    Arc::clone(input)
}

/// Whether Spark sorts this aggregation's groups (a sort aggregation or a
/// pandas aggregation) rather than hashing them.
fn sorts_groups(aggregate: &AggregateExec) -> Result<bool> {
    let input_schema = aggregate.input_schema();
    let mut typed = false;
    let mut variable_width_buffer = false;
    for function in aggregate.aggr_expr() {
        let udf = function.fun();
        if udf.inner().is::<HostAggregate>() {
            return Ok(true);
        }
        let name = udf.name();
        if TYPED_AGGREGATES.contains(&name) {
            typed = true;
        } else if VALUE_BUFFER_AGGREGATES.contains(&name) {
            for argument in function.expressions() {
                variable_width_buffer |= !fixed_width(&argument.data_type(&input_schema)?);
            }
        }
    }
    Ok(variable_width_buffer && !typed)
}

/// Whether Spark keeps a value of this type in place in a row buffer.
fn fixed_width(data_type: &DataType) -> bool {
    data_type.is_primitive() || matches!(data_type, DataType::Boolean | DataType::Null)
}

/// Whether Spark's map-side aggregation runs with its two-level map (a fast
/// map for keys without nulls in front of the regular one, emitted first):
/// a hash aggregation (no typed aggregate) whose keys and buffers are all of
/// primitive, string or small decimal types. The buffers are judged by
/// DataFusion's partial state and the aggregates' result types, which have
/// Spark's buffer types for the aggregates in question.
fn two_level_map(aggregate: &AggregateExec, input_schema: &Schema) -> Result<bool> {
    if sorts_groups(aggregate)? || aggregate.aggr_expr().is_empty() {
        return Ok(false);
    }
    for function in aggregate.aggr_expr() {
        if TYPED_AGGREGATES.contains(&function.fun().name()) || function.fun().inner().is::<HostAggregate>() {
            return Ok(false);
        }
        let mut buffers = function.state_fields()?.into_iter().map(|field| field.data_type().clone()).collect::<Vec<_>>();
        buffers.push(function.field().data_type().clone());
        if !buffers.iter().all(|data_type| fast_map_type(data_type, false)) {
            return Ok(false);
        }
    }
    for (key, _) in aggregate.group_expr().expr() {
        if !fast_map_type(&key.data_type(input_schema)?, true) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether Spark's fast aggregation map holds a value of this type (strings only as keys).
fn fast_map_type(data_type: &DataType, key: bool) -> bool {
    match data_type {
        DataType::Decimal128(precision, _) => *precision <= 18,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => key,
        DataType::Null | DataType::Boolean => true,
        other => other.is_primitive(),
    }
}

fn keys_hashable(keys: &[Arc<dyn PhysicalExpr>], schema: &Schema) -> Result<bool> {
    for key in keys {
        if !hashable(&key.data_type(schema)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One partition: Spark's shuffle read of its input. Each input partition
/// (a map task) is read whole and its rows ordered by their Spark bucket,
/// keeping their order within a bucket; the partitions follow one another in
/// partition order. The input partitions run at once; each is buffered.
#[derive(Debug, Clone)]
pub(crate) struct SparkShuffleReadExec {
    input: Arc<dyn ExecutionPlan>,
    keys: Vec<Arc<dyn PhysicalExpr>>,
    buckets: usize,
    /// Whether a map task's rows with a null key follow its others within a
    /// bucket (Spark's two-level aggregation map, see [`two_level_map`]).
    null_keys_last: bool,
    properties: Arc<PlanProperties>,
}

impl SparkShuffleReadExec {
    pub(crate) fn new(input: Arc<dyn ExecutionPlan>, keys: Vec<Arc<dyn PhysicalExpr>>, buckets: usize) -> Self {
        let properties = PlanProperties::new(
            EquivalenceProperties::new(input.schema()),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Incremental,
            Boundedness::Bounded,
        );
        SparkShuffleReadExec { input, keys, buckets: buckets.max(1), null_keys_last: false, properties: Arc::new(properties) }
    }

    pub(crate) fn with_null_keys_last(mut self, null_keys_last: bool) -> Self {
        self.null_keys_last = null_keys_last;
        self
    }
}

impl DisplayAs for SparkShuffleReadExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        let keys: Vec<String> = self.keys.iter().map(ToString::to_string).collect();
        write!(formatter, "SparkShuffleReadExec: keys=[{}], buckets={}", keys.join(", "), self.buckets)?;
        if self.null_keys_last { write!(formatter, ", null_keys_last") } else { Ok(()) }
    }
}

impl ExecutionPlan for SparkShuffleReadExec {
    fn name(&self) -> &str {
        "SparkShuffleReadExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![false]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn apply_expressions(
        &self,
        visit: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        for key in &self.keys {
            if visit(key)? == TreeNodeRecursion::Stop {
                return Ok(TreeNodeRecursion::Stop);
            }
        }
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        let [input] = <[_; 1]>::try_from(children)
            .map_err(|children| DataFusionError::Internal(format!("SparkShuffleReadExec takes one input, got {}", children.len())))?;
        Ok(Arc::new(SparkShuffleReadExec::new(input, self.keys.clone(), self.buckets).with_null_keys_last(self.null_keys_last)))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return internal_err!("SparkShuffleReadExec has one partition, asked for partition {partition}");
        }
        let schema = self.schema();
        let batch_size = context.session_config().batch_size();
        let mut tasks = Vec::new();
        for index in 0..self.input.output_partitioning().partition_count() {
            let stream = self.input.execute(index, Arc::clone(&context))?;
            let (keys, schema, buckets, null_keys_last) = (self.keys.clone(), Arc::clone(&schema), self.buckets, self.null_keys_last);
            // Dropping the output stream drops the tasks, which aborts them.
            tasks.push(SpawnedTask::spawn(async move {
                map_output_by_bucket(stream, &keys, schema, buckets, null_keys_last).await
            }));
        }
        let output = futures::stream::iter(tasks)
            .then(|task| async move {
                task.join().await.map_err(|error| DataFusionError::Execution(format!("a shuffle map task failed: {error}")))?
            })
            .map_ok(move |batch| futures::stream::iter(slices(batch, batch_size).into_iter().map(Ok)))
            .try_flatten();
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, output)))
    }
}

/// All of one map task's rows, ordered by bucket (a stable sort, so rows of
/// one bucket keep their order).
async fn map_output_by_bucket(
    stream: SendableRecordBatchStream,
    keys: &[Arc<dyn PhysicalExpr>],
    schema: SchemaRef,
    buckets: usize,
    null_keys_last: bool,
) -> Result<RecordBatch> {
    let batches: Vec<RecordBatch> = stream.try_collect().await?;
    let rows = concat_batches(&schema, &batches)?;
    let key_arrays = keys
        .iter()
        .map(|key| key.evaluate(&rows).and_then(|value| value.into_array(rows.num_rows())))
        .collect::<Result<Vec<ArrayRef>>>()?;
    let null_key: Vec<bool> = if null_keys_last {
        (0..rows.num_rows()).map(|row| key_arrays.iter().any(|array| array.is_null(row))).collect()
    } else {
        vec![false; rows.num_rows()]
    };
    let order = bucket_order(&spark_hashes(&key_arrays, rows.num_rows())?, &null_key, buckets);
    Ok(take_record_batch(&rows, &order)?)
}

/// Row indices sorted by Spark's bucket of each row's hash (`pmod(hash, buckets)`),
/// then with the rows flagged in `last` after the others, stably.
fn bucket_order(hashes: &[i32], last: &[bool], buckets: usize) -> UInt32Array {
    let buckets = i64::try_from(buckets).unwrap_or(i64::MAX);
    let bucket_of = |row: usize| i64::from(hashes[row]).rem_euclid(buckets);
    let mut rows: Vec<usize> = (0..hashes.len()).collect();
    rows.sort_by_key(|&row| (bucket_of(row), last[row]));
    rows.into_iter().map(|row| u32::try_from(row).unwrap_or(u32::MAX)).collect()
}

/// `batch` cut into batches of at most `size` rows.
fn slices(batch: RecordBatch, size: usize) -> Vec<RecordBatch> {
    let size = size.max(1);
    if batch.num_rows() <= size {
        return vec![batch];
    }
    (0..batch.num_rows()).step_by(size).map(|offset| batch.slice(offset, size.min(batch.num_rows() - offset))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_ordered_by_bucket_keeping_their_order_within_one() {
        // Buckets of 5: 3, 1, 3, 0 (the -5 is pmod'ed to 0), 1.
        let order = bucket_order(&[3, 6, 8, -5, 1], &[false; 5], 5);
        assert_eq!(order.values().to_vec(), vec![3, 1, 4, 0, 2]);
    }

    #[test]
    fn rows_with_a_null_key_come_last_in_their_bucket() {
        // Buckets of 2: 1, 1, 0, 1; rows 0 and 2 have a null key.
        let order = bucket_order(&[1, 3, 2, 5], &[true, false, true, false], 2);
        assert_eq!(order.values().to_vec(), vec![2, 1, 3, 0]);
    }

    #[test]
    fn slices_cover_the_batch() -> Result<()> {
        let schema = Arc::new(Schema::new(vec![datafusion::arrow::datatypes::Field::new("x", DataType::Int32, false)]));
        let values: ArrayRef = Arc::new(datafusion::arrow::array::Int32Array::from((0..10).collect::<Vec<i32>>()));
        let batch = RecordBatch::try_new(schema, vec![values])?;
        let sizes: Vec<usize> = slices(batch, 4).iter().map(RecordBatch::num_rows).collect();
        assert_eq!(sizes, vec![4, 4, 2]);
        Ok(())
    }
}
