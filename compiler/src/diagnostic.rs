// SPDX-License-Identifier: Apache-2.0
//! Diagnostics are data: a stable [`Code`], a [`Level`], a [`PlanPath`] into the
//! plan and a terse message.
//!
//! Codes are grouped by thousands and never renumbered: 1xxx decoding and the
//! protobuf structure, 3xxx references and anchors, 5xxx relations.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The plan cannot run.
    Error,
    /// The plan runs but something is off.
    Warning,
}

/// Stable diagnostic codes; the number is the identity, the name explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// The bytes are not a protobuf `Plan`.
    ProtoDecode = 1001,
    /// A required protobuf field is not set.
    ProtoMissingField = 1002,
    /// The plan declares no Substrait version.
    VersionMissing = 1003,
    /// The plan's Substrait major version is not one we read.
    VersionUnsupported = 1004,
    /// The plan nests deeper than the engine can consume safely.
    NestingTooDeep = 1005,
    /// A function reference names no declared extension function.
    FunctionAnchorUndeclared = 3001,
    /// The plan holds no relation.
    PlanNoRelations = 5001,
    /// The plan holds more than one relation tree.
    PlanManyRelations = 5002,
}

impl fmt::Display for Code {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "E{:04}", *self as u32)
    }
}

/// A path into the plan, rendered like `plan.relations[0].root.input<filter>.input`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPath(String);

impl PlanPath {
    /// The plan itself.
    pub fn root() -> Self {
        PlanPath("plan".to_string())
    }

    /// A named field below this path.
    pub fn field(&self, name: &str) -> Self {
        PlanPath(format!("{}.{name}", self.0))
    }

    /// An element of a repeated field below this path.
    pub fn index(&self, name: &str, index: usize) -> Self {
        PlanPath(format!("{}.{name}[{index}]", self.0))
    }

    /// The variant chosen in a oneof at this path.
    pub fn variant(&self, name: &str) -> Self {
        PlanPath(format!("{}<{name}>", self.0))
    }
}

impl fmt::Display for PlanPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable identity of the finding.
    pub code: Code,
    /// Error or warning.
    pub level: Level,
    /// Where in the plan.
    pub path: PlanPath,
    /// A terse lowercase phrase.
    pub message: String,
}

impl Diagnostic {
    /// An error-level diagnostic.
    pub fn error(code: Code, path: PlanPath, message: impl Into<String>) -> Self {
        Diagnostic { code, level: Level::Error, path, message: message.into() }
    }

    /// A warning-level diagnostic.
    pub fn warning(code: Code, path: PlanPath, message: impl Into<String>) -> Self {
        Diagnostic { code, level: Level::Warning, path, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    /// The concise one-line form: `error[E5001]: plan has no relations at plan`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(formatter, "{level}[{}]: {} at {}", self.code, self.message, self.path)
    }
}
