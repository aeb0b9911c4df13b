// SPDX-License-Identifier: Apache-2.0
//! `make_interval`, `make_dt_interval` and `make_ym_interval`, as Spark's
//! `MakeInterval`, `MakeDTInterval` and `MakeYMInterval`: fields are `INT`s,
//! seconds a `DECIMAL(18, 6)`; each field is multiplied into the interval's
//! unit and summed with Java's exact arithmetic. An overflow is
//! `ARITHMETIC_OVERFLOW` for `make_interval` (or null, when its last argument
//! says so: `try_make_interval` and outside ANSI mode) and
//! `INTERVAL_ARITHMETIC_OVERFLOW` for the ANSI intervals. A year-month
//! interval is an `Int32` of months (see `interval.rs`).

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, DurationMicrosecondArray, IntervalMonthDayNanoArray,
    Int32Array,
};
use arrow::datatypes::{
    DataType, Decimal128Type, Int32Type, IntervalMonthDayNano, IntervalUnit, TimeUnit,
};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use crate::error::Error;
use crate::error_mapping::overflow_parameters;

const MICROS_PER_DAY: i64 = 86_400_000_000;
const MICROS_PER_HOUR: i64 = 3_600_000_000;
const MICROS_PER_MINUTE: i64 = 60_000_000;

fn interval_overflow() -> DataFusionError {
    let message = "[INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION] Integer overflow while operating with intervals. \
                   Try devising appropriate values for the interval parameters.";
    DataFusionError::External(Box::new(Error::execution(
        "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION",
        [],
        message,
    )))
}

fn arithmetic_overflow() -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(
        "ARITHMETIC_OVERFLOW",
        overflow_parameters("overflow", ""),
        "overflow",
    )))
}

/// The arguments as arrays of the call's rows, and whether all were scalars.
fn arrays(args: &ScalarFunctionArgs) -> Result<(Vec<ArrayRef>, bool)> {
    let all_scalar = args
        .args
        .iter()
        .all(|value| matches!(value, ColumnarValue::Scalar(_)));
    let rows = if all_scalar { 1 } else { args.number_rows };
    let arrays = args
        .args
        .iter()
        .map(|value| value.to_array(rows))
        .collect::<Result<Vec<_>>>()?;
    Ok((arrays, all_scalar))
}

fn finish(result: ArrayRef, all_scalar: bool) -> Result<ColumnarValue> {
    if all_scalar {
        Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
            &result, 0,
        )?))
    } else {
        Ok(ColumnarValue::Array(result))
    }
}

/// The `INT` fields of a row, or `None` when one is null.
fn int_fields(arrays: &[ArrayRef], row: usize) -> Result<Option<Vec<i64>>> {
    let mut fields = Vec::with_capacity(arrays.len());
    for array in arrays {
        let Some(ints) = array.as_primitive_opt::<Int32Type>() else {
            return exec_err!("interval fields must be INT, got {}", array.data_type());
        };
        if ints.is_null(row) {
            return Ok(None);
        }
        fields.push(i64::from(ints.value(row)));
    }
    Ok(Some(fields))
}

/// The unscaled `DECIMAL(18, 6)` seconds of a row (microseconds), or `None` when null.
fn seconds(array: &ArrayRef, row: usize) -> Result<Option<i64>> {
    let Some(decimals) = array.as_primitive_opt::<Decimal128Type>() else {
        return exec_err!(
            "interval seconds must be DECIMAL(18, 6), got {}",
            array.data_type()
        );
    };
    if decimals.is_null(row) {
        return Ok(None);
    }
    // DECIMAL(18, 6) holds at most 18 digits, which fit 64 bits.
    i64::try_from(decimals.value(row))
        .map(Some)
        .map_err(|_| arithmetic_overflow())
}

/// `micros + hours * MICROS_PER_HOUR + ...` with Java's exact arithmetic.
fn add_products(start: i64, terms: &[(i64, i64)]) -> Option<i64> {
    terms.iter().try_fold(start, |total, (amount, unit)| {
        total.checked_add(amount.checked_mul(*unit)?)
    })
}

macro_rules! simple_udf {
    ($type:ident) => {
        #[derive(Debug, PartialEq, Eq, Hash)]
        pub(crate) struct $type {
            signature: Signature,
        }

        impl $type {
            pub(crate) fn udf() -> ScalarUDF {
                ScalarUDF::new_from_impl($type {
                    signature: Signature::variadic_any(Volatility::Immutable),
                })
            }
        }
    };
}

simple_udf!(MakeInterval);
simple_udf!(MakeDayTime);
simple_udf!(MakeYearMonth);

