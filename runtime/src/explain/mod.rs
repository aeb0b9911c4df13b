// SPDX-License-Identifier: Apache-2.0
//! Plans in Spark's vocabulary and layout, for `DataFrame.explain`
//! (<https://spark.apache.org/docs/latest/sql-ref-syntax-qry-explain.html>).
//!
//! Spark prints a plan as a tree, one operator a line, its inputs below it
//! after `:- ` (all but the last) and `+- ` (the last), each level indented
//! under its parent ([`tree`]). The physical plan names each DataFusion
//! operator as Spark names its counterpart ([`spark_names`]: `HashJoinExec`
//! collecting its left input is a `BroadcastHashJoin`, a scan of a cached
//! result an `InMemoryTableScan`), followed by DataFusion's own description
//! of it, so nothing of the plan is hidden; `formatted` lists each operator's
//! DataFusion name and output after the outline, as Spark lists its details.
//! Logical plans keep DataFusion's operators in the same layout; the `cost`
//! mode adds Spark's statistics to each ([`statistics`]).

mod spark_names;
mod statistics;

use std::fmt::{self, Write as _};
use std::sync::Arc;

use datafusion::logical_expr::LogicalPlan;
use datafusion::physical_plan::joins::{CrossJoinExec, HashJoinExec, NestedLoopJoinExec, PartitionMode};
use datafusion::physical_plan::{DisplayFormatType, ExecutionPlan};

pub(crate) use spark_names::{CachedResults, array_address};
pub(crate) use statistics::{Leaf, LeafStatistics, cost_tree, node_address};

use spark_names::{Role, spark_name};

/// A node of a plan as printed: its line and its inputs.
#[derive(Debug, PartialEq)]
pub(crate) struct Line {
    pub(crate) text: String,
    pub(crate) children: Vec<Line>,
}

/// `root` in Spark's tree layout (`TreeNode.generateTreeString`).
pub(crate) fn tree(root: &Line) -> String {
    let mut out = String::new();
    write_tree(root, &mut Vec::new(), &mut out);
    out
}

fn write_tree(line: &Line, last_children: &mut Vec<bool>, out: &mut String) {
    if let Some((last, ancestors)) = last_children.split_last() {
        for ancestor_is_last in ancestors {
            out.push_str(if *ancestor_is_last { "   " } else { ":  " });
        }
        out.push_str(if *last { "+- " } else { ":- " });
    }
    out.push_str(&line.text.replace('\n', " "));
    out.push('\n');
    let count = line.children.len();
    for (index, child) in line.children.iter().enumerate() {
        last_children.push(index + 1 == count);
        write_tree(child, last_children, out);
        last_children.pop();
    }
}

/// DataFusion's one-line description of an operator (`HashJoinExec: mode=...`).
pub(super) fn write_description(plan: &dyn ExecutionPlan, out: &mut String) {
    struct Description<'a>(&'a dyn ExecutionPlan);
    impl fmt::Display for Description<'_> {
        fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt_as(DisplayFormatType::Default, formatter)
        }
    }
    let _ = write!(out, "{}", Description(plan));
}

/// The line of one operator: Spark's name and DataFusion's details, or
/// DataFusion's whole description when Spark has no counterpart.
fn physical_text(plan: &dyn ExecutionPlan, role: Role, cached: &CachedResults) -> (String, String) {
    let mut description = String::new();
    write_description(plan, &mut description);
    let description = description.trim().to_string();
    let Some(name) = spark_name(plan, role, cached) else {
        return (plan.name().to_string(), description);
    };
    // DataFusion's description opens with its operator's name (`SortExec: TopK(...)`).
    let details = match description.split_once(':') {
        Some((head, rest)) if head.ends_with("Exec") && !head.contains(' ') => rest.trim(),
        _ if description.ends_with("Exec") && !description.contains(' ') => "",
        _ => &description,
    };
    let text = if details.is_empty() { name.clone() } else { format!("{name} {details}") };
    (name, text)
}

/// The roles of a join's inputs: the input a join collects whole is broadcast.
fn input_roles(plan: &dyn ExecutionPlan) -> [Role; 2] {
    let collects_left = plan
        .downcast_ref::<HashJoinExec>()
        .is_some_and(|join| *join.partition_mode() == PartitionMode::CollectLeft)
        || plan.is::<NestedLoopJoinExec>()
        || plan.is::<CrossJoinExec>();
    if collects_left { [Role::BroadcastInput, Role::Plain] } else { [Role::Plain, Role::Plain] }
}

fn physical_lines(plan: &Arc<dyn ExecutionPlan>, role: Role, cached: &CachedResults) -> Line {
    let roles = input_roles(plan.as_ref());
    let children = plan
        .children()
        .into_iter()
        .enumerate()
        .map(|(index, child)| physical_lines(child, roles.get(index).copied().unwrap_or(Role::Plain), cached))
        .collect();
    Line { text: physical_text(plan.as_ref(), role, cached).1, children }
}

/// The physical plan in Spark's layout and names.
pub(crate) fn physical_tree(plan: &Arc<dyn ExecutionPlan>, cached: &CachedResults) -> String {
    tree(&physical_lines(plan, Role::Plain, cached))
}

/// Spark's `formatted` explain: the outline, operators numbered as Spark
/// numbers them (inputs first), then each operator's details: its DataFusion
/// description and its output columns.
pub(crate) fn physical_formatted(plan: &Arc<dyn ExecutionPlan>, cached: &CachedResults) -> String {
    let mut details = Vec::new();
    let outline = formatted_lines(plan, Role::Plain, cached, &mut details);
    format!("{}\n\n{}", tree(&outline), details.join("\n"))
}

fn formatted_lines(plan: &Arc<dyn ExecutionPlan>, role: Role, cached: &CachedResults, details: &mut Vec<String>) -> Line {
    let roles = input_roles(plan.as_ref());
    let children = plan
        .children()
        .into_iter()
        .enumerate()
        .map(|(index, child)| formatted_lines(child, roles.get(index).copied().unwrap_or(Role::Plain), cached, details))
        .collect();
    let (name, _) = physical_text(plan.as_ref(), role, cached);
    let id = details.len() + 1;
    let mut description = String::new();
    write_description(plan.as_ref(), &mut description);
    let schema = plan.schema();
    let columns: Vec<&str> = schema.fields().iter().map(|field| field.name().as_str()).collect();
    details.push(format!(
        "({id}) {name}\nDataFusion: {}\nOutput [{}]: [{}]\n",
        description.trim(),
        columns.len(),
        columns.join(", ")
    ));
    Line { text: format!("{name} ({id})"), children }
}

/// A logical plan in Spark's layout, each node as DataFusion describes it.
pub(crate) fn logical_tree(plan: &LogicalPlan) -> String {
    fn lines(plan: &LogicalPlan) -> Line {
        Line { text: plan.display().to_string(), children: plan.inputs().into_iter().map(lines).collect() }
    }
    tree(&lines(plan))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, children: Vec<Line>) -> Line {
        Line { text: text.to_string(), children }
    }

    #[test]
    fn lays_trees_out_as_spark() {
        let plan = line(
            "Project [name]",
            vec![line(
                "BroadcastHashJoin",
                vec![
                    line("Filter", vec![line("Scan a", vec![])]),
                    line("BroadcastExchange", vec![line("Filter", vec![line("Scan b", vec![])])]),
                ],
            )],
        );
        let expected = "\
Project [name]
+- BroadcastHashJoin
   :- Filter
   :  +- Scan a
   +- BroadcastExchange
      +- Filter
         +- Scan b
";
        assert_eq!(tree(&plan), expected);
    }
}
