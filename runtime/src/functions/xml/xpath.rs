// SPDX-License-Identifier: Apache-2.0
//! Spark's `xpath` functions: an XPath 1.0 expression (a literal, compiled
//! once per batch with sxd-xpath) evaluated over each row's XML text (read
//! by [`super::document`] into sxd-document's DOM, namespace unaware as
//! Spark's javax.xml parser), its result converted as javax.xml.xpath does:
//! `xpath` gives the node values of a node set (text, attribute, comment and
//! instruction nodes have one; elements give null), `xpath_string` the
//! string value, `xpath_boolean` the boolean, and the numeric ones XPath's
//! number narrowed as Java's `Double.intValue()`, `longValue()`... do. A null
//! or empty text or path gives null; text that is not XML, a path that is
//! not XPath, or `xpath` of a path that is not a node set fail the query
//! with Spark's messages.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanBuilder, Float32Builder, Float64Builder, Int16Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use sxd_document::Package;
use sxd_document::dom;
use sxd_xpath::nodeset::Node as XNode;
use sxd_xpath::{Context, Factory, Value, XPath, context, function};

use super::document::{Document, Element, Node, parse};
use crate::error::Error;

/// What an `xpath` function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Nodes,
    Boolean,
    Short,
    Int,
    Long,
    Float,
    Double,
    String,
}

/// One of Spark's `xpath` functions.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct XPathFunction {
    name: &'static str,
    kind: Kind,
    signature: Signature,
}

fn runtime_error(message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::Execution { condition: None, parameters: Vec::new(), message }))
}

/// XPath 1.0's `number()` of a string: optional blanks, an optional minus,
/// digits with an optional fraction; anything else (exponents, `+`, `NaN`) is NaN.
pub(crate) fn number_of_text(text: &str) -> f64 {
    let trimmed = text.trim_matches(|character| matches!(character, ' ' | '\t' | '\r' | '\n'));
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) || (digits.contains('.') && whole.is_empty() && fraction.is_empty()) {
        return f64::NAN;
    }
    trimmed.parse().unwrap_or(f64::NAN)
}

fn number_of(value: &Value<'_>) -> f64 {
    match value {
        Value::Number(number) => *number,
        Value::Boolean(flag) => f64::from(u8::from(*flag)),
        other => number_of_text(&other.string()),
    }
}

/// Java's narrowing of a double to a long (`(long) d`): NaN is 0, saturating.
#[expect(clippy::cast_possible_truncation, reason = "saturating as Java's (long) cast")]
fn java_long(number: f64) -> i64 {
    number as i64
}

/// Java's `(int) d`.
#[expect(clippy::cast_possible_truncation, reason = "saturating as Java's (int) cast")]
fn java_int(number: f64) -> i32 {
    number as i32
}

/// Java's `Double.shortValue()`: `(short) (int) d`.
#[expect(clippy::cast_possible_truncation, reason = "Java narrows an int to a short by its low bits")]
fn java_short(number: f64) -> i16 {
    java_int(number) as i16
}

/// Java's `Double.floatValue()`.
#[expect(clippy::cast_possible_truncation, reason = "rounding to the nearest float, as Java")]
fn java_float(number: f64) -> f32 {
    number as f32
}

/// A number as XPath's `string()` writes it: integers without a fraction.
fn number_text(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_string()
    } else if number.is_infinite() {
        if number > 0.0 { "Infinity".to_string() } else { "-Infinity".to_string() }
    } else if number == 0.0 {
        "0".to_string()
    } else {
        number.to_string()
    }
}

fn string_of(value: &Value<'_>) -> String {
    match value {
        Value::Number(number) => number_text(*number),
        other => other.string(),
    }
}

/// The value Java's DOM gives a node (`getNodeValue`): null for elements and the root.
fn node_value(node: XNode<'_>) -> Option<String> {
    match node {
        XNode::Root(_) | XNode::Element(_) => None,
        XNode::Attribute(attribute) => Some(attribute.value().to_string()),
        XNode::Text(text) => Some(text.text().to_string()),
        XNode::Comment(comment) => Some(comment.text().to_string()),
        XNode::Namespace(namespace) => Some(namespace.uri().to_string()),
        XNode::ProcessingInstruction(instruction) => Some(instruction.value().unwrap_or_default().to_string()),
    }
}

/// An element's name as Java's namespace-unaware DOM gives XPath its local
/// name: what follows the prefix (`x:a` is matched by `a`).
fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

