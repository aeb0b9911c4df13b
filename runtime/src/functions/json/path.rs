// SPDX-License-Identifier: Apache-2.0
//! Spark's functions that look into JSON text without a schema:
//! `get_json_object(json, path)`, `json_array_length(json)` and
//! `json_object_keys(json)`; null for null or malformed text.
//!
//! `get_json_object` takes Hive's JSONPath subset: `$`, then `.name`,
//! `['name']`, `[n]` and `[*]`. What it finds is written as Spark writes it:
//! a string as its text (unquoted) when the path has no wildcard, anything
//! else as compact JSON; a wildcard's matches as a JSON array, or as the one
//! match alone when there is one, and `[*][*]` flattens.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int32Builder, ListBuilder, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::value::{Features, Json, parse_first_with};

/// The parser features of these functions (Spark's shared Jackson factory:
/// Jackson's defaults, with single quotes and control characters in strings
/// allowed, for Hive's sake).
const FEATURES: Features = Features {
    comments: false,
    unquoted_field_names: false,
    single_quotes: true,
    numeric_leading_zeros: false,
    non_numeric_numbers: false,
    backslash_escaping_any_character: false,
    unquoted_control_chars: true,
};

fn parse_first(text: &str) -> Option<Json> {
    parse_first_with(text, FEATURES)
}

/// A step of a JSON path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
    Wildcard,
}

/// The steps of a path; `None` when it is not one Spark reads.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty() || name == "*" {
                return None;
            }
            steps.push(Step::Key(name.to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("['") {
            let end = after.find("']")?;
            steps.push(Step::Key(after[..end].to_string()));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inside = after[..end].trim();
            if inside == "*" {
                steps.push(Step::Wildcard);
            } else if !inside.is_empty() && inside.bytes().all(|byte| byte.is_ascii_digit()) {
                steps.push(Step::Index(inside.parse().ok()?));
            } else {
                return None;
            }
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

/// How a match is written (Hive's styles).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    /// A string as its text.
    Raw,
    /// Everything as JSON.
    Quoted,
    /// Arrays' elements spliced into the enclosing array.
    Flatten,
}

/// Writes what `path` finds in `value` into `out` (the values of the
/// enclosing array, or of the result); whether it found anything.
fn evaluate(value: &Json, path: &[Step], style: Style, out: &mut Vec<String>) -> bool {
    match (value, path) {
        (Json::String(text), []) if style == Style::Raw => {
            out.push(text.clone());
            true
        }
        (Json::Array(values), []) if style == Style::Flatten => {
            let mut dirty = false;
            for element in values {
                dirty |= evaluate(element, &[], Style::Flatten, out);
            }
            dirty
        }
        (_, []) => {
            out.push(value.to_text());
            true
        }
        (Json::Object(entries), [Step::Key(key), rest @ ..]) => entries
            .iter()
            .filter(|(name, field)| name == key && !matches!(field, Json::Null))
            .any(|(_, field)| evaluate(field, rest, style, out)),
        (Json::Array(values), [Step::Wildcard, Step::Wildcard, rest @ ..]) => {
            let mut items = Vec::new();
            let mut dirty = false;
            for element in values {
                dirty |= evaluate(element, rest, Style::Flatten, &mut items);
            }
            out.push(format!("[{}]", items.join(",")));
            dirty
        }
        (Json::Array(values), [Step::Wildcard, rest @ ..]) if style != Style::Quoted => {
            let next = if style == Style::Raw { Style::Quoted } else { Style::Flatten };
            let mut items = Vec::new();
            let matched = values.iter().filter(|element| evaluate(element, rest, next, &mut items)).count();
            match matched {
                0 => false,
                1 => {
                    out.push(items.join(","));
                    true
                }
                _ => {
                    out.push(format!("[{}]", items.join(",")));
                    true
                }
            }
        }
        (Json::Array(values), [Step::Wildcard, rest @ ..]) => {
            let mut items = Vec::new();
            let mut dirty = false;
            for element in values {
                dirty |= evaluate(element, rest, Style::Quoted, &mut items);
            }
            out.push(format!("[{}]", items.join(",")));
            dirty
        }
        (Json::Array(values), [Step::Index(index), rest @ ..]) => {
            let next = if matches!(rest.first(), Some(Step::Wildcard)) { Style::Quoted } else { style };
            values.get(*index).is_some_and(|element| evaluate(element, rest, next, out))
        }
        _ => false,
    }
}

/// `get_json_object` of one text and path.
fn get_json_object_of(text: &str, path: &[Step]) -> Option<String> {
    let value = parse_first(text)?;
    let mut out = Vec::new();
    evaluate(&value, path, Style::Raw, &mut out).then(|| out.concat())
}

fn strings(value: &ColumnarValue, rows: usize) -> Result<ArrayRef> {
    Ok(cast(&value.to_array(rows)?, &DataType::Utf8)?)
}

fn result(array: ArrayRef, scalar: bool) -> Result<ColumnarValue> {
    if scalar {
        return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?));
    }
    Ok(ColumnarValue::Array(array))
}

