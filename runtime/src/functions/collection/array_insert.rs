// SPDX-License-Identifier: Apache-2.0
//! Spark's `array_insert(array, pos, value)`: `value` inserted so that it is
//! element `pos` (1-based). A position past the end pads with nulls; a
//! negative one counts from the end, -1 appending, and past the start puts
//! `value` first followed by nulls. Position 0 is an error
//! (`INVALID_INDEX_OF_ZERO`); a null array or position gives null.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListArray, MutableArrayData, make_array};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::element_at::index_of_zero;

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ArrayInsert {
    signature: Signature,
}

/// Where `value` goes in a list of `length` for position `position`: how many
/// of the list's elements come before it, and how many nulls pad between.
/// `Before` puts the value first, then the nulls, then the whole list.
#[derive(Debug, PartialEq, Eq)]
enum Placement {
    At { kept: usize, padding: usize },
    Before { padding: usize },
}

fn placement(position: i64, length: usize) -> Result<Placement> {
    let length = i64::try_from(length).map_err(|error| DataFusionError::External(Box::new(error)))?;
    let size = |value: i64| usize::try_from(value).map_err(|error| DataFusionError::External(Box::new(error)));
    if position == 0 {
        return Err(index_of_zero());
    }
    if position > 0 {
        let index = position - 1;
        return Ok(if index <= length {
            Placement::At { kept: size(index)?, padding: 0 }
        } else {
            Placement::At { kept: size(length)?, padding: size(index - length)? }
        });
    }
    let from_start = length + position + 1;
    Ok(if from_start >= 0 {
        Placement::At { kept: size(from_start)?, padding: 0 }
    } else {
        Placement::Before { padding: size(-from_start)? }
    })
}

fn insert(lists: &ArrayRef, positions: &ArrayRef, values: &ArrayRef) -> Result<ArrayRef> {
    let Some(lists) = lists.as_list_opt::<i32>() else {
        return exec_err!("array_insert expects an array, got {}", lists.data_type());
    };
    let positions = cast(positions, &DataType::Int64)?;
    let positions = positions.as_primitive::<Int64Type>();
    let element_field = match lists.data_type() {
        DataType::List(field) => Arc::clone(field),
        other => return exec_err!("array_insert expects an array, got {other}"),
    };
    let values = cast(values, element_field.data_type())?;
    let list_values = lists.values().to_data();
    let inserted = values.to_data();
    let mut data = MutableArrayData::new(vec![&list_values, &inserted], true, list_values.len() + inserted.len());
    let mut offsets = Vec::with_capacity(lists.len() + 1);
    offsets.push(0_i32);
    let mut valid = Vec::with_capacity(lists.len());
    let mut total = 0_usize;
    for row in 0..lists.len() {
        if lists.is_null(row) || positions.is_null(row) {
            valid.push(false);
            offsets.push(i32::try_from(total).map_err(|error| DataFusionError::External(Box::new(error)))?);
            continue;
        }
        let start = usize::try_from(lists.value_offsets()[row]).unwrap_or_default();
        let end = usize::try_from(lists.value_offsets()[row + 1]).unwrap_or_default();
        let length = end - start;
        match placement(positions.value(row), length)? {
            Placement::At { kept, padding } => {
                data.try_extend(0, start, start + kept)?;
                data.try_extend_nulls(padding)?;
                data.try_extend(1, row, row + 1)?;
                data.try_extend(0, start + kept, end)?;
                total += length + padding + 1;
            }
            Placement::Before { padding } => {
                data.try_extend(1, row, row + 1)?;
                data.try_extend_nulls(padding)?;
                data.try_extend(0, start, end)?;
                total += length + padding + 1;
            }
        }
        valid.push(true);
        offsets.push(i32::try_from(total).map_err(|error| DataFusionError::External(Box::new(error)))?);
    }
    let field = Arc::new(Field::new(element_field.name(), element_field.data_type().clone(), true));
    let list = ListArray::try_new(
        field,
        OffsetBuffer::new(offsets.into()),
        make_array(data.freeze()),
        Some(NullBuffer::from(valid)),
    )?;
    Ok(Arc::new(list))
}

impl ScalarUDFImpl for ArrayInsert {
    fn name(&self) -> &str {
        "array_insert"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.first() {
            Some(DataType::List(field)) => {
                Ok(DataType::List(Arc::new(Field::new(field.name(), field.data_type().clone(), true))))
            }
            other => exec_err!("array_insert expects an array, got {other:?}"),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let scalar = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let [lists, positions, values] = arrays.as_slice() else {
            return exec_err!("array_insert takes three arguments");
        };
        let result = insert(lists, positions, values)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

pub(crate) fn array_insert() -> ScalarUDF {
    ScalarUDF::new_from_impl(ArrayInsert { signature: Signature::any(3, Volatility::Immutable) })
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::Int32Array;
    use datafusion::arrow::datatypes::Int32Type;

    use super::*;

    fn run(list: Vec<Option<i32>>, position: i32) -> Result<Vec<Option<i32>>> {
        let lists: ArrayRef = Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(list)]));
        let positions: ArrayRef = Arc::new(Int32Array::from(vec![position]));
        let values: ArrayRef = Arc::new(Int32Array::from(vec![9]));
        let result = insert(&lists, &positions, &values)?;
        let list = result.as_list::<i32>().value(0);
        Ok(list.as_primitive::<Int32Type>().iter().collect())
    }

    #[test]
    fn positive_positions_insert_or_pad() -> Result<()> {
        assert_eq!(run(vec![Some(1), Some(2)], 1)?, vec![Some(9), Some(1), Some(2)]);
        assert_eq!(run(vec![Some(1), Some(2)], 3)?, vec![Some(1), Some(2), Some(9)]);
        assert_eq!(run(vec![Some(1)], 3)?, vec![Some(1), None, Some(9)]);
        Ok(())
    }

    #[test]
    fn negative_positions_count_from_the_end() -> Result<()> {
        assert_eq!(run(vec![Some(1), Some(2)], -1)?, vec![Some(1), Some(2), Some(9)]);
        assert_eq!(run(vec![Some(1), Some(2)], -3)?, vec![Some(9), Some(1), Some(2)]);
        assert_eq!(run(vec![Some(1)], -4)?, vec![Some(9), None, None, Some(1)]);
        Ok(())
    }

    #[test]
    fn zero_is_an_error() {
        assert!(run(vec![Some(1)], 0).is_err());
    }
}
