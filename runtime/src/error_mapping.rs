// SPDX-License-Identifier: Apache-2.0
//! Sorting DataFusion's errors into the runtime's [`Error`] variants with the
//! Spark error condition a PySpark user would see for the same mistake.

use datafusion::arrow::error::ArrowError;
use datafusion::common::SchemaError;
use datafusion::error::DataFusionError;

use crate::error::Error;

/// Classify a DataFusion error: whose fault it is and which Spark condition fits.
pub(crate) fn classify(error: DataFusionError) -> Error {
    // Ours, however deep an operator wrapped it (a window's aggregates do).
    if let Some(ours) = ours_within(&error) {
        return ours.clone();
    }
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
        DataFusionError::Plan(plan_message) if plan_message.starts_with("Invalid function '") => {
            unresolved_routine(plan_message)
        }
        DataFusionError::Plan(plan_message) if is_subquery_limitation(plan_message) => {
            Error::unsupported(format!("this correlated subquery ({plan_message})"))
        }
        DataFusionError::Plan(_) | DataFusionError::Substrait(_) | DataFusionError::Configuration(_) => {
            Error::analysis("INVALID_SUBSTRAIT_PLAN", [("diagnostics", message.clone())], message)
        }
        DataFusionError::Internal(_) => Error::Internal(message),
        DataFusionError::External(inner) => match inner.downcast_ref::<Error>() {
            Some(ours) => ours.clone(),
            None => execution_error(execution_condition(&message), message),
        },
        _ => execution_error(execution_condition(&message), message),
    }
}

/// Whether a planning error is a subquery DataFusion cannot plan although Spark can
/// (its analyzer's checks of correlated subqueries, its decorrelation): such a
/// query is valid, so it is not implemented rather than invalid.
fn is_subquery_limitation(plan_message: &str) -> bool {
    [
        "Correlated scalar subquery",
        "Accessing outer reference columns is not allowed",
        "subquery can only be used in",
        "Unsupported Subquery plan",
        "scalar correlated subquery",
        "mixed of outer references and inner columns",
    ]
    .iter()
    .any(|pattern| plan_message.contains(pattern))
}

/// The runtime's own error in `error`'s chain of sources, if any.
fn ours_within(error: &DataFusionError) -> Option<&Error> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if let Some(ours) = cause.downcast_ref::<Error>() {
            return Some(ours);
        }
        if let Some(DataFusionError::External(inner)) = cause.downcast_ref::<DataFusionError>()
            && let Some(ours) = inner.downcast_ref::<Error>()
        {
            return Some(ours);
        }
        current = cause.source();
    }
    None
}

/// Where Spark looks for a function, as its `UNRESOLVED_ROUTINE` error lists it.
const SEARCH_PATH: &str = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]";

/// Spark's `UNRESOLVED_ROUTINE` from the SQL planner's
/// `Invalid function 'uppr'.\nDid you mean 'upper'?`; the suggestion, if any,
/// goes in the `suggestion` parameter (the frontend makes it a note).
fn unresolved_routine(plan_message: &str) -> Error {
    let mut quoted = plan_message.split('\'');
    let name = quoted.nth(1).unwrap_or_default().to_string();
    let suggestion = plan_message.split("Did you mean '").nth(1).and_then(|rest| rest.split('\'').next());
    let mut parameters = vec![("routineName", format!("`{name}`")), ("searchPath", SEARCH_PATH.to_string())];
    if let Some(suggestion) = suggestion {
        parameters.push(("suggestion", format!("`{suggestion}`")));
    }
    Error::analysis("UNRESOLVED_ROUTINE", parameters, plan_message.to_string())
}

/// The configuration Spark names in its ANSI errors.
pub(crate) const ANSI_CONFIG: &str = "\"spark.sql.ansi.enabled\"";

/// An execution error with the message parameters Spark fills in for its condition.
fn execution_error(condition: Option<&'static str>, message: String) -> Error {
    let parameters: Vec<(&'static str, String)> = match condition {
        Some("DIVIDE_BY_ZERO" | "REMAINDER_BY_ZERO") => vec![("config", ANSI_CONFIG.to_string())],
        Some("ARITHMETIC_OVERFLOW") => overflow_parameters("overflow", ""),
        Some("CAST_INVALID_INPUT") => cast_parameters(&message),
        Some("DUPLICATED_MAP_KEY") => duplicated_map_key_parameters(&message),
        Some("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE") => bit_position_parameters(&message),
        _ => Vec::new(),
    };
    Error::Execution {
        condition,
        parameters: parameters.into_iter().map(|(key, value)| (key.to_string(), value)).collect(),
        message,
    }
}

/// Parameters of `DUPLICATED_MAP_KEY` from DataFusion's `map` ("map key must
/// be unique, duplicate key found: a") or datafusion-spark's ("Duplicate map
/// key a was found", "Duplicate map key 'a' was found").
fn duplicated_map_key_parameters(message: &str) -> Vec<(&'static str, String)> {
    let key = match message.split("duplicate key found: ").nth(1) {
        Some(rest) => rest.lines().next().unwrap_or_default().trim(),
        None => message
            .split("Duplicate map key ")
            .nth(1)
            .and_then(|rest| rest.split(" was found").next())
            .unwrap_or_default()
            .trim_matches('\''),
    };
    let key = key.to_string();
    vec![("key", key), ("mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\"".to_string())]
}

