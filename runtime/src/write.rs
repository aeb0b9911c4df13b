// SPDX-License-Identifier: Apache-2.0
//! Writing a plan's result to files as Spark lays them out: a directory of
//! `part-<task>-<uuid>-c000.<ext>` files (one per partition of the plan),
//! Hive-style `column=value/` directories for partition columns, and an empty
//! `_SUCCESS` file.
//!
//! Writes are atomic. Files go to a staging directory, `<path>/_temporary/<uuid>/`
//! (hidden from readers by its `_` prefix), and are committed by renames once
//! every partition has been written. A failure (or a cancelled query) removes
//! the staging directory, so the previous data stays as it was and no partial
//! file remains; a killed process leaves only the hidden staging directory.
//!
//! The save mode is decided here, before anything runs: `error` refuses an
//! existing path (`PATH_ALREADY_EXISTS`), `ignore` writes nothing into one,
//! `append` adds files, `overwrite` replaces the path's contents at commit.
//!
//! Three kinds of files: Parquet (the plan's data columns, through arrow's
//! writer), ORC (through orc-rust's Arrow writer), and text lines (`csv`,
//! `json`, `text`, `xml`): the plan gives one string column, each row's line
//! as Spark's `to_csv`/`to_json`/`to_xml` write it, which the analyzer
//! builds; this module only adds line separators, the header, the text
//! around a file's rows (XML's declaration and root element, written only
//! into files that get rows, as Spark's XML writer does) and compression. Partition columns come last in the plan, as strings (Spark's
//! cast), and become directory names.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, RecordBatch, UInt32Array};
use datafusion::arrow::compute::{cast, take_record_batch};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, GzipLevel, ZstdLevel};
use datafusion::parquet::file::metadata::KeyValue;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::{ExecutionPlan, ExecutionPlanProperties, Partitioning, execute_stream_partitioned};
use futures::StreamExt;
use tokio::task::JoinSet;

use crate::error::{Error, Result};
use crate::session::Session;

/// Spark's directory name for a null (or empty) partition value.
const DEFAULT_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// The staging directory's parent inside the target path.
const STAGING: &str = "_temporary";

/// What to do when the target path exists (Spark's `SaveMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    /// Refuse an existing path (`error`, `errorifexists`, `default`).
    ErrorIfExists,
    /// Add files to the path.
    Append,
    /// Replace the path's contents.
    Overwrite,
    /// Write nothing when the path exists.
    Ignore,
}

impl SaveMode {
    /// The mode named as in `df.write.mode(name)` (case-insensitive).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "error" | "errorifexists" | "default" => Ok(SaveMode::ErrorIfExists),
            "append" => Ok(SaveMode::Append),
            "overwrite" => Ok(SaveMode::Overwrite),
            "ignore" => Ok(SaveMode::Ignore),
            _ => Err(Error::analysis(
                "INVALID_SAVE_MODE",
                [("mode", format!("\"{name}\""))],
                format!("The specified save mode \"{name}\" is invalid."),
            )),
        }
    }
}

/// The files of a format: Parquet, or lines of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Parquet,
    Orc,
    Lines,
}

/// Compression of text files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextCompression {
    None,
    Gzip,
}

/// Everything a write needs besides the plan.
#[derive(Debug, Clone)]
pub struct WriteRequest {
    layout: Layout,
    /// The target directory.
    path: PathBuf,
    mode: SaveMode,
    /// The names of the plan's trailing string columns that become directories.
    partition_by: Vec<String>,
    /// The file name's ending: `.snappy.parquet`, `.csv`, `.json.gz`...
    extension: String,
    parquet_compression: Compression,
    text_compression: TextCompression,
    /// A first line for each text file (CSV's header).
    header: Option<String>,
    /// Text before the first row and after the last one of a text file that
    /// gets rows (XML's declaration and root tags).
    rows_start: Option<String>,
    rows_end: Option<String>,
    orc_compression: Option<orc_rust::compression::CompressionType>,
    line_separator: String,
    /// Key-value metadata of Parquet files (Spark's schema and version).
    metadata: Vec<(String, String)>,
    /// With `overwrite`, replace only the partition directories written (Spark's
    /// `partitionOverwriteMode=dynamic`).
    dynamic_overwrite: bool,
    /// The plan's last column is a bucket number (`bucketBy`), which goes into file names.
    bucketed: bool,
    /// How many tasks (files per directory) to write with, as `coalesce(n)` or
    /// `repartition(n)` asked; the plan's own partitioning otherwise.
    tasks: Option<usize>,
}

