// SPDX-License-Identifier: Apache-2.0
//! Values read from text (JSON or CSV) for a Spark type, row by row, and the
//! Arrow arrays built from them column by column: [`Cell`] is one value
//! already converted to its Spark type, [`build`] the array of a column.

use std::sync::Arc;

use arrow::array::{
    ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, Float32Array, Float64Array, Int8Array, Int16Array,
    Int32Array, Int64Array, ListArray, MapArray, NullBufferBuilder, StringArray, StructArray, TimestampMicrosecondArray,
};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{Field, i256};
use datafusion::common::{Result, exec_err};

use super::spark_type::{SparkType, map_entries, struct_fields};

/// One value of a Spark type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Bool(bool),
    /// Any integral type (checked against its range when read).
    Integer(i64),
    Float(f64),
    /// The unscaled value of a decimal.
    Decimal(i128),
    Text(String),
    /// A date: days since the epoch.
    Days(i32),
    /// A timestamp: microseconds since the epoch.
    Micros(i64),
    List(Vec<Cell>),
    Map(Vec<(Cell, Cell)>),
    Struct(Vec<Cell>),
}

impl Cell {
    fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }
}

/// The array of `cells`, each a value of `spark_type` (or null).
pub(crate) fn build(spark_type: &SparkType, cells: &[&Cell]) -> Result<ArrayRef> {
    macro_rules! primitive {
        ($array:ty, $pattern:pat => $value:expr) => {
            Arc::new(cells.iter().map(|cell| match cell { $pattern => Some($value), _ => None }).collect::<$array>()) as ArrayRef
        };
    }
    Ok(match spark_type {
        SparkType::Boolean => primitive!(BooleanArray, Cell::Bool(value) => *value),
        SparkType::Byte => primitive!(Int8Array, Cell::Integer(value) => i8::try_from(*value).unwrap_or_default()),
        SparkType::Short => primitive!(Int16Array, Cell::Integer(value) => i16::try_from(*value).unwrap_or_default()),
        SparkType::Integer => primitive!(Int32Array, Cell::Integer(value) => i32::try_from(*value).unwrap_or_default()),
        SparkType::Long => primitive!(Int64Array, Cell::Integer(value) => *value),
        SparkType::Float => primitive!(Float32Array, Cell::Float(value) => *value as f32),
        SparkType::Double => primitive!(Float64Array, Cell::Float(value) => *value),
        SparkType::Decimal(precision, scale) => Arc::new(
            cells
                .iter()
                .map(|cell| match cell {
                    Cell::Decimal(value) => Some(*value),
                    _ => None,
                })
                .collect::<Decimal128Array>()
                .with_precision_and_scale(*precision, *scale)?,
        ),
        SparkType::String | SparkType::Null => primitive!(StringArray, Cell::Text(value) => value.as_str()),
        SparkType::Binary => primitive!(BinaryArray, Cell::Text(value) => value.as_bytes()),
        SparkType::Date => primitive!(Date32Array, Cell::Days(value) => *value),
        SparkType::Timestamp => Arc::new(
            cells
                .iter()
                .map(|cell| match cell {
                    Cell::Micros(value) => Some(*value),
                    _ => None,
                })
                .collect::<TimestampMicrosecondArray>()
                .with_timezone("UTC"),
        ),
        SparkType::TimestampNtz => primitive!(TimestampMicrosecondArray, Cell::Micros(value) => *value),
        SparkType::Array(element) => {
            let mut nulls = NullBufferBuilder::new(cells.len());
            let mut lengths = Vec::with_capacity(cells.len());
            let mut values = Vec::new();
            for cell in cells {
                match cell {
                    Cell::List(items) => {
                        nulls.append_non_null();
                        lengths.push(items.len());
                        values.extend(items.iter());
                    }
                    _ => {
                        nulls.append_null();
                        lengths.push(0);
                    }
                }
            }
            let field = Arc::new(Field::new_list_field(element.arrow(), true));
            Arc::new(ListArray::try_new(field, OffsetBuffer::from_lengths(lengths), build(element, &values)?, nulls.finish())?)
        }
        SparkType::Map(key, value) => {
            let mut nulls = NullBufferBuilder::new(cells.len());
            let mut lengths = Vec::with_capacity(cells.len());
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for cell in cells {
                match cell {
                    Cell::Map(entries) => {
                        nulls.append_non_null();
                        lengths.push(entries.len());
                        for (entry_key, entry_value) in entries {
                            if entry_key.is_null() {
                                return exec_err!("a map key cannot be null");
                            }
                            keys.push(entry_key);
                            values.push(entry_value);
                        }
                    }
                    _ => {
                        nulls.append_null();
                        lengths.push(0);
                    }
                }
            }
            let entries_field = map_entries(key, value);
            let arrow::datatypes::DataType::Struct(fields) = entries_field.data_type().clone() else {
                return exec_err!("a map's entries are a struct");
            };
            let entries = StructArray::try_new(fields, vec![build(key, &keys)?, build(value, &values)?], None)?;
            Arc::new(MapArray::try_new(Arc::new(entries_field), OffsetBuffer::from_lengths(lengths), entries, nulls.finish(), false)?)
        }
        SparkType::Struct(members) => {
            let mut nulls = NullBufferBuilder::new(cells.len());
            let mut columns: Vec<Vec<&Cell>> = vec![Vec::with_capacity(cells.len()); members.len()];
            for cell in cells {
                match cell {
                    Cell::Struct(values) => {
                        nulls.append_non_null();
                        for (index, column) in columns.iter_mut().enumerate() {
                            column.push(values.get(index).unwrap_or(&Cell::Null));
                        }
                    }
                    _ => {
                        nulls.append_null();
                        for column in &mut columns {
                            column.push(&Cell::Null);
                        }
                    }
                }
            }
            let children = members
                .iter()
                .zip(&columns)
                .map(|((_, member_type), column)| build(member_type, column))
                .collect::<Result<Vec<_>>>()?;
            if members.is_empty() {
                Arc::new(StructArray::new_empty_fields(cells.len(), nulls.finish()))
            } else {
                Arc::new(StructArray::try_new(struct_fields(members), children, nulls.finish())?)
            }
        }
    })
}

