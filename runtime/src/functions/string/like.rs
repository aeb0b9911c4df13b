// SPDX-License-Identifier: Apache-2.0
//! `like(str, pattern, escape)`: Spark's LIKE with an escape character of the
//! caller's (`a LIKE b ESCAPE '/'`; `ilike` is it on lower-cased operands).
//!
//! As Spark's `StringUtils.escapeLikeRegex`: `_` is one character (a code
//! point, newlines too), `%` any number of them, and the escape character may
//! only precede `_`, `%` or itself; anything else is Spark's
//! `INVALID_FORMAT.ESC_IN_THE_MIDDLE` / `ESC_AT_THE_END` (analysis errors, as
//! Spark raises them). The whole string must match.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BooleanBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::ScalarUDF;

use super::row_function::{Arguments, RowFunction, value};
use crate::error::Error;

/// One element of a LIKE pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Literal(char),
    /// `_`
    One,
    /// `%`
    Any,
}

/// A string as Spark's `toSQLValue` shows it: quoted, with `\` and `'` escaped.
fn sql_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `pattern` as pieces, or Spark's error for a misplaced escape character.
fn compile(pattern: &str, escape: char) -> Result<Vec<Piece>, Error> {
    let mut pieces = Vec::new();
    let mut characters = pattern.chars();
    while let Some(character) = characters.next() {
        if character == escape {
            match characters.next() {
                Some(escaped) if escaped == '_' || escaped == '%' || escaped == escape => pieces.push(Piece::Literal(escaped)),
                Some(escaped) => {
                    let parameters = [("format", sql_string(pattern)), ("char", sql_string(&escaped.to_string()))];
                    let message = format!(
                        "The format is invalid: {}. The escape character is not allowed to precede '{escaped}'.",
                        sql_string(pattern)
                    );
                    return Err(Error::analysis("INVALID_FORMAT.ESC_IN_THE_MIDDLE", parameters, message));
                }
                None => {
                    let message =
                        format!("The format is invalid: {}. The escape character is not allowed to end with.", sql_string(pattern));
                    return Err(Error::analysis("INVALID_FORMAT.ESC_AT_THE_END", [("format", sql_string(pattern))], message));
                }
            }
        } else {
            pieces.push(match character {
                '_' => Piece::One,
                '%' => Piece::Any,
                other => Piece::Literal(other),
            });
        }
    }
    Ok(pieces)
}

/// Whether all of `text` matches `pieces` (backtracking to the last `%` only).
fn matches(text: &[char], pieces: &[Piece]) -> bool {
    let (mut text_index, mut piece_index) = (0, 0);
    // The last `%` seen and the text position it is tried to end at.
    let mut resume: Option<(usize, usize)> = None;
    while text_index < text.len() {
        match pieces.get(piece_index) {
            Some(Piece::Any) => {
                resume = Some((piece_index, text_index));
                piece_index += 1;
            }
            Some(Piece::One) => {
                text_index += 1;
                piece_index += 1;
            }
            Some(Piece::Literal(expected)) if text.get(text_index) == Some(expected) => {
                text_index += 1;
                piece_index += 1;
            }
            _ => match resume {
                Some((any_index, start)) => {
                    // Let the `%` take one more character.
                    resume = Some((any_index, start + 1));
                    piece_index = any_index + 1;
                    text_index = start + 1;
                }
                None => return false,
            },
        }
    }
    pieces[piece_index.min(pieces.len())..].iter().all(|piece| *piece == Piece::Any)
}

fn like_escape(arguments: &Arguments) -> Result<ArrayRef> {
    let (texts, patterns, escapes) = (arguments.strings(0)?, arguments.strings(1)?, arguments.strings(2)?);
    let mut result = BooleanBuilder::with_capacity(arguments.rows());
    // Patterns are mostly constant: compile each one once per batch.
    let mut compiled: Option<(String, char, Vec<Piece>)> = None;
    for row in 0..arguments.rows() {
        let (Some(text), Some(pattern)) = (value(&texts, row), value(&patterns, row)) else {
            result.append_null();
            continue;
        };
        let mut escape_characters = value(&escapes, row).unwrap_or_default().chars();
        let (Some(escape), None) = (escape_characters.next(), escape_characters.next()) else {
            return exec_err!("like's escape must be one character");
        };
        let reuse = compiled.as_ref().is_some_and(|(known, known_escape, _)| known == pattern && *known_escape == escape);
        if !reuse {
            let pieces = compile(pattern, escape).map_err(|error| DataFusionError::External(Box::new(error)))?;
            compiled = Some((pattern.to_string(), escape, pieces));
        }
        let pieces = compiled.as_ref().map(|(_, _, pieces)| pieces.as_slice()).unwrap_or_default();
        let characters: Vec<char> = text.chars().collect();
        result.append_value(matches(&characters, pieces));
    }
    Ok(Arc::new(result.finish()))
}

pub(crate) fn like_escape_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(RowFunction::new("like_escape", DataType::Boolean, &[3], like_escape))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn like(text: &str, pattern: &str, escape: char) -> Result<bool, Error> {
        let characters: Vec<char> = text.chars().collect();
        Ok(matches(&characters, &compile(pattern, escape)?))
    }

    #[test]
    fn matches_as_spark() -> Result<(), Error> {
        assert!(like("%SystemDrive%/Users/John", "/%SystemDrive/%//Users%", '/')?);
        assert!(like("a%b", "a/%b", '/')?);
        assert!(!like("axb", "a/_b", '/')?);
        assert!(like("a/b", "a//b", '/')?);
        assert!(like("a%", "a%%", '%')?);
        assert!(like("a\nb", "a_b", '/')?);
        assert!(like("😀", "_", '/')?);
        assert!(like("", "%", '/')?);
        assert!(!like("", "_", '/')?);
        assert!(like("abcabd", "%ab_", '/')?);
        assert!(like("aaab", "%a%b", '/')?);
        assert!(!like("aaa", "%b%", '/')?);
        Ok(())
    }

    #[test]
    fn misplaced_escapes_are_spark_errors() {
        let error = like("ab", "a/b", '/').err().map(|error| error.condition());
        assert_eq!(error, Some(Some("INVALID_FORMAT.ESC_IN_THE_MIDDLE")));
        let error = like("ab", "ab/", '/').err().map(|error| error.condition());
        assert_eq!(error, Some(Some("INVALID_FORMAT.ESC_AT_THE_END")));
    }
}