fn append_children(document: dom::Document<'_>, parent: dom::Element<'_>, element: &Element) {
    for (name, value) in &element.attributes {
        parent.set_attribute_value(name.as_str(), value);
    }
    for child in &element.children {
        match child {
            Node::Element(inner) => {
                let created = document.create_element(local_name(&inner.name));
                parent.append_child(created);
                append_children(document, created, inner);
            }
            Node::Text(text) => parent.append_child(document.create_text(text)),
            Node::Comment(text) => parent.append_child(document.create_comment(text)),
            Node::Instruction { target, value } => {
                parent.append_child(document.create_processing_instruction(target, Some(value)));
            }
        }
    }
}

/// The tree as sxd-document's DOM.
fn to_package(tree: &Document) -> Package {
    let package = Package::new();
    let document = package.as_document();
    let root = document.root();
    let outside = |node: &Node| match node {
        Node::Comment(text) => root.append_child(document.create_comment(text)),
        Node::Instruction { target, value } => root.append_child(document.create_processing_instruction(target, Some(value))),
        Node::Element(_) | Node::Text(_) => {}
    };
    tree.before.iter().for_each(outside);
    let element = document.create_element(local_name(&tree.root.name));
    root.append_child(element);
    append_children(document, element, &tree.root);
    tree.after.iter().for_each(outside);
    package
}

/// XPath 1.0's `sum()`, its nodes' texts read as XPath 1.0 numbers (sxd-xpath's
/// reads them with Rust's float syntax, which takes exponents).
struct Sum;

impl function::Function for Sum {
    fn evaluate<'c, 'd>(&self, _context: &context::Evaluation<'c, 'd>, args: Vec<Value<'d>>) -> Result<Value<'d>, function::Error> {
        let mut args = function::Args(args);
        args.exactly(1)?;
        let nodes = args.pop_nodeset()?;
        Ok(Value::Number(nodes.iter().map(|node| number_of_text(&node.string_value())).sum()))
    }
}

/// XPath 1.0's `number()`, with XPath 1.0's reading of text.
struct Number;

impl function::Function for Number {
    fn evaluate<'c, 'd>(&self, context: &context::Evaluation<'c, 'd>, args: Vec<Value<'d>>) -> Result<Value<'d>, function::Error> {
        let mut args = function::Args(args);
        args.at_most(1)?;
        Ok(Value::Number(match args.0.pop() {
            Some(value) => number_of(&value),
            None => number_of_text(&context.node.string_value()),
        }))
    }
}

/// The namespace prefixes a path names (`x:a`, `x:*`; not axes, `child::a`).
/// Spark's parser is namespace unaware, so no element is in a namespace and a
/// prefixed name matches nothing; sxd-xpath needs every prefix bound, so each
/// is bound to a namespace no element has.
fn path_prefixes(path: &str) -> Vec<String> {
    let bytes = path.as_bytes();
    let is_name = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.') || byte >= 0x80;
    let mut prefixes = Vec::new();
    for (index, byte) in bytes.iter().enumerate() {
        let next = bytes.get(index + 1).copied();
        let previous = index.checked_sub(1).and_then(|before| bytes.get(before)).copied();
        if *byte != b':' || next == Some(b':') || previous == Some(b':') {
            continue;
        }
        let start = bytes[..index].iter().rposition(|byte| !is_name(*byte)).map_or(0, |position| position + 1);
        if start < index && next.is_some_and(|byte| is_name(byte) || byte == b'*') {
            prefixes.push(String::from_utf8_lossy(&bytes[start..index]).into_owned());
        }
    }
    prefixes
}

/// One row's result.
enum Answer {
    Null,
    Value(ScalarValue),
    Nodes(Vec<Option<String>>),
}

impl XPathFunction {
    fn evaluate(&self, xpath: &XPath, path: &str, text: &str) -> Result<Answer> {
        let Ok(tree) = parse(text) else {
            return Err(runtime_error(format!("Error loading expression '{path}'")));
        };
        let package = to_package(&tree);
        let document = package.as_document();
        let mut context = Context::new();
        context.set_function("sum", Sum);
        context.set_function("number", Number);
        for prefix in path_prefixes(path) {
            context.set_namespace(&prefix, "urn:pyrust:unbound-prefix");
        }
        let value = xpath
            .evaluate(&context, document.root())
            .map_err(|error| runtime_error(format!("Invalid XML document: {error}\n{text}")))?;
        let number = || number_of(&value);
        Ok(Answer::Value(match self.kind {
            Kind::Nodes => {
                let Value::Nodeset(nodes) = &value else {
                    let kind = match value {
                        Value::Boolean(_) => "#BOOLEAN",
                        Value::Number(_) => "#NUMBER",
                        _ => "#STRING",
                    };
                    return Err(runtime_error(format!(
                        "Invalid XML document: com.sun.org.apache.xpath.internal.XPathException: Can not convert {kind} to a NodeList!\n{text}"
                    )));
                };
                return Ok(Answer::Nodes(nodes.document_order().into_iter().map(node_value).collect()));
            }
            Kind::Boolean => ScalarValue::Boolean(Some(value.boolean())),
            Kind::Short => ScalarValue::Int16(Some(java_short(number()))),
            Kind::Int => ScalarValue::Int32(Some(java_int(number()))),
            Kind::Long => ScalarValue::Int64(Some(java_long(number()))),
            Kind::Float => ScalarValue::Float32(Some(java_float(number()))),
            Kind::Double => ScalarValue::Float64(Some(number())),
            Kind::String => ScalarValue::Utf8(Some(string_of(&value))),
        }))
    }

