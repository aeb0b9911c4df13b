"""SQL statements that are not queries: each kind is one entry of ``_STATEMENTS``.

A query returns its (lazy) DataFrame; any other statement runs now and
returns Spark's result for it (an empty DataFrame for DDL).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from pyrust import errors
from pyrust.sql import _table_writes
from pyrust.sql import types as T
from pyrust.sql._sql._expressions import data_type, unsupported
from pyrust.sql._sql import _sql_functions
from pyrust.sql._sql._queries import QueryBinder

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

Parameters = Mapping[str, Any] | list[Any] | None

_QUERIES = (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values, exp.Subquery)


def run_statement(session: SparkSession, statement: exp.Expr | None, parameters: Parameters) -> DataFrame:
    if statement is None:
        return _empty(session)
    if isinstance(statement, _QUERIES):
        return QueryBinder(session, parameters).query(statement)
    runner = _STATEMENTS.get(type(statement))
    if runner is None:
        raise unsupported(statement, f"the statement {_statement_name(statement)}")
    return runner(session, statement, parameters)


def _create(session: SparkSession, statement: exp.Create, parameters: Parameters) -> DataFrame:
    kind = (statement.args.get("kind") or "").upper()
    properties = _properties(statement)
    if kind in ("DATABASE", "SCHEMA"):
        comment = next((p.this.this for p in properties if isinstance(p, exp.SchemaCommentProperty)), None)
        session.catalog.createDatabase(_name(statement.this), ifNotExists=bool(statement.args.get("exists")), comment=comment)
    elif kind == "VIEW":
        _create_view(session, statement, properties, parameters)
    elif kind == "TABLE":
        _create_table(session, statement, properties, parameters)
    elif kind == "FUNCTION" and isinstance(statement.this, exp.Table) and isinstance(statement.expression, exp.Literal):
        if any(isinstance(item, exp.UsingProperty) for item in properties):
            raise unsupported(statement, "CREATE FUNCTION ... USING JAR/FILE/ARCHIVE")
        session.catalog.create_function(
            _name(statement.this), statement.expression.this,
            temporary=any(isinstance(item, exp.TemporaryProperty) for item in properties),
            replace=bool(statement.args.get("replace")), if_not_exists=bool(statement.args.get("exists")),
        )
    elif kind == "FUNCTION" and isinstance(statement.this, exp.UserDefinedFunction) and isinstance(statement.expression, exp.Return):
        temporary = any(isinstance(item, exp.TemporaryProperty) for item in properties)
        if temporary and statement.args.get("exists"):
            raise errors.ParseException(errorClass="INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS", messageParameters={})
        session.catalog.create_sql_function(
            _sql_functions.from_statement(statement),
            temporary=temporary,
            replace=bool(statement.args.get("replace")), if_not_exists=bool(statement.args.get("exists")),
        )
    elif kind == "FUNCTION":
        raise unsupported(statement, "this form of CREATE FUNCTION")
    else:
        raise unsupported(statement, f"CREATE {kind}")
    return _empty(session)


def _create_view(session: SparkSession, statement: exp.Create, properties: list[exp.Expr], parameters: Parameters) -> None:
    target = statement.this
    if isinstance(target, exp.Schema):
        raise unsupported(statement, "a column list in CREATE VIEW")
    name, replace = _name(target), bool(statement.args.get("replace"))
    temporary = any(isinstance(item, exp.TemporaryProperty) for item in properties)
    if not temporary:
        if parameters:
            raise unsupported(statement, "parameters in CREATE VIEW")
        database, view_name = session.catalog.qualified(name)
        text = statement.expression.sql(dialect="spark")
        session.catalog.create_view(database, view_name, text, replace, bool(statement.args.get("exists")))
        return
    frame = QueryBinder(session, parameters).query(statement.expression)
    if any(isinstance(item, exp.GlobalProperty) for item in properties):
        session.catalog.register_global_temp_view(name, frame, replace)
    elif not (statement.args.get("exists") and name.lower() in session._temp_views):
        session._register_temp_view(name, frame, replace=replace)


def _create_table(session: SparkSession, statement: exp.Create, properties: list[exp.Expr], parameters: Parameters) -> None:
    like = next((item for item in properties if isinstance(item, exp.LikeProperty)), None)
    if like is not None:
        provider = next((item.name for item in properties if isinstance(item, exp.FileFormatProperty)), None)
        _table_writes.create_table_like(
            session, _name(statement.this), _name(like.this), if_not_exists=bool(statement.args.get("exists")), provider=provider
        )
        return
    if statement.expression is not None:
        _create_table_as(session, statement, properties, parameters)
        return
    target = statement.this
    columns = target.expressions if isinstance(target, exp.Schema) else []
    table = target.this if isinstance(target, exp.Schema) else target
    schema = T.StructType(
        [T.StructField(column.name, data_type(column.args["kind"]), _nullable(column)) for column in columns]
    )
    provider, partitions, table_properties, location, options = "parquet", [], {}, None, {}
    comment = None
    for item in properties:
        if isinstance(item, exp.FileFormatProperty):
            provider = item.name
        elif isinstance(item, exp.PartitionedByProperty):
            partitions = [part.name for part in item.this.expressions]
        elif isinstance(item, exp.LocationProperty):
            location = item.this.this
        elif isinstance(item, exp.SchemaCommentProperty):
            comment = item.this.this
        elif isinstance(item, (exp.Properties, exp.OptionsProperty)):
            options.update({prop.name: _option_value(prop.args["value"]) for prop in item.expressions})
        elif isinstance(item, exp.Property):
            table_properties[item.name] = item.args["value"].this if isinstance(item.args["value"], exp.Literal) else item.args["value"].sql()
        else:
            raise unsupported(item, f"{item.sql(dialect='spark')} in CREATE TABLE")
    # OPTIONS (path '...') is the table's location, as LOCATION '...' is.
    path = next((options.pop(key) for key in list(options) if key.lower() == "path"), None)
    location = location or path
    database, name = session.catalog.qualified(_name(table))
    session.catalog.create_table(
        database, name, schema, provider, partitions, table_properties, location, comment, options,
        if_not_exists=bool(statement.args.get("exists")),
    )


def _create_table_as(session: SparkSession, statement: exp.Create, properties: list[exp.Expr], parameters: Parameters) -> None:
    """``CREATE [OR REPLACE] TABLE t [USING fmt] [PARTITIONED BY (...)] [LOCATION ...] AS SELECT ...``."""
    if isinstance(statement.this, exp.Schema):
        raise unsupported(statement, "a column list in CREATE TABLE ... AS SELECT")
    name = _name(statement.this)
    if statement.args.get("exists") and session.catalog.tableExists(name):
        return
    provider, partitions, table_properties, location, options, comment = None, [], {}, None, {}, None
    for item in properties:
        if isinstance(item, exp.FileFormatProperty):
            provider = item.name
        elif isinstance(item, exp.PartitionedByProperty):
            partitions = [part.name for part in item.this.expressions]
        elif isinstance(item, exp.LocationProperty):
            location = item.this.this
        elif isinstance(item, exp.SchemaCommentProperty):
            comment = item.this.this
        elif isinstance(item, (exp.Properties, exp.OptionsProperty)):
            options.update({prop.name: _option_value(prop.args["value"]) for prop in item.expressions})
        elif isinstance(item, exp.Property):
            table_properties[item.name] = item.args["value"].this if isinstance(item.args["value"], exp.Literal) else item.args["value"].sql()
        else:
            raise unsupported(item, f"{item.sql(dialect='spark')} in CREATE TABLE ... AS SELECT")
    frame = QueryBinder(session, parameters).query(statement.expression)
    _table_writes.create_table_as(
        session, frame, name, provider=provider, partitions=partitions, properties=table_properties,
        options=options, comment=comment, location=location, replace=bool(statement.args.get("replace")),
    )


def _drop(session: SparkSession, statement: exp.Drop, parameters: Parameters) -> DataFrame:
    kind = (statement.args.get("kind") or "").upper()
    if_exists = bool(statement.args.get("exists"))
    for target in statement.args.get("tables") or []:
        if kind in ("DATABASE", "SCHEMA"):
            session.catalog.dropDatabase(_name(target), ifExists=if_exists, cascade=bool(statement.args.get("cascade")))
        elif kind in ("TABLE", "VIEW"):
            session.catalog.drop_relation(_name(target), if_exists=if_exists, view=kind == "VIEW")
        elif kind == "FUNCTION":
            session.catalog.drop_function(_name(target), temporary=bool(statement.args.get("temporary")), if_exists=if_exists)
        else:
            raise unsupported(statement, f"DROP {kind}")
    return _empty(session)


def _use(session: SparkSession, statement: exp.Use, parameters: Parameters) -> DataFrame:
    session.catalog.setCurrentDatabase(_name(statement.this))
    return _empty(session)


def _cache(session: SparkSession, statement: exp.Cache, parameters: Parameters) -> DataFrame:
    if statement.expression is not None:
        raise unsupported(statement, "CACHE TABLE ... AS SELECT")
    session.catalog.cacheTable(_name(statement.this))
    return _empty(session)


def _uncache(session: SparkSession, statement: exp.Uncache, parameters: Parameters) -> DataFrame:
    name = _name(statement.this)
    if statement.args.get("exists") and not session.catalog.tableExists(name):
        return _empty(session)
    session.catalog.uncacheTable(name)
    return _empty(session)


def _insert(session: SparkSession, statement: exp.Insert, parameters: Parameters) -> DataFrame:
    """``INSERT INTO|OVERWRITE [TABLE] t [(columns)] [PARTITION (p = v, ...)] SELECT ... | VALUES ...``."""
    target = statement.this
    columns = None
    if isinstance(target, exp.Schema):
        columns = [column.name for column in target.expressions]
        target = target.this
    if not isinstance(target, exp.Table):
        raise unsupported(statement, f"INSERT into {target.sql(dialect='spark')}")
    if statement.args.get("by_name"):
        raise unsupported(statement, "INSERT ... BY NAME")
    frame = QueryBinder(session, parameters).query(statement.expression)
    names = [name.lower() for name in frame.columns]
    if len(set(names)) < len(names):
        # The query's columns go in by position: names the query repeats must not clash.
        frame = frame.toDF(*[f"col{index + 1}" for index in range(len(names))])
    _table_writes.insert_into(
        frame, _name(target), overwrite=bool(statement.args.get("overwrite")),
        static_partitions=_partition_values(target.args.get("partition")), columns=columns,
    )
    return _empty(session)


def _truncate(session: SparkSession, statement: exp.TruncateTable, parameters: Parameters) -> DataFrame:
    """``TRUNCATE TABLE t [PARTITION (p = v, ...)]``."""
    if statement.args.get("is_database"):
        raise unsupported(statement, "TRUNCATE DATABASE")
    for target in statement.expressions:
        _table_writes.truncate_table(session, _name(target), _partition_values(statement.args.get("partition")))
    return _empty(session)


def _partition_values(partition: exp.Partition | None) -> dict[str, Any]:
    """The static values of a ``PARTITION (p = v, q)`` clause (columns without a value are dynamic)."""
    values: dict[str, Any] = {}
    for item in partition.expressions if partition is not None else []:
        if isinstance(item, exp.EQ):
            literal = item.expression
            if not isinstance(literal, (exp.Literal, exp.Null, exp.Boolean, exp.Neg)):
                raise unsupported(item, "a partition value other than a literal")
            values[item.this.name] = literal.to_py()
    return values


def _command(session: SparkSession, statement: exp.Command, parameters: Parameters) -> DataFrame:
    """Statements sqlglot leaves as text: SHOW ..."""
    verb = statement.this.upper()
    argument = statement.expression
    text = argument.this if isinstance(argument, exp.Literal) else argument if isinstance(argument, str) else ""
    if verb == "SHOW":
        return _show(session, text, statement)
    if verb == "SET" and re.fullmatch(r"[\w.]+", text.strip()):
        return _show_setting(session, text.strip())
    if verb == "RESET" and re.fullmatch(r"[\w.]+", text.strip()):
        # The setting goes back to what the session started with (else its default).
        key = text.strip()
        initial = session._creation_options.get(key)
        if initial is None:
            session.conf.unset(key)
        else:
            session.conf.set(key, initial)
        return _empty(session)
    raise unsupported(statement, f"the statement {verb}")


_SHOW = re.compile(
    r"^(?P<what>TABLES|VIEWS|DATABASES|SCHEMAS|NAMESPACES|FUNCTIONS|USER\s+FUNCTIONS|COLUMNS\s+(?:IN|FROM)\s+(?P<table>[\w`.]+))"
    r"(?:\s+(?:IN|FROM)\s+(?P<database>[\w`.]+))?(?:\s+(?:LIKE\s+)?'(?P<pattern>[^']*)')?\s*$",
    re.IGNORECASE,
)


def _show(session: SparkSession, text: str, statement: exp.Expr) -> DataFrame:
    match = _SHOW.match(text.strip())
    if match is None:
        raise unsupported(statement, f"SHOW {text}")
    what = match.group("what").split()[0].upper()
    if what == "USER":
        raise unsupported(statement, f"SHOW {text}")
    database = match.group("database")
    return _SHOW_KINDS[what](session, match.group("table"), database and database.replace("`", ""), match.group("pattern"))


def _not_null_schema(*names: str, flag: str | None = None) -> T.StructType:
    """Spark's SHOW results: string columns (and a boolean ``flag``), none nullable."""
    fields = [T.StructField(name, T.StringType(), False) for name in names]
    return T.StructType(fields + ([T.StructField(flag, T.BooleanType(), False)] if flag else []))


