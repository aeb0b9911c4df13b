// SPDX-License-Identifier: Apache-2.0
//! Rows in the bytes of Spark's `UnsafeRow`, for the order Spark sorts a
//! partition in before a round-robin `repartition(n)`
//! (`spark.sql.execution.sortBeforeRepartition`): by the row's `hashCode()`
//! (Murmur3 x86 32 of its bytes, seed 42), then by its bytes (longer rows
//! last, then unsigned lexicographic).
//!
//! The layout: a null bit set of one 8-byte word per 64 fields, one 8-byte
//! slot per field (a fixed-width value in its low bytes, the rest zero; zero
//! for null), then the variable-length values (strings, binaries, decimals
//! wider than 18 digits), each padded with zeros to a multiple of 8 bytes,
//! whose slots hold `offset << 32 | size`. Other types (nested ones,
//! intervals) are NOT_IMPLEMENTED.

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, TimeUnit,
    TimestampMicrosecondType,
};
use datafusion::common::{Result, not_impl_err};

use crate::functions::per_partition::murmur3_32;

/// Spark's `Decimal.MAX_LONG_DIGITS`: wider decimals are stored as bytes.
const MAX_LONG_DIGITS: u8 = 18;

/// Whether rows of these types can be encoded.
pub(crate) fn encodable(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Null
            | DataType::Boolean
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::Float32
            | DataType::Float64
            | DataType::Date32
            | DataType::Timestamp(TimeUnit::Microsecond, _)
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
            | DataType::Decimal128(..)
    )
}

/// The `UnsafeRow` bytes of each row of `columns` (`rows` rows).
pub(crate) fn encode_rows(columns: &[ArrayRef], rows: usize) -> Result<Vec<Vec<u8>>> {
    if let Some(column) = columns.iter().find(|column| !encodable(column.data_type())) {
        return not_impl_err!(
            "repartition(n) of rows with a {} column (Spark's order of such rows before dealing them is not emulated)",
            column.data_type()
        );
    }
    let fixed = columns.len().div_ceil(64) * 8 + columns.len() * 8;
    Ok((0..rows)
        .map(|row| {
            let mut bytes = vec![0_u8; fixed];
            for (ordinal, column) in columns.iter().enumerate() {
                write_field(&mut bytes, columns.len(), ordinal, column, row);
            }
            bytes
        })
        .collect())
}

/// Spark's `UnsafeRow.hashCode()` of the row `bytes`.
pub(crate) fn hash_code(bytes: &[u8]) -> i32 {
    #[expect(clippy::cast_possible_wrap, reason = "Java's int is the hash's bits")]
    let hash = murmur3_32(bytes, 42) as i32;
    hash
}

