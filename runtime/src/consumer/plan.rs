// SPDX-License-Identifier: Apache-2.0
//! A whole `Plan` (<https://substrait.io/serialization/binary_serialization/>):
//! one `RelRoot` plus, optionally, other relation trees that `ReferenceRel`s
//! point at by ordinal (shared subtrees, such as common table expressions).
//!
//! datafusion-substrait accepts exactly one relation; with more, we keep the
//! plain `Rel` trees for [`super::reference_rel`] and consume the root.
//!
//! The root's `names` name the output columns and, depth first, the fields of
//! struct columns. DataFusion renames struct fields with a cast, which Arrow
//! refuses when the names differ; we relabel the data instead ([`Relabel`]).

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, not_impl_err, substrait_err};
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, rename_data_type};
use substrait::proto::{Plan, PlanRel, RelRoot, plan_rel};

use super::SparkConsumer;
use super::relabel::Relabel;
use super::project_rel::Dialect;

/// Consume a plan, its root relation and the trees it references.
pub(crate) async fn from_plan(
    consumer: &SparkConsumer<'_>,
    plan: &Plan,
) -> datafusion::common::Result<LogicalPlan> {
    let trees = plan
        .relations
        .iter()
        .map(|relation| match &relation.rel_type {
            Some(plan_rel::RelType::Rel(rel)) => Some(rel.clone()),
            Some(plan_rel::RelType::Root(root)) => root.input.clone(),
            None => None,
        })
        .collect();
    if consumer.relations.set(trees).is_err() || consumer.dialect.set(Dialect::of(plan)).is_err() {
        return substrait_err!("a consumer consumes one plan");
    }
    let roots: Vec<&PlanRel> = plan
        .relations
        .iter()
        .filter(|relation| matches!(relation.rel_type, Some(plan_rel::RelType::Root(_))))
        .collect();
    match (plan.relations.as_slice(), roots.as_slice()) {
        ([], _) => substrait_err!("Plan.relations is empty"),
        (
            [
                PlanRel {
                    rel_type: Some(plan_rel::RelType::Rel(rel)),
                },
            ],
            _,
        ) => consumer.consume_rel(rel).await,
        (
            _,
            [
                PlanRel {
                    rel_type: Some(plan_rel::RelType::Root(root)),
                },
            ],
        ) => consume_root(consumer, root).await,
        (_, []) => substrait_err!("a plan with several relation trees needs one RelRoot to run"),
        (_, _) => not_impl_err!(
            "plans with {} RelRoot trees (only one result can be returned)",
            roots.len()
        ),
    }
}

/// The root's relation, with its output named as `RelRoot.names` says.
async fn consume_root(
    consumer: &SparkConsumer<'_>,
    root: &RelRoot,
) -> datafusion::common::Result<LogicalPlan> {
    let Some(input) = &root.input else {
        return substrait_err!("RelRoot.input is required");
    };
    let plan = consumer.consume_rel(input).await?;
    if root.names.is_empty() {
        return Ok(plan);
    }
    let schema = plan.schema().clone();
    let mut next = 0;
    let mut changed = false;
    let mut columns = Vec::with_capacity(schema.fields().len());
    for (qualifier, field) in schema.iter() {
        let name = next_name(&root.names, &mut next)?;
        let column = Expr::Column(Column::from((qualifier, field)));
        let (renamed, nested_changed) =
            rename_nested(column, field.data_type(), &root.names, &mut next)?;
        changed |= nested_changed || name != field.name();
        columns.push(renamed.alias(name));
    }
    if next != root.names.len() {
        return substrait_err!(
            "RelRoot.names has {} names; the output has {next} columns and nested fields",
            root.names.len()
        );
    }
    if !changed {
        return Ok(plan);
    }
    LogicalPlanBuilder::from(plan).project(columns)?.build()
}

fn next_name<'n>(names: &'n [String], next: &mut usize) -> datafusion::common::Result<&'n str> {
    let Some(name) = names.get(*next) else {
        return substrait_err!(
            "RelRoot.names has {} names; the output has more columns and nested fields",
            names.len()
        );
    };
    *next += 1;
    Ok(name)
}

/// `value` with the struct fields inside `data_type` named from `names`; whether anything changed.
fn rename_nested(
    value: Expr,
    data_type: &DataType,
    names: &[String],
    next: &mut usize,
) -> datafusion::common::Result<(Expr, bool)> {
    let renamed = rename_data_type(data_type, &names.to_vec(), next)?;
    if &renamed == data_type {
        return Ok((value, false));
    }
    let relabelled = Expr::ScalarFunction(ScalarFunction::new_udf(Relabel::udf(renamed), vec![value]));
    Ok((relabelled, true))
}
