// SPDX-License-Identifier: Apache-2.0
//! Functions with Spark's semantics where DataFusion's built-ins differ.

pub(crate) mod arithmetic;
pub(crate) mod checked_cast;
pub(crate) mod checked_sum;
pub(crate) mod nan_aware_min_max;
pub(crate) mod string_to_integer;

use datafusion::logical_expr::AggregateUDF;
use datafusion::prelude::SessionContext;

use nan_aware_min_max::{Extreme, NanAwareMinMax};

/// Register the functions that replace DataFusion's built-ins of the same name.
pub(crate) fn register(context: &SessionContext) {
    for extreme in [Extreme::Smallest, Extreme::Largest] {
        context.register_udaf(AggregateUDF::new_from_impl(NanAwareMinMax::new(extreme)));
    }
}
