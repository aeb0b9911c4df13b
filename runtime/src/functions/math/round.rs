// SPDX-License-Identifier: Apache-2.0
//! Spark's `round` (ties away from zero, HALF_UP) and `bround` (ties to even,
//! HALF_EVEN) to a constant number of decimal places, which may be negative.
//!
//! Floating-point values are rounded as Spark does it, through the decimal
//! the shortest text of the double stands for (`BigDecimal(d.toString)`), so
//! `round(1.005, 2)` is `1.01` where scaling by 100 in binary would give
//! `1.0`. Integers round at tens, hundreds... for negative scales; a result
//! that does not fit is `ARITHMETIC_OVERFLOW`, as in ANSI mode (legacy mode's
//! wrapping is not reproduced). Decimals are rounded to Spark's result type,
//! null when that overflows.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, ArrowPrimitiveType, AsArray, PrimitiveArray};
use datafusion::arrow::datatypes::{
    DataType, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility,
};

use datafusion::error::DataFusionError;

use crate::error::Error;
use crate::error_mapping::overflow_parameters;
use crate::functions::apply_unary;

/// How ties are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Ties {
    /// Away from zero (`round`).
    HalfUp,
    /// To the even neighbour (`bround`).
    HalfEven,
    /// Up (`ceil(x, scale)`).
    Ceiling,
    /// Down (`floor(x, scale)`).
    Floor,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SparkRound {
    ties: Ties,
    signature: Signature,
}

pub(crate) fn round() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkRound { ties: Ties::HalfUp, signature: round_signature() })
}

pub(crate) fn bround() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkRound { ties: Ties::HalfEven, signature: round_signature() })
}

/// `ceil(decimal, scale)`: the frontend casts other numbers to decimals first, as Spark does.
pub(crate) fn ceil_scale() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkRound { ties: Ties::Ceiling, signature: round_signature() })
}

/// `floor(decimal, scale)`.
pub(crate) fn floor_scale() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkRound { ties: Ties::Floor, signature: round_signature() })
}

/// A value and an optional constant scale (0 when left out, as in SQL's `round(x)`).
fn round_signature() -> Signature {
    Signature::one_of(vec![TypeSignature::Any(1), TypeSignature::Any(2)], Volatility::Immutable)
}

/// Spark's result type of rounding `decimal(precision, scale)` to `places`.
pub(crate) fn decimal_result(precision: u8, scale: i8, places: i32) -> (u8, i8) {
    let integral_digits = i32::from(precision) - i32::from(scale) + 1;
    if places < 0 {
        let precision = integral_digits.max(1 - places).min(38);
        (u8::try_from(precision).unwrap_or(38), 0)
    } else {
        let scale = i32::from(scale).min(places);
        let precision = (integral_digits + scale).min(38);
        (u8::try_from(precision).unwrap_or(38), i8::try_from(scale).unwrap_or(0))
    }
}

impl ScalarUDFImpl for SparkRound {
    fn name(&self) -> &str {
        match self.ties {
            Ties::HalfUp => "round",
            Ties::HalfEven => "bround",
            Ties::Ceiling => "ceil_scale",
            Ties::Floor => "floor_scale",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        datafusion::common::internal_err!("return_field_from_args is used instead")
    }

    fn return_field_from_args(
        &self,
        args: datafusion::logical_expr::ReturnFieldArgs,
    ) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let data_type = match args.arg_fields[0].data_type() {
            DataType::Decimal128(precision, scale) => {
                let places = match args.scalar_arguments.get(1) {
                    None => 0,
                    Some(Some(ScalarValue::Int32(Some(places)))) => *places,
                    Some(Some(ScalarValue::Int64(Some(places)))) => i32::try_from(*places).unwrap_or(0),
                    _ => return exec_err!("{}'s scale must be an int constant", self.name()),
                };
                let (precision, scale) = decimal_result(*precision, *scale, places);
                DataType::Decimal128(precision, scale)
            }
            other => other.clone(),
        };
        let nullable = args.arg_fields.iter().any(|field| field.is_nullable()) || data_type.is_decimal();
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), data_type, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let (value, places) = match args.args.as_slice() {
            [value] => (value, ColumnarValue::Scalar(ScalarValue::Int32(Some(0)))),
            [value, places] => (value, places.clone()),
            _ => return exec_err!("{} takes a value and a scale", self.name()),
        };
        let places = match places {
            ColumnarValue::Scalar(ScalarValue::Int32(places)) => places,
            _ => return exec_err!("{}'s scale must be an int constant", self.name()),
        };
        let return_type = args.return_field.data_type().clone();
        let Some(places) = places else {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from(&return_type)?));
        };
        let ties = self.ties;
        apply_unary(value, |values| round_array(values, places, ties, &return_type))
    }
}

