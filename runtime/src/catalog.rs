// SPDX-License-Identifier: Apache-2.0
//! Registering tables in a session's catalog, so Substrait `NamedTable` reads
//! can find them: in-memory Arrow data, files read with Spark's option
//! semantics, and `range` sequences.
//!
//! Spark's readers differ from DataFusion's in small ways a PySpark user sees:
//! header-less CSV columns are `_c0, _c1, ...`, JSON fields come back sorted by
//! name. Those rules live here; CSV type inference has its own module.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{Expr, cast, lit, when};
use datafusion::datasource::MemTable;
use datafusion::prelude::{CsvReadOptions, DataFrame, JsonReadOptions, ParquetReadOptions};
use datafusion_substrait::extensions::Extensions;
use datafusion_substrait::logical_plan::consumer::{DefaultSubstraitConsumer, from_substrait_named_struct};
use substrait::proto::NamedStruct;

use crate::error::{Error, Result};
use crate::named_view::NamedView;
use crate::session::Session;

/// The file formats `spark.read` supports so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Delimited text, with Spark's `header`, `inferSchema`, `sep` options.
    Csv,
    /// JSON Lines.
    Json,
    /// Apache Parquet.
    Parquet,
    /// Lines of text, one `value` column.
    Text,
    /// Apache ORC (orc-rust's reader, `orc.rs`).
    Orc,
}

impl FileFormat {
    /// The format named as in `spark.read.format(name)`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Ok(FileFormat::Csv),
            "json" => Ok(FileFormat::Json),
            "parquet" => Ok(FileFormat::Parquet),
            "text" => Ok(FileFormat::Text),
            "orc" => Ok(FileFormat::Orc),
            other => Err(Error::unsupported(format!("the {other} data source"))),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => ".csv",
            FileFormat::Json => ".json",
            FileFormat::Parquet => ".parquet",
            FileFormat::Text => "",
            FileFormat::Orc => ".orc",
        }
    }

    /// The name Spark's messages give the format.
    fn shown(self) -> &'static str {
        match self {
            FileFormat::Csv => "CSV",
            FileFormat::Json => "JSON",
            FileFormat::Parquet => "Parquet",
            FileFormat::Text => "Text",
            FileFormat::Orc => "ORC",
        }
    }
}

/// Spark reader options, with case-insensitive keys as Spark treats them.
#[derive(Debug, Default, Clone)]
pub struct ReadOptions(HashMap<String, String>);

impl ReadOptions {
    /// Options from `(key, value)` pairs.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        ReadOptions(pairs.into_iter().map(|(key, value)| (key.to_ascii_lowercase(), value)).collect())
    }

    pub(crate) fn text(&self, key: &str) -> Option<&str> {
        self.0.get(&key.to_ascii_lowercase()).map(String::as_str)
    }

    pub(crate) fn flag(&self, key: &str) -> Result<bool> {
        match self.text(key) {
            None => Ok(false),
            Some(value) if value.eq_ignore_ascii_case("true") => Ok(true),
            Some(value) if value.eq_ignore_ascii_case("false") => Ok(false),
            Some(value) => Err(Error::analysis(
                "INVALID_OPTION_VALUE",
                [("key", key.to_string()), ("value", value.to_string())],
                format!("option {key} must be true or false, got {value:?}"),
            )),
        }
    }

    fn single_byte(&self, keys: &[&str], default: u8) -> Result<u8> {
        let Some((key, value)) = keys.iter().find_map(|key| self.text(key).map(|value| (*key, value))) else {
            return Ok(default);
        };
        match value.as_bytes() {
            [byte] => Ok(*byte),
            _ => Err(Error::unsupported(format!("option {key}={value:?}: only single-byte separators"))),
        }
    }
}

/// Register Arrow batches as table `name`, spread over `partitions` so scans run in parallel.
pub fn register_batches(
    session: &Session,
    name: &str,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
    partitions: usize,
) -> Result<()> {
    let table = MemTable::try_new(schema, split_into_partitions(batches, partitions.max(1)))?;
    session.context().register_table(name, Arc::new(table))?;
    Ok(())
}

