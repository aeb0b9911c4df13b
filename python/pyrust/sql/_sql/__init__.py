"""Spark SQL: ``spark.sql(...)`` and the SQL strings of the DataFrame API.

One semantic layer: SQL text is parsed into a syntax tree (``_dialect``) and
bound into the same unresolved expressions (``_expressions``) and DataFrame
operations (``_queries``) that the DataFrame API builds, so the analyzer gives
both the same types, names and errors. ``_statements`` runs the statements
that are not queries (views, ...).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import count
from typing import TYPE_CHECKING, Any

from pyrust import errors

from pyrust.sql._expressions import Expression
from pyrust.sql._sql._dialect import parse_expression, parse_statements
from pyrust.sql._sql._expressions import ExpressionBinder
from pyrust.sql._sql._statements import run_statement

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

__all__ = ["expression", "run"]


@functools.lru_cache(maxsize=1024)
def expression(text: str) -> Expression:
    """A SQL expression string (``F.expr``, ``selectExpr``, ``filter``) as an unresolved expression.

    Programs repeat their strings (a filter in a loop, the same ``selectExpr``
    per file): the tree is immutable, so one parse serves them all."""
    return ExpressionBinder().bind(parse_expression(text))


def run(
    session: SparkSession,
    text: str,
    parameters: Mapping[str, Any] | list[Any] | None,
    substitutions: Mapping[str, Any],
) -> DataFrame:
    """``spark.sql(text, args, **kwargs)``: the result of the last statement (queries
    are lazy; the DataFrame they return no longer needs the views ``{df}`` made)."""
    with _formatted(session, text, substitutions) as query:
        result = None
        for statement in parse_statements(query):
            result = run_statement(session, statement, parameters)
        return result if result is not None else run_statement(session, None, parameters)


_VIEW_NUMBERS = count()


@contextmanager
def _formatted(session: SparkSession, text: str, substitutions: Mapping[str, Any]) -> Iterator[str]:
    """PySpark's ``{name}`` substitution: a DataFrame becomes a temporary view for
    the time of the call, a Column its name, a string a SQL string literal."""
    if not substitutions:
        yield text
        return
    from pyrust.sql.column import Column
    from pyrust.sql.dataframe import DataFrame

    views: list[str] = []

    class Formatter(string.Formatter):
        def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
            value, first = super().get_field(field_name, args, kwargs)
            return convert(value, field_name), first

    def convert(value: Any, field_name: str) -> Any:
        if isinstance(value, DataFrame):
            name = f"__pyrust_sql_view_{next(_VIEW_NUMBERS)}"
            session._register_temp_view(name, value, replace=True)
            views.append(name)
            return name
        if isinstance(value, Column):
            from pyrust.sql._expressions import ColumnReference

            if not isinstance(value._expression, ColumnReference):
                raise errors.PySparkValueError(
                    errorClass="VALUE_NOT_PLAIN_COLUMN_REFERENCE",
                    messageParameters={"val": str(value), "field_name": field_name},
                )
            return value._expression.name
        if isinstance(value, str):
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return value

    try:
        yield Formatter().format(text, **substitutions)
    finally:
        for name in views:
            session._temp_views.pop(name.lower(), None)
