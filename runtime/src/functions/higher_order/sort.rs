// SPDX-License-Identifier: Apache-2.0
//! `array_sort(array, comparator)`: each array sorted by a comparator lambda.
//!
//! The comparator is evaluated once per batch, over every ordered pair of
//! elements of each array (so arrays are limited in length), and the arrays
//! are then sorted by a stable merge sort reading those results. Spark sorts
//! with Java's TimSort, also stable: for a consistent comparator the order is
//! the same. An inconsistent one gives some order, never a failure, and a
//! null from the comparator is an error.

use std::cmp::Ordering;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListArray, UInt32Array};
use datafusion::arrow::compute::{cast, take};
use datafusion::arrow::datatypes::{DataType, Int32Type};
use datafusion::common::{Result, exec_err, not_impl_err};
use datafusion::logical_expr::LambdaArgument;

use super::lists::{Flat, evaluate};

/// The longest array sorted: its pairs number the square of its length.
const MAX_LENGTH: usize = 4096;

pub(super) fn array_sort(array: &ArrayRef, comparator: &LambdaArgument) -> Result<ArrayRef> {
    let flat = Flat::of(array)?;
    let mut lefts = Vec::new();
    let mut rights = Vec::new();
    let mut pair_rows = Vec::new();
    for row in 0..flat.rows() {
        let range = flat.range(row);
        if range.len() > MAX_LENGTH {
            return not_impl_err!("array_sort with a comparator of arrays longer than {MAX_LENGTH} elements");
        }
        for left in range.clone() {
            for right in range.clone() {
                if left != right {
                    lefts.push(left as u32);
                    rights.push(right as u32);
                    pair_rows.push(row as u32);
                }
            }
        }
    }
    let parameters = [
        take(flat.values.as_ref(), &UInt32Array::from(lefts), None)?,
        take(flat.values.as_ref(), &UInt32Array::from(rights), None)?,
    ];
    let length = pair_rows.len();
    let results = evaluate(comparator, &parameters, &UInt32Array::from(pair_rows), length)?;
    let results = if results.data_type() == &DataType::Int32 { results } else { cast(&results, &DataType::Int32)? };
    if results.null_count() > 0 {
        return exec_err!("array_sort's comparator returned null");
    }
    let results = results.as_primitive::<Int32Type>().values();
    let mut order: Vec<u32> = Vec::with_capacity(flat.values.len());
    let mut pairs_before = 0;
    for row in 0..flat.rows() {
        let range = flat.range(row);
        let count = range.len();
        // The result for elements `left` and `right` (positions in the row).
        let compare = |left: usize, right: usize| -> Ordering {
            if left == right {
                return Ordering::Equal;
            }
            let column = if right < left { right } else { right - 1 };
            results[pairs_before + left * (count.saturating_sub(1)) + column].cmp(&0)
        };
        let sorted = merge_sort((0..count).collect(), &compare);
        order.extend(sorted.into_iter().map(|position| (range.start + position) as u32));
        pairs_before += count * count.saturating_sub(1);
    }
    let values = take(flat.values.as_ref(), &UInt32Array::from(order), None)?;
    let field = match array.data_type() {
        DataType::List(field) => Arc::clone(field),
        other => return exec_err!("array_sort expects an array, got {other}"),
    };
    Ok(Arc::new(ListArray::try_new(field, flat.offset_buffer(), values, flat.nulls.clone())?))
}

/// A stable merge sort that never fails, whatever `compare` says.
fn merge_sort(items: Vec<usize>, compare: &impl Fn(usize, usize) -> Ordering) -> Vec<usize> {
    if items.len() <= 1 {
        return items;
    }
    let middle = items.len() / 2;
    let right = merge_sort(items[middle..].to_vec(), compare);
    let left = merge_sort(items[..middle].to_vec(), compare);
    let mut merged = Vec::with_capacity(items.len());
    let (mut left_index, mut right_index) = (0, 0);
    while left_index < left.len() && right_index < right.len() {
        // Ties keep the left run's element first: stable.
        if compare(right[right_index], left[left_index]) == Ordering::Less {
            merged.push(right[right_index]);
            right_index += 1;
        } else {
            merged.push(left[left_index]);
            left_index += 1;
        }
    }
    merged.extend_from_slice(&left[left_index..]);
    merged.extend_from_slice(&right[right_index..]);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_sort_is_stable_and_total_on_any_comparator() {
        let keys = [3, 1, 3, 0, 1];
        let by_key = |left: usize, right: usize| keys[left].cmp(&keys[right]);
        assert_eq!(merge_sort((0..5).collect(), &by_key), vec![3, 1, 4, 0, 2]);
        let inconsistent = |_: usize, _: usize| Ordering::Less;
        assert_eq!(merge_sort((0..5).collect(), &inconsistent).len(), 5);
    }
}
