// SPDX-License-Identifier: Apache-2.0
//! Spark's CSV schema inference (`inferSchema=true`), in one parallel pass.
//!
//! Spark reads every row and gives each column the narrowest type all its
//! non-empty values fit, trying in turn `int`, `bigint`, `double`, `boolean`
//! (only `true`/`false`), `date` (`yyyy-MM-dd`), `timestamp`, else `string`.
//! The file is scanned once as text by DataFusion's parallel CSV reader, and
//! one aggregate counts, per column and candidate type, the values that parse.

use std::sync::Arc;

use datafusion::arrow::array::{Array, Int64Array};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::common::Column;
use datafusion::functions::expr_fn::{character_length, lower};
use datafusion::functions_aggregate::expr_fn::count;
use datafusion::logical_expr::{Expr, TryCast, col, lit, when};
use datafusion::prelude::DataFrame;

use crate::error::{Error, Result};

/// The types a column may get, narrowest first.
const CANDIDATES: [DataType; 6] = [
    DataType::Int32,
    DataType::Int64,
    DataType::Float64,
    DataType::Boolean,
    DataType::Date32,
    DataType::Timestamp(TimeUnit::Microsecond, None),
];

/// An expression that is non-null exactly where `value` is a valid `candidate`.
///
/// Parsing is the cost of inference, so each value is parsed as few times as
/// possible: `int` reuses the `bigint` parse (the optimizer shares it), and the
/// boolean, date and timestamp parses only run on values of a plausible shape.
fn parsed_as(candidate: &DataType, value: Expr) -> Result<Expr> {
    let try_cast = |value: Expr, data_type: DataType| Expr::TryCast(TryCast::new(Box::new(value), data_type));
    let looks_like_a_date = || value.clone().like(lit("____-__-__%"));
    Ok(match candidate {
        DataType::Int32 => {
            let long = try_cast(value, DataType::Int64);
            when(long.clone().between(lit(i64::from(i32::MIN)), lit(i64::from(i32::MAX))), long).end()?
        }
        // Arrow also reads `t`, `yes`, `1` as true; Spark's inference only `true`/`false`.
        DataType::Boolean => when(
            character_length(value.clone()).lt_eq(lit(5)),
            when(lower(value).in_list(vec![lit("true"), lit("false")], false), lit(true)).end()?,
        )
        .end()?,
        // Spark infers dates only in its default `yyyy-MM-dd` form.
        DataType::Date32 => when(value.clone().like(lit("____-__-__")), try_cast(value, DataType::Date32)).end()?,
        DataType::Timestamp(..) => when(looks_like_a_date(), try_cast(value, candidate.clone())).end()?,
        _ => try_cast(value, candidate.clone()),
    })
}

/// The type Spark gives a column of the candidate: timestamps are instants (UTC here).
fn spark_type(candidate: &DataType) -> DataType {
    match candidate {
        DataType::Timestamp(unit, None) => DataType::Timestamp(*unit, Some("UTC".into())),
        other => other.clone(),
    }
}

/// Infer the types of `text`'s columns (all read as strings) the way Spark does.
pub(crate) async fn infer_types(text: DataFrame) -> Result<SchemaRef> {
    let schema = text.schema().as_arrow().clone();
    let mut counts = Vec::new();
    for (index, field) in schema.fields().iter().enumerate() {
        let value = col(Column::from_name(field.name()));
        counts.push(count(value.clone()).alias(format!("values_{index}")));
        for (position, candidate) in CANDIDATES.iter().enumerate() {
            counts.push(count(parsed_as(candidate, value.clone())?).alias(format!("fits_{index}_{position}")));
        }
    }
    let batches = text.aggregate(vec![], counts)?.collect().await?;
    let batch = batches.first().ok_or_else(|| Error::Internal("schema inference returned no row".to_string()))?;
    let number = |column: usize| -> Result<i64> {
        let array = batch
            .column(column)
            .as_any()
            .downcast_ref::<Int64Array>()
            .ok_or_else(|| Error::Internal("schema inference counts are not bigint".to_string()))?;
        Ok(if array.is_null(0) { 0 } else { array.value(0) })
    };
    let per_column = CANDIDATES.len() + 1;
    let mut fields = Vec::with_capacity(schema.fields().len());
    for (index, field) in schema.fields().iter().enumerate() {
        let values = number(index * per_column)?;
        let mut inferred = DataType::Utf8;
        if values > 0 {
            for (position, candidate) in CANDIDATES.iter().enumerate() {
                if number(index * per_column + 1 + position)? == values {
                    inferred = spark_type(candidate);
                    break;
                }
            }
        }
        fields.push(Field::new(field.name(), inferred, true));
    }
    Ok(Arc::new(Schema::new(fields)))
}
