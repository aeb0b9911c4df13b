// SPDX-License-Identifier: Apache-2.0
//! Casts (<https://substrait.io/expressions/specialized_record_expressions/#cast-expression>).
//!
//! datafusion-substrait makes `FAILURE_BEHAVIOR_RETURN_NULL` a `TRY_CAST`,
//! which is Spark's legacy (non-ANSI) `CAST` except for strings cast to
//! integers: Spark's legacy parser keeps the integer part of `'12.5'`, so
//! those become our [`StringToInteger`].

use std::sync::Arc;

use datafusion::common::DFSchema;
use datafusion::logical_expr::expr::{ScalarFunction as ScalarFunctionExpr, TryCast};
use datafusion::logical_expr::{Expr, ExprSchemable, ScalarUDF};
use datafusion_substrait::logical_plan::consumer::from_cast;
use substrait::proto::expression::Cast;

use super::SparkConsumer;
use crate::functions::string_to_integer::StringToInteger;

pub(super) async fn consume_cast(
    consumer: &SparkConsumer<'_>,
    cast: &Cast,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let converted = from_cast(consumer, cast, input_schema).await?;
    if let Expr::TryCast(TryCast { expr, field }) = &converted
        && StringToInteger::converts(&expr.get_type(input_schema)?, field.data_type())
    {
        let udf = Arc::new(ScalarUDF::new_from_impl(StringToInteger::new(field.data_type().clone())));
        return Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(udf, vec![(**expr).clone()])));
    }
    Ok(converted)
}
