// SPDX-License-Identifier: Apache-2.0
//! The plan compiler: the gate every Substrait plan passes before it runs,
//! whoever produced it.
//!
//! It decodes a plan (binary: [`decode_plan`], protobuf JSON: [`decode_plan_json`],
//! either: [`decode_plan_auto`]), derives the output schema of every relation and
//! the type of every expression, validates it against the Substrait extension
//! YAMLs ([`validate`], [`analyze`]) and reports [`Diagnostic`]s that carry a
//! stable code and a path into the plan. [`render`] draws plans and diagnostics
//! for people.
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
mod extensions;
pub mod generate;
pub mod host_function;
pub mod join_hint;
pub mod render;
pub mod spark_exchange;
mod types;
mod validate;
mod wire_depth;

pub use decode::{decode_plan, decode_plan_auto, decode_plan_json, encode_plan_json, looks_like_json};
pub use diagnostic::{Code, Diagnostic, Level, PathSegment, PlanPath};
pub use types::{Column, Schema};
pub use validate::{Analysis, analyze, validate};

/// The compiler's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why the compiler refused a plan.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The plan is malformed; the text lists every error diagnostic.
    #[error("invalid Substrait plan:\n{0}")]
    InvalidPlan(String),
    /// An extension YAML the compiler embeds does not load (a bug in PyRust).
    #[error("the extension YAMLs do not load: {0}")]
    ExtensionsBroken(String),
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error::InvalidPlan(diagnostic.to_string())
    }
}

/// The URN of an extension that defines function `name` (a plain name such as
/// `add`), for producers that name functions without saying where they come
/// from. The standard Substrait YAMLs win over PyRust's own, and among them
/// the first URN in alphabetical order (`functions_arithmetic` before
/// `functions_arithmetic_decimal`), so the answer is always the same.
pub fn extension_urn_of_function(name: &str) -> Option<&'static str> {
    let registry = extensions::registry().ok()?;
    registry
        .by_name(name)
        .iter()
        .map(|definition| definition.urn.as_str())
        .min_by_key(|urn| (!urn.starts_with(extensions::STANDARD_URN_PREFIX), *urn))
}

/// A function an extension YAML defines, as the compiler knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionFunction {
    /// The URN of the extension (`extension:io.substrait:functions_arithmetic`).
    pub urn: String,
    /// The function's name (`add`).
    pub name: String,
    /// `scalar`, `aggregate` or `window`.
    pub kind: &'static str,
}

/// Every function the compiler checks calls against, once per URN, name and
/// kind, sorted: those of every YAML in `extensions/`, the folder the Python
/// analyzer reads too (`pyrust-compile functions` prints this list).
///
/// ```
/// let functions = pyrust_compiler::extension_functions().unwrap();
/// assert!(functions.iter().any(|function| {
///     (function.urn.as_str(), function.name.as_str(), function.kind)
///         == ("extension:io.substrait:functions_arithmetic", "add", "scalar")
/// }));
/// ```
pub fn extension_functions() -> Result<Vec<ExtensionFunction>> {
    let registry =
        extensions::registry().map_err(|reason| Error::ExtensionsBroken(reason.to_string()))?;
    Ok(registry
        .functions()
        .into_iter()
        .map(|(urn, name, kind)| ExtensionFunction {
            urn: urn.to_string(),
            name: name.to_string(),
            kind: kind.keyword(),
        })
        .collect())
}

/// Validate `plan` and fail with every error diagnostic rendered, if any.
pub fn check(plan: &substrait::proto::Plan) -> Result<()> {
    let errors: Vec<String> = validate(plan)
        .into_iter()
        .filter(|diagnostic| diagnostic.level == Level::Error)
        .map(|diagnostic| diagnostic.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidPlan(errors.join("\n")))
    }
}