impl WriteRequest {
    /// A request for `format` (`parquet`, `csv`, `json`, `text`) at `path`.
    ///
    /// Options: `compression`, `header` (the header line, already formatted),
    /// `rowsStart` and `rowsEnd` (the text around the rows of a file), `lineSep`, `partitionOverwriteMode`, `partitions` (the number of files per
    /// directory, from `coalesce`/`repartition`), `bucketed` (the last column is a
    /// bucket number) and `metadata.<key>` for Parquet key-value metadata.
    pub fn new(
        format: &str,
        path: &str,
        mode: SaveMode,
        options: &[(String, String)],
        partition_by: Vec<String>,
    ) -> Result<Self> {
        let option = |key: &str| {
            options.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|(_, value)| value.as_str())
        };
        let format = format.to_ascii_lowercase();
        let layout = match format.as_str() {
            "parquet" => Layout::Parquet,
            "orc" => Layout::Orc,
            "csv" | "json" | "text" | "xml" => Layout::Lines,
            other => return Err(Error::unsupported(format!("writing the {other} data source"))),
        };
        let compression = option("compression").map(str::to_ascii_lowercase);
        let mut orc_compression = None;
        let (extension, parquet_compression, text_compression) = match layout {
            Layout::Parquet => {
                let (codec, name) = parquet_codec(compression.as_deref().unwrap_or("snappy"))?;
                (format!("{name}.parquet"), codec, TextCompression::None)
            }
            Layout::Orc => {
                // Spark 4's ORC files are zstd-compressed by default.
                let (codec, name) = orc_codec(compression.as_deref().unwrap_or("zstd"))?;
                orc_compression = codec;
                (format!("{name}.orc"), Compression::UNCOMPRESSED, TextCompression::None)
            }
            Layout::Lines => {
                let base = if format == "text" { ".txt".to_string() } else { format!(".{format}") };
                match compression.as_deref() {
                    None | Some("none" | "uncompressed") => (base, Compression::UNCOMPRESSED, TextCompression::None),
                    Some("gzip") => (format!("{base}.gz"), Compression::UNCOMPRESSED, TextCompression::Gzip),
                    Some(other) => {
                        return Err(Error::unsupported(format!("the {other} compression of {format} files")));
                    }
                }
            }
        };
        let metadata = options
            .iter()
            .filter_map(|(key, value)| key.strip_prefix("metadata.").map(|key| (key.to_string(), value.clone())))
            .collect();
        Ok(WriteRequest {
            layout,
            path: PathBuf::from(path.strip_prefix("file://").or_else(|| path.strip_prefix("file:")).unwrap_or(path)),
            mode,
            partition_by,
            extension,
            parquet_compression,
            text_compression,
            header: option("header").map(str::to_string),
            rows_start: option("rowsStart").map(str::to_string),
            rows_end: option("rowsEnd").map(str::to_string),
            orc_compression,
            line_separator: option("lineSep").unwrap_or("\n").to_string(),
            metadata,
            dynamic_overwrite: option("partitionOverwriteMode").is_some_and(|mode| mode.eq_ignore_ascii_case("dynamic")),
            bucketed: option("bucketed") == Some("true"),
            tasks: option("partitions").and_then(|count| count.parse().ok()).filter(|count: &usize| *count > 0),
        })
    }
}

/// Parquet's codec for Spark's `compression` name, and the name's part of the file extension.
fn parquet_codec(name: &str) -> Result<(Compression, &'static str)> {
    Ok(match name {
        "none" | "uncompressed" => (Compression::UNCOMPRESSED, ""),
        "snappy" => (Compression::SNAPPY, ".snappy"),
        "gzip" => (Compression::GZIP(GzipLevel::default()), ".gz"),
        "zstd" => (Compression::ZSTD(ZstdLevel::default()), ".zstd"),
        "lz4_raw" => (Compression::LZ4_RAW, ".lz4raw"),
        other => return Err(Error::unsupported(format!("the {other} compression of parquet files"))),
    })
}

