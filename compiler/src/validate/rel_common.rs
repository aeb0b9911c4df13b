// SPDX-License-Identifier: Apache-2.0
//! `RelCommon.emit` (<https://substrait.io/relations/basics/#emit-output-ordering>):
//! a relation's output may be a reordered subset of what it computes.

use substrait::proto::RelCommon;
use substrait::proto::rel_common::EmitKind;

use super::Validator;
use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::types::{Column, Schema};

/// The relation's output: `direct` remapped by the emit mapping, if any.
pub(crate) fn apply_emit(
    common: Option<&RelCommon>,
    direct: Option<Schema>,
    path: &PlanPath,
    validator: &mut Validator,
) -> Option<Schema> {
    let Some(EmitKind::Emit(emit)) = common.and_then(|common| common.emit_kind.as_ref()) else {
        return direct;
    };
    let emit_path = path.field("common").variant("emit");
    let mut columns = Vec::with_capacity(emit.output_mapping.len());
    let mut complete = true;
    for (index, field) in emit.output_mapping.iter().enumerate() {
        let column = direct.as_ref().and_then(|schema| {
            usize::try_from(*field)
                .ok()
                .and_then(|field| schema.columns.get(field))
        });
        match (column, &direct) {
            (Some(column), _) => columns.push(column.clone()),
            (None, Some(schema)) => {
                validator.report(Diagnostic::error(
                    Code::EmitOutOfRange,
                    emit_path.index("output_mapping", index),
                    format!(
                        "emit names field {field} but the relation produces {}",
                        schema.width()
                    ),
                ));
                complete = false;
            }
            (None, None) => columns.push(Column {
                name: None,
                r#type: None,
            }),
        }
    }
    // An emit always fixes the width, even when the types are unknown.
    if complete {
        Some(Schema { columns })
    } else {
        None
    }
}
