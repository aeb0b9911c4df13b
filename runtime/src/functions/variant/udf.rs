// SPDX-License-Identifier: Apache-2.0
//! The scalar variant functions: one `ScalarUDFImpl` for all, computed row
//! by row on [`Node`] trees (a variant column is Spark's Arrow form, a
//! struct of `value` and `metadata` binaries).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BinaryBuilder, BooleanArray, Int32Array, ListArray, StringArray, StructArray};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Fields};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::cast::cast as cast_node;
use super::node::Node;
use super::path::{self, Edit, EditError, Step};
use super::schema::Schema;
use crate::error::Error;
use crate::functions::json::value::{Features, parse_first_keeping_numbers};

/// Spark's Arrow form of a variant: `value` and `metadata` binaries, the
/// latter marked `variant: true` (as PySpark's `toArrow` writes it).
pub(crate) fn variant_fields() -> Fields {
    let marker = HashMap::from([("variant".to_string(), "true".to_string())]);
    Fields::from(vec![
        Field::new("value", DataType::Binary, false),
        Field::new("metadata", DataType::Binary, false).with_metadata(marker),
    ])
}

/// The variants of a variant column (a null row is `None`).
pub(crate) fn variant_rows(array: &ArrayRef) -> Result<Vec<Option<Node>>> {
    let Some(structs) = array.as_struct_opt() else {
        if array.data_type() == &DataType::Null {
            return Ok(vec![None; array.len()]);
        }
        return exec_err!("a variant column is a struct of two binaries, not {}", array.data_type());
    };
    if structs.num_columns() != 2 {
        return exec_err!("a variant column is a struct of two binaries, not {}", array.data_type());
    }
    let values = cast(structs.column(0), &DataType::Binary)?;
    let metadata = cast(structs.column(1), &DataType::Binary)?;
    let (values, metadata) = (values.as_binary::<i32>(), metadata.as_binary::<i32>());
    (0..structs.len())
        .map(|row| {
            if structs.is_null(row) {
                return Ok(None);
            }
            Node::decode(metadata.value(row), values.value(row)).map(Some).map_err(|error| malformed_variant(&error.to_string()))
        })
        .collect()
}

/// A variant column of `fields` (Spark's, or those of the plan's type) holding `rows`.
fn variant_array(rows: &[Option<Node>], fields: &Fields) -> Result<ArrayRef> {
    let mut values = BinaryBuilder::new();
    let mut metadata = BinaryBuilder::new();
    let mut valid = Vec::with_capacity(rows.len());
    for row in rows {
        match row {
            Some(node) => {
                let (value, dictionary) = node.encode()?;
                values.append_value(value);
                metadata.append_value(dictionary);
                valid.push(true);
            }
            None => {
                // The children are non-nullable: a null row holds Spark's encoding of null.
                values.append_value([0_u8]);
                metadata.append_value([1_u8, 0, 0]);
                valid.push(false);
            }
        }
    }
    let columns: Vec<ArrayRef> = vec![Arc::new(values.finish()), Arc::new(metadata.finish())];
    Ok(Arc::new(StructArray::try_new(fields.clone(), columns, Some(NullBuffer::from(valid)))?))
}

fn malformed_variant(detail: &str) -> DataFusionError {
    spark_error("MALFORMED_VARIANT", vec![], format!("[MALFORMED_VARIANT] Variant binary is malformed. Please check the data source is valid. ({detail})"))
}

fn spark_error(condition: &'static str, parameters: Vec<(&'static str, String)>, message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(condition, parameters, message)))
}

fn duplicate_key(key: &str) -> DataFusionError {
    spark_error(
        "VARIANT_DUPLICATE_KEY",
        vec![("key", key.to_string())],
        format!("[VARIANT_DUPLICATE_KEY] Failed to build variant because of a duplicate object key `{key}`."),
    )
}

