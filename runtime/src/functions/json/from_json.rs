// SPDX-License-Identifier: Apache-2.0
//! Spark's `from_json(json, schema, options)`: JSON text read as a value of
//! a struct, array or map type.
//!
//! The target type is known when the query is analyzed, and the plan carries
//! it twice: as the Substrait type of the call's second argument (a null of
//! that type, so the YAML's `any1` binds the call's output type), and in
//! Spark's JSON form in the options (`schema`), with the field names that
//! Substrait types lack. [`FromJson::return_field_from_args`] reads the
//! latter, a literal, so DataFusion plans the call with Spark's type.
//!
//! As Spark's `PERMISSIVE` mode (the default): a null or blank text is null;
//! text that is not JSON is a struct of nulls (an array or map: null); a
//! value that does not fit its type is null in a struct (the other fields
//! keep theirs) and makes a whole array or map null. `FAILFAST` fails on
//! either with `MALFORMED_RECORD_IN_PARSING`.

use std::sync::Arc;

use arrow::array::{Array, AsArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DataFusionError, Result, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

use super::cells::{Cell, build, parse_decimal};
use super::datetime_text::DatetimeFormats;
use super::options::Options;
use super::spark_type::SparkType;
use super::value::{Features, Json, java_double, parse_first_with};
use crate::error::Error;

/// How values are read.
pub(crate) struct Reader<'a> {
    pub(crate) formats: &'a DatetimeFormats,
    pub(crate) features: Features,
    /// The struct field that gets the text of a malformed record (`columnNameOfCorruptRecord`).
    pub(crate) corrupt_record: Option<String>,
}

/// A value that does not fit its type.
pub(crate) struct Mismatch;

