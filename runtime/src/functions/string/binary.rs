// SPDX-License-Identifier: Apache-2.0
//! Spark's string functions that also take binary values (`startswith`,
//! `endswith`, `contains`, `concat`, `reverse` of bytes), and `instr` with a
//! start position and an occurrence (Spark 4.3's four-argument form).
//!
//! The predicates compare bytes: for UTF-8 strings a byte prefix, suffix or
//! infix is a character one, so one kernel serves strings and binary values.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BinaryArray, BinaryBuilder, BooleanBuilder, Int32Array, Int32Builder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result;
use datafusion::logical_expr::ScalarUDF;

use super::row_function::{Arguments, RowFunction, number, spark_error, value};

/// Argument `index` as bytes (strings as their UTF-8 bytes).
fn bytes_of(arguments: &Arguments, index: usize) -> Result<BinaryArray> {
    let converted = cast(arguments.argument(index)?, &DataType::Binary)?;
    Ok(converted.as_binary::<i32>().clone())
}

fn predicate(arguments: &Arguments, test: fn(&[u8], &[u8]) -> bool) -> Result<ArrayRef> {
    let (left, right) = (bytes_of(arguments, 0)?, bytes_of(arguments, 1)?);
    let mut result = BooleanBuilder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        if left.is_null(row) || right.is_null(row) {
            result.append_null();
        } else {
            result.append_value(test(left.value(row), right.value(row)));
        }
    }
    Ok(Arc::new(result.finish()))
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|window| window == needle)
}

fn startswith(arguments: &Arguments) -> Result<ArrayRef> {
    predicate(arguments, |left, right| left.starts_with(right))
}

fn endswith(arguments: &Arguments) -> Result<ArrayRef> {
    predicate(arguments, |left, right| left.ends_with(right))
}

fn contains(arguments: &Arguments) -> Result<ArrayRef> {
    predicate(arguments, contains_bytes)
}

/// `concat` of binary values: their bytes one after the other, null when any is null.
fn concat_binary(arguments: &Arguments) -> Result<ArrayRef> {
    let values = (0..arguments.count()).map(|index| bytes_of(arguments, index)).collect::<Result<Vec<_>>>()?;
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        if values.iter().any(|array| array.is_null(row)) {
            result.append_null();
            continue;
        }
        let joined: Vec<u8> = values.iter().flat_map(|array| array.value(row).iter().copied()).collect();
        result.append_value(joined);
    }
    Ok(Arc::new(result.finish()))
}

/// `reverse` of a binary value: its bytes in reverse order.
fn reverse_binary(arguments: &Arguments) -> Result<ArrayRef> {
    let values = bytes_of(arguments, 0)?;
    let mut result = BinaryBuilder::new();
    for row in 0..arguments.rows() {
        if values.is_null(row) {
            result.append_null();
        } else {
            let reversed: Vec<u8> = values.value(row).iter().rev().copied().collect();
            result.append_value(reversed);
        }
    }
    Ok(Arc::new(result.finish()))
}

/// The 1-based character position of the `occurrence`-th `substring` of
/// `text`, searching forward from character `start` when it is positive, and
/// backward from character `start` counted from the end when negative (a match
/// may begin at that character at the latest); 0 when there is none or `start`
/// is 0. Matches may overlap. An empty `substring` is found at 1, as in Spark.
fn instr_position(text: &str, substring: &str, start: i32, occurrence: i32) -> i32 {
    if substring.is_empty() {
        return 1;
    }
    // Byte offset of each character, and the text's end.
    let offsets: Vec<usize> = text.char_indices().map(|(offset, _)| offset).collect();
    let characters = i64::try_from(offsets.len()).unwrap_or(i64::MAX);
    let matches_at = |index: usize| offsets.get(index).is_some_and(|&offset| text[offset..].starts_with(substring));
    let mut remaining = occurrence;
    if start > 0 {
        let first = i64::from(start) - 1;
        for index in first..characters {
            let index = usize::try_from(index).unwrap_or(usize::MAX);
            if matches_at(index) {
                remaining -= 1;
                if remaining == 0 {
                    return i32::try_from(index + 1).unwrap_or(0);
                }
            }
        }
    } else if start < 0 {
        let last = characters + i64::from(start);
        let mut index = last;
        while index >= 0 {
            let position = usize::try_from(index).unwrap_or(usize::MAX);
            if matches_at(position) {
                remaining -= 1;
                if remaining == 0 {
                    return i32::try_from(position + 1).unwrap_or(0);
                }
            }
            index -= 1;
        }
    }
    0
}

