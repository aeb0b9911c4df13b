// SPDX-License-Identifier: Apache-2.0
//! higher-order functions (`functions_spark_higher_order.yaml`): functions
//! whose arguments include lambdas, with Spark's semantics.
//!
//! DataFusion 55 plans lambdas itself: datafusion-substrait consumes
//! `Expression.Lambda` into `Expr::Lambda`, finds a higher-order function by
//! name in the session, and hands each call the lambda's body as a physical
//! expression over its parameters and the columns it captures
//! ([`LambdaArgument`]). DataFusion's own `array_transform`/`array_filter`
//! have neither Spark's index parameter nor its three-valued `exists`, so
//! every function here is ours ([`SparkHigherOrder`]). Each evaluates a
//! lambda once per batch, over the flattened elements of all rows (captured
//! columns repeated per element); `aggregate` once per element position,
//! over the rows that have one.
//!
//! [`LambdaArgument`]: datafusion::logical_expr::LambdaArgument

mod arrays;
mod lists;
mod maps;
mod sort;

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, exec_err, plan_err};
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature, HigherOrderUDF,
    HigherOrderUDFImpl, LambdaArgument, LambdaParametersProgress, ValueOrLambda, Volatility,
};

use super::HigherOrder;

/// Every higher-order function, by Spark's name.
pub(super) const HIGHER_ORDER: &[(&str, HigherOrder)] = &[
    ("transform", || SparkHigherOrder::udf(Kind::Transform)),
    ("filter", || SparkHigherOrder::udf(Kind::Filter)),
    ("exists", || SparkHigherOrder::udf(Kind::Exists)),
    ("forall", || SparkHigherOrder::udf(Kind::Forall)),
    ("aggregate", || SparkHigherOrder::udf(Kind::Aggregate)),
    ("zip_with", || SparkHigherOrder::udf(Kind::ZipWith)),
    ("array_sort", || SparkHigherOrder::udf(Kind::ArraySort)),
    ("transform_keys", || SparkHigherOrder::udf(Kind::TransformKeys)),
    ("transform_values", || SparkHigherOrder::udf(Kind::TransformValues)),
    ("map_filter", || SparkHigherOrder::udf(Kind::MapFilter)),
    ("map_zip_with", || SparkHigherOrder::udf(Kind::MapZipWith)),
];

/// Which function, with its arguments: values (V) and lambdas (L).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `transform(array V, (element, index) -> value L)`
    Transform,
    /// `filter(array V, (element, index) -> boolean L)`
    Filter,
    /// `exists(array V, element -> boolean L)`
    Exists,
    /// `forall(array V, element -> boolean L)`
    Forall,
    /// `aggregate(array V, zero V, (accumulator, element) -> accumulator L, accumulator -> result L)`
    Aggregate,
    /// `zip_with(left V, right V, (left element, right element) -> value L)`
    ZipWith,
    /// `array_sort(array V, (left, right) -> int L)`
    ArraySort,
    /// `transform_keys(map V, (key, value) -> key L)`
    TransformKeys,
    /// `transform_values(map V, (key, value) -> value L)`
    TransformValues,
    /// `map_filter(map V, (key, value) -> boolean L)`
    MapFilter,
    /// `map_zip_with(left V, right V, (key, left value, right value) -> value L)`
    MapZipWith,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Transform => "transform",
            Kind::Filter => "filter",
            Kind::Exists => "exists",
            Kind::Forall => "forall",
            Kind::Aggregate => "aggregate",
            Kind::ZipWith => "zip_with",
            Kind::ArraySort => "array_sort",
            Kind::TransformKeys => "transform_keys",
            Kind::TransformValues => "transform_values",
            Kind::MapFilter => "map_filter",
            Kind::MapZipWith => "map_zip_with",
        }
    }

    /// (value arguments, lambda arguments), values first.
    fn arity(self) -> (usize, usize) {
        match self {
            Kind::Aggregate => (2, 2),
            Kind::ZipWith | Kind::MapZipWith => (2, 1),
            _ => (1, 1),
        }
    }
}

/// One of Spark's higher-order functions.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct SparkHigherOrder {
    kind: Kind,
    signature: HigherOrderSignature,
}

impl SparkHigherOrder {
    fn udf(kind: Kind) -> HigherOrderUDF {
        let (values, lambdas) = kind.arity();
        let arguments = std::iter::repeat_n(ValueOrLambda::Value(()), values)
            .chain(std::iter::repeat_n(ValueOrLambda::Lambda(()), lambdas))
            .collect();
        HigherOrderUDF::new_from_impl(SparkHigherOrder {
            kind,
            // The analyzer has typed the arguments as Spark does: no coercion here.
            signature: HigherOrderSignature::exact(arguments, Volatility::Immutable),
        })
    }
}

