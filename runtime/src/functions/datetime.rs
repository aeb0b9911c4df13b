// SPDX-License-Identifier: Apache-2.0
//! Date and time functions (`functions_spark_datetime.yaml`).
//!
//! A `TIMESTAMP` is an instant (microseconds since the epoch, Arrow type
//! `Timestamp(µs, "UTC")`); its fields, its text and the casts between it and
//! zone-less types are taken in the session time zone (`zone.rs`), which
//! `spark.sql.session.timeZone` sets through `datafusion.execution.time_zone`.

mod compiled_format;
mod construct;
mod dates;
mod epoch;
mod errors;
mod field;
mod format;
mod interval_math;
mod lenient;
mod spark_pattern;
pub(crate) mod time_cast;
mod time_of_day;
mod time_window;
mod truncate;
pub(crate) mod zone;
mod zone_shift;

use datafusion::logical_expr::ScalarUDF;
use datafusion_spark::function::datetime as spark;

use super::Scalar;
use epoch::{FromEpoch, ToEpoch};
use field::{DatetimeField, Part};
use format::{FormatTimestamp, OnError, ParseTimestamp};

macro_rules! field {
    ($name:ident, $part:expr) => {
        fn $name() -> ScalarUDF {
            DatetimeField::udf(stringify!($name), $part)
        }
    };
}

field!(year, Part::Year);
field!(quarter, Part::Quarter);
field!(month, Part::Month);
field!(dayofmonth, Part::Day);
field!(dayofweek, Part::DayOfWeek);
field!(weekday, Part::WeekDay);
field!(dayofyear, Part::DayOfYear);
field!(weekofyear, Part::WeekOfYear);
field!(hour, Part::Hour);
field!(minute, Part::Minute);
field!(second, Part::Second);
field!(second_with_fraction, Part::SecondWithFraction);

fn to_timestamp() -> ScalarUDF {
    ParseTimestamp::udf("to_timestamp", true, OnError::Fail)
}
fn try_to_timestamp() -> ScalarUDF {
    ParseTimestamp::udf("try_to_timestamp", true, OnError::Null)
}
fn to_timestamp_ntz() -> ScalarUDF {
    ParseTimestamp::udf("to_timestamp_ntz", false, OnError::Fail)
}
fn try_to_timestamp_ntz() -> ScalarUDF {
    ParseTimestamp::udf("try_to_timestamp_ntz", false, OnError::Null)
}
fn to_timestamp_by_row() -> ScalarUDF {
    ParseTimestamp::by_row_udf("to_timestamp_by_row", true, OnError::Fail)
}
fn try_to_timestamp_by_row() -> ScalarUDF {
    ParseTimestamp::by_row_udf("try_to_timestamp_by_row", true, OnError::Null)
}
fn to_timestamp_ntz_by_row() -> ScalarUDF {
    ParseTimestamp::by_row_udf("to_timestamp_ntz_by_row", false, OnError::Fail)
}
fn try_to_timestamp_ntz_by_row() -> ScalarUDF {
    ParseTimestamp::by_row_udf("try_to_timestamp_ntz_by_row", false, OnError::Null)
}
fn timestamp_seconds() -> ScalarUDF {
    FromEpoch::udf("timestamp_seconds", 1_000_000)
}
fn timestamp_millis() -> ScalarUDF {
    FromEpoch::udf("timestamp_millis", 1_000)
}
fn timestamp_micros() -> ScalarUDF {
    FromEpoch::udf("timestamp_micros", 1)
}
fn unix_seconds() -> ScalarUDF {
    ToEpoch::udf("unix_seconds", 1_000_000)
}
fn unix_millis() -> ScalarUDF {
    ToEpoch::udf("unix_millis", 1_000)
}
fn unix_micros() -> ScalarUDF {
    ToEpoch::udf("unix_micros", 1)
}
fn from_utc_timestamp() -> ScalarUDF {
    zone_shift::ShiftZone::udf("from_utc_timestamp", true)
}
fn to_utc_timestamp() -> ScalarUDF {
    zone_shift::ShiftZone::udf("to_utc_timestamp", false)
}

