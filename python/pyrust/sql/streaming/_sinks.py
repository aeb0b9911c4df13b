"""Streaming sinks: where each micro-batch's output goes.

A sink receives every micro-batch as a batch DataFrame (its plan reads the batch's rows
in place of the streaming sources) with the batch id and the output mode, and returns
the number of rows it wrote.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any, Callable

from pyrust import errors
from pyrust.sql._conversion import arrow_to_rows

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

_TRUE = ("true", "1")


class Sink:
    """One kind of output."""

    description = "Sink"
    # Output modes Spark's sink of this kind accepts.
    modes: tuple[str, ...] = ("append", "complete", "update")
    # Spark asks file and table sinks for a checkpoint location; the others get a temporary one.
    needs_checkpoint = False
    # The name Spark's STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE error gives the sink.
    class_name = ""

    def check_mode(self, mode: str) -> None:
        if mode not in self.modes:
            raise errors.AnalysisException(
                errorClass="STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE",
                messageParameters={"className": self.class_name, "outputMode": mode},
            )

    def start(self, df: DataFrame, query_name: str | None) -> None:
        """Prepare for the first batch (``df`` is the streaming query's DataFrame)."""

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        raise NotImplementedError


class MemorySink(Sink):
    """The rows, kept in memory and readable as the temporary view ``queryName``; complete
    mode keeps only the last batch's result."""

    description = "MemorySink"

    def __init__(self, session: SparkSession, name: str) -> None:
        self.session = session
        self.name = name
        self.tables: list[Any] = []
        self.lock = threading.Lock()

    def start(self, df: DataFrame, query_name: str | None) -> None:
        import pyarrow as pa

        from pyrust.sql import types as T

        self.df = df
        self.attributes = df._attributes
        self._publish(pa.Table.from_batches([], schema=T.to_arrow_schema(df._output_schema())))

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        table = df._computed()
        with self.lock:
            if mode == "complete":
                self.tables = [table]
            else:
                self.tables.append(table)
            import pyarrow as pa

            combined = pa.concat_tables(self.tables) if len(self.tables) > 1 else self.tables[0]
            self._publish(combined)
        return table.num_rows

    def _publish(self, table: Any) -> None:
        frame = self.df._materialized(table, self.attributes)
        self.session._register_temp_view(self.name, frame, replace=True)


class ConsoleSink(Sink):
    """Each batch printed to the process' standard output as Spark's console sink prints it:
    a ``Batch: N`` banner, then ``show(numRows, truncate)``."""

    description = "org.apache.spark.sql.execution.streaming.ConsoleTable$@console"

    def __init__(self, session: SparkSession, options: dict[str, str]) -> None:
        lowered = {key.lower(): value for key, value in options.items()}
        self.rows = int(lowered.get("numrows", "20"))
        self.truncate = lowered.get("truncate", "true").lower() in _TRUE

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        from pyrust.sql import _conf
        from pyrust.sql._show import show_string

        table = df._computed()
        rows = arrow_to_rows(table, df.schema, for_show=True)
        zone = _conf.tzinfo_of(df.sparkSession.conf.get("spark.sql.session.timeZone"))
        shown = rows[: self.rows]
        text = show_string([tuple(row) for row in shown], df.schema, self.rows, self.truncate, False, len(rows) > len(shown), zone)
        banner = "-------------------------------------------"
        # Spark's console sink prints on the driver's standard output (not to a notebook cell).
        out = sys.__stdout__ or sys.stdout
        out.write(f"{banner}\nBatch: {batch_id}\n{banner}\n{text}\n")
        out.flush()
        return table.num_rows


class ForeachBatchSink(Sink):
    """``func(batch_df, batch_id)`` for each batch."""

    description = "ForeachBatchSink"

    def __init__(self, func: Callable[[DataFrame, int], Any] | None) -> None:
        self.func = func

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        if self.func is not None:
            self.func(df, batch_id)
        return -1


class ForeachSink(Sink):
    """A function called with each row, or a writer object's ``open``/``process``/``close``.
    Spark calls them on its executors, whose output is the process' standard output, so
    what they print goes there (not to the cell or doctest capturing ``sys.stdout``)."""

    description = "ForeachWriterTable"

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        rows = df.collect()
        writer = self.writer
        with _executor_output():
            if callable(writer):
                for row in rows:
                    writer(row)
                return len(rows)
            opened = getattr(writer, "open", None)
            if opened is not None and not opened(0, batch_id):
                closing = getattr(writer, "close", None)
                if closing is not None:
                    closing(None)
                return len(rows)
            error: BaseException | None = None
            try:
                for row in rows:
                    writer.process(row)
            except BaseException as failure:
                error = failure
                raise
            finally:
                closing = getattr(writer, "close", None)
                if closing is not None:
                    closing(error)
        return len(rows)


class FileSink(Sink):
    """Each batch appended to directory ``path`` as new files (``partitionBy`` directories)."""

    modes = ("append",)
    needs_checkpoint = True

    def __init__(self, session: SparkSession, file_format: str, options: dict[str, str], partition_by: list[str]) -> None:
        self.format = file_format
        self.class_name = file_format
        self.options = {key: value for key, value in options.items() if key not in ("path", "checkpointLocation")}
        self.path = options.get("path")
        self.partition_by = partition_by
        if self.path is None:
            msg = "'path' is not specified."
            raise errors.IllegalArgumentException(msg, errorClass="_LEGACY_ERROR_TEMP_2047", messageParameters={})
        self.description = f"FileSink[{self.path}]"

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        writer = df.write.mode("append").format(self.format).options(**self.options)
        if self.partition_by:
            writer = writer.partitionBy(*self.partition_by)
        writer.save(self.path)
        return -1


class TableSink(Sink):
    """Each batch appended to a table, created (from the query's schema) when the query starts."""

    modes = ("append",)
    needs_checkpoint = True

    def __init__(
        self, session: SparkSession, table: str, file_format: str | None, options: dict[str, str], partition_by: list[str], cluster_by: list[str]
    ) -> None:
        self.session = session
        self.table = table
        self.format = file_format
        self.class_name = file_format or "parquet"
        self.options = {key: value for key, value in options.items() if key not in ("path", "checkpointLocation")}
        self.partition_by = partition_by
        self.cluster_by = cluster_by
        self.description = f"CatalogTable[{table}]"

    def _writer(self, df: DataFrame) -> Any:
        writer = df.write.mode("append").options(**self.options)
        if self.format is not None:
            writer = writer.format(self.format)
        if self.partition_by:
            writer = writer.partitionBy(*self.partition_by)
        return writer

    def start(self, df: DataFrame, query_name: str | None) -> None:
        if not self.session.catalog.tableExists(self.table):
            empty = self.session.createDataFrame([], df.schema)
            self._writer(empty).saveAsTable(self.table)

    def add_batch(self, batch_id: int, df: DataFrame, mode: str) -> int:
        self._writer(df).saveAsTable(self.table)
        return -1


# -- output of code that Spark runs on executors ---------------------------------------------

_ROUTED: set[int] = set()
_ROUTING_LOCK = threading.Lock()


class _ThreadRoutedOutput:
    """``sys.stdout`` that sends what the threads in ``_ROUTED`` write to the process' own
    standard output, and everything else to the stream it replaced."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        if threading.get_ident() in _ROUTED and sys.__stdout__ is not None:
            return sys.__stdout__.write(text)
        return self._inner.write(text)

    def flush(self) -> None:
        if threading.get_ident() in _ROUTED and sys.__stdout__ is not None:
            sys.__stdout__.flush()
        else:
            self._inner.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _executor_output:  # noqa: N801 - used as a context manager
    """While active, what this thread prints goes to the process' standard output."""

    def __enter__(self) -> None:
        with _ROUTING_LOCK:
            if not isinstance(sys.stdout, _ThreadRoutedOutput) and sys.stdout is not sys.__stdout__:
                sys.stdout = _ThreadRoutedOutput(sys.stdout)
            _ROUTED.add(threading.get_ident())

    def __exit__(self, *exc_info: object) -> None:
        with _ROUTING_LOCK:
            _ROUTED.discard(threading.get_ident())
