// SPDX-License-Identifier: Apache-2.0
//! Spark's string functions that neither DataFusion nor datafusion-spark has
//! with Spark's semantics: `locate`, `mask`, `to_base32` / `from_base32`,
//! `encode` / `decode`, `validate_utf8` / `try_validate_utf8`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder, Int32Builder, StringBuilder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result;
use datafusion::logical_expr::ScalarUDF;

use super::row_function::{Arguments, RowFunction, number, spark_error, value};

/// `locate(substr, str, pos)`: the 1-based character position of the first
/// `substr` in `str` at or after `pos`; 0 when absent or `pos < 1`, and null
/// only when `substr` or `str` is (a null `pos` gives 0, as in Spark).
fn locate(arguments: &Arguments) -> Result<ArrayRef> {
    let (needles, texts) = (arguments.strings(0)?, arguments.strings(1)?);
    let starts = if arguments.count() > 2 { Some(arguments.ints(2)?) } else { None };
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        let start = match &starts {
            Some(starts) => number(starts, row),
            None => Some(1),
        };
        let (Some(needle), Some(text)) = (value(&needles, row), value(&texts, row)) else {
            result.append_null();
            continue;
        };
        let position = match start {
            Some(start) if start >= 1 => {
                let skip = usize::try_from(start - 1).unwrap_or(usize::MAX);
                let offset = text.char_indices().nth(skip).map(|(offset, _)| offset);
                match offset {
                    Some(offset) => text[offset..]
                        .find(needle)
                        .map_or(0, |found| text[..offset + found].chars().count() + 1),
                    // Past the end: only an empty substring is found, right after the end.
                    None if needle.is_empty() && skip == text.chars().count() => skip + 1,
                    None => 0,
                }
            }
            _ => 0,
        };
        result.append_value(i32::try_from(position).unwrap_or(i32::MAX));
    }
    Ok(Arc::new(result.finish()))
}

/// `mask(str, upper, lower, digit, other)`: each upper-case letter, lower-case
/// letter and digit replaced by the given character ('X', 'x', 'n' by
/// default), other characters by `other` when given; a null replacement keeps
/// those characters as they are.
fn mask(arguments: &Arguments) -> Result<ArrayRef> {
    let texts = arguments.strings(0)?;
    let mut replacements = Vec::new();
    for index in 1..arguments.count() {
        replacements.push(Some(arguments.strings(index)?));
    }
    while replacements.len() < 4 {
        replacements.push(None);
    }
    let defaults = [Some('X'), Some('x'), Some('n'), None];
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        let Some(text) = value(&texts, row) else {
            result.append_null();
            continue;
        };
        let mut with: [Option<char>; 4] = [None; 4];
        for (slot, (replacement, default)) in with.iter_mut().zip(replacements.iter().zip(defaults)) {
            *slot = match replacement {
                Some(array) => value(array, row).and_then(|chosen| chosen.chars().next()),
                None => default,
            };
        }
        let masked: String = text
            .chars()
            .map(|character| {
                let class = if character.is_uppercase() {
                    0
                } else if character.is_lowercase() {
                    1
                } else if character.is_ascii_digit() {
                    2
                } else {
                    3
                };
                with[class].unwrap_or(character)
            })
            .collect();
        result.append_value(masked);
    }
    Ok(Arc::new(result.finish()))
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buffer = [0u8; 5];
        buffer[..chunk.len()].copy_from_slice(chunk);
        let bits = buffer.iter().fold(0u64, |bits, byte| (bits << 8) | u64::from(*byte));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for index in 0..8 {
            if index < symbols {
                let symbol = (bits >> (35 - index * 5)) & 31;
                out.push(char::from(BASE32[usize::try_from(symbol).unwrap_or(0)]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base32_decode(text: &[u8]) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text.iter().copied().filter(|byte| *byte != b'=').collect();
    let mut out = Vec::with_capacity(symbols.len() * 5 / 8);
    let (mut bits, mut count) = (0u64, 0u32);
    for symbol in symbols {
        let digit = BASE32.iter().position(|known| *known == symbol.to_ascii_uppercase())?;
        bits = (bits << 5) | digit as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).unwrap_or(0));
        }
    }
    Some(out)
}

