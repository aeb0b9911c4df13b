// SPDX-License-Identifier: Apache-2.0
//! `ProjectRel` (<https://substrait.io/relations/logical_relations/#project-operation>):
//! the input's fields followed by one field per expression (an emit usually
//! picks the ones wanted). Plans from DuckDB (`version.producer`) mean the
//! expressions only when there is no emit, and are read that way.

use substrait::proto::ProjectRel;

use super::Validator;
use super::expr::{Scope, validate_expression};
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::{Column, Schema};

pub(crate) fn validate_project_rel(
    project: &ProjectRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        project.input.as_deref(),
        &path.field("input"),
        "ProjectRel.input",
        depth,
        validator,
    );
    let scope = Scope {
        input: input.as_ref(),
        rel_depth: depth,
    };
    let computed: Vec<Column> = project
        .expressions
        .iter()
        .enumerate()
        .map(|(index, expression)| Column {
            name: None,
            r#type: validate_expression(
                expression,
                &path.index("expressions", index),
                scope,
                0,
                validator,
            ),
        })
        .collect();
    let has_emit = project
        .common
        .as_ref()
        .is_some_and(|common| common.emit_kind.is_some());
    if validator.duckdb_projects && !has_emit {
        return Some(Schema { columns: computed });
    }
    let mut schema = input?;
    schema.columns.extend(computed);
    Some(schema)
}
