// SPDX-License-Identifier: Apache-2.0

mod bad_input;
mod commands;

use std::path::PathBuf;
use std::process::Command;

/// The binary under test, run from the test plans' folder so paths in snapshots stay short.
pub(crate) fn pyrust_compile() -> Command {
    let mut command = Command::new(insta_cmd::get_cargo_bin("pyrust-compile"));
    command.current_dir(plans());
    command
}

/// cli/tests/plans: a plan made by pyrust's Python frontend (`sales_by_key.json`), variants of it, data.
pub(crate) fn plans() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("plans")
}
