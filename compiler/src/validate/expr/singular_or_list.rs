// SPDX-License-Identifier: Apache-2.0
//! `value IN (options)` (<https://substrait.io/expressions/specialized_record_expressions/#or-list-equality-expression>):
//! options of the value's type; the result is boolean.

use substrait::proto::Type;
use substrait::proto::expression::SingularOrList;

use super::{Scope, check_same_class, required_expression, validate_expression};
use crate::diagnostic::PlanPath;
use crate::types;
use crate::validate::Validator;

pub(crate) fn validate_singular_or_list(
    list: &SingularOrList,
    path: &PlanPath,
    scope: Scope,
    depth: usize,
    validator: &mut Validator,
) -> Option<Type> {
    let value_path = path.field("value");
    let value = required_expression(
        list.value.as_deref(),
        &value_path,
        "SingularOrList.value",
        scope,
        depth + 1,
        validator,
    );
    let mut operands = vec![(value_path, value)];
    for (index, option) in list.options.iter().enumerate() {
        let option_path = path.index("options", index);
        let option_type = validate_expression(option, &option_path, scope, depth + 1, validator);
        operands.push((option_path, option_type));
    }
    check_same_class(
        &operands,
        "IN list options differ from the value",
        validator,
    );
    let nullable = operands
        .iter()
        .any(|(_, operand)| operand.as_ref().is_none_or(types::is_nullable));
    Some(types::boolean(nullable))
}
