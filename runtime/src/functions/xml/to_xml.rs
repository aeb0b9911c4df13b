// SPDX-License-Identifier: Apache-2.0
//! Spark's `to_xml(struct, options)`: a struct as XML text, as Spark's
//! indenting StAX writer prints it: the row element (`rowTag`, `ROW`), the
//! fields named with `attributePrefix` (`_x`) as its attributes, the
//! `valueTag` field (`_VALUE`) as its text, every other field a child
//! element on its own line, four spaces deeper (an array's elements each an
//! element of the field's name; an array inside an array an element of
//! `arrayElementName`, `item`; a map's entries elements named by their
//! keys); null fields left out unless `nullValue` is set; an element with
//! nothing in it closed as `<a/>`. Values are written as `to_json` writes
//! them (Java's doubles, Spark's default date and timestamp texts).

use arrow::array::{Array, StringBuilder};
use arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::functions::json::options::Options;
use crate::functions::json::spark_type::SparkType;
use crate::functions::json::to_json::Writer;
use crate::functions::json::value::Json;

/// The options that shape the text.
pub(crate) struct Layout {
    pub(crate) row_tag: String,
    pub(crate) attribute_prefix: String,
    pub(crate) value_tag: String,
    pub(crate) null_value: Option<String>,
    pub(crate) array_element_name: String,
}

/// Text content escaped as Java's StAX writer escapes it: `&` and `<`.
fn escape_text(text: &str, out: &mut String) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            other => out.push(other),
        }
    }
}

/// An attribute value escaped as Java's StAX writer does: `&`, `<` and `"`.
fn escape_attribute(text: &str, out: &mut String) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

/// The text of an atomic value.
fn atomic_text(value: &Json) -> String {
    match value {
        Json::Bool(flag) => flag.to_string(),
        Json::Integer(text) | Json::String(text) | Json::Raw(text) => text.clone(),
        Json::Float(number) => number.to_string(),
        other => other.to_text(),
    }
}

/// Java's StAX writer's complaint about an element or attribute name, if any.
fn name_error(name: &str) -> Option<String> {
    let mut characters = name.chars();
    let Some(first) = characters.next() else {
        return Some("Illegal to pass empty name".to_string());
    };
    let starts = |character: char| character.is_ascii_alphabetic() || matches!(character, '_' | ':') || !character.is_ascii();
    if !starts(first) {
        return Some(format!("Illegal first name character '{first}' (code {})", u32::from(first)));
    }
    characters
        .find(|character| !(starts(*character) || character.is_ascii_digit() || matches!(character, '-' | '.')))
        .map(|character| format!("Illegal name character '{character}' (code {})", u32::from(character)))
}

/// A name checked as Java's StAX writer checks it, failing the query as Spark's does.
fn check_name(name: &str) -> Result<()> {
    match name_error(name) {
        Some(message) => Err(DataFusionError::External(Box::new(Error::Execution {
            condition: None,
            parameters: Vec::new(),
            message: format!("javax.xml.stream.XMLStreamException: {message}"),
        }))),
        None => Ok(()),
    }
}

/// The names a value of `spark_type` writes, checked.
fn check_names(layout: &Layout, spark_type: &SparkType) -> Result<()> {
    let check = check_name;
    match spark_type {
        SparkType::Struct(members) => {
            for (name, member_type) in members {
                if *name == layout.value_tag {
                    continue;
                }
                let attribute = name.strip_prefix(layout.attribute_prefix.as_str()).filter(|_| !layout.attribute_prefix.is_empty());
                check(attribute.unwrap_or(name))?;
                check_names(layout, member_type)?;
            }
            Ok(())
        }
        SparkType::Array(element) => {
            if matches!(**element, SparkType::Array(_)) {
                check(&layout.array_element_name)?;
            }
            check_names(layout, element)
        }
        SparkType::Map(_, value) => check_names(layout, value),
        _ => Ok(()),
    }
}

