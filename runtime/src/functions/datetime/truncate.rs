// SPDX-License-Identifier: Apache-2.0
//! `date_trunc(unit, timestamp)`: the instant at the start of its unit in the
//! session time zone (`'YEAR'`, `'QUARTER'`, `'MONTH'`, `'WEEK'`, `'DAY'`,
//! `'HOUR'`... down to `'MICROSECOND'`); null for an unknown unit, as Spark.

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::zone::{instant_of, local_of, session_zone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
}

fn unit_of(text: &str) -> Option<Unit> {
    Some(match text.to_ascii_uppercase().as_str() {
        "YEAR" | "YYYY" | "YY" => Unit::Year,
        "QUARTER" => Unit::Quarter,
        "MONTH" | "MM" | "MON" => Unit::Month,
        "WEEK" => Unit::Week,
        "DAY" | "DD" => Unit::Day,
        "HOUR" => Unit::Hour,
        "MINUTE" => Unit::Minute,
        "SECOND" => Unit::Second,
        "MILLISECOND" => Unit::Millisecond,
        "MICROSECOND" => Unit::Microsecond,
        _ => return None,
    })
}

fn truncate(local: NaiveDateTime, unit: Unit) -> Option<NaiveDateTime> {
    let date = local.date();
    let day_start = |date: NaiveDate| date.and_hms_opt(0, 0, 0);
    match unit {
        Unit::Year => day_start(date.with_ordinal(1)?),
        Unit::Quarter => day_start(NaiveDate::from_ymd_opt(date.year(), (date.month() - 1) / 3 * 3 + 1, 1)?),
        Unit::Month => day_start(date.with_day(1)?),
        Unit::Week => day_start(date - Duration::days(i64::from(date.weekday().num_days_from_monday()))),
        Unit::Day => day_start(date),
        Unit::Hour => local.with_nanosecond(0)?.with_second(0)?.with_minute(0),
        Unit::Minute => local.with_nanosecond(0)?.with_second(0),
        Unit::Second => local.with_nanosecond(0),
        Unit::Millisecond => local.with_nanosecond(local.nanosecond() / 1_000_000 * 1_000_000),
        Unit::Microsecond => Some(local),
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct TruncateTimestamp {
    signature: Signature,
}

impl TruncateTimestamp {
    pub(crate) fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(TruncateTimestamp { signature: Signature::any(2, Volatility::Stable) })
    }
}

impl ScalarUDFImpl for TruncateTimestamp {
    fn name(&self) -> &str {
        // Not `date_trunc`: DataFusion's function of that name must not replace it.
        "spark_date_trunc"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [unit, value] = args.args.as_slice() else {
            return exec_err!("spark_date_trunc takes two arguments");
        };
        let unit = match unit {
            ColumnarValue::Scalar(ScalarValue::Utf8(text) | ScalarValue::LargeUtf8(text) | ScalarValue::Utf8View(text)) => {
                text.as_deref().and_then(unit_of)
            }
            ColumnarValue::Scalar(ScalarValue::Null) => None,
            _ => return exec_err!("date_trunc takes a literal unit"),
        };
        let zone = session_zone(&args.config_options)?;
        super::super::apply_unary(value, |values| {
            let micros = cast(values, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
            let out: TimestampMicrosecondArray = micros
                .as_primitive::<TimestampMicrosecondType>()
                .iter()
                .map(|micros| {
                    let unit = unit?;
                    let local = local_of(micros?, &zone)?;
                    instant_of(truncate(local, unit)?, &zone)
                })
                .collect();
            Ok(Arc::new(out.with_timezone("UTC")) as ArrayRef)
        })
    }
}
