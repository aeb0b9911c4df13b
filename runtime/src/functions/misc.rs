// SPDX-License-Identifier: Apache-2.0
//! Hash and miscellaneous functions (`functions_spark_misc.yaml`), and the
//! names of the misc and conditional functions the frontend resolves itself,
//! for DataFusion's SQL parser ([`parsed_only`]).

mod crypto;
mod md5;
pub(crate) mod murmur3_hash;
pub(crate) mod per_partition;
pub(super) mod parsed_only;
mod raise_error;

use datafusion_spark::function::bitmap;
use datafusion_spark::function::hash as spark;

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("bitmap_bit_position", Scalar::Spark(bitmap::bitmap_bit_position)),
    ("bitmap_bucket_number", Scalar::Spark(bitmap::bitmap_bucket_number)),
    ("bitmap_count", Scalar::Spark(bitmap::bitmap_count)),
    ("assert_true", Scalar::Ours(parsed_only::assert_true)),
    ("aes_decrypt", Scalar::Ours(crypto::aes_decrypt_function)),
    ("aes_encrypt", Scalar::Ours(crypto::aes_encrypt_function)),
    ("crc32", Scalar::Spark(spark::crc32)),
    ("current_catalog", Scalar::Ours(parsed_only::current_catalog)),
    ("current_database", Scalar::Ours(parsed_only::current_database)),
    ("current_path", Scalar::Ours(parsed_only::current_path)),
    ("current_schema", Scalar::Ours(parsed_only::current_schema)),
    ("current_user", Scalar::Ours(parsed_only::current_user)),
    ("hash", Scalar::Ours(murmur3_hash::murmur3_hash)),
    ("hmac", Scalar::Ours(crypto::hmac_function)),
    ("md5", Scalar::Ours(md5::md5_function)),
    ("monotonically_increasing_id", Scalar::Ours(per_partition::monotonically_increasing_id)),
    ("raise_error", Scalar::Ours(raise_error::raise_error)),
    ("session_user", Scalar::Ours(parsed_only::session_user)),
    ("sha1", Scalar::Spark(spark::sha1)),
    ("sha2", Scalar::Spark(spark::sha2)),
    ("spark_partition_id", Scalar::Ours(per_partition::spark_partition_id)),
    ("try_aes_decrypt", Scalar::Ours(crypto::try_aes_decrypt_function)),
    ("typeof", Scalar::Ours(parsed_only::typeof_)),
    ("user", Scalar::Ours(parsed_only::user)),
    ("uuid", Scalar::Ours(per_partition::uuid)),
    ("xxhash64", Scalar::Spark(spark::xxhash64)),
];
