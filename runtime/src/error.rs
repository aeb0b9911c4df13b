// SPDX-License-Identifier: Apache-2.0
//! The runtime's one error type.
//!
//! Each variant says *whose* fault an error is (bad input, an unsupported
//! feature, a failure while running, a bug of ours) and carries the Spark
//! error class a PySpark user would see, so the bridge can raise the same
//! exception PySpark raises without parsing message text.

use datafusion::error::DataFusionError;

/// The runtime's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between receiving a plan and returning rows.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The plan, expression or options are malformed or refer to unknown things.
    #[error("{message}")]
    Analysis {
        /// Spark error condition, e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`.
        condition: &'static str,
        /// Values for the condition's message template.
        parameters: Vec<(String, String)>,
        /// Human-readable message (used when the condition has no template).
        message: String,
    },
    /// A SQL text could not be parsed.
    #[error("{message}")]
    Parse {
        /// Parameters of `PARSE_SYNTAX_ERROR`: the token (`error`) and `hint`.
        parameters: Vec<(String, String)>,
        /// The parser's own message, with position.
        message: String,
    },
    /// Valid input that this engine does not implement yet.
    #[error("not supported yet: {0}")]
    Unsupported(String),
    /// The query was valid but failed while running (overflow, bad cast, I/O).
    #[error("{message}")]
    Execution {
        /// Spark error condition, when one fits (`DIVIDE_BY_ZERO`, `CAST_INVALID_INPUT`).
        condition: Option<&'static str>,
        /// Values for the condition's message template.
        parameters: Vec<(String, String)>,
        /// The engine's message.
        message: String,
    },
    /// A host function (a Python UDF) failed; the message is the host's report
    /// (for Python, the exception and its traceback).
    #[error("{message}")]
    Host {
        /// The registered name of the function.
        function: String,
        /// The host's report.
        message: String,
    },
    /// A bug in pyrust: a broken invariant or a panic caught at the boundary.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// An analysis error with a Spark condition and its message parameters.
    pub fn analysis(
        condition: &'static str,
        parameters: impl IntoIterator<Item = (&'static str, String)>,
        message: impl Into<String>,
    ) -> Self {
        Error::Analysis {
            condition,
            parameters: parameters.into_iter().map(|(key, value)| (key.to_string(), value)).collect(),
            message: message.into(),
        }
    }

    /// A failure while running, with a Spark condition and its message parameters.
    pub fn execution(
        condition: &'static str,
        parameters: impl IntoIterator<Item = (&'static str, String)>,
        message: impl Into<String>,
    ) -> Self {
        Error::Execution {
            condition: Some(condition),
            parameters: parameters.into_iter().map(|(key, value)| (key.to_string(), value)).collect(),
            message: message.into(),
        }
    }

    /// Valid input that is not implemented yet; `what` names the feature.
    pub fn unsupported(what: impl Into<String>) -> Self {
        Error::Unsupported(what.into())
    }

    /// The name of the PySpark exception class a user should see for this error.
    pub fn spark_exception_class(&self) -> &'static str {
        match self {
            Error::Analysis { .. } => "AnalysisException",
            Error::Parse { .. } => "ParseException",
            Error::Unsupported(_) => "PySparkNotImplementedError",
            Error::Execution {
                condition:
                    Some(
                        "DIVIDE_BY_ZERO"
                        | "REMAINDER_BY_ZERO"
                        | "ARITHMETIC_OVERFLOW"
                        | "CAST_OVERFLOW"
                        | "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION"
                        | "DATETIME_OVERFLOW"
                        | "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION"
                        | "INTERVAL_DIVIDED_BY_ZERO",
                    ),
                ..
            } => "ArithmeticException",
            Error::Execution {
                condition:
                    Some(
                        "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION"
                        | "INVALID_FRACTION_OF_SECOND"
                        | "INVALID_TIMEZONE"
                        | "CANNOT_PARSE_TIME",
                    ),
                ..
            } => "DateTimeException",
            Error::Execution {
                condition:
                    Some(
                        "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE"
                        | "INVALID_PARAMETER_VALUE.DATETIME_UNIT"
                        | "INVALID_PARAMETER_VALUE.TIME_UNIT"
                        | "_LEGACY_ERROR_TEMP_3243",
                    ),
                ..
            } => {
                "IllegalArgumentException"
            }
            // Spark reports a bad date or timestamp string as a DateTimeException.
            Error::Execution { condition: Some("CAST_INVALID_INPUT"), parameters, .. }
                if parameters.iter().any(|(key, value)| {
                    key == "targetType" && (value.starts_with("\"DATE") || value.starts_with("\"TIME"))
                }) =>
            {
                "DateTimeException"
            }
            Error::Execution { condition: Some("CAST_INVALID_INPUT"), .. } => "NumberFormatException",
            Error::Execution { condition: Some("INVALID_ARRAY_INDEX_IN_ELEMENT_AT"), .. } => "ArrayIndexOutOfBoundsException",
            Error::Execution { condition: Some("CONVERSION_INVALID_INPUT" | "INVALID_FORMAT.MISMATCH_INPUT"), .. } => {
                "IllegalArgumentException"
            }
            Error::Execution { condition: Some("CANNOT_PARSE_TIMESTAMP"), .. } => "DateTimeException",
            Error::Execution { .. } => "SparkRuntimeException",
            Error::Host { .. } => "PythonException",
            Error::Internal(_) => "PySparkRuntimeError",
        }
    }

    /// The Spark error condition, when there is one.
    pub fn condition(&self) -> Option<&'static str> {
        match self {
            Error::Analysis { condition, .. } => Some(condition),
            Error::Parse { .. } => Some("PARSE_SYNTAX_ERROR"),
            Error::Unsupported(_) => Some("NOT_IMPLEMENTED"),
            Error::Execution { condition, .. } => *condition,
            Error::Host { .. } | Error::Internal(_) => None,
        }
    }

    /// The message parameters of [`Error::condition`].
    pub fn parameters(&self) -> Vec<(String, String)> {
        match self {
            Error::Analysis { parameters, .. }
            | Error::Parse { parameters, .. }
            | Error::Execution { parameters, .. } => parameters.clone(),
            Error::Unsupported(what) => vec![("feature".to_string(), what.clone())],
            Error::Host { .. } | Error::Internal(_) => Vec::new(),
        }
    }
}

impl From<DataFusionError> for Error {
    fn from(error: DataFusionError) -> Self {
        crate::error_mapping::classify(error)
    }
}

impl From<datafusion::arrow::error::ArrowError> for Error {
    fn from(error: datafusion::arrow::error::ArrowError) -> Self {
        crate::error_mapping::classify(DataFusionError::ArrowError(Box::new(error), None))
    }
}

impl From<pyrust_compiler::Diagnostic> for Error {
    /// A plan that does not even decode.
    fn from(diagnostic: pyrust_compiler::Diagnostic) -> Self {
        pyrust_compiler::Error::from(diagnostic).into()
    }
}

impl From<pyrust_compiler::Error> for Error {
    fn from(error: pyrust_compiler::Error) -> Self {
        match error {
            pyrust_compiler::Error::InvalidPlan(diagnostics) => Error::analysis(
                "INVALID_SUBSTRAIT_PLAN",
                [("diagnostics", diagnostics.clone())],
                format!("invalid Substrait plan:\n{diagnostics}"),
            ),
            broken @ pyrust_compiler::Error::ExtensionsBroken(_) => {
                Error::Internal(broken.to_string())
            }
        }
    }
}
