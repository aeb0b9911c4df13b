// SPDX-License-Identifier: Apache-2.0
//! Arithmetic that fails instead of wrapping or producing infinities: Spark's
//! ANSI mode, and Substrait's `overflow: ERROR` / `on_division_by_zero: ERROR`
//! options (<https://substrait.io/extensions/functions_arithmetic/>).
//!
//! Arrow's checked kernels already fail on integer overflow and integer
//! division by zero; floating-point division by zero is checked here.

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::kernels::numeric;
use datafusion::arrow::datatypes::{DataType, Float32Type, Float64Type};
use datafusion::arrow::error::ArrowError;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::error_mapping::{ANSI_CONFIG, overflow_parameters};

/// Which arithmetic operation to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Operation {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// A binary arithmetic function on two operands of the same type that errors
/// on overflow and on division by zero.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CheckedArithmetic {
    operation: Operation,
    signature: Signature,
}

impl CheckedArithmetic {
    pub(crate) fn new(operation: Operation) -> Self {
        CheckedArithmetic { operation, signature: Signature::any(2, Volatility::Immutable) }
    }

    /// Which operation this function checks.
    pub(crate) fn operation(&self) -> Operation {
        self.operation
    }
}

impl ScalarUDFImpl for CheckedArithmetic {
    fn name(&self) -> &str {
        match self.operation {
            Operation::Add => "checked_add",
            Operation::Subtract => "checked_subtract",
            Operation::Multiply => "checked_multiply",
            Operation::Divide => "checked_divide",
            Operation::Remainder => "checked_remainder",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types {
            [left, right] if left == right => Ok(left.clone()),
            _ => exec_err!("{} needs two operands of one type, got {argument_types:?}", self.name()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [left, right] = args.args.as_slice() else {
            return exec_err!("{} takes two arguments", self.name());
        };
        if matches!(self.operation, Operation::Divide | Operation::Remainder) && has_floating_zero(right)? {
            return Err(self.division_by_zero());
        }
        let both_scalar = matches!((left, right), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_)));
        let left_datum = datum(left)?;
        let right_datum = datum(right)?;
        let (left_datum, right_datum) = (left_datum.as_ref(), right_datum.as_ref());
        let result = match self.operation {
            Operation::Add => numeric::add(left_datum, right_datum),
            Operation::Subtract => numeric::sub(left_datum, right_datum),
            Operation::Multiply => numeric::mul(left_datum, right_datum),
            Operation::Divide => numeric::div(left_datum, right_datum),
            Operation::Remainder => numeric::rem(left_datum, right_datum),
        }
        .map_err(|error| match error {
            ArrowError::DivideByZero => self.division_by_zero(),
            ArrowError::ArithmeticOverflow(_) => self.overflow(),
            other => other.into(),
        })?;
        if both_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

impl CheckedArithmetic {
    /// Spark tells a zero divisor of `%` (remainder) from one of `/`.
    fn division_by_zero(&self) -> DataFusionError {
        let error = match self.operation {
            Operation::Remainder => Error::execution("REMAINDER_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Remainder by zero"),
            _ => Error::execution("DIVIDE_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Division by zero"),
        };
        DataFusionError::External(Box::new(error))
    }

    /// Spark's overflow error, naming the `try_` function that would return null instead.
    fn overflow(&self) -> DataFusionError {
        let try_function = match self.operation {
            Operation::Add => "try_add",
            Operation::Subtract => "try_subtract",
            Operation::Multiply => "try_multiply",
            Operation::Divide => "try_divide",
            Operation::Remainder => "try_mod",
        };
        let parameters = overflow_parameters("overflow", try_function);
        DataFusionError::External(Box::new(Error::execution("ARITHMETIC_OVERFLOW", parameters, "Arithmetic overflow")))
    }
}

fn datum(value: &ColumnarValue) -> Result<Box<dyn datafusion::arrow::array::Datum>> {
    Ok(match value {
        ColumnarValue::Array(array) => Box::new(array.clone()),
        ColumnarValue::Scalar(scalar) => Box::new(scalar.to_scalar()?),
    })
}

/// Whether a floating-point divisor holds a zero (integer kernels check their own).
fn has_floating_zero(divisor: &ColumnarValue) -> Result<bool> {
    let array: ArrayRef = match divisor {
        ColumnarValue::Array(array) => array.clone(),
        ColumnarValue::Scalar(scalar) => scalar.to_array()?,
    };
    Ok(match array.data_type() {
        DataType::Float64 => array.as_primitive::<Float64Type>().iter().any(|value| value == Some(0.0)),
        DataType::Float32 => array.as_primitive::<Float32Type>().iter().any(|value| value == Some(0.0)),
        _ => false,
    })
}