/// Which function a [`VariantFunction`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    ParseJson { try_mode: bool },
    ToJson,
    IsVariantNull,
    IsValidVariant,
    SchemaOfVariant,
    Get { try_mode: bool },
    Edit { edit: EditKind, try_mode: bool },
    Delete,
    StripNulls,
    ToVariant,
    /// `variant_explode`'s rows as a list per input: the elements of an array
    /// or the fields of an object (Spark's `VariantExplode`).
    Entries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum EditKind {
    Set,
    Insert,
    Append,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct VariantFunction {
    name: &'static str,
    kind: Kind,
    signature: Signature,
}

fn function(name: &'static str, kind: Kind) -> ScalarUDF {
    ScalarUDF::new_from_impl(VariantFunction { name, kind, signature: Signature::variadic_any(Volatility::Immutable) })
}

pub(crate) fn parse_json() -> ScalarUDF {
    function("parse_json", Kind::ParseJson { try_mode: false })
}
pub(crate) fn try_parse_json() -> ScalarUDF {
    function("try_parse_json", Kind::ParseJson { try_mode: true })
}
pub(crate) fn variant_to_json() -> ScalarUDF {
    function("variant_to_json", Kind::ToJson)
}
pub(crate) fn is_variant_null() -> ScalarUDF {
    function("is_variant_null", Kind::IsVariantNull)
}
pub(crate) fn is_valid_variant() -> ScalarUDF {
    function("is_valid_variant", Kind::IsValidVariant)
}
pub(crate) fn schema_of_variant() -> ScalarUDF {
    function("schema_of_variant", Kind::SchemaOfVariant)
}
pub(crate) fn variant_get() -> ScalarUDF {
    function("variant_get", Kind::Get { try_mode: false })
}
pub(crate) fn try_variant_get() -> ScalarUDF {
    function("try_variant_get", Kind::Get { try_mode: true })
}
pub(crate) fn variant_set() -> ScalarUDF {
    function("variant_set", Kind::Edit { edit: EditKind::Set, try_mode: false })
}
pub(crate) fn try_variant_set() -> ScalarUDF {
    function("try_variant_set", Kind::Edit { edit: EditKind::Set, try_mode: true })
}
pub(crate) fn variant_insert() -> ScalarUDF {
    function("variant_insert", Kind::Edit { edit: EditKind::Insert, try_mode: false })
}
pub(crate) fn try_variant_insert() -> ScalarUDF {
    function("try_variant_insert", Kind::Edit { edit: EditKind::Insert, try_mode: true })
}
pub(crate) fn variant_array_append() -> ScalarUDF {
    function("variant_array_append", Kind::Edit { edit: EditKind::Append, try_mode: false })
}
pub(crate) fn try_variant_array_append() -> ScalarUDF {
    function("try_variant_array_append", Kind::Edit { edit: EditKind::Append, try_mode: true })
}
pub(crate) fn variant_delete() -> ScalarUDF {
    function("variant_delete", Kind::Delete)
}
pub(crate) fn variant_strip_nulls() -> ScalarUDF {
    function("variant_strip_nulls", Kind::StripNulls)
}
pub(crate) fn to_variant_object() -> ScalarUDF {
    function("to_variant_object", Kind::ToVariant)
}
pub(crate) fn variant_explode_entries() -> ScalarUDF {
    function("variant_explode_entries", Kind::Entries)
}
pub(crate) fn cast_to_variant() -> ScalarUDF {
    function("cast_to_variant", Kind::ToVariant)
}

impl ScalarUDFImpl for VariantFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::ToJson | Kind::SchemaOfVariant => DataType::Utf8,
            Kind::IsVariantNull | Kind::IsValidVariant => DataType::Boolean,
            Kind::Entries => entries_type(),
            Kind::Get { .. } => match argument_types.get(2) {
                Some(target) => target.clone(),
                None => return exec_err!("{} takes a null of its target type", self.name),
            },
            _ => DataType::Struct(variant_fields()),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let scalar = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let output = args.return_field.data_type().clone();
        let result = self.compute(&arrays, args.number_rows.max(usize::from(scalar)), &output)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

/// The struct of one `variant_explode` row: `pos`, `key` (null for array
/// elements) and `value`, nullable as Spark's.
fn entry_fields() -> Fields {
    Fields::from(vec![
        Field::new("pos", DataType::Int32, false),
        Field::new("key", DataType::Utf8, true),
        Field::new("value", DataType::Struct(variant_fields()), false),
    ])
}

fn entries_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Struct(entry_fields()), false)))
}

