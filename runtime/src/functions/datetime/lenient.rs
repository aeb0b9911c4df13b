// SPDX-License-Identifier: Apache-2.0
//! A datafusion-spark function whose signature takes any arguments.
//!
//! Plans reach these functions with Spark's implicit casts already applied by
//! the analyzer, but DataFusion's SQL planner (`F.expr("date_add(d, 3)")`)
//! checks SQL text against the function's own signature first, and refuses an
//! `Int64` literal where the function declares `Int32`. The analyzer re-types
//! what the parser returns, so the parser only needs the call to plan: this
//! wrapper accepts any arguments and delegates everything else.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::common::Result;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{ColumnarValue, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct Lenient {
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

impl Lenient {
    pub(crate) fn udf(inner: Arc<ScalarUDF>) -> ScalarUDF {
        ScalarUDF::new_from_impl(Lenient { inner, signature: Signature::variadic_any(Volatility::Immutable) })
    }
}

impl ScalarUDFImpl for Lenient {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }

    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        self.inner.simplify(args, info)
    }
}
