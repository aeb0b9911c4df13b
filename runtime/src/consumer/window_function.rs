// SPDX-License-Identifier: Apache-2.0
//! `Expression.WindowFunction` (<https://substrait.io/expressions/window_functions/>):
//! datafusion-substrait's reading, except that `sum` with `overflow: ERROR`
//! (Spark's ANSI mode) runs our checked sum, as in aggregations
//! (`aggregate_rel.rs`).

use std::sync::Arc;

use datafusion::common::DFSchema;
use datafusion::logical_expr::{AggregateUDF, Expr, WindowFunctionDefinition};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, from_window_function, substrait_fun_name};
use substrait::proto::expression::WindowFunction;

use super::SparkConsumer;
use crate::functions::checked_sum::CheckedSum;

pub(super) async fn consume_window_function(
    consumer: &SparkConsumer<'_>,
    function: &WindowFunction,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let expression = from_window_function(consumer, function, input_schema).await?;
    let is_sum = consumer
        .get_extensions()
        .functions
        .get(&function.function_reference)
        .is_some_and(|signature| substrait_fun_name(signature) == "sum");
    if !is_sum || !super::prefers(&function.options, "overflow", "ERROR") {
        return Ok(expression);
    }
    match expression {
        Expr::WindowFunction(mut window) => {
            if matches!(&window.fun, WindowFunctionDefinition::AggregateUDF(udaf) if udaf.name() == "sum") {
                window.fun = WindowFunctionDefinition::AggregateUDF(Arc::new(AggregateUDF::new_from_impl(CheckedSum::new())));
            }
            Ok(Expr::WindowFunction(window))
        }
        other => Ok(other),
    }
}
