// SPDX-License-Identifier: Apache-2.0
//! Functions with Spark's semantics where DataFusion's built-ins differ.

pub(crate) mod checked_arithmetic;
