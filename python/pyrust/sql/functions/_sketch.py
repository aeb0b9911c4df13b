"""Sketch functions: HyperLogLog, KLL, Theta and Tuple sketches (Apache
DataSketches formats, as ``BINARY``) and Spark's bitmaps."""

from __future__ import annotations

from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call, call_with_values

__all__ = [
    "bitmap_and_agg",
    "bitmap_construct_agg",
    "bitmap_or_agg",
    "hll_sketch_agg",
    "hll_sketch_estimate",
    "hll_union",
    "hll_union_agg",
    "theta_difference",
    "theta_intersection",
    "theta_intersection_agg",
    "theta_sketch_agg",
    "theta_sketch_estimate",
    "theta_union",
    "theta_union_agg",
]


def _with_settings(function: str, columns: tuple[Column | str, ...], *settings: object) -> Column:
    """``function`` over ``columns`` (strings name columns) and the settings
    given (Python values become literals), stopping at the first left out."""
    given = []
    for setting in settings:
        if setting is None:
            break
        given.append(setting)
    return call_with_values(function, *(_to_column(column) for column in columns), *given)


def hll_sketch_agg(col: Column | str, lgConfigK: Column | int | None = None) -> Column:  # noqa: N803 - PySpark's name
    """An HLL sketch of the column's distinct values, with 2^``lgConfigK`` buckets (default 12).

    >>> hll_sketch_agg("value")
    Column<'hll_sketch_agg(value, 12)'>
    """
    return _with_settings("hll_sketch_agg", (col,), lgConfigK)


def hll_union_agg(col: Column | str, allowDifferentLgConfigK: bool | Column | None = None) -> Column:  # noqa: N803
    """The union of the HLL sketches of the column; sketches of different
    ``lgConfigK`` only with ``allowDifferentLgConfigK``."""
    return _with_settings("hll_union_agg", (col,), allowDifferentLgConfigK)


def hll_sketch_estimate(col: Column | str) -> Column:
    """The estimated number of distinct values an HLL sketch saw."""
    return call("hll_sketch_estimate", col)


def hll_union(col1: Column | str, col2: Column | str, allowDifferentLgConfigK: bool | None = None) -> Column:  # noqa: N803
    """The union of two HLL sketches."""
    return _with_settings("hll_union", (col1, col2), allowDifferentLgConfigK)


def theta_sketch_agg(col: Column | str, lgNomEntries: Column | int | None = None) -> Column:  # noqa: N803
    """A Theta sketch of the column's distinct values, with 2^``lgNomEntries`` nominal entries (default 12)."""
    return _with_settings("theta_sketch_agg", (col,), lgNomEntries)


def theta_union_agg(col: Column | str, lgNomEntries: Column | int | None = None) -> Column:  # noqa: N803
    """The union of the Theta sketches of the column."""
    return _with_settings("theta_union_agg", (col,), lgNomEntries)


def theta_intersection_agg(col: Column | str) -> Column:
    """The intersection of the Theta sketches of the column."""
    return call("theta_intersection_agg", col)


def theta_sketch_estimate(col: Column | str) -> Column:
    """The estimated number of distinct values a Theta sketch saw."""
    return call("theta_sketch_estimate", col)


def theta_union(col1: Column | str, col2: Column | str, lgNomEntries: Column | int | None = None) -> Column:  # noqa: N803
    """The union of two Theta sketches."""
    return _with_settings("theta_union", (col1, col2), lgNomEntries)


def theta_intersection(col1: Column | str, col2: Column | str) -> Column:
    """The intersection of two Theta sketches."""
    return call("theta_intersection", col1, col2)


def theta_difference(col1: Column | str, col2: Column | str) -> Column:
    """The values of the first Theta sketch that are not in the second."""
    return call("theta_difference", col1, col2)


def bitmap_construct_agg(col: Column | str) -> Column:
    """Spark's bitmap (4096 bytes) with the bits at the column's positions set."""
    return call("bitmap_construct_agg", col)


def bitmap_or_agg(col: Column | str) -> Column:
    """The bitwise OR of the column's bitmaps."""
    return call("bitmap_or_agg", col)


def bitmap_and_agg(col: Column | str) -> Column:
    """The bitwise AND of the column's bitmaps."""
    return call("bitmap_and_agg", col)


