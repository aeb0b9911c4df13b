// SPDX-License-Identifier: Apache-2.0
//! Each command on a valid plan.

use insta_cmd::assert_cmd_snapshot;
use prost::Message;

use super::{plans, pyrust_compile};

#[test]
fn inspect_is_the_default_command() {
    assert_cmd_snapshot!(pyrust_compile().arg("sales_by_key.json"));
}

#[test]
fn validate_reports_a_valid_plan() {
    assert_cmd_snapshot!(pyrust_compile().args(["validate", "sales_by_key.json"]));
}

#[test]
fn validate_as_json() {
    assert_cmd_snapshot!(pyrust_compile().args([
        "validate",
        "--format",
        "json",
        "sales_by_key.json"
    ]));
}

#[test]
fn dot_and_mermaid_draw_the_relation_tree() {
    assert_cmd_snapshot!("dot", pyrust_compile().args(["dot", "sales_by_key.json"]));
    assert_cmd_snapshot!(
        "mermaid",
        pyrust_compile().args(["mermaid", "sales_by_key.json"])
    );
}

#[test]
fn explain_plans_tables_it_is_not_given_as_empty() {
    assert_cmd_snapshot!(pyrust_compile().args(["explain", "sales_by_key.json"]));
}

#[test]
fn convert_round_trips_json_and_binary() {
    let directory = tempdir();
    let binary = directory.join("plan.bin");
    let json = directory.join("plan.json");
    let status = pyrust_compile()
        .args(["convert", "sales_by_key.json", "-o"])
        .arg(&binary)
        .status()
        .unwrap();
    assert!(status.success());
    let status = pyrust_compile()
        .arg("convert")
        .arg(&binary)
        .arg("-o")
        .arg(&json)
        .status()
        .unwrap();
    assert!(status.success());

    let original = pyrust_compiler::decode_plan_json(
        &std::fs::read_to_string(plans().join("sales_by_key.json")).unwrap(),
    );
    let from_binary = pyrust_compiler::decode_plan(&std::fs::read(&binary).unwrap());
    let back_to_json = pyrust_compiler::decode_plan_json(&std::fs::read_to_string(&json).unwrap());
    let original = original.unwrap();
    assert_eq!(from_binary.unwrap(), original);
    assert_eq!(back_to_json.unwrap(), original);
    assert!(original.encoded_len() > 0);
}

#[test]
fn optimize_writes_a_valid_optimized_plan() {
    let directory = tempdir();
    let optimized = directory.join("optimized.json");
    let output = pyrust_compile()
        .args([
            "optimize",
            "sales_by_key.json",
            "--table",
            "sales=sales.json",
            "-o",
        ])
        .arg(&optimized)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The filter went into the read, the columns the aggregate needs are projected early,
    // and the plan is still valid. (That results do not change is tests/python/test_optimize.py.)
    let optimized = std::fs::read(&optimized).unwrap();
    assert_cmd_snapshot!(
        "optimized_plan",
        pyrust_compile()
            .args(["inspect", "-"])
            .pass_stdin(optimized)
    );
}

/// A fresh directory for files a test writes.
fn tempdir() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let directory =
        std::env::temp_dir().join(format!("pyrust-cli-{}-{number}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

/// The list grows with PyRust's own YAMLs: the snapshot is one pinned standard extension's part.
#[test]
fn functions_lists_every_function_of_the_extension_yamls_by_urn() {
    let output = pyrust_compile().arg("functions").output().unwrap();
    assert!(output.status.success());
    let listed = String::from_utf8(output.stdout).unwrap();
    let boolean: String = listed
        .lines()
        .skip_while(|line| *line != "extension:io.substrait:functions_boolean")
        .take_while(|line| {
            *line == "extension:io.substrait:functions_boolean" || line.starts_with(' ')
        })
        .map(|line| format!("{line}\n"))
        .collect();
    insta::assert_snapshot!(boolean);
    assert!(listed.contains("extension:dev.pyrust:functions_spark\n"));
}
