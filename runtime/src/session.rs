// SPDX-License-Identifier: Apache-2.0
//! A [`Session`] runs Substrait plans: it owns the DataFusion context (the
//! catalog of registered tables and the configuration) and the tokio runtime
//! that executes plans.
//!
//! Every plan passes the compiler's validation before DataFusion sees it, then
//! goes through datafusion-substrait's consumer
//! (<https://substrait.io/serialization/binary_serialization/>).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::datasource::{MemTable, source_as_provider};
use datafusion::execution::SessionStateBuilder;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::logical_expr::LogicalPlan;
use datafusion::optimizer::{Optimizer, OptimizerRule};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_optimizer::optimizer::PhysicalOptimizer;
use datafusion::physical_plan::statistics::{StatisticsArgs, StatisticsContext};
use datafusion::physical_plan::{SendableRecordBatchStream, collect, displayable, execute_stream};
use futures::StreamExt;
use datafusion::prelude::{SessionConfig, SessionContext};
use tokio::task::JoinHandle;
use datafusion_substrait::extensions::Extensions;
use substrait::proto::Plan;

use crate::consumer::SparkConsumer;
use crate::error::{Error, Result};
use crate::host_functions::{HostFunction, HostFunctionKind, HostFunctions, HostRelationPlanner};
use crate::explain;
use crate::row_order;

/// DataFusion settings that give Spark's behaviour where DataFusion has a switch for it.
const SPARK_DEFAULTS: &[(&str, &str)] = &[
    // Spark SQL strings accept "double-quoted" literals and `backtick` identifiers.
    ("datafusion.sql_parser.dialect", "spark"),
    // Spark 4 runs in ANSI mode: overflow and invalid casts are errors, not nulls.
    ("datafusion.execution.enable_ansi_mode", "true"),
];

/// An engine session: the catalog, the configuration and the threads that run plans.
pub struct Session {
    context: SessionContext,
    runtime: Arc<tokio::runtime::Runtime>,
    host_functions: HostFunctions,
    /// The tables holding results kept by `cache()` (explain names their scans).
    cached_tables: Mutex<HashSet<String>>,
}

/// DataFusion's planner, also planning host relations ([`crate::host_functions`]).
#[derive(Debug)]
struct SparkQueryPlanner;

#[async_trait::async_trait]
impl datafusion::execution::context::QueryPlanner for SparkQueryPlanner {
    async fn create_physical_plan(
        &self,
        logical_plan: &LogicalPlan,
        session_state: &dyn datafusion::catalog::Session,
    ) -> datafusion::common::Result<Arc<dyn datafusion::physical_plan::ExecutionPlan>> {
        use datafusion::physical_planner::PhysicalPlanner;
        let planner =
            datafusion::physical_planner::DefaultPhysicalPlanner::with_extension_planners(vec![
                Arc::new(HostRelationPlanner),
                Arc::new(crate::join_hint::ResolvedHintPlanner),
                Arc::new(row_order::SparkExchangePlanner),
            ]);
        planner.create_physical_plan(logical_plan, session_state).await
    }
}

/// The plan forms [`Session::explain`] can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplainMode {
    /// The logical plan as DataFusion received it from Substrait.
    Logical,
    /// The logical plan after DataFusion's optimizer.
    Optimized,
    /// The physical plan that would run.
    Physical,
    /// The logical plan in Spark's layout (`explain(True)`'s analyzed plan).
    SparkAnalyzed,
    /// The optimized logical plan in Spark's layout.
    SparkOptimized,
    /// The optimized logical plan with Spark's statistics on each node (`mode="cost"`).
    SparkCost,
    /// The physical plan in Spark's layout and operator names.
    SparkPhysical,
    /// Spark's `formatted` physical plan: the outline, then each operator's details.
    SparkFormatted,
}

/// DataFusion's logical optimizer rules, its limit and filter pushdowns
/// kept above per-partition functions ([`row_order::KeepAbovePerPartition`]).
fn logical_rules() -> Vec<Arc<dyn OptimizerRule + Send + Sync>> {
    Optimizer::new()
        .rules
        .into_iter()
        .map(|rule| -> Arc<dyn OptimizerRule + Send + Sync> {
            if matches!(rule.name(), "push_down_limit" | "push_down_filter") {
                Arc::new(row_order::KeepAbovePerPartition::new(rule))
            } else {
                rule
            }
        })
        .collect()
}

