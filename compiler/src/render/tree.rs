// SPDX-License-Identifier: Apache-2.0
//! The text tree: each node's kind, then its details and schema indented
//! under it, children drawn with box-drawing connectors.

use super::node::Node;

pub(crate) fn render(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        out.push_str(&node.kind);
        out.push('\n');
        body(node, "", &mut out);
    }
    out
}

/// The details, schema and children of `node`, every line starting with `prefix`.
fn body(node: &Node, prefix: &str, out: &mut String) {
    let rail = if node.children.is_empty() {
        "  "
    } else {
        "│ "
    };
    for detail in &node.details {
        out.push_str(&format!("{prefix}{rail}{detail}\n"));
    }
    if let Some(schema) = &node.schema {
        out.push_str(&format!("{prefix}{rail}schema: {schema}\n"));
    }
    let count = node.children.len();
    for (index, child) in node.children.iter().enumerate() {
        let last = index + 1 == count;
        let connector = if last { "└─ " } else { "├─ " };
        out.push_str(&format!("{prefix}{connector}{}\n", child.kind));
        let child_prefix = format!("{prefix}{}", if last { "   " } else { "│  " });
        body(child, &child_prefix, out);
    }
}
