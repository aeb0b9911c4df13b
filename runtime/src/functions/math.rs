// SPDX-License-Identifier: Apache-2.0
//! math functions (`functions_spark_math.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
