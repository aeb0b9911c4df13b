// SPDX-License-Identifier: Apache-2.0
//! The options argument of the JSON and CSV functions: a JSON object of
//! strings the analyzer writes (a literal), holding the Spark type the
//! function reads or writes (`schema`, in Spark's JSON form) and Spark's
//! options as the analyzer checked them: modes upper-cased, datetime
//! patterns translated to chrono formats, booleans as `true`/`false`.

use std::collections::HashMap;

use datafusion::common::config::ConfigOptions;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::ColumnarValue;

use super::datetime_text::DatetimeFormats;
use super::spark_type::SparkType;
use super::value::Features;
use crate::functions::datetime::zone::session_zone;

/// The options of one call.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    values: HashMap<String, String>,
}

impl Options {
    /// The options of a literal argument's text.
    pub(crate) fn parse(text: &str) -> Result<Options> {
        match serde_json::from_str::<HashMap<String, String>>(text) {
            Ok(values) => Ok(Options { values }),
            Err(error) => exec_err!("bad options {text}: {error}"),
        }
    }

    /// The options of a call's argument, which must be a literal string.
    pub(crate) fn of_argument(name: &str, argument: Option<&ColumnarValue>) -> Result<Options> {
        match argument {
            Some(ColumnarValue::Scalar(scalar)) => match Self::text_of(scalar) {
                Some(text) => Self::parse(&text),
                None => exec_err!("{name} takes its options as a literal string"),
            },
            None => Ok(Options { values: HashMap::new() }),
            Some(ColumnarValue::Array(_)) => exec_err!("{name} takes its options as a literal string"),
        }
    }

    /// The text of a string literal.
    pub(crate) fn text_of(scalar: &ScalarValue) -> Option<String> {
        match scalar {
            ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text)) => {
                Some(text.clone())
            }
            _ => None,
        }
    }

    /// An option's value.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// A boolean option, `default` when absent.
    pub(crate) fn flag(&self, name: &str, default: bool) -> bool {
        self.get(name).map_or(default, |value| value == "true")
    }

    /// The Spark type the function reads or writes.
    pub(crate) fn schema(&self) -> Result<SparkType> {
        match self.get("schema") {
            Some(text) => SparkType::parse(text),
            None => exec_err!("the options lack the schema"),
        }
    }

    /// Whether malformed input fails the query (`mode` `FAILFAST`).
    pub(crate) fn fail_fast(&self) -> bool {
        self.get("mode") == Some("FAILFAST")
    }

    /// Jackson's parser features the options set, Spark's defaults for the others.
    pub(crate) fn features(&self) -> Features {
        let defaults = Features::default();
        Features {
            comments: self.flag("allowComments", defaults.comments),
            unquoted_field_names: self.flag("allowUnquotedFieldNames", defaults.unquoted_field_names),
            single_quotes: self.flag("allowSingleQuotes", defaults.single_quotes),
            numeric_leading_zeros: self.flag("allowNumericLeadingZeros", defaults.numeric_leading_zeros),
            non_numeric_numbers: self.flag("allowNonNumericNumbers", defaults.non_numeric_numbers),
            backslash_escaping_any_character: self
                .flag("allowBackslashEscapingAnyCharacter", defaults.backslash_escaping_any_character),
            unquoted_control_chars: self.flag("allowUnquotedControlChars", defaults.unquoted_control_chars),
        }
    }

    /// The datetime formats, in the session time zone of `config`.
    pub(crate) fn datetime_formats(&self, config: &ConfigOptions) -> Result<DatetimeFormats> {
        Ok(DatetimeFormats {
            date: self.get("dateFormat").map(str::to_string),
            timestamp: self.get("timestampFormat").map(str::to_string),
            timestamp_ntz: self.get("timestampNTZFormat").map(str::to_string),
            zone: session_zone(config)?,
        })
    }
}
