// SPDX-License-Identifier: Apache-2.0
//! Spark's floating-point math functions as Spark computes them: with Java's
//! `StrictMath` (fdlibm), here the `libm` crate's ports of the same FreeBSD
//! msun / fdlibm algorithms, so results agree to the last bit where the
//! platform's libm would round differently (`exp(1)` is `2.7182818284590455`
//! in Spark). Spark's own formulas are kept: `acosh(x) = ln(x + sqrt(x² - 1))`,
//! `asinh`, `atanh` from `log1p`, `log2(x) = ln(x) / ln(2)`, `cot`, `csc`,
//! `sec` as reciprocals, `atan2(y + 0.0, x + 0.0)`.
//!
//! Spark's `Logarithm` gives null, not -Infinity or NaN, at and below its
//! asymptote (0, or -1 for `log1p`); `signum(-0.0)` is `-0.0` as in Java; and
//! `sqrt` of a negative number is NaN (DataFusion's fails).

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atanh,
    Cbrt,
    Cos,
    Cosh,
    Cot,
    Csc,
    Exp,
    Expm1,
    Ln,
    Log10,
    Log1p,
    Log2,
    Sec,
    Signum,
    Sin,
    Sinh,
    Sqrt,
    Tan,
    Tanh,
    /// `log(base, x)`; `log(x)` with one argument is `ln`.
    Log,
    /// `atan2(y, x)`.
    Atan2,
    Hypot,
    Pow,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Acos => "acos",
            Kind::Acosh => "acosh",
            Kind::Asin => "asin",
            Kind::Asinh => "asinh",
            Kind::Atan => "atan",
            Kind::Atanh => "atanh",
            Kind::Cbrt => "cbrt",
            Kind::Cos => "cos",
            Kind::Cosh => "cosh",
            Kind::Cot => "cot",
            Kind::Csc => "csc",
            Kind::Exp => "exp",
            Kind::Expm1 => "expm1",
            Kind::Ln => "ln",
            Kind::Log10 => "log10",
            Kind::Log1p => "log1p",
            Kind::Log2 => "log2",
            Kind::Sec => "sec",
            Kind::Signum => "signum",
            Kind::Sin => "sin",
            Kind::Sinh => "sinh",
            Kind::Sqrt => "sqrt",
            Kind::Tan => "tan",
            Kind::Tanh => "tanh",
            Kind::Log => "log",
            Kind::Atan2 => "atan2",
            Kind::Hypot => "hypot",
            Kind::Pow => "pow",
        }
    }

    fn arity(self) -> std::ops::RangeInclusive<usize> {
        match self {
            Kind::Log => 1..=2,
            Kind::Atan2 | Kind::Hypot | Kind::Pow => 2..=2,
            _ => 1..=1,
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct StrictMath {
    kind: Kind,
    signature: Signature,
}

/// The function `kind` as a UDF.
pub(crate) fn make(kind: Kind) -> ScalarUDF {
    // Any arguments, taken as doubles: plans cast them (the frontend applies
    // Spark's implicit casts); SQL strings (`F.expr("ln(2)")`) need only parse.
    ScalarUDF::new_from_impl(StrictMath { kind, signature: Signature::user_defined(Volatility::Immutable) })
}

/// One argument's result, `None` for Spark's null.
fn unary(kind: Kind, value: f64) -> Option<f64> {
    Some(match kind {
        Kind::Acos => libm::acos(value),
        Kind::Acosh if value == f64::NEG_INFINITY => f64::NAN,
        Kind::Acosh => libm::log(value + (value * value - 1.0).sqrt()),
        Kind::Asin => libm::asin(value),
        Kind::Asinh if value == f64::NEG_INFINITY => f64::NEG_INFINITY,
        Kind::Asinh => libm::log(value + (value * value + 1.0).sqrt()),
        Kind::Atan => libm::atan(value),
        Kind::Atanh => 0.5 * (libm::log1p(value) - libm::log1p(-value)),
        Kind::Cbrt => libm::cbrt(value),
        Kind::Cos => libm::cos(value),
        Kind::Cosh => libm::cosh(value),
        Kind::Cot => 1.0 / libm::tan(value),
        Kind::Csc => 1.0 / libm::sin(value),
        Kind::Exp => libm::exp(value),
        Kind::Expm1 => libm::expm1(value),
        // Null at and below the asymptote; NaN stays NaN (it is not `<= 0`).
        Kind::Ln | Kind::Log | Kind::Log10 | Kind::Log2 if value <= 0.0 => return None,
        Kind::Log1p if value <= -1.0 => return None,
        Kind::Ln | Kind::Log => libm::log(value),
        Kind::Log10 => libm::log10(value),
        Kind::Log2 => libm::log(value) / libm::log(2.0),
        Kind::Log1p => libm::log1p(value),
        Kind::Sec => 1.0 / libm::cos(value),
        Kind::Signum if value == 0.0 || value.is_nan() => value,
        Kind::Signum => value.signum(),
        Kind::Sin => libm::sin(value),
        Kind::Sinh => libm::sinh(value),
        Kind::Sqrt => value.sqrt(),
        Kind::Tan => libm::tan(value),
        Kind::Tanh => libm::tanh(value),
        Kind::Atan2 | Kind::Hypot | Kind::Pow => return None,
    })
}

/// Two arguments' result, `None` for Spark's null.
fn binary(kind: Kind, left: f64, right: f64) -> Option<f64> {
    match kind {
        // `log(base, x)`: null when either is at or below 0.
        Kind::Log if left <= 0.0 || right <= 0.0 => None,
        Kind::Log => Some(libm::log(right) / libm::log(left)),
        // Spark adds 0.0 to turn -0.0 into 0.0.
        Kind::Atan2 => Some(libm::atan2(left + 0.0, right + 0.0)),
        Kind::Hypot => Some(libm::hypot(left, right)),
        Kind::Pow => Some(libm::pow(left, right)),
        _ => None,
    }
}

impl ScalarUDFImpl for StrictMath {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn coerce_types(&self, argument_types: &[DataType]) -> Result<Vec<DataType>> {
        if !self.kind.arity().contains(&argument_types.len()) {
            return exec_err!("{} got {} arguments", self.name(), argument_types.len());
        }
        Ok(vec![DataType::Float64; argument_types.len()])
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let kind = self.kind;
        let result: Float64Array = match arrays.as_slice() {
            [left, right] => left
                .as_primitive::<Float64Type>()
                .iter()
                .zip(right.as_primitive::<Float64Type>().iter())
                .map(|(left, right)| binary(kind, left?, right?))
                .collect(),
            [value] => value.as_primitive::<Float64Type>().iter().map(|value| unary(kind, value?)).collect(),
            _ => return exec_err!("{} got {} arguments", self.name(), arrays.len()),
        };
        let result: ArrayRef = Arc::new(result);
        if all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?))
        } else {
            Ok(ColumnarValue::Array(result))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_at_and_below_the_asymptote() {
        assert_eq!(unary(Kind::Ln, 0.0), None);
        assert_eq!(unary(Kind::Ln, -1.0), None);
        assert_eq!(unary(Kind::Log1p, -1.0), None);
        assert_eq!(unary(Kind::Log2, 8.0), Some(3.0));
        assert_eq!(binary(Kind::Log, 2.0, 0.0), None);
        assert_eq!(binary(Kind::Log, 1.0, 2.0), Some(f64::INFINITY));
        assert!(unary(Kind::Signum, -0.0).is_some_and(|value| value == 0.0 && value.is_sign_negative()));
        assert_eq!(unary(Kind::Signum, -3.0), Some(-1.0));
        assert!(unary(Kind::Sqrt, -1.0).is_some_and(f64::is_nan));
        assert!(unary(Kind::Ln, f64::NAN).is_some_and(f64::is_nan));
        assert!(binary(Kind::Log, 2.0, f64::NAN).is_some_and(f64::is_nan));
    }

    #[test]
    fn strict_math_bits() {
        // Spark's (fdlibm's) values, where a correctly rounded libm differs.
        assert_eq!(unary(Kind::Exp, 1.0), Some(2.718_281_828_459_045_5));
        assert_eq!(unary(Kind::Ln, 3.0), Some(1.098_612_288_668_109_6));
        assert_eq!(unary(Kind::Cosh, 1.0), Some(1.543_080_634_815_244));
    }
}