/// Which of the three functions.
#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum Kind {
    GetJsonObject,
    ArrayLength,
    ObjectKeys,
    /// One output column of `json_tuple`: a top-level field's value.
    TupleField,
}

/// Spark's schema-less JSON functions.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct JsonLookup {
    kind: Kind,
    signature: Signature,
}

impl ScalarUDFImpl for JsonLookup {
    fn name(&self) -> &str {
        match self.kind {
            Kind::GetJsonObject => "get_json_object",
            Kind::ArrayLength => "json_array_length",
            Kind::ObjectKeys => "json_object_keys",
            Kind::TupleField => "json_tuple",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::GetJsonObject | Kind::TupleField => DataType::Utf8,
            Kind::ArrayLength => DataType::Int32,
            Kind::ObjectKeys => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let Some(input) = args.args.first() else {
            return exec_err!("{} takes JSON text", self.name());
        };
        let scalar = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let texts = strings(input, args.number_rows)?;
        let texts = texts.as_string::<i32>();
        let array: ArrayRef = match self.kind {
            Kind::GetJsonObject => {
                let Some(paths) = args.args.get(1) else {
                    return exec_err!("get_json_object takes a path");
                };
                let paths = strings(paths, args.number_rows)?;
                let paths = paths.as_string::<i32>();
                let mut parsed_path: Option<(String, Option<Vec<Step>>)> = None;
                let mut out = StringBuilder::with_capacity(texts.len(), texts.len() * 8);
                for row in 0..texts.len() {
                    if texts.is_null(row) || paths.is_null(row) {
                        out.append_null();
                        continue;
                    }
                    let path = paths.value(row);
                    if parsed_path.as_ref().is_none_or(|(text, _)| text != path) {
                        parsed_path = Some((path.to_string(), parse_path(path)));
                    }
                    let steps = parsed_path.as_ref().and_then(|(_, steps)| steps.as_deref());
                    out.append_option(steps.and_then(|steps| get_json_object_of(texts.value(row), steps)));
                }
                Arc::new(out.finish())
            }
            Kind::TupleField => {
                let Some(names) = args.args.get(1) else {
                    return exec_err!("json_tuple takes a field name");
                };
                let names = strings(names, args.number_rows)?;
                let names = names.as_string::<i32>();
                let mut out = StringBuilder::with_capacity(texts.len(), texts.len() * 8);
                for row in 0..texts.len() {
                    if texts.is_null(row) || names.is_null(row) {
                        out.append_null();
                        continue;
                    }
                    out.append_option(tuple_field(texts.value(row), names.value(row)));
                }
                Arc::new(out.finish())
            }
            Kind::ArrayLength => {
                let mut out = Int32Builder::with_capacity(texts.len());
                for row in 0..texts.len() {
                    let length = (!texts.is_null(row)).then(|| parse_first(texts.value(row))).flatten().and_then(|value| match value {
                        Json::Array(values) => i32::try_from(values.len()).ok(),
                        _ => None,
                    });
                    out.append_option(length);
                }
                Arc::new(out.finish())
            }
            Kind::ObjectKeys => {
                let mut out = ListBuilder::new(StringBuilder::new());
                for row in 0..texts.len() {
                    match (!texts.is_null(row)).then(|| parse_first(texts.value(row))).flatten() {
                        Some(Json::Object(entries)) => {
                            for (key, _) in entries {
                                out.values().append_value(key);
                            }
                            out.append(true);
                        }
                        _ => out.append(false),
                    }
                }
                Arc::new(out.finish())
            }
        };
        result(array, scalar)
    }
}

fn lookup(kind: Kind) -> ScalarUDF {
    ScalarUDF::new_from_impl(JsonLookup { kind, signature: Signature::variadic_any(Volatility::Immutable) })
}

/// The `get_json_object` function to register.
pub(crate) fn get_json_object() -> ScalarUDF {
    lookup(Kind::GetJsonObject)
}

/// The `json_array_length` function to register.
pub(crate) fn json_array_length() -> ScalarUDF {
    lookup(Kind::ArrayLength)
}

/// `json_tuple`'s value of one field: the last value of that name in a JSON
/// object, a string as its text and anything else as JSON; null for JSON's
/// null, a missing field, or text that is not an object.
fn tuple_field(text: &str, name: &str) -> Option<String> {
    match parse_first(text)? {
        Json::Object(entries) => match entries.iter().rev().find(|(key, _)| key == name).map(|(_, value)| value)? {
            Json::Null => None,
            Json::String(value) => Some(value.clone()),
            other => Some(other.to_text()),
        },
        _ => None,
    }
}

/// The function that gives each column of `json_tuple` (the analyzer expands
/// the generator into one call per field).
pub(crate) fn json_tuple() -> ScalarUDF {
    lookup(Kind::TupleField)
}

/// The `json_object_keys` function to register.
pub(crate) fn json_object_keys() -> ScalarUDF {
    lookup(Kind::ObjectKeys)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = r#"{"a": {"b": [1, 2, {"c": "x"}]}, "s": "str", "n": null, "arr": [[1,2],[3]], "o": {"x" : 1}}"#;

    fn get(path: &str) -> Option<String> {
        get_json_object_of(DOCUMENT, &parse_path(path)?)
    }

    #[test]
    fn follows_paths_as_spark() {
        assert_eq!(get("$.a").as_deref(), Some(r#"{"b":[1,2,{"c":"x"}]}"#));
        assert_eq!(get("$.a.b[0]").as_deref(), Some("1"));
        assert_eq!(get("$.a.b[2].c").as_deref(), Some("x"));
        assert_eq!(get("$['s']").as_deref(), Some("str"));
        assert_eq!(get("$.n"), None);
        assert_eq!(get("$.missing"), None);
        assert_eq!(get("$.a.b[-1]"), None);
        assert_eq!(get("a"), None);
        assert_eq!(get("$."), None);
    }

    #[test]
    fn reads_tuple_fields() {
        assert_eq!(tuple_field(r#"{"f1": "v", "f2": 2, "f3": {"x": [1]}, "f4": null, "f1": "w"}"#, "f1").as_deref(), Some("w"));
        assert_eq!(tuple_field(r#"{"f2": 2}"#, "f2").as_deref(), Some("2"));
        assert_eq!(tuple_field(r#"{"f3": {"x": [1]}}"#, "f3").as_deref(), Some(r#"{"x":[1]}"#));
        assert_eq!(tuple_field(r#"{"f4": null}"#, "f4"), None);
        assert_eq!(tuple_field("bad", "f1"), None);
    }

    #[test]
    fn writes_wildcards_as_spark() {
        assert_eq!(get("$.a.b[*]").as_deref(), Some(r#"[1,2,{"c":"x"}]"#));
        assert_eq!(get("$.a.b[*].c").as_deref(), Some(r#""x""#));
        assert_eq!(get("$.arr[*][0]").as_deref(), Some("[1,3]"));
        assert_eq!(get("$.arr[0][*]").as_deref(), Some("[1,2]"));
        assert_eq!(get("$.arr[*][*]").as_deref(), Some("[1,2,3]"));
        assert_eq!(get("$.arr[*]").as_deref(), Some("[[1,2],[3]]"));
    }
}