/// Per input row the list of its entries: an array's elements (key null) or
/// an object's fields in the order the encoding stores them (by key); no
/// entries for any other value, variant null included; a null list for SQL NULL.
/// Each value is encoded on its own (Spark's share their parent's dictionary:
/// the same variants, other bytes).
fn explode_entries(array: &ArrayRef) -> Result<ArrayRef> {
    let rows = variant_rows(array)?;
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0_i32);
    let (mut positions, mut keys, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for row in &rows {
        let count = match row {
            Some(Node::Array(elements)) => {
                for element in elements {
                    keys.push(None);
                    values.push(Some(element.clone()));
                }
                elements.len()
            }
            Some(Node::Object(fields)) => {
                for (key, value) in fields {
                    keys.push(Some(key.clone()));
                    values.push(Some(value.clone()));
                }
                fields.len()
            }
            _ => 0,
        };
        let count = i32::try_from(count).map_err(|_| DataFusionError::Execution("a variant with more than 2^31 entries".to_string()))?;
        positions.extend(0..count);
        let last = offsets.last().copied().unwrap_or(0);
        offsets.push(last + count);
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from(positions)),
        Arc::new(keys.into_iter().collect::<StringArray>()),
        variant_array(&values, &variant_fields())?,
    ];
    let entries = StructArray::try_new(entry_fields(), columns, None)?;
    let valid = NullBuffer::from(rows.iter().map(Option::is_some).collect::<Vec<_>>());
    let field = Arc::new(Field::new_list_field(DataType::Struct(entry_fields()), false));
    Ok(Arc::new(ListArray::try_new(field, OffsetBuffer::new(offsets.into()), Arc::new(entries), Some(valid))?))
}

/// Argument `index` as strings.
fn strings(arrays: &[ArrayRef], index: usize) -> Result<StringArray> {
    match arrays.get(index) {
        Some(array) => Ok(cast(array, &DataType::Utf8)?.as_string::<i32>().clone()),
        None => exec_err!("missing argument {}", index + 1),
    }
}

fn argument(arrays: &[ArrayRef], index: usize) -> Result<&ArrayRef> {
    match arrays.get(index) {
        Some(array) => Ok(array),
        None => exec_err!("missing argument {}", index + 1),
    }
}

fn text(array: &StringArray, row: usize) -> Option<&str> {
    array.is_valid(row).then(|| array.value(row))
}

fn output_fields(output: &DataType) -> Fields {
    match output {
        DataType::Struct(fields) if fields.len() == 2 => fields.clone(),
        _ => variant_fields(),
    }
}

