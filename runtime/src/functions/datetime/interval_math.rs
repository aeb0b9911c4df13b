// SPDX-License-Identifier: Apache-2.0
//! Calendar arithmetic on timestamps: `timestampadd(unit, quantity, ts)`,
//! `timestampdiff(unit, start, end)` and `months_between(ts1, ts2, roundOff)`,
//! as Spark's `DateTimeUtils`. A `TIMESTAMP`'s calendar is its local
//! date-time in the session time zone; a `TIMESTAMP_NTZ`'s is itself (UTC).

use std::sync::Arc;

use arrow::array::timezone::Tz;
use arrow::array::{Array, ArrayRef, AsArray, Float64Array, Int64Array, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Int64Type, TimeUnit, TimestampMicrosecondType};
use chrono::{Datelike, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, Offset, TimeZone};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::errors::{add_overflow, invalid_unit};
use super::zone::{instant_of, local_of, session_zone};

/// The units of `timestampadd` and `timestampdiff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    fn parse(text: &str) -> Option<Unit> {
        Some(match text.to_ascii_uppercase().as_str() {
            "MICROSECOND" => Unit::Microsecond,
            "MILLISECOND" => Unit::Millisecond,
            "SECOND" => Unit::Second,
            "MINUTE" => Unit::Minute,
            "HOUR" => Unit::Hour,
            "DAY" | "DAYOFYEAR" => Unit::Day,
            "WEEK" => Unit::Week,
            "MONTH" => Unit::Month,
            "QUARTER" => Unit::Quarter,
            "YEAR" => Unit::Year,
            _ => return None,
        })
    }

    /// Microseconds of a unit of fixed length.
    fn micros(self) -> Option<i64> {
        match self {
            Unit::Microsecond => Some(1),
            Unit::Millisecond => Some(1_000),
            Unit::Second => Some(1_000_000),
            Unit::Minute => Some(60_000_000),
            Unit::Hour => Some(3_600_000_000),
            _ => None,
        }
    }
}

/// The zone a timestamp's calendar is taken in: the session's for `TIMESTAMP`, UTC for `TIMESTAMP_NTZ`.
fn calendar_zone(data_type: &DataType, args: &ScalarFunctionArgs) -> Result<Tz> {
    if matches!(data_type, DataType::Timestamp(_, Some(_))) {
        session_zone(&args.config_options)
    } else {
        super::zone::parse_zone("UTC")
    }
}

fn micros_array(value: &ColumnarValue, rows: usize) -> Result<ArrayRef> {
    Ok(cast(&value.to_array(rows)?, &DataType::Timestamp(TimeUnit::Microsecond, None))?)
}

fn finish(out: ArrayRef, args: &ScalarFunctionArgs) -> Result<ColumnarValue> {
    if args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_))) && out.len() == 1 {
        return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?));
    }
    Ok(ColumnarValue::Array(out))
}

/// The instant of `local` in `zone` as Java's `ZonedDateTime.plusX` resolves it:
/// the offset `preferred` when it is one of the local time's, else as `instant_of`.
fn instant_preferring(local: NaiveDateTime, zone: &Tz, preferred: i32) -> Option<i64> {
    if let LocalResult::Ambiguous(earlier, later) = zone.offset_from_local_datetime(&local) {
        for offset in [earlier.fix(), later.fix()] {
            if offset.local_minus_utc() == preferred {
                return Some(local.checked_sub_offset(offset)?.and_utc().timestamp_micros());
            }
        }
    }
    instant_of(local, zone)
}

/// Spark's `timestampAdd`: `None` on overflow.
fn add(unit: Unit, quantity: i64, micros: i64, zone: &Tz) -> Option<i64> {
    if let Some(length) = unit.micros() {
        return micros.checked_add(quantity.checked_mul(length)?);
    }
    let (months, days) = match unit {
        Unit::Day => (0, i32::try_from(quantity).ok()?),
        Unit::Week => (0, i32::try_from(quantity.checked_mul(7)?).ok()?),
        Unit::Month => (i32::try_from(quantity).ok()?, 0),
        Unit::Quarter => (i32::try_from(quantity.checked_mul(3)?).ok()?, 0),
        _ => (i32::try_from(quantity.checked_mul(12)?).ok()?, 0),
    };
    let local = local_of(micros, zone)?;
    let offset = zone.offset_from_utc_datetime(&chrono::DateTime::from_timestamp_micros(micros)?.naive_utc()).fix().local_minus_utc();
    let moved = if months >= 0 {
        local.checked_add_months(Months::new(months.unsigned_abs()))?
    } else {
        local.checked_sub_months(Months::new(months.unsigned_abs()))?
    };
    let moved = moved.checked_add_signed(Duration::days(i64::from(days)))?;
    instant_preferring(moved, zone, offset)
}

