// SPDX-License-Identifier: Apache-2.0
//! Bad input gets a diagnostic (exit 1) or a usage/I-O error (exit 2), never a crash.

use insta_cmd::assert_cmd_snapshot;

use super::pyrust_compile;

#[test]
fn an_invalid_plan_exits_1_with_diagnostics() {
    assert_cmd_snapshot!(pyrust_compile().args(["validate", "undeclared_function.json"]));
}

#[test]
fn an_invalid_plan_is_not_optimized() {
    assert_cmd_snapshot!(pyrust_compile().args(["optimize", "undeclared_function.json"]));
}

#[test]
fn random_bytes_on_stdin_are_a_diagnostic() {
    assert_cmd_snapshot!(
        pyrust_compile()
            .args(["validate", "-"])
            .pass_stdin(vec![0xff, 0x13, 0x37, 0x00, 0x9a])
    );
}

#[test]
fn json_that_is_not_a_plan_is_a_diagnostic() {
    assert_cmd_snapshot!(
        pyrust_compile()
            .args(["validate", "-"])
            .pass_stdin(r#"{"relations": 7}"#)
    );
}

#[test]
fn a_missing_file_is_an_io_error() {
    assert_cmd_snapshot!(pyrust_compile().args(["validate", "no_such_plan.json"]));
}

#[test]
fn no_plan_is_a_usage_error() {
    assert_cmd_snapshot!(pyrust_compile());
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    assert_cmd_snapshot!(pyrust_compile().args(["validate", "--colour", "sales_by_key.json"]));
}
