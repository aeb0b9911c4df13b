// SPDX-License-Identifier: Apache-2.0
//! Spark's `hash(a, b, ...)`: 32-bit Murmur3 (x86 variant) of each argument in
//! turn, the hash of one argument being the seed of the next; the first seed is
//! 42. A null argument leaves the hash as it is, so the result is never null.
//!
//! Each value is hashed as Spark lays it out: booleans, bytes, shorts, ints and
//! dates as a 4-byte int; longs and timestamps as an 8-byte long; floats and
//! doubles by their IEEE bits (-0.0 as 0.0, every NaN as Java's canonical NaN);
//! decimals of precision 18 or less by their unscaled long; strings and binary
//! by their bytes, with Spark's own handling of the last 1-3 bytes (each one,
//! sign-extended, mixed in as a whole block). Nested types and wider decimals
//! are refused.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, FieldRef, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimeUnit, TimestampMicrosecondType,
};
use datafusion::common::{Result, exec_err, not_impl_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

/// Spark's seed of `hash`.
const SEED: u32 = 42;
const C1: u32 = 0xcc9e_2d51;
const C2: u32 = 0x1b87_3593;

fn mix_k1(k1: u32) -> u32 {
    k1.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2)
}

fn mix_h1(h1: u32, k1: u32) -> u32 {
    (h1 ^ k1).rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64)
}

fn finish(mut h1: u32, length: u32) -> u32 {
    h1 ^= length;
    h1 ^= h1 >> 16;
    h1 = h1.wrapping_mul(0x85eb_ca6b);
    h1 ^= h1 >> 13;
    h1 = h1.wrapping_mul(0xc2b2_ae35);
    h1 ^ (h1 >> 16)
}

fn hash_int(value: u32, seed: u32) -> u32 {
    finish(mix_h1(seed, mix_k1(value)), 4)
}

fn hash_long(value: u64, seed: u32) -> u32 {
    // The low and high halves of the long.
    let (low, high) = (value as u32, (value >> 32) as u32);
    finish(mix_h1(mix_h1(seed, mix_k1(low)), mix_k1(high)), 8)
}

/// Spark's `Murmur3_x86_32.hashUnsafeBytes`.
fn hash_bytes(bytes: &[u8], seed: u32) -> u32 {
    let mut chunks = bytes.chunks_exact(4);
    let mut h1 = seed;
    for chunk in &mut chunks {
        h1 = mix_h1(h1, mix_k1(u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])));
    }
    for &byte in chunks.remainder() {
        // Java's sign-extended byte.
        let widened = i32::from(byte as i8) as u32;
        h1 = mix_h1(h1, mix_k1(widened));
    }
    // Spark passes the length as an int.
    finish(h1, bytes.len() as u32)
}

fn float_bits(value: f32) -> u32 {
    if value.is_nan() {
        0x7fc0_0000
    } else if value == 0.0 {
        0
    } else {
        value.to_bits()
    }
}

fn double_bits(value: f64) -> u64 {
    if value.is_nan() {
        0x7ff8_0000_0000_0000
    } else if value == 0.0 {
        0
    } else {
        value.to_bits()
    }
}

/// A decimal's unscaled value as Spark's long (a precision of 18 or less fits one).
fn unscaled_long(value: i128) -> u64 {
    value as i64 as u64
}

/// Fold one argument's values into `hashes` (one per row); signed values are
/// hashed by their bits, as Java does.
fn fold(array: &ArrayRef, hashes: &mut [u32]) -> Result<()> {
    macro_rules! each {
        ($values:expr, |$value:ident, $seed:ident| $hash:expr) => {{
            let values = $values;
            for (row, hash) in hashes.iter_mut().enumerate() {
                if values.is_valid(row) {
                    let $value = values.value(row);
                    let $seed = *hash;
                    *hash = $hash;
                }
            }
        }};
    }
    match array.data_type() {
        DataType::Null => {}
        DataType::Boolean => each!(array.as_boolean(), |value, seed| hash_int(u32::from(value), seed)),
        DataType::Int8 => each!(array.as_primitive::<Int8Type>(), |value, seed| hash_int(i32::from(value) as u32, seed)),
        DataType::Int16 => {
            each!(array.as_primitive::<Int16Type>(), |value, seed| hash_int(i32::from(value) as u32, seed))
        }
        DataType::Int32 => each!(array.as_primitive::<Int32Type>(), |value, seed| hash_int(value as u32, seed)),
        DataType::Date32 => each!(array.as_primitive::<Date32Type>(), |value, seed| hash_int(value as u32, seed)),
        DataType::Int64 => each!(array.as_primitive::<Int64Type>(), |value, seed| hash_long(value as u64, seed)),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            each!(array.as_primitive::<TimestampMicrosecondType>(), |value, seed| hash_long(value as u64, seed))
        }
        DataType::Float32 => each!(array.as_primitive::<Float32Type>(), |value, seed| hash_int(float_bits(value), seed)),
        DataType::Float64 => {
            each!(array.as_primitive::<Float64Type>(), |value, seed| hash_long(double_bits(value), seed))
        }
        DataType::Decimal128(precision, _) if *precision <= 18 => {
            each!(array.as_primitive::<Decimal128Type>(), |value, seed| hash_long(unscaled_long(value), seed))
        }
        DataType::Utf8 => each!(array.as_string::<i32>(), |value, seed| hash_bytes(value.as_bytes(), seed)),
        DataType::LargeUtf8 => each!(array.as_string::<i64>(), |value, seed| hash_bytes(value.as_bytes(), seed)),
        DataType::Utf8View => each!(array.as_string_view(), |value, seed| hash_bytes(value.as_bytes(), seed)),
        DataType::Binary => each!(array.as_binary::<i32>(), |value, seed| hash_bytes(value, seed)),
        DataType::LargeBinary => each!(array.as_binary::<i64>(), |value, seed| hash_bytes(value, seed)),
        DataType::BinaryView => each!(array.as_binary_view(), |value, seed| hash_bytes(value, seed)),
        other => return not_impl_err!("hash of a {other} value"),
    }
    Ok(())
}

