"""VARIANT functions (Spark's ``variant_funcs``): JSON text to variants and
back, paths into them, their schemas, and edits.

Paths (``"$.a[0]"``) given as strings are literals, as PySpark's are; a
Column gives a path per row.
"""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql._expressions import Call, Literal
from pyrust.sql.column import Column, _to_column, _to_expression
from pyrust.sql.functions._core import call

__all__ = [
    "is_valid_variant",
    "is_variant_null",
    "parse_json",
    "schema_of_variant",
    "schema_of_variant_agg",
    "to_variant_object",
    "try_parse_json",
    "try_variant_array_append",
    "try_variant_get",
    "try_variant_insert",
    "try_variant_set",
    "variant_array_append",
    "variant_delete",
    "variant_get",
    "variant_insert",
    "variant_set",
    "variant_strip_nulls",
]


def _path(path: Column | str) -> Any:
    """A path: a Column as it is, a string as a literal."""
    return path._expression if isinstance(path, Column) else Literal(path, T.StringType())


def _type_name(target_type: Column | str) -> Any:
    """The target type: a string as a literal (a Column must be one; the analyzer checks)."""
    return target_type._expression if isinstance(target_type, Column) else Literal(target_type, T.StringType())


def _call(function: str, *arguments: Any) -> Column:
    return Column(Call(function, tuple(arguments)))


def parse_json(col: Column | str) -> Column:
    """JSON text as a variant; malformed text fails the query.

    >>> parse_json("json")
    Column<'parse_json(json)'>
    """
    return call("parse_json", col)


def try_parse_json(col: Column | str) -> Column:
    """JSON text as a variant; null for malformed text."""
    return call("try_parse_json", col)


def is_variant_null(v: Column | str) -> Column:
    """Whether a variant holds a JSON null (false for a null variant)."""
    return call("is_variant_null", v)


def is_valid_variant(v: Column | str) -> Column:
    """Whether a variant's binary encoding is well formed (null for null)."""
    return call("is_valid_variant", v)


def schema_of_variant(v: Column | str) -> Column:
    """A variant's type as Spark names it (``OBJECT<a: BIGINT>``)."""
    return call("schema_of_variant", v)


def schema_of_variant_agg(v: Column | str) -> Column:
    """The type every variant of the group fits, as Spark names it."""
    return call("schema_of_variant_agg", v)


def to_variant_object(col: Column | str) -> Column:
    """A struct, map or array as a variant (structs and maps become objects)."""
    return call("to_variant_object", col)


def variant_get(v: Column | str, path: Column | str, targetType: str) -> Column:  # noqa: N803 - PySpark's name
    """The value at ``path`` of a variant cast to ``targetType`` (a DDL type
    name); null where the path finds nothing, an error where the cast fails.

    >>> variant_get("v", "$.a", "int")
    Column<'variant_get(v, $.a)'>
    """
    return _call("variant_get", _to_column(v)._expression, _path(path), _type_name(targetType))


def try_variant_get(v: Column | str, path: Column | str, targetType: str) -> Column:  # noqa: N803 - PySpark's name
    """As :func:`variant_get`, null where the cast fails."""
    return _call("try_variant_get", _to_column(v)._expression, _path(path), _type_name(targetType))


def _edit(function: str, v: Column | str, path: Column | str, value: Column | str, *rest: Any) -> Column:
    return _call(function, _to_column(v)._expression, _path(path), _to_column(value)._expression, *rest)


def variant_set(v: Column | str, path: Column | str, value: Column | str, create_if_missing: bool = True) -> Column:
    """A variant with the value at ``path`` replaced (or created, unless
    ``create_if_missing`` is false); an error where the path does not fit."""
    return _edit("variant_set", v, path, value, _to_expression(create_if_missing))


def try_variant_set(v: Column | str, path: Column | str, value: Column | str, create_if_missing: bool = True) -> Column:
    """As :func:`variant_set`, null where the path does not fit."""
    return _edit("try_variant_set", v, path, value, _to_expression(create_if_missing))


def variant_insert(v: Column | str, path: Column | str, value: Column | str) -> Column:
    """A variant with ``value`` inserted at ``path`` (before an array index,
    padding with nulls past the end); an error where a value exists."""
    return _edit("variant_insert", v, path, value)


def try_variant_insert(v: Column | str, path: Column | str, value: Column | str) -> Column:
    """As :func:`variant_insert`, null where it fails."""
    return _edit("try_variant_insert", v, path, value)


def variant_array_append(v: Column | str, path: Column | str, value: Column | str) -> Column:
    """A variant with ``value`` appended to the array at ``path`` (unchanged
    when the path finds nothing); an error where it finds no array."""
    return _edit("variant_array_append", v, path, value)


def try_variant_array_append(v: Column | str, path: Column | str, value: Column | str) -> Column:
    """As :func:`variant_array_append`, null where it fails."""
    return _edit("try_variant_array_append", v, path, value)


def variant_delete(v: Column | str, *paths: Column | str) -> Column:
    """A variant without the values at ``paths`` (null paths and paths that
    find nothing change nothing)."""
    return _call("variant_delete", _to_column(v)._expression, *(_path(path) for path in paths))


def variant_strip_nulls(v: Column | str, include_arrays: bool = True) -> Column:
    """A variant without null object fields, at every depth (and without null
    array elements when ``include_arrays``)."""
    return _call("variant_strip_nulls", _to_column(v)._expression, _to_expression(include_arrays))
