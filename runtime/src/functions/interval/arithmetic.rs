// SPDX-License-Identifier: Apache-2.0
//! Spark's `try_` arithmetic on intervals: null where Spark's exact
//! arithmetic overflows or divides by zero.
//!
//! - `interval_add` / `interval_subtract`: two intervals of one type, or a
//!   date and a year-month interval (`Int32` months; Arrow's kernels: a month added to the
//!   31st gives the month's last day, as Spark's `add_months`);
//! - `interval_multiply` / `interval_divide`: an interval and a `BIGINT` or
//!   `DOUBLE`. Day-time and year-month intervals are multiplied exactly by
//!   integers; by doubles, and in divisions, rounded half away from zero
//!   (Spark's `HALF_UP`). Calendar intervals take Spark's `fromDoubles`: the
//!   months and days times the number, truncated, the days' fraction carried
//!   into the microseconds, which are rounded (Java's `Math.round`); the
//!   months' fraction is dropped.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, DurationMicrosecondArray, IntervalMonthDayNanoArray,
    IntervalYearMonthArray, Int32Array, new_null_array,
};
use arrow::compute::kernels::numeric::{add, sub};
use arrow::datatypes::{
    DataType, DurationMicrosecondType, Float64Type, Int64Type, IntervalMonthDayNano,
    IntervalMonthDayNanoType, IntervalUnit, Int32Type, TimeUnit,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
pub(crate) enum Operation {
    Add,
    Subtract,
    Multiply,
    Divide,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct IntervalArithmetic {
    name: &'static str,
    operation: Operation,
    signature: Signature,
}

impl IntervalArithmetic {
    pub(crate) fn udf(name: &'static str, operation: Operation) -> ScalarUDF {
        ScalarUDF::new_from_impl(IntervalArithmetic {
            name,
            operation,
            signature: Signature::any(2, Volatility::Immutable),
        })
    }
}

const MICROS_PER_DAY: f64 = 86_400_000_000.0;

/// Guava's `roundToLong(value, HALF_UP)`: half away from zero, `None` outside 64 bits.
fn round_half_up(value: f64) -> Option<i64> {
    let rounded = value.round();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked against the range of i64 first"
    )]
    ((-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&rounded))
        .then_some(rounded as i64)
}

/// Guava's `LongMath.divide(dividend, divisor, HALF_UP)`.
fn divide_half_up(dividend: i64, divisor: i64) -> Option<i64> {
    let quotient = dividend.checked_div(divisor)?;
    let remainder = dividend.checked_rem(divisor)?;
    if remainder == 0 {
        return Some(quotient);
    }
    let twice = i128::from(remainder).abs() * 2;
    if twice >= i128::from(divisor).abs() {
        let away = if (dividend < 0) == (divisor < 0) {
            1
        } else {
            -1
        };
        quotient.checked_add(away)
    } else {
        Some(quotient)
    }
}

/// An `i64` amount times or over a multiplier, as Spark's `Multiply/DivideDTInterval` (and
/// `YMInterval`, whose result must also fit 32 bits: the caller checks).
fn scale(amount: i64, multiplier: Multiplier, operation: Operation) -> Option<i64> {
    match (multiplier, operation) {
        (Multiplier::Integer(number), Operation::Multiply) => amount.checked_mul(number),
        (Multiplier::Integer(number), _) => divide_half_up(amount, number),
        #[expect(
            clippy::cast_precision_loss,
            reason = "Spark multiplies as doubles too"
        )]
        (Multiplier::Double(number), Operation::Multiply) => round_half_up(amount as f64 * number),
        #[expect(clippy::cast_precision_loss, reason = "Spark divides as doubles too")]
        (Multiplier::Double(number), _) => (number != 0.0)
            .then(|| round_half_up(amount as f64 / number))
            .flatten(),
    }
}

/// Java's `Math.toIntExact((long) value)` of a double.
fn truncate_to_int(value: f64) -> Option<i32> {
    let truncated = value.trunc();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked against the range of i32 first"
    )]
    ((f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&truncated)).then_some(truncated as i32)
}

