// SPDX-License-Identifier: Apache-2.0
//! `ProjectRel` (<https://substrait.io/relations/logical_relations/#project-operation>):
//! the input's fields followed by one field per expression (an emit usually
//! picks the ones wanted).

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
    let mut schema = input?;
    schema.columns.extend(computed);
    Some(schema)
}
