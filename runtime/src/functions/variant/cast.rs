// SPDX-License-Identifier: Apache-2.0
//! A variant value as a value of a scalar Spark type (`variant_get`,
//! `try_variant_get`): as Spark casts the value's own type to the target
//! (numbers convert within range, strings parse, anything becomes its JSON
//! text as a string); `Err` where Spark's cast fails (`INVALID_VARIANT_CAST`).

use arrow::datatypes::DataType;
use chrono::NaiveDate;
use datafusion::common::ScalarValue;

use super::node::{Node, digits};

/// The cast is not possible.
pub(crate) struct Invalid;

/// `node` as a value of `target`; a variant null is a null.
pub(crate) fn cast(node: &Node, target: &DataType) -> Result<ScalarValue, Invalid> {
    if *node == Node::Null {
        return ScalarValue::try_from(target).map_err(|_| Invalid);
    }
    Ok(match target {
        DataType::Boolean => ScalarValue::Boolean(Some(boolean(node)?)),
        DataType::Int8 => ScalarValue::Int8(Some(i8::try_from(integer(node)?).map_err(|_| Invalid)?)),
        DataType::Int16 => ScalarValue::Int16(Some(i16::try_from(integer(node)?).map_err(|_| Invalid)?)),
        DataType::Int32 => ScalarValue::Int32(Some(i32::try_from(integer(node)?).map_err(|_| Invalid)?)),
        DataType::Int64 => ScalarValue::Int64(Some(integer(node)?)),
        #[expect(clippy::cast_possible_truncation, reason = "Spark's double-to-float cast rounds")]
        DataType::Float32 => ScalarValue::Float32(Some(double(node)? as f32)),
        DataType::Float64 => ScalarValue::Float64(Some(double(node)?)),
        DataType::Decimal128(precision, scale) => {
            let scale_u8 = u8::try_from(*scale).map_err(|_| Invalid)?;
            ScalarValue::Decimal128(Some(decimal(node, *precision, scale_u8)?), *precision, *scale)
        }
        DataType::Utf8 => ScalarValue::Utf8(Some(match node {
            Node::String(text) => text.clone(),
            other => other.to_json(),
        })),
        DataType::Binary => match node {
            Node::Binary(bytes) => ScalarValue::Binary(Some(bytes.clone())),
            _ => return Err(Invalid),
        },
        DataType::Date32 => ScalarValue::Date32(Some(date(node)?)),
        _ => return Err(Invalid),
    })
}

fn boolean(node: &Node) -> Result<bool, Invalid> {
    match node {
        Node::Bool(value) => Ok(*value),
        Node::Int(value) => Ok(*value != 0),
        Node::Double(value) => Ok(*value != 0.0),
        Node::Float(value) => Ok(*value != 0.0),
        Node::Decimal { unscaled, .. } => Ok(*unscaled != 0),
        Node::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "y" | "yes" | "1" => Ok(true),
            "f" | "false" | "n" | "no" | "0" => Ok(false),
            _ => Err(Invalid),
        },
        _ => Err(Invalid),
    }
}

/// A double within `i64`, truncated toward zero.
fn truncate(value: f64) -> Result<i64, Invalid> {
    #[expect(clippy::cast_precision_loss, reason = "the bounds of i64 as doubles, as Spark checks them")]
    let in_range = value.is_finite() && value > i64::MIN as f64 - 1.0 && value < i64::MAX as f64 + 1.0;
    #[expect(clippy::cast_possible_truncation, reason = "checked to be in range; truncation is the cast")]
    if in_range { Ok(value.trunc() as i64) } else { Err(Invalid) }
}

fn integer(node: &Node) -> Result<i64, Invalid> {
    match node {
        Node::Int(value) => Ok(*value),
        Node::Bool(value) => Ok(i64::from(*value)),
        Node::Double(value) => truncate(*value),
        Node::Float(value) => truncate(f64::from(*value)),
        Node::Decimal { unscaled, scale } => {
            let whole = unscaled / 10_i128.pow(u32::from(*scale));
            i64::try_from(whole).map_err(|_| Invalid)
        }
        Node::String(text) => text.trim().parse::<i64>().map_err(|_| Invalid),
        _ => Err(Invalid),
    }
}

