// SPDX-License-Identifier: Apache-2.0
//! A variant value as an owned tree ([`Node`]), between Spark's binary
//! encoding (read and written by the `parquet-variant` crate) and what our
//! functions do with it: JSON text in and out, paths, edits, schemas.
//!
//! What `parquet-variant` lacks and Spark does differently lives here:
//! `parse_json`'s number rules (integers in the narrowest integer type,
//! other numbers as decimals when they fit 38 digits, doubles with an
//! exponent), Spark's JSON rendering (decimals without trailing zeros,
//! doubles as Java prints them) and Spark's metadata header (dictionary
//! never flagged sorted).

use arrow::error::ArrowError;
use chrono::{Datelike, NaiveDate};
use parquet_variant::{
    ObjectFieldBuilder, Variant, VariantBuilder, VariantBuilderExt, VariantDecimal4, VariantDecimal8, VariantDecimal16,
};

use crate::functions::json::value::{Json, java_double, java_float, write_string};

/// The largest decimal precision Spark's variant holds.
const MAX_DECIMAL_PRECISION: u32 = 38;

/// A variant value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    /// Any integer width (Spark's schemas call them all `BIGINT`).
    Int(i64),
    Float(f32),
    Double(f64),
    Decimal { unscaled: i128, scale: u8 },
    String(String),
    Binary(Vec<u8>),
    /// Days since the epoch.
    Date(i32),
    /// Microseconds since the epoch, UTC.
    Timestamp(i64),
    /// Microseconds since the epoch, no time zone.
    TimestampNtz(i64),
    /// Fields, keys unique: in key order when decoded (as the encoding
    /// stores them), in the order written when built (the encoding's
    /// dictionary keeps that order, and sorts the fields itself).
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
}

/// A value the encoding holds that Spark's variant has no counterpart for.
fn unsupported(what: &str) -> ArrowError {
    ArrowError::NotYetImplemented(format!("variant values of type {what}"))
}

impl Node {
    /// The tree of an encoded variant.
    pub(crate) fn decode(metadata: &[u8], value: &[u8]) -> Result<Node, ArrowError> {
        Node::from_variant(&Variant::try_new(metadata, value)?)
    }

    fn from_variant(variant: &Variant<'_, '_>) -> Result<Node, ArrowError> {
        Ok(match variant {
            Variant::Null => Node::Null,
            Variant::BooleanTrue => Node::Bool(true),
            Variant::BooleanFalse => Node::Bool(false),
            Variant::Int8(value) => Node::Int(i64::from(*value)),
            Variant::Int16(value) => Node::Int(i64::from(*value)),
            Variant::Int32(value) => Node::Int(i64::from(*value)),
            Variant::Int64(value) => Node::Int(*value),
            Variant::Float(value) => Node::Float(*value),
            Variant::Double(value) => Node::Double(*value),
            Variant::Decimal4(decimal) => Node::Decimal { unscaled: i128::from(decimal.integer()), scale: decimal.scale() },
            Variant::Decimal8(decimal) => Node::Decimal { unscaled: i128::from(decimal.integer()), scale: decimal.scale() },
            Variant::Decimal16(decimal) => Node::Decimal { unscaled: decimal.integer(), scale: decimal.scale() },
            Variant::String(text) => Node::String((*text).to_string()),
            Variant::ShortString(text) => Node::String(text.as_str().to_string()),
            Variant::Binary(bytes) => Node::Binary(bytes.to_vec()),
            Variant::Date(date) => Node::Date(date.num_days_from_ce() - EPOCH_DAYS_FROM_CE),
            Variant::TimestampMicros(instant) => Node::Timestamp(instant.timestamp_micros()),
            Variant::TimestampNtzMicros(local) => Node::TimestampNtz(local.and_utc().timestamp_micros()),
            Variant::TimestampNanos(_) | Variant::TimestampNtzNanos(_) => return Err(unsupported("timestamp (nanoseconds)")),
            Variant::Time(_) => return Err(unsupported("time")),
            Variant::Uuid(_) => return Err(unsupported("uuid")),
            Variant::Object(object) => {
                let mut fields = Vec::with_capacity(object.len());
                for entry in object.iter_try() {
                    let (name, field) = entry?;
                    fields.push((name.to_string(), Node::from_variant(&field)?));
                }
                Node::Object(fields)
            }
            Variant::List(list) => {
                let mut values = Vec::with_capacity(list.len());
                for entry in list.iter_try() {
                    values.push(Node::from_variant(&entry?)?);
                }
                Node::Array(values)
            }
        })
    }

