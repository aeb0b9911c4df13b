// SPDX-License-Identifier: Apache-2.0
//! Spark's number format strings (`ToNumberParser`), read in both directions:
//! `to_number` / `try_to_number` read a string as a decimal by a format,
//! `to_char` (`to_varchar`) writes a decimal as a string by one.
//!
//! A format is made of `0` / `9` (digits), `.` / `D` (the decimal point),
//! `,` / `G` (a thousands separator), `$`, `S` (a `+` or `-` sign), `MI` (an
//! optional `-`) and `PR` (angle brackets around a negative number); the
//! frontend upper-cases it and checks its structure (Spark's
//! `INVALID_FORMAT.*` analysis errors) before the engine sees it, and gives
//! `to_number` its result type, `decimal(digits, digits after the point)`,
//! which [`FormatTokens::decimal_type`] derives here too.
//!
//! Inputs are read as Spark reads them: whitespace between digits is skipped,
//! a `0`-led digit run before the point takes exactly as many digits, others
//! at most as many. Digits other than ASCII ones (which Java's
//! `Character.isDigit` also accepts) are reported as not implemented rather
//! than read differently.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Builder, StringBuilder};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Decimal128Type, DecimalType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use crate::error::Error;

/// A run of digits in a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Digits {
    /// Exactly this many digits (a `0`-led run before the point).
    Exactly(usize),
    /// At most this many.
    AtMost(usize),
}

impl Digits {
    fn count(self) -> usize {
        match self {
            Digits::Exactly(count) | Digits::AtMost(count) => count,
        }
    }
}

/// Digits and thousands separators in a run, in the format's order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum GroupItem {
    Digits(Digits),
    Separator,
}

/// One token of a format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    DigitGroups(Vec<GroupItem>),
    DecimalPoint,
    DollarSign,
    /// `S`: `+` or `-`.
    PlusOrMinus,
    /// `MI`: an optional `-`.
    OptionalMinus,
    /// `PR`'s opening bracket (at the start) and closing one (where `PR` is).
    OpeningBracket,
    ClosingBracket,
    /// A character that is not part of a format (the frontend rejects these).
    Unrecognized(char),
}

/// A format string as tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatTokens {
    tokens: Vec<Token>,
    /// The format as given (upper-cased), for error messages.
    text: String,
}

impl FormatTokens {
    /// The tokens of `format` (already upper-cased, as Spark does).
    pub(crate) fn new(format: &str) -> Self {
        let characters: Vec<char> = format.chars().collect();
        let mut flat: Vec<Token> = Vec::new();
        let mut index = 0;
        let mut after_point = false;
        while let Some(&character) = characters.get(index) {
            match character {
                '0' | '9' => {
                    let start = index;
                    index += 1;
                    while matches!(characters.get(index), Some('0' | '9')) {
                        index += 1;
                    }
                    let count = index - start;
                    let digits = if character == '0' && !after_point { Digits::Exactly(count) } else { Digits::AtMost(count) };
                    flat.push(Token::DigitGroups(vec![GroupItem::Digits(digits)]));
                    continue;
                }
                '.' | 'D' => {
                    flat.push(Token::DecimalPoint);
                    after_point = true;
                }
                ',' | 'G' => flat.push(Token::DigitGroups(vec![GroupItem::Separator])),
                '$' => flat.push(Token::DollarSign),
                'S' => flat.push(Token::PlusOrMinus),
                'M' if characters.get(index + 1) == Some(&'I') => {
                    flat.push(Token::OptionalMinus);
                    index += 1;
                }
                'P' if characters.get(index + 1) == Some(&'R') => {
                    flat.insert(0, Token::OpeningBracket);
                    flat.push(Token::ClosingBracket);
                    index += 1;
                }
                other => flat.push(Token::Unrecognized(other)),
            }
            index += 1;
        }
        // Consecutive digit runs and separators form one group.
        let mut tokens: Vec<Token> = Vec::new();
        for token in flat {
            match (token, tokens.last_mut()) {
                (Token::DigitGroups(items), Some(Token::DigitGroups(group))) => group.extend(items),
                (token, _) => tokens.push(token),
            }
        }
        FormatTokens { tokens, text: format.to_string() }
    }

