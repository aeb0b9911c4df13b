// SPDX-License-Identifier: Apache-2.0
//! Our Substrait consumer: datafusion-substrait's, plus the function options
//! it ignores.
//!
//! Substrait arithmetic carries options that fix its edge cases
//! (<https://substrait.io/extensions/#function-signature-compound-names>):
//! `overflow: ERROR` and `on_division_by_zero: ERROR` are what Spark's ANSI
//! mode does. DataFusion's operators wrap on overflow and return infinity on
//! floating-point division by zero, so calls carrying those options become our
//! checked functions instead. Nested struct constructors, which the default
//! consumer rejects, become `named_struct` calls. Everything else is
//! delegated unchanged.

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::catalog::TableProvider;
use datafusion::common::{DFSchema, TableReference};
use datafusion::execution::{FunctionRegistry, SessionState};
use datafusion::logical_expr::{Expr, ScalarUDF, lit};
use datafusion::logical_expr::expr::ScalarFunction as ScalarFunctionExpr;
use datafusion_substrait::extensions::Extensions;
use datafusion_substrait::logical_plan::consumer::{
    DefaultSubstraitConsumer, SubstraitConsumer, from_nested, from_scalar_function, from_substrait_func_args,
    substrait_fun_name,
};
use substrait::proto::expression::ScalarFunction;
use substrait::proto::expression::Nested;
use substrait::proto::expression::nested::NestedType;
use substrait::proto::Type;

use crate::functions::checked_arithmetic::{CheckedArithmetic, Operation};

/// The consumer the runtime uses for every plan.
pub(crate) struct SparkConsumer<'a> {
    default: DefaultSubstraitConsumer<'a>,
    extensions: &'a Extensions,
    state: &'a SessionState,
}

impl<'a> SparkConsumer<'a> {
    pub(crate) fn new(extensions: &'a Extensions, state: &'a SessionState) -> Self {
        SparkConsumer { default: DefaultSubstraitConsumer::new(extensions, state), extensions, state }
    }

    /// The checked operation a call asks for through its options, if any.
    fn checked_operation(&self, function: &ScalarFunction) -> Option<Operation> {
        let signature = self.extensions.functions.get(&function.function_reference)?;
        let wants = |option: &str| {
            function
                .options
                .iter()
                .any(|given| given.name == option && given.preference.first().map(String::as_str) == Some("ERROR"))
        };
        match substrait_fun_name(signature) {
            "add" if wants("overflow") => Some(Operation::Add),
            "subtract" if wants("overflow") => Some(Operation::Subtract),
            "multiply" if wants("overflow") => Some(Operation::Multiply),
            "divide" if wants("on_division_by_zero") || wants("overflow") => Some(Operation::Divide),
            "modulus" if wants("on_division_by_zero") || wants("overflow") => Some(Operation::Remainder),
            _ => None,
        }
    }
}

#[async_trait]
impl SubstraitConsumer for SparkConsumer<'_> {
    async fn resolve_table_ref(
        &self,
        table_ref: &TableReference,
    ) -> datafusion::common::Result<Option<Arc<dyn TableProvider>>> {
        self.default.resolve_table_ref(table_ref).await
    }

    fn get_extensions(&self) -> &Extensions {
        self.extensions
    }

    fn get_function_registry(&self) -> &impl FunctionRegistry {
        self.state
    }

    fn push_outer_schema(&self, schema: Arc<DFSchema>) {
        self.default.push_outer_schema(schema);
    }

    fn pop_outer_schema(&self) {
        self.default.pop_outer_schema();
    }

    fn get_outer_schema(&self, steps_out: usize) -> Option<Arc<DFSchema>> {
        self.default.get_outer_schema(steps_out)
    }

    fn push_lambda_parameters(
        &self,
        lambda_parameters: &[Type],
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Vec<String>> {
        self.default.push_lambda_parameters(lambda_parameters, input_schema)
    }

    fn pop_lambda_parameters(&self) {
        self.default.pop_lambda_parameters();
    }

    fn lambda_variable(&self, steps_out: usize, field_idx: usize) -> datafusion::common::Result<Expr> {
        self.default.lambda_variable(steps_out, field_idx)
    }

    async fn consume_nested(&self, nested: &Nested, input_schema: &DFSchema) -> datafusion::common::Result<Expr> {
        let Some(NestedType::Struct(structure)) = &nested.nested_type else {
            return from_nested(self, nested, input_schema).await;
        };
        // Substrait structs are positional; name the fields c0, c1, ... as DataFusion's `struct` does.
        let mut arguments = Vec::with_capacity(structure.fields.len() * 2);
        for (index, field) in structure.fields.iter().enumerate() {
            arguments.push(lit(format!("c{index}")));
            arguments.push(self.consume_expression(field, input_schema).await?);
        }
        let named_struct = self.state.udf("named_struct")?;
        Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(named_struct, arguments)))
    }

    async fn consume_scalar_function(
        &self,
        function: &ScalarFunction,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        match self.checked_operation(function) {
            Some(operation) => {
                let arguments = from_substrait_func_args(self, &function.arguments, input_schema).await?;
                let udf = Arc::new(ScalarUDF::new_from_impl(CheckedArithmetic::new(operation)));
                Ok(Expr::ScalarFunction(ScalarFunctionExpr::new_udf(udf, arguments)))
            }
            None => from_scalar_function(self, function, input_schema).await,
        }
    }
}