fn make_timestamp() -> ScalarUDF {
    construct::MakeTimestamp::udf("make_timestamp", true, OnError::Fail)
}
fn try_make_timestamp() -> ScalarUDF {
    construct::MakeTimestamp::udf("try_make_timestamp", true, OnError::Null)
}
fn make_timestamp_ntz() -> ScalarUDF {
    construct::MakeTimestamp::udf("make_timestamp_ntz", false, OnError::Fail)
}
fn try_make_timestamp_ntz() -> ScalarUDF {
    construct::MakeTimestamp::udf("try_make_timestamp_ntz", false, OnError::Null)
}
fn timestampadd() -> ScalarUDF {
    interval_math::TimestampArithmetic::udf("timestampadd", interval_math::Operation::Add)
}
fn timestampdiff() -> ScalarUDF {
    interval_math::TimestampArithmetic::udf("timestampdiff", interval_math::Operation::Diff)
}
fn months_between() -> ScalarUDF {
    interval_math::TimestampArithmetic::udf("months_between", interval_math::Operation::MonthsBetween)
}

fn time_udf(name: &'static str, operation: time_of_day::Operation) -> ScalarUDF {
    time_of_day::TimeFunction::udf(name, operation)
}
fn make_time() -> ScalarUDF {
    time_udf("make_time", time_of_day::Operation::Make)
}
fn to_time() -> ScalarUDF {
    time_udf("to_time", time_of_day::Operation::Parse(OnError::Fail))
}
fn try_to_time() -> ScalarUDF {
    time_udf("try_to_time", time_of_day::Operation::Parse(OnError::Null))
}
fn time_diff() -> ScalarUDF {
    time_udf("time_diff", time_of_day::Operation::Diff)
}
fn time_trunc() -> ScalarUDF {
    time_udf("time_trunc", time_of_day::Operation::Trunc)
}
fn time_from_seconds() -> ScalarUDF {
    time_udf("time_from_seconds", time_of_day::Operation::FromCount(1_000_000))
}
fn time_from_millis() -> ScalarUDF {
    time_udf("time_from_millis", time_of_day::Operation::FromCount(1_000))
}
fn time_from_micros() -> ScalarUDF {
    time_udf("time_from_micros", time_of_day::Operation::FromCount(1))
}
fn time_to_seconds() -> ScalarUDF {
    time_udf("time_to_seconds", time_of_day::Operation::ToSeconds)
}
fn time_to_millis() -> ScalarUDF {
    time_udf("time_to_millis", time_of_day::Operation::ToCount(1_000))
}
fn time_to_micros() -> ScalarUDF {
    time_udf("time_to_micros", time_of_day::Operation::ToCount(1))
}
fn make_timestamp_from_date_time() -> ScalarUDF {
    time_udf("make_timestamp_from_date_time", time_of_day::Operation::DateTime { zoned: true })
}
fn make_timestamp_ntz_from_date_time() -> ScalarUDF {
    time_udf("make_timestamp_ntz_from_date_time", time_of_day::Operation::DateTime { zoned: false })
}

macro_rules! lenient {
    ($name:ident) => {
        fn $name() -> ScalarUDF {
            lenient::Lenient::udf(spark::$name())
        }
    };
}

lenient!(date_add);
lenient!(date_sub);
lenient!(last_day);
lenient!(next_day);

