"""``DataFrameReader``: ``spark.read.csv/json/parquet`` with Spark's options.

Reading registers the files as a table in the engine's catalog (the engine
infers the schema with Spark's rules, as Spark does when the DataFrame is
created) and returns a DataFrame whose plan reads that table by name.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession


def _option_text(value: Any) -> str:
    """Spark options are strings; Python booleans become ``true``/``false``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _SourceOptions:
    """``format``, ``option`` and ``options``, which readers and writers share;
    each returns the reader or writer, so calls chain."""

    _format: str | None
    _options: dict[str, str]

    def format(self, source: str) -> Any:
        """The data source: ``parquet``, ``csv``, ``json`` or ``text``."""
        self._format = source
        return self

    def option(self, key: str, value: Any) -> Any:
        """One option, e.g. ``option("header", True)``."""
        self._options[key] = _option_text(value)
        return self

    def options(self, **options: Any) -> Any:
        """Several options (``None`` values are left out)."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self


class DataFrameReader(_SourceOptions):
    """Loads DataFrames from files: ``spark.read``."""

    def __init__(self, session: SparkSession) -> None:
        self._session = session
        self._format = "parquet"
        self._options: dict[str, str] = {}
        self._schema: T.StructType | None = None

    def schema(self, schema: T.StructType | str) -> DataFrameReader:
        """The schema to read with (a StructType or a DDL string such as ``"a INT, b STRING"``)."""
        if isinstance(schema, str):
            schema = T._parse_ddl(schema)
        if not isinstance(schema, T.StructType):
            raise errors.PySparkTypeError(
                errorClass="NOT_STR_OR_STRUCT",
                messageParameters={"arg_name": "schema", "arg_type": type(schema).__name__},
            )
        self._schema = schema
        return self

    def load(self, path: str | list[str] | None = None, format: str | None = None, schema: Any = None, **options: Any) -> DataFrame:  # noqa: A002
        """Read ``path`` (a file, a directory or a list of them)."""
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        if path is None:
            raise errors.PySparkValueError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "load() without a path"})
        if self._format.lower() in _UNSUPPORTED_FORMATS:
            raise _not_implemented(_UNSUPPORTED_FORMATS[self._format.lower()])
        if not isinstance(path, (str, list, tuple)):
            raise _not_implemented(f"spark.read.{self._format} of a {type(path).__name__}")
        paths = [path] if isinstance(path, str) else list(path)
        if self._format.lower() == "xml":
            from pyrust.sql._xml_source import read_xml

            return read_xml(self._session, paths, self._options, self._schema)
        return self._session._read_files(self._format, paths, self._options, self._schema)

    def csv(self, path: str | list[str], schema: Any = None, sep: str | None = None, header: Any = None, inferSchema: Any = None, **options: Any) -> DataFrame:
        """Read CSV files (``header``, ``inferSchema``, ``sep`` as in Spark)."""
        return self.load(path, "csv", schema, sep=sep, header=header, inferSchema=inferSchema, **options)

    def json(self, path: str | list[str] | DataFrame, schema: Any = None, **options: Any) -> DataFrame:
        """Read JSON Lines files (or a DataFrame of JSON strings); fields come back sorted by name, as Spark infers them."""
        from pyrust.sql.dataframe import DataFrame

        if isinstance(path, DataFrame):
            return self._json_of_strings(path, schema, options)
        return self.load(path, "json", schema, **options)

    def _json_of_strings(self, strings: DataFrame, schema: Any, options: dict[str, Any]) -> DataFrame:
        """The JSON documents of a one-string-column DataFrame, parsed by the JSON reader."""
        import tempfile

        if len(strings.schema.fields) != 1 or not isinstance(strings.schema.fields[0].dataType, T.StringType):
            raise errors.AnalysisException(
                errorClass="UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                messageParameters={"format": "JSON", "columnName": "`value`", "columnType": f'"{strings.schema.simpleString().upper()}"'},
            )
        values = strings.toArrow().column(0).to_pylist()
        with tempfile.TemporaryDirectory(prefix="pyrust-json-") as directory:
            path = os.path.join(directory, "part-00000.json")
            with open(path, "w", encoding="utf-8") as handle:
                handle.writelines(value.replace("\n", " ") + "\n" for value in values if value is not None)
            parsed = self.load(path, "json", schema, **options)
            # The file goes with the directory: the rows are read now.
            return self._session.createDataFrame(parsed.toArrow(), parsed.schema)

    def parquet(self, *paths: str, **options: Any) -> DataFrame:
        """Read Parquet files."""
        return self.load(list(paths), "parquet", None, **options)

    def text(
        self,
        paths: str | list[str],
        wholetext: bool = False,
        lineSep: str | None = None,  # noqa: N803 - PySpark's names
        pathGlobFilter: str | None = None,  # noqa: N803
        recursiveFileLookup: bool | None = None,  # noqa: N803
        modifiedBefore: str | None = None,  # noqa: N803
        modifiedAfter: str | None = None,  # noqa: N803
    ) -> DataFrame:
        """Read text files: one ``value`` string per line (per file with ``wholetext``)."""
        for name, value in (("pathGlobFilter", pathGlobFilter), ("recursiveFileLookup", recursiveFileLookup),
                            ("modifiedBefore", modifiedBefore), ("modifiedAfter", modifiedAfter)):
            if value is not None:
                raise _not_implemented(f"the text reader option {name}")
        return self.load(paths, "text", None, wholetext=wholetext, lineSep=lineSep)

    def table(self, tableName: str) -> DataFrame:  # noqa: N803
        """The table or view ``tableName``, as ``spark.table``."""
        return self._session.table(tableName)

    def orc(
        self,
        path: str | list[str],
        mergeSchema: Any = None,  # noqa: N803 - PySpark's names
        pathGlobFilter: Any = None,  # noqa: N803
        recursiveFileLookup: Any = None,  # noqa: N803
        modifiedBefore: Any = None,  # noqa: N803
        modifiedAfter: Any = None,  # noqa: N803
    ) -> DataFrame:
        """Read ORC files (with datafusion-contrib's ORC reader)."""
        for name, value in (("mergeSchema", mergeSchema), ("pathGlobFilter", pathGlobFilter),
                            ("recursiveFileLookup", recursiveFileLookup), ("modifiedBefore", modifiedBefore),
                            ("modifiedAfter", modifiedAfter)):
            if value is not None and _option_text(value) != "false":
                raise _not_implemented(f"the ORC reader option {name}")
        return self.load(path, "orc")

    def xml(
        self,
        path: Any,
        rowTag: str | None = None,  # noqa: N803 - PySpark's names
        schema: Any = None,
        excludeAttribute: Any = None,  # noqa: N803
        attributePrefix: str | None = None,  # noqa: N803
        valueTag: str | None = None,  # noqa: N803
        ignoreSurroundingSpaces: Any = None,  # noqa: N803
        rowValidationXSDPath: str | None = None,  # noqa: N803
        ignoreNamespace: Any = None,  # noqa: N803
        wildcardColName: str | None = None,  # noqa: N803
        encoding: str | None = None,
        inferSchema: Any = None,  # noqa: N803
        nullValue: str | None = None,  # noqa: N803
        dateFormat: str | None = None,  # noqa: N803
        timestampFormat: str | None = None,  # noqa: N803
        mode: str | None = None,
        columnNameOfCorruptRecord: str | None = None,  # noqa: N803
        multiLine: Any = None,  # noqa: N803
        samplingRatio: Any = None,  # noqa: N803
        locale: str | None = None,
    ) -> DataFrame:
        """Read XML files (or a DataFrame of XML strings): one row per ``rowTag`` element.

        >>> import os, tempfile
        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> with tempfile.TemporaryDirectory() as d:
        ...     with open(os.path.join(d, "people.xml"), "w") as f:
        ...         _ = f.write("<people><person><name>Ann</name><age>7</age></person></people>")
        ...     spark.read.xml(d, rowTag="person").collect()
        [Row(age=7, name='Ann')]
        """
        from pyrust.sql.dataframe import DataFrame

        self.options(
            rowTag=rowTag, excludeAttribute=excludeAttribute, attributePrefix=attributePrefix, valueTag=valueTag,
            ignoreSurroundingSpaces=ignoreSurroundingSpaces, rowValidationXSDPath=rowValidationXSDPath,
            ignoreNamespace=ignoreNamespace, wildcardColName=wildcardColName, encoding=encoding, inferSchema=inferSchema,
            nullValue=nullValue, dateFormat=dateFormat, timestampFormat=timestampFormat, mode=mode,
            columnNameOfCorruptRecord=columnNameOfCorruptRecord, multiLine=multiLine, samplingRatio=samplingRatio,
            locale=locale,
        )
        if schema is not None:
            self.schema(schema)
        if isinstance(path, DataFrame):
            from pyrust.sql._xml_source import read_xml

            return read_xml(self._session, path, self._options, self._schema)
        return self.load(path, "xml")

    def jdbc(self, url: str, table: str, **options: Any) -> DataFrame:
        """JDBC: not supported (raises ``NOT_IMPLEMENTED``)."""
        raise _not_implemented(_UNSUPPORTED_FORMATS["jdbc"])


# -- writing ---------------------------------------------------------------------------

# Options of the CSV and JSON writers that shape each line (the rest shape files: the
# header, compression, line separator). Spark ignores options it does not know.
_CSV_LINE_OPTIONS = frozenset({
    "sep", "delimiter", "quote", "escape", "nullvalue", "emptyvalue", "quoteall", "escapequotes",
    "chartoescapequoteescaping", "ignoreleadingwhitespace", "ignoretrailingwhitespace",
    "dateformat", "timestampformat", "timestampntzformat",
})
_JSON_LINE_OPTIONS = frozenset({"dateformat", "timestampformat", "timestampntzformat", "ignorenullfields"})
_FILE_FORMATS = ("parquet", "csv", "json", "text", "xml", "orc")
# Formats Spark has that the engine cannot write (or read) yet.
_UNSUPPORTED_FORMATS = {
    "avro": "the Avro data source",
    "jdbc": "the JDBC data source",
}
_SAVE_MODES = ("append", "overwrite", "ignore", "error", "errorifexists", "default")


def _save_mode(mode: str) -> str:
    if mode.lower() not in _SAVE_MODES:
        raise errors.AnalysisException(errorClass="INVALID_SAVE_MODE", messageParameters={"mode": f'"{mode}"'})
    return mode.lower()


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _names(cols: tuple[Any, ...]) -> list[str]:
    """Column names given as ``"a", "b"`` or as one list."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = tuple(cols[0])
    return [str(name) for name in cols]


class DataFrameWriter(_SourceOptions):
    """Writes a DataFrame to files or tables: ``df.write``.

    A write runs the DataFrame's plan in the engine, which writes Spark's
    layout (``part-*`` files and ``_SUCCESS``) into a staging directory and
    commits it by renames: a failure leaves the target as it was.
    """

    def __init__(self, df: DataFrame) -> None:
        self._df = df
        self._session = df._session
        self._format: str | None = None
        self._mode = "errorifexists"
        self._options: dict[str, str] = {}
        self._partition_by: list[str] = []
        self._buckets: tuple[int, list[str]] | None = None
        self._sort_by: list[str] = []
        self._cluster_by: list[str] = []

    def mode(self, saveMode: str | None) -> DataFrameWriter:  # noqa: N803 - PySpark's names
        """What to do when the target exists: ``error`` (default), ``append``, ``overwrite`` or ``ignore``."""
        if saveMode is not None:
            self._mode = _save_mode(saveMode)
        return self

    def partitionBy(self, *cols: str | list[str]) -> DataFrameWriter:
        """Write one directory per value of these columns (``col=value/``), as Hive does."""
        self._partition_by = _names(cols)
        return self

    def bucketBy(self, numBuckets: int, col: str | list[str], *cols: str) -> DataFrameWriter:  # noqa: N803
        """Bucket the output by these columns (tables only)."""
        if not isinstance(numBuckets, int):
            raise errors.PySparkTypeError(
                errorClass="NOT_INT", messageParameters={"arg_name": "numBuckets", "arg_type": type(numBuckets).__name__}
            )
        self._buckets = (numBuckets, _names((col, *cols)) if isinstance(col, str) else _names((col,)))
        return self

    def sortBy(self, col: str | list[str], *cols: str) -> DataFrameWriter:
        """Sort each bucket by these columns (with :meth:`bucketBy`)."""
        self._sort_by = _names((col, *cols)) if isinstance(col, str) else _names((col,))
        return self

    def clusterBy(self, *cols: str | list[str]) -> DataFrameWriter:
        """Clustering columns: a layout hint Spark records for tables; files are written as usual."""
        self._cluster_by = _names(cols)
        return self

    # -- files ------------------------------------------------------------------------

    def save(
        self,
        path: str | None = None,
        format: str | None = None,  # noqa: A002
        mode: str | None = None,
        partitionBy: str | list[str] | None = None,  # noqa: N803
        **options: Any,
    ) -> None:
        """Write the DataFrame to ``path`` in the chosen format."""
        self.mode(mode)
        if format is not None:
            self.format(format)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)
        if path is None:
            raise _not_implemented("save() without a path")
        if self._buckets is not None or self._sort_by:
            operation = "bucketBy" if self._buckets is not None else "sortBy"
            raise errors.AnalysisException(f"'save' does not support {operation} right now.")
        write_files(self._df, self._source(), path, self._mode, self._options, self._partition_by)

    def parquet(
        self, path: str, mode: str | None = None, partitionBy: str | list[str] | None = None, compression: str | None = None  # noqa: N803
    ) -> None:
        """Write Parquet files (snappy-compressed by default, as Spark's)."""
        self.format("parquet").save(path, mode=mode, partitionBy=partitionBy, compression=compression)

    def csv(
        self,
        path: str,
        mode: str | None = None,
        compression: str | None = None,
        sep: str | None = None,
        quote: str | None = None,
        escape: str | None = None,
        header: Any = None,
        nullValue: str | None = None,  # noqa: N803
        escapeQuotes: Any = None,  # noqa: N803
        quoteAll: Any = None,  # noqa: N803
        dateFormat: str | None = None,  # noqa: N803
        timestampFormat: str | None = None,  # noqa: N803
        ignoreLeadingWhiteSpace: Any = None,  # noqa: N803
        ignoreTrailingWhiteSpace: Any = None,  # noqa: N803
        charToEscapeQuoteEscaping: str | None = None,  # noqa: N803
        encoding: str | None = None,
        emptyValue: str | None = None,  # noqa: N803
        lineSep: str | None = None,  # noqa: N803
    ) -> None:
        """Write CSV files, each line as Spark's CSV writer formats it."""
        self.format("csv").save(
            path, mode=mode, compression=compression, sep=sep, quote=quote, escape=escape, header=header,
            nullValue=nullValue, escapeQuotes=escapeQuotes, quoteAll=quoteAll, dateFormat=dateFormat,
            timestampFormat=timestampFormat, ignoreLeadingWhiteSpace=ignoreLeadingWhiteSpace,
            ignoreTrailingWhiteSpace=ignoreTrailingWhiteSpace, charToEscapeQuoteEscaping=charToEscapeQuoteEscaping,
            encoding=encoding, emptyValue=emptyValue, lineSep=lineSep,
        )

    def json(
        self,
        path: str,
        mode: str | None = None,
        compression: str | None = None,
        dateFormat: str | None = None,  # noqa: N803
        timestampFormat: str | None = None,  # noqa: N803
        lineSep: str | None = None,  # noqa: N803
        encoding: str | None = None,
        ignoreNullFields: Any = None,  # noqa: N803
    ) -> None:
        """Write JSON Lines files (null fields left out, as Spark writes them)."""
        self.format("json").save(
            path, mode=mode, compression=compression, dateFormat=dateFormat, timestampFormat=timestampFormat,
            lineSep=lineSep, encoding=encoding, ignoreNullFields=ignoreNullFields,
        )

    def text(self, path: str, compression: str | None = None, lineSep: str | None = None) -> None:  # noqa: N803
        """Write a DataFrame of one string column as lines of text."""
        self.format("text").save(path, compression=compression, lineSep=lineSep)

    def orc(self, path: str, mode: str | None = None, partitionBy: Any = None, compression: str | None = None) -> None:  # noqa: N803
        """Write ORC files (snappy-compressed by default, as Spark's); atomic and flat types only."""
        self.format("orc").save(path, mode=mode, partitionBy=partitionBy, compression=compression)

    def xml(
        self,
        path: str,
        rowTag: str | None = None,  # noqa: N803 - PySpark's names
        mode: str | None = None,
        attributePrefix: str | None = None,  # noqa: N803
        valueTag: str | None = None,  # noqa: N803
        rootTag: str | None = None,  # noqa: N803
        declaration: Any = None,
        arrayElementName: str | None = None,  # noqa: N803
        nullValue: str | None = None,  # noqa: N803
        dateFormat: str | None = None,  # noqa: N803
        timestampFormat: str | None = None,  # noqa: N803
        compression: str | None = None,
        encoding: str | None = None,
        validateName: Any = None,  # noqa: N803
    ) -> None:
        """Write XML files: each row a ``rowTag`` element inside a ``rootTag`` element (``ROWS``)."""
        self.format("xml").save(
            path, mode=mode, rowTag=rowTag, attributePrefix=attributePrefix, valueTag=valueTag, rootTag=rootTag,
            declaration=declaration, arrayElementName=arrayElementName, nullValue=nullValue, dateFormat=dateFormat,
            timestampFormat=timestampFormat, compression=compression, encoding=encoding, validateName=validateName,
        )

    def jdbc(self, url: str, table: str, mode: str | None = None, properties: dict | None = None) -> None:
        """JDBC: not supported (raises ``NOT_IMPLEMENTED``)."""
        raise _not_implemented(_UNSUPPORTED_FORMATS["jdbc"])

    # -- tables ----------------------------------------------------------------------

    def saveAsTable(
        self,
        name: str,
        format: str | None = None,  # noqa: A002
        mode: str | None = None,
        partitionBy: str | list[str] | None = None,  # noqa: N803
        **options: Any,
    ) -> None:
        """Write the DataFrame as table ``name`` (a managed table under the warehouse directory)."""
        from pyrust.sql import _table_writes

        self.mode(mode)
        if format is not None:
            self.format(format)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)
        _table_writes.save_as_table(self, name)

    def insertInto(self, tableName: str, overwrite: bool | None = None) -> None:  # noqa: N803
        """Insert the rows into an existing table, matching columns by position."""
        from pyrust.sql import _table_writes

        if overwrite is not None and not isinstance(overwrite, bool):
            raise errors.PySparkTypeError(
                errorClass="NOT_BOOL", messageParameters={"arg_name": "overwrite", "arg_type": type(overwrite).__name__}
            )
        _table_writes.insert_into(self._df, tableName, overwrite=bool(overwrite) or self._mode == "overwrite")

    def _source(self) -> str:
        return (self._format or self._session.conf.get("spark.sql.sources.default", "parquet") or "parquet").lower()


def write_files(
    df: DataFrame,
    file_format: str,
    path: str,
    mode: str,
    options: dict[str, str],
    partition_by: list[str],
    *,
    bucketed: bool = False,
) -> list[str]:
    """Write ``df`` to ``path`` as Spark's ``file_format`` source does; returns the files written.

    ``bucketed``: ``df``'s last column is each row's bucket number (``bucketBy``).
    """
    from pyrust.sql import functions as F

    file_format = file_format.lower()
    if file_format in _UNSUPPORTED_FORMATS:
        raise _not_implemented(_UNSUPPORTED_FORMATS[file_format])
    if file_format not in _FILE_FORMATS:
        raise errors.AnalysisException(
            errorClass="DATA_SOURCE_NOT_FOUND", messageParameters={"provider": file_format}
        )
    lowered = {key.lower(): value for key, value in options.items()}
    encoding = lowered.get("encoding", lowered.get("charset", "UTF-8"))
    if encoding.replace("-", "").lower() != "utf8":
        raise _not_implemented(f"writing {file_format} files in the {encoding} encoding")
    schema = df.schema
    bucket_columns = []
    if bucketed:
        bucket_columns = [F.col(_quoted(schema.fields[-1].name))]
        schema = T.StructType(schema.fields[:-1])
    _check_names(schema)
    partition_fields = [_field(schema, name) for name in partition_by]
    partition_names = {field.name for field in partition_fields}
    data_fields = [field for field in schema.fields if field.name not in partition_names]
    if partition_fields and not data_fields:
        raise errors.AnalysisException(errorClass="ALL_PARTITION_COLUMNS_NOT_ALLOWED", messageParameters={})
    for field in partition_fields:
        if not isinstance(field.dataType, _PARTITION_TYPES):
            raise _unsupported_type(file_format, field)
    _check_data_types(file_format, data_fields)
    if _save_mode(mode) == "overwrite":
        _refuse_overwriting_input(df, path)
    partitions = [F.col(_quoted(field.name)).cast("string").alias(field.name) for field in partition_fields]
    engine_options: dict[str, str] = {}
    if "compression" in lowered or "codec" in lowered:
        engine_options["compression"] = lowered.get("compression", lowered.get("codec", ""))
    if "linesep" in lowered and file_format != "parquet":
        engine_options["lineSep"] = lowered["linesep"]
    overwrite_mode = lowered.get(
        "partitionoverwritemode", df._session.conf.get("spark.sql.sources.partitionOverwriteMode", "static") or "static"
    )
    engine_options["partitionOverwriteMode"] = overwrite_mode.lower()
    data = [F.col(_quoted(field.name)) for field in data_fields]
    if file_format == "parquet":
        columns = data
        engine_options["metadata.org.apache.spark.version"] = "4.3.0"
        engine_options["metadata.org.apache.spark.sql.parquet.row.metadata"] = T.StructType(data_fields).json()
    elif file_format in ("text", "orc"):
        columns = data
    elif file_format == "xml":
        from pyrust.sql._xml_source import write_layout

        row, layout_options = write_layout(lowered, data)
        columns = [row]
        engine_options.update(layout_options)
    elif file_format == "csv":
        line_options = {key: value for key, value in lowered.items() if key in _CSV_LINE_OPTIONS}
        columns = [F.to_csv(F.struct(*data), line_options).alias("value")]
        if lowered.get("header", "false").lower() == "true":
            engine_options["header"] = _csv_header(df._session, [field.name for field in data_fields], line_options)
    else:
        line_options = {key: value for key, value in lowered.items() if key in _JSON_LINE_OPTIONS}
        columns = [F.to_json(F.struct(*data), line_options).alias("value")]
    if bucketed:
        engine_options["bucketed"] = "true"
    write_partitions = getattr(df, "_write_partitions", None)
    if write_partitions is not None:
        engine_options["partitions"] = str(write_partitions)
    output = df.select(*columns, *partitions, *bucket_columns)
    files, _rows = df._session._engine.write(
        output._substrait(), file_format, path, mode, engine_options, [field.name for field in partition_fields]
    )
    output._complete_observations()
    return files


_PARTITION_TYPES = (T.BooleanType, T.NumericType, T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType)
_CSV_TYPES = (*_PARTITION_TYPES, T.BinaryType, T.NullType)
# The types orc-rust's Arrow writer writes as Spark's ORC writer does.
_ORC_TYPES = (T.BooleanType, T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType,
              T.StringType, T.BinaryType, T.DateType)


def _check_names(schema: T.StructType) -> None:
    seen: set[str] = set()
    for name in schema.names:
        if name.lower() in seen:
            raise errors.AnalysisException(
                errorClass="COLUMN_ALREADY_EXISTS", messageParameters={"columnName": f"`{name.lower()}`"}
            )
        seen.add(name.lower())


def _field(schema: T.StructType, name: str) -> T.StructField:
    for field in schema.fields:
        if field.name.lower() == name.lower():
            return field
    msg = f"Partition column `{name}` not found in schema {schema.simpleString()}."
    raise errors.AnalysisException(msg)


def _unsupported_type(file_format: str, field: T.StructField) -> errors.AnalysisException:
    shown = {"csv": "CSV", "json": "JSON", "text": "Text", "parquet": "Parquet", "orc": "ORC", "xml": "XML"}[file_format]
    return errors.AnalysisException(
        errorClass="UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
        messageParameters={
            "format": shown,
            "columnName": f"`{field.name}`",
            "columnType": f'"{field.dataType.simpleString().upper()}"',
        },
    )


def _check_data_types(file_format: str, fields: list[T.StructField]) -> None:
    if file_format == "csv":
        for field in fields:
            if not isinstance(field.dataType, _CSV_TYPES):
                raise _unsupported_type(file_format, field)
    elif file_format == "text":
        for field in fields:
            if not isinstance(field.dataType, T.StringType):
                raise _unsupported_type(file_format, field)
        if len(fields) != 1:
            raise errors.AnalysisException(
                errorClass="_LEGACY_ERROR_TEMP_1290", messageParameters={"schemaSize": str(len(fields))}
            )
    elif file_format == "orc":
        for field in fields:
            if not isinstance(field.dataType, _ORC_TYPES):
                raise _not_implemented(f"writing ORC files with {field.dataType.simpleString()} columns")


def _refuse_overwriting_input(df: DataFrame, path: str) -> None:
    """Spark refuses to overwrite a path the query reads from (the files would be gone before they are read)."""
    target = os.path.abspath(path.removeprefix("file://").removeprefix("file:"))
    for table in df._tables:
        for source in table.files:
            read = os.path.abspath(source.removeprefix("file://").removeprefix("file:"))
            if read == target or read.startswith(target.rstrip(os.sep) + os.sep):
                raise errors.AnalysisException(
                    errorClass="UNSUPPORTED_OVERWRITE.PATH", messageParameters={"path": f"file:{target}"}
                )


def _csv_header(session: SparkSession, names: list[str], line_options: dict[str, str]) -> str:
    """The header line: the column names, quoted as the CSV writer quotes values."""
    from pyrust.sql import functions as F

    schema = T.StructType([T.StructField(f"c{index}", T.StringType()) for index in range(len(names))])
    row = session.createDataFrame([tuple(names)], schema)
    return row.select(F.to_csv(F.struct(*schema.names), line_options)).collect()[0][0]


def partition_directory(pairs: list[tuple[str, Any]]) -> str:
    """The directory of a partition (``year=2024/month=1``), escaped as Spark (and the engine) name it."""
    return os.path.join(*[f"{_escape_path_name(name)}={_partition_text(value)}" for name, value in pairs])


def _partition_text(value: Any) -> str:
    if value is None or value == "":
        return "__HIVE_DEFAULT_PARTITION__"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _escape_path_name(str(value))


_PATH_ESCAPED = frozenset('"#%\'*/:=?\\\x7f{[]^') | frozenset(chr(code) for code in range(1, 32))


def _escape_path_name(text: str) -> str:
    return "".join(f"%{ord(character):02X}" if character in _PATH_ESCAPED else character for character in text)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class DataFrameWriterV2:
    """Writes a DataFrame to a table: ``df.writeTo("t").create()``, ``.append()``...

    ``create`` and ``replace`` define the table from the DataFrame; ``append``
    and the overwrites write into an existing table, matching columns by name.
    """

    def __init__(self, df: DataFrame, table: str) -> None:
        self._df = df
        self._session = df._session
        self._table = table
        self._provider: str | None = None
        self._options: dict[str, str] = {}
        self._properties: dict[str, str] = {}
        self._partitioning: list[str] = []

    def using(self, provider: str) -> DataFrameWriterV2:
        """The table's format: ``parquet`` (default), ``csv``, ``json``."""
        self._provider = provider
        return self

    def option(self, key: str, value: Any) -> DataFrameWriterV2:
        """One write option."""
        self._options[key] = _option_text(value)
        return self

    def options(self, **options: Any) -> DataFrameWriterV2:
        """Several write options."""
        for key, value in options.items():
            self.option(key, value)
        return self

    def tableProperty(self, property: str, value: str) -> DataFrameWriterV2:  # noqa: A002 - PySpark's name
        """A property recorded with the table (``spark.catalog.getTableProperties``)."""
        self._properties[property] = value
        return self

    def partitionedBy(self, col: Any, *cols: Any) -> DataFrameWriterV2:
        """Partition the table by these columns (plain columns; transforms such as ``years`` are not supported)."""
        self._partitioning = [_partition_column(column) for column in (col, *cols)]
        return self

    def create(self) -> None:
        """Create the table from the DataFrame; fails if it exists."""
        self._create(replace=False)

    def replace(self) -> None:
        """Replace an existing table with the DataFrame (definition and rows)."""
        from pyrust.sql import _table_writes

        database, table, entry = _table_writes._entry(self._session, self._table)
        if entry is None:
            raise errors.AnalysisException(
                errorClass="TABLE_OR_VIEW_NOT_FOUND",
                messageParameters={"relationName": _table_writes._full_name(database, table), "searchPath": ""},
            )
        self._create(replace=True)

    def createOrReplace(self) -> None:
        """Create the table, or replace it if it exists."""
        self._create(replace=True)

    def append(self) -> None:
        """Append the rows to the existing table (columns matched by name)."""
        self._into(overwrite=False)

    def overwrite(self, condition: Any) -> None:
        """Replace the rows matching ``condition`` with the DataFrame's rows."""
        from pyrust.sql import functions as F
        from pyrust.sql.column import Column

        current = self._session.table(self._table)
        keep = ~F.coalesce(condition if isinstance(condition, Column) else F.expr(str(condition)), F.lit(False))
        # The kept rows are read before the table's files are replaced.
        kept = self._session.createDataFrame(current.filter(keep).toArrow(), current.schema)
        self._into(overwrite=True, extra=kept)

    def overwritePartitions(self) -> None:
        """Replace the partitions the DataFrame has rows for (the whole table if it is not partitioned)."""
        self._into(overwrite=True, dynamic=True)

    def _create(self, replace: bool) -> None:
        from pyrust.sql import _table_writes

        _table_writes.create_table_as(
            self._session, self._df, self._table, provider=self._provider, partitions=self._partitioning,
            properties=self._properties, options=self._options, replace=replace,
        )

    def _into(self, overwrite: bool, dynamic: bool = False, extra: DataFrame | None = None) -> None:
        from pyrust.sql import _table_writes

        database, table, entry = _table_writes._entry(self._session, self._table)
        if entry is None or entry["kind"] == "VIEW":
            from pyrust.sql.catalog import table_not_found

            raise table_not_found(self._table)
        schema = T.StructType.fromJson(entry["schema"])
        rows = _table_writes._by_name(self._df, schema, database, table)
        if extra is not None:
            rows = extra.unionByName(rows)
        files = _table_writes._write_rows(
            self._session, rows, entry, overwrite=overwrite, dynamic=dynamic and bool(entry.get("partitions"))
        )
        self._session.catalog._table_written(database, table, files)


def _partition_column(column: Any) -> str:
    from pyrust.sql._expressions import ColumnReference
    from pyrust.sql.column import Column

    if isinstance(column, str):
        return column
    if isinstance(column, Column) and isinstance(column._expression, ColumnReference):
        return column._expression.sql()
    raise _not_implemented("partitionedBy with a transform (years, months, days, hours, bucket)")