    /// The number of format digits before and after the decimal point.
    fn digit_counts(&self) -> (usize, usize) {
        let (mut before, mut after, mut after_point) = (0, 0, false);
        for token in &self.tokens {
            match token {
                Token::DigitGroups(items) => {
                    let count: usize = items
                        .iter()
                        .map(|item| match item {
                            GroupItem::Digits(digits) => digits.count(),
                            GroupItem::Separator => 0,
                        })
                        .sum();
                    if after_point {
                        after += count;
                    } else {
                        before += count;
                    }
                }
                Token::DecimalPoint => after_point = true,
                _ => {}
            }
        }
        (before, after)
    }

    /// `to_number`'s result type: `decimal(all digits, digits after the point)`.
    pub(crate) fn decimal_type(&self) -> DataType {
        let (before, after) = self.digit_counts();
        let precision = u8::try_from(before + after).unwrap_or(u8::MAX);
        let scale = i8::try_from(after).unwrap_or(i8::MAX);
        DataType::Decimal128(precision, scale)
    }

    /// `input` read by this format: the unscaled value at the format's scale,
    /// or `None` when it does not match.
    pub(crate) fn parse(&self, input: &str) -> Result<Option<i128>, Error> {
        let characters: Vec<char> = input.chars().collect();
        let mut state = ParseState::default();
        let mut position = 0;
        let (mut opened, mut closed) = (false, false);
        for token in &self.tokens {
            let current = characters.get(position).copied();
            match token {
                Token::DigitGroups(items) => match state.digit_groups(items, &characters, position)? {
                    Some(next) => position = next,
                    None => return Ok(None),
                },
                Token::DecimalPoint => {
                    if current == Some('.') {
                        state.after_point = true;
                        position += 1;
                    }
                }
                Token::DollarSign => match current {
                    Some('$') => position += 1,
                    Some(_) => return Ok(None),
                    None => {}
                },
                Token::PlusOrMinus => match current {
                    Some('+') => position += 1,
                    Some('-') => {
                        state.negative = !state.negative;
                        position += 1;
                    }
                    _ => {}
                },
                Token::OptionalMinus => {
                    if current == Some('-') {
                        state.negative = !state.negative;
                        position += 1;
                    }
                }
                Token::OpeningBracket => {
                    if current == Some('<') {
                        if opened {
                            return Ok(None);
                        }
                        opened = true;
                        position += 1;
                    }
                }
                Token::ClosingBracket => {
                    if current == Some('>') {
                        if !opened {
                            return Ok(None);
                        }
                        closed = true;
                        state.negative = !state.negative;
                        position += 1;
                    }
                }
                Token::Unrecognized(_) => return Err(Error::Internal(format!("invalid number format {}", self.text))),
            }
        }
        if position < characters.len() || opened != closed || (state.before.is_empty() && state.after.is_empty()) {
            return Ok(None);
        }
        let (_, scale) = self.digit_counts();
        let mut unscaled: i128 = 0;
        let padding = scale.saturating_sub(state.after.len());
        for digit in state.before.iter().chain(state.after.iter()).copied().chain(std::iter::repeat_n(0, padding)) {
            unscaled = match unscaled.checked_mul(10).and_then(|value| value.checked_add(i128::from(digit))) {
                Some(value) => value,
                None => return Err(Error::unsupported("to_number of more than 38 digits")),
            };
        }
        Ok(Some(if state.negative { -unscaled } else { unscaled }))
    }

