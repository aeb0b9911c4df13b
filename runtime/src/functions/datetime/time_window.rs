// SPDX-License-Identifier: Apache-2.0
//! Tumbling time windows: `time_window(ts, width, offset)` is the struct
//! `{start, end}` of the window of `width` microseconds, its starts `offset`
//! microseconds after multiples of `width` since the epoch, that `ts` falls
//! in (Spark's `TimeWindowing` rule for a window whose slide is its width);
//! `window_time(window)` is the last microsecond of a window. The analyzer
//! parses the durations, checks them and drops rows whose `ts` is null, as
//! Spark does.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StructArray, TimestampMicrosecondArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Fields, Int64Type, TimeUnit, TimestampMicrosecondType};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

fn timestamp_type(zoned: bool) -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, zoned.then(|| "UTC".into()))
}

fn window_fields(zoned: bool) -> Fields {
    Fields::from(vec![Field::new("start", timestamp_type(zoned), true), Field::new("end", timestamp_type(zoned), true)])
}

fn finish(out: ArrayRef, args: &ScalarFunctionArgs) -> Result<ColumnarValue> {
    if args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_))) && out.len() == 1 {
        return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?));
    }
    Ok(ColumnarValue::Array(out))
}

/// The start of the window of `width` with starts at `offset` that `micros` falls in.
fn window_start(micros: i64, width: i64, offset: i64) -> Option<i64> {
    let remainder = micros.checked_sub(offset)?.checked_rem_euclid(width)?;
    micros.checked_sub(remainder)
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct TimeWindow {
    signature: Signature,
}

impl TimeWindow {
    pub(crate) fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(TimeWindow { signature: Signature::any(3, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for TimeWindow {
    fn name(&self) -> &str {
        "time_window"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let zoned = matches!(argument_types.first(), Some(DataType::Timestamp(_, Some(_))));
        Ok(DataType::Struct(window_fields(zoned)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [stamps, widths, offsets] = args.args.as_slice() else {
            return exec_err!("time_window takes three arguments");
        };
        let zoned = matches!(stamps.data_type(), DataType::Timestamp(_, Some(_)));
        let rows = args.number_rows;
        let stamps = cast(&stamps.to_array(rows)?, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let stamps = stamps.as_primitive::<TimestampMicrosecondType>();
        let widths = cast(&widths.to_array(rows)?, &DataType::Int64)?;
        let widths = widths.as_primitive::<Int64Type>();
        let offsets = cast(&offsets.to_array(rows)?, &DataType::Int64)?;
        let offsets = offsets.as_primitive::<Int64Type>();
        let mut starts = Vec::with_capacity(rows);
        let mut ends = Vec::with_capacity(rows);
        for row in 0..rows {
            if stamps.is_null(row) || widths.is_null(row) || offsets.is_null(row) {
                starts.push(None);
                ends.push(None);
                continue;
            }
            let width = widths.value(row);
            let start = window_start(stamps.value(row), width, offsets.value(row));
            let end = start.and_then(|start| start.checked_add(width));
            let (Some(start), Some(end)) = (start, end) else {
                return Err(DataFusionError::Execution("time_window: the window overflows".into()));
            };
            starts.push(Some(start));
            ends.push(Some(end));
        }
        let column = |values: Vec<Option<i64>>| -> ArrayRef {
            let array = TimestampMicrosecondArray::from(values);
            Arc::new(if zoned { array.with_timezone("UTC") } else { array })
        };
        let out = StructArray::try_new(window_fields(zoned), vec![column(starts), column(ends)], None)?;
        finish(Arc::new(out), &args)
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct WindowTime {
    signature: Signature,
}

impl WindowTime {
    pub(crate) fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(WindowTime { signature: Signature::any(1, Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for WindowTime {
    fn name(&self) -> &str {
        "window_time"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.first() {
            Some(DataType::Struct(fields)) if fields.len() == 2 => Ok(fields[1].data_type().clone()),
            other => exec_err!("window_time takes a window struct, got {other:?}"),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [windows] = args.args.as_slice() else {
            return exec_err!("window_time takes one argument");
        };
        let windows = windows.to_array(args.number_rows)?;
        let windows = windows.as_struct();
        let ends = windows.column(1);
        let zone = match ends.data_type() {
            DataType::Timestamp(_, zone) => zone.clone(),
            other => return exec_err!("window_time: the window's end is {other}"),
        };
        let micros = cast(ends, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        let micros = micros.as_primitive::<TimestampMicrosecondType>();
        let out: TimestampMicrosecondArray = (0..micros.len())
            .map(|row| if windows.is_null(row) || micros.is_null(row) { None } else { micros.value(row).checked_sub(1) })
            .collect();
        let out: ArrayRef = Arc::new(out.with_timezone_opt(zone));
        finish(out, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_at_multiples_of_their_width() {
        assert_eq!(window_start(1_457_686_807_000_000, 5_000_000, 0), Some(1_457_686_805_000_000));
        assert_eq!(window_start(-1_500_000, 5_000_000, 0), Some(-5_000_000));
        assert_eq!(window_start(7_000_000, 10_000_000, 3_000_000), Some(3_000_000));
        assert_eq!(window_start(2_000_000, 10_000_000, 3_000_000), Some(-7_000_000));
    }
}
