// SPDX-License-Identifier: Apache-2.0
//! Hash and miscellaneous functions (`functions_spark_misc.yaml`).

mod murmur3_hash;
mod raise_error;

use datafusion_spark::function::bitmap;
use datafusion_spark::function::hash as spark;

use super::Scalar;

pub(super) const SCALARS: &[(&str, Scalar)] = &[
    ("bitmap_bit_position", Scalar::Spark(bitmap::bitmap_bit_position)),
    ("bitmap_bucket_number", Scalar::Spark(bitmap::bitmap_bucket_number)),
    ("bitmap_count", Scalar::Spark(bitmap::bitmap_count)),
    ("crc32", Scalar::Spark(spark::crc32)),
    ("hash", Scalar::Ours(murmur3_hash::murmur3_hash)),
    ("md5", Scalar::DataFusion("md5")),
    ("raise_error", Scalar::Ours(raise_error::raise_error)),
    ("sha1", Scalar::Spark(spark::sha1)),
    ("sha2", Scalar::Spark(spark::sha2)),
    ("xxhash64", Scalar::Spark(spark::xxhash64)),
];
