// SPDX-License-Identifier: Apache-2.0
//! Spark's arithmetic where DataFusion's operators differ, in both of Spark's
//! evaluation modes, chosen per call by Substrait function options
//! (<https://substrait.io/extensions/functions_arithmetic/>):
//!
//! - **ANSI** (`overflow: ERROR`, `on_division_by_zero: ERROR`,
//!   `on_domain_error: ERROR`; `spark.sql.ansi.enabled=true`, Spark 4's
//!   default): integer overflow and a zero divisor are errors;
//! - **legacy** (`overflow: SILENT`, `on_division_by_zero: NULL`,
//!   `on_domain_error: NULL`; `spark.sql.ansi.enabled=false`): integers wrap
//!   as Java's do, and dividing by zero (`0.0` and `-0.0` too) gives null.
//!
//! In both modes `MIN % -1` is 0, as in Java, where Arrow's kernel reports an
//! overflow. Legacy `+`, `-` and `*` need no function of ours: DataFusion's
//! operators already wrap.

use datafusion::arrow::array::{Array, ArrayRef, ArrowPrimitiveType, AsArray, BooleanArray, PrimitiveArray};
use datafusion::arrow::compute::kernels::numeric;
use datafusion::arrow::compute::nullif;
use datafusion::arrow::datatypes::{
    DataType, Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
};
use datafusion::arrow::error::ArrowError;
use datafusion::common::{Result, ScalarValue, exec_err, not_impl_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::error_mapping::{ANSI_CONFIG, overflow_parameters};

/// Which arithmetic operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Operation {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Negate,
}

/// Spark's evaluation mode (`EvalMode` in Spark), fixed when a query is analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum EvalMode {
    /// Overflow and division by zero are errors.
    Ansi,
    /// Integers wrap; division by zero gives null.
    Legacy,
}

/// One arithmetic operation with Spark's semantics in one evaluation mode:
/// binary operations take two operands of one type, `Negate` one.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SparkArithmetic {
    operation: Operation,
    mode: EvalMode,
    name: String,
    signature: Signature,
}

impl SparkArithmetic {
    pub(crate) fn new(operation: Operation, mode: EvalMode) -> Self {
        let verb = match operation {
            Operation::Add => "add",
            Operation::Subtract => "subtract",
            Operation::Multiply => "multiply",
            Operation::Divide => "divide",
            Operation::Remainder => "remainder",
            Operation::Negate => "negate",
        };
        let prefix = match mode {
            EvalMode::Ansi => "checked",
            EvalMode::Legacy => "legacy",
        };
        let arity = if operation == Operation::Negate { 1 } else { 2 };
        SparkArithmetic {
            operation,
            mode,
            name: format!("{prefix}_{verb}"),
            signature: Signature::any(arity, Volatility::Immutable),
        }
    }

    /// Which operation this function computes.
    pub(crate) fn operation(&self) -> Operation {
        self.operation
    }

    /// Which evaluation mode this function follows.
    pub(crate) fn mode(&self) -> EvalMode {
        self.mode
    }
}

impl ScalarUDFImpl for SparkArithmetic {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match (self.operation, argument_types) {
            (Operation::Negate, [operand]) => Ok(operand.clone()),
            (Operation::Negate, _) => exec_err!("{} takes one operand, got {argument_types:?}", self.name),
            (_, [left, right]) if left == right => Ok(left.clone()),
            _ => exec_err!("{} needs two operands of one type, got {argument_types:?}", self.name),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        match args.args.as_slice() {
            [operand] if self.operation == Operation::Negate => self.negate(operand),
            [left, right] if self.operation != Operation::Negate => self.binary(left, right),
            _ => exec_err!("{} got {} arguments", self.name, args.args.len()),
        }
    }
}

impl SparkArithmetic {
    fn negate(&self, operand: &ColumnarValue) -> Result<ColumnarValue> {
        let kernel = match self.mode {
            EvalMode::Ansi => numeric::neg,
            EvalMode::Legacy => numeric::neg_wrapping,
        };
        match operand {
            ColumnarValue::Array(array) => Ok(ColumnarValue::Array(kernel(array).map_err(|error| self.error(error))?)),
            ColumnarValue::Scalar(scalar) => {
                let result = kernel(&scalar.to_array()?).map_err(|error| self.error(error))?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
            }
        }
    }

