// SPDX-License-Identifier: Apache-2.0
//! Spark's decimal arithmetic (`decimal_add`, `decimal_subtract`,
//! `decimal_multiply`, `decimal_divide`, `decimal_remainder` in
//! `functions_spark_math.yaml`): the result type follows Spark's
//! `DecimalPrecision` rules with `spark.sql.decimalOperations.allowPrecisionLoss`
//! on (its default), values are computed exactly in 256 bits and rounded
//! HALF_UP to the result's scale. A result that does not fit the result's
//! precision, or a zero divisor, is an error when the call's third argument
//! (`ansi`) is true and null when it is false (legacy mode, `try_` functions).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Builder};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, i256};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::error_mapping::ANSI_CONFIG;

const MAX_PRECISION: i32 = 38;
/// The smallest scale `allowPrecisionLoss` keeps when it must cut digits.
const MINIMUM_ADJUSTED_SCALE: i32 = 6;

/// Which decimal operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DecimalOperation {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// Spark's result type of `left op right` for decimals `(precision, scale)`.
pub(crate) fn result_type(operation: DecimalOperation, left: (i32, i32), right: (i32, i32)) -> (i32, i32) {
    let ((p1, s1), (p2, s2)) = (left, right);
    let (precision, scale) = match operation {
        DecimalOperation::Add | DecimalOperation::Subtract => {
            let scale = s1.max(s2);
            ((p1 - s1).max(p2 - s2) + scale + 1, scale)
        }
        DecimalOperation::Multiply => (p1 + p2 + 1, s1 + s2),
        DecimalOperation::Divide => {
            let scale = MINIMUM_ADJUSTED_SCALE.max(s1 + p2 + 1);
            (p1 - s1 + s2 + scale, scale)
        }
        DecimalOperation::Remainder => {
            let scale = s1.max(s2);
            ((p1 - s1).min(p2 - s2) + scale, scale)
        }
    };
    adjust_precision_scale(precision, scale)
}

/// Spark's `DecimalType.adjustPrecisionScale`: a precision above 38 keeps the
/// integral digits and gives up fractional ones, down to at most 6 of them.
fn adjust_precision_scale(precision: i32, scale: i32) -> (i32, i32) {
    if precision <= MAX_PRECISION {
        return (precision, scale);
    }
    let integral_digits = precision - scale;
    let minimum_scale = scale.min(MINIMUM_ADJUSTED_SCALE);
    (MAX_PRECISION, (MAX_PRECISION - integral_digits).max(minimum_scale))
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SparkDecimalArithmetic {
    operation: DecimalOperation,
    name: &'static str,
    signature: Signature,
}

impl SparkDecimalArithmetic {
    pub(crate) fn new(operation: DecimalOperation) -> Self {
        let name = match operation {
            DecimalOperation::Add => "decimal_add",
            DecimalOperation::Subtract => "decimal_subtract",
            DecimalOperation::Multiply => "decimal_multiply",
            DecimalOperation::Divide => "decimal_divide",
            DecimalOperation::Remainder => "decimal_remainder",
        };
        SparkDecimalArithmetic { operation, name, signature: Signature::any(3, Volatility::Immutable) }
    }
}

pub(crate) fn add() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkDecimalArithmetic::new(DecimalOperation::Add))
}
pub(crate) fn subtract() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkDecimalArithmetic::new(DecimalOperation::Subtract))
}
pub(crate) fn multiply() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkDecimalArithmetic::new(DecimalOperation::Multiply))
}
pub(crate) fn divide() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkDecimalArithmetic::new(DecimalOperation::Divide))
}
pub(crate) fn remainder() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkDecimalArithmetic::new(DecimalOperation::Remainder))
}

fn decimal_parameters(data_type: &DataType) -> Result<(i32, i32)> {
    match data_type {
        DataType::Decimal128(precision, scale) => Ok((i32::from(*precision), i32::from(*scale))),
        other => exec_err!("Spark's decimal arithmetic takes decimal(p, s) operands, got {other}"),
    }
}