def _show_databases(session: SparkSession, table: str | None, database: str | None, pattern: str | None) -> DataFrame:
    rows = [(item.name,) for item in session.catalog.listDatabases(pattern)]
    return session.createDataFrame(rows, _not_null_schema("namespace"))


def _show_functions(session: SparkSession, table: str | None, database: str | None, pattern: str | None) -> DataFrame:
    rows = [(item.name,) for item in session.catalog.listFunctions(pattern=pattern)]
    return session.createDataFrame(rows, _not_null_schema("function"))


def _show_tables(session: SparkSession, table: str | None, database: str | None, pattern: str | None) -> DataFrame:
    tables = session.catalog.listTables(database or session.catalog.currentDatabase(), pattern)
    rows = [(item.database or "", item.name, item.isTemporary) for item in tables]
    return session.createDataFrame(rows, _not_null_schema("namespace", "tableName", flag="isTemporary"))


def _show_views(session: SparkSession, table: str | None, database: str | None, pattern: str | None) -> DataFrame:
    views = session.catalog.listViews(database or session.catalog.currentDatabase(), pattern)
    rows = [(item.database or "", item.name, item.isTemporary) for item in views]
    return session.createDataFrame(rows, _not_null_schema("namespace", "viewName", flag="isTemporary"))


def _show_columns(session: SparkSession, table: str | None, database: str | None, pattern: str | None) -> DataFrame:
    name = f"{database}.{table}" if database else str(table)
    rows = [(field.name,) for field in session.table(name).schema.fields]
    return session.createDataFrame(rows, _not_null_schema("col_name"))