    /// Spark's encoding of the tree: `(value, metadata)`.
    pub(crate) fn encode(&self) -> Result<(Vec<u8>, Vec<u8>), ArrowError> {
        let mut builder = VariantBuilder::new();
        self.write(&mut builder)?;
        let (mut metadata, value) = builder.try_finish()?;
        // Spark never flags its dictionary sorted (the flag is only a hint for readers).
        if let Some(header) = metadata.first_mut() {
            *header &= !0x10;
        }
        Ok((value, metadata))
    }

    fn write<B: VariantBuilderExt>(&self, builder: &mut B) -> Result<(), ArrowError> {
        match self {
            Node::Null => builder.append_value(Variant::Null),
            Node::Bool(value) => builder.append_value(*value),
            Node::Int(value) => {
                if let Ok(narrow) = i8::try_from(*value) {
                    builder.append_value(narrow);
                } else if let Ok(narrow) = i16::try_from(*value) {
                    builder.append_value(narrow);
                } else if let Ok(narrow) = i32::try_from(*value) {
                    builder.append_value(narrow);
                } else {
                    builder.append_value(*value);
                }
            }
            Node::Float(value) => builder.append_value(*value),
            Node::Double(value) => builder.append_value(*value),
            Node::Decimal { unscaled, scale } => {
                let precision = digits(*unscaled);
                if precision <= 9 {
                    builder.append_value(VariantDecimal4::try_new(i32::try_from(*unscaled).map_err(overflow)?, *scale)?);
                } else if precision <= 18 {
                    builder.append_value(VariantDecimal8::try_new(i64::try_from(*unscaled).map_err(overflow)?, *scale)?);
                } else {
                    builder.append_value(VariantDecimal16::try_new(*unscaled, *scale)?);
                }
            }
            Node::String(text) => builder.append_value(text.as_str()),
            Node::Binary(bytes) => builder.append_value(bytes.as_slice()),
            Node::Date(days) => {
                let date = NaiveDate::from_num_days_from_ce_opt(days + EPOCH_DAYS_FROM_CE)
                    .ok_or_else(|| ArrowError::InvalidArgumentError(format!("date out of range: {days}")))?;
                builder.append_value(date);
            }
            Node::Timestamp(micros) => {
                let instant = chrono::DateTime::from_timestamp_micros(*micros)
                    .ok_or_else(|| ArrowError::InvalidArgumentError(format!("timestamp out of range: {micros}")))?;
                builder.append_value(instant);
            }
            Node::TimestampNtz(micros) => {
                let instant = chrono::DateTime::from_timestamp_micros(*micros)
                    .ok_or_else(|| ArrowError::InvalidArgumentError(format!("timestamp out of range: {micros}")))?;
                builder.append_value(instant.naive_utc());
            }
            Node::Object(fields) => {
                let mut object = builder.try_new_object()?;
                for (name, field) in fields {
                    let mut field_builder = ObjectFieldBuilder::new(name, &mut object);
                    field.write(&mut field_builder)?;
                }
                object.finish();
            }
            Node::Array(values) => {
                let mut list = builder.try_new_list()?;
                for value in values {
                    value.write(&mut list)?;
                }
                list.finish();
            }
        }
        Ok(())
    }

