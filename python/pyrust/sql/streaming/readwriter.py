"""``DataStreamReader`` (``spark.readStream``) and ``DataStreamWriter`` (``df.writeStream``).

The reader makes streaming DataFrames: their plan reads a streaming source
(``_sources.py``). The writer describes where a streaming query's rows go (``_sinks.py``),
how often it runs (the trigger) and its output mode; ``start``/``toTable`` run it as
micro-batches on a background thread (``_microbatch.py``) and return its
:class:`~pyrust.sql.streaming.query.StreamingQuery`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql.readwriter import _option_text
from pyrust.sql.streaming import _sinks, _sources

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession
    from pyrust.sql.streaming.query import StreamingQuery

__all__ = ["DataStreamReader", "DataStreamWriter"]

_FILE_FORMATS = ("text", "csv", "json", "parquet", "orc", "xml")

# Sources Spark has that pyrust does not, with what to say about them.
_UNSUPPORTED_SOURCES = {
    "kafka": "the kafka streaming source",
    "socket": "the socket streaming source",
    "delta": "the delta streaming source",
    "noop": "the noop streaming source",
}


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


class DataStreamReader:
    """Loads streaming DataFrames: ``spark.readStream``.

    Sources: ``rate`` (``rowsPerSecond``, ``numPartitions``), ``rate-micro-batch``
    (``rowsPerBatch``, ``startTimestamp``, ``advanceMillisPerBatch``), directories of
    ``text``/``csv``/``json``/``parquet``/``orc``/``xml`` files (each micro-batch reads the
    files that are new; a schema is required, as in Spark, but for ``text``), and tables.

    Examples
    --------
    >>> from pyrust.sql import SparkSession
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.readStream.format("rate").option("rowsPerSecond", 10).load()
    >>> df.isStreaming, df.columns
    (True, ['timestamp', 'value'])
    """

    def __init__(self, spark: SparkSession) -> None:
        self._spark = spark
        self._format: str | None = None
        self._options: dict[str, str] = {}
        self._schema: T.StructType | None = None
        self._name: str | None = None

    def format(self, source: str) -> DataStreamReader:
        """The source's format: ``rate``, ``csv``, ``json``, ``parquet`` ..."""
        self._format = source
        return self

    def schema(self, schema: T.StructType | str) -> DataStreamReader:
        """The schema of the rows (a StructType or a DDL string); file sources need one."""
        if isinstance(schema, str):
            schema = T._parse_ddl(schema)
        if not isinstance(schema, T.StructType):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR_OR_STRUCT", messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__}
            )
        self._schema = schema
        return self

    def option(self, key: str, value: Any) -> DataStreamReader:
        """One option of the source."""
        self._options[key.lower()] = _option_text(value)
        return self

    def options(self, **options: Any) -> DataStreamReader:
        """Several options of the source."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self

    def name(self, source_name: str) -> DataStreamReader:
        """A name for the source (kept; pyrust's checkpoints identify sources by position)."""
        self._name = source_name
        return self

    def load(self, path: str | None = None, format: str | None = None, schema: Any = None, **options: Any) -> DataFrame:  # noqa: A002
        """A streaming DataFrame over the source (``path`` for file sources)."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        source = (self._format or self._spark.conf.get("spark.sql.sources.default", "parquet")).lower()
        if source in _UNSUPPORTED_SOURCES:
            raise _not_implemented(_UNSUPPORTED_SOURCES[source])
        if source in ("rate", "rate-micro-batch"):
            if path is not None:
                msg = f"{source} source does not support user-specified schema or path"
                raise errors.AnalysisException(msg)
            partitions = self._spark.sparkContext.defaultParallelism
            spec: _sources.SourceSpec = (
                _sources.RateSpec(self._options, partitions)
                if source == "rate"
                else _sources.RatePerMicroBatchSpec(self._options, partitions)
            )
            return self._frame(spec)
        if source in _FILE_FORMATS:
            if path is None:
                path = self._options.get("path")
            if not isinstance(path, str):
                raise errors.IllegalArgumentException(
                    "'path' is not specified" if path is None else "Multiple paths are not supported by streaming file sources"
                )
            return self._frame(_sources.FileSpec(source, path, self._file_schema(source, path), dict(self._options)))
        raise _not_implemented(f"the {source} streaming source")

    def _file_schema(self, source: str, path: str) -> T.StructType:
        if self._schema is not None:
            return _nullable(self._schema)
        if source == "text":
            return T.StructType([T.StructField("value", T.StringType(), True)])
        if self._spark.conf.get("spark.sql.streaming.schemaInference", "false").lower() == "true":
            reader = self._spark.read.format(source).options(**self._options)
            return _nullable(reader.load(path).schema)
        msg = (
            "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the "
            "directory, then depending on the file format you may be able to create a static DataFrame on that "
            "directory with 'spark.read.load(directory)' and infer schema from it."
        )
        raise errors.IllegalArgumentException(msg, errorClass="_LEGACY_ERROR_TEMP_2048", messageParameters={})

    def _frame(self, spec: _sources.SourceSpec) -> DataFrame:
        from pyrust.sql._analyzer import Attribute
        from pyrust.sql.dataframe import DataFrame

        leaf = _sources.stream_leaf(spec)
        attributes = [Attribute(field.name, field.dataType, field.nullable) for field in spec.schema.fields]
        return DataFrame(self._spark, leaf, attributes)

    def json(self, path: str, schema: Any = None, **options: Any) -> DataFrame:
        """A stream of the JSON Lines files of directory ``path``."""
        return self.load(path, "json", schema, **options)

    def csv(self, path: str, schema: Any = None, sep: str | None = None, header: Any = None, **options: Any) -> DataFrame:
        """A stream of the CSV files of directory ``path``."""
        return self.load(path, "csv", schema, sep=sep, header=header, **options)

    def parquet(self, path: str, **options: Any) -> DataFrame:
        """A stream of the Parquet files of directory ``path``."""
        return self.load(path, "parquet", **options)

    def orc(self, path: str, **options: Any) -> DataFrame:
        """A stream of the ORC files of directory ``path``."""
        return self.load(path, "orc", **options)

    def text(self, path: str, wholetext: bool = False, lineSep: str | None = None, **options: Any) -> DataFrame:  # noqa: N803
        """A stream of the lines of the text files of directory ``path`` (one ``value`` column)."""
        return self.load(path, "text", wholetext=wholetext, lineSep=lineSep, **options)

    def xml(self, path: str, rowTag: str | None = None, schema: Any = None, **options: Any) -> DataFrame:  # noqa: N803
        """A stream of the XML files of directory ``path``, one row per ``rowTag`` element."""
        return self.load(path, "xml", schema, rowTag=rowTag, **options)

    def table(self, tableName: str) -> DataFrame:  # noqa: N803 - PySpark's name
        """A stream of table ``tableName``: the files its data is in (new files each batch), or
        the streaming DataFrame a temporary view names."""
        from pyrust.sql import _table_writes

        frame = self._spark.table(tableName)
        if frame.isStreaming:
            return frame
        _, _, entry = _table_writes._entry(self._spark, tableName)
        provider = (entry or {}).get("provider", "").lower()
        location = (entry or {}).get("location")
        if (entry or {}).get("partitions"):
            raise _not_implemented("readStream.table of a partitioned table")
        if provider not in _FILE_FORMATS or not location:
            raise _not_implemented("readStream.table of a view or of a table that is not stored in files")
        spec = _sources.FileSpec(provider, location, _nullable(frame.schema), dict(self._options))
        return self._frame(spec)

    def changes(self, tableName: str) -> DataFrame:  # noqa: N803 - PySpark's name
        """Not implemented: pyrust's tables keep no change data."""
        raise _not_implemented("readStream.changes (change data capture of tables)")


def _nullable(schema: T.StructType) -> T.StructType:
    """Streaming file sources make every column nullable, as Spark's do."""
    return T.StructType([T.StructField(field.name, field.dataType, True, field.metadata) for field in schema.fields])


class DataStreamWriter:
    """Describes a streaming query's output: ``df.writeStream``.

    Sinks: ``memory`` (a temporary view named by ``queryName``), ``console``,
    ``foreachBatch``, ``foreach``, files (``parquet``/``csv``/``json``/``text``/``orc``,
    with a ``checkpointLocation``) and tables (``toTable``). Output modes: ``append`` (each
    batch's new rows), ``complete`` (an aggregation's whole result, recomputed each batch
    over every row seen so far) and ``update`` (as ``append`` for queries without
    aggregation).

    Examples
    --------
    >>> from pyrust.sql import SparkSession
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3).load()
    >>> q = df.writeStream.format("memory").queryName("numbers").trigger(availableNow=True).start()
    >>> q.awaitTermination()
    >>> spark.sql("SELECT value FROM numbers").collect()
    [Row(value=0), Row(value=1), Row(value=2)]
    """

    def __init__(self, df: DataFrame) -> None:
        self._df = df
        self._spark = df.sparkSession
        self._format: str | None = None
        self._options: dict[str, str] = {}
        self._output_mode = "append"
        self._partition_by: list[str] = []
        self._cluster_by: list[str] = []
        self._query_name: str | None = None
        self._trigger: tuple[str, Any] = ("default", None)
        self._foreach: Callable[..., Any] | Any = None
        self._foreach_batch: Callable[[DataFrame, int], Any] | None = None

    def outputMode(self, outputMode: str) -> DataStreamWriter:  # noqa: N802, N803 - PySpark's names
        """``append``, ``complete`` or ``update``."""
        if not isinstance(outputMode, str) or not outputMode.strip():
            raise errors.PySparkValueError(
                errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": "outputMode", "arg_value": str(outputMode)}
            )
        mode = outputMode.strip().lower()
        if mode not in ("append", "complete", "update"):
            raise errors.IllegalArgumentException(
                errorClass="STREAMING_OUTPUT_MODE.INVALID", messageParameters={"outputMode": outputMode}
            )
        self._output_mode = mode
        return self

    def format(self, source: str) -> DataStreamWriter:
        """The sink: ``memory``, ``console``, ``parquet``, ``csv``, ``json``, ``text``, ``orc``."""
        self._format = source
        return self

    def option(self, key: str, value: Any) -> DataStreamWriter:
        """One option of the sink (``checkpointLocation``, ``numRows``, ``truncate`` ...)."""
        self._options[key] = _option_text(value)
        return self

    def options(self, **options: Any) -> DataStreamWriter:
        """Several options of the sink."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self

    def partitionBy(self, *cols: str | list[str]) -> DataStreamWriter:  # noqa: N802 - PySpark's name
        """Partition a file sink's output by these columns (``column=value`` directories)."""
        self._partition_by = _names(cols)
        return self

    def clusterBy(self, *cols: str | list[str]) -> DataStreamWriter:  # noqa: N802 - PySpark's name
        """Cluster a table's data by these columns (kept as the table's clustering; rows are unchanged)."""
        self._cluster_by = _names(cols)
        return self

    def queryName(self, queryName: str) -> DataStreamWriter:  # noqa: N802, N803 - PySpark's names
        """The query's name (the memory sink's view name)."""
        if not isinstance(queryName, str) or not queryName.strip():
            raise errors.PySparkValueError(
                errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": "queryName", "arg_value": str(queryName)}
            )
        self._query_name = queryName
        return self

    def trigger(
        self,
        *,
        processingTime: str | None = None,  # noqa: N803 - PySpark's names
        once: bool | None = None,
        continuous: str | None = None,
        availableNow: bool | None = None,  # noqa: N803
        realTime: str | None = None,  # noqa: N803
    ) -> DataStreamWriter:
        """When batches run: every ``processingTime`` interval, ``once``, all data available now
        (``availableNow``); the default runs the next batch as soon as the last one ends."""
        given = [(key, value) for key, value in (("processingTime", processingTime), ("once", once),
                 ("continuous", continuous), ("availableNow", availableNow), ("realTime", realTime)) if value is not None]  # fmt: skip
        if len(given) != 1:
            raise errors.PySparkValueError(errorClass="ONLY_ALLOW_SINGLE_TRIGGER", messageParameters={})
        key, value = given[0]
        if key in ("once", "availableNow"):
            if value is not True:
                raise errors.PySparkValueError(
                    errorClass="VALUE_NOT_ALLOWED", messageParameters={"arg_name": key, "allowed_values": "[True]"}
                )
            self._trigger = (key, None)
            return self
        if not isinstance(value, str) or not value.strip():
            raise errors.PySparkValueError(
                errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": key, "arg_value": str(value)}
            )
        self._trigger = (key, _interval_seconds(value))
        return self

    def foreach(self, f: Callable[[Any], None] | Any) -> DataStreamWriter:
        """Call ``f(row)`` for every output row, or, for an object, its ``open(partition_id,
        epoch_id)``, ``process(row)`` and ``close(error)`` (each batch is one partition, 0)."""
        if not callable(f):
            for method in ("process", "open", "close"):
                exists = hasattr(f, method)
                if (method == "process" and not exists) or (exists and not callable(getattr(f, method))):
                    raise errors.PySparkAttributeError(
                        errorClass="ATTRIBUTE_NOT_CALLABLE", messageParameters={"attr_name": method, "obj_name": "f"}
                    )
        self._foreach = f
        self._format = "foreach"
        return self

    def foreachBatch(self, func: Callable[[DataFrame, int], Any]) -> DataStreamWriter:  # noqa: N802 - PySpark's name
        """Call ``func(batch_df, batch_id)`` with each micro-batch's output as a DataFrame."""
        self._foreach_batch = func
        self._format = "foreachBatch"
        return self

    def start(
        self,
        path: str | None = None,
        format: str | None = None,  # noqa: A002 - PySpark's name
        outputMode: str | None = None,  # noqa: N803 - PySpark's names
        partitionBy: str | list[str] | None = None,  # noqa: N803
        queryName: str | None = None,  # noqa: N803
        **options: Any,
    ) -> StreamingQuery:
        """Start the query on a background thread; returns its ``StreamingQuery``."""
        self._configure(format, outputMode, partitionBy, queryName, options)
        if path is not None:
            self._options["path"] = path
        sink = self._sink(None)
        return self._launch(sink)

    def toTable(
        self,
        tableName: str,  # noqa: N803 - PySpark's names
        format: str | None = None,  # noqa: A002
        outputMode: str | None = None,  # noqa: N803
        partitionBy: str | list[str] | None = None,  # noqa: N803
        queryName: str | None = None,  # noqa: N803
        **options: Any,
    ) -> StreamingQuery:
        """Start the query, appending each micro-batch to table ``tableName`` (created if absent)."""
        self._configure(format, outputMode, partitionBy, queryName, options)
        return self._launch(self._sink(tableName))

    # -- internals ------------------------------------------------------------------------

    def _configure(self, file_format: Any, output_mode: Any, partition_by: Any, query_name: Any, options: dict) -> None:
        if file_format is not None:
            self.format(file_format)
        if output_mode is not None:
            self.outputMode(output_mode)
        if partition_by is not None:
            self.partitionBy(partition_by)
        if query_name is not None:
            self.queryName(query_name)
        self.options(**options)

    def _sink(self, table: str | None) -> _sinks.Sink:
        options = dict(self._options)
        if table is not None:
            return _sinks.TableSink(self._spark, table, self._format, options, self._partition_by, self._cluster_by)
        sink_format = (self._format or self._spark.conf.get("spark.sql.sources.default", "parquet")).lower()
        if sink_format == "foreachbatch":
            return _sinks.ForeachBatchSink(self._foreach_batch)
        if sink_format == "foreach":
            return _sinks.ForeachSink(self._foreach)
        if sink_format == "memory":
            if self._query_name is None:
                msg = "queryName must be specified for memory sink."
                raise errors.AnalysisException(msg, errorClass="_LEGACY_ERROR_TEMP_1194", messageParameters={})
            return _sinks.MemorySink(self._spark, self._query_name)
        if sink_format == "console":
            return _sinks.ConsoleSink(self._spark, options)
        if sink_format in ("parquet", "csv", "json", "text", "orc"):
            return _sinks.FileSink(self._spark, sink_format, options, self._partition_by)
        if sink_format in ("kafka", "noop"):
            raise _not_implemented(f"the {sink_format} streaming sink")
        raise _not_implemented(f"the {sink_format} streaming sink")

    def _launch(self, sink: _sinks.Sink) -> StreamingQuery:
        from pyrust.sql.streaming import _microbatch

        return _microbatch.start_query(
            self._df, sink, self._output_mode, self._trigger, self._query_name, self._options.get("checkpointLocation")
        )


def _names(cols: tuple[Any, ...]) -> list[str]:
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return [str(col) for col in cols]


def _interval_seconds(text: str) -> float:
    """A trigger interval (``"5 seconds"``, ``"interval 1 minute"``) in seconds."""
    from pyrust.sql._functions.datetime_functions import _parse_duration

    months, micros = _parse_duration(text)
    if months:
        msg = f"Doesn't support month or year interval: {text}"
        raise errors.IllegalArgumentException(msg)
    return micros / 1_000_000