/// Parameters of `ARITHMETIC_OVERFLOW`; `try_function` is the overflow-tolerant
/// variant Spark suggests (`try_add`...), empty when there is none.
pub(crate) fn overflow_parameters(what: &str, try_function: &str) -> Vec<(&'static str, String)> {
    let alternative = if try_function.is_empty() {
        String::new()
    } else {
        format!(" Use '{try_function}' to tolerate overflow and return NULL instead.")
    };
    vec![("message", what.to_string()), ("alternative", alternative), ("config", ANSI_CONFIG.to_string())]
}

/// Parameters of `INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE` from
/// datafusion-spark's `bit_get: position 32 is out of bounds. Expected pos < 32 and pos >= 0`.
fn bit_position_parameters(message: &str) -> Vec<(&'static str, String)> {
    let number_after = |marker: &str| {
        message.split(marker).nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or_default().to_string()
    };
    vec![
        ("parameter", "`pos`".to_string()),
        ("functionName", "`bit_get`".to_string()),
        ("upper", number_after("pos < ")),
        ("invalidValue", number_after("position ")),
    ]
}

/// Parameters of `CAST_INVALID_INPUT` from arrow's message, e.g.
/// `Cannot cast string 'abc' to value of Int32 type`, which DataFusion may
/// prefix with quoted names of its own (`Optimizer rule 'simplify_expressions' failed`).
fn cast_parameters(message: &str) -> Vec<(&'static str, String)> {
    let value = message
        .split_once("Cannot cast string '")
        .and_then(|(_, rest)| rest.rsplit_once("' to value of"))
        .map(|(value, _)| value)
        .or_else(|| message.split('\'').nth(1))
        .unwrap_or_default();
    let arrow_type = message.split("to value of ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or_default();
    let target = match arrow_type {
        "Int8" => "TINYINT",
        "Int16" => "SMALLINT",
        "Int32" => "INT",
        "Int64" => "BIGINT",
        "Float32" => "FLOAT",
        "Float64" => "DOUBLE",
        "Boolean" => "BOOLEAN",
        "Date32" => "DATE",
        other if other.starts_with("Decimal") => "DECIMAL",
        other if other.starts_with("Timestamp") => "TIMESTAMP",
        other => other,
    };
    vec![
        ("expression", format!("'{value}'")),
        ("sourceType", "\"STRING\"".to_string()),
        ("targetType", format!("\"{target}\"")),
        ("ansiConfig", ANSI_CONFIG.to_string()),
    ]
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
    execution_error(condition, message)
}

/// DataFusion reports some arithmetic failures as plain execution errors.
fn execution_condition(message: &str) -> Option<&'static str> {
    if message.contains("bit_get: position") {
        Some("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE")
    } else if message.contains("Remainder by zero") {
        Some("REMAINDER_BY_ZERO")
    } else if message.contains("Divide by zero") {
        Some("DIVIDE_BY_ZERO")
    } else if message.contains("Overflow") || message.contains("overflow") {
        Some("ARITHMETIC_OVERFLOW")
    } else if message.contains("Scalar subquery returned more than one row") {
        Some("SCALAR_SUBQUERY_TOO_MANY_ROWS")
    } else if message.contains("Cannot cast") {
        Some("CAST_INVALID_INPUT")
    } else if message.contains("map key must be unique") || message.contains("[DUPLICATED_MAP_KEY]") {
        Some("DUPLICATED_MAP_KEY")
    } else if message.contains("[NULL_MAP_KEY]") || message.contains("non-nullable StructArray field \"key\"") {
        // The second: datafusion-spark's map builders leave a null key to Arrow's check of map entries.
        Some("NULL_MAP_KEY")
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
    let mut parameters = vec![("error".to_string(), token), ("hint".to_string(), String::new())];
    // sqlparser reports `at Line: L, Column: C` (1-based); the frontend shows Spark's `(line L, pos C-1)`.
    if let Some(position) = parser_message.split("at Line: ").nth(1) {
        let mut numbers = position.split(", Column: ").map(|part| part.trim().parse::<usize>().ok());
        if let (Some(Some(line)), Some(Some(column))) = (numbers.next(), numbers.next()) {
            parameters.push(("line".to_string(), line.to_string()));
            parameters.push(("pos".to_string(), column.saturating_sub(1).to_string()));
        }
    }
    Error::Parse { parameters, message: parser_message.to_string() }
}

/// A JSON array of strings, so a list survives the bridge's string parameters.
pub(crate) fn json_string_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    #![expect(clippy::panic, reason = "a test fails loudly on an unexpected error")]
    use super::*;

    #[test]
    fn unknown_function_is_unresolved_routine_with_the_suggestion() {
        let Error::Analysis { condition, parameters, .. } =
            unresolved_routine("Invalid function 'uppr'.\nDid you mean 'upper'?")
        else {
            panic!("not an analysis error");
        };
        assert_eq!(condition, "UNRESOLVED_ROUTINE");
        assert_eq!(
            parameters,
            vec![
                ("routineName".to_string(), "`uppr`".to_string()),
                ("searchPath".to_string(), SEARCH_PATH.to_string()),
                ("suggestion".to_string(), "`upper`".to_string()),
            ]
        );
    }

    #[test]
    fn cast_input_is_the_value_even_after_quoted_rule_names() {
        let message = "Optimizer rule 'simplify_expressions' failed\ncaused by\nArrow error: Cast error: Cannot cast string 'it's' to value of Int32 type";
        let parameters = cast_parameters(message);
        assert_eq!(parameters[0], ("expression", "'it's'".to_string()));
        assert_eq!(parameters[2], ("targetType", "\"INT\"".to_string()));
    }
}
