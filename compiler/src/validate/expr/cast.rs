// SPDX-License-Identifier: Apache-2.0
//! Casts (<https://substrait.io/expressions/specialized_record_expressions/#cast-expression>):
//! the result has the target type; the input is checked on its own.

use substrait::proto::Type;
use substrait::proto::expression::Cast;

use super::{Scope, required_expression};
use crate::diagnostic::PlanPath;
use crate::validate::{Validator, missing_field};

pub(crate) fn validate_cast(
    cast: &Cast,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    required_expression(
        cast.input.as_deref(),
        &path.field("input"),
        "Cast.input",
        scope,
        depth + 1,
        validator,
    );
    if cast.r#type.is_none() {
        validator.report(missing_field(&path.field("type"), "Cast.type"));
    }
    cast.r#type.clone()
}
