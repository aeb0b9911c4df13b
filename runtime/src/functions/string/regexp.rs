// SPDX-License-Identifier: Apache-2.0
//! Spark's regular-expression functions: `rlike`, `regexp_count`,
//! `regexp_extract`, `regexp_extract_all`, `regexp_instr`, `regexp_replace`,
//! `regexp_substr` and `split`.
//!
//! Spark uses Java's `java.util.regex`; we use the `regex` crate, translating
//! what differs where it can: Java's `\d`, `\w` and `\s` are ASCII-only (the
//! crate's are Unicode), a replacement's `$1` is group 1 even when a letter
//! follows and `\$` is a dollar sign, every match is replaced (DataFusion's
//! `regexp_replace` replaces the first unless given the `g` flag). A Java
//! pattern the crate cannot compile (look-around, back-references, possessive
//! quantifiers...) is reported as not implemented rather than run differently.
//! Positions are in characters, 1-based, as Spark counts them.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanBuilder, Int32Builder, ListBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{Result, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::ScalarUDF;
use regex::{CaptureLocations, Captures, Regex};

use super::row_function::{Arguments, RowFunction, number, spark_error, value};
use crate::error::Error;

/// The last pattern compiled, reused while the pattern stays the same (the usual case: a literal).
struct Patterns {
    last: Option<(String, Regex)>,
}

impl Patterns {
    fn new() -> Self {
        Patterns { last: None }
    }

    fn get(&mut self, pattern: &str) -> Result<&Regex> {
        let reuse = matches!(&self.last, Some((source, _)) if source == pattern);
        if !reuse {
            self.last = Some((pattern.to_string(), compile(pattern)?));
        }
        match &self.last {
            Some((_, regex)) => Ok(regex),
            None => Err(DataFusionError::Internal("no compiled pattern".to_string())),
        }
    }
}

/// A Java pattern as the `regex` crate's: ASCII `\d`, `\w`, `\s` and their negations.
fn translate(pattern: &str) -> String {
    let mut translated = String::with_capacity(pattern.len());
    let mut characters = pattern.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            translated.push(character);
            continue;
        }
        match characters.next() {
            Some('d') => translated.push_str("[0-9]"),
            Some('D') => translated.push_str("[^0-9]"),
            Some('w') => translated.push_str("[a-zA-Z0-9_]"),
            Some('W') => translated.push_str("[^a-zA-Z0-9_]"),
            Some('s') => translated.push_str("[\\t\\n\\x0B\\f\\r ]"),
            Some('S') => translated.push_str("[^\\t\\n\\x0B\\f\\r ]"),
            Some(other) => {
                translated.push('\\');
                translated.push(other);
            }
            None => translated.push('\\'),
        }
    }
    translated
}

fn compile(pattern: &str) -> Result<Regex> {
    Regex::new(&translate(pattern)).map_err(|error| {
        let first_line = error.to_string().lines().last().unwrap_or_default().to_string();
        DataFusionError::External(Box::new(Error::unsupported(format!(
            "the regular expression '{pattern}' ({first_line})"
        ))))
    })
}

/// The character position (0-based) of byte offset `offset` of `text`.
fn char_position(text: &str, offset: usize) -> usize {
    text[..offset].chars().count()
}

/// The byte offset of character position `position` (0-based) of `text`, or its length.
fn byte_offset(text: &str, position: usize) -> usize {
    text.char_indices().nth(position).map_or(text.len(), |(offset, _)| offset)
}

fn check_group(regex: &Regex, index: i32, function: &str) -> Result<usize> {
    let groups = regex.captures_len() - 1;
    match usize::try_from(index) {
        Ok(group) if group <= groups => Ok(group),
        _ => Err(spark_error(
            "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
            vec![
                ("parameter", "`idx`".to_string()),
                ("functionName", format!("`{function}`")),
                ("groupCount", groups.to_string()),
                ("groupIndex", index.to_string()),
            ],
            format!("The value of parameter(s) `idx` in `{function}` is invalid: Expects group index between 0 and {groups}, but got {index}."),
        )),
    }
}

