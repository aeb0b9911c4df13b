// SPDX-License-Identifier: Apache-2.0
//! `SwitchExpression` (<https://substrait.io/expressions/specialized_record_expressions/>):
//! `CASE match WHEN literal THEN value ... ELSE value END`, the simple form of
//! `CASE` that compares one value with literals. DataFusion's `Case` has the
//! same form (`Case { expr: Some(..) }`), including its rule that a null
//! `match` value selects the `ELSE` branch.

use datafusion::common::{DFSchema, substrait_err};
use datafusion::logical_expr::{Case, Expr};
use datafusion_substrait::logical_plan::consumer::SubstraitConsumer;
use substrait::proto::expression::SwitchExpression;

use super::SparkConsumer;

pub(super) async fn consume_switch(
    consumer: &SparkConsumer<'_>,
    switch: &SwitchExpression,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    let Some(matched) = &switch.r#match else {
        return substrait_err!("SwitchExpression.match is required");
    };
    if switch.ifs.is_empty() {
        return substrait_err!("SwitchExpression.ifs must not be empty");
    }
    let matched = consumer.consume_expression(matched, input_schema).await?;
    let mut when_then = Vec::with_capacity(switch.ifs.len());
    for branch in &switch.ifs {
        let (Some(when), Some(then)) = (&branch.r#if, &branch.then) else {
            return substrait_err!("SwitchExpression.IfValue needs both if and then");
        };
        let when = consumer.consume_literal(when).await?;
        let then = consumer.consume_expression(then, input_schema).await?;
        when_then.push((Box::new(when), Box::new(then)));
    }
    let otherwise = match &switch.r#else {
        Some(otherwise) => Some(Box::new(
            consumer.consume_expression(otherwise, input_schema).await?,
        )),
        None => None,
    };
    Ok(Expr::Case(Case::new(
        Some(Box::new(matched)),
        when_then,
        otherwise,
    )))
}
