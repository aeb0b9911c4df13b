// SPDX-License-Identifier: Apache-2.0
//! Golden tests: each plan's tree rendering and every diagnostic in the full
//! form, as an insta snapshot (regenerate with `INSTA_UPDATE=always` or
//! `cargo insta review`). Three sets: the hand-written cases next to this
//! file (`rel/`, `expr/`, `types/`), every plan of the shared corpus in
//! `substrait-tests/`, and the corpus's invalid plans, whose file names say
//! which code they must produce.

use std::path::Path;

use pyrust_compiler::{Level, decode_plan_json, render, validate};
use substrait::proto::Plan;

/// The tree, then every diagnostic in the full form.
fn report(text: &str) -> String {
    let plan = match decode_plan_json(text) {
        Ok(plan) => plan,
        Err(diagnostic) => {
            return format!(
                "decode failed\n{}",
                render::diagnostic_full(&Plan::default(), &diagnostic)
            );
        }
    };
    let mut out = render::tree(&plan);
    let diagnostics = validate(&plan);
    out.push_str(&format!("\n{} diagnostics\n", diagnostics.len()));
    for diagnostic in &diagnostics {
        out.push('\n');
        out.push_str(&render::diagnostic_full(&plan, diagnostic));
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn hand_written_cases() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for folder in ["rel", "expr", "types"] {
        assert_snapshots_of(&cases, &cases.join(folder));
    }
}

#[test]
fn substrait_tests_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../substrait-tests");
    assert_snapshots_of(&corpus, &corpus);
}

/// One snapshot per `*.json` plan below `folder`, named after its path from `root`.
///
/// (A plain directory walk rather than `insta::glob!`: the `glob` feature pulls
/// regex features that DataFusion's own regex dependency lacks, and the test build
/// would then compile DataFusion a second time next to the wheel's.)
fn assert_snapshots_of(root: &Path, folder: &Path) {
    let mut plans = Vec::new();
    collect_json_files(folder, &mut plans);
    plans.sort();
    assert!(!plans.is_empty(), "no plans in {}", folder.display());
    for path in plans {
        let relative = path.strip_prefix(root).unwrap().with_extension("");
        let name = relative.to_string_lossy().replace(['/', '\\'], "__");
        insta::with_settings!({ input_file => &path, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, report(&read(&path)));
        });
    }
}

fn collect_json_files(folder: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_json_files(&path, found);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            found.push(path);
        }
    }
}

/// `substrait-tests/invalid/e3002_*.json` must produce an E3002 diagnostic;
/// all but the warning-only codes must make the plan fail `check`.
#[test]
fn invalid_plans_report_the_code_in_their_name() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../substrait-tests/invalid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&directory).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let expected = stem.split('_').next().unwrap().to_uppercase();
        let plan = decode_plan_json(&read(&path)).unwrap();
        let diagnostics = validate(&plan);
        let found = diagnostics
            .iter()
            .find(|diagnostic| diagnostic.code.to_string() == expected);
        let Some(found) = found else {
            panic!(
                "{stem}: expected {expected}, got {:?}",
                diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            );
        };
        if found.level == Level::Error {
            assert!(
                pyrust_compiler::check(&plan).is_err(),
                "{stem}: check accepted the plan"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} invalid plans found in {}",
        directory.display()
    );
}
