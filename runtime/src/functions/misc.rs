// SPDX-License-Identifier: Apache-2.0
//! misc functions (`functions_spark_misc.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
