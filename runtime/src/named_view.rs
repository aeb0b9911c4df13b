// SPDX-License-Identifier: Apache-2.0
//! A view that stays a named table in logical plans.
//!
//! File reads are registered as views (a scan plus Spark's renames and
//! reorders), and DataFusion inlines a view's plan where a scan of it is
//! built. The inlined plan forgets the table's name, so a plan produced again
//! from it (the optimizer's output, `crate::optimize`) would read a table
//! called `?table?`. Wrapped in a [`NamedView`], the view is planned like any
//! table and executes its own plan when scanned, with projections, filters and
//! limits still pushed into it.

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::{Result, Statistics};
use datafusion::datasource::TableType;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::physical_plan::ExecutionPlan;

/// A table provider that scans `view` but does not expose its logical plan.
#[derive(Debug)]
pub(crate) struct NamedView {
    view: Arc<dyn TableProvider>,
}

impl NamedView {
    pub(crate) fn new(view: Arc<dyn TableProvider>) -> Self {
        NamedView { view }
    }
}

#[async_trait]
impl TableProvider for NamedView {
    fn schema(&self) -> SchemaRef {
        self.view.schema()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        self.view.scan(state, projection, filters, limit).await
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> Result<Vec<TableProviderFilterPushDown>> {
        self.view.supports_filters_pushdown(filters)
    }

    fn statistics(&self) -> Option<Statistics> {
        self.view.statistics()
    }
}
