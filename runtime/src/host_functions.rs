// SPDX-License-Identifier: Apache-2.0
//! Host functions: code of the program embedding the engine (Python
//! user-defined functions, through the bindings) that plans call by name
//! (see [`pyrust_compiler::host_function`] for how plans name them).
//!
//! The engine knows them only through the [`HostFunction`] trait: "call this
//! function on these Arrow batches, get Arrow batches back". A session keeps a
//! registry of them by name ([`HostFunctions`]); registering one also
//! registers its DataFusion adapter:
//!
//! - a **scalar** function becomes a `ScalarUDF` ([`HostScalar`]) called once
//!   per batch with its arguments as the batch's columns, giving one column;
//! - an **aggregate** becomes an `AggregateUDF` ([`HostAggregate`]) that
//!   gathers each group's arguments and calls the function once per group,
//!   giving one row; it runs over windows too;
//! - a **relation** function (map and grouped-map kinds) becomes a
//!   [`HostRelationNode`] planned as [`HostRelationExec`], which calls it once
//!   per partition with all that partition's batches; grouped ones ask for
//!   their input hash-partitioned by the keys, so each group is whole in one
//!   partition (the host splits it into groups).
//!
//! Calls run on the engine's threads, outside the async scheduler
//! (`block_in_place`, `spawn_blocking`): a host that serialises callers (the
//! GIL) holds one thread at a time, and it is free between calls. A
//! non-deterministic function is `Volatile`: DataFusion neither folds, nor
//! merges, nor repeats it.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use datafusion::arrow::array::{Array, ArrayRef, AsArray, new_empty_array};
use datafusion::arrow::compute::{cast, concat};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Schema, SchemaRef};
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchOptions};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DFSchemaRef, DataFusionError, Result, ScalarValue, internal_err};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, Expr, LogicalPlan, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature, TypeSignature, UserDefinedLogicalNode, UserDefinedLogicalNodeCore, Volatility,
};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::expressions::Column as ColumnExpr;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, Distribution, ExecutionPlan, ExecutionPlanProperties, Partitioning, PlanProperties,
    SendableRecordBatchStream,
};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};
use futures::TryStreamExt;

use crate::error::Error;

/// A failure inside a host function: the host's own report (for Python, the
/// exception with its traceback).
#[derive(Debug, Clone)]
pub struct HostError {
    /// The host's message.
    pub message: String,
}

/// A function of the host program that plans may call.
pub trait HostFunction: Send + Sync {
    /// Call the function on `input` and return its result as batches of `output`'s schema.
    fn call(&self, input: Vec<RecordBatch>, output: &SchemaRef) -> std::result::Result<Vec<RecordBatch>, HostError>;
}

/// What a host function computes, as plans use it.
#[derive(Debug, Clone)]
pub enum HostFunctionKind {
    /// One value per row; the function gets the arguments of a batch of rows.
    Scalar(FieldRef),
    /// One value per group; the function gets all the group's arguments.
    Aggregate(FieldRef),
    /// Rows from rows: the function gets a partition's batches.
    Relation,
}

/// One registered host function.
#[derive(Clone)]
pub(crate) struct HostEntry {
    name: String,
    function: Arc<dyn HostFunction>,
}

impl fmt::Debug for HostEntry {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "HostFunction({})", self.name)
    }
}

