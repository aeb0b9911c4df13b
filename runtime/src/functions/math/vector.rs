// SPDX-License-Identifier: Apache-2.0
//! Spark 4.2's vector functions on `array<float>`: `vector_inner_product`,
//! `vector_l2_distance`, `vector_cosine_similarity`, `vector_norm`,
//! `vector_normalize`. As Spark's, sums are taken in double precision and the
//! result rounded to float; a null vector or a null element gives null, as does
//! a zero vector where a norm divides; vectors of different lengths fail.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Float32Builder, ListArray, ListBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Float32Type};
use datafusion::common::Result;
use datafusion::error::DataFusionError;
use datafusion::logical_expr::ScalarUDF;

use crate::functions::string::row_function::{Arguments, RowFunction, spark_error};

fn lists(arguments: &Arguments, index: usize) -> Result<ListArray> {
    Ok(arguments.argument(index)?.as_list::<i32>().clone())
}

/// Row `row` of a list of floats, or `None` when it or one of its elements is null.
fn vector(list: &ListArray, row: usize) -> Option<Vec<f32>> {
    if list.is_null(row) {
        return None;
    }
    let values = list.value(row);
    let floats: &Float32Array = values.as_primitive::<Float32Type>();
    if floats.null_count() > 0 {
        return None;
    }
    Some(floats.values().to_vec())
}

fn dimension_mismatch(function: &str, left: usize, right: usize) -> DataFusionError {
    spark_error(
        "VECTOR_DIMENSION_MISMATCH",
        vec![("functionName", format!("`{function}`")), ("leftDim", left.to_string()), ("rightDim", right.to_string())],
        format!("Vectors passed to `{function}` must have the same dimension, but got {left} and {right}."),
    )
}

/// A function of two vectors of one dimension, giving a float or null.
fn pairwise(arguments: &Arguments, function: &str, compute: fn(&[f32], &[f32]) -> Option<f32>) -> Result<ArrayRef> {
    let (left, right) = (lists(arguments, 0)?, lists(arguments, 1)?);
    let mut result = Float32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        let (Some(left), Some(right)) = (vector(&left, row), vector(&right, row)) else {
            result.append_null();
            continue;
        };
        if left.len() != right.len() {
            return Err(dimension_mismatch(function, left.len(), right.len()));
        }
        result.append_option(compute(&left, &right));
    }
    Ok(Arc::new(result.finish()))
}

fn inner_product(left: &[f32], right: &[f32]) -> Option<f32> {
    // A fold from 0.0: Rust's float `sum` starts at -0.0, Spark's at 0.0.
    let sum = left.iter().zip(right).fold(0.0f64, |sum, (a, b)| sum + f64::from(*a) * f64::from(*b));
    Some(sum as f32)
}

fn l2_distance(left: &[f32], right: &[f32]) -> Option<f32> {
    let sum = left.iter().zip(right).fold(0.0f64, |sum, (a, b)| {
        let difference = f64::from(*a) - f64::from(*b);
        sum + difference * difference
    });
    Some(sum.sqrt() as f32)
}

fn cosine_similarity(left: &[f32], right: &[f32]) -> Option<f32> {
    let (mut dot, mut left_norm, mut right_norm) = (0.0f64, 0.0f64, 0.0f64);
    for (a, b) in left.iter().zip(right) {
        let (a, b) = (f64::from(*a), f64::from(*b));
        dot += a * b;
        left_norm += a * a;
        right_norm += b * b;
    }
    if left_norm == 0.0 || right_norm == 0.0 {
        return None;
    }
    Some((dot / (left_norm.sqrt() * right_norm.sqrt())) as f32)
}

#[derive(Clone, Copy)]
enum Degree {
    L1,
    L2,
    Infinity,
}

fn degree_of(degree: f32, function: &str) -> Result<Degree> {
    if degree == 1.0 {
        Ok(Degree::L1)
    } else if degree == 2.0 {
        Ok(Degree::L2)
    } else if degree == f32::INFINITY {
        Ok(Degree::Infinity)
    } else {
        let shown = if degree.is_nan() { "NaN".to_string() } else { format!("{degree:?}") };
        Err(spark_error(
            "INVALID_VECTOR_NORM_DEGREE",
            vec![("functionName", format!("`{function}`")), ("degree", shown.clone())],
            format!("For the `{function}` function, degree must be 1.0, 2.0, or float('inf'), but got {shown}."),
        ))
    }
}