    /// The decimal `unscaled` (at `scale`) written by this format, or `None`
    /// when its digits do not fit the format's places (Spark then fails).
    pub(crate) fn format(&self, unscaled: i128, scale: i8) -> Option<String> {
        let negative = unscaled < 0;
        let (before, after) = self.split_digits(unscaled, scale);
        let mut result: Vec<char> = Vec::new();
        let (mut before_index, mut after_index) = (0, 0);
        let mut after_point = false;
        for token in &self.tokens {
            match token {
                Token::DigitGroups(items) => {
                    for item in items {
                        match item {
                            GroupItem::Digits(digits) if !after_point => {
                                for _ in 0..digits.count() {
                                    match before.get(before_index) {
                                        Some(' ') if matches!(digits, Digits::Exactly(_)) => result.push('0'),
                                        Some(' ') => push_space(&mut result),
                                        Some(&character) => result.push(character),
                                        None => return None,
                                    }
                                    before_index += 1;
                                }
                            }
                            GroupItem::Digits(digits) => {
                                for _ in 0..digits.count() {
                                    result.push(*after.get(after_index)?);
                                    after_index += 1;
                                }
                            }
                            GroupItem::Separator => {
                                if result.last().is_some_and(char::is_ascii_digit) {
                                    result.push(',');
                                } else {
                                    push_space(&mut result);
                                }
                            }
                        }
                    }
                }
                Token::DecimalPoint => {
                    if let Some(last) = result.last_mut()
                        && *last == ' '
                    {
                        *last = '0';
                    }
                    result.push('.');
                    after_point = true;
                }
                Token::DollarSign => result.push('$'),
                Token::PlusOrMinus => {
                    strip_lone_point(&mut result);
                    push_sign(&mut result, if negative { '-' } else { '+' });
                }
                Token::OptionalMinus => {
                    if negative {
                        strip_lone_point(&mut result);
                        push_sign(&mut result, '-');
                    } else {
                        result.push(' ');
                    }
                }
                Token::OpeningBracket => {
                    if negative {
                        result.push('<');
                    }
                }
                Token::ClosingBracket => {
                    strip_lone_point(&mut result);
                    if negative {
                        push_sign(&mut result, '>');
                    } else {
                        result.extend([' ', ' ']);
                    }
                }
                Token::Unrecognized(_) => return None,
            }
        }
        if before_index < before.len() || after_index < after.len() {
            return None;
        }
        strip_lone_point(&mut result);
        let text: String = result.into_iter().collect();
        Some(if text.is_empty() || text == "+" || text == "-" { "0".to_string() } else { text })
    }

    /// The decimal's digits before the point (without leading zeros, padded
    /// with leading spaces to the format's places) and after it (without
    /// trailing zeros, padded with zeros); `#`s when they do not fit.
    fn split_digits(&self, unscaled: i128, scale: i8) -> (Vec<char>, Vec<char>) {
        let magnitude = unscaled.unsigned_abs().to_string();
        let scale = usize::try_from(scale).unwrap_or(0);
        let (integral, fraction) = if magnitude.len() > scale {
            magnitude.split_at(magnitude.len() - scale)
        } else {
            ("", magnitude.as_str())
        };
        let fraction = format!("{}{fraction}", "0".repeat(scale.saturating_sub(fraction.len())));
        let mut before: Vec<char> = integral.trim_start_matches('0').chars().collect();
        let mut after: Vec<char> = fraction.trim_end_matches('0').chars().collect();
        let (places_before, places_after) = self.digit_counts();
        if places_before < before.len() || places_after < after.len() {
            before = vec!['#'; places_before];
            after = vec!['#'; places_after];
        }
        let mut padded = vec![' '; places_before - before.len()];
        padded.append(&mut before);
        after.resize(places_after, '0');
        (padded, after)
    }
}

/// What parsing has read so far.
#[derive(Default)]
struct ParseState {
    before: Vec<u8>,
    after: Vec<u8>,
    after_point: bool,
    negative: bool,
}