/// orc-rust's codec for Spark's ORC `compression` name, and the name's part of the file extension.
fn orc_codec(name: &str) -> Result<(Option<orc_rust::compression::CompressionType>, &'static str)> {
    use orc_rust::compression::CompressionType;
    Ok(match name {
        "none" | "uncompressed" => (None, ""),
        "snappy" => (Some(CompressionType::Snappy), ".snappy"),
        "zlib" => (Some(CompressionType::Zlib), ".zlib"),
        "lz4" => (Some(CompressionType::Lz4), ".lz4"),
        "zstd" => (Some(CompressionType::Zstd), ".zstd"),
        other => return Err(Error::unsupported(format!("the {other} compression of ORC files"))),
    })
}

/// What a write produced.
#[derive(Debug, Clone, Default)]
pub struct WriteSummary {
    /// The committed data files, absolute paths.
    pub files: Vec<String>,
    /// The rows written.
    pub rows: u64,
}

/// Run `plan_bytes` and write its result as `request` says.
pub fn write(session: &Session, plan_bytes: &[u8], request: &WriteRequest) -> Result<WriteSummary> {
    let target = std::path::absolute(&request.path)
        .map_err(|error| Error::Internal(format!("cannot resolve {}: {error}", request.path.display())))?;
    let existed = target.exists();
    if existed {
        match request.mode {
            SaveMode::ErrorIfExists => {
                let shown = format!("file:{}", target.display());
                return Err(Error::analysis(
                    "PATH_ALREADY_EXISTS",
                    [("outputPath", shown.clone())],
                    format!("Path {shown} already exists."),
                ));
            }
            SaveMode::Ignore => return Ok(WriteSummary::default()),
            SaveMode::Append | SaveMode::Overwrite => {}
        }
        if !target.is_dir() {
            return Err(Error::analysis(
                "PATH_ALREADY_EXISTS",
                [("outputPath", format!("file:{}", target.display()))],
                format!("{} is a file, not a directory", target.display()),
            ));
        }
    }
    let job = uuid::Uuid::new_v4().to_string();
    let staging = Staging {
        target: target.clone(),
        directory: target.join(STAGING).join(&job),
        created_target: !existed,
        committed: false,
    };
    fs::create_dir_all(&staging.directory).map_err(|error| io_error(&staging.directory, &error))?;
    let (schema, physical_plan, task_context) = session.block_on(async {
        let logical_plan = session.logical_plan(plan_bytes).await?;
        let schema: SchemaRef = Arc::new(logical_plan.schema().as_arrow().clone());
        let state = session.context().state();
        let physical_plan = state.create_physical_plan(&logical_plan).await?;
        let physical_plan: Arc<dyn ExecutionPlan> = match request.tasks {
            // One task: the partitions one after another, in Spark's row order.
            Some(1) => crate::row_order::concatenated(physical_plan),
            Some(count) if count != physical_plan.output_partitioning().partition_count() => {
                Arc::new(RepartitionExec::try_new(physical_plan, Partitioning::RoundRobinBatch(count))?)
            }
            _ => physical_plan,
        };
        Ok::<_, Error>((schema, physical_plan, state.task_ctx()))
    })?;
    let plan = FilePlan::new(&schema, request, &job)?;
    let written = session.block_on(write_partitions(physical_plan, task_context, plan, staging.directory.clone()))?;
    staging.commit(request, written)
}

/// How rows become files: the columns written, the partition columns, names.
#[derive(Debug, Clone)]
struct FilePlan {
    data_schema: SchemaRef,
    data_columns: usize,
    partition_names: Vec<String>,
    request: WriteRequest,
    job: String,
}

impl FilePlan {
    fn new(schema: &SchemaRef, request: &WriteRequest, job: &str) -> Result<Self> {
        let partitions = request.partition_by.len() + usize::from(request.bucketed);
        let data_columns = schema.fields().len().saturating_sub(partitions);
        if data_columns == 0 {
            return Err(Error::analysis("ALL_PARTITION_COLUMNS_NOT_ALLOWED", [], "Cannot use all columns for partition columns."));
        }
        let data_schema = Arc::new(Schema::new(schema.fields()[..data_columns].to_vec()));
        if request.layout == Layout::Lines
            && (data_columns != 1 || !matches!(schema.field(0).data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View))
        {
            return Err(Error::Internal("text files are written from one string column".to_string()));
        }
        Ok(FilePlan {
            data_schema,
            data_columns,
            partition_names: request.partition_by.clone(),
            request: request.clone(),
            job: job.to_string(),
        })
    }

