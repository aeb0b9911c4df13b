// SPDX-License-Identifier: Apache-2.0
//! Aggregates that need every value of a group: Spark's exact `percentile`
//! (and `median`, its 0.5), `percentile_approx` and `mode`.
//!
//! Each keeps the group's non-null values (a list as partial state) and sorts
//! them at the end, Spark's float order included (NaN above everything).
//! `percentile_approx` answers as Spark's quantile summary does while it holds
//! every value (groups smaller than about half the accuracy): the value of rank
//! `ceil(p * n)`, the smallest for `p <= 1/accuracy`, the largest for
//! `p >= 1 - 1/accuracy`. Beyond that Spark's summary merges values and its
//! answer may be another value within `n / accuracy` ranks; ours stays exact.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int64Array};
use datafusion::arrow::compute::kernels::partition::partition;
use datafusion::arrow::compute::{concat, filter, is_not_null, sort_to_indices, take};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type};
use datafusion::common::utils::SingleRowListArrayBuilder;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr::expressions::Literal;

/// The constant an argument must be (percentages, accuracy), from its expression.
fn constant(expression: Option<&Arc<dyn PhysicalExpr>>, what: &str) -> Result<ScalarValue> {
    match expression.and_then(|expression| expression.downcast_ref::<Literal>()) {
        Some(literal) => Ok(literal.value().clone()),
        None => exec_err!("the {what} must be a constant"),
    }
}

/// The percentages argument: one double, or a list of them (`is_list`).
fn percentages(value: &ScalarValue) -> Result<(Vec<f64>, bool)> {
    match value {
        ScalarValue::Float64(Some(percentage)) => Ok((vec![*percentage], false)),
        ScalarValue::List(list) if list.len() == 1 => {
            let values = list.value(0);
            let Some(values) = values.as_primitive_opt::<Float64Type>() else {
                return exec_err!("percentages must be doubles");
            };
            Ok((values.iter().map(|value| value.unwrap_or(f64::NAN)).collect(), true))
        }
        other => exec_err!("unsupported percentages {other}"),
    }
}

/// Non-null values of a group, kept as the arrays they came in.
#[derive(Debug, Default)]
struct Values {
    chunks: Vec<ArrayRef>,
    /// Per chunk, the frequency of each value (exact percentile only).
    frequencies: Vec<ArrayRef>,
}

impl Values {
    fn add(&mut self, values: &ArrayRef, frequencies: Option<&ArrayRef>) -> Result<()> {
        let mut keep = is_not_null(values)?;
        if let Some(frequencies) = frequencies {
            let both = datafusion::arrow::compute::and(&keep, &is_not_null(frequencies)?)?;
            keep = both;
            let kept = filter(frequencies, &keep)?;
            if kept.as_primitive::<Int64Type>().iter().flatten().any(|frequency| frequency < 0) {
                return exec_err!("Negative values found in percentile frequencies");
            }
            self.frequencies.push(kept);
        }
        self.chunks.push(filter(values, &keep)?);
        Ok(())
    }

    fn merge_lists(&mut self, lists: &ArrayRef, frequency_lists: Option<&ArrayRef>) -> Result<()> {
        let lists = lists.as_list::<i32>();
        for row in 0..lists.len() {
            if lists.is_null(row) {
                continue;
            }
            let frequencies = frequency_lists.map(|lists| lists.as_list::<i32>().value(row));
            self.add(&lists.value(row), frequencies.as_ref())?;
        }
        Ok(())
    }

    fn all(&self, data_type: &DataType) -> Result<ArrayRef> {
        if self.chunks.is_empty() {
            return Ok(datafusion::arrow::array::new_empty_array(data_type));
        }
        let chunks: Vec<&dyn Array> = self.chunks.iter().map(AsRef::as_ref).collect();
        Ok(concat(&chunks)?)
    }

    fn all_frequencies(&self) -> Result<ArrayRef> {
        if self.frequencies.is_empty() {
            return Ok(Arc::new(Int64Array::from(Vec::<i64>::new())));
        }
        let chunks: Vec<&dyn Array> = self.frequencies.iter().map(AsRef::as_ref).collect();
        Ok(concat(&chunks)?)
    }

    /// The values in ascending order (with their frequencies, if kept).
    fn sorted(&self, data_type: &DataType) -> Result<(ArrayRef, Option<ArrayRef>)> {
        let values = self.all(data_type)?;
        let order = sort_to_indices(&values, None, None)?;
        let frequencies = if self.frequencies.is_empty() && !self.chunks.is_empty() {
            None
        } else {
            Some(take(&self.all_frequencies()?, &order, None)?)
        };
        Ok((take(&values, &order, None)?, frequencies))
    }