fn norm(values: &[f32], degree: Degree) -> f64 {
    match degree {
        Degree::L1 => values.iter().fold(0.0, |sum, value| sum + f64::from(value.abs())),
        Degree::L2 => values.iter().fold(0.0, |sum, value| sum + f64::from(*value) * f64::from(*value)).sqrt(),
        Degree::Infinity => values.iter().map(|value| f64::from(value.abs())).fold(0.0, f64::max),
    }
}

/// The vectors and degrees of `vector_norm` / `vector_normalize`, row by row.
fn with_degree(
    arguments: &Arguments,
    function: &str,
    mut each: impl FnMut(Option<(Vec<f32>, Degree)>),
) -> Result<()> {
    let vectors = lists(arguments, 0)?;
    let degrees = arguments.argument(1)?.as_primitive::<Float32Type>().clone();
    for row in 0..arguments.rows() {
        let (Some(values), true) = (vector(&vectors, row), degrees.is_valid(row)) else {
            each(None);
            continue;
        };
        each(Some((values, degree_of(degrees.value(row), function)?)));
    }
    Ok(())
}

fn vector_norm(arguments: &Arguments) -> Result<ArrayRef> {
    let mut result = Float32Builder::with_capacity(arguments.rows());
    with_degree(arguments, "vector_norm", |row| result.append_option(row.map(|(values, degree)| norm(&values, degree) as f32)))?;
    Ok(Arc::new(result.finish()))
}

fn vector_normalize(arguments: &Arguments) -> Result<ArrayRef> {
    let mut result = ListBuilder::new(Float32Builder::new()).with_field(Arc::new(Field::new("item", DataType::Float32, false)));
    with_degree(arguments, "vector_normalize", |row| {
        let Some((values, degree)) = row else {
            result.append_null();
            return;
        };
        let length = norm(&values, degree);
        // An empty vector stays empty; another of norm 0 has no direction.
        if length == 0.0 && !values.is_empty() {
            result.append_null();
            return;
        }
        for value in values {
            result.values().append_value((f64::from(value) / length) as f32);
        }
        result.append(true);
    })?;
    Ok(Arc::new(result.finish()))
}

fn vector_inner_product(arguments: &Arguments) -> Result<ArrayRef> {
    pairwise(arguments, "vector_inner_product", inner_product)
}

fn vector_l2_distance(arguments: &Arguments) -> Result<ArrayRef> {
    pairwise(arguments, "vector_l2_distance", l2_distance)
}

fn vector_cosine_similarity(arguments: &Arguments) -> Result<ArrayRef> {
    pairwise(arguments, "vector_cosine_similarity", cosine_similarity)
}

pub(crate) fn vector_inner_product_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("vector_inner_product", DataType::Float32, &[2], vector_inner_product))
}

pub(crate) fn vector_l2_distance_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("vector_l2_distance", DataType::Float32, &[2], vector_l2_distance))
}

pub(crate) fn vector_cosine_similarity_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("vector_cosine_similarity", DataType::Float32, &[2], vector_cosine_similarity))
}

pub(crate) fn vector_norm_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("vector_norm", DataType::Float32, &[2], vector_norm))
}

pub(crate) fn vector_normalize_function() -> ScalarUDF {
    let output = DataType::List(Arc::new(Field::new("item", DataType::Float32, false)));
    ScalarUDF::new_from_impl(RowFunction::new("vector_normalize", output, &[2], vector_normalize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_as_spark() -> Result<()> {
        assert_eq!(inner_product(&[1.0, 2.0], &[3.0, 4.0]), Some(11.0));
        assert_eq!(l2_distance(&[1.0, 2.0], &[4.0, 6.0]), Some(5.0));
        assert_eq!(cosine_similarity(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]), Some(0.974_631_85));
        assert_eq!(cosine_similarity(&[0.0, 0.0], &[1.0, 2.0]), None);
        assert_eq!(norm(&[3.0, -4.0], degree_of(1.0, "vector_norm")?) as f32, 7.0);
        assert_eq!(norm(&[3.0, -4.0], degree_of(2.0, "vector_norm")?) as f32, 5.0);
        assert_eq!(norm(&[3.0, -4.0], degree_of(f32::INFINITY, "vector_norm")?) as f32, 4.0);
        assert!(degree_of(3.0, "vector_norm").is_err());
        assert_eq!(inner_product(&[], &[]).map(f32::is_sign_positive), Some(true));
        Ok(())
    }
}