/// Spark's `IntervalUtils.makeInterval`: (months, days, microseconds), `None` on overflow.
fn calendar_interval(fields: &[i64], micros: i64) -> Option<(i32, i32, i64)> {
    let [years, months, weeks, days, hours, minutes] = fields else {
        return None;
    };
    let months = i32::try_from(add_products(*months, &[(*years, 12)])?).ok()?;
    let days = i32::try_from(add_products(*days, &[(*weeks, 7)])?).ok()?;
    let micros = add_products(
        micros,
        &[(*hours, MICROS_PER_HOUR), (*minutes, MICROS_PER_MINUTE)],
    )?;
    Some((months, days, micros))
}

impl ScalarUDFImpl for MakeInterval {
    fn name(&self) -> &str {
        "make_interval"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::MonthDayNano))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 8 {
            return exec_err!(
                "make_interval takes 6 INT fields, seconds and whether to fail on overflow"
            );
        }
        let (arrays, all_scalar) = arrays(&args)?;
        let fail = match arrays[7].as_boolean_opt() {
            Some(flags) if !flags.is_empty() && !flags.is_null(0) => flags.value(0),
            _ => return exec_err!("make_interval's last argument must be a boolean literal"),
        };
        let rows = arrays[0].len();
        let mut values = Vec::with_capacity(rows);
        for row in 0..rows {
            let (Some(fields), Some(micros)) =
                (int_fields(&arrays[..6], row)?, seconds(&arrays[6], row)?)
            else {
                values.push(None);
                continue;
            };
            match calendar_interval(&fields, micros) {
                Some((months, days, micros)) => {
                    // Arrow's calendar interval counts nanoseconds: 64 bits hold ±106751 days of them.
                    let Some(nanoseconds) = micros.checked_mul(1000) else {
                        return Err(DataFusionError::External(Box::new(Error::unsupported(
                            "calendar intervals of more than 106751 days of hours, minutes and seconds",
                        ))));
                    };
                    values.push(Some(IntervalMonthDayNano::new(months, days, nanoseconds)));
                }
                None if fail => return Err(arithmetic_overflow()),
                None => values.push(None),
            }
        }
        finish(
            Arc::new(IntervalMonthDayNanoArray::from(values)),
            all_scalar,
        )
    }
}

impl ScalarUDFImpl for MakeDayTime {
    fn name(&self) -> &str {
        "make_dt_interval"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Duration(TimeUnit::Microsecond))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 4 {
            return exec_err!("make_dt_interval takes days, hours, minutes and seconds");
        }
        let (arrays, all_scalar) = arrays(&args)?;
        let rows = arrays[0].len();
        let mut values = Vec::with_capacity(rows);
        for row in 0..rows {
            let (Some(fields), Some(micros)) =
                (int_fields(&arrays[..3], row)?, seconds(&arrays[3], row)?)
            else {
                values.push(None);
                continue;
            };
            let terms = [
                (fields[0], MICROS_PER_DAY),
                (fields[1], MICROS_PER_HOUR),
                (fields[2], MICROS_PER_MINUTE),
            ];
            values.push(Some(
                add_products(micros, &terms).ok_or_else(interval_overflow)?,
            ));
        }
        finish(Arc::new(DurationMicrosecondArray::from(values)), all_scalar)
    }
}

impl ScalarUDFImpl for MakeYearMonth {
    fn name(&self) -> &str {
        "make_ym_interval"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 2 {
            return exec_err!("make_ym_interval takes years and months");
        }
        let (arrays, all_scalar) = arrays(&args)?;
        let rows = arrays[0].len();
        let mut values = Vec::with_capacity(rows);
        for row in 0..rows {
            let Some(fields) = int_fields(&arrays, row)? else {
                values.push(None);
                continue;
            };
            let months = add_products(fields[1], &[(fields[0], 12)])
                .and_then(|months| i32::try_from(months).ok());
            values.push(Some(months.ok_or_else(interval_overflow)?));
        }
        finish(Arc::new(Int32Array::from(values)), all_scalar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_fields_sum_into_months_days_and_micros() {
        let fields = [100, 11, 1, 1, 12, 30];
        assert_eq!(
            calendar_interval(&fields, 1_001_001),
            Some((1211, 8, 45_001_001_001))
        );
        assert_eq!(
            calendar_interval(&[i64::from(i32::MAX), 0, 0, 0, 0, 0], 0),
            None
        );
        assert_eq!(
            calendar_interval(&[0, 0, 0, 0, -1, -1], -1_500_000),
            Some((0, 0, -3_661_500_000))
        );
    }

    #[test]
    fn day_time_limit_is_java_longs() {
        assert_eq!(
            add_products(0, &[(106_751_991, MICROS_PER_DAY)]),
            Some(9_223_372_022_400_000_000)
        );
        assert_eq!(add_products(0, &[(106_751_992, MICROS_PER_DAY)]), None);
    }
}