/// Register `range(start, end, step)` as table `name` with one `id: bigint`
/// column, split into `partitions` contiguous runs of values as Spark splits
/// it, so that scans run in parallel and rows stay in order.
pub fn register_range(session: &Session, name: &str, start: i64, end: i64, step: i64, partitions: usize) -> Result<()> {
    if step == 0 {
        return Err(Error::analysis(
            "INVALID_PARAMETER_VALUE",
            [("parameter", "step".to_string())],
            "range step must not be 0",
        ));
    }
    // Each run is a `range` of its own: a union's partitions are its inputs'.
    let runs: Vec<String> = range_runs(start, end, step, partitions.max(1))
        .into_iter()
        .map(|(run_start, run_end)| format!("SELECT value AS id FROM range({run_start}, {run_end}, {step})"))
        .collect();
    let frame = session.block_on(session.context().sql(&runs.join(" UNION ALL ")))?;
    register_frame(session, name, frame)
}

/// `(start, end)` bounds of `partitions` contiguous runs covering
/// `range(start, end, step)`: the values of run `k` are those of indexes
/// `k * count / partitions .. (k + 1) * count / partitions`, as Spark's
/// `RangeExec` splits them, empty runs included (so that partition numbers
/// are Spark's: `range(0, 2, 1, 4)` has its rows in partitions 1 and 3).
fn range_runs(start: i64, end: i64, step: i64, partitions: usize) -> Vec<(i128, i128)> {
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    let distance = if step > 0 { end - start } else { start - end };
    let count = if distance <= 0 { 0 } else { (distance + step.abs() - 1) / step.abs() };
    let runs = (partitions as i128).max(1);
    let value_at = |index: i128| if index >= count { end } else { start + index * step };
    (0..runs).map(|run| (value_at(run * count / runs), value_at((run + 1) * count / runs))).collect()
}
/// Register files as table `name`, reading them with Spark's option semantics,
/// and return the table's schema. `schema` is the user's schema, if given.
pub fn register_files(
    session: &Session,
    name: &str,
    format: FileFormat,
    paths: &[String],
    options: &ReadOptions,
    schema: Option<SchemaRef>,
) -> Result<SchemaRef> {
    let paths = paths.iter().map(|path| checked_path(path)).collect::<Result<Vec<_>>>()?;
    let (paths, partitions, extension) = expand_paths(paths, format)?;
    if paths.is_empty() {
        // An empty directory: nothing to infer a schema from, as in Spark.
        let Some(schema) = schema else {
            return Err(Error::analysis(
                "UNABLE_TO_INFER_SCHEMA",
                [("format", format.shown().to_string())],
                format!("Unable to infer schema for {}. It must be specified manually.", format.shown()),
            ));
        };
        register_batches(session, name, Arc::clone(&schema), Vec::new(), 1)?;
        return Ok(schema);
    }
    // A user schema naming partition columns gives their types; the files hold the others.
    let partitions: Vec<(String, DataType)> = partitions
        .into_iter()
        .map(|(column, inferred)| {
            let declared = schema.as_ref().and_then(|schema| schema.field_with_name(&column).ok().map(|field| field.data_type().clone()));
            (column, declared.unwrap_or(inferred))
        })
        .collect();
    let file_schema = schema.as_ref().map(|schema| {
        Arc::new(Schema::new(
            schema.fields().iter().filter(|field| !partitions.iter().any(|(column, _)| column == field.name())).cloned().collect::<Vec<_>>(),
        ))
    });
    if format == FileFormat::Text {
        if !partitions.is_empty() {
            return Err(Error::unsupported("reading partitioned directories of text files"));
        }
        let batch = crate::listing::read_text(&paths, options, file_schema)?;
        let table_schema = batch.schema();
        register_batches(session, name, Arc::clone(&table_schema), vec![batch], 1)?;
        return Ok(table_schema);
    }
    if format == FileFormat::Orc && (!partitions.is_empty() || file_schema.is_some()) {
        let what = if partitions.is_empty() { "with a user schema" } else { "of partitioned directories" };
        return Err(Error::unsupported(format!("reading ORC files {what}")));
    }
    if format == FileFormat::Orc {
        let (table_schema, batches) = crate::orc::read_files(&paths)?;
        register_batches(session, name, Arc::clone(&table_schema), batches, 1)?;
        return Ok(table_schema);
    }
    let text_partitions: Vec<(String, DataType)> = partitions.iter().map(|(column, _)| (column.clone(), DataType::Utf8)).collect();
    let frame = session.block_on(async {
        match format {
            FileFormat::Csv => read_csv(session, paths, &extension, options, file_schema, text_partitions).await,
            FileFormat::Json => read_json(session, paths, &extension, file_schema, text_partitions).await,
            FileFormat::Orc => Err(Error::Internal("ORC files are read by orc.rs".to_string())),
            FileFormat::Parquet | FileFormat::Text => {
                let merged = match (&file_schema, options.flag("mergeSchema")?) {
                    (None, true) => Some(merged_parquet_schema(session, &paths, &extension).await?),
                    _ => None,
                };
                let read_options = ParquetReadOptions {
                    file_extension: &extension,
                    table_partition_cols: text_partitions,
                    schema: file_schema.as_deref().or(merged.as_ref()),
                    ..Default::default()
                };
                Ok(session.context().read_parquet(paths, read_options).await?)
            }
        }
    })?;
    let frame = typed_partitions(frame, &partitions, schema.as_ref())?;
    let table_schema: SchemaRef = Arc::new(frame.schema().as_arrow().clone());
    register_frame(session, name, frame)?;
    Ok(table_schema)
}