/// Whether an unscaled decimal fits `precision` digits.
pub(crate) fn fits_precision(unscaled: i128, precision: u8) -> bool {
    let limit = i256::from_i128(10).wrapping_pow(u32::from(precision));
    i256::from_i128(unscaled.abs()) < limit
}

/// The unscaled value of a decimal text (`-1.25`, `3`, `1e3`) at `scale`,
/// rounded half up as Spark's `BigDecimal.setScale` does; `None` when it is
/// not a number or does not fit `precision` digits.
pub(crate) fn parse_decimal(text: &str, precision: u8, scale: i8) -> Option<i128> {
    let text = text.trim();
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(index) => (&text[..index], text[index + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if (whole.is_empty() && fraction.is_empty()) || !whole.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    // All digits, and how many of them are after the point once the exponent applies.
    let all_digits: String = format!("{whole}{fraction}");
    let fraction_digits = i32::try_from(fraction.len()).ok()? - exponent;
    let shift = i32::from(scale) - fraction_digits;
    let mut unscaled: i128 = 0;
    let digits = all_digits.trim_start_matches('0');
    if shift >= 0 {
        for byte in digits.bytes() {
            unscaled = unscaled.checked_mul(10)?.checked_add(i128::from(byte - b'0'))?;
        }
        for _ in 0..shift {
            unscaled = unscaled.checked_mul(10)?;
        }
    } else {
        let dropped = usize::try_from(-shift).ok()?;
        let kept = digits.len().saturating_sub(dropped);
        for byte in digits[..kept].bytes() {
            unscaled = unscaled.checked_mul(10)?.checked_add(i128::from(byte - b'0'))?;
        }
        // The first digit dropped: a leading zero when every digit is dropped and then some.
        let first_dropped = if dropped > digits.len() { b'0' } else { digits.as_bytes().get(kept).copied().unwrap_or(b'0') };
        if first_dropped >= b'5' {
            unscaled = unscaled.checked_add(1)?;
        }
    }
    let unscaled = if negative { -unscaled } else { unscaled };
    fits_precision(unscaled, precision).then_some(unscaled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Array;

    #[test]
    fn parses_decimals() {
        assert_eq!(parse_decimal("1.25", 5, 2), Some(125));
        assert_eq!(parse_decimal("-1.25", 5, 1), Some(-13));
        assert_eq!(parse_decimal("1e3", 5, 0), Some(1000));
        assert_eq!(parse_decimal("123456", 5, 0), None);
        assert_eq!(parse_decimal("x", 5, 0), None);
        assert_eq!(parse_decimal("0.001", 5, 2), Some(0));
    }

    #[test]
    fn builds_nested_columns() -> Result<()> {
        let spark_type = SparkType::Struct(vec![
            ("a".into(), SparkType::Integer),
            ("b".into(), SparkType::Array(Box::new(SparkType::String))),
        ]);
        let row = Cell::Struct(vec![Cell::Integer(1), Cell::List(vec![Cell::Text("x".into()), Cell::Null])]);
        let array = build(&spark_type, &[&row, &Cell::Null])?;
        assert_eq!(array.len(), 2);
        assert!(array.is_null(1));
        assert_eq!(array.data_type(), &spark_type.arrow());
        Ok(())
    }
}
