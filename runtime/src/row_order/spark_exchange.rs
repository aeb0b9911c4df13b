// SPDX-License-Identifier: Apache-2.0
//! [`SparkExchangeExec`]: the rows of its input, whose partitions are Spark's
//! (the analyzer plans one only then), moved to the partitions Spark's
//! exchanges put them in (the relation: [`pyrust_compiler::spark_exchange`]).
//! Each output partition holds its rows in Spark's shuffle-read order: the
//! rows of input partition 0 that go there (in the order that partition
//! produced them), then those of partition 1, and so on.
//!
//! - `round_robin` (`repartition(n)`, Spark's `RoundRobinPartitioning` with
//!   `sortBeforeRepartition`): each input partition `k` is sorted by its
//!   rows' `UnsafeRow` hash, then bytes ([`unsafe_row`](super::unsafe_row)),
//!   and dealt from `XORShiftRandom(k).nextInt(n) + 1` on. The row is what
//!   reaches the exchange: the logical node lets DataFusion prune the columns
//!   nothing above reads, as Spark's `ColumnPruning` does.
//! - `by_id` (`repartition(n, cols)`, `repartitionById`): the partition a
//!   key column names (`pmod(hash(cols), n)`, computed by the plan).
//! - `range` (`repartitionByRange(n, cols)`): Spark's `RangePartitioner`.
//!   It samples each input partition; where a partition holds no more rows
//!   than the sample size, the sample is every row, with weight 1, and the
//!   bounds are `determineBounds` of them (exact). Larger partitions are
//!   sampled at random by Spark: NOT_IMPLEMENTED.
//! - `coalesce` (`coalesce(n)`): output `j` is input partitions `[j * p / n,
//!   (j + 1) * p / n)`, one after another; over a shuffle's partitions, the
//!   groups Spark's coalescer makes of them by location ([`spark_coalescer`](super::spark_coalescer)).
//!
//! The shuffles collect their whole input first, as a shuffle's map stage does.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Float64Array, RecordBatch, RecordBatchOptions, UInt32Array};
use datafusion::arrow::compute::{concat_batches, take};
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type, Int32Type, SchemaRef};
use datafusion::arrow::row::{OwnedRow, RowConverter, SortField};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchema, DFSchemaRef, DataFusionError, Result, internal_err, not_impl_err};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{Expr, LogicalPlan, UserDefinedLogicalNode, UserDefinedLogicalNodeCore};
use datafusion::physical_expr::{EquivalenceProperties, Partitioning, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, PlanProperties, SendableRecordBatchStream};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};
use datafusion::arrow::compute::SortOptions;
use futures::{StreamExt, TryStreamExt};
use pyrust_compiler::spark_exchange::{ExchangeKind, SparkExchange};
use tokio::sync::OnceCell;

use super::spark_coalescer::coalesce_groups;
use super::unsafe_row::{encode_rows, hash_code};
use crate::functions::per_partition::JavaRandom;

/// The logical node of an exchange: the input's first columns (its last
/// `keys` columns are the exchange's keys).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SparkExchangeNode {
    input: LogicalPlan,
    exchange: SparkExchange,
    schema: DFSchemaRef,
}

impl PartialOrd for SparkExchangeNode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match self.exchange.partial_cmp(&other.exchange) {
            Some(std::cmp::Ordering::Equal) => self.input.partial_cmp(&other.input),
            ordering => ordering,
        }
    }
}

/// The input and exchange of `node` when it is an exchange.
pub(crate) fn exchange_of(node: &dyn UserDefinedLogicalNode) -> Option<(&LogicalPlan, &SparkExchange)> {
    node.as_any().downcast_ref::<SparkExchangeNode>().map(|exchange| (&exchange.input, &exchange.exchange))
}

/// The exchange `exchange` of `input`.
pub(crate) fn spark_exchange(input: LogicalPlan, exchange: SparkExchange) -> Result<LogicalPlan> {
    let schema = output_schema(&input, exchange.keys)?;
    Ok(LogicalPlan::Extension(datafusion::logical_expr::Extension {
        node: Arc::new(SparkExchangeNode { input, exchange, schema }),
    }))
}

fn output_schema(input: &LogicalPlan, keys: usize) -> Result<DFSchemaRef> {
    let schema = input.schema();
    let Some(width) = schema.fields().len().checked_sub(keys) else {
        return internal_err!("an exchange's {keys} keys are more than its input's columns");
    };
    let fields = schema.iter().take(width).map(|(qualifier, field)| (qualifier.cloned(), Arc::clone(field))).collect();
    Ok(Arc::new(DFSchema::new_with_metadata(fields, schema.metadata().clone())?))
}

