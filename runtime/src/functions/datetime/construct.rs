// SPDX-License-Identifier: Apache-2.0
//! `make_timestamp(year, month, day, hour, min, sec[, timezone])` and
//! `make_timestamp_ntz(...)`, with their `try_` forms, as Spark's
//! `MakeTimestamp`: the seconds are a `DECIMAL(16, 6)`; 60 seconds without a
//! fraction is the next minute; a field out of range is Java's
//! `DateTimeException` (`DATETIME_FIELD_OUT_OF_BOUNDS`, or null for the `try_`
//! forms and outside ANSI mode), a zone Spark cannot resolve is always an error.
//! The local date-time is taken in the zone given, else the session's.

use std::sync::Arc;

use arrow::array::timezone::Tz;
use arrow::array::{Array, ArrayRef, AsArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Decimal128Type, Int32Type, TimeUnit};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::errors::{field_out_of_bounds, invalid_fraction_of_second, zone_argument};
use super::format::OnError;
use super::zone::{instant_of, micros_of_naive, session_zone};
use crate::error::Error;

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct MakeTimestamp {
    name: &'static str,
    zoned: bool,
    on_error: OnError,
    signature: Signature,
}

impl MakeTimestamp {
    pub(crate) fn udf(name: &'static str, zoned: bool, on_error: OnError) -> ScalarUDF {
        ScalarUDF::new_from_impl(MakeTimestamp { name, zoned, on_error, signature: Signature::variadic_any(Volatility::Stable) })
    }
}

/// Why a date-time cannot be made.
#[derive(Debug, PartialEq)]
enum Invalid {
    /// Java's message of the field out of range.
    Field(String),
    /// Seconds of 60 with a fraction, as Spark writes them.
    Fraction(String),
    /// A year chrono cannot hold (beyond ±262142).
    Unsupported,
}

const MONTHS: [&str; 12] =
    ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

fn check(field: &str, low: i64, high: i64, value: i64) -> Result<(), Invalid> {
    if (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(Invalid::Field(format!("Invalid value for {field} (valid values {low} - {high}): {value}")))
    }
}

fn leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Java's `LocalDate.of(year, month, day)` with its checks and messages.
fn local_date(year: i32, month: i32, day: i32) -> Result<NaiveDate, Invalid> {
    check("Year", -999_999_999, 999_999_999, i64::from(year))?;
    check("MonthOfYear", 1, 12, i64::from(month))?;
    if !(1..=31).contains(&day) {
        return Err(Invalid::Field(format!("Invalid value for DayOfMonth (valid values 1 - 28/31): {day}")));
    }
    let length = match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > length {
        let name = MONTHS[usize::try_from(month - 1).unwrap_or(0)];
        return Err(Invalid::Field(if day == 29 {
            format!("Invalid date 'February 29' as '{year}' is not a leap year")
        } else {
            format!("Invalid date '{name} {day}'")
        }));
    }
    let (Ok(month), Ok(day)) = (u32::try_from(month), u32::try_from(day)) else {
        return Err(Invalid::Unsupported);
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Invalid::Unsupported)
}

