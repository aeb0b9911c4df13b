// SPDX-License-Identifier: Apache-2.0
//! String functions (`functions_spark_string.yaml`).

use datafusion_spark::function::string as spark;

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("substring", Scalar::Spark(spark::substring)),
];
