"""Result comparison: values normalized across engines' type choices, order-insensitive
unless the query sorts."""

from __future__ import annotations

import datetime
import decimal
import math
from typing import Any

import pyarrow as pa


def _value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        return number + 0.0  # ints, decimals and floats compare as numbers (-0.0 as 0.0)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _sort_key(row: tuple) -> tuple:
    return tuple(
        (value is None, type(value).__name__, round(value, 2) if isinstance(value, float) else value if value is not None else 0)
        for value in row
    )


def _same(left: Any, right: Any) -> bool:
    """Equal, numbers within a relative 1e-6 (engines average decimals to 6 places or in doubles)."""
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-6, abs_tol=1e-6)
    return left == right


def _same_row(left: tuple, right: tuple) -> bool:
    return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right))


def rows(table: pa.Table, *, ordered: bool) -> list[tuple]:
    """The table's rows as normalized tuples (column names are not compared)."""
    columns = [[_value(value) for value in column.to_pylist()] for column in table.columns]
    result = list(zip(*columns)) if columns else []
    return result if ordered else sorted(result, key=_sort_key)


def difference(actual: pa.Table, expected: pa.Table, *, ordered: bool) -> str | None:
    """None when the results agree, else a short description of how they differ."""
    if actual.num_columns != expected.num_columns:
        return f"{actual.num_columns} columns {actual.column_names}, expected {expected.num_columns} {expected.column_names}"
    got, want = rows(actual, ordered=ordered), rows(expected, ordered=ordered)
    if len(got) != len(want):
        return f"{len(got)} rows, expected {len(want)}"
    for index, (left, right) in enumerate(zip(got, want)):
        if not _same_row(left, right):
            return f"row {index}: {left}, expected {right}"
    return None