impl UserDefinedLogicalNodeCore for SparkExchangeNode {
    fn name(&self) -> &str {
        "SparkExchange"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        vec![&self.input]
    }

    fn schema(&self) -> &DFSchemaRef {
        &self.schema
    }

    fn expressions(&self) -> Vec<Expr> {
        Vec::new()
    }

    fn fmt_for_explain(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "SparkExchange: {} partitions={}", self.exchange.kind.name(), self.exchange.partitions)
    }

    fn with_exprs_and_inputs(&self, _exprs: Vec<Expr>, inputs: Vec<LogicalPlan>) -> Result<Self> {
        let Ok([input]) = <[LogicalPlan; 1]>::try_from(inputs) else {
            return internal_err!("SparkExchange takes one input");
        };
        let schema = output_schema(&input, self.exchange.keys)?;
        Ok(SparkExchangeNode { input, exchange: self.exchange.clone(), schema })
    }

    /// The columns read above and the keys: Spark prunes the others below an
    /// exchange too, and a round-robin exchange's rows are what is left.
    fn necessary_children_exprs(&self, output_columns: &[usize]) -> Option<Vec<Vec<usize>>> {
        let width = self.input.schema().fields().len();
        let mut needed: Vec<usize> = output_columns.to_vec();
        needed.extend(width - self.exchange.keys..width);
        needed.sort_unstable();
        needed.dedup();
        Some(vec![needed])
    }

    /// Spark pushes filters below a repartition.
    fn prevent_predicate_push_down_columns(&self) -> HashSet<String> {
        HashSet::new()
    }
}

/// Plans [`SparkExchangeNode`]s.
#[derive(Debug)]
pub(crate) struct SparkExchangePlanner;

#[async_trait]
impl ExtensionPlanner for SparkExchangePlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        _session: &dyn datafusion::catalog::Session,
        _planning_context: &datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext,
    ) -> Result<Option<Arc<dyn ExecutionPlan>>> {
        let Some(node) = node.as_any().downcast_ref::<SparkExchangeNode>() else {
            return Ok(None);
        };
        let [input] = physical_inputs else {
            return internal_err!("SparkExchange takes one input");
        };
        let schema = Arc::new(node.schema.as_arrow().clone());
        Ok(Some(Arc::new(SparkExchangeExec::new(Arc::clone(input), node.exchange.clone(), schema))))
    }
}

/// Each output partition's batches, once the shuffle ran.
type Shuffled = Arc<Vec<Vec<RecordBatch>>>;

/// The physical operator of an exchange.
#[derive(Debug)]
pub(crate) struct SparkExchangeExec {
    input: Arc<dyn ExecutionPlan>,
    exchange: SparkExchange,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
    shuffled: Arc<OnceCell<Shuffled>>,
}

impl SparkExchangeExec {
    fn new(input: Arc<dyn ExecutionPlan>, exchange: SparkExchange, schema: SchemaRef) -> Self {
        let input_partitions = input.output_partitioning().partition_count();
        let partitions = match exchange.kind {
            ExchangeKind::Coalesce => exchange.partitions.min(input_partitions).max(1),
            _ => exchange.partitions,
        };
        let properties = PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(partitions),
            EmissionType::Final,
            Boundedness::Bounded,
        );
        SparkExchangeExec { input, exchange, schema, properties: Arc::new(properties), shuffled: Arc::new(OnceCell::new()) }
    }
}

impl DisplayAs for SparkExchangeExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "SparkExchangeExec: {} partitions={}", self.exchange.kind.name(), self.exchange.partitions)
    }
}

