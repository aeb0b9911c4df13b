// SPDX-License-Identifier: Apache-2.0
//! Bad input becomes a classified error with Spark's condition, never a panic.

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use pyrust_runtime::{Error, Session, parse_expression};

fn people_schema() -> Schema {
    Schema::new(vec![
        Field::new("name", DataType::Utf8, true),
        Field::new("age", DataType::Int32, true),
        Field::new("city", DataType::Utf8, true),
    ])
}

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
fn an_unknown_column_lists_the_candidates() {
    let session = Session::new(&[]).unwrap();
    let error = parse_expression(&session, "agee > 18", &people_schema()).unwrap_err();
    assert_eq!(error.condition(), Some("UNRESOLVED_COLUMN.WITH_SUGGESTION"));
    let parameters = error.parameters();
    assert!(parameters.contains(&("objectName".to_string(), "agee".to_string())), "{parameters:?}");
    assert!(parameters.iter().any(|(key, value)| key == "candidates" && value.contains("\"age\"")), "{parameters:?}");
}

#[test]
fn a_syntax_error_names_the_token() {
    let session = Session::new(&[]).unwrap();
    let error = parse_expression(&session, "age >", &people_schema()).unwrap_err();
    assert!(matches!(error, Error::Parse { .. }), "{error:?}");
    assert_eq!(error.parameters()[0], ("error".to_string(), "end of input".to_string()));
}

#[test]
fn garbage_plan_bytes_are_an_invalid_plan() {
    let session = Session::new(&[]).unwrap();
    let error = session.execute(&[0xff, 0x01, 0x02]).unwrap_err();
    assert_eq!(error.condition(), Some("INVALID_SUBSTRAIT_PLAN"));
    assert!(error.to_string().contains("E1001"), "{error}");
}

#[test]
fn a_valid_expression_parses() {
    let session = Session::new(&[]).unwrap();
    let bytes = parse_expression(&session, "age > 18 AND city = \"Paris\"", &people_schema()).unwrap();
    assert!(!bytes.is_empty());
}
