// SPDX-License-Identifier: Apache-2.0
//! `from_utc_timestamp(ts, tz)` and `to_utc_timestamp(ts, tz)`: a timestamp's
//! wall-clock time moved between UTC and `tz`, as Spark's `convertTz`.
//! `from_utc_timestamp` reads the wall-clock time of `ts` in `tz` and takes it
//! as a UTC time; `to_utc_timestamp` takes the UTC wall-clock time of `ts` as a
//! time of `tz`. A time zone Spark cannot resolve gives null.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::errors::zone_argument;
use super::zone::{instant_of, local_of, micros_of_naive, naive_of, parse_zone};

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ShiftZone {
    name: &'static str,
    from_utc: bool,
    signature: Signature,
}

impl ShiftZone {
    pub(crate) fn udf(name: &'static str, from_utc: bool) -> ScalarUDF {
        ScalarUDF::new_from_impl(ShiftZone { name, from_utc, signature: Signature::any(2, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for ShiftZone {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [timestamps, zones] = args.args.as_slice() else {
            return exec_err!("{} takes two arguments", self.name);
        };
        let all_scalar = matches!((timestamps, zones), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_)));
        let rows = args.number_rows;
        let timestamps = cast(&timestamps.to_array(rows)?, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let zones = cast(&zones.to_array(rows)?, &DataType::Utf8)?;
        let out: TimestampMicrosecondArray = timestamps
            .as_primitive::<TimestampMicrosecondType>()
            .iter()
            .zip(zones.as_string::<i32>().iter())
            .map(|(micros, zone)| {
                let zone = parse_zone(zone?).ok()?;
                if self.from_utc {
                    local_of(micros?, &zone).map(micros_of_naive)
                } else {
                    instant_of(naive_of(micros?)?, &zone)
                }
            })
            .collect();
        let out: ArrayRef = Arc::new(out.with_timezone("UTC"));
        if all_scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&out, 0)?));
        }
        Ok(ColumnarValue::Array(out))
    }
}

/// `convert_timezone(sourceTz, targetTz, ts)`: the local date-time `ts`
/// (`TIMESTAMP_NTZ`) of `sourceTz` as the local date-time of the same instant
/// in `targetTz`, as Spark's `convertTimestampNtzToAnotherTz`; a zone Spark
/// cannot resolve is `INVALID_TIMEZONE`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ConvertZone {
    signature: Signature,
}

impl ConvertZone {
    pub(crate) fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(ConvertZone { signature: Signature::any(3, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for ConvertZone {
    fn name(&self) -> &str {
        "convert_timezone"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Microsecond, None))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [sources, targets, timestamps] = args.args.as_slice() else {
            return exec_err!("convert_timezone takes three arguments");
        };
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let rows = args.number_rows;
        let sources = cast(&sources.to_array(rows)?, &DataType::Utf8)?;
        let targets = cast(&targets.to_array(rows)?, &DataType::Utf8)?;
        let timestamps = cast(&timestamps.to_array(rows)?, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let (sources, targets) = (sources.as_string::<i32>(), targets.as_string::<i32>());
        let timestamps = timestamps.as_primitive::<TimestampMicrosecondType>();
        let mut out = Vec::with_capacity(rows);
        for row in 0..rows {
            if sources.is_null(row) || targets.is_null(row) || timestamps.is_null(row) {
                out.push(None);
                continue;
            }
            let source = zone_argument(sources.value(row))?;
            let target = zone_argument(targets.value(row))?;
            let instant = naive_of(timestamps.value(row)).and_then(|local| instant_of(local, &source));
            out.push(instant.and_then(|micros| local_of(micros, &target)).map(micros_of_naive));
        }
        let out: ArrayRef = Arc::new(TimestampMicrosecondArray::from(out));
        if all_scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&out, 0)?));
        }
        Ok(ColumnarValue::Array(out))
    }
}