/// DataFusion's physical optimizer rules, after ours that must see the
/// plan as planned ([`row_order::BindPartitions`]; volatile projections, which
/// DataFusion's filter pushdown would compute twice).
fn physical_rules() -> Vec<Arc<dyn PhysicalOptimizerRule + Send + Sync>> {
    let mut rules: Vec<Arc<dyn PhysicalOptimizerRule + Send + Sync>> = vec![
        Arc::new(row_order::BindPartitions),
        Arc::new(crate::volatile_projection::KeepVolatileProjections),
    ];
    for rule in PhysicalOptimizer::new().rules {
        let after_join_selection = rule.name() == "join_selection";
        rules.push(rule);
        if after_join_selection {
            rules.push(Arc::new(crate::join_hint::ApplyJoinHints));
        }
    }
    rules
}

impl Session {
    /// A session configured with Spark's defaults, then with `options`
    /// (DataFusion keys such as `datafusion.execution.target_partitions`).
    pub fn new(options: &[(String, String)]) -> Result<Self> {
        let mut config = SessionConfig::new()
            .with_option_extension(row_order::SparkFileOptions::default())
            .with_option_extension(row_order::SparkShuffleOptions::default());
        for (key, value) in SPARK_DEFAULTS.iter().chain(row_order::SETTINGS) {
            config.options_mut().set(key, value)?;
        }
        for (key, value) in options {
            config.options_mut().set(key, value)?;
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("pyrust-worker")
            .build()
            .map_err(|error| Error::Internal(format!("cannot start the tokio runtime: {error}")))?;
        // Spark lists a read's files afresh every time: no cached listing may hide
        // what a write (ours or another process's) changed.
        let runtime_env = RuntimeEnvBuilder::new().with_object_list_cache_limit(0).build_arc()?;
        let state = SessionStateBuilder::new()
            .with_config(config)
            .with_runtime_env(runtime_env)
            .with_default_features()
            .with_optimizer_rules(logical_rules())
            .with_physical_optimizer_rules(physical_rules())
            .with_physical_optimizer_rule(Arc::new(row_order::SparkFileSplits))
            .with_physical_optimizer_rule(Arc::new(row_order::KeepPartitionOrder))
            .with_query_planner(Arc::new(SparkQueryPlanner))
            .build();
        let context = SessionContext::new_with_state(state);
        crate::functions::register(&context)?;
        Ok(Session {
            context,
            runtime: Arc::new(runtime),
            host_functions: HostFunctions::default(),
            cached_tables: Mutex::new(HashSet::new()),
        })
    }

    /// Register a host function under `name` (unique in the session): plans
    /// call it by that name ([`crate::host_functions`]). A non-deterministic
    /// one is never folded, merged or repeated by the optimizer.
    pub fn register_host_function(
        &self,
        name: &str,
        function: Arc<dyn HostFunction>,
        kind: HostFunctionKind,
        deterministic: bool,
    ) {
        crate::host_functions::register(&self.context, &self.host_functions, name, function, kind, deterministic);
    }

    /// Change one setting (a DataFusion key, or a Spark setting the engine
    /// reads such as `spark_files.max_partition_bytes`) for the plans run
    /// from now on.
    pub fn set_option(&self, key: &str, value: &str) -> Result<()> {
        self.context.state_ref().write().config_mut().options_mut().set(key, value)?;
        Ok(())
    }

    /// The DataFusion context, for registering tables (see [`crate::catalog`]).
    pub(crate) fn context(&self) -> &SessionContext {
        &self.context
    }

    /// Run a future to completion on this session's runtime.
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Run a serialized Substrait plan and return its schema and all its batches.
    ///
    /// Batches are collected before returning so that a failure part-way is
    /// reported as a classified [`Error`] rather than a truncated result.
    pub fn execute(&self, plan_bytes: &[u8]) -> Result<(SchemaRef, Vec<RecordBatch>)> {
        let mut query = self.start(plan_bytes)?;
        loop {
            if let Some(result) = query.wait(Duration::from_secs(60)) {
                return result;
            }
        }
    }

    /// Plan a serialized Substrait plan and start running it on the session's
    /// threads; the [`RunningQuery`] gives its result, or cancels it when dropped.
    ///
    /// The result's rows come in Spark's order: partitions one after another
    /// (see [`crate::row_order`]).
    pub fn start(&self, plan_bytes: &[u8]) -> Result<RunningQuery> {
        let (schema, physical_plan, task_context) = self.block_on(async {
            let logical_plan = self.logical_plan(plan_bytes).await?;
            let schema: SchemaRef = Arc::new(logical_plan.schema().as_arrow().clone());
            let state = self.context.state();
            let physical_plan = state.create_physical_plan(&logical_plan).await?;
            Ok::<_, Error>((schema, row_order::concatenated(physical_plan), state.task_ctx()))
        })?;
        let task = self.runtime.spawn(async move {
            let batches = collect(physical_plan, task_context).await?;
            Ok((schema, batches))
        });
        Ok(RunningQuery { task, runtime: Arc::clone(&self.runtime) })
    }

    /// Plan a serialized Substrait plan and stream its result: each batch is
    /// computed when it is read (in Spark's order, as [`Session::start`] gives
    /// them), so a reader that keeps no batch holds no more than the plan buffers.
    pub fn stream(&self, plan_bytes: &[u8]) -> Result<QueryStream> {
        let (schema, stream) = self.block_on(async {
            let logical_plan = self.logical_plan(plan_bytes).await?;
            let schema: SchemaRef = Arc::new(logical_plan.schema().as_arrow().clone());
            let state = self.context.state();
            let physical_plan = row_order::concatenated(state.create_physical_plan(&logical_plan).await?);
            let stream = execute_stream(physical_plan, state.task_ctx())?;
            Ok::<_, Error>((schema, stream))
        })?;
        Ok(QueryStream { schema, stream, runtime: Arc::clone(&self.runtime) })
    }

    /// The Arrow schema a plan would produce, without running it.
    pub fn analyze(&self, plan_bytes: &[u8]) -> Result<SchemaRef> {
        self.block_on(async {
            let logical_plan = self.logical_plan(plan_bytes).await?;
            Ok(Arc::new(logical_plan.schema().as_arrow().clone()))
        })
    }

    /// DataFusion's rendering of a plan in the given form.
    pub fn explain(&self, plan_bytes: &[u8], mode: ExplainMode) -> Result<String> {
        self.block_on(async {
            let logical_plan = self.logical_plan(plan_bytes).await?;
            let state = self.context.state();
            Ok(match mode {
                ExplainMode::Logical => logical_plan.display_indent_schema().to_string(),
                ExplainMode::Optimized => state.optimize(&logical_plan)?.display_indent().to_string(),
                ExplainMode::Physical => {
                    let physical_plan = row_order::concatenated(state.create_physical_plan(&logical_plan).await?);
                    displayable(physical_plan.as_ref()).indent(true).to_string()
                }
                ExplainMode::SparkAnalyzed => explain::logical_tree(&logical_plan),
                ExplainMode::SparkOptimized => explain::logical_tree(&state.optimize(&logical_plan)?),
                ExplainMode::SparkCost => {
                    let optimized = state.optimize(&logical_plan)?;
                    let leaves = self.leaf_statistics(&optimized).await;
                    explain::cost_tree(&optimized, &leaves)
                }
                // The action's collection of the partitions (`row_order::concatenated`)
                // is not shown: Spark's plans do not show `collect` either.
                ExplainMode::SparkPhysical => {
                    explain::physical_tree(&state.create_physical_plan(&logical_plan).await?, &self.cached_results().await)
                }
                ExplainMode::SparkFormatted => {
                    explain::physical_formatted(&state.create_physical_plan(&logical_plan).await?, &self.cached_results().await)
                }
            })
        })
    }

    /// Remember that table `name` holds a result kept by `cache()`.
    pub fn mark_cached(&self, name: &str) {
        if let Ok(mut cached) = self.cached_tables.lock() {
            cached.insert(name.to_string());
        }
    }

    /// The arrays of the cached results still registered, by address.
    async fn cached_results(&self) -> explain::CachedResults {
        let names: Vec<String> = self.cached_tables.lock().map(|cached| cached.iter().cloned().collect()).unwrap_or_default();
        let mut addresses = HashSet::new();
        for name in names {
            let Ok(provider) = self.context.table_provider(name.as_str()).await else {
                continue;
            };
            let Some(table) = provider.downcast_ref::<MemTable>() else {
                continue;
            };
            for partition in &table.batches {
                let Ok(batches) = partition.try_read() else {
                    continue;
                };
                for batch in batches.iter().filter(|batch| batch.num_columns() > 0) {
                    addresses.insert(explain::array_address(batch.column(0)));
                }
            }
        }
        explain::CachedResults(addresses)
    }

    /// DataFusion's statistics of each table scan of `plan` (see [`explain::cost_tree`]).
    async fn leaf_statistics(&self, plan: &LogicalPlan) -> explain::LeafStatistics {
        let mut scans = Vec::new();
        let _ = plan.apply(|node| {
            if let LogicalPlan::TableScan(scan) = node {
                scans.push((explain::node_address(node), scan));
            }
            Ok(TreeNodeRecursion::Continue)
        });
        let state = self.context.state();
        let mut leaves = explain::LeafStatistics::default();
        for (address, scan) in scans {
            let Ok(provider) = source_as_provider(&scan.source) else {
                continue;
            };
            let Ok(physical) = provider.scan(&state, scan.projection.as_ref(), &[], None).await else {
                continue;
            };
            if let Ok(statistics) = StatisticsContext::new().compute(physical.as_ref(), &StatisticsArgs::new()) {
                let leaf = explain::Leaf {
                    rows: statistics.num_rows.get_value().copied(),
                    bytes: statistics.total_byte_size.get_value().copied(),
                };
                leaves.0.insert(address, leaf);
            }
        }
        leaves
    }

    /// The plan after DataFusion's optimizer, produced back into Substrait
    /// (see [`crate::optimize`]); it gives the same results as `plan`.
    pub fn optimize(&self, plan_bytes: &[u8]) -> Result<Plan> {
        self.block_on(async {
            let plan: Plan = pyrust_compiler::decode_plan(plan_bytes)?;
            let logical_plan = self.consume(&plan).await?;
            let state = self.context.state();
            let optimized = state.optimize(&logical_plan)?;
            crate::optimize::to_substrait(&optimized, &state, &plan)
        })
    }

    /// Decode, validate and consume a plan into a DataFusion logical plan.
    pub(crate) async fn logical_plan(&self, plan_bytes: &[u8]) -> Result<LogicalPlan> {
        let plan: Plan = pyrust_compiler::decode_plan(plan_bytes)?;
        self.consume(&plan).await
    }

    /// Validate and consume a decoded plan into a DataFusion logical plan.
    async fn consume(&self, plan: &Plan) -> Result<LogicalPlan> {
        pyrust_compiler::check(plan)?;
        let extensions = Extensions::try_from(&plan.extensions)?;
        let state = self.context.state();
        let consumer = SparkConsumer::new(&extensions, &state, &self.host_functions, host_function_anchors(plan));
        Ok(crate::consumer::from_plan(&consumer, plan).await?)
    }
}

/// The function anchors of `plan` declared in the host function URN.
fn host_function_anchors(plan: &Plan) -> std::collections::HashSet<u32> {
    use substrait::proto::extensions::simple_extension_declaration::MappingType;
    let urns: std::collections::HashSet<u32> = plan
        .extension_urns
        .iter()
        .filter(|declaration| declaration.urn == pyrust_compiler::host_function::HOST_FUNCTION_URN)
        .map(|declaration| declaration.extension_urn_anchor)
        .collect();
    plan.extensions
        .iter()
        .filter_map(|declaration| match &declaration.mapping_type {
            Some(MappingType::ExtensionFunction(function)) if urns.contains(&function.extension_urn_reference) => {
                Some(function.function_anchor)
            }
            _ => None,
        })
        .collect()
}

/// A query running on a session's threads. Dropping it cancels the query:
/// its tasks stop and the memory they hold is freed.
pub struct RunningQuery {
    task: JoinHandle<Result<(SchemaRef, Vec<RecordBatch>)>>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl RunningQuery {
    /// The query's schema and batches once it has ended, waiting at most
    /// `timeout` for it; `None` while it is still running.
    pub fn wait(&mut self, timeout: Duration) -> Option<Result<(SchemaRef, Vec<RecordBatch>)>> {
        let task = &mut self.task;
        match self.runtime.block_on(async { tokio::time::timeout(timeout, task).await }) {
            Err(_still_running) => None,
            Ok(Ok(result)) => Some(result),
            Ok(Err(failure)) => Some(Err(Error::Internal(format!("the query's task failed: {failure}")))),
        }
    }
}

/// A query's result read batch by batch (see [`Session::stream`]); dropping it
/// stops the query.
pub struct QueryStream {
    schema: SchemaRef,
    stream: SendableRecordBatchStream,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl QueryStream {
    /// The schema of the batches.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }
}

impl Iterator for QueryStream {
    type Item = Result<RecordBatch>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = &mut self.stream;
        self.runtime.block_on(stream.next()).map(|batch| batch.map_err(Error::from))
    }
}

impl Drop for RunningQuery {
    fn drop(&mut self) {
        self.task.abort();
    }
}