/// The argument as bytes: binary as it is, strings as their UTF-8.
fn bytes_argument(arguments: &Arguments, index: usize) -> Result<datafusion::arrow::array::BinaryArray> {
    let converted = cast(arguments.argument(index)?, &DataType::Binary)?;
    Ok(converted.as_binary::<i32>().clone())
}

fn to_base32(arguments: &Arguments) -> Result<ArrayRef> {
    let values = bytes_argument(arguments, 0)?;
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        if values.is_null(row) {
            result.append_null();
        } else {
            result.append_value(base32_encode(values.value(row)));
        }
    }
    Ok(Arc::new(result.finish()))
}

fn from_base32(arguments: &Arguments) -> Result<ArrayRef> {
    let values = bytes_argument(arguments, 0)?;
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        if values.is_null(row) {
            result.append_null();
            continue;
        }
        match base32_decode(values.value(row)) {
            Some(decoded) => result.append_value(decoded),
            None => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

/// A charset Spark's `encode` and `decode` know.
#[derive(Clone, Copy)]
enum Charset {
    Utf8,
    Ascii,
    Latin1,
    Utf16Be,
    Utf16Le,
    Utf16,
    Utf32,
}

fn charset(name: &str, function: &str) -> Result<Charset> {
    match name.to_ascii_uppercase().as_str() {
        "UTF-8" => Ok(Charset::Utf8),
        "US-ASCII" => Ok(Charset::Ascii),
        "ISO-8859-1" => Ok(Charset::Latin1),
        "UTF-16BE" => Ok(Charset::Utf16Be),
        "UTF-16LE" => Ok(Charset::Utf16Le),
        "UTF-16" => Ok(Charset::Utf16),
        "UTF-32" => Ok(Charset::Utf32),
        _ => Err(spark_error(
            "INVALID_PARAMETER_VALUE.CHARSET",
            vec![
                ("functionName", format!("`{function}`")),
                ("parameter", "`charset`".to_string()),
                ("charset", name.to_string()),
                ("charsets", "charsets 'iso-8859-1', 'us-ascii', 'utf-16', 'utf-16be', 'utf-16le', 'utf-32', 'utf-8'".to_string()),
            ],
            format!("The value of parameter(s) `charset` in `{function}` is invalid: expects one of the charsets 'iso-8859-1', 'us-ascii', 'utf-16', 'utf-16be', 'utf-16le', 'utf-32', 'utf-8', but got {name}."),
        )),
    }
}

fn coding_error(function: &str, charset: &str) -> datafusion::error::DataFusionError {
    spark_error(
        "MALFORMED_CHARACTER_CODING",
        vec![("function", format!("`{function}`")), ("charset", charset.to_string())],
        format!("Invalid value found when performing `{function}` with `{charset}`"),
    )
}

fn encode_text(text: &str, charset: Charset) -> Option<Vec<u8>> {
    match charset {
        Charset::Utf8 => Some(text.as_bytes().to_vec()),
        Charset::Ascii => text.chars().map(|character| u8::try_from(character).ok().filter(u8::is_ascii)).collect(),
        Charset::Latin1 => text.chars().map(|character| u8::try_from(character).ok()).collect(),
        Charset::Utf16Be => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        Charset::Utf16Le => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        // Java writes a big-endian byte order mark.
        Charset::Utf16 if text.is_empty() => Some(Vec::new()),
        Charset::Utf16 => Some([0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()),
        Charset::Utf32 => Some(text.chars().flat_map(|character| u32::from(character).to_be_bytes()).collect()),
    }
}

fn decode_bytes(bytes: &[u8], charset: Charset) -> Option<String> {
    match charset {
        Charset::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
        Charset::Ascii => bytes.iter().map(|byte| byte.is_ascii().then(|| char::from(*byte))).collect(),
        Charset::Latin1 => Some(bytes.iter().map(|byte| char::from(*byte)).collect()),
        Charset::Utf16Be | Charset::Utf16Le | Charset::Utf16 => {
            let (mut bytes, mut big_endian) = (bytes, !matches!(charset, Charset::Utf16Le));
            if matches!(charset, Charset::Utf16) && bytes.len() >= 2 {
                if bytes[..2] == [0xfe, 0xff] {
                    bytes = &bytes[2..];
                } else if bytes[..2] == [0xff, 0xfe] {
                    bytes = &bytes[2..];
                    big_endian = false;
                }
            }
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|pair| if big_endian { u16::from_be_bytes([pair[0], pair[1]]) } else { u16::from_le_bytes([pair[0], pair[1]]) })
                .collect();
            String::from_utf16(&units).ok()
        }
        Charset::Utf32 => {
            if !bytes.len().is_multiple_of(4) {
                return None;
            }
            bytes.chunks(4).map(|quad| char::from_u32(u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]))).collect()
        }
    }
}

