// SPDX-License-Identifier: Apache-2.0
//! The higher-order functions over maps: `transform_keys`,
//! `transform_values`, `map_filter`, `map_zip_with`.

use std::collections::HashMap;
use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, MapArray, StructArray, UInt32Array};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::compute::{cast, filter as filter_array, interleave, take};
use datafusion::arrow::datatypes::{DataType, FieldRef, Fields};
use datafusion::arrow::row::{RowConverter, SortField};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::LambdaArgument;

use super::arrays::{booleans, true_only};
use super::lists::{Flat, evaluate, offset_buffer};

/// The entries field of a map type and its key and value fields.
fn entries_of(data_type: &DataType) -> Result<(FieldRef, Fields, bool)> {
    match data_type {
        DataType::Map(entries, sorted) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() == 2 => Ok((Arc::clone(entries), fields.clone(), *sorted)),
            other => exec_err!("expected map entries of a key and a value, got {other}"),
        },
        other => exec_err!("expected a map, got {other}"),
    }
}

/// A map array of type `data_type` from keys and values, per-row offsets and null rows.
fn build_map(
    data_type: &DataType,
    keys: ArrayRef,
    values: ArrayRef,
    offsets: &[usize],
    nulls: Option<NullBuffer>,
) -> Result<ArrayRef> {
    let (entries, fields, sorted) = entries_of(data_type)?;
    let conform =
        |array: ArrayRef, field: &FieldRef| -> Result<ArrayRef> {
            if array.data_type() == field.data_type() { Ok(array) } else { Ok(cast(&array, field.data_type())?) }
        };
    let keys = conform(keys, &fields[0])?;
    let values = conform(values, &fields[1])?;
    let struct_array = StructArray::try_new(fields, vec![keys, values], None)?;
    Ok(Arc::new(MapArray::try_new(entries, offset_buffer(offsets), struct_array, nulls, sorted)?))
}

fn keys_and_values(flat: &Flat) -> (ArrayRef, ArrayRef) {
    let entries = flat.values.as_struct();
    (Arc::clone(entries.column(0)), Arc::clone(entries.column(1)))
}

/// `map` with its keys (`keys`) or its values replaced by `lambda(key, value)`.
/// New keys must be neither null nor repeated in one map, as in Spark.
pub(super) fn transform_entries(
    map: &ArrayRef,
    lambda: &LambdaArgument,
    return_type: &DataType,
    keys: bool,
) -> Result<ArrayRef> {
    let flat = Flat::of(map)?;
    let (old_keys, old_values) = keys_and_values(&flat);
    let parameters = [Arc::clone(&old_keys), Arc::clone(&old_values)];
    let computed = evaluate(lambda, &parameters, &flat.element_rows(), flat.values.len())?;
    if !keys {
        return build_map(return_type, old_keys, computed, &flat.offsets, flat.nulls.clone());
    }
    if computed.null_count() > 0 {
        return exec_err!("[NULL_MAP_KEY] Cannot use null as map key.");
    }
    check_unique_keys(&computed, &flat)?;
    build_map(return_type, computed, old_values, &flat.offsets, flat.nulls.clone())
}

/// Spark's `DUPLICATED_MAP_KEY` (its default `mapKeyDedupPolicy`, EXCEPTION) for a key repeated in one row.
fn check_unique_keys(keys: &ArrayRef, flat: &Flat) -> Result<()> {
    let converter = RowConverter::new(vec![SortField::new(keys.data_type().clone())])?;
    let converted = converter.convert_columns(&[Arc::clone(keys)])?;
    for row in 0..flat.rows() {
        let mut seen = HashSet::new();
        for index in flat.range(row) {
            if !seen.insert(converted.row(index)) {
                let key = ScalarValue::try_from_array(keys.as_ref(), index)?;
                return exec_err!(
                    "[DUPLICATED_MAP_KEY] Duplicate map key {key} was found, please check the input data."
                );
            }
        }
    }
    Ok(())
}

