// SPDX-License-Identifier: Apache-2.0
//! Renaming the fields of nested values without touching their data.
//!
//! A plan's `RelRoot.names` name struct fields wherever they sit: in a struct
//! column, inside a list of structs, inside a map's values. Arrow's cast
//! matches struct fields by name, so it cannot rename them (`c0` of a
//! Substrait struct literal to Spark's `a`). The data of a renamed value is
//! the same buffers under another type, so [`Relabel`] rebuilds the array
//! data with the target type, child by child, and copies nothing. Casts that
//! only rename fields or change their nullability become relabels too; Arrow's
//! validation refuses a null in a field relabelled non-nullable.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayData, make_array};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};

/// `relabel(value)`: `value` under `target`, a type that differs from the
/// value's only in the names of nested fields.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Relabel {
    target: DataType,
    signature: Signature,
}

impl Relabel {
    pub(crate) fn udf(target: DataType) -> Arc<ScalarUDF> {
        Arc::new(ScalarUDF::new_from_impl(Relabel {
            target,
            signature: Signature::any(1, Volatility::Immutable),
        }))
    }
}

impl Relabel {
    /// Whether `from` and `to` differ only in the names or nullability of
    /// nested fields (a cast that need not touch the data; Arrow's cast
    /// refuses renames and a field becoming non-nullable).
    pub(crate) fn target(&self) -> &DataType {
        &self.target
    }

    pub(crate) fn relabels(from: &DataType, to: &DataType) -> bool {
        from != to && same_shape(from, to)
    }
}

fn same_shape(from: &DataType, to: &DataType) -> bool {
    match (from, to) {
        (DataType::Struct(from), DataType::Struct(to)) => {
            from.len() == to.len()
                && from.iter().zip(to.iter()).all(|(from, to)| same_shape(from.data_type(), to.data_type()))
        }
        (DataType::List(from), DataType::List(to))
        | (DataType::LargeList(from), DataType::LargeList(to))
        | (DataType::Map(from, _), DataType::Map(to, _)) => same_shape(from.data_type(), to.data_type()),
        (DataType::FixedSizeList(from, from_size), DataType::FixedSizeList(to, to_size)) => {
            from_size == to_size && same_shape(from.data_type(), to.data_type())
        }
        (from, to) => from == to,
    }
}

impl ScalarUDFImpl for Relabel {
    fn name(&self) -> &str {
        "relabel"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.target.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("relabel takes one argument");
        };
        match value {
            ColumnarValue::Array(array) => {
                Ok(ColumnarValue::Array(make_array(relabel(array.to_data(), &self.target)?)))
            }
            ColumnarValue::Scalar(scalar) => {
                let array = make_array(relabel(scalar.to_array()?.to_data(), &self.target)?);
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&array, 0)?))
            }
        }
    }
}

/// `data` under `target`, its children relabelled to the target's children.
fn relabel(data: ArrayData, target: &DataType) -> Result<ArrayData> {
    let child_types: Vec<&DataType> = match target {
        DataType::Struct(fields) => fields.iter().map(|field| field.data_type()).collect(),
        DataType::List(field)
        | DataType::LargeList(field)
        | DataType::FixedSizeList(field, _)
        | DataType::Map(field, _) => vec![field.data_type()],
        _ if data.data_type() == target => return Ok(data),
        _ => return exec_err!("cannot relabel {} as {target}", data.data_type()),
    };
    if child_types.len() != data.child_data().len() {
        return exec_err!("cannot relabel {} as {target}", data.data_type());
    }
    let children = data
        .child_data()
        .iter()
        .zip(child_types)
        .map(|(child, child_type)| relabel(child.clone(), child_type))
        .collect::<Result<Vec<_>>>()?;
    Ok(data.into_builder().data_type(target.clone()).child_data(children).build()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Array, Int32Array, ListArray, StructArray};
    use datafusion::arrow::buffer::OffsetBuffer;
    use datafusion::arrow::datatypes::{Field, Fields};

    fn struct_type(names: [&str; 2]) -> DataType {
        DataType::Struct(Fields::from(names.map(|name| Field::new(name, DataType::Int32, true)).to_vec()))
    }

    #[test]
    fn renames_struct_fields_inside_a_list() -> Result<()> {
        let DataType::Struct(fields) = struct_type(["c0", "c1"]) else { unreachable!() };
        let values = StructArray::new(
            fields,
            vec![Arc::new(Int32Array::from(vec![1, 3])), Arc::new(Int32Array::from(vec![2, 4]))],
            None,
        );
        let element = Arc::new(Field::new("element", values.data_type().clone(), true));
        let list = ListArray::new(element, OffsetBuffer::from_lengths([2]), Arc::new(values), None);
        let target = DataType::new_list(struct_type(["a", "b"]), true);

        let relabelled = make_array(relabel(list.to_data(), &target)?);

        assert_eq!(relabelled.data_type(), &target);
        assert_eq!(relabelled.to_data().child_data()[0].child_data()[1].buffers(), list.to_data().child_data()[0].child_data()[1].buffers());
        Ok(())
    }

    #[test]
    fn relabels_only_names_and_nullability() {
        let nullable = DataType::new_list(struct_type(["c0", "c1"]), true);
        let renamed = DataType::new_list(struct_type(["a", "b"]), false);
        assert!(Relabel::relabels(&nullable, &renamed));
        assert!(!Relabel::relabels(&nullable, &nullable));
        assert!(!Relabel::relabels(&DataType::new_list(DataType::Int32, true), &DataType::new_list(DataType::Int64, true)));
    }

    #[test]
    fn refuses_a_different_leaf_type() {
        let result = relabel(Int32Array::from(vec![1]).to_data(), &DataType::Int64);
        assert!(matches!(&result, Err(error) if error.to_string().contains("cannot relabel Int32 as Int64")), "{result:?}");
    }
}