impl VariantFunction {
    fn compute(&self, arrays: &[ArrayRef], rows: usize, output: &DataType) -> Result<ArrayRef> {
        match self.kind {
            Kind::ParseJson { try_mode } => {
                let texts = strings(arrays, 0)?;
                let features = Features { single_quotes: false, non_numeric_numbers: false, ..Features::default() };
                let mut nodes = Vec::with_capacity(rows);
                for row in 0..rows {
                    let Some(json_text) = text(&texts, row) else {
                        nodes.push(None);
                        continue;
                    };
                    let parsed = parse_first_keeping_numbers(json_text, features);
                    match (parsed.as_ref().map(Node::from_json), try_mode) {
                        (Some(Ok(node)), _) => nodes.push(Some(node)),
                        (_, true) => nodes.push(None),
                        (Some(Err(key)), false) => return Err(duplicate_key(&key)),
                        (None, false) => return Err(crate::functions::json::malformed(json_text)),
                    }
                }
                variant_array(&nodes, &output_fields(output))
            }
            Kind::ToJson => {
                let nodes = variant_rows(argument(arrays, 0)?)?;
                Ok(Arc::new(nodes.iter().map(|node| node.as_ref().map(Node::to_json)).collect::<StringArray>()))
            }
            Kind::SchemaOfVariant => {
                let nodes = variant_rows(argument(arrays, 0)?)?;
                Ok(Arc::new(nodes.iter().map(|node| node.as_ref().map(|node| Schema::of(node).text())).collect::<StringArray>()))
            }
            Kind::IsVariantNull => {
                let nodes = variant_rows(argument(arrays, 0)?)?;
                Ok(Arc::new(nodes.iter().map(|node| Some(node.as_ref() == Some(&Node::Null))).collect::<BooleanArray>()))
            }
            Kind::IsValidVariant => {
                let array = argument(arrays, 0)?;
                let Some(structs) = array.as_struct_opt() else {
                    return Ok(Arc::new(BooleanArray::new_null(rows)));
                };
                let values = cast(structs.column(0), &DataType::Binary)?;
                let metadata = cast(structs.column(1), &DataType::Binary)?;
                let (values, metadata) = (values.as_binary::<i32>(), metadata.as_binary::<i32>());
                Ok(Arc::new(
                    (0..rows)
                        .map(|row| (!structs.is_null(row)).then(|| Node::decode(metadata.value(row), values.value(row)).is_ok()))
                        .collect::<BooleanArray>(),
                ))
            }
            Kind::Get { try_mode } => self.get(arrays, rows, output, try_mode),
            Kind::Entries => explode_entries(argument(arrays, 0)?),
            Kind::Edit { edit, try_mode } => self.edit(arrays, rows, output, edit, try_mode),
            Kind::Delete => {
                let mut nodes = variant_rows(argument(arrays, 0)?)?;
                for index in 1..arrays.len() {
                    let paths = strings(arrays, index)?;
                    for (row, node) in nodes.iter_mut().enumerate() {
                        let (Some(node), Some(path_text)) = (node.as_mut(), text(&paths, row)) else {
                            continue;
                        };
                        let steps = self.steps(path_text)?;
                        if steps.is_empty() {
                            return Err(self.invalid_target(path_text));
                        }
                        path::delete(node, &steps);
                    }
                }
                variant_array(&nodes, &output_fields(output))
            }
            Kind::StripNulls => {
                let mut nodes = variant_rows(argument(arrays, 0)?)?;
                let flags = match arrays.get(1) {
                    Some(array) => Some(cast(array, &DataType::Boolean)?.as_boolean().clone()),
                    None => None,
                };
                for (row, slot) in nodes.iter_mut().enumerate() {
                    match (slot.as_mut(), &flags) {
                        (Some(_), Some(flags)) if flags.is_null(row) => *slot = None,
                        (Some(node), flags) => path::strip_nulls(node, flags.as_ref().is_none_or(|flags| flags.value(row))),
                        (None, _) => {}
                    }
                }
                variant_array(&nodes, &output_fields(output))
            }
            Kind::ToVariant => {
                let array = argument(arrays, 0)?;
                // The value's Spark type (JSON), for struct field names, which Substrait's struct types lack.
                let spark_type = match arrays.get(1) {
                    Some(_) => {
                        let types = strings(arrays, 1)?;
                        let text = if types.is_empty() || types.is_null(0) { "null" } else { types.value(0) };
                        serde_json::from_str::<serde_json::Value>(text).map_err(|error| DataFusionError::External(Box::new(error)))?
                    }
                    None => serde_json::Value::Null,
                };
                let nodes = (0..rows)
                    .map(|row| {
                        let value = ScalarValue::try_from_array(array, row)?;
                        if value.is_null() { Ok(None) } else { node_of_scalar(&value, &spark_type).map(Some) }
                    })
                    .collect::<Result<Vec<_>>>()?;
                variant_array(&nodes, &output_fields(output))
            }
        }
    }

