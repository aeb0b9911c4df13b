// SPDX-License-Identifier: Apache-2.0
//! `Expression.WindowFunction` (<https://substrait.io/expressions/window_functions/>):
//! datafusion-substrait's reading, except that `sum` with `overflow: ERROR`
//! (Spark's ANSI mode) runs our checked sum, as in aggregations
//! (`aggregate_rel.rs`), and that a `RANGE` frame's offsets get the type of
//! its ordering key (see [`range_offsets_in_key_type`]).

use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, plan_err};
use datafusion::logical_expr::expr::WindowFunctionParams;
use datafusion::logical_expr::{
    AggregateUDF, Cast, Expr, ExprSchemable, WindowFrameBound, WindowFrameUnits, WindowFunctionDefinition,
};
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
    let Expr::WindowFunction(mut window) = expression else {
        return Ok(expression);
    };
    let is_sum = consumer
        .get_extensions()
        .functions
        .get(&function.function_reference)
        .is_some_and(|signature| substrait_fun_name(signature) == "sum");
    if is_sum
        && super::prefers(&function.options, "overflow", "ERROR")
        && matches!(&window.fun, WindowFunctionDefinition::AggregateUDF(udaf) if udaf.name() == "sum")
    {
        window.fun = WindowFunctionDefinition::AggregateUDF(Arc::new(AggregateUDF::new_from_impl(CheckedSum::new())));
    }
    range_offsets_in_key_type(&mut window.params, input_schema)?;
    Ok(Expr::WindowFunction(window))
}

/// datafusion-substrait reads a frame's offsets as `UInt64`, and DataFusion's
/// type coercion leaves such values as they are; a `RANGE` frame adds them to
/// the ordering key (an addition of mixed types fails, and DataFusion then
/// takes the frame to the partition's edge), so they are cast to the key's
/// type here, as Spark casts them. Spark adds a number of days to a date key:
/// the key is compared as its day number.
fn range_offsets_in_key_type(params: &mut WindowFunctionParams, schema: &DFSchema) -> datafusion::common::Result<()> {
    let frame = &mut params.window_frame;
    if frame.units != WindowFrameUnits::Range || !(has_offset(&frame.start_bound) || has_offset(&frame.end_bound)) {
        return Ok(());
    }
    let Some(key) = params.order_by.first_mut() else {
        return plan_err!("a RANGE frame with offsets needs an ordering");
    };
    let mut key_type = key.expr.get_type(schema)?;
    if key_type == DataType::Date32 {
        key.expr = Expr::Cast(Cast::new(Box::new(key.expr.clone()), DataType::Int32));
        key_type = DataType::Int32;
    }
    frame.start_bound = bound_in_type(frame.start_bound.clone(), &key_type)?;
    frame.end_bound = bound_in_type(frame.end_bound.clone(), &key_type)?;
    Ok(())
}

fn has_offset(bound: &WindowFrameBound) -> bool {
    matches!(bound, WindowFrameBound::Preceding(value) | WindowFrameBound::Following(value) if !value.is_null())
}

fn bound_in_type(bound: WindowFrameBound, key_type: &DataType) -> datafusion::common::Result<WindowFrameBound> {
    Ok(match bound {
        WindowFrameBound::Preceding(value) if !value.is_null() => WindowFrameBound::Preceding(value.cast_to(key_type)?),
        WindowFrameBound::Following(value) if !value.is_null() => WindowFrameBound::Following(value.cast_to(key_type)?),
        other => other,
    })
}
