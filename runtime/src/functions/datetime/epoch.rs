// SPDX-License-Identifier: Apache-2.0
//! Timestamps from and to counts since the epoch: `timestamp_seconds`,
//! `timestamp_millis`, `timestamp_micros`, `unix_seconds`, `unix_millis`,
//! `unix_micros`.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int64Array, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Float64Type, Int64Type, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{DataFusionError, Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;

/// `name(count)`: the instant `count` units of `micros_per_unit` after the epoch.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FromEpoch {
    name: &'static str,
    micros_per_unit: i64,
    signature: Signature,
}

impl FromEpoch {
    pub(crate) fn udf(name: &'static str, micros_per_unit: i64) -> ScalarUDF {
        ScalarUDF::new_from_impl(FromEpoch { name, micros_per_unit, signature: Signature::any(1, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for FromEpoch {
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
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name);
        };
        super::super::apply_unary(value, |values| {
            let out: TimestampMicrosecondArray = if matches!(values.data_type(), DataType::Float32 | DataType::Float64) {
                let numbers = cast(values, &DataType::Float64)?;
                numbers
                    .as_primitive::<Float64Type>()
                    .iter()
                    .map(|number| {
                        number.filter(|number| number.is_finite()).map(|number| {
                            // Spark's `(d * MICROS_PER_SECOND).toLong`: saturating, toward zero.
                            (number * self.micros_per_unit as f64) as i64
                        })
                    })
                    .collect()
            } else {
                let counts = cast(values, &DataType::Int64)?;
                let mut out = Vec::with_capacity(counts.len());
                for count in counts.as_primitive::<Int64Type>().iter() {
                    out.push(match count {
                        None => None,
                        Some(count) => Some(count.checked_mul(self.micros_per_unit).ok_or_else(overflow)?),
                    });
                }
                TimestampMicrosecondArray::from(out)
            };
            Ok(Arc::new(out.with_timezone("UTC")) as ArrayRef)
        })
    }
}

fn overflow() -> DataFusionError {
    let parameters = [("message", "long overflow".to_string()), ("alternative", String::new()), ("config", crate::error_mapping::ANSI_CONFIG.to_string())];
    DataFusionError::External(Box::new(Error::execution(
        "ARITHMETIC_OVERFLOW",
        parameters,
        "[ARITHMETIC_OVERFLOW] long overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
    )))
}

/// `name(timestamp)`: whole units of `micros_per_unit` since the epoch, rounded down.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ToEpoch {
    name: &'static str,
    micros_per_unit: i64,
    signature: Signature,
}

impl ToEpoch {
    pub(crate) fn udf(name: &'static str, micros_per_unit: i64) -> ScalarUDF {
        ScalarUDF::new_from_impl(ToEpoch { name, micros_per_unit, signature: Signature::any(1, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for ToEpoch {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name);
        };
        super::super::apply_unary(value, |values| {
            let micros = cast(values, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
            let out: Int64Array = micros
                .as_primitive::<TimestampMicrosecondType>()
                .iter()
                .map(|micros| micros.map(|micros| micros.div_euclid(self.micros_per_unit)))
                .collect();
            Ok(Arc::new(out) as ArrayRef)
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rounds_down_before_the_epoch() {
        assert_eq!((-1_i64).div_euclid(1_000_000), -1);
    }
}
