// SPDX-License-Identifier: Apache-2.0
//! The bridge between the `pyrust` Python package and the runtime: the
//! extension module `pyrust._engine`.
//!
//! Only Substrait plan bytes, Arrow data and schemas (through the Arrow
//! PyCapsule interface) and plain strings cross it. Every call releases the
//! GIL while the engine works, and no Rust panic reaches Python as a crash:
//! each one becomes an `EngineError` like any other failure.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow::datatypes::{Field, Schema, SchemaRef};
use arrow::error::ArrowError;
use arrow::ffi_stream::ArrowArrayStreamReader;
use arrow::record_batch::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_pyarrow::PyArrowType;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyrust_runtime::catalog::{self, FileFormat, ReadOptions};
use pyrust_runtime::host_functions::{HostError, HostFunction, HostFunctionKind};
use pyrust_runtime::{Error, ExplainMode, write};

create_exception!(
    _engine,
    EngineError,
    PyException,
    "An engine failure: args are (spark exception class, condition or None, parameters, message)."
);

/// Turn a runtime error into an `EngineError` carrying the Spark taxonomy.
fn to_python_error(error: Error) -> PyErr {
    let parameters: Vec<(String, String)> = error.parameters();
    EngineError::new_err((error.spark_exception_class(), error.condition(), parameters, error.to_string()))
}

/// Run `work` without the GIL, turning errors and panics into `EngineError`.
fn run<T: Send>(py: Python<'_>, work: impl FnOnce() -> pyrust_runtime::Result<T> + Send) -> PyResult<T> {
    py.detach(|| match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_string()))
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Error::Internal(format!("the engine panicked: {reason}")))
        }
    })
    .map_err(to_python_error)
}

/// How often a running query's waiting thread lets Python handle signals
/// (Ctrl-C): the longest a user waits for a cancelled query to stop.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// An engine session: tables registered here are visible to plans run here.
#[pyclass(frozen, name = "Session", module = "pyrust._engine")]
struct PySession {
    inner: pyrust_runtime::Session,
}

#[pymethods]
impl PySession {
    /// A session with DataFusion configuration `options` (key, value) pairs.
    #[new]
    fn new(py: Python<'_>, options: Vec<(String, String)>) -> PyResult<Self> {
        run(py, || pyrust_runtime::Session::new(&options)).map(|inner| PySession { inner })
    }

