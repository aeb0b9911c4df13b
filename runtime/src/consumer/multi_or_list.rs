// SPDX-License-Identifier: Apache-2.0
//! `MultiOrList` (<https://substrait.io/expressions/specialized_record_expressions/>):
//! `(a, b) IN ((1, 2), (3, 4))`. It becomes the disjunction of the records'
//! conjunctions of equalities, which has SQL's three-valued result: true if a
//! record matches, null if none matches but one might (a null compared),
//! false otherwise.

use datafusion::common::{DFSchema, substrait_err};
use datafusion::logical_expr::utils::{conjunction, disjunction};
use datafusion::logical_expr::{Expr, lit};
use datafusion_substrait::logical_plan::consumer::SubstraitConsumer;
use substrait::proto::expression::MultiOrList;

use super::SparkConsumer;

pub(super) async fn consume_multi_or_list(
    consumer: &SparkConsumer<'_>,
    list: &MultiOrList,
    input_schema: &DFSchema,
) -> datafusion::common::Result<Expr> {
    if list.value.is_empty() {
        return substrait_err!("MultiOrList.value must not be empty");
    }
    let mut values = Vec::with_capacity(list.value.len());
    for value in &list.value {
        values.push(consumer.consume_expression(value, input_schema).await?);
    }
    let mut records = Vec::with_capacity(list.options.len());
    for (index, record) in list.options.iter().enumerate() {
        if record.fields.len() != values.len() {
            return substrait_err!(
                "MultiOrList.options[{index}] has {} fields, the value has {}",
                record.fields.len(),
                values.len()
            );
        }
        let mut equalities = Vec::with_capacity(values.len());
        for (value, field) in values.iter().zip(&record.fields) {
            let option = consumer.consume_expression(field, input_schema).await?;
            equalities.push(value.clone().eq(option));
        }
        records.extend(conjunction(equalities));
    }
    // An empty list matches nothing.
    Ok(disjunction(records).unwrap_or_else(|| lit(false)))
}