fn rlike(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let mut compiled = Patterns::new();
    let mut result = BooleanBuilder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        match (value(&texts, row), value(&patterns, row)) {
            (Some(text), Some(pattern)) => result.append_value(compiled.get(pattern)?.is_match(text)),
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn regexp_count(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let mut compiled = Patterns::new();
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        match (value(&texts, row), value(&patterns, row)) {
            (Some(text), Some(pattern)) => {
                let count = compiled.get(pattern)?.find_iter(text).count();
                result.append_value(i32::try_from(count).unwrap_or(i32::MAX));
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn regexp_extract(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let groups = if arguments.count() > 2 { Some(arguments.ints(2)?) } else { None };
    let mut compiled = Patterns::new();
    let mut result = StringBuilder::new();
    // The capture slots of the last pattern, reused from row to row (`captures` allocates new ones per call).
    let mut locations: Option<(String, CaptureLocations)> = None;
    for row in 0..arguments.rows() {
        let group = match &groups {
            Some(groups) => number(groups, row),
            None => Some(1),
        };
        match (value(&texts, row), value(&patterns, row), group) {
            (Some(text), Some(pattern), Some(group)) => {
                let regex = compiled.get(pattern)?;
                let group = check_group(regex, group, "regexp_extract")?;
                if locations.as_ref().is_none_or(|(known, _)| known != pattern) {
                    locations = Some((pattern.to_string(), regex.capture_locations()));
                }
                let Some((_, slots)) = locations.as_mut() else {
                    return Err(DataFusionError::Internal("no capture slots".to_string()));
                };
                let found = regex.captures_read(slots, text).and_then(|_| slots.get(group)).map_or("", |(start, end)| &text[start..end]);
                result.append_value(found);
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn regexp_extract_all(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let groups = if arguments.count() > 2 { Some(arguments.ints(2)?) } else { None };
    let mut compiled = Patterns::new();
    let mut result = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new("element", DataType::Utf8, true)));
    for row in 0..arguments.rows() {
        let group = match &groups {
            Some(groups) => number(groups, row),
            None => Some(1),
        };
        match (value(&texts, row), value(&patterns, row), group) {
            (Some(text), Some(pattern), Some(group)) => {
                let regex = compiled.get(pattern)?;
                let group = check_group(regex, group, "regexp_extract_all")?;
                for captures in regex.captures_iter(text) {
                    result.values().append_value(captures.get(group).map_or("", |found| found.as_str()));
                }
                result.append(true);
            }
            _ => result.append(false),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn regexp_instr(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let groups = if arguments.count() > 2 { Some(arguments.ints(2)?) } else { None };
    let mut compiled = Patterns::new();
    let mut result = Int32Builder::with_capacity(arguments.rows());
    for row in 0..arguments.rows() {
        let group = match &groups {
            Some(groups) => number(groups, row),
            None => Some(0),
        };
        match (value(&texts, row), value(&patterns, row), group) {
            (Some(text), Some(pattern), Some(group)) => {
                let regex = compiled.get(pattern)?;
                // The group is checked, but Spark gives the start of the whole match.
                check_group(regex, group, "regexp_instr")?;
                let position = regex.find(text).map_or(0, |found| char_position(text, found.start()) + 1);
                result.append_value(i32::try_from(position).unwrap_or(i32::MAX));
            }
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

fn regexp_substr(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let mut compiled = Patterns::new();
    let mut result = StringBuilder::new();
    for row in 0..arguments.rows() {
        match (value(&texts, row), value(&patterns, row)) {
            (Some(text), Some(pattern)) => match compiled.get(pattern)?.find(text) {
                Some(found) => result.append_value(found.as_str()),
                None => result.append_null(),
            },
            _ => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish()))
}

/// One piece of a Java replacement string.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Group(usize),
    Named(String),
}

/// A Java replacement (`Matcher.appendReplacement`): `$n` and `${name}` are
/// groups (digits are taken while they name an existing group), `\x` is `x`.
fn parse_replacement(replacement: &str, groups: usize) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let characters: Vec<char> = replacement.chars().collect();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        if character == '\\' {
            index += 1;
            match characters.get(index) {
                Some(escaped) => text.push(*escaped),
                None => return Err(replacement_error("character to be escaped is missing")),
            }
            index += 1;
        } else if character == '$' {
            index += 1;
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            match characters.get(index) {
                Some('{') => {
                    let end = characters[index..].iter().position(|found| *found == '}');
                    let Some(end) = end else {
                        return Err(replacement_error("named capturing group is missing trailing '}'"));
                    };
                    let name: String = characters[index + 1..index + end].iter().collect();
                    pieces.push(Piece::Named(name));
                    index += end + 1;
                }
                Some(digit) if digit.is_ascii_digit() => {
                    let mut group = digit.to_digit(10).map_or(0, |found| found as usize);
                    if group > groups {
                        return Err(replacement_error(&format!("No group {group}")));
                    }
                    index += 1;
                    while let Some(next) = characters.get(index).and_then(|found| found.to_digit(10)) {
                        let wider = group * 10 + next as usize;
                        if wider > groups {
                            break;
                        }
                        group = wider;
                        index += 1;
                    }
                    pieces.push(Piece::Group(group));
                }
                _ => return Err(replacement_error("Illegal group reference")),
            }
        } else {
            text.push(character);
            index += 1;
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn replacement_error(message: &str) -> DataFusionError {
    spark_error(
        "INVALID_PARAMETER_VALUE.PATTERN",
        vec![
            ("parameter", "`replacement`".to_string()),
            ("functionName", "`regexp_replace`".to_string()),
            ("value", message.to_string()),
        ],
        message.to_string(),
    )
}

fn append_replacement(pieces: &[Piece], captures: &Captures<'_>, out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Group(group) => out.push_str(captures.get(*group).map_or("", |found| found.as_str())),
            Piece::Named(name) => out.push_str(captures.name(name).map_or("", |found| found.as_str())),
        }
    }
}

fn regexp_replace(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns, replacements) = (arguments.strings(0)?, arguments.strings(1)?, arguments.strings(2)?);
    let positions = if arguments.count() > 3 { Some(arguments.ints(3)?) } else { None };
    let mut compiled = Patterns::new();
    // The replacement is usually one constant: parsed once, not per row.
    let mut parsed: Option<(String, usize, Vec<Piece>)> = None;
    let mut result = StringBuilder::new();
    // One row's result, its allocation reused from row to row.
    let mut out = String::new();
    for row in 0..arguments.rows() {
        let position = match &positions {
            Some(positions) => number(positions, row),
            None => Some(1),
        };
        let (Some(text), Some(pattern), Some(replacement), Some(position)) =
            (value(&texts, row), value(&patterns, row), value(&replacements, row), position)
        else {
            result.append_null();
            continue;
        };
        if position <= 0 {
            return exec_err!("the position of regexp_replace must be positive, got {position}");
        }
        let regex = compiled.get(pattern)?;
        let groups = regex.captures_len() - 1;
        if parsed.as_ref().is_none_or(|(known, known_groups, _)| known != replacement || *known_groups != groups) {
            parsed = Some((replacement.to_string(), groups, parse_replacement(replacement, groups)?));
        }
        let pieces = parsed.as_ref().map_or(&[][..], |(_, _, pieces)| pieces.as_slice());
        let start = byte_offset(text, usize::try_from(position - 1).unwrap_or(usize::MAX));
        out.clear();
        out.push_str(&text[..start]);
        let mut last = start;
        // Without group references, matches need no captures (several times faster).
        let literal = match pieces {
            [] => Some(""),
            [Piece::Text(literal)] => Some(literal.as_str()),
            _ => None,
        };
        if let Some(literal) = literal {
            for found in regex.find_iter(&text[start..]) {
                out.push_str(&text[last..start + found.start()]);
                out.push_str(literal);
                last = start + found.end();
            }
        } else {
            for captures in regex.captures_iter(&text[start..]) {
                let Some(whole) = captures.get(0) else { continue };
                out.push_str(&text[last..start + whole.start()]);
                append_replacement(pieces, &captures, &mut out);
                last = start + whole.end();
            }
        }
        out.push_str(&text[last..]);
        result.append_value(&out);
    }
    Ok(Arc::new(result.finish()))
}

/// Spark's `split`: Java's `String.split` with a limit; a limit <= 0 keeps
/// every part (trailing empty ones too), an empty pattern splits into characters.
fn split(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns) = (arguments.strings(0)?, arguments.strings(1)?);
    let limits = if arguments.count() > 2 { Some(arguments.ints(2)?) } else { None };
    let mut compiled = Patterns::new();
    let mut result = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new("element", DataType::Utf8, true)));
    for row in 0..arguments.rows() {
        let limit = match &limits {
            Some(limits) => number(limits, row),
            None => Some(-1),
        };
        let (Some(text), Some(pattern), Some(limit)) = (value(&texts, row), value(&patterns, row), limit) else {
            result.append(false);
            continue;
        };
        for part in split_parts(text, compiled.get(pattern)?, pattern.is_empty(), limit) {
            result.values().append_value(part);
        }
        result.append(true);
    }
    Ok(Arc::new(result.finish()))
}

fn split_parts<'a>(text: &'a str, regex: &Regex, empty_pattern: bool, limit: i32) -> Vec<&'a str> {
    let limit = usize::try_from(limit).ok().filter(|limit| *limit > 0);
    if text.is_empty() {
        return vec![""];
    }
    if empty_pattern {
        // Each character; with a limit, the last part keeps the rest.
        let mut parts: Vec<&str> = Vec::new();
        for (offset, character) in text.char_indices() {
            if limit.is_some_and(|limit| parts.len() + 1 == limit) {
                parts.push(&text[offset..]);
                return parts;
            }
            parts.push(&text[offset..offset + character.len_utf8()]);
        }
        return parts;
    }
    let mut parts = Vec::new();
    let mut last = 0;
    for found in regex.find_iter(text) {
        if limit.is_some_and(|limit| parts.len() + 1 == limit) {
            break;
        }
        // A zero-width match at the start makes no leading empty part (Java 8+).
        if found.end() == 0 {
            continue;
        }
        parts.push(&text[last..found.start()]);
        last = found.end();
    }
    parts.push(&text[last..]);
    parts
}

pub(crate) fn rlike_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("rlike", DataType::Boolean, &[2], rlike))
}

pub(crate) fn regexp_count_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_count", DataType::Int32, &[2], regexp_count))
}

pub(crate) fn regexp_extract_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_extract", DataType::Utf8, &[2, 3], regexp_extract))
}

fn string_list() -> DataType {
    DataType::List(Arc::new(Field::new("element", DataType::Utf8, true)))
}

pub(crate) fn regexp_extract_all_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_extract_all", string_list(), &[2, 3], regexp_extract_all))
}

