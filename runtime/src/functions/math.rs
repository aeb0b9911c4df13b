// SPDX-License-Identifier: Apache-2.0
//! Math, bitwise and decimal-arithmetic functions (`functions_spark_math.yaml`).
//!
//! DataFusion's built-ins where they match Spark's results (trigonometry,
//! `exp`, `sqrt`, `cbrt`, `degrees`, `radians`, `pi`, `greatest`/`least`,
//! which skip nulls); `datafusion-spark` where it has Spark's function; ours
//! for logarithms (null at the asymptote), `signum` (-0.0), `round`/`bround`
//! (rounding through the double's decimal text) and decimal arithmetic with
//! Spark's precision rules.

mod decimal;
mod logarithm;
mod round;

use datafusion_spark::function::{bitwise, math as spark};

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("acos", Scalar::DataFusion("acos")),
    ("acosh", Scalar::DataFusion("acosh")),
    ("asin", Scalar::DataFusion("asin")),
    ("asinh", Scalar::DataFusion("asinh")),
    ("atan", Scalar::DataFusion("atan")),
    ("atanh", Scalar::DataFusion("atanh")),
    ("cbrt", Scalar::DataFusion("cbrt")),
    ("cos", Scalar::DataFusion("cos")),
    ("cosh", Scalar::DataFusion("cosh")),
    ("cot", Scalar::DataFusion("cot")),
    ("degrees", Scalar::DataFusion("degrees")),
    ("exp", Scalar::DataFusion("exp")),
    ("radians", Scalar::DataFusion("radians")),
    ("sin", Scalar::DataFusion("sin")),
    ("sinh", Scalar::DataFusion("sinh")),
    ("sqrt", Scalar::DataFusion("sqrt")),
    ("tan", Scalar::DataFusion("tan")),
    ("tanh", Scalar::DataFusion("tanh")),
    ("pi", Scalar::DataFusion("pi")),
    ("rand", Scalar::DataFusion("random")),
    ("greatest", Scalar::DataFusion("greatest")),
    ("least", Scalar::DataFusion("least")),
    ("csc", Scalar::Spark(spark::csc)),
    ("sec", Scalar::Spark(spark::sec)),
    ("expm1", Scalar::Spark(spark::expm1)),
    ("rint", Scalar::Spark(spark::rint)),
    ("atan2", Scalar::Spark(spark::atan2)),
    ("hypot", Scalar::Spark(spark::hypot)),
    ("pow", Scalar::Spark(spark::pow)),
    ("power", Scalar::Spark(spark::pow)),
    ("abs", Scalar::Spark(spark::abs)),
    ("ceil", Scalar::Spark(spark::ceil)),
    ("ceiling", Scalar::Spark(spark::ceil)),
    ("floor", Scalar::Spark(spark::floor)),
    ("bin", Scalar::Spark(spark::bin)),
    ("hex", Scalar::Spark(spark::hex)),
    ("unhex", Scalar::Spark(spark::unhex)),
    ("factorial", Scalar::Spark(spark::factorial)),
    ("width_bucket", Scalar::Spark(spark::width_bucket)),
    ("bit_count", Scalar::Spark(bitwise::bit_count)),
    ("bit_get", Scalar::Spark(bitwise::bit_get)),
    ("getbit", Scalar::Spark(bitwise::bit_get)),
    ("shiftleft", Scalar::Spark(bitwise::shiftleft)),
    ("shiftright", Scalar::Spark(bitwise::shiftright)),
    ("shiftrightunsigned", Scalar::Spark(bitwise::shiftrightunsigned)),
    ("bitwise_not", Scalar::Spark(bitwise::bitwise_not)),
    // For SQL strings only: plans get `-x` and `pmod` from the frontend as standard calls.
    ("negative", Scalar::Spark(spark::negative)),
    ("pmod", Scalar::Spark(spark::pmod)),
    ("ln", Scalar::Ours(logarithm::ln)),
    ("log10", Scalar::Ours(logarithm::log10)),
    ("log2", Scalar::Ours(logarithm::log2)),
    ("log1p", Scalar::Ours(logarithm::log1p)),
    ("log", Scalar::Ours(logarithm::log)),
    ("signum", Scalar::Ours(logarithm::signum)),
    ("sign", Scalar::Ours(logarithm::signum)),
    ("round", Scalar::Ours(round::round)),
    ("bround", Scalar::Ours(round::bround)),
    ("decimal_add", Scalar::Ours(decimal::add)),
    ("decimal_subtract", Scalar::Ours(decimal::subtract)),
    ("decimal_multiply", Scalar::Ours(decimal::multiply)),
    ("decimal_divide", Scalar::Ours(decimal::divide)),
    ("decimal_remainder", Scalar::Ours(decimal::remainder)),
];
