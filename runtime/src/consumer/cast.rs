// SPDX-License-Identifier: Apache-2.0
//! Casts (<https://substrait.io/expressions/specialized_record_expressions/#cast-expression>).
//!
//! datafusion-substrait makes `FAILURE_BEHAVIOR_RETURN_NULL` a `TRY_CAST`,
//! which is Spark's legacy (non-ANSI) `CAST` except for strings cast to
//! integers: Spark's legacy parser keeps the integer part of `'12.5'`, so
//! those become our [`StringToInteger`]. Other casts are `CAST`s, Spark's ANSI
//! ones; numbers cast to narrower integers become our [`CheckedCast`], which
//! fails with Spark's `CAST_OVERFLOW`. Casts between timestamps and zone-less
//! types (strings, dates, `TIMESTAMP_NTZ`) take the session time zone: our
//! [`SessionTimeCast`]. Casts that only rename nested fields or change their
//! nullability relabel the data ([`Relabel`]).

use std::sync::Arc;

use datafusion::common::DFSchema;
use datafusion::logical_expr::expr::{Cast, ScalarFunction as ScalarFunctionExpr, TryCast};
use datafusion::logical_expr::{Expr, ExprSchemable, ScalarUDF};
use datafusion_substrait::logical_plan::consumer::from_cast;
use substrait::proto::expression::Cast as SubstraitCast;

use super::SparkConsumer;
use super::relabel::Relabel;
use crate::functions::checked_cast::CheckedCast;
use crate::functions::datetime::time_cast::SessionTimeCast;
use crate::functions::string_to_integer::StringToInteger;

pub(super) async fn consume_cast(
    consumer: &SparkConsumer<'_>,
    cast: &SubstraitCast,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let converted = from_cast(consumer, cast, input_schema).await?;
    if let Expr::TryCast(TryCast { expr, field }) | Expr::Cast(Cast { expr, field }) = &converted
        && Relabel::relabels(&expr.get_type(input_schema)?, field.data_type())
    {
        let relabel = Relabel::udf(field.data_type().clone());
        return Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(relabel, vec![(**expr).clone()])));
    }
    let udf = match &converted {
        Expr::TryCast(TryCast { expr, field })
            if StringToInteger::converts(&expr.get_type(input_schema)?, field.data_type()) =>
        {
            ScalarUDF::new_from_impl(StringToInteger::new(field.data_type().clone()))
        }
        Expr::TryCast(TryCast { expr, field }) if SessionTimeCast::converts(&expr.get_type(input_schema)?, field.data_type()) => {
            ScalarUDF::new_from_impl(SessionTimeCast::new(field.data_type().clone(), false))
        }
        Expr::Cast(Cast { expr, field }) if SessionTimeCast::converts(&expr.get_type(input_schema)?, field.data_type()) => {
            ScalarUDF::new_from_impl(SessionTimeCast::new(field.data_type().clone(), true))
        }
        Expr::Cast(Cast { expr, field }) if CheckedCast::checks(&expr.get_type(input_schema)?, field.data_type()) => {
            ScalarUDF::new_from_impl(CheckedCast::new(field.data_type().clone()))
        }
        _ => return Ok(converted),
    };
    let (Expr::TryCast(TryCast { expr, .. }) | Expr::Cast(Cast { expr, .. })) = converted else {
        return Ok(converted);
    };
    Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(Arc::new(udf), vec![*expr])))
}
