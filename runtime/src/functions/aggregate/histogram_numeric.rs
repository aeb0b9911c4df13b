// SPDX-License-Identifier: Apache-2.0
//! Spark's `histogram_numeric(col, nb)`: its `NumericHistogram` (Ben-Haim and
//! Tom-Tov's streaming histogram, as Hive wrote it). Each value goes into a
//! sorted list of bins (a bin at an equal centre counts it); past `nb` bins the
//! two closest are merged into their weighted mean, ties between equally close
//! pairs broken by `java.util.Random(31183)` as Spark does, one generator per
//! partial histogram. Partial histograms merge by sorting their bins together
//! and trimming. Values are compared as Java compares doubles (NaN is neither
//! smaller nor larger). The result is `array<struct<x, y: double>>` with `x` of
//! the input's type (Spark's `propagateInputType`), NULL without values.

use std::cmp::Ordering;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Array, ListArray, StructArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::expressions::Literal;

use super::java_random::JavaRandom;

/// Spark's fixed seed for breaking ties between equally close bins.
const TIE_SEED: i64 = 31183;

fn bin_fields(x_type: &DataType) -> Fields {
    Fields::from(vec![Field::new("x", x_type.clone(), true), Field::new("y", DataType::Float64, true)])
}

fn result_type(x_type: &DataType) -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Struct(bin_fields(x_type)), true)))
}

fn double_list() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Float64, true)))
}

/// The integer type a temporal value travels through on its way to and from a double.
fn through(data_type: &DataType) -> Option<DataType> {
    match data_type {
        DataType::Date32 => Some(DataType::Int32),
        DataType::Timestamp(_, _) => Some(DataType::Int64),
        _ => None,
    }
}

/// `values` as doubles (dates as days, timestamps as microseconds).
fn to_doubles(values: &ArrayRef) -> Result<ArrayRef> {
    let values = match through(values.data_type()) {
        Some(integer) => cast(values, &integer)?,
        None => Arc::clone(values),
    };
    Ok(cast(&values, &DataType::Float64)?)
}

/// Bin centres back in the input's type (integers truncated, as Java's casts do).
fn from_doubles(centres: Vec<f64>, data_type: &DataType) -> Result<ArrayRef> {
    let centres: ArrayRef = Arc::new(Float64Array::from(centres));
    if data_type.is_integer() {
        let truncated: ArrayRef = Arc::new(centres.as_primitive::<Float64Type>().unary::<_, Float64Type>(f64::trunc));
        return Ok(cast(&truncated, data_type)?);
    }
    match through(data_type) {
        Some(integer) => {
            let truncated: ArrayRef = Arc::new(centres.as_primitive::<Float64Type>().unary::<_, Float64Type>(f64::trunc));
            Ok(cast(&cast(&truncated, &integer)?, data_type)?)
        }
        None => Ok(cast(&centres, data_type)?),
    }
}

/// Java's `Double.compare`: NaN above everything, -0.0 below 0.0.
fn java_compare(left: f64, right: f64) -> Ordering {
    if left < right {
        return Ordering::Less;
    }
    if left > right {
        return Ordering::Greater;
    }
    let bits = |value: f64| if value.is_nan() { 0x7ff8_0000_0000_0000_i64 } else { value.to_bits().cast_signed() };
    bits(left).cmp(&bits(right))
}

/// Spark's `histogram_numeric` aggregate.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct HistogramNumeric {
    signature: Signature,
}

