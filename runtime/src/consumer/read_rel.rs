// SPDX-License-Identifier: Apache-2.0
//! `ReadRel` (<https://substrait.io/relations/logical_relations/#read-operator>).
//!
//! What we change from datafusion-substrait's reading:
//! - **Named tables** are matched to the catalog's table *by column name*
//!   (exact, then case-insensitive), so a plan may declare a subset or a
//!   reordering of the columns, and types that differ only in representation
//!   (`string` for a `Utf8View` column) are accepted; other differences are
//!   cast to the declared type. The default consumer insists on a bare
//!   `TableScan`, which fails for our catalog's views.
//! - **`filter` and `best_effort_filter`** are applied as a `Filter` above
//!   the scan (DataFusion's optimizer pushes it down), never only as a hint to
//!   the table provider.
//! - **`LocalFiles`** with any number of items (files, folders, globs) in
//!   parquet, Arrow IPC or delimited text, read through a `ListingTable`.
//!   Partial-file reads (`start`/`length`) and ORC/DWRF are reported as
//!   unsupported.
//! - **Virtual tables** holding `VarChar` literals.
//! - **Reads in a subquery** get a name of their own (`__pyrust_subquery_read_<n>`):
//!   DataFusion names columns after their table, so a correlated subquery
//!   over the table its enclosing query reads (`t.a = outer(t.a)`) would
//!   compare a column with itself once decorrelated into a join.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use datafusion::catalog::TableProvider;
use datafusion::common::{Column, DFSchema, TableReference, not_impl_err, plan_err, substrait_err};
use datafusion::datasource::file_format::FileFormat;
use datafusion::datasource::file_format::arrow::ArrowFormat;
use datafusion::datasource::file_format::csv::CsvFormat;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::datasource::provider_as_source;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder, cast};
use datafusion_substrait::logical_plan::consumer::{
    SubstraitConsumer, from_read_rel, from_substrait_named_struct,
};
use substrait::proto::ReadRel;
use substrait::proto::expression::literal::Struct;
use substrait::proto::read_rel::local_files::FileOrFiles;
use substrait::proto::read_rel::local_files::file_or_files::{
    FileFormat as SubstraitFileFormat, PathType,
};
use substrait::proto::read_rel::{LocalFiles, ReadType, VirtualTable};

use super::SparkConsumer;
use super::literal::{contains_varchar, without_varchar};

/// Numbers the reads of subqueries, for their unique names.
static SUBQUERY_READS: AtomicUsize = AtomicUsize::new(0);

/// `plan` (a read) under a name no other relation has, when it is read in a
/// subquery (an enclosing query's schema is in scope); else unchanged.
pub(super) fn qualify_in_subquery(
    consumer: &SparkConsumer<'_>,
    plan: LogicalPlan,
) -> datafusion::common::Result<LogicalPlan> {
    if consumer.get_outer_schema(1).is_none() {
        return Ok(plan);
    }
    let number = SUBQUERY_READS.fetch_add(1, Ordering::Relaxed);
    LogicalPlanBuilder::from(plan)
        .alias(format!("__pyrust_subquery_read_{number}"))?
        .build()
}

pub(super) async fn consume_read(
    consumer: &SparkConsumer<'_>,
    read: &ReadRel,
) -> datafusion::common::Result<LogicalPlan> {
    match &read.read_type {
        Some(ReadType::NamedTable(table)) => {
            let table_ref = table_reference(&table.names)?;
            let Some(provider) = consumer.resolve_table_ref(&table_ref).await? else {
                return plan_err!("No table named '{table_ref}'");
            };
            read_provider(consumer, read, table_ref, provider).await
        }
        Some(ReadType::LocalFiles(files)) => {
            let (table_ref, provider) = listing_table(consumer, read, files).await?;
            read_provider(consumer, read, table_ref, provider).await
        }
        Some(ReadType::VirtualTable(table)) if virtual_table_has_varchar(table) => {
            #[expect(deprecated, reason = "producers still fill VirtualTable.values")]
            let table = VirtualTable {
                values: table
                    .values
                    .iter()
                    .map(|row| Struct {
                        fields: row.fields.iter().map(without_varchar).collect(),
                    })
                    .collect(),
                expressions: table
                    .expressions
                    .iter()
                    .map(|row| substrait::proto::expression::nested::Struct {
                        fields: row.fields.iter().map(expression_without_varchar).collect(),
                    })
                    .collect(),
            };
            let read = ReadRel {
                read_type: Some(ReadType::VirtualTable(table)),
                ..read.clone()
            };
            from_read_rel(consumer, &read).await
        }
        Some(ReadType::VirtualTable(_)) => from_read_rel(consumer, read).await,
        Some(ReadType::ExtensionTable(_)) => {
            not_impl_err!("ReadRel.extension_table is not supported")
        }
        Some(ReadType::IcebergTable(_)) => not_impl_err!("ReadRel.iceberg_table is not supported"),
        None => substrait_err!("ReadRel.read_type is required"),
    }
}

