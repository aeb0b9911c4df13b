// SPDX-License-Identifier: Apache-2.0
//! Writing results: to `--output FILE` or standard output.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Write `bytes` to `path`, or to standard output when there is none.
///
/// A file is written whole or not at all: into a temporary sibling first,
/// then renamed over the target.
pub(crate) fn write(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(bytes)
            .context("cannot write to standard output")?;
        return stdout.flush().context("cannot write to standard output");
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(file_name);
    temporary_name.push(".partial");
    let temporary = path.with_file_name(temporary_name);
    std::fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))
}
