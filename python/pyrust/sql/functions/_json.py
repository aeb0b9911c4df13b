"""JSON and CSV functions (Spark's ``json_funcs`` and ``csv_funcs``).

Options are passed as Spark takes them, a dict of strings (booleans become
``true``/``false``); the analyzer checks them (``_functions/json_functions.py``).
"""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql._expressions import Call, Literal
from pyrust.sql._functions.json_functions import options_literal
from pyrust.sql.column import Column, _to_column, _to_expression
from pyrust.sql.functions._core import call

__all__ = [
    "from_csv",
    "from_json",
    "get_json_object",
    "json_array_length",
    "json_object_keys",
    "json_tuple",
    "schema_of_csv",
    "schema_of_json",
    "to_csv",
    "to_json",
]


def _string_literal(value: str) -> Literal:
    return Literal(value, T.StringType())


def _value(value: Any) -> Any:
    """A Column as it is, a Python value as a literal (PySpark's ``lit``)."""
    return value._expression if isinstance(value, Column) else _to_expression(value)


def _with_options(function: str, arguments: list[Any], options: dict | None) -> Column:
    # Strings name columns; literals built here stay literals.
    expressions = [argument if isinstance(argument, Literal) else _to_column(argument)._expression for argument in arguments]
    if options is not None:
        expressions.append(_string_literal(options_literal(options)))
    return Column(Call(function, tuple(expressions)))


def from_json(col: Column | str, schema: T.DataType | Column | str, options: dict[str, str] | None = None) -> Column:
    """JSON strings parsed into a struct, array or map of ``schema`` (a DataType, a
    DDL string such as ``"a INT, b STRING"``, or a literal column such as
    ``schema_of_json(...)``); malformed text gives nulls (``mode`` ``PERMISSIVE``)
    or fails the query (``FAILFAST``).

    >>> from_json("value", "a INT")
    Column<'from_json(value)'>
    """
    if isinstance(schema, T.DataType):
        schema_expression: Any = _string_literal(schema.json())
    elif isinstance(schema, str):
        schema_expression = _string_literal(schema)
    else:
        schema_expression = schema
    return _with_options("from_json", [col, schema_expression], options)


def to_json(col: Column | str, options: dict[str, str] | None = None) -> Column:
    """A struct, array or map as a JSON string (null struct fields left out unless
    ``ignoreNullFields`` is false; ``pretty`` indents).

    >>> to_json("value")
    Column<'to_json(value)'>
    """
    return _with_options("to_json", [col], options)


def schema_of_json(json: Column | str, options: dict[str, str] | None = None) -> Column:
    """The schema Spark infers for a literal JSON string, in DDL
    (``STRUCT<a: BIGINT>``)."""
    expression = _string_literal(json) if isinstance(json, str) else json
    return _with_options("schema_of_json", [expression], options)


def from_csv(col: Column | str, schema: Column | str, options: dict[str, str] | None = None) -> Column:
    """CSV lines parsed into a struct of ``schema`` (a DDL string such as
    ``"a INT, b STRING"``, or a literal column such as ``schema_of_csv(...)``);
    options ``sep``, ``quote``, ``escape``, ``nullValue``, ``mode``...

    >>> from_csv("value", "a INT, b INT")
    Column<'from_csv(value)'>
    """
    schema_expression: Any = _string_literal(schema) if isinstance(schema, str) else schema
    return _with_options("from_csv", [col, schema_expression], options)


def to_csv(col: Column | str, options: dict[str, str] | None = None) -> Column:
    """A struct as a CSV line (fields quoted where they hold the separator or a quote)."""
    return _with_options("to_csv", [col], options)


def schema_of_csv(csv: Column | str, options: dict[str, str] | None = None) -> Column:
    """The schema Spark infers for a literal CSV line, in DDL
    (``STRUCT<_c0: INT, _c1: STRING>``); ``sep``, ``quote`` and ``escape`` options."""
    expression = _string_literal(csv) if isinstance(csv, str) else csv
    return _with_options("schema_of_csv", [expression], options)


def get_json_object(col: Column | str, path: str) -> Column:
    """What the JSONPath ``path`` (``$``, ``.name``, ``['name']``, ``[n]``, ``[*]``)
    finds in a JSON string: strings unquoted, anything else as JSON.

    >>> get_json_object("s", "$.a")
    Column<'get_json_object(s, $.a)'>
    """
    return Column(Call("get_json_object", (_to_column(col)._expression, _value(path))))


def json_array_length(col: Column | str) -> Column:
    """The number of elements of a JSON array string; null for anything else."""
    return call("json_array_length", col)


def json_object_keys(col: Column | str) -> Column:
    """The keys of a JSON object string, in order; null for anything else."""
    return call("json_object_keys", col)


def json_tuple(col: Column | str, *fields: str) -> Column:
    """The values of top-level ``fields`` of a JSON object string, as columns
    ``c0``, ``c1``... (a generator: select it as a whole column).

    >>> json_tuple("s", "f1", "f2")
    Column<'json_tuple(s, f1, f2)'>
    """
    return Column(Call("json_tuple", (_to_column(col)._expression, *(_value(field) for field in fields))))