impl ParseState {
    /// Read digits, whitespace and separators from `start` against a group of
    /// the format: the position after them, or `None` when their groups'
    /// sizes do not fit the format's.
    fn digit_groups(&mut self, items: &[GroupItem], characters: &[char], start: usize) -> Result<Option<usize>, Error> {
        let mut sizes: Vec<usize> = Vec::new();
        let mut current = 0;
        let mut position = start;
        while let Some(&character) = characters.get(position) {
            // Whitespace is skipped.
            if !java_whitespace(character) {
                if let Some(digit) = character.to_digit(10) {
                    current += 1;
                    let digit = u8::try_from(digit).unwrap_or(0);
                    if self.after_point {
                        self.after.push(digit);
                    } else {
                        self.before.push(digit);
                    }
                } else if character == ',' {
                    sizes.push(current);
                    current = 0;
                } else if character.is_numeric() {
                    return Err(Error::unsupported(format!("to_number of digits other than 0-9 ('{character}')")));
                } else {
                    break;
                }
            }
            position += 1;
        }
        sizes.push(current);
        // Compare from the last group backwards, so that leading groups of the format may be absent.
        let expected: Vec<Digits> = items
            .iter()
            .rev()
            .filter_map(|item| match item {
                GroupItem::Digits(digits) => Some(*digits),
                GroupItem::Separator => None,
            })
            .collect();
        if sizes.len() > expected.len() {
            return Ok(None);
        }
        for (index, digits) in expected.iter().enumerate() {
            let actual = sizes.iter().rev().nth(index).copied().unwrap_or(0);
            let fits = match digits {
                Digits::Exactly(count) => actual == *count,
                Digits::AtMost(count) => actual <= *count,
            };
            if !fits {
                return Ok(None);
            }
        }
        Ok(Some(position))
    }
}

/// Java's `Character.isWhitespace`: separators but the no-break spaces, and
/// the ASCII controls tab to carriage return and 0x1C to 0x1F.
fn java_whitespace(character: char) -> bool {
    matches!(character, '\t'..='\r' | '\u{1c}'..='\u{1f}' | ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200a}')
        || matches!(character, '\u{2028}' | '\u{2029}' | '\u{205f}' | '\u{3000}')
}

/// Append `sign`, moving it before the spaces it follows.
fn push_sign(result: &mut Vec<char>, sign: char) {
    result.push(sign);
    let mut index = result.len() - 1;
    while index >= 1 && result[index - 1] == ' ' && result[index] == sign {
        result.swap(index - 1, index);
        index -= 1;
    }
}

/// Append a space, moving it before a sign or bracket it follows.
fn push_space(result: &mut Vec<char>) {
    result.push(' ');
    let mut index = result.len() - 1;
    while index >= 1 && matches!(result[index - 1], '+' | '-' | '<') && result[index] == ' ' {
        result.swap(index - 1, index);
        index -= 1;
    }
}

/// A decimal point with no digit after it becomes a space.
fn strip_lone_point(result: &mut [char]) {
    if let Some(index) = result.iter().position(|character| *character == '.')
        && result.get(index + 1).is_none_or(|next| *next == ' ')
        && let Some(point) = result.get_mut(index)
    {
        *point = ' ';
    }
}

/// Spark's error for a value that does not match its format.
fn mismatch(input_type: String, input: String, format: &str) -> DataFusionError {
    let parameters = [("inputType", input_type), ("input", input.clone()), ("format", format.to_string())];
    let message = format!("The format is invalid: {format}. The input {input} does not match the format.");
    DataFusionError::External(Box::new(Error::execution("INVALID_FORMAT.MISMATCH_INPUT", parameters, message)))
}

/// Which direction a function reads a format in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Direction {
    /// `to_number`: a string to a decimal, failing on a mismatch.
    ToNumber,
    /// `try_to_number`: null on a mismatch.
    TryToNumber,
    /// `to_char`: a decimal to a string.
    ToChar,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct NumberFormat {
    direction: Direction,
    signature: Signature,
}

pub(crate) fn to_number_function() -> ScalarUDF {
    number_format(Direction::ToNumber)
}

pub(crate) fn try_to_number_function() -> ScalarUDF {
    number_format(Direction::TryToNumber)
}

pub(crate) fn to_char_function() -> ScalarUDF {
    number_format(Direction::ToChar)
}

fn number_format(direction: Direction) -> ScalarUDF {
    ScalarUDF::new_from_impl(NumberFormat { direction, signature: Signature::any(2, Volatility::Immutable) })
}

