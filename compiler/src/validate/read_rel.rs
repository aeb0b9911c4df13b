// SPDX-License-Identifier: Apache-2.0
//! `ReadRel` (<https://substrait.io/relations/logical_relations/#read-operator>):
//! the base schema gives the fields (names depth first, as in the root), the
//! read type where they come from, and an optional projection picks a subset.

use substrait::proto::ReadRel;
use substrait::proto::read_rel::ReadType;

use super::expr::{Scope, expect_boolean, validate_expression};
use super::{Validator, missing_field};
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{self, Schema};

pub(crate) fn validate_read_rel(
    read: &ReadRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    let base_path = path.field("base_schema");
    let Some(base_schema) = &read.base_schema else {
        validator.report(missing_field(&base_path, "ReadRel.base_schema"));
        return None;
    };
    let field_types = base_schema
        .r#struct
        .as_ref()
        .map(|fields| fields.types.as_slice())
        .unwrap_or_default();
    let count = |through_collections: bool| -> usize {
        field_types
            .iter()
            .map(|field| 1 + types::nested_name_count(field, through_collections))
            .sum()
    };
    let names = base_schema.names.len();
    if names != count(false) && names != count(true) {
        validator.report(Diagnostic::error(
            Code::BaseSchemaNamesMismatch,
            base_path.field("names"),
            format!(
                "base schema has {names} names for {} fields (nested struct fields included)",
                count(false)
            ),
        ));
    }
    let base = Schema::from_named_struct(base_schema);

    match &read.read_type {
        Some(ReadType::NamedTable(table)) => {
            if table.names.is_empty() {
                validator.report(missing_field(
                    &path.variant("named_table").field("names"),
                    "NamedTable.names",
                ));
            }
        }
        Some(ReadType::VirtualTable(table)) => {
            let table_path = path.variant("virtual_table");
            #[expect(
                deprecated,
                reason = "older producers send virtual tables as literal rows"
            )]
            let literal_rows = &table.values;
            for (index, row) in literal_rows.iter().enumerate() {
                check_row_width(
                    row.fields.len(),
                    base.width(),
                    &table_path.index("values", index),
                    validator,
                );
            }
            for (index, row) in table.expressions.iter().enumerate() {
                let row_path = table_path.index("expressions", index);
                check_row_width(row.fields.len(), base.width(), &row_path, validator);
                let empty = Schema::default();
                for (position, field) in row.fields.iter().enumerate() {
                    let scope = Scope {
                        input: Some(&empty),
                        rel_depth: depth,
                    };
                    validate_expression(
                        field,
                        &row_path.index("fields", position),
                        scope,
                        0,
                        validator,
                    );
                }
            }
        }
        Some(ReadType::LocalFiles(_)) => {}
        Some(ReadType::ExtensionTable(_)) => validator.report(Diagnostic::error(
            Code::RelationUnsupported,
            path.variant("extension_table"),
            "reads of extension tables are not supported yet",
        )),
        Some(ReadType::IcebergTable(_)) => validator.report(Diagnostic::error(
            Code::RelationUnsupported,
            path.variant("iceberg_table"),
            "reads of Iceberg tables are not supported yet",
        )),
        None => validator.report(missing_field(path, "ReadRel.read_type")),
    }

    let scope = Scope {
        input: Some(&base),
        rel_depth: depth,
    };
    for (field, filter) in [
        ("filter", &read.filter),
        ("best_effort_filter", &read.best_effort_filter),
    ] {
        if let Some(filter) = filter {
            let filter_path = path.field(field);
            let filter_type = validate_expression(filter, &filter_path, scope, 0, validator);
            expect_boolean(
                filter_type.as_ref(),
                &filter_path,
                "a read filter",
                validator,
            );
        }
    }

    // A projection picks top-level fields; nested selections keep the whole field.
    let Some(select) = read
        .projection
        .as_ref()
        .and_then(|projection| projection.select.as_ref())
    else {
        return Some(base);
    };
    let select_path = path.field("projection").field("select");
    let mut columns = Vec::with_capacity(select.struct_items.len());
    for (index, item) in select.struct_items.iter().enumerate() {
        match usize::try_from(item.field)
            .ok()
            .and_then(|field| base.columns.get(field))
        {
            Some(column) => columns.push(column.clone()),
            None => {
                validator.report(Diagnostic::error(
                    Code::FieldReferenceOutOfRange,
                    select_path.index("struct_items", index).field("field"),
                    format!(
                        "projection selects field {} of a base schema of {} fields",
                        item.field,
                        base.width()
                    ),
                ));
                return None;
            }
        }
    }
    Some(Schema { columns })
}

fn check_row_width(width: usize, expected: usize, path: &PlanPath, validator: &mut Validator) {
    if width != expected {
        validator.report(Diagnostic::error(
            Code::BaseSchemaNamesMismatch,
            path.clone(),
            format!("virtual table row has {width} fields but the base schema has {expected}"),
        ));
    }
}