    /// The file name of task `task` (Spark's: `-c000` without partitions or
    /// buckets, `.c000` with; `_<bucket>` after the job id in a bucketed write).
    fn file_name(&self, task: usize, bucket: Option<i32>) -> String {
        let separator = if self.partition_names.is_empty() && bucket.is_none() { '-' } else { '.' };
        let bucket = bucket.map(|bucket| format!("_{bucket:05}")).unwrap_or_default();
        format!("part-{task:05}-{}{bucket}{separator}c000{}", self.job, self.request.extension)
    }

    /// Whether rows go to different files by their values (partitions or buckets).
    fn splits_rows(&self) -> bool {
        !self.partition_names.is_empty() || self.request.bucketed
    }
}

/// The files one task wrote: relative paths (to the staging directory) and rows.
type TaskFiles = Vec<(PathBuf, u64)>;

async fn write_partitions(
    physical_plan: Arc<dyn ExecutionPlan>,
    task_context: Arc<datafusion::execution::TaskContext>,
    plan: FilePlan,
    staging: PathBuf,
) -> Result<TaskFiles> {
    let streams = execute_stream_partitioned(physical_plan, task_context)?;
    let plan = Arc::new(plan);
    let mut running = JoinSet::new();
    for (task, mut stream) in streams.into_iter().enumerate() {
        let plan = Arc::clone(&plan);
        let staging = staging.clone();
        running.spawn(async move {
            // Files open with their first row: a task without rows writes none, as Spark's.
            let mut writers = TaskWriters::new(plan, staging, task);
            while let Some(batch) = stream.next().await {
                writers.write(&batch?)?;
            }
            writers.finish()
        });
    }
    let mut files = Vec::new();
    while let Some(result) = running.join_next().await {
        match result {
            Ok(Ok(task_files)) => files.extend(task_files),
            // The other tasks are stopped, and waited for, before the staging
            // directory is removed: one still running could create a file in it afterwards.
            Ok(Err(error)) => {
                running.shutdown().await;
                return Err(error);
            }
            Err(failure) => {
                running.shutdown().await;
                return Err(Error::Internal(format!("a write task failed: {failure}")));
            }
        }
    }
    if files.is_empty() && !plan.splits_rows() {
        // No rows still leave one (empty) file, as Spark's writes do.
        let mut writers = TaskWriters::new(Arc::clone(&plan), staging, 0);
        writers.writer_for((PathBuf::new(), None))?;
        files.extend(writers.finish()?);
    }
    Ok(files)
}

/// The open files of one task, one per partition directory.
struct TaskWriters {
    plan: Arc<FilePlan>,
    staging: PathBuf,
    task: usize,
    open: Vec<(PathBuf, FileWriter, u64)>,
    index: HashMap<FileKey, usize>,
}

/// Which file of a task a row goes to: its partition directory and bucket.
type FileKey = (PathBuf, Option<i32>);

impl TaskWriters {
    fn new(plan: Arc<FilePlan>, staging: PathBuf, task: usize) -> Self {
        TaskWriters { plan, staging, task, open: Vec::new(), index: HashMap::new() }
    }

