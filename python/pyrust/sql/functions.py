"""PySpark's ``pyspark.sql.functions``, for the functions PyRust supports so far.

Each function builds an unresolved expression; names, types and Spark's
semantics are settled when a DataFrame uses it.
"""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql._expressions import CaseWhen, Call, ColumnReference, Literal, SqlText
from pyrust.sql.column import Column, _literal_type, _to_column, _to_expression

__all__ = [
    "asc",
    "avg",
    "coalesce",
    "col",
    "column",
    "count",
    "countDistinct",
    "count_distinct",
    "desc",
    "expr",
    "isnull",
    "lit",
    "lower",
    "max",
    "mean",
    "min",
    "sum",
    "upper",
    "when",
]


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
    return Column(SqlText(str))


def when(condition: Column, value: Any) -> Column:
    """``CASE WHEN condition THEN value``; chain ``.when`` and ``.otherwise``."""
    return Column(CaseWhen(((condition._expression, _to_expression(value)),)))


def _unary(function: str, col: Column | str) -> Column:
    return Column(Call(function, (_to_column(col)._expression,)))


def count(col: Column | str) -> Column:
    """The number of non-null values; ``count("*")`` counts rows."""
    if isinstance(col, str) and col == "*":
        return Column(Call("count", (Literal(1, T.IntegerType()),)))
    return _unary("count", col)


def countDistinct(col: Column | str, *cols: Column | str) -> Column:
    """The number of distinct non-null values."""
    arguments = tuple(_to_column(item)._expression for item in (col, *cols))
    return Column(Call("count", arguments, distinct=True))


count_distinct = countDistinct


def sum(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The sum of the values (``bigint`` for integers, ``double`` for floats)."""
    return _unary("sum", col)


def avg(col: Column | str) -> Column:
    """The mean of the values, as ``double``."""
    return _unary("avg", col)


def mean(col: Column | str) -> Column:
    """The mean of the values; Spark names the column ``avg(...)``."""
    return _unary("avg", col)


def min(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The smallest value."""
    return _unary("min", col)


def max(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The largest value."""
    return _unary("max", col)


def upper(col: Column | str) -> Column:
    """The string in upper case."""
    return _unary("upper", col)


def lower(col: Column | str) -> Column:
    """The string in lower case."""
    return _unary("lower", col)


def coalesce(*cols: Column | str) -> Column:
    """The first non-null value among ``cols``."""
    return Column(Call("coalesce", tuple(_to_column(item)._expression for item in cols)))


def isnull(col: Column | str) -> Column:
    """True where the value is null."""
    return _unary("isnull", col)


def asc(col: Column | str) -> Column:
    """Ascending order of ``col``, nulls first."""
    return _to_column(col).asc()


def desc(col: Column | str) -> Column:
    """Descending order of ``col``, nulls last."""
    return _to_column(col).desc()


def _column_reference(name: str, plan_id: int) -> Column:
    """``df[name]``: a column tied to one DataFrame."""
    return Column(ColumnReference(name, plan_id))
