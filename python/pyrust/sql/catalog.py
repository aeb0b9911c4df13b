"""``spark.catalog``: databases, tables, views and functions, as PySpark's Catalog.

There is one catalog, ``spark_catalog``. Its databases, tables and permanent
views persist in the warehouse directory (``_catalog_store.py``); temporary
views live in the session, global temporary views in the process (database
``global_temp``). Names are resolved as Spark resolves them: ``t`` (a temporary
view, else a table of the current database), ``db.t``, ``spark_catalog.db.t``,
``global_temp.v``; case-insensitively.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import shutil
from typing import TYPE_CHECKING, Any, NamedTuple

from pyrust import errors
from pyrust.sql import _functions
from pyrust.sql import types as T
from pyrust.sql._analyzer import split_name
from pyrust.sql._catalog_store import DEFAULT_DATABASE, CatalogStore

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql._sql._sql_functions import SqlFunction
    from pyrust.sql.session import SparkSession

__all__ = ["Catalog", "CatalogMetadata", "Column", "Database", "Function", "Table", "TablePartition"]

CATALOG_NAME = "spark_catalog"
GLOBAL_TEMP_DATABASE = "global_temp"
SEARCH_PATH = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"

# Global temporary views: shared by the sessions of this process, as Spark's by an application's.
_GLOBAL_TEMP_VIEWS: dict[str, DataFrame] = {}


class CatalogMetadata(NamedTuple):
    name: str
    description: str | None


class Database(NamedTuple):
    name: str
    catalog: str | None
    description: str | None
    locationUri: str  # noqa: N815 - PySpark's field name


class Table(NamedTuple):
    name: str
    catalog: str | None
    namespace: list[str] | None
    description: str | None
    tableType: str  # noqa: N815
    isTemporary: bool  # noqa: N815

    @property
    def database(self) -> str | None:
        return self.namespace[0] if self.namespace is not None and len(self.namespace) == 1 else None


class Column(NamedTuple):
    name: str
    description: str | None
    dataType: str  # noqa: N815
    nullable: bool
    isPartition: bool  # noqa: N815
    isBucket: bool  # noqa: N815
    isCluster: bool  # noqa: N815


class Function(NamedTuple):
    name: str
    catalog: str | None
    namespace: list[str] | None
    description: str | None
    className: str  # noqa: N815
    isTemporary: bool  # noqa: N815


class TablePartition(NamedTuple):
    partition: str


class Catalog:
    """The session's view of the catalog (PySpark's ``spark.catalog``)."""

    def __init__(self, session: SparkSession) -> None:
        self._session = session
        self._current_database = DEFAULT_DATABASE
        self._cached: set[str] = set()
        # The rows of cached catalog tables, read at the first use after cacheTable or a
        # refresh; dropped when the table is written, refreshed, uncached or dropped.
        self._cached_rows: dict[str, DataFrame] = {}
        # The SQL functions earlier sessions kept in the catalog are callable again.
        from pyrust.sql._sql import _sql_functions

        _sql_functions.declare_stored(self._store.functions(DEFAULT_DATABASE), f"{CATALOG_NAME}.{DEFAULT_DATABASE}")

    @property
    def _store(self) -> CatalogStore:
        return CatalogStore(self._session.conf.get("spark.sql.warehouse.dir"))

    # -- catalogs -------------------------------------------------------------------

    def currentCatalog(self) -> str:
        return CATALOG_NAME

    def setCurrentCatalog(self, catalogName: str) -> None:  # noqa: N803 - PySpark's names
        if catalogName.lower() != CATALOG_NAME:
            raise errors.AnalysisException(
                errorClass="CATALOG_NOT_FOUND",
                messageParameters={"catalogName": f"`{catalogName}`", "config": f'"spark.sql.catalog.{catalogName}"'},
            )

    def listCatalogs(self, pattern: str | None = None) -> list[CatalogMetadata]:
        return [CatalogMetadata(CATALOG_NAME, None)] if _matches(CATALOG_NAME, pattern) else []

    # -- databases -------------------------------------------------------------------

    def currentDatabase(self) -> str:
        return self._current_database

    def setCurrentDatabase(self, dbName: str) -> None:  # noqa: N803
        name = self._database_name(dbName)
        self._require_database(name)
        self._current_database = name

    def listDatabases(self, pattern: str | None = None) -> list[Database]:
        return [
            self._database(name, entry)
            for name, entry in sorted(self._store.databases().items())
            if _matches(name, pattern)
        ]

    def getDatabase(self, dbName: str) -> Database:  # noqa: N803
        name = self._database_name(dbName)
        entry = self._store.databases().get(name)
        if entry is None:
            raise _schema_not_found(name)
        return self._database(name, entry)

    def databaseExists(self, dbName: str) -> bool:  # noqa: N803
        return self._database_name(dbName) in self._store.databases()

    def createDatabase(
        self, dbName: str, ifNotExists: bool = False, comment: str | None = None, properties: dict | None = None  # noqa: N803
    ) -> None:
        name = self._database_name(dbName)
        store = self._store
        if name in store.databases() or name == GLOBAL_TEMP_DATABASE:
            if ifNotExists:
                return
            raise errors.AnalysisException(
                errorClass="SCHEMA_ALREADY_EXISTS", messageParameters={"schemaName": f"`{CATALOG_NAME}`.`{name}`"}
            )
        location = str(store.warehouse / f"{name}.db")
        os.makedirs(location, exist_ok=True)
        store.put_database(name, {"description": comment or "", "location": location, "properties": dict(properties or {})})

    def dropDatabase(self, dbName: str, ifExists: bool = False, cascade: bool = False) -> None:  # noqa: N803
        name = self._database_name(dbName)
        store = self._store
        if name == DEFAULT_DATABASE:
            raise errors.AnalysisException(
                errorClass="UNSUPPORTED_FEATURE.DROP_DATABASE", messageParameters={"database": f"`{name}`"}
            )
        entry = store.databases().get(name)
        if entry is None:
            if ifExists:
                return
            raise _schema_not_found(name)
        if store.tables(name) and not cascade:
            raise errors.AnalysisException(
                errorClass="SCHEMA_NOT_EMPTY", messageParameters={"schemaName": f"`{name}`"}
            )
        for table_name, table in store.tables(name).items():
            self._remove_table_files(store, table)
        store.drop_database(name)
        store_location = entry.get("location")
        if store_location and _inside(store_location, store.warehouse):
            _remove_tree(store_location)
        if self._current_database == name:
            self._current_database = DEFAULT_DATABASE

    # -- tables and views ---------------------------------------------------------------

    def listTables(self, dbName: str | None = None, pattern: str | None = None) -> list[Table]:  # noqa: N803
        database = self._database_name(dbName) if dbName is not None else self._current_database
        store = self._store
        self._require_database(database, store)
        tables = [
            self._table(database, name, entry) for name, entry in sorted(store.tables(database).items())
        ]
        tables += [
            Table(name, None, [], None, "TEMPORARY", True) for name in sorted(self._session._temp_views)
        ]
        return [table for table in tables if _matches(table.name, pattern)]

    def listViews(self, dbName: str | None = None, pattern: str | None = None) -> list[Table]:  # noqa: N803
        return [table for table in self.listTables(dbName, pattern) if table.tableType in ("VIEW", "TEMPORARY")]

    def getTable(self, tableName: str) -> Table:  # noqa: N803
        parts = split_name(tableName)
        if len(parts) == 1 and parts[0].lower() in self._session._temp_views:
            return Table(parts[0].lower(), None, [], None, "TEMPORARY", True)
        database, name = self._qualified(parts)
        entry = self._store.table(database, name)
        if entry is None:
            raise table_not_found(tableName)
        return self._table(database, name.lower(), entry)

    def tableExists(self, tableName: str, dbName: str | None = None) -> bool:  # noqa: N803
        parts = split_name(tableName) if dbName is None else [dbName, tableName]
        if len(parts) == 1 and parts[0].lower() in self._session._temp_views:
            return True
        if len(parts) >= 2 and parts[-2].lower() == GLOBAL_TEMP_DATABASE:
            return parts[-1].lower() in _GLOBAL_TEMP_VIEWS
        database, name = self._qualified(parts)
        return self._store.table(database, name) is not None

    def listColumns(self, tableName: str, dbName: str | None = None) -> list[Column]:  # noqa: N803
        name = tableName if dbName is None else f"{dbName}.{tableName}"
        entry = self._entry_or_none(name)
        partitions = set(entry.get("partitions", [])) if entry is not None else set()
        schema = self.relation(name).schema
        return [
            Column(field.name, None, field.dataType.simpleString(), field.nullable, field.name in partitions, False, False)
            for field in schema.fields
        ]

    def createTable(
        self,
        tableName: str,  # noqa: N803
        path: str | None = None,
        source: str | None = None,
        schema: T.StructType | None = None,
        description: str | None = None,
        **options: str,
    ) -> DataFrame:
        database, name = self._qualified(split_name(tableName))
        self.create_table(
            database, name, schema or T.StructType([]), source or "parquet", [], {}, path, description, options, if_not_exists=False
        )
        return self.relation(tableName)

    createExternalTable = createTable

    def dropTempView(self, viewName: str) -> bool:  # noqa: N803
        return self._session._temp_views.pop(viewName.lower(), None) is not None

    def dropGlobalTempView(self, viewName: str) -> bool:  # noqa: N803
        return _GLOBAL_TEMP_VIEWS.pop(viewName.lower(), None) is not None

    def dropTable(self, tableName: str, ifExists: bool = False, purge: bool = False) -> None:  # noqa: N803
        self.drop_relation(tableName, if_exists=ifExists, view=False)

    def dropView(self, viewName: str, ifExists: bool = False) -> None:  # noqa: N803
        self.drop_relation(viewName, if_exists=ifExists, view=True)

    def getTableProperties(self, tableName: str) -> dict[str, str]:  # noqa: N803
        entry = self._entry_or_none(tableName)
        if entry is None:
            raise table_not_found(tableName)
        return dict(entry.get("properties", {}))

    def getCreateTableString(self, tableName: str, asSerde: bool = False) -> str:  # noqa: N803
        database, name = self._qualified(split_name(tableName))
        entry = self._store.table(database, name)
        if entry is None:
            raise table_not_found(tableName)
        full_name = f"{CATALOG_NAME}.{database}.{name.lower()}"
        if entry["kind"] == "VIEW":
            return f"CREATE VIEW {full_name} AS {entry['view_text']}"
        columns = ", ".join(f"{field.name} {field.dataType.simpleString().upper()}" for field in _schema_of(entry).fields)
        text = f"CREATE TABLE {full_name} ({columns})\nUSING {entry['provider']}"
        if entry.get("partitions"):
            text += f"\nPARTITIONED BY ({', '.join(entry['partitions'])})"
        if entry["kind"] == "EXTERNAL":
            text += f"\nLOCATION '{entry['location']}'"
        return text + "\n"

    def listPartitions(self, tableName: str) -> list[TablePartition]:  # noqa: N803
        entry = self._entry_or_none(tableName)
        if entry is None:
            raise table_not_found(tableName)
        if not entry.get("partitions", []):
            return []
        registered = entry.get("registered_partitions")
        found = _partition_directories(entry) if registered is None else registered
        return [TablePartition(partition) for partition in sorted(found)]

    # -- functions ------------------------------------------------------------------------

    def listFunctions(self, dbName: str | None = None, pattern: str | None = None) -> list[Function]:  # noqa: N803
        database = self._database_name(dbName) if dbName is not None else self._current_database
        stored = [
            self._stored_function(database, name, entry) for name, entry in self._store.functions(database).items()
        ]
        from pyrust.sql._sql import _sql_functions

        temporary = [Function(f.name, None, None, None, _sql_functions.CLASS_NAME, True) for f in _sql_functions.temporary()]
        found = [_function(name) for name in _functions.names()] + stored + temporary
        return sorted((function for function in found if _matches(function.name, pattern)), key=lambda function: function.name)

    def functionExists(self, functionName: str, dbName: str | None = None) -> bool:  # noqa: N803
        parts = split_name(functionName)
        if dbName is not None:
            parts = [dbName, *parts]
        if len(parts) == 1 and _functions.lookup(parts[0]) is not None:
            return True
        if len(parts) == 1 and self._temporary_sql_function(parts[0]) is not None:
            return True
        return self._persistent_function(parts) is not None

    def getFunction(self, functionName: str) -> Function:  # noqa: N803
        parts = split_name(functionName)
        if len(parts) == 1 and _functions.lookup(parts[0]) is not None:
            return _function(parts[0].lower())
        temporary = self._temporary_sql_function(parts[0]) if len(parts) == 1 else None
        if temporary is not None:
            return temporary
        found = self._persistent_function(parts)
        if found is not None:
            return found
        raise errors.AnalysisException(
            errorClass="UNRESOLVED_ROUTINE",
            messageParameters={"routineName": f"`{functionName}`", "searchPath": SEARCH_PATH},
        )

    def registerFunction(self, name: str, f: Any, returnType: Any = None) -> Any:  # noqa: N803
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "registerFunction (Python UDFs, issue 15)"}
        )

    def create_function(self, name: str, class_name: str, *, temporary: bool, replace: bool, if_not_exists: bool) -> None:
        """``CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT EXISTS] name AS 'class'``: a function
        of a JVM class, recorded as Spark records it (pyrust cannot load the class, so calling it fails)."""
        parts = split_name(name)
        if temporary:
            # Spark loads a temporary function's class at once.
            raise errors.AnalysisException(
                errorClass="CANNOT_LOAD_FUNCTION_CLASS",
                messageParameters={"className": class_name, "functionName": f"`{parts[-1]}`"},
            )
        database, function_name = self._qualified(parts)
        self._require_database(database)
        store = self._store
        if store.function(database, function_name) is not None and not replace:
            if if_not_exists:
                return
            raise errors.AnalysisException(
                errorClass="ROUTINE_ALREADY_EXISTS",
                messageParameters={
                    "newRoutineType": "routine", "existingRoutineType": "routine",
                    "routineName": f"`{database}`.`{function_name.lower()}`",
                },
            )
        store.put_function(database, function_name, {"className": class_name})

    def create_sql_function(self, function: SqlFunction, *, temporary: bool, replace: bool, if_not_exists: bool) -> None:
        """``CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT EXISTS] f(...) RETURNS ... RETURN ...``."""
        from pyrust.sql._sql import _sql_functions

        _sql_functions.check(self._session, function)
        if temporary:
            existing = _sql_functions.lookup(function.name)
            exists = existing is not None and existing.qualifier is None
            shown = f"`{function.name}`"
        else:
            database, _ = self._qualified([function.name])
            self._require_database(database)
            exists = self._store.function(database, function.name) is not None
            shown = f"`{database}`.`{function.name.lower()}`"
            function = dataclasses.replace(function, qualifier=f"{CATALOG_NAME}.{database}")
        if exists and not replace:
            if if_not_exists:
                return
            raise errors.AnalysisException(
                errorClass="ROUTINE_ALREADY_EXISTS",
                messageParameters={"newRoutineType": "routine", "existingRoutineType": "routine", "routineName": shown},
            )
        if not temporary:
            self._store.put_function(database, function.name, {"className": _sql_functions.CLASS_NAME, "sqlFunction": function.to_json()})
        _sql_functions.declare(function)

    def drop_function(self, name: str, *, temporary: bool, if_exists: bool) -> None:
        """``DROP [TEMPORARY] FUNCTION [IF EXISTS] name``."""
        from pyrust.sql._sql import _sql_functions

        parts = split_name(name)
        if not temporary:
            database, function_name = self._qualified(parts)
            if self._store.drop_function(database, function_name) is not None:
                _sql_functions.forget(function_name)
                return
            shown = f"`{database}`.`{function_name.lower()}`"
        else:
            declared = _sql_functions.lookup(parts[-1]) if len(parts) == 1 else None
            if declared is not None and declared.qualifier is None:
                _sql_functions.forget(parts[0])
                return
            shown = f"`{parts[-1]}`"
        if not if_exists:
            raise errors.AnalysisException(errorClass="ROUTINE_NOT_FOUND", messageParameters={"routineName": shown})

    @staticmethod
    def _temporary_sql_function(name: str) -> Function | None:
        from pyrust.sql._sql import _sql_functions

        found = _sql_functions.lookup(name)
        if found is None or found.qualifier is not None:
            return None
        return Function(found.name, None, None, None, _sql_functions.CLASS_NAME, True)

    def _persistent_function(self, parts: list[str]) -> Function | None:
        if len(parts) == 3 and parts[0].lower() != CATALOG_NAME:
            return None
        database, function_name = self._qualified(parts)
        entry = self._store.function(database, function_name)
        return None if entry is None else self._stored_function(database, function_name, entry)

    @staticmethod
    def _stored_function(database: str, name: str, entry: dict[str, Any]) -> Function:
        return Function(name.lower(), CATALOG_NAME, [database], "N/A.", entry["className"], False)

    # -- caching ----------------------------------------------------------------------------

    def isCached(self, tableName: str) -> bool:  # noqa: N803
        return self._cache_key(tableName) in self._cached

    def cacheTable(self, tableName: str, storageLevel: Any = None) -> None:  # noqa: N803
        """Keep the table's rows in memory: the first read after this computes them, later
        reads use them until the table is refreshed or written (temporary views: the flag only)."""
        self._cached.add(self._cache_key(tableName))

    def uncacheTable(self, tableName: str) -> None:  # noqa: N803
        key = self._cache_key(tableName)
        self._cached.discard(key)
        self._cached_rows.pop(key, None)

    def clearCache(self) -> None:
        self._cached.clear()
        self._cached_rows.clear()

    def truncateTable(self, tableName: str) -> None:  # noqa: N803
        """Remove a table's rows, keeping its definition (``TRUNCATE TABLE``)."""
        from pyrust.sql import _table_writes

        _table_writes.truncate_table(self._session, tableName)

    def analyzeTable(self, tableName: str, noScan: bool = False) -> None:  # noqa: N803
        """Accepted: pyrust keeps no table statistics (DataFusion reads them from the files)."""
        self._cache_key(tableName)

    def refreshTable(self, tableName: str) -> None:  # noqa: N803
        """Forget the cached rows of the table: the next read lists its files again (and caches them if it is cached)."""
        self._cached_rows.pop(self._cache_key(tableName), None)

    def refreshByPath(self, path: str) -> None:
        """Refresh every cached table whose files are at ``path`` or under it."""
        target = os.path.abspath(path.removeprefix("file://").removeprefix("file:"))
        for key in list(self._cached_rows):
            database, _, table_name = key.partition(".")
            entry = self._store.table(database, table_name) if table_name else None
            if entry is not None and entry.get("location") and _inside(entry["location"], target):
                del self._cached_rows[key]

    def _table_written(self, database: str, table_name: str, files: list[str] | None = None) -> None:
        """The table's files changed (a write through pyrust): its cached rows are read again at
        the next use, and the partitions written (of ``files``) become the table's partitions."""
        self._cached_rows.pop(f"{database}.{table_name.lower()}", None)
        entry = self._store.table(database, table_name)
        if not files or entry is None or entry.get("registered_partitions") is None:
            return
        location = os.path.abspath(entry["location"])
        written = {
            os.path.relpath(os.path.dirname(os.path.abspath(path.removeprefix("file:"))), location).replace(os.sep, "/")
            for path in files
        }
        self._register_partitions(database, table_name, entry, written)

    def _register_partitions(self, database: str, table_name: str, entry: dict[str, Any], partitions: set[str]) -> None:
        registered = set(entry.get("registered_partitions") or [])
        if partitions - registered:
            self._store.put_table(database, table_name, {**entry, "registered_partitions": sorted(registered | partitions)})

    def recoverPartitions(self, tableName: str) -> None:  # noqa: N803
        """Register the partition directories found under the table's location (``MSCK REPAIR TABLE``)."""
        key = self._cache_key(tableName)
        database, table_name = self.qualified(tableName)
        entry = self._store.table(database, table_name)
        if entry is None or entry["kind"] == "VIEW" or not entry.get("partitions"):
            raise errors.AnalysisException(
                errorClass="NOT_A_PARTITIONED_TABLE",
                messageParameters={
                    "operation": "ALTER TABLE RECOVER PARTITIONS",
                    "tableIdentWithDB": f"`{CATALOG_NAME}`.`{database}`.`{table_name.lower()}`",
                },
            )
        if entry.get("registered_partitions") is not None:
            self._register_partitions(database, table_name, entry, set(_partition_directories(entry)))
        self._cached_rows.pop(key, None)

    # -- what SQL and spark.table use --------------------------------------------------------

    def relation(self, name: str) -> DataFrame:
        """The DataFrame a table name stands for, resolved as Spark does."""
        parts = split_name(name)
        session = self._session
        if len(parts) == 1 and parts[0].lower() in session._temp_views:
            view = session._temp_views[parts[0].lower()]
            return view._with_plan(view._plan)
        if len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP_DATABASE:
            view = _GLOBAL_TEMP_VIEWS.get(parts[1].lower())
            if view is None:
                raise table_not_found(name)
            return view._with_plan(view._plan)
        database, table_name = self._qualified(parts)
        entry = self._store.table(database, table_name)
        if entry is None:
            raise table_not_found(name)
        if entry["kind"] == "VIEW":
            return session.sql(entry["view_text"])
        key = f"{database}.{table_name.lower()}"
        if key not in self._cached:
            return self._read_table(entry)
        rows = self._cached_rows.get(key)
        if rows is None:
            rows = self._cached_rows[key] = self._read_table(entry).cache()
        return rows._with_plan(rows._plan)

    def register_global_temp_view(self, name: str, frame: DataFrame, replace: bool) -> None:
        if not replace and name.lower() in _GLOBAL_TEMP_VIEWS:
            raise errors.AnalysisException(
                errorClass="TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
                messageParameters={"relationName": f"`{GLOBAL_TEMP_DATABASE}`.`{name}`"},
            )
        _GLOBAL_TEMP_VIEWS[name.lower()] = frame

    def create_table(
        self,
        database: str,
        name: str,
        schema: T.StructType,
        provider: str,
        partitions: list[str],
        properties: dict[str, str],
        location: str | None,
        description: str | None,
        options: dict[str, str],
        if_not_exists: bool,
    ) -> None:
        store = self._store
        self._require_database(database, store)
        if store.table(database, name) is not None:
            if if_not_exists:
                return
            raise errors.AnalysisException(
                errorClass="TABLE_OR_VIEW_ALREADY_EXISTS",
                messageParameters={"relationName": f"`{CATALOG_NAME}`.`{database}`.`{name.lower()}`"},
            )
        provider = provider.lower()
        if provider not in ("parquet", "csv", "json", "text"):
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"tables USING {provider}"}
            )
        if provider == "text":
            for field in schema.fields:
                if field.name not in partitions and not isinstance(field.dataType, T.StringType):
                    raise errors.AnalysisException(
                        errorClass="UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                        messageParameters={
                            "format": "Text", "columnName": f"`{field.name}`",
                            "columnType": f'"{field.dataType.simpleString().upper()}"',
                        },
                    )
        kind = "EXTERNAL" if location else "MANAGED"
        target = location or store.table_location(database, name)
        os.makedirs(target, exist_ok=True)
        entry = {
            "kind": kind,
            "schema": schema.jsonValue(),
            "provider": provider,
            "location": os.path.abspath(target),
            "partitions": partitions,
            "properties": properties,
            "options": options,
            "description": description,
        }
        if partitions:
            # Spark puts the partition columns last, and reads only the partitions it has
            # registered: those written through it, and those recoverPartitions finds.
            names = {column.lower() for column in partitions}
            ordered = [f for f in schema.fields if f.name.lower() not in names] + [
                f for column in partitions for f in schema.fields if f.name.lower() == column.lower()
            ]
            entry["schema"] = T.StructType(ordered).jsonValue()
            entry["registered_partitions"] = []
        store.put_table(database, name, entry)

    def create_view(self, database: str, name: str, text: str, replace: bool, if_not_exists: bool) -> None:
        store = self._store
        self._require_database(database, store)
        existing = store.table(database, name)
        if existing is not None and not replace:
            if if_not_exists:
                return
            raise errors.AnalysisException(
                errorClass="TABLE_OR_VIEW_ALREADY_EXISTS",
                messageParameters={"relationName": f"`{CATALOG_NAME}`.`{database}`.`{name.lower()}`"},
            )
        schema = self._session.sql(text).schema  # binds now: a view over what does not exist fails here
        store.put_table(database, name, {"kind": "VIEW", "schema": schema.jsonValue(), "view_text": text})

    def drop_relation(self, name: str, if_exists: bool, view: bool) -> None:
        parts = split_name(name)
        # DROP TABLE drops a temporary view of that name too, as in Spark.
        if len(parts) == 1 and self._session._temp_views.pop(parts[0].lower(), None) is not None:
            return
        if view and len(parts) == 2 and parts[0].lower() == GLOBAL_TEMP_DATABASE:
            if _GLOBAL_TEMP_VIEWS.pop(parts[1].lower(), None) is None and not if_exists:
                raise table_not_found(name, qualified=True)
            return
        database, table_name = self._qualified(parts)
        store = self._store
        entry = store.table(database, table_name)
        if entry is None:
            if if_exists:
                return
            raise table_not_found(f"{CATALOG_NAME}.{database}.{table_name}", qualified=True)
        if view and entry["kind"] != "VIEW":
            raise errors.AnalysisException(
                errorClass="WRONG_COMMAND_FOR_OBJECT_TYPE",
                messageParameters={
                    "operation": "DROP VIEW", "foundType": entry["kind"], "requiredType": "VIEW",
                    "objectName": f"{CATALOG_NAME}.{database}.{table_name.lower()}", "alternative": "DROP TABLE",
                },
            )
        if not view and entry["kind"] == "VIEW":
            raise errors.AnalysisException(
                errorClass="WRONG_COMMAND_FOR_OBJECT_TYPE",
                messageParameters={
                    "operation": "DROP TABLE", "foundType": "VIEW", "requiredType": "EXTERNAL or MANAGED",
                    "objectName": f"{CATALOG_NAME}.{database}.{table_name.lower()}", "alternative": "DROP VIEW",
                },
            )
        store.drop_table(database, table_name)
        self._remove_table_files(store, entry)
        self._cached.discard(f"{database}.{table_name.lower()}")
        self._cached_rows.pop(f"{database}.{table_name.lower()}", None)

    def qualified(self, name: str) -> tuple[str, str]:
        """``[catalog.][database.]name`` → (database, name), the current database by default."""
        return self._qualified(split_name(name))

    # -- helpers ------------------------------------------------------------------------------

    def _read_table(self, entry: dict[str, Any]) -> DataFrame:
        schema = _schema_of(entry)
        location = entry["location"]
        has_files = any(
            not name.startswith(("_", ".")) for _, _, files in os.walk(location) for name in files
        )
        registered = entry.get("registered_partitions")
        if not has_files or (registered is not None and not registered):
            return self._session.createDataFrame([], schema)
        options = {"header": "false"} if entry["provider"] == "csv" else {}
        frame = self._session._read_files(entry["provider"], [location], {**options, **entry.get("options", {})}, schema)
        if registered is None or set(registered) >= set(_partition_directories(entry)):
            return frame
        return frame.filter(_in_partitions(registered))

    def _remove_table_files(self, store: CatalogStore, entry: dict[str, Any]) -> None:
        if entry.get("kind") == "MANAGED" and _inside(entry["location"], store.warehouse):
            _remove_tree(entry["location"])

    def _entry_or_none(self, name: str) -> dict[str, Any] | None:
        parts = split_name(name)
        if len(parts) == 1 and parts[0].lower() in self._session._temp_views:
            return None
        database, table_name = self._qualified(parts)
        return self._store.table(database, table_name)

    def _cache_key(self, name: str) -> str:
        parts = split_name(name)
        if len(parts) == 1 and parts[0].lower() in self._session._temp_views:
            return parts[0].lower()
        database, table_name = self._qualified(parts)
        if self._store.table(database, table_name) is None:
            raise table_not_found(name)
        return f"{database}.{table_name.lower()}"

    def _qualified(self, parts: list[str]) -> tuple[str, str]:
        if len(parts) == 3:
            if parts[0].lower() != CATALOG_NAME:
                raise errors.AnalysisException(
                    errorClass="REQUIRES_SINGLE_PART_NAMESPACE",
                    messageParameters={"sessionCatalog": CATALOG_NAME, "namespace": f"`{parts[0]}`.`{parts[1]}`"},
                )
            return parts[1].lower(), parts[2]
        if len(parts) == 2:
            return parts[0].lower(), parts[1]
        return self._current_database, parts[0]

    def _database_name(self, name: str) -> str:
        parts = split_name(name)
        if len(parts) == 2 and parts[0].lower() == CATALOG_NAME:
            return parts[1].lower()
        return parts[-1].lower()

    def _require_database(self, name: str, store: CatalogStore | None = None) -> None:
        if name not in (store or self._store).databases():
            raise _schema_not_found(name)

    def _database(self, name: str, entry: dict[str, Any]) -> Database:
        return Database(name, CATALOG_NAME, entry.get("description") or None, _uri(entry["location"]))

    def _table(self, database: str, name: str, entry: dict[str, Any]) -> Table:
        return Table(name, CATALOG_NAME, [database], entry.get("description"), entry["kind"], False)


