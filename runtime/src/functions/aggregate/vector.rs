// SPDX-License-Identifier: Apache-2.0
//! Spark 4.2's `vector_sum` and `vector_avg` of `array<float>` vectors:
//! element-wise, in float arithmetic as Spark's (a sum that leaves float's
//! range is infinite). A null vector, or one holding a null element, is
//! skipped; no vectors give null; vectors of different lengths fail.
//!
//! `vector_avg` keeps Spark's running mean (`mean += (x - mean) / n`), whose
//! rounding is Spark's for rows aggregated in one partition; partial means of
//! several partitions are merged weighted by their counts.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float32Array, Int64Array};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Float32Type, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use crate::functions::string::row_function::spark_error;

/// `vector_sum` or `vector_avg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Combine {
    Sum,
    Average,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct VectorAggregate {
    combine: Combine,
    signature: Signature,
}

impl VectorAggregate {
    pub(crate) fn new(combine: Combine) -> Self {
        VectorAggregate { combine, signature: Signature::any(1, Volatility::Immutable) }
    }
}

fn float_list() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Float32, false)))
}

impl AggregateUDFImpl for VectorAggregate {
    fn name(&self) -> &str {
        match self.combine {
            Combine::Sum => "vector_sum",
            Combine::Average => "vector_avg",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(float_list())
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Field::new(format_state_name(args.name, "vector"), float_list(), true).into(),
            Field::new(format_state_name(args.name, "count"), DataType::Int64, false).into(),
        ])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(VectorAccumulator { combine: self.combine, name: self.name().to_string(), vector: Vec::new(), count: 0 }))
    }
}

#[derive(Debug)]
struct VectorAccumulator {
    combine: Combine,
    name: String,
    /// The sum or mean so far (empty before the first vector).
    vector: Vec<f32>,
    /// Vectors taken.
    count: i64,
}

impl VectorAccumulator {
    fn check_dimension(&self, length: usize) -> Result<()> {
        if self.count > 0 && self.vector.len() != length {
            let (function, left) = (self.name.clone(), self.vector.len());
            return Err(spark_error(
                "VECTOR_DIMENSION_MISMATCH",
                vec![("functionName", format!("`{function}`")), ("leftDim", left.to_string()), ("rightDim", length.to_string())],
                format!("Vectors passed to `{function}` must have the same dimension, but got {left} and {length}."),
            ));
        }
        Ok(())
    }

    /// Take one vector.
    fn add(&mut self, values: &Float32Array) -> Result<()> {
        self.check_dimension(values.len())?;
        if self.count == 0 {
            self.vector = values.values().to_vec();
            self.count = 1;
            return Ok(());
        }
        self.count += 1;
        let count = self.count as f32;
        for (current, value) in self.vector.iter_mut().zip(values.values().iter()) {
            match self.combine {
                Combine::Sum => *current += *value,
                Combine::Average => *current += (*value - *current) / count,
            }
        }
        Ok(())
    }

    /// Take another accumulator's state: its vector over `count` vectors.
    fn merge(&mut self, values: &Float32Array, count: i64) -> Result<()> {
        if count == 0 {
            return Ok(());
        }
        self.check_dimension(values.len())?;
        if self.count == 0 {
            self.vector = values.values().to_vec();
            self.count = count;
            return Ok(());
        }
        let total = self.count + count;
        let weight = count as f32 / total as f32;
        for (current, value) in self.vector.iter_mut().zip(values.values().iter()) {
            match self.combine {
                Combine::Sum => *current += *value,
                Combine::Average => *current += (*value - *current) * weight,
            }
        }
        self.count = total;
        Ok(())
    }

    fn result(&self) -> ScalarValue {
        if self.count == 0 {
            return ScalarValue::try_from(float_list()).unwrap_or(ScalarValue::Null);
        }
        let values: ArrayRef = Arc::new(Float32Array::from(self.vector.clone()));
        ScalarValue::List(Arc::new(datafusion::arrow::array::ListArray::new(
            Arc::new(Field::new("item", DataType::Float32, false)),
            datafusion::arrow::buffer::OffsetBuffer::from_lengths([self.vector.len()]),
            values,
            None,
        )))
    }
}

impl Accumulator for VectorAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(vectors) = values.first() else {
            return exec_err!("{} takes a vector", self.name);
        };
        let vectors = vectors.as_list::<i32>();
        for row in 0..vectors.len() {
            if vectors.is_null(row) {
                continue;
            }
            let vector = vectors.value(row);
            let floats = vector.as_primitive::<Float32Type>();
            if floats.null_count() > 0 {
                continue;
            }
            self.add(floats)?;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [vectors, counts, ..] = states else {
            return exec_err!("{} state has two parts", self.name);
        };
        let (vectors, counts): (_, &Int64Array) = (vectors.as_list::<i32>(), counts.as_primitive::<Int64Type>());
        for row in 0..vectors.len() {
            if vectors.is_null(row) || counts.is_null(row) {
                continue;
            }
            let vector = vectors.value(row);
            self.merge(vector.as_primitive::<Float32Type>(), counts.value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![self.result(), ScalarValue::Int64(Some(self.count))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(self.result())
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.vector.capacity() * std::mem::size_of::<f32>() + self.name.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accumulate(combine: Combine, vectors: &[&[f32]]) -> Result<Vec<f32>> {
        let mut accumulator = VectorAccumulator { combine, name: "vector_avg".to_string(), vector: Vec::new(), count: 0 };
        for vector in vectors {
            accumulator.add(&Float32Array::from(vector.to_vec()))?;
        }
        Ok(accumulator.vector)
    }

    #[test]
    fn vectors_as_spark() -> Result<()> {
        assert_eq!(accumulate(Combine::Sum, &[&[1.0, 2.0], &[3.0, 4.0]])?, vec![4.0, 6.0]);
        assert_eq!(accumulate(Combine::Average, &[&[1.0, 2.0], &[3.0, 4.0]])?, vec![2.0, 3.0]);
        // Float overflow, as Spark's.
        assert_eq!(accumulate(Combine::Sum, &[&[3.4e38], &[3.4e38], &[-3.4e38]])?, vec![f32::INFINITY]);
        assert_eq!(accumulate(Combine::Average, &[&[3.4e38], &[3.4e38], &[-3.4e38]])?, vec![f32::NEG_INFINITY]);
        assert!(accumulate(Combine::Sum, &[&[1.0], &[1.0, 2.0]]).is_err());
        Ok(())
    }
}