fn encode(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, charsets) = (arguments.strings(0)?, arguments.strings(1)?);
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        let (Some(text), Some(name)) = (value(&texts, row), value(&charsets, row)) else {
            result.append_null();
            continue;
        };
        match encode_text(text, charset(name, "encode")?) {
            Some(bytes) => result.append_value(bytes),
            None => return Err(coding_error("encode", name)),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn decode(arguments: &Arguments) -> Result<ArrayRef> {
    let (values, charsets) = (bytes_argument(arguments, 0)?, arguments.strings(1)?);
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        let Some(name) = value(&charsets, row) else {
            result.append_null();
            continue;
        };
        if values.is_null(row) {
            result.append_null();
            continue;
        }
        match decode_bytes(values.value(row), charset(name, "decode")?) {
            Some(text) => result.append_value(text),
            None => return Err(coding_error("decode", name)),
        }
    }
    Ok(Arc::new(result.finish()))
}

/// `validate_utf8` / `try_validate_utf8`: the engine's strings are valid UTF-8 already.
fn same_string(arguments: &Arguments) -> Result<ArrayRef> {
    Ok(Arc::new(arguments.strings(0)?))
}

pub(crate) fn locate_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("locate", DataType::Int32, &[2, 3], locate))
}

pub(crate) fn mask_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("mask", DataType::Utf8, &[1, 2, 3, 4, 5], mask))
}

pub(crate) fn to_base32_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("to_base32", DataType::Utf8, &[1], to_base32))
}

pub(crate) fn from_base32_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("from_base32", DataType::Binary, &[1], from_base32))
}

pub(crate) fn encode_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("encode", DataType::Binary, &[2], encode))
}

pub(crate) fn decode_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("decode", DataType::Utf8, &[2], decode))
}

pub(crate) fn validate_utf8_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("validate_utf8", DataType::Utf8, &[1], same_string))
}

pub(crate) fn try_validate_utf8_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("try_validate_utf8", DataType::Utf8, &[1], same_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips() {
        assert_eq!(base32_encode(b"Spark"), "KNYGC4TL");
        assert_eq!(base32_encode(b"a"), "ME======");
        assert_eq!(base32_decode(b"ME======"), Some(b"a".to_vec()));
        assert_eq!(base32_decode(b"KNYGC4TL"), Some(b"Spark".to_vec()));
    }

    #[test]
    fn charsets() {
        assert_eq!(encode_text("é", Charset::Latin1), Some(vec![0xe9]));
        assert_eq!(encode_text("é", Charset::Ascii), None);
        assert_eq!(decode_bytes(&[0xfe, 0xff, 0, 0x41], Charset::Utf16), Some("A".to_string()));
    }
}
