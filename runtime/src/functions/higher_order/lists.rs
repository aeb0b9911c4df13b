// SPDX-License-Identifier: Apache-2.0
//! What the higher-order functions share: the elements of an array (or the
//! entries of a map) of every row flattened into one array, and a lambda
//! evaluated once over them.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array, UInt32Array};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::compute::{take, take_arrays};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::LambdaArgument;

/// The elements of a list (or map) array, those of null rows left out.
pub(super) struct Flat {
    /// The elements of every row, in row order (a map's: its entries struct).
    pub(super) values: ArrayRef,
    /// Row `i`'s elements are `values[offsets[i]..offsets[i + 1]]`.
    pub(super) offsets: Vec<usize>,
    /// The null rows (they have no elements).
    pub(super) nulls: Option<NullBuffer>,
}

impl Flat {
    pub(super) fn of(array: &ArrayRef) -> Result<Flat> {
        let (raw_offsets, child): (Vec<usize>, ArrayRef) = match array.data_type() {
            DataType::List(_) => {
                let list = array.as_list::<i32>();
                (offsets_of(list.value_offsets()), Arc::clone(list.values()))
            }
            DataType::LargeList(_) => {
                let list = array.as_list::<i64>();
                (offsets_of(list.value_offsets()), Arc::clone(list.values()))
            }
            DataType::Map(_, _) => {
                let map = array.as_map();
                (offsets_of(map.value_offsets()), Arc::new(map.entries().clone()))
            }
            other => return exec_err!("expected an array or a map, got {other}"),
        };
        let nulls = array.logical_nulls();
        let start = raw_offsets.first().copied().unwrap_or(0);
        let end = raw_offsets.last().copied().unwrap_or(0);
        let null_rows_hold_elements = nulls.as_ref().is_some_and(|nulls| {
            (0..array.len()).any(|row| nulls.is_null(row) && raw_offsets[row + 1] > raw_offsets[row])
        });
        if !null_rows_hold_elements {
            let offsets = raw_offsets.iter().map(|offset| offset - start).collect();
            return Ok(Flat { values: child.slice(start, end - start), offsets, nulls });
        }
        // Elements under null rows are never given to a lambda (they could fail it).
        let mut indices = Vec::new();
        let mut offsets = Vec::with_capacity(array.len() + 1);
        offsets.push(0);
        for row in 0..array.len() {
            if !array.is_null(row) {
                indices.extend((raw_offsets[row]..raw_offsets[row + 1]).map(|index| index as u32));
            }
            offsets.push(indices.len());
        }
        let values = take(child.as_ref(), &UInt32Array::from(indices), None)?;
        Ok(Flat { values, offsets, nulls })
    }

    pub(super) fn rows(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(super) fn range(&self, row: usize) -> std::ops::Range<usize> {
        self.offsets[row]..self.offsets[row + 1]
    }

    pub(super) fn is_null(&self, row: usize) -> bool {
        self.nulls.as_ref().is_some_and(|nulls| nulls.is_null(row))
    }

    /// The row of each element, to repeat captured columns per element.
    pub(super) fn element_rows(&self) -> UInt32Array {
        let mut rows = Vec::with_capacity(self.values.len());
        for row in 0..self.rows() {
            rows.extend(std::iter::repeat_n(row as u32, self.range(row).len()));
        }
        UInt32Array::from(rows)
    }

    /// The 0-based position of each element in its row.
    pub(super) fn positions(&self) -> Int32Array {
        let mut positions = Vec::with_capacity(self.values.len());
        for row in 0..self.rows() {
            positions.extend((0..self.range(row).len()).map(|position| position as i32));
        }
        Int32Array::from(positions)
    }

    pub(super) fn offset_buffer(&self) -> OffsetBuffer<i32> {
        offset_buffer(&self.offsets)
    }
}

fn offsets_of<O: Copy + TryInto<usize>>(offsets: &[O]) -> Vec<usize> {
    offsets.iter().map(|offset| (*offset).try_into().unwrap_or(0)).collect()
}

/// Offsets as an Arrow buffer (they start at 0 and never decrease).
pub(super) fn offset_buffer(offsets: &[usize]) -> OffsetBuffer<i32> {
    OffsetBuffer::from_lengths(offsets.windows(2).map(|pair| pair[1] - pair[0]))
}

/// `lambda` evaluated over `parameters` (each `length` long), its captured
/// columns taken at `rows` (the outer row of each parameter value).
pub(super) fn evaluate(
    lambda: &LambdaArgument,
    parameters: &[ArrayRef],
    rows: &UInt32Array,
    length: usize,
) -> Result<ArrayRef> {
    let closures: Vec<Box<dyn Fn() -> Result<ArrayRef>>> = parameters
        .iter()
        .map(|parameter| {
            let parameter = Arc::clone(parameter);
            Box::new(move || Ok(Arc::clone(&parameter))) as Box<dyn Fn() -> Result<ArrayRef>>
        })
        .collect();
    let references: Vec<&dyn Fn() -> Result<ArrayRef>> = closures.iter().map(|closure| closure.as_ref()).collect();
    lambda
        .evaluate(&references, |captured| Ok(take_arrays(captured, rows, None)?))?
        .into_array(length)
}
