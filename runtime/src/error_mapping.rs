// SPDX-License-Identifier: Apache-2.0
//! Sorting DataFusion's errors into the runtime's [`Error`] variants with the
//! Spark error condition a PySpark user would see for the same mistake.

use datafusion::arrow::error::ArrowError;
use datafusion::common::SchemaError;
use datafusion::error::DataFusionError;

use crate::error::Error;

/// Classify a DataFusion error: whose fault it is and which Spark condition fits.
pub(crate) fn classify(error: DataFusionError) -> Error {
    let message = error.to_string();
    match error.find_root() {
        DataFusionError::SchemaError(schema_error, _) => classify_schema_error(schema_error, message),
        DataFusionError::SQL(parser_error, _) => parse_error(&parser_error.to_string()),
        DataFusionError::ArrowError(arrow_error, _) => classify_arrow_error(arrow_error, message),
        DataFusionError::NotImplemented(what) => Error::unsupported(what.clone()),
        DataFusionError::IoError(io_error) if io_error.kind() == std::io::ErrorKind::NotFound => {
            Error::analysis("PATH_NOT_FOUND", [("path", String::new())], message)
        }
        DataFusionError::ObjectStore(store_error)
            if matches!(**store_error, datafusion::object_store::Error::NotFound { .. }) =>
        {
            Error::analysis("PATH_NOT_FOUND", [("path", String::new())], message)
        }
        DataFusionError::Plan(_) | DataFusionError::Substrait(_) | DataFusionError::Configuration(_) => {
            Error::analysis("INVALID_SUBSTRAIT_PLAN", [("diagnostics", message.clone())], message)
        }
        DataFusionError::Internal(_) => Error::Internal(message),
        _ => Error::Execution { condition: execution_condition(&message), message },
    }
}

fn classify_schema_error(schema_error: &SchemaError, message: String) -> Error {
    match schema_error {
        SchemaError::FieldNotFound { field, valid_fields } => {
            let candidates: Vec<String> = valid_fields.iter().map(|column| column.name.clone()).collect();
            Error::analysis(
                "UNRESOLVED_COLUMN.WITH_SUGGESTION",
                [("objectName", field.name.clone()), ("candidates", json_string_list(&candidates))],
                message,
            )
        }
        SchemaError::AmbiguousReference { field } => {
            Error::analysis("AMBIGUOUS_REFERENCE", [("name", field.name.clone())], message)
        }
        _ => Error::analysis("INVALID_SUBSTRAIT_PLAN", [("diagnostics", message.clone())], message),
    }
}

fn classify_arrow_error(arrow_error: &ArrowError, message: String) -> Error {
    let condition = match arrow_error {
        ArrowError::DivideByZero => Some("DIVIDE_BY_ZERO"),
        ArrowError::ArithmeticOverflow(_) => Some("ARITHMETIC_OVERFLOW"),
        ArrowError::CastError(_) | ArrowError::ParseError(_) => Some("CAST_INVALID_INPUT"),
        _ => execution_condition(&message),
    };
    Error::Execution { condition, message }
}

/// DataFusion reports some arithmetic failures as plain execution errors.
fn execution_condition(message: &str) -> Option<&'static str> {
    if message.contains("Remainder by zero") {
        Some("REMAINDER_BY_ZERO")
    } else if message.contains("Divide by zero") {
        Some("DIVIDE_BY_ZERO")
    } else if message.contains("Overflow") || message.contains("overflow") {
        Some("ARITHMETIC_OVERFLOW")
    } else if message.contains("Cannot cast") {
        Some("CAST_INVALID_INPUT")
    } else {
        None
    }
}

/// Spark's `PARSE_SYNTAX_ERROR` from a sqlparser message such as
/// `Expected: an expression, found: EOF at Line: 1, Column: 6`.
pub(crate) fn parse_error(parser_message: &str) -> Error {
    let found = parser_message
        .split("found: ")
        .nth(1)
        .map(|rest| rest.split(" at Line:").next().unwrap_or(rest).trim().to_string());
    let token = match found.as_deref() {
        None | Some("EOF") => "end of input".to_string(),
        Some(token) => format!("'{token}'"),
    };
    Error::Parse {
        parameters: vec![("error".to_string(), token), ("hint".to_string(), String::new())],
        message: parser_message.to_string(),
    }
}

/// A JSON array of strings, so a list survives the bridge's string parameters.
pub(crate) fn json_string_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}