impl PartialEq for HostEntry {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for HostEntry {}

impl Hash for HostEntry {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl HostEntry {
    /// Call the function, off the async scheduler; its failure names it.
    fn call(&self, input: Vec<RecordBatch>, output: &SchemaRef) -> Result<Vec<RecordBatch>> {
        let run = || self.function.call(input, output);
        let result = match tokio::runtime::Handle::try_current() {
            Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(run)
            }
            _ => run(),
        };
        result.map_err(|error| {
            DataFusionError::External(Box::new(Error::Host { function: self.name.clone(), message: error.message }))
        })
    }
}

/// A session's host functions by registered name.
#[derive(Default)]
pub(crate) struct HostFunctions {
    entries: RwLock<HashMap<String, (HostEntry, HostFunctionKind)>>,
}

impl HostFunctions {
    pub(crate) fn insert(&self, name: &str, function: Arc<dyn HostFunction>, kind: HostFunctionKind) {
        let entry = HostEntry { name: name.to_string(), function };
        if let Ok(mut entries) = self.entries.write() {
            entries.insert(name.to_string(), (entry, kind));
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<(HostEntry, HostFunctionKind)> {
        self.entries.read().ok().and_then(|entries| entries.get(name).cloned())
    }
}

/// The error for a plan naming a host function the session does not have.
pub(crate) fn unregistered(name: &str) -> DataFusionError {
    DataFusionError::External(Box::new(Error::analysis(
        "UNRESOLVED_ROUTINE",
        [("routineName", format!("`{name}`")), ("searchPath", "[`system`.`session`]".to_string())],
        format!("the Python function `{name}` is not registered in this session"),
    )))
}

/// Any arguments (none too); a non-deterministic function is volatile.
fn any_arguments(deterministic: bool) -> Signature {
    let volatility = if deterministic { Volatility::Immutable } else { Volatility::Volatile };
    Signature::one_of(vec![TypeSignature::Nullary, TypeSignature::VariadicAny], volatility)
}

/// Argument columns as one batch (columns `_0`, `_1`...), for `rows` rows.
fn argument_batch(arguments: Vec<ArrayRef>, rows: usize) -> Result<RecordBatch> {
    let fields: Vec<Field> = arguments
        .iter()
        .enumerate()
        .map(|(index, argument)| Field::new(format!("_{index}"), argument.data_type().clone(), true))
        .collect();
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    Ok(RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arguments, &options)?)
}

/// The first column of `batches` as one array of `field`'s type.
fn result_column(batches: &[RecordBatch], field: &FieldRef) -> Result<ArrayRef> {
    let columns: Vec<&dyn Array> = batches.iter().filter_map(|batch| batch.columns().first()).map(AsRef::as_ref).collect();
    let column = if columns.is_empty() { new_empty_array(field.data_type()) } else { concat(&columns)? };
    if column.data_type() == field.data_type() {
        Ok(column)
    } else {
        Ok(cast(&column, field.data_type())?)
    }
}

/// The adapter making a scalar host function a DataFusion `ScalarUDF`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct HostScalar {
    entry: HostEntry,
    return_field: FieldRef,
    signature: Signature,
}

impl ScalarUDFImpl for HostScalar {
    fn name(&self) -> &str {
        &self.entry.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.return_field.data_type().clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        if rows == 0 {
            return Ok(ColumnarValue::Array(new_empty_array(self.return_field.data_type())));
        }
        let arguments = args
            .args
            .iter()
            .map(|argument| argument.to_array(rows))
            .collect::<Result<Vec<_>>>()?;
        let output = Arc::new(Schema::new(vec![self.return_field.as_ref().clone().with_name("_result")]));
        let batches = self.entry.call(vec![argument_batch(arguments, rows)?], &output)?;
        let column = result_column(&batches, &self.return_field)?;
        if column.len() != rows {
            return internal_err!(
                "the Python function {} returned {} values for {rows} rows",
                self.entry.name,
                column.len()
            );
        }
        Ok(ColumnarValue::Array(column))
    }
}

/// The adapter making an aggregate host function a DataFusion `AggregateUDF`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct HostAggregate {
    entry: HostEntry,
    return_field: FieldRef,
    signature: Signature,
}

impl AggregateUDFImpl for HostAggregate {
    fn name(&self) -> &str {
        &self.entry.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.return_field.data_type().clone())
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let types = args.expr_fields.iter().map(|field| field.data_type().clone()).collect::<Vec<_>>();
        Ok(Box::new(GatherAccumulator {
            entry: self.entry.clone(),
            return_field: Arc::clone(&self.return_field),
            values: types.iter().map(|_| Vec::new()).collect(),
            types,
        }))
    }

    /// One list per argument: the values gathered so far.
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(args
            .input_fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let item = Field::new_list_field(field.data_type().clone(), true);
                Arc::new(Field::new(format!("{}[{index}]", args.name), DataType::List(Arc::new(item)), true))
            })
            .collect())
    }
}

