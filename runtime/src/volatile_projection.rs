// SPDX-License-Identifier: Apache-2.0
//! Keeping volatile expressions where the plan computes them.
//!
//! DataFusion's physical filter pushdown moves a filter below a projection by
//! substituting the projection's expressions into the predicate, volatile
//! ones too: `SELECT r FROM (SELECT rand() AS r) WHERE r > 0.5` then draws one
//! random number for the filter and another for the output, and a
//! non-deterministic Python UDF runs twice per row. Spark never moves a
//! filter through a non-deterministic projection.
//!
//! [`KeepVolatileProjections`], run before the other physical rules, puts a
//! [`VolatileProjectionExec`] above every projection that computes a volatile
//! expression: it passes batches through unchanged and, like any operator
//! that does not say otherwise, lets no filter through.

use std::fmt;
use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{Result, internal_err};
use datafusion::execution::TaskContext;
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr_common::physical_expr::is_volatile;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::projection::ProjectionExec;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, PlanProperties, SendableRecordBatchStream};

/// The rule placing [`VolatileProjectionExec`]s.
#[derive(Debug)]
pub(crate) struct KeepVolatileProjections;

impl PhysicalOptimizerRule for KeepVolatileProjections {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let volatile = node
                .downcast_ref::<ProjectionExec>()
                .is_some_and(|projection| projection.expr().iter().any(|expression| is_volatile(&expression.expr)));
            if volatile {
                let barrier: Arc<dyn ExecutionPlan> = Arc::new(VolatileProjectionExec::new(node));
                return Ok(Transformed::yes(barrier));
            }
            Ok(Transformed::no(node))
        })
        .map(|transformed| transformed.data)
    }

    fn name(&self) -> &str {
        "keep_volatile_projections"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// Its input (a projection computing volatile expressions), unchanged; no filter passes it.
#[derive(Debug)]
pub(crate) struct VolatileProjectionExec {
    input: Arc<dyn ExecutionPlan>,
    properties: Arc<PlanProperties>,
}

impl VolatileProjectionExec {
    fn new(input: Arc<dyn ExecutionPlan>) -> Self {
        let properties = Arc::clone(input.properties());
        VolatileProjectionExec { input, properties }
    }
}

impl DisplayAs for VolatileProjectionExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "VolatileProjectionExec")
    }
}

impl ExecutionPlan for VolatileProjectionExec {
    fn name(&self) -> &str {
        "VolatileProjectionExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![true]
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
            return internal_err!("VolatileProjectionExec takes one input");
        };
        Ok(Arc::new(VolatileProjectionExec::new(input)))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        self.input.execute(partition, context)
    }
}
