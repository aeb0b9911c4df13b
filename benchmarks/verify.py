"""Checks that two engines computed the same answers (not part of any timing).

A speed-up is only meaningful if both engines did the same work, so every
operation's final result is compared: counts exactly, collected rows after
sorting (neither engine guarantees row order after a groupBy), floats with a
relative tolerance (sums over millions of doubles depend on the order of
addition, which differs with partitioning).
"""

from __future__ import annotations

import math

REL_TOL = 1e-6
ABS_TOL = 1e-9


def compare(reference: dict, candidate: dict) -> str | None:
    """Compares two `result` entries from workload.py; returns None when they
    agree, else a one-line description of the first difference."""
    if "count" in reference or "count" in candidate:
        if reference.get("count") != candidate.get("count"):
            return f"count {reference.get('count')} != {candidate.get('count')}"
        return None

    if reference["columns"] != candidate["columns"]:
        return f"columns {reference['columns']} != {candidate['columns']}"
    left, right = _sorted(reference["rows"]), _sorted(candidate["rows"])
    if len(left) != len(right):
        return f"{len(left)} rows != {len(right)} rows"
    for a, b in zip(left, right):
        if len(a) != len(b) or not all(_same(x, y) for x, y in zip(a, b)):
            return f"row {a} != {b}"
    return None


def _sort_key(row: list) -> tuple:
    # Rank values by kind first so None, numbers and strings never compare
    # with each other directly.
    def key(value):
        if value is None:
            return (0, 0)
        if isinstance(value, (int, float)):
            return (1, value)
        return (2, str(value))

    return tuple(key(v) for v in row)


def _sorted(rows: list[list]) -> list[list]:
    return sorted(rows, key=_sort_key)


def _same(x, y) -> bool:
    if isinstance(x, float) or isinstance(y, float):
        if x is None or y is None or isinstance(x, str) or isinstance(y, str):
            return False
        if math.isnan(x) and math.isnan(y):
            return True
        return math.isclose(x, y, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return x == y
