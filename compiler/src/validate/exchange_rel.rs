// SPDX-License-Identifier: Apache-2.0
//! `ExchangeRel` (<https://substrait.io/relations/physical_relations/#exchange-operator>):
//! redistributes rows; the output is the input's schema.

use substrait::proto::ExchangeRel;

use super::Validator;
use super::rel::input_rel;
use crate::diagnostic::PlanPath;
use crate::types::Schema;

pub(crate) fn validate_exchange_rel(
    exchange: &ExchangeRel,
    path: &PlanPath,
    depth: usize,
    validator: &mut Validator,
) -> Option<Schema> {
    input_rel(
        exchange.input.as_deref(),
        &path.field("input"),
        "ExchangeRel.input",
        depth,
        validator,
    )
}