impl ExecutionPlan for SparkExchangeExec {
    fn name(&self) -> &str {
        "SparkExchangeExec"
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
        _visit: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        let Ok([input]) = <[Arc<dyn ExecutionPlan>; 1]>::try_from(children) else {
            return internal_err!("SparkExchangeExec takes one input");
        };
        Ok(Arc::new(SparkExchangeExec::new(input, self.exchange.clone(), Arc::clone(&self.schema))))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let schema = Arc::clone(&self.schema);
        if self.exchange.kind == ExchangeKind::Coalesce && !self.exchange.located {
            let inputs = self.input.output_partitioning().partition_count();
            let outputs = self.properties.output_partitioning().partition_count();
            let (start, end) = if inputs == 0 { (0, 0) } else { (partition * inputs / outputs, (partition + 1) * inputs / outputs) };
            let streams = (start..end).map(|index| self.input.execute(index, Arc::clone(&context))).collect::<Result<Vec<_>>>()?;
            return Ok(Box::pin(RecordBatchStreamAdapter::new(schema, futures::stream::iter(streams).flatten())));
        }
        let shuffled = Arc::clone(&self.shuffled);
        let input = Arc::clone(&self.input);
        let exchange = self.exchange.clone();
        let output_schema = Arc::clone(&schema);
        let batches = futures::stream::once(async move {
            let all = shuffled.get_or_try_init(|| shuffle(input, exchange, output_schema, context)).await?;
            let mine = all.get(partition).cloned().unwrap_or_default();
            Ok::<_, DataFusionError>(futures::stream::iter(mine.into_iter().map(Ok)))
        })
        .try_flatten();
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, batches)))
    }
}

/// Run the input, and deal its rows into the output partitions.
async fn shuffle(
    input: Arc<dyn ExecutionPlan>,
    exchange: SparkExchange,
    schema: SchemaRef,
    context: Arc<TaskContext>,
) -> Result<Shuffled> {
    let input_schema = input.schema();
    let maps = (0..input.output_partitioning().partition_count()).map(|index| {
        let stream = input.execute(index, Arc::clone(&context));
        let input_schema = Arc::clone(&input_schema);
        async move {
            let batches: Vec<RecordBatch> = stream?.try_collect().await?;
            Ok::<_, DataFusionError>(concat_batches(&input_schema, &batches)?)
        }
    });
    let maps = futures::future::try_join_all(maps).await?;
    let targets = match exchange.kind {
        ExchangeKind::RoundRobin => maps.iter().enumerate().map(|(index, map)| round_robin(map, index, exchange.partitions)).collect::<Result<Vec<_>>>()?,
        ExchangeKind::ById => maps.iter().map(|map| by_id(map, exchange.partitions)).collect::<Result<Vec<_>>>()?,
        ExchangeKind::Range => range_targets(&maps, &exchange)?,
        ExchangeKind::Coalesce => return Ok(Arc::new(coalesce_located(maps, &exchange, &schema)?)),
    };
    let kept: Vec<usize> = (0..schema.fields().len()).collect();
    let mut outputs: Vec<Vec<RecordBatch>> = vec![Vec::new(); exchange.partitions];
    for (map, rows) in maps.iter().zip(targets) {
        let map = map.project(&kept)?;
        let mut per_output: Vec<Vec<u32>> = vec![Vec::new(); exchange.partitions];
        for (row, target) in rows {
            per_output[target].push(row);
        }
        for (output, indices) in outputs.iter_mut().zip(per_output) {
            if !indices.is_empty() {
                output.push(take_rows(&map, indices)?);
            }
        }
    }
    Ok(Arc::new(outputs))
}

/// A coalesce of a shuffle's partitions: the groups Spark's coalescer makes, the
/// non-empty partitions preferring the host holding their blocks.
fn coalesce_located(maps: Vec<RecordBatch>, exchange: &SparkExchange, schema: &SchemaRef) -> Result<Vec<Vec<RecordBatch>>> {
    let located: Vec<bool> = maps.iter().map(|map| map.num_rows() > 0).collect();
    let groups = coalesce_groups(&located, exchange.partitions);
    let kept: Vec<usize> = (0..schema.fields().len()).collect();
    groups
        .into_iter()
        .map(|group| group.into_iter().map(|index| Ok(maps[index].project(&kept)?)).collect::<Result<Vec<_>>>())
        .collect()
}

/// The rows of `batch` at `indices` (a batch of no columns keeps its row count).
fn take_rows(batch: &RecordBatch, indices: Vec<u32>) -> Result<RecordBatch> {
    let indices = UInt32Array::from(indices);
    let columns = batch.columns().iter().map(|column| take(column, &indices, None)).collect::<Result<Vec<_>, _>>()?;
    let options = RecordBatchOptions::new().with_row_count(Some(indices.len()));
    Ok(RecordBatch::try_new_with_options(batch.schema(), columns, &options)?)
}

fn row_index(row: usize) -> Result<u32> {
    u32::try_from(row).map_err(|_| DataFusionError::NotImplemented("an input partition of more than 2^32 rows before an exchange".to_string()))
}

