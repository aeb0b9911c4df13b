// SPDX-License-Identifier: Apache-2.0
//! Spark's `from_csv(csv, schema, options)` and `to_csv(struct, options)`:
//! one CSV line read as a struct of atomic fields, and a struct of atomic
//! fields written as one line, as Spark's Univocity parser and writer do with
//! the options `sep` (`delimiter`), `quote`, `escape`, `nullValue`,
//! `emptyValue`, `nanValue`, `positiveInf`, `negativeInf`,
//! `ignoreLeadingWhiteSpace`, `ignoreTrailingWhiteSpace`, `quoteAll`,
//! `dateFormat` and `timestampFormat`. The struct's Spark type comes in the
//! options (`schema`), as for the JSON functions.
//!
//! Reading (`PERMISSIVE`): a field that does not fit its type is null, and
//! missing fields are null; `FAILFAST` fails on either.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use super::cells::{Cell, build, parse_decimal};
use super::datetime_text::DatetimeFormats;
use super::from_json::malformed;
use super::options::Options;
use super::spark_type::SparkType;
use super::to_json::Writer;
use super::value::Json;

/// The CSV options of a call.
struct Dialect {
    separator: String,
    quote: Option<char>,
    escape: Option<char>,
    null_value: String,
    empty_value: String,
    nan_value: String,
    positive_inf: String,
    negative_inf: String,
    ignore_leading: bool,
    ignore_trailing: bool,
    quote_all: bool,
}

fn first_char(text: Option<&str>, default: char) -> Option<char> {
    match text {
        None => Some(default),
        Some(text) => text.chars().next(),
    }
}

impl Dialect {
    fn of(options: &Options, writing: bool) -> Dialect {
        let separator = options.get("sep").or_else(|| options.get("delimiter")).unwrap_or(",");
        let separator = if separator == "\\t" { "\t".to_string() } else { separator.to_string() };
        Dialect {
            separator,
            quote: first_char(options.get("quote"), '"'),
            escape: first_char(options.get("escape"), '\\'),
            null_value: options.get("nullValue").unwrap_or_default().to_string(),
            empty_value: options.get("emptyValue").unwrap_or(if writing { "\"\"" } else { "" }).to_string(),
            nan_value: options.get("nanValue").unwrap_or("NaN").to_string(),
            positive_inf: options.get("positiveInf").unwrap_or("Inf").to_string(),
            negative_inf: options.get("negativeInf").unwrap_or("-Inf").to_string(),
            ignore_leading: options.flag("ignoreLeadingWhiteSpace", writing),
            ignore_trailing: options.flag("ignoreTrailingWhiteSpace", writing),
            quote_all: options.flag("quoteAll", false),
        }
    }

    /// The fields of a line: `None` for an empty unquoted field, with whether each was quoted.
    fn split(&self, line: &str) -> Vec<(Option<String>, bool)> {
        let mut fields = Vec::new();
        let mut rest = line;
        loop {
            let mut trimmed = rest;
            if self.ignore_leading {
                trimmed = trimmed.trim_start();
            }
            let (field, quoted, after) = match self.quote.filter(|quote| trimmed.starts_with(*quote)) {
                Some(quote) => self.quoted_field(trimmed, quote),
                None => {
                    let end = trimmed.find(&self.separator).unwrap_or(trimmed.len());
                    (trimmed[..end].to_string(), false, &trimmed[end..])
                }
            };
            let field = if self.ignore_trailing && !quoted { field.trim_end().to_string() } else { field };
            fields.push((if field.is_empty() && !quoted { None } else { Some(field) }, quoted));
            match after.strip_prefix(self.separator.as_str()) {
                Some(next) if !self.separator.is_empty() => rest = next,
                _ => return fields,
            }
        }
    }

    /// A quoted field at the start of `text`: its value, and the text after it. A
    /// quote inside the value that is neither escaped nor the closing one makes
    /// the whole field its raw text, up to the separator (Univocity's
    /// `STOP_AT_DELIMITER`).
    fn quoted_field<'a>(&self, text: &'a str, quote: char) -> (String, bool, &'a str) {
        let mut value = String::new();
        let mut characters = text.char_indices().skip(1).peekable();
        while let Some((index, character)) = characters.next() {
            if Some(character) == self.escape
                && character != quote
                && let Some(&(_, next)) = characters.peek()
                && (next == quote || Some(next) == self.escape)
            {
                value.push(next);
                characters.next();
                continue;
            }
            if character == quote {
                let after = &text[index + character.len_utf8()..];
                let after_trimmed = if self.ignore_trailing { after.trim_start_matches([' ', '\t']) } else { after };
                if after_trimmed.is_empty() || after_trimmed.starts_with(&self.separator) {
                    return (value, true, after_trimmed);
                }
                let end = text.find(&self.separator).unwrap_or(text.len());
                return (text[..end].to_string(), false, &text[end..]);
            }
            value.push(character);
        }
        (value, true, "")
    }
}

