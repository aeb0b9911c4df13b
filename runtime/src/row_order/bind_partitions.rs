// SPDX-License-Identifier: Apache-2.0
//! [`BindPartitions`]: gives the per-partition functions (`rand(seed)`,
//! `spark_partition_id()`, ... see `functions/misc/per_partition.rs`) the
//! partition they run in, where that partition is Spark's.
//!
//! Spark numbers a `range`'s partitions as pyrust's engine splits it (runs of
//! values, `catalog::register_range`), and filters, projections and unions
//! keep partitions and the order of rows in them (a union's partitions are
//! its inputs' one after another). So in a projection whose input is made of
//! those alone down to `range` reads, partition `k` of the engine is Spark's
//! partition `k`, with Spark's rows in Spark's order, and a function bound to
//! `k` that counts rows sees what Spark's sees. Such a projection becomes a
//! [`PartitionBoundProjectionExec`], which binds its functions per partition
//! as it runs. Local data (`createDataFrame`) is split otherwise by PySpark
//! (in serialized batches), and shuffles renumber rows, so nothing else is
//! bound: there the functions fail with NOT_IMPLEMENTED.
//!
//! The rule runs first among the physical rules, before projections are
//! pushed into unions' inputs, which would change whose partitions count;
//! and [`KeepAbovePerPartition`] keeps limits and filters above such projections.

use std::fmt;
use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{Expr, LogicalPlan};
use datafusion::optimizer::optimizer::ApplyOrder;
use datafusion::optimizer::{OptimizerConfig, OptimizerRule};
use datafusion::physical_expr::{PhysicalExpr, ScalarFunctionExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::memory::LazyMemoryExec;
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::union::UnionExec;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, PlanProperties, SendableRecordBatchStream};

use crate::functions::per_partition::as_per_partition;

/// The physical rule binding per-partition functions where partitions are Spark's.
#[derive(Debug, Default)]
pub(crate) struct BindPartitions;

impl PhysicalOptimizerRule for BindPartitions {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            if let Some(projection) = node.downcast_ref::<ProjectionExec>()
                && projection.expr().iter().any(|projected| has_per_partition(&projected.expr))
                && keeps_spark_partitions(projection.input().as_ref())
            {
                let bound = PartitionBoundProjectionExec { projection: projection.clone() };
                return Ok(Transformed::yes(Arc::new(bound) as Arc<dyn ExecutionPlan>));
            }
            Ok(Transformed::no(node))
        })
        .map(|transformed| transformed.data)
    }

    fn name(&self) -> &str {
        "bind_partitions"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// Whether `expression` calls a per-partition function.
fn has_per_partition(expression: &Arc<dyn PhysicalExpr>) -> bool {
    let mut found = false;
    let _ = expression.apply(|node| {
        if node.downcast_ref::<ScalarFunctionExpr>().is_some_and(|call| as_per_partition(call.fun()).is_some()) {
            found = true;
            return Ok(TreeNodeRecursion::Stop);
        }
        Ok(TreeNodeRecursion::Continue)
    });
    found
}

/// Whether `plan`'s partitions, and the order of rows in them, are Spark's:
/// only filters, projections and unions over `range` reads or Spark's exchanges.
fn keeps_spark_partitions(plan: &dyn ExecutionPlan) -> bool {
    // A range read, or an exchange (planned only over Spark's partitions) into Spark's.
    if plan.is::<LazyMemoryExec>() || plan.is::<super::SparkExchangeExec>() {
        return true;
    }
    let narrow = plan.is::<ProjectionExec>() || plan.is::<FilterExec>() || plan.is::<UnionExec>();
    narrow && plan.children().into_iter().all(|child| keeps_spark_partitions(child.as_ref()))
}

/// A projection whose per-partition functions are bound, for each partition
/// it runs, to that partition (with a fresh state per run).
#[derive(Debug, Clone)]
pub(crate) struct PartitionBoundProjectionExec {
    projection: ProjectionExec,
}

impl PartitionBoundProjectionExec {
    /// The projection's expressions with their per-partition functions bound to `partition`.
    fn bound_expressions(&self, partition: usize) -> Result<Vec<ProjectionExpr>> {
        let schema = self.projection.input().schema();
        self.projection
            .expr()
            .iter()
            .map(|projected| {
                let expression = Arc::clone(&projected.expr).transform_up(|node| {
                    let Some(call) = node.downcast_ref::<ScalarFunctionExpr>() else {
                        return Ok(Transformed::no(node));
                    };
                    let Some(function) = as_per_partition(call.fun()) else {
                        return Ok(Transformed::no(node));
                    };
                    let bound = ScalarFunctionExpr::new(
                        call.name(),
                        Arc::new(function.bound(partition)),
                        call.args().to_vec(),
                        node.return_field(&schema)?,
                        Arc::new(call.config_options().clone()),
                    );
                    Ok(Transformed::yes(Arc::new(bound) as Arc<dyn PhysicalExpr>))
                })?;
                Ok(ProjectionExpr { expr: expression.data, alias: projected.alias.clone() })
            })
            .collect()
    }
}

impl DisplayAs for PartitionBoundProjectionExec {
    fn fmt_as(&self, format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "PartitionBound")?;
        self.projection.fmt_as(format, formatter)
    }
}