/// Each row of input partition `index` with its output partition, in the
/// order Spark deals them: sorted by `UnsafeRow` hash then bytes, the first
/// to `XORShiftRandom(index).nextInt(n) + 1`.
fn round_robin(map: &RecordBatch, index: usize, partitions: usize) -> Result<Vec<(u32, usize)>> {
    let rows = map.num_rows();
    if partitions == 1 {
        // Spark's single partition: no sort, every row to partition 0.
        return (0..rows).map(|row| Ok((row_index(row)?, 0))).collect();
    }
    let encoded = encode_rows(map.columns(), rows)?;
    let mut order: Vec<(i32, usize)> = encoded.iter().enumerate().map(|(row, bytes)| (hash_code(bytes), row)).collect();
    order.sort_by(|(left_hash, left), (right_hash, right)| {
        left_hash
            .cmp(right_hash)
            .then_with(|| encoded[*left].len().cmp(&encoded[*right].len()))
            .then_with(|| encoded[*left].cmp(&encoded[*right]))
    });
    let bound = i32::try_from(partitions).map_err(|_| DataFusionError::NotImplemented("more than 2^31 partitions".to_string()))?;
    let seed = i64::try_from(index).map_err(|_| DataFusionError::Internal("partition index out of range".to_string()))?;
    let mut position = JavaRandom::xorshift(seed).next_int_below(bound);
    order
        .into_iter()
        .map(|(_, row)| {
            position = position.wrapping_add(1);
            let target = position.rem_euclid(bound) as usize;
            Ok((row_index(row)?, target))
        })
        .collect()
}

/// Each row with the partition its last column names (null: 0), in input order.
fn by_id(map: &RecordBatch, partitions: usize) -> Result<Vec<(u32, usize)>> {
    let Some(ids) = map.columns().last() else {
        return internal_err!("a by-id exchange has no id column");
    };
    let Some(ids) = ids.as_primitive_opt::<Int32Type>() else {
        return internal_err!("a by-id exchange's id column is {}, not int", ids.data_type());
    };
    (0..ids.len())
        .map(|row| {
            let id = if ids.is_null(row) { 0 } else { ids.value(row) };
            match usize::try_from(id) {
                Ok(target) if target < partitions => Ok((row_index(row)?, target)),
                _ => internal_err!("partition id {id} is outside [0, {partitions})"),
            }
        })
        .collect()
}

