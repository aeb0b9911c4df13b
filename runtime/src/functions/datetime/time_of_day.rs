// SPDX-License-Identifier: Apache-2.0
//! Spark's `TIME` (a time of day, Arrow `Time64(µs)`): `make_time`,
//! `to_time`/`try_to_time`, `time_diff`, `time_trunc`,
//! `time_from_seconds/millis/micros`, `time_to_seconds/millis/micros`, and
//! `make_timestamp(date, time[, zone])`. Errors are Spark's: a field out of
//! range is `DATETIME_FIELD_OUT_OF_BOUNDS`, a unit it does not know
//! `INVALID_PARAMETER_VALUE.TIME_UNIT`, text that is no time `CANNOT_PARSE_TIME`.

use std::sync::Arc;

use arrow::array::timezone::Tz;
use arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Int64Array, Time64MicrosecondArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Date32Type, Decimal128Type, Float64Type, Int32Type, Int64Type, Time64MicrosecondType, TimeUnit};
use chrono::format::{Parsed, StrftimeItems, parse};
use chrono::NaiveTime;
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::errors::{field_out_of_bounds, zone_argument};
use super::format::OnError;
use super::spark_pattern;
use super::zone::{date_of, instant_of, micros_of_naive, session_zone};
use crate::error::Error;

pub(crate) const MICROS_PER_DAY: i64 = 86_400_000_000;

fn spark_error(condition: &'static str, parameters: Vec<(&'static str, String)>, message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(condition, parameters, message)))
}

fn invalid_time_unit(function: &str, unit: &str) -> DataFusionError {
    spark_error(
        "INVALID_PARAMETER_VALUE.TIME_UNIT",
        vec![("parameter", "`unit`".to_string()), ("functionName", format!("`{function}`")), ("invalidValue", format!("'{unit}'"))],
        format!("[INVALID_PARAMETER_VALUE.TIME_UNIT] The value of parameter(s) `unit` in `{function}` is invalid."),
    )
}

fn out_of_day(micros: i128) -> DataFusionError {
    field_out_of_bounds(format!(
        "Invalid TIME value: must be between 00:00:00 and 23:59:59.999999999, but got {} nanoseconds",
        micros.saturating_mul(1_000)
    ))
}

/// Microseconds of a unit of `time_diff` and `time_trunc`.
fn unit_micros(function: &str, unit: &str) -> Result<i64> {
    Ok(match unit.to_ascii_uppercase().as_str() {
        "HOUR" => 3_600_000_000,
        "MINUTE" => 60_000_000,
        "SECOND" => 1_000_000,
        "MILLISECOND" => 1_000,
        "MICROSECOND" => 1,
        _ => return Err(invalid_time_unit(function, unit)),
    })
}

/// Spark's reading of a time without a pattern: `[h]h:[m]m[:[s]s[.fraction]]`, trimmed.
pub(crate) fn parse_spark_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let mut fields = clock.split(':');
    let number = |field: Option<&str>| -> Option<i64> {
        let field = field?;
        if field.is_empty() || field.len() > 2 || !field.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        field.parse().ok()
    };
    let hour = number(fields.next())?;
    let minute = number(fields.next())?;
    let second = match fields.next() {
        Some(second) => number(Some(second))?,
        None if fraction.is_none() => 0,
        None => return None,
    };
    if fields.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let micros = match fraction {
        None => 0,
        Some(digits) if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|byte| byte.is_ascii_digit()) => {
            format!("{digits:0<6}")[..6].parse::<i64>().ok()?
        }
        Some(_) => return None,
    };
    Some(((hour * 60 + minute) * 60 + second) * 1_000_000 + micros)
}

/// A time written as Spark writes it: `HH:mm:ss` and the fraction without trailing zeros.
pub(crate) fn spark_time_string(micros: i64) -> String {
    let seconds = micros.div_euclid(1_000_000);
    let fraction = micros.rem_euclid(1_000_000);
    let mut text = format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    if fraction != 0 {
        text.push('.');
        text.push_str(format!("{fraction:06}").trim_end_matches('0'));
    }
    text
}

