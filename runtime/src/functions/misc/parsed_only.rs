// SPDX-License-Identifier: Apache-2.0
//! Functions the frontend's analyzer resolves itself, as rewrites of others
//! (`equal_null` is `<=>`, `typeof` a constant...), made known to DataFusion's
//! SQL parser so that SQL strings (`F.expr("equal_null(a, b)")`) can name them:
//! the parsed expression comes back to the frontend, which resolves the call
//! by name. A plan never runs one: the analyzer has replaced every call.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, internal_err};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

/// What the parser may take the function's value to be.
#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum Value {
    Boolean,
    String,
    FirstArgument,
}

/// A function known to the SQL parser, resolved by the frontend.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct ParsedOnly {
    name: &'static str,
    value: Value,
    signature: Signature,
}

impl ScalarUDFImpl for ParsedOnly {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, argument_types: &[DataType]) -> Result<DataType> {
        Ok(match (self.value, argument_types.first()) {
            (Value::Boolean, _) => DataType::Boolean,
            (Value::FirstArgument, Some(first)) => first.clone(),
            (Value::String | Value::FirstArgument, _) => DataType::Utf8,
        })
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        internal_err!("{} is resolved by the frontend's analyzer and never runs in the engine", self.name)
    }
}

fn parsed_only(name: &'static str, value: Value) -> ScalarUDF {
    let signature = Signature::variadic_any(Volatility::Volatile);
    ScalarUDF::new_from_impl(ParsedOnly { name, value, signature })
}

// One constructor per name (the engine's tables hold `fn() -> ScalarUDF`).
pub(crate) fn equal_null() -> ScalarUDF {
    parsed_only("equal_null", Value::Boolean)
}
pub(crate) fn nullifzero() -> ScalarUDF {
    parsed_only("nullifzero", Value::FirstArgument)
}
pub(crate) fn zeroifnull() -> ScalarUDF {
    parsed_only("zeroifnull", Value::FirstArgument)
}
pub(crate) fn assert_true() -> ScalarUDF {
    parsed_only("assert_true", Value::String)
}
pub(crate) fn typeof_() -> ScalarUDF {
    parsed_only("typeof", Value::String)
}
pub(crate) fn current_catalog() -> ScalarUDF {
    parsed_only("current_catalog", Value::String)
}
pub(crate) fn current_database() -> ScalarUDF {
    parsed_only("current_database", Value::String)
}
pub(crate) fn current_schema() -> ScalarUDF {
    parsed_only("current_schema", Value::String)
}
pub(crate) fn current_path() -> ScalarUDF {
    parsed_only("current_path", Value::String)
}
pub(crate) fn current_user() -> ScalarUDF {
    parsed_only("current_user", Value::String)
}
pub(crate) fn user() -> ScalarUDF {
    parsed_only("user", Value::String)
}
pub(crate) fn session_user() -> ScalarUDF {
    parsed_only("session_user", Value::String)
}
