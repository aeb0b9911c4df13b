// SPDX-License-Identifier: Apache-2.0
//! datetime functions (`functions_spark_datetime.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
