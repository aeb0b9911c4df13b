// SPDX-License-Identifier: Apache-2.0
//! Spark's join strategy hints, honoured where DataFusion can
//! (the plan contract: [`pyrust_compiler::join_hint`]).
//!
//! The consumer puts a [`ResolvedHintNode`] above each hinted input of a join
//! (Spark's `ResolvedHint`); it passes rows, columns, filters and limits
//! through, so DataFusion's optimizer plans around it as if it were not there.
//! The planner turns it into a [`HintExec`] (rows passed through), and the
//! physical rule [`ApplyJoinHints`], run right after DataFusion's join
//! selection, decides the join's build side by the hints, then removes the
//! markers:
//!
//! - `broadcast`: the hinted input becomes the collected build side of the
//!   hash join (`mode=CollectLeft`, Spark's `BroadcastHashJoin`), or of the
//!   nested loop and cross joins (Spark's `BroadcastNestedLoopJoin`), where
//!   Spark allows broadcasting that side: the right input of inner, left
//!   outer, left semi and left anti joins; the left input of inner and right
//!   outer joins. Elsewhere (full outer joins, the preserved side of an outer
//!   join) Spark ignores the hint, and so does the engine. With both inputs
//!   hinted, the smaller one (by DataFusion's statistics) is built, as Spark
//!   does.
//! - `shuffle_merge`, `shuffle_hash`, `shuffle_replicate_nl`: shown on the plan,
//!   not applied: DataFusion's own choice (a hash join, collected or
//!   partitioned by size) stands.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{DFSchemaRef, Result, Statistics, internal_err};
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{Expr, Extension, Join, LogicalPlan, UserDefinedLogicalNode, UserDefinedLogicalNodeCore};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::joins::{CrossJoinExec, HashJoinExec, NestedLoopJoinExec, PartitionMode};
use datafusion::physical_plan::statistics::{StatisticsArgs, StatisticsContext};
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PlanProperties, SendableRecordBatchStream,
};
use datafusion::physical_planner::{ExtensionPlanner, PhysicalPlanner};
use datafusion::prelude::JoinType;
use pyrust_compiler::join_hint::{JoinHints, JoinStrategy};

/// Spark's `ResolvedHint`: `input` unchanged, hinted for the join above it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd)]
pub(crate) struct ResolvedHintNode {
    pub(crate) input: LogicalPlan,
    pub(crate) strategy: JoinStrategy,
}

impl UserDefinedLogicalNodeCore for ResolvedHintNode {
    fn name(&self) -> &str {
        "ResolvedHint"
    }

    fn inputs(&self) -> Vec<&LogicalPlan> {
        vec![&self.input]
    }

    fn schema(&self) -> &DFSchemaRef {
        self.input.schema()
    }

    fn expressions(&self) -> Vec<Expr> {
        Vec::new()
    }

    fn prevent_predicate_push_down_columns(&self) -> HashSet<String> {
        // Rows pass through unchanged: every filter may go below.
        HashSet::new()
    }

    fn necessary_children_exprs(&self, output_columns: &[usize]) -> Option<Vec<Vec<usize>>> {
        // Columns pass through unchanged: the input needs just those asked for.
        Some(vec![output_columns.to_vec()])
    }

    fn supports_limit_pushdown(&self) -> bool {
        true
    }

    fn fmt_for_explain(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "ResolvedHint (strategy={})", self.strategy.name())
    }

    fn with_exprs_and_inputs(&self, _exprs: Vec<Expr>, inputs: Vec<LogicalPlan>) -> Result<Self> {
        let Ok([input]) = <[LogicalPlan; 1]>::try_from(inputs) else {
            return internal_err!("ResolvedHint takes one input");
        };
        Ok(ResolvedHintNode { input, strategy: self.strategy })
    }
}

/// `join` with its inputs marked by `hints` (the consumer's part).
pub(crate) fn hinted_join(join: LogicalPlan, hints: JoinHints) -> LogicalPlan {
    if hints.is_empty() {
        return join;
    }
    let LogicalPlan::Join(join) = join else {
        return join;
    };
    let mark = |input: Arc<LogicalPlan>, strategy: Option<JoinStrategy>| match strategy {
        None => input,
        Some(strategy) => Arc::new(LogicalPlan::Extension(Extension {
            node: Arc::new(ResolvedHintNode { input: Arc::unwrap_or_clone(input), strategy }),
        })),
    };
    let left = mark(Arc::clone(&join.left), hints.left);
    let right = mark(Arc::clone(&join.right), hints.right);
    LogicalPlan::Join(Join { left, right, ..join })
}

/// The hint of a join's input, below the join's own operators.
#[derive(Debug)]
pub(crate) struct HintExec {
    input: Arc<dyn ExecutionPlan>,
    strategy: JoinStrategy,
}

impl DisplayAs for HintExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "HintExec: strategy={}", self.strategy.name())
    }
}

impl ExecutionPlan for HintExec {
    fn name(&self) -> &str {
        "HintExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
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
            return internal_err!("HintExec takes one input");
        };
        Ok(Arc::new(HintExec { input, strategy: self.strategy }))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        self.input.execute(partition, context)
    }

    fn statistics_from_inputs(&self, input_stats: &[Arc<Statistics>], _args: &StatisticsArgs) -> Result<Arc<Statistics>> {
        match input_stats {
            [input] => Ok(Arc::clone(input)),
            _ => internal_err!("HintExec takes one input"),
        }
    }
}

/// Plans [`ResolvedHintNode`]s as [`HintExec`]s.
#[derive(Debug)]
pub(crate) struct ResolvedHintPlanner;

