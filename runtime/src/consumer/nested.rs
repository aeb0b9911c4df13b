// SPDX-License-Identifier: Apache-2.0
//! Nested constructors (<https://substrait.io/expressions/nested_expressions/>).
//!
//! datafusion-substrait builds lists; we add structs (positional, so the
//! fields are named `c0, c1, ...` as DataFusion's `struct` does) and maps.

use datafusion::common::{DFSchema, substrait_err};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::functions_nested::expr_fn::make_array;
use datafusion::logical_expr::{Expr, lit};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, from_nested};
use substrait::proto::expression::Nested;
use substrait::proto::expression::nested::NestedType;

use super::SparkConsumer;

pub(super) async fn consume_nested(
    consumer: &SparkConsumer<'_>,
    nested: &Nested,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    match &nested.nested_type {
        Some(NestedType::Struct(structure)) => {
            let mut arguments = Vec::with_capacity(structure.fields.len() * 2);
            for (index, field) in structure.fields.iter().enumerate() {
                arguments.push(lit(format!("c{index}")));
                arguments.push(consumer.consume_expression(field, input_schema).await?);
            }
            let named_struct = consumer.state().udf("named_struct")?;
            Ok(Expr::ScalarFunction(ScalarFunction::new_udf(
                named_struct,
                arguments,
            )))
        }
        Some(NestedType::Map(map)) => {
            if map.key_values.is_empty() {
                return substrait_err!(
                    "Nested.Map needs at least one key-value pair (use an empty map literal)"
                );
            }
            let mut keys = Vec::with_capacity(map.key_values.len());
            let mut values = Vec::with_capacity(map.key_values.len());
            for pair in &map.key_values {
                let (Some(key), Some(value)) = (&pair.key, &pair.value) else {
                    return substrait_err!("Nested.Map.KeyValue needs both key and value");
                };
                keys.push(consumer.consume_expression(key, input_schema).await?);
                values.push(consumer.consume_expression(value, input_schema).await?);
            }
            // Spark's `map_from_arrays`, not DataFusion's `map`, so that a
            // repeated key follows `spark.sql.mapKeyDedupPolicy`.
            let map_from_arrays = consumer.state().udf("map_from_arrays")?;
            Ok(Expr::ScalarFunction(ScalarFunction::new_udf(
                map_from_arrays,
                vec![make_array(keys), make_array(values)],
            )))
        }
        _ => from_nested(consumer, nested, input_schema).await,
    }
}
