// SPDX-License-Identifier: Apache-2.0
//! Spark's `try_avg` of a `decimal(p, s)`: `decimal(min(38, p + 4), min(38, s + 4))`,
//! NULL where Spark's `avg` would overflow. As Spark: the sum is kept exactly
//! and must fit `decimal(min(38, p + 10), s)` (a partial sum that does not is
//! NULL, and so is the result); it is divided by the count as decimal
//! division types it (scale `max(6, s + 21)`, cut to 38 digits keeping at
//! least 6 of scale), rounded half up, then cast to the result type, rounded
//! half up again; a quotient too large for either type is NULL.

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Field, FieldRef, Int64Type, i256};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

const MAX_PRECISION: u8 = 38;

fn ten_to(exponent: u8) -> i256 {
    i256::from_i128(10).wrapping_pow(u32::from(exponent))
}

/// `value` fits `precision` digits.
fn fits(value: i256, precision: u8) -> bool {
    value.wrapping_abs() < ten_to(precision)
}

/// `numerator / denominator` rounded half away from zero (`denominator > 0`).
fn divide_half_up(numerator: i256, denominator: i256) -> i256 {
    let quotient = numerator.wrapping_div(denominator);
    let remainder = numerator.wrapping_rem(denominator).wrapping_abs();
    if remainder.wrapping_mul(i256::from_i128(2)) >= denominator {
        quotient.wrapping_add(numerator.signum())
    } else {
        quotient
    }
}

/// The decimal type of Spark's `sum / count` over a sum of `decimal(precision, scale)`.
fn quotient_type(precision: u8, scale: u8) -> (u8, u8) {
    // The count is a decimal(20, 0).
    let quotient_scale = scale.saturating_add(21).max(6);
    let quotient_precision = u16::from(precision - scale) + u16::from(quotient_scale);
    if quotient_precision <= u16::from(MAX_PRECISION) {
        #[expect(clippy::cast_possible_truncation, reason = "at most 38")]
        return (quotient_precision as u8, quotient_scale);
    }
    let integral = precision - scale;
    (MAX_PRECISION, MAX_PRECISION.saturating_sub(integral).max(quotient_scale.min(6)))
}

/// Spark's `try_avg` of decimals.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct TryAverage {
    signature: Signature,
}

impl TryAverage {
    pub(crate) fn new() -> Self {
        TryAverage { signature: Signature::any(1, Volatility::Immutable) }
    }
}

fn decimal_of(data_type: &DataType) -> Result<(u8, u8)> {
    match data_type {
        DataType::Decimal128(precision, scale) if *scale >= 0 => Ok((*precision, scale.unsigned_abs())),
        other => exec_err!("try_avg here takes a decimal, not {other}"),
    }
}

#[expect(clippy::cast_possible_wrap, reason = "scales are at most 38")]
fn decimal_type(precision: u8, scale: u8) -> DataType {
    DataType::Decimal128(precision, scale as i8)
}

