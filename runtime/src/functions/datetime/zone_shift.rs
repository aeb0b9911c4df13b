// SPDX-License-Identifier: Apache-2.0
//! `from_utc_timestamp(ts, tz)` and `to_utc_timestamp(ts, tz)`: a timestamp's
//! wall-clock time moved between UTC and `tz`, as Spark's `convertTz`.
//! `from_utc_timestamp` reads the wall-clock time of `ts` in `tz` and takes it
//! as a UTC time; `to_utc_timestamp` takes the UTC wall-clock time of `ts` as a
//! time of `tz`. A time zone Spark cannot resolve gives null.

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

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
