// SPDX-License-Identifier: Apache-2.0
//! Spark's `count_min_sketch(col, eps, confidence, seed)`: its
//! `CountMinSketchImpl`, serialized as Spark writes it (version 1, total
//! count, depth, width, the depth hash multipliers, then the table; all
//! big-endian). Width is `ceil(2 / eps)`, depth `ceil(-ln(1 - confidence) / ln 2)`;
//! the multipliers are `java.util.Random(seed).nextInt(Integer.MAX_VALUE)`.
//! Integral values are hashed as longs (multiply-shift modulo 2^31 - 1);
//! strings (UTF-8) and binaries by Spark's Murmur3 of their bytes, twice.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr::expressions::Literal;

use super::java_random::JavaRandom;

const VERSION: i32 = 1;
const PRIME_MODULUS: i64 = (1 << 31) - 1;

fn constant(expression: Option<&Arc<dyn PhysicalExpr>>, what: &str) -> Result<ScalarValue> {
    match expression.and_then(|expression| expression.downcast_ref::<Literal>()) {
        Some(literal) => Ok(literal.value().clone()),
        None => exec_err!("count_min_sketch: the {what} must be a constant"),
    }
}

/// Spark's `count_min_sketch` aggregate: `(value bigint|string|binary, eps double, confidence double, seed bigint)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CountMinSketchAggregate {
    signature: Signature,
}

impl CountMinSketchAggregate {
    pub(crate) fn new() -> Self {
        CountMinSketchAggregate { signature: Signature::any(4, Volatility::Immutable) }
    }
}

impl AggregateUDFImpl for CountMinSketchAggregate {
    fn name(&self) -> &str {
        "count_min_sketch"
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
        Ok(vec![Field::new(format_state_name(args.name, "sketch"), DataType::Binary, true).into()])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let ScalarValue::Float64(Some(eps)) = constant(args.exprs.get(1), "eps")? else {
            return exec_err!("count_min_sketch: eps must be a double");
        };
        let ScalarValue::Float64(Some(confidence)) = constant(args.exprs.get(2), "confidence")? else {
            return exec_err!("count_min_sketch: confidence must be a double");
        };
        let seed = match constant(args.exprs.get(3), "seed")? {
            ScalarValue::Int64(Some(seed)) => seed,
            ScalarValue::Int32(Some(seed)) => i64::from(seed),
            other => return exec_err!("count_min_sketch: unsupported seed {other}"),
        };
        let valid = eps > 0.0 && confidence > 0.0 && confidence < 1.0;
        if !valid {
            return exec_err!("count_min_sketch: eps must be positive and confidence in (0, 1)");
        }
        Ok(Box::new(Sketch::new(eps, confidence, seed)))
    }
}

/// Spark's `CountMinSketchImpl`.
#[derive(Debug)]
struct Sketch {
    depth: usize,
    width: usize,
    hash_a: Vec<i64>,
    table: Vec<i64>,
    total_count: i64,
}

impl Sketch {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "Spark's (int) Math.ceil of positive doubles")]
    fn new(eps: f64, confidence: f64, seed: i64) -> Self {
        let width = (2.0 / eps).ceil().min(f64::from(i32::MAX)) as usize;
        let depth = (-(1.0 - confidence).ln() / 2f64.ln()).ceil().min(f64::from(i32::MAX)) as usize;
        // Spark's seed is an int: a long seed keeps its low 32 bits.
        #[expect(clippy::cast_possible_truncation, reason = "Java's (int) of a long")]
        let mut random = JavaRandom::new(i64::from(seed as i32));
        let hash_a = (0..depth).map(|_| i64::from(random.next_int(i32::MAX))).collect();
        Sketch { depth, width, hash_a, table: vec![0; depth * width], total_count: 0 }
    }

    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap, reason = "Spark's int arithmetic")]
    fn add_long(&mut self, item: i64) {
        let width = self.width as i32;
        for row in 0..self.depth {
            let mut hash = self.hash_a[row].wrapping_mul(item);
            hash = hash.wrapping_add(((hash as u64) >> 32) as i64);
            hash &= PRIME_MODULUS;
            let bucket = (hash as i32) % width;
            self.table[row * self.width + bucket as usize] += 1;
        }
        self.total_count += 1;
    }

    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap, reason = "Spark's int arithmetic")]
    fn add_bytes(&mut self, item: &[u8]) {
        let first = murmur3_bytes(item, 0) as i32;
        let second = murmur3_bytes(item, first as u32) as i32;
        let width = self.width as i32;
        for row in 0..self.depth {
            let combined = first.wrapping_add((row as i32).wrapping_mul(second));
            let bucket = (combined % width).unsigned_abs() as usize;
            self.table[row * self.width + bucket] += 1;
        }
        self.total_count += 1;
    }

    fn add(&mut self, values: &ArrayRef) -> Result<()> {
        match values.data_type() {
            DataType::Utf8 => values.as_string::<i32>().iter().flatten().for_each(|value| self.add_bytes(value.as_bytes())),
            DataType::LargeUtf8 => values.as_string::<i64>().iter().flatten().for_each(|value| self.add_bytes(value.as_bytes())),
            DataType::Utf8View => values.as_string_view().iter().flatten().for_each(|value| self.add_bytes(value.as_bytes())),
            DataType::Binary => values.as_binary::<i32>().iter().flatten().for_each(|value| self.add_bytes(value)),
            DataType::LargeBinary => values.as_binary::<i64>().iter().flatten().for_each(|value| self.add_bytes(value)),
            DataType::BinaryView => values.as_binary_view().iter().flatten().for_each(|value| self.add_bytes(value)),
            data_type if data_type.is_integer() => {
                let longs = cast(values, &DataType::Int64)?;
                longs.as_primitive::<Int64Type>().iter().flatten().for_each(|value| self.add_long(value));
            }
            other => return exec_err!("count_min_sketch of {other}"),
        }
        Ok(())
    }

    #[expect(clippy::cast_possible_truncation, clippy::cast_possible_wrap, reason = "depth and width are ints in Spark")]
    fn serialize(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(20 + 8 * (self.depth + self.table.len()));
        bytes.extend_from_slice(&VERSION.to_be_bytes());
        bytes.extend_from_slice(&self.total_count.to_be_bytes());
        bytes.extend_from_slice(&(self.depth as i32).to_be_bytes());
        bytes.extend_from_slice(&(self.width as i32).to_be_bytes());
        for hash in &self.hash_a {
            bytes.extend_from_slice(&hash.to_be_bytes());
        }
        for count in &self.table {
            bytes.extend_from_slice(&count.to_be_bytes());
        }
        bytes
    }

    /// Adds a serialized sketch of the same shape (one partial state).
    fn merge(&mut self, bytes: &[u8]) -> Result<()> {
        let expected = 20 + 8 * (self.depth + self.table.len());
        if bytes.len() != expected {
            return exec_err!("count_min_sketch: cannot merge sketches of different shapes");
        }
        let long_at = |offset: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[offset..offset + 8]);
            i64::from_be_bytes(word)
        };
        self.total_count += long_at(4);
        let table_start = 20 + 8 * self.depth;
        for (index, count) in self.table.iter_mut().enumerate() {
            *count += long_at(table_start + 8 * index);
        }
        Ok(())
    }
}

