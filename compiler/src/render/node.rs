// SPDX-License-Identifier: Apache-2.0
//! What each relation node shows: its kind, its key details and its derived
//! output schema. Built from the plan and its [`Analysis`]; laid out by the
//! tree, DOT and Mermaid renderers.

use substrait::proto::fetch_rel::{CountMode, OffsetMode};
use substrait::proto::join_rel::JoinType;
use substrait::proto::plan_rel::RelType as PlanRelType;
use substrait::proto::read_rel::ReadType;
use substrait::proto::rel::RelType;
use substrait::proto::rel_common::EmitKind;
use substrait::proto::set_rel::SetOp;
use substrait::proto::{Plan, Rel, RelCommon};

use super::expression::{FunctionNames, aggregate_function, expression, sort_fields};
use super::schema_text;
use crate::diagnostic::PlanPath;
use crate::generate::Generate;
use crate::validate::rel::variant_name;
use crate::validate::{Analysis, MAX_DEPTH, analyze};

/// One relation as drawn.
pub(crate) struct Node {
    /// `filter`, `read`, `root`...
    pub(crate) kind: String,
    /// One line each: `condition: gt(field#0, 18:i32)`.
    pub(crate) details: Vec<String>,
    /// The derived output schema, when known.
    pub(crate) schema: Option<String>,
    pub(crate) children: Vec<Node>,
}

/// The drawable tree of every plan relation, in plan order.
pub(crate) fn build(plan: &Plan) -> Vec<Node> {
    let analysis = analyze(plan);
    let names = FunctionNames::of(plan);
    let builder = Builder {
        analysis: &analysis,
        names: &names,
    };
    plan.relations
        .iter()
        .enumerate()
        .map(|(ordinal, relation)| {
            let path = PlanPath::root().index("relations", ordinal);
            match &relation.rel_type {
                Some(PlanRelType::Root(root)) => {
                    let root_path = path.field("root");
                    let children = root
                        .input
                        .iter()
                        .map(|input| builder.rel(input, &root_path.field("input"), 0))
                        .collect();
                    Node {
                        kind: format!("relations[{ordinal}]: root"),
                        details: vec![format!("names: [{}]", root.names.join(", "))],
                        schema: analysis.schema(&root_path).map(schema_text),
                        children,
                    }
                }
                Some(PlanRelType::Rel(rel)) => Node {
                    kind: format!("relations[{ordinal}]: shared subtree"),
                    details: Vec::new(),
                    schema: None,
                    children: vec![builder.rel(rel, &path.field("rel"), 0)],
                },
                None => Node {
                    kind: format!("relations[{ordinal}]: ?"),
                    details: Vec::new(),
                    schema: None,
                    children: Vec::new(),
                },
            }
        })
        .collect()
}

struct Builder<'analysis> {
    analysis: &'analysis Analysis,
    names: &'analysis FunctionNames,
}