impl HistogramNumeric {
    pub(crate) fn new() -> Self {
        HistogramNumeric { signature: Signature::any(2, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for HistogramNumeric {
    fn name(&self) -> &str {
        "histogram_numeric"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        let Some(value_type) = argument_types.first() else {
            return exec_err!("histogram_numeric takes a value");
        };
        Ok(result_type(value_type))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Field::new(format_state_name(args.name, "x"), double_list(), true).into(),
            Field::new(format_state_name(args.name, "y"), double_list(), true).into(),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(value) = args.expr_fields.first() else {
            return exec_err!("histogram_numeric takes a value");
        };
        let literal = args.exprs.get(1).and_then(|expression| expression.downcast_ref::<Literal>());
        let bins = match literal.map(Literal::value) {
            Some(ScalarValue::Int32(Some(bins))) if *bins >= 2 => usize::try_from(*bins).unwrap_or(usize::MAX),
            _ => return exec_err!("histogram_numeric: the number of bins must be a constant int of at least 2"),
        };
        Ok(Box::new(Histogram::new(bins, value.data_type().clone())))
    }
}

/// One partial histogram: its sorted bins (centre, height).
#[derive(Debug)]
struct Histogram {
    bins: usize,
    centres: Vec<f64>,
    heights: Vec<f64>,
    random: JavaRandom,
    value_type: DataType,
}

impl Histogram {
    fn new(bins: usize, value_type: DataType) -> Self {
        Histogram { bins, centres: vec![], heights: vec![], random: JavaRandom::new(TIE_SEED), value_type }
    }

    fn add(&mut self, value: f64) {
        // Binary search for the bin at or just after `value`, with Java's comparisons.
        let (mut low, mut high, mut bin) = (0, self.centres.len(), 0);
        while low < high {
            bin = usize::midpoint(low, high);
            if self.centres[bin] > value {
                high = bin;
            } else if self.centres[bin] < value {
                bin += 1;
                low = bin;
            } else {
                break;
            }
        }
        if bin < self.centres.len() && self.centres[bin] == value {
            self.heights[bin] += 1.0;
        } else {
            self.centres.insert(bin, value);
            self.heights.insert(bin, 1.0);
            if self.centres.len() > self.bins {
                self.trim();
            }
        }
    }

    /// Merges the closest pairs of bins until `bins` remain.
    fn trim(&mut self) {
        while self.centres.len() > self.bins {
            let mut smallest = self.centres[1] - self.centres[0];
            let (mut location, mut ties) = (0, 1u32);
            for index in 1..self.centres.len() - 1 {
                let difference = self.centres[index + 1] - self.centres[index];
                if difference < smallest {
                    smallest = difference;
                    location = index;
                    ties = 1;
                } else if difference == smallest {
                    ties += 1;
                    if self.random.next_double() <= 1.0 / f64::from(ties) {
                        location = index;
                    }
                }
            }
            let height = self.heights[location] + self.heights[location + 1];
            let mut centre = self.centres[location] * (self.heights[location] / height);
            centre += self.centres[location + 1] / height * self.heights[location + 1];
            self.centres[location] = centre;
            self.heights[location] = height;
            self.centres.remove(location + 1);
            self.heights.remove(location + 1);
        }
    }

    /// Spark's merge of another partial histogram.
    fn merge(&mut self, centres: &[f64], heights: &[f64]) {
        if self.centres.is_empty() {
            self.centres = centres.to_vec();
            self.heights = heights.to_vec();
            return;
        }
        let mut bins: Vec<(f64, f64)> = self.centres.iter().copied().zip(self.heights.iter().copied()).collect();
        bins.extend(centres.iter().copied().zip(heights.iter().copied()));
        // A stable sort, as Java's Collections.sort.
        bins.sort_by(|left, right| java_compare(left.0, right.0));
        (self.centres, self.heights) = bins.into_iter().unzip();
        self.trim();
    }

    fn list_state(values: &[f64]) -> ScalarValue {
        ScalarValue::List(ScalarValue::new_list_nullable(
            &values.iter().map(|value| ScalarValue::Float64(Some(*value))).collect::<Vec<_>>(),
            &DataType::Float64,
        ))
    }
}

impl Accumulator for Histogram {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("histogram_numeric without a value");
        };
        let doubles = to_doubles(column)?;
        for value in doubles.as_primitive::<Float64Type>().iter().flatten() {
            self.add(value);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let (Some(centres), Some(heights)) = (states.first(), states.get(1)) else {
            return exec_err!("histogram_numeric state without bins");
        };
        let (centres, heights) = (centres.as_list::<i32>(), heights.as_list::<i32>());
        for row in 0..centres.len() {
            if centres.is_null(row) || heights.is_null(row) {
                continue;
            }
            let (row_centres, row_heights) = (centres.value(row), heights.value(row));
            let row_centres: Vec<f64> = row_centres.as_primitive::<Float64Type>().values().to_vec();
            let row_heights: Vec<f64> = row_heights.as_primitive::<Float64Type>().values().to_vec();
            self.merge(&row_centres, &row_heights);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![Self::list_state(&self.centres), Self::list_state(&self.heights)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        if self.centres.is_empty() {
            return ScalarValue::try_from(&result_type(&self.value_type));
        }
        let count = self.centres.len();
        let centres = from_doubles(self.centres.clone(), &self.value_type)?;
        let heights: ArrayRef = Arc::new(Float64Array::from(self.heights.clone()));
        let bins = StructArray::try_new(bin_fields(&self.value_type), vec![centres, heights], None)?;
        let field = Arc::new(Field::new_list_field(DataType::Struct(bin_fields(&self.value_type)), true));
        #[expect(clippy::cast_possible_truncation, clippy::cast_possible_wrap, reason = "a histogram has at most i32::MAX bins")]
        let offsets = OffsetBuffer::new(vec![0, count as i32].into());
        let list = ListArray::try_new(field, offsets, Arc::new(bins), None)?;
        Ok(ScalarValue::List(Arc::new(list)))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 8 * (self.centres.capacity() + self.heights.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_sparks_docstring() {
        // Spark 4.3: histogram_numeric(id, 5) over range(100) in one partition.
        let mut histogram = Histogram::new(5, DataType::Int64);
        (0..100).for_each(|value| histogram.add(f64::from(value)));
        let centres: Vec<i64> = histogram.centres.iter().map(|centre| centre.trunc() as i64).collect();
        assert_eq!(centres, vec![11, 36, 59, 84, 98]);
        assert_eq!(histogram.heights, vec![25.0, 24.0, 23.0, 25.0, 3.0]);
    }

    #[test]
    fn nan_and_signed_zeros_compare_as_java() {
        // Spark 4.3 over 1.0, NaN, 2.0, Infinity, -0.0, 0.0 with 10 bins.
        let mut histogram = Histogram::new(10, DataType::Float64);
        for value in [1.0, f64::NAN, 2.0, f64::INFINITY, -0.0, 0.0] {
            histogram.add(value);
        }
        let shown: Vec<String> = histogram.centres.iter().map(|centre| format!("{centre:?}")).collect();
        assert_eq!(shown, vec!["-0.0", "0.0", "NaN", "1.0", "2.0", "inf"]);
    }
}
