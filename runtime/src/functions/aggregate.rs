// SPDX-License-Identifier: Apache-2.0
//! Aggregate functions (`functions_spark.yaml`, `functions_spark_aggregate.yaml`).

mod approx_count_distinct;
mod collect_list;
mod collect_union;
mod count_min_sketch;
mod counter_diff;
pub(crate) mod double_sum;
mod histogram_numeric;
mod java_random;
mod list_agg;
mod moments;
mod percentile;
mod pick;
mod try_avg;
mod vector;

use datafusion::logical_expr::AggregateUDF;
use datafusion_spark::function::aggregate as spark;

use super::Aggregate;
use super::nan_aware_min_max::{Extreme, NanAwareMinMax};
use double_sum::{Addition, DoubleSum};
use moments::{CentralMoments, CoMoment, CoMoments, Moment, Product};
use percentile::{Quantile, Quantiles};
use pick::{By, End, ExtremeBy, FirstLast};

pub(super) const AGGREGATES: &[(&str, Aggregate)] = &[
    // DataFusion's min and max skip NaN; Spark's count it as the largest value.
    ("min", Aggregate::Ours(|| AggregateUDF::new_from_impl(NanAwareMinMax::new(Extreme::Smallest)))),
    ("max", Aggregate::Ours(|| AggregateUDF::new_from_impl(NanAwareMinMax::new(Extreme::Largest)))),
    // Doubles added one by one in the rows' order, as Spark's (double_sum.rs);
    // other types are DataFusion's, which are exact.
    ("sum", Aggregate::Ours(|| AggregateUDF::new_from_impl(DoubleSum::new(Addition::Sum)))),
    ("avg", Aggregate::Ours(|| AggregateUDF::new_from_impl(DoubleSum::new(Addition::Average)))),
    // Statistics: Spark's one-pass formulas and its NULL/NaN results (moments.rs).
    ("stddev_samp", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::StddevSamp)))),
    ("stddev_pop", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::StddevPop)))),
    ("var_samp", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::VarSamp)))),
    ("var_pop", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::VarPop)))),
    ("skewness", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::Skewness)))),
    ("kurtosis", Aggregate::Ours(|| AggregateUDF::new_from_impl(CentralMoments::new(Moment::Kurtosis)))),
    ("corr", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::Corr)))),
    ("covar_samp", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::CovarSamp)))),
    ("covar_pop", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::CovarPop)))),
    ("regr_avgx", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrAvgx)))),
    ("regr_avgy", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrAvgy)))),
    ("regr_sxx", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrSxx)))),
    ("regr_syy", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrSyy)))),
    ("regr_sxy", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrSxy)))),
    ("regr_slope", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrSlope)))),
    ("regr_intercept", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrIntercept)))),
    ("regr_r2", Aggregate::Ours(|| AggregateUDF::new_from_impl(CoMoments::new(CoMoment::RegrR2)))),
    ("product", Aggregate::Ours(|| AggregateUDF::new_from_impl(Product::new()))),
    // Every value of the group, sorted (percentile.rs).
    ("percentile", Aggregate::Ours(|| AggregateUDF::new_from_impl(Quantiles::new(Quantile::Exact)))),
    ("percentile_approx", Aggregate::Ours(|| AggregateUDF::new_from_impl(Quantiles::new(Quantile::Approximate)))),
    ("mode", Aggregate::Ours(|| AggregateUDF::new_from_impl(Quantiles::new(Quantile::Mode)))),
    // One value of the group (pick.rs).
    ("first", Aggregate::Ours(|| AggregateUDF::new_from_impl(FirstLast::new(End::First)))),
    ("last", Aggregate::Ours(|| AggregateUDF::new_from_impl(FirstLast::new(End::Last)))),
    ("max_by", Aggregate::Ours(|| AggregateUDF::new_from_impl(ExtremeBy::new(By::Max)))),
    ("min_by", Aggregate::Ours(|| AggregateUDF::new_from_impl(ExtremeBy::new(By::Min)))),
    // Spark's collect_list/collect_set skip nulls and give [] for no rows;
    // collect_list on DataFusion's array_agg, for its grouped accumulator (collect_list.rs).
    ("collect_list", Aggregate::Ours(|| AggregateUDF::new_from_impl(collect_list::CollectList::new()))),
    ("collect_set", Aggregate::Spark(spark::collect_set)),
    ("collect_union", Aggregate::Ours(|| AggregateUDF::new_from_impl(collect_union::CollectUnion::new()))),
    // A window function over the frame Spark fixes for it (counter_diff.rs).
    ("counter_diff", Aggregate::Ours(|| AggregateUDF::new_from_impl(counter_diff::CounterDiff::new()))),
    // Spark's own algorithms, to the bit (java_random.rs for their seeded generator).
    ("histogram_numeric", Aggregate::Ours(|| AggregateUDF::new_from_impl(histogram_numeric::HistogramNumeric::new()))),
    ("approx_count_distinct", Aggregate::Ours(|| AggregateUDF::new_from_impl(approx_count_distinct::ApproxCountDistinct::new()))),
    ("count_min_sketch", Aggregate::Ours(|| AggregateUDF::new_from_impl(count_min_sketch::CountMinSketchAggregate::new()))),
    // Element-wise over array<float> vectors, in float arithmetic (vector.rs).
    ("vector_sum", Aggregate::Ours(|| AggregateUDF::new_from_impl(vector::VectorAggregate::new(vector::Combine::Sum)))),
    ("vector_avg", Aggregate::Ours(|| AggregateUDF::new_from_impl(vector::VectorAggregate::new(vector::Combine::Average)))),
    // Null on overflow, as Spark's try_sum.
    ("try_sum", Aggregate::Spark(spark::try_sum)),
    // Of decimals (other types are avg's): NULL where Spark's decimal avg overflows.
    ("try_avg", Aggregate::Ours(|| AggregateUDF::new_from_impl(try_avg::TryAverage::new()))),
    // DataFusion's behave as Spark's: nulls skipped, NULL without rows.
    ("bit_and", Aggregate::DataFusion("bit_and")),
    ("bit_or", Aggregate::DataFusion("bit_or")),
    ("bit_xor", Aggregate::DataFusion("bit_xor")),
    ("bool_and", Aggregate::DataFusion("bool_and")),
    ("bool_or", Aggregate::DataFusion("bool_or")),
    // Non-null values joined by a constant delimiter; NULL when there are none.
    // DataFusion's for strings, ours for binaries (list_agg.rs).
    ("string_agg", Aggregate::Ours(|| AggregateUDF::new_from_impl(list_agg::ListAgg::new()))),
];