/// Java's `LocalDate.until(end, MONTHS)`.
fn months_until(start: NaiveDate, end: NaiveDate) -> i64 {
    let packed = |date: NaiveDate| (i64::from(date.year()) * 12 + i64::from(date.month0())) * 32 + i64::from(date.day());
    (packed(end) - packed(start)) / 32
}

/// Spark's `timestampDiff`: Java's `ChronoUnit.between` of the two local date-times.
fn diff(unit: Unit, start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    if let Some(length) = unit.micros() {
        let total = end.and_utc().timestamp_micros() - start.and_utc().timestamp_micros();
        return total / length;
    }
    let mut end_date = end.date();
    if end_date > start.date() && end.time() < start.time() {
        end_date -= Duration::days(1);
    } else if end_date < start.date() && end.time() > start.time() {
        end_date += Duration::days(1);
    }
    match unit {
        Unit::Day => (end_date - start.date()).num_days(),
        Unit::Week => (end_date - start.date()).num_days() / 7,
        Unit::Month => months_until(start.date(), end_date),
        Unit::Quarter => months_until(start.date(), end_date) / 3,
        _ => months_until(start.date(), end_date) / 12,
    }
}

/// Java's `Math.round(x)`: the nearest integer, halves rounded up.
fn java_round(value: f64) -> f64 {
    let floor = value.floor();
    if value - floor >= 0.5 { floor + 1.0 } else { floor }
}

/// Spark's `monthsBetween`.
fn months_between(micros1: i64, micros2: i64, round_off: bool, zone: &Tz) -> Option<f64> {
    let local1 = local_of(micros1, zone)?;
    let local2 = local_of(micros2, zone)?;
    let (date1, date2) = (local1.date(), local2.date());
    let months = |date: NaiveDate| date.year() * 12 + i32::try_from(date.month0()).unwrap_or(0);
    let month_diff = f64::from(months(date1) - months(date2));
    let last_day = |date: NaiveDate| date.succ_opt().is_none_or(|next| next.month() != date.month());
    if date1.day() == date2.day() || (last_day(date1) && last_day(date2)) {
        return Some(month_diff);
    }
    // Seconds since the start of the local day (which a DST change may shorten or lengthen).
    let seconds_in_day = |micros: i64, date: NaiveDate| -> Option<i64> {
        let midnight = instant_of(date.and_hms_opt(0, 0, 0)?, zone)?;
        Some((micros - midnight) / 1_000_000)
    };
    let seconds_diff = (i64::from(date1.day()) - i64::from(date2.day())) * 86_400 + seconds_in_day(micros1, date1)? - seconds_in_day(micros2, date2)?;
    #[expect(clippy::cast_precision_loss, reason = "Spark divides the seconds as a double")]
    let diff = month_diff + seconds_diff as f64 / (31.0 * 86_400.0);
    Some(if round_off { java_round(diff * 1e8) / 1e8 } else { diff })
}