#[async_trait]
impl ExtensionPlanner for ResolvedHintPlanner {
    async fn plan_extension(
        &self,
        _planner: &dyn PhysicalPlanner,
        node: &dyn UserDefinedLogicalNode,
        _logical_inputs: &[&LogicalPlan],
        physical_inputs: &[Arc<dyn ExecutionPlan>],
        _session: &dyn datafusion::catalog::Session,
        _planning_context: &datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext,
    ) -> Result<Option<Arc<dyn ExecutionPlan>>> {
        let Some(node) = node.as_any().downcast_ref::<ResolvedHintNode>() else {
            return Ok(None);
        };
        let [input] = physical_inputs else {
            return internal_err!("ResolvedHint takes one input");
        };
        Ok(Some(Arc::new(HintExec { input: Arc::clone(input), strategy: node.strategy })))
    }
}

/// The physical rule that builds joins on the side their hints ask for, then
/// drops the hints (see the module's documentation). It runs right after
/// DataFusion's `join_selection`, whose choices it overrides.
#[derive(Debug, Default)]
pub(crate) struct ApplyJoinHints;

impl PhysicalOptimizerRule for ApplyJoinHints {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, _config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        let applied = plan
            .transform_up(|node| {
                Ok(match built_as_hinted(&node)? {
                    Some(join) => Transformed::yes(join),
                    None => Transformed::no(node),
                })
            })?
            .data;
        Ok(applied
            .transform_up(|node| {
                Ok(match node.downcast_ref::<HintExec>() {
                    Some(hint) => Transformed::yes(Arc::clone(&hint.input)),
                    None => Transformed::no(node),
                })
            })?
            .data)
    }

    fn name(&self) -> &str {
        "apply_join_hints"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// The hint on a join's input: a [`HintExec`] reached through operators of one input
/// (Spark takes a hint through any unary operator down to the relation it names).
fn hint_below(input: &Arc<dyn ExecutionPlan>) -> Option<JoinStrategy> {
    let mut node = input;
    loop {
        if let Some(hint) = node.downcast_ref::<HintExec>() {
            return Some(hint.strategy);
        }
        match node.children().as_slice() {
            [only] => node = only,
            _ => return None,
        }
    }
}

/// Whether Spark broadcasts the left input of a join of this type (its right
/// input's rows are streamed: inner and right outer joins, and the mirrored
/// semi, anti and existence joins DataFusion's swaps make).
fn can_build_left(join_type: JoinType) -> bool {
    matches!(join_type, JoinType::Inner | JoinType::Right | JoinType::RightSemi | JoinType::RightAnti | JoinType::RightMark)
}

/// Whether Spark broadcasts the right input of a join of this type.
fn can_build_right(join_type: JoinType) -> bool {
    matches!(join_type, JoinType::Inner | JoinType::Left | JoinType::LeftSemi | JoinType::LeftAnti | JoinType::LeftMark)
}

/// DataFusion's estimate of a plan's size, for choosing between two hinted inputs.
fn estimated_size(plan: &Arc<dyn ExecutionPlan>) -> Option<usize> {
    let statistics = StatisticsContext::new().compute(plan.as_ref(), &StatisticsArgs::new()).ok()?;
    statistics.total_byte_size.get_value().or_else(|| statistics.num_rows.get_value()).copied()
}

/// `node` rebuilt with the build side its inputs' broadcast hints ask for, if it
/// is a join they change.
fn built_as_hinted(node: &Arc<dyn ExecutionPlan>) -> Result<Option<Arc<dyn ExecutionPlan>>> {
    let children = node.children();
    let [left, right] = children.as_slice() else {
        return Ok(None);
    };
    let broadcast = |input| hint_below(input) == Some(JoinStrategy::Broadcast);
    let (left_hinted, right_hinted) = (broadcast(left), broadcast(right));
    if !left_hinted && !right_hinted {
        return Ok(None);
    }
    let join_type = if let Some(join) = node.downcast_ref::<HashJoinExec>() {
        *join.join_type()
    } else if let Some(join) = node.downcast_ref::<NestedLoopJoinExec>() {
        *join.join_type()
    } else if node.is::<CrossJoinExec>() {
        JoinType::Inner
    } else {
        return Ok(None);
    };
    let build_left = match (left_hinted && can_build_left(join_type), right_hinted && can_build_right(join_type)) {
        // Spark builds the smaller input, the right one when they are equal or unknown.
        (true, true) => match (estimated_size(left), estimated_size(right)) {
            (Some(left_size), Some(right_size)) => left_size < right_size,
            (Some(_), None) => true,
            _ => false,
        },
        (true, false) => true,
        (false, true) => false,
        (false, false) => return Ok(None),
    };
    // A join that cannot be rebuilt so (DataFusion refuses the swap) keeps its plan:
    // a hint never changes a result, only how it is computed.
    if let Some(join) = node.downcast_ref::<HashJoinExec>() {
        return Ok(if build_left {
            (*join.partition_mode() != PartitionMode::CollectLeft)
                .then(|| join.builder().with_partition_mode(PartitionMode::CollectLeft).build().ok())
                .flatten()
                .map(|join| Arc::new(join) as Arc<dyn ExecutionPlan>)
        } else {
            join.swap_inputs(PartitionMode::CollectLeft).ok()
        });
    }
    // Nested loop and cross joins always collect their left input.
    if build_left {
        return Ok(None);
    }
    if let Some(join) = node.downcast_ref::<NestedLoopJoinExec>() {
        return Ok(join.swap_inputs().ok());
    }
    Ok(node.downcast_ref::<CrossJoinExec>().and_then(|join| join.swap_inputs().ok()))
}
