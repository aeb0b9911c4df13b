// SPDX-License-Identifier: Apache-2.0
//! `min` and `max` that order NaN above every other number, as Spark does
//! (`max` of `[NaN, 1.0]` is NaN, `min` is 1.0).
//!
//! DataFusion's accumulators compare floats with `partial_cmp`, so their result
//! over NaN depends on the order rows arrive in. These wrap DataFusion's own
//! `min`/`max`: floating-point inputs get the accumulator below, every other
//! type keeps DataFusion's (faster, grouped) implementation.

use std::cmp::Ordering;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, Float32Type, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, Signature};

/// Which extreme to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Extreme {
    Smallest,
    Largest,
}

/// DataFusion's `min` or `max`, with Spark's NaN ordering for floats.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct NanAwareMinMax {
    inner: Arc<AggregateUDF>,
    extreme: Extreme,
}

impl NanAwareMinMax {
    /// The `min` (Smallest) or `max` (Largest) to register in place of DataFusion's.
    pub(crate) fn new(extreme: Extreme) -> Self {
        let inner = match extreme {
            Extreme::Smallest => datafusion::functions_aggregate::min_max::min_udaf(),
            Extreme::Largest => datafusion::functions_aggregate::min_max::max_udaf(),
        };
        NanAwareMinMax { inner, extreme }
    }
}

fn is_float(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Float32 | DataType::Float64)
}

impl AggregateUDFImpl for NanAwareMinMax {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(argument_types)
    }

    fn coerce_types(&self, argument_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(argument_types)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        match args.return_field.data_type() {
            data_type if is_float(data_type) => {
                Ok(Box::new(NanAwareAccumulator { data_type: data_type.clone(), extreme: self.extreme, current: None }))
            }
            _ => self.inner.accumulator(args),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !is_float(args.return_field.data_type()) && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn is_descending(&self) -> Option<bool> {
        self.inner.is_descending()
    }
}

/// Spark's float order: NaN equals NaN and is above everything else.
fn spark_order(left: f64, right: f64) -> Ordering {
    match (left.is_nan(), right.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => left.partial_cmp(&right).unwrap_or(Ordering::Equal),
    }
}

#[derive(Debug)]
struct NanAwareAccumulator {
    data_type: DataType,
    extreme: Extreme,
    current: Option<f64>,
}

impl NanAwareAccumulator {
    fn offer(&mut self, value: f64) {
        let keep_new = match self.current {
            None => true,
            Some(current) => match self.extreme {
                Extreme::Largest => spark_order(value, current) == Ordering::Greater,
                Extreme::Smallest => spark_order(value, current) == Ordering::Less,
            },
        };
        if keep_new {
            self.current = Some(value);
        }
    }

    fn result(&self) -> Result<ScalarValue> {
        Ok(match self.data_type {
            #[expect(clippy::cast_possible_truncation, reason = "the value came from a float32 column")]
            DataType::Float32 => ScalarValue::Float32(self.current.map(|value| value as f32)),
            _ => ScalarValue::Float64(self.current),
        })
    }
}

impl Accumulator for NanAwareAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return exec_err!("min/max takes one argument");
        };
        match values.data_type() {
            DataType::Float64 => values.as_primitive::<Float64Type>().iter().flatten().for_each(|value| self.offer(value)),
            DataType::Float32 => values
                .as_primitive::<Float32Type>()
                .iter()
                .flatten()
                .for_each(|value| self.offer(f64::from(value))),
            other => return exec_err!("NaN-aware min/max over {other}"),
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.update_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.result()?])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.result()
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_is_above_infinity_and_equal_to_itself() {
        assert_eq!(spark_order(f64::NAN, f64::INFINITY), Ordering::Greater);
        assert_eq!(spark_order(1.0, f64::NAN), Ordering::Less);
        assert_eq!(spark_order(f64::NAN, -f64::NAN), Ordering::Equal);
        assert_eq!(spark_order(-1.0, 2.0), Ordering::Less);
    }
}