impl ScalarUDFImpl for SparkDecimalArithmetic {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let [left, right, _] = argument_types else {
            return exec_err!("{} takes two decimals and a boolean", self.name);
        };
        let (precision, scale) = result_type(self.operation, decimal_parameters(left)?, decimal_parameters(right)?);
        decimal_type(precision, scale)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [left, right, ansi] = args.args.as_slice() else {
            return exec_err!("{} takes two decimals and a boolean", self.name);
        };
        let ansi = match ansi {
            ColumnarValue::Scalar(ScalarValue::Boolean(Some(value))) => *value,
            _ => return exec_err!("{}'s third argument must be a boolean constant", self.name),
        };
        let left_parameters = decimal_parameters(&left.data_type())?;
        let right_parameters = decimal_parameters(&right.data_type())?;
        let (precision, scale) = result_type(self.operation, left_parameters, right_parameters);
        let both_scalar = matches!((left, right), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&[left.clone(), right.clone()])?;
        let (left_values, right_values) = (arrays[0].as_primitive::<Decimal128Type>(), arrays[1].as_primitive::<Decimal128Type>());
        let operands = Operands { left_scale: left_parameters.1, right_scale: right_parameters.1, precision, scale };
        let mut builder = Decimal128Builder::with_capacity(left_values.len());
        for index in 0..left_values.len() {
            if left_values.is_null(index) || right_values.is_null(index) {
                builder.append_null();
                continue;
            }
            match operands.compute(self.operation, left_values.value(index), right_values.value(index)) {
                Ok(value) => builder.append_value(value),
                Err(_) if !ansi => builder.append_null(),
                Err(failure) => return Err(self.error(failure, precision, scale)),
            }
        }
        let result: ArrayRef = Arc::new(builder.finish().with_precision_and_scale(to_u8(precision)?, to_i8(scale)?)?);
        if both_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

impl SparkDecimalArithmetic {
    fn error(&self, failure: Failure, precision: i32, scale: i32) -> DataFusionError {
        let error = match failure {
            Failure::ZeroDivisor if self.operation == DecimalOperation::Remainder => {
                Error::execution("REMAINDER_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Remainder by zero")
            }
            Failure::ZeroDivisor => {
                Error::execution("DIVIDE_BY_ZERO", [("config", ANSI_CONFIG.to_string())], "Division by zero")
            }
            Failure::Overflow(value) => Error::execution(
                "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                [
                    ("value", value.clone()),
                    ("precision", precision.to_string()),
                    ("scale", scale.to_string()),
                    ("config", ANSI_CONFIG.to_string()),
                ],
                format!("{value} cannot be represented as Decimal({precision}, {scale})"),
            ),
        };
        DataFusionError::External(Box::new(error))
    }
}

fn decimal_type(precision: i32, scale: i32) -> Result<DataType> {
    Ok(DataType::Decimal128(to_u8(precision)?, to_i8(scale)?))
}

fn to_u8(value: i32) -> Result<u8> {
    u8::try_from(value).map_err(|_| DataFusionError::Execution(format!("decimal precision {value} out of range")))
}

fn to_i8(value: i32) -> Result<i8> {
    i8::try_from(value).map_err(|_| DataFusionError::Execution(format!("decimal scale {value} out of range")))
}

/// Why one row has no value.
#[derive(Debug)]
enum Failure {
    ZeroDivisor,
    /// The exact result, as Spark prints it in its error.
    Overflow(String),
}

struct Operands {
    left_scale: i32,
    right_scale: i32,
    precision: i32,
    scale: i32,
}

fn ten_to(exponent: i32) -> i256 {
    let mut result = i256::ONE;
    for _ in 0..exponent.max(0) {
        result = result.wrapping_mul(i256::from_i128(10));
    }
    result
}

/// `value` at `from` digits of scale, rounded HALF_UP to `to` digits (or
/// exactly widened); `None` when it does not fit 256 bits.
fn rescale(value: i256, from: i32, to: i32) -> Option<i256> {
    if to >= from {
        return value.checked_mul(ten_to(to - from));
    }
    Some(divide_half_up(value, ten_to(from - to)))
}

/// `numerator / denominator` rounded HALF_UP (ties away from zero); `denominator > 0`.
fn divide_half_up(numerator: i256, denominator: i256) -> i256 {
    let quotient = numerator.wrapping_div(denominator);
    let remainder = numerator.wrapping_rem(denominator).wrapping_abs();
    if remainder.wrapping_add(remainder) >= denominator {
        if numerator < i256::ZERO { quotient.wrapping_sub(i256::ONE) } else { quotient.wrapping_add(i256::ONE) }
    } else {
        quotient
    }
}

impl Operands {
    fn compute(&self, operation: DecimalOperation, left: i128, right: i128) -> Result<i128, Failure> {
        let (left, right) = (i256::from_i128(left), i256::from_i128(right));
        let exact = match operation {
            DecimalOperation::Add | DecimalOperation::Subtract => {
                let common = self.left_scale.max(self.right_scale);
                // Both below 10^76 once aligned: no overflow in 256 bits.
                let left = left.wrapping_mul(ten_to(common - self.left_scale));
                let right = right.wrapping_mul(ten_to(common - self.right_scale));
                let sum = if operation == DecimalOperation::Add { left.wrapping_add(right) } else { left.wrapping_sub(right) };
                (sum, common)
            }
            DecimalOperation::Multiply => (left.wrapping_mul(right), self.left_scale + self.right_scale),
            DecimalOperation::Divide => {
                if right == i256::ZERO {
                    return Err(Failure::ZeroDivisor);
                }
                return self.fit(self.quotient(left, right)?, self.scale);
            }
            DecimalOperation::Remainder => {
                if right == i256::ZERO {
                    return Err(Failure::ZeroDivisor);
                }
                let common = self.left_scale.max(self.right_scale);
                let left = left.wrapping_mul(ten_to(common - self.left_scale));
                let right = right.wrapping_mul(ten_to(common - self.right_scale));
                // Truncated division: the remainder has the dividend's sign, as in Java.
                (left.wrapping_rem(right), common)
            }
        };
        let (value, scale) = exact;
        let rounded = rescale(value, scale, self.scale).ok_or_else(|| Failure::Overflow(plain(value, scale)))?;
        self.fit(rounded, self.scale)
    }