    fn steps(&self, path_text: &str) -> Result<Vec<Step>> {
        match path::parse(path_text) {
            Some(steps) => Ok(steps),
            // The edits name a bad path as they name the root (`INVALID_VARIANT_PATH`).
            None if !matches!(self.kind, Kind::Get { .. }) => Err(self.invalid_target(path_text)),
            None => Err(spark_error(
                "INVALID_VARIANT_GET_PATH",
                vec![("path", path_text.to_string()), ("functionName", format!("`{}`", self.name))],
                format!(
                    "[INVALID_VARIANT_GET_PATH] The path `{path_text}` is not a valid variant extraction path in ``{}``.",
                    self.name
                ),
            )),
        }
    }

    fn invalid_target(&self, path_text: &str) -> DataFusionError {
        spark_error(
            "INVALID_VARIANT_PATH",
            vec![("path", path_text.to_string()), ("functionName", format!("`{}`", self.name))],
            format!("[INVALID_VARIANT_PATH] The path '{path_text}' is not a valid `{}` target.", self.name),
        )
    }

    /// `variant_get(v, path, null of the target type, the target's Spark name)`.
    fn get(&self, arrays: &[ArrayRef], rows: usize, output: &DataType, try_mode: bool) -> Result<ArrayRef> {
        let nodes = variant_rows(argument(arrays, 0)?)?;
        let paths = strings(arrays, 1)?;
        let type_names = strings(arrays, 3)?;
        let found: Vec<Option<Node>> = (0..rows)
            .map(|row| {
                let (Some(node), Some(path_text)) = (nodes.get(row).and_then(Option::as_ref), text(&paths, row)) else {
                    return Ok(None);
                };
                let steps = self.steps(path_text)?;
                Ok(path::find(node, &steps).cloned())
            })
            .collect::<Result<_>>()?;
        if let DataType::Struct(fields) = output {
            return variant_array(&found, fields);
        }
        let values = found
            .iter()
            .enumerate()
            .map(|(row, node)| {
                let Some(node) = node else {
                    return ScalarValue::try_from(output);
                };
                match (cast_node(node, output), try_mode) {
                    (Ok(value), _) => Ok(value),
                    (Err(_), true) => ScalarValue::try_from(output),
                    (Err(_), false) => {
                        let type_name = text(&type_names, row).unwrap_or_default();
                        let value = node.to_json();
                        Err(spark_error(
                            "INVALID_VARIANT_CAST",
                            vec![("value", value.clone()), ("dataType", format!("\"{type_name}\""))],
                            format!(
                                "[INVALID_VARIANT_CAST] The variant value `{value}` cannot be cast into `\"{type_name}\"`. Please use `try_variant_get` instead."
                            ),
                        ))
                    }
                }
            })
            .collect::<Result<Vec<_>>>()?;
        if values.is_empty() {
            return Ok(arrow::array::new_empty_array(output));
        }
        ScalarValue::iter_to_array(values)
    }

    /// `variant_set(v, path, value, create)`, `variant_insert(v, path, value)`, `variant_array_append(v, path, value)`.
    fn edit(&self, arrays: &[ArrayRef], rows: usize, output: &DataType, edit: EditKind, try_mode: bool) -> Result<ArrayRef> {
        let mut nodes = variant_rows(argument(arrays, 0)?)?;
        let paths = strings(arrays, 1)?;
        let values = variant_rows(argument(arrays, 2)?)?;
        let creates = match arrays.get(3) {
            Some(array) => Some(cast(array, &DataType::Boolean)?.as_boolean().clone()),
            None => None,
        };
        for (row, slot) in nodes.iter_mut().enumerate().take(rows) {
            let value = values.get(row).cloned().flatten();
            let create = creates.as_ref().map(|flags| flags.is_valid(row).then(|| flags.value(row)));
            let (Some(node), Some(path_text), Some(value), Some(create)) =
                (slot.as_mut(), text(&paths, row), value, create.unwrap_or(Some(true)))
            else {
                *slot = None;
                continue;
            };
            let steps = self.steps(path_text)?;
            let operation = match edit {
                EditKind::Set => Edit::Set { create },
                EditKind::Insert => Edit::Insert,
                EditKind::Append => Edit::Append,
            };
            if steps.is_empty() && operation != Edit::Append {
                return Err(self.invalid_target(path_text));
            }
            match (path::edit(node, &steps, &value, operation), try_mode) {
                (Ok(()), _) => {}
                (Err(_), true) => *slot = None,
                (Err(EditError::DuplicateKey(key)), false) => return Err(duplicate_key(&key)),
                (Err(EditError::TypeMismatch { steps: depth }), false) => {
                    let failed_at = path::prefix_text(&steps[..depth]);
                    return Err(spark_error(
                        "VARIANT_PATH_TYPE_MISMATCH",
                        vec![
                            ("path", path_text.to_string()),
                            ("failedAt", failed_at.clone()),
                            ("functionName", format!("`{}`", self.name)),
                        ],
                        format!(
                            "[VARIANT_PATH_TYPE_MISMATCH] The path '{path_text}' is incompatible with the variant value at '{failed_at}' in `{}`.",
                            self.name
                        ),
                    ));
                }
            }
        }
        variant_array(&nodes, &output_fields(output))
    }
}