fn indent(depth: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

impl Layout {
    /// An element `name` holding `value` at `depth`.
    fn element(&self, name: &str, value: &Json, depth: usize, out: &mut String) {
        match value {
            Json::Null => {
                if let Some(null_value) = &self.null_value {
                    indent(depth, out);
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                    escape_text(null_value, out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            Json::Array(values) => {
                for element in values {
                    match element {
                        // An array inside an array: one element holding its items.
                        Json::Array(_) => {
                            let holder = Json::Object(vec![(String::new(), element.clone())]);
                            self.nested_array(name, &holder, depth, out);
                        }
                        other => self.element(name, other, depth, out),
                    }
                }
            }
            Json::Object(fields) => self.structure(name, fields, depth, out),
            atomic => {
                indent(depth, out);
                out.push('<');
                out.push_str(name);
                out.push('>');
                escape_text(&atomic_text(atomic), out);
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        }
    }

    fn nested_array(&self, name: &str, holder: &Json, depth: usize, out: &mut String) {
        let Json::Object(fields) = holder else { return };
        let Some((_, Json::Array(items))) = fields.first() else { return };
        let renamed = vec![(self.array_element_name.clone(), Json::Array(items.clone()))];
        self.structure(name, &renamed, depth, out);
    }

    /// A struct's element: attributes, then children, then its closing tag.
    pub(crate) fn structure(&self, name: &str, fields: &[(String, Json)], depth: usize, out: &mut String) {
        if depth > 0 {
            indent(depth, out);
        }
        out.push('<');
        out.push_str(name);
        let is_attribute = |field: &str| !self.attribute_prefix.is_empty() && field.starts_with(self.attribute_prefix.as_str()) && field != self.value_tag;
        for (field, value) in fields {
            if is_attribute(field) && !matches!(value, Json::Null) {
                out.push(' ');
                out.push_str(&field[self.attribute_prefix.len()..]);
                out.push_str("=\"");
                escape_attribute(&atomic_text(value), out);
                out.push('"');
            }
        }
        let mut content = String::new();
        let mut has_elements = false;
        for (field, value) in fields {
            if is_attribute(field) {
                continue;
            }
            if *field == self.value_tag {
                if !matches!(value, Json::Null) {
                    escape_text(&atomic_text(value), &mut content);
                }
                continue;
            }
            let before = content.len();
            self.element(field, value, depth + 1, &mut content);
            has_elements |= content.len() > before;
        }
        if content.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        out.push_str(&content);
        if has_elements {
            indent(depth, out);
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// Spark's `to_xml`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ToXml {
    signature: Signature,
}

impl ScalarUDFImpl for ToXml {
    fn name(&self) -> &str {
        "to_xml"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("to_xml", args.args.get(1))?;
        let spark_type = options.schema()?;
        let formats = options.datetime_formats(&args.config_options)?;
        let writer = Writer { formats: &formats, ignore_null_fields: false };
        let layout = Layout {
            row_tag: options.get("rowTag").unwrap_or("ROW").to_string(),
            attribute_prefix: options.get("attributePrefix").unwrap_or("_").to_string(),
            value_tag: options.get("valueTag").unwrap_or("_VALUE").to_string(),
            null_value: options.get("nullValue").map(str::to_string),
            array_element_name: options.get("arrayElementName").unwrap_or("item").to_string(),
        };
        // The XML file writer's rows sit inside the root element, `rowDepth` levels deep.
        let depth: usize = options.get("rowDepth").and_then(|depth| depth.parse().ok()).unwrap_or(0);
        let Some(input) = args.args.first() else {
            return exec_err!("to_xml takes a struct");
        };
        let scalar = matches!(input, ColumnarValue::Scalar(_));
        let array = input.to_array(args.number_rows)?;
        let mut builder = StringBuilder::with_capacity(array.len(), array.len() * 32);
        let mut names_checked = false;
        for row in 0..array.len() {
            if array.is_null(row) {
                builder.append_null();
                continue;
            }
            if !names_checked {
                // As Spark's writer, a bad name fails the query when a row is written.
                check_name(&layout.row_tag)?;
                check_names(&layout, &spark_type)?;
                names_checked = true;
            }
            let Json::Object(fields) = writer.value(&array, row, &spark_type)? else {
                return exec_err!("to_xml writes a struct");
            };
            let mut out = String::new();
            layout.structure(&layout.row_tag, &fields, depth, &mut out);
            builder.append_value(out.strip_prefix('\n').unwrap_or(&out));
        }
        let result = std::sync::Arc::new(builder.finish()) as arrow::array::ArrayRef;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

/// The `to_xml` function to register.
pub(crate) fn to_xml() -> ScalarUDF {
    ScalarUDF::new_from_impl(ToXml { signature: Signature::variadic_any(Volatility::Stable) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_as_spark() {
        let layout = Layout {
            row_tag: "ROW".into(),
            attribute_prefix: "_".into(),
            value_tag: "_VALUE".into(),
            null_value: None,
            array_element_name: "item".into(),
        };
        let fields = vec![
            ("_attr".to_string(), Json::String("at".into())),
            ("a".to_string(), Json::Integer("1".into())),
            ("b".to_string(), Json::Null),
            ("c".to_string(), Json::String("x<&>\"'y".into())),
            ("h".to_string(), Json::Array(vec![Json::Object(vec![("i".into(), Json::Integer("1".into()))])])),
            ("_VALUE".to_string(), Json::String("val".into())),
            ("p".to_string(), Json::Array(vec![Json::Array(vec![Json::Integer("3".into())])])),
            ("e".to_string(), Json::Object(vec![("_y".into(), Json::Integer("2".into()))])),
        ];
        let mut out = String::new();
        layout.structure("ROW", &fields, 0, &mut out);
        assert_eq!(
            out,
            "<ROW attr=\"at\">\n    <a>1</a>\n    <c>x&lt;&amp;>\"'y</c>\n    <h>\n        <i>1</i>\n    </h>val\n    <p>\n        <item>3</item>\n    </p>\n    <e y=\"2\"/>\n</ROW>"
        );
        assert_eq!(name_error("a b"), Some("Illegal name character ' ' (code 32)".to_string()));
        assert_eq!(name_error("1a"), Some("Illegal first name character '1' (code 49)".to_string()));
        assert_eq!(name_error(""), Some("Illegal to pass empty name".to_string()));
        assert_eq!(name_error("é-1.x"), None);
        let mut empty = String::new();
        layout.structure("ROW", &[("a".to_string(), Json::Null)], 0, &mut empty);
        assert_eq!(empty, "<ROW/>");
        // A row of the XML file writer, one level inside the root element.
        let mut nested = String::new();
        layout.structure("ROW", &[("a".to_string(), Json::String("x\ny".into()))], 1, &mut nested);
        assert_eq!(nested, "\n    <ROW>\n        <a>x\ny</a>\n    </ROW>");
    }
}