def _kll(kind: str) -> None:
    """The seven KLL functions of one item type (``bigint``, ``float`` or ``double``)."""

    def kll_sketch_agg(col: Column | str, k: Column | int | None = None) -> Column:
        return _with_settings(f"kll_sketch_agg_{kind}", (col,), k)

    def kll_merge_agg(col: Column | str, k: Column | int | None = None) -> Column:
        return _with_settings(f"kll_merge_agg_{kind}", (col,), k)

    def kll_sketch_get_n(col: Column | str) -> Column:
        return call(f"kll_sketch_get_n_{kind}", col)

    def kll_sketch_get_quantile(sketch: Column | str, rank: Column | str) -> Column:
        return call(f"kll_sketch_get_quantile_{kind}", sketch, rank)

    def kll_sketch_get_rank(sketch: Column | str, quantile: Column | str) -> Column:
        return call(f"kll_sketch_get_rank_{kind}", sketch, quantile)

    def kll_sketch_merge(left: Column | str, right: Column | str) -> Column:
        return call(f"kll_sketch_merge_{kind}", left, right)

    def kll_sketch_to_string(col: Column | str) -> Column:
        return call(f"kll_sketch_to_string_{kind}", col)

    documented = {
        kll_sketch_agg: f"A KLL quantile sketch of the column's {kind} values, with accuracy ``k`` (default 200).",
        kll_merge_agg: f"The merge of the column's KLL {kind} sketches, with accuracy ``k`` (default: the first sketch's).",
        kll_sketch_get_n: f"The number of values a KLL {kind} sketch saw.",
        kll_sketch_get_quantile: f"The {kind} value at a normalized rank (or an array of ranks) of a KLL sketch.",
        kll_sketch_get_rank: f"The normalized rank of a {kind} value (or an array of values) in a KLL sketch.",
        kll_sketch_merge: f"The merge of two KLL {kind} sketches.",
        kll_sketch_to_string: f"The summary of a KLL {kind} sketch, as DataSketches prints it.",
    }
    for function, doc in documented.items():
        name = f"{function.__name__}_{kind}"
        function.__name__ = function.__qualname__ = name
        function.__doc__ = doc
        globals()[name] = function
        __all__.append(name)


def _tuple(kind: str) -> None:
    """The thirteen Tuple sketch functions of one summary type (``double`` or ``integer``)."""

    def tuple_sketch_agg(
        key: Column | str, summary: Column | str, lgNomEntries: Column | int | None = None, mode: Column | str | None = None  # noqa: N803
    ) -> Column:
        if lgNomEntries is None and mode is not None:
            lgNomEntries = 12
        return _with_settings(f"tuple_sketch_agg_{kind}", (key, summary), lgNomEntries, mode)

    def tuple_union_agg(col: Column | str, lgNomEntries: Column | int | None = None, mode: Column | str | None = None) -> Column:  # noqa: N803
        if lgNomEntries is None and mode is not None:
            lgNomEntries = 12
        return _with_settings(f"tuple_union_agg_{kind}", (col,), lgNomEntries, mode)

    def tuple_intersection_agg(col: Column | str, mode: Column | str | None = None) -> Column:
        return _with_settings(f"tuple_intersection_agg_{kind}", (col,), mode)

    def tuple_sketch_estimate(col: Column | str) -> Column:
        return call(f"tuple_sketch_estimate_{kind}", col)

    def tuple_sketch_summary(col: Column | str, mode: Column | str | None = None) -> Column:
        return _with_settings(f"tuple_sketch_summary_{kind}", (col,), mode)

    def tuple_sketch_theta(col: Column | str) -> Column:
        return call(f"tuple_sketch_theta_{kind}", col)

    def two(operation: str, with_size: bool):
        if with_size:

            def function(
                col1: Column | str, col2: Column | str, lgNomEntries: Column | int | None = None, mode: Column | str | None = None  # noqa: N803
            ) -> Column:
                if lgNomEntries is None and mode is not None:
                    lgNomEntries = 12
                return _with_settings(f"tuple_{operation}_{kind}", (col1, col2), lgNomEntries, mode)

        else:

            def function(col1: Column | str, col2: Column | str, mode: Column | str | None = None) -> Column:
                return _with_settings(f"tuple_{operation}_{kind}", (col1, col2), mode)

        function.__name__ = f"tuple_{operation}"
        return function

    def tuple_difference(col1: Column | str, col2: Column | str) -> Column:
        return call(f"tuple_difference_{kind}", col1, col2)

    def tuple_difference_theta(col1: Column | str, col2: Column | str) -> Column:
        return call(f"tuple_difference_theta_{kind}", col1, col2)

    documented = {
        tuple_sketch_agg: f"A Tuple sketch of the distinct keys, each with a {kind} summary of its values combined by ``mode`` (sum, min, max or alwaysone).",
        tuple_union_agg: f"The union of the column's Tuple sketches of {kind} summaries.",
        tuple_intersection_agg: f"The intersection of the column's Tuple sketches of {kind} summaries.",
        tuple_sketch_estimate: "The estimated number of distinct keys of a Tuple sketch.",
        tuple_sketch_summary: "The summaries of a Tuple sketch combined by ``mode``.",
        tuple_sketch_theta: "The sampling fraction (theta) of a Tuple sketch: 1.0 while it holds every key.",
        two("union", True): "The union of two Tuple sketches.",
        two("union_theta", True): "The union of a Tuple sketch and a Theta sketch (whose keys get the mode's starting summary).",
        two("intersection", False): "The intersection of two Tuple sketches.",
        two("intersection_theta", False): "The keys of a Tuple sketch that a Theta sketch has too.",
        tuple_difference: "The keys of the first Tuple sketch that the second lacks.",
        tuple_difference_theta: "The keys of a Tuple sketch that a Theta sketch lacks.",
    }
    for function, doc in documented.items():
        name = f"{function.__name__}_{kind}"
        function.__name__ = function.__qualname__ = name
        function.__doc__ = doc
        globals()[name] = function
        __all__.append(name)


for _kind in ("bigint", "float", "double"):
    _kll(_kind)
for _kind in ("double", "integer"):
    _tuple(_kind)
__all__.sort()
