// SPDX-License-Identifier: Apache-2.0
//! Aggregate functions (`functions_spark.yaml`, `functions_spark_aggregate.yaml`).

use datafusion::logical_expr::AggregateUDF;

use super::Aggregate;
use super::nan_aware_min_max::{Extreme, NanAwareMinMax};

pub(super) const AGGREGATES: &[(&str, Aggregate)] = &[
    // DataFusion's min and max skip NaN; Spark's count it as the largest value.
    ("min", Aggregate::Ours(|| AggregateUDF::new_from_impl(NanAwareMinMax::new(Extreme::Smallest)))),
    ("max", Aggregate::Ours(|| AggregateUDF::new_from_impl(NanAwareMinMax::new(Extreme::Largest)))),
];