/// Gathers a group's arguments; the host function sees them all at the end.
#[derive(Debug)]
struct GatherAccumulator {
    entry: HostEntry,
    return_field: FieldRef,
    types: Vec<DataType>,
    values: Vec<Vec<ArrayRef>>,
}

impl GatherAccumulator {
    fn gathered(&self) -> Result<Vec<ArrayRef>> {
        self.values
            .iter()
            .zip(&self.types)
            .map(|(parts, data_type)| {
                let parts: Vec<&dyn Array> = parts.iter().map(AsRef::as_ref).collect();
                if parts.is_empty() { Ok(new_empty_array(data_type)) } else { Ok(concat(&parts)?) }
            })
            .collect()
    }
}

impl Accumulator for GatherAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for (gathered, value) in self.values.iter_mut().zip(values) {
            gathered.push(Arc::clone(value));
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let arguments = self.gathered()?;
        let rows = arguments.first().map_or(0, |argument| argument.len());
        let output = Arc::new(Schema::new(vec![self.return_field.as_ref().clone().with_name("_result")]));
        let batches = self.entry.call(vec![argument_batch(arguments, rows)?], &output)?;
        let column = result_column(&batches, &self.return_field)?;
        if column.len() != 1 {
            return internal_err!(
                "the Python aggregate function {} returned {} values for one group",
                self.entry.name,
                column.len()
            );
        }
        ScalarValue::try_from_array(&column, 0)
    }

    fn size(&self) -> usize {
        self.values.iter().flatten().map(|array| array.get_array_memory_size()).sum::<usize>() + size_of_val(self)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let gathered = self.gathered()?;
        Ok(gathered.into_iter().map(|array| ScalarValue::List(Arc::new(datafusion::common::utils::SingleRowListArrayBuilder::new(array).build_list_array()))).collect())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        for (gathered, state) in self.values.iter_mut().zip(states) {
            let lists = state.as_list::<i32>();
            for row in 0..lists.len() {
                if lists.is_valid(row) {
                    gathered.push(lists.value(row));
                }
            }
        }
        Ok(())
    }

    /// Window frames slide forward: the rows retracted are the oldest gathered.
    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let retracted = values.first().map_or(0, |value| value.len());
        for gathered in &mut self.values {
            let parts: Vec<&dyn Array> = gathered.iter().map(AsRef::as_ref).collect();
            if parts.is_empty() {
                continue;
            }
            let all = concat(&parts)?;
            let kept = all.len().saturating_sub(retracted);
            *gathered = vec![all.slice(all.len() - kept, kept)];
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }
}

/// The logical node of a host relation: its rows come from the host function.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct HostRelationNode {
    entry: HostEntry,
    input: LogicalPlan,
    keys: Vec<usize>,
    schema: DFSchemaRef,
}

impl PartialOrd for HostRelationNode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match self.entry.name.partial_cmp(&other.entry.name) {
            Some(std::cmp::Ordering::Equal) => match self.keys.partial_cmp(&other.keys) {
                Some(std::cmp::Ordering::Equal) => self.input.partial_cmp(&other.input),
                ordering => ordering,
            },
            ordering => ordering,
        }
    }
}

impl UserDefinedLogicalNodeCore for HostRelationNode {
    fn name(&self) -> &str {
        "HostRelation"
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
        write!(formatter, "HostRelation: function={} keys={:?}", self.entry.name, self.keys)
    }

    fn with_exprs_and_inputs(&self, _exprs: Vec<Expr>, inputs: Vec<LogicalPlan>) -> Result<Self> {
        let Ok([input]) = <[LogicalPlan; 1]>::try_from(inputs) else {
            return internal_err!("HostRelation takes one input");
        };
        Ok(HostRelationNode { input, ..self.clone() })
    }
}

