// SPDX-License-Identifier: Apache-2.0
//! Our Substrait consumer: datafusion-substrait's `DefaultSubstraitConsumer`,
//! extended so that plans from other producers run
//! (<https://substrait.io/serialization/binary_serialization/>).
//!
//! The default consumer has one overridable `consume_<message>` per Substrait
//! message; [`SparkConsumer`] overrides the ones where it falls short and
//! delegates the rest. Each concern has its own file:
//!
//! | file | Substrait message | what we add |
//! |---|---|---|
//! | `plan.rs` | `Plan` | more than one relation tree (targets of `ReferenceRel`) |
//! | `reference_rel.rs` | `ReferenceRel` | shared subtrees (CTEs) |
//! | `project_rel.rs` | `ProjectRel` | DuckDB's projections (expressions only, no emit) |
//! | `read_rel.rs` | `ReadRel` | named tables matched by column name, best-effort filters, many `LocalFiles` (parquet, CSV, Arrow), a name of its own for each read in a subquery |
//! | `window_rel.rs` | `ConsistentPartitionWindowRel` | window relations |
//! | `window_function.rs` | `Expression.WindowFunction` | `sum` with `overflow: ERROR` over windows |
//! | `literal.rs` | `Expression.Literal` | `VarChar` literals, nested or not |
//! | `field_reference.rs` | `FieldReference` | nested struct / list / map references |
//! | `scalar_function.rs` | `ScalarFunction` | enum arguments (`extract(YEAR, d)`), ANSI and legacy function options, other producers' names |
//! | `aggregate_rel.rs` | `AggregateRel` | `sum` with `overflow: ERROR` (Spark's ANSI mode) |
//! | `cast.rs` | `Cast` | Spark's legacy parsing of strings into integers |
//! | `switch_expression.rs` | `SwitchExpression` | simple `CASE x WHEN ...` |
//! | `multi_or_list.rs` | `MultiOrList` | `(a, b) IN ((1, 2), ...)` |
//! | `nested.rs` | `Expression.Nested` | struct and map constructors |
//! | `join_rel.rs` | `JoinRel`, `CrossRel` | join hints (`broadcast`) on the hinted inputs |
//! | `generate_rel.rs` | `ExtensionSingleRel` | PyRust's `Generate` relation (Spark's generators), host relations (Python's map and grouped-map functions) |
//! | `scalar_function.rs` (host) | `ScalarFunction` | calls of host functions (Python UDFs) by registered name |

mod aggregate_rel;
mod cast;
mod field_reference;
mod generate_rel;
mod join_rel;
mod literal;
mod multi_or_list;
mod nested;
mod plan;
mod project_rel;
mod read_rel;
mod reference_rel;
mod relabel;
mod scalar_function;
mod switch_expression;
mod window_function;
mod window_rel;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use async_trait::async_trait;
use datafusion::catalog::TableProvider;
use datafusion::common::{DFSchema, TableReference};
use datafusion::execution::{FunctionRegistry, SessionState};
use datafusion::logical_expr::{Expr, LogicalPlan};
use datafusion_substrait::extensions::Extensions;
use datafusion_substrait::logical_plan::consumer::{DefaultSubstraitConsumer, SubstraitConsumer};
use substrait::proto::expression::{
    Cast, FieldReference, Literal, MultiOrList, Nested, ScalarFunction, SwitchExpression, WindowFunction,
};
use substrait::proto::{
    AggregateRel, ConsistentPartitionWindowRel, CrossRel, ExtensionSingleRel, JoinRel, FunctionOption, ProjectRel, ReadRel, Rel, Type,
};

pub(crate) use plan::from_plan;
pub(crate) use relabel::Relabel;
use crate::host_functions::HostFunctions;
use project_rel::Dialect;

/// Whether a call's `options` put `preference` first for `option` (such as
/// `overflow: ERROR`): the consumer honours a producer's first preference.
fn prefers(options: &[FunctionOption], option: &str, preference: &str) -> bool {
    options
        .iter()
        .any(|given| given.name == option && given.preference.first().map(String::as_str) == Some(preference))
}

/// The consumer the runtime uses for every plan.
pub(crate) struct SparkConsumer<'a> {
    default: DefaultSubstraitConsumer<'a>,
    extensions: &'a Extensions,
    state: &'a SessionState,
    /// The plan's relation trees, by ordinal, for `ReferenceRel`; set by [`from_plan`].
    relations: OnceLock<Vec<Option<Rel>>>,
    /// How the plan's producer writes plans; set by [`from_plan`].
    dialect: OnceLock<Dialect>,
    /// The `ReferenceRel` ordinals being consumed, to reject cycles.
    resolving: Mutex<Vec<i32>>,
    /// How many lambdas enclose the expression being consumed.
    lambda_depth: AtomicUsize,
    /// The session's host functions (Python UDFs).
    host_functions: &'a HostFunctions,
    /// The plan's function anchors that name host functions.
    host_anchors: HashSet<u32>,
}

