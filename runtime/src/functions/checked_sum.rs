// SPDX-License-Identifier: Apache-2.0
//! `sum` of integers that fails on overflow: Spark's ANSI mode, asked for with
//! Substrait's `overflow: ERROR` option on `sum`
//! (<https://substrait.io/extensions/functions_arithmetic/#sum>).
//!
//! DataFusion's `sum` wraps, which is Spark's legacy mode (and
//! `overflow: SILENT`). This wraps DataFusion's own `sum`, under the same
//! name: `bigint` inputs (Spark sums every integer type as `bigint`) get the
//! checked accumulator below, distinct sums and other types keep DataFusion's.

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
        CheckedSum { inner: datafusion::functions_aggregate::sum::sum_udaf() }
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
            Ok(Box::new(CheckedInt64Sum { sum: None }))
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
#[derive(Debug)]
struct CheckedInt64Sum {
    sum: Option<i64>,
}

impl Accumulator for CheckedInt64Sum {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return exec_err!("sum takes one argument");
        };
        for value in values.as_primitive::<Int64Type>().iter().flatten() {
            let sum = self.sum.unwrap_or(0).checked_add(value).ok_or_else(overflow)?;
            self.sum = Some(sum);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        // The state is the partial sum itself.
        self.update_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Int64(self.sum)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(self.sum))
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
