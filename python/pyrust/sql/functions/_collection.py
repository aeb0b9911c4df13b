"""Array, map and struct (and generators) functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyrust.sql.column import Column, _to_column as _column
from pyrust.sql.functions._core import call, call_with_values, lit

__all__ = [
    "array",
    "array_append",
    "array_compact",
    "array_contains",
    "array_distinct",
    "array_except",
    "array_insert",
    "array_intersect",
    "array_join",
    "array_max",
    "array_min",
    "array_position",
    "array_prepend",
    "array_remove",
    "array_repeat",
    "array_size",
    "array_union",
    "arrays_overlap",
    "arrays_zip",
    "cardinality",
    "concat",
    "create_map",
    "element_at",
    "explode",
    "explode_outer",
    "flatten",
    "get",
    "inline",
    "inline_outer",
    "map_concat",
    "map_contains_key",
    "map_entries",
    "map_from_arrays",
    "map_from_entries",
    "map_keys",
    "map_values",
    "named_struct",
    "posexplode",
    "posexplode_outer",
    "reverse",
    "sequence",
    "shuffle",
    "size",
    "slice",
    "sort_array",
    "stack",
    "str_to_map",
    "struct",
    "try_element_at",
]


def _columns(cols: tuple) -> tuple:
    """PySpark's varargs that may also be given as one list or tuple."""
    if len(cols) == 1 and isinstance(cols[0], (list, tuple, Sequence)) and not isinstance(cols[0], str):
        return tuple(cols[0])
    return cols


# -- arrays ------------------------------------------------------------------------


def array(*cols: Column | str | Sequence[Column | str]) -> Column:
    """An array of the given columns, of their common type.

    >>> array("a", "b")
    Column<'array(a, b)'>
    """
    return call("array", *_columns(cols))


def array_contains(col: Column | str, value: Any) -> Column:
    """Whether the array holds ``value``; null when it does not but holds a null."""
    return call_with_values("array_contains", _column(col), value)


def array_distinct(col: Column | str) -> Column:
    """The array without repeated elements, in first-seen order."""
    return call("array_distinct", col)


def array_compact(col: Column | str) -> Column:
    """The array without its null elements."""
    return call("array_compact", col)


def array_max(col: Column | str) -> Column:
    """The largest non-null element of the array."""
    return call("array_max", col)


def array_min(col: Column | str) -> Column:
    """The smallest non-null element of the array."""
    return call("array_min", col)


def array_remove(col: Column | str, element: Any) -> Column:
    """The array without the elements equal to ``element``."""
    return call_with_values("array_remove", _column(col), element)


def array_append(col: Column | str, value: Any) -> Column:
    """The array with ``value`` added at its end."""
    return call_with_values("array_append", _column(col), value)


def array_prepend(col: Column | str, value: Any) -> Column:
    """The array with ``value`` added at its start."""
    return call_with_values("array_prepend", _column(col), value)


def array_insert(arr: Column | str, pos: Column | str | int, value: Any) -> Column:
    """The array with ``value`` inserted at 1-based position ``pos`` (negative counts from the end)."""
    position = _column(pos) if isinstance(pos, (Column, str)) else pos
    return call_with_values("array_insert", _column(arr), position, value)


def array_position(col: Column | str, value: Any) -> Column:
    """The 1-based position of the first element equal to ``value``, 0 if none is."""
    return call_with_values("array_position", _column(col), value)


def array_repeat(col: Column | str, count: Column | str | int) -> Column:
    """An array of ``count`` copies of the value."""
    return call_with_values("array_repeat", _column(col), _column(count) if isinstance(count, str) else count)


def array_size(col: Column | str) -> Column:
    """The number of elements of the array (null for null)."""
    return call("array_size", col)


def size(col: Column | str) -> Column:
    """The number of elements of an array or entries of a map.

    >>> size("data")
    Column<'size(data)'>
    """
    return call("size", col)


def cardinality(col: Column | str) -> Column:
    """``size`` under its other name."""
    return call("cardinality", col)


def sort_array(col: Column | str, asc: bool = True) -> Column:
    """The array sorted ascending (nulls first) or descending (nulls last)."""
    return call_with_values("sort_array", _column(col), asc)


def array_join(col: Column | str, delimiter: str, null_replacement: str | None = None) -> Column:
    """The elements joined by ``delimiter``; nulls skipped, or replaced by ``null_replacement``."""
    if null_replacement is None:
        return call_with_values("array_join", _column(col), delimiter)
    return call_with_values("array_join", _column(col), delimiter, null_replacement)


def reverse(col: Column | str) -> Column:
    """A string's characters, or an array's elements, in reverse order."""
    return call("reverse", col)


def slice(x: Column | str, start: Column | str | int, length: Column | str | int) -> Column:  # noqa: A001 - PySpark's name
    """``length`` elements of the array from 1-based ``start`` (negative counts from the end)."""
    arguments = [_column(value) if isinstance(value, str) else value for value in (start, length)]
    return call_with_values("slice", _column(x), *arguments)


def concat(*cols: Column | str) -> Column:
    """Strings, or arrays, one after another; null when any of them is null.

    >>> concat("a", "b")
    Column<'concat(a, b)'>
    """
    return call("concat", *cols)


def flatten(col: Column | str) -> Column:
    """The elements of an array of arrays, one array after another."""
    return call("flatten", col)