    /// `left / right` at the result's scale, rounded HALF_UP, by long division
    /// (the scaled dividend may not fit 256 bits when the quotient does).
    fn quotient(&self, left: i256, right: i256) -> Result<i256, Failure> {
        let negative = (left < i256::ZERO) != (right < i256::ZERO);
        let (dividend, divisor) = (left.wrapping_abs(), right.wrapping_abs());
        // left / 10^s1 / (right / 10^s2) * 10^s = left * 10^(s + s2 - s1) / right
        let shift = self.scale + self.right_scale - self.left_scale;
        let divisor = if shift < 0 { divisor.wrapping_mul(ten_to(-shift)) } else { divisor };
        let mut quotient = dividend.wrapping_div(divisor);
        let mut remainder = dividend.wrapping_rem(divisor);
        let limit = ten_to(MAX_PRECISION + 1);
        for _ in 0..shift.max(0) {
            let widened = remainder.wrapping_mul(i256::from_i128(10));
            quotient = quotient.wrapping_mul(i256::from_i128(10)).wrapping_add(widened.wrapping_div(divisor));
            remainder = widened.wrapping_rem(divisor);
            if quotient >= limit {
                let shown = if negative { "-" } else { "" };
                return Err(Failure::Overflow(format!("{shown}{}", plain(quotient, 0))));
            }
        }
        if remainder.wrapping_add(remainder) >= divisor {
            quotient = quotient.wrapping_add(i256::ONE);
        }
        Ok(if negative { quotient.wrapping_neg() } else { quotient })
    }

    /// The value if it has at most the result's precision in digits.
    fn fit(&self, value: i256, scale: i32) -> Result<i128, Failure> {
        if value.wrapping_abs() >= ten_to(self.precision) {
            return Err(Failure::Overflow(plain(value, scale)));
        }
        value.to_i128().ok_or_else(|| Failure::Overflow(plain(value, scale)))
    }
}

/// An unscaled value written as a plain decimal number (`123.45`).
fn plain(value: i256, scale: i32) -> String {
    let digits = value.wrapping_abs().to_string();
    let sign = if value < i256::ZERO { "-" } else { "" };
    if scale <= 0 {
        return format!("{sign}{digits}");
    }
    let scale = usize::try_from(scale).unwrap_or(0);
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (integral, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{integral}.{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operands(left: (i32, i32), right: (i32, i32), operation: DecimalOperation) -> Operands {
        let (precision, scale) = result_type(operation, left, right);
        Operands { left_scale: left.1, right_scale: right.1, precision, scale }
    }

    #[test]
    fn result_types_follow_spark() {
        assert_eq!(result_type(DecimalOperation::Add, (5, 2), (10, 4)), (11, 4));
        assert_eq!(result_type(DecimalOperation::Multiply, (5, 2), (10, 4)), (16, 6));
        assert_eq!(result_type(DecimalOperation::Divide, (5, 2), (10, 4)), (20, 13));
        assert_eq!(result_type(DecimalOperation::Remainder, (5, 2), (10, 4)), (7, 4));
        assert_eq!(result_type(DecimalOperation::Multiply, (38, 10), (38, 10)), (38, 6));
        assert_eq!(result_type(DecimalOperation::Divide, (38, 10), (38, 10)), (38, 6));
        assert_eq!(result_type(DecimalOperation::Add, (38, 10), (38, 10)), (38, 9));
    }

    #[test]
    fn rounds_half_up_and_reports_overflow() {
        // 1.50 / 3.2500 = 0.4615384615384615... at scale 13
        let division = operands((5, 2), (10, 4), DecimalOperation::Divide);
        assert_eq!(division.compute(DecimalOperation::Divide, 150, 32_500).ok(), Some(4_615_384_615_385));
        assert_eq!(division.compute(DecimalOperation::Divide, -150, 32_500).ok(), Some(-4_615_384_615_385));
        assert!(matches!(division.compute(DecimalOperation::Divide, 1, 0), Err(Failure::ZeroDivisor)));
        // 2.5 * 0.5 = 1.25 at scale 2
        let product = operands((2, 1), (2, 1), DecimalOperation::Multiply);
        assert_eq!(product.compute(DecimalOperation::Multiply, 25, 5).ok(), Some(125));
        let big = 10_i128.pow(37);
        let huge = operands((38, 0), (38, 0), DecimalOperation::Multiply);
        assert!(matches!(huge.compute(DecimalOperation::Multiply, big, big), Err(Failure::Overflow(_))));
        // -7.5 % 2 = -1.5
        let remainder = operands((2, 1), (1, 0), DecimalOperation::Remainder);
        assert_eq!(remainder.compute(DecimalOperation::Remainder, -75, 2).ok(), Some(-15));
    }

    #[test]
    fn plain_text() {
        assert_eq!(plain(i256::from_i128(-5), 3), "-0.005");
        assert_eq!(plain(i256::from_i128(12345), 2), "123.45");
    }
}
