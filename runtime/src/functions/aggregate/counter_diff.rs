// SPDX-License-Identifier: Apache-2.0
//! Spark 4.3's `counter_diff(value[, start_time]) OVER (... ORDER BY ...)`:
//! a cumulative counter's increase since the previous non-null value of the
//! partition, NULL on a reset (the value went down, or the start time moved
//! forward) and for the first value. A row with a null value is NULL and
//! leaves the state alone; a null start time never resets, and is the one the
//! next row compares with. A negative value is Spark's
//! `COUNTER_DIFF_NEGATIVE_COUNTER_VALUE`, a start time going back
//! `COUNTER_DIFF_START_TIME_DECREASED` (written in the column's time zone). It runs as an aggregate over the
//! frame Spark fixes (`ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`),
//! whose rows DataFusion feeds it one by one: the state is the previous
//! value and start time, the result the last row's difference. Values
//! compare as Spark's SQL does (NaN above everything).

use std::cmp::Ordering;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Field, FieldRef, Float64Type, Int64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::functions::datetime::zone::{local_of, parse_zone, spark_timestamp_string};

/// A counter value in the type its arithmetic runs in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Integer(i64),
    Float(f64),
    /// A decimal's unscaled value.
    Decimal(i128),
}

impl Number {
    fn is_negative(self) -> bool {
        match self {
            Number::Integer(value) => value < 0,
            Number::Float(value) => value < 0.0,
            Number::Decimal(value) => value < 0,
        }
    }

    /// Spark's SQL order: NaN is the largest double, -0.0 equals 0.0.
    fn compare(self, other: Number) -> Ordering {
        match (self, other) {
            (Number::Integer(left), Number::Integer(right)) => left.cmp(&right),
            (Number::Decimal(left), Number::Decimal(right)) => left.cmp(&right),
            (Number::Float(left), Number::Float(right)) => match (left.is_nan(), right.is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => left.partial_cmp(&right).unwrap_or(Ordering::Equal),
            },
            _ => Ordering::Equal,
        }
    }

    fn minus(self, other: Number) -> Number {
        match (self, other) {
            (Number::Integer(left), Number::Integer(right)) => Number::Integer(left.wrapping_sub(right)),
            (Number::Decimal(left), Number::Decimal(right)) => Number::Decimal(left.wrapping_sub(right)),
            (Number::Float(left), Number::Float(right)) => Number::Float(left - right),
            (left, _) => left,
        }
    }

    fn shown(self, data_type: &DataType) -> String {
        match self {
            Number::Integer(value) => value.to_string(),
            Number::Float(value) => ScalarValue::Float64(Some(value)).to_string(),
            Number::Decimal(value) => match data_type {
                DataType::Decimal128(precision, scale) => ScalarValue::Decimal128(Some(value), *precision, *scale).to_string(),
                _ => value.to_string(),
            },
        }
    }
}

/// The working type of values of `data_type`.
fn working_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Float16 | DataType::Float32 | DataType::Float64 | DataType::Null => DataType::Float64,
        DataType::Decimal128(_, _) => data_type.clone(),
        _ => DataType::Int64,
    }
}

fn numbers(values: &ArrayRef) -> Result<Vec<Option<Number>>> {
    let working = cast(values, &working_type(values.data_type()))?;
    Ok(match working.data_type() {
        DataType::Float64 => working.as_primitive::<Float64Type>().iter().map(|value| value.map(Number::Float)).collect(),
        DataType::Decimal128(_, _) => working.as_primitive::<Decimal128Type>().iter().map(|value| value.map(Number::Decimal)).collect(),
        _ => working.as_primitive::<Int64Type>().iter().map(|value| value.map(Number::Integer)).collect(),
    })
}

/// Spark's `counter_diff` (a window function run as an aggregate over a growing frame).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CounterDiff {
    signature: Signature,
}

