// SPDX-License-Identifier: Apache-2.0
//! Spark's `to_json(value, options)`: a struct, array or map as JSON text,
//! written as Spark's Jackson generator writes it: no spaces (or Jackson's
//! pretty printer with `pretty`), a struct's fields in order and its null
//! fields left out (unless `ignoreNullFields` is `false`), map keys as
//! text, `NaN` and infinities as strings, decimals as written, dates and
//! timestamps with the `dateFormat` and `timestampFormat` options (Spark's
//! defaults `yyyy-MM-dd` and `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, in the session
//! time zone). The value's Spark type comes in the options (`schema`), for
//! its field names.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use super::datetime_text::DatetimeFormats;
use super::options::Options;
use super::spark_type::SparkType;
use super::value::{Json, java_double, java_float};

/// How values are written.
pub(crate) struct Writer<'a> {
    pub(crate) formats: &'a DatetimeFormats,
    pub(crate) ignore_null_fields: bool,
}

/// A decimal's unscaled value as text with `scale` digits after the point.
pub(crate) fn decimal_text(unscaled: i128, scale: i8) -> String {
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if unscaled < 0 { "-" } else { "" };
    let Ok(scale) = usize::try_from(scale) else {
        return format!("{sign}{digits}");
    };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

fn float_json(value: f64, text: String) -> Json {
    if value.is_finite() { Json::Raw(text) } else { Json::String(text) }
}

impl Writer<'_> {
    /// The JSON of row `row` of `array`, a column of `spark_type`.
    pub(crate) fn value(&self, array: &ArrayRef, row: usize, spark_type: &SparkType) -> Result<Json> {
        if array.is_null(row) {
            return Ok(Json::Null);
        }
        Ok(match spark_type {
            SparkType::Boolean => Json::Bool(array.as_boolean().value(row)),
            SparkType::Byte => Json::Integer(array.as_primitive::<Int8Type>().value(row).to_string()),
            SparkType::Short => Json::Integer(array.as_primitive::<Int16Type>().value(row).to_string()),
            SparkType::Integer => Json::Integer(array.as_primitive::<Int32Type>().value(row).to_string()),
            SparkType::Long => Json::Integer(array.as_primitive::<Int64Type>().value(row).to_string()),
            SparkType::Float => {
                let value = array.as_primitive::<Float32Type>().value(row);
                float_json(f64::from(value), java_float(value))
            }
            SparkType::Double => {
                let value = array.as_primitive::<Float64Type>().value(row);
                float_json(value, java_double(value))
            }
            SparkType::Decimal(_, scale) => Json::Raw(decimal_text(array.as_primitive::<Decimal128Type>().value(row), *scale)),
            SparkType::String | SparkType::Null => match array.data_type() {
                DataType::Utf8 => Json::String(array.as_string::<i32>().value(row).to_string()),
                DataType::LargeUtf8 => Json::String(array.as_string::<i64>().value(row).to_string()),
                DataType::Utf8View => Json::String(array.as_string_view().value(row).to_string()),
                DataType::Null => Json::Null,
                other => return exec_err!("to_json: a string column of type {other}"),
            },
            SparkType::Binary => return exec_err!("to_json does not write binary values"),
            SparkType::Date => Json::String(self.formats.write_date(array.as_primitive::<Date32Type>().value(row))),
            SparkType::Timestamp => {
                Json::String(self.formats.write_timestamp(array.as_primitive::<TimestampMicrosecondType>().value(row)))
            }
            SparkType::TimestampNtz => {
                Json::String(self.formats.write_timestamp_ntz(array.as_primitive::<TimestampMicrosecondType>().value(row)))
            }
            SparkType::Array(element) => {
                let values = match array.data_type() {
                    DataType::LargeList(_) => array.as_list::<i64>().value(row),
                    _ => array.as_list::<i32>().value(row),
                };
                Json::Array((0..values.len()).map(|index| self.value(&values, index, element)).collect::<Result<_>>()?)
            }
            SparkType::Map(key_type, value_type) => {
                let entries = array.as_map().value(row);
                let (keys, values) = (entries.column(0), entries.column(1));
                let mut object = Vec::with_capacity(entries.len());
                for index in 0..entries.len() {
                    let key = match self.value(keys, index, key_type)? {
                        Json::String(text) | Json::Raw(text) => text,
                        other => other.to_text(),
                    };
                    object.push((key, self.value(values, index, value_type)?));
                }
                Json::Object(object)
            }
            SparkType::Struct(members) => {
                let structure = array.as_struct();
                let mut object = Vec::with_capacity(members.len());
                for (index, (name, member_type)) in members.iter().enumerate() {
                    let column = structure.column(index);
                    if column.is_null(row) && self.ignore_null_fields {
                        continue;
                    }
                    object.push((name.clone(), self.value(column, row, member_type)?));
                }
                Json::Object(object)
            }
        })
    }
}

/// Spark's `to_json`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ToJson {
    signature: Signature,
}

impl ScalarUDFImpl for ToJson {
    fn name(&self) -> &str {
        "to_json"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let options = Options::of_argument("to_json", args.args.get(1))?;
        let spark_type = options.schema()?;
        let formats = options.datetime_formats(&args.config_options)?;
        let writer = Writer { formats: &formats, ignore_null_fields: options.flag("ignoreNullFields", true) };
        let pretty = options.flag("pretty", false);
        let Some(input) = args.args.first() else {
            return exec_err!("to_json takes a value");
        };
        let scalar = matches!(input, ColumnarValue::Scalar(_));
        let values: ArrayRef = input.to_array(args.number_rows)?;
        let mut texts = StringBuilder::with_capacity(values.len(), values.len() * 16);
        let mut out = String::new();
        for row in 0..values.len() {
            if values.is_null(row) {
                texts.append_null();
                continue;
            }
            out.clear();
            let value = writer.value(&values, row, &spark_type)?;
            if pretty {
                value.write_pretty(0, &mut out);
            } else {
                value.write(&mut out);
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

/// The `to_json` function to register.
pub(crate) fn to_json() -> ScalarUDF {
    ScalarUDF::new_from_impl(ToJson { signature: Signature::variadic_any(Volatility::Stable) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_decimals_as_written() {
        assert_eq!(decimal_text(150, 2), "1.50");
        assert_eq!(decimal_text(-5, 3), "-0.005");
        assert_eq!(decimal_text(12, 0), "12");
    }
}
