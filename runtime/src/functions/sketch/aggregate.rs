// SPDX-License-Identifier: Apache-2.0
//! The aggregate functions of the sketch family, on one generic frame: a
//! [`SketchKind`] says what one group accumulates (an HLL sketch, a KLL
//! sketch, a Theta union...), how a row updates it, how a partial result
//! (bytes) merges into it and what bytes it gives; [`SketchAggregate`] runs
//! it as a DataFusion aggregate, one group ([`Accumulator`]) or many
//! ([`GroupsAccumulator`], a vector of states indexed by group).
//!
//! Both the partial state and the result are `BINARY`: the sketch in the
//! DataSketches format, as Spark's `TypedImperativeAggregate`s serialize them.
//! Rows where any value argument is null are skipped, as Spark skips them.
//! The constant arguments (`lgConfigK`, `k`...) are read once per query from
//! the plan's literals, by [`SketchFunction::kind`].

use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, BooleanArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;

/// What one group of a sketch aggregate accumulates, for one call's settings.
pub(super) trait SketchKind: Debug + Send + Sync + 'static {
    /// One group's state.
    type State: Send + Sync + Debug + 'static;
    /// A batch's value arguments, converted once per batch.
    type Input;

    fn new_state(&self) -> Result<Self::State>;
    fn input(&self, values: &[ArrayRef]) -> Result<Self::Input>;
    /// Add row `row` of `input` (none of its values null) to `state`.
    fn update(&self, state: &mut Self::State, input: &Self::Input, row: usize) -> Result<()>;
    /// Merge a partial state (the bytes `state_bytes` gave) into `state`.
    fn merge(&self, state: &mut Self::State, bytes: &[u8]) -> Result<()>;
    /// The partial state, for another accumulator's `merge`.
    fn state_bytes(&self, state: &mut Self::State) -> Result<Vec<u8>>;
    /// The aggregate's result.
    fn result_bytes(&self, state: &mut Self::State) -> Result<Vec<u8>>;
}

/// A sketch aggregate function: its name, the number of its value arguments,
/// and how its constant arguments configure a [`SketchKind`].
pub(super) trait SketchFunction: Debug + Send + Sync + PartialEq + Eq + Hash + 'static {
    type Kind: SketchKind;
    fn name(&self) -> &'static str;
    /// How many leading arguments are values (the rest are constants).
    fn value_count(&self) -> usize {
        1
    }
    /// The kind for a call whose constant arguments are `constants` (`None`
    /// for one that is not a literal).
    fn kind(&self, constants: &[Option<ScalarValue>]) -> Result<Self::Kind>;
}

/// A [`SketchFunction`] as a DataFusion aggregate function.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct SketchAggregate<F: SketchFunction> {
    function: F,
    signature: Signature,
}

impl<F: SketchFunction> SketchAggregate<F> {
    pub(super) fn new(function: F) -> Self {
        SketchAggregate { function, signature: Signature::variadic_any(Volatility::Immutable) }
    }

    fn kind(&self, args: &AccumulatorArgs) -> Result<Arc<F::Kind>> {
        let constants: Vec<Option<ScalarValue>> = args
            .exprs
            .iter()
            .skip(self.function.value_count())
            .map(|expression| expression.downcast_ref::<Literal>().map(|literal| literal.value().clone()))
            .collect();
        Ok(Arc::new(self.function.kind(&constants)?))
    }
}

impl<F: SketchFunction> AggregateUDFImpl for SketchAggregate<F> {
    fn name(&self) -> &str {
        self.function.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(format_state_name(args.name, "sketch"), DataType::Binary, true))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let kind = self.kind(&args)?;
        let state = kind.new_state()?;
        Ok(Box::new(SketchAccumulator { kind, state, values: self.function.value_count() }))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        let kind = self.kind(&args)?;
        Ok(Box::new(SketchGroups { kind, states: Vec::new(), values: self.function.value_count() }))
    }
}

/// Whether row `row` has a null among the value arguments.
fn has_null(values: &[ArrayRef], row: usize) -> bool {
    values.iter().any(|array| array.is_null(row))
}

/// The partial states of a `merge_batch`, as binary.
fn binary_states(states: &[ArrayRef]) -> Result<BinaryArray> {
    let Some(state) = states.first() else {
        return exec_err!("a sketch aggregate's merge got no state");
    };
    Ok(cast(state, &DataType::Binary)?.as_binary::<i32>().clone())
}