/// Spark's `hash(arrays...)` of each of `rows` rows: also how Spark's
/// shuffles place rows (see `row_order::shuffle_order`).
pub(crate) fn spark_hashes(arrays: &[ArrayRef], rows: usize) -> Result<Vec<i32>> {
    let mut hashes = vec![SEED; rows];
    for array in arrays {
        fold(array, &mut hashes)?;
    }
    // Spark's int is the hash's bits.
    Ok(hashes.into_iter().map(|hash| hash as i32).collect())
}

/// Whether `hash` takes values of `data_type`.
pub(crate) fn hashable(data_type: &DataType) -> bool {
    match data_type {
        DataType::Decimal128(precision, _) => *precision <= 18,
        DataType::Timestamp(unit, _) => *unit == TimeUnit::Microsecond,
        other => matches!(
            other,
            DataType::Null
                | DataType::Boolean
                | DataType::Int8
                | DataType::Int16
                | DataType::Int32
                | DataType::Date32
                | DataType::Int64
                | DataType::Float32
                | DataType::Float64
                | DataType::Utf8
                | DataType::LargeUtf8
                | DataType::Utf8View
                | DataType::Binary
                | DataType::LargeBinary
                | DataType::BinaryView
        ),
    }
}

/// Spark's `hash`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Murmur3Hash {
    signature: Signature,
}

impl ScalarUDFImpl for Murmur3Hash {
    fn name(&self) -> &str {
        "hash"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn return_field_from_args(&self, _args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Int32, false)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.is_empty() {
            return exec_err!("hash needs at least one argument");
        }
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let values = Int32Array::from(spark_hashes(&arrays, args.number_rows)?);
        Ok(ColumnarValue::Array(Arc::new(values)))
    }
}

/// The `hash` function to register.
pub(crate) fn murmur3_hash() -> ScalarUDF {
    ScalarUDF::new_from_impl(Murmur3Hash { signature: Signature::variadic_any(Volatility::Immutable) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{BinaryArray, BooleanArray, Float64Array, Int64Array, StringArray};

    fn hash_of(arrays: &[ArrayRef]) -> Vec<i32> {
        spark_hashes(arrays, arrays[0].len()).unwrap_or_default()
    }

    // Expected values are Spark 4.3's `hash(...)` of the same values.
    #[test]
    fn matches_spark() {
        let ints: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(0)]));
        assert_eq!(hash_of(&[Arc::clone(&ints)]), vec![-559_580_957, 42, 933_211_791]);
        let long: ArrayRef = Arc::new(Int64Array::from(vec![1]));
        assert_eq!(hash_of(&[long]), vec![-1_712_319_331]);
        let strings: ArrayRef = Arc::new(StringArray::from(vec!["abc", "héllo wörld!!"]));
        assert_eq!(hash_of(&[strings]), vec![1_322_437_556, -1_923_078_811]);
        let boolean: ArrayRef = Arc::new(BooleanArray::from(vec![true]));
        assert_eq!(hash_of(&[boolean]), vec![-559_580_957]);
        let doubles: ArrayRef = Arc::new(Float64Array::from(vec![1.5, -0.0, f64::NAN]));
        assert_eq!(hash_of(&[doubles]), vec![1_290_763_749, -1_670_924_195, -1_281_358_385]);
        let binary: ArrayRef = Arc::new(BinaryArray::from(vec![b"ab".as_slice()]));
        assert_eq!(hash_of(&[binary]), vec![-97_053_317]);
        let pairs: ArrayRef = Arc::new(StringArray::from(vec![Some("a"), Some(""), Some("é")]));
        assert_eq!(hash_of(&[ints, pairs]), vec![-936_062_819, 142_593_372, 1_717_481_135]);
    }
}