    fn output_type(&self) -> DataType {
        match self.kind {
            Kind::Nodes => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
            Kind::Boolean => DataType::Boolean,
            Kind::Short => DataType::Int16,
            Kind::Int => DataType::Int32,
            Kind::Long => DataType::Int64,
            Kind::Float => DataType::Float32,
            Kind::Double => DataType::Float64,
            Kind::String => DataType::Utf8,
        }
    }

    fn build(&self, answers: Vec<Answer>) -> Result<ArrayRef> {
        macro_rules! primitive {
            ($builder:ty, $variant:ident) => {{
                let mut builder = <$builder>::with_capacity(answers.len());
                for answer in answers {
                    match answer {
                        Answer::Value(ScalarValue::$variant(value)) => builder.append_option(value),
                        _ => builder.append_null(),
                    }
                }
                Arc::new(builder.finish()) as ArrayRef
            }};
        }
        Ok(match self.kind {
            Kind::Nodes => {
                let mut builder = ListBuilder::new(StringBuilder::new());
                for answer in answers {
                    match answer {
                        Answer::Nodes(values) => {
                            for value in values {
                                builder.values().append_option(value);
                            }
                            builder.append(true);
                        }
                        _ => builder.append(false),
                    }
                }
                Arc::new(builder.finish())
            }
            Kind::Boolean => primitive!(BooleanBuilder, Boolean),
            Kind::Short => primitive!(Int16Builder, Int16),
            Kind::Int => primitive!(Int32Builder, Int32),
            Kind::Long => primitive!(Int64Builder, Int64),
            Kind::Float => primitive!(Float32Builder, Float32),
            Kind::Double => primitive!(Float64Builder, Float64),
            Kind::String => {
                let mut builder = StringBuilder::new();
                for answer in answers {
                    match answer {
                        Answer::Value(ScalarValue::Utf8(value)) => builder.append_option(value),
                        _ => builder.append_null(),
                    }
                }
                Arc::new(builder.finish())
            }
        })
    }
}

/// The literal path of a call, `None` for a null or empty one.
fn literal_path(name: &str, argument: Option<&ColumnarValue>) -> Result<Option<String>> {
    match argument {
        Some(ColumnarValue::Scalar(scalar)) => match scalar {
            ScalarValue::Utf8(text) | ScalarValue::LargeUtf8(text) | ScalarValue::Utf8View(text) => {
                Ok(text.clone().filter(|text| !text.is_empty()))
            }
            ScalarValue::Null => Ok(None),
            other => exec_err!("{name} takes a string path, not {other}"),
        },
        _ => exec_err!("{name} takes its path as a literal"),
    }
}

impl ScalarUDFImpl for XPathFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.output_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let Some(input) = args.args.first() else {
            return exec_err!("{} takes the XML text", self.name);
        };
        let scalar = matches!(input, ColumnarValue::Scalar(_));
        let texts = cast(&input.to_array(args.number_rows)?, &DataType::Utf8)?;
        let texts = texts.as_string::<i32>();
        let path = literal_path(self.name, args.args.get(1))?;
        // The expression is compiled once per batch, when a row needs it.
        let mut compiled: Option<XPath> = None;
        let mut answers = Vec::with_capacity(texts.len());
        for row in 0..texts.len() {
            let Some(path) = path.as_deref() else {
                answers.push(Answer::Null);
                continue;
            };
            if texts.is_null(row) || texts.value(row).is_empty() {
                answers.push(Answer::Null);
                continue;
            }
            if compiled.is_none() {
                let invalid = |detail: String| runtime_error(format!("Invalid XPath '{path}'{detail}"));
                compiled = Some(match Factory::new().build(path) {
                    Ok(Some(xpath)) => xpath,
                    Ok(None) => return Err(invalid(String::new())),
                    Err(error) => return Err(invalid(error.to_string())),
                });
            }
            let Some(xpath) = compiled.as_ref() else {
                return exec_err!("{}: no compiled path", self.name);
            };
            answers.push(self.evaluate(xpath, path, texts.value(row))?);
        }
        let array = self.build(answers)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?));
        }
        Ok(ColumnarValue::Array(array))
    }
}