    /// Run a serialized Substrait plan; returns a `pyarrow.RecordBatchReader`.
    ///
    /// The query runs on the engine's threads while this one wakes every
    /// [`SIGNAL_CHECK_INTERVAL`] to let Python handle signals: Ctrl-C raises
    /// `KeyboardInterrupt` here, and the query is cancelled (its tasks
    /// stopped, its memory freed) as it is dropped. After `timeout_seconds`
    /// the query is cancelled with Spark's `OPERATION_CANCELED`.
    #[pyo3(signature = (plan, timeout_seconds=None))]
    fn execute(
        &self,
        py: Python<'_>,
        plan: &[u8],
        timeout_seconds: Option<f64>,
    ) -> PyResult<PyArrowType<Box<dyn RecordBatchReader + Send>>> {
        let deadline = timeout_seconds.map(|seconds| Instant::now() + Duration::from_secs_f64(seconds.max(0.0)));
        let mut query = run(py, || self.inner.start(plan))?;
        let (schema, batches) = loop {
            if let Some(result) = run(py, || Ok(query.wait(SIGNAL_CHECK_INTERVAL)))? {
                break result.map_err(to_python_error)?;
            }
            py.check_signals()?;
            if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                return Err(EngineError::new_err((
                    "SparkRuntimeException",
                    "OPERATION_CANCELED",
                    Vec::<(String, String)>::new(),
                    "Operation has been canceled.",
                )));
            }
        };
        let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
        Ok(PyArrowType(Box::new(reader)))
    }

    /// Run a plan and read its result batch by batch: each batch is computed when
    /// it is read, so iterating keeps memory bounded (`DataFrame.toLocalIterator`).
    /// An error part-way surfaces from the reader as an Arrow error naming the cause.
    fn stream(&self, py: Python<'_>, plan: &[u8]) -> PyResult<PyArrowType<Box<dyn RecordBatchReader + Send>>> {
        let query = run(py, || self.inner.stream(plan))?;
        let schema = query.schema();
        let batches = query.map(|batch| batch.map_err(|error| ArrowError::ExternalError(Box::new(error))));
        Ok(PyArrowType(Box::new(RecordBatchIterator::new(batches, schema))))
    }

    /// The Arrow schema a plan produces, without running it.
    fn analyze(&self, py: Python<'_>, plan: &[u8]) -> PyResult<PyArrowType<Schema>> {
        let schema = run(py, || self.inner.analyze(plan))?;
        Ok(PyArrowType(Arc::unwrap_or_clone(schema)))
    }

    /// A view of a plan: "logical", "optimized" or "physical" are DataFusion's;
    /// "spark_analyzed", "spark_optimized", "spark_cost", "spark_physical" and
    /// "spark_formatted" are laid out and named as Spark's `explain` prints them.
    fn explain(&self, py: Python<'_>, plan: &[u8], mode: &str) -> PyResult<String> {
        if mode == "substrait" {
            // The compiler's view: the relation tree with function names and schemas.
            return run(py, || Ok(pyrust_compiler::render::tree(&pyrust_compiler::decode_plan(plan)?)));
        }
        let mode = match mode {
            "logical" => ExplainMode::Logical,
            "optimized" => ExplainMode::Optimized,
            "physical" => ExplainMode::Physical,
            "spark_analyzed" => ExplainMode::SparkAnalyzed,
            "spark_optimized" => ExplainMode::SparkOptimized,
            "spark_cost" => ExplainMode::SparkCost,
            "spark_physical" => ExplainMode::SparkPhysical,
            "spark_formatted" => ExplainMode::SparkFormatted,
            other => return Err(to_python_error(Error::unsupported(format!("explain mode {other:?}")))),
        };
        run(py, || self.inner.explain(plan, mode))
    }

    /// The plan after DataFusion's optimizer, as Substrait bytes.
    fn optimize<'py>(&self, py: Python<'py>, plan: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        let optimized = run(py, || Ok(prost::Message::encode_to_vec(&self.inner.optimize(plan)?)))?;
        Ok(PyBytes::new(py, &optimized))
    }

    /// Change one engine setting for the plans run from now on.
    fn set_option(&self, py: Python<'_>, key: &str, value: &str) -> PyResult<()> {
        run(py, || self.inner.set_option(key, value))
    }

    /// Register Arrow data (anything with `__arrow_c_stream__`) as table `name`;
    /// `cached` marks a result kept by `cache()` (explain shows its scans so).
    #[pyo3(signature = (name, data, partitions, cached=false))]
    fn register_arrow(
        &self,
        py: Python<'_>,
        name: &str,
        data: PyArrowType<ArrowArrayStreamReader>,
        partitions: usize,
        cached: bool,
    ) -> PyResult<()> {
        let reader = data.0;
        let schema = reader.schema();
        let batches = reader.collect::<Result<Vec<_>, _>>().map_err(|error| to_python_error(error.into()))?;
        run(py, || catalog::register_batches(&self.inner, name, schema, batches, partitions))?;
        if cached {
            self.inner.mark_cached(name);
        }
        Ok(())
    }

    /// Register files as table `name`; returns the table's Arrow schema.
    #[pyo3(signature = (name, format, paths, options, schema=None))]
    fn register_files(
        &self,
        py: Python<'_>,
        name: &str,
        format: &str,
        paths: Vec<String>,
        options: Vec<(String, String)>,
        schema: Option<PyArrowType<Schema>>,
    ) -> PyResult<PyArrowType<Schema>> {
        let user_schema = schema.map(|schema| Arc::new(schema.0));
        let table_schema = run(py, || {
            let format = FileFormat::from_name(format)?;
            catalog::register_files(&self.inner, name, format, &paths, &ReadOptions::new(options), user_schema)
        })?;
        Ok(PyArrowType(Arc::unwrap_or_clone(table_schema)))
    }

    /// Register `range(start, end, step)` as table `name` (one `id` column), in `partitions` runs.
    fn register_range(
        &self,
        py: Python<'_>,
        name: &str,
        start: i64,
        end: i64,
        step: i64,
        partitions: usize,
    ) -> PyResult<()> {
        run(py, || catalog::register_range(&self.inner, name, start, end, step, partitions))
    }

    /// Register a Python function under `name` for plans to call: `dispatcher`
    /// is called as `dispatcher(name, batches, schema)` with `pyarrow`
    /// record batches and returns record batches of `schema`. `kind` is
    /// "scalar" or "aggregate" (with the `return_field` of its values) or
    /// "relation".
    #[pyo3(signature = (name, kind, deterministic, dispatcher, return_field=None))]
    fn register_host_function(
        &self,
        name: &str,
        kind: &str,
        deterministic: bool,
        dispatcher: Py<PyAny>,
        return_field: Option<PyArrowType<Field>>,
    ) -> PyResult<()> {
        let field = || {
            return_field
                .map(|field| Arc::new(field.0))
                .ok_or_else(|| to_python_error(Error::Internal(format!("host function {name} needs a return field"))))
        };
        let kind = match kind {
            "scalar" => HostFunctionKind::Scalar(field()?),
            "aggregate" => HostFunctionKind::Aggregate(field()?),
            "relation" => HostFunctionKind::Relation,
            other => return Err(to_python_error(Error::unsupported(format!("host function kind {other:?}")))),
        };
        let function = PythonFunction { name: name.to_string(), dispatcher };
        self.inner.register_host_function(name, Arc::new(function), kind, deterministic);
        Ok(())
    }

    /// Run a plan and write its result to files at `path` as Spark lays them
    /// out (see `pyrust_runtime::write`); `mode` is Spark's save mode. Returns
    /// the committed files and the number of rows written.
    fn write(
        &self,
        py: Python<'_>,
        plan: &[u8],
        format: &str,
        path: &str,
        mode: &str,
        options: Vec<(String, String)>,
        partition_by: Vec<String>,
    ) -> PyResult<(Vec<String>, u64)> {
        run(py, || {
            let request = write::WriteRequest::new(format, path, write::SaveMode::from_name(mode)?, &options, partition_by)?;
            let summary = write::write(&self.inner, plan, &request)?;
            Ok((summary.files, summary.rows))
        })
    }

    /// Remove table `name`.
    fn deregister(&self, py: Python<'_>, name: &str) -> PyResult<()> {
        run(py, || catalog::deregister(&self.inner, name))
    }
}

