// SPDX-License-Identifier: Apache-2.0
//! Extension relations (`ExtensionSingleRel`, `ExtensionMultiRel`,
//! `ExtensionLeafRel`, <https://substrait.io/relations/user_defined_relations/>).
//! The one PyRust knows is its `Generate` relation (Spark's generators, see
//! [`crate::generate`]): an `ExtensionSingleRel` whose detail is checked and
//! whose output schema is derived. Any other extension relation's detail is
//! opaque to the compiler and the engine registers none.

use substrait::proto::ExtensionSingleRel;

use super::Validator;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::generate::Generate;
use crate::host_function::HostRelation;
use crate::spark_exchange::SparkExchange;
use crate::types::{Column, Schema, display};

/// Report the extension relation at `path`; its inputs were checked already.
/// Its output schema is not derivable from the plan.
pub(crate) fn unsupported_extension(
    path: &PlanPath,
    _inputs: Vec<Schema>,
    validator: &mut Validator,
) -> Option<Schema> {
    validator.report(Diagnostic::error(
        Code::RelationUnsupported,
        path.clone(),
        "extension relations are not supported yet",
    ));
    None
}

/// Validate an `ExtensionSingleRel` over `input` (already checked): a
/// `Generate` relation gets its output schema, any other is unsupported.
pub(crate) fn validate_extension_single_rel(
    extension: &ExtensionSingleRel,
    path: &PlanPath,
    input: Option<Schema>,
    validator: &mut Validator,
) -> Option<Schema> {
    if let Some(detail) = extension.detail.as_ref().filter(|detail| HostRelation::is_host_relation(detail)) {
        return validate_host_relation(detail, path, input, validator);
    }
    if let Some(detail) = extension.detail.as_ref().filter(|detail| SparkExchange::is_spark_exchange(detail)) {
        return validate_spark_exchange(detail, path, input, validator);
    }
    let Some(detail) = extension.detail.as_ref().filter(|detail| Generate::is_generate(detail)) else {
        return unsupported_extension(path, input.into_iter().collect(), validator);
    };
    let detail_path = path.field("detail");
    let invalid = |message: String| Diagnostic::error(Code::ExtensionDetailInvalid, detail_path.clone(), message);
    let generate = match Generate::from_detail(detail) {
        Ok(generate) => generate,
        Err(message) => {
            validator.report(invalid(format!("invalid Generate detail: {message}")));
            return None;
        }
    };
    let input = input?;
    if generate.column >= input.width() {
        validator.report(invalid(format!(
            "Generate column {} is out of range: the input has {} columns",
            generate.column,
            input.width()
        )));
        return None;
    }
    // An input column of unknown type: the generated columns are unknown too.
    let collection_type = input.type_of(generate.column)?;
    match generate.generated_types(collection_type) {
        Ok(types) => {
            let generated = types.into_iter().map(|r#type| Column {
                name: None,
                r#type: Some(r#type),
            });
            let mut columns = input.columns.clone();
            columns.extend(generated);
            Some(Schema { columns })
        }
        Err(message) => {
            validator.report(
                invalid(format!("Generate {message}, got {}", display(collection_type))).with_note(format!("column {} of the input", generate.column)),
            );
            None
        }
    }
}

/// A host relation (see [`crate::host_function`]): its output is the schema its detail declares.
fn validate_host_relation(
    detail: &pbjson_types::Any,
    path: &PlanPath,
    input: Option<Schema>,
    validator: &mut Validator,
) -> Option<Schema> {
    let detail_path = path.field("detail");
    let relation = match HostRelation::from_detail(detail) {
        Ok(relation) => relation,
        Err(message) => {
            validator.report(Diagnostic::error(
                Code::ExtensionDetailInvalid,
                detail_path,
                format!("invalid host relation detail: {message}"),
            ));
            return None;
        }
    };
    if let Some(input) = input
        && let Some(key) = relation.keys.iter().find(|key| **key >= input.width())
    {
        validator.report(Diagnostic::error(
            Code::ExtensionDetailInvalid,
            detail_path,
            format!("host relation key {key} is out of range: the input has {} columns", input.width()),
        ));
        return None;
    }
    let types = relation.output.r#struct.map(|fields| fields.types).unwrap_or_default();
    Some(Schema::unnamed(types.into_iter().map(Some).collect()))
}

/// A Spark exchange (see [`crate::spark_exchange`]): the input without its key columns.
fn validate_spark_exchange(
    detail: &pbjson_types::Any,
    path: &PlanPath,
    input: Option<Schema>,
    validator: &mut Validator,
) -> Option<Schema> {
    let detail_path = path.field("detail");
    let exchange = match SparkExchange::from_detail(detail) {
        Ok(exchange) => exchange,
        Err(message) => {
            validator.report(Diagnostic::error(
                Code::ExtensionDetailInvalid,
                detail_path,
                format!("invalid exchange detail: {message}"),
            ));
            return None;
        }
    };
    let input = input?;
    if exchange.keys > input.width() {
        validator.report(Diagnostic::error(
            Code::ExtensionDetailInvalid,
            detail_path,
            format!("exchange keys {} are more than the input's {} columns", exchange.keys, input.width()),
        ));
        return None;
    }
    let mut columns = input.columns;
    columns.truncate(columns.len() - exchange.keys);
    Some(Schema { columns })
}