fn double(node: &Node) -> Result<f64, Invalid> {
    match node {
        #[expect(clippy::cast_precision_loss, reason = "Spark's long-to-double cast rounds")]
        Node::Int(value) => Ok(*value as f64),
        Node::Bool(value) => Ok(if *value { 1.0 } else { 0.0 }),
        Node::Double(value) => Ok(*value),
        Node::Float(value) => Ok(f64::from(*value)),
        Node::Decimal { unscaled, scale } => {
            super::node::plain_decimal(*unscaled, *scale).parse::<f64>().map_err(|_| Invalid)
        }
        Node::String(text) => text.trim().parse::<f64>().map_err(|_| Invalid),
        _ => Err(Invalid),
    }
}

/// `unscaled` (at `from` scale) rescaled to `to`, rounding half away from zero.
fn rescale(unscaled: i128, from: u8, to: u8) -> Option<i128> {
    if to >= from {
        unscaled.checked_mul(10_i128.checked_pow(u32::from(to - from))?)
    } else {
        let divisor = 10_i128.checked_pow(u32::from(from - to))?;
        let (quotient, remainder) = (unscaled / divisor, unscaled % divisor);
        let round = if remainder.abs() * 2 >= divisor { unscaled.signum() } else { 0 };
        Some(quotient + round)
    }
}

fn decimal(node: &Node, precision: u8, scale: u8) -> Result<i128, Invalid> {
    let value = match node {
        Node::Int(value) => rescale(i128::from(*value), 0, scale),
        Node::Bool(value) => rescale(i128::from(*value), 0, scale),
        Node::Decimal { unscaled, scale: from } => rescale(*unscaled, *from, scale),
        Node::Double(_) | Node::Float(_) | Node::String(_) => {
            let text = match node {
                Node::String(text) => text.trim().to_string(),
                Node::Float(value) => value.to_string(),
                _ => double(node)?.to_string(),
            };
            parse_decimal(&text, scale)
        }
        _ => None,
    }
    .ok_or(Invalid)?;
    if digits(value) > u32::from(precision) {
        return Err(Invalid);
    }
    Ok(value)
}

/// Plain decimal text (`-1.25`) at `scale`, rounded half away from zero.
fn parse_decimal(text: &str, scale: u8) -> Option<i128> {
    let (negative, unsigned) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.is_empty() && fraction.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let from = u8::try_from(fraction.len()).ok()?;
    let unscaled: i128 = format!("{whole}{fraction}").parse().ok()?;
    rescale(if negative { -unscaled } else { unscaled }, from, scale)
}

fn date(node: &Node) -> Result<i32, Invalid> {
    match node {
        Node::Date(days) => Ok(*days),
        Node::String(text) => {
            let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Invalid)?;
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).ok_or(Invalid)?;
            i32::try_from((date - epoch).num_days()).map_err(|_| Invalid)
        }
        _ => Err(Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_as_spark() {
        let cast_ok = |node: &Node, target: &DataType| cast(node, target).ok();
        assert_eq!(cast_ok(&Node::Int(300), &DataType::Int8), None);
        assert_eq!(cast_ok(&Node::Int(1), &DataType::Utf8), Some(ScalarValue::Utf8(Some("1".into()))));
        assert_eq!(cast_ok(&Node::Decimal { unscaled: 175, scale: 2 }, &DataType::Int32), Some(ScalarValue::Int32(Some(1))));
        assert_eq!(
            cast_ok(&Node::Decimal { unscaled: 175, scale: 2 }, &DataType::Decimal128(2, 1)),
            Some(ScalarValue::Decimal128(Some(18), 2, 1))
        );
        assert_eq!(cast_ok(&Node::String("hello".into()), &DataType::Int32), None);
        assert_eq!(cast_ok(&Node::String("1.5".into()), &DataType::Float64), Some(ScalarValue::Float64(Some(1.5))));
        assert_eq!(cast_ok(&Node::String("2020-01-02".into()), &DataType::Date32), Some(ScalarValue::Date32(Some(18263))));
        assert_eq!(cast_ok(&Node::Null, &DataType::Int32), Some(ScalarValue::Int32(None)));
    }
}