fn round_array(values: &ArrayRef, places: i32, ties: Ties, return_type: &DataType) -> Result<ArrayRef> {
    Ok(match values.data_type() {
        DataType::Float64 => map::<Float64Type>(values, |value| round_double(value, places, ties)),
        // Spark rounds a float as a double and narrows the result back.
        DataType::Float32 => map::<Float32Type>(values, |value| round_double(f64::from(value), places, ties) as f32),
        DataType::Int8 => try_map::<Int8Type>(values, |value| narrow(round_integer(i64::from(value), places, ties)))?,
        DataType::Int16 => try_map::<Int16Type>(values, |value| narrow(round_integer(i64::from(value), places, ties)))?,
        DataType::Int32 => try_map::<Int32Type>(values, |value| narrow(round_integer(i64::from(value), places, ties)))?,
        DataType::Int64 => try_map::<Int64Type>(values, |value| narrow(round_integer(value, places, ties)))?,
        DataType::Decimal128(_, scale) => {
            let DataType::Decimal128(precision, result_scale) = return_type else {
                return exec_err!("round of a decimal must return a decimal, not {return_type}");
            };
            let rounded: PrimitiveArray<Decimal128Type> = values
                .as_primitive::<Decimal128Type>()
                .iter()
                .map(|value| value.and_then(|value| round_decimal(value, *scale, places, ties, *precision, *result_scale)))
                .collect();
            Arc::new(rounded.with_precision_and_scale(*precision, *result_scale)?)
        }
        other => return exec_err!("round does not take {other}"),
    })
}

fn try_map<T: ArrowPrimitiveType>(
    values: &ArrayRef,
    function: impl Fn(T::Native) -> Result<T::Native, DataFusionError>,
) -> Result<ArrayRef> {
    Ok(Arc::new(values.as_primitive::<T>().try_unary::<_, T, DataFusionError>(function)?))
}

/// An integer result in its type; Spark's ANSI error when it does not fit.
fn narrow<N: TryFrom<i128>>(value: i128) -> Result<N, DataFusionError> {
    N::try_from(value).map_err(|_| {
        let parameters = overflow_parameters("Overflow", "");
        DataFusionError::External(Box::new(Error::execution("ARITHMETIC_OVERFLOW", parameters, "Overflow")))
    })
}

fn map<T: ArrowPrimitiveType>(values: &ArrayRef, function: impl Fn(T::Native) -> T::Native) -> ArrayRef {
    Arc::new(values.as_primitive::<T>().unary::<_, T>(function))
}

/// Whether digits `kept` followed by `next` and then `rest` round away from zero
/// (`negative`: the value's sign).
fn rounds_up(last_kept_odd: bool, next: u8, rest_nonzero: bool, ties: Ties, negative: bool) -> bool {
    match ties {
        Ties::HalfUp => next >= 5,
        Ties::HalfEven => next > 5 || (next == 5 && (rest_nonzero || last_kept_odd)),
        Ties::Ceiling => !negative && (next > 0 || rest_nonzero),
        Ties::Floor => negative && (next > 0 || rest_nonzero),
    }
}

/// Powers of ten that doubles hold exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
];

