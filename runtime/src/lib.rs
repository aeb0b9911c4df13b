// SPDX-License-Identifier: Apache-2.0
//! The PyRust runtime: runs Substrait plans on DataFusion with Spark's
//! semantics, over Arrow.
//!
//! A [`Session`] holds the catalog and the threads; [`catalog`] registers
//! tables that plans read by name; [`Session::execute`] turns plan bytes into
//! Arrow batches. Every plan is validated by `pyrust-compiler` first.
//!
//! ```
//! use pyrust_runtime::{Session, catalog};
//!
//! let session = Session::new(&[]).unwrap();
//! catalog::register_range(&session, "numbers", 0, 5, 1, 2).unwrap();
//! ```

pub mod catalog;
mod consumer;
mod csv_inference;
mod error;
mod error_mapping;
mod explain;
mod functions;
pub mod host_functions;
mod join_hint;
mod listing;
mod named_view;
mod optimize;
mod orc;
mod row_order;
mod session;
mod volatile_projection;
pub mod write;

pub use error::{Error, Result};
pub use session::{ExplainMode, QueryStream, RunningQuery, Session};
