"""String functions."""

from __future__ import annotations

from pyrust.sql.column import Column, _to_column as _column
from pyrust.sql.functions._core import call, call_with_values

__all__ = ["lower", "substr", "substring", "upper"]


def upper(col: Column | str) -> Column:
    """The string in upper case.

    >>> upper("name")
    Column<'upper(name)'>
    """
    return call("upper", col)


def lower(col: Column | str) -> Column:
    """The string in lower case."""
    return call("lower", col)


def substring(str: Column | str, pos: Column | int, len: Column | int) -> Column:  # noqa: A002 - PySpark's names
    """The ``len`` characters of ``str`` from position ``pos`` (1-based; negative counts from the end).

    >>> substring("s", 1, 3)
    Column<'substring(s, 1, 3)'>
    """
    return call_with_values("substring", _column(str), pos, len)


def substr(str: Column | str, pos: Column | str, len: Column | str | None = None) -> Column:  # noqa: A002
    """``substring`` with the position and length given as columns; Spark names it ``substr``.

    >>> from pyrust.sql.functions import lit
    >>> substr("s", lit(2), lit(3))
    Column<'substr(s, 2, 3)'>
    """
    if len is None:
        return call("substr", str, pos)
    return call("substr", str, pos, len)