impl Reader<'_> {
    /// `value` as a value of `spark_type`; `partial` records that a struct
    /// field was set to null because its value did not fit.
    pub(crate) fn convert(&self, value: &Json, spark_type: &SparkType, partial: &mut bool) -> Result<Cell, Mismatch> {
        if matches!(value, Json::Null) {
            return Ok(Cell::Null);
        }
        Ok(match (spark_type, value) {
            (SparkType::Boolean, Json::Bool(flag)) => Cell::Bool(*flag),
            // Jackson reads 128 to 255 as bytes too, wrapping them (Spark gives -56 for 200).
            (SparkType::Byte, Json::Integer(digits)) => match digits.parse::<i64>() {
                Ok(number @ -128..=255) => Cell::Integer(i64::from(i8::from_ne_bytes([u8::try_from(number & 0xFF).unwrap_or_default()]))),
                _ => return Err(Mismatch),
            },
            (SparkType::Short, Json::Integer(digits)) => Cell::Integer(i64::from(digits.parse::<i16>().map_err(|_| Mismatch)?)),
            (SparkType::Integer, Json::Integer(digits)) => Cell::Integer(i64::from(digits.parse::<i32>().map_err(|_| Mismatch)?)),
            (SparkType::Long, Json::Integer(digits)) => Cell::Integer(digits.parse::<i64>().map_err(|_| Mismatch)?),
            (SparkType::Float | SparkType::Double, Json::Integer(digits)) => Cell::Float(digits.parse::<f64>().map_err(|_| Mismatch)?),
            (SparkType::Float | SparkType::Double, Json::Float(number)) => Cell::Float(*number),
            (SparkType::Float | SparkType::Double, Json::String(text)) if self.features.non_numeric_numbers => match text.as_str() {
                "NaN" => Cell::Float(f64::NAN),
                "Infinity" | "+Infinity" | "INF" | "+INF" => Cell::Float(f64::INFINITY),
                "-Infinity" | "-INF" => Cell::Float(f64::NEG_INFINITY),
                _ => return Err(Mismatch),
            },
            (SparkType::Decimal(precision, scale), Json::Integer(digits)) => {
                Cell::Decimal(parse_decimal(digits, *precision, *scale).ok_or(Mismatch)?)
            }
            (SparkType::Decimal(precision, scale), Json::Float(number)) => {
                Cell::Decimal(parse_decimal(&java_double(*number), *precision, *scale).ok_or(Mismatch)?)
            }
            (SparkType::String, Json::String(text)) => Cell::Text(text.clone()),
            // Any other JSON value is kept as its text.
            (SparkType::String, other) => Cell::Text(other.to_text()),
            (SparkType::Date, Json::String(text)) => Cell::Days(self.formats.read_date(text).ok_or(Mismatch)?),
            (SparkType::Timestamp, Json::String(text)) => Cell::Micros(self.formats.read_timestamp(text).ok_or(Mismatch)?),
            (SparkType::Timestamp, Json::Integer(seconds)) => {
                Cell::Micros(seconds.parse::<i64>().ok().and_then(|seconds| seconds.checked_mul(1_000_000)).ok_or(Mismatch)?)
            }
            (SparkType::TimestampNtz, Json::String(text)) => Cell::Micros(self.formats.read_timestamp_ntz(text).ok_or(Mismatch)?),
            (SparkType::Null, _) => Cell::Null,
            (SparkType::Array(element), Json::Array(values)) => {
                Cell::List(values.iter().map(|value| self.convert(value, element, partial)).collect::<Result<_, _>>()?)
            }
            (SparkType::Map(_, value_type), Json::Object(entries)) => Cell::Map(
                entries
                    .iter()
                    .map(|(key, value)| Ok((Cell::Text(key.clone()), self.convert(value, value_type, partial)?)))
                    .collect::<Result<_, _>>()?,
            ),
            (SparkType::Struct(members), Json::Object(_)) => self.convert_struct(value, members, partial),
            _ => return Err(Mismatch),
        })
    }

    /// An object's fields by name (the last of duplicates), each null where it does not fit.
    fn convert_struct(&self, object: &Json, members: &[(String, SparkType)], partial: &mut bool) -> Cell {
        Cell::Struct(
            members
                .iter()
                .map(|(name, member_type)| match object.field(name) {
                    _ if self.corrupt_record.as_deref() == Some(name.as_str()) && *member_type == SparkType::String => Cell::Null,
                    None => Cell::Null,
                    Some(value) => self.convert(value, member_type, partial).unwrap_or_else(|Mismatch| {
                        *partial = true;
                        Cell::Null
                    }),
                })
                .collect(),
        )
    }

    /// One row's text as a value of the root type; `Err` when it is malformed
    /// (or, `partial` set, a struct field did not fit), with the permissive result.
    fn read_row(&self, text: &str, root: &SparkType) -> Result<Cell, Cell> {
        if text.trim().is_empty() {
            return Ok(Cell::Null);
        }
        let mut partial = false;
        let value = parse_first_with(text, self.features);
        let result = match (root, value) {
            (SparkType::Struct(members), Some(object @ Json::Object(_))) => Ok(self.convert_struct(&object, members, &mut partial)),
            (SparkType::Struct(members), _) => Err(Cell::Struct(vec![Cell::Null; members.len()])),
            // An object read for an array of structs is that array's one element.
            (SparkType::Array(element), Some(object @ Json::Object(_))) if matches!(**element, SparkType::Struct(_)) => {
                self.convert(&object, element, &mut partial).map(|cell| Cell::List(vec![cell])).map_err(|Mismatch| Cell::Null)
            }
            (_, Some(value @ (Json::Array(_) | Json::Object(_)))) => {
                self.convert(&value, root, &mut partial).map_err(|Mismatch| Cell::Null)
            }
            (_, _) => Err(Cell::Null),
        };
        let result = match result {
            Ok(cell) if partial => Err(cell),
            other => other,
        };
        // A malformed record's text goes into the corrupt-record field, if the struct has one.
        match (result, root, &self.corrupt_record) {
            (Err(Cell::Struct(mut values)), SparkType::Struct(members), Some(corrupt)) => {
                if let Some(index) = members.iter().position(|(name, member_type)| name == corrupt && *member_type == SparkType::String) {
                    values[index] = Cell::Text(text.to_string());
                }
                Err(Cell::Struct(values))
            }
            (result, _, _) => result,
        }
    }
}

/// The error of `FAILFAST` for a malformed record.
pub(crate) fn malformed(text: &str) -> DataFusionError {
    let message = format!(
        "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: {text}.\n\
         Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."
    );
    let error = Error::execution(
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        [("badRecord", text.to_string()), ("failFastMode", "FAILFAST".to_string())],
        message,
    );
    DataFusionError::External(Box::new(error))
}

/// Spark's `from_json`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FromJson {
    signature: Signature,
}

