// SPDX-License-Identifier: Apache-2.0
//! Window functions: ranking and offsets (`functions_spark_window.yaml`).

use super::Window;

pub(super) const WINDOWS: &[(&str, Window)] = &[];