impl Accumulator for Sketch {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(column) = values.first() else {
            return exec_err!("count_min_sketch without a value");
        };
        self.add(column)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(sketches) = states.first() else {
            return exec_err!("count_min_sketch state without a sketch");
        };
        for sketch in sketches.as_binary::<i32>().iter().flatten() {
            self.merge(sketch)?;
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(Some(self.serialize()))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Binary(Some(self.serialize())))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 8 * (self.hash_a.capacity() + self.table.capacity())
    }
}

fn mix_k1(k1: u32) -> u32 {
    k1.wrapping_mul(0xcc9e_2d51).rotate_left(15).wrapping_mul(0x1b87_3593)
}

fn mix_h1(h1: u32, k1: u32) -> u32 {
    (h1 ^ k1).rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64)
}

/// Spark's `Murmur3_x86_32.hashUnsafeBytes`: each trailing byte is mixed as
/// a whole (sign-extended) word.
#[expect(clippy::cast_possible_truncation, reason = "Spark passes the length as an int")]
fn murmur3_bytes(bytes: &[u8], seed: u32) -> u32 {
    let mut chunks = bytes.chunks_exact(4);
    let mut h1 = seed;
    for chunk in &mut chunks {
        h1 = mix_h1(h1, mix_k1(u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]])));
    }
    for &byte in chunks.remainder() {
        #[expect(clippy::cast_possible_wrap, clippy::cast_sign_loss, reason = "Java's sign-extended byte")]
        let widened = i32::from(byte as i8) as u32;
        h1 = mix_h1(h1, mix_k1(widened));
    }
    h1 ^= bytes.len() as u32;
    h1 ^= h1 >> 16;
    h1 = h1.wrapping_mul(0x85eb_ca6b);
    h1 ^= h1 >> 13;
    h1 = h1.wrapping_mul(0xc2b2_ae35);
    h1 ^ (h1 >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02X}")).collect()
    }

    #[test]
    fn serializes_as_spark() {
        // Spark 4.3: hex(count_min_sketch(id, 1.0, 0.3, 2)) over range(100).
        let mut sketch = Sketch::new(1.0, 0.3, 2);
        (0..100).for_each(|item| sketch.add_long(item));
        assert_eq!(
            hex(&sketch.serialize()),
            "0000000100000000000000640000000100000002000000005D96391C00000000000000320000000000000032"
        );
        // A long seed keeps its low 32 bits.
        let sketch = Sketch::new(1.5, 0.2, 1_111_111_111_111_111_111);
        assert_eq!(sketch.hash_a, vec![0x4407_8BA1]);
    }

    #[test]
    fn strings_hash_as_spark() {
        // Spark 4.3: count_min_sketch(s, 0.4, 0.95, 3) over 'héllo', '', '日本語テキスト', 'abcdefghijk'.
        let mut sketch = Sketch::new(0.4, 0.95, 3);
        for item in ["héllo", "", "日本語テキスト", "abcdefghijk"] {
            sketch.add_bytes(item.as_bytes());
        }
        assert_eq!(&hex(&sketch.serialize())[..40], "0000000100000000000000040000000500000005");
        let row0: Vec<i64> = sketch.table[..5].to_vec();
        assert_eq!(row0, vec![1, 2, 0, 0, 1]);
    }
}
