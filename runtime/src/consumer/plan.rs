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
//! refuses when the names differ; we rebuild such structs field by field
//! (keeping null structs null) instead.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue, not_impl_err, substrait_err};
use datafusion::execution::FunctionRegistry;
use datafusion::functions::core::expr_fn::get_field;
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder, cast, lit, when};
use datafusion_substrait::logical_plan::consumer::{SubstraitConsumer, rename_data_type};
use substrait::proto::{Plan, PlanRel, RelRoot, plan_rel};

use super::SparkConsumer;
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
            rename_nested(consumer, column, field.data_type(), &root.names, &mut next)?;
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
    consumer: &SparkConsumer<'_>,
    value: Expr,
    data_type: &DataType,
    names: &[String],
    next: &mut usize,
) -> datafusion::common::Result<(Expr, bool)> {
    match data_type {
        DataType::Struct(fields) => {
            let mut renamed_type_names = *next;
            let renamed_type =
                rename_data_type(data_type, &names.to_vec(), &mut renamed_type_names)?;
            let mut arguments = Vec::with_capacity(fields.len() * 2);
            let mut changed = false;
            for field in fields {
                let name = next_name(names, next)?;
                let child = get_field(value.clone(), field.name().as_str());
                let (child, child_changed) =
                    rename_nested(consumer, child, field.data_type(), names, next)?;
                changed |= child_changed || name != field.name();
                arguments.push(lit(name));
                arguments.push(child);
            }
            if !changed {
                return Ok((value, false));
            }
            let named_struct = consumer.state().udf("named_struct")?;
            let rebuilt = Expr::ScalarFunction(ScalarFunction::new_udf(named_struct, arguments));
            let null = ScalarValue::try_from(&renamed_type)?;
            Ok((
                when(value.is_not_null(), rebuilt).otherwise(lit(null))?,
                true,
            ))
        }
        DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(..)
        | DataType::Map(..) => {
            // Structs inside lists and maps keep DataFusion's renaming by cast.
            let names_before = *next;
            let renamed = rename_data_type(data_type, &names.to_vec(), next)?;
            let changed = *next != names_before && &renamed != data_type;
            Ok(if changed {
                (cast(value, renamed), true)
            } else {
                (value, false)
            })
        }
        _ => Ok((value, false)),
    }
}