/// The element field of a list type.
fn element_field(name: &str, list: &DataType) -> Result<FieldRef> {
    match list {
        DataType::List(field) | DataType::LargeList(field) => Ok(Arc::clone(field)),
        other => plan_err!("{name} expects an array, got {other}"),
    }
}

/// The key and value fields of a map type.
fn entry_fields(name: &str, map: &DataType) -> Result<(FieldRef, FieldRef)> {
    match map {
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() == 2 => Ok((Arc::clone(&fields[0]), Arc::clone(&fields[1]))),
            other => plan_err!("{name} expects map entries of a key and a value, got {other}"),
        },
        other => plan_err!("{name} expects a map, got {other}"),
    }
}

fn nullable(field: &FieldRef) -> FieldRef {
    Arc::new(field.as_ref().clone().with_nullable(true))
}

/// A map type of the given key and value fields, its entries named as `like`'s.
pub(crate) fn map_type(like: &DataType, key: FieldRef, value: FieldRef) -> DataType {
    let (entries_name, sorted) = match like {
        DataType::Map(entries, sorted) => (entries.name().clone(), *sorted),
        _ => ("entries".to_string(), false),
    };
    let key = key.as_ref().clone().with_name("key").with_nullable(false);
    let value = value.as_ref().clone().with_name("value");
    let entries = Field::new(entries_name, DataType::Struct(vec![key, value].into()), false);
    DataType::Map(Arc::new(entries), sorted)
}