impl ExecutionPlan for PartitionBoundProjectionExec {
    fn name(&self) -> &str {
        "PartitionBoundProjectionExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.projection.properties()
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![self.projection.input()]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![true]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn apply_expressions(
        &self,
        visit: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        self.projection.apply_expressions(visit)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        let [input] = <[_; 1]>::try_from(children).map_err(|children| {
            DataFusionError::Internal(format!("PartitionBoundProjectionExec takes one input, got {}", children.len()))
        })?;
        let projection = ProjectionExec::try_new(self.projection.expr().to_vec(), input)?;
        Ok(Arc::new(PartitionBoundProjectionExec { projection }))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        let projection = ProjectionExec::try_new(self.bound_expressions(partition)?, Arc::clone(self.projection.input()))?;
        projection.execute(partition, context)
    }
}

/// One of DataFusion's logical rules that move operators below projections
/// (`push_down_limit`, `push_down_filter`), except that a limit or filter
/// stays above a projection calling a per-partition function, as Spark keeps
/// them: below it, the function would see other rows (a filter's) or run
/// after the limit's merge of partitions, where Spark's partitions are lost.
#[derive(Debug)]
pub(crate) struct KeepAbovePerPartition {
    inner: Arc<dyn OptimizerRule + Send + Sync>,
}

impl KeepAbovePerPartition {
    pub(crate) fn new(inner: Arc<dyn OptimizerRule + Send + Sync>) -> Self {
        KeepAbovePerPartition { inner }
    }
}

impl OptimizerRule for KeepAbovePerPartition {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn apply_order(&self) -> Option<ApplyOrder> {
        self.inner.apply_order()
    }

    fn supports_rewrite(&self) -> bool {
        true
    }

    fn rewrite(&self, plan: LogicalPlan, config: &dyn OptimizerConfig) -> Result<Transformed<LogicalPlan>> {
        let input = match &plan {
            LogicalPlan::Limit(limit) => Some(limit.input.as_ref()),
            LogicalPlan::Filter(filter) => Some(filter.input.as_ref()),
            _ => None,
        };
        if let Some(LogicalPlan::Projection(projection)) = input
            && projection.expr.iter().any(calls_per_partition)
        {
            return Ok(Transformed::no(plan));
        }
        self.inner.rewrite(plan, config)
    }
}

/// Whether a logical expression calls a per-partition function.
fn calls_per_partition(expression: &Expr) -> bool {
    expression
        .exists(|node| Ok(matches!(node, Expr::ScalarFunction(call) if as_per_partition(&call.func).is_some())))
        .unwrap_or(false)
}