/// A Python function the engine calls: batches go to the dispatcher through
/// the Arrow C data interface (no copy), holding the GIL only for the call.
struct PythonFunction {
    name: String,
    dispatcher: Py<PyAny>,
}

impl HostFunction for PythonFunction {
    fn call(&self, input: Vec<RecordBatch>, output: &SchemaRef) -> Result<Vec<RecordBatch>, HostError> {
        Python::attach(|py| {
            let batches = input.into_iter().map(PyArrowType).collect::<Vec<_>>();
            let schema = PyArrowType(output.as_ref().clone());
            let result = self
                .dispatcher
                .call1(py, (self.name.as_str(), batches, schema))
                .and_then(|result| result.extract::<Vec<PyArrowType<RecordBatch>>>(py).map_err(Into::into));
            match result {
                Ok(batches) => Ok(batches.into_iter().map(|batch| batch.0).collect()),
                Err(error) => Err(HostError { message: python_traceback(py, &error) }),
            }
        })
    }
}

/// A Python exception as Python prints it: traceback, type and message.
fn python_traceback(py: Python<'_>, error: &PyErr) -> String {
    let formatted = py
        .import("traceback")
        .and_then(|module| {
            module.call_method1("format_exception", (error.get_type(py), error.value(py), error.traceback(py)))
        })
        .and_then(|lines| lines.extract::<Vec<String>>().map_err(Into::into));
    match formatted {
        Ok(lines) => lines.concat(),
        Err(_) => error.to_string(),
    }
}

/// Compile a serialized plan: returns the plan as the engine reads it
/// (re-encoded, so fields the engine does not know are gone) and the
/// diagnostics, one rendered line each.
#[pyfunction]
fn compile<'py>(py: Python<'py>, plan: &[u8]) -> PyResult<(Bound<'py, PyBytes>, Vec<String>)> {
    let (bytes, diagnostics) = run(py, || {
        let plan = pyrust_compiler::decode_plan(plan)?;
        let diagnostics = pyrust_compiler::validate(&plan).iter().map(ToString::to_string).collect();
        Ok((prost::Message::encode_to_vec(&plan), diagnostics))
    })?;
    Ok((PyBytes::new(py, &bytes), diagnostics))
}

/// Run the `pyrust-compile` command line with `argv` (program name first) and
/// return its exit code; it prints to the process's standard output and error.
#[pyfunction]
fn run_compile_cli(py: Python<'_>, argv: Vec<String>) -> PyResult<i32> {
    run(py, || Ok(pyrust_cli::run(argv) as i32))
}

#[pymodule]
fn _engine(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PySession>()?;
    module.add_function(wrap_pyfunction!(compile, module)?)?;
    module.add_function(wrap_pyfunction!(run_compile_cli, module)?)?;
    module.add("EngineError", module.py().get_type::<EngineError>())?;
    Ok(())
}