def array_union(col1: Column | str, col2: Column | str) -> Column:
    """The distinct elements of both arrays."""
    return call("array_union", col1, col2)


def array_intersect(col1: Column | str, col2: Column | str) -> Column:
    """The distinct elements of the first array that the second also holds."""
    return call("array_intersect", col1, col2)


def array_except(col1: Column | str, col2: Column | str) -> Column:
    """The distinct elements of the first array that the second does not hold."""
    return call("array_except", col1, col2)


def arrays_overlap(a1: Column | str, a2: Column | str) -> Column:
    """Whether the arrays share a non-null element; null when they do not but one holds a null."""
    return call("arrays_overlap", a1, a2)


def arrays_zip(*cols: Column | str) -> Column:
    """An array of structs of the arrays' elements at each position, shorter arrays padded with nulls."""
    return call("arrays_zip", *cols)


def sequence(start: Column | str, stop: Column | str, step: Column | str | None = None) -> Column:
    """The integers from ``start`` to ``stop`` inclusive, by ``step`` (1 or -1 unless given)."""
    arguments = [_column(value) if isinstance(value, str) else value for value in (start, stop, step) if value is not None]
    return call_with_values("sequence", *arguments)


def shuffle(col: Column | str, seed: Column | int | None = None) -> Column:
    """The array in random order (not implemented yet)."""
    if seed is None:
        return call("shuffle", col)
    return call_with_values("shuffle", _column(col), seed)


def element_at(col: Column | str, extraction: Any) -> Column:
    """Element ``extraction`` of an array (1-based, negative from the end) or a map's value for that key."""
    return call_with_values("element_at", _column(col), extraction)


def try_element_at(col: Column | str, extraction: Column | str) -> Column:
    """``element_at``, null where the index is outside the array."""
    return call("try_element_at", col, extraction)


def get(col: Column | str, index: Column | str | int) -> Column:
    """Element ``index`` of the array, counting from 0; null outside it."""
    return call_with_values("get", _column(col), _column(index) if isinstance(index, str) else index)


# -- maps --------------------------------------------------------------------------


def create_map(*cols: Column | str | Sequence[Column | str]) -> Column:
    """A map of key, value, key, value... columns.

    >>> create_map("k", "v")
    Column<'map(k, v)'>
    """
    return call("map", *_columns(cols))


def map_keys(col: Column | str) -> Column:
    """The map's keys, as an array."""
    return call("map_keys", col)


def map_values(col: Column | str) -> Column:
    """The map's values, as an array."""
    return call("map_values", col)


def map_entries(col: Column | str) -> Column:
    """The map's entries, as an array of key-value structs."""
    return call("map_entries", col)


def map_contains_key(col: Column | str, value: Any) -> Column:
    """Whether the map has the key ``value``."""
    return call_with_values("map_contains_key", _column(col), value)


def map_from_arrays(col1: Column | str, col2: Column | str) -> Column:
    """A map of the keys of one array to the values of the other."""
    return call("map_from_arrays", col1, col2)


def map_from_entries(col: Column | str) -> Column:
    """A map of an array of key-value structs."""
    return call("map_from_entries", col)


def map_concat(*cols: Column | str | Sequence[Column | str]) -> Column:
    """The maps' entries in one map; a key in more than one is an error."""
    return call("map_concat", *_columns(cols))


def str_to_map(text: Column | str, pairDelim: Column | str | None = None, keyValueDelim: Column | str | None = None) -> Column:  # noqa: N803 - PySpark's names
    """A map of text split into entries by ``pairDelim`` and into keys and values by ``keyValueDelim``."""
    pair = lit(",") if pairDelim is None else _column(pairDelim)
    key_value = lit(":") if keyValueDelim is None else _column(keyValueDelim)
    return call("str_to_map", text, pair, key_value)


# -- structs -----------------------------------------------------------------------


def struct(*cols: Column | str | Sequence[Column | str]) -> Column:
    """A struct of the columns, each field named after its column.

    >>> struct("a", "b")
    Column<'struct(a, b)'>
    """
    return call("struct", *_columns(cols))


def named_struct(*cols: Column | str) -> Column:
    """A struct of name, value, name, value... arguments."""
    return call("named_struct", *cols)


# -- generators ----------------------------------------------------------------------


def explode(col: Column | str) -> Column:
    """One row per array element (column ``col``) or map entry (``key``, ``value``);
    none for a null or empty collection.

    >>> explode("a")
    Column<'explode(a)'>
    """
    return call("explode", col)


def explode_outer(col: Column | str) -> Column:
    """``explode`` that gives one row of nulls for a null or empty collection."""
    return call("explode_outer", col)


def posexplode(col: Column | str) -> Column:
    """``explode`` with each element's 0-based position first (column ``pos``)."""
    return call("posexplode", col)


def posexplode_outer(col: Column | str) -> Column:
    """``posexplode`` that gives one row of nulls for a null or empty collection."""
    return call("posexplode_outer", col)


def inline(col: Column | str) -> Column:
    """One row per struct of an array of structs, one column per struct field."""
    return call("inline", col)


def inline_outer(col: Column | str) -> Column:
    """``inline`` that gives one row of nulls for a null or empty array."""
    return call("inline_outer", col)


def stack(*cols: Column | str) -> Column:
    """The values after the first spread over that many rows (columns ``col0``,
    ``col1``...), row by row, missing values null."""
    return call("stack", *cols)
