// SPDX-License-Identifier: Apache-2.0
//! conditional functions (`functions_spark_conditional.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
