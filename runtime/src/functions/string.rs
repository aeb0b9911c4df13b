// SPDX-License-Identifier: Apache-2.0
//! String functions (`functions_spark_string.yaml`).

mod binary;
mod edit;
mod like;
mod number_format;
mod regexp;
pub(super) mod row_function;
mod text;

use datafusion_spark::function::string as spark;
use datafusion_spark::function::url as spark_url;

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("substring", Scalar::Spark(spark::substring)),
    ("ascii", Scalar::Spark(spark::ascii)),
    ("base64", Scalar::Ours(edit::base64_function)),
    ("unbase64", Scalar::Ours(edit::unbase64_function)),
    ("bit_length", Scalar::Ours(edit::bit_length_function)),
    ("octet_length", Scalar::Ours(edit::octet_length_function)),
    ("char", Scalar::Spark(spark::char)),
    ("length", Scalar::Spark(spark::length)),
    ("concat_ws", Scalar::Spark(spark::concat_ws)),
    ("elt", Scalar::Spark(spark::elt)),
    ("format_string", Scalar::Spark(spark::format_string)),
    ("initcap", Scalar::Ours(edit::initcap_function)),
    ("instr", Scalar::Ours(binary::instr_function)),
    ("locate", Scalar::Ours(text::locate_function)),
    ("find_in_set", Scalar::DataFusion("find_in_set")),
    ("left", Scalar::Ours(edit::left_function)),
    ("right", Scalar::Ours(edit::right_function)),
    ("levenshtein", Scalar::Ours(edit::levenshtein_function)),
    ("lpad", Scalar::DataFusion("lpad")),
    ("rpad", Scalar::DataFusion("rpad")),
    ("ltrim", Scalar::DataFusion("ltrim")),
    ("rtrim", Scalar::DataFusion("rtrim")),
    // After btrim, which DataFusion also registers as `trim`.
    ("btrim", Scalar::DataFusion("btrim")),
    ("trim", Scalar::DataFusion("btrim")),
    ("randstr", Scalar::Ours(super::per_partition::randstr)),
    ("repeat", Scalar::DataFusion("repeat")),
    ("replace", Scalar::Ours(edit::replace_function)),
    ("translate", Scalar::DataFusion("translate")),
    ("split_part", Scalar::DataFusion("split_part")),
    ("substring_index", Scalar::DataFusion("substr_index")),
    ("overlay", Scalar::Ours(edit::overlay_function)),
    ("quote", Scalar::Spark(spark::quote)),
    ("soundex", Scalar::Spark(spark::soundex)),
    ("is_valid_utf8", Scalar::Spark(spark::is_valid_utf8)),
    ("make_valid_utf8", Scalar::Spark(spark::make_valid_utf8)),
    ("validate_utf8", Scalar::Ours(text::validate_utf8_function)),
    ("try_validate_utf8", Scalar::Ours(text::try_validate_utf8_function)),
    ("ilike", Scalar::Spark(spark::ilike)),
    ("like_escape", Scalar::Ours(like::like_escape_function)),
    ("rlike", Scalar::Ours(regexp::rlike_function)),
    ("regexp_count", Scalar::Ours(regexp::regexp_count_function)),
    ("regexp_extract", Scalar::Ours(regexp::regexp_extract_function)),
    ("regexp_extract_all", Scalar::Ours(regexp::regexp_extract_all_function)),
    ("regexp_instr", Scalar::Ours(regexp::regexp_instr_function)),
    ("regexp_replace", Scalar::Ours(regexp::regexp_replace_function)),
    ("regexp_substr", Scalar::Ours(regexp::regexp_substr_function)),
    ("split", Scalar::Ours(regexp::split_function)),
    ("mask", Scalar::Ours(text::mask_function)),
    ("to_base32", Scalar::Ours(text::to_base32_function)),
    ("from_base32", Scalar::Ours(text::from_base32_function)),
    ("encode", Scalar::Ours(text::encode_function)),
    ("decode", Scalar::Ours(text::decode_function)),
    ("jaro_winkler_similarity", Scalar::Ours(edit::jaro_winkler_similarity_function)),
    ("format_number", Scalar::Ours(edit::format_number_function)),
    ("to_binary", Scalar::Ours(edit::to_binary_function)),
    ("try_to_binary", Scalar::Ours(edit::try_to_binary_function)),
    ("to_number", Scalar::Ours(number_format::to_number_function)),
    ("try_to_number", Scalar::Ours(number_format::try_to_number_function)),
    ("to_char", Scalar::Ours(number_format::to_char_function)),
    ("parse_url", Scalar::Spark(spark_url::parse_url)),
    ("try_parse_url", Scalar::Spark(spark_url::try_parse_url)),
    ("url_encode", Scalar::Spark(spark_url::url_encode)),
    ("url_decode", Scalar::Spark(spark_url::url_decode)),
    ("try_url_decode", Scalar::Spark(spark_url::try_url_decode)),
    // Spark's other names, so that SQL expressions (`F.expr`) find them too.
    ("substr", Scalar::Spark(spark::substring)),
    ("lcase", Scalar::DataFusion("lower")),
    ("ucase", Scalar::DataFusion("upper")),
    ("chr", Scalar::Spark(spark::char)),
    ("char_length", Scalar::Spark(spark::length)),
    ("character_length", Scalar::Spark(spark::length)),
    ("len", Scalar::Spark(spark::length)),
    ("printf", Scalar::Spark(spark::format_string)),
    ("position", Scalar::Ours(text::locate_function)),
    ("regexp", Scalar::Ours(regexp::rlike_function)),
    ("regexp_like", Scalar::Ours(regexp::rlike_function)),
    // Of strings and of binary values (bytes), as Spark's.
    ("startswith", Scalar::Ours(binary::startswith_function)),
    ("endswith", Scalar::Ours(binary::endswith_function)),
    ("contains", Scalar::Ours(binary::contains_function)),
    // `concat` and `reverse` of binary values (the analyzer picks them by type).
    ("concat_binary", Scalar::Ours(binary::concat_binary_function)),
    ("reverse_binary", Scalar::Ours(binary::reverse_binary_function)),
];
