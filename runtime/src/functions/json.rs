// SPDX-License-Identifier: Apache-2.0
//! Spark's JSON and CSV functions (`functions_spark_json.yaml`), ours: a
//! reader with Jackson's features (`json/value.rs`; `serde_json` has none of
//! them), Univocity's CSV rules (`json/csv.rs`). datafusion-spark has only
//! `json_tuple`, as one struct; the analyzer expands Spark's generator into
//! one call per field of ours instead.
//!
//! Design: the functions that read or write a typed value (`from_json`,
//! `to_json`, `from_csv`, `to_csv`) need its Spark type, which the analyzer
//! knows: it passes it, with the options it checked, as one literal JSON
//! object of strings (the last argument; `json/options.rs`). `from_json` and
//! `from_csv` also take a null of their target type, so that the YAML
//! signature (`any1`) gives the call its Substrait output type, and
//! DataFusion's `return_field_from_args` reads the literal options for the
//! Arrow type (with Spark's field names, which Substrait types lack).
//! `schema_of_json` and `schema_of_csv` need a literal argument in Spark, so
//! the analyzer computes them (constants): they have no row here.

pub(super) mod cells;
mod csv;
pub(super) mod datetime_text;
pub(super) mod from_json;
pub(super) mod options;
mod path;
pub(super) mod spark_type;
pub(super) mod to_json;
pub(super) mod value;

use super::Scalar;

pub(super) use from_json::malformed;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("from_csv", Scalar::Ours(csv::from_csv)),
    ("from_json", Scalar::Ours(from_json::from_json)),
    ("get_json_object", Scalar::Ours(path::get_json_object)),
    ("json_array_length", Scalar::Ours(path::json_array_length)),
    ("json_object_keys", Scalar::Ours(path::json_object_keys)),
    ("json_tuple", Scalar::Ours(path::json_tuple)),
    ("to_csv", Scalar::Ours(csv::to_csv)),
    ("to_json", Scalar::Ours(to_json::to_json)),
];