def table_not_found(name: str, qualified: bool = False) -> errors.AnalysisException:
    relation = ".".join(errors.quote_identifier(part) for part in split_name(name))
    return errors.AnalysisException(
        errorClass="TABLE_OR_VIEW_NOT_FOUND",
        messageParameters={"relationName": relation, "searchPath": SEARCH_PATH},
    )


def _schema_not_found(name: str) -> errors.AnalysisException:
    return errors.AnalysisException(
        errorClass="SCHEMA_NOT_FOUND", messageParameters={"schemaName": f"`{CATALOG_NAME}`.`{name}`"}
    )


def _in_partitions(registered: list[str]) -> Any:
    """Rows of the registered partitions only: Spark reads a partitioned table's
    registered partitions, not every directory under its location."""
    from functools import reduce

    from pyrust.sql import functions as F

    conditions = []
    for directory in registered:
        terms = []
        for piece in directory.split("/"):
            name, _, value = piece.partition("=")
            column = F.col("`" + _unescape_path_name(name).replace("`", "``") + "`")
            if value == "__HIVE_DEFAULT_PARTITION__":
                terms.append(column.isNull())
            else:
                terms.append(F.coalesce(column.cast("string") == F.lit(_unescape_path_name(value)), F.lit(False)))
        conditions.append(reduce(lambda left, right: left & right, terms))
    return reduce(lambda left, right: left | right, conditions)