impl ScalarUDFImpl for FromJson {
    fn name(&self) -> &str {
        "from_json"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        exec_err!("from_json's type comes from its arguments")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let Some(Some(options)) = args.scalar_arguments.get(2) else {
            return exec_err!("{} takes the options the analyzer writes, a literal", self.name());
        };
        let Some(text) = Options::text_of(options) else {
            return exec_err!("from_json takes its options as a literal string");
        };
        Ok(Arc::new(Field::new(self.name(), Options::parse(&text)?.schema()?.arrow(), true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("from_json", args.args.get(2))?;
        let root = options.schema()?;
        let formats = options.datetime_formats(&args.config_options)?;
        let reader = Reader { formats: &formats, features: options.features(), corrupt_record: options.get("columnNameOfCorruptRecord").map(str::to_string) };
        let fail_fast = options.fail_fast();
        let Some(input) = args.args.first() else {
            return exec_err!("from_json takes the JSON text");
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
            let text = texts.value(row);
            match reader.read_row(text, &root) {
                Ok(cell) => cells.push(cell),
                Err(_) if fail_fast => return Err(malformed(text)),
                Err(cell) => cells.push(cell),
            }
        }
        let array = build(&root, &cells.iter().collect::<Vec<_>>())?;
        if scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&array, 0)?));
        }
        Ok(ColumnarValue::Array(array))
    }
}

/// The `from_json` function to register.
pub(crate) fn from_json() -> ScalarUDF {
    ScalarUDF::new_from_impl(FromJson { signature: Signature::variadic_any(Volatility::Stable) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::datetime::zone::parse_zone;

    fn read(text: &str, root: &SparkType) -> Result<Result<Cell, Cell>> {
        let formats = DatetimeFormats { date: None, timestamp: None, timestamp_ntz: None, zone: parse_zone("UTC")? };
        let reader = Reader { formats: &formats, features: Features::default(), corrupt_record: Some("_corrupt_record".into()) };
        Ok(reader.read_row(text, root))
    }

    #[test]
    fn reads_structs_as_spark_permissive_mode() -> Result<()> {
        let root = SparkType::Struct(vec![("a".into(), SparkType::Integer), ("b".into(), SparkType::String)]);
        assert_eq!(read(r#"{"a": 1, "b": "x"}"#, &root)?, Ok(Cell::Struct(vec![Cell::Integer(1), Cell::Text("x".into())])));
        // A field that does not fit is null; the others keep their values.
        assert_eq!(read(r#"{"a": "1", "b": 2}"#, &root)?, Err(Cell::Struct(vec![Cell::Null, Cell::Text("2".into())])));
        assert_eq!(read("{a:1}", &root)?, Err(Cell::Struct(vec![Cell::Null, Cell::Null])));
        assert_eq!(read("  ", &root)?, Ok(Cell::Null));
        assert_eq!(read(r#"{"a":1,"a":2} x"#, &root)?, Ok(Cell::Struct(vec![Cell::Integer(2), Cell::Null])));
        assert_eq!(read(r#"{"a": 99999999999}"#, &root)?, Err(Cell::Struct(vec![Cell::Null, Cell::Null])));
        assert_eq!(read("{'b': 'single'}", &root)?, Ok(Cell::Struct(vec![Cell::Null, Cell::Text("single".into())])));
        let with_corrupt = SparkType::Struct(vec![("a".into(), SparkType::Integer), ("_corrupt_record".into(), SparkType::String)]);
        assert_eq!(read("{a:1}", &with_corrupt)?, Err(Cell::Struct(vec![Cell::Null, Cell::Text("{a:1}".into())])));
        Ok(())
    }

    #[test]
    fn reads_arrays_and_maps() -> Result<()> {
        let integers = SparkType::Array(Box::new(SparkType::Integer));
        assert_eq!(read("[1, null]", &integers)?, Ok(Cell::List(vec![Cell::Integer(1), Cell::Null])));
        assert_eq!(read(r#"[1, "2"]"#, &integers)?, Err(Cell::Null));
        let structs = SparkType::Array(Box::new(SparkType::Struct(vec![("a".into(), SparkType::Integer)])));
        assert_eq!(read(r#"{"a": 1}"#, &structs)?, Ok(Cell::List(vec![Cell::Struct(vec![Cell::Integer(1)])])));
        let map = SparkType::Map(Box::new(SparkType::String), Box::new(SparkType::Integer));
        assert_eq!(read(r#"{"a": 1}"#, &map)?, Ok(Cell::Map(vec![(Cell::Text("a".into()), Cell::Integer(1))])));
        assert_eq!(read(r#"{"a": "x"}"#, &map)?, Err(Cell::Null));
        Ok(())
    }
}