fn datediff() -> ScalarUDF {
    dates::DateFunction::udf("datediff", dates::Operation::DateDiff)
}
fn add_months() -> ScalarUDF {
    dates::DateFunction::udf("add_months", dates::Operation::AddMonths)
}
fn trunc() -> ScalarUDF {
    dates::DateFunction::udf("trunc", dates::Operation::Trunc)
}
fn unix_date() -> ScalarUDF {
    dates::DateFunction::udf("unix_date", dates::Operation::UnixDate)
}

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("year", Scalar::Ours(year)),
    ("quarter", Scalar::Ours(quarter)),
    ("month", Scalar::Ours(month)),
    ("dayofmonth", Scalar::Ours(dayofmonth)),
    ("dayofweek", Scalar::Ours(dayofweek)),
    ("weekday", Scalar::Ours(weekday)),
    ("dayofyear", Scalar::Ours(dayofyear)),
    ("weekofyear", Scalar::Ours(weekofyear)),
    ("hour", Scalar::Ours(hour)),
    ("minute", Scalar::Ours(minute)),
    ("second", Scalar::Ours(second)),
    ("second_with_fraction", Scalar::Ours(second_with_fraction)),
    ("from_utc_timestamp", Scalar::Ours(from_utc_timestamp)),
    ("to_utc_timestamp", Scalar::Ours(to_utc_timestamp)),
    ("date_format", Scalar::Ours(FormatTimestamp::udf)),
    ("to_timestamp", Scalar::Ours(to_timestamp)),
    ("try_to_timestamp", Scalar::Ours(try_to_timestamp)),
    ("to_timestamp_ntz", Scalar::Ours(to_timestamp_ntz)),
    ("try_to_timestamp_ntz", Scalar::Ours(try_to_timestamp_ntz)),
    ("to_timestamp_by_row", Scalar::Ours(to_timestamp_by_row)),
    ("try_to_timestamp_by_row", Scalar::Ours(try_to_timestamp_by_row)),
    ("to_timestamp_ntz_by_row", Scalar::Ours(to_timestamp_ntz_by_row)),
    ("try_to_timestamp_ntz_by_row", Scalar::Ours(try_to_timestamp_ntz_by_row)),
    ("spark_date_trunc", Scalar::Ours(truncate::TruncateTimestamp::udf)),
    ("timestamp_seconds", Scalar::Ours(timestamp_seconds)),
    ("timestamp_millis", Scalar::Ours(timestamp_millis)),
    ("timestamp_micros", Scalar::Ours(timestamp_micros)),
    ("unix_seconds", Scalar::Ours(unix_seconds)),
    ("unix_millis", Scalar::Ours(unix_millis)),
    ("unix_micros", Scalar::Ours(unix_micros)),
    ("date_add", Scalar::Ours(date_add)),
    ("date_sub", Scalar::Ours(date_sub)),
    ("datediff", Scalar::Ours(datediff)),
    ("add_months", Scalar::Ours(add_months)),
    ("last_day", Scalar::Ours(last_day)),
    ("next_day", Scalar::Ours(next_day)),
    ("trunc", Scalar::Ours(trunc)),
    ("unix_date", Scalar::Ours(unix_date)),
    ("make_date", Scalar::DataFusion("make_date")),
    ("make_timestamp", Scalar::Ours(make_timestamp)),
    ("try_make_timestamp", Scalar::Ours(try_make_timestamp)),
    ("make_timestamp_ntz", Scalar::Ours(make_timestamp_ntz)),
    ("try_make_timestamp_ntz", Scalar::Ours(try_make_timestamp_ntz)),
    ("timestampadd", Scalar::Ours(timestampadd)),
    ("timestampdiff", Scalar::Ours(timestampdiff)),
    ("months_between", Scalar::Ours(months_between)),
    ("convert_timezone", Scalar::Ours(zone_shift::ConvertZone::udf)),
    ("time_window", Scalar::Ours(time_window::TimeWindow::udf)),
    ("make_time", Scalar::Ours(make_time)),
    ("to_time", Scalar::Ours(to_time)),
    ("try_to_time", Scalar::Ours(try_to_time)),
    ("time_diff", Scalar::Ours(time_diff)),
    ("time_trunc", Scalar::Ours(time_trunc)),
    ("time_from_seconds", Scalar::Ours(time_from_seconds)),
    ("time_from_millis", Scalar::Ours(time_from_millis)),
    ("time_from_micros", Scalar::Ours(time_from_micros)),
    ("time_to_seconds", Scalar::Ours(time_to_seconds)),
    ("time_to_millis", Scalar::Ours(time_to_millis)),
    ("time_to_micros", Scalar::Ours(time_to_micros)),
    ("make_timestamp_from_date_time", Scalar::Ours(make_timestamp_from_date_time)),
    ("make_timestamp_ntz_from_date_time", Scalar::Ours(make_timestamp_ntz_from_date_time)),
    ("window_time", Scalar::Ours(time_window::WindowTime::udf)),
    ("current_date", Scalar::DataFusion("current_date")),
];
