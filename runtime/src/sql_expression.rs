// SPDX-License-Identifier: Apache-2.0
//! SQL expression strings (`df.filter("age > 18")`, `F.expr("a + 1")`) parsed
//! by DataFusion's SQL front end (sqlparser, Spark dialect) against an input
//! schema, and returned as a Substrait `ExtendedExpression`
//! (<https://substrait.io/expressions/extended_expression/>).
//!
//! The frontend turns the expression into its own column objects and applies
//! Spark's typing rules; this module only parses and resolves names.

use std::collections::HashSet;
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::DFSchema;
use datafusion::logical_expr::Expr;
use datafusion_substrait::logical_plan::producer::to_substrait_extended_expr;
use prost::Message;

use crate::error::Result;
use crate::session::Session;

/// Parse `sql` as one expression over `schema` and encode it as a Substrait
/// `ExtendedExpression` whose base schema is `schema`.
///
/// Spark resolves column names case-insensitively; DataFusion lowercases
/// unquoted identifiers, so the schema's names are lowercased for resolution
/// (references are positional, so nothing else changes) unless that would
/// make two names collide.
pub fn parse_expression(session: &Session, sql: &str, schema: &Schema) -> Result<Vec<u8>> {
    let lowered: Vec<String> = schema.fields().iter().map(|field| field.name().to_lowercase()).collect();
    let distinct: HashSet<&String> = lowered.iter().collect();
    let resolution_schema = if distinct.len() == lowered.len() {
        let fields: Vec<Field> =
            schema.fields().iter().zip(&lowered).map(|(field, name)| field.as_ref().clone().with_name(name)).collect();
        Schema::new(fields)
    } else {
        schema.clone()
    };
    let df_schema = Arc::new(DFSchema::try_from(resolution_schema)?);
    let expression = session.context().parse_sql_expr(sql, &df_schema)?;
    // The output is named only for `expression AS alias`; the frontend names the rest itself.
    let output_name = match &expression {
        Expr::Alias(alias) => alias.name.clone(),
        _ => String::new(),
    };
    let output = Field::new(output_name, DataType::Null, true);
    let extended = to_substrait_extended_expr(&[(&expression, &output)], &df_schema, &session.context().state())?;
    Ok(extended.encode_to_vec())
}