impl Builder<'_> {
    fn rel(&self, rel: &Rel, path: &PlanPath, depth: usize) -> Node {
        let schema = self.analysis.schema(path).map(schema_text);
        let Some(rel_type) = &rel.rel_type else {
            return Node {
                kind: "?".to_string(),
                details: Vec::new(),
                schema,
                children: Vec::new(),
            };
        };
        let variant = variant_name(rel_type);
        let at = path.variant(variant);
        let mut details = Vec::new();
        let mut inputs: Vec<(&Rel, PlanPath)> = Vec::new();
        let text = |item: &substrait::proto::Expression| expression(item, self.names);
        let common = match rel_type {
            RelType::Read(read) => {
                match &read.read_type {
                    Some(ReadType::NamedTable(table)) => {
                        details.push(format!("table: {}", table.names.join(".")))
                    }
                    Some(ReadType::VirtualTable(table)) => {
                        #[expect(
                            deprecated,
                            reason = "older producers send virtual tables as literal rows"
                        )]
                        let rows = table.values.len() + table.expressions.len();
                        details.push(format!("virtual table: {rows} rows"));
                    }
                    Some(ReadType::LocalFiles(files)) => {
                        details.push(format!("local files: {} items", files.items.len()));
                    }
                    Some(ReadType::ExtensionTable(_)) => {
                        details.push("extension table".to_string())
                    }
                    Some(ReadType::IcebergTable(_)) => details.push("iceberg table".to_string()),
                    None => {}
                }
                if let Some(filter) = &read.filter {
                    details.push(format!("filter: {}", text(filter)));
                }
                if let Some(select) = read
                    .projection
                    .as_ref()
                    .and_then(|projection| projection.select.as_ref())
                {
                    let fields: Vec<String> = select
                        .struct_items
                        .iter()
                        .map(|item| item.field.to_string())
                        .collect();
                    details.push(format!("projection: [{}]", fields.join(", ")));
                }
                read.common.as_ref()
            }
            RelType::Filter(filter) => {
                details.extend(
                    filter
                        .condition
                        .as_deref()
                        .map(|condition| format!("condition: {}", text(condition))),
                );
                inputs.extend(
                    filter
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                filter.common.as_ref()
            }
            RelType::Project(project) => {
                for item in &project.expressions {
                    details.push(format!("expression: {}", text(item)));
                }
                inputs.extend(
                    project
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                project.common.as_ref()
            }
            RelType::Aggregate(aggregate) => {
                if !aggregate.grouping_expressions.is_empty() {
                    let keys: Vec<String> =
                        aggregate.grouping_expressions.iter().map(text).collect();
                    details.push(format!("grouping expressions: [{}]", keys.join(", ")));
                }
                for grouping in &aggregate.groupings {
                    #[expect(
                        deprecated,
                        reason = "older producers use the inline grouping expressions"
                    )]
                    let inline: Vec<String> =
                        grouping.grouping_expressions.iter().map(text).collect();
                    let references: Vec<String> = grouping
                        .expression_references
                        .iter()
                        .map(|index| format!("#{index}"))
                        .collect();
                    let keys: Vec<String> = references.into_iter().chain(inline).collect();
                    details.push(format!("group by: [{}]", keys.join(", ")));
                }
                for measure in &aggregate.measures {
                    if let Some(function) = &measure.measure {
                        let mut line =
                            format!("measure: {}", aggregate_function(function, self.names));
                        if let Some(filter) = &measure.filter {
                            line.push_str(&format!(" filter {}", text(filter)));
                        }
                        details.push(line);
                    }
                }
                inputs.extend(
                    aggregate
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                aggregate.common.as_ref()
            }
            RelType::Sort(sort) => {
                details.push(format!("keys: {}", sort_fields(&sort.sorts, self.names)));
                inputs.extend(
                    sort.input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                sort.common.as_ref()
            }
            RelType::Fetch(fetch) => {
                match &fetch.offset_mode {
                    #[expect(deprecated, reason = "older producers send the offset as a number")]
                    Some(OffsetMode::Offset(offset)) => details.push(format!("offset: {offset}")),
                    Some(OffsetMode::OffsetExpr(offset)) => {
                        details.push(format!("offset: {}", text(offset)))
                    }
                    None => {}
                }
                match &fetch.count_mode {
                    #[expect(deprecated, reason = "older producers send the count as a number")]
                    Some(CountMode::Count(count)) => details.push(format!("count: {count}")),
                    Some(CountMode::CountExpr(count)) => {
                        details.push(format!("count: {}", text(count)))
                    }
                    None => {}
                }
                inputs.extend(
                    fetch
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                fetch.common.as_ref()
            }
            RelType::Join(join) => {
                let join_type = JoinType::try_from(join.r#type)
                    .map(|join_type| join_type.as_str_name())
                    .unwrap_or("?");
                details.push(format!(
                    "type: {}",
                    join_type.trim_start_matches("JOIN_TYPE_").to_lowercase()
                ));
                details.extend(
                    join.expression
                        .as_deref()
                        .map(|condition| format!("condition: {}", text(condition))),
                );
                details.extend(
                    join.post_join_filter
                        .as_deref()
                        .map(|filter| format!("post-join filter: {}", text(filter))),
                );
                inputs.extend(join.left.as_deref().map(|input| (input, at.field("left"))));
                inputs.extend(
                    join.right
                        .as_deref()
                        .map(|input| (input, at.field("right"))),
                );
                join.common.as_ref()
            }
            RelType::Cross(cross) => {
                inputs.extend(cross.left.as_deref().map(|input| (input, at.field("left"))));
                inputs.extend(
                    cross
                        .right
                        .as_deref()
                        .map(|input| (input, at.field("right"))),
                );
                cross.common.as_ref()
            }
            RelType::Set(set) => {
                let op = SetOp::try_from(set.op)
                    .map(|op| op.as_str_name())
                    .unwrap_or("?");
                details.push(format!(
                    "op: {}",
                    op.trim_start_matches("SET_OP_").to_lowercase()
                ));
                inputs.extend(
                    set.inputs
                        .iter()
                        .enumerate()
                        .map(|(index, input)| (input, at.index("inputs", index))),
                );
                set.common.as_ref()
            }
            RelType::Reference(reference) => {
                details.push(format!(
                    "refers to: relations[{}]",
                    reference.subtree_ordinal
                ));
                None
            }
            RelType::Window(window) => {
                for function in &window.window_functions {
                    details.push(format!(
                        "function: {}",
                        self.names_call(function.function_reference, &function.arguments)
                    ));
                }
                inputs.extend(
                    window
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                window.common.as_ref()
            }
            RelType::Exchange(exchange) => {
                inputs.extend(
                    exchange
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                exchange.common.as_ref()
            }
            RelType::ExtensionSingle(extension) => {
                if let Some(generate) = extension
                    .detail
                    .as_ref()
                    .filter(|detail| Generate::is_generate(detail))
                    .and_then(|detail| Generate::from_detail(detail).ok())
                {
                    let outer = if generate.outer { " outer" } else { "" };
                    details.push(format!(
                        "Generate {}(#{}){outer}",
                        generate.generator.name(),
                        generate.column
                    ));
                }
                inputs.extend(
                    extension
                        .input
                        .as_deref()
                        .map(|input| (input, at.field("input"))),
                );
                extension.common.as_ref()
            }
            RelType::ExtensionMulti(extension) => {
                inputs.extend(
                    extension
                        .inputs
                        .iter()
                        .enumerate()
                        .map(|(index, input)| (input, at.index("inputs", index))),
                );
                extension.common.as_ref()
            }
            RelType::ExtensionLeaf(extension) => extension.common.as_ref(),
            _ => None,
        };
        if let Some(mapping) = emit_mapping(common) {
            details.push(format!("emit: [{mapping}]"));
        }
        // Past the validator's depth limit the plan is refused; the picture stops there too.
        let children = if depth >= MAX_DEPTH {
            Vec::new()
        } else {
            inputs
                .into_iter()
                .map(|(input, input_path)| self.rel(input, &input_path, depth + 1))
                .collect()
        };
        Node {
            kind: variant.to_string(),
            details,
            schema,
            children,
        }
    }

    fn names_call(&self, anchor: u32, arguments: &[substrait::proto::FunctionArgument]) -> String {
        let call = substrait::proto::Expression {
            rex_type: Some(substrait::proto::expression::RexType::ScalarFunction(
                substrait::proto::expression::ScalarFunction {
                    function_reference: anchor,
                    arguments: arguments.to_vec(),
                    ..Default::default()
                },
            )),
        };
        expression(&call, self.names)
    }
}

fn emit_mapping(common: Option<&RelCommon>) -> Option<String> {
    match common?.emit_kind.as_ref()? {
        EmitKind::Emit(emit) => Some(
            emit.output_mapping
                .iter()
                .map(|field| format!("#{field}"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        EmitKind::Direct(_) => None,
    }
}
