// SPDX-License-Identifier: Apache-2.0
//! One element of an array by position, as Spark's `element_at`,
//! `try_element_at` and `get` read it.
//!
//! `element_at` and `try_element_at` count from 1, and from the end for a
//! negative index; index 0 is an error (`INVALID_INDEX_OF_ZERO`) for both.
//! An index past either end is an error for `element_at` in ANSI mode
//! (`INVALID_ARRAY_INDEX_IN_ELEMENT_AT`) and null for `try_element_at` (the
//! analyzer picks `try_element_at` for `element_at` in legacy mode). `get`
//! counts from 0 and gives null for any index outside the array, negative
//! ones included. A null array or index gives null.


use datafusion::arrow::array::{Array, ArrayRef, AsArray, UInt64Array};
use datafusion::arrow::compute::{cast, take};
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::{Result, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;

/// How an index reads, and what an index outside the array gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Indexing {
    /// 1-based, negative from the end; outside: error (`element_at`, ANSI).
    OneBasedStrict,
    /// 1-based, negative from the end; outside: null (`try_element_at`).
    OneBasedOrNull,
    /// 0-based; negative or outside: null (`get`).
    ZeroBasedOrNull,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ElementAt {
    name: &'static str,
    indexing: Indexing,
    signature: Signature,
}

impl ElementAt {
    pub(crate) fn new(name: &'static str, indexing: Indexing) -> Self {
        ElementAt { name, indexing, signature: Signature::any(2, Volatility::Immutable) }
    }

    /// The position in the list's values of element `index` of a list of `length`, if any.
    fn position(&self, index: i64, length: i64) -> Result<Option<i64>> {
        let zero_based = match self.indexing {
            Indexing::ZeroBasedOrNull => index,
            _ if index == 0 => return Err(index_of_zero()),
            _ if index > 0 => index - 1,
            _ => length + index,
        };
        if (0..length).contains(&zero_based) {
            return Ok(Some(zero_based));
        }
        if self.indexing == Indexing::OneBasedStrict {
            return Err(out_of_bounds(index, length));
        }
        Ok(None)
    }

    fn elements(&self, arrays: &ArrayRef, indexes: &ArrayRef) -> Result<ArrayRef> {
        let lists = arrays.as_list_opt::<i32>().ok_or_else(|| {
            DataFusionError::Execution(format!("{} expects an array, got {}", self.name, arrays.data_type()))
        })?;
        let indexes = cast(indexes, &DataType::Int64)?;
        let indexes = indexes.as_primitive::<Int64Type>();
        let offsets = lists.value_offsets();
        let mut positions = Vec::with_capacity(lists.len());
        for row in 0..lists.len() {
            if lists.is_null(row) || indexes.is_null(row) {
                positions.push(None);
                continue;
            }
            let start = i64::from(offsets[row]);
            let length = i64::from(offsets[row + 1]) - start;
            let position = self.position(indexes.value(row), length)?;
            positions.push(position.and_then(|position| u64::try_from(start + position).ok()));
        }
        Ok(take(lists.values().as_ref(), &UInt64Array::from(positions), None)?)
    }
}

pub(super) fn index_of_zero() -> DataFusionError {
    let message = "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).";
    DataFusionError::External(Box::new(Error::execution("INVALID_INDEX_OF_ZERO", [], message)))
}

fn out_of_bounds(index: i64, length: i64) -> DataFusionError {
    let message = format!(
        "The index {index} is out of bounds. The array has {length} elements. Use `try_element_at` to tolerate \
         accessing element at invalid index and return NULL instead."
    );
    let parameters = [("indexValue", index.to_string()), ("arraySize", length.to_string())];
    DataFusionError::External(Box::new(Error::execution("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", parameters, message)))
}

impl ScalarUDFImpl for ElementAt {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.first() {
            Some(DataType::List(field) | DataType::LargeList(field) | DataType::FixedSizeList(field, _)) => {
                Ok(field.data_type().clone())
            }
            other => exec_err!("{} expects an array, got {other:?}", self.name),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let scalar = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let [lists, indexes] = arrays.as_slice() else {
            return exec_err!("{} takes two arguments", self.name);
        };
        let result = self.elements(lists, indexes)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

pub(crate) fn element_at() -> ScalarUDF {
    ScalarUDF::new_from_impl(ElementAt::new("element_at", Indexing::OneBasedStrict))
}

pub(crate) fn try_element_at() -> ScalarUDF {
    ScalarUDF::new_from_impl(ElementAt::new("try_element_at", Indexing::OneBasedOrNull))
}

pub(crate) fn get() -> ScalarUDF {
    ScalarUDF::new_from_impl(ElementAt::new("get", Indexing::ZeroBasedOrNull))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Int32Array, ListArray};
    use datafusion::arrow::datatypes::Int32Type;

    use super::*;

    fn lists() -> ArrayRef {
        Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(vec![
            Some(vec![Some(1), Some(2), Some(3)]),
            None,
            Some(vec![]),
        ]))
    }

    fn read(indexing: Indexing, index: i32) -> Result<Vec<Option<i32>>> {
        let indexes: ArrayRef = Arc::new(Int32Array::from(vec![index; 3]));
        let result = ElementAt::new("test", indexing).elements(&lists(), &indexes)?;
        Ok(result.as_primitive::<Int32Type>().iter().collect())
    }

    #[test]
    fn one_based_from_either_end() -> Result<()> {
        assert_eq!(read(Indexing::OneBasedOrNull, 1)?, vec![Some(1), None, None]);
        assert_eq!(read(Indexing::OneBasedOrNull, -1)?, vec![Some(3), None, None]);
        assert_eq!(read(Indexing::OneBasedOrNull, 4)?, vec![None, None, None]);
        Ok(())
    }

    #[test]
    fn zero_is_an_error_and_strict_reads_fail_outside() {
        assert!(read(Indexing::OneBasedOrNull, 0).is_err());
        assert!(read(Indexing::OneBasedStrict, 4).is_err());
        assert!(read(Indexing::OneBasedStrict, -4).is_err());
    }

    #[test]
    fn get_counts_from_zero_and_never_fails() -> Result<()> {
        assert_eq!(read(Indexing::ZeroBasedOrNull, 0)?, vec![Some(1), None, None]);
        assert_eq!(read(Indexing::ZeroBasedOrNull, -1)?, vec![None, None, None]);
        assert_eq!(read(Indexing::ZeroBasedOrNull, 3)?, vec![None, None, None]);
        Ok(())
    }
}