_SHOW_KINDS: dict[str, Callable[[SparkSession, str | None, str | None, str | None], DataFrame]] = {
    "DATABASES": _show_databases,
    "SCHEMAS": _show_databases,
    "NAMESPACES": _show_databases,
    "FUNCTIONS": _show_functions,
    "TABLES": _show_tables,
    "VIEWS": _show_views,
    "COLUMNS": _show_columns,
}


_DESCRIBE_SCHEMA = T.StructType([
    T.StructField("col_name", T.StringType(), False, {"comment": "name of the column"}),
    T.StructField("data_type", T.StringType(), False, {"comment": "data type of the column"}),
    T.StructField("comment", T.StringType(), True, {"comment": "comment of the column"}),
])


def _describe(session: SparkSession, statement: exp.Describe, parameters: Parameters) -> DataFrame:
    """``DESCRIBE [TABLE] t`` and ``DESCRIBE [QUERY] SELECT ...``: a row per column
    (name, type, comment), then a table's partition columns under Spark's headings."""
    kind = (statement.args.get("kind") or "TABLE").upper()
    target = statement.this
    if kind != "TABLE" or statement.args.get("style") or statement.args.get("partition") or statement.args.get("as_json"):
        raise unsupported(statement, f"DESCRIBE {kind}" if kind != "TABLE" else "DESCRIBE with options")
    if isinstance(target, exp.Table):
        name = _name(target)
        schema = session.table(name).schema
        partitions = [column.name for column in session.catalog.listColumns(name) if column.isPartition]
    elif isinstance(target, _QUERIES):
        schema, partitions = QueryBinder(session, parameters).query(target).schema, []
    else:
        raise unsupported(statement, "DESCRIBE of this")

    def row(field: T.StructField) -> tuple:
        return (field.name, field.dataType.simpleString(), (field.metadata or {}).get("comment"))

    rows = [row(field) for field in schema.fields]
    if partitions:
        by_name = {field.name: field for field in schema.fields}
        rows += [("# Partition Information", "", ""), ("# col_name", "data_type", "comment")]
        rows += [row(by_name[column]) for column in partitions]
    return session.createDataFrame(rows, _DESCRIBE_SCHEMA)


