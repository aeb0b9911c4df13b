"""Conditional and null functions."""

from __future__ import annotations

from pyrust.sql._expressions import Call
from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call

__all__ = ["coalesce", "isnull"]


def coalesce(*cols: Column | str) -> Column:
    """The first non-null value among ``cols``."""
    return call("coalesce", *cols)


def isnull(col: Column | str) -> Column:
    """True where the value is null; Spark names it ``(x IS NULL)``."""
    return Column(Call("isnull", (_to_column(col)._expression,)))
