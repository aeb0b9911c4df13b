// SPDX-License-Identifier: Apache-2.0
//! `AggregateRel` (<https://substrait.io/relations/logical_relations/#aggregate-operation>):
//! the distinct grouping keys of every grouping set, in order of first
//! appearance, then one field per measure, then (with more than one grouping
//! set) the index of the grouping set a row belongs to. A key missing from
//! some grouping set is null in that set's rows.
//!
//! Keys come in two forms: the newer `AggregateRel.grouping_expressions` with
//! `Grouping.expression_references`, and the deprecated inline
//! `Grouping.grouping_expressions` that older consumers still want.

use substrait::proto::{AggregateRel, Expression, Type};

use super::Validator;
use super::expr::function_call::{check_call, validate_arguments};
use super::expr::{Scope, expect_boolean, validate_expression};
use super::rel::input_rel;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::extensions::FunctionKind;
use crate::types::{self, Column, Schema};

pub(crate) fn validate_aggregate_rel(
    aggregate: &AggregateRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        aggregate.input.as_deref(),
        &path.field("input"),
        "AggregateRel.input",
        depth,
        validator,
    );
    let scope = Scope {
        input: input.as_ref(),
        rel_depth: depth,
    };

    let shared: Vec<Option<Type>> = aggregate
        .grouping_expressions
        .iter()
        .enumerate()
        .map(|(index, key)| {
            validate_expression(
                key,
                &path.index("grouping_expressions", index),
                scope,
                0,
                validator,
            )
        })
        .collect();

    // Each distinct key with its type, and in which grouping sets it appears.
    let mut keys: Vec<(KeyIdentity, Option<Type>, Vec<usize>)> = Vec::new();
    let mut note_key = |identity: KeyIdentity, key_type: Option<Type>, set: usize| match keys
        .iter_mut()
        .find(|(known, _, _)| *known == identity)
    {
        Some((_, _, sets)) => sets.push(set),
        None => keys.push((identity, key_type, vec![set])),
    };
    for (set, grouping) in aggregate.groupings.iter().enumerate() {
        let grouping_path = path.index("groupings", set);
        for (position, reference) in grouping.expression_references.iter().enumerate() {
            match usize::try_from(*reference)
                .ok()
                .and_then(|index| shared.get(index).map(|key| (index, key)))
            {
                Some((index, key_type)) => {
                    note_key(KeyIdentity::Shared(index), key_type.clone(), set)
                }
                None => validator.report(Diagnostic::error(
                    Code::FieldReferenceOutOfRange,
                    grouping_path.index("expression_references", position),
                    format!(
                        "grouping refers to grouping expression {reference} of {}",
                        shared.len()
                    ),
                )),
            }
        }
        #[expect(
            deprecated,
            reason = "older producers and consumers use the inline grouping expressions"
        )]
        let inline = &grouping.grouping_expressions;
        // Producers that write both forms (datafusion-substrait, our portable plans) repeat
        // the shared keys inline for older consumers: then the shared form defines the keys.
        let inline_defines_keys = aggregate.grouping_expressions.is_empty();
        for (position, key) in inline.iter().enumerate() {
            let key_type = validate_expression(
                key,
                &grouping_path.index("grouping_expressions", position),
                scope,
                0,
                validator,
            );
            if inline_defines_keys {
                note_key(KeyIdentity::Inline(key.clone()), key_type, set);
            }
        }
    }

    let set_count = aggregate.groupings.len();
    let mut columns: Vec<Column> = keys
        .into_iter()
        .map(|(_, key_type, sets)| {
            let in_every_set = sets.len() >= set_count;
            let key_type = key_type.map(|key_type| {
                let nullable = types::is_nullable(&key_type) || !in_every_set;
                types::with_nullability(key_type, nullable)
            });
            Column {
                name: None,
                r#type: key_type,
            }
        })
        .collect();

    for (index, measure) in aggregate.measures.iter().enumerate() {
        let measure_path = path.index("measures", index);
        let r#type = match &measure.measure {
            Some(function) => {
                let function_path = measure_path.field("measure");
                let arguments =
                    validate_arguments(&function.arguments, &function_path, scope, 0, validator);
                for (position, sort) in function.sorts.iter().enumerate() {
                    if let Some(key) = &sort.expr {
                        validate_expression(
                            key,
                            &function_path.index("sorts", position).field("expr"),
                            scope,
                            0,
                            validator,
                        );
                    }
                }
                let output = function.output_type.as_ref();
                check_call(
                    function.function_reference,
                    FunctionKind::Aggregate,
                    &arguments,
                    output,
                    &function_path,
                    validator,
                )
            }
            None => {
                validator.report(super::missing_field(
                    &measure_path.field("measure"),
                    "Measure.measure",
                ));
                None
            }
        };
        if let Some(filter) = &measure.filter {
            let filter_path = measure_path.field("filter");
            let filter_type = validate_expression(filter, &filter_path, scope, 0, validator);
            expect_boolean(
                filter_type.as_ref(),
                &filter_path,
                "measure filter",
                validator,
            );
        }
        columns.push(Column { name: None, r#type });
    }
    if set_count > 1 {
        columns.push(Column {
            name: None,
            r#type: Some(types::i32(false)),
        });
    }
    input?;
    Some(Schema { columns })
}

/// What makes two grouping keys the same key.
#[derive(PartialEq)]
enum KeyIdentity {
    /// The `index`-th of `AggregateRel.grouping_expressions`.
    Shared(usize),
    /// An inline expression, equal by value.
    Inline(Expression),
}