fn make(name: &'static str, kind: Kind) -> ScalarUDF {
    ScalarUDF::new_from_impl(XPathFunction { name, kind, signature: Signature::any(2, Volatility::Immutable) })
}

pub(crate) fn xpath() -> ScalarUDF {
    make("xpath", Kind::Nodes)
}
pub(crate) fn xpath_boolean() -> ScalarUDF {
    make("xpath_boolean", Kind::Boolean)
}
pub(crate) fn xpath_short() -> ScalarUDF {
    make("xpath_short", Kind::Short)
}
pub(crate) fn xpath_int() -> ScalarUDF {
    make("xpath_int", Kind::Int)
}
pub(crate) fn xpath_long() -> ScalarUDF {
    make("xpath_long", Kind::Long)
}
pub(crate) fn xpath_float() -> ScalarUDF {
    make("xpath_float", Kind::Float)
}
pub(crate) fn xpath_double() -> ScalarUDF {
    make("xpath_double", Kind::Double)
}
pub(crate) fn xpath_number() -> ScalarUDF {
    make("xpath_number", Kind::Double)
}
pub(crate) fn xpath_string() -> ScalarUDF {
    make("xpath_string", Kind::String)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: Kind, path: &str, text: &str) -> Result<Answer> {
        let function = XPathFunction { name: "xpath", kind, signature: Signature::any(2, Volatility::Immutable) };
        let Ok(Some(xpath)) = Factory::new().build(path) else {
            return exec_err!("bad path {path}");
        };
        function.evaluate(&xpath, path, text)
    }

    #[test]
    fn converts_results_as_java() -> Result<()> {
        let xml = "<a><b>1</b><b>2</b><c x=\"7\">c1</c></a>";
        assert!(matches!(run(Kind::Double, "sum(a/b)", xml)?, Answer::Value(ScalarValue::Float64(Some(3.0)))));
        let Answer::Value(ScalarValue::Float64(Some(sum))) = run(Kind::Double, "sum(a/b)", "<a><b>1e3</b><b>1</b></a>")? else {
            return exec_err!("no sum");
        };
        assert!(sum.is_nan());
        assert!(matches!(run(Kind::Double, "number(a/b)", "<a><b> 2 </b></a>")?, Answer::Value(ScalarValue::Float64(Some(2.0)))));
        assert!(matches!(run(Kind::Short, "70000", xml)?, Answer::Value(ScalarValue::Int16(Some(4464)))));
        assert!(matches!(run(Kind::Int, "1 div 0", xml)?, Answer::Value(ScalarValue::Int32(Some(i32::MAX)))));
        assert!(matches!(run(Kind::Long, "a/c", xml)?, Answer::Value(ScalarValue::Int64(Some(0)))));
        assert!(matches!(run(Kind::String, "a/b", xml)?, Answer::Value(ScalarValue::Utf8(Some(ref text))) if text == "1"));
        assert!(matches!(run(Kind::String, "count(a/b)", xml)?, Answer::Value(ScalarValue::Utf8(Some(ref text))) if text == "2"));
        let Answer::Nodes(nodes) = run(Kind::Nodes, "a/b/text()|a/c|a/c/@x", xml)? else {
            return exec_err!("not nodes");
        };
        assert_eq!(nodes, vec![Some("1".to_string()), Some("2".to_string()), None, Some("7".to_string())]);
        assert!(run(Kind::Nodes, "count(a)", xml).is_err());
        // A prefixed name matches nothing (no element is in a namespace).
        assert!(matches!(run(Kind::String, "x:a", "<x:a xmlns:x=\"u\">1</x:a>")?, Answer::Value(ScalarValue::Utf8(Some(ref text))) if text.is_empty()));
        assert!(matches!(run(Kind::String, "a", "<x:a xmlns:x=\"u\">1</x:a>")?, Answer::Value(ScalarValue::Utf8(Some(ref text))) if text == "1"));
        assert_eq!(path_prefixes("x:a/child::b[@y:z = 'q:r']/n:*"), vec!["x", "y", "q", "n"]);
        assert!(run(Kind::String, "a", "<a>").is_err());
        Ok(())
    }

    #[test]
    fn reads_numbers_as_xpath() {
        assert_eq!(number_of_text(" -2.5 "), -2.5);
        assert_eq!(number_of_text(".5"), 0.5);
        assert_eq!(number_of_text("5."), 5.0);
        for text in ["1e3", "+1", "NaN", "inf", "", ".", "-", "1 2"] {
            assert!(number_of_text(text).is_nan(), "{text}");
        }
    }
}