    fn binary(&self, left: &ColumnarValue, right: &ColumnarValue) -> Result<ColumnarValue> {
        let right = match self.operation {
            Operation::Divide | Operation::Remainder => self.divisor(right)?,
            _ => right.clone(),
        };
        let both_scalar = matches!((left, &right), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_)));
        let left_datum = datum(left)?;
        let right_datum = datum(&right)?;
        let (left_datum, right_datum) = (left_datum.as_ref(), right_datum.as_ref());
        let result = match (self.operation, self.mode) {
            (Operation::Add, EvalMode::Ansi) => numeric::add(left_datum, right_datum),
            (Operation::Add, EvalMode::Legacy) => numeric::add_wrapping(left_datum, right_datum),
            (Operation::Subtract, EvalMode::Ansi) => numeric::sub(left_datum, right_datum),
            (Operation::Subtract, EvalMode::Legacy) => numeric::sub_wrapping(left_datum, right_datum),
            (Operation::Multiply, EvalMode::Ansi) => numeric::mul(left_datum, right_datum),
            (Operation::Multiply, EvalMode::Legacy) => numeric::mul_wrapping(left_datum, right_datum),
            // Zero divisors are dealt with above; what is left is integer `MIN / -1`.
            (Operation::Divide, _) => numeric::div(left_datum, right_datum),
            (Operation::Remainder, _) => numeric::rem(left_datum, right_datum),
            (Operation::Negate, _) => return exec_err!("{} is unary", self.name),
        }
        .map_err(|error| self.error(error))?;
        if both_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }

    /// The divisor as Arrow's kernels should see it: a zero is an error (ANSI)
    /// or a null (legacy), and a remainder's `-1` becomes `1` (same result,
    /// without the overflow Arrow reports for `MIN % -1`).
    fn divisor(&self, divisor: &ColumnarValue) -> Result<ColumnarValue> {
        match divisor {
            ColumnarValue::Array(array) => Ok(ColumnarValue::Array(self.divisor_array(array)?)),
            ColumnarValue::Scalar(scalar) => {
                let array = self.divisor_array(&scalar.to_array()?)?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?))
            }
        }
    }

    fn divisor_array(&self, divisor: &ArrayRef) -> Result<ArrayRef> {
        let zeros = zero_mask(divisor)?;
        let mut divisor = divisor.clone();
        if zeros.true_count() > 0 {
            match self.mode {
                EvalMode::Ansi => return Err(self.division_by_zero()),
                EvalMode::Legacy => divisor = nullif(&divisor, &zeros)?,
            }
        }
        if self.operation == Operation::Remainder {
            divisor = minus_one_as_one(&divisor);
        }
        Ok(divisor)
    }

    /// Spark's error for what an Arrow kernel reports.
    fn error(&self, error: ArrowError) -> DataFusionError {
        match error {
            ArrowError::DivideByZero => self.division_by_zero(),
            ArrowError::ArithmeticOverflow(_) => self.overflow(),
            other => other.into(),
        }
    }

    /// Spark tells a zero divisor of `%` (remainder) from one of `/`.
    fn division_by_zero(&self) -> DataFusionError {
        let error = match self.operation {
            Operation::Remainder => {
                Error::execution("REMAINDER_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Remainder by zero")
            }
            _ => Error::execution("DIVIDE_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Division by zero"),
        };
        DataFusionError::External(Box::new(error))
    }

    /// Spark's overflow error, naming the `try_` function that would return
    /// null instead (Spark has none for negation).
    fn overflow(&self) -> DataFusionError {
        let try_function = match self.operation {
            Operation::Add => "try_add",
            Operation::Subtract => "try_subtract",
            Operation::Multiply => "try_multiply",
            Operation::Divide => "try_divide",
            Operation::Remainder => "try_mod",
            Operation::Negate => "",
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

/// Where a divisor is zero; for floating point `-0.0` is zero too, as in Spark.
fn zero_mask(divisor: &ArrayRef) -> Result<BooleanArray> {
    Ok(match divisor.data_type() {
        DataType::Int8 => is_zero::<Int8Type>(divisor),
        DataType::Int16 => is_zero::<Int16Type>(divisor),
        DataType::Int32 => is_zero::<Int32Type>(divisor),
        DataType::Int64 => is_zero::<Int64Type>(divisor),
        DataType::Float32 => is_zero::<Float32Type>(divisor),
        DataType::Float64 => is_zero::<Float64Type>(divisor),
        DataType::Decimal128(_, _) => is_zero::<Decimal128Type>(divisor),
        DataType::Decimal256(_, _) => is_zero::<Decimal256Type>(divisor),
        other => return not_impl_err!("Spark's division of {other} values"),
    })
}

fn is_zero<T: ArrowPrimitiveType>(divisor: &ArrayRef) -> BooleanArray {
    // `==`, not Arrow's total order: that one tells -0.0 from 0.0.
    let zero = T::Native::default();
    divisor.as_primitive::<T>().iter().map(|value| value.map(|value| value == zero)).collect()
}

/// Integer `-1` divisors replaced by `1`: `x % -1` and `x % 1` are both 0.
fn minus_one_as_one(divisor: &ArrayRef) -> ArrayRef {
    match divisor.data_type() {
        DataType::Int8 => replace_minus_one::<Int8Type>(divisor),
        DataType::Int16 => replace_minus_one::<Int16Type>(divisor),
        DataType::Int32 => replace_minus_one::<Int32Type>(divisor),
        DataType::Int64 => replace_minus_one::<Int64Type>(divisor),
        _ => divisor.clone(),
    }
}

fn replace_minus_one<T: ArrowPrimitiveType>(divisor: &ArrayRef) -> ArrayRef
where
    T::Native: From<i8>,
{
    let (minus_one, one) = (T::Native::from(-1), T::Native::from(1));
    let replaced: PrimitiveArray<T> =
        divisor.as_primitive::<T>().unary(|value| if value == minus_one { one } else { value });
    std::sync::Arc::new(replaced)
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "a test fails loudly on an unexpected error")]

    use std::sync::Arc;

    use datafusion::arrow::array::{Float64Array, Int32Array};

    use super::*;

    #[test]
    fn negative_zero_is_a_zero_divisor() {
        let divisor: ArrayRef = Arc::new(Float64Array::from(vec![Some(-0.0), Some(0.0), Some(f64::NAN), None]));
        let mask = zero_mask(&divisor).unwrap();
        assert_eq!(mask.iter().collect::<Vec<_>>(), vec![Some(true), Some(true), Some(false), None]);
    }

    #[test]
    fn only_minus_one_is_replaced() {
        let divisor: ArrayRef = Arc::new(Int32Array::from(vec![Some(-1), Some(-2), None, Some(i32::MIN)]));
        let replaced = minus_one_as_one(&divisor);
        let expected: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), Some(-2), None, Some(i32::MIN)]));
        assert_eq!(&replaced, &expected);
    }
}