fn time_with_pattern(text: &str, pattern: &str) -> Result<Option<i64>> {
    let format = spark_pattern::to_chrono(pattern)
        .ok_or_else(|| DataFusionError::External(Box::new(Error::Unsupported(format!("the datetime pattern '{pattern}' for TIME")))))?;
    let items = StrftimeItems::new(&format)
        .parse_to_owned()
        .map_err(|_| DataFusionError::External(Box::new(Error::Unsupported(format!("the datetime pattern '{pattern}' for TIME")))))?;
    let mut parsed = Parsed::new();
    if parse(&mut parsed, text, items.iter()).is_err() {
        return Ok(None);
    }
    if parsed.hour_div_12().is_none() {
        let _ = parsed.set_ampm(false);
    }
    if parsed.hour_mod_12().is_none() {
        let _ = parsed.set_hour12(12);
    }
    if parsed.minute().is_none() {
        let _ = parsed.set_minute(0);
    }
    Ok(parsed.to_naive_time().ok().map(micros_of_time))
}

fn micros_of_time(time: NaiveTime) -> i64 {
    (time - NaiveTime::MIN).num_microseconds().unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Operation {
    /// `make_time(hour, minute, seconds)`.
    Make,
    /// `to_time(string[, pattern])` (`OnError::Null`: `try_to_time`).
    Parse(OnError),
    /// `time_diff(unit, start, end)`.
    Diff,
    /// `time_trunc(unit, time)`.
    Trunc,
    /// `time_from_seconds/millis/micros(count)`: microseconds per unit.
    FromCount(i64),
    /// `time_to_seconds(time)`: a `DECIMAL(14, 6)`.
    ToSeconds,
    /// `time_to_millis/micros(time)`: microseconds per unit.
    ToCount(i64),
    /// `make_timestamp(date, time[, zone])`: with a zone (the session's if not given) or without.
    DateTime { zoned: bool },
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct TimeFunction {
    name: &'static str,
    operation: Operation,
    signature: Signature,
}

impl TimeFunction {
    pub(crate) fn udf(name: &'static str, operation: Operation) -> ScalarUDF {
        ScalarUDF::new_from_impl(TimeFunction { name, operation, signature: Signature::variadic_any(Volatility::Stable) })
    }
}

fn time_array(values: Vec<Option<i64>>) -> ArrayRef {
    Arc::new(Time64MicrosecondArray::from(values))
}

impl ScalarUDFImpl for TimeFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.operation {
            Operation::Make | Operation::Parse(_) | Operation::Trunc | Operation::FromCount(_) => DataType::Time64(TimeUnit::Microsecond),
            Operation::Diff | Operation::ToCount(_) => DataType::Int64,
            Operation::ToSeconds => DataType::Decimal128(14, 6),
            Operation::DateTime { zoned } => DataType::Timestamp(TimeUnit::Microsecond, zoned.then(|| "UTC".into())),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let arrays = args.args.iter().map(|value| value.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let time = DataType::Time64(TimeUnit::Microsecond);
        let out: ArrayRef = match (self.operation, arrays.as_slice()) {
            (Operation::Make, [hours, minutes, seconds]) => {
                let hours = cast(hours, &DataType::Int32)?;
                let minutes = cast(minutes, &DataType::Int32)?;
                let seconds = cast(seconds, &DataType::Decimal128(16, 6))?;
                let (hours, minutes) = (hours.as_primitive::<Int32Type>(), minutes.as_primitive::<Int32Type>());
                let seconds = seconds.as_primitive::<Decimal128Type>();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if hours.is_null(row) || minutes.is_null(row) || seconds.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let (hour, minute) = (hours.value(row), minutes.value(row));
                    let total = seconds.value(row);
                    let whole = total.div_euclid(1_000_000);
                    let fraction = i64::try_from(total.rem_euclid(1_000_000)).unwrap_or_default();
                    if !(0..=23).contains(&hour) {
                        return Err(field_out_of_bounds(format!("Invalid value for HourOfDay (valid values 0 - 23): {hour}")));
                    }
                    if !(0..=59).contains(&minute) {
                        return Err(field_out_of_bounds(format!("Invalid value for MinuteOfHour (valid values 0 - 59): {minute}")));
                    }
                    if !(0..=59).contains(&whole) {
                        return Err(field_out_of_bounds(format!("Invalid value for SecondOfMinute (valid values 0 - 59): {whole}")));
                    }
                    let whole = i64::try_from(whole).unwrap_or_default();
                    out.push(Some((i64::from(hour) * 60 + i64::from(minute)) * 60_000_000 + whole * 1_000_000 + fraction));
                }
                time_array(out)
            }
            (Operation::Parse(on_error), [strings, rest @ ..]) => {
                let strings = cast(strings, &DataType::Utf8)?;
                let strings = strings.as_string::<i32>();
                let patterns = match rest.first() {
                    Some(patterns) => Some(cast(patterns, &DataType::Utf8)?),
                    None => None,
                };
                let patterns = patterns.as_ref().map(|patterns| patterns.as_string::<i32>());
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if strings.is_null(row) || patterns.is_some_and(|patterns| patterns.is_null(row)) {
                        out.push(None);
                        continue;
                    }
                    let text = strings.value(row);
                    let (micros, format) = match patterns {
                        Some(patterns) => (time_with_pattern(text, patterns.value(row))?, patterns.value(row)),
                        None => (parse_spark_time(text), "HH:mm:ss.SSSSSS"),
                    };
                    match (micros, on_error) {
                        (Some(micros), _) => out.push(Some(micros)),
                        (None, OnError::Null) => out.push(None),
                        (None, OnError::Fail) => {
                            return Err(spark_error(
                                "CANNOT_PARSE_TIME",
                                vec![("input", format!("'{text}'")), ("format", format!("'{format}'"))],
                                format!("[CANNOT_PARSE_TIME] The input string '{text}' cannot be parsed to a TIME value."),
                            ));
                        }
                    }
                }
                time_array(out)
            }
            (Operation::Diff | Operation::Trunc, [units, times @ ..]) => {
                let units = cast(units, &DataType::Utf8)?;
                let units = units.as_string::<i32>();
                let times = times.iter().map(|times| cast(times, &time)).collect::<std::result::Result<Vec<_>, _>>()?;
                let times: Vec<_> = times.iter().map(|times| times.as_primitive::<Time64MicrosecondType>()).collect();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if units.is_null(row) || times.iter().any(|times| times.is_null(row)) {
                        out.push(None);
                        continue;
                    }
                    let length = unit_micros(self.name, units.value(row))?;
                    out.push(Some(match times.as_slice() {
                        [start, end] => (end.value(row) - start.value(row)) / length,
                        [value] => value.value(row) - value.value(row).rem_euclid(length),
                        _ => return exec_err!("{}: wrong number of arguments", self.name),
                    }));
                }
                if self.operation == Operation::Diff { Arc::new(Int64Array::from(out)) } else { time_array(out) }
            }
            (Operation::FromCount(scale), [counts]) => {
                let mut out = Vec::with_capacity(rows);
                let micros: Vec<Option<i128>> = match counts.data_type() {
                    DataType::Decimal128(_, scale_digits) => {
                        let digits = u32::try_from(*scale_digits).unwrap_or(0);
                        let values = counts.as_primitive::<Decimal128Type>();
                        values
                            .iter()
                            .map(|value| {
                                value.map(|value| {
                                    let scaled = value.saturating_mul(i128::from(scale));
                                    let divisor = 10_i128.pow(digits);
                                    scaled / divisor
                                })
                            })
                            .collect()
                    }
                    DataType::Float32 | DataType::Float64 => {
                        let values = cast(counts, &DataType::Float64)?;
                        #[expect(clippy::cast_precision_loss, reason = "the scale is at most a million")]
                        let factor = scale as f64;
                        #[expect(clippy::cast_possible_truncation, reason = "out-of-range values are refused below")]
                        let to_micros = |value: f64| if value.is_finite() { (value * factor).round() as i128 } else { i128::MIN };
                        values.as_primitive::<Float64Type>().iter().map(|value| value.map(to_micros)).collect()
                    }
                    _ => {
                        let values = cast(counts, &DataType::Int64)?;
                        values.as_primitive::<Int64Type>().iter().map(|value| value.map(|value| i128::from(value) * i128::from(scale))).collect()
                    }
                };
                for value in micros {
                    match value {
                        None => out.push(None),
                        Some(value) if (0..i128::from(MICROS_PER_DAY)).contains(&value) => out.push(i64::try_from(value).ok()),
                        Some(value) => return Err(out_of_day(value)),
                    }
                }
                time_array(out)
            }
            (Operation::ToSeconds, [times]) => {
                let times = cast(times, &time)?;
                let out: Decimal128Array = times.as_primitive::<Time64MicrosecondType>().iter().map(|value| value.map(i128::from)).collect();
                Arc::new(out.with_precision_and_scale(14, 6)?)
            }
            (Operation::ToCount(scale), [times]) => {
                let times = cast(times, &time)?;
                let out: Int64Array = times.as_primitive::<Time64MicrosecondType>().iter().map(|value| value.map(|value| value / scale)).collect();
                Arc::new(out)
            }
            (Operation::DateTime { zoned }, [dates, times, rest @ ..]) => {
                let dates = cast(dates, &DataType::Date32)?;
                let dates = dates.as_primitive::<Date32Type>();
                let times = cast(times, &time)?;
                let times = times.as_primitive::<Time64MicrosecondType>();
                let zones = match rest.first() {
                    Some(zones) => Some(cast(zones, &DataType::Utf8)?),
                    None => None,
                };
                let zones = zones.as_ref().map(|zones| zones.as_string::<i32>());
                let session: Tz = session_zone(&args.config_options)?;
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if dates.is_null(row) || times.is_null(row) || zones.is_some_and(|zones| zones.is_null(row)) {
                        out.push(None);
                        continue;
                    }
                    let local = date_of(dates.value(row)).and_then(|date| date.and_hms_opt(0, 0, 0)).and_then(|midnight| {
                        midnight.checked_add_signed(chrono::Duration::microseconds(times.value(row)))
                    });
                    let Some(local) = local else {
                        out.push(None);
                        continue;
                    };
                    out.push(if zoned {
                        let zone = match zones {
                            Some(zones) => zone_argument(zones.value(row))?,
                            None => session,
                        };
                        instant_of(local, &zone)
                    } else {
                        Some(micros_of_naive(local))
                    });
                }
                let array = TimestampMicrosecondArray::from(out);
                Arc::new(if zoned { array.with_timezone("UTC") } else { array })
            }
            _ => return exec_err!("{}: wrong arguments", self.name),
        };
        if all_scalar && out.len() == 1 {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?));
        }
        Ok(ColumnarValue::Array(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_times_as_spark() {
        assert_eq!(parse_spark_time("10:30:00"), Some(37_800_000_000));
        assert_eq!(parse_spark_time("1:2"), Some(3_720_000_000));
        assert_eq!(parse_spark_time(" 10:30 "), Some(37_800_000_000));
        assert_eq!(parse_spark_time("10:30:00.123456789"), Some(37_800_123_456));
        assert_eq!(parse_spark_time("25:00"), None);
        assert_eq!(parse_spark_time("10:30:00Z"), None);
        assert_eq!(parse_spark_time("malformed"), None);
        assert_eq!(spark_time_string(23_445_887_000), "06:30:45.887");
        assert_eq!(spark_time_string(0), "00:00:00");
    }

    #[test]
    fn reads_with_a_pattern() -> Result<()> {
        assert_eq!(time_with_pattern("10:30:00", "HH:mm:ss")?, Some(37_800_000_000));
        assert_eq!(time_with_pattern("1:2", "HH:mm:ss")?, None);
        Ok(())
    }
}
