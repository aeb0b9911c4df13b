// SPDX-License-Identifier: Apache-2.0
//! higher-order functions (`functions_spark_higher_order.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
