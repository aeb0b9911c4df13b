// SPDX-License-Identifier: Apache-2.0
//! Functions with Spark's semantics where DataFusion's built-ins differ.

pub(crate) mod arithmetic;
pub(crate) mod checked_cast;
pub(crate) mod checked_sum;
pub(crate) mod nan_aware_min_max;
pub(crate) mod string_to_integer;

use datafusion::arrow::array::ArrayRef;
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::{AggregateUDF, ColumnarValue};
use datafusion::prelude::SessionContext;

use nan_aware_min_max::{Extreme, NanAwareMinMax};

/// Register the functions that replace DataFusion's built-ins of the same name.
pub(crate) fn register(context: &SessionContext) {
    for extreme in [Extreme::Smallest, Extreme::Largest] {
        context.register_udaf(AggregateUDF::new_from_impl(NanAwareMinMax::new(extreme)));
    }
}

/// `kernel` applied to a one-argument function's value: to the array, or to
/// a scalar as a one-row array whose result is a scalar again.
pub(crate) fn apply_unary(value: &ColumnarValue, kernel: impl Fn(&ArrayRef) -> Result<ArrayRef>) -> Result<ColumnarValue> {
    match value {
        ColumnarValue::Array(values) => Ok(ColumnarValue::Array(kernel(values)?)),
        ColumnarValue::Scalar(scalar) => Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&kernel(&scalar.to_array()?)?, 0)?)),
    }
}
