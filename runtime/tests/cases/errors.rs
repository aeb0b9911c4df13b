// SPDX-License-Identifier: Apache-2.0
//! Bad input becomes a classified error with Spark's condition, never a panic.

use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use pyrust_runtime::Session;

#[test]
fn a_missing_file_is_path_not_found() {
    let session = Session::new(&[]).unwrap();
    let error = catalog::register_files(
        &session,
        "missing",
        FileFormat::Csv,
        &["/no/such/dir/people.csv".to_string()],
        &ReadOptions::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(error.condition(), Some("PATH_NOT_FOUND"));
    assert_eq!(error.spark_exception_class(), "AnalysisException");
    assert!(error.to_string().contains("file:/no/such/dir/people.csv"), "{error}");
}

#[test]
fn garbage_plan_bytes_are_an_invalid_plan() {
    let session = Session::new(&[]).unwrap();
    let error = session.execute(&[0xff, 0x01, 0x02]).unwrap_err();
    assert_eq!(error.condition(), Some("INVALID_SUBSTRAIT_PLAN"));
    assert!(error.to_string().contains("E1001"), "{error}");
}

