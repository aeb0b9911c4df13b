"""Writing tables: ``saveAsTable``, ``insertInto``, ``writeTo(...)`` and SQL's
``INSERT`` / ``CREATE TABLE ... AS SELECT`` / ``TRUNCATE TABLE``.

A managed table is a directory under the warehouse (``spark-warehouse/t``)
recorded in the catalog store (``_catalog_store.py``); its data is written
by the same file writer as ``df.write.save`` (``readwriter.write_files``),
so a table write is atomic too. The catalog entry is written after the data,
so a failed ``CREATE TABLE ... AS SELECT`` leaves no table behind.

Column matching follows Spark: ``insertInto`` and ``INSERT`` match columns
by position, ``saveAsTable`` in append mode and ``writeTo(...).append`` by
name; values are cast to the table's types with Spark's store-assignment
rules (ANSI: numbers to numbers, anything atomic to strings, dates and
timestamps to each other; other pairs are ``CANNOT_SAFELY_CAST``).
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql.catalog import CATALOG_NAME, table_not_found

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.readwriter import DataFrameWriter
    from pyrust.sql.session import SparkSession

_PROVIDERS = ("parquet", "csv", "json", "text")


def _full_name(database: str, name: str) -> str:
    return f"`{CATALOG_NAME}`.`{database}`.`{name.lower()}`"


def _entry(session: SparkSession, name: str) -> tuple[str, str, dict[str, Any] | None]:
    database, table = session.catalog.qualified(name)
    return database, table, session.catalog._store.table(database, table)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


# -- creating -------------------------------------------------------------------------


def create_table_as(
    session: SparkSession,
    df: DataFrame,
    name: str,
    *,
    provider: str | None = None,
    partitions: list[str] | None = None,
    properties: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    comment: str | None = None,
    location: str | None = None,
    buckets: tuple[int, list[str], list[str]] | None = None,
    replace: bool = False,
) -> None:
    """Create table ``name`` holding ``df``'s rows (``replace``: replacing a table of that name)."""
    from pyrust.sql.readwriter import write_files

    database, table, existing = _entry(session, name)
    catalog = session.catalog
    catalog._require_database(database)
    if existing is not None and existing["kind"] != "VIEW":
        _refuse_overwriting_input(df, existing, database, table)
    if existing is not None and not replace:
        raise errors.AnalysisException(
            errorClass="TABLE_OR_VIEW_ALREADY_EXISTS", messageParameters={"relationName": _full_name(database, table)}
        )
    provider = (provider or session.conf.get("spark.sql.sources.default", "parquet") or "parquet").lower()
    if provider not in _PROVIDERS:
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"tables USING {provider}"}
        )
    partitions = [_column(df.schema, column).name for column in partitions or []]
    data = [field for field in df.schema.fields if field.name not in partitions]
    ordered = df.select(*[_quoted(field.name) for field in data], *[_quoted(column) for column in partitions])
    schema = T.StructType([T.StructField(f.name, f.dataType, True) for f in ordered.schema.fields])
    store = catalog._store
    managed = location is None
    target = store.table_location(database, table) if managed else location
    if existing is None and managed and os.path.isdir(target) and os.listdir(target):
        raise errors.SparkRuntimeException(
            errorClass="LOCATION_ALREADY_EXISTS",
            messageParameters={"identifier": _full_name(database, table), "location": f"'file:{os.path.abspath(target)}'"},
        )
    writer_options = dict(options or {})
    written = _bucketed(ordered, buckets)
    write_files(written, provider, target, "overwrite", writer_options, partitions, bucketed=buckets is not None)
    entry = {
        "kind": "MANAGED" if managed else "EXTERNAL",
        "schema": schema.jsonValue(),
        "provider": provider,
        "location": os.path.abspath(target),
        "partitions": partitions,
        "properties": dict(properties or {}),
        "options": writer_options,
        "description": comment,
    }
    if buckets is not None:
        entry["buckets"] = {"count": buckets[0], "columns": buckets[1], "sort": buckets[2]}
    if existing is not None and existing.get("kind") == "MANAGED" and existing["location"] != entry["location"]:
        shutil.rmtree(existing["location"], ignore_errors=True)
    store.put_table(database, table, entry)
    catalog._table_written(database, table)


