// SPDX-License-Identifier: Apache-2.0
//! `ExtensionSingleRel` (<https://substrait.io/relations/user_defined_relations/>):
//! PyRust's `Generate` relation, Spark's generators (`explode`, `posexplode`,
//! `inline`, outer or not; the detail is described in
//! [`pyrust_compiler::generate`]), built on DataFusion's `Unnest`.
//!
//! A projection first prepares lists to unnest next to the input columns:
//! the list itself, a map's keys and values (two lists of one length, which
//! an `Unnest` of both zips), and for `posexplode` the positions
//! `range(0, cardinality)` as one more list of the same length. `Unnest`
//! drops rows whose lists are null or empty, or for an outer generator keeps
//! one row of nulls for them (`NullHandling::PreserveAndExpandEmpty`, Spark's
//! `explode_outer`). A last projection puts the generated columns after the
//! input columns: `inline` takes each field of the unnested struct (null
//! where the struct is null), positions become `i32`. `Unnest` keeps the
//! order of rows and of elements, as Spark does.

use std::collections::HashSet;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, DFSchema, NullHandling, UnnestOptions, not_impl_err, substrait_err};
use datafusion::functions::core::expr_fn::get_field;
use datafusion::functions_nested::expr_fn::{cardinality, map_keys, map_values, range};
use datafusion::logical_expr::{Expr, ExprSchemable, LogicalPlan, LogicalPlanBuilder, cast, lit, when};
use datafusion_substrait::logical_plan::consumer::SubstraitConsumer;
use pyrust_compiler::generate::{Generate, Generator};
use pyrust_compiler::host_function::HostRelation;
use pyrust_compiler::spark_exchange::SparkExchange;
use substrait::proto::ExtensionSingleRel;

use super::SparkConsumer;

/// Names for the columns this relation adds, unlike every input column's
/// (and each other's): an input may come from another `Generate`.
struct FreshNames {
    taken: HashSet<String>,
    next: usize,
}

impl FreshNames {
    fn new(schema: &DFSchema) -> Self {
        FreshNames {
            taken: schema.fields().iter().map(|field| field.name().clone()).collect(),
            next: 0,
        }
    }

