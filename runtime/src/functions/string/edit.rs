// SPDX-License-Identifier: Apache-2.0
//! Spark's string functions whose DataFusion namesakes follow PostgreSQL
//! where Spark differs: `initcap` (words are separated by spaces only),
//! `left` / `right` (a negative length gives an empty string), `overlay`
//! (positions as Spark's `substring` takes them), `replace` (an empty search
//! string changes nothing), `levenshtein` (with Spark's threshold); and
//! `jaro_winkler_similarity`, `format_number`, `to_binary`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder, Float64Builder, Int32Builder, StringBuilder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::common::Result;
use datafusion::logical_expr::ScalarUDF;

use super::row_function::{Arguments, RowFunction, number, spark_error, value};

/// `UTF8String.toLowerCase().toTitleCase()`: lower case, then upper case at the start and after each space.
fn initcap_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_space = true;
    for character in text.chars() {
        if after_space {
            out.extend(character.to_uppercase());
        } else {
            out.extend(character.to_lowercase());
        }
        after_space = character == ' ';
    }
    out
}

fn initcap(arguments: &Arguments) -> Result<ArrayRef> {
    let texts = arguments.strings(0)?;
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        result.append_option(value(&texts, row).map(initcap_text));
    }
    Ok(Arc::new(result.finish()))
}

/// Spark's `substringSQL(pos, len)` on characters: 1-based, 0 as 1, negative from the end.
fn substring_sql(characters: &[char], position: i64, length: i64) -> String {
    let total = i64::try_from(characters.len()).unwrap_or(i64::MAX);
    let start = if position > 0 {
        position - 1
    } else if position < 0 {
        total + position
    } else {
        0
    };
    let end = if length == i64::MAX { total } else { start.saturating_add(length) };
    let (start, end) = (start.clamp(0, total), end.clamp(0, total));
    if start >= end {
        return String::new();
    }
    characters[usize::try_from(start).unwrap_or(0)..usize::try_from(end).unwrap_or(0)].iter().collect()
}