/// Spark's `RangePartitioner` over the key columns (the last ones), exact
/// when every input partition is sampled whole.
fn range_targets(maps: &[RecordBatch], exchange: &SparkExchange) -> Result<Vec<Vec<(u32, usize)>>> {
    let partitions = exchange.partitions;
    let total: usize = maps.iter().map(RecordBatch::num_rows).sum();
    if partitions <= 1 || total == 0 {
        return maps.iter().map(|map| (0..map.num_rows()).map(|row| Ok((row_index(row)?, 0))).collect()).collect();
    }
    // RangePartitioner: sampleSize = min(hint * partitions, 1e6), per input partition 3x its share.
    #[expect(clippy::cast_precision_loss, reason = "Spark computes these in doubles")]
    let sample_size = (exchange.sample_size as f64 * partitions as f64).min(1e6);
    #[expect(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "Spark's ceil(...).toInt")]
    let per_partition = (3.0 * sample_size / maps.len() as f64).ceil() as usize;
    if maps.iter().any(|map| map.num_rows() > per_partition) {
        return not_impl_err!(
            "repartitionByRange over partitions of more than {per_partition} rows (Spark samples them at random)"
        );
    }
    let width = maps.first().map_or(0, RecordBatch::num_columns);
    let first_key = width - exchange.keys;
    let fields = maps
        .first()
        .map(|map| {
            map.columns()[first_key..]
                .iter()
                .zip(&exchange.orders)
                .map(|(column, order)| {
                    SortField::new_with_options(
                        column.data_type().clone(),
                        SortOptions { descending: order.descending, nulls_first: order.nulls_first },
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    if let Some(column) = maps.first().and_then(|map| map.columns()[first_key..].iter().find(|column| column.data_type().is_nested())) {
        return not_impl_err!("repartitionByRange by a {} key", column.data_type());
    }
    let converter = RowConverter::new(fields)?;
    let keys = maps
        .iter()
        .map(|map| {
            let columns: Vec<ArrayRef> = map.columns()[first_key..].iter().map(spark_ordered).collect();
            converter.convert_columns(&columns)
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Every row is a candidate of weight 1; determineBounds over them in key order.
    let mut candidates: Vec<(usize, usize)> =
        keys.iter().enumerate().flat_map(|(map, rows)| (0..rows.num_rows()).map(move |row| (map, row))).collect();
    candidates.sort_by(|(left_map, left), (right_map, right)| keys[*left_map].row(*left).cmp(&keys[*right_map].row(*right)));
    let bounds = determine_bounds(&candidates, |(map, row)| keys[*map].row(*row).owned(), partitions);
    keys.iter()
        .map(|rows| {
            (0..rows.num_rows())
                .map(|row| {
                    let key = rows.row(row);
                    let target = bounds.partition_point(|bound| bound.row() < key);
                    Ok((row_index(row)?, target))
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<Vec<_>>>()
}

/// Spark's `RangePartitioner.determineBounds` over `ordered` candidates of weight 1.
fn determine_bounds<T>(ordered: &[T], key_of: impl Fn(&T) -> OwnedRow, partitions: usize) -> Vec<OwnedRow> {
    #[expect(clippy::cast_precision_loss, reason = "Spark sums float weights in a double")]
    let step = ordered.len() as f64 / partitions as f64;
    let mut cumulative = 0.0_f64;
    let mut target = step;
    let mut bounds: Vec<OwnedRow> = Vec::new();
    for candidate in ordered {
        if bounds.len() >= partitions - 1 {
            break;
        }
        cumulative += 1.0;
        if cumulative >= target {
            let key = key_of(candidate);
            // Skip duplicate values.
            if bounds.last().is_none_or(|previous| key.row() > previous.row()) {
                bounds.push(key);
                target += step;
            }
        }
    }
    bounds
}

/// `column` with Spark's order of floating values: every NaN one (above all
/// numbers), -0.0 equal to 0.0.
fn spark_ordered(column: &ArrayRef) -> ArrayRef {
    match column.data_type() {
        DataType::Float64 => {
            let values: Float64Array = column.as_primitive::<Float64Type>().unary(|value| if value.is_nan() { f64::NAN } else { value + 0.0 });
            Arc::new(values)
        }
        DataType::Float32 => {
            let values: Float32Array = column.as_primitive::<Float32Type>().unary(|value| if value.is_nan() { f32::NAN } else { value + 0.0 });
            Arc::new(values)
        }
        _ => Arc::clone(column),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{ArrayRef, Int64Array, RecordBatch};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use pyrust_compiler::spark_exchange::{ExchangeKind, KeyOrder, SparkExchange};

    use super::{range_targets, round_robin};

    fn batch(values: Vec<Option<i64>>) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![Field::new("id", DataType::Int64, true)]));
        let column: ArrayRef = Arc::new(Int64Array::from(values));
        RecordBatch::try_new(schema, vec![column]).unwrap_or_else(|_| RecordBatch::new_empty(Arc::new(Schema::empty())))
    }

    #[test]
    fn round_robin_deals_as_spark() {
        // spark.range(0, 64, 1, 9).repartition(10).select("id", spark_partition_id()):
        // partition 0 (ids 0..7) of the range, from PySpark 4.3.
        let rows = round_robin(&batch((0..7).map(Some).collect()), 0, 10).unwrap_or_default();
        let mut by_id: Vec<(u32, usize)> = rows;
        by_id.sort_unstable();
        assert_eq!(by_id.iter().map(|(_, target)| *target).collect::<Vec<_>>(), vec![0, 5, 3, 9, 4, 1, 2]);
    }

    #[test]
    fn range_bounds_split_sampled_rows_as_spark() {
        // createDataFrame([(14,), (23,), (16,)]).repartitionByRange(2, "age"): 14 and 16 in 0, 23 in 1.
        let maps = vec![batch(vec![]), batch(vec![Some(14)]), batch(vec![Some(23)]), batch(vec![Some(16)])];
        let exchange = SparkExchange {
            kind: ExchangeKind::Range,
            partitions: 2,
            keys: 1,
            orders: vec![KeyOrder { descending: false, nulls_first: true }],
            sample_size: 100,
            located: false,
        };
        let targets = range_targets(&maps, &exchange).unwrap_or_default();
        let flat: Vec<usize> = targets.iter().flatten().map(|(_, target)| *target).collect();
        assert_eq!(flat, vec![0, 1, 0]);
    }
}