/// One group's sketch.
#[derive(Debug)]
struct SketchAccumulator<K: SketchKind> {
    kind: Arc<K>,
    state: K::State,
    values: usize,
}

impl<K: SketchKind> Accumulator for SketchAccumulator<K> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let values = &values[..self.values.min(values.len())];
        let input = self.kind.input(values)?;
        let rows = values.first().map_or(0, |array| array.len());
        for row in 0..rows {
            if !has_null(values, row) {
                self.kind.update(&mut self.state, &input, row)?;
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let states = binary_states(states)?;
        for bytes in states.iter().flatten() {
            self.kind.merge(&mut self.state, bytes)?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(Some(self.kind.state_bytes(&mut self.state)?))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(Some(self.kind.result_bytes(&mut self.state)?)))
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }
}

/// Many groups' sketches, by group index.
struct SketchGroups<K: SketchKind> {
    kind: Arc<K>,
    states: Vec<K::State>,
    values: usize,
}

impl<K: SketchKind> SketchGroups<K> {
    fn grow(&mut self, total_num_groups: usize) -> Result<()> {
        while self.states.len() < total_num_groups {
            self.states.push(self.kind.new_state()?);
        }
        Ok(())
    }

    fn emit(&mut self, emit_to: EmitTo, bytes: impl Fn(&K, &mut K::State) -> Result<Vec<u8>>) -> Result<ArrayRef> {
        let mut states = emit_to.take_needed(&mut self.states);
        let values = states.iter_mut().map(|state| bytes(&self.kind, state)).collect::<Result<Vec<_>>>()?;
        Ok(Arc::new(BinaryArray::from_iter_values(values)))
    }
}

impl<K: SketchKind> GroupsAccumulator for SketchGroups<K> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.grow(total_num_groups)?;
        let values = &values[..self.values.min(values.len())];
        let input = self.kind.input(values)?;
        for (row, group) in group_indices.iter().enumerate() {
            let selected = opt_filter.is_none_or(|filter| filter.is_valid(row) && filter.value(row));
            if selected && !has_null(values, row) {
                self.kind.update(&mut self.states[*group], &input, row)?;
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, values: &[ArrayRef], group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        self.grow(total_num_groups)?;
        let states = binary_states(values)?;
        for (row, group) in group_indices.iter().enumerate() {
            if states.is_valid(row) {
                self.kind.merge(&mut self.states[*group], states.value(row))?;
            }
        }
        Ok(())
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        self.emit(emit_to, K::result_bytes)
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(vec![self.emit(emit_to, K::state_bytes)?])
    }

    /// Each row's own partial state, for DataFusion's skipping of partial aggregation.
    fn convert_to_state(&self, values: &[ArrayRef], opt_filter: Option<&BooleanArray>) -> Result<Vec<ArrayRef>> {
        let values = &values[..self.values.min(values.len())];
        let input = self.kind.input(values)?;
        let rows = values.first().map_or(0, |array| array.len());
        let mut states = Vec::with_capacity(rows);
        for row in 0..rows {
            let mut state = self.kind.new_state()?;
            let selected = opt_filter.is_none_or(|filter| filter.is_valid(row) && filter.value(row));
            if selected && !has_null(values, row) {
                self.kind.update(&mut state, &input, row)?;
            }
            states.push(self.kind.state_bytes(&mut state)?);
        }
        Ok(vec![Arc::new(BinaryArray::from_iter_values(states))])
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.states.capacity() * size_of::<K::State>()
    }
}

/// A constant argument as an `i64`, `default` when the call leaves it out.
pub(super) fn constant_integer(constants: &[Option<ScalarValue>], index: usize, default: i64, function: &str, what: &str) -> Result<i64> {
    match constants.get(index) {
        None => Ok(default),
        Some(Some(value)) => match value.cast_to(&DataType::Int64)? {
            ScalarValue::Int64(Some(number)) => Ok(number),
            _ => exec_err!("{function}: the {what} must not be null"),
        },
        Some(None) => exec_err!("{function}: the {what} must be a constant"),
    }
}

/// A constant boolean argument, `default` when the call leaves it out.
pub(super) fn constant_boolean(constants: &[Option<ScalarValue>], index: usize, default: bool, function: &str, what: &str) -> Result<bool> {
    match constants.get(index) {
        None => Ok(default),
        Some(Some(ScalarValue::Boolean(Some(value)))) => Ok(*value),
        Some(Some(ScalarValue::Boolean(None))) => Ok(false),
        Some(_) => exec_err!("{function}: the {what} must be a constant boolean"),
    }
}
