// SPDX-License-Identifier: Apache-2.0
//! The relation tree as a picture: Graphviz DOT (<https://graphviz.org/doc/info/lang.html>)
//! and Mermaid flowcharts (<https://mermaid.js.org/syntax/flowchart.html>).
//! Edges point from a relation to its inputs.

use super::node::Node;

pub(crate) fn dot(nodes: &[Node]) -> String {
    let mut lines = vec![
        "digraph plan {".to_string(),
        "  node [shape=box, fontname=\"monospace\"];".to_string(),
    ];
    let mut next = 0;
    for node in nodes {
        dot_node(node, &mut next, &mut lines);
    }
    lines.push("}".to_string());
    lines.join("\n") + "\n"
}

fn dot_node(node: &Node, next: &mut usize, lines: &mut Vec<String>) -> usize {
    let id = *next;
    *next += 1;
    // `\l` ends a left-aligned line in a DOT label.
    let label: String = label_lines(node)
        .iter()
        .map(|line| format!("{}\\l", dot_escape(line)))
        .collect();
    lines.push(format!("  n{id} [label=\"{label}\"];"));
    for child in &node.children {
        let child_id = dot_node(child, next, lines);
        lines.push(format!("  n{id} -> n{child_id};"));
    }
    id
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

pub(crate) fn mermaid(nodes: &[Node]) -> String {
    let mut lines = vec!["flowchart TD".to_string()];
    let mut next = 0;
    for node in nodes {
        mermaid_node(node, &mut next, &mut lines);
    }
    lines.join("\n") + "\n"
}

fn mermaid_node(node: &Node, next: &mut usize, lines: &mut Vec<String>) -> usize {
    let id = *next;
    *next += 1;
    let label = label_lines(node)
        .iter()
        .map(|line| mermaid_escape(line))
        .collect::<Vec<_>>()
        .join("<br/>");
    lines.push(format!("  n{id}[\"{label}\"]"));
    for child in &node.children {
        let child_id = mermaid_node(child, next, lines);
        lines.push(format!("  n{id} --> n{child_id}"));
    }
    id
}

/// Mermaid labels take HTML entities (`#quot;`) for characters its syntax uses.
fn mermaid_escape(text: &str) -> String {
    text.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn label_lines(node: &Node) -> Vec<String> {
    let mut lines = vec![node.kind.clone()];
    lines.extend(node.details.iter().cloned());
    if let Some(schema) = &node.schema {
        lines.push(format!("schema: {schema}"));
    }
    lines
}