/// The format of a call: its constant second argument (null for a null format).
fn constant_format(value: Option<&ScalarValue>) -> Result<Option<FormatTokens>> {
    match value {
        Some(ScalarValue::Utf8(text) | ScalarValue::LargeUtf8(text) | ScalarValue::Utf8View(text)) => {
            Ok(text.as_deref().map(|text| FormatTokens::new(&text.to_uppercase())))
        }
        Some(ScalarValue::Null) => Ok(None),
        _ => exec_err!("a number format must be a constant string"),
    }
}

impl ScalarUDFImpl for NumberFormat {
    fn name(&self) -> &str {
        match self.direction {
            Direction::ToNumber => "to_number",
            Direction::TryToNumber => "try_to_number",
            Direction::ToChar => "to_char",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        datafusion::common::internal_err!("return_field_from_args is used instead")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let nullable = args.arg_fields.iter().any(|field| field.is_nullable());
        let (data_type, nullable) = match self.direction {
            Direction::ToChar => (DataType::Utf8, nullable),
            direction => {
                let format = constant_format(args.scalar_arguments.get(1).copied().flatten())?;
                let data_type = format.map_or(DataType::Decimal128(10, 0), |format| format.decimal_type());
                (data_type, nullable || direction == Direction::TryToNumber)
            }
        };
        Ok(Arc::new(Field::new(self.name(), data_type, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value, format] = args.args.as_slice() else {
            return exec_err!("{} takes a value and a format", self.name());
        };
        let format = match format {
            ColumnarValue::Scalar(scalar) => constant_format(Some(scalar))?,
            ColumnarValue::Array(_) => return exec_err!("{}'s format must be a constant", self.name()),
        };
        let return_type = args.return_field.data_type().clone();
        let Some(format) = format else {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from(&return_type)?));
        };
        let direction = self.direction;
        crate::functions::apply_unary(value, |values| match direction {
            Direction::ToChar => to_char_array(values, &format),
            Direction::ToNumber | Direction::TryToNumber => {
                to_number_array(values, &format, direction == Direction::ToNumber, &return_type)
            }
        })
    }
}

fn to_number_array(values: &ArrayRef, format: &FormatTokens, fail: bool, return_type: &DataType) -> Result<ArrayRef> {
    let DataType::Decimal128(precision, scale) = return_type else {
        return exec_err!("to_number must return a decimal, not {return_type}");
    };
    let strings = cast(values, &DataType::Utf8)?;
    let strings = strings.as_string::<i32>();
    let mut result = Decimal128Builder::with_capacity(strings.len());
    for text in strings.iter() {
        let Some(text) = text else {
            result.append_null();
            continue;
        };
        match format.parse(text).map_err(|error| DataFusionError::External(Box::new(error)))? {
            Some(unscaled) => result.append_value(unscaled),
            None if fail => return Err(mismatch("\"STRING\"".to_string(), text.to_string(), &format.text)),
            None => result.append_null(),
        }
    }
    Ok(Arc::new(result.finish().with_precision_and_scale(*precision, *scale)?))
}

fn to_char_array(values: &ArrayRef, format: &FormatTokens) -> Result<ArrayRef> {
    let DataType::Decimal128(precision, scale) = values.data_type() else {
        return exec_err!("to_char formats decimals, not {}", values.data_type());
    };
    let (precision, scale) = (*precision, *scale);
    let mut result = StringBuilder::with_capacity(values.len(), values.len() * format.text.len());
    for value in values.as_primitive::<Decimal128Type>().iter() {
        let Some(unscaled) = value else {
            result.append_null();
            continue;
        };
        match format.format(unscaled, scale) {
            Some(text) => result.append_value(text),
            None => {
                let shown = Decimal128Type::format_decimal(unscaled, precision, scale);
                return Err(mismatch(format!("\"DECIMAL({precision},{scale})\""), shown, &format.text));
            }
        }
    }
    Ok(Arc::new(result.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &str, format: &str) -> Option<String> {
        let tokens = FormatTokens::new(format);
        let DataType::Decimal128(precision, scale) = tokens.decimal_type() else { return None };
        let unscaled = tokens.parse(input).ok()??;
        Some(Decimal128Type::format_decimal(unscaled, precision, scale))
    }

    fn format(unscaled: i128, scale: i8, format: &str) -> Option<String> {
        FormatTokens::new(format).format(unscaled, scale)
    }

    #[test]
    fn result_types_follow_the_format() {
        assert_eq!(FormatTokens::new("$99.99").decimal_type(), DataType::Decimal128(4, 2));
        assert_eq!(FormatTokens::new("99,999.9S").decimal_type(), DataType::Decimal128(6, 1));
        assert_eq!(FormatTokens::new("999").decimal_type(), DataType::Decimal128(3, 0));
    }

    #[test]
    fn parses_as_spark() {
        assert_eq!(parse("454", "999").as_deref(), Some("454"));
        assert_eq!(parse("454.00", "000.00").as_deref(), Some("454.00"));
        assert_eq!(parse("12,454", "99,999").as_deref(), Some("12454"));
        assert_eq!(parse("$78.12", "$99.99").as_deref(), Some("78.12"));
        assert_eq!(parse("12,454.8-", "99,999.9S").as_deref(), Some("-12454.8"));
        assert_eq!(parse("<12>", "99PR").as_deref(), Some("-12"));
        assert_eq!(parse("12-", "99MI").as_deref(), Some("-12"));
        assert_eq!(parse(" 1 2 ", "999").as_deref(), Some("12"));
        assert_eq!(parse(".5", "9.9").as_deref(), Some("0.5"));
        assert_eq!(parse("5.", "9.9").as_deref(), Some("5.0"));
        assert_eq!(parse("1,234", "9,999").as_deref(), Some("1234"));
    }

    #[test]
    fn mismatches_are_none() {
        for (input, format) in [("", "999"), ("abc", "999"), ("1234", "999"), ("12", "000"), ("12", "9,9"), ("1234", "9,999")] {
            assert_eq!(parse(input, format), None, "{input} by {format}");
        }
        // The dollar sign is required (try_to_number's docstring example).
        assert_eq!(parse("77", "$99.99"), None);
        assert_eq!(parse("$77", "$99.99").as_deref(), Some("77.00"));
        assert_eq!(parse("€77", "$99.99"), None);
    }

    #[test]
    fn formats_as_spark() {
        assert_eq!(format(454, 0, "999").as_deref(), Some("454"));
        assert_eq!(format(45400, 2, "000D00").as_deref(), Some("454.00"));
        assert_eq!(format(12454, 0, "99G999").as_deref(), Some("12,454"));
        assert_eq!(format(7812, 2, "$99.99").as_deref(), Some("$78.12"));
        assert_eq!(format(-124548, 1, "99G999D9S").as_deref(), Some("12,454.8-"));
        assert_eq!(format(12, 0, "9999").as_deref(), Some("  12"));
        assert_eq!(format(12, 0, "0999").as_deref(), Some("0012"));
        assert_eq!(format(-12, 0, "S9999").as_deref(), Some("  -12"));
        assert_eq!(format(12, 0, "S9999").as_deref(), Some("  +12"));
        assert_eq!(format(-12, 0, "9999MI").as_deref(), Some("  12-"));
        assert_eq!(format(12, 0, "9999MI").as_deref(), Some("  12 "));
        assert_eq!(format(-12, 0, "9999PR").as_deref(), Some("  <12>"));
        assert_eq!(format(12, 0, "9999PR").as_deref(), Some("  12  "));
        assert_eq!(format(12345, 0, "999").as_deref(), Some("###"));
        assert_eq!(format(5, 1, "9.99").as_deref(), Some("0.50"));
        assert_eq!(format(0, 0, "999").as_deref(), Some("   "));
        assert_eq!(format(125, 2, "9.9").as_deref(), Some("#.#"));
        assert_eq!(format(123, 0, "9,999").as_deref(), Some("  123"));
        assert_eq!(format(12, 0, "$9999").as_deref(), Some("$  12"));
        assert_eq!(format(-5, 1, "S9.9").as_deref(), Some(" -.5"));
        assert_eq!(format(-5, 0, "9.9PR").as_deref(), Some("<5.0>"));
        assert_eq!(format(5, 0, ".9").as_deref(), Some(".#"));
    }
}