/// A field's text as a value of `spark_type`; `Err` when it does not fit.
fn read_field(text: &str, spark_type: &SparkType, dialect: &Dialect, formats: &DatetimeFormats) -> Result<Cell, ()> {
    let integer = |text: &str| -> Result<i64, ()> {
        let digits = text.strip_prefix('+').unwrap_or(text);
        digits.parse::<i64>().map_err(|_| ())
    };
    Ok(match spark_type {
        SparkType::String => Cell::Text(text.to_string()),
        SparkType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" => Cell::Bool(true),
            "false" => Cell::Bool(false),
            _ => return Err(()),
        },
        SparkType::Byte => Cell::Integer(i64::from(i8::try_from(integer(text)?).map_err(|_| ())?)),
        SparkType::Short => Cell::Integer(i64::from(i16::try_from(integer(text)?).map_err(|_| ())?)),
        SparkType::Integer => Cell::Integer(i64::from(i32::try_from(integer(text)?).map_err(|_| ())?)),
        SparkType::Long => Cell::Integer(integer(text)?),
        SparkType::Float | SparkType::Double => {
            if text == dialect.nan_value {
                Cell::Float(f64::NAN)
            } else if text == dialect.positive_inf {
                Cell::Float(f64::INFINITY)
            } else if text == dialect.negative_inf {
                Cell::Float(f64::NEG_INFINITY)
            } else {
                // Java's parseDouble: surrounding spaces, `NaN`, `Infinity`, a `d`/`f` suffix.
                let trimmed = text.trim().trim_end_matches(['d', 'D', 'f', 'F']);
                let value = match trimmed.strip_prefix('+').unwrap_or(trimmed) {
                    "NaN" => f64::NAN,
                    "Infinity" => if trimmed.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY },
                    "-Infinity" => f64::NEG_INFINITY,
                    number if number.bytes().all(|byte| byte.is_ascii_digit() || b".eE+-".contains(&byte)) => {
                        number.parse::<f64>().map_err(|_| ())?
                    }
                    _ => return Err(()),
                };
                Cell::Float(value)
            }
        }
        SparkType::Decimal(precision, scale) => Cell::Decimal(parse_decimal(text, *precision, *scale).ok_or(())?),
        SparkType::Date => Cell::Days(formats.read_date(text).ok_or(())?),
        SparkType::Timestamp => Cell::Micros(formats.read_timestamp(text).ok_or(())?),
        SparkType::TimestampNtz => Cell::Micros(formats.read_timestamp_ntz(text).ok_or(())?),
        _ => return Err(()),
    })
}

/// One line as a struct of `members`; `Err` (with the permissive result) when malformed.
fn read_line(line: &str, members: &[(String, SparkType)], dialect: &Dialect, formats: &DatetimeFormats) -> Result<Cell, Cell> {
    let fields = if line.is_empty() { Vec::new() } else { dialect.split(line) };
    let mut malformed = !line.is_empty() && fields.len() != members.len();
    let mut values = Vec::with_capacity(members.len());
    for (index, (_, member_type)) in members.iter().enumerate() {
        let value = match fields.get(index) {
            None | Some((None, _)) => Cell::Null,
            Some((Some(text), quoted)) => {
                if !quoted && *text == dialect.null_value {
                    Cell::Null
                } else if *quoted && text.is_empty() {
                    read_field(&dialect.empty_value, member_type, dialect, formats).unwrap_or(Cell::Null)
                } else {
                    read_field(text, member_type, dialect, formats).unwrap_or_else(|()| {
                        malformed = true;
                        Cell::Null
                    })
                }
            }
        };
        values.push(value);
    }
    if malformed { Err(Cell::Struct(values)) } else { Ok(Cell::Struct(values)) }
}

/// Spark's `from_csv`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FromCsv {
    signature: Signature,
}

