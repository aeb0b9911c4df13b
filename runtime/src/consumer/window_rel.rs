// SPDX-License-Identifier: Apache-2.0
//! `ConsistentPartitionWindowRel`
//! (<https://substrait.io/relations/physical_relations/#consistent-partition-window-operation>):
//! window functions that share one partitioning and ordering, appended to the
//! input's columns. datafusion-substrait reads window *functions* inside a
//! projection but not this relation; each of its functions is the same
//! call as an `Expression.WindowFunction` with the relation's partitions and
//! sorts, so we build those and let DataFusion's `Window` plan evaluate them.

use datafusion::common::substrait_err;
use datafusion::logical_expr::{LogicalPlan, LogicalPlanBuilder};
use datafusion_substrait::logical_plan::consumer::SubstraitConsumer;
use substrait::proto::ConsistentPartitionWindowRel;
use substrait::proto::expression::WindowFunction;

use super::SparkConsumer;

pub(super) async fn consume_window_rel(
    consumer: &SparkConsumer<'_>,
    rel: &ConsistentPartitionWindowRel,
) -> datafusion::common::Result<LogicalPlan> {
    let Some(input) = &rel.input else {
        return substrait_err!("ConsistentPartitionWindowRel.input is required");
    };
    if rel.window_functions.is_empty() {
        return substrait_err!("ConsistentPartitionWindowRel.window_functions must not be empty");
    }
    let input = consumer.consume_rel(input).await?;
    let input_schema = input.schema().clone();
    let mut window_expressions = Vec::with_capacity(rel.window_functions.len());
    for function in &rel.window_functions {
        #[expect(
            deprecated,
            reason = "the deprecated `args` field must be set to build the message"
        )]
        let call = WindowFunction {
            function_reference: function.function_reference,
            arguments: function.arguments.clone(),
            options: function.options.clone(),
            output_type: function.output_type.clone(),
            phase: function.phase,
            sorts: rel.sorts.clone(),
            invocation: function.invocation,
            partitions: rel.partition_expressions.clone(),
            bounds_type: function.bounds_type,
            lower_bound: function.lower_bound,
            upper_bound: function.upper_bound,
            args: vec![],
        };
        window_expressions.push(
            consumer
                .consume_window_function(&call, &input_schema)
                .await?,
        );
    }
    LogicalPlanBuilder::from(input)
        .window(window_expressions)?
        .build()
}
