// SPDX-License-Identifier: Apache-2.0
//! Math, bitwise and decimal-arithmetic functions (`functions_spark_math.yaml`).
//!
//! Floating-point functions are ours ([`strict`]): Spark computes them with
//! Java's `StrictMath` (fdlibm), whose last bit the platform's libm does not
//! always give, and with its own null and NaN rules. Also ours: `round` /
//! `bround` (rounding through the double's decimal text) and decimal
//! arithmetic with Spark's precision rules. DataFusion's built-ins where they
//! match (`degrees`, `radians`, `pi`, `greatest`/`least`, which skip nulls),
//! `datafusion-spark` for the rest.

mod conv;
mod decimal;
mod round;
mod strict;
mod vector;

use datafusion::logical_expr::ScalarUDF;
use datafusion_spark::function::{bitwise, math as spark};

use super::Scalar;
use super::per_partition;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("vector_cosine_similarity", Scalar::Ours(vector::vector_cosine_similarity_function)),
    ("vector_inner_product", Scalar::Ours(vector::vector_inner_product_function)),
    ("vector_l2_distance", Scalar::Ours(vector::vector_l2_distance_function)),
    ("vector_norm", Scalar::Ours(vector::vector_norm_function)),
    ("vector_normalize", Scalar::Ours(vector::vector_normalize_function)),
    ("acos", Scalar::Ours(strict_acos)),
    ("acosh", Scalar::Ours(strict_acosh)),
    ("asin", Scalar::Ours(strict_asin)),
    ("asinh", Scalar::Ours(strict_asinh)),
    ("atan", Scalar::Ours(strict_atan)),
    ("atanh", Scalar::Ours(strict_atanh)),
    ("cbrt", Scalar::Ours(strict_cbrt)),
    ("cos", Scalar::Ours(strict_cos)),
    ("cosh", Scalar::Ours(strict_cosh)),
    ("cot", Scalar::Ours(strict_cot)),
    ("csc", Scalar::Ours(strict_csc)),
    ("exp", Scalar::Ours(strict_exp)),
    ("expm1", Scalar::Ours(strict_expm1)),
    ("sec", Scalar::Ours(strict_sec)),
    ("sin", Scalar::Ours(strict_sin)),
    ("sinh", Scalar::Ours(strict_sinh)),
    ("tan", Scalar::Ours(strict_tan)),
    ("tanh", Scalar::Ours(strict_tanh)),
    ("atan2", Scalar::Ours(strict_atan2)),
    ("hypot", Scalar::Ours(strict_hypot)),
    ("pow", Scalar::Ours(strict_pow)),
    ("ln", Scalar::Ours(strict_ln)),
    ("log10", Scalar::Ours(strict_log10)),
    ("log2", Scalar::Ours(strict_log2)),
    ("log1p", Scalar::Ours(strict_log1p)),
    ("log", Scalar::Ours(strict_log)),
    ("signum", Scalar::Ours(strict_signum)),
    ("sqrt", Scalar::Ours(strict_sqrt)),
    ("power", Scalar::Ours(strict_pow)),
    ("sign", Scalar::Ours(strict_signum)),
    ("degrees", Scalar::DataFusion("degrees")),
    ("radians", Scalar::DataFusion("radians")),
    ("pi", Scalar::DataFusion("pi")),
    ("rand", Scalar::Ours(per_partition::rand)),
    ("randn", Scalar::Ours(per_partition::randn)),
    ("greatest", Scalar::DataFusion("greatest")),
    ("least", Scalar::DataFusion("least")),
    ("rint", Scalar::Spark(spark::rint)),
    ("abs", Scalar::Spark(spark::abs)),
    ("ceil", Scalar::Spark(spark::ceil)),
    ("ceiling", Scalar::Spark(spark::ceil)),
    ("floor", Scalar::Spark(spark::floor)),
    ("bin", Scalar::Spark(spark::bin)),
    ("conv", Scalar::Ours(conv::conv)),
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
    ("round", Scalar::Ours(round::round)),
    ("bround", Scalar::Ours(round::bround)),
    ("ceil_scale", Scalar::Ours(round::ceil_scale)),
    ("floor_scale", Scalar::Ours(round::floor_scale)),
    ("decimal_add", Scalar::Ours(decimal::add)),
    ("decimal_subtract", Scalar::Ours(decimal::subtract)),
    ("decimal_multiply", Scalar::Ours(decimal::multiply)),
    ("decimal_divide", Scalar::Ours(decimal::divide)),
    ("decimal_remainder", Scalar::Ours(decimal::remainder)),
];


// One constructor per row: the table takes plain function pointers.

fn strict_acos() -> ScalarUDF {
    strict::make(strict::Kind::Acos)
}
fn strict_acosh() -> ScalarUDF {
    strict::make(strict::Kind::Acosh)
}
fn strict_asin() -> ScalarUDF {
    strict::make(strict::Kind::Asin)
}
fn strict_asinh() -> ScalarUDF {
    strict::make(strict::Kind::Asinh)
}
fn strict_atan() -> ScalarUDF {
    strict::make(strict::Kind::Atan)
}
fn strict_atanh() -> ScalarUDF {
    strict::make(strict::Kind::Atanh)
}
fn strict_cbrt() -> ScalarUDF {
    strict::make(strict::Kind::Cbrt)
}
fn strict_cos() -> ScalarUDF {
    strict::make(strict::Kind::Cos)
}
fn strict_cosh() -> ScalarUDF {
    strict::make(strict::Kind::Cosh)
}
fn strict_cot() -> ScalarUDF {
    strict::make(strict::Kind::Cot)
}
fn strict_csc() -> ScalarUDF {
    strict::make(strict::Kind::Csc)
}
fn strict_exp() -> ScalarUDF {
    strict::make(strict::Kind::Exp)
}
fn strict_expm1() -> ScalarUDF {
    strict::make(strict::Kind::Expm1)
}
fn strict_sec() -> ScalarUDF {
    strict::make(strict::Kind::Sec)
}
fn strict_sin() -> ScalarUDF {
    strict::make(strict::Kind::Sin)
}
fn strict_sinh() -> ScalarUDF {
    strict::make(strict::Kind::Sinh)
}
fn strict_tan() -> ScalarUDF {
    strict::make(strict::Kind::Tan)
}
fn strict_tanh() -> ScalarUDF {
    strict::make(strict::Kind::Tanh)
}
fn strict_atan2() -> ScalarUDF {
    strict::make(strict::Kind::Atan2)
}
fn strict_hypot() -> ScalarUDF {
    strict::make(strict::Kind::Hypot)
}
fn strict_pow() -> ScalarUDF {
    strict::make(strict::Kind::Pow)
}
fn strict_ln() -> ScalarUDF {
    strict::make(strict::Kind::Ln)
}
fn strict_log10() -> ScalarUDF {
    strict::make(strict::Kind::Log10)
}
fn strict_log2() -> ScalarUDF {
    strict::make(strict::Kind::Log2)
}
fn strict_log1p() -> ScalarUDF {
    strict::make(strict::Kind::Log1p)
}
fn strict_log() -> ScalarUDF {
    strict::make(strict::Kind::Log)
}
fn strict_signum() -> ScalarUDF {
    strict::make(strict::Kind::Signum)
}
fn strict_sqrt() -> ScalarUDF {
    strict::make(strict::Kind::Sqrt)
}
