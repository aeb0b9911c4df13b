// SPDX-License-Identifier: Apache-2.0
//! Spark's `collect_list` on DataFusion's `array_agg`, which has a grouped
//! accumulator: datafusion-spark's `collect_list` has none, and took 100 s
//! for 10M rows in 1,000 groups where Spark takes a few seconds
//! (`benchmarks/functions.py`). Spark's differences from `array_agg` are
//! kept here: nulls are skipped, and a group without values gives `[]`,
//! never null.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, ListArray, new_empty_array};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::functions_aggregate::array_agg::array_agg_udaf;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature};

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CollectList {
    inner: Arc<AggregateUDF>,
}

impl CollectList {
    pub(crate) fn new() -> Self {
        CollectList { inner: array_agg_udaf() }
    }
}

impl AggregateUDFImpl for CollectList {
    fn name(&self) -> &str {
        "collect_list"
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(argument_types)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.inner.state_fields(args)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let data_type = args.return_field.data_type().clone();
        let inner = self.inner.accumulator(AccumulatorArgs { ignore_nulls: true, ..args })?;
        Ok(Box::new(EmptyWhenNone { inner, data_type }))
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        let inner = self.inner.create_groups_accumulator(AccumulatorArgs { ignore_nulls: true, ..args })?;
        Ok(Box::new(GroupsEmptyWhenNone { inner }))
    }
}

/// One group's `array_agg`, with `[]` for null.
#[derive(Debug)]
struct EmptyWhenNone {
    inner: Box<dyn Accumulator>,
    data_type: DataType,
}

impl Accumulator for EmptyWhenNone {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.inner.update_batch(values)
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let value = self.inner.evaluate()?;
        if !value.is_null() {
            return Ok(value);
        }
        let DataType::List(field) = &self.data_type else {
            return exec_err!("collect_list returns a list, not {}", self.data_type);
        };
        let empty = ListArray::new(Arc::clone(field), OffsetBuffer::new_zeroed(1), new_empty_array(field.data_type()), None);
        Ok(ScalarValue::List(Arc::new(empty)))
    }

    fn size(&self) -> usize {
        self.inner.size()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        self.inner.state()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.inner.merge_batch(states)
    }
}

/// Many groups' `array_agg`, with `[]` for null.
struct GroupsEmptyWhenNone {
    inner: Box<dyn GroupsAccumulator>,
}

impl GroupsAccumulator for GroupsEmptyWhenNone {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.inner.update_batch(values, group_indices, opt_filter, total_num_groups)
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        empty_for_null(self.inner.evaluate(emit_to)?)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        self.inner.state(emit_to)
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        self.inner.merge_batch(values, group_indices, total_num_groups)
    }

    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        self.inner.convert_to_state(values, opt_filter)
    }

    fn size(&self) -> usize {
        self.inner.size()
    }
}

/// The lists with their null entries made empty lists. A null entry of a
/// list array spans no values here, so dropping the validity is enough; a
/// null that spans values would be a bug upstream, and is reported.
fn empty_for_null(array: ArrayRef) -> Result<ArrayRef> {
    if array.null_count() == 0 {
        return Ok(array);
    }
    let Some(lists) = array.as_list_opt::<i32>() else {
        return exec_err!("collect_list expected a list array, got {}", array.data_type());
    };
    let offsets = lists.offsets();
    let spans_values = (0..lists.len()).any(|row| lists.is_null(row) && offsets[row] != offsets[row + 1]);
    if spans_values {
        return exec_err!("collect_list: a null group spans values");
    }
    let DataType::List(field) = lists.data_type() else {
        return exec_err!("collect_list expected a list array, got {}", lists.data_type());
    };
    Ok(Arc::new(ListArray::new(Arc::clone(field), offsets.clone(), Arc::clone(lists.values()), None)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int32Array;
    use datafusion::arrow::datatypes::Int32Type;

    #[test]
    fn null_lists_become_empty_and_others_stay() -> Result<()> {
        let lists = ListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(vec![Some(1)]), None, Some(vec![])]);
        let result = empty_for_null(Arc::new(lists))?;
        let result = result.as_list::<i32>();
        assert_eq!(result.null_count(), 0);
        assert_eq!(result.value(0).as_any().downcast_ref::<Int32Array>().map(|values| values.values().to_vec()), Some(vec![1]));
        assert_eq!(result.value(1).len(), 0);
        Ok(())
    }
}