    fn list_state(&self, data_type: &DataType) -> Result<ScalarValue> {
        Ok(SingleRowListArrayBuilder::new(self.all(data_type)?).build_list_scalar())
    }

    fn frequency_state(&self) -> Result<ScalarValue> {
        Ok(SingleRowListArrayBuilder::new(self.all_frequencies()?).build_list_scalar())
    }

    fn size(&self) -> usize {
        self.chunks.iter().chain(&self.frequencies).map(|chunk| chunk.get_array_memory_size()).sum::<usize>()
            + std::mem::size_of_val(self)
    }
}

fn list_of(data_type: &DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(data_type.clone(), true)))
}

/// Which of the three aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Quantile {
    /// `percentile(value double, percentages, frequency bigint)`: exact, interpolated.
    Exact,
    /// `percentile_approx(value, percentages, accuracy bigint)`: a value of the group.
    Approximate,
    /// `mode(value)`: the most frequent value, the smallest of ties.
    Mode,
}

/// Spark's `percentile`, `percentile_approx` or `mode`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Quantiles {
    quantile: Quantile,
    signature: Signature,
}

impl Quantiles {
    pub(crate) fn new(quantile: Quantile) -> Self {
        let arity = if quantile == Quantile::Mode { 1 } else { 3 };
        Quantiles { quantile, signature: Signature::any(arity, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for Quantiles {
    fn name(&self) -> &str {
        match self.quantile {
            Quantile::Exact => "percentile",
            Quantile::Approximate => "percentile_approx",
            Quantile::Mode => "mode",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let Some(value_type) = argument_types.first() else {
            return exec_err!("{} takes a value", self.name());
        };
        let element = if self.quantile == Quantile::Exact { DataType::Float64 } else { value_type.clone() };
        Ok(match argument_types.get(1) {
            Some(DataType::List(_)) => list_of(&element),
            _ => element,
        })
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let Some(value) = args.input_fields.first() else {
            return exec_err!("{} takes a value", self.name());
        };
        let mut fields = vec![Field::new(format_state_name(args.name, "values"), list_of(value.data_type()), true).into()];
        if self.quantile == Quantile::Exact {
            fields.push(Field::new(format_state_name(args.name, "frequencies"), list_of(&DataType::Int64), true).into());
        }
        Ok(fields)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(value) = args.expr_fields.first() else {
            return exec_err!("{} takes a value", self.name());
        };
        let (percentages, is_list, accuracy) = match self.quantile {
            Quantile::Mode => (vec![], false, 0),
            _ => {
                let (percentages, is_list) = percentages(&constant(args.exprs.get(1), "percentage")?)?;
                // The exact percentile's third argument is a column of frequencies.
                let accuracy = match self.quantile {
                    Quantile::Approximate => match constant(args.exprs.get(2), "accuracy")? {
                        ScalarValue::Int64(Some(accuracy)) if accuracy > 0 => accuracy,
                        other => return exec_err!("unsupported accuracy {other}"),
                    },
                    _ => 0,
                };
                (percentages, is_list, accuracy)
            }
        };
        Ok(Box::new(QuantileAccumulator {
            quantile: self.quantile,
            value_type: value.data_type().clone(),
            percentages,
            is_list,
            accuracy,
            values: Values::default(),
        }))
    }
}

#[derive(Debug)]
struct QuantileAccumulator {
    quantile: Quantile,
    value_type: DataType,
    percentages: Vec<f64>,
    is_list: bool,
    /// `percentile_approx`'s accuracy.
    accuracy: i64,
    values: Values,
}

/// The index of the first cumulative count reaching `target`.
fn first_reaching(cumulative: &[i64], target: i64) -> usize {
    cumulative.partition_point(|count| *count < target).min(cumulative.len().saturating_sub(1))
}

#[expect(clippy::cast_precision_loss, clippy::cast_possible_truncation, reason = "Spark computes positions in doubles")]
fn exact_percentile(sorted: &[f64], cumulative: &[i64], percentage: f64) -> f64 {
    let total = cumulative.last().copied().unwrap_or(0);
    let position = (total - 1) as f64 * percentage;
    let lower = position.floor() as i64;
    let higher = position.ceil() as i64;
    let lower_value = sorted[first_reaching(cumulative, lower + 1)];
    if higher == lower {
        return lower_value;
    }
    let higher_value = sorted[first_reaching(cumulative, higher + 1)];
    if higher_value == lower_value {
        return lower_value;
    }
    (higher as f64 - position) * lower_value + (position - lower as f64) * higher_value
}

#[expect(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "ranks in doubles, as Spark's")]
fn approximate_rank(count: usize, percentage: f64, accuracy: i64) -> usize {
    let relative_error = 1.0 / accuracy as f64;
    if percentage <= relative_error {
        0
    } else if percentage >= 1.0 - relative_error {
        count - 1
    } else {
        let rank = (percentage * count as f64).ceil() as usize;
        rank.clamp(1, count) - 1
    }
}

impl QuantileAccumulator {
    fn result(&self) -> Result<ScalarValue> {
        let element_type = if self.quantile == Quantile::Exact { DataType::Float64 } else { self.value_type.clone() };
        let (sorted, frequencies) = self.values.sorted(&self.value_type)?;
        if sorted.is_empty() {
            let null = ScalarValue::try_from(&element_type)?;
            return Ok(if self.is_list { ScalarValue::try_from(list_of(&element_type))? } else { null });
        }
        let results: Vec<ScalarValue> = match self.quantile {
            Quantile::Mode => {
                let runs = partition(&[Arc::clone(&sorted)])?.ranges();
                let mut best = 0..0;
                for run in runs {
                    if run.len() > best.len() {
                        best = run;
                    }
                }
                vec![ScalarValue::try_from_array(&sorted, best.start)?]
            }
            Quantile::Approximate => self
                .percentages
                .iter()
                .map(|percentage| ScalarValue::try_from_array(&sorted, approximate_rank(sorted.len(), *percentage, self.accuracy)))
                .collect::<Result<_>>()?,
            Quantile::Exact => {
                let Some(values) = sorted.as_primitive_opt::<Float64Type>() else {
                    return exec_err!("percentile over {}", sorted.data_type());
                };
                let values: Vec<f64> = values.values().to_vec();
                let mut cumulative = Vec::with_capacity(values.len());
                let mut running = 0i64;
                if let Some(frequencies) = &frequencies {
                    for frequency in frequencies.as_primitive::<Int64Type>().values() {
                        running = running.saturating_add(*frequency);
                        cumulative.push(running);
                    }
                }
                if running == 0 {
                    let null = ScalarValue::Float64(None);
                    return Ok(if self.is_list { ScalarValue::try_from(list_of(&element_type))? } else { null });
                }
                self.percentages
                    .iter()
                    .map(|percentage| ScalarValue::Float64(Some(exact_percentile(&values, &cumulative, *percentage))))
                    .collect()
            }
        };
        if self.is_list {
            return Ok(ScalarValue::List(ScalarValue::new_list_nullable(&results, &element_type)));
        }
        results.into_iter().next().map_or_else(|| ScalarValue::try_from(&element_type), Ok)
    }
}

impl Accumulator for QuantileAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("quantile without a value");
        };
        let frequencies = if self.quantile == Quantile::Exact { values.get(2) } else { None };
        self.values.add(column, frequencies)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(lists) = states.first() else {
            return exec_err!("quantile state without values");
        };
        self.values.merge_lists(lists, states.get(1))
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let mut state = vec![self.values.list_state(&self.value_type)?];
        if self.quantile == Quantile::Exact {
            state.push(self.values.frequency_state()?);
        }
        Ok(state)
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.result()
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.values.size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_percentiles_interpolate_as_spark() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let cumulative: Vec<i64> = (1..=10).collect();
        assert_eq!(exact_percentile(&values, &cumulative, 0.25), 3.25);
        assert_eq!(exact_percentile(&values, &cumulative, 0.5), 5.5);
        assert_eq!(exact_percentile(&values, &cumulative, 1.0), 10.0);
        // frequencies: 1 once, 2 three times
        assert_eq!(exact_percentile(&[1.0, 2.0], &[1, 4], 0.5), 2.0);
    }

    #[test]
    fn approximate_ranks_are_sparks_on_small_groups() {
        // Spark: percentile_approx over 1..10 gives 3, 5, 8 for 0.25, 0.5, 0.75; 1 with accuracy 1.
        assert_eq!(approximate_rank(10, 0.25, 10000), 2);
        assert_eq!(approximate_rank(10, 0.5, 10000), 4);
        assert_eq!(approximate_rank(10, 0.75, 10000), 7);
        assert_eq!(approximate_rank(10, 0.5, 1), 0);
        assert_eq!(approximate_rank(4, 0.5, 10000), 1);
    }
}
