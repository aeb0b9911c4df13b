// SPDX-License-Identifier: Apache-2.0
//! collection functions (`functions_spark_collection.yaml`).

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[];