fn table_reference(names: &[String]) -> datafusion::common::Result<TableReference> {
    Ok(match names {
        [] => return plan_err!("No table name found in NamedTable"),
        [table] => TableReference::bare(table.as_str()),
        [schema, table] => TableReference::partial(schema.as_str(), table.as_str()),
        [catalog, schema, table] => {
            TableReference::full(catalog.as_str(), schema.as_str(), table.as_str())
        }
        _ => {
            return not_impl_err!(
                "table names with more than three parts: {}",
                names.join(".")
            );
        }
    })
}

/// Scan `provider` as the plan declares it: its base schema, filter and projection mask.
async fn read_provider(
    consumer: &SparkConsumer<'_>,
    read: &ReadRel,
    table_ref: TableReference,
    provider: Arc<dyn TableProvider>,
) -> datafusion::common::Result<LogicalPlan> {
    let Some(named_struct) = &read.base_schema else {
        return substrait_err!("ReadRel.base_schema is required");
    };
    let declared =
        from_substrait_named_struct(consumer, named_struct)?.replace_qualifier(table_ref.clone());
    let scan =
        LogicalPlanBuilder::scan(table_ref.clone(), provider_as_source(provider), None)?.build()?;
    let mut plan = LogicalPlanBuilder::from(conform(scan, &declared, &table_ref)?);
    let filters = read.filter.iter().chain(read.best_effort_filter.iter());
    for filter in filters {
        let condition = consumer.consume_expression(filter, &declared).await?;
        plan = plan.filter(condition)?;
    }
    if let Some(mask) = &read.projection {
        let Some(select) = &mask.select else {
            return plan.build();
        };
        let mut columns = Vec::with_capacity(select.struct_items.len());
        for item in &select.struct_items {
            if item.child.is_some() {
                return not_impl_err!(
                    "ReadRel.projection selecting inside nested fields is not supported"
                );
            }
            let Some(index) = usize::try_from(item.field)
                .ok()
                .filter(|index| *index < declared.fields().len())
            else {
                return substrait_err!("ReadRel.projection field {} is out of range", item.field);
            };
            columns.push(Expr::Column(Column::from(declared.qualified_field(index))));
        }
        plan = plan.project(columns)?;
    }
    plan.build()
}