pub(crate) fn regexp_instr_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_instr", DataType::Int32, &[2, 3], regexp_instr))
}

pub(crate) fn regexp_replace_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_replace", DataType::Utf8, &[3, 4], regexp_replace))
}

pub(crate) fn regexp_substr_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("regexp_substr", DataType::Utf8, &[2], regexp_substr))
}

pub(crate) fn split_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("split", string_list(), &[2, 3], split))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_replacements() -> Result<()> {
        assert_eq!(parse_replacement("$1a", 1)?, vec![Piece::Group(1), Piece::Text("a".to_string())]);
        assert_eq!(parse_replacement("$12", 1)?, vec![Piece::Group(1), Piece::Text("2".to_string())]);
        assert_eq!(parse_replacement("$12", 12)?, vec![Piece::Group(12)]);
        assert_eq!(parse_replacement("\\$x", 0)?, vec![Piece::Text("$x".to_string())]);
        assert!(parse_replacement("$2", 1).is_err());
        Ok(())
    }

    #[test]
    fn java_classes_are_ascii() -> Result<()> {
        let regex = compile("\\w+")?;
        assert_eq!(regex.find("日本abc").map(|found| found.as_str()), Some("abc"));
        Ok(())
    }

    #[test]
    fn split_keeps_trailing_parts_and_honours_limits() -> Result<()> {
        let regex = compile("l")?;
        assert_eq!(split_parts("hello", &regex, false, -1), vec!["he", "", "o"]);
        assert_eq!(split_parts("hello", &regex, false, 2), vec!["he", "lo"]);
        assert_eq!(split_parts("hell", &regex, false, -1), vec!["he", "", ""]);
        let empty = compile("")?;
        assert_eq!(split_parts("abc", &empty, true, -1), vec!["a", "b", "c"]);
        Ok(())
    }
}
