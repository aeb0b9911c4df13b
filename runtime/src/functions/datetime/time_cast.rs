// SPDX-License-Identifier: Apache-2.0
//! Casts between `TIMESTAMP` (an instant) and the types that have no zone
//! (strings, dates, `TIMESTAMP_NTZ`, seconds), in the session time zone, as
//! Spark casts them. Arrow's casts use the zone of the Arrow type, which is
//! always UTC in our plans.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Date32Array, Int64Array, StringArray, Time64MicrosecondArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Date32Type, Time64MicrosecondType, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{DataFusionError, Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use super::time_of_day::{parse_spark_time, spark_time_string};
use super::zone::{
    date_of, days_of, instant_of, local_of, micros_of_naive, naive_of, parse_spark_timestamp, session_zone,
    spark_timestamp_string,
};
use crate::error::Error;
use crate::error_mapping::ANSI_CONFIG;

/// A cast that depends on the session time zone.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SessionTimeCast {
    target: DataType,
    /// Spark's ANSI `CAST` (an error on a malformed string) rather than `TRY_CAST` (null).
    ansi: bool,
    signature: Signature,
}

fn is_string(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_instant(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Timestamp(TimeUnit::Microsecond, Some(_)))
}

fn is_time(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Time64(TimeUnit::Microsecond))
}

fn is_ntz(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Timestamp(TimeUnit::Microsecond, None))
}

impl SessionTimeCast {
    /// Whether a cast from `source` to `target` depends on the session time zone.
    pub(crate) fn converts(source: &DataType, target: &DataType) -> bool {
        (is_instant(target) && (is_string(source) || is_ntz(source) || *source == DataType::Date32))
            || (is_instant(source)
                && (is_string(target) || is_ntz(target) || *target == DataType::Date32 || *target == DataType::Int64))
            || (is_ntz(source) && is_string(target))
            || (is_string(source) && is_ntz(target))
            || (is_string(source) && is_time(target))
            || (is_time(source) && is_string(target))
    }

    pub(crate) fn new(target: DataType, ansi: bool) -> Self {
        SessionTimeCast { target, ansi, signature: Signature::any(1, Volatility::Stable) }
    }

    /// The type values are cast to.
    pub(crate) fn target(&self) -> &DataType {
        &self.target
    }

    /// Whether this is a `CAST` (an error on a malformed string) rather than a `TRY_CAST`.
    pub(crate) fn ansi(&self) -> bool {
        self.ansi
    }
}

impl ScalarUDFImpl for SessionTimeCast {
    fn name(&self) -> &str {
        if self.ansi { "spark_session_time_cast" } else { "spark_session_time_try_cast" }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.target.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name());
        };
        let zone = session_zone(&args.config_options)?;
        super::super::apply_unary(value, |values| self.cast(values, &zone))
    }
}

impl SessionTimeCast {
    fn cast(&self, values: &ArrayRef, zone: &arrow::array::timezone::Tz) -> Result<ArrayRef> {
        let source = values.data_type();
        let target = &self.target;
        if is_string(source) && is_time(target) {
            let strings = cast(values, &DataType::Utf8)?;
            let strings = strings.as_string::<i32>();
            let mut out = Vec::with_capacity(strings.len());
            for text in strings.iter() {
                let Some(text) = text else {
                    out.push(None);
                    continue;
                };
                let micros = parse_spark_time(text);
                if micros.is_none() && self.ansi {
                    return Err(invalid_input(text, target));
                }
                out.push(micros);
            }
            return Ok(Arc::new(Time64MicrosecondArray::from(out)));
        }
        if is_time(source) {
            let times = values.as_primitive::<Time64MicrosecondType>();
            let out: StringArray = times.iter().map(|micros| micros.map(spark_time_string)).collect();
            return Ok(Arc::new(out));
        }
        if is_string(source) {
            let strings = cast(values, &DataType::Utf8)?;
            let strings = strings.as_string::<i32>();
            let mut out = Vec::with_capacity(strings.len());
            for text in strings.iter() {
                let Some(text) = text else {
                    out.push(None);
                    continue;
                };
                let micros = parse_spark_timestamp(text).and_then(|(local, written)| {
                    if is_ntz(target) {
                        Some(micros_of_naive(local))
                    } else {
                        instant_of(local, written.as_ref().unwrap_or(zone))
                    }
                });
                if micros.is_none() && self.ansi {
                    return Err(invalid_input(text, target));
                }
                out.push(micros);
            }
            return Ok(with_type(Arc::new(TimestampMicrosecondArray::from(out)), target));
        }
        if *source == DataType::Date32 {
            let dates = values.as_primitive::<Date32Type>();
            let out: TimestampMicrosecondArray = dates
                .iter()
                .map(|days| days.and_then(date_of).and_then(|date| instant_of(date.and_hms_opt(0, 0, 0)?, zone)))
                .collect();
            return Ok(with_type(Arc::new(out), target));
        }
        if is_ntz(source) {
            let micros = values.as_primitive::<TimestampMicrosecondType>();
            if is_string(target) {
                let out: StringArray = micros.iter().map(|value| value.and_then(naive_of).map(spark_timestamp_string)).collect();
                return Ok(cast(&(Arc::new(out) as ArrayRef), target)?);
            }
            let out: TimestampMicrosecondArray =
                micros.iter().map(|value| value.and_then(naive_of).and_then(|local| instant_of(local, zone))).collect();
            return Ok(with_type(Arc::new(out), target));
        }
        let micros = values.as_primitive::<TimestampMicrosecondType>();
        let locals = micros.iter().map(|value| value.and_then(|micros| local_of(micros, zone)));
        let out: ArrayRef = match target {
            DataType::Date32 => Arc::new(locals.map(|local| local.map(|local| days_of(local.date()))).collect::<Date32Array>()),
            DataType::Int64 => Arc::new(micros.iter().map(|value| value.map(|micros| micros.div_euclid(1_000_000))).collect::<Int64Array>()),
            DataType::Timestamp(..) => with_type(Arc::new(locals.map(|local| local.map(micros_of_naive)).collect::<TimestampMicrosecondArray>()), target),
            _ => cast(&(Arc::new(locals.map(|local| local.map(spark_timestamp_string)).collect::<StringArray>()) as ArrayRef), target)?,
        };
        Ok(out)
    }
}

/// A microsecond timestamp array labelled with the target's zone.
fn with_type(values: ArrayRef, target: &DataType) -> ArrayRef {
    match target {
        DataType::Timestamp(TimeUnit::Microsecond, Some(zone)) => {
            Arc::new(values.as_primitive::<TimestampMicrosecondType>().clone().with_timezone(zone.as_ref()))
        }
        _ => values,
    }
}

/// Spark's `CAST_INVALID_INPUT` for a string that is not a timestamp.
pub(crate) fn invalid_input(text: &str, target: &DataType) -> DataFusionError {
    let target_name = if is_ntz(target) {
        "\"TIMESTAMP_NTZ\""
    } else if is_time(target) {
        "\"TIME(6)\""
    } else {
        "\"TIMESTAMP\""
    };
    let parameters = [
        ("expression", format!("'{text}'")),
        ("sourceType", "\"STRING\"".to_string()),
        ("targetType", target_name.to_string()),
        ("ansiConfig", ANSI_CONFIG.to_string()),
    ];
    let message = format!(
        "[CAST_INVALID_INPUT] The value '{text}' of the type \"STRING\" cannot be cast to {target_name} because it is malformed."
    );
    DataFusionError::External(Box::new(Error::execution("CAST_INVALID_INPUT", parameters, message)))
}
