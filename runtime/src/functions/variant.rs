// SPDX-License-Identifier: Apache-2.0
//! Spark's VARIANT functions (`functions_spark_variant.yaml`), ours. A
//! variant travels as Spark's Arrow form of it: a struct of two binaries,
//! `value` and `metadata`, in Spark's binary encoding (the Parquet Variant
//! encoding), which the `parquet-variant` crate reads and writes. The
//! functions work on an owned tree of the value (`variant/node.rs`).
//!
//! `variant_get` takes a null of its target type (so the YAML's `any1`
//! gives the call its output type) and the target's Spark name (for
//! `INVALID_VARIANT_CAST`). Values that are not variants are cast to one
//! by `cast_to_variant`, which the analyzer puts in (`variant_set`'s value,
//! `CAST(x AS VARIANT)`); `variant_to_json` is `to_json` and
//! `CAST(v AS STRING)` of a variant.

mod cast;
mod node;
mod path;
mod schema;
mod udf;

use super::{Aggregate, Scalar};

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("cast_to_variant", Scalar::Ours(udf::cast_to_variant)),
    ("is_valid_variant", Scalar::Ours(udf::is_valid_variant)),
    ("is_variant_null", Scalar::Ours(udf::is_variant_null)),
    ("parse_json", Scalar::Ours(udf::parse_json)),
    ("schema_of_variant", Scalar::Ours(udf::schema_of_variant)),
    ("to_variant_object", Scalar::Ours(udf::to_variant_object)),
    ("try_parse_json", Scalar::Ours(udf::try_parse_json)),
    ("try_variant_array_append", Scalar::Ours(udf::try_variant_array_append)),
    ("try_variant_get", Scalar::Ours(udf::try_variant_get)),
    ("try_variant_insert", Scalar::Ours(udf::try_variant_insert)),
    ("try_variant_set", Scalar::Ours(udf::try_variant_set)),
    ("variant_array_append", Scalar::Ours(udf::variant_array_append)),
    ("variant_delete", Scalar::Ours(udf::variant_delete)),
    ("variant_explode_entries", Scalar::Ours(udf::variant_explode_entries)),
    ("variant_get", Scalar::Ours(udf::variant_get)),
    ("variant_insert", Scalar::Ours(udf::variant_insert)),
    ("variant_set", Scalar::Ours(udf::variant_set)),
    ("variant_strip_nulls", Scalar::Ours(udf::variant_strip_nulls)),
    ("variant_to_json", Scalar::Ours(udf::variant_to_json)),
];

pub(super) const AGGREGATES: &[(&str, Aggregate)] = &[("schema_of_variant_agg", Aggregate::Ours(schema::schema_of_variant_agg))];
