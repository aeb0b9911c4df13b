// SPDX-License-Identifier: Apache-2.0
//! Relations (<https://substrait.io/relations/logical_relations/>): the
//! dispatch on `Rel.rel_type`, with an explicit arm for every relation the
//! engine cannot run yet. Each relation's output schema is derived, the
//! relation's emit mapping applied, and the result recorded for renderers.

use substrait::proto::Rel;
use substrait::proto::rel::RelType;

use super::{
    MAX_DEPTH, Validator, aggregate_rel, consistent_partition_window_rel, cross_rel, exchange_rel,
    extension_rel, fetch_rel, filter_rel, join_rel, missing_field, project_rel, read_rel,
    reference_rel, rel_common, set_rel, sort_rel, too_deep,
};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::Schema;

/// Check the relation at `path` and derive its output schema.
pub(crate) fn validate_rel(
    rel: &Rel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    if depth > MAX_DEPTH {
        validator.report(too_deep(path));
        return None;
    }
    let Some(rel_type) = &rel.rel_type else {
        validator.report(missing_field(path, "Rel.rel_type"));
        return None;
    };
    let variant = variant_name(rel_type);
    let variant_path = path.variant(variant);
    let depth = depth + 1;
    let (direct, common) = match rel_type {
        RelType::Read(read) => (
            read_rel::validate_read_rel(read, &variant_path, depth, validator),
            read.common.as_ref(),
        ),
        RelType::Filter(filter) => (
            filter_rel::validate_filter_rel(filter, &variant_path, depth, validator),
            filter.common.as_ref(),
        ),
        RelType::Project(project) => (
            project_rel::validate_project_rel(project, &variant_path, depth, validator),
            project.common.as_ref(),
        ),
        RelType::Aggregate(aggregate) => (
            aggregate_rel::validate_aggregate_rel(aggregate, &variant_path, depth, validator),
            aggregate.common.as_ref(),
        ),
        RelType::Sort(sort) => (
            sort_rel::validate_sort_rel(sort, &variant_path, depth, validator),
            sort.common.as_ref(),
        ),
        RelType::Fetch(fetch) => (
            fetch_rel::validate_fetch_rel(fetch, &variant_path, depth, validator),
            fetch.common.as_ref(),
        ),
        RelType::Join(join) => (
            join_rel::validate_join_rel(join, &variant_path, depth, validator),
            join.common.as_ref(),
        ),
        RelType::Cross(cross) => (
            cross_rel::validate_cross_rel(cross, &variant_path, depth, validator),
            cross.common.as_ref(),
        ),
        RelType::Set(set) => (
            set_rel::validate_set_rel(set, &variant_path, depth, validator),
            set.common.as_ref(),
        ),
        RelType::Reference(reference) => (
            reference_rel::validate_reference_rel(reference, &variant_path, depth, validator),
            None,
        ),
        RelType::Window(window) => (
            consistent_partition_window_rel::validate_consistent_partition_window_rel(
                window,
                &variant_path,
                depth,
                validator,
            ),
            window.common.as_ref(),
        ),
        RelType::Exchange(exchange) => (
            exchange_rel::validate_exchange_rel(exchange, &variant_path, depth, validator),
            exchange.common.as_ref(),
        ),
        RelType::ExtensionSingle(extension) => {
            let input = input_rel(
                extension.input.as_deref(),
                &variant_path.field("input"),
                "ExtensionSingleRel.input",
                depth,
                validator,
            );
            (
                extension_rel::validate_extension_single_rel(
                    extension,
                    &variant_path,
                    input,
                    validator,
                ),
                extension.common.as_ref(),
            )
        }
        RelType::ExtensionMulti(extension) => {
            let inputs = extension
                .inputs
                .iter()
                .enumerate()
                .filter_map(|(index, input)| {
                    validate_rel(
                        input,
                        &variant_path.index("inputs", index),
                        depth,
                        validator,
                    )
                })
                .collect();
            (
                extension_rel::unsupported_extension(&variant_path, inputs, validator),
                extension.common.as_ref(),
            )
        }
        RelType::ExtensionLeaf(extension) => (
            extension_rel::unsupported_extension(&variant_path, Vec::new(), validator),
            extension.common.as_ref(),
        ),
        RelType::Write(_)
        | RelType::Ddl(_)
        | RelType::Update(_)
        | RelType::HashJoin(_)
        | RelType::MergeJoin(_)
        | RelType::NestedLoopJoin(_)
        | RelType::Expand(_) => {
            validator.report(Diagnostic::error(
                Code::RelationUnsupported,
                variant_path,
                format!("{variant} relations are not supported yet"),
            ));
            return None;
        }
    };
    let schema = rel_common::apply_emit(common, direct, &variant_path, validator);
    if let Some(schema) = &schema {
        validator.record_schema(path, schema);
    }
    schema
}

/// Check a required input relation.
pub(crate) fn input_rel(
    input: Option<&Rel>,
    path: &PlanPath,
    field: &str,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    match input {
        Some(input) => validate_rel(input, path, depth, validator),
        None => {
            validator.report(missing_field(path, field));
            None
        }
    }
}

/// The protobuf name of the relation's variant, as paths spell it.
pub(crate) fn variant_name(rel_type: &RelType) -> &'static str {
    match rel_type {
        RelType::Read(_) => "read",
        RelType::Filter(_) => "filter",
        RelType::Fetch(_) => "fetch",
        RelType::Aggregate(_) => "aggregate",
        RelType::Sort(_) => "sort",
        RelType::Join(_) => "join",
        RelType::Project(_) => "project",
        RelType::Set(_) => "set",
        RelType::ExtensionSingle(_) => "extension_single",
        RelType::ExtensionMulti(_) => "extension_multi",
        RelType::ExtensionLeaf(_) => "extension_leaf",
        RelType::Cross(_) => "cross",
        RelType::Reference(_) => "reference",
        RelType::Write(_) => "write",
        RelType::Ddl(_) => "ddl",
        RelType::Update(_) => "update",
        RelType::HashJoin(_) => "hash_join",
        RelType::MergeJoin(_) => "merge_join",
        RelType::NestedLoopJoin(_) => "nested_loop_join",
        RelType::Window(_) => "window",
        RelType::Exchange(_) => "exchange",
        RelType::Expand(_) => "expand",
    }
}