/// A Spark value as a variant, as Spark's cast to variant (and `to_variant_object`) makes it;
/// `spark_type` is the value's Spark type as JSON (`Null` when unknown), whose struct field
/// names the objects take.
fn node_of_scalar(value: &ScalarValue, spark_type: &serde_json::Value) -> Result<Node> {
    if value.is_null() {
        return Ok(Node::Null);
    }
    Ok(match value {
        ScalarValue::Boolean(Some(value)) => Node::Bool(*value),
        ScalarValue::Int8(Some(value)) => Node::Int(i64::from(*value)),
        ScalarValue::Int16(Some(value)) => Node::Int(i64::from(*value)),
        ScalarValue::Int32(Some(value)) => Node::Int(i64::from(*value)),
        ScalarValue::Int64(Some(value)) => Node::Int(*value),
        ScalarValue::Float32(Some(value)) => Node::Float(*value),
        ScalarValue::Float64(Some(value)) => Node::Double(*value),
        ScalarValue::Decimal128(Some(unscaled), _, scale) => {
            Node::Decimal { unscaled: *unscaled, scale: u8::try_from(*scale).map_err(|error| DataFusionError::External(Box::new(error)))? }
        }
        ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text)) => Node::String(text.clone()),
        ScalarValue::Binary(Some(bytes)) | ScalarValue::LargeBinary(Some(bytes)) | ScalarValue::BinaryView(Some(bytes)) => Node::Binary(bytes.clone()),
        ScalarValue::Date32(Some(days)) => Node::Date(*days),
        ScalarValue::TimestampMicrosecond(Some(micros), zone) => {
            if zone.is_some() { Node::Timestamp(*micros) } else { Node::TimestampNtz(*micros) }
        }
        ScalarValue::List(list) => elements(list.value(0), &spark_type["elementType"])?,
        ScalarValue::LargeList(list) => elements(list.value(0), &spark_type["elementType"])?,
        ScalarValue::Struct(structs) => {
            if spark_type.as_str() == Some("variant") || spark_type.is_null() && is_variant_struct(structs) {
                return Ok(variant_rows(&(Arc::clone(structs) as ArrayRef))?.pop().flatten().unwrap_or(Node::Null));
            }
            let mut fields = Vec::with_capacity(structs.num_columns());
            for (index, (field, column)) in structs.fields().iter().zip(structs.columns()).enumerate() {
                let declared = &spark_type["fields"][index];
                let name = declared["name"].as_str().map_or_else(|| field.name().clone(), str::to_string);
                fields.push((name, node_of_scalar(&ScalarValue::try_from_array(column, 0)?, &declared["type"])?));
            }
            object(fields)?
        }
        ScalarValue::Map(map) => {
            let entries = map.value(0);
            let (keys, items) = (entries.column(0), entries.column(1));
            let mut fields = Vec::with_capacity(keys.len());
            for row in 0..keys.len() {
                let key = match node_of_scalar(&ScalarValue::try_from_array(keys, row)?, &spark_type["keyType"])? {
                    Node::String(text) => text,
                    other => other.to_json(),
                };
                fields.push((key, node_of_scalar(&ScalarValue::try_from_array(items, row)?, &spark_type["valueType"])?));
            }
            object(fields)?
        }
        other => return exec_err!("cannot cast {} to variant", other.data_type()),
    })
}