/// The paths DataFusion reads: a local directory is listed with Spark's
/// rules (hidden files skipped); one directory of `column=value/`
/// directories is read as a partitioned table (its path, the partition
/// columns, and the format's extension); otherwise the listed files
/// themselves, whatever their names. Globs and URLs pass through.
/// What a read covers: the paths DataFusion reads, the partition columns, the file extension.
type Expanded = (Vec<String>, Vec<(String, DataType)>, String);

fn expand_paths(paths: Vec<String>, format: FileFormat) -> Result<Expanded> {
    let local_directory = |path: &String| !path.contains("://") && path.ends_with('/') && Path::new(path).is_dir();
    if !paths.iter().any(local_directory) {
        let extension = file_extension(&paths, format);
        return Ok((paths, Vec::new(), extension));
    }
    if let [single] = paths.as_slice() {
        let listing = crate::listing::list_directory(Path::new(single))?;
        if !listing.partitions.is_empty() {
            return Ok((vec![single.clone()], listing.partitions, format.extension().to_string()));
        }
        return Ok((listing.files, Vec::new(), String::new()));
    }
    let mut files = Vec::new();
    for path in paths {
        if local_directory(&path) {
            files.extend(crate::listing::list_directory(Path::new(&path))?.files);
        } else {
            files.push(path);
        }
    }
    Ok((files, Vec::new(), String::new()))
}

/// Spark's `mergeSchema`: the union of the files' columns, in the order they are first seen.
async fn merged_parquet_schema(session: &Session, paths: &[String], extension: &str) -> Result<Schema> {
    let mut schemas = Vec::with_capacity(paths.len());
    for path in paths {
        let read_options = ParquetReadOptions { file_extension: extension, ..Default::default() };
        let frame = session.context().read_parquet(path.clone(), read_options).await?;
        schemas.push(frame.schema().as_arrow().clone());
    }
    Ok(Schema::try_merge(schemas)?)
}

