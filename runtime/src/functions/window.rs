// SPDX-License-Identifier: Apache-2.0
//! Window functions: ranking and offsets (Substrait's standard
//! `functions_arithmetic.yaml`). DataFusion's built-ins behave as Spark's once
//! the plan casts their unsigned results to Spark's `int` (the analyzer does)
//! and Spark's frame is given; `ntile` deals the remainder rows to the first
//! buckets, as Spark does.

use super::Window;

pub(super) const WINDOWS: &[(&str, Window)] = &[
    ("row_number", Window::DataFusion("row_number")),
    ("rank", Window::DataFusion("rank")),
    ("dense_rank", Window::DataFusion("dense_rank")),
    ("percent_rank", Window::DataFusion("percent_rank")),
    ("cume_dist", Window::DataFusion("cume_dist")),
    ("ntile", Window::DataFusion("ntile")),
    ("lag", Window::DataFusion("lag")),
    ("lead", Window::DataFusion("lead")),
    ("nth_value", Window::DataFusion("nth_value")),
];
