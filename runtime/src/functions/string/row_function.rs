// SPDX-License-Identifier: Apache-2.0
//! A scalar function of ours computed row by row: its arguments come as
//! arrays of one length (scalars expanded), strings as `Utf8`, integers as
//! `Int32` or `Int64`, and a kernel builds the result array.
//!
//! Most of Spark's string functions are simple per-row computations; this
//! keeps each of them to its kernel instead of a `ScalarUDFImpl` each.

use std::hash::{Hash, Hasher};

use datafusion::arrow::array::{Array, ArrayRef, AsArray, GenericStringArray, Int32Array, Int64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Int32Type, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;

/// The arguments of one call, as arrays of the batch's length.
pub(crate) struct Arguments {
    arrays: Vec<ArrayRef>,
    rows: usize,
}

impl Arguments {
    pub(crate) fn rows(&self) -> usize {
        self.rows
    }

    pub(crate) fn count(&self) -> usize {
        self.arrays.len()
    }

    /// Argument `index` as strings (`Utf8`).
    pub(crate) fn strings(&self, index: usize) -> Result<GenericStringArray<i32>> {
        let array = self.argument(index)?;
        let converted = cast(array, &DataType::Utf8)?;
        Ok(converted.as_string::<i32>().clone())
    }

    /// Argument `index` as 32-bit integers.
    pub(crate) fn ints(&self, index: usize) -> Result<Int32Array> {
        let array = self.argument(index)?;
        let converted = cast(array, &DataType::Int32)?;
        Ok(converted.as_primitive::<Int32Type>().clone())
    }

    /// Argument `index` as 64-bit integers.
    pub(crate) fn longs(&self, index: usize) -> Result<Int64Array> {
        let array = self.argument(index)?;
        let converted = cast(array, &DataType::Int64)?;
        Ok(converted.as_primitive::<Int64Type>().clone())
    }

    /// Argument `index` as it came.
    pub(crate) fn argument(&self, index: usize) -> Result<&ArrayRef> {
        match self.arrays.get(index) {
            Some(array) => Ok(array),
            None => exec_err!("missing argument {}", index + 1),
        }
    }
}

/// The value of row `row` of `array`, or `None` when it is null.
pub(crate) fn value(array: &GenericStringArray<i32>, row: usize) -> Option<&str> {
    array.is_valid(row).then(|| array.value(row))
}

/// The value of row `row` of a primitive array, or `None` when it is null.
pub(crate) fn number<T: datafusion::arrow::datatypes::ArrowPrimitiveType>(
    array: &datafusion::arrow::array::PrimitiveArray<T>,
    row: usize,
) -> Option<T::Native> {
    array.is_valid(row).then(|| array.value(row))
}

/// A Spark error raised from a kernel.
pub(crate) fn spark_error(condition: &'static str, parameters: Vec<(&'static str, String)>, message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(condition, parameters, message)))
}

type Kernel = fn(&Arguments) -> Result<ArrayRef>;

/// A function computed by a kernel over its arguments' arrays.
#[derive(Debug)]
pub(crate) struct RowFunction {
    name: &'static str,
    output: DataType,
    signature: Signature,
    kernel: Kernel,
}

impl RowFunction {
    /// A function taking `arities` numbers of arguments of any type.
    pub(crate) fn new(name: &'static str, output: DataType, arities: &[usize], kernel: Kernel) -> Self {
        let signature = if arities.is_empty() {
            Signature::variadic_any(Volatility::Immutable)
        } else {
            Signature::one_of(
                arities.iter().map(|arity| datafusion::logical_expr::TypeSignature::Any(*arity)).collect(),
                Volatility::Immutable,
            )
        };
        RowFunction { name, output, signature, kernel }
    }
}

impl PartialEq for RowFunction {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.output == other.output
    }
}

impl Eq for RowFunction {}

impl Hash for RowFunction {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.output.hash(state);
    }
}

impl ScalarUDFImpl for RowFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.output.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalars = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let rows = if all_scalars { 1 } else { args.number_rows };
        let arrays = args
            .args
            .iter()
            .map(|argument| argument.to_array(rows))
            .collect::<Result<Vec<_>>>()?;
        let result = (self.kernel)(&Arguments { arrays, rows })?;
        if all_scalars {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}
