// SPDX-License-Identifier: Apache-2.0
//! Rendering for people: the relation tree as text ([`tree`]), as a Graphviz
//! graph ([`dot`]) or as a Mermaid flowchart ([`mermaid`]), and diagnostics in
//! the full rustc-like form ([`diagnostic_full`]). The model (what a node
//! shows) is built once in `node`; the three pictures only lay it out.

mod expression;
mod full;
mod graph;
mod node;
mod tree;

use substrait::proto::Plan;

pub use full::diagnostic_full;

use crate::types::{self, Schema};

/// The plan as an indented tree: one node per relation with its kind, key
/// details (expressions with function names) and output schema.
pub fn tree(plan: &Plan) -> String {
    tree::render(&node::build(plan))
}

/// The relation tree as a Graphviz DOT digraph with the same node labels as [`tree`].
pub fn dot(plan: &Plan) -> String {
    graph::dot(&node::build(plan))
}

/// The relation tree as a Mermaid flowchart with the same node labels as [`tree`].
pub fn mermaid(plan: &Plan) -> String {
    graph::mermaid(&node::build(plan))
}

/// A schema on one line: `(id: i64, name: string?, #2: fp64)`.
pub(crate) fn schema_text(schema: &Schema) -> String {
    let fields: Vec<String> = schema
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let name = column.name.clone().unwrap_or_else(|| format!("#{index}"));
            format!("{name}: {}", types::optional(column.r#type.as_ref()))
        })
        .collect();
    format!("({})", fields.join(", "))
}
