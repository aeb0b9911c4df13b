// SPDX-License-Identifier: Apache-2.0
//! `CAST` of a number to an integer type that fails as Spark's ANSI mode
//! does: `CAST_OVERFLOW`, naming the value as Spark writes it
//! (`3000000000L`, `3.0E10D`) and both types.
//!
//! Arrow's cast fails too, but with a message that names neither the source
//! type nor the value in Spark's notation.

use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::compute::{CastOptions, cast_with_options};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::error::DataFusionError;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;
use crate::error_mapping::ANSI_CONFIG;

/// A cast of numbers to one integer type that fails where a value does not fit.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct CheckedCast {
    target: DataType,
    signature: Signature,
}

impl CheckedCast {
    /// Whether a cast from `source` to `target` can overflow and is checked here.
    pub(crate) fn checks(source: &DataType, target: &DataType) -> bool {
        let rank = |data_type: &DataType| match data_type {
            DataType::Int8 => Some(1),
            DataType::Int16 => Some(2),
            DataType::Int32 => Some(3),
            DataType::Int64 => Some(4),
            DataType::Float32 | DataType::Float64 => Some(5),
            _ => None,
        };
        matches!((rank(source), rank(target)), (Some(from), Some(to)) if to < 5 && from > to)
    }

    pub(crate) fn new(target: DataType) -> Self {
        CheckedCast { target, signature: Signature::any(1, Volatility::Immutable) }
    }

    /// The integer type values are cast to.
    pub(crate) fn target(&self) -> &DataType {
        &self.target
    }
}

impl ScalarUDFImpl for CheckedCast {
    fn name(&self) -> &str {
        "spark_checked_cast"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(self.target.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [value] = args.args.as_slice() else {
            return exec_err!("{} takes one argument", self.name());
        };
        super::apply_unary(value, |values| self.cast(values))
    }
}

impl CheckedCast {
    fn cast(&self, values: &ArrayRef) -> Result<ArrayRef> {
        // Arrow's safe cast gives null where a value does not fit (NaN included).
        let cast = cast_with_options(values, &self.target, &CastOptions { safe: true, ..CastOptions::default() })?;
        if cast.null_count() > values.null_count()
            && let Some(index) = (0..values.len()).find(|&index| values.is_valid(index) && cast.is_null(index))
        {
            return Err(self.overflow(&ScalarValue::try_from_array(values, index)?));
        }
        Ok(cast)
    }

    fn overflow(&self, value: &ScalarValue) -> DataFusionError {
        let parameters = [
            ("value", spark_literal(value)),
            ("sourceType", format!("\"{}\"", sql_type(&value.data_type()))),
            ("targetType", format!("\"{}\"", sql_type(&self.target))),
            ("ansiConfig", ANSI_CONFIG.to_string()),
        ];
        DataFusionError::External(Box::new(Error::execution("CAST_OVERFLOW", parameters, "Cast overflow")))
    }
}

fn sql_type(data_type: &DataType) -> String {
    match data_type {
        DataType::Int8 => "TINYINT".to_string(),
        DataType::Int16 => "SMALLINT".to_string(),
        DataType::Int32 => "INT".to_string(),
        DataType::Int64 => "BIGINT".to_string(),
        DataType::Float32 => "FLOAT".to_string(),
        DataType::Float64 => "DOUBLE".to_string(),
        other => other.to_string().to_uppercase(),
    }
}

/// A number as Spark's SQL writes it: `300`, `128S`, `3000000000L`, `3.0E10D`.
fn spark_literal(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Int8(Some(number)) => format!("{number}Y"),
        ScalarValue::Int16(Some(number)) => format!("{number}S"),
        ScalarValue::Int64(Some(number)) => format!("{number}L"),
        ScalarValue::Float32(Some(number)) => format!("{}F", java_floating(*number, f64::from(*number))),
        ScalarValue::Float64(Some(number)) => format!("{}D", java_floating(*number, *number)),
        other => other.to_string(),
    }
}

/// Java's `Double.toString` (and `Float.toString`): plain between 10^-3 and
/// 10^7, else `d.dddE±n`, always with a fractional digit.
fn java_floating<F: std::fmt::Display + std::fmt::LowerExp>(number: F, value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let magnitude = value.abs();
    let plain = magnitude == 0.0 || (1e-3..1e7).contains(&magnitude);
    let with_fraction = |digits: String| if digits.contains('.') { digits } else { format!("{digits}.0") };
    if plain {
        with_fraction(number.to_string())
    } else {
        let scientific = format!("{number:e}");
        let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
        format!("{}E{exponent}", with_fraction(mantissa.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_as_spark_does() {
        assert_eq!(spark_literal(&ScalarValue::Int64(Some(3_000_000_000))), "3000000000L");
        assert_eq!(spark_literal(&ScalarValue::Int16(Some(128))), "128S");
        assert_eq!(spark_literal(&ScalarValue::Int32(Some(300))), "300");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(3e10))), "3.0E10D");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(2_147_483_648.5))), "2.1474836485E9D");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(-0.0001))), "-1.0E-4D");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(300.7))), "300.7D");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(f64::NAN))), "NaND");
        assert_eq!(spark_literal(&ScalarValue::Float64(Some(f64::NEG_INFINITY))), "-InfinityD");
        assert_eq!(spark_literal(&ScalarValue::Float32(Some(3e10))), "3.0E10F");
    }

    #[test]
    fn only_narrowing_casts_to_integers_are_checked() {
        assert!(CheckedCast::checks(&DataType::Int64, &DataType::Int32));
        assert!(CheckedCast::checks(&DataType::Float64, &DataType::Int64));
        assert!(!CheckedCast::checks(&DataType::Int32, &DataType::Int64));
        assert!(!CheckedCast::checks(&DataType::Float64, &DataType::Float32));
        assert!(!CheckedCast::checks(&DataType::Utf8, &DataType::Int32));
    }
}
