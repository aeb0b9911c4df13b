// SPDX-License-Identifier: Apache-2.0
//! Spark's `md5(binary)`: the MD5 digest of the bytes as 32 lowercase
//! hexadecimal digits (a string of bytes, or a null for a null).
//!
//! DataFusion's `md5` collects the digests into a binary array and then
//! allocates one `String` per value for its hexadecimal text; this one writes
//! each digest's digits straight into the result's value buffer (every value
//! is 32 bytes long, so the offsets are known up front).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringArray};
use datafusion::arrow::buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use md5::{Digest, Md5};

/// The length of a digest written in hexadecimal digits.
const HEX_LENGTH: usize = 32;

/// The two lowercase hexadecimal digits of every byte value.
const HEX_PAIRS: [[u8; 2]; 256] = {
    let digits = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut byte = 0;
    while byte < 256 {
        pairs[byte] = [digits[byte >> 4], digits[byte & 0xf]];
        byte += 1;
    }
    pairs
};

/// Append the digest of `bytes` to `out` in lowercase hexadecimal digits.
fn push_hex_digest(bytes: &[u8], out: &mut Vec<u8>) {
    let digest: [u8; 16] = Md5::digest(bytes).into();
    let mut text = [0u8; HEX_LENGTH];
    // An indexed loop: the iterator adapters cost more than the digits at
    // the build's optimization level.
    let mut index = 0;
    while index < digest.len() {
        let [high, low] = HEX_PAIRS[usize::from(digest[index])];
        text[2 * index] = high;
        text[2 * index + 1] = low;
        index += 1;
    }
    out.extend_from_slice(&text);
}

/// The digests of `values` (in order; `rows` of them) as a string array whose
/// nulls are `values`' nulls.
fn digests<'a>(values: impl Iterator<Item = Option<&'a [u8]>>, rows: usize, nulls: Option<&NullBuffer>) -> Result<ArrayRef> {
    let mut text = Vec::with_capacity(rows * HEX_LENGTH);
    let mut offsets = Vec::with_capacity(rows + 1);
    offsets.push(0i32);
    for value in values {
        if let Some(bytes) = value {
            push_hex_digest(bytes, &mut text);
        }
        let Ok(end) = i32::try_from(text.len()) else {
            return exec_err!("md5: more than 2 GiB of results in one batch");
        };
        offsets.push(end);
    }
    let array = StringArray::try_new(OffsetBuffer::new(ScalarBuffer::from(offsets)), Buffer::from_vec(text), nulls.cloned())?;
    Ok(Arc::new(array))
}

/// The kernel on an array of bytes or strings.
fn md5_of(values: &ArrayRef) -> Result<ArrayRef> {
    let rows = values.len();
    let nulls = values.logical_nulls();
    match values.data_type() {
        DataType::Binary => digests(values.as_binary::<i32>().iter(), rows, nulls.as_ref()),
        DataType::LargeBinary => digests(values.as_binary::<i64>().iter(), rows, nulls.as_ref()),
        DataType::BinaryView => digests(values.as_binary_view().iter(), rows, nulls.as_ref()),
        DataType::Utf8 => digests(values.as_string::<i32>().iter().map(|value| value.map(str::as_bytes)), rows, nulls.as_ref()),
        DataType::LargeUtf8 => digests(values.as_string::<i64>().iter().map(|value| value.map(str::as_bytes)), rows, nulls.as_ref()),
        DataType::Utf8View => digests(values.as_string_view().iter().map(|value| value.map(str::as_bytes)), rows, nulls.as_ref()),
        DataType::Null => Ok(Arc::new(StringArray::new_null(rows))),
        other => exec_err!("md5 takes bytes, not {other}"),
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Md5Hex {
    signature: Signature,
}

/// `md5`.
pub(crate) fn md5_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(Md5Hex { signature: Signature::any(1, Volatility::Immutable) })
}

impl ScalarUDFImpl for Md5Hex {
    fn name(&self) -> &str {
        "md5"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("md5 takes one argument");
        };
        crate::functions::apply_unary(value, md5_of)
    }
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{BinaryArray, BinaryViewArray, StringViewArray};

    use super::*;

    /// The digest written as DataFusion's `md5` and Spark write it: one
    /// `format!` per byte.
    fn formatted(bytes: &[u8]) -> String {
        Md5::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
    }

    #[test]
    fn writes_the_known_digests() -> Result<()> {
        let values: ArrayRef = Arc::new(StringArray::from(vec![Some("ABC"), None, Some(""), Some("Spark")]));
        let result = md5_of(&values)?;
        let result = result.as_string::<i32>();
        assert_eq!(result.value(0), "902fbdd2b1df0c4f70b4a5d23525e932");
        assert!(result.is_null(1));
        assert_eq!(result.value(2), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(result.value(3), "8cde774d6f7333752ed72cacddb05126");
        Ok(())
    }

    #[test]
    fn agrees_with_formatting_each_byte() -> Result<()> {
        // Lengths around MD5's 64-byte block and its 56-byte padding limit,
        // every byte value, unicode text, nulls between values.
        let mut values: Vec<Option<Vec<u8>>> = Vec::new();
        for length in 0..200usize {
            values.push(Some((0..length).map(|index| ((index * 37 + length) % 256) as u8).collect()));
            if length % 7 == 0 {
                values.push(None);
            }
        }
        values.push(Some("héllo wörld ✓ 日本語 🎉".as_bytes().to_vec()));
        values.push(Some((0..=255u8).collect()));
        let binary: ArrayRef = Arc::new(values.iter().map(|value| value.as_deref()).collect::<BinaryArray>());
        let view: ArrayRef = Arc::new(values.iter().map(|value| value.as_deref()).collect::<BinaryViewArray>());
        for input in [binary, view] {
            let result = md5_of(&input)?;
            let result = result.as_string::<i32>();
            assert_eq!(result.len(), values.len());
            for (row, value) in values.iter().enumerate() {
                match value {
                    Some(bytes) => assert_eq!(result.value(row), formatted(bytes)),
                    None => assert!(result.is_null(row)),
                }
            }
        }
        let strings: ArrayRef = Arc::new(StringViewArray::from(vec![Some("日本"), None]));
        let result = md5_of(&strings)?;
        assert_eq!(result.as_string::<i32>().value(0), formatted("日本".as_bytes()));
        assert!(result.is_null(1));
        Ok(())
    }

    #[test]
    fn a_sliced_array_keeps_its_rows() -> Result<()> {
        let values: ArrayRef = Arc::new(BinaryArray::from(vec![Some(b"a".as_ref()), None, Some(b"b".as_ref()), Some(b"c".as_ref())]));
        let result = md5_of(&values.slice(1, 2))?;
        let result = result.as_string::<i32>();
        assert_eq!(result.len(), 2);
        assert!(result.is_null(0));
        assert_eq!(result.value(1), formatted(b"b"));
        Ok(())
    }
}
