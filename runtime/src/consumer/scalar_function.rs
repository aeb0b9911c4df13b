// SPDX-License-Identifier: Apache-2.0
//! Scalar function calls (<https://substrait.io/expressions/scalar_functions/>).
//!
//! On top of datafusion-substrait's name-based lookup we handle:
//! - **options** that fix edge cases
//!   (<https://substrait.io/extensions/#function-signature-compound-names>):
//!   `overflow: ERROR` / `on_division_by_zero: ERROR` are Spark's ANSI mode,
//!   `on_division_by_zero: NULL` its legacy mode, while DataFusion's operators
//!   return infinity or fail on a zero divisor, so those calls become our
//!   arithmetic functions ([`SPARK_ARITHMETIC`]);
//! - **enum arguments**, which the default consumer rejects: `extract(YEAR, d)`
//!   (how other producers write TPC-H Q7–Q9) becomes DataFusion's `date_part`;
//!   other functions with enum arguments fail with an error naming both;
//! - **higher-order functions**: their lambda variables are typed by the
//!   function (`Expr::resolve_lambda_variables`).

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
use crate::functions::arithmetic::{EvalMode, Operation, SparkArithmetic};
use crate::host_functions::HostFunctionKind;

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
    if consumer.is_host_function(function.function_reference) {
        return host_function_call(consumer, name, function, input_schema).await;
    }
    if let Some((operation, mode)) = spark_arithmetic(name, function) {
        let arguments =
            from_substrait_func_args(consumer, &function.arguments, input_schema).await?;
        let udf = Arc::new(ScalarUDF::new_from_impl(SparkArithmetic::new(operation, mode)));
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
        (_, false) => {
            let call = from_scalar_function(consumer, function, input_schema).await?;
            if matches!(call, Expr::HigherOrderFunction(_)) && !consumer.in_lambda() {
                // Lambda variables typed by the function (as it will evaluate them),
                // not by the plan's Substrait types, which lose nested field names;
                // from the outermost call, so nested lambdas see their enclosing ones.
                return Ok(call.resolve_lambda_variables(input_schema)?.data);
            }
            Ok(call)
        }
    }
}

/// A call of the host function (Python UDF) registered as `name`.
async fn host_function_call(
    consumer: &SparkConsumer<'_>,
    name: &str,
    function: &ScalarFunction,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    if !matches!(consumer.host_functions().get(name), Some((_, HostFunctionKind::Scalar(_)))) {
        return Err(crate::host_functions::unregistered(name));
    }
    let udf = consumer.state().udf(name)?;
    let arguments = from_substrait_func_args(consumer, &function.arguments, input_schema).await?;
    Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(udf, arguments)))
}

/// Calls that need our arithmetic: Substrait function, an option and the
/// preference that asks for Spark's behaviour, and what implements it. The
/// first row whose option the call gives wins. Calls matching no row keep
/// DataFusion's operators, which already wrap on integer overflow
/// (`overflow: SILENT`, Spark's legacy `+`, `-`, `*`).
const SPARK_ARITHMETIC: [(&str, &str, &str, Operation, EvalMode); 13] = [
    ("add", "overflow", "ERROR", Operation::Add, EvalMode::Ansi),
    ("subtract", "overflow", "ERROR", Operation::Subtract, EvalMode::Ansi),
    ("multiply", "overflow", "ERROR", Operation::Multiply, EvalMode::Ansi),
    ("negate", "overflow", "ERROR", Operation::Negate, EvalMode::Ansi),
    // DataFusion wraps a negated column but fails on a negated constant.
    ("negate", "overflow", "SILENT", Operation::Negate, EvalMode::Legacy),
    ("divide", "on_division_by_zero", "ERROR", Operation::Divide, EvalMode::Ansi),
    ("divide", "overflow", "ERROR", Operation::Divide, EvalMode::Ansi),
    ("divide", "on_division_by_zero", "NULL", Operation::Divide, EvalMode::Legacy),
    // The standard (integer) modulus calls a zero divisor a domain error;
    // ours (`functions_spark.yaml`, floating point) a division by zero.
    ("modulus", "on_domain_error", "ERROR", Operation::Remainder, EvalMode::Ansi),
    ("modulus", "on_division_by_zero", "ERROR", Operation::Remainder, EvalMode::Ansi),
    ("modulus", "overflow", "ERROR", Operation::Remainder, EvalMode::Ansi),
    ("modulus", "on_domain_error", "NULL", Operation::Remainder, EvalMode::Legacy),
    ("modulus", "on_division_by_zero", "NULL", Operation::Remainder, EvalMode::Legacy),
];

/// The operation and evaluation mode a call asks for through its options, if it needs ours.
fn spark_arithmetic(name: &str, function: &ScalarFunction) -> Option<(Operation, EvalMode)> {
    SPARK_ARITHMETIC
        .iter()
        .find(|(function_name, option, preference, _, _)| {
            *function_name == name && super::prefers(&function.options, option, preference)
        })
        .map(|(_, _, _, operation, mode)| (*operation, *mode))
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