fn left_or_right(arguments: &Arguments, from_left: bool) -> Result<ArrayRef> {
    let (texts, lengths) = (arguments.strings(0)?, arguments.longs(1)?);
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        match (value(&texts, row), number(&lengths, row)) {
            (Some(text), Some(length)) => {
                let characters: Vec<char> = text.chars().collect();
                let length = usize::try_from(length.max(0)).unwrap_or(usize::MAX).min(characters.len());
                let range = if from_left { 0..length } else { characters.len() - length..characters.len() };
                result.append_value(characters[range].iter().collect::<String>());
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn left(arguments: &Arguments) -> Result<ArrayRef> {
    left_or_right(arguments, true)
}

fn right(arguments: &Arguments) -> Result<ArrayRef> {
    left_or_right(arguments, false)
}

/// `overlay(input, replace, pos, len)`: `len` -1 stands for the length of `replace`.
fn overlay(arguments: &Arguments) -> Result<ArrayRef> {
    let (inputs, replacements, positions) = (arguments.strings(0)?, arguments.strings(1)?, arguments.longs(2)?);
    let lengths = if arguments.count() > 3 { Some(arguments.longs(3)?) } else { None };
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        let length = match &lengths {
            Some(lengths) => number(lengths, row),
            None => Some(-1),
        };
        let (Some(input), Some(replacement), Some(position), Some(length)) =
            (value(&inputs, row), value(&replacements, row), number(&positions, row), length)
        else {
            result.append_null();
            continue;
        };
        let characters: Vec<char> = input.chars().collect();
        let length = if length >= 0 { length } else { i64::try_from(replacement.chars().count()).unwrap_or(0) };
        let mut out = substring_sql(&characters, 1, position - 1);
        out.push_str(replacement);
        out.push_str(&substring_sql(&characters, position.saturating_add(length), i64::MAX));
        result.append_value(out);
    }
    Ok(Arc::new(result.finish()))
}

fn replace(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, searches) = (arguments.strings(0)?, arguments.strings(1)?);
    let replacements = if arguments.count() > 2 { Some(arguments.strings(2)?) } else { None };
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        let replacement = match &replacements {
            Some(replacements) => value(replacements, row),
            None => Some(""),
        };
        match (value(&texts, row), value(&searches, row), replacement) {
            (Some(text), Some(""), Some(_)) => result.append_value(text),
            (Some(text), Some(search), Some(replacement)) => result.append_value(text.replace(search, replacement)),
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn levenshtein_distance(left: &[char], right: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (index, left_character) in left.iter().enumerate() {
        current[0] = index + 1;
        for (other, right_character) in right.iter().enumerate() {
            let cost = usize::from(left_character != right_character);
            current[other + 1] = (previous[other] + cost).min(previous[other + 1] + 1).min(current[other] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

fn levenshtein(arguments: &Arguments) -> Result<ArrayRef> {
    let (lefts, rights) = (arguments.strings(0)?, arguments.strings(1)?);
    let thresholds = if arguments.count() > 2 { Some(arguments.longs(2)?) } else { None };
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        let threshold = match &thresholds {
            Some(thresholds) => number(thresholds, row).map(Some),
            None => Some(None),
        };
        match (value(&lefts, row), value(&rights, row), threshold) {
            (Some(left), Some(right), Some(threshold)) => {
                let left: Vec<char> = left.chars().collect();
                let right: Vec<char> = right.chars().collect();
                let distance = i64::try_from(levenshtein_distance(&left, &right)).unwrap_or(i64::MAX);
                let shown = match threshold {
                    Some(threshold) if distance > threshold => -1,
                    _ => distance,
                };
                result.append_value(i32::try_from(shown).unwrap_or(i32::MAX));
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

/// Jaro-Winkler similarity: Jaro's, raised by 0.1 per common leading
/// character (at most four) when it is at least 0.7.
fn jaro_winkler(left: &[char], right: &[char]) -> f64 {
    if left == right {
        return 1.0;
    }
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let (longer, shorter) = if left.len() >= right.len() { (left, right) } else { (right, left) };
    let window = (longer.len() / 2).saturating_sub(1);
    let mut matched_longer = vec![false; longer.len()];
    let mut shorter_matches = Vec::new();
    for (index, character) in shorter.iter().enumerate() {
        let low = index.saturating_sub(window);
        let high = (index + window + 1).min(longer.len());
        for other in low..high {
            if !matched_longer[other] && longer[other] == *character {
                matched_longer[other] = true;
                shorter_matches.push(*character);
                break;
            }
        }
    }
    let longer_matches: Vec<char> =
        longer.iter().zip(&matched_longer).filter(|(_, matched)| **matched).map(|(character, _)| *character).collect();
    let matches = shorter_matches.len();
    if matches == 0 {
        return 0.0;
    }
    let transpositions = shorter_matches.iter().zip(&longer_matches).filter(|(one, other)| one != other).count() / 2;
    let found = matches as f64;
    let jaro = (found / left.len() as f64 + found / right.len() as f64 + (found - transpositions as f64) / found) / 3.0;
    if jaro < 0.7 {
        return jaro;
    }
    let prefix = left.iter().zip(right).take(4).take_while(|(one, other)| one == other).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

fn jaro_winkler_similarity(arguments: &Arguments) -> Result<ArrayRef> {
    let (lefts, rights) = (arguments.strings(0)?, arguments.strings(1)?);
    let mut result = Float64Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        match (value(&lefts, row), value(&rights, row)) {
            (Some(left), Some(right)) => {
                let left: Vec<char> = left.chars().collect();
                let right: Vec<char> = right.chars().collect();
                result.append_value(jaro_winkler(&left, &right));
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

/// A plain decimal number (`-1234.5678`) rounded half-even to `places` decimals.
fn round_decimal_text(text: &str, places: usize) -> String {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut kept: Vec<u8> = whole.bytes().chain(fraction.bytes().chain(std::iter::repeat(b'0')).take(places)).collect();
    let rest: Vec<u8> = fraction.bytes().skip(places).collect();
    let first = rest.first().copied().unwrap_or(b'0');
    let beyond_half = rest.iter().skip(1).any(|digit| *digit != b'0');
    let last_odd = kept.last().is_some_and(|digit| (digit - b'0') % 2 == 1);
    let round_up = first > b'5' || (first == b'5' && (beyond_half || last_odd));
    if round_up {
        let mut index = kept.len();
        loop {
            if index == 0 {
                kept.insert(0, b'1');
                break;
            }
            index -= 1;
            if kept[index] == b'9' {
                kept[index] = b'0';
            } else {
                kept[index] += 1;
                break;
            }
        }
    }
    let split = kept.len() - places;
    let whole_part = String::from_utf8_lossy(&kept[..split]).to_string();
    let fraction_part = String::from_utf8_lossy(&kept[split..]).to_string();
    let is_zero = kept.iter().all(|digit| *digit == b'0');
    let sign = if negative && !is_zero { "-" } else { "" };
    group_thousands(sign, &whole_part, &fraction_part)
}

fn group_thousands(sign: &str, whole: &str, fraction: &str) -> String {
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if fraction.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{fraction}") }
}

/// `format_number(x, d)`: `x` rounded half-even to `d` decimals with thousands
/// separators (Java's `DecimalFormat`); null for a negative `d`.
fn format_number(arguments: &Arguments) -> Result<ArrayRef> {
    let numbers = arguments.argument(0)?;
    let places = arguments.longs(1)?;
    let mut result = StringBuilder::new();
    let texts: Vec<Option<String>> = match numbers.data_type() {
        DataType::Float32 | DataType::Float64 => {
            let doubles = cast(numbers, &DataType::Float64)?;
            let doubles = doubles.as_primitive::<Float64Type>();
            (0..arguments.rows())
                .map(|row| {
                    let places = number(&places, row)?;
                    let places = usize::try_from(places).ok()?;
                    let double = number(doubles, row)?;
                    Some(if double.is_nan() {
                        "NaN".to_string()
                    } else if double.is_infinite() {
                        if double > 0.0 { "∞".to_string() } else { "-∞".to_string() }
                    } else {
                        round_decimal_text(&format!("{double:.places$}"), places)
                    })
                })
                .collect()
        }
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
            let longs = cast(numbers, &DataType::Int64)?;
            let longs = longs.as_primitive::<Int64Type>();
            (0..arguments.rows())
                .map(|row| {
                    let places = usize::try_from(number(&places, row)?).ok()?;
                    Some(round_decimal_text(&number(longs, row)?.to_string(), places))
                })
                .collect()
        }
        _ => {
            let strings = cast(numbers, &DataType::Utf8)?;
            let strings = strings.as_string::<i32>();
            (0..arguments.rows())
                .map(|row| {
                    let places = usize::try_from(number(&places, row)?).ok()?;
                    Some(round_decimal_text(value(strings, row)?, places))
                })
                .collect()
        }
    };
    for text in texts {
        result.append_option(text);
    }
    Ok(Arc::new(result.finish()))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text.bytes().filter(|byte| !byte.is_ascii_whitespace()).collect();
    let trimmed = symbols.strip_suffix(b"==").or_else(|| symbols.strip_suffix(b"=")).unwrap_or(&symbols);
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for symbol in trimmed {
        let digit = BASE64.iter().position(|known| known == symbol)?;
        bits = (bits << 6) | u32::try_from(digit).ok()?;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).ok()?);
        }
    }
    (trimmed.len() % 4 != 1).then_some(out)
}

/// Spark's `base64`: padded RFC 4648 text (datafusion-spark's rewrites itself
/// into DataFusion's `encode`, a name Spark's `encode` takes here).
fn base64_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |bits, (index, byte)| bits | (u32::from(*byte) << (16 - 8 * index)));
        for index in 0..4 {
            if index <= chunk.len() {
                let symbol = (bits >> (18 - 6 * index)) & 63;
                out.push(char::from(BASE64[usize::try_from(symbol).unwrap_or(0)]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64(arguments: &Arguments) -> Result<ArrayRef> {
    let values = cast(arguments.argument(0)?, &DataType::Binary)?;
    let values = values.as_binary::<i32>();
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        result.append_option((!values.is_null(row)).then(|| base64_text(values.value(row))));
    }
    Ok(Arc::new(result.finish()))
}

/// Spark's `unbase64` (Java's MIME decoder): characters outside the alphabet
/// are skipped, decoding stops at padding.
fn unbase64_lenient(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0u32);
    for symbol in bytes {
        if *symbol == b'=' {
            break;
        }
        let Some(digit) = BASE64.iter().position(|known| known == symbol) else { continue };
        bits = ((bits << 6) | u32::try_from(digit).unwrap_or(0)) & 0xff_ffff;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).unwrap_or(0));
        }
    }
    out
}

fn unbase64(arguments: &Arguments) -> Result<ArrayRef> {
    let texts = arguments.strings(0)?;
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        result.append_option(value(&texts, row).map(|text| unbase64_lenient(text.as_bytes())));
    }
    Ok(Arc::new(result.finish()))
}

/// `bit_length` / `octet_length`: of a string's UTF-8 bytes or of a binary value.
fn byte_length(arguments: &Arguments, unit: i64) -> Result<ArrayRef> {
    let values = cast(arguments.argument(0)?, &DataType::Binary)?;
    let values = values.as_binary::<i32>();
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        if values.is_null(row) {
            result.append_null();
        } else {
            let length = i64::try_from(values.value(row).len()).unwrap_or(i64::MAX).saturating_mul(unit);
            result.append_value(i32::try_from(length).unwrap_or(i32::MAX));
        }
    }
    Ok(Arc::new(result.finish()))
}

fn bit_length(arguments: &Arguments) -> Result<ArrayRef> {
    byte_length(arguments, 8)
}

fn octet_length(arguments: &Arguments) -> Result<ArrayRef> {
    byte_length(arguments, 1)
}

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let padded = if text.len() % 2 == 1 { format!("0{text}") } else { text.to_string() };
    padded
        .as_bytes()
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

fn to_binary_with(arguments: &Arguments, null_on_failure: bool) -> Result<ArrayRef> {
    let texts = arguments.strings(0)?;
    let formats = if arguments.count() > 1 { Some(arguments.strings(1)?) } else { None };
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        let format = match &formats {
            Some(formats) => value(formats, row).map(str::to_ascii_lowercase),
            None => Some("hex".to_string()),
        };
        let (Some(text), Some(format)) = (value(&texts, row), format) else {
            result.append_null();
            continue;
        };
        let decoded = match format.as_str() {
            "hex" => hex_decode(text),
            "utf-8" | "utf8" => Some(text.as_bytes().to_vec()),
            "base64" => base64_decode(text),
            _ => {
                return Err(spark_error(
                    "INVALID_PARAMETER_VALUE.BINARY_FORMAT",
                    vec![
                        ("parameter", "`format`".to_string()),
                        ("functionName", "`to_binary`".to_string()),
                        ("invalidFormat", format!("'{format}'")),
                    ],
                    format!("The value of parameter(s) `format` in `to_binary` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '{format}'."),
                ));
            }
        };
        match decoded {
            Some(bytes) => result.append_value(bytes),
            None if null_on_failure => result.append_null(),
            None => {
                return Err(spark_error(
                    "CONVERSION_INVALID_INPUT",
                    vec![
                        ("str", format!("'{text}'")),
                        ("fmt", format!("'{}'", format.to_ascii_uppercase())),
                        ("targetType", "\"BINARY\"".to_string()),
                        ("suggestion", "`try_to_binary`".to_string()),
                    ],
                    format!("The value '{text}' ('{}') cannot be converted to \"BINARY\" because it is malformed.", format.to_ascii_uppercase()),
                ));
            }
        }
    }
    Ok(Arc::new(result.finish()))
}

fn to_binary(arguments: &Arguments) -> Result<ArrayRef> {
    to_binary_with(arguments, false)
}

fn try_to_binary(arguments: &Arguments) -> Result<ArrayRef> {
    to_binary_with(arguments, true)
}

pub(crate) fn base64_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("base64", DataType::Utf8, &[1], base64))
}

pub(crate) fn unbase64_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("unbase64", DataType::Binary, &[1], unbase64))
}

pub(crate) fn bit_length_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("bit_length", DataType::Int32, &[1], bit_length))
}

