"""Window (ranking and offset) functions, and the sort helpers windows use."""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql._expressions import Call, Literal
from pyrust.sql.column import Column, _to_column, _to_expression
from pyrust.sql.functions._core import call, call_with_values

__all__ = [
    "asc_nulls_first",
    "asc_nulls_last",
    "counter_diff",
    "cume_dist",
    "dense_rank",
    "desc_nulls_first",
    "desc_nulls_last",
    "lag",
    "lead",
    "nth_value",
    "ntile",
    "percent_rank",
    "rank",
    "row_number",
]


def row_number() -> Column:
    """The position of each row in its window partition, from 1.

    >>> row_number()
    Column<'row_number()'>
    """
    return call("row_number")


def rank() -> Column:
    """The rank of each row in its window partition; ties share a rank and leave gaps after them."""
    return call("rank")


def dense_rank() -> Column:
    """The rank of each row in its window partition; ties share a rank, without gaps after them."""
    return call("dense_rank")


def percent_rank() -> Column:
    """``(rank - 1) / (rows in the partition - 1)``: the relative rank, from 0 to 1."""
    return call("percent_rank")


def cume_dist() -> Column:
    """The fraction of the partition's rows ordered before or with the current row."""
    return call("cume_dist")


def ntile(n: int) -> Column:
    """The bucket (1 to ``n``) of each row when its partition is split into ``n`` near-equal ordered groups."""
    return call_with_values("ntile", n)


def lag(col: Column | str, offset: int = 1, default: Any | None = None) -> Column:
    """The value of ``col`` ``offset`` rows before the current one in the window, ``default`` where there is none."""
    return Column(Call("lag", (_to_column(col)._expression, _to_expression(offset), _to_expression(default))))


def lead(col: Column | str, offset: int = 1, default: Any | None = None) -> Column:
    """The value of ``col`` ``offset`` rows after the current one in the window, ``default`` where there is none."""
    return Column(Call("lead", (_to_column(col)._expression, _to_expression(offset), _to_expression(default))))


def nth_value(col: Column | str, offset: int, ignoreNulls: bool | None = False) -> Column:
    """The value of ``col`` at the ``offset``-th row (from 1) of the window frame, null before it."""
    arguments = (_to_column(col)._expression, Literal(offset, T.IntegerType()))
    if ignoreNulls:
        arguments = (*arguments, Literal(True, T.BooleanType()))
    return Column(Call("nth_value", arguments))


def counter_diff(value: Column | str, startTime: Column | str | None = None) -> Column:
    """The increase of a cumulative counter since the previous row of the window (not implemented yet)."""
    return call("counter_diff", value) if startTime is None else call("counter_diff", value, startTime)


def asc_nulls_first(col: Column | str) -> Column:
    """Ascending order of ``col``, nulls first."""
    return _to_column(col).asc_nulls_first()


def asc_nulls_last(col: Column | str) -> Column:
    """Ascending order of ``col``, nulls last."""
    return _to_column(col).asc_nulls_last()


def desc_nulls_first(col: Column | str) -> Column:
    """Descending order of ``col``, nulls first."""
    return _to_column(col).desc_nulls_first()


def desc_nulls_last(col: Column | str) -> Column:
    """Descending order of ``col``, nulls last."""
    return _to_column(col).desc_nulls_last()
