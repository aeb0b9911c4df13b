// SPDX-License-Identifier: Apache-2.0
//! Date arithmetic without a time zone: `datediff`, `add_months`, `trunc`,
//! `unix_date`. (datafusion-spark's versions rewrite themselves into
//! DataFusion functions that Substrait plans cannot name, so the optimizer's
//! round trip could not write them back.)

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Date32Array, Int32Array};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Date32Type, Int32Type};
use chrono::{Datelike, Duration, Months, NaiveDate};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::zone::{date_of, days_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Operation {
    /// `datediff(end, start)`: days from `start` to `end`.
    DateDiff,
    /// `add_months(date, months)`, clamped to the last day of the month.
    AddMonths,
    /// `trunc(date, unit)` for `YEAR`, `QUARTER`, `MONTH`, `WEEK` (the analyzer makes other units null).
    Trunc,
    /// `unix_date(date)`: days since the epoch.
    UnixDate,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct DateFunction {
    name: &'static str,
    operation: Operation,
    signature: Signature,
}

impl DateFunction {
    pub(crate) fn udf(name: &'static str, operation: Operation) -> ScalarUDF {
        ScalarUDF::new_from_impl(DateFunction { name, operation, signature: Signature::variadic_any(Volatility::Immutable) })
    }
}

fn truncate(date: NaiveDate, unit: &str) -> Option<NaiveDate> {
    match unit.trim().to_ascii_uppercase().as_str() {
        "YEAR" | "YYYY" | "YY" => date.with_ordinal(1),
        "QUARTER" => NaiveDate::from_ymd_opt(date.year(), (date.month() - 1) / 3 * 3 + 1, 1),
        "MONTH" | "MM" | "MON" => date.with_day(1),
        "WEEK" => Some(date - Duration::days(i64::from(date.weekday().num_days_from_monday()))),
        _ => None,
    }
}

fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let count = Months::new(months.unsigned_abs());
    if months >= 0 { date.checked_add_months(count) } else { date.checked_sub_months(count) }
}

impl ScalarUDFImpl for DateFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.operation {
            Operation::DateDiff | Operation::UnixDate => DataType::Int32,
            Operation::AddMonths | Operation::Trunc => DataType::Date32,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let expected = if self.operation == Operation::UnixDate { 1 } else { 2 };
        if args.args.len() != expected {
            return exec_err!("{} takes {expected} arguments", self.name);
        }
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let rows = args.number_rows;
        let dates = cast(&args.args[0].to_array(rows)?, &DataType::Date32)?;
        let dates = dates.as_primitive::<Date32Type>();
        let out: ArrayRef = match self.operation {
            Operation::UnixDate => Arc::new(dates.clone().reinterpret_cast::<Int32Type>()),
            Operation::DateDiff => {
                let starts = cast(&args.args[1].to_array(rows)?, &DataType::Date32)?;
                let starts = starts.as_primitive::<Date32Type>();
                let out: Int32Array =
                    dates.iter().zip(starts.iter()).map(|(end, start)| Some(end? - start?)).collect();
                Arc::new(out)
            }
            Operation::AddMonths => {
                let months = cast(&args.args[1].to_array(rows)?, &DataType::Int32)?;
                let months = months.as_primitive::<Int32Type>();
                let out: Date32Array = dates
                    .iter()
                    .zip(months.iter())
                    .map(|(days, count)| add_months(date_of(days?)?, count?).map(days_of))
                    .collect();
                Arc::new(out)
            }
            Operation::Trunc => {
                let units = cast(&args.args[1].to_array(rows)?, &DataType::Utf8)?;
                let units = units.as_string::<i32>();
                let out: Date32Array = dates
                    .iter()
                    .zip(units.iter())
                    .map(|(days, unit)| truncate(date_of(days?)?, unit?).map(days_of))
                    .collect();
                Arc::new(out)
            }
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
    fn clamps_to_the_end_of_the_month() {
        let january = NaiveDate::from_ymd_opt(2020, 1, 31);
        assert_eq!(january.and_then(|date| add_months(date, 1)), NaiveDate::from_ymd_opt(2020, 2, 29));
        assert_eq!(january.and_then(|date| add_months(date, -13)), NaiveDate::from_ymd_opt(2018, 12, 31));
        assert_eq!(january.and_then(|date| truncate(date, "week")), NaiveDate::from_ymd_opt(2020, 1, 27));
        assert_eq!(january.and_then(|date| truncate(date, "day")), None);
    }
}
