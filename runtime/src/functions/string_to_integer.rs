// SPDX-License-Identifier: Apache-2.0
//! `CAST(string AS int)` that gives null on bad input, as Spark's legacy
//! (non-ANSI) mode parses it (`UTF8String.toLong` with decimals allowed).
//!
//! Arrow's parser agrees with Spark's on integers, but Spark's legacy mode
//! also reads a fractional part and drops it: `'12.5'` is 12, `'12.'` is 12.
//! Surrounding whitespace and control characters are ignored, a sign is
//! optional, and anything else (exponents, a value out of the type's range)
//! gives null.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, ArrowPrimitiveType, AsArray, PrimitiveArray, StringArrayType};
use datafusion::arrow::datatypes::{DataType, Int8Type, Int16Type, Int32Type, Int64Type};
use datafusion::common::{Result, exec_err, not_impl_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

/// Spark's legacy string-to-integer conversion into one integer type.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct StringToInteger {
    target: DataType,
    signature: Signature,
}

impl StringToInteger {
    /// Whether strings of `source` can be converted into `target` here.
    pub(crate) fn converts(source: &DataType, target: &DataType) -> bool {
        matches!(source, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
            && matches!(target, DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64)
    }

    pub(crate) fn new(target: DataType) -> Self {
        StringToInteger { target, signature: Signature::any(1, Volatility::Immutable) }
    }

    /// The integer type the strings become.
    pub(crate) fn target(&self) -> &DataType {
        &self.target
    }
}

impl ScalarUDFImpl for StringToInteger {
    fn name(&self) -> &str {
        "spark_legacy_string_to_integer"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.target.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name());
        };
        super::apply_unary(value, |strings| self.convert(strings))
    }
}

impl StringToInteger {
    fn convert(&self, strings: &ArrayRef) -> Result<ArrayRef> {
        match strings.data_type() {
            DataType::Utf8 => self.convert_strings(strings.as_string::<i32>()),
            DataType::LargeUtf8 => self.convert_strings(strings.as_string::<i64>()),
            DataType::Utf8View => self.convert_strings(strings.as_string_view()),
            other => not_impl_err!("Spark's legacy CAST from {other} to {}", self.target),
        }
    }

    fn convert_strings<'a>(&self, strings: impl StringArrayType<'a>) -> Result<ArrayRef> {
        match self.target {
            DataType::Int8 => Ok(narrowed::<Int8Type, _>(strings)),
            DataType::Int16 => Ok(narrowed::<Int16Type, _>(strings)),
            DataType::Int32 => Ok(narrowed::<Int32Type, _>(strings)),
            DataType::Int64 => Ok(narrowed::<Int64Type, _>(strings)),
            ref other => not_impl_err!("Spark's legacy CAST from a string to {other}"),
        }
    }
}

/// Each string parsed as an `i64`, then null where it does not fit `T`.
fn narrowed<'a, T, S>(strings: S) -> ArrayRef
where
    T: ArrowPrimitiveType,
    T::Native: TryFrom<i64>,
    S: StringArrayType<'a>,
{
    let values: PrimitiveArray<T> = strings
        .iter()
        .map(|value| value.and_then(parse_integer).and_then(|parsed| T::Native::try_from(parsed).ok()))
        .collect();
    Arc::new(values)
}

/// Spark's `UTF8String.toLong(allowDecimal = true)`: `None` where Spark gives null.
fn parse_integer(text: &str) -> Option<i64> {
    // Spark trims whitespace and ISO control characters alike.
    let text = text.trim_matches(|character: char| character.is_whitespace() || character.is_control());
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (digits, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if digits.is_empty() && fraction.is_empty() {
        return None;
    }
    if !digits.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    // Accumulated negatively, so that i64::MIN fits.
    let mut value: i64 = 0;
    for byte in digits.bytes() {
        value = value.checked_mul(10)?.checked_sub(i64::from(byte - b'0'))?;
    }
    if negative { Some(value) } else { value.checked_neg() }
}

#[cfg(test)]
mod tests {
    use super::parse_integer;

    #[test]
    fn reads_what_spark_legacy_mode_reads() {
        let cases = [
            ("12", Some(12)),
            (" 7 ", Some(7)),
            ("+3", Some(3)),
            ("-12.5", Some(-12)),
            ("12.", Some(12)),
            ("-9223372036854775808", Some(i64::MIN)),
            ("9223372036854775808", None),
            ("1e3", None),
            ("abc", None),
            ("", None),
            ("-", None),
            ("1.2.3", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_integer(text), expected, "{text:?}");
        }
    }
}
