// SPDX-License-Identifier: Apache-2.0
//! Spark's `from_xml(xml, schema, options)`: XML text read as a struct.
//!
//! The struct's Spark type comes as `from_json`'s does (a null of the type
//! for the YAML's `any1`, and Spark's JSON form of it in the literal
//! options). The root element, whatever its name, is the row: attributes
//! fill the fields named with `attributePrefix` (`_x`), child elements the
//! fields of their names (repeated ones an array's elements), the
//! element's own text the `valueTag` field (`_VALUE`); an element read as
//! a string keeps its content's markup. Values are trimmed (Spark's
//! `ignoreSurroundingSpaces`) and converted as Spark's `convertTo` does.
//! Elements are read in document order, and as Spark's parser, reading
//! stops at a value that does not fit its type: the fields read before it
//! keep their values, the others are null (`PERMISSIVE`, the default);
//! text that is not XML is a struct of nulls, null text null. `FAILFAST`
//! fails on either with `MALFORMED_RECORD_IN_PARSING`.

use std::sync::Arc;

use arrow::array::{Array, AsArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use super::document::{Element, Node, parse_record};
use crate::functions::json::cells::{Cell, build, parse_decimal};
use crate::functions::json::datetime_text::DatetimeFormats;
use crate::functions::json::from_json::malformed;
use crate::functions::json::options::Options;
use crate::functions::json::spark_type::SparkType;

/// How elements are read.
pub(crate) struct Reader<'a> {
    pub(crate) formats: &'a DatetimeFormats,
    pub(crate) attribute_prefix: String,
    pub(crate) value_tag: String,
}

/// A value that makes the record malformed.
#[derive(Debug, PartialEq)]
pub(crate) struct Malformed;

/// Java's `Long.parseLong` (an optional sign and decimal digits) into `i64`.
fn java_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Spark's `signSafeTo...`: a leading sign taken off, the rest parsed, the sign applied.
fn sign_safe<T: std::ops::Neg<Output = T>>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    if let Some(rest) = text.strip_prefix('+') {
        parse(rest)
    } else if let Some(rest) = text.strip_prefix('-') {
        parse(rest).map(|value| -value)
    } else {
        parse(text)
    }
}

/// Java's `Double.parseDouble`: decimal forms with an optional exponent and
/// `d`/`f` suffix, `NaN`, `Infinity`; then, as Spark falls back to
/// `NumberFormat.parse`, the number at the start of the text (grouping commas
/// skipped).
fn java_double(text: &str) -> Option<f64> {
    let body = text.trim_matches(|character: char| character <= ' ');
    let unsigned = body.strip_prefix(['+', '-']).unwrap_or(body);
    let negative = body.starts_with('-');
    let special = match unsigned {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        _ => None,
    };
    if let Some(value) = special {
        return Some(if negative { -value } else { value });
    }
    let number = unsigned.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(unsigned);
    let decimal = number.bytes().all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'-' | b'+'))
        && number.bytes().next().is_some_and(|byte| byte.is_ascii_digit() || byte == b'.');
    if decimal && let Ok(value) = number.parse::<f64>() {
        return Some(if negative { -value } else { value });
    }
    let mut prefix = String::new();
    let mut point = false;
    for character in text.chars() {
        match character {
            digit if digit.is_ascii_digit() => prefix.push(digit),
            ',' if !point => {}
            '.' if !point => {
                point = true;
                prefix.push('.');
            }
            _ => break,
        }
    }
    if prefix.starts_with(|character: char| character.is_ascii_digit()) { prefix.trim_end_matches('.').parse().ok() } else { None }
}

/// Whether two names match as Spark's (case-insensitive) field resolution does.
fn same_name(field: &str, name: &str) -> bool {
    field == name || field.eq_ignore_ascii_case(name)
}

/// The index of the struct field `name` (an exact match first).
fn field_index(members: &[(String, SparkType)], name: &str) -> Option<usize> {
    members.iter().position(|(field, _)| field == name).or_else(|| members.iter().position(|(field, _)| same_name(field, name)))
}

