// SPDX-License-Identifier: Apache-2.0
//! Spark 4.3's `collect_union(array)`: the distinct non-null elements of a
//! group's arrays (null arrays skipped; `[]` without any). DataFusion's
//! distinct `array_agg` accumulator keeps the set, fed the arrays' elements;
//! floats are normalized first as Spark does (-0.0 is 0.0, every NaN one NaN).
//! Spark's order is its hash set's; ours is ascending, which is Spark's for
//! small integers (the order is documented as non-deterministic).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListArray, new_empty_array};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::compute::{SortOptions, concat};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float32Type, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::functions_aggregate::array_agg::DistinctArrayAggAccumulator;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

fn element_type(data_type: &DataType) -> Result<DataType> {
    match data_type {
        DataType::List(field) | DataType::LargeList(field) => Ok(field.data_type().clone()),
        other => exec_err!("collect_union takes an array, not {other}"),
    }
}

fn list_of(element: &DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(element.clone(), true)))
}

/// Spark's `collect_union` aggregate.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CollectUnion {
    signature: Signature,
}

impl CollectUnion {
    pub(crate) fn new() -> Self {
        CollectUnion { signature: Signature::any(1, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for CollectUnion {
    fn name(&self) -> &str {
        "collect_union"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let Some(argument) = argument_types.first() else {
            return exec_err!("collect_union takes an array");
        };
        Ok(list_of(&element_type(argument)?))
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let Some(argument) = args.input_fields.first() else {
            return exec_err!("collect_union takes an array");
        };
        let element = element_type(argument.data_type())?;
        Ok(vec![Field::new(format_state_name(args.name, "collect_union"), list_of(&element), true).into()])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(argument) = args.expr_fields.first() else {
            return exec_err!("collect_union takes an array");
        };
        let element = element_type(argument.data_type())?;
        let inner = DistinctArrayAggAccumulator::try_new(&element, Some(SortOptions::default()), true)?;
        Ok(Box::new(UnionAccumulator { inner, element }))
    }
}

#[derive(Debug)]
struct UnionAccumulator {
    inner: DistinctArrayAggAccumulator,
    element: DataType,
}

/// The elements of the non-null arrays of `lists`, floats normalized.
fn elements(lists: &ArrayRef, element: &DataType) -> Result<ArrayRef> {
    let Some(lists) = lists.as_list_opt::<i32>() else {
        return exec_err!("collect_union takes an array, not {}", lists.data_type());
    };
    let parts: Vec<ArrayRef> = lists.iter().flatten().collect();
    let all = if parts.is_empty() {
        new_empty_array(element)
    } else {
        let parts: Vec<&dyn Array> = parts.iter().map(AsRef::as_ref).collect();
        concat(&parts)?
    };
    Ok(match all.data_type() {
        DataType::Float64 => Arc::new(all.as_primitive::<Float64Type>().unary::<_, Float64Type>(|value| {
            if value.is_nan() { f64::NAN } else { value + 0.0 }
        })),
        DataType::Float32 => Arc::new(all.as_primitive::<Float32Type>().unary::<_, Float32Type>(|value| {
            if value.is_nan() { f32::NAN } else { value + 0.0 }
        })),
        _ => all,
    })
}

impl Accumulator for UnionAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(lists) = values.first() else {
            return exec_err!("collect_union without a value");
        };
        self.inner.update_batch(&[elements(lists, &self.element)?])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.inner.merge_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        self.inner.state()
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let value = self.inner.evaluate()?;
        if !value.is_null() {
            return Ok(value);
        }
        let field = Arc::new(Field::new_list_field(self.element.clone(), true));
        let empty = ListArray::new(field, OffsetBuffer::new_zeroed(1), new_empty_array(&self.element), None);
        Ok(ScalarValue::List(Arc::new(empty)))
    }

    fn size(&self) -> usize {
        self.inner.size() + std::mem::size_of_val(self) - std::mem::size_of_val(&self.inner)
    }
}
