"""SQL statements that are not queries: each kind is one entry of ``_STATEMENTS``.

A query returns its (lazy) DataFrame; any other statement runs now and
returns Spark's result for it (an empty DataFrame for DDL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._sql._expressions import unsupported
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
    properties = statement.args.get("properties")
    temporary = properties is not None and any(
        isinstance(item, exp.TemporaryProperty) for item in properties.expressions
    )
    if kind != "VIEW" or not temporary:
        raise unsupported(statement, f"CREATE {kind}" + ("" if temporary else " (only temporary views)"))
    if any(isinstance(item, exp.GlobalProperty) for item in properties.expressions):
        raise unsupported(statement, "CREATE GLOBAL TEMPORARY VIEW")
    target = statement.this
    if isinstance(target, exp.Schema):
        raise unsupported(statement, "a column list in CREATE TEMPORARY VIEW")
    name = target.name
    if statement.args.get("exists") and name.lower() in session._temp_views:
        return _empty(session)
    frame = QueryBinder(session, parameters).query(statement.expression)
    session._register_temp_view(name, frame, replace=bool(statement.args.get("replace")))
    return _empty(session)


def _drop(session: SparkSession, statement: exp.Drop, parameters: Parameters) -> DataFrame:
    kind = (statement.args.get("kind") or "").upper()
    if kind != "VIEW":
        raise unsupported(statement, f"DROP {kind}")
    for table in statement.args.get("tables") or []:
        name = table.name
        if session._temp_views.pop(name.lower(), None) is None and not statement.args.get("exists"):
            raise errors.AnalysisException(
                errorClass="TABLE_OR_VIEW_NOT_FOUND",
                messageParameters={
                    # DROP VIEW looks in the session catalog's current schema.
                    "relationName": "`spark_catalog`.`default`." + errors.quote_identifier(name),
                    "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
                },
            )
    return _empty(session)


_STATEMENTS: dict[type, Callable[[SparkSession, Any, Parameters], DataFrame]] = {
    exp.Create: _create,
    exp.Drop: _drop,
}


def _empty(session: SparkSession) -> DataFrame:
    return session.createDataFrame([], T.StructType([]))


def _statement_name(statement: exp.Expr) -> str:
    text = statement.sql(dialect="spark")
    words = text.split()
    return " ".join(words[:2]).upper() if words else type(statement).__name__
