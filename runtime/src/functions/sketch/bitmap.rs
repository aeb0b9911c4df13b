// SPDX-License-Identifier: Apache-2.0
//! Spark's bitmaps (not a DataSketches format): 4096 bytes, bit `p` of the
//! bitmap is bit `p % 8` of byte `p / 8`. `bitmap_construct_agg` sets the
//! bits at the positions of its rows; `bitmap_or_agg` and `bitmap_and_agg`
//! combine bitmaps byte by byte (bytes past a shorter input count as zeros).

use datafusion::arrow::array::{ArrayRef, AsArray, BinaryArray, Int64Array};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::AggregateUDF;

use super::aggregate::{SketchAggregate, SketchFunction, SketchKind};
use super::{binary_argument, spark_error};

const BYTES: usize = 4096;

/// Which bitmap aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Bitmap {
    Construct,
    Or,
    And,
}

impl SketchFunction for Bitmap {
    type Kind = Bitmap;

    fn name(&self) -> &'static str {
        match self {
            Bitmap::Construct => "bitmap_construct_agg",
            Bitmap::Or => "bitmap_or_agg",
            Bitmap::And => "bitmap_and_agg",
        }
    }

    fn kind(&self, _constants: &[Option<ScalarValue>]) -> Result<Bitmap> {
        Ok(*self)
    }
}

/// A batch's positions or bitmaps.
pub(super) enum BitmapInput {
    Positions(Int64Array),
    Bitmaps(BinaryArray),
}

/// `bitmap` with every byte ANDed with `other`'s (zero past its end).
fn and_into(bitmap: &mut [u8], other: &[u8]) {
    for (index, byte) in bitmap.iter_mut().enumerate() {
        *byte &= other.get(index).copied().unwrap_or(0);
    }
}

fn or_into(bitmap: &mut [u8], other: &[u8]) {
    for (byte, other) in bitmap.iter_mut().zip(other) {
        *byte |= other;
    }
}

impl SketchKind for Bitmap {
    type State = Vec<u8>;
    type Input = BitmapInput;

    fn new_state(&self) -> Result<Vec<u8>> {
        Ok(match self {
            Bitmap::And => vec![0xff; BYTES],
            Bitmap::Construct | Bitmap::Or => vec![0; BYTES],
        })
    }

    fn input(&self, values: &[ArrayRef]) -> Result<BitmapInput> {
        match self {
            Bitmap::Construct => match values.first() {
                Some(array) => Ok(BitmapInput::Positions(cast(array, &DataType::Int64)?.as_primitive::<Int64Type>().clone())),
                None => exec_err!("bitmap_construct_agg needs a position"),
            },
            Bitmap::Or | Bitmap::And => Ok(BitmapInput::Bitmaps(binary_argument(values, 0)?)),
        }
    }

    fn update(&self, state: &mut Vec<u8>, input: &BitmapInput, row: usize) -> Result<()> {
        match input {
            BitmapInput::Positions(positions) => {
                let position = positions.value(row);
                if !(0..(BYTES as i64 * 8)).contains(&position) {
                    return Err(spark_error(
                        "INVALID_BITMAP_POSITION",
                        vec![
                            ("bitPosition", position.to_string()),
                            ("bitmapNumBytes", BYTES.to_string()),
                            ("bitmapNumBits", (BYTES * 8).to_string()),
                        ],
                        format!(
                            "The 0-indexed bitmap position {position} is out of bounds. The bitmap has {} bits ({BYTES} bytes).",
                            BYTES * 8
                        ),
                    ));
                }
                state[position as usize / 8] |= 1 << (position % 8);
                Ok(())
            }
            BitmapInput::Bitmaps(bitmaps) => self.merge(state, bitmaps.value(row)),
        }
    }

    fn merge(&self, state: &mut Vec<u8>, bytes: &[u8]) -> Result<()> {
        match self {
            Bitmap::And => and_into(state, bytes),
            Bitmap::Construct | Bitmap::Or => or_into(state, bytes),
        }
        Ok(())
    }

    fn state_bytes(&self, state: &mut Vec<u8>) -> Result<Vec<u8>> {
        Ok(state.clone())
    }

    fn result_bytes(&self, state: &mut Vec<u8>) -> Result<Vec<u8>> {
        Ok(state.clone())
    }
}

/// A bitmap aggregate function.
pub(super) fn aggregate(bitmap: Bitmap) -> AggregateUDF {
    AggregateUDF::new_from_impl(SketchAggregate::new(bitmap))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn and_treats_missing_bytes_as_zero_and_or_keeps_them() {
        let mut bitmap = vec![0xff; 3];
        and_into(&mut bitmap, &[0xf0]);
        assert_eq!(bitmap, vec![0xf0, 0, 0]);
        let mut bitmap = vec![1, 2, 3];
        or_into(&mut bitmap, &[0x10]);
        assert_eq!(bitmap, vec![0x11, 2, 3]);
    }
}