def _bucketed(df: DataFrame, buckets: tuple[int, list[str], list[str]] | None) -> DataFrame:
    """``df`` with its bucket number as a last column (Spark's: ``pmod(hash(columns), count)``),
    each bucket's rows sorted by the sort columns."""
    if buckets is None:
        return df
    from pyrust.sql import functions as F

    count, columns, sort = buckets
    names = [_column(df.schema, column).name for column in columns]
    bucket = F.pmod(F.hash(*[F.col(_quoted(column)) for column in names]), F.lit(count))
    frame = df.withColumn("__pyrust_bucket", bucket)
    if sort:
        frame = frame.sortWithinPartitions("__pyrust_bucket", *[_column(df.schema, column).name for column in sort])
    return frame


def save_as_table(writer: DataFrameWriter, name: str) -> None:
    """``df.write.saveAsTable(name)`` with the writer's mode, format, partitioning and options."""
    session, df = writer._session, writer._df
    database, table, existing = _entry(session, name)
    if existing is not None and existing["kind"] == "VIEW":
        raise errors.AnalysisException(
            errorClass="EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
            messageParameters={"viewName": _full_name(database, table), "operation": "saveAsTable"},
        )
    mode = writer._mode
    buckets = (writer._buckets[0], writer._buckets[1], writer._sort_by) if writer._buckets is not None else None
    if existing is None or mode == "overwrite":
        create_table_as(
            session, df, name, provider=writer._format, partitions=writer._partition_by, options=writer._options,
            buckets=buckets, replace=existing is not None,
        )
        return
    if mode in ("error", "errorifexists", "default"):
        raise errors.AnalysisException(
            errorClass="TABLE_OR_VIEW_ALREADY_EXISTS", messageParameters={"relationName": _full_name(database, table)}
        )
    if mode == "ignore":
        return
    if writer._format is not None and writer._format.lower() != existing["provider"]:
        msg = (
            f"The format of the existing table {CATALOG_NAME}.{database}.{table.lower()} is "
            f"`{_v2_name(existing['provider'])}`. It doesn't match the specified format `{_v2_name(writer._format)}`."
        )
        raise errors.AnalysisException(msg)
    schema = T.StructType.fromJson(existing["schema"])
    specified = [_column(df.schema, column).name for column in writer._partition_by]
    if writer._partition_by is not None and [c.lower() for c in specified] != [c.lower() for c in existing.get("partitions", [])]:
        msg = (
            f"Specified partitioning does not match that of the existing table {CATALOG_NAME}.{database}.{table.lower()}.\n"
            f"Specified partition columns: [{', '.join(specified)}].\n"
            f"Existing partition columns: [{', '.join(existing.get('partitions', []))}]."
        )
        raise errors.AnalysisException(msg)
    if len(schema.fields) != len(df.schema.fields):
        msg = (
            f"The column number of the existing table {CATALOG_NAME}.{database}.{table.lower()} "
            f"({schema.simpleString()}) doesn't match the data schema ({df.schema.simpleString()})."
        )
        raise errors.AnalysisException(msg)
    files = _write_rows(session, _by_name(df, schema, database, table), existing, overwrite=False)
    session.catalog._table_written(database, table, files)


def _v2_name(provider: str) -> str:
    return {"parquet": "ParquetDataSourceV2", "csv": "CSVDataSourceV2", "json": "JsonDataSourceV2", "text": "TextDataSourceV2"}.get(
        provider.lower(), provider
    )


# -- inserting ------------------------------------------------------------------------


