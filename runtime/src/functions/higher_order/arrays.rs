// SPDX-License-Identifier: Apache-2.0
//! The higher-order functions over arrays: `transform`, `filter`, `exists`,
//! `forall`, `aggregate`, `zip_with`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, BooleanArray, ListArray, UInt32Array};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::{cast, filter as filter_array, interleave, prep_null_mask_filter, take};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::LambdaArgument;

use super::lists::{Flat, evaluate, offset_buffer};

fn list_field(name: &str, data_type: &DataType) -> Result<Arc<datafusion::arrow::datatypes::Field>> {
    match data_type {
        DataType::List(field) => Ok(Arc::clone(field)),
        other => exec_err!("{name} expected a list type, got {other}"),
    }
}

/// `array` with each element replaced by `lambda(element, index)`.
pub(super) fn transform(array: &ArrayRef, lambda: &LambdaArgument, return_type: &DataType) -> Result<ArrayRef> {
    let flat = Flat::of(array)?;
    let parameters = [Arc::clone(&flat.values), Arc::new(flat.positions()) as ArrayRef];
    let values = evaluate(lambda, &parameters, &flat.element_rows(), flat.values.len())?;
    let field = list_field("transform", return_type)?;
    let values = if values.data_type() == field.data_type() { values } else { cast(&values, field.data_type())? };
    Ok(Arc::new(ListArray::try_new(field, flat.offset_buffer(), values, flat.nulls.clone())?))
}

/// A predicate's values as booleans (a body that is an untyped null gives nulls).
pub(super) fn booleans(values: ArrayRef) -> Result<BooleanArray> {
    let values = if values.data_type() == &DataType::Boolean { values } else { cast(&values, &DataType::Boolean)? };
    match values.as_any().downcast_ref::<BooleanArray>() {
        Some(booleans) => Ok(booleans.clone()),
        None => exec_err!("a predicate must give booleans, got {}", values.data_type()),
    }
}

/// A filter mask of the values that are true (false where null).
pub(super) fn true_only(predicate: &BooleanArray) -> BooleanArray {
    if predicate.null_count() == 0 {
        predicate.clone()
    } else {
        prep_null_mask_filter(predicate)
    }
}

/// The elements for which `lambda(element, index)` is true (not false or null).
pub(super) fn filter(array: &ArrayRef, lambda: &LambdaArgument) -> Result<ArrayRef> {
    let flat = Flat::of(array)?;
    let parameters = [Arc::clone(&flat.values), Arc::new(flat.positions()) as ArrayRef];
    let predicate = booleans(evaluate(lambda, &parameters, &flat.element_rows(), flat.values.len())?)?;
    let keep = true_only(&predicate);
    let mut offsets = Vec::with_capacity(flat.rows() + 1);
    offsets.push(0);
    let mut kept = 0;
    for row in 0..flat.rows() {
        kept += flat.range(row).filter(|index| keep.value(*index)).count();
        offsets.push(kept);
    }
    let values = filter_array(flat.values.as_ref(), &keep)?;
    let field = list_field("filter", array.data_type())?;
    Ok(Arc::new(ListArray::try_new(field, offset_buffer(&offsets), values, flat.nulls.clone())?))
}

/// `exists` (`any`) or `forall` (not `any`): Spark's three-valued answer per
/// row: the deciding value if some element gives it, else null if some
/// element gives null, else the other value; null for a null array.
pub(super) fn quantify(array: &ArrayRef, lambda: &LambdaArgument, any: bool) -> Result<ArrayRef> {
    let flat = Flat::of(array)?;
    let predicate = booleans(evaluate(lambda, &[Arc::clone(&flat.values)], &flat.element_rows(), flat.values.len())?)?;
    let result: BooleanArray = (0..flat.rows())
        .map(|row| {
            if flat.is_null(row) {
                return None;
            }
            let mut saw_null = false;
            for index in flat.range(row) {
                if predicate.is_null(index) {
                    saw_null = true;
                } else if predicate.value(index) == any {
                    return Some(any);
                }
            }
            if saw_null { None } else { Some(!any) }
        })
        .collect();
    Ok(Arc::new(result))
}