    /// The tree of JSON text read as Spark's `parse_json` reads it (objects
    /// in the order written; decode the encoding for key order); `Err`
    /// with the duplicated key for an object with a key twice.
    pub(crate) fn from_json(json: &Json) -> Result<Node, String> {
        Ok(match json {
            Json::Null => Node::Null,
            Json::Bool(value) => Node::Bool(*value),
            Json::Integer(digits) => match digits.parse::<i64>() {
                Ok(value) => Node::Int(value),
                Err(_) => number_node(digits),
            },
            Json::Raw(text) => number_node(text),
            Json::Float(value) => Node::Double(*value),
            Json::String(text) => Node::String(text.clone()),
            Json::Array(values) => Node::Array(values.iter().map(Node::from_json).collect::<Result<_, _>>()?),
            Json::Object(entries) => {
                let mut fields: Vec<(String, Node)> = Vec::with_capacity(entries.len());
                for (name, value) in entries {
                    if fields.iter().any(|(known, _)| known == name) {
                        return Err(name.clone());
                    }
                    fields.push((name.clone(), Node::from_json(value)?));
                }
                // In the order written: the encoding's dictionary keeps it (as Spark's does).
                Node::Object(fields)
            }
        })
    }

    /// Spark's JSON text of the value (`to_json`, casts to string, `show()`).
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Node::Int(value) => out.push_str(&value.to_string()),
            Node::Float(value) => out.push_str(&java_float(*value)),
            Node::Double(value) => out.push_str(&java_double(*value)),
            Node::Decimal { unscaled, scale } => out.push_str(&plain_decimal(*unscaled, *scale)),
            Node::String(text) => write_string(text, out),
            Node::Binary(bytes) => write_string(&base64(bytes), out),
            Node::Date(days) => write_string(&date_text(*days), out),
            Node::Timestamp(micros) => write_string(&format!("{}+00:00", timestamp_text(*micros)), out),
            Node::TimestampNtz(micros) => write_string(&timestamp_text(*micros), out),
            Node::Object(fields) => {
                out.push('{');
                for (index, (name, field)) in fields.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    field.write_json(out);
                }
                out.push('}');
            }
            Node::Array(values) => {
                out.push('[');
                for (index, value) in values.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    value.write_json(out);
                }
                out.push(']');
            }
        }
    }
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn overflow(error: std::num::TryFromIntError) -> ArrowError {
    ArrowError::InvalidArgumentError(error.to_string())
}

/// The number of decimal digits of `unscaled` (1 for zero).
pub(crate) fn digits(unscaled: i128) -> u32 {
    unscaled.unsigned_abs().checked_ilog10().map_or(1, |log| log + 1)
}

/// A decimal without trailing zeros after the point (Spark strips them,
/// but never below scale 0).
pub(crate) fn stripped(unscaled: i128, scale: u8) -> (i128, u8) {
    let (mut unscaled, mut scale) = (unscaled, scale);
    while scale > 0 && unscaled % 10 == 0 {
        unscaled /= 10;
        scale -= 1;
    }
    (unscaled, scale)
}