def insert_into(
    df: DataFrame,
    name: str,
    *,
    overwrite: bool = False,
    static_partitions: dict[str, Any] | None = None,
    columns: list[str] | None = None,
) -> None:
    """Insert ``df``'s rows into table ``name`` by position (``columns``: into these columns,
    by name; ``static_partitions``: partition values fixed by ``PARTITION (p = v)``)."""
    session = df._session
    database, table, entry = _entry(session, name)
    if entry is None:
        raise table_not_found(name)
    if entry["kind"] == "VIEW":
        raise errors.AnalysisException(
            errorClass="EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
            messageParameters={"viewName": _full_name(database, table), "operation": "INSERT"},
        )
    schema = T.StructType.fromJson(entry["schema"])
    static = {(_column(schema, key).name): value for key, value in (static_partitions or {}).items()}
    targets = [field for field in schema.fields if field.name not in static]
    if columns is not None:
        named = [_column(schema, column) for column in columns]
        _check_arity(database, table, named, df)
        df = df.toDF(*[field.name for field in named])
        missing = [field for field in targets if field.name not in {f.name for f in named}]
        from pyrust.sql import functions as F

        for field in missing:
            df = df.withColumn(field.name, F.lit(None).cast(field.dataType))
        df = df.select(*[_quoted(field.name) for field in targets])
    _check_arity(database, table, targets, df)
    aligned = _cast_to(df, targets, database, table)
    if static:
        from pyrust.sql import functions as F

        values = {key: F.lit(value).cast(_column(schema, key).dataType).alias(key) for key, value in static.items()}
        aligned = aligned.select(
            *[values[field.name] if field.name in values else F.col(_quoted(field.name)) for field in schema.fields]
        )
    dynamic = bool(static) and bool(entry.get("partitions"))
    if overwrite:
        _refuse_overwriting_input(df, entry, database, table)
    files = _write_rows(session, aligned, entry, overwrite=overwrite, dynamic=dynamic)
    session.catalog._table_written(database, table, files)


def _check_arity(database: str, table: str, targets: list[T.StructField], df: DataFrame) -> None:
    if len(df.schema.fields) == len(targets):
        return
    reason = "TOO_MANY_DATA_COLUMNS" if len(df.schema.fields) > len(targets) else "NOT_ENOUGH_DATA_COLUMNS"
    raise errors.AnalysisException(
        errorClass=f"INSERT_COLUMN_ARITY_MISMATCH.{reason}",
        messageParameters={
            "tableName": _full_name(database, table),
            "tableColumns": ", ".join(f"`{field.name}`" for field in targets),
            "dataColumns": ", ".join(f"`{field.name}`" for field in df.schema.fields),
        },
    )


def _by_name(df: DataFrame, schema: T.StructType, database: str, table: str) -> DataFrame:
    """``df``'s columns in the table's order, matched by name (case-insensitively)."""
    names = {field.name.lower(): field.name for field in df.schema.fields}
    extra = [field.name for field in df.schema.fields if field.name.lower() not in {f.name.lower() for f in schema.fields}]
    if extra:
        raise errors.AnalysisException(
            errorClass="INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS",
            messageParameters={"tableName": _full_name(database, table), "extraColumns": ", ".join(f"`{name}`" for name in extra)},
        )
    for field in schema.fields:
        if field.name.lower() not in names:
            raise errors.AnalysisException(
                errorClass="INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA",
                messageParameters={"tableName": _full_name(database, table), "colName": f"`{field.name}`"},
            )
    ordered = df.select(*[_quoted(names[field.name.lower()]) for field in schema.fields])
    return _cast_to(ordered, list(schema.fields), database, table)


def _cast_to(df: DataFrame, targets: list[T.StructField], database: str, table: str) -> DataFrame:
    """``df``'s columns cast to the targets' types, with Spark's ANSI store-assignment rules."""
    from pyrust.sql import functions as F

    columns = []
    for source, target in zip(df.schema.fields, targets):
        column = F.col(_quoted(source.name))
        if source.dataType != target.dataType:
            if not _can_store(source.dataType, target.dataType):
                raise errors.AnalysisException(
                    errorClass="INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST",
                    messageParameters={
                        "tableName": _full_name(database, table),
                        "colName": f"`{target.name}`",
                        "srcType": f'"{source.dataType.simpleString().upper()}"',
                        "targetType": f'"{target.dataType.simpleString().upper()}"',
                    },
                )
            column = column.cast(target.dataType)
        columns.append(column.alias(target.name))
    return df.select(*columns)


_ATOMIC = (T.BooleanType, T.NumericType, T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType, T.BinaryType)
_DATETIME = (T.DateType, T.TimestampType, T.TimestampNTZType)


