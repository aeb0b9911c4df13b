"""Conditional and null functions."""

from __future__ import annotations

from pyrust.sql._expressions import Call
from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call

__all__ = [
    "coalesce",
    "equal_null",
    "ifnull",
    "isnan",
    "isnotnull",
    "isnull",
    "nanvl",
    "nullif",
    "nullifzero",
    "nvl",
    "nvl2",
    "zeroifnull",
]


def coalesce(*cols: Column | str) -> Column:
    """The first non-null value among ``cols``."""
    return call("coalesce", *cols)


def isnull(col: Column | str) -> Column:
    """True where the value is null; Spark names it ``(x IS NULL)``."""
    return Column(Call("isnull", (_to_column(col)._expression,)))


def isnotnull(col: Column | str) -> Column:
    """True where the value is not null; Spark names it ``(x IS NOT NULL)``.

    >>> isnotnull("a")
    Column<'(a IS NOT NULL)'>
    """
    return Column(Call("isnotnull", (_to_column(col)._expression,)))


def ifnull(col1: Column | str, col2: Column | str) -> Column:
    """``col2`` where ``col1`` is null, else ``col1``."""
    return call("ifnull", col1, col2)


def nvl(col1: Column | str, col2: Column | str) -> Column:
    """``col2`` where ``col1`` is null, else ``col1`` (as ``ifnull``)."""
    return call("nvl", col1, col2)


def nvl2(col1: Column | str, col2: Column | str, col3: Column | str) -> Column:
    """``col2`` where ``col1`` is not null, else ``col3``."""
    return call("nvl2", col1, col2, col3)


def nullif(col1: Column | str, col2: Column | str) -> Column:
    """Null where ``col1`` equals ``col2``, else ``col1``."""
    return call("nullif", col1, col2)


def nullifzero(col: Column | str) -> Column:
    """Null where the number is zero, else the number."""
    return call("nullifzero", col)


def zeroifnull(col: Column | str) -> Column:
    """Zero where the number is null, else the number."""
    return call("zeroifnull", col)


def nanvl(col1: Column | str, col2: Column | str) -> Column:
    """``col2`` where ``col1`` is NaN, else ``col1`` (both floating point)."""
    return call("nanvl", col1, col2)


def isnan(col: Column | str) -> Column:
    """True where the floating-point value is NaN; false for null."""
    return call("isnan", col)


def equal_null(col1: Column | str, col2: Column | str) -> Column:
    """Equality in which two nulls are equal and a null differs from any value (``<=>``)."""
    return call("equal_null", col1, col2)