/// Partition columns read as text, cast to their types (the null partition
/// becomes null), in the user schema's column order when one was given.
fn typed_partitions(frame: DataFrame, partitions: &[(String, DataType)], user_schema: Option<&SchemaRef>) -> Result<DataFrame> {
    if partitions.is_empty() {
        return Ok(frame);
    }
    let mut expressions = Vec::new();
    for field in frame.schema().fields() {
        let column = Expr::Column(Column::new_unqualified(field.name()));
        match partitions.iter().find(|(name, _)| name == field.name()) {
            None => expressions.push(column),
            Some((name, data_type)) => {
                let value = match data_type {
                    DataType::Utf8 => column.clone(),
                    DataType::Decimal128(..) => cast(cast(column.clone(), DataType::Float64), data_type.clone()),
                    other => cast(column.clone(), other.clone()),
                };
                let typed = when(column.eq(lit(crate::listing::DEFAULT_PARTITION)), lit(ScalarValue::try_from(data_type)?))
                    .otherwise(value)?;
                expressions.push(typed.alias(name));
            }
        }
    }
    let frame = frame.select(expressions)?;
    match user_schema {
        Some(schema) if schema.fields().iter().all(|field| frame.schema().has_column_with_unqualified_name(field.name())) => {
            let ordered = schema.fields().iter().map(|field| Expr::Column(Column::new_unqualified(field.name()))).collect::<Vec<_>>();
            Ok(frame.select(ordered)?)
        }
        _ => Ok(frame),
    }
}

/// Register an empty table `name` with a Substrait schema (a `ReadRel`'s
/// `base_schema`), unless a table of that name exists: enough to plan,
/// explain and optimize a plan whose data is not at hand.
pub fn register_schema_only(session: &Session, name: &str, schema: &NamedStruct) -> Result<()> {
    if session.context().table_exist(name)? {
        return Ok(());
    }
    let extensions = Extensions::default();
    let state = session.context().state();
    let consumer = DefaultSubstraitConsumer::new(&extensions, &state);
    let arrow_schema: SchemaRef = Arc::new(from_substrait_named_struct(&consumer, schema)?.as_arrow().clone());
    register_batches(session, name, arrow_schema, Vec::new(), 1)
}

/// Remove table `name` from the catalog; a missing table is not an error.
pub fn deregister(session: &Session, name: &str) -> Result<()> {
    session.context().deregister_table(name)?;
    Ok(())
}

fn register_frame(session: &Session, name: &str, frame: DataFrame) -> Result<()> {
    session.context().register_table(name, Arc::new(NamedView::new(frame.into_view())))?;
    Ok(())
}

/// A local path that exists (directories get the trailing slash DataFusion
/// expects); URLs and glob patterns pass through unchecked.
fn checked_path(path: &str) -> Result<String> {
    let local = path.strip_prefix("file://").unwrap_or(path);
    if path.contains("://") && !path.starts_with("file://") || local.contains(['*', '?', '[']) {
        return Ok(path.to_string());
    }
    let local_path = Path::new(local);
    if !local_path.exists() {
        let absolute = std::path::absolute(local_path).unwrap_or_else(|_| local_path.to_path_buf());
        let shown = format!("file:{}", absolute.display());
        return Err(Error::analysis("PATH_NOT_FOUND", [("path", shown.clone())], format!("Path does not exist: {shown}")));
    }
    if local_path.is_dir() && !local.ends_with('/') {
        return Ok(format!("{local}/"));
    }
    Ok(local.to_string())
}

/// The extension DataFusion should filter listed files by: a single file is
/// read whatever its name; directories hold the format's usual extension.
fn file_extension(paths: &[String], format: FileFormat) -> String {
    if let [single] = paths
        && !single.ends_with('/')
    {
        return Path::new(single)
            .extension()
            .map(|extension| format!(".{}", extension.to_string_lossy()))
            .unwrap_or_default();
    }
    format.extension().to_string()
}