/// The host relation running `name` over `input` (see [`pyrust_compiler::host_function`]).
pub(crate) fn host_relation(
    host_functions: &HostFunctions,
    name: &str,
    input: LogicalPlan,
    keys: Vec<usize>,
    schema: DFSchemaRef,
) -> Result<LogicalPlan> {
    let Some((entry, HostFunctionKind::Relation)) = host_functions.get(name) else {
        return Err(unregistered(name));
    };
    let width = input.schema().fields().len();
    if let Some(key) = keys.iter().find(|key| **key >= width) {
        return internal_err!("host relation key {key} is out of range: the input has {width} columns");
    }
    Ok(LogicalPlan::Extension(datafusion::logical_expr::Extension {
        node: Arc::new(HostRelationNode { entry, input, keys, schema }),
    }))
}

/// The physical operator of a host relation.
#[derive(Debug)]
pub(crate) struct HostRelationExec {
    entry: HostEntry,
    input: Arc<dyn ExecutionPlan>,
    keys: Vec<usize>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl HostRelationExec {
    fn new(entry: HostEntry, input: Arc<dyn ExecutionPlan>, keys: Vec<usize>, schema: SchemaRef) -> Self {
        let partitions = input.output_partitioning().partition_count();
        let properties = PlanProperties::new(
            EquivalenceProperties::new(Arc::clone(&schema)),
            Partitioning::UnknownPartitioning(partitions),
            EmissionType::Final,
            Boundedness::Bounded,
        );
        HostRelationExec { entry, input, keys, schema, properties: Arc::new(properties) }
    }
}

impl DisplayAs for HostRelationExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "HostRelationExec: function={} keys={:?}", self.entry.name, self.keys)
    }
}

impl ExecutionPlan for HostRelationExec {
    fn name(&self) -> &str {
        "HostRelationExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn required_input_distribution(&self) -> Vec<Distribution> {
        if self.keys.is_empty() {
            return vec![Distribution::UnspecifiedDistribution];
        }
        let input_schema = self.input.schema();
        let keys = self
            .keys
            .iter()
            .map(|index| {
                let name = input_schema.field(*index).name();
                Arc::new(ColumnExpr::new(name, *index)) as Arc<dyn PhysicalExpr>
            })
            .collect();
        vec![Distribution::KeyPartitioned(keys)]
    }

    fn apply_expressions(
        &self,
        _visit: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        let Ok([input]) = <[Arc<dyn ExecutionPlan>; 1]>::try_from(children) else {
            return internal_err!("HostRelationExec takes one input");
        };
        Ok(Arc::new(HostRelationExec::new(self.entry.clone(), input, self.keys.clone(), Arc::clone(&self.schema))))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let input = self.input.execute(partition, context)?;
        let entry = self.entry.clone();
        let schema = Arc::clone(&self.schema);
        let output_schema = Arc::clone(&schema);
        let output = futures::stream::once(async move {
            let batches: Vec<RecordBatch> = input.try_collect().await?;
            if batches.iter().all(|batch| batch.num_rows() == 0) {
                return Ok(Vec::new());
            }
            let result = tokio::task::spawn_blocking(move || entry.call(batches, &output_schema))
                .await
                .map_err(|failure| DataFusionError::Internal(format!("a host function's task failed: {failure}")))??;
            Ok::<_, DataFusionError>(result)
        })
        .map_ok(|batches| futures::stream::iter(batches.into_iter().map(Ok)))
        .try_flatten();
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, output)))
    }
}

/// Plans [`HostRelationNode`]s.
#[derive(Debug)]
pub(crate) struct HostRelationPlanner;

#[async_trait]
impl ExtensionPlanner for HostRelationPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        _session: &dyn datafusion::catalog::Session,
        _planning_context: &datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext,
    ) -> Result<Option<Arc<dyn ExecutionPlan>>> {
        let Some(node) = node.as_any().downcast_ref::<HostRelationNode>() else {
            return Ok(None);
        };
        let [input] = physical_inputs else {
            return internal_err!("HostRelation takes one input");
        };
        let schema = Arc::new(node.schema.as_arrow().clone());
        Ok(Some(Arc::new(HostRelationExec::new(node.entry.clone(), Arc::clone(input), node.keys.clone(), schema))))
    }
}

