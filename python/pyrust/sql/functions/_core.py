"""Columns, literals, SQL expressions, ``when`` and sort orders; and the two
ways every other wrapper builds a call."""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql import _sql
from pyrust.sql._expressions import CaseWhen, Call, ColumnReference, Literal
from pyrust.sql.column import Column, _literal_type, _to_column, _to_expression

__all__ = ["asc", "col", "column", "desc", "expr", "lit", "when"]


def call(function: str, *columns: Column | str, distinct: bool = False) -> Column:
    """``function`` over columns; strings name columns (PySpark's ``_invoke_function_over_columns``)."""
    return Column(Call(function, tuple(_to_column(item)._expression for item in columns), distinct))


def call_with_values(function: str, *arguments: Any) -> Column:
    """``function`` over Columns and Python values, values becoming literals
    (PySpark's ``_invoke_function``)."""
    return Column(Call(function, tuple(_to_expression(item) for item in arguments)))


def col(col: str) -> Column:
    """The column named ``col``.

    Examples
    --------
    >>> col("age")
    Column<'age'>
    """
    return _to_column(col)


column = col


def lit(col: Any) -> Column:
    """A constant column.

    Examples
    --------
    >>> lit(5)
    Column<'5'>
    """
    if isinstance(col, Column):
        return col
    return Column(Literal(col, _literal_type(col)))


def expr(str: str) -> Column:  # noqa: A002 - PySpark's parameter name
    """A column from a SQL expression string, e.g. ``expr("age + 1")``."""
    return Column(_sql.expression(str))


def when(condition: Column, value: Any) -> Column:
    """``CASE WHEN condition THEN value``; chain ``.when`` and ``.otherwise``."""
    return Column(CaseWhen(((condition._expression, _to_expression(value)),)))


def asc(col: Column | str) -> Column:
    """Ascending order of ``col``, nulls first."""
    return _to_column(col).asc()


def desc(col: Column | str) -> Column:
    """Descending order of ``col``, nulls last."""
    return _to_column(col).desc()


def _column_reference(name: str, plan_id: int) -> Column:
    """``df[name]``: a column tied to one DataFrame."""
    return Column(ColumnReference(name, plan_id))


def count_star() -> Column:
    """``count(*)``: Spark counts the literal 1 and names the column ``count(1)``."""
    return Column(Call("count", (Literal(1, T.IntegerType()),)))