impl AggregateUDFImpl for TryAverage {
    fn name(&self) -> &str {
        "try_avg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let Some(argument) = argument_types.first() else {
            return exec_err!("try_avg takes a value");
        };
        let (precision, scale) = decimal_of(argument)?;
        Ok(decimal_type((precision + 4).min(MAX_PRECISION), (scale + 4).min(MAX_PRECISION)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let Some(argument) = args.input_fields.first() else {
            return exec_err!("try_avg takes a value");
        };
        let (_, scale) = decimal_of(argument.data_type())?;
        Ok(vec![
            Field::new(format_state_name(args.name, "sum"), decimal_type(MAX_PRECISION, scale), true).into(),
            Field::new(format_state_name(args.name, "count"), DataType::Int64, true).into(),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(argument) = args.expr_fields.first() else {
            return exec_err!("try_avg takes a value");
        };
        let (precision, scale) = decimal_of(argument.data_type())?;
        Ok(Box::new(DecimalAverage {
            sum_precision: (precision + 10).min(MAX_PRECISION),
            scale,
            result_precision: (precision + 4).min(MAX_PRECISION),
            result_scale: (scale + 4).min(MAX_PRECISION),
            sum: i256::ZERO,
            count: 0,
            overflowed: false,
        }))
    }
}

#[derive(Debug)]
struct DecimalAverage {
    sum_precision: u8,
    scale: u8,
    result_precision: u8,
    result_scale: u8,
    sum: i256,
    count: i64,
    overflowed: bool,
}

impl DecimalAverage {
    /// The sum if it fits Spark's sum type.
    fn checked_sum(&self) -> Option<i256> {
        (!self.overflowed && fits(self.sum, self.sum_precision)).then_some(self.sum)
    }

    fn average(&self) -> Option<i128> {
        if self.count == 0 {
            return None;
        }
        let sum = self.checked_sum()?;
        let (quotient_precision, quotient_scale) = quotient_type(self.sum_precision, self.scale);
        let numerator = sum.wrapping_mul(ten_to(quotient_scale - self.scale));
        let quotient = divide_half_up(numerator, i256::from_i128(i128::from(self.count)));
        if !fits(quotient, quotient_precision) {
            return None;
        }
        let result = if self.result_scale >= quotient_scale {
            quotient.wrapping_mul(ten_to(self.result_scale - quotient_scale))
        } else {
            divide_half_up(quotient, ten_to(quotient_scale - self.result_scale))
        };
        if !fits(result, self.result_precision) {
            return None;
        }
        result.to_i128()
    }
}

impl Accumulator for DecimalAverage {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("try_avg without a value");
        };
        for value in column.as_primitive::<Decimal128Type>().iter().flatten() {
            self.sum = self.sum.wrapping_add(i256::from_i128(value));
            self.count += 1;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let (Some(sums), Some(counts)) = (states.first(), states.get(1)) else {
            return exec_err!("try_avg state without a sum and count");
        };
        let (sums, counts) = (sums.as_primitive::<Decimal128Type>(), counts.as_primitive::<Int64Type>());
        for (sum, count) in sums.iter().zip(counts.iter()) {
            let count = count.unwrap_or(0);
            match sum {
                Some(sum) => self.sum = self.sum.wrapping_add(i256::from_i128(sum)),
                // A partial sum that overflowed.
                None if count > 0 => self.overflowed = true,
                None => {}
            }
            self.count += count;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let sum = self.checked_sum().and_then(i256::to_i128);
        #[expect(clippy::cast_possible_wrap, reason = "scales are at most 38")]
        let scale = self.scale as i8;
        Ok(vec![ScalarValue::Decimal128(sum, MAX_PRECISION, scale), ScalarValue::Int64(Some(self.count))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        #[expect(clippy::cast_possible_wrap, reason = "scales are at most 38")]
        let scale = self.result_scale as i8;
        Ok(ScalarValue::Decimal128(self.average(), self.result_precision, scale))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn average(precision: u8, scale: u8, values: &[i128]) -> Option<i128> {
        let mut accumulator = DecimalAverage {
            sum_precision: (precision + 10).min(MAX_PRECISION),
            scale,
            result_precision: (precision + 4).min(MAX_PRECISION),
            result_scale: (scale + 4).min(MAX_PRECISION),
            sum: i256::ZERO,
            count: 0,
            overflowed: false,
        };
        for value in values {
            accumulator.sum = accumulator.sum.wrapping_add(i256::from_i128(*value));
            accumulator.count += 1;
        }
        accumulator.average()
    }

    #[test]
    fn averages_as_spark() {
        // decimal(10, 2): avg(1.50, 2.25) = 1.875000 as decimal(14, 6).
        assert_eq!(average(10, 2, &[150, 225]), Some(1_875_000));
        // decimal(38, 0): (38 ones + 0) / 2 does not fit decimal(38, 4).
        let ones: i128 = "1".repeat(38).parse().unwrap_or_default();
        assert_eq!(average(38, 0, &[ones, 0]), None);
        // decimal(38, 2) values whose sum passes 38 digits.
        let nines: i128 = "9".repeat(38).parse().unwrap_or_default();
        assert_eq!(average(38, 2, &[nines, nines]), None);
        assert_eq!(average(10, 2, &[]), None);
        // Rounded half away from zero: -1 / 3 * 10^-2 -> -0.003333 at scale 6; -2/3 -> -0.006667.
        assert_eq!(average(10, 2, &[-1, 0, 0]), Some(-3_333));
        assert_eq!(average(10, 2, &[-1, -1, 0]), Some(-6_667));
    }
}
