// SPDX-License-Identifier: Apache-2.0
//! Decoding plans from the protobuf binary form
//! (<https://substrait.io/serialization/binary_serialization/>).

use prost::Message;
use substrait::proto::Plan;

use crate::diagnostic::{Code, Diagnostic, PlanPath};
use crate::{Error, Result};

/// Decode a protobuf-encoded Substrait plan.
pub fn decode_plan(bytes: &[u8]) -> Result<Plan> {
    Plan::decode(bytes).map_err(|error| {
        let diagnostic = Diagnostic::error(
            Code::ProtoDecode,
            PlanPath::root(),
            format!("bytes are not a Substrait plan: {error}"),
        );
        Error::InvalidPlan(diagnostic.to_string())
    })
}
