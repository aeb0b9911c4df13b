// SPDX-License-Identifier: Apache-2.0
//! Reading a plan: from a file or standard input, JSON or binary.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use pyrust_compiler::Diagnostic;
use substrait::proto::Plan;

use crate::args::Encoding;

/// A plan as read, or the diagnostic that says why its bytes are no plan.
pub(crate) struct Input {
    pub encoding: Encoding,
    pub plan: Result<Plan, Diagnostic>,
}

/// Read the plan at `path` (`-` for standard input). Missing files are I/O
/// errors; bytes that are no plan are a diagnostic.
pub(crate) fn read_plan(path: Option<&Path>) -> anyhow::Result<Input> {
    let path = path.context("no plan given (a file, or - for standard input); see --help")?;
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read the plan from standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    }
    let encoding = if pyrust_compiler::looks_like_json(&bytes) {
        Encoding::Json
    } else {
        Encoding::Binary
    };
    Ok(Input {
        encoding,
        plan: pyrust_compiler::decode_plan_auto(&bytes),
    })
}
