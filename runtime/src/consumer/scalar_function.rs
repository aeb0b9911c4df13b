// SPDX-License-Identifier: Apache-2.0
//! Scalar function calls (<https://substrait.io/expressions/scalar_functions/>).
//!
//! On top of datafusion-substrait's name-based lookup we handle:
//! - **options** that fix edge cases
//!   (<https://substrait.io/extensions/#function-signature-compound-names>):
//!   `overflow: ERROR` and `on_division_by_zero: ERROR` are Spark's ANSI mode,
//!   while DataFusion's operators wrap or return infinity, so those calls
//!   become our checked kernels;
//! - **enum arguments**, which the default consumer rejects: `extract(YEAR, d)`
//!   (how other producers write TPC-H Q7–Q9) becomes DataFusion's `date_part`;
//!   other functions with enum arguments fail with an error naming both.

use std::sync::Arc;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, not_impl_err, substrait_err};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::ScalarFunction as ScalarFunctionExpr;
use datafusion::logical_expr::{Expr, ScalarUDF, cast, lit};
use datafusion_substrait::logical_plan::consumer::{
    SubstraitConsumer, from_scalar_function, from_substrait_func_args, substrait_fun_name,
};
use substrait::proto::FunctionArgument;
use substrait::proto::expression::ScalarFunction;
use substrait::proto::function_argument::ArgType;

use super::SparkConsumer;
use crate::functions::checked_arithmetic::{CheckedArithmetic, Operation};

pub(super) async fn consume_scalar_function(
    consumer: &SparkConsumer<'_>,
    function: &ScalarFunction,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let Some(signature) = consumer
        .get_extensions()
        .functions
        .get(&function.function_reference)
    else {
        return substrait_err!(
            "scalar function anchor {} is not declared in the plan",
            function.function_reference
        );
    };
    let name = substrait_fun_name(signature);
    if let Some(operation) = checked_operation(name, function) {
        let arguments =
            from_substrait_func_args(consumer, &function.arguments, input_schema).await?;
        let udf = Arc::new(ScalarUDF::new_from_impl(CheckedArithmetic::new(operation)));
        return Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(
            udf, arguments,
        )));
    }
    let has_enum = function
        .arguments
        .iter()
        .any(|argument| matches!(argument.arg_type, Some(ArgType::Enum(_))));
    if let Some(argument) = function
        .arguments
        .iter()
        .find(|argument| matches!(argument.arg_type, Some(ArgType::Type(_))))
    {
        return not_impl_err!(
            "type arguments to functions are not supported: {name} got {argument:?}"
        );
    }
    match (name, has_enum) {
        ("extract", true) => extract(consumer, &function.arguments, input_schema).await,
        (_, true) => not_impl_err!("enum arguments to function {name} are not supported"),
        (_, false) => from_scalar_function(consumer, function, input_schema).await,
    }
}

/// The checked operation a call asks for through its options, if any.
fn checked_operation(name: &str, function: &ScalarFunction) -> Option<Operation> {
    let wants = |option: &str| {
        function.options.iter().any(|given| {
            given.name == option && given.preference.first().map(String::as_str) == Some("ERROR")
        })
    };
    match name {
        "add" if wants("overflow") => Some(Operation::Add),
        "subtract" if wants("overflow") => Some(Operation::Subtract),
        "multiply" if wants("overflow") => Some(Operation::Multiply),
        "divide" if wants("on_division_by_zero") || wants("overflow") => Some(Operation::Divide),
        "modulus" if wants("on_division_by_zero") || wants("overflow") => {
            Some(Operation::Remainder)
        }
        _ => None,
    }
}

/// `extract(component, [indexing,] value)` from `functions_datetime.yaml`, as `date_part`.
async fn extract(
    consumer: &SparkConsumer<'_>,
    arguments: &[FunctionArgument],
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let option = |argument: &FunctionArgument| match &argument.arg_type {
        Some(ArgType::Enum(value)) => Some(value.to_ascii_uppercase()),
        _ => None,
    };
    let (component, indexing, value) = match arguments {
        [component, value] => (option(component), None, value),
        [component, indexing, value] => (option(component), option(indexing), value),
        _ => {
            return substrait_err!(
                "extract takes a component, an optional indexing and a value; got {} arguments",
                arguments.len()
            );
        }
    };
    let Some(component) = component else {
        return substrait_err!("extract's first argument must be an enum component");
    };
    let Some(ArgType::Value(value)) = &value.arg_type else {
        return substrait_err!("extract's last argument must be a value");
    };
    let value = consumer.consume_expression(value, input_schema).await?;
    // (date_part field, amount added, modulus applied) giving Substrait's definition.
    let (part, offset, modulus) = match component.as_str() {
        "YEAR" => ("year", 0_i64, None),
        "QUARTER" => ("quarter", 0, None),
        "MONTH" => ("month", 0, None),
        "DAY" => ("day", 0, None),
        "DAY_OF_YEAR" => ("doy", 0, None),
        "MONDAY_DAY_OF_WEEK" => ("isodow", 0, None),
        "SUNDAY_DAY_OF_WEEK" => ("dow", 1, None),
        "ISO_WEEK" => ("week", 0, None),
        "HOUR" => ("hour", 0, None),
        "MINUTE" => ("minute", 0, None),
        "SECOND" => ("second", 0, None),
        "MILLISECOND" => ("millisecond", 0, Some(1_000_i64)),
        "MICROSECOND" => ("microsecond", 0, Some(1_000_000_i64)),
        "NANOSECOND" => ("nanosecond", 0, Some(1_000_000_000_i64)),
        other => return not_impl_err!("extract component {other} is not supported"),
    };
    let offset = match indexing.as_deref() {
        None | Some("ONE") => offset,
        Some("ZERO") => offset - 1,
        Some(other) => return substrait_err!("extract indexing must be ONE or ZERO, got {other}"),
    };
    let date_part = consumer.state().udf("date_part")?;
    let mut result = cast(
        Expr::ScalarFunction(ScalarFunctionExpr::new_udf(
            date_part,
            vec![lit(part), value],
        )),
        DataType::Int64,
    );
    if let Some(modulus) = modulus {
        result = result % lit(modulus);
    }
    if offset != 0 {
        result = result + lit(offset);
    }
    Ok(result)
}