def _can_store(source: T.DataType, target: T.DataType) -> bool:
    """Spark's ANSI store assignment (``Cast.canANSIStoreAssign``)."""
    if isinstance(source, T.NullType) or source == target:
        return True
    if isinstance(source, T.NumericType) and isinstance(target, T.NumericType):
        return True
    if isinstance(source, _ATOMIC) and isinstance(target, T.StringType):
        return True
    if isinstance(source, _DATETIME) and isinstance(target, _DATETIME):
        return True
    if isinstance(source, T.ArrayType) and isinstance(target, T.ArrayType):
        return _can_store(source.elementType, target.elementType)
    if isinstance(source, T.MapType) and isinstance(target, T.MapType):
        return _can_store(source.keyType, target.keyType) and _can_store(source.valueType, target.valueType)
    if isinstance(source, T.StructType) and isinstance(target, T.StructType):
        return len(source.fields) == len(target.fields) and all(
            _can_store(left.dataType, right.dataType) for left, right in zip(source.fields, target.fields)
        )
    return False


def _refuse_overwriting_input(df: DataFrame, entry: dict[str, Any], database: str, table: str) -> None:
    """Spark refuses to overwrite a table the query reads from."""
    location = os.path.abspath(entry["location"])
    for handle in df._tables:
        for path in handle.files:
            read = os.path.abspath(path.removeprefix("file:"))
            if read == location or read.startswith(location.rstrip(os.sep) + os.sep):
                raise errors.AnalysisException(
                    errorClass="UNSUPPORTED_OVERWRITE.TABLE", messageParameters={"table": _full_name(database, table)}
                )


def _write_rows(
    session: SparkSession, df: DataFrame, entry: dict[str, Any], *, overwrite: bool, dynamic: bool = False
) -> list[str]:
    """Write ``df``'s rows into the table's files; returns the files written."""
    from pyrust.sql.readwriter import write_files

    options = dict(entry.get("options") or {})
    if dynamic:
        options["partitionOverwriteMode"] = "dynamic"
    buckets = entry.get("buckets")
    spec = (buckets["count"], buckets["columns"], buckets.get("sort", [])) if buckets else None
    return write_files(
        _bucketed(df, spec), entry["provider"], entry["location"], "overwrite" if overwrite else "append", options,
        list(entry.get("partitions") or []), bucketed=spec is not None,
    )


def _column(schema: T.StructType, name: str) -> T.StructField:
    for field in schema.fields:
        if field.name.lower() == name.lower():
            return field
    raise errors.AnalysisException(
        errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
        messageParameters={"objectName": f"`{name}`", "proposal": ", ".join(f"`{f.name}`" for f in schema.fields)},
    )


# -- other statements ---------------------------------------------------------------------


def truncate_table(session: SparkSession, name: str, partition: dict[str, Any] | None = None) -> None:
    """``TRUNCATE TABLE name [PARTITION (...)]``: remove a table's rows, keeping its definition."""
    database, table, entry = _entry(session, name)
    if entry is None:
        raise table_not_found(name)
    if entry["kind"] == "VIEW":
        raise errors.AnalysisException(
            errorClass="EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
            messageParameters={"viewName": _full_name(database, table), "operation": "TRUNCATE TABLE"},
        )
    location = entry["location"]
    session.catalog._table_written(database, table)
    if partition:
        from pyrust.sql.readwriter import partition_directory

        schema = T.StructType.fromJson(entry["schema"])
        pieces = [(_column(schema, key).name, value) for key, value in partition.items()]
        ordered = [(column, dict(pieces)[column]) for column in entry.get("partitions", []) if column in dict(pieces)]
        location = os.path.join(location, partition_directory(ordered))
        if os.path.isdir(location):
            shutil.rmtree(location)
        return
    if os.path.isdir(location):
        for item in os.listdir(location):
            path = os.path.join(location, item)
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)


def create_table_like(session: SparkSession, name: str, source: str, *, if_not_exists: bool, provider: str | None) -> None:
    """``CREATE TABLE name LIKE source``: an empty table with the source's columns, format and partitioning."""
    database, table = session.catalog.qualified(name)
    _, _, entry = _entry(session, source)
    if entry is not None and entry["kind"] != "VIEW":
        schema = T.StructType.fromJson(entry["schema"])
        partitions, table_provider, options = list(entry.get("partitions") or []), entry["provider"], entry.get("options") or {}
    else:
        schema = session.table(source).schema
        partitions, table_provider, options = [], "parquet", {}
    session.catalog.create_table(
        database, table, T.StructType([T.StructField(f.name, f.dataType, True) for f in schema.fields]),
        provider or table_provider, partitions, {}, None, None, dict(options), if_not_exists=if_not_exists,
    )