impl Reader<'_> {
    /// A text value as a value of an atomic type (Spark's `convertTo`).
    fn atomic(&self, text: &str, spark_type: &SparkType) -> Result<Cell, Malformed> {
        let text = text.trim();
        if text.is_empty() && *spark_type != SparkType::String {
            return Ok(Cell::Null);
        }
        Ok(match spark_type {
            SparkType::String => Cell::Text(text.to_string()),
            SparkType::Boolean => match text.to_ascii_lowercase().as_str() {
                "true" | "1" => Cell::Bool(true),
                "false" | "0" => Cell::Bool(false),
                _ => return Err(Malformed),
            },
            SparkType::Byte => Cell::Integer(i64::from(java_integer(text).and_then(|number| i8::try_from(number).ok()).ok_or(Malformed)?)),
            SparkType::Short => Cell::Integer(i64::from(java_integer(text).and_then(|number| i16::try_from(number).ok()).ok_or(Malformed)?)),
            SparkType::Integer => {
                Cell::Integer(i64::from(sign_safe(text, |rest| java_integer(rest).and_then(|number| i32::try_from(number).ok())).ok_or(Malformed)?))
            }
            SparkType::Long => Cell::Integer(sign_safe(text, java_integer).ok_or(Malformed)?),
            SparkType::Float | SparkType::Double => Cell::Float(sign_safe(text, java_double).ok_or(Malformed)?),
            SparkType::Decimal(precision, scale) => Cell::Decimal(parse_decimal(text, *precision, *scale).ok_or(Malformed)?),
            SparkType::Date => Cell::Days(self.formats.read_date(text).ok_or(Malformed)?),
            SparkType::Timestamp => Cell::Micros(self.formats.read_timestamp(text).ok_or(Malformed)?),
            SparkType::TimestampNtz => Cell::Micros(self.formats.read_timestamp_ntz(text).ok_or(Malformed)?),
            SparkType::Null => Cell::Null,
            SparkType::Binary | SparkType::Map(..) | SparkType::Array(_) | SparkType::Struct(_) => return Err(Malformed),
        })
    }

    /// A child element as a value of `spark_type`; `source` is the whole text (for markup kept as a string).
    fn element(&self, element: &Element, spark_type: &SparkType, source: &str) -> Result<Cell, Malformed> {
        match spark_type {
            SparkType::Struct(members) => match self.structure(element, members, source) {
                (cell, false) => Ok(cell),
                (_, true) => Err(Malformed),
            },
            SparkType::String if element.elements().next().is_some() => {
                Ok(Cell::Text(source.get(element.inner.0..element.inner.1).unwrap_or_default().trim().to_string()))
            }
            atomic => {
                if element.elements().next().is_some() {
                    return Err(Malformed);
                }
                self.atomic(&element.own_text(), atomic)
            }
        }
    }

    /// Sets field `index` from one occurrence (an array's next element, else the value).
    fn set(&self, values: &mut [Cell], index: usize, member_type: &SparkType, value: impl Fn(&SparkType) -> Result<Cell, Malformed>) -> Result<(), Malformed> {
        match member_type {
            // Spark reads no arrays of arrays from XML: the field stays null.
            SparkType::Array(inner) if matches!(**inner, SparkType::Array(_)) => {}
            SparkType::Array(inner) => {
                let cell = value(inner)?;
                match &mut values[index] {
                    Cell::List(cells) => cells.push(cell),
                    slot => *slot = Cell::List(vec![cell]),
                }
            }
            _ => values[index] = value(member_type)?,
        }
        Ok(())
    }

    /// An element's attributes, then its children and text in document order,
    /// as a struct's fields; the flag tells that a value did not fit its type,
    /// where Spark's parser stops (the fields read before it keep their values).
    pub(crate) fn structure(&self, element: &Element, members: &[(String, SparkType)], source: &str) -> (Cell, bool) {
        let mut values = vec![Cell::Null; members.len()];
        for (name, value) in &element.attributes {
            let Some(index) = field_index(members, &format!("{}{name}", self.attribute_prefix)) else { continue };
            if self.set(&mut values, index, &members[index].1, |member_type| self.atomic(value, member_type)).is_err() {
                return (Cell::Struct(vec![Cell::Null; members.len()]), true);
            }
        }
        let value_index = field_index(members, &self.value_tag);
        for node in &element.children {
            let outcome = match node {
                Node::Text(text) if !text.trim().is_empty() => match value_index {
                    Some(index) => self.set(&mut values, index, &members[index].1, |member_type| self.atomic(text, member_type)),
                    None => Ok(()),
                },
                Node::Element(child) => match field_index(members, &child.name) {
                    Some(index) => self.set(&mut values, index, &members[index].1, |member_type| self.element(child, member_type, source)),
                    None => Ok(()),
                },
                _ => Ok(()),
            };
            if outcome.is_err() {
                return (Cell::Struct(values), true);
            }
        }
        (Cell::Struct(values), false)
    }

    /// One row's text: the struct, or `Err` (malformed) with the permissive result.
    fn read_row(&self, text: &str, members: &[(String, SparkType)]) -> Result<Cell, Cell> {
        let Ok(document) = parse_record(text) else {
            return Err(Cell::Struct(vec![Cell::Null; members.len()]));
        };
        match self.structure(&document.root, members, text) {
            (cell, false) => Ok(cell),
            (cell, true) => Err(cell),
        }
    }
}