fn write_field(bytes: &mut Vec<u8>, fields: usize, ordinal: usize, column: &ArrayRef, row: usize) {
    let slot = fields.div_ceil(64) * 8 + ordinal * 8;
    if column.is_null(row) {
        bytes[ordinal / 64 * 8 + ordinal % 64 / 8] |= 1 << (ordinal % 8);
        if let DataType::Decimal128(precision, _) = column.data_type()
            && *precision > MAX_LONG_DIGITS
        {
            // Spark reserves a wide decimal's 16 bytes even for a null.
            let offset = bytes.len() as u64;
            bytes.extend_from_slice(&[0; 16]);
            bytes[slot..slot + 8].copy_from_slice(&(offset << 32).to_le_bytes());
        }
        return;
    }
    let mut fixed = |value: &[u8]| bytes[slot..slot + value.len()].copy_from_slice(value);
    match column.data_type() {
        DataType::Boolean => fixed(&[u8::from(column.as_boolean().value(row))]),
        DataType::Int8 => fixed(&column.as_primitive::<Int8Type>().value(row).to_le_bytes()),
        DataType::Int16 => fixed(&column.as_primitive::<Int16Type>().value(row).to_le_bytes()),
        DataType::Int32 => fixed(&column.as_primitive::<Int32Type>().value(row).to_le_bytes()),
        DataType::Int64 => fixed(&column.as_primitive::<Int64Type>().value(row).to_le_bytes()),
        DataType::Float32 => fixed(&column.as_primitive::<Float32Type>().value(row).to_bits().to_le_bytes()),
        DataType::Float64 => fixed(&column.as_primitive::<Float64Type>().value(row).to_bits().to_le_bytes()),
        DataType::Date32 => fixed(&column.as_primitive::<Date32Type>().value(row).to_le_bytes()),
        DataType::Timestamp(..) => fixed(&column.as_primitive::<TimestampMicrosecondType>().value(row).to_le_bytes()),
        DataType::Decimal128(precision, _) => {
            let value = column.as_primitive::<Decimal128Type>().value(row);
            if *precision <= MAX_LONG_DIGITS {
                #[expect(clippy::cast_possible_truncation, reason = "at most 18 digits fit a long")]
                let unscaled = value as i64;
                fixed(&unscaled.to_le_bytes());
            } else {
                let offset = bytes.len() as u64;
                let minimal = java_big_integer_bytes(value);
                let mut reserved = [0_u8; 16];
                reserved[..minimal.len()].copy_from_slice(&minimal);
                bytes.extend_from_slice(&reserved);
                bytes[slot..slot + 8].copy_from_slice(&((offset << 32) | minimal.len() as u64).to_le_bytes());
            }
        }
        DataType::Utf8 => variable(bytes, slot, column.as_string::<i32>().value(row).as_bytes()),
        DataType::LargeUtf8 => variable(bytes, slot, column.as_string::<i64>().value(row).as_bytes()),
        DataType::Utf8View => variable(bytes, slot, column.as_string_view().value(row).as_bytes()),
        DataType::Binary => variable(bytes, slot, column.as_binary::<i32>().value(row)),
        DataType::LargeBinary => variable(bytes, slot, column.as_binary::<i64>().value(row)),
        DataType::BinaryView => variable(bytes, slot, column.as_binary_view().value(row)),
        // Null columns are all null; other types were refused by `encode_rows`.
        _ => {}
    }
}

/// A variable-length value: its bytes appended, padded to a word, its slot pointing at them.
fn variable(bytes: &mut Vec<u8>, slot: usize, value: &[u8]) {
    let offset = bytes.len() as u64;
    bytes.extend_from_slice(value);
    bytes.resize(bytes.len() + (8 - value.len() % 8) % 8, 0);
    bytes[slot..slot + 8].copy_from_slice(&((offset << 32) | value.len() as u64).to_le_bytes());
}

/// Java's `BigInteger.toByteArray()`: the shortest big-endian two's complement bytes.
fn java_big_integer_bytes(value: i128) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let mut start = 0;
    while start < bytes.len() - 1 {
        let redundant = (bytes[start] == 0x00 && bytes[start + 1] & 0x80 == 0) || (bytes[start] == 0xff && bytes[start + 1] & 0x80 != 0);
        if !redundant {
            break;
        }
        start += 1;
    }
    bytes[start..].to_vec()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{ArrayRef, Int64Array, StringArray};

    use super::{encode_rows, hash_code, java_big_integer_bytes};

    #[test]
    fn rows_have_spark_bytes() {
        let ids: ArrayRef = Arc::new(Int64Array::from(vec![Some(5), None]));
        let names: ArrayRef = Arc::new(StringArray::from(vec![Some("name_5"), Some("")]));
        let rows = encode_rows(&[ids, names], 2).unwrap_or_default();
        let mut expected = vec![0_u8; 24];
        expected[8] = 5;
        expected[16..24].copy_from_slice(&((24_u64 << 32) | 6).to_le_bytes());
        expected.extend_from_slice(b"name_5\0\0");
        assert_eq!(rows[0], expected);
        let mut null_id = vec![0_u8; 24];
        null_id[0] = 1;
        null_id[16..24].copy_from_slice(&(24_u64 << 32).to_le_bytes());
        assert_eq!(rows[1], null_id);
    }

    #[test]
    fn hash_codes_are_spark_ones() {
        // Spark's UnsafeRow of no fields hashes as Murmur3 of no bytes, seed 42.
        assert_eq!(hash_code(&[]), 142_593_372);
    }

    #[test]
    fn big_integers_have_java_bytes() {
        assert_eq!(java_big_integer_bytes(0), vec![0]);
        assert_eq!(java_big_integer_bytes(128), vec![0, 128]);
        assert_eq!(java_big_integer_bytes(-1), vec![255]);
        assert_eq!(java_big_integer_bytes(-129), vec![255, 127]);
    }
}