    fn fresh(&mut self) -> String {
        loop {
            let name = format!("__pyrust_generate_{}", self.next);
            self.next += 1;
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
    }
}

pub(super) async fn consume_extension_single(
    consumer: &SparkConsumer<'_>,
    rel: &ExtensionSingleRel,
) -> datafusion::common::Result<LogicalPlan> {
    let Some(detail) = rel.detail.as_ref() else {
        return substrait_err!("ExtensionSingleRel.detail is required");
    };
    if HostRelation::is_host_relation(detail) {
        return match HostRelation::from_detail(detail) {
            Ok(relation) => host_relation(consumer, rel, relation).await,
            Err(message) => substrait_err!("invalid host relation detail: {message}"),
        };
    }
    if SparkExchange::is_spark_exchange(detail) {
        let exchange = match SparkExchange::from_detail(detail) {
            Ok(exchange) => exchange,
            Err(message) => return substrait_err!("invalid exchange detail: {message}"),
        };
        let Some(input) = rel.input.as_deref() else {
            return substrait_err!("ExtensionSingleRel.input is required");
        };
        return crate::row_order::spark_exchange(consumer.consume_rel(input).await?, exchange);
    }
    if !Generate::is_generate(detail) {
        return not_impl_err!(
            "extension relations other than PyRust's Generate are not supported (detail type {})",
            detail.type_url
        );
    }
    let generate = match Generate::from_detail(detail) {
        Ok(generate) => generate,
        Err(message) => return substrait_err!("invalid Generate detail: {message}"),
    };
    let Some(input) = rel.input.as_deref() else {
        return substrait_err!("ExtensionSingleRel.input is required");
    };
    let input = consumer.consume_rel(input).await?;
    let schema = input.schema().clone();
    if generate.column >= schema.fields().len() {
        return substrait_err!(
            "Generate column {} is out of range: the input has {} columns",
            generate.column,
            schema.fields().len()
        );
    }
    let columns: Vec<Expr> = schema.columns().into_iter().map(Expr::Column).collect();
    let source = columns[generate.column].clone();
    let source_type = source.get_type(&schema)?;

    // The lists to unnest, in the order of the generated columns (positions first).
    let mut lists: Vec<Expr> = Vec::new();
    let is_map = matches!(source_type, DataType::Map(..));
    if generate.generator == Generator::PosExplode {
        let count = cast(cardinality(source.clone()), DataType::Int64);
        lists.push(range(lit(0_i64), count, lit(1_i64)));
    }
    match (&source_type, generate.generator) {
        (DataType::Map(..), Generator::Explode | Generator::PosExplode) => {
            lists.push(map_keys(source.clone()));
            lists.push(map_values(source));
        }
        (DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..), _) => {
            lists.push(source);
        }
        (other, generator) => {
            return substrait_err!(
                "Generate {}: column {} is {other}, not a list or a map",
                generator.name(),
                generate.column
            );
        }
    }
    let mut fresh = FreshNames::new(&schema);
    let names: Vec<String> = lists.iter().map(|_| fresh.fresh()).collect();
    let mut prepared = columns.clone();
    prepared.extend(
        lists
            .into_iter()
            .zip(&names)
            .map(|(list, name)| list.alias(name)),
    );
    let null_handling = if generate.outer {
        NullHandling::PreserveAndExpandEmpty
    } else {
        NullHandling::Drop
    };
    let unnested = LogicalPlanBuilder::from(input)
        .project(prepared)?
        .unnest_columns_with_options(
            names.iter().map(|name| Column::from_name(name.clone())).collect(),
            UnnestOptions::new().with_null_handling(null_handling),
        )?
        .build()?;
    let unnested_schema = unnested.schema().clone();

    // The input columns, then the generated ones.
    let mut outputs: Vec<Expr> = unnested_schema
        .columns()
        .into_iter()
        .take(columns.len())
        .map(Expr::Column)
        .collect();
    let mut generated = names.iter().map(|name| Expr::Column(Column::from_name(name.clone())));
    if generate.generator == Generator::PosExplode
        && let Some(position) = generated.next()
    {
        outputs.push(cast(position, DataType::Int32).alias(fresh.fresh()));
    }
    if generate.generator == Generator::Inline && !is_map {
        let Some(element) = generated.next() else {
            return substrait_err!("Generate inline: nothing to unnest");
        };
        let DataType::Struct(fields) = element.get_type(&unnested_schema)? else {
            return substrait_err!("Generate inline: column {} is not a list of structs", generate.column);
        };
        for field in fields.iter() {
            // A null struct gives null fields, whatever its children hold.
            let value = when(element.clone().is_null(), lit(datafusion::common::ScalarValue::Null))
                .otherwise(get_field(element.clone(), field.name().as_str()))?;
            let value = cast(value, field.data_type().clone());
            outputs.push(value.alias(fresh.fresh()));
        }
    } else {
        outputs.extend(generated);
    }
    LogicalPlanBuilder::from(unnested).project(outputs)?.build()
}

/// A host relation: the rows a host function (Python's map and grouped-map
/// functions) makes of its input (see [`crate::host_functions`]).
async fn host_relation(
    consumer: &SparkConsumer<'_>,
    rel: &ExtensionSingleRel,
    relation: HostRelation,
) -> datafusion::common::Result<LogicalPlan> {
    let Some(input) = rel.input.as_deref() else {
        return substrait_err!("ExtensionSingleRel.input is required");
    };
    let input = consumer.consume_rel(input).await?;
    let schema = datafusion_substrait::logical_plan::consumer::from_substrait_named_struct(consumer, &relation.output)?;
    crate::host_functions::host_relation(
        consumer.host_functions(),
        &relation.function,
        input,
        relation.keys,
        std::sync::Arc::new(schema),
    )
}