    fn writer_for(&mut self, key: FileKey) -> Result<usize> {
        if let Some(position) = self.index.get(&key) {
            return Ok(*position);
        }
        let relative = key.0.join(self.plan.file_name(self.task, key.1));
        let full = self.staging.join(&relative);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|error| io_error(parent, &error))?;
        }
        let file = File::create(&full).map_err(|error| io_error(&full, &error))?;
        let writer = FileWriter::open(file, &self.plan)?;
        self.open.push((relative, writer, 0));
        self.index.insert(key, self.open.len() - 1);
        Ok(self.open.len() - 1)
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let data = batch.project(&(0..self.plan.data_columns).collect::<Vec<_>>())?;
        if !self.plan.splits_rows() {
            let position = self.writer_for((PathBuf::new(), None))?;
            return self.write_to(position, &data);
        }
        let partition_end = self.plan.data_columns + self.plan.partition_names.len();
        let values: Vec<ArrayRef> = (self.plan.data_columns..partition_end)
            .map(|index| cast(batch.column(index), &DataType::Utf8))
            .collect::<Result<_, _>>()?;
        let buckets = if self.plan.request.bucketed {
            Some(cast(batch.column(partition_end), &DataType::Int32)?)
        } else {
            None
        };
        let mut groups: Vec<(FileKey, Vec<u32>)> = Vec::new();
        let mut group_of: HashMap<FileKey, usize> = HashMap::new();
        for row in 0..batch.num_rows() {
            let mut directory = PathBuf::new();
            for (name, column) in self.plan.partition_names.iter().zip(&values) {
                let text = column.as_string::<i32>();
                let value = if text.is_null(row) || text.value(row).is_empty() {
                    DEFAULT_PARTITION.to_string()
                } else {
                    escape_path_name(text.value(row))
                };
                directory.push(format!("{}={value}", escape_path_name(name)));
            }
            let bucket = buckets.as_ref().map(|buckets| {
                let numbers = buckets.as_primitive::<datafusion::arrow::datatypes::Int32Type>();
                if numbers.is_null(row) { 0 } else { numbers.value(row) }
            });
            let key = (directory, bucket);
            let position = *group_of.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            if let Some((_, rows)) = groups.get_mut(position) {
                rows.push(row as u32);
            }
        }
        for (key, rows) in groups {
            let part = take_record_batch(&data, &UInt32Array::from(rows))?;
            let writer = self.writer_for(key)?;
            self.write_to(writer, &part)?;
        }
        Ok(())
    }

    fn write_to(&mut self, position: usize, batch: &RecordBatch) -> Result<()> {
        if let Some((relative, writer, rows)) = self.open.get_mut(position) {
            writer.write(batch, &self.plan).map_err(|error| with_file(error, &self.staging.join(relative.as_path())))?;
            *rows += batch.num_rows() as u64;
        }
        Ok(())
    }

    fn finish(self) -> Result<TaskFiles> {
        let mut files = Vec::with_capacity(self.open.len());
        for (relative, writer, rows) in self.open {
            writer.close(&self.plan).map_err(|error| with_file(error, &self.staging.join(&relative)))?;
            files.push((relative, rows));
        }
        Ok(files)
    }
}

/// One open data file.
enum FileWriter {
    Parquet(Box<ArrowWriter<File>>),
    /// An ORC file and its rows: orc-rust's writer is not `Send`, so it cannot live across
    /// the task's awaits; the file is written when it is closed.
    Orc(File, Vec<RecordBatch>),
    /// A text file, and whether a row has been written to it.
    Lines(Box<LineSink>, bool),
}

/// A text file's byte sink, compressed or not.
enum LineSink {
    Plain(BufWriter<File>),
    Gzip(Box<flate2::write::GzEncoder<BufWriter<File>>>),
}

impl Write for LineSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            LineSink::Plain(sink) => sink.write(bytes),
            LineSink::Gzip(sink) => sink.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            LineSink::Plain(sink) => sink.flush(),
            LineSink::Gzip(sink) => sink.flush(),
        }
    }
}

impl FileWriter {
    fn open(file: File, plan: &FilePlan) -> Result<Self> {
        let request = &plan.request;
        match request.layout {
            Layout::Parquet => {
                let metadata = request
                    .metadata
                    .iter()
                    .map(|(key, value)| KeyValue::new(key.clone(), value.clone()))
                    .collect::<Vec<_>>();
                let properties = WriterProperties::builder()
                    .set_compression(request.parquet_compression)
                    .set_key_value_metadata((!metadata.is_empty()).then_some(metadata))
                    .set_created_by(format!("pyrust version {}", env!("CARGO_PKG_VERSION")))
                    .build();
                let writer = ArrowWriter::try_new(file, Arc::clone(&plan.data_schema), Some(properties)).map_err(parquet_error)?;
                Ok(FileWriter::Parquet(Box::new(writer)))
            }
            Layout::Orc => Ok(FileWriter::Orc(file, Vec::new())),
            Layout::Lines => {
                let buffered = BufWriter::with_capacity(1 << 16, file);
                let mut sink = match request.text_compression {
                    TextCompression::None => LineSink::Plain(buffered),
                    TextCompression::Gzip => {
                        LineSink::Gzip(Box::new(flate2::write::GzEncoder::new(buffered, flate2::Compression::default())))
                    }
                };
                if let Some(header) = &request.header {
                    sink.write_all(header.as_bytes()).map_err(|error| Error::Internal(error.to_string()))?;
                    sink.write_all(request.line_separator.as_bytes()).map_err(|error| Error::Internal(error.to_string()))?;
                }
                Ok(FileWriter::Lines(Box::new(sink), false))
            }
        }
    }