/// The literal or per-row unit of a call, parsed; `function` names it in errors.
fn units(value: &ColumnarValue, rows: usize) -> Result<ArrayRef> {
    Ok(cast(&value.to_array(rows)?, &DataType::Utf8)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Operation {
    Add,
    Diff,
    MonthsBetween,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct TimestampArithmetic {
    name: &'static str,
    operation: Operation,
    signature: Signature,
}

impl TimestampArithmetic {
    pub(crate) fn udf(name: &'static str, operation: Operation) -> ScalarUDF {
        ScalarUDF::new_from_impl(TimestampArithmetic { name, operation, signature: Signature::any(3, Volatility::Stable) })
    }
}

impl ScalarUDFImpl for TimestampArithmetic {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.operation {
            Operation::Add => match argument_types.get(2) {
                Some(DataType::Timestamp(_, Some(_))) => DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                _ => DataType::Timestamp(TimeUnit::Microsecond, None),
            },
            Operation::Diff => DataType::Int64,
            Operation::MonthsBetween => DataType::Float64,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [first, second, third] = args.args.as_slice() else {
            return exec_err!("{} takes three arguments", self.name);
        };
        let rows = args.number_rows;
        let out: ArrayRef = match self.operation {
            Operation::Add => {
                let zoned = matches!(third.data_type(), DataType::Timestamp(_, Some(_)));
                let zone = calendar_zone(&third.data_type(), &args)?;
                let session = session_zone(&args.config_options)?;
                let units = units(first, rows)?;
                let units = units.as_string::<i32>();
                let quantities = cast(&second.to_array(rows)?, &DataType::Int64)?;
                let quantities = quantities.as_primitive::<Int64Type>();
                let stamps = micros_array(third, rows)?;
                let stamps = stamps.as_primitive::<TimestampMicrosecondType>();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if units.is_null(row) || quantities.is_null(row) || stamps.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let text = units.value(row);
                    let unit = Unit::parse(text).ok_or_else(|| invalid_unit("TIMESTAMPADD", text))?;
                    let (quantity, micros) = (quantities.value(row), stamps.value(row));
                    let moved = add(unit, quantity, micros, &zone).ok_or_else(|| add_overflow(quantity, text, micros, &session))?;
                    out.push(Some(moved));
                }
                let array = TimestampMicrosecondArray::from(out);
                Arc::new(if zoned { array.with_timezone("UTC") } else { array })
            }
            Operation::Diff => {
                let zone = calendar_zone(&second.data_type(), &args)?;
                let units = units(first, rows)?;
                let units = units.as_string::<i32>();
                let starts = micros_array(second, rows)?;
                let starts = starts.as_primitive::<TimestampMicrosecondType>();
                let ends = micros_array(third, rows)?;
                let ends = ends.as_primitive::<TimestampMicrosecondType>();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if units.is_null(row) || starts.is_null(row) || ends.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let text = units.value(row);
                    let unit = Unit::parse(text).ok_or_else(|| invalid_unit("TIMESTAMPDIFF", text))?;
                    let start = local_of(starts.value(row), &zone);
                    let end = local_of(ends.value(row), &zone);
                    out.push(start.zip(end).map(|(start, end)| diff(unit, start, end)));
                }
                Arc::new(Int64Array::from(out))
            }
            Operation::MonthsBetween => {
                let zone = session_zone(&args.config_options)?;
                let firsts = micros_array(first, rows)?;
                let firsts = firsts.as_primitive::<TimestampMicrosecondType>();
                let seconds = micros_array(second, rows)?;
                let seconds = seconds.as_primitive::<TimestampMicrosecondType>();
                let rounds = cast(&third.to_array(rows)?, &DataType::Boolean)?;
                let rounds = rounds.as_boolean();
                let out: Float64Array = (0..rows)
                    .map(|row| {
                        if firsts.is_null(row) || seconds.is_null(row) || rounds.is_null(row) {
                            return None;
                        }
                        months_between(firsts.value(row), seconds.value(row), rounds.value(row), &zone)
                    })
                    .collect();
                Arc::new(out)
            }
        };
        finish(out, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::zone::parse_zone;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap_or_default()
    }

    fn instant(text: &str, zone: &Tz) -> i64 {
        instant_of(at(text), zone).unwrap_or_default()
    }

    #[test]
    fn months_between_as_spark() -> Result<()> {
        let utc = parse_zone("UTC")?;
        let between = |a: &str, b: &str, round| months_between(instant(a, &utc), instant(b, &utc), round, &utc);
        assert_eq!(between("1997-02-28 10:30:00", "1996-10-30 00:00:00", true), Some(3.949_596_77));
        assert_eq!(between("2020-01-31 00:00:00", "2020-02-29 00:00:00", true), Some(-1.0));
        assert_eq!(between("2020-03-31 10:00:00", "2020-02-29 00:00:00", true), Some(1.0));
        let los_angeles = parse_zone("America/Los_Angeles")?;
        let across_dst = months_between(instant("2020-03-07 04:00:00", &los_angeles), instant("2020-03-08 04:00:00", &los_angeles), true, &los_angeles);
        assert_eq!(across_dst, Some(-0.030_913_98));
        Ok(())
    }

    #[test]
    fn diff_counts_whole_units_of_local_times() {
        assert_eq!(diff(Unit::Year, at("2016-03-11 09:00:07"), at("2024-04-02 09:00:07")), 8);
        assert_eq!(diff(Unit::Week, at("2016-03-11 09:00:07"), at("2024-04-02 09:00:07")), 420);
        assert_eq!(diff(Unit::Day, at("2024-04-02 09:00:07"), at("2016-03-11 09:00:07")), -2944);
        assert_eq!(diff(Unit::Month, at("2020-01-31 00:00:00"), at("2020-02-29 00:00:00")), 0);
        assert_eq!(diff(Unit::Quarter, at("2020-02-29 02:00:00"), at("2019-02-28 03:00:00")), -3);
        assert_eq!(diff(Unit::Hour, at("2020-03-07 04:00:00"), at("2020-03-08 04:00:00")), 24);
    }

    #[test]
    fn add_keeps_the_wall_clock_time() -> Result<()> {
        let zone = parse_zone("America/Los_Angeles")?;
        let start = instant("2020-03-07 18:30:00", &zone);
        let next_day = add(Unit::Day, 1, start, &zone).and_then(|micros| local_of(micros, &zone));
        assert_eq!(next_day, Some(at("2020-03-08 18:30:00")));
        let next_month = add(Unit::Month, 1, instant("2020-01-31 18:30:00", &zone), &zone).and_then(|micros| local_of(micros, &zone));
        assert_eq!(next_month, Some(at("2020-02-29 18:30:00")));
        assert_eq!(add(Unit::Hour, 24, start, &zone), Some(start + 24 * 3_600_000_000));
        assert_eq!(add(Unit::Year, 1_000_000, start, &zone), None);
        Ok(())
    }
}