_SET_SCHEMA = T.StructType([T.StructField("key", T.StringType(), False), T.StructField("value", T.StringType(), False)])


def _set(session: SparkSession, statement: exp.Set, parameters: Parameters) -> DataFrame:
    """``SET key = value``: sets the session setting and returns it as a (key, value) row."""
    items = statement.expressions
    if statement.args.get("unset") or len(items) != 1 or not isinstance(items[0].this, exp.EQ):
        raise unsupported(statement, "this form of SET")
    assignment = items[0].this
    key = assignment.this.sql(dialect="spark")
    value = assignment.expression
    text = value.name if isinstance(value, (exp.Literal, exp.Column, exp.Identifier)) else value.sql(dialect="spark")
    session.conf.set(key, text)
    return session.createDataFrame([(key, session.conf.get(key))], _SET_SCHEMA)


def _show_setting(session: SparkSession, key: str) -> DataFrame:
    """``SET key``: the setting's value, ``<undefined>`` when it has none."""
    try:
        value = session.conf.get(key)
    except errors.SparkNoSuchElementException:
        value = "<undefined>"
    return session.createDataFrame([(key, "<undefined>" if value is None else value)], _SET_SCHEMA)


def _refresh(session: SparkSession, statement: exp.Refresh, parameters: Parameters) -> DataFrame:
    """``REFRESH TABLE t``: forgets what is cached of the table's files."""
    if not isinstance(statement.this, exp.Table):
        raise unsupported(statement, "REFRESH of a path")
    session.catalog.refreshTable(_name(statement.this))
    return _empty(session)