    fn write(&mut self, batch: &RecordBatch, plan: &FilePlan) -> Result<()> {
        match self {
            FileWriter::Parquet(writer) => writer.write(batch).map_err(parquet_error),
            FileWriter::Orc(_, batches) => {
                batches.push(batch.clone());
                Ok(())
            }
            FileWriter::Lines(sink, started) => {
                let column = cast(batch.column(0), &DataType::Utf8)?;
                let lines = column.as_string::<i32>();
                let separator = plan.request.line_separator.as_bytes();
                if !*started && !lines.is_empty() {
                    if let Some(start) = &plan.request.rows_start {
                        sink.write_all(start.as_bytes()).map_err(|error| Error::Internal(error.to_string()))?;
                    }
                    *started = true;
                }
                for row in 0..lines.len() {
                    // A null line (a null string in `text`) is an empty line, as Spark writes it.
                    if !lines.is_null(row) {
                        sink.write_all(lines.value(row).as_bytes()).map_err(|error| Error::Internal(error.to_string()))?;
                    }
                    sink.write_all(separator).map_err(|error| Error::Internal(error.to_string()))?;
                }
                Ok(())
            }
        }
    }

    fn close(self, plan: &FilePlan) -> Result<()> {
        match self {
            FileWriter::Parquet(writer) => {
                writer.close().map_err(parquet_error)?;
            }
            FileWriter::Orc(file, batches) => {
                let mut builder = orc_rust::ArrowWriterBuilder::new(file, Arc::clone(&plan.data_schema));
                if let Some(codec) = plan.request.orc_compression {
                    builder = builder.with_compression(codec);
                }
                let mut writer = builder.try_build().map_err(orc_error)?;
                for batch in &batches {
                    writer.write(batch).map_err(orc_error)?;
                }
                writer.close().map_err(orc_error)?;
            }
            FileWriter::Lines(mut sink, started) => {
                if started && let Some(end) = &plan.request.rows_end {
                    sink.write_all(end.as_bytes()).map_err(|error| Error::Internal(error.to_string()))?;
                }
                close_lines(*sink)?;
            }
        }
        Ok(())
    }
}

fn close_lines(sink: LineSink) -> Result<()> {
    match sink {
        LineSink::Plain(mut sink) => sink.flush().map_err(|error| Error::Internal(error.to_string())),
        LineSink::Gzip(sink) => {
            sink.finish().and_then(|mut inner| inner.flush()).map_err(|error| Error::Internal(error.to_string()))?;
            Ok(())
        }
    }
}

/// The staging directory of one write; removed (with the target, if this
/// write created it) unless committed.
struct Staging {
    target: PathBuf,
    directory: PathBuf,
    created_target: bool,
    committed: bool,
}