async fn read_csv(
    session: &Session,
    paths: Vec<String>,
    extension: &str,
    options: &ReadOptions,
    user_schema: Option<SchemaRef>,
    partitions: Vec<(String, DataType)>,
) -> Result<DataFrame> {
    let header = options.flag("header")?;
    let base = CsvReadOptions::new()
        .has_header(header)
        .delimiter(options.single_byte(&["sep", "delimiter"], b',')?)
        .quote(options.single_byte(&["quote"], b'"')?)
        .escape(options.single_byte(&["escape"], b'\\')?)
        .file_extension(extension);
    let context = session.context();
    let schema = match user_schema {
        Some(schema) => schema,
        None => {
            // The header (or the first row) gives the names; every column starts as text.
            let first_row = first_csv_row_schema(session, &paths, &base).await?;
            let names = spark_csv_names(&first_row, header);
            let fields: Vec<Field> = names.iter().map(|name| Field::new(name, DataType::Utf8, true)).collect();
            let text_schema = Arc::new(Schema::new(fields));
            if options.flag("inferSchema")? {
                let text = context.read_csv(paths.clone(), base.clone().schema(&text_schema)).await?;
                crate::csv_inference::infer_types(text).await?
            } else {
                text_schema
            }
        }
    };
    let Some(null_value) = options.text("nullValue").filter(|value| !value.is_empty()) else {
        return Ok(context.read_csv(paths, base.schema(&schema).table_partition_cols(partitions)).await?);
    };
    // Spark's `nullValue`: a field equal to it is null, whatever the column's type, so
    // the fields are read as text, compared, then cast.
    let text_fields: Vec<Field> = schema.fields().iter().map(|field| Field::new(field.name(), DataType::Utf8, true)).collect();
    let partition_names: Vec<String> = partitions.iter().map(|(name, _)| name.clone()).collect();
    let text = context.read_csv(paths, base.schema(&Schema::new(text_fields)).table_partition_cols(partitions)).await?;
    let mut expressions = Vec::with_capacity(schema.fields().len() + partition_names.len());
    for field in schema.fields() {
        let column = Expr::Column(Column::new_unqualified(field.name()));
        let value = when(column.clone().eq(lit(null_value)), lit(ScalarValue::Utf8(None))).otherwise(column)?;
        expressions.push(cast(value, field.data_type().clone()).alias(field.name()));
    }
    expressions.extend(partition_names.iter().map(|name| Expr::Column(Column::new_unqualified(name))));
    Ok(text.select(expressions)?)
}

/// The columns of the first line of the first file that has one (Spark's header,
/// or the row that gives the column count). DataFusion would look at the first
/// path alone, and an empty first file has no columns.
async fn first_csv_row_schema(session: &Session, paths: &[String], base: &CsvReadOptions<'_>) -> Result<Schema> {
    let mut first = Schema::empty();
    for path in paths {
        let frame = session.context().read_csv(path.clone(), base.clone().schema_infer_max_records(1)).await?;
        first = frame.schema().as_arrow().clone();
        if !first.fields().is_empty() {
            break;
        }
    }
    Ok(first)
}

/// Spark's CSV column names: the header's, or `_c0, _c1, ...` without one.
fn spark_csv_names(schema: &Schema, header: bool) -> Vec<String> {
    schema
        .fields()
        .iter()
        .enumerate()
        .map(|(index, field)| if header && !field.name().is_empty() { field.name().clone() } else { format!("_c{index}") })
        .collect()
}

async fn read_json(
    session: &Session,
    paths: Vec<String>,
    extension: &str,
    user_schema: Option<SchemaRef>,
    partitions: Vec<(String, DataType)>,
) -> Result<DataFrame> {
    let context = session.context();
    let base = JsonReadOptions { file_extension: extension, ..Default::default() };
    let schema = match user_schema {
        Some(schema) => schema,
        None => {
            // DataFusion infers a read of several paths from the first one alone (an
            // empty first file gave no columns); Spark infers from every file.
            let mut schemas = Vec::with_capacity(paths.len());
            for path in &paths {
                schemas.push(context.read_json(path.clone(), base.clone()).await?.schema().as_arrow().clone());
            }
            let inferred = Schema::try_merge(schemas)?;
            Arc::new(Schema::new(spark_json_fields(inferred.fields())))
        }
    };
    Ok(context.read_json(paths, base.schema(&schema).table_partition_cols(partitions)).await?)
}

/// Spark's JSON inference sorts fields by name at every level and reads
/// all-null fields as strings.
fn spark_json_fields(fields: &Fields) -> Vec<Field> {
    let mut sorted: Vec<Field> = fields.iter().map(|field| spark_json_field(field)).collect();
    sorted.sort_by(|left, right| left.name().cmp(right.name()));
    sorted
}

