// SPDX-License-Identifier: Apache-2.0
//! collection functions (`functions_spark_collection.yaml`): arrays, maps.
//!
//! Structs and `create_map` are Substrait nested expressions
//! (`consumer/nested.rs`), not calls. A few YAML functions are DataFusion
//! built-ins the analyzer combines into Spark's functions (`array_concat`,
//! `array_reverse`, `array_has`, `array_position`, `map_extract`): they keep
//! DataFusion's names and have no row here, because registering a built-in
//! again registers its aliases again, and two of them are Spark names with
//! other semantics (`array_has` is also `array_contains`, `map_extract`
//! also `element_at`), which would replace the rows below.

mod array_of_one_type;
mod compact_lists;
mod array_insert;
mod arrays_zip;
mod element_at;
mod sequence;

use datafusion_spark::function::{array, collection, map};

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("array", Scalar::Ours(array_of_one_type::array_function)),
    ("array_contains", Scalar::Spark(array::spark_array_contains)),
    ("array_distinct", Scalar::DataFusion("array_distinct")),
    ("array_max", Scalar::DataFusion("array_max")),
    ("array_min", Scalar::DataFusion("array_min")),
    ("array_remove", Scalar::DataFusion("array_remove_all")),
    ("array_repeat", Scalar::DataFusion("array_repeat")),
    ("size", Scalar::Spark(collection::size)),
    ("sort_array", Scalar::DataFusion("array_sort")),
    ("sequence", Scalar::Ours(sequence::sequence_function)),
    ("arrays_zip", Scalar::Ours(arrays_zip::arrays_zip_function)),
    ("array_join", Scalar::DataFusion("array_to_string")),
    ("reverse", Scalar::DataFusion("reverse")),
    ("slice", Scalar::Spark(array::slice)),
    ("concat", Scalar::DataFusion("concat")),
    ("flatten", Scalar::DataFusion("flatten")),
    ("array_union", Scalar::DataFusion("array_union")),
    ("array_intersect", Scalar::DataFusion("array_intersect")),
    ("array_except", Scalar::DataFusion("array_except")),
    ("array_append", Scalar::DataFusion("array_append")),
    ("array_compact", Scalar::DataFusion("array_compact")),
    ("array_insert", Scalar::Ours(array_insert::array_insert)),
    ("element_at", Scalar::Ours(element_at::element_at)),
    ("try_element_at", Scalar::Ours(element_at::try_element_at)),
    ("get", Scalar::Ours(element_at::get)),
    ("map_keys", Scalar::DataFusion("map_keys")),
    ("map_values", Scalar::DataFusion("map_values")),
    ("map_entries", Scalar::DataFusion("map_entries")),
    ("map_from_arrays", Scalar::Ours(compact_lists::map_from_arrays_function)),
    ("map_from_entries", Scalar::Ours(compact_lists::map_from_entries_function)),
    ("str_to_map", Scalar::Spark(map::str_to_map)),
];