/// Register `function` as `name` in the session's host functions and, for
/// calls, in `context`'s functions, as its kind asks.
pub(crate) fn register(
    context: &datafusion::prelude::SessionContext,
    host_functions: &HostFunctions,
    name: &str,
    function: Arc<dyn HostFunction>,
    kind: HostFunctionKind,
    deterministic: bool,
) {
    let entry = HostEntry { name: name.to_string(), function: Arc::clone(&function) };
    match &kind {
        HostFunctionKind::Scalar(return_field) => context.register_udf(ScalarUDF::new_from_impl(HostScalar {
            entry,
            return_field: Arc::clone(return_field),
            signature: any_arguments(deterministic),
        })),
        HostFunctionKind::Aggregate(return_field) => context.register_udaf(AggregateUDF::new_from_impl(HostAggregate {
            entry,
            return_field: Arc::clone(return_field),
            signature: any_arguments(deterministic),
        })),
        HostFunctionKind::Relation => {}
    }
    host_functions.insert(name, function, kind);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{ArrayRef, AsArray, Int64Array};
    use datafusion::arrow::datatypes::{DataType, Field, Int64Type, SchemaRef};
    use datafusion::arrow::record_batch::RecordBatch;
    use datafusion::common::ScalarValue;
    use datafusion::logical_expr::Accumulator;

    use super::{GatherAccumulator, HostEntry, HostError, HostFunction};

    /// Sums its one argument: a stand-in for a Python aggregate.
    struct Sum;

    impl HostFunction for Sum {
        fn call(&self, input: Vec<RecordBatch>, output: &SchemaRef) -> Result<Vec<RecordBatch>, HostError> {
            let total: i64 = input
                .iter()
                .map(|batch| batch.column(0).as_primitive::<Int64Type>().iter().flatten().sum::<i64>())
                .sum();
            let column: ArrayRef = Arc::new(Int64Array::from(vec![total]));
            let batch = RecordBatch::try_new(Arc::clone(output), vec![column])
                .map_err(|error| HostError { message: error.to_string() })?;
            Ok(vec![batch])
        }
    }

    fn accumulator() -> GatherAccumulator {
        GatherAccumulator {
            entry: HostEntry { name: "sum".to_string(), function: Arc::new(Sum) },
            return_field: Arc::new(Field::new("_result", DataType::Int64, true)),
            types: vec![DataType::Int64],
            values: vec![Vec::new()],
        }
    }

    fn values(items: &[i64]) -> Vec<ArrayRef> {
        vec![Arc::new(Int64Array::from(items.to_vec()))]
    }

    #[test]
    #[expect(clippy::unwrap_used, reason = "a test")]
    fn a_group_is_gathered_whole_and_a_sliding_frame_drops_its_oldest_rows() {
        let mut gathered = accumulator();
        gathered.update_batch(&values(&[1, 2])).unwrap();
        gathered.update_batch(&values(&[4])).unwrap();
        assert_eq!(gathered.evaluate().unwrap(), ScalarValue::Int64(Some(7)));
        gathered.retract_batch(&values(&[1])).unwrap();
        assert_eq!(gathered.evaluate().unwrap(), ScalarValue::Int64(Some(6)));
    }

    #[test]
    #[expect(clippy::unwrap_used, reason = "a test")]
    fn partial_states_merge_into_one_group() {
        let mut left = accumulator();
        left.update_batch(&values(&[1, 2])).unwrap();
        let mut right = accumulator();
        right.update_batch(&values(&[10])).unwrap();
        let state = right.state().unwrap();
        let state_array = state[0].to_array().unwrap();
        left.merge_batch(&[state_array]).unwrap();
        assert_eq!(left.evaluate().unwrap(), ScalarValue::Int64(Some(13)));
    }
}