def _partition_directories(entry: dict[str, Any]) -> list[str]:
    """The ``k=v/...`` directories under a partitioned table's location, as relative paths."""
    partitions = entry.get("partitions", [])
    found = set()
    for root, _, _ in os.walk(entry["location"]):
        relative = os.path.relpath(root, entry["location"])
        pieces = relative.split(os.sep)
        if len(pieces) == len(partitions) and all("=" in piece for piece in pieces):
            found.add("/".join(pieces))
    return sorted(found)


def _unescape_path_name(text: str) -> str:
    return re.sub(r"%([0-9A-Fa-f]{2})", lambda match: chr(int(match.group(1), 16)), text)


def _schema_of(entry: dict[str, Any]) -> T.StructType:
    return T.StructType.fromJson(entry["schema"])


def _function(name: str) -> Function:
    declared = _functions.lookup(name)
    class_name = f"{declared.urn}#{declared.substrait_name}" if declared is not None else ""
    return Function(name, None, None, None, class_name, True)


def _matches(name: str, pattern: str | None) -> bool:
    """Spark's catalog patterns: ``*`` any characters, ``|`` alternatives, case-insensitive."""
    if pattern is None:
        return True
    return any(fnmatch.fnmatchcase(name.lower(), alternative.strip().lower()) for alternative in pattern.split("|"))


def _uri(location: str) -> str:
    return "file:" + os.path.abspath(location)


def _inside(location: str, warehouse: Any) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(location), str(warehouse)]) == str(warehouse)
    except ValueError:
        return False


def _remove_tree(location: str) -> None:
    shutil.rmtree(location, ignore_errors=True)