/// `merge` folded over each array from the left, starting from `zero`, then
/// `finish`; null for a null array. `merge` runs once per element position,
/// over the rows whose arrays are that long.
pub(super) fn aggregate(
    array: &ArrayRef,
    zero: &ArrayRef,
    merge: &LambdaArgument,
    finish: &LambdaArgument,
) -> Result<ArrayRef> {
    let flat = Flat::of(array)?;
    let rows = flat.rows();
    let longest = (0..rows).map(|row| flat.range(row).len()).max().unwrap_or(0);
    let mut accumulator = Arc::clone(zero);
    for position in 0..longest {
        let active: Vec<u32> =
            (0..rows).filter(|row| flat.range(*row).len() > position).map(|row| row as u32).collect();
        let elements: Vec<u32> = active.iter().map(|row| (flat.offsets[*row as usize] + position) as u32).collect();
        let active = UInt32Array::from(active);
        let parameters = [
            take(accumulator.as_ref(), &active, None)?,
            take(flat.values.as_ref(), &UInt32Array::from(elements), None)?,
        ];
        let merged = evaluate(merge, &parameters, &active, active.len())?;
        let merged =
            if merged.data_type() == accumulator.data_type() { merged } else { cast(&merged, accumulator.data_type())? };
        // Each row keeps its accumulator, or takes the merged one where it had an element.
        let mut sources: Vec<(usize, usize)> = (0..rows).map(|row| (0, row)).collect();
        for (index, row) in active.values().iter().enumerate() {
            sources[*row as usize] = (1, index);
        }
        accumulator = interleave(&[accumulator.as_ref(), merged.as_ref()], &sources)?;
    }
    // `finish` sees only the rows whose array is not null (it could fail on the others' zero).
    let valid: Vec<u32> = (0..rows).filter(|row| !flat.is_null(*row)).map(|row| row as u32).collect();
    let valid = UInt32Array::from(valid);
    let finished = evaluate(finish, &[take(accumulator.as_ref(), &valid, None)?], &valid, valid.len())?;
    let mut next = 0_u32;
    let placement: UInt32Array = (0..rows)
        .map(|row| {
            if flat.is_null(row) {
                None
            } else {
                next += 1;
                Some(next - 1)
            }
        })
        .collect();
    Ok(take(finished.as_ref(), &placement, None)?)
}

/// `lambda(left element, right element)` at each position of the longer
/// array, the shorter one padded with nulls; null if either array is.
pub(super) fn zip_with(
    left: &ArrayRef,
    right: &ArrayRef,
    lambda: &LambdaArgument,
    return_type: &DataType,
) -> Result<ArrayRef> {
    let left = Flat::of(left)?;
    let right = Flat::of(right)?;
    let nulls = NullBuffer::union(left.nulls.as_ref(), right.nulls.as_ref());
    let mut left_indices: Vec<Option<u32>> = Vec::new();
    let mut right_indices: Vec<Option<u32>> = Vec::new();
    let mut element_rows = Vec::new();
    let mut offsets = Vec::with_capacity(left.rows() + 1);
    offsets.push(0);
    for row in 0..left.rows() {
        if !nulls.as_ref().is_some_and(|nulls| nulls.is_null(row)) {
            let (left_range, right_range) = (left.range(row), right.range(row));
            for position in 0..left_range.len().max(right_range.len()) {
                let at = |range: &std::ops::Range<usize>| (position < range.len()).then(|| (range.start + position) as u32);
                left_indices.push(at(&left_range));
                right_indices.push(at(&right_range));
                element_rows.push(row as u32);
            }
        }
        offsets.push(element_rows.len());
    }
    let parameters = [
        take(left.values.as_ref(), &UInt32Array::from(left_indices), None)?,
        take(right.values.as_ref(), &UInt32Array::from(right_indices), None)?,
    ];
    let length = element_rows.len();
    let values = evaluate(lambda, &parameters, &UInt32Array::from(element_rows), length)?;
    let field = list_field("zip_with", return_type)?;
    let values = if values.data_type() == field.data_type() { values } else { cast(&values, field.data_type())? };
    Ok(Arc::new(ListArray::try_new(field, offset_buffer(&offsets), values, nulls)?))
}