impl ScalarUDFImpl for FromCsv {
    fn name(&self) -> &str {
        "from_csv"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        exec_err!("from_csv's type comes from its arguments")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let Some(Some(options)) = args.scalar_arguments.get(2) else {
            return exec_err!("{} takes the options the analyzer writes, a literal", self.name());
        };
        let Some(text) = Options::text_of(options) else {
            return exec_err!("from_csv takes its options as a literal string");
        };
        Ok(Arc::new(Field::new(self.name(), Options::parse(&text)?.schema()?.arrow(), true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("from_csv", args.args.get(2))?;
        let root = options.schema()?;
        let SparkType::Struct(members) = &root else {
            return exec_err!("from_csv reads structs");
        };
        let formats = options.datetime_formats(&args.config_options)?;
        let dialect = Dialect::of(&options, false);
        let fail_fast = options.fail_fast();
        let Some(input) = args.args.first() else {
            return exec_err!("from_csv takes the CSV text");
        };
        let scalar = matches!(input, ColumnarValue::Scalar(_));
        let texts = cast(&input.to_array(args.number_rows)?, &DataType::Utf8)?;
        let texts = texts.as_string::<i32>();
        let mut cells = Vec::with_capacity(texts.len());
        for row in 0..texts.len() {
            if texts.is_null(row) {
                cells.push(Cell::Null);
                continue;
            }
            match read_line(texts.value(row), members, &dialect, &formats) {
                Ok(cell) => cells.push(cell),
                Err(_) if fail_fast => return Err(malformed(texts.value(row))),
                Err(cell) => cells.push(cell),
            }
        }
        let array = build(&root, &cells.iter().collect::<Vec<_>>())?;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?));
        }
        Ok(ColumnarValue::Array(array))
    }
}

/// The `from_csv` function to register.
pub(crate) fn from_csv() -> ScalarUDF {
    ScalarUDF::new_from_impl(FromCsv { signature: Signature::variadic_any(Volatility::Stable) })
}

impl Dialect {
    /// A field's text as Univocity writes it: quoted when it holds the
    /// separator, the quote, a line break, or is empty (or always, with `quoteAll`).
    fn write_field(&self, text: &str, out: &mut String) {
        let text = if self.ignore_leading { text.trim_start() } else { text };
        let text = if self.ignore_trailing { text.trim_end() } else { text };
        let Some(quote) = self.quote else {
            out.push_str(text);
            return;
        };
        let needs_quotes = self.quote_all
            || text.contains(self.separator.as_str())
            || text.contains(quote)
            || text.contains(['\n', '\r']);
        if !needs_quotes {
            out.push_str(text);
            return;
        }
        out.push(quote);
        for character in text.chars() {
            if character == quote
                && let Some(escape) = self.escape
            {
                out.push(escape);
            }
            out.push(character);
        }
        out.push(quote);
    }
}

/// Spark's `to_csv`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ToCsv {
    signature: Signature,
}

impl ScalarUDFImpl for ToCsv {
    fn name(&self) -> &str {
        "to_csv"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("to_csv", args.args.get(1))?;
        let SparkType::Struct(members) = options.schema()? else {
            return exec_err!("to_csv writes structs");
        };
        let formats = options.datetime_formats(&args.config_options)?;
        let writer = Writer { formats: &formats, ignore_null_fields: false };
        let dialect = Dialect::of(&options, true);
        let Some(input) = args.args.first() else {
            return exec_err!("to_csv takes a struct");
        };
        let scalar = matches!(input, ColumnarValue::Scalar(_));
        let values: ArrayRef = input.to_array(args.number_rows)?;
        let structure = values.as_struct();
        let mut texts = StringBuilder::with_capacity(values.len(), values.len() * 16);
        let mut out = String::new();
        for row in 0..values.len() {
            if values.is_null(row) {
                texts.append_null();
                continue;
            }
            out.clear();
            for (index, (_, member_type)) in members.iter().enumerate() {
                if index > 0 {
                    out.push_str(&dialect.separator);
                }
                let column = structure.column(index);
                if column.is_null(row) {
                    if dialect.quote_all {
                        dialect.write_field(&dialect.null_value, &mut out);
                    } else {
                        out.push_str(&dialect.null_value);
                    }
                    continue;
                }
                let text = match member_type {
                    SparkType::Array(_) | SparkType::Map(..) | SparkType::Struct(_) => {
                        let mut text = String::new();
                        cast_text(&writer.value(column, row, member_type)?, member_type, &mut text);
                        text
                    }
                    _ => match writer.value(column, row, member_type)? {
                        Json::String(text) | Json::Raw(text) | Json::Integer(text) => text,
                        Json::Bool(flag) => flag.to_string(),
                        other => other.to_text(),
                    },
                };
                if text.is_empty() {
                    out.push_str(&dialect.empty_value);
                } else {
                    dialect.write_field(&text, &mut out);
                }
            }
            texts.append_value(&out);
        }
        let array: ArrayRef = Arc::new(texts.finish());
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?));
        }
        Ok(ColumnarValue::Array(array))
    }
}

