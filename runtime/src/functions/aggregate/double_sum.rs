// SPDX-License-Identifier: Apache-2.0
//! Spark's `sum` and `avg` of doubles, to the bit: values are added one at a
//! time in the order the rows come (`Sum.scala`: `coalesce(sum, 0.0) + value`;
//! `Average.scala`: `sum + value`, `count + 1`), and partial sums are merged
//! one at a time in the order they come, so that with Spark's partitions and
//! its merge order (`row_order`) the rounding is Spark's. DataFusion's own
//! accumulators add a batch with Arrow's `sum` kernel, which adds in lanes:
//! another rounding.
//!
//! Both wrap DataFusion's function of the same name, whose other paths
//! already agree with Spark's: its grouped accumulators add value by value,
//! and other types (integers, decimals) are exact. The one rewrite that
//! changes a double sum's rounding, `sum(x + c)` into
//! `sum(x) + c * count(x)`, is not taken.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, Float64Type, UInt64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Documentation, GroupsAccumulator, ReversedUDAF, SetMonotonicity,
    Signature, StatisticsArgs,
};

/// Which of the two functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Addition {
    Sum,
    Average,
}

/// DataFusion's `sum` or `avg`, adding doubles as Spark does.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct DoubleSum {
    addition: Addition,
    inner: Arc<AggregateUDF>,
}

impl DoubleSum {
    pub(crate) fn new(addition: Addition) -> Self {
        let inner = match addition {
            Addition::Sum => datafusion::functions_aggregate::sum::sum_udaf(),
            Addition::Average => datafusion::functions_aggregate::average::avg_udaf(),
        };
        DoubleSum { addition, inner }
    }
}

/// Whether `args` are added here rather than by DataFusion's accumulator.
fn adds_doubles(args: &AccumulatorArgs) -> bool {
    !args.is_distinct
        && args.return_field.data_type() == &DataType::Float64
        && args.expr_fields.first().is_some_and(|field| field.data_type() == &DataType::Float64)
}

impl AggregateUDFImpl for DoubleSum {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn aliases(&self) -> &[String] {
        self.inner.aliases()
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
        if !adds_doubles(&args) {
            return self.inner.accumulator(args);
        }
        Ok(match self.addition {
            Addition::Sum => Box::new(SumAccumulator::default()),
            Addition::Average => Box::new(AverageAccumulator::default()),
        })
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if adds_doubles(&args) { self.accumulator(args) } else { self.inner.create_sliding_accumulator(args) }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        // DataFusion's grouped sums add value by value (a fold per group), as Spark's.
        self.inner.create_groups_accumulator(args)
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn value_from_stats(&self, statistics_args: &StatisticsArgs) -> Option<ScalarValue> {
        // Exact statistics give exact integer sums; a double's would be added in another order.
        if statistics_args.return_type.is_floating() { None } else { self.inner.value_from_stats(statistics_args) }
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }

    fn set_monotonicity(&self, data_type: &DataType) -> SetMonotonicity {
        self.inner.inner().set_monotonicity(data_type)
    }
}

fn doubles(values: &[ArrayRef], index: usize) -> Result<&datafusion::arrow::array::Float64Array> {
    match values.get(index) {
        Some(array) if array.data_type() == &DataType::Float64 => Ok(array.as_primitive::<Float64Type>()),
        Some(array) => exec_err!("a sum of doubles got {}", array.data_type()),
        None => exec_err!("a sum of doubles without argument {index}"),
    }
}

/// Spark's `sum` of doubles: NULL until a value comes, then `0.0 + v1 + v2 ...`.
/// Values can leave it too (window frames that slide), as DataFusion's do.
#[derive(Debug, Default)]
struct SumAccumulator {
    sum: f64,
    /// How many non-null values (partial sums, when merging) the sum holds.
    count: u64,
}

impl SumAccumulator {
    fn current(&self) -> ScalarValue {
        ScalarValue::Float64((self.count > 0).then_some(self.sum))
    }
}

impl Accumulator for SumAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for value in doubles(values, 0)?.iter().flatten() {
            self.sum += value;
            self.count += 1;
        }
        Ok(())
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for value in doubles(values, 0)?.iter().flatten() {
            self.sum -= value;
            self.count = self.count.saturating_sub(1);
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        // The state is the partial sum itself, NULL for a partition without values.
        self.update_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.current()])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(self.current())
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