/// Spark's `IntervalUtils.fromDoubles` of a calendar interval times `number`
/// (microseconds, as Spark counts them).
fn scale_calendar(months: i32, days: i32, micros: i64, number: f64) -> Option<(i32, i32, i64)> {
    let months = truncate_to_int(f64::from(months) * number)?;
    let days_with_fraction = f64::from(days) * number;
    let whole_days = truncate_to_int(days_with_fraction)?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "Spark computes the microseconds as a double"
    )]
    let micros =
        micros as f64 * number + MICROS_PER_DAY * (days_with_fraction - f64::from(whole_days));
    // Java's Math.round: floor(x + 0.5), saturating.
    let rounded = (micros + 0.5).floor();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "saturates as Java's Math.round does"
    )]
    let micros = rounded as i64;
    Some((months, whole_days, micros))
}

#[derive(Clone, Copy)]
enum Multiplier {
    Integer(i64),
    Double(f64),
}

fn multiplier(array: &ArrayRef, row: usize) -> Result<Option<Multiplier>> {
    if array.is_null(row) {
        return Ok(None);
    }
    if let Some(numbers) = array.as_primitive_opt::<Int64Type>() {
        return Ok(Some(Multiplier::Integer(numbers.value(row))));
    }
    if let Some(numbers) = array.as_primitive_opt::<Float64Type>() {
        return Ok(Some(Multiplier::Double(numbers.value(row))));
    }
    exec_err!(
        "an interval's multiplier must be BIGINT or DOUBLE, got {}",
        array.data_type()
    )
}

fn as_double(multiplier: Multiplier) -> f64 {
    match multiplier {
        #[expect(
            clippy::cast_precision_loss,
            reason = "Spark casts the number to a double for calendar intervals"
        )]
        Multiplier::Integer(number) => number as f64,
        Multiplier::Double(number) => number,
    }
}

fn scale_array(
    interval: &ArrayRef,
    multipliers: &ArrayRef,
    operation: Operation,
) -> Result<ArrayRef> {
    let rows = interval.len();
    let number = |row: usize| -> Result<Option<Multiplier>> {
        if interval.is_null(row) {
            Ok(None)
        } else {
            multiplier(multipliers, row)
        }
    };
    Ok(match interval.data_type() {
        DataType::Duration(TimeUnit::Microsecond) => {
            let micros = interval.as_primitive::<DurationMicrosecondType>();
            let values = (0..rows)
                .map(|row| {
                    Ok(number(row)?.and_then(|number| scale(micros.value(row), number, operation)))
                })
                .collect::<Result<Vec<_>>>()?;
            Arc::new(DurationMicrosecondArray::from(values))
        }
        DataType::Int32 => {
            let months = interval.as_primitive::<Int32Type>();
            let values = (0..rows)
                .map(|row| {
                    Ok(number(row)?
                        .and_then(|number| scale(i64::from(months.value(row)), number, operation))
                        .and_then(|months| i32::try_from(months).ok()))
                })
                .collect::<Result<Vec<_>>>()?;
            Arc::new(Int32Array::from(values))
        }
        DataType::Interval(IntervalUnit::MonthDayNano) => {
            let intervals = interval.as_primitive::<IntervalMonthDayNanoType>();
            let values = (0..rows)
                .map(|row| {
                    let Some(number) = number(row)? else {
                        return Ok(None);
                    };
                    let number = as_double(number);
                    let value = intervals.value(row);
                    let scaled = match operation {
                        Operation::Multiply => scale_calendar(
                            value.months,
                            value.days,
                            value.nanoseconds / 1000,
                            number,
                        ),
                        _ if number == 0.0 => None,
                        _ => divide_calendar(
                            value.months,
                            value.days,
                            value.nanoseconds / 1000,
                            number,
                        ),
                    };
                    Ok(scaled.and_then(|(months, days, micros)| {
                        Some(IntervalMonthDayNano::new(
                            months,
                            days,
                            micros.checked_mul(1000)?,
                        ))
                    }))
                })
                .collect::<Result<Vec<_>>>()?;
            Arc::new(IntervalMonthDayNanoArray::from(values))
        }
        other => return exec_err!("no interval arithmetic on {other}"),
    })
}

