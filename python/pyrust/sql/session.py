"""``SparkSession``: the entry point, as in PySpark, backed by an in-process engine."""

from __future__ import annotations

import itertools
import os
import re
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar, cast

import pyarrow as pa

from pyrust import errors
from pyrust._native import EngineSession
from pyrust.sql import _conf, _external, _plan, _sql
from pyrust.sql._conf import RuntimeConfig, local_time_zone
from pyrust.sql import types as T
from pyrust.sql._analyzer import Attribute
from pyrust.sql._conversion import rows_to_arrow
from pyrust.sql._session_api import SessionMethods
from pyrust.sql.catalog import Catalog
from pyrust.sql.dataframe import DataFrame
from pyrust.sql.readwriter import DataFrameReader

if TYPE_CHECKING:
    from pyrust.conf import SparkConf
    from pyrust.sql._expressions import Expression
    from pyrust.sql.tvf import TableValuedFunction

SPARK_VERSION = "4.3.0"

_Value = TypeVar("_Value")

# In the order Spark lists them when it rejects a level.
_LOG_LEVELS = ("ALL", "DEBUG", "ERROR", "WARN", "INFO", "OFF", "FATAL", "TRACE")


class SparkContext:
    """``spark.sparkContext``: the few settings PySpark programs read or set on it.

    There is no JVM and no cluster behind it; the engine logs nothing, so the
    log level is only recorded.
    """

    def __init__(self, session: SparkSession) -> None:
        self._session = session
        self._log_level = "WARN"
        # Fixed when the context starts, as Spark's: later settings do not change them.
        self._app_name = session.conf.get("spark.app.name", "pyrust") or "pyrust"
        self._master = session.conf.get("spark.master", "local[*]") or "local[*]"

    @property
    def appName(self) -> str:
        return self._app_name

    @property
    def master(self) -> str:
        return self._master

    @property
    def defaultParallelism(self) -> int:
        """How many partitions the engine runs in parallel."""
        return self._session._partitions

    @property
    def version(self) -> str:
        return SPARK_VERSION

    def setLogLevel(self, logLevel: str) -> None:
        """Set the log level (one of Spark's: ALL, DEBUG, ERROR, WARN, INFO, OFF, FATAL, TRACE)."""
        if logLevel.upper() not in _LOG_LEVELS:
            msg = f"requirement failed: Supplied level {logLevel} did not match one of: {','.join(_LOG_LEVELS)}"
            raise errors.IllegalArgumentException(msg)
        self._log_level = logLevel.upper()


class TableHandle:
    """A table the session registered in the engine for a DataFrame (local data,
    a file scan, a range). It is dropped from the engine's catalog when the
    last DataFrame reading it is garbage collected, so the data does not leak."""

    def __init__(
        self, engine: EngineSession, name: str, source: str | None = None, files: tuple[str, ...] = (), rows: int | None = None
    ) -> None:
        self._engine = engine
        self.name = name
        # What the table holds, for `sameSemantics`: equal for two reads of the same data
        # (two `range(10)`s); the table's own name where nothing else says so.
        self.source = source if source is not None else name
        # The files a scan reads (`inputFiles`).
        self.files = files
        # How many rows local data holds (what a range exchange's sampling depends on).
        self.rows = rows

    def __del__(self) -> None:
        try:
            self._engine.deregister(self.name)
        except Exception:  # noqa: BLE001 - nothing to do about it at collection time
            pass


class classproperty(Generic[_Value]):  # noqa: N801 - PySpark's name
    """Like ``property``, but read on the class: each read calls the function with the class.

    Examples
    --------
    >>> class Registry:
    ...     @classproperty
    ...     def label(cls):
    ...         return cls.__name__.lower()
    >>> Registry.label, Registry().label
    ('registry', 'registry')
    """

    def __init__(self, fget: Callable[[type], _Value]) -> None:
        self.fget = fget

    def __get__(self, instance: Any, owner: type | None = None) -> _Value:
        return self.fget(owner if owner is not None else type(instance))


def to_str(value: Any) -> str | None:
    """A setting's value as Spark keeps it: booleans as ``"true"``/``"false"``, None as None, else ``str``."""
    if isinstance(value, bool):
        return str(value).lower()
    return None if value is None else str(value)


