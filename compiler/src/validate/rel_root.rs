// SPDX-License-Identifier: Apache-2.0
//! `RelRoot` (<https://substrait.io/relations/basics/#relation-root>): the
//! output names, one per field in depth-first order (fields of nested structs
//! are named too), must match the input's output.

use substrait::proto::RelRoot;

use super::Validator;
use super::rel::input_rel;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{self, Column, Schema};

pub(crate) fn validate_rel_root(
    root: &RelRoot,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let input = input_rel(
        root.input.as_ref(),
        &path.field("input"),
        "RelRoot.input",
        depth,
        validator,
    )?;
    if root.names.is_empty() {
        // Consumers then keep the names they derive; not an error.
        return Some(input);
    }
    let all_known = input.columns.iter().all(|column| column.r#type.is_some());
    let count = |through_collections: bool| -> usize {
        input
            .columns
            .iter()
            .map(|column| {
                1 + column
                    .r#type
                    .as_ref()
                    .map(|t| types::nested_name_count(t, through_collections))
                    .unwrap_or(0)
            })
            .sum()
    };
    let (structs_only, through_collections) = (count(false), count(true));
    let fits = root.names.len() == structs_only || root.names.len() == through_collections;
    if !fits && (all_known || root.names.len() < input.width()) {
        let expected = if structs_only == through_collections {
            structs_only.to_string()
        } else {
            format!(
                "{structs_only} (or {through_collections} naming structs inside lists and maps)"
            )
        };
        validator.report(
            Diagnostic::error(
                Code::RootNamesMismatch,
                path.field("names"),
                format!(
                    "root has {} names but its output needs {expected}",
                    root.names.len()
                ),
            )
            .with_note(format!(
                "output schema: {}",
                crate::render::schema_text(&input)
            ))
            .with_note(
                "names are given depth first: each field, then the fields of a nested struct",
            ),
        );
    }
    // The named schema: top-level names picked out of the depth-first list.
    let mut names = root.names.iter();
    let columns = input
        .columns
        .iter()
        .map(|column| {
            let name = names.next().cloned();
            for _ in 0..column
                .r#type
                .as_ref()
                .map(|t| types::nested_name_count(t, false))
                .unwrap_or(0)
            {
                names.next();
            }
            Column {
                name: name.or_else(|| column.name.clone()),
                r#type: column.r#type.clone(),
            }
        })
        .collect();
    let schema = Schema { columns };
    validator.record_schema(path, &schema);
    Some(schema)
}
