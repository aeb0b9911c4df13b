// SPDX-License-Identifier: Apache-2.0
//! Spark's `arrays_zip(a1, ..., an, name1, ..., namen)`: DataFusion's
//! `arrays_zip`, which pads shorter arrays with nulls as Spark does, with the
//! struct fields named by the trailing constant names (the analyzer passes
//! Spark's: the arguments' column names, else their positions), and null where
//! any array is null (DataFusion takes a null array as an empty one).

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListArray, StructArray};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkArraysZip {
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

/// The struct fields of the result: each array's element type, named.
fn zipped_fields(array_types: &[DataType], names: &[String]) -> Result<Fields> {
    let mut fields = Vec::with_capacity(array_types.len());
    for (data_type, name) in array_types.iter().zip(names) {
        let element = match data_type {
            DataType::List(field) | DataType::LargeList(field) | DataType::FixedSizeList(field, _) => field.data_type().clone(),
            DataType::Null => DataType::Null,
            other => return exec_err!("arrays_zip takes arrays, got {other}"),
        };
        fields.push(Field::new(name, element, true));
    }
    Ok(Fields::from(fields))
}

fn list_of(fields: Fields) -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(fields), false)))
}

impl ScalarUDFImpl for SparkArraysZip {
    fn name(&self) -> &str {
        "arrays_zip"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        exec_err!("arrays_zip's type comes from its arguments' names (return_field_from_args)")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let arrays = args.arg_fields.len() / 2;
        let mut names = Vec::with_capacity(arrays);
        for scalar in args.scalar_arguments.iter().skip(arrays) {
            match scalar {
                Some(ScalarValue::Utf8(Some(name)) | ScalarValue::LargeUtf8(Some(name)) | ScalarValue::Utf8View(Some(name))) => {
                    names.push(name.clone());
                }
                _ => return exec_err!("arrays_zip's field names must be constant strings"),
            }
        }
        let types: Vec<DataType> = args.arg_fields.iter().take(arrays).map(|field| field.data_type().clone()).collect();
        Ok(Arc::new(Field::new(self.name(), list_of(zipped_fields(&types, &names)?), true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalars = args.args.iter().all(|argument| matches!(argument, ColumnarValue::Scalar(_)));
        let rows = if all_scalars { 1 } else { args.number_rows };
        let arrays = args.args.len() / 2;
        let DataType::List(item) = args.return_field.data_type() else {
            return exec_err!("arrays_zip returns a list");
        };
        let DataType::Struct(fields) = item.data_type() else {
            return exec_err!("arrays_zip returns a list of structs");
        };
        let fields = fields.clone();
        let inputs: Vec<ColumnarValue> = args.args.iter().take(arrays).cloned().collect();
        let input_arrays = inputs.iter().map(|argument| argument.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let inner_fields: Vec<FieldRef> = args.arg_fields.iter().take(arrays).cloned().collect();
        let inner_type = self.inner.return_type(&inner_fields.iter().map(|field| field.data_type().clone()).collect::<Vec<_>>())?;
        let zipped = self
            .inner
            .invoke_with_args(ScalarFunctionArgs {
                args: inputs,
                arg_fields: inner_fields,
                number_rows: rows,
                return_field: Arc::new(Field::new("arrays_zip", inner_type, true)),
                config_options: args.config_options.clone(),
            })?
            .into_array(rows)?;
        let nulls = input_arrays
            .iter()
            .fold(zipped.logical_nulls(), |nulls, input| NullBuffer::union(nulls.as_ref(), input.logical_nulls().as_ref()));
        let list: &ListArray = zipped.as_list::<i32>();
        let (_, offsets, values, _) = list.clone().into_parts();
        let structs = values.as_struct();
        let (_, columns, struct_nulls) = structs.clone().into_parts();
        let renamed = StructArray::try_new(fields.clone(), columns, struct_nulls)?;
        let item = Arc::new(Field::new("item", DataType::Struct(fields), false));
        let result: ArrayRef = Arc::new(ListArray::try_new(item, offsets, Arc::new(renamed), nulls)?);
        if all_scalars {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

pub(crate) fn arrays_zip_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkArraysZip {
        inner: datafusion::functions_nested::arrays_zip::arrays_zip_udf(),
        signature: Signature::variadic_any(Volatility::Immutable),
    })
}