/// A decimal as Spark's variant writes it: trailing zeros stripped, no exponent.
pub(crate) fn plain_decimal(unscaled: i128, scale: u8) -> String {
    let (unscaled, scale) = stripped(unscaled, scale);
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if unscaled < 0 { "-" } else { "" };
    let scale = usize::from(scale);
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

/// A JSON number that is not a 64-bit integer, as `parse_json` stores it: a
/// decimal when written without an exponent and within 38 digits, else a double.
fn number_node(text: &str) -> Node {
    if !text.contains(['e', 'E']) {
        let (sign, unsigned) = text.strip_prefix('-').map_or((1, text), |rest| (-1, rest));
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = format!("{whole}{fraction}");
        let significant = all_digits.trim_start_matches('0');
        let precision = significant.len().max(1).max(fraction.len());
        if let (Ok(scale), true) = (u8::try_from(fraction.len()), precision <= MAX_DECIMAL_PRECISION as usize)
            && let Ok(magnitude) = all_digits.parse::<i128>()
        {
            return Node::Decimal { unscaled: sign * magnitude, scale };
        }
    }
    Node::Double(text.parse::<f64>().unwrap_or(f64::NAN))
}

fn date_text(days: i32) -> String {
    NaiveDate::from_num_days_from_ce_opt(days + EPOCH_DAYS_FROM_CE).map_or_else(|| days.to_string(), |date| date.format("%Y-%m-%d").to_string())
}

/// A timestamp (in UTC) as Spark writes it: the fraction without trailing zeros, none when zero.
fn timestamp_text(micros: i64) -> String {
    let Some(instant) = chrono::DateTime::from_timestamp_micros(micros) else {
        return micros.to_string();
    };
    let seconds = instant.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string();
    let fraction = micros.rem_euclid(1_000_000);
    if fraction == 0 {
        return seconds;
    }
    format!("{seconds}.{}", format!("{fraction:06}").trim_end_matches('0'))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0_u32, |word, (index, byte)| word | u32::from(*byte) << (16 - 8 * index));
        for position in 0..4 {
            if position <= chunk.len() {
                out.push(char::from(ALPHABET[((word >> (18 - 6 * position)) & 0x3F) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::json::value::{Features, parse_first_keeping_numbers};

    fn parse(text: &str) -> Node {
        let json = parse_first_keeping_numbers(text, Features::default());
        json.and_then(|json| Node::from_json(&json).ok()).unwrap_or(Node::String("<malformed>".into()))
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    #[test]
    fn encodes_as_spark() -> Result<(), ArrowError> {
        // The bytes PySpark 4.3's parse_json gives for these texts.
        let cases = [
            (r#"{"a":1}"#, "02010000020c01", "0101000161"),
            (r#"{"b":1,"a":2}"#, "020201000200040c010c02", "01020001026261"),
            (r#"[1, 2.5, "x", null, true]"#, "03050002080a0b0c0c0120011900000005780004", "010000"),
            ("1.5", "20010f000000", "010000"),
            ("1e10", "1c000000205fa00242", "010000"),
            ("12345678901234567890", "2800d20a1feb8ca954ab0000000000000000", "010000"),
            ("128", "108000", "010000"),
            ("-129", "107fff", "010000"),
        ];
        for (text, value, metadata) in cases {
            let (encoded_value, encoded_metadata) = parse(text).encode()?;
            assert_eq!((hex(&encoded_value), hex(&encoded_metadata)), (value.to_string(), metadata.to_string()), "{text}");
        }
        Ok(())
    }

    #[test]
    fn renders_json_as_spark() -> Result<(), ArrowError> {
        let cases = [
            (r#"{"b":1,"a":[1.50, -0.0, 1e10, "é\n"]}"#, r#"{"a":[1.5,0,1.0E10,"é\n"],"b":1}"#),
            ("100.0", "100"),
            ("123456789012345678901234567890123456789012", "1.2345678901234568E41"),
        ];
        for (text, expected) in cases {
            let (value, metadata) = parse(text).encode()?;
            assert_eq!(Node::decode(&metadata, &value)?.to_json(), expected);
        }
        Ok(())
    }

    #[test]
    fn refuses_duplicate_keys() {
        let json = parse_first_keeping_numbers(r#"{"a":1,"a":2}"#, Features::default());
        assert_eq!(json.map(|json| Node::from_json(&json)), Some(Err("a".to_string())));
    }

    #[test]
    fn writes_timestamps_as_spark() {
        assert_eq!(Node::Timestamp(1_577_872_800_000_000).to_json(), r#""2020-01-01 10:00:00+00:00""#);
        assert_eq!(Node::TimestampNtz(1_577_872_800_120_000).to_json(), r#""2020-01-01 10:00:00.12""#);
    }

    #[test]
    fn writes_base64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }
}
