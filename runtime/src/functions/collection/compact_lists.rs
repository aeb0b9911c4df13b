// SPDX-License-Identifier: Apache-2.0
//! datafusion-spark's `map_from_arrays` and `map_from_entries`, given list
//! arguments that start at their values' beginning.
//!
//! Those functions read a list argument's values from index 0 while reading
//! its offsets as they are, so a list that is a slice of a longer one (a
//! batch of a partitioned table: offsets starting past 0) pairs each row
//! with the first rows' elements: `{4 -> d}` came out as `{1 -> d}`. A
//! sliced list is copied into a compact one before the call, which is what
//! the functions assume (the masks of their key deduplication start at the
//! values' index 0, `utils.rs` of datafusion-spark 55.2).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, UInt32Array};
use datafusion::arrow::compute::take;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct CompactLists {
    inner: Arc<ScalarUDF>,
}

pub(super) fn map_from_arrays_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(CompactLists { inner: datafusion_spark::function::map::map_from_arrays() })
}

pub(super) fn map_from_entries_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(CompactLists { inner: datafusion_spark::function::map::map_from_entries() })
}

impl ScalarUDFImpl for CompactLists {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn invoke_with_args(&self, mut args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        for value in &mut args.args {

            if let ColumnarValue::Array(array) = value
                && is_sliced_list(array)
            {
                *array = compacted(array)?;
            }
        }
        self.inner.invoke_with_args(args)
    }
}

/// A copy of `array` whose values start at its first row (`take` of every row
/// copies; `concat` of one array returns it as it is).
fn compacted(array: &ArrayRef) -> Result<ArrayRef> {
    let rows = UInt32Array::from_iter_values(0..array.len() as u32);
    Ok(take(array.as_ref(), &rows, None)?)
}

fn is_sliced_list(array: &ArrayRef) -> bool {
    match array.data_type() {
        DataType::List(_) => array.as_list::<i32>().value_offsets().first().is_some_and(|start| *start != 0),
        DataType::LargeList(_) => array.as_list::<i64>().value_offsets().first().is_some_and(|start| *start != 0),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Int32Array, ListArray};
    use datafusion::arrow::buffer::OffsetBuffer;
    use datafusion::arrow::datatypes::Field;

    #[test]
    fn a_slice_past_the_start_is_compacted() -> Result<()> {
        let values = Arc::new(Int32Array::from(vec![1, 2, 3]));
        let field = Arc::new(Field::new("element", DataType::Int32, true));
        let list: ArrayRef = Arc::new(ListArray::new(field, OffsetBuffer::from_lengths([2, 1]), values, None));
        assert!(!is_sliced_list(&list));
        let second = list.slice(1, 1);
        assert!(is_sliced_list(&second));
        let compacted = compacted(&second)?;
        assert!(!is_sliced_list(&compacted));
        assert_eq!(compacted.as_list::<i32>().value(0).as_primitive::<datafusion::arrow::datatypes::Int32Type>().values(), &[3]);
        Ok(())
    }
}
