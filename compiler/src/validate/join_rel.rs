// SPDX-License-Identifier: Apache-2.0
//! `JoinRel` (<https://substrait.io/relations/logical_relations/#join-operation>):
//! a boolean condition over the left and right fields; the output depends on
//! the join type (outer sides become nullable, semi and anti joins keep one
//! side, single joins pad one, mark joins add a boolean mark).

use substrait::proto::JoinRel;
use substrait::proto::join_rel::JoinType;

use super::expr::{Scope, expect_boolean, validate_expression};
use super::rel::input_rel;
use super::{Validator, missing_field};
use crate::diagnostic::{Code, Diagnostic, Level, PlanPath};
use crate::types::{self, Column, Schema};

pub(crate) fn validate_join_rel(
    join: &JoinRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let left = input_rel(
        join.left.as_deref(),
        &path.field("left"),
        "JoinRel.left",
        depth,
        validator,
    );
    let right = input_rel(
        join.right.as_deref(),
        &path.field("right"),
        "JoinRel.right",
        depth,
        validator,
    );
    let both = match (&left, &right) {
        (Some(left), Some(right)) => Some(left.concat(right)),
        _ => None,
    };
    let scope = Scope {
        input: both.as_ref(),
        rel_depth: depth,
    };
    let expression_path = path.field("expression");
    match join.expression.as_deref() {
        Some(condition) => {
            let condition_type =
                validate_expression(condition, &expression_path, scope, 0, validator);
            expect_boolean(
                condition_type.as_ref(),
                &expression_path,
                "join condition",
                validator,
            );
        }
        // The spec requires the condition, but datafusion-python writes comma joins
        // (`FROM a, b WHERE ...`) without one and every engine we run on reads that as
        // `true`: a warning, so those plans still run.
        None => {
            let mut diagnostic = missing_field(&expression_path, "JoinRel.expression");
            diagnostic.level = Level::Warning;
            diagnostic.message.push_str(" (read as `true`: a cross product)");
            validator.report(diagnostic);
        }
    }
    if let Some(filter) = join.post_join_filter.as_deref() {
        let filter_path = path.field("post_join_filter");
        let filter_type = validate_expression(filter, &filter_path, scope, 0, validator);
        expect_boolean(
            filter_type.as_ref(),
            &filter_path,
            "post-join filter",
            validator,
        );
    }
    let join_type = match JoinType::try_from(join.r#type) {
        Ok(JoinType::Unspecified) => {
            validator.report(Diagnostic::error(
                Code::OperationUnspecified,
                path.field("type"),
                "join type is not specified",
            ));
            return None;
        }
        Ok(join_type) => join_type,
        Err(_) => {
            validator.report(Diagnostic::error(
                Code::ProtoEnumValue,
                path.field("type"),
                format!("join type {} is not defined", join.r#type),
            ));
            return None;
        }
    };
    let (left, right) = (left?, right?);
    let mark = Schema {
        columns: vec![Column {
            name: Some("mark".to_string()),
            r#type: Some(types::boolean(true)),
        }],
    };
    Some(match join_type {
        JoinType::Inner => left.concat(&right),
        JoinType::Outer => left.nullable().concat(&right.nullable()),
        JoinType::Left | JoinType::LeftSingle => left.concat(&right.nullable()),
        JoinType::Right | JoinType::RightSingle => left.nullable().concat(&right),
        JoinType::LeftSemi | JoinType::LeftAnti => left,
        JoinType::RightSemi | JoinType::RightAnti => right,
        JoinType::LeftMark => left.concat(&mark),
        JoinType::RightMark => right.concat(&mark),
        JoinType::Unspecified => return None,
    })
}