/// A nested value as Spark's `CAST(... AS STRING)` writes it with its legacy
/// null format, which `to_csv` uses for arrays, maps and structs: `[1,, 3]`,
/// `{k -> v}`, `{1, x}` (a null element or field leaves its place empty).
fn cast_text(value: &Json, spark_type: &SparkType, out: &mut String) {
    /// One element after the first: `,` then ` value`, or nothing for a null.
    fn next(item: &Json, item_type: &SparkType, out: &mut String) {
        out.push(',');
        if !matches!(item, Json::Null) {
            out.push(' ');
            cast_text(item, item_type, out);
        }
    }
    match (value, spark_type) {
        (Json::Null, _) => {}
        (Json::Array(values), SparkType::Array(element)) => {
            out.push('[');
            for (index, item) in values.iter().enumerate() {
                if index == 0 {
                    cast_text(item, element, out);
                } else {
                    next(item, element, out);
                }
            }
            out.push(']');
        }
        (Json::Object(entries), SparkType::Map(_, value_type)) => {
            out.push('{');
            for (index, (key, item)) in entries.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push_str(" ->");
                if !matches!(item, Json::Null) {
                    out.push(' ');
                    cast_text(item, value_type, out);
                }
            }
            out.push('}');
        }
        (Json::Object(entries), SparkType::Struct(members)) => {
            out.push('{');
            for (index, (_, member_type)) in members.iter().enumerate() {
                let item = entries.get(index).map_or(&Json::Null, |(_, item)| item);
                if index == 0 {
                    cast_text(item, member_type, out);
                } else {
                    next(item, member_type, out);
                }
            }
            out.push('}');
        }
        (Json::String(text) | Json::Raw(text) | Json::Integer(text), _) => out.push_str(text),
        (Json::Bool(flag), _) => out.push_str(if *flag { "true" } else { "false" }),
        (other, _) => out.push_str(&other.to_text()),
    }
}

/// The `to_csv` function to register.
pub(crate) fn to_csv() -> ScalarUDF {
    ScalarUDF::new_from_impl(ToCsv { signature: Signature::variadic_any(Volatility::Stable) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::datetime::zone::parse_zone;

    fn dialect(options: &str, writing: bool) -> Result<Dialect> {
        Ok(Dialect::of(&Options::parse(options)?, writing))
    }

    #[test]
    fn splits_lines_as_univocity() -> Result<()> {
        let plain = dialect("{}", false)?;
        let texts = |line: &str| plain.split(line).into_iter().map(|(text, _)| text).collect::<Vec<_>>();
        assert_eq!(texts(r#""1","2,5",3"#), vec![Some("1".into()), Some("2,5".into()), Some("3".into())]);
        assert_eq!(texts("1,,3"), vec![Some("1".into()), None, Some("3".into())]);
        assert_eq!(texts(r#"1,"a""b",3"#), vec![Some("1".into()), Some(r#""a""b""#.into()), Some("3".into())]);
        assert_eq!(texts("  4 , 5 ,6"), vec![Some("  4 ".into()), Some(" 5 ".into()), Some("6".into())]);
        Ok(())
    }

    #[test]
    fn reads_lines_as_spark() -> Result<()> {
        let formats = DatetimeFormats { date: None, timestamp: None, timestamp_ntz: None, zone: parse_zone("UTC")? };
        let members = vec![("a".to_string(), SparkType::Integer), ("b".to_string(), SparkType::String), ("c".to_string(), SparkType::Integer)];
        let plain = dialect("{}", false)?;
        assert_eq!(
            read_line("1,x,3", &members, &plain, &formats),
            Ok(Cell::Struct(vec![Cell::Integer(1), Cell::Text("x".into()), Cell::Integer(3)]))
        );
        assert_eq!(read_line("1,2", &members, &plain, &formats), Err(Cell::Struct(vec![Cell::Integer(1), Cell::Text("2".into()), Cell::Null])));
        assert_eq!(read_line("", &members, &plain, &formats), Ok(Cell::Struct(vec![Cell::Null, Cell::Null, Cell::Null])));
        Ok(())
    }

    #[test]
    fn writes_nested_values_as_spark_casts() {
        let mut out = String::new();
        let array = Json::Array(vec![Json::Integer("100".into()), Json::Null, Json::Integer("300".into())]);
        cast_text(&array, &SparkType::Array(Box::new(SparkType::Integer)), &mut out);
        assert_eq!(out, "[100,, 300]");
    }

    #[test]
    fn quotes_fields_as_univocity() -> Result<()> {
        let plain = dialect("{}", true)?;
        let mut out = String::new();
        plain.write_field("x,y", &mut out);
        plain.write_field("q\"q", &mut out);
        plain.write_field(" sp ", &mut out);
        assert_eq!(out, "\"x,y\"\"q\\\"q\"sp");
        Ok(())
    }
}