/// The scan's columns in the declared order, names and types.
fn conform(
    scan: LogicalPlan,
    declared: &DFSchema,
    table_ref: &TableReference,
) -> datafusion::common::Result<LogicalPlan> {
    let actual = scan.schema().clone();
    if actual.logically_equivalent_names_and_types(declared) {
        return Ok(scan);
    }
    let mut columns = Vec::with_capacity(declared.fields().len());
    for wanted in declared.fields() {
        let name = wanted.name();
        let found = actual
            .fields()
            .iter()
            .position(|field| field.name() == name)
            .or_else(|| {
                actual
                    .fields()
                    .iter()
                    .position(|field| field.name().eq_ignore_ascii_case(name))
            });
        let Some(index) = found else {
            return plan_err!(
                "table '{table_ref}' has no column '{name}' declared in ReadRel.base_schema (it has: {})",
                actual
                    .fields()
                    .iter()
                    .map(|field| field.name().as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        };
        let (qualifier, field) = actual.qualified_field(index);
        let mut column = Expr::Column(Column::from((qualifier, field)));
        if !DFSchema::datatype_is_logically_equal(field.data_type(), wanted.data_type()) {
            column = cast(column, wanted.data_type().clone());
        }
        columns.push(column.alias_qualified(Some(table_ref.clone()), name));
    }
    LogicalPlanBuilder::from(scan).project(columns)?.build()
}

fn virtual_table_has_varchar(table: &VirtualTable) -> bool {
    #[expect(deprecated, reason = "producers still fill VirtualTable.values")]
    let in_values = table
        .values
        .iter()
        .any(|row| row.fields.iter().any(contains_varchar));
    in_values
        || table
            .expressions
            .iter()
            .any(|row| row.fields.iter().any(expression_has_varchar))
}

fn expression_has_varchar(expression: &substrait::proto::Expression) -> bool {
    matches!(&expression.rex_type, Some(substrait::proto::expression::RexType::Literal(literal)) if contains_varchar(literal))
}

fn expression_without_varchar(
    expression: &substrait::proto::Expression,
) -> substrait::proto::Expression {
    match &expression.rex_type {
        Some(substrait::proto::expression::RexType::Literal(literal)) => {
            substrait::proto::Expression {
                rex_type: Some(substrait::proto::expression::RexType::Literal(
                    without_varchar(literal),
                )),
            }
        }
        _ => expression.clone(),
    }
}

/// A `ListingTable` over every item of `files`, which must share one format.
async fn listing_table(
    consumer: &SparkConsumer<'_>,
    read: &ReadRel,
    files: &LocalFiles,
) -> datafusion::common::Result<(TableReference, Arc<dyn TableProvider>)> {
    let Some(first) = files.items.first() else {
        return substrait_err!("ReadRel.local_files.items is empty");
    };
    let mut urls = Vec::with_capacity(files.items.len());
    let mut only_files = true;
    for (index, item) in files.items.iter().enumerate() {
        if item.start != 0 || item.length != 0 {
            return not_impl_err!(
                "partial file reads (LocalFiles.items[{index}].start/length) are not supported"
            );
        }
        if format_name(item) != format_name(first) {
            return not_impl_err!(
                "LocalFiles mixing file formats ({} and {})",
                format_name(first),
                format_name(item)
            );
        }
        let location = match &item.path_type {
            Some(PathType::UriFile(uri)) | Some(PathType::UriPathGlob(uri)) => uri,
            Some(PathType::UriPath(uri)) | Some(PathType::UriFolder(uri)) => {
                only_files = false;
                uri
            }
            None => return substrait_err!("LocalFiles.items[{index}].path_type is required"),
        };
        urls.push(ListingTableUrl::parse(normalized_uri(location))?);
    }
    let format: Arc<dyn FileFormat> = match &first.file_format {
        Some(SubstraitFileFormat::Parquet(_)) => Arc::new(ParquetFormat::default()),
        Some(SubstraitFileFormat::Arrow(_)) => Arc::new(ArrowFormat),
        Some(SubstraitFileFormat::Text(text)) => {
            if text.header_lines_to_skip > 1 {
                return not_impl_err!(
                    "delimited text with {} header lines to skip",
                    text.header_lines_to_skip
                );
            }
            if text
                .value_treated_as_null
                .as_deref()
                .is_some_and(|null| !null.is_empty())
            {
                return not_impl_err!("delimited text with value_treated_as_null");
            }
            let single_byte = |text: &str, what: &str, default: u8| match text.as_bytes() {
                [] => Ok(default),
                [byte] => Ok(*byte),
                _ => not_impl_err!("delimited text {what} of more than one byte: {text:?}"),
            };
            let mut csv = CsvFormat::default()
                .with_has_header(text.header_lines_to_skip == 1)
                .with_delimiter(single_byte(&text.field_delimiter, "field_delimiter", b',')?)
                .with_quote(single_byte(&text.quote, "quote", b'"')?);
            if !text.escape.is_empty() {
                csv = csv.with_escape(Some(single_byte(&text.escape, "escape", b'\\')?));
            }
            Arc::new(csv)
        }
        Some(other) => return not_impl_err!("LocalFiles in {} format", format_name_of(other)),
        None => return substrait_err!("LocalFiles.items[0].file_format is required"),
    };
    let extension = if only_files {
        String::new()
    } else {
        format.get_ext()
    };
    let options = ListingOptions::new(format).with_file_extension(extension);
    let config = ListingTableConfig::new_with_multi_paths(urls).with_listing_options(options);
    let config = match (&first.file_format, &read.base_schema) {
        // Text files carry no types: read them as the plan declares.
        (Some(SubstraitFileFormat::Text(_)), Some(named_struct)) => {
            let declared = from_substrait_named_struct(consumer, named_struct)?;
            config.with_schema(Arc::new(declared.as_arrow().clone()))
        }
        _ => config.infer_schema(consumer.state()).await?,
    };
    let name = match &first.path_type {
        Some(
            PathType::UriFile(uri)
            | PathType::UriPathGlob(uri)
            | PathType::UriPath(uri)
            | PathType::UriFolder(uri),
        ) => uri
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(uri)
            .to_string(),
        None => String::from("local_files"),
    };
    Ok((
        TableReference::bare(name),
        Arc::new(ListingTable::try_new(config)?),
    ))
}

/// `file://host/path` and `file:/path` as `file:///path`; plain paths pass through.
fn normalized_uri(uri: &str) -> String {
    if let Some(path) = uri.strip_prefix("file://") {
        if path.starts_with('/') {
            uri.to_string()
        } else {
            format!("file:///{path}")
        }
    } else if let Some(path) = uri.strip_prefix("file:") {
        format!("file://{path}")
    } else {
        uri.to_string()
    }
}

fn format_name(item: &FileOrFiles) -> &'static str {
    item.file_format
        .as_ref()
        .map_or("unspecified", format_name_of)
}

fn format_name_of(format: &SubstraitFileFormat) -> &'static str {
    match format {
        SubstraitFileFormat::Parquet(_) => "parquet",
        SubstraitFileFormat::Arrow(_) => "arrow",
        SubstraitFileFormat::Orc(_) => "orc",
        SubstraitFileFormat::Dwrf(_) => "dwrf",
        SubstraitFileFormat::Text(_) => "delimited text",
        SubstraitFileFormat::Extension(_) => "extension",
    }
}