impl<'a> SparkConsumer<'a> {
    pub(crate) fn new(
        extensions: &'a Extensions,
        state: &'a SessionState,
        host_functions: &'a HostFunctions,
        host_anchors: HashSet<u32>,
    ) -> Self {
        SparkConsumer {
            default: DefaultSubstraitConsumer::new(extensions, state),
            extensions,
            state,
            relations: OnceLock::new(),
            dialect: OnceLock::new(),
            resolving: Mutex::new(Vec::new()),
            lambda_depth: AtomicUsize::new(0),
            host_functions,
            host_anchors,
        }
    }

    /// The session's host functions.
    pub(crate) fn host_functions(&self) -> &HostFunctions {
        self.host_functions
    }

    /// Whether function anchor `anchor` names a host function.
    pub(crate) fn is_host_function(&self, anchor: u32) -> bool {
        self.host_anchors.contains(&anchor)
    }

    /// How the plan being consumed is to be read.
    fn dialect(&self) -> Dialect {
        self.dialect.get().copied().unwrap_or_default()
    }

    /// Whether the expression being consumed is inside a lambda's body.
    fn in_lambda(&self) -> bool {
        self.lambda_depth.load(Ordering::Relaxed) > 0
    }

    /// The session whose catalog and functions plans resolve against.
    pub(crate) fn state(&self) -> &SessionState {
        self.state
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
        let names = self.default.push_lambda_parameters(lambda_parameters, input_schema)?;
        self.lambda_depth.fetch_add(1, Ordering::Relaxed);
        Ok(names)
    }

    fn pop_lambda_parameters(&self) {
        self.lambda_depth.fetch_sub(1, Ordering::Relaxed);
        self.default.pop_lambda_parameters();
    }

    fn lambda_variable(
        &self,
        steps_out: usize,
        field_idx: usize,
    ) -> datafusion::common::Result<Expr> {
        self.default.lambda_variable(steps_out, field_idx)
    }

    async fn consume_rel(&self, rel: &Rel) -> datafusion::common::Result<LogicalPlan> {
        reference_rel::consume_rel(self, rel).await
    }

    async fn consume_project(&self, rel: &ProjectRel) -> datafusion::common::Result<LogicalPlan> {
        project_rel::consume_project(self, rel).await
    }

    async fn consume_join(&self, rel: &JoinRel) -> datafusion::common::Result<LogicalPlan> {
        join_rel::consume_join(self, rel).await
    }

    async fn consume_cross(&self, rel: &CrossRel) -> datafusion::common::Result<LogicalPlan> {
        join_rel::consume_cross(self, rel).await
    }

    async fn consume_aggregate(&self, rel: &AggregateRel) -> datafusion::common::Result<LogicalPlan> {
        aggregate_rel::consume_aggregate(self, rel).await
    }

    async fn consume_read(&self, rel: &ReadRel) -> datafusion::common::Result<LogicalPlan> {
        let plan = read_rel::consume_read(self, rel).await?;
        read_rel::qualify_in_subquery(self, plan)
    }

    async fn consume_extension_single(
        &self,
        rel: &ExtensionSingleRel,
    ) -> datafusion::common::Result<LogicalPlan> {
        generate_rel::consume_extension_single(self, rel).await
    }

    async fn consume_consistent_partition_window(
        &self,
        rel: &ConsistentPartitionWindowRel,
    ) -> datafusion::common::Result<LogicalPlan> {
        window_rel::consume_window_rel(self, rel).await
    }

    async fn consume_window_function(
        &self,
        function: &WindowFunction,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        window_function::consume_window_function(self, function, input_schema).await
    }

    async fn consume_literal(&self, literal: &Literal) -> datafusion::common::Result<Expr> {
        literal::consume_literal(self, literal).await
    }

    async fn consume_field_reference(
        &self,
        reference: &FieldReference,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        field_reference::consume_field_reference(self, reference, input_schema).await
    }

    async fn consume_scalar_function(
        &self,
        function: &ScalarFunction,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        scalar_function::consume_scalar_function(self, function, input_schema).await
    }

    async fn consume_cast(
        &self,
        cast: &Cast,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        cast::consume_cast(self, cast, input_schema).await
    }

    async fn consume_switch(
        &self,
        switch: &SwitchExpression,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        switch_expression::consume_switch(self, switch, input_schema).await
    }

    async fn consume_multi_or_list(
        &self,
        list: &MultiOrList,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        multi_or_list::consume_multi_or_list(self, list, input_schema).await
    }

    async fn consume_nested(
        &self,
        nested: &Nested,
        input_schema: &DFSchema,
    ) -> datafusion::common::Result<Expr> {
        nested::consume_nested(self, nested, input_schema).await
    }
}