impl CounterDiff {
    pub(crate) fn new() -> Self {
        CounterDiff { signature: Signature::variadic_any(Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for CounterDiff {
    fn name(&self) -> &str {
        "counter_diff"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.first() {
            Some(DataType::Null) => Ok(DataType::Float64),
            Some(value_type) => Ok(value_type.clone()),
            None => exec_err!("counter_diff takes a value"),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        // Only run over a window frame, which never merges partial states.
        Ok(vec![Field::new(format_state_name(args.name, "unused"), DataType::Null, true).into()])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(CounterDiffAccumulator {
            result_type: args.return_field.data_type().clone(),
            previous: None,
            previous_start: None,
            start_zone: None,
            difference: None,
        }))
    }
}

#[derive(Debug)]
struct CounterDiffAccumulator {
    result_type: DataType,
    previous: Option<Number>,
    previous_start: Option<i64>,
    /// The start times' zone (none for `TIMESTAMP_NTZ`).
    start_zone: Option<String>,
    /// The last row's result.
    difference: Option<Number>,
}

impl CounterDiffAccumulator {
    fn add(&mut self, value: Option<Number>, start: Option<i64>) -> Result<()> {
        let Some(value) = value else {
            self.difference = None;
            return Ok(());
        };
        if value.is_negative() {
            let shown = value.shown(&self.result_type);
            return Err(DataFusionError::External(Box::new(Error::execution(
                "COUNTER_DIFF_NEGATIVE_COUNTER_VALUE",
                [("value", shown.clone()), ("function", "`counter_diff`".to_string())],
                format!(
                    "[COUNTER_DIFF_NEGATIVE_COUNTER_VALUE] A negative counter value {shown} was provided to function `counter_diff`. Negative counter values are not allowed."
                ),
            ))));
        }
        if let (Some(start), Some(previous)) = (start, self.previous_start)
            && start < previous
        {
            let (previous, current) = (self.written(previous)?, self.written(start)?);
            return Err(DataFusionError::External(Box::new(Error::execution(
                "COUNTER_DIFF_START_TIME_DECREASED",
                [("function", "`counter_diff`".to_string()), ("previousStartTime", previous.clone()), ("currentStartTime", current.clone())],
                format!(
                    "[COUNTER_DIFF_START_TIME_DECREASED] Start time provided to function `counter_diff` decreased from {previous} to {current}. Start time is required to be non-decreasing."
                ),
            ))));
        }
        let restarted = matches!((start, self.previous_start), (Some(start), Some(previous)) if start > previous);
        self.difference = match self.previous {
            Some(previous) if !restarted && value.compare(previous) != Ordering::Less => Some(value.minus(previous)),
            _ => None,
        };
        self.previous = Some(value);
        self.previous_start = start;
        Ok(())
    }

    /// A start time as Spark writes it in messages.
    fn written(&self, micros: i64) -> Result<String> {
        let zone = parse_zone(self.start_zone.as_deref().unwrap_or("UTC"))?;
        Ok(local_of(micros, &zone).map_or_else(|| micros.to_string(), spark_timestamp_string))
    }
}

impl Accumulator for CounterDiffAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("counter_diff without a value");
        };
        let counters = numbers(column)?;
        let starts: Vec<Option<i64>> = match values.get(1) {
            Some(starts) => {
                if let DataType::Timestamp(_, zone) = starts.data_type() {
                    self.start_zone = zone.as_deref().map(str::to_string);
                }
                cast(starts, &DataType::Int64)?.as_primitive::<Int64Type>().iter().collect()
            }
            None => vec![None; counters.len()],
        };
        for (value, start) in counters.into_iter().zip(starts) {
            self.add(value, start)?;
        }
        Ok(())
    }

    fn merge_batch(&mut self, _states: &[ArrayRef]) -> Result<()> {
        exec_err!("counter_diff is a window function: it needs an OVER clause")
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Null])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let working = match self.difference {
            None => return ScalarValue::try_from(&self.result_type),
            Some(Number::Integer(value)) => ScalarValue::Int64(Some(value)),
            Some(Number::Float(value)) => ScalarValue::Float64(Some(value)),
            Some(Number::Decimal(value)) => match self.result_type {
                DataType::Decimal128(precision, scale) => ScalarValue::Decimal128(Some(value), precision, scale),
                _ => return exec_err!("counter_diff: a decimal difference of {}", self.result_type),
            },
        };
        working.cast_to(&self.result_type)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_and_resets_as_spark() -> Result<()> {
        // Spark 4.3's docstring: 100, 200, 400, 50, 100 -> NULL, 100, 200, NULL, 50.
        let mut accumulator = CounterDiffAccumulator { result_type: DataType::Int32, previous: None, previous_start: None, start_zone: None, difference: None };
        let mut shown = vec![];
        for value in [100, 200, 400, 50, 100] {
            accumulator.add(Some(Number::Integer(value)), None)?;
            shown.push(accumulator.difference);
        }
        let expected = [None, Some(100), Some(200), None, Some(50)].map(|value| value.map(Number::Integer));
        assert_eq!(shown, expected);
        // A NaN is the largest value: after it, 2.0 is a reset.
        let mut accumulator = CounterDiffAccumulator { result_type: DataType::Float64, previous: None, previous_start: None, start_zone: None, difference: None };
        accumulator.add(Some(Number::Float(f64::NAN)), None)?;
        accumulator.add(Some(Number::Float(2.0)), None)?;
        assert_eq!(accumulator.difference, None);
        Ok(())
    }
}
