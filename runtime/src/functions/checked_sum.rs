// SPDX-License-Identifier: Apache-2.0
//! `sum` of integers that fails on overflow: Spark's ANSI mode, asked for with
//! Substrait's `overflow: ERROR` option on `sum`
//! (<https://substrait.io/extensions/functions_arithmetic/#sum>).
//!
//! DataFusion's `sum` wraps, which is Spark's legacy mode (and
//! `overflow: SILENT`). This wraps DataFusion's own `sum`, under the same
//! name: `bigint` inputs (Spark sums every integer type as `bigint`) get the
//! checked accumulator below, distinct sums and other types keep the unchecked
//! `sum` (`aggregate/double_sum.rs`: DataFusion's, with Spark's double additions).

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, Signature};

use crate::error::Error;
use crate::error_mapping::overflow_parameters;

/// DataFusion's `sum`, failing where a `bigint` sum overflows.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CheckedSum {
    inner: Arc<AggregateUDF>,
}

impl CheckedSum {
    pub(crate) fn new() -> Self {
        let inner = super::aggregate::double_sum::DoubleSum::new(super::aggregate::double_sum::Addition::Sum);
        CheckedSum { inner: Arc::new(AggregateUDF::new_from_impl(inner)) }
    }
}

/// Whether `args` are summed here rather than by DataFusion's `sum`.
fn is_checked(args: &AccumulatorArgs) -> bool {
    !args.is_distinct && args.return_field.data_type() == &DataType::Int64
}

impl AggregateUDFImpl for CheckedSum {
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
        if is_checked(&args) {
            Ok(Box::new(CheckedInt64Sum { sum: 0, count: 0 }))
        } else {
            self.inner.accumulator(args)
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        !is_checked(&args) && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }
}

/// A running `bigint` sum; null until a non-null value arrives, as Spark's.
/// Values can leave it too (window frames that slide).
#[derive(Debug)]
struct CheckedInt64Sum {
    sum: i64,
    /// How many non-null values the sum holds.
    count: u64,
}

impl CheckedInt64Sum {
    fn current(&self) -> ScalarValue {
        ScalarValue::Int64((self.count > 0).then_some(self.sum))
    }
}

impl Accumulator for CheckedInt64Sum {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return exec_err!("sum takes one argument");
        };
        for value in values.as_primitive::<Int64Type>().iter().flatten() {
            self.sum = self.sum.checked_add(value).ok_or_else(overflow)?;
            self.count += 1;
        }
        Ok(())
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return exec_err!("sum takes one argument");
        };
        for value in values.as_primitive::<Int64Type>().iter().flatten() {
            self.sum = self.sum.checked_sub(value).ok_or_else(overflow)?;
            self.count = self.count.saturating_sub(1);
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        // The state is the partial sum itself.
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

/// Spark's error for an overflowing `sum` (it adds with `try_add`'s checks).
fn overflow() -> DataFusionError {
    let parameters = overflow_parameters("overflow", "try_add");
    DataFusionError::External(Box::new(Error::execution("ARITHMETIC_OVERFLOW", parameters, "Arithmetic overflow")))
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::Int64Array;

    use super::*;

    fn values(values: &[Option<i64>]) -> Vec<ArrayRef> {
        vec![Arc::new(Int64Array::from(values.to_vec()))]
    }

    #[test]
    fn values_leave_a_sliding_sum() -> Result<()> {
        let mut sum = CheckedInt64Sum { sum: 0, count: 0 };
        sum.update_batch(&values(&[Some(5), None, Some(7)]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Int64(Some(12)));
        sum.retract_batch(&values(&[Some(5), None]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Int64(Some(7)));
        // Only nulls left: null, as Spark's sum of no values.
        sum.retract_batch(&values(&[Some(7)]))?;
        assert_eq!(sum.evaluate()?, ScalarValue::Int64(None));
        Ok(())
    }

    #[test]
    fn overflow_fails() {
        let mut sum = CheckedInt64Sum { sum: 0, count: 0 };
        assert!(sum.update_batch(&values(&[Some(i64::MAX), Some(1)])).is_err());
    }
}
