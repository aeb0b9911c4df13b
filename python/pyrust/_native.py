"""The bridge to the engine: the only module that imports the extension ``pyrust._engine``.

Everything crossing it is Substrait plan bytes, Arrow data (through the Arrow
PyCapsule interface) or plain strings. Engine failures arrive as one native
exception type carrying Spark's taxonomy; this module re-raises them as the
PySpark exception classes users catch.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from pyrust import errors

try:
    from pyrust import _engine
except ImportError as import_error:  # pragma: no cover - only without a build
    msg = (
        "pyrust's native engine is not built: install the package with "
        "`pip install .` (or `maturin develop`) from the repository root"
    )
    raise ImportError(msg) from import_error

if TYPE_CHECKING:
    import pyarrow as pa


def _spark_exception(engine_error: Exception, query: str | None = None) -> errors.PySparkException:
    """Rebuild the PySpark exception an engine error stands for (``query``: the SQL text, if any)."""
    class_name, condition, parameters, message = engine_error.args
    exception_class = getattr(errors, class_name, errors.PySparkRuntimeError)
    parameters = dict(parameters)
    if exception_class is errors.ParseException:
        line, pos = parameters.pop("line", None), parameters.pop("pos", None)
        return errors.ParseException(
            errorClass=condition,
            messageParameters=parameters,
            query=query,
            line=int(line) if line is not None else 1,
            pos=int(pos) if pos is not None else len(query or ""),
        )
    if condition and condition.startswith("UNRESOLVED_COLUMN"):
        candidates = json.loads(parameters.get("candidates", "[]"))
        return errors.unresolved_column_error(parameters["objectName"], candidates)
    if condition == "UNRESOLVED_ROUTINE":
        # The SQL planner's suggestion of a known name, as the analyzer's own error gives it.
        suggestion = parameters.pop("suggestion", None)
        error = exception_class(errorClass=condition, messageParameters=parameters)
        if suggestion:
            error.add_note(f"Did you mean {suggestion}?")
        return error
    if condition and errors.has_condition(condition):
        return exception_class(errorClass=condition, messageParameters=parameters)
    if exception_class is errors.PythonException:
        # A Python UDF failed: the message is its traceback, as PySpark shows it.
        return exception_class(errorClass="PYTHON_EXCEPTION", messageParameters={"msg": message})
    return exception_class(message)


def _translating_errors(method):
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except _engine.EngineError as engine_error:
            raise _spark_exception(engine_error) from None

    return wrapper


class EngineSession:
    """One engine session: its catalog holds the tables plans read by name."""

    def __init__(self, options: dict[str, str]) -> None:
        self._session = _translating_errors(_engine.Session)(list(options.items()))
        # How many of the process's Python UDFs this session has registered.
        self._host_functions = 0

    def _sync_host_functions(self) -> None:
        """Register the Python UDFs made since the last plan, so plans can call them."""
        from pyrust.sql import _udf_dispatch

        self._host_functions = _udf_dispatch.sync(self._session, self._host_functions)

    @_translating_errors
    def stream(self, plan: bytes) -> pa.RecordBatchReader:
        """Run a serialized Substrait plan and read its result batch by batch, each
        computed when it is read."""
        self._sync_host_functions()
        return self._session.stream(plan)

    @_translating_errors
    def execute(self, plan: bytes, timeout_seconds: float | None = None) -> pa.Table:
        """Run a serialized Substrait plan and return its result; Ctrl-C (or
        ``timeout_seconds`` passing) cancels it."""
        self._sync_host_functions()
        return self._session.execute(plan, timeout_seconds).read_all()

    @_translating_errors
    def optimize(self, plan: bytes) -> bytes:
        """The plan after the engine's optimizer, as Substrait bytes; it gives the same results."""
        self._sync_host_functions()
        return self._session.optimize(plan)

    @_translating_errors
    def set_option(self, key: str, value: str) -> None:
        """Change one engine setting for the plans run from now on."""
        self._session.set_option(key, value)

    @_translating_errors
    def analyze(self, plan: bytes) -> pa.Schema:
        """The Arrow schema a plan produces, without running it."""
        self._sync_host_functions()
        return self._session.analyze(plan)

    @_translating_errors
    def explain(self, plan: bytes, mode: str) -> str:
        """A rendering of a plan: DataFusion's 'logical', 'optimized' or 'physical';
        Spark's layout 'spark_analyzed', 'spark_optimized', 'spark_cost',
        'spark_physical' or 'spark_formatted'; the compiler's 'substrait'."""
        self._sync_host_functions()
        return self._session.explain(plan, mode)

    @_translating_errors
    def register_arrow(self, name: str, data: Any, partitions: int, cached: bool = False) -> None:
        """Register Arrow data (anything with ``__arrow_c_stream__``) as a table;
        ``cached`` marks a result kept by ``cache()``."""
        self._session.register_arrow(name, data, partitions, cached)

    @_translating_errors
    def register_files(
        self,
        name: str,
        file_format: str,
        paths: list[str],
        options: dict[str, str],
        schema: pa.Schema | None,
    ) -> pa.Schema:
        """Register files as a table read with Spark's options; returns its schema."""
        return self._session.register_files(name, file_format, paths, list(options.items()), schema)

    @_translating_errors
    def register_range(self, name: str, start: int, end: int, step: int, partitions: int) -> None:
        """Register ``range(start, end, step)`` as a table with one ``id`` column, in ``partitions`` runs."""
        self._session.register_range(name, start, end, step, partitions)

    @_translating_errors
    def write(
        self,
        plan: bytes,
        file_format: str,
        path: str,
        mode: str,
        options: dict[str, str],
        partition_by: list[str],
    ) -> tuple[list[str], int]:
        """Run a plan and write its result to ``path`` as Spark lays files out
        (committed atomically); returns the files written and the row count."""
        return self._session.write(plan, file_format, path, mode, list(options.items()), partition_by)

    @_translating_errors
    def deregister(self, name: str) -> None:
        """Remove a table from the catalog."""
        self._session.deregister(name)


@_translating_errors
def compile_plan(plan: bytes) -> tuple[bytes, list[str]]:
    """The plan as the engine decodes it (re-encoded) and the compiler's diagnostics, one line each."""
    return _engine.compile(plan)


def run_compile_cli(argv: list[str]) -> int:
    """Run the ``pyrust-compile`` command line; it prints to the process's stdout and stderr."""
    return _engine.run_compile_cli(argv)
