// SPDX-License-Identifier: Apache-2.0
//! Spark's functions in the engine: for each function our extension YAMLs
//! declare (`python/pyrust/extensions/functions_spark*.yaml`), what runs it.
//!
//! One table per family (`string.rs`, `aggregate.rs`, ...), one row per
//! function: the name plans call it by (Spark's name, the YAML's), and its
//! implementation, preferring in this order
//! 1. a DataFusion built-in that behaves exactly as Spark's ([`Scalar::DataFusion`]),
//! 2. the `datafusion-spark` crate, which implements many with Spark's semantics ([`Scalar::Spark`]),
//! 3. our own, in this folder ([`Scalar::Ours`]).
//!
//! [`register`] puts every row into the session's function registry under its
//! name, so datafusion-substrait's consumer, which finds functions by name,
//! runs plans with them, and DataFusion's SQL parser (`F.expr`) resolves them.
//! A row whose function has another name is registered renamed ([`renamed`]).
//!
//! The rest of this folder: arithmetic, casts and sums with Spark's ANSI and
//! legacy modes, which the consumer picks by function options (see
//! `consumer/scalar_function.rs`).

mod aggregate;
pub(crate) mod arithmetic;
pub(crate) mod checked_cast;
pub(crate) mod checked_sum;
mod collection;
mod conditional;
pub(crate) mod datetime;
mod higher_order;
mod interval;
mod json;
mod math;
mod misc;
pub(crate) use misc::{murmur3_hash, per_partition};
pub(crate) mod nan_aware_min_max;
mod renamed;
mod sketch;
mod string;
pub(crate) mod string_to_integer;
mod variant;
mod window;
mod xml;

use std::sync::Arc;

use datafusion::arrow::array::ArrayRef;
use datafusion::common::{Result, ScalarValue, plan_err};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{AggregateUDF, ColumnarValue, HigherOrderUDF, ScalarUDF};
use datafusion::prelude::SessionContext;

/// What runs a scalar function.
#[derive(Clone, Copy)]
pub(crate) enum Scalar {
    /// DataFusion's built-in function of this name, which behaves as Spark's.
    DataFusion(&'static str),
    /// A function of the datafusion-spark crate.
    Spark(fn() -> Arc<ScalarUDF>),
    /// Ours.
    Ours(fn() -> ScalarUDF),
}

/// What runs an aggregate function.
#[derive(Clone, Copy)]
pub(crate) enum Aggregate {
    DataFusion(&'static str),
    Spark(fn() -> Arc<AggregateUDF>),
    Ours(fn() -> AggregateUDF),
}

/// What runs a window function (ranking and offset functions): all of
/// DataFusion's behave as Spark's so far (a variant for our own comes with
/// the first one we need).
#[derive(Clone, Copy)]
pub(crate) enum Window {
    DataFusion(&'static str),
}

/// Every family's scalar functions.
const SCALAR_FAMILIES: &[&[(&str, Scalar)]] = &[
    collection::SCALARS,
    conditional::SCALARS,
    datetime::SCALARS,
    interval::SCALARS,
    json::SCALARS,
    math::SCALARS,
    misc::SCALARS,
    sketch::SCALARS,
    string::SCALARS,
    variant::SCALARS,
    xml::SCALARS,
];
/// What makes a higher-order function (one with lambda arguments): all are ours.
pub(crate) type HigherOrder = fn() -> HigherOrderUDF;

/// Every higher-order function.
const HIGHER_ORDER_FAMILIES: &[&[(&str, HigherOrder)]] = &[higher_order::HIGHER_ORDER];
/// Every family's aggregate functions.
const AGGREGATE_FAMILIES: &[&[(&str, Aggregate)]] = &[aggregate::AGGREGATES, sketch::AGGREGATES, variant::AGGREGATES];
/// Every family's window functions.
const WINDOW_FAMILIES: &[&[(&str, Window)]] = &[window::WINDOWS];

/// Register every function of the tables in `context`, under its name.
pub(crate) fn register(context: &SessionContext) -> Result<()> {
    for (name, implementation) in SCALAR_FAMILIES.iter().flat_map(|family| family.iter()) {
        let function = match implementation {
            Scalar::DataFusion(builtin) => context.udf(builtin)?,
            Scalar::Spark(make) => make(),
            Scalar::Ours(make) => Arc::new(make()),
        };
        if function.name() == *name {
            context.register_udf(function.as_ref().clone());
        } else {
            context.register_udf(ScalarUDF::new_from_impl(renamed::Renamed::new(name, function)));
        }
    }
    for (name, make) in HIGHER_ORDER_FAMILIES.iter().flat_map(|family| family.iter()) {
        let function = make();
        if function.name() != *name {
            return plan_err!("the higher-order function {name} is implemented by one named {}", function.name());
        }
        context.register_higher_order_function(Arc::new(function));
    }
    for (name, implementation) in AGGREGATE_FAMILIES.iter().flat_map(|family| family.iter()) {
        let function = match implementation {
            Aggregate::DataFusion(builtin) => context.udaf(builtin)?,
            Aggregate::Spark(make) => make(),
            Aggregate::Ours(make) => Arc::new(make()),
        };
        if function.name() != *name {
            return plan_err!("the aggregate function {name} is implemented by one named {}", function.name());
        }
        context.register_udaf(function.as_ref().clone());
    }
    for (name, implementation) in WINDOW_FAMILIES.iter().flat_map(|family| family.iter()) {
        let Window::DataFusion(builtin) = implementation;
        let function = context.udwf(builtin)?;
        if function.name() != *name {
            return plan_err!("the window function {name} is implemented by one named {}", function.name());
        }
        context.register_udwf(function.as_ref().clone());
    }
    Ok(())
}

/// `kernel` applied to a one-argument function's value: to the array, or to
/// a scalar as a one-row array whose result is a scalar again.
pub(crate) fn apply_unary(value: &ColumnarValue, kernel: impl Fn(&ArrayRef) -> Result<ArrayRef>) -> Result<ColumnarValue> {
    match value {
        ColumnarValue::Array(values) => Ok(ColumnarValue::Array(kernel(values)?)),
        ColumnarValue::Scalar(scalar) => Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&kernel(&scalar.to_array()?)?, 0)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_registers_under_its_name() -> Result<()> {
        let context = SessionContext::new();
        register(&context)?;
        for (name, _) in SCALAR_FAMILIES.iter().flat_map(|family| family.iter()) {
            assert_eq!(context.udf(name)?.name(), *name);
        }
        for (name, _) in AGGREGATE_FAMILIES.iter().flat_map(|family| family.iter()) {
            assert_eq!(context.udaf(name)?.name(), *name);
        }
        for (name, _) in WINDOW_FAMILIES.iter().flat_map(|family| family.iter()) {
            assert_eq!(context.udwf(name)?.name(), *name);
        }
        for (name, _) in HIGHER_ORDER_FAMILIES.iter().flat_map(|family| family.iter()) {
            assert_eq!(context.state().higher_order_function(name)?.name(), *name);
        }
        Ok(())
    }
}
