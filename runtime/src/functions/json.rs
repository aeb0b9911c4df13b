// SPDX-License-Identifier: Apache-2.0
//! Spark's JSON and CSV functions (`functions_spark_json.yaml`), ours: a
//! reader with Jackson's features (`json/value.rs`; `serde_json` has none of
//! them), Univocity's CSV rules (`json/csv.rs`). datafusion-spark has only
//! `json_tuple`, as one struct; the analyzer expands Spark's generator into
//! one call per field of ours instead.
//!
//! Design: the functions that read or write a typed value (`from_json`,
//! `to_json`, `from_csv`, `to_csv`) need the Spark type, which the analyzer knows: it passes it,
//! with the options it checked, as one literal JSON object of strings (the
//! last argument; `options.rs`). `from_json` (and `from_csv`) also takes a null of its target
//! type, so that its YAML signature (`any1`) gives the call its Substrait
//! output type, and DataFusion's `return_field_from_args` reads the literal
//! options for the Arrow type (with Spark's field names). `schema_of_json`
//! and `schema_of_csv` need a literal argument in Spark, so the analyzer
//! computes them (constants); only DataFusion's SQL parser sees it here ([`parsed_only`]).

mod cells;
mod csv;
mod datetime_text;
mod from_json;
mod options;
mod path;
mod spark_type;
mod to_json;
mod value;

use datafusion::logical_expr::ScalarUDF;

use super::Scalar;
use super::misc::parsed_only::{Value, parsed_only};

fn schema_of_json() -> ScalarUDF {
    parsed_only("schema_of_json", Value::String)
}

fn schema_of_csv() -> ScalarUDF {
    parsed_only("schema_of_csv", Value::String)
}

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("from_csv", Scalar::Ours(csv::from_csv)),
    ("from_json", Scalar::Ours(from_json::from_json)),
    ("get_json_object", Scalar::Ours(path::get_json_object)),
    ("json_array_length", Scalar::Ours(path::json_array_length)),
    ("json_object_keys", Scalar::Ours(path::json_object_keys)),
    ("json_tuple", Scalar::Ours(path::json_tuple)),
    ("schema_of_csv", Scalar::Ours(schema_of_csv)),
    ("schema_of_json", Scalar::Ours(schema_of_json)),
    ("to_csv", Scalar::Ours(csv::to_csv)),
    ("to_json", Scalar::Ours(to_json::to_json)),
];
