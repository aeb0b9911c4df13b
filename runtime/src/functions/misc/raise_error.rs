// SPDX-License-Identifier: Apache-2.0
//! Spark's `raise_error(message)`: fails the query with `USER_RAISED_EXCEPTION`
//! and the message, at the first row it is evaluated on. Its (never seen)
//! value is Spark's `void`, which travels as a string column of nulls.
//!
//! It is volatile, so DataFusion neither folds it at planning time nor
//! evaluates it for rows a `CASE` did not choose (`assert_true` is
//! `CASE WHEN condition THEN NULL ELSE raise_error(message) END`).

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};

use crate::error::Error;

/// Spark's `raise_error`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct RaiseError {
    signature: Signature,
}

fn raised(message: Option<&str>) -> DataFusionError {
    // Spark shows a null message as "null".
    let message = message.unwrap_or("null").to_string();
    let error = Error::execution("USER_RAISED_EXCEPTION", [("errorMessage", message.clone())], message);
    DataFusionError::External(Box::new(error))
}

impl ScalarUDFImpl for RaiseError {
    fn name(&self) -> &str {
        "raise_error"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.number_rows == 0 {
            return Ok(ColumnarValue::Scalar(ScalarValue::Utf8(None)));
        }
        let message = match &args.args[..] {
            [ColumnarValue::Scalar(scalar)] => match scalar.cast_to(&DataType::Utf8)? {
                ScalarValue::Utf8(message) => message,
                _ => None,
            },
            [ColumnarValue::Array(messages)] => {
                let messages = datafusion::arrow::compute::cast(messages, &DataType::Utf8)?;
                let messages = messages.as_string::<i32>();
                messages.is_valid(0).then(|| messages.value(0).to_string())
            }
            _ => None,
        };
        Err(raised(message.as_deref()))
    }
}

/// The `raise_error` function to register.
pub(crate) fn raise_error() -> ScalarUDF {
    ScalarUDF::new_from_impl(RaiseError { signature: Signature::any(1, Volatility::Volatile) })
}
