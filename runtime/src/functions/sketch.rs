// SPDX-License-Identifier: Apache-2.0
//! Spark's sketch functions (`functions_spark_sketch.yaml`): Apache
//! DataSketches HLL, KLL, Theta and Tuple sketches, which Spark stores as `BINARY` in
//! the DataSketches formats (built with the `datasketches` crate, which reads
//! and writes those formats), and Spark's own bitmaps (`bitmap_*_agg`).
//!
//! Aggregates run on one generic frame ([`aggregate`]); each sketch kind has
//! its file with its aggregates and scalar functions. Errors carry Spark's
//! error classes (`HLL_INVALID_LG_K`, `KLL_INVALID_INPUT_SKETCH_BUFFER`...).

mod aggregate;
mod bitmap;
mod hll;
mod kll;
mod theta;
mod tuple;

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, Float32Array, Float64Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, exec_err};
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};

use super::{Aggregate, Scalar};
use crate::error::Error;
use aggregate::SketchAggregate;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("hll_sketch_estimate", Scalar::Ours(hll::estimate)),
    ("hll_union", Scalar::Ours(hll::union)),
    ("kll_sketch_get_n_bigint", Scalar::Ours(|| kll::get_n(kll::Item::Bigint))),
    ("kll_sketch_get_n_float", Scalar::Ours(|| kll::get_n(kll::Item::Float))),
    ("kll_sketch_get_n_double", Scalar::Ours(|| kll::get_n(kll::Item::Double))),
    ("kll_sketch_get_quantile_bigint", Scalar::Ours(|| kll::get_quantile(kll::Item::Bigint))),
    ("kll_sketch_get_quantile_float", Scalar::Ours(|| kll::get_quantile(kll::Item::Float))),
    ("kll_sketch_get_quantile_double", Scalar::Ours(|| kll::get_quantile(kll::Item::Double))),
    ("kll_sketch_get_rank_bigint", Scalar::Ours(|| kll::get_rank(kll::Item::Bigint))),
    ("kll_sketch_get_rank_float", Scalar::Ours(|| kll::get_rank(kll::Item::Float))),
    ("kll_sketch_get_rank_double", Scalar::Ours(|| kll::get_rank(kll::Item::Double))),
    ("kll_sketch_merge_bigint", Scalar::Ours(|| kll::merge(kll::Item::Bigint))),
    ("kll_sketch_merge_float", Scalar::Ours(|| kll::merge(kll::Item::Float))),
    ("kll_sketch_merge_double", Scalar::Ours(|| kll::merge(kll::Item::Double))),
    ("kll_sketch_to_string_bigint", Scalar::Ours(|| kll::to_string(kll::Item::Bigint))),
    ("kll_sketch_to_string_float", Scalar::Ours(|| kll::to_string(kll::Item::Float))),
    ("kll_sketch_to_string_double", Scalar::Ours(|| kll::to_string(kll::Item::Double))),
    ("theta_sketch_estimate", Scalar::Ours(theta::estimate)),
    ("theta_union", Scalar::Ours(|| theta::set_operation(theta::Operation::Union))),
    ("theta_intersection", Scalar::Ours(|| theta::set_operation(theta::Operation::Intersection))),
    ("theta_difference", Scalar::Ours(|| theta::set_operation(theta::Operation::Difference))),
    ("tuple_sketch_estimate_double", Scalar::Ours(|| tuple::scalar("tuple_sketch_estimate_double"))),
    ("tuple_sketch_estimate_integer", Scalar::Ours(|| tuple::scalar("tuple_sketch_estimate_integer"))),
    ("tuple_sketch_summary_double", Scalar::Ours(|| tuple::scalar("tuple_sketch_summary_double"))),
    ("tuple_sketch_summary_integer", Scalar::Ours(|| tuple::scalar("tuple_sketch_summary_integer"))),
    ("tuple_sketch_theta_double", Scalar::Ours(|| tuple::scalar("tuple_sketch_theta_double"))),
    ("tuple_sketch_theta_integer", Scalar::Ours(|| tuple::scalar("tuple_sketch_theta_integer"))),
    ("tuple_union_double", Scalar::Ours(|| tuple::scalar("tuple_union_double"))),
    ("tuple_union_integer", Scalar::Ours(|| tuple::scalar("tuple_union_integer"))),
    ("tuple_union_theta_double", Scalar::Ours(|| tuple::scalar("tuple_union_theta_double"))),
    ("tuple_union_theta_integer", Scalar::Ours(|| tuple::scalar("tuple_union_theta_integer"))),
    ("tuple_intersection_double", Scalar::Ours(|| tuple::scalar("tuple_intersection_double"))),
    ("tuple_intersection_integer", Scalar::Ours(|| tuple::scalar("tuple_intersection_integer"))),
    ("tuple_intersection_theta_double", Scalar::Ours(|| tuple::scalar("tuple_intersection_theta_double"))),
    ("tuple_intersection_theta_integer", Scalar::Ours(|| tuple::scalar("tuple_intersection_theta_integer"))),
    ("tuple_difference_double", Scalar::Ours(|| tuple::scalar("tuple_difference_double"))),
    ("tuple_difference_integer", Scalar::Ours(|| tuple::scalar("tuple_difference_integer"))),
    ("tuple_difference_theta_double", Scalar::Ours(|| tuple::scalar("tuple_difference_theta_double"))),
    ("tuple_difference_theta_integer", Scalar::Ours(|| tuple::scalar("tuple_difference_theta_integer"))),
];

