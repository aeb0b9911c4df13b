"""Aggregate functions."""

from __future__ import annotations

from pyrust.sql.column import Column
from pyrust.sql.functions._core import call, count_star

__all__ = ["avg", "count", "countDistinct", "count_distinct", "max", "mean", "min", "sum"]


def count(col: Column | str) -> Column:
    """The number of non-null values; ``count("*")`` counts rows.

    >>> count("x")
    Column<'count(x)'>
    """
    if isinstance(col, str) and col == "*":
        return count_star()
    return call("count", col)


def countDistinct(col: Column | str, *cols: Column | str) -> Column:
    """The number of distinct non-null values (of tuples, with several columns)."""
    return call("count", col, *cols, distinct=True)


count_distinct = countDistinct


def sum(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The sum of the values (``bigint`` for integers, ``double`` for floats)."""
    return call("sum", col)


def avg(col: Column | str) -> Column:
    """The mean of the values, as ``double``."""
    return call("avg", col)


def mean(col: Column | str) -> Column:
    """The mean of the values; Spark names the column ``avg(...)``."""
    return call("avg", col)


def min(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The smallest value."""
    return call("min", col)


def max(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The largest value."""
    return call("max", col)
