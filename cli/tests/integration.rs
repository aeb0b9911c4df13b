// SPDX-License-Identifier: Apache-2.0
//! `pyrust-compile` end to end: exit code, standard output and standard error
//! of the real binary, as insta snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod cases;