impl Staging {
    /// Move the written files into the target, then mark it with `_SUCCESS`.
    fn commit(mut self, request: &WriteRequest, written: TaskFiles) -> Result<WriteSummary> {
        let mut replaced: Vec<(PathBuf, PathBuf)> = Vec::new();
        if request.mode == SaveMode::Overwrite {
            // Move the old contents aside first: if moving the new files in fails, they come back.
            let trash = self.directory.with_extension("replaced");
            fs::create_dir_all(&trash).map_err(|error| io_error(&trash, &error))?;
            for old in self.replaced_entries(request, &written)? {
                let aside = trash.join(old.strip_prefix(&self.target).unwrap_or(&old));
                if let Some(parent) = aside.parent() {
                    fs::create_dir_all(parent).map_err(|error| io_error(parent, &error))?;
                }
                if let Err(error) = fs::rename(&old, &aside) {
                    restore(&replaced);
                    return Err(io_error(&old, &error));
                }
                replaced.push((old, aside));
            }
        }
        let mut summary = WriteSummary::default();
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        for (relative, rows) in &written {
            let from = self.directory.join(relative);
            let to = self.target.join(relative);
            let result = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::rename(&from, &to));
            if let Err(error) = result {
                for (back_to, back_from) in moved.iter().rev() {
                    let _ = fs::rename(back_from, back_to);
                }
                restore(&replaced);
                return Err(io_error(&to, &error));
            }
            moved.push((from, to.clone()));
            summary.files.push(to.display().to_string());
            summary.rows += rows;
        }
        let success = self.target.join("_SUCCESS");
        File::create(&success).map_err(|error| io_error(&success, &error))?;
        // Committed: what remains is the staging directory and the replaced data.
        self.committed = true;
        let _ = fs::remove_dir_all(&self.directory);
        let _ = fs::remove_dir_all(self.directory.with_extension("replaced"));
        let _ = fs::remove_dir(self.target.join(STAGING));
        Ok(summary)
    }

    /// The target's entries an overwrite replaces: everything but the staging
    /// directory, or with dynamic partition overwrite the written partitions'
    /// directories.
    fn replaced_entries(&self, request: &WriteRequest, written: &TaskFiles) -> Result<Vec<PathBuf>> {
        if request.dynamic_overwrite && !request.partition_by.is_empty() {
            let mut directories: Vec<PathBuf> = written
                .iter()
                .filter_map(|(relative, _)| relative.parent().map(|parent| self.target.join(parent)))
                .filter(|directory| directory.exists())
                .collect();
            directories.sort();
            directories.dedup();
            return Ok(directories);
        }
        let entries = fs::read_dir(&self.target).map_err(|error| io_error(&self.target, &error))?;
        let mut result = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|error| io_error(&self.target, &error))?;
            if entry.file_name() != STAGING {
                result.push(entry.path());
            }
        }
        Ok(result)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if self.created_target {
            let _ = fs::remove_dir_all(&self.target);
            return;
        }
        let _ = fs::remove_dir_all(&self.directory);
        // Leave another write's staging directory alone.
        let _ = fs::remove_dir(self.target.join(STAGING));
    }
}

/// Move replaced entries back where they were.
fn restore(replaced: &[(PathBuf, PathBuf)]) {
    for (original, aside) in replaced.iter().rev() {
        let _ = fs::rename(aside, original);
    }
}

/// Spark's escaping of a partition directory's name or value
/// (`ExternalCatalogUtils.escapePathName`): `%XX` for the characters a path
/// or Hive gives a meaning to.
pub(crate) fn escape_path_name(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        let needs_escape = matches!(character, '\u{01}'..='\u{1F}' | '"' | '#' | '%' | '\'' | '*' | '/' | ':' | '=' | '?' | '\\' | '\u{7F}' | '{' | '[' | ']' | '^');
        if needs_escape {
            escaped.push_str(&format!("%{:02X}", character as u32));
        } else {
            escaped.push(character);
        }
    }
    escaped
}

fn io_error(path: &Path, error: &std::io::Error) -> Error {
    Error::execution(
        "TASK_WRITE_FAILED",
        [("path", format!("file:{}", path.display()))],
        format!("Cannot write {}: {error}", path.display()),
    )
}

/// A Parquet writer's failure; [`with_file`] names the file.
fn orc_error(error: orc_rust::error::OrcError) -> Error {
    Error::Internal(format!("ORC: {error}"))
}

fn parquet_error(error: datafusion::parquet::errors::ParquetError) -> Error {
    Error::Internal(error.to_string())
}

fn with_file(error: Error, path: &Path) -> Error {
    match error {
        Error::Internal(message) => io_error(path, &std::io::Error::other(message)),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::escape_path_name;

    #[test]
    fn escapes_path_names_as_spark() {
        assert_eq!(escape_path_name("a/b"), "a%2Fb");
        assert_eq!(escape_path_name("x=y%z"), "x%3Dy%25z");
        assert_eq!(escape_path_name("sp ace:c"), "sp ace%3Ac");
        assert_eq!(escape_path_name("2024-01-01 10:00:00"), "2024-01-01 10%3A00%3A00");
    }
}