/// `round_double` by float arithmetic where it is certain to agree: rounding
/// half up or half even at 0..=22 places, when `|value| * 10^places` is an
/// integer-exact double clearly away from a tie (the product is within a few
/// units in the last place of the decimal's, so only near .5 can the two
/// decide differently). The rounded integer divided by the exact power of ten
/// is the correctly rounded quotient, which is what reading its decimal text
/// gives. None: take the decimal text's way.
fn round_double_fast(value: f64, places: i32, ties: Ties) -> Option<f64> {
    if !matches!(ties, Ties::HalfUp | Ties::HalfEven) {
        return None;
    }
    let power = *EXACT_POWERS_OF_TEN.get(usize::try_from(places).ok()?)?;
    let scaled = value.abs() * power;
    if scaled >= 4_503_599_627_370_496.0 {
        // 2^52: beyond it the product's last place is a unit or more.
        return None;
    }
    let whole = scaled.floor();
    let fraction = scaled - whole;
    if (fraction - 0.5).abs() <= scaled * 4e-15 + f64::MIN_POSITIVE {
        return None;
    }
    let rounded = if fraction > 0.5 { whole + 1.0 } else { whole } / power;
    Some(if rounded == 0.0 { 0.0 } else if value < 0.0 { -rounded } else { rounded })
}

/// A double rounded through the decimal of its shortest text, as Spark's `BigDecimal(d)`.
pub(crate) fn round_double(value: f64, places: i32, ties: Ties) -> f64 {
    if !value.is_finite() {
        return value;
    }
    match round_double_fast(value, places, ties) {
        Some(rounded) => rounded,
        None => round_double_by_text(value, places, ties),
    }
}

/// A finite double rounded through the decimal digits of its shortest text.
fn round_double_by_text(value: f64, places: i32, ties: Ties) -> f64 {
    // `{:e}` is the shortest text that reads back as the same double: `1.005e0`.
    let text = format!("{:e}", value.abs());
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return value;
    };
    let Ok(exponent) = exponent.parse::<i64>() else {
        return value;
    };
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|digit| digit - b'0').collect();
    // digits[0] is the 10^exponent digit; keep those down to 10^-places.
    let keep = exponent + 1 + i64::from(places);
    let length = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    if keep >= length {
        return value;
    }
    if keep < 0 {
        // Every digit is dropped: 0, or one unit of 10^-places away from it.
        let up = rounds_up(false, 0, true, ties, value < 0.0);
        let unit: f64 = format!("{}1e{}", if value < 0.0 { "-" } else { "" }, -i64::from(places)).parse().unwrap_or(0.0);
        return if up { unit } else { 0.0 };
    }
    let keep = usize::try_from(keep).unwrap_or(0);
    let (kept, dropped) = digits.split_at(keep);
    let last_kept_odd = kept.last().is_some_and(|digit| digit % 2 == 1);
    let rest_nonzero = dropped[1..].iter().any(|digit| *digit != 0);
    let up = rounds_up(last_kept_odd, dropped[0], rest_nonzero, ties, value < 0.0);
    let mut number: String = kept.iter().map(|digit| char::from(b'0' + digit)).collect();
    if number.is_empty() {
        number.push('0');
    }
    if up {
        number = increment(&number);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let rounded: f64 = format!("{sign}{number}e{}", -i64::from(places)).parse().unwrap_or(value);
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A string of decimal digits plus one.
fn increment(number: &str) -> String {
    let mut digits: Vec<u8> = number.bytes().collect();
    for digit in digits.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            return String::from_utf8(digits).unwrap_or_default();
        }
    }
    let mut result = String::from("1");
    result.push_str(&String::from_utf8(digits).unwrap_or_default());
    result
}

/// An integer rounded at 10^-places (only negative places change it), in 128
/// bits; the caller narrows it (an overflow is Spark's ANSI error; legacy
/// mode's wrapping is not reproduced).
fn round_integer(value: i64, places: i32, ties: Ties) -> i128 {
    if places >= 0 {
        return i128::from(value);
    }
    if places < -38 {
        return 0;
    }
    let unit = 10_i128.pow(places.unsigned_abs());
    round_unscaled(i128::from(value), unit, ties) * unit
}

/// `value / unit` rounded to an integer with `ties`; `unit > 0`.
fn round_unscaled(value: i128, unit: i128, ties: Ties) -> i128 {
    let quotient = value / unit;
    let remainder = (value % unit).abs();
    let twice = remainder * 2;
    let up = match ties {
        Ties::HalfUp => twice >= unit,
        Ties::HalfEven => twice > unit || (twice == unit && quotient % 2 != 0),
        Ties::Ceiling => remainder != 0 && value > 0,
        Ties::Floor => remainder != 0 && value < 0,
    };
    if !up {
        quotient
    } else if value < 0 {
        quotient - 1
    } else {
        quotient + 1
    }
}