/// Seconds of a `DECIMAL(16, 6)` as Spark writes them in its error: without trailing zeros.
fn seconds_text(unscaled: i128) -> String {
    let sign = if unscaled < 0 { "-" } else { "" };
    let magnitude = unscaled.unsigned_abs();
    let fraction = format!("{:06}", magnitude % 1_000_000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { format!("{sign}{}", magnitude / 1_000_000) } else { format!("{sign}{}.{fraction}", magnitude / 1_000_000) }
}

/// Spark's `MakeTimestamp.toMicros` up to the local date-time.
fn local_date_time(year: i32, month: i32, day: i32, hour: i32, minute: i32, seconds: i128) -> Result<NaiveDateTime, Invalid> {
    // Spark takes the unscaled value as an Int (wrapping), as its comment says 8 digits cannot overflow.
    #[expect(clippy::cast_possible_truncation, reason = "Spark's toUnscaledLong.toInt wraps the same way")]
    let total = (seconds as i64) as i32;
    let whole = total.div_euclid(1_000_000);
    let micros = total.rem_euclid(1_000_000);
    let date = local_date(year, month, day)?;
    check("HourOfDay", 0, 23, i64::from(hour))?;
    check("MinuteOfHour", 0, 59, i64::from(minute))?;
    let (Ok(hour), Ok(minute), Ok(micros)) = (u32::try_from(hour), u32::try_from(minute), u32::try_from(micros)) else {
        return Err(Invalid::Unsupported);
    };
    if whole == 60 {
        if micros != 0 {
            return Err(Invalid::Fraction(seconds_text(seconds)));
        }
        let start = date.and_hms_opt(hour, minute, 0).ok_or(Invalid::Unsupported)?;
        return start.checked_add_signed(Duration::minutes(1)).ok_or(Invalid::Unsupported);
    }
    check("SecondOfMinute", 0, 59, i64::from(whole))?;
    let whole = u32::try_from(whole).map_err(|_| Invalid::Unsupported)?;
    date.and_hms_micro_opt(hour, minute, whole, micros).ok_or(Invalid::Unsupported)
}

impl ScalarUDFImpl for MakeTimestamp {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Microsecond, self.zoned.then(|| "UTC".into())))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let count = args.args.len();
        if !(count == 6 || (self.zoned && count == 7)) {
            return exec_err!("{} takes 6 arguments (7 with a time zone), got {count}", self.name);
        }
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let rows = args.number_rows;
        let mut fields = Vec::with_capacity(5);
        for value in &args.args[..5] {
            fields.push(cast(&value.to_array(rows)?, &DataType::Int32)?);
        }
        let fields: Vec<_> = fields.iter().map(|array| array.as_primitive::<Int32Type>()).collect();
        let seconds = cast(&args.args[5].to_array(rows)?, &DataType::Decimal128(16, 6))?;
        let seconds = seconds.as_primitive::<Decimal128Type>();
        let zones = match args.args.get(6) {
            Some(zones) => Some(cast(&zones.to_array(rows)?, &DataType::Utf8)?),
            None => None,
        };
        let zones = zones.as_ref().map(|zones| zones.as_string::<i32>());
        let session = if self.zoned { Some(session_zone(&args.config_options)?) } else { None };
        let mut out = Vec::with_capacity(rows);
        let mut zone_cache: Option<(String, Tz)> = None;
        for row in 0..rows {
            if fields.iter().any(|field| field.is_null(row)) || seconds.is_null(row) || zones.is_some_and(|zones| zones.is_null(row)) {
                out.push(None);
                continue;
            }
            let zone = match (zones, &session) {
                (Some(zones), _) => {
                    let name = zones.value(row);
                    match &zone_cache {
                        Some((cached, zone)) if cached == name => Some(*zone),
                        _ => {
                            let zone = zone_argument(name)?;
                            zone_cache = Some((name.to_string(), zone));
                            Some(zone)
                        }
                    }
                }
                (None, Some(session)) => Some(*session),
                (None, None) => None,
            };
            let local = local_date_time(
                fields[0].value(row),
                fields[1].value(row),
                fields[2].value(row),
                fields[3].value(row),
                fields[4].value(row),
                seconds.value(row),
            );
            let local = match (local, self.on_error) {
                (Ok(local), _) => local,
                (Err(Invalid::Unsupported), _) => {
                    return Err(DataFusionError::External(Box::new(Error::Unsupported(format!("{} of a year beyond 262142", self.name)))));
                }
                (Err(_), OnError::Null) => {
                    out.push(None);
                    continue;
                }
                (Err(Invalid::Field(message)), OnError::Fail) => return Err(field_out_of_bounds(message)),
                (Err(Invalid::Fraction(text)), OnError::Fail) => return Err(invalid_fraction_of_second(text)),
            };
            out.push(match zone {
                Some(zone) => instant_of(local, &zone),
                None => Some(micros_of_naive(local)),
            });
        }
        let array = TimestampMicrosecondArray::from(out);
        let out: ArrayRef = Arc::new(if self.zoned { array.with_timezone("UTC") } else { array });
        if all_scalar && out.len() == 1 {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?));
        }
        Ok(ColumnarValue::Array(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(message: &str) -> Result<NaiveDateTime, Invalid> {
        Err(Invalid::Field(message.to_string()))
    }

    #[test]
    fn checks_fields_as_java() {
        assert_eq!(local_date_time(2020, 13, 1, 0, 0, 0), field("Invalid value for MonthOfYear (valid values 1 - 12): 13"));
        assert_eq!(local_date_time(2020, 2, 30, 0, 0, 0), field("Invalid date 'FEBRUARY 30'"));
        assert_eq!(local_date_time(2019, 2, 29, 0, 0, 0), field("Invalid date 'February 29' as '2019' is not a leap year"));
        assert_eq!(local_date_time(2020, 2, 3, 24, 0, 0), field("Invalid value for HourOfDay (valid values 0 - 23): 24"));
        assert_eq!(local_date_time(2020, 2, 3, 2, 59, 61_000_000), field("Invalid value for SecondOfMinute (valid values 0 - 59): 61"));
        assert_eq!(local_date_time(2020, 2, 3, 2, 59, -1_000_000), field("Invalid value for SecondOfMinute (valid values 0 - 59): -1"));
        assert_eq!(local_date_time(2020, 1, 1, 1, 59, 60_500_000), Err(Invalid::Fraction("60.5".to_string())));
    }

    #[test]
    fn sixty_seconds_is_the_next_minute() {
        let next = NaiveDate::from_ymd_opt(2020, 1, 1).and_then(|date| date.and_hms_opt(2, 0, 0));
        assert_eq!(local_date_time(2020, 1, 1, 1, 59, 60_000_000).ok(), next);
        let fraction = NaiveDate::from_ymd_opt(2014, 12, 28).and_then(|date| date.and_hms_micro_opt(6, 30, 45, 887_000));
        assert_eq!(local_date_time(2014, 12, 28, 6, 30, 45_887_000).ok(), fraction);
    }
}
