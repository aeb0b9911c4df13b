// SPDX-License-Identifier: Apache-2.0
//! Files registered with Spark's reader semantics.

use std::io::Write;

use datafusion::arrow::datatypes::DataType;
use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use pyrust_runtime::Session;

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let directory = std::env::temp_dir().join(format!("pyrust-runtime-tests-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::File::create(&path).unwrap().write_all(contents.as_bytes()).unwrap();
    path
}

fn options(pairs: &[(&str, &str)]) -> ReadOptions {
    ReadOptions::new(pairs.iter().map(|(key, value)| (key.to_string(), value.to_string())))
}

fn field_types(schema: &datafusion::arrow::datatypes::Schema) -> Vec<(String, DataType)> {
    schema.fields().iter().map(|field| (field.name().clone(), field.data_type().clone())).collect()
}

#[test]
fn csv_inference_narrows_integers_that_fit() {
    let session = Session::new(&[]).unwrap();
    let path = temp_file("people.csv", "name,age,big\nAlice,34,1\nBob,,10000000000\n");
    let schema = catalog::register_files(
        &session,
        "people",
        FileFormat::Csv,
        &[path.display().to_string()],
        &options(&[("header", "true"), ("inferSchema", "true")]),
        None,
    )
    .unwrap();
    assert_eq!(
        field_types(&schema),
        vec![
            ("name".to_string(), DataType::Utf8),
            ("age".to_string(), DataType::Int32),
            ("big".to_string(), DataType::Int64)
        ]
    );
}

#[test]
fn csv_without_header_names_columns_like_spark() {
    let session = Session::new(&[]).unwrap();
    let path = temp_file("plain.csv", "1;x\n2;y\n");
    let schema = catalog::register_files(
        &session,
        "plain",
        FileFormat::Csv,
        &[path.display().to_string()],
        &options(&[("sep", ";")]),
        None,
    )
    .unwrap();
    assert_eq!(
        field_types(&schema),
        vec![("_c0".to_string(), DataType::Utf8), ("_c1".to_string(), DataType::Utf8)]
    );
}

#[test]
fn json_fields_come_back_sorted() {
    let session = Session::new(&[]).unwrap();
    let path = temp_file("rows.json", "{\"zeta\": 1, \"alpha\": \"a\"}\n{\"zeta\": 2, \"alpha\": null}\n");
    let schema = catalog::register_files(
        &session,
        "rows",
        FileFormat::Json,
        &[path.display().to_string()],
        &options(&[]),
        None,
    )
    .unwrap();
    let names: Vec<String> = schema.fields().iter().map(|field| field.name().clone()).collect();
    assert_eq!(names, vec!["alpha", "zeta"]);
}

#[test]
fn csv_inference_follows_spark_for_each_candidate_type() {
    let session = Session::new(&[]).unwrap();
    let path = temp_file(
        "kinds.csv",
        "flag,answer,day,score,mixed,stamp\ntrue,yes,2024-01-05,1.5,1,2024-01-05 10:00:00\nFALSE,no,2024-02-29,2,x,2024-01-06 11:30:00\n,,,,,\n",
    );
    let schema = catalog::register_files(
        &session,
        "kinds",
        FileFormat::Csv,
        &[path.display().to_string()],
        &options(&[("header", "true"), ("inferSchema", "true")]),
        None,
    )
    .unwrap();
    let types: Vec<DataType> = schema.fields().iter().map(|field| field.data_type().clone()).collect();
    assert_eq!(
        types,
        vec![
            DataType::Boolean,
            DataType::Utf8,
            DataType::Date32,
            DataType::Float64,
            DataType::Utf8,
            DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, Some("UTC".into())),
        ]
    );
}