/// The entries of `map` for which `lambda(key, value)` is true.
pub(super) fn map_filter(map: &ArrayRef, lambda: &LambdaArgument) -> Result<ArrayRef> {
    let flat = Flat::of(map)?;
    let (keys, values) = keys_and_values(&flat);
    let predicate = booleans(evaluate(lambda, &[keys, values], &flat.element_rows(), flat.values.len())?)?;
    let keep = true_only(&predicate);
    let mut offsets = Vec::with_capacity(flat.rows() + 1);
    offsets.push(0);
    let mut kept = 0;
    for row in 0..flat.rows() {
        kept += flat.range(row).filter(|index| keep.value(*index)).count();
        offsets.push(kept);
    }
    let entries = filter_array(flat.values.as_ref(), &keep)?;
    let entries = entries.as_struct();
    build_map(
        map.data_type(),
        Arc::clone(entries.column(0)),
        Arc::clone(entries.column(1)),
        &offsets,
        flat.nulls.clone(),
    )
}

/// One entry per key of either map (`left`'s in its order, then those only
/// `right` has), valued `lambda(key, left value, right value)` with null for
/// a missing value; null if either map is.
pub(super) fn map_zip_with(
    left: &ArrayRef,
    right: &ArrayRef,
    lambda: &LambdaArgument,
    return_type: &DataType,
) -> Result<ArrayRef> {
    let left = Flat::of(left)?;
    let right = Flat::of(right)?;
    let nulls = NullBuffer::union(left.nulls.as_ref(), right.nulls.as_ref());
    let (left_keys, left_values) = keys_and_values(&left);
    let (right_keys, right_values) = keys_and_values(&right);
    let converter = RowConverter::new(vec![SortField::new(left_keys.data_type().clone())])?;
    let left_rows = converter.convert_columns(&[Arc::clone(&left_keys)])?;
    let right_rows = converter.convert_columns(&[Arc::clone(&right_keys)])?;
    let mut key_sources: Vec<(usize, usize)> = Vec::new();
    let mut left_indices: Vec<Option<u32>> = Vec::new();
    let mut right_indices: Vec<Option<u32>> = Vec::new();
    let mut element_rows = Vec::new();
    let mut offsets = Vec::with_capacity(left.rows() + 1);
    offsets.push(0);
    for row in 0..left.rows() {
        if !nulls.as_ref().is_some_and(|nulls| nulls.is_null(row)) {
            let start = key_sources.len();
            let mut positions = HashMap::new();
            for index in left.range(row) {
                positions.entry(left_rows.row(index)).or_insert(key_sources.len());
                key_sources.push((0, index));
                left_indices.push(Some(index as u32));
                right_indices.push(None);
            }
            for index in right.range(row) {
                match positions.get(&right_rows.row(index)) {
                    Some(position) => right_indices[*position] = Some(index as u32),
                    None => {
                        key_sources.push((1, index));
                        left_indices.push(None);
                        right_indices.push(Some(index as u32));
                    }
                }
            }
            element_rows.extend(std::iter::repeat_n(row as u32, key_sources.len() - start));
        }
        offsets.push(key_sources.len());
    }
    let right_keys =
        if right_keys.data_type() == left_keys.data_type() { right_keys } else { cast(&right_keys, left_keys.data_type())? };
    let keys = interleave(&[left_keys.as_ref(), right_keys.as_ref()], &key_sources)?;
    let parameters = [
        Arc::clone(&keys),
        take(left_values.as_ref(), &UInt32Array::from(left_indices), None)?,
        take(right_values.as_ref(), &UInt32Array::from(right_indices), None)?,
    ];
    let length = element_rows.len();
    let values = evaluate(lambda, &parameters, &UInt32Array::from(element_rows), length)?;
    build_map(return_type, keys, values, &offsets, nulls)
}