_STATEMENTS: dict[type, Callable[[SparkSession, Any, Parameters], DataFrame]] = {
    exp.Describe: _describe,
    exp.Refresh: _refresh,
    exp.Set: _set,
    exp.Create: _create,
    exp.Drop: _drop,
    exp.Use: _use,
    exp.Cache: _cache,
    exp.Uncache: _uncache,
    exp.Insert: _insert,
    exp.TruncateTable: _truncate,
    exp.Command: _command,
}


def _option_value(value: exp.Expr) -> str:
    """An ``OPTIONS (key value)`` value as the data source reads it: strings unquoted, ``true``/``false``."""
    if isinstance(value, exp.Boolean):
        return "true" if value.this else "false"
    if isinstance(value, exp.Literal):
        return str(value.this)
    return value.sql(dialect="spark")


def _properties(statement: exp.Create) -> list[exp.Expr]:
    properties = statement.args.get("properties")
    return list(properties.expressions) if properties is not None else []


def _name(node: exp.Expr) -> str:
    """A table or database name as written: ``db.t``, ``spark_catalog.db.t``."""
    if isinstance(node, exp.Table):
        parts = [part.name for part in (node.args.get("catalog"), node.args.get("db"), node.this) if part is not None and part.name]
        return ".".join(f"`{part}`" if "." in part else part for part in parts)
    return node.name


def _nullable(column: exp.ColumnDef) -> bool:
    return not any(isinstance(constraint.kind, exp.NotNullColumnConstraint) for constraint in column.args.get("constraints") or [])


def _empty(session: SparkSession) -> DataFrame:
    return session.createDataFrame([], T.StructType([]))


def _statement_name(statement: exp.Expr) -> str:
    text = statement.sql(dialect="spark")
    words = text.split()
    return " ".join(words[:2]).upper() if words else type(statement).__name__
