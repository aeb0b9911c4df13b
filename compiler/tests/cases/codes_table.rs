// SPDX-License-Identifier: Apache-2.0
//! docs/diagnostics.md is generated from the `Code` enum: this test fails when
//! the two differ and rewrites the file with `PYRUST_UPDATE_GOLDEN=1`.

use std::path::Path;

use pyrust_compiler::Code;

fn codes_table() -> String {
    let mut text = String::from(
        "# Diagnostic codes\n\n\
         Generated from `compiler/src/diagnostic/code.rs` by `compiler/tests/cases/codes_table.rs`\n\
         (`PYRUST_UPDATE_GOLDEN=1 cargo test -p pyrust-compiler codes_table`); do not edit by hand.\n\n\
         Every diagnostic of the compiler (and of `pyrust-compile`) carries one of these codes, a level,\n\
         a message and a path into the plan. Codes are grouped by thousands and never renumbered:\n\
         1xxx decoding and the protobuf structure, 2xxx extensions and function resolution,\n\
         3xxx references and anchors, 4xxx types, 5xxx relations, 6xxx expressions.\n\n\
         | code | name | meaning |\n|---|---|---|\n",
    );
    for code in Code::ALL {
        text.push_str(&format!(
            "| {code} | {} | {} |\n",
            code.name(),
            code.description()
        ));
    }
    text
}

#[test]
fn the_codes_table_in_the_docs_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/diagnostics.md");
    let expected = codes_table();
    if std::env::var_os("PYRUST_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/diagnostics.md is stale: rerun with PYRUST_UPDATE_GOLDEN=1"
    );
}
