// SPDX-License-Identifier: Apache-2.0
//! Walking relations (<https://substrait.io/relations/logical_relations/>):
//! every relation must say what it is, and its inputs and expressions are
//! checked in turn.

use substrait::proto::rel::RelType;
use substrait::proto::{Expression, Rel};

use super::expression::validate_expression;
use super::{MAX_DEPTH, Validator, missing_field, too_deep};
use crate::diagnostic::PlanPath;

pub(crate) fn validate_rel(rel: &Rel, path: &PlanPath, depth: usize, validator: &mut Validator) {
    if depth > MAX_DEPTH {
        validator.report(too_deep(path));
        return;
    }
    let Some(rel_type) = &rel.rel_type else {
        validator.report(missing_field(path, "Rel.rel_type"));
        return;
    };
    let input = |input: &Option<Box<Rel>>, variant: &str, validator: &mut Validator| {
        let input_path = path.variant(variant).field("input");
        match input {
            Some(input) => validate_rel(input, &input_path, depth + 1, validator),
            None => validator.report(missing_field(&input_path, &format!("{variant}.input"))),
        }
    };
    // Expressions nest independently of relations, so their depth starts afresh.
    let expression = |expression: &Expression, expression_path: PlanPath, validator: &mut Validator| {
        validate_expression(expression, &expression_path, 0, validator);
    };
    match rel_type {
        RelType::Read(read) => {
            if let Some(filter) = &read.filter {
                expression(filter, path.variant("read").field("filter"), validator);
            }
        }
        RelType::Filter(filter) => {
            input(&filter.input, "filter", validator);
            match &filter.condition {
                Some(condition) => expression(condition, path.variant("filter").field("condition"), validator),
                None => validator.report(missing_field(&path.variant("filter"), "FilterRel.condition")),
            }
        }
        RelType::Project(project) => {
            input(&project.input, "project", validator);
            for (index, item) in project.expressions.iter().enumerate() {
                expression(item, path.variant("project").index("expressions", index), validator);
            }
        }
        RelType::Aggregate(aggregate) => {
            input(&aggregate.input, "aggregate", validator);
            for (index, item) in aggregate.grouping_expressions.iter().enumerate() {
                expression(item, path.variant("aggregate").index("grouping_expressions", index), validator);
            }
            for (index, measure) in aggregate.measures.iter().enumerate() {
                let measure_path = path.variant("aggregate").index("measures", index);
                if let Some(function) = &measure.measure {
                    validator.check_function_reference(function.function_reference, &measure_path.field("measure"));
                }
            }
        }
        RelType::Sort(sort) => {
            input(&sort.input, "sort", validator);
            for (index, field) in sort.sorts.iter().enumerate() {
                if let Some(item) = &field.expr {
                    expression(item, path.variant("sort").index("sorts", index).field("expr"), validator);
                }
            }
        }
        RelType::Fetch(fetch) => input(&fetch.input, "fetch", validator),
        RelType::Join(join) => {
            input(&join.left, "join", validator);
            let right_path = path.variant("join").field("right");
            match &join.right {
                Some(right) => validate_rel(right, &right_path, depth + 1, validator),
                None => validator.report(missing_field(&right_path, "JoinRel.right")),
            }
            if let Some(condition) = &join.expression {
                expression(condition, path.variant("join").field("expression"), validator);
            }
        }
        RelType::Cross(cross) => {
            for (side, rel) in [("left", &cross.left), ("right", &cross.right)] {
                let side_path = path.variant("cross").field(side);
                match rel {
                    Some(rel) => validate_rel(rel, &side_path, depth + 1, validator),
                    None => validator.report(missing_field(&side_path, &format!("CrossRel.{side}"))),
                }
            }
        }
        RelType::Set(set) => {
            for (index, rel) in set.inputs.iter().enumerate() {
                validate_rel(rel, &path.variant("set").index("inputs", index), depth + 1, validator);
            }
        }
        // Other relations are checked by the consumer for now.
        _ => {}
    }
}