/// Spark's `from_xml`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FromXml {
    signature: Signature,
}

impl ScalarUDFImpl for FromXml {
    fn name(&self) -> &str {
        "from_xml"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        exec_err!("from_xml's type comes from its arguments")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let Some(Some(options)) = args.scalar_arguments.get(2) else {
            return exec_err!("from_xml takes the options the analyzer writes, a literal");
        };
        let Some(text) = Options::text_of(options) else {
            return exec_err!("from_xml takes its options as a literal string");
        };
        Ok(Arc::new(Field::new(self.name(), Options::parse(&text)?.schema()?.arrow(), true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("from_xml", args.args.get(2))?;
        let root = options.schema()?;
        let SparkType::Struct(members) = &root else {
            return exec_err!("from_xml reads a struct");
        };
        let formats = options.datetime_formats(&args.config_options)?;
        let reader = Reader {
            formats: &formats,
            attribute_prefix: options.get("attributePrefix").unwrap_or("_").to_string(),
            value_tag: options.get("valueTag").unwrap_or("_VALUE").to_string(),
        };
        let fail_fast = options.fail_fast();
        let Some(input) = args.args.first() else {
            return exec_err!("from_xml takes the XML text");
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
            match reader.read_row(texts.value(row), members) {
                Ok(cell) => cells.push(cell),
                // Spark's FAILFAST message names no record for XML.
                Err(_) if fail_fast => return Err(malformed("[null]")),
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

/// The `from_xml` function to register.
pub(crate) fn from_xml() -> ScalarUDF {
    ScalarUDF::new_from_impl(FromXml { signature: Signature::variadic_any(Volatility::Stable) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::datetime::zone::parse_zone;

    #[test]
    fn reads_numbers_as_java() {
        assert_eq!(sign_safe("-1e3", java_double), Some(-1000.0));
        assert_eq!(sign_safe("1.5f", java_double), Some(1.5));
        assert_eq!(sign_safe("Infinity", java_double), Some(f64::INFINITY));
        assert_eq!(sign_safe("1,234.5x", java_double), Some(1234.5));
        assert_eq!(sign_safe("-INF", java_double), None);
        assert_eq!(sign_safe("+5", java_integer), Some(5));
        assert_eq!(sign_safe("-9223372036854775808", java_integer), None);
        assert_eq!(sign_safe("1.0", java_integer), None);
    }

    #[test]
    fn reads_rows_as_spark_permissive_mode() -> Result<()> {
        let formats = DatetimeFormats { date: None, timestamp: None, timestamp_ntz: None, zone: parse_zone("UTC")? };
        let reader = Reader { formats: &formats, attribute_prefix: "_".into(), value_tag: "_VALUE".into() };
        let members = vec![
            ("_x".to_string(), SparkType::Long),
            ("a".to_string(), SparkType::Array(Box::new(SparkType::Long))),
            ("b".to_string(), SparkType::String),
            ("c".to_string(), SparkType::Struct(vec![("_VALUE".into(), SparkType::Double), ("_y".into(), SparkType::String)])),
        ];
        let row = reader.read_row("<q x=\"9\"><a> 1 </a><a>2</a><b><i>t</i></b><c y=\"z\">1.5</c></q>", &members);
        assert_eq!(
            row,
            Ok(Cell::Struct(vec![
                Cell::Integer(9),
                Cell::List(vec![Cell::Integer(1), Cell::Integer(2)]),
                Cell::Text("<i>t</i>".into()),
                Cell::Struct(vec![Cell::Float(1.5), Cell::Text("z".into())]),
            ]))
        );
        let nulls = Cell::Struct(vec![Cell::Null; 4]);
        // Spark's parser stops at a value that does not fit: what it read before stays.
        assert_eq!(
            reader.read_row("<q><a>3</a><b>s</b><a>x</a><b>t</b></q>", &members),
            Err(Cell::Struct(vec![Cell::Null, Cell::List(vec![Cell::Integer(3)]), Cell::Text("s".into()), Cell::Null]))
        );
        assert_eq!(reader.read_row("<q><a>x</a></q>", &members), Err(nulls.clone()));
        assert_eq!(reader.read_row("", &members), Err(nulls.clone()));
        assert_eq!(reader.read_row("<q>", &members), Err(nulls));
        Ok(())
    }
}
