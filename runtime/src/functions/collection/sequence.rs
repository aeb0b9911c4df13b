// SPDX-License-Identifier: Apache-2.0
//! Spark's `sequence` of integers: `start` to `stop` inclusive by `step`
//! (1 or -1 when not given, by the direction), as bigints; the analyzer casts
//! the array to the arguments' integer type. A step of the wrong sign, or 0
//! between different bounds, fails as in Spark.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Int64Builder, ListBuilder};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::ScalarUDF;

use crate::functions::string::row_function::{Arguments, RowFunction, number, spark_error};

/// Spark's largest array (`ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH`).
const MAX_LENGTH: i128 = i32::MAX as i128 - 15;

/// The values of the sequence, or Spark's error for bounds it refuses.
fn sequence_values(start: i64, stop: i64, step: i64) -> Result<Vec<i64>> {
    let (first, last, by) = (i128::from(start), i128::from(stop), i128::from(step));
    let legal = (by > 0 && first <= last) || (by < 0 && first >= last) || (by == 0 && first == last);
    if !legal {
        return Err(spark_error(
            "_LEGACY_ERROR_TEMP_3243",
            vec![("start", start.to_string()), ("stop", stop.to_string()), ("step", step.to_string())],
            format!("Illegal sequence boundaries: {start} to {stop} by {step}"),
        ));
    }
    let length = if by == 0 { 1 } else { (last - first) / by + 1 };
    if length > MAX_LENGTH {
        return exec_err!(
            "[COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER] Can't create array with {length} elements which exceeding the array size limit 2147483632, the value of parameter(s) `count` is invalid"
        );
    }
    let mut values = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    let mut current = first;
    for _ in 0..length {
        values.push(i64::try_from(current).unwrap_or_default());
        current += by;
    }
    Ok(values)
}

fn sequence(arguments: &Arguments) -> Result<ArrayRef> {
    let (starts, stops) = (arguments.longs(0)?, arguments.longs(1)?);
    let steps = if arguments.count() > 2 { Some(arguments.longs(2)?) } else { None };
    let mut result = ListBuilder::new(Int64Builder::new()).with_field(Arc::new(Field::new("item", DataType::Int64, false)));
    for row in 0..arguments.rows() {
        let (Some(start), Some(stop)) = (number(&starts, row), number(&stops, row)) else {
            result.append_null();
            continue;
        };
        let step = match &steps {
            Some(steps) => match number(steps, row) {
                Some(step) => step,
                None => {
                    result.append_null();
                    continue;
                }
            },
            None if start <= stop => 1,
            None => -1,
        };
        result.values().append_slice(&sequence_values(start, stop, step)?);
        result.append(true);
    }
    Ok(Arc::new(result.finish()))
}

pub(crate) fn sequence_function() -> ScalarUDF {
    let output = DataType::List(Arc::new(Field::new("item", DataType::Int64, false)));
    ScalarUDF::new_from_impl(RowFunction::new("sequence", output, &[2, 3], sequence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_as_spark() -> Result<()> {
        assert_eq!(sequence_values(-2, 2, 1)?, vec![-2, -1, 0, 1, 2]);
        assert_eq!(sequence_values(4, -4, -2)?, vec![4, 2, 0, -2, -4]);
        assert_eq!(sequence_values(1, 10, 3)?, vec![1, 4, 7, 10]);
        assert_eq!(sequence_values(120, 127, 5)?, vec![120, 125]);
        assert_eq!(sequence_values(5, 5, 0)?, vec![5]);
        assert_eq!(sequence_values(i64::MAX - 1, i64::MAX, 1)?, vec![i64::MAX - 1, i64::MAX]);
        assert!(sequence_values(1, 5, 0).is_err());
        assert!(sequence_values(1, 5, -1).is_err());
        Ok(())
    }
}