impl HigherOrderUDFImpl for SparkHigherOrder {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let name = self.name();
        let values: Vec<&FieldRef> = fields
            .iter()
            .filter_map(|field| match field {
                ValueOrLambda::Value(value) => Some(value),
                ValueOrLambda::Lambda(_) => None,
            })
            .collect();
        let Some(first) = values.first() else {
            return plan_err!("{name} expects a value argument");
        };
        let index = Arc::new(Field::new("index", DataType::Int32, false));
        let parameters = match self.kind {
            Kind::Transform | Kind::Filter => {
                vec![vec![element_field(name, first.data_type())?, index]]
            }
            Kind::Exists | Kind::Forall => vec![vec![element_field(name, first.data_type())?]],
            Kind::ArraySort => {
                let element = element_field(name, first.data_type())?;
                vec![vec![Arc::clone(&element), element]]
            }
            Kind::Aggregate => {
                let Some(zero) = values.get(1) else {
                    return plan_err!("{name} expects a zero value");
                };
                let accumulator = nullable(zero);
                vec![
                    vec![Arc::clone(&accumulator), element_field(name, first.data_type())?],
                    vec![accumulator],
                ]
            }
            Kind::ZipWith => {
                let Some(second) = values.get(1) else {
                    return plan_err!("{name} expects two arrays");
                };
                vec![vec![
                    nullable(&element_field(name, first.data_type())?),
                    nullable(&element_field(name, second.data_type())?),
                ]]
            }
            Kind::TransformKeys | Kind::TransformValues | Kind::MapFilter => {
                let (key, value) = entry_fields(name, first.data_type())?;
                vec![vec![key, value]]
            }
            Kind::MapZipWith => {
                let Some(second) = values.get(1) else {
                    return plan_err!("{name} expects two maps");
                };
                let (key, left) = entry_fields(name, first.data_type())?;
                let (_, right) = entry_fields(name, second.data_type())?;
                vec![vec![key, nullable(&left), nullable(&right)]]
            }
        };
        // Every parameter is declared nullable: datafusion-substrait types a
        // lambda's variables nullable whatever the plan says, and DataFusion
        // requires the two to agree.
        let parameters = parameters.into_iter().map(|fields| fields.iter().map(nullable).collect()).collect();
        Ok(LambdaParametersProgress::Complete(parameters))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let name = self.name();
        let mut values = Vec::new();
        let mut lambdas = Vec::new();
        for field in args.arg_fields {
            match field {
                ValueOrLambda::Value(value) => values.push(value),
                ValueOrLambda::Lambda(body) => lambdas.push(body),
            }
        }
        let (Some(first), Some(body)) = (values.first(), lambdas.first()) else {
            return plan_err!("{name} expects a value and a lambda");
        };
        let data_type = match self.kind {
            Kind::Transform | Kind::ZipWith => DataType::new_list(body.data_type().clone(), body.is_nullable()),
            Kind::Filter | Kind::MapFilter | Kind::ArraySort => first.data_type().clone(),
            Kind::Exists | Kind::Forall => DataType::Boolean,
            Kind::Aggregate => match lambdas.get(1) {
                Some(finish) => finish.data_type().clone(),
                None => return plan_err!("{name} expects a finish lambda"),
            },
            Kind::TransformKeys => {
                let (_, value) = entry_fields(name, first.data_type())?;
                map_type(first.data_type(), Arc::clone(body), value)
            }
            Kind::TransformValues | Kind::MapZipWith => {
                let (key, _) = entry_fields(name, first.data_type())?;
                map_type(first.data_type(), key, Arc::clone(body))
            }
        };
        Ok(Arc::new(Field::new(name, data_type, true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let name = self.name();
        let rows = args.number_rows;
        let mut values = Vec::new();
        let mut lambdas: Vec<&LambdaArgument> = Vec::new();
        for argument in &args.args {
            match argument {
                ValueOrLambda::Value(value) => values.push(value.to_array(rows)?),
                ValueOrLambda::Lambda(lambda) => lambdas.push(lambda),
            }
        }
        let (expected_values, expected_lambdas) = self.kind.arity();
        if values.len() != expected_values || lambdas.len() != expected_lambdas {
            return exec_err!(
                "{name} expects {expected_values} values and {expected_lambdas} lambdas, got {} and {}",
                values.len(),
                lambdas.len()
            );
        }
        let return_type = args.return_field.data_type();
        let lambda = lambdas[0];
        let result = match self.kind {
            Kind::Transform => arrays::transform(&values[0], lambda, return_type)?,
            Kind::Filter => arrays::filter(&values[0], lambda)?,
            Kind::Exists => arrays::quantify(&values[0], lambda, true)?,
            Kind::Forall => arrays::quantify(&values[0], lambda, false)?,
            Kind::Aggregate => arrays::aggregate(&values[0], &values[1], lambda, lambdas[1])?,
            Kind::ZipWith => arrays::zip_with(&values[0], &values[1], lambda, return_type)?,
            Kind::ArraySort => sort::array_sort(&values[0], lambda)?,
            Kind::TransformKeys => maps::transform_entries(&values[0], lambda, return_type, true)?,
            Kind::TransformValues => maps::transform_entries(&values[0], lambda, return_type, false)?,
            Kind::MapFilter => maps::map_filter(&values[0], lambda)?,
            Kind::MapZipWith => maps::map_zip_with(&values[0], &values[1], lambda, return_type)?,
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Int32Array, ListArray, MapBuilder, StringBuilder};
    use datafusion::arrow::array::Int32Builder;
    use datafusion::arrow::datatypes::Int32Type;
    use datafusion::common::ScalarValue;
    use datafusion::logical_expr::Operator;
    use datafusion::physical_expr::PhysicalExpr;
    use datafusion::physical_expr::expressions::{BinaryExpr, Column, lit};

    use super::*;

    /// A lambda over `count` i32 parameters named `p0`, `p1`...
    fn lambda(count: usize, body: Arc<dyn PhysicalExpr>) -> LambdaArgument {
        let parameters: Vec<FieldRef> =
            (0..count).map(|index| Arc::new(Field::new(format!("p{index}"), DataType::Int32, true))).collect();
        let used: Vec<usize> = (0..count).collect();
        LambdaArgument::new(parameters, body, None, &used)
    }

    fn parameter(index: usize) -> Arc<dyn PhysicalExpr> {
        Arc::new(Column::new(&format!("p{index}"), index))
    }

    fn binary(left: Arc<dyn PhysicalExpr>, operator: Operator, right: Arc<dyn PhysicalExpr>) -> Arc<dyn PhysicalExpr> {
        Arc::new(BinaryExpr::new(left, operator, right))
    }

    fn lists(rows: Vec<Option<Vec<Option<i32>>>>) -> ArrayRef {
        Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(rows))
    }

    fn rows_of(array: &ArrayRef) -> Vec<Option<Vec<Option<i32>>>> {
        let list = array.as_list::<i32>();
        (0..list.len())
            .map(|row| {
                (!list.is_null(row))
                    .then(|| list.value(row).as_primitive::<Int32Type>().iter().collect())
            })
            .collect()
    }

    fn sample() -> ArrayRef {
        lists(vec![Some(vec![Some(1), None, Some(5)]), Some(vec![Some(1), None]), Some(vec![]), None])
    }

    #[test]
    fn exists_and_forall_are_three_valued() -> Result<()> {
        let greater_than_3 = lambda(1, binary(parameter(0), Operator::Gt, lit(3)));
        let exists = arrays::quantify(&sample(), &greater_than_3, true)?;
        let expected: ArrayRef = Arc::new(BooleanArray::from(vec![Some(true), None, Some(false), None]));
        assert_eq!(&exists, &expected);
        let positive = lambda(1, binary(parameter(0), Operator::Gt, lit(0)));
        let forall = arrays::quantify(&sample(), &positive, false)?;
        let expected: ArrayRef = Arc::new(BooleanArray::from(vec![None, None, Some(true), None]));
        assert_eq!(&forall, &expected);
        Ok(())
    }

    #[test]
    fn transform_passes_the_index_and_keeps_null_arrays() -> Result<()> {
        let plus_index = lambda(2, binary(parameter(0), Operator::Plus, parameter(1)));
        let return_type = DataType::new_list(DataType::Int32, true);
        let result = arrays::transform(&sample(), &plus_index, &return_type)?;
        assert_eq!(rows_of(&result), vec![Some(vec![Some(1), None, Some(7)]), Some(vec![Some(1), None]), Some(vec![]), None]);
        Ok(())
    }

    #[test]
    fn filter_drops_false_and_null() -> Result<()> {
        let greater_than_1 = lambda(1, binary(parameter(0), Operator::Gt, lit(1)));
        let result = arrays::filter(&sample(), &greater_than_1)?;
        assert_eq!(rows_of(&result), vec![Some(vec![Some(5)]), Some(vec![]), Some(vec![]), None]);
        Ok(())
    }

    #[test]
    fn aggregate_folds_from_the_left_and_finishes() -> Result<()> {
        let rows = lists(vec![Some(vec![Some(1), Some(2), Some(3)]), Some(vec![]), None, Some(vec![Some(1), None])]);
        let zero: ArrayRef = Arc::new(Int32Array::from(vec![10, 20, 30, 40]));
        let sum = lambda(2, binary(parameter(0), Operator::Plus, parameter(1)));
        let times_2 = lambda(1, binary(parameter(0), Operator::Multiply, lit(2)));
        let result = arrays::aggregate(&rows, &zero, &sum, &times_2)?;
        let expected: ArrayRef = Arc::new(Int32Array::from(vec![Some(32), Some(40), None, None]));
        assert_eq!(&result, &expected);
        Ok(())
    }

    #[test]
    fn zip_with_pads_the_shorter_array_with_nulls() -> Result<()> {
        let left = lists(vec![Some(vec![Some(1), Some(2)]), Some(vec![]), None]);
        let right = lists(vec![Some(vec![Some(10)]), Some(vec![Some(5)]), Some(vec![Some(1)])]);
        let sum = lambda(2, binary(parameter(0), Operator::Plus, parameter(1)));
        let result = arrays::zip_with(&left, &right, &sum, &DataType::new_list(DataType::Int32, true))?;
        assert_eq!(rows_of(&result), vec![Some(vec![Some(11), None]), Some(vec![None]), None]);
        Ok(())
    }

    #[test]
    fn transform_keys_refuses_null_and_repeated_keys() -> Result<()> {
        let mut builder = MapBuilder::new(None, StringBuilder::new(), Int32Builder::new());
        builder.keys().append_value("a");
        builder.values().append_value(1);
        builder.keys().append_value("b");
        builder.values().append_value(2);
        builder.append(true)?;
        let map: ArrayRef = Arc::new(builder.finish());
        let parameters: Vec<FieldRef> =
            vec![Arc::new(Field::new("p0", DataType::Utf8, true)), Arc::new(Field::new("p1", DataType::Int32, true))];
        let constant = LambdaArgument::new(parameters.clone(), lit("same"), None, &[]);
        let error = maps::transform_entries(&map, &constant, map.data_type(), true).err().map(|error| error.to_string());
        assert!(error.is_some_and(|message| message.contains("[DUPLICATED_MAP_KEY] Duplicate map key same was found")));
        let null = LambdaArgument::new(parameters, lit(ScalarValue::Utf8(None)), None, &[]);
        let error = maps::transform_entries(&map, &null, map.data_type(), true).err().map(|error| error.to_string());
        assert!(error.is_some_and(|message| message.contains("[NULL_MAP_KEY]")));
        Ok(())
    }
}