fn spark_json_field(field: &Field) -> Field {
    let data_type = match field.data_type() {
        DataType::Null => DataType::Utf8,
        DataType::Struct(children) => DataType::Struct(spark_json_fields(children).into()),
        DataType::List(element) => DataType::List(Arc::new(spark_json_field(element))),
        other => other.clone(),
    };
    field.clone().with_data_type(data_type).with_nullable(true)
}

/// Slice batches (zero-copy) into `partitions` runs of rows, as PySpark
/// splits a list ([`local_partition_bounds`]), so that partition numbers and
/// the rows in them are Spark's.
fn split_into_partitions(batches: Vec<RecordBatch>, partitions: usize) -> Vec<Vec<RecordBatch>> {
    let total_rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let mut result: Vec<Vec<RecordBatch>> = vec![Vec::new(); partitions.max(1)];
    let mut bounds = local_partition_bounds(total_rows, partitions.max(1)).into_iter().enumerate().peekable();
    // Deal each batch's rows into the partitions whose row ranges they cover.
    let mut first_row = 0;
    for batch in batches {
        let batch_end = first_row + batch.num_rows();
        while let Some(&(index, (start, end))) = bounds.peek() {
            let (from, to) = (start.max(first_row), end.min(batch_end));
            if from < to {
                result[index].push(batch.slice(from - first_row, to - from));
            }
            if end > batch_end {
                break;
            }
            bounds.next();
        }
        first_row = batch_end;
    }
    result
}

/// The `[start, end)` rows of each of `partitions` partitions of `rows` local
/// rows, as PySpark's `createDataFrame` splits a list: in batches of
/// `max(1, min(rows / partitions, 1024))` rows, the batches dealt into
/// `partitions` contiguous runs as Spark slices a parallelized collection
/// (partition `k` takes batches `k * batches / partitions` up to the next
/// one's), empty partitions included.
fn local_partition_bounds(rows: usize, partitions: usize) -> Vec<(usize, usize)> {
    let batch_rows = (rows / partitions).clamp(1, 1024);
    let batches = rows.div_ceil(batch_rows);
    let row_of_batch = |batch: usize| (batch * batch_rows).min(rows);
    (0..partitions)
        .map(|index| (row_of_batch(index * batches / partitions), row_of_batch((index + 1) * batches / partitions)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{local_partition_bounds, range_runs};

    // Partition sizes PySpark 4.3's createDataFrame gives lists of these lengths in local[4].
    #[test]
    fn local_rows_are_split_as_pyspark_splits_them() {
        let sizes = |rows| local_partition_bounds(rows, 4).iter().map(|(start, end)| end - start).collect::<Vec<_>>();
        assert_eq!(sizes(2), vec![0, 1, 0, 1]);
        assert_eq!(sizes(6), vec![1, 2, 1, 2]);
        assert_eq!(sizes(50), vec![12, 12, 12, 14]);
        assert_eq!(sizes(5000), vec![1024, 1024, 1024, 1928]);
        assert_eq!(sizes(0), vec![0, 0, 0, 0]);
    }

    #[test]
    fn range_runs_are_contiguous_and_cover_the_range() {
        assert_eq!(range_runs(0, 10, 1, 3), vec![(0, 3), (3, 6), (6, 10)]);
        assert_eq!(range_runs(0, 10, 3, 2), vec![(0, 6), (6, 10)]);
        assert_eq!(range_runs(10, 0, -4, 2), vec![(10, 6), (6, 0)]);
        assert_eq!(range_runs(0, 2, 1, 4), vec![(0, 0), (0, 1), (1, 1), (1, 2)]);
        assert_eq!(range_runs(5, 5, 1, 2), vec![(5, 5), (5, 5)]);
        assert_eq!(range_runs(i64::MIN, i64::MAX, i64::MAX, 2), vec![(-9223372036854775808, -1), (-1, 9223372036854775807)]);
    }
}
