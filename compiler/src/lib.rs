// SPDX-License-Identifier: Apache-2.0
//! The plan compiler: the gate every Substrait plan passes before it runs,
//! whoever produced it.
//!
//! It decodes a plan ([`decode_plan`]), validates it ([`validate`]) and reports
//! [`Diagnostic`]s that carry a stable code and a path into the plan.
//!
//! ```
//! use pyrust_compiler::{decode_plan, validate};
//! use prost::Message;
//!
//! let bytes = substrait::proto::Plan::default().encode_to_vec();
//! let plan = decode_plan(&bytes).unwrap();
//! let codes: Vec<String> = validate(&plan).iter().map(|finding| finding.code.to_string()).collect();
//! assert_eq!(codes, ["E1003", "E5001"]); // no version declared (a warning), no relation (an error)
//! ```

mod decode;
mod diagnostic;
mod validate;

pub use decode::decode_plan;
pub use diagnostic::{Code, Diagnostic, Level, PlanPath};
pub use validate::validate;

/// The compiler's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why the compiler refused a plan.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan is malformed; the text lists every error diagnostic.
    #[error("invalid Substrait plan:\n{0}")]
    InvalidPlan(String),
}

/// Validate `plan` and fail with every error diagnostic rendered, if any.
pub fn check(plan: &substrait::proto::Plan) -> Result<()> {
    let errors: Vec<String> = validate(plan)
        .into_iter()
        .filter(|diagnostic| diagnostic.level == Level::Error)
        .map(|diagnostic| diagnostic.to_string())
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::InvalidPlan(errors.join("\n"))) }
}