pub(super) const AGGREGATES: &[(&str, Aggregate)] = &[
    ("hll_sketch_agg", Aggregate::Ours(|| AggregateUDF::new_from_impl(SketchAggregate::new(hll::HllSketchAgg)))),
    ("hll_union_agg", Aggregate::Ours(|| AggregateUDF::new_from_impl(SketchAggregate::new(hll::HllUnionAgg)))),
    ("kll_sketch_agg_bigint", Aggregate::Ours(|| kll::sketch_agg(kll::Item::Bigint))),
    ("kll_sketch_agg_float", Aggregate::Ours(|| kll::sketch_agg(kll::Item::Float))),
    ("kll_sketch_agg_double", Aggregate::Ours(|| kll::sketch_agg(kll::Item::Double))),
    ("kll_merge_agg_bigint", Aggregate::Ours(|| kll::merge_agg(kll::Item::Bigint))),
    ("kll_merge_agg_float", Aggregate::Ours(|| kll::merge_agg(kll::Item::Float))),
    ("kll_merge_agg_double", Aggregate::Ours(|| kll::merge_agg(kll::Item::Double))),
    ("theta_sketch_agg", Aggregate::Ours(|| AggregateUDF::new_from_impl(SketchAggregate::new(theta::ThetaSketchAgg)))),
    ("theta_union_agg", Aggregate::Ours(|| AggregateUDF::new_from_impl(SketchAggregate::new(theta::ThetaUnionAgg)))),
    (
        "theta_intersection_agg",
        Aggregate::Ours(|| AggregateUDF::new_from_impl(SketchAggregate::new(theta::ThetaIntersectionAgg))),
    ),
    ("tuple_sketch_agg_double", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Sketch, true))),
    ("tuple_sketch_agg_integer", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Sketch, false))),
    ("tuple_union_agg_double", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Union, true))),
    ("tuple_union_agg_integer", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Union, false))),
    ("tuple_intersection_agg_double", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Intersection, true))),
    ("tuple_intersection_agg_integer", Aggregate::Ours(|| tuple::aggregate(tuple::TupleAggregate::Intersection, false))),
    ("bitmap_construct_agg", Aggregate::Ours(|| bitmap::aggregate(bitmap::Bitmap::Construct))),
    ("bitmap_or_agg", Aggregate::Ours(|| bitmap::aggregate(bitmap::Bitmap::Or))),
    ("bitmap_and_agg", Aggregate::Ours(|| bitmap::aggregate(bitmap::Bitmap::And))),
];

