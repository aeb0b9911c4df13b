// SPDX-License-Identifier: Apache-2.0
//! Embeds every extension YAML of `extensions/` (a symlink to
//! `python/pyrust/extensions`, the folder the Python analyzer reads) so that
//! the compiler and the analyzer know the same functions. Writes
//! `$OUT_DIR/extension_yamls.rs`: `EXTENSION_YAMLS`, `(file name, contents)`
//! sorted by file name.
//!
//! The symlink lives inside the crate, not only at the repository root, so
//! that `cargo package` copies the YAMLs into the crate.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

fn main() -> Result<(), Box<dyn Error>> {
    let folder = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?).join("extensions");
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut yamls = Vec::new();
    for entry in fs::read_dir(&folder)
        .map_err(|error| format!("cannot list {}: {error}", folder.display()))?
    {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            let file_name = path
                .file_name()
                .and_then(|name| name.to_str())
                .ok_or_else(|| format!("{} is not a UTF-8 file name", path.display()))?
                .to_string();
            yamls.push((file_name, path));
        }
    }
    if yamls.is_empty() {
        return Err(format!("no extension YAML in {}", folder.display()).into());
    }
    yamls.sort();

    let mut generated = String::from(
        "/// Every extension YAML of `extensions/`, as (file name, contents), by file name.\n\
         pub(crate) const EXTENSION_YAMLS: &[(&str, &str)] = &[\n",
    );
    for (file_name, path) in &yamls {
        println!("cargo:rerun-if-changed={}", path.display());
        let path = path
            .to_str()
            .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))?;
        writeln!(generated, "    ({file_name:?}, include_str!({path:?})),")?;
    }
    generated.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR")?).join("extension_yamls.rs");
    fs::write(out, generated)?;
    Ok(())
}