pub(crate) fn octet_length_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("octet_length", DataType::Int32, &[1], octet_length))
}

pub(crate) fn initcap_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("initcap", DataType::Utf8, &[1], initcap))
}

pub(crate) fn left_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("left", DataType::Utf8, &[2], left))
}

pub(crate) fn right_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("right", DataType::Utf8, &[2], right))
}

pub(crate) fn overlay_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("overlay", DataType::Utf8, &[3, 4], overlay))
}

pub(crate) fn replace_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("replace", DataType::Utf8, &[2, 3], replace))
}

pub(crate) fn levenshtein_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("levenshtein", DataType::Int32, &[2, 3], levenshtein))
}

pub(crate) fn jaro_winkler_similarity_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("jaro_winkler_similarity", DataType::Float64, &[2], jaro_winkler_similarity))
}

pub(crate) fn format_number_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("format_number", DataType::Utf8, &[2], format_number))
}

pub(crate) fn to_binary_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("to_binary", DataType::Binary, &[1, 2], to_binary))
}

pub(crate) fn try_to_binary_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("try_to_binary", DataType::Binary, &[1, 2], try_to_binary))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn initcap_splits_on_spaces_only() {
        assert_eq!(initcap_text("a-b c_d  eE"), "A-b C_d  Ee");
    }

    #[test]
    fn overlay_counts_as_spark_substring() {
        let characters = chars("hello");
        assert_eq!(substring_sql(&characters, 1, 1), "h");
        assert_eq!(substring_sql(&characters, -2, i64::MAX), "lo");
        assert_eq!(substring_sql(&characters, 1, -2), "");
    }

    #[test]
    fn jaro_winkler_matches_spark() {
        assert!((jaro_winkler(&chars("hello"), &chars("hallo")) - 0.88).abs() < 1e-12);
        assert!((jaro_winkler(&chars("  Spaced  "), &chars("a,b")) - 0.477_777_777_777_777_8).abs() < 1e-12);
    }

    #[test]
    fn format_number_rounds_half_even() {
        assert_eq!(round_decimal_text("1234567.891", 0), "1,234,568");
        assert_eq!(round_decimal_text("-1234.5", 3), "-1,234.500");
        assert_eq!(round_decimal_text("0.125", 2), "0.12");
        assert_eq!(round_decimal_text("999.995", 2), "1,000.00");
    }

    #[test]
    fn hex_and_base64() {
        assert_eq!(hex_decode("616"), Some(vec![0x06, 0x16]));
        assert_eq!(hex_decode("zz"), None);
        assert_eq!(base64_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(unbase64_lenient(b"aGVs\nbG8="), b"hello".to_vec());
        assert_eq!(unbase64_lenient(b"!!!"), Vec::<u8>::new());
        assert_eq!(base64_text(b"hi"), "aGk=");
        assert_eq!(base64_text(b"abc"), "YWJj");
        assert_eq!(base64_text(b"\xff\xfe"), "//4=");
    }
}