/// A Spark error with its error class, parameters and message.
pub(super) fn spark_error(condition: &'static str, parameters: Vec<(&'static str, String)>, message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(condition, parameters, message)))
}

/// A function's name as Spark quotes it in error parameters (`` `hll_union` ``).
pub(super) fn quoted(function: &str) -> String {
    format!("`{function}`")
}

/// A batch of values to sketch, converted once: integers as `i64`, floats,
/// strings and bytes.
pub(super) enum Values {
    Long(Int64Array),
    Float(Float32Array),
    Double(Float64Array),
    Text(StringArray),
    Bytes(BinaryArray),
    /// Arrays of integers, each as its elements' little-endian bytes
    /// (`i32` or `i64` wide), as DataSketches hashes `int[]` and `long[]`.
    IntegerLists(Vec<Option<Vec<u8>>>),
}

impl Values {
    pub(super) fn of(array: &ArrayRef) -> Result<Values> {
        Ok(match array.data_type() {
            DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
                Values::Long(cast(array, &DataType::Int64)?.as_primitive().clone())
            }
            DataType::Float32 => Values::Float(array.as_primitive().clone()),
            DataType::Float64 => Values::Double(array.as_primitive().clone()),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Values::Text(cast(array, &DataType::Utf8)?.as_string::<i32>().clone())
            }
            DataType::Binary | DataType::LargeBinary | DataType::BinaryView | DataType::FixedSizeBinary(_) => {
                Values::Bytes(cast(array, &DataType::Binary)?.as_binary::<i32>().clone())
            }
            DataType::List(_) | DataType::LargeList(_) => Values::IntegerLists(integer_lists(array)?),
            other => return exec_err!("a sketch of {other} values is not supported"),
        })
    }
}

fn integer_lists(array: &ArrayRef) -> Result<Vec<Option<Vec<u8>>>> {
    let lists = cast(array, &DataType::new_list(element_type(array.data_type()), true))?;
    let lists = lists.as_list::<i32>();
    let mut result = Vec::with_capacity(lists.len());
    for row in 0..lists.len() {
        if lists.is_null(row) {
            result.push(None);
            continue;
        }
        let elements = lists.value(row);
        let bytes = match elements.data_type() {
            DataType::Int32 => elements
                .as_primitive::<datafusion::arrow::datatypes::Int32Type>()
                .iter()
                .flat_map(|value| value.unwrap_or(0).to_le_bytes())
                .collect(),
            _ => elements
                .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
                .iter()
                .flat_map(|value| value.unwrap_or(0).to_le_bytes())
                .collect(),
        };
        result.push(Some(bytes));
    }
    Ok(result)
}

/// `int` lists stay `int`; every other integer list is read as `bigint`.
fn element_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::List(field) | DataType::LargeList(field) if matches!(field.data_type(), DataType::Int8 | DataType::Int16 | DataType::Int32) => {
            DataType::Int32
        }
        _ => DataType::Int64,
    }
}

/// Argument `index` of a scalar call as binary, with `rows` rows.
pub(super) fn binary_argument(arrays: &[ArrayRef], index: usize) -> Result<BinaryArray> {
    match arrays.get(index) {
        Some(array) => Ok(cast(array, &DataType::Binary)?.as_binary::<i32>().clone()),
        None => exec_err!("missing argument {}", index + 1),
    }
}

/// A scalar function of this family, row by row over its arguments.
pub(super) fn row_function(
    name: &'static str,
    output: DataType,
    arities: &[usize],
    kernel: fn(&super::string::row_function::Arguments) -> Result<ArrayRef>,
) -> ScalarUDF {
    ScalarUDF::new_from_impl(super::string::row_function::RowFunction::new(name, output, arities, kernel))
}

/// The arrays of a kernel's arguments.
pub(super) fn arrays(arguments: &super::string::row_function::Arguments) -> Result<Vec<ArrayRef>> {
    (0..arguments.count()).map(|index| arguments.argument(index).map(Arc::clone)).collect()
}
