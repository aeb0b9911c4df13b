// SPDX-License-Identifier: Apache-2.0
//! Aggregates that pick one value of the group: Spark's `first` / `last`
//! (`any_value` is `first`), optionally skipping nulls, and `max_by` / `min_by`.
//!
//! `first` and `last` follow the order rows reach the aggregate: within a
//! partition that is the input's order; across partitions it is the order
//! partial results are merged in, which, as in Spark, is not fixed.

use std::cmp::Ordering;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;

/// `first` or `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum End {
    First,
    Last,
}

/// Spark's `first(value, ignore_nulls)` / `last(value, ignore_nulls)`; the flag is a constant.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FirstLast {
    end: End,
    signature: Signature,
}

impl FirstLast {
    pub(crate) fn new(end: End) -> Self {
        FirstLast { end, signature: Signature::any(2, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for FirstLast {
    fn name(&self) -> &str {
        match self.end {
            End::First => "first",
            End::Last => "last",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types.first() {
            Some(data_type) => Ok(data_type.clone()),
            None => exec_err!("{} takes a value", self.name()),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let Some(value) = args.input_fields.first() else {
            return exec_err!("{} takes a value", self.name());
        };
        Ok(vec![
            Field::new(format_state_name(args.name, "value"), value.data_type().clone(), true).into(),
            Field::new(format_state_name(args.name, "found"), DataType::Boolean, false).into(),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let flag = args.exprs.get(1).and_then(|expression| expression.downcast_ref::<Literal>());
        let ignore_nulls = match flag.map(Literal::value) {
            Some(ScalarValue::Boolean(Some(ignore_nulls))) => *ignore_nulls,
            _ => return exec_err!("{}'s ignoreNulls must be a boolean constant", self.name()),
        };
        let Some(value) = args.expr_fields.first() else {
            return exec_err!("{} takes a value", self.name());
        };
        Ok(Box::new(FirstLastAccumulator {
            end: self.end,
            ignore_nulls,
            value: ScalarValue::try_from(value.data_type())?,
            found: false,
        }))
    }
}

#[derive(Debug)]
struct FirstLastAccumulator {
    end: End,
    ignore_nulls: bool,
    value: ScalarValue,
    found: bool,
}

impl FirstLastAccumulator {
    /// Offer rows of `values` for which `found` holds (every row when `None`).
    fn offer(&mut self, values: &ArrayRef, found: Option<&ArrayRef>) -> Result<()> {
        let eligible = |row: usize| {
            let present = found.is_none_or(|found| found.as_boolean().value(row));
            present && !(self.ignore_nulls && values.is_null(row))
        };
        let candidate = match self.end {
            End::First if self.found => None,
            End::First => (0..values.len()).find(|row| eligible(*row)),
            End::Last => (0..values.len()).rev().find(|row| eligible(*row)),
        };
        if let Some(row) = candidate {
            self.value = ScalarValue::try_from_array(values, row)?;
            self.found = true;
        }
        Ok(())
    }
}

impl Accumulator for FirstLastAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values.first() {
            Some(values) => self.offer(values, None),
            None => exec_err!("first/last without a value"),
        }
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        match states {
            [values, found, ..] => self.offer(values, Some(found)),
            _ => exec_err!("first/last state has two parts"),
        }
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.value.clone(), ScalarValue::Boolean(Some(self.found))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(self.value.clone())
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.value.size()
    }
}

/// `max_by` or `min_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum By {
    Max,
    Min,
}

/// Spark's `max_by(value, ordering)` / `min_by`: the value of the row with the
/// largest (smallest) non-null ordering; the first such row on ties. With a
/// constant `k` (Spark 4.3), the values of the `k` rows with the largest
/// (smallest) orderings, in that order (ties in the order rows arrive).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ExtremeBy {
    by: By,
    signature: Signature,
}

impl ExtremeBy {
    pub(crate) fn new(by: By) -> Self {
        ExtremeBy {
            by,
            signature: Signature::one_of(
                vec![datafusion::logical_expr::TypeSignature::Any(2), datafusion::logical_expr::TypeSignature::Any(3)],
                Volatility::Immutable,
            ),
        }
    }
}

impl AggregateUDFImpl for ExtremeBy {
    fn name(&self) -> &str {
        match self.by {
            By::Max => "max_by",
            By::Min => "min_by",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        match argument_types {
            [value, _, _] => Ok(list_of(value)),
            [value, ..] => Ok(value.clone()),
            [] => exec_err!("{} takes a value", self.name()),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let [value, ordering, rest @ ..] = args.input_fields else {
            return exec_err!("{} takes a value and an ordering", self.name());
        };
        if !rest.is_empty() {
            return Ok(vec![
                Field::new(format_state_name(args.name, "values"), list_of(value.data_type()), true).into(),
                Field::new(format_state_name(args.name, "orderings"), list_of(ordering.data_type()), true).into(),
            ]);
        }
        Ok(vec![
            Field::new(format_state_name(args.name, "value"), value.data_type().clone(), true).into(),
            Field::new(format_state_name(args.name, "ordering"), ordering.data_type().clone(), true).into(),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let [value, ordering, ..] = args.expr_fields else {
            return exec_err!("{} takes a value and an ordering", self.name());
        };
        if args.exprs.len() == 3 {
            let constant = args.exprs.get(2).and_then(|expression| expression.downcast_ref::<Literal>());
            let k = match constant.map(Literal::value) {
                Some(ScalarValue::Int32(Some(k))) if *k > 0 => usize::try_from(*k).unwrap_or(1),
                _ => return exec_err!("{}'s k must be a positive integer constant", self.name()),
            };
            return Ok(Box::new(TopByAccumulator {
                by: self.by,
                k,
                value_type: value.data_type().clone(),
                ordering_type: ordering.data_type().clone(),
                rows: Vec::new(),
            }));
        }
        Ok(Box::new(ExtremeByAccumulator {
            by: self.by,
            value: ScalarValue::try_from(value.data_type())?,
            ordering: ScalarValue::try_from(ordering.data_type())?,
        }))
    }
}

#[derive(Debug)]
struct ExtremeByAccumulator {
    by: By,
    value: ScalarValue,
    /// Null until a row with a non-null ordering is seen.
    ordering: ScalarValue,
}

impl Accumulator for ExtremeByAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [values, orderings, ..] = values else {
            return exec_err!("max_by/min_by take a value and an ordering");
        };
        let wanted = match self.by {
            By::Max => Ordering::Greater,
            By::Min => Ordering::Less,
        };
        for row in 0..orderings.len() {
            if orderings.is_null(row) {
                continue;
            }
            let ordering = ScalarValue::try_from_array(orderings, row)?;
            if self.ordering.is_null() || ordering.partial_cmp(&self.ordering) == Some(wanted) {
                self.ordering = ordering;
                self.value = ScalarValue::try_from_array(values, row)?;
            }
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.update_batch(states)
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.value.clone(), self.ordering.clone()])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(self.value.clone())
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.value.size() + self.ordering.size()
    }
}

fn list_of(data_type: &DataType) -> DataType {
    DataType::List(std::sync::Arc::new(Field::new("item", data_type.clone(), true)))
}

/// `max_by(value, ordering, k)` / `min_by`: the `k` best (ordering, value) rows so far, best first.
#[derive(Debug)]
struct TopByAccumulator {
    by: By,
    k: usize,
    value_type: DataType,
    ordering_type: DataType,
    rows: Vec<(ScalarValue, ScalarValue)>,
}

impl TopByAccumulator {
    /// Keep the `k` best rows; a stable sort keeps ties in arrival order.
    fn keep_best(&mut self) {
        let by = self.by;
        self.rows.sort_by(|(left, _), (right, _)| {
            let order = left.partial_cmp(right).unwrap_or(Ordering::Equal);
            match by {
                By::Max => order.reverse(),
                By::Min => order,
            }
        });
        self.rows.truncate(self.k);
    }

    fn offer(&mut self, values: &ArrayRef, orderings: &ArrayRef) -> Result<()> {
        for row in 0..orderings.len() {
            if orderings.is_null(row) {
                continue;
            }
            let ordering = ScalarValue::try_from_array(orderings, row)?;
            let value = ScalarValue::try_from_array(values, row)?;
            self.rows.push((ordering, value));
        }
        self.keep_best();
        Ok(())
    }

    fn lists(&self) -> (ScalarValue, ScalarValue) {
        let orderings: Vec<ScalarValue> = self.rows.iter().map(|(ordering, _)| ordering.clone()).collect();
        let values: Vec<ScalarValue> = self.rows.iter().map(|(_, value)| value.clone()).collect();
        (
            ScalarValue::List(ScalarValue::new_list_nullable(&values, &self.value_type)),
            ScalarValue::List(ScalarValue::new_list_nullable(&orderings, &self.ordering_type)),
        )
    }
}

impl Accumulator for TopByAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [values, orderings, ..] = values else {
            return exec_err!("max_by/min_by take a value and an ordering");
        };
        self.offer(values, orderings)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [values, orderings, ..] = states else {
            return exec_err!("max_by/min_by's state has values and orderings");
        };
        let (values, orderings) = (values.as_list::<i32>(), orderings.as_list::<i32>());
        for row in 0..values.len() {
            if values.is_null(row) || orderings.is_null(row) {
                continue;
            }
            self.offer(&values.value(row), &orderings.value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let (values, orderings) = self.lists();
        Ok(vec![values, orderings])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        if self.rows.is_empty() {
            return ScalarValue::try_from(list_of(&self.value_type));
        }
        Ok(self.lists().0)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.rows.iter().map(|(ordering, value)| ordering.size() + value.size()).sum::<usize>()
    }
}
