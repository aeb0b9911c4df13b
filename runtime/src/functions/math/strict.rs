// SPDX-License-Identifier: Apache-2.0
//! Spark's logarithms (`ln`, `log10`, `log2`, `log1p`, `log(base, x)`) and
//! `signum`, where DataFusion's differ at the edges: Spark's `Logarithm`
//! gives null, not -Infinity or NaN, for arguments at or below its asymptote
//! (0, or -1 for `log1p`); `log2` is `ln(x) / ln(2)` as in Spark; and
//! `signum(-0.0)` is `-0.0` as in Java.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Ln,
    Log10,
    Log2,
    Log1p,
    /// `log(base, x)`.
    Log,
    Signum,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkLogarithm {
    kind: Kind,
    signature: Signature,
}

fn make(kind: Kind) -> ScalarUDF {
    // Any arguments, taken as doubles: plans cast them (the frontend applies
    // Spark's implicit casts); SQL strings (`F.expr("ln(2)")`) need only parse.
    ScalarUDF::new_from_impl(SparkLogarithm { kind, signature: Signature::user_defined(Volatility::Immutable) })
}

pub(crate) fn ln() -> ScalarUDF {
    make(Kind::Ln)
}
pub(crate) fn log10() -> ScalarUDF {
    make(Kind::Log10)
}
pub(crate) fn log2() -> ScalarUDF {
    make(Kind::Log2)
}
pub(crate) fn log1p() -> ScalarUDF {
    make(Kind::Log1p)
}
pub(crate) fn log() -> ScalarUDF {
    make(Kind::Log)
}
pub(crate) fn signum() -> ScalarUDF {
    make(Kind::Signum)
}

/// One argument's result, `None` for Spark's null.
fn unary(kind: Kind, value: f64) -> Option<f64> {
    match kind {
        Kind::Ln => (value > 0.0).then(|| value.ln()),
        Kind::Log10 => (value > 0.0).then(|| value.log10()),
        Kind::Log2 => (value > 0.0).then(|| value.ln() / std::f64::consts::LN_2),
        Kind::Log1p => (value > -1.0).then(|| value.ln_1p()),
        Kind::Signum => Some(if value == 0.0 || value.is_nan() { value } else { value.signum() }),
        Kind::Log => None,
    }
}

/// `log(base, value)`: null when either is at or below 0.
fn logarithm(base: f64, value: f64) -> Option<f64> {
    (base > 0.0 && value > 0.0).then(|| value.ln() / base.ln())
}

impl ScalarUDFImpl for SparkLogarithm {
    fn name(&self) -> &str {
        match self.kind {
            Kind::Ln => "ln",
            Kind::Log10 => "log10",
            Kind::Log2 => "log2",
            Kind::Log1p => "log1p",
            Kind::Log => "log",
            Kind::Signum => "signum",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn coerce_types(&self, argument_types: &[DataType]) -> Result<Vec<DataType>> {
        let arity = if self.kind == Kind::Log { 1..=2 } else { 1..=1 };
        if !arity.contains(&argument_types.len()) {
            return exec_err!("{} got {} arguments", self.name(), argument_types.len());
        }
        Ok(vec![DataType::Float64; argument_types.len()])
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalar = args.args.iter().all(|value| matches!(value, ColumnarValue::Scalar(_)));
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let result: Float64Array = match (self.kind, arrays.as_slice()) {
            (Kind::Log, [value]) => value.as_primitive::<Float64Type>().iter().map(|value| unary(Kind::Ln, value?)).collect(),
            (Kind::Log, [base, value]) => base
                .as_primitive::<Float64Type>()
                .iter()
                .zip(value.as_primitive::<Float64Type>().iter())
                .map(|(base, value)| logarithm(base?, value?))
                .collect(),
            (kind, [value]) if kind != Kind::Log => {
                value.as_primitive::<Float64Type>().iter().map(|value| unary(kind, value?)).collect()
            }
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
        assert_eq!(logarithm(2.0, 0.0), None);
        assert_eq!(logarithm(1.0, 2.0), Some(f64::INFINITY));
        assert!(unary(Kind::Signum, -0.0).is_some_and(|value| value == 0.0 && value.is_sign_negative()));
        assert_eq!(unary(Kind::Signum, -3.0), Some(-1.0));
    }
}
