"""The table itself: declarations by Spark name, and lookups."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

from pyrust.sql._functions._function import Function, Kind

_TABLE: dict[str, Function] = {}
# Python UDFs (``pyrust.sql.udf``): by engine name, and by the names registered for SQL.
# Built-in functions come first, as Spark's search path puts them first.
_SESSION: dict[str, Function] = {}


def _declare(kind: Kind, name: str, urn: str, aliases: tuple[str, ...], substrait_name: str | None, fields: Any) -> Function:
    function = Function(name=name, urn=urn, substrait_name=substrait_name or name, kind=kind, **fields)
    for spark_name in (name, *aliases):
        key = spark_name.lower()
        if key in _TABLE:
            msg = f"the function {spark_name} is declared twice"
            raise ValueError(msg)
        # An alias keeps its own name in column names, as Spark prints the name used.
        _TABLE[key] = function if spark_name == name else _renamed(function, spark_name)
    return function


def _renamed(function: Function, name: str) -> Function:
    return replace(function, name=name)


def scalar(name: str, urn: str, *, aliases: tuple[str, ...] = (), substrait_name: str | None = None, **fields: Any) -> Function:
    """Declare a scalar function (fields: ``_function.Function``)."""
    return _declare(Kind.SCALAR, name, urn, aliases, substrait_name, fields)


def aggregate(name: str, urn: str, *, aliases: tuple[str, ...] = (), substrait_name: str | None = None, **fields: Any) -> Function:
    """Declare an aggregate function."""
    return _declare(Kind.AGGREGATE, name, urn, aliases, substrait_name, fields)


def window(name: str, urn: str, *, aliases: tuple[str, ...] = (), substrait_name: str | None = None, **fields: Any) -> Function:
    """Declare a window (ranking or offset) function."""
    return _declare(Kind.WINDOW, name, urn, aliases, substrait_name, fields)


def declare_session_function(name: str, function: Function) -> None:
    """Declare a Python UDF or SQL function under ``name``, replacing one declared so before."""
    _SESSION[name.lower()] = function


def drop_session_function(name: str) -> Function | None:
    """Forget the session function ``name`` (``DROP TEMPORARY FUNCTION``)."""
    return _SESSION.pop(name.lower(), None)


def lookup(name: str) -> Function | None:
    """The function Spark calls ``name`` (case-insensitive), if pyrust has it."""
    key = name.lower()
    return _TABLE.get(key) or _SESSION.get(key)


def is_aggregate(name: str) -> bool:
    function = lookup(name)
    return function is not None and function.kind is Kind.AGGREGATE


def names() -> list[str]:
    """Every name the table resolves, sorted."""
    return sorted(_TABLE)


def closest(name: str, count: int = 3) -> list[str]:
    """The declared names nearest to ``name``, for suggestions in errors."""
    return difflib.get_close_matches(name.lower(), list(_TABLE), n=count)
