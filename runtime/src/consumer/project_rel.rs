// SPDX-License-Identifier: Apache-2.0
//! `ProjectRel` (<https://substrait.io/relations/logical_relations/#project-operation>).
//!
//! By the spec a projection outputs its input's fields followed by its
//! expressions, unless an emit mapping says otherwise. DuckDB's producer
//! (at least up to 1.1, spec 0.53) writes projections that mean "the
//! expressions only" and omits the emit; its own consumer reads them that
//! way. Plans whose `version.producer` is DuckDB therefore get that reading
//! (see [`Dialect`]); every other plan gets the spec's.

use datafusion::common::Column;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder};
use datafusion_substrait::logical_plan::consumer::from_project_rel;
use substrait::proto::rel_common::EmitKind;
use substrait::proto::{Plan, ProjectRel};

use super::SparkConsumer;

/// Producer-specific readings of plans that deviate from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Dialect {
    /// Plans read as the specification says.
    #[default]
    Standard,
    /// DuckDB's producer: a `ProjectRel` without emit outputs only its expressions.
    DuckDb,
}

impl Dialect {
    /// The dialect a plan's `version.producer` announces.
    pub(crate) fn of(plan: &Plan) -> Self {
        match &plan.version {
            Some(version) if version.producer.eq_ignore_ascii_case("duckdb") => Dialect::DuckDb,
            _ => Dialect::Standard,
        }
    }
}

pub(super) async fn consume_project(
    consumer: &SparkConsumer<'_>,
    rel: &ProjectRel,
) -> datafusion::common::Result<LogicalPlan> {
    let plan = from_project_rel(consumer, rel).await?;
    let has_emit = matches!(
        rel.common
            .as_ref()
            .and_then(|common| common.emit_kind.as_ref()),
        Some(EmitKind::Emit(_))
    );
    if consumer.dialect() != Dialect::DuckDb || has_emit {
        return Ok(plan);
    }
    let schema = plan.schema().clone();
    let first_expression = schema.fields().len().saturating_sub(rel.expressions.len());
    let expressions: Vec<Expr> = (first_expression..schema.fields().len())
        .map(|index| Expr::Column(Column::from(schema.qualified_field(index))))
        .collect();
    LogicalPlanBuilder::from(plan).project(expressions)?.build()
}
