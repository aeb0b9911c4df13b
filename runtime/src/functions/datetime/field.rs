// SPDX-License-Identifier: Apache-2.0
//! One field of a date or timestamp (`year`, `month`, `hour`...): of a
//! `TIMESTAMP` as its local time in the session time zone, of a date, a
//! `TIMESTAMP_NTZ` or a `TIME` as written.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Int32Array};
use arrow::datatypes::{DataType, Date32Type, Time64MicrosecondType, TimeUnit, TimestampMicrosecondType};
use chrono::{Datelike, NaiveDateTime, Timelike};
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::zone::{date_of, local_of, naive_of, session_zone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Year,
    Quarter,
    Month,
    Day,
    /// 1 = Sunday ... 7 = Saturday.
    DayOfWeek,
    /// 0 = Monday ... 6 = Sunday.
    WeekDay,
    DayOfYear,
    /// ISO 8601 week of the year.
    WeekOfYear,
    Hour,
    Minute,
    Second,
    /// Seconds with their fraction, `decimal(8, 6)` (`extract(SECOND FROM ts)`).
    SecondWithFraction,
}

impl Part {
    fn of(self, local: NaiveDateTime) -> i32 {
        let date = local.date();
        let value = match self {
            Part::Year => return date.year(),
            Part::Quarter => (date.month() - 1) / 3 + 1,
            Part::Month => date.month(),
            Part::Day => date.day(),
            Part::DayOfWeek => date.weekday().num_days_from_sunday() + 1,
            Part::WeekDay => date.weekday().num_days_from_monday(),
            Part::DayOfYear => date.ordinal(),
            Part::WeekOfYear => date.iso_week().week(),
            Part::Hour => local.hour(),
            Part::Minute => local.minute(),
            Part::Second => local.second(),
            Part::SecondWithFraction => local.second() * 1_000_000 + local.nanosecond() / 1_000,
        };
        i32::try_from(value).unwrap_or_default()
    }
}

/// `name`: the field `part` of its one argument.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct DatetimeField {
    name: &'static str,
    part: Part,
    signature: Signature,
}

impl DatetimeField {
    pub(crate) fn udf(name: &'static str, part: Part) -> ScalarUDF {
        ScalarUDF::new_from_impl(DatetimeField { name, part, signature: Signature::any(1, Volatility::Stable) })
    }
}

impl ScalarUDFImpl for DatetimeField {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(if self.part == Part::SecondWithFraction { DataType::Decimal128(8, 6) } else { DataType::Int32 })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name);
        };
        let zone = session_zone(&args.config_options)?;
        let part = self.part;
        super::super::apply_unary(value, |values| {
            let locals: Vec<Option<NaiveDateTime>> = match values.data_type() {
                DataType::Date32 => values
                    .as_primitive::<Date32Type>()
                    .iter()
                    .map(|days| days.and_then(date_of).and_then(|date| date.and_hms_opt(0, 0, 0)))
                    .collect(),
                DataType::Timestamp(TimeUnit::Microsecond, Some(_)) => values
                    .as_primitive::<TimestampMicrosecondType>()
                    .iter()
                    .map(|micros| micros.and_then(|micros| local_of(micros, &zone)))
                    .collect(),
                DataType::Timestamp(TimeUnit::Microsecond, None) => {
                    values.as_primitive::<TimestampMicrosecondType>().iter().map(|micros| micros.and_then(naive_of)).collect()
                }
                DataType::Time64(TimeUnit::Microsecond) => values
                    .as_primitive::<Time64MicrosecondType>()
                    .iter()
                    .map(|micros| micros.and_then(|micros| date_of(0)?.and_hms_opt(0, 0, 0)?.checked_add_signed(chrono::Duration::microseconds(micros))))
                    .collect(),
                DataType::Null => vec![None; values.len()],
                other => return exec_err!("{} of {other}", self.name),
            };
            if part == Part::SecondWithFraction {
                let out: Decimal128Array =
                    locals.into_iter().map(|local| local.map(|local| i128::from(part.of(local)))).collect();
                return Ok(Arc::new(out.with_precision_and_scale(8, 6)?) as ArrayRef);
            }
            let out: Int32Array = locals.into_iter().map(|local| local.map(|local| part.of(local))).collect();
            Ok(Arc::new(out) as ArrayRef)
        })
    }
}