/// Spark's `avg` of doubles: `sum / count`, NULL without values. The state is
/// DataFusion's (`count`, `sum`).
#[derive(Debug, Default)]
struct AverageAccumulator {
    sum: f64,
    count: u64,
}

impl Accumulator for AverageAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for value in doubles(values, 0)?.iter().flatten() {
            self.sum += value;
            self.count += 1;
        }
        Ok(())
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        for value in doubles(values, 0)?.iter().flatten() {
            self.sum -= value;
            self.count = self.count.saturating_sub(1);
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(counts) = states.first() else {
            return exec_err!("an average's state without counts");
        };
        let counts = counts.as_primitive::<UInt64Type>();
        let sums = doubles(states, 1)?;
        for (count, sum) in counts.iter().zip(sums.iter()) {
            // A partition without values has count 0 and a NULL (or 0.0) sum.
            if let (Some(count), Some(sum)) = (count, sum) {
                self.sum += sum;
                self.count += count;
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::UInt64(Some(self.count)), ScalarValue::Float64(Some(self.sum))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        // Spark divides by the count cast to double.
        let count = self.count as f64;
        Ok(ScalarValue::Float64((self.count > 0).then(|| self.sum / count)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{Float64Array, UInt64Array};

    use super::*;

    fn values(values: &[Option<f64>]) -> Vec<ArrayRef> {
        vec![Arc::new(Float64Array::from(values.to_vec()))]
    }

    #[test]
    fn values_are_added_in_order() -> Result<()> {
        // Spark's avg of 40.3, 37.8, 44.1 in this order (describe's example):
        // 40.73333333333333; in another order the last digit differs.
        let mut average = AverageAccumulator::default();
        average.update_batch(&values(&[Some(40.3), None, Some(37.8), Some(44.1)]))?;
        assert_eq!(average.evaluate()?, ScalarValue::Float64(Some(40.73333333333333)));
        let mut sum = SumAccumulator::default();
        sum.update_batch(&values(&[Some(0.1), Some(0.2), Some(0.3)]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Float64(Some(0.6000000000000001)));
        let mut reversed = SumAccumulator::default();
        reversed.update_batch(&values(&[Some(0.3), Some(0.2), Some(0.1)]))?;
        assert_eq!(reversed.evaluate()?, ScalarValue::Float64(Some(0.6)));
        Ok(())
    }

    #[test]
    fn no_values_give_null() -> Result<()> {
        let mut sum = SumAccumulator::default();
        sum.update_batch(&values(&[None]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Float64(None));
        let mut average = AverageAccumulator::default();
        assert_eq!(average.evaluate()?, ScalarValue::Float64(None));
        Ok(())
    }

    #[test]
    fn a_negative_zero_sums_to_zero() -> Result<()> {
        // Spark starts from 0.0: 0.0 + -0.0 is 0.0.
        let mut sum = SumAccumulator::default();
        sum.update_batch(&values(&[Some(-0.0)]))?;
        assert!(matches!(sum.evaluate()?, ScalarValue::Float64(Some(value)) if value.is_sign_positive()));
        Ok(())
    }

    #[test]
    fn partial_sums_merge_in_order() -> Result<()> {
        // Partitions [0.1], [] and [0.2, 0.3]: (0.1 + (0.2 + 0.3)) as Spark merges them.
        let mut average = AverageAccumulator::default();
        let counts: ArrayRef = Arc::new(UInt64Array::from(vec![1, 0, 2]));
        let sums: ArrayRef = Arc::new(Float64Array::from(vec![Some(0.1), None, Some(0.5)]));
        average.merge_batch(&[counts, sums])?;
        assert_eq!(average.evaluate()?, ScalarValue::Float64(Some(0.6 / 3.0)));
        let mut sum = SumAccumulator::default();
        sum.merge_batch(&values(&[Some(0.1), None, Some(0.2 + 0.3)]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Float64(Some(0.6)));
        Ok(())
    }
}
