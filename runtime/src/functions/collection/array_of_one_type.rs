// SPDX-License-Identifier: Apache-2.0
//! `array(a, b, ...)`: datafusion-spark's, with its arguments made one type
//! down to the nullability of nested fields.
//!
//! DataFusion's coercion leaves two struct arguments that differ only in
//! whether their fields may be null (a struct built from literals and a typed
//! null, say) as they are, and Arrow then refuses to put them in one array
//! (a panic in `MutableArrayData`). Spark's type has one nullability per
//! field: nullable when any argument's is. So each argument is cast to that.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct SparkArrayOfOneType {
    inner: Arc<ScalarUDF>,
}

pub(super) fn array_function() -> ScalarUDF {
    ScalarUDF::new_from_impl(SparkArrayOfOneType { inner: datafusion_spark::function::array::array() })
}

impl ScalarUDFImpl for SparkArrayOfOneType {
    fn name(&self) -> &str {
        "array"
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let coerced = self.inner.coerce_types(arg_types)?;
        let Some(first) = coerced.first() else {
            return Ok(coerced);
        };
        let widest = coerced.iter().skip(1).try_fold(first.clone(), |widest, next| widen_nullability(&widest, next));
        Ok(match widest {
            Some(widest) => vec![widest; coerced.len()],
            None => coerced,
        })
    }
}

/// `a` with each nested field nullable where `a`'s or `b`'s is; `None`
/// when they differ in more than nullability.
fn widen_nullability(a: &DataType, b: &DataType) -> Option<DataType> {
    let field = |a: &FieldRef, b: &FieldRef| -> Option<FieldRef> {
        let data_type = widen_nullability(a.data_type(), b.data_type())?;
        let nullable = a.is_nullable() || b.is_nullable();
        Some(Arc::new(Field::new(a.name(), data_type, nullable).with_metadata(a.metadata().clone())))
    };
    match (a, b) {
        (DataType::Struct(a_fields), DataType::Struct(b_fields)) if a_fields.len() == b_fields.len() => {
            let fields = a_fields
                .iter()
                .zip(b_fields.iter())
                .map(|(a, b)| (a.name() == b.name()).then(|| field(a, b)).flatten())
                .collect::<Option<Fields>>()?;
            Some(DataType::Struct(fields))
        }
        (DataType::List(a), DataType::List(b)) => Some(DataType::List(field(a, b)?)),
        (DataType::LargeList(a), DataType::LargeList(b)) => Some(DataType::LargeList(field(a, b)?)),
        (DataType::Map(a, sorted), DataType::Map(b, _)) => Some(DataType::Map(field(a, b)?, *sorted)),
        (a, b) if a == b => Some(a.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(nullable: [bool; 2]) -> DataType {
        DataType::Struct(Fields::from(vec![
            Field::new("c0", DataType::Int32, nullable[0]),
            Field::new("c1", DataType::Utf8, nullable[1]),
        ]))
    }

    #[test]
    fn widens_each_field_to_the_nullable_one() {
        assert_eq!(widen_nullability(&pair([false, true]), &pair([true, false])), Some(pair([true, true])));
    }

    #[test]
    fn leaves_other_differences_to_datafusion() {
        assert_eq!(widen_nullability(&pair([false, false]), &DataType::Int32), None);
    }
}