/// A decimal rounded to `places` and given the result's scale; `None` when it
/// does not fit the result's precision.
fn round_decimal(value: i128, scale: i8, places: i32, ties: Ties, precision: u8, result_scale: i8) -> Option<i128> {
    let scale = i32::from(scale);
    let rounded = if places >= scale {
        value.checked_mul(10_i128.checked_pow(u32::try_from(i32::from(result_scale) - scale).ok()?)?)?
    } else {
        let drop = u32::try_from(scale - places).ok()?;
        let unit = 10_i128.checked_pow(drop)?;
        let quotient = round_unscaled(value, unit, ties);
        // Negative places: back to scale 0 (`quotient` counts units of 10^-places).
        if places < 0 { quotient.checked_mul(10_i128.checked_pow(places.unsigned_abs())?)? } else { quotient }
    };
    let limit = 10_i128.checked_pow(u32::from(precision))?;
    (rounded.abs() < limit).then_some(rounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_round_through_their_decimal_text() {
        assert_eq!(round_double(1.005, 2, Ties::HalfUp), 1.01);
        assert_eq!(round_double(2.5, 0, Ties::HalfUp), 3.0);
        assert_eq!(round_double(-2.5, 0, Ties::HalfUp), -3.0);
        assert_eq!(round_double(2.5, 0, Ties::HalfEven), 2.0);
        assert_eq!(round_double(-0.5, 0, Ties::HalfEven), 0.0);
        assert_eq!(round_double(125.0, -1, Ties::HalfUp), 130.0);
        assert_eq!(round_double(999.5, 0, Ties::HalfUp), 1000.0);
        assert_eq!(round_double(0.001, 1, Ties::HalfUp), 0.0);
        assert!(round_double(f64::NAN, 1, Ties::HalfUp).is_nan());
    }

    /// The float shortcut agrees with the decimal text's way on many values.
    #[test]
    fn the_fast_path_agrees_with_the_decimal_text() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let magnitude = f64::from(u32::try_from(state % 1_000_000).unwrap_or(0)) / 1000.0;
            let value = if state & 1 == 1 { -magnitude } else { magnitude } * f64::from(u32::try_from((state >> 20) % 7).unwrap_or(0) + 1) / 3.0;
            for places in 0..6 {
                for ties in [Ties::HalfUp, Ties::HalfEven] {
                    if let Some(fast) = round_double_fast(value, places, ties) {
                        let by_text = round_double_by_text(value, places, ties);
                        assert_eq!(fast.to_bits(), by_text.to_bits(), "{value} at {places} places");
                    }
                }
            }
        }
    }

    #[test]
    fn integers_and_decimals() {
        assert_eq!(round_integer(15, -1, Ties::HalfUp), 20);
        assert_eq!(round_integer(25, -1, Ties::HalfEven), 20);
        assert_eq!(round_integer(-15, -1, Ties::HalfUp), -20);
        // 3.2500 to 2 places at decimal(7, 2)
        assert_eq!(round_decimal(32_500, 4, 2, Ties::HalfUp, 7, 2), Some(325));
        // 3.2550 to 2 places, even tie
        assert_eq!(round_decimal(32_550, 4, 2, Ties::HalfEven, 7, 2), Some(326));
        assert_eq!(round_decimal(1_550, 2, -1, Ties::HalfUp, 3, 0), Some(20));
        assert_eq!(decimal_result(5, 2, 1), (5, 1));
        assert_eq!(decimal_result(10, 4, -1), (7, 0));
        // ceil(-0.1, 1) and floor(2.1267, 2) as decimal(30, 15)
        assert_eq!(round_decimal(-100_000_000_000_000, 15, 1, Ties::Ceiling, 17, 1), Some(-1));
        assert_eq!(round_decimal(2_126_700_000_000_000, 15, 2, Ties::Floor, 18, 2), Some(212));
        assert_eq!(round_decimal(2_126_700_000_000_000, 15, 2, Ties::Ceiling, 18, 2), Some(213));
    }
}