/// Spark's `divideExact`: `fromDoubles(months / number, days / number, micros / number)`.
fn divide_calendar(months: i32, days: i32, micros: i64, number: f64) -> Option<(i32, i32, i64)> {
    let months = truncate_to_int(f64::from(months) / number)?;
    let days_with_fraction = f64::from(days) / number;
    let whole_days = truncate_to_int(days_with_fraction)?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "Spark computes the microseconds as a double"
    )]
    let micros =
        micros as f64 / number + MICROS_PER_DAY * (days_with_fraction - f64::from(whole_days));
    #[expect(
        clippy::cast_possible_truncation,
        reason = "saturates as Java's Math.round does"
    )]
    let micros = (micros + 0.5).floor() as i64;
    Some((months, whole_days, micros))
}

/// `left ± right` with Arrow's checked kernels; where they fail, row by row, null for the rows that do.
fn add_or_subtract(left: &ArrayRef, right: &ArrayRef, operation: Operation) -> Result<ArrayRef> {
    // Months added to a date: Arrow's year-month interval, of the same layout.
    let right = match (left.data_type(), right.as_primitive_opt::<Int32Type>()) {
        (DataType::Date32, Some(months)) => Arc::new(IntervalYearMonthArray::new(months.values().clone(), months.nulls().cloned())),
        _ => Arc::clone(right),
    };
    let right = &right;
    let kernel = |left: &ArrayRef, right: &ArrayRef| match operation {
        Operation::Add => add(left, right),
        _ => sub(left, right),
    };
    if let Ok(result) = kernel(left, right) {
        return Ok(result);
    }
    let mut pieces = Vec::with_capacity(left.len());
    for row in 0..left.len() {
        let result = kernel(&left.slice(row, 1), &right.slice(row, 1));
        pieces.push(match result {
            Ok(value) => value,
            Err(_) => new_null_array(left.data_type(), 1),
        });
    }
    let pieces: Vec<&dyn Array> = pieces.iter().map(AsRef::as_ref).collect();
    Ok(arrow::compute::concat(&pieces)?)
}

impl ScalarUDFImpl for IntervalArithmetic {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types {
            [left, _] => Ok(left.clone()),
            _ => exec_err!("{} takes two arguments", self.name),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalar = args
            .args
            .iter()
            .all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let rows = if all_scalar { 1 } else { args.number_rows };
        let [left, right] = args.args.as_slice() else {
            return exec_err!("{} takes two arguments", self.name);
        };
        let (left, right) = (left.to_array(rows)?, right.to_array(rows)?);
        let result = match self.operation {
            Operation::Add | Operation::Subtract => add_or_subtract(&left, &right, self.operation)?,
            Operation::Multiply | Operation::Divide => scale_array(&left, &right, self.operation)?,
        };
        if all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &result, 0,
            )?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisions_round_half_away_from_zero() {
        assert_eq!(divide_half_up(7, 2), Some(4));
        assert_eq!(divide_half_up(-7, 2), Some(-4));
        assert_eq!(divide_half_up(13, 3), Some(4));
        assert_eq!(divide_half_up(1, 0), None);
        assert_eq!(divide_half_up(i64::MIN, -1), None);
    }

    #[test]
    fn calendar_intervals_drop_the_months_fraction() {
        // 1 year 1 month 8 days 01:01:01 times 1.5 and over 3, as Spark shows them.
        assert_eq!(
            scale_calendar(13, 8, 3_661_000_000, 1.5),
            Some((19, 12, 5_491_500_000))
        );
        assert_eq!(
            divide_calendar(13, 8, 3_661_000_000, 3.0),
            Some((4, 2, 58_820_333_333))
        );
        assert_eq!(scale_calendar(12, 0, 0, 2_147_483_647.0), None);
    }
}