/// A struct column that holds variants (what the analyzer typed VARIANT).
fn is_variant_struct(structs: &StructArray) -> bool {
    let fields = structs.fields();
    fields.len() == 2
        && fields.iter().all(|field| matches!(field.data_type(), DataType::Binary | DataType::LargeBinary | DataType::BinaryView))
        && fields.get(1).is_some_and(|field| field.metadata().get("variant").is_some_and(|marker| marker == "true"))
}

fn elements(values: ArrayRef, element_type: &serde_json::Value) -> Result<Node> {
    let nodes = (0..values.len())
        .map(|row| node_of_scalar(&ScalarValue::try_from_array(&values, row)?, element_type))
        .collect::<Result<Vec<_>>>()?;
    Ok(Node::Array(nodes))
}

/// An object of `fields` (in their order: the encoding sorts them); a key
/// twice is Spark's `VARIANT_DUPLICATE_KEY`.
fn object(fields: Vec<(String, Node)>) -> Result<Node> {
    let mut keys: Vec<&String> = fields.iter().map(|(name, _)| name).collect();
    keys.sort();
    if let Some(pair) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(duplicate_key(pair[0]));
    }
    Ok(Node::Object(fields))
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::datatypes::DataType;

    fn variants(texts: &[Option<&str>]) -> Result<ArrayRef> {
        let input: ArrayRef = Arc::new(texts.iter().copied().collect::<StringArray>());
        VariantFunction { name: "parse_json", kind: Kind::ParseJson { try_mode: false }, signature: Signature::variadic_any(Volatility::Immutable) }
            .compute(&[input], texts.len(), &DataType::Struct(variant_fields()))
    }

    #[test]
    fn parses_and_renders() -> Result<()> {
        let parsed = variants(&[Some(r#"{"b": [1, 2.50], "a": null}"#), None])?;
        let rows = variant_rows(&parsed)?;
        assert_eq!(rows[0].as_ref().map(Node::to_json), Some(r#"{"a":null,"b":[1,2.5]}"#.to_string()));
        assert_eq!(rows[1], None);
        Ok(())
    }

    #[test]
    fn explodes_arrays_and_objects_only() -> Result<()> {
        let parsed = variants(&[Some(r#"["x", 2]"#), Some(r#"{"b": 1, "a": null}"#), Some("3"), Some("[]"), None])?;
        let lists = explode_entries(&parsed)?;
        let lists = lists.as_list::<i32>();
        assert_eq!(lists.value_offsets(), &[0, 2, 4, 4, 4, 4]);
        assert!(lists.is_null(4) && lists.is_valid(2));
        let entries = lists.values().as_struct();
        assert_eq!(entries.column(0).as_primitive::<arrow::datatypes::Int32Type>().values(), &[0, 1, 0, 1]);
        let keys = entries.column(1).as_string::<i32>();
        assert_eq!((0..4).map(|i| keys.is_valid(i).then(|| keys.value(i))).collect::<Vec<_>>(), vec![None, None, Some("a"), Some("b")]);
        let values = variant_rows(entries.column(2))?;
        let texts: Vec<_> = values.iter().map(|node| node.as_ref().map(Node::to_json)).collect();
        assert_eq!(texts, vec![Some(r#""x""#.to_string()), Some("2".to_string()), Some("null".to_string()), Some("1".to_string())]);
        Ok(())
    }

    #[test]
    fn reports_malformed_json() {
        assert!(variants(&[Some("{a:1}")]).is_err());
        assert!(variants(&[Some("'a'")]).is_err());
    }
}
