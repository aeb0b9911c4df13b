// SPDX-License-Identifier: Apache-2.0
//! Spark's `conv(num, from_base, to_base)`: the leading digits of `num` in
//! `from_base` (spaces trimmed; up to the first character that is not a digit), read as an
//! unsigned 64-bit number, written in `to_base` with upper-case digits. A
//! leading `-` negates the number (two's complement for a positive
//! `to_base`); a negative `to_base` writes a negative number with a sign.
//! Bases outside 2..=36 and an empty `num` give null; a number beyond 64 bits
//! is `ARITHMETIC_OVERFLOW` when the call's fourth argument (`ansi`) is true
//! and `2^64 - 1` otherwise, as Spark's `NumberConverter`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Int32Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility,
};

use crate::error::Error;
use crate::error_mapping::overflow_parameters;

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkConv {
    signature: Signature,
}

pub(crate) fn conv() -> ScalarUDF {
    // Three arguments in SQL strings (`F.expr`), which only need to parse: the
    // frontend's plans pass the ANSI flag as the fourth.
    let signature = Signature::one_of(vec![TypeSignature::Any(3), TypeSignature::Any(4)], Volatility::Immutable);
    ScalarUDF::new_from_impl(SparkConv { signature })
}

/// Why there is no result.
#[derive(Debug, PartialEq)]
enum Failure {
    Null,
    Overflow,
}

/// `number` converted from `from_base` to `to_base`, as Spark's `NumberConverter.convert`.
fn convert(number: &str, from_base: i32, to_base: i32, ansi: bool) -> Result<String, Failure> {
    // Spark trims spaces first (`UTF8String.trim`).
    let number = number.trim_matches(' ');
    if !(2..=36).contains(&from_base) || !(2..=36).contains(&to_base.unsigned_abs()) || number.is_empty() {
        return Err(Failure::Null);
    }
    let (mut negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let radix = u64::from(from_base.unsigned_abs());
    let mut value: u64 = 0;
    for character in digits.chars() {
        let Some(digit) = character.to_digit(from_base.unsigned_abs()) else {
            break;
        };
        match value.checked_mul(radix).and_then(|shifted| shifted.checked_add(u64::from(digit))) {
            Some(next) => value = next,
            None if ansi => return Err(Failure::Overflow),
            None => {
                value = u64::MAX;
                break;
            }
        }
    }
    // Spark works on a signed long: negation and the sign test are two's complement.
    let mut signed = value as i64;
    if negative && to_base > 0 {
        signed = if signed < 0 { -1 } else { signed.wrapping_neg() };
    }
    if to_base < 0 && signed < 0 {
        signed = signed.wrapping_neg();
        negative = true;
    }
    let mut unsigned = signed as u64;
    let output_radix = u64::from(to_base.unsigned_abs());
    let mut text = Vec::new();
    while unsigned != 0 {
        let digit = u32::try_from(unsigned % output_radix).unwrap_or(0);
        text.push(char::from_digit(digit, to_base.unsigned_abs()).unwrap_or('0').to_ascii_uppercase());
        unsigned /= output_radix;
    }
    if text.is_empty() {
        text.push('0');
    }
    if negative && to_base < 0 {
        text.push('-');
    }
    Ok(text.iter().rev().collect())
}

impl ScalarUDFImpl for SparkConv {
    fn name(&self) -> &str {
        "conv"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let (number, from_base, to_base, ansi) = match args.args.as_slice() {
            [number, from_base, to_base] => (number, from_base, to_base, true),
            [number, from_base, to_base, ColumnarValue::Scalar(ScalarValue::Boolean(Some(ansi)))] => {
                (number, from_base, to_base, *ansi)
            }
            _ => return exec_err!("conv takes a number, two bases and a constant ANSI flag"),
        };
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&[number.clone(), from_base.clone(), to_base.clone()])?;
        let numbers = datafusion::arrow::compute::cast(&arrays[0], &DataType::Utf8)?;
        let numbers = numbers.as_string::<i32>();
        let (from_bases, to_bases) = (arrays[1].as_primitive::<Int32Type>(), arrays[2].as_primitive::<Int32Type>());
        let mut builder = StringBuilder::with_capacity(numbers.len(), numbers.len() * 8);
        for index in 0..numbers.len() {
            if numbers.is_null(index) || from_bases.is_null(index) || to_bases.is_null(index) {
                builder.append_null();
                continue;
            }
            match convert(numbers.value(index), from_bases.value(index), to_bases.value(index), ansi) {
                Ok(text) => builder.append_value(text),
                Err(Failure::Null) => builder.append_null(),
                Err(Failure::Overflow) => {
                    let parameters = overflow_parameters("Overflow in function conv()", "");
                    let error = Error::execution("ARITHMETIC_OVERFLOW", parameters, "Overflow in function conv()");
                    return Err(DataFusionError::External(Box::new(error)));
                }
            }
        }
        let result: ArrayRef = Arc::new(builder.finish());
        if all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_examples() {
        assert_eq!(convert("100", 2, 10, true), Ok("4".to_string()));
        assert_eq!(convert("-10", 16, -10, true), Ok("-16".to_string()));
        assert_eq!(convert("-10", 10, 16, true), Ok("FFFFFFFFFFFFFFF6".to_string()));
        assert_eq!(convert("12ab", 10, 2, true), Ok("1100".to_string()));
        assert_eq!(convert("", 10, 2, true), Err(Failure::Null));
        assert_eq!(convert("10", 10, 37, true), Err(Failure::Null));
        assert_eq!(convert("18446744073709551616", 10, 16, true), Err(Failure::Overflow));
        assert_eq!(convert("18446744073709551616", 10, 16, false), Ok("FFFFFFFFFFFFFFFF".to_string()));
        assert_eq!(convert("-", 10, 2, true), Ok("0".to_string()));
        assert_eq!(convert(" 10", 10, 2, true), Ok("1010".to_string()));
        assert_eq!(convert("9223372036854775808", 10, -10, true), Ok("-9223372036854775808".to_string()));
    }
}
