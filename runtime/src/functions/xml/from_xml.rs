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
//! `ignoreSurroundingSpaces`). As Spark's `PERMISSIVE` mode, null text is
//! null, and text that is not one XML document, or a number or date that
//! does not parse, makes the row a struct of nulls; `FAILFAST` fails with
//! `MALFORMED_RECORD_IN_PARSING`.

use std::sync::Arc;

use arrow::array::{Array, AsArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use super::document::{Element, parse};
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

/// Java's `Long.parseLong`: an optional sign and decimal digits.
fn java_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Java's `Double.parseDouble` for the decimal forms (and `NaN`, `Infinity`).
fn java_double(text: &str) -> Option<f64> {
    match text.strip_prefix('+').unwrap_or(text) {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        body => {
            let body = body.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(body);
            let valid = body.bytes().all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'-' | b'+'))
                && body.bytes().any(|byte| byte.is_ascii_digit());
            if valid { body.parse().ok() } else { None }
        }
    }
}

impl Reader<'_> {
    /// A text value as a value of an atomic type.
    fn atomic(&self, text: &str, spark_type: &SparkType) -> Result<Cell, Malformed> {
        let text = text.trim();
        if text.is_empty() && *spark_type != SparkType::String {
            return Ok(Cell::Null);
        }
        Ok(match spark_type {
            SparkType::String => Cell::Text(text.to_string()),
            SparkType::Boolean => match text.to_ascii_lowercase().as_str() {
                "true" => Cell::Bool(true),
                "false" => Cell::Bool(false),
                _ => Cell::Null,
            },
            SparkType::Byte => java_integer(text).and_then(|number| i8::try_from(number).ok()).map_or(Cell::Null, |number| Cell::Integer(i64::from(number))),
            SparkType::Short => Cell::Integer(i64::from(java_integer(text).and_then(|number| i16::try_from(number).ok()).ok_or(Malformed)?)),
            SparkType::Integer => Cell::Integer(i64::from(java_integer(text).and_then(|number| i32::try_from(number).ok()).ok_or(Malformed)?)),
            SparkType::Long => Cell::Integer(java_integer(text).ok_or(Malformed)?),
            SparkType::Float | SparkType::Double => Cell::Float(java_double(text).ok_or(Malformed)?),
            SparkType::Decimal(precision, scale) => Cell::Decimal(parse_decimal(text, *precision, *scale).ok_or(Malformed)?),
            SparkType::Date => Cell::Days(self.formats.read_date(text).ok_or(Malformed)?),
            SparkType::Timestamp => Cell::Micros(self.formats.read_timestamp(text).ok_or(Malformed)?),
            SparkType::TimestampNtz => Cell::Micros(self.formats.read_timestamp_ntz(text).ok_or(Malformed)?),
            SparkType::Null => Cell::Null,
            SparkType::Binary | SparkType::Map(..) | SparkType::Array(_) | SparkType::Struct(_) => return Err(Malformed),
        })
    }

    /// An element as a value of `spark_type`; `source` is the whole text (for markup kept as a string).
    fn element(&self, element: &Element, spark_type: &SparkType, source: &str) -> Result<Cell, Malformed> {
        match spark_type {
            SparkType::Struct(members) => self.structure(element, members, source),
            SparkType::Array(inner) => Ok(Cell::List(vec![self.element(element, inner, source)?])),
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

    /// An element's attributes, children and text as a struct's fields.
    pub(crate) fn structure(&self, element: &Element, members: &[(String, SparkType)], source: &str) -> Result<Cell, Malformed> {
        let mut values = Vec::with_capacity(members.len());
        for (name, member_type) in members {
            let attribute = name
                .strip_prefix(self.attribute_prefix.as_str())
                .filter(|_| !self.attribute_prefix.is_empty())
                .and_then(|attribute| element.attributes.iter().find(|(key, _)| key == attribute));
            if let Some((_, value)) = attribute {
                values.push(self.atomic(value, member_type)?);
                continue;
            }
            if *name == self.value_tag {
                let text = element.own_text();
                values.push(if text.trim().is_empty() { Cell::Null } else { self.atomic(&text, member_type)? });
                continue;
            }
            let children: Vec<&Element> = element.elements().filter(|child| child.name == *name).collect();
            values.push(match (member_type, children.as_slice()) {
                (_, []) => Cell::Null,
                (SparkType::Array(inner), _) => {
                    Cell::List(children.iter().map(|child| self.element(child, inner, source)).collect::<Result<_, _>>()?)
                }
                // The last of repeated elements read as one value, as Spark.
                (_, [.., last]) => self.element(last, member_type, source)?,
            });
        }
        Ok(Cell::Struct(values))
    }

    /// One row's text: the struct, or `Err` (malformed) with the permissive result.
    fn read_row(&self, text: &str, members: &[(String, SparkType)]) -> Result<Cell, Cell> {
        let nulls = || Cell::Struct(vec![Cell::Null; members.len()]);
        let Ok(document) = parse(text) else {
            return Err(nulls());
        };
        self.structure(&document.root, members, text).map_err(|Malformed| nulls())
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
        assert_eq!(reader.read_row("<q><a>x</a></q>", &members), Err(nulls.clone()));
        assert_eq!(reader.read_row("", &members), Err(nulls.clone()));
        assert_eq!(reader.read_row("<q>", &members), Err(nulls));
        Ok(())
    }
}
