// SPDX-License-Identifier: Apache-2.0
//! The compiler's integration tests: one binary, one module per area.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "a test fails loudly on an unexpected error"
)]

mod cases;