fn instr(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, substrings) = (arguments.strings(0)?, arguments.strings(1)?);
    // Two arguments: from the first character, the first occurrence.
    let (starts, occurrences) = if arguments.count() == 4 {
        (arguments.ints(2)?, arguments.ints(3)?)
    } else {
        let ones = Int32Array::from(vec![1; arguments.rows()]);
        (ones.clone(), ones)
    };
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        let (Some(text), Some(substring), Some(start), Some(occurrence)) = (
            value(&texts, row),
            value(&substrings, row),
            number(&starts, row),
            number(&occurrences, row),
        ) else {
            result.append_null();
            continue;
        };
        if occurrence < 1 {
            return Err(spark_error(
                "INVALID_PARAMETER_VALUE.OCCURRENCE",
                vec![("parameter", "`occurrence`".to_string()), ("functionName", "`instr`".to_string()), ("actual", occurrence.to_string())],
                format!(
                    "The value of parameter(s) `occurrence` in `instr` is invalid: expects a positive integer, but got {occurrence}."
                ),
            ));
        }
        result.append_value(instr_position(text, substring, start, occurrence));
    }
    Ok(Arc::new(result.finish()))
}

pub(crate) fn startswith_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("startswith", DataType::Boolean, &[2], startswith))
}

pub(crate) fn endswith_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("endswith", DataType::Boolean, &[2], endswith))
}

pub(crate) fn contains_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("contains", DataType::Boolean, &[2], contains))
}

pub(crate) fn concat_binary_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("concat_binary", DataType::Binary, &[], concat_binary))
}

pub(crate) fn reverse_binary_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("reverse_binary", DataType::Binary, &[1], reverse_binary))
}

pub(crate) fn instr_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("instr", DataType::Int32, &[2, 4], instr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instr_positions_as_spark() {
        assert_eq!(instr_position("aabcd", "a", 2, 1), 2);
        assert_eq!(instr_position("aabcd", "a", -1, 1), 2);
        assert_eq!(instr_position("aabcd", "a", -1, 2), 1);
        assert_eq!(instr_position("aabcd", "a", 0, 1), 0);
        assert_eq!(instr_position("aabcd", "b", 1, 2), 0);
        assert_eq!(instr_position("aabcd", "", 3, 2), 1);
        assert_eq!(instr_position("aabcd", "a", 10, 1), 0);
        assert_eq!(instr_position("aabcd", "a", -10, 1), 0);
        assert_eq!(instr_position("abcabc", "bc", -1, 1), 5);
        assert_eq!(instr_position("abcabc", "bc", -2, 2), 2);
        assert_eq!(instr_position("äbcäbc", "c", 3, 2), 6);
        assert_eq!(instr_position("aaaa", "aa", 1, 2), 2);
        assert_eq!(instr_position("aaaa", "aa", -1, 2), 2);
        assert_eq!(instr_position("abc", "a", -3, 1), 1);
        assert_eq!(instr_position("", "a", -1, 1), 0);
    }

    #[test]
    fn byte_predicates() {
        assert!(contains_bytes(&[1, 2, 3], &[2, 3]));
        assert!(contains_bytes(&[1], &[]));
        assert!(!contains_bytes(&[1], &[1, 2]));
    }
}