class SparkSession(SessionMethods):
    """The entry point: create DataFrames, read files.

    Examples
    --------
    >>> spark = SparkSession.builder.appName("example").getOrCreate()
    >>> spark.range(3).count()
    3
    """

    _active: SparkSession | None = None
    _lock = threading.Lock()

    class Builder:
        """Collects settings, then ``getOrCreate()`` returns the session.

        Examples
        --------
        >>> from pyrust.conf import SparkConf
        >>> builder = SparkSession.builder.master("local[2]").appName("example")
        >>> builder = builder.config("spark.sql.shuffle.partitions", 8).config(map={"spark.sql.ansi.enabled": False})
        >>> builder.config(conf=SparkConf().set("spark.sql.session.timeZone", "UTC"))._options
        {'spark.master': 'local[2]', 'spark.app.name': 'example', 'spark.sql.shuffle.partitions': '8', 'spark.sql.ansi.enabled': 'false', 'spark.sql.session.timeZone': 'UTC'}
        """

        def __init__(self) -> None:
            self._options: dict[str, str | None] = {}

        def appName(self, name: str) -> SparkSession.Builder:
            """Name the application (``spark.app.name``)."""
            return self.config("spark.app.name", name)

        def master(self, master: str) -> SparkSession.Builder:
            """Where to run (``spark.master``); pyrust reads the parallelism of ``local[n]``."""
            return self.config("spark.master", master)

        def config(
            self,
            key: str | None = None,
            value: Any = None,
            conf: SparkConf | None = None,
            *,
            map: dict[str, Any] | None = None,  # noqa: A002 - PySpark's name
        ) -> SparkSession.Builder:
            """Add a setting: ``key`` and ``value``, every pair of a ``SparkConf``, or a dict's items.

            Values are kept as strings, booleans as ``"true"``/``"false"`` (as PySpark does)."""
            if conf is not None:
                self._options.update(conf.getAll())
            elif map is not None:
                self._options.update((option_key, to_str(option_value)) for option_key, option_value in map.items())
            elif key is not None:
                self._options[key] = to_str(value)
            return self

        def remote(self, url: str) -> SparkSession.Builder:
            """Not implemented: pyrust runs in-process and connects to no Spark Connect server."""
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "SparkSession.builder.remote (Spark Connect)"}
            )

        def enableHiveSupport(self) -> SparkSession.Builder:
            """Accepted for compatibility; pyrust's catalog is its own in-memory one, never a Hive metastore."""
            return self

        def getOrCreate(self) -> SparkSession:
            """The active session, created with these settings if there is none; an existing
            session takes the settings over."""
            for key, value in self._options.items():
                if value is None:
                    msg = f"requirement failed: value cannot be null for key: {key}"
                    raise errors.IllegalArgumentException(msg)
            options = cast("dict[str, str]", self._options)
            with SparkSession._lock:
                if SparkSession._active is None:
                    SparkSession._active = SparkSession(options)
                else:
                    for key, value in options.items():
                        SparkSession._active.conf.set(key, value)
                return SparkSession._active

        create = getOrCreate

    @classproperty
    def builder(cls) -> SparkSession.Builder:  # noqa: N805 - a class property receives the class
        """A new :class:`Builder` each time it is read, as in PySpark."""
        return SparkSession.Builder()

    def __init__(self, options: dict[str, str] | None = None) -> None:
        options = dict(options or {})
        # Spark's default session time zone is the JVM's, the process's own; the engine needs it set.
        options.setdefault("spark.sql.session.timeZone", local_time_zone())
        # Spark always has a master and an application name.
        options.setdefault("spark.master", "local[*]")
        options.setdefault("spark.app.name", "pyrust")
        # Spark resolves the warehouse against the working directory when the session starts.
        options.setdefault("spark.sql.warehouse.dir", "file:" + os.path.abspath("spark-warehouse"))
        # What a new session (newSession) starts from.
        self._creation_options = dict(options)
        self._tags = threading.local()
        self._partitions = _partitions_of(options.get("spark.master", "local[*]"))
        self._engine = EngineSession({"datafusion.execution.target_partitions": str(self._partitions)})
        self.conf = RuntimeConfig(options, apply=self._engine.set_option)
        self._table_numbers = itertools.count(1)
        self._context = SparkContext(self)
        # Temporary views: a view is the DataFrame itself (its plan), as in Spark.
        self._temp_views: dict[str, DataFrame] = {}
        # The engine tables some DataFrame still reads, so foreign plans can read them too.
        self._live_tables: weakref.WeakValueDictionary[str, TableHandle] = weakref.WeakValueDictionary()
        self._catalog = Catalog(self)

    @classmethod
    def getActiveSession(cls) -> SparkSession | None:
        return cls._active

    @property
    def version(self) -> str:
        """The Spark version whose behaviour this session follows."""
        return SPARK_VERSION

    @property
    def sparkContext(self) -> SparkContext:
        """The session's ``SparkContext`` (log level, parallelism, names)."""
        return self._context

    @property
    def tvf(self) -> TableValuedFunction:
        """The table-valued functions (``spark.tvf.explode(...)``)."""
        from pyrust.sql.tvf import TableValuedFunction

        return TableValuedFunction(self)

    @property
    def readStream(self) -> Any:  # noqa: N802 - PySpark's name
        """The ``DataStreamReader``, which loads streaming DataFrames (``spark.readStream.format("rate")``)."""
        from pyrust.sql.streaming.readwriter import DataStreamReader

        return DataStreamReader(self)

    @property
    def streams(self) -> Any:
        """The ``StreamingQueryManager`` of this session: its active streaming queries and listeners."""
        from pyrust.sql.streaming.query import StreamingQueryManager

        with SparkSession._lock:
            manager = self.__dict__.get("_streams")
            if manager is None:
                manager = StreamingQueryManager(self)
                self.__dict__["_streams"] = manager
        return manager

    @property
    def read(self) -> DataFrameReader:
        """Reader for files: ``spark.read.csv(...)``."""
        return DataFrameReader(self)

    @property
    def udf(self) -> Any:
        """Python functions registered by name for SQL (``spark.udf.register``)."""
        from pyrust.sql.udf import UDFRegistration

        return UDFRegistration(self)

    @property
    def udtf(self) -> Any:
        """Python table functions registered by name for SQL (``spark.udtf.register``)."""
        from pyrust.sql.udtf import UDTFRegistration

        return UDTFRegistration(self)

    def stop(self) -> None:
        """End the session (its streaming queries stop first)."""
        streams = self.__dict__.get("_streams")
        if streams is not None:
            streams._stop_all()
        with SparkSession._lock:
            if SparkSession._active is self:
                SparkSession._active = None

    def __enter__(self) -> SparkSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _execute(self, plan: bytes) -> pa.Table:
        """Run a plan; Ctrl-C, or ``spark.pyrust.execution.timeout`` passing, cancels it."""
        return self._engine.execute(plan, self.conf.value(_conf.EXECUTION_TIMEOUT))

    # -- creating DataFrames ----------------------------------------------------------

    def emptyDataFrame(self, schema: T.StructType | str) -> DataFrame:
        """A DataFrame with no rows and the given schema (a StructType or a DDL string)."""
        return self.createDataFrame([], schema)

    def range(self, start: int, end: int | None = None, step: int = 1, numPartitions: int | None = None) -> DataFrame:
        """A DataFrame with one ``id: bigint`` column from ``start`` to ``end`` (exclusive)."""
        if end is None:
            start, end = 0, start
        name = self._table_name("range")
        partitions = self._partitions if numPartitions is None else int(numPartitions)
        self._engine.register_range(name, int(start), int(end), int(step), partitions)
        source = f"range({int(start)}, {int(end)}, {int(step)}, {partitions})"
        return self._table(name, T.StructType([T.StructField("id", T.LongType(), False)]), source)

    def createDataFrame(self, data: Any, schema: Any = None, samplingRatio: float | None = None, verifySchema: bool = True) -> DataFrame:
        """A DataFrame from Python rows (tuples, dicts, ``Row``s), pandas or pyarrow data.

        With a schema (a DataType or a DDL string), Python rows are checked against
        it first unless ``verifySchema`` is false, with PySpark's errors.

        >>> spark = SparkSession.builder.getOrCreate()
        >>> spark.createDataFrame([(1.5,)], "x int")
        Traceback (most recent call last):
            ...
        pyrust.errors.exceptions.base.PySparkTypeError: [FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: IntegerType() can not \
accept object 1.5 in type <class 'float'>.
        """
        table, spark_schema = self._to_arrow(data, schema, verifySchema)
        name = self._table_name("local")
        self._engine.register_arrow(name, table, self._partitions)
        return self._table(name, spark_schema, rows=table.num_rows)

    def _to_arrow(self, data: Any, schema: Any, verify: bool = True) -> tuple[pa.Table, T.StructType]:
        if isinstance(schema, str):
            schema = T._parse_ddl(schema)
        # A single type's rows are the values of one column, "value".
        value_type = schema if isinstance(schema, T.DataType) and not isinstance(schema, T.StructType) else None
        if value_type is not None:
            schema = T.StructType([T.StructField("value", value_type, True)])
        if _is_pandas(data):
            data = _pandas_to_arrow(data)
        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        if isinstance(data, pa.Table):
            if isinstance(schema, (list, tuple)):
                data = data.rename_columns(list(schema))
                schema = None
            spark_schema = schema if isinstance(schema, T.StructType) else T.from_arrow_schema(data.schema)
            return data.cast(T.to_arrow_schema(spark_schema)), spark_schema
        rows = list(data)
        if isinstance(schema, T.StructType):
            if verify:
                check = T._make_type_verifier(value_type or schema, name="field value" if value_type else None)
                for row in rows:
                    check(row)
            spark_schema = schema
        else:
            names = list(schema) if isinstance(schema, (list, tuple)) else None
            spark_schema = T._infer_schema(rows, names)
        return rows_to_arrow(rows, spark_schema), spark_schema

    def sql(self, sqlQuery: str, args: dict[str, Any] | list[Any] | None = None, **kwargs: Any) -> DataFrame:  # noqa: N803 - PySpark's names
        """The result of a Spark SQL query (or statement) as a DataFrame.

        ``args`` binds parameters (``:name`` from a dict, ``?`` from a list);
        ``kwargs`` fill ``{name}`` placeholders (a DataFrame becomes a table).

        >>> spark = SparkSession.builder.getOrCreate()
        >>> spark.sql("SELECT id * 2 AS twice FROM range(3) WHERE id > :low", args={"low": 0}).collect()
        [Row(twice=2), Row(twice=4)]
        """
        return _sql.run(self, sqlQuery, args, kwargs)

    @property
    def catalog(self) -> Catalog:
        """Databases, tables, views and functions (``spark.catalog``)."""
        return self._catalog

    def table(self, tableName: str) -> DataFrame:  # noqa: N803 - PySpark's name
        """The table or view ``tableName`` (a temporary view, ``global_temp.v``, ``db.t``...)."""
        return self._catalog.relation(tableName)

    def substrait(self, plan: bytes | str | dict | Any) -> DataFrame:
        """A DataFrame over a Substrait plan from any producer.

        The plan's root relation becomes the input of the DataFrame, so it can
        be filtered, joined, aggregated and so on like any other; nothing runs
        until an action. Named tables in the plan are looked up in this
        session: a temporary view is read under its view name (the columns
        its ``base_schema`` names, matched by name), and the tables behind
        DataFrames (what ``df._substrait()`` plans read) under their own names.
        Functions are matched by name and signature, whether the plan declares
        extension URNs or the URIs of older producers.

        Parameters
        ----------
        plan : bytes, str, dict or substrait.plan_pb2.Plan
            A Substrait ``Plan``: binary protobuf, protobuf JSON text, that
            JSON as a dict, or the message itself (as the ``substrait``
            package's builders return it). It must have exactly one relation.

        Returns
        -------
        DataFrame
            Columns named by the root's ``names``; types as the engine derives them.

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``plan`` is none of the above.
        PySparkValueError
            ``INVALID_SUBSTRAIT_PLAN`` when it does not decode or is not a usable plan.
        AnalysisException
            ``TABLE_OR_VIEW_NOT_FOUND`` for a table name the session does not know.

        Examples
        --------
        >>> spark = SparkSession.builder.getOrCreate()
        >>> spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], "id long, tag string").createOrReplaceTempView("tags")
        >>> plan = {
        ...     "relations": [{"root": {"names": ["tag"], "input": {"project": {
        ...         "common": {"emit": {"outputMapping": [2]}},
        ...         "input": {"read": {
        ...             "baseSchema": {"names": ["id", "tag"], "struct": {"types": [
        ...                 {"i64": {"nullability": "NULLABILITY_NULLABLE"}},
        ...                 {"string": {"nullability": "NULLABILITY_NULLABLE"}}]}},
        ...             "namedTable": {"names": ["tags"]}}},
        ...         "expressions": [{"selection": {"directReference": {"structField": {"field": 1}},
        ...                                        "rootReference": {}}}]}}}}]
        ... }
        >>> df = spark.substrait(plan)
        >>> df.columns
        ['tag']
        >>> df.filter(df.tag != "b").collect()
        [Row(tag='a'), Row(tag='c')]
        """
        root = _external.external_root(_external.parse_plan(plan))
        tables: set[TableHandle] = set()
        rel = _external.resolve_tables(root.rel, lambda names, declared: self._resolve_table(names, declared, tables))
        if root.projects_replace_input:
            rel = _external.emit_only_expressions(rel, self._width_of)
        foreign = _plan.Foreign(rel)
        arrow_schema = _external.named_output(root.names, self._engine.analyze(_plan.plan_bytes(foreign)))
        node, types = _external.spark_columns(foreign, arrow_schema)
        attributes = [Attribute(field.name, data_type, field.nullable) for field, data_type in zip(arrow_schema, types)]
        return DataFrame(self, node, attributes, frozenset(tables))

    def _width_of(self, rel: Any) -> int:
        """The number of columns a relation outputs, as the engine plans it."""
        return len(self._engine.analyze(_plan.plan_bytes(_plan.Foreign(rel))))

    def _resolve_table(
        self, names: list[str], declared: T.StructType | None, tables: set[TableHandle]
    ) -> _external.ViewSource | bool | None:
        """A named table of a foreign plan: a temporary view, an engine table, a
        file named by its path (read with the schema the plan declares), or None."""
        if len(names) == 1 or (len(names) > 1 and names[-2].lower() in ("default", "session", "main")):
            view = self._temp_views.get(names[-1].lower())
            if view is not None:
                tables.update(view._tables)
                return _external.ViewSource(view._plan, view.schema)
        handle = self._live_tables.get(".".join(names))
        if handle is not None:
            tables.add(handle)
            return True
        path = names[-1].removeprefix("file://") if len(names) == 1 else ""
        file_format = {".parquet": "parquet", ".csv": "csv", ".json": "json"}.get(os.path.splitext(path)[1].lower())
        if file_format is not None and os.path.isfile(path):
            # Parquet and JSON carry their column names (the read picks its columns by
            # name); CSV columns are positional, so they take the plan's schema.
            schema = declared if file_format == "csv" else None
            named_columns = declared is not None and not all(re.fullmatch(r"_c\d+", name) for name in declared.names)
            options = {"header": "true"} if file_format == "csv" and named_columns else {}
            frame = self._read_files(file_format, [path], options, schema)
            tables.update(frame._tables)
            return _external.ViewSource(frame._plan, frame.schema)
        return None

    def _register_temp_view(self, name: str, frame: DataFrame, replace: bool) -> None:
        if not replace and name.lower() in self._temp_views:
            raise errors.AnalysisException(
                errorClass="TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                messageParameters={"relationName": errors.quote_identifier(name)},
            )
        self._temp_views[name.lower()] = frame

    def _read_files(self, file_format: str, paths: list[str], options: dict[str, str], schema: T.StructType | None) -> DataFrame:
        name = self._table_name(file_format.lower())
        arrow_schema = self._engine.register_files(
            name, file_format, paths, options, T.to_arrow_schema(schema) if schema is not None else None
        )
        spark_schema = schema if schema is not None else T.from_arrow_schema(arrow_schema)
        return self._table(name, spark_schema, files=tuple(paths))

    def _table_name(self, kind: str) -> str:
        return f"__pyrust_{kind}_{next(self._table_numbers)}"

    def _cache_table(self, table: pa.Table) -> TableHandle:
        """Keep ``table`` (a computed result) in the engine's memory, readable by name."""
        name = self._table_name("cache")
        self._engine.register_arrow(name, table, self._partitions, cached=True)
        return TableHandle(self._engine, name)

    def _table(
        self, name: str, schema: T.StructType, source: str | None = None, files: tuple[str, ...] = (), rows: int | None = None
    ) -> DataFrame:
        attributes = [Attribute(field.name, field.dataType, field.nullable, metadata=field.metadata or None) for field in schema.fields]
        handle = TableHandle(self._engine, name, source, files, rows)
        self._live_tables[name] = handle
        return DataFrame(self, _plan.read_named_table([name], schema), attributes, frozenset({handle}))


def _partitions_of(master: str) -> int:
    """``local[4]`` → 4; ``local[*]``, ``local`` and anything else → the machine's cores."""
    match = re.fullmatch(r"local\[(\d+)\]", master.strip())
    if match:
        return max(1, int(match.group(1)))
    if master.strip() == "local":
        return 1
    return os.cpu_count() or 1


def _pandas_to_arrow(frame: Any) -> pa.Table:
    """A pandas DataFrame as Arrow, keeping NaN in float columns as NaN (PySpark
    does; pyarrow's default turns it into null) and None elsewhere as null."""
    arrays = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype.kind == "f":
            arrays.append(pa.array(series.to_numpy(), from_pandas=False))
        else:
            arrays.append(pa.array(series, from_pandas=True))
    return pa.Table.from_arrays(arrays, names=[str(name) for name in frame.columns])


def _is_pandas(data: Any) -> bool:
    module = type(data).__module__
    return module.startswith("pandas") and type(data).__name__ == "DataFrame"
