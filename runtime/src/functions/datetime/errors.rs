// SPDX-License-Identifier: Apache-2.0
//! Spark's error conditions of the date and time functions.

use arrow::array::timezone::Tz;
use datafusion::common::DataFusionError;

use super::zone::{local_of, parse_zone, spark_timestamp_string};
use crate::error::Error;

fn spark_error(condition: &'static str, parameters: Vec<(&'static str, String)>, message: String) -> DataFusionError {
    DataFusionError::External(Box::new(Error::execution(condition, parameters, message)))
}

/// `DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION`: a field of a date or time out of its range,
/// with Java's message (`Invalid value for MonthOfYear (valid values 1 - 12): 13`).
pub(crate) fn field_out_of_bounds(range_message: String) -> DataFusionError {
    let message = format!("[DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION] {range_message}.");
    spark_error("DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", vec![("rangeMessage", range_message)], message)
}

/// `INVALID_FRACTION_OF_SECOND`: seconds of 60 with a fraction.
pub(crate) fn invalid_fraction_of_second(seconds: String) -> DataFusionError {
    let message = format!("[INVALID_FRACTION_OF_SECOND] Valid range for seconds is [0, 60] (inclusive), but the provided value is {seconds}.");
    spark_error("INVALID_FRACTION_OF_SECOND", vec![("secAndMicros", seconds)], message)
}

/// `INVALID_TIMEZONE`: a zone name Spark cannot resolve.
pub(crate) fn invalid_timezone(name: &str) -> DataFusionError {
    let message = format!("[INVALID_TIMEZONE] The timezone: {name} is invalid.");
    spark_error("INVALID_TIMEZONE", vec![("timeZone", name.to_string())], message)
}

/// The zone of a name given as an argument, else Spark's `INVALID_TIMEZONE`.
pub(crate) fn zone_argument(name: &str) -> datafusion::common::Result<Tz> {
    parse_zone(name).map_err(|_| invalid_timezone(name))
}

/// `INVALID_PARAMETER_VALUE.DATETIME_UNIT`: a unit `timestampadd`/`timestampdiff` do not know.
pub(crate) fn invalid_unit(function: &str, unit: &str) -> DataFusionError {
    let message = format!("[INVALID_PARAMETER_VALUE.DATETIME_UNIT] The value of parameter(s) `unit` in `{function}` is invalid.");
    spark_error(
        "INVALID_PARAMETER_VALUE.DATETIME_UNIT",
        vec![("parameter", "`unit`".to_string()), ("functionName", format!("`{function}`")), ("invalidValue", format!("'{unit}'"))],
        message,
    )
}

/// `DATETIME_OVERFLOW` of `timestampadd`: `add 5L YEAR to TIMESTAMP '...'`, the
/// timestamp written in the session time zone as Spark writes it.
pub(crate) fn add_overflow(quantity: i64, unit: &str, micros: i64, zone: &Tz) -> DataFusionError {
    let written = local_of(micros, zone).map_or_else(|| micros.to_string(), spark_timestamp_string);
    let operation = format!("add {quantity}L {unit} to TIMESTAMP '{written}'");
    let message = format!("[DATETIME_OVERFLOW] Datetime operation overflow: {operation}.");
    spark_error("DATETIME_OVERFLOW", vec![("operation", operation)], message)
}
