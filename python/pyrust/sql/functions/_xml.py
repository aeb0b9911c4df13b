"""XML functions (Spark's ``xml_funcs``).

Options are passed as Spark takes them, a dict of strings (booleans become
``true``/``false``); the analyzer checks them (``_functions/xml_functions.py``).
"""

from __future__ import annotations

from typing import Any

from pyrust.sql import types as T
from pyrust.sql._expressions import Call, Literal
from pyrust.sql._functions.json_functions import options_literal
from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call

__all__ = [
    "from_xml",
    "schema_of_xml",
    "to_xml",
    "xpath",
    "xpath_boolean",
    "xpath_double",
    "xpath_float",
    "xpath_int",
    "xpath_long",
    "xpath_number",
    "xpath_short",
    "xpath_string",
]


def _string_literal(value: str) -> Literal:
    return Literal(value, T.StringType())


def _with_options(function: str, arguments: list[Any], options: dict | None) -> Column:
    # Strings name columns; literals built here stay literals.
    expressions = [argument if isinstance(argument, Literal) else _to_column(argument)._expression for argument in arguments]
    if options is not None:
        expressions.append(_string_literal(options_literal(options)))
    return Column(Call(function, tuple(expressions)))


def xpath(xml: Column | str, path: Column | str) -> Column:
    """The values of the nodes an XPath 1.0 ``path`` (a literal) selects in XML
    text, as an array of strings (an element node's value is null).

    >>> xpath("x", "p")
    Column<'xpath(x, p)'>
    """
    return call("xpath", xml, path)


def xpath_boolean(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a boolean (a node set: whether it has a node)."""
    return call("xpath_boolean", xml, path)


def xpath_double(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a double (NaN for text that is no number)."""
    return call("xpath_double", xml, path)


def xpath_number(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a double (as ``xpath_double``)."""
    return call("xpath_number", xml, path)


def xpath_float(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a float."""
    return call("xpath_float", xml, path)


def xpath_int(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as an int (0 for text that is no number)."""
    return call("xpath_int", xml, path)


def xpath_long(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a long (0 for text that is no number)."""
    return call("xpath_long", xml, path)


def xpath_short(xml: Column | str, path: Column | str) -> Column:
    """An XPath 1.0 expression over XML text, as a short (narrowed as Java narrows an int)."""
    return call("xpath_short", xml, path)


def xpath_string(xml: Column | str, path: Column | str) -> Column:
    """The string value of an XPath 1.0 expression over XML text (of a node set: its first node's text)."""
    return call("xpath_string", xml, path)


def from_xml(col: Column | str, schema: T.StructType | Column | str, options: dict[str, str] | None = None) -> Column:
    """XML text parsed into a struct of ``schema`` (a StructType, a DDL string such
    as ``"a INT, b STRING"``, or a literal column such as ``schema_of_xml(...)``):
    the root element is the row, attributes are ``_``-prefixed fields and an
    element's own text is ``_VALUE``; malformed text gives a struct of nulls.

    >>> from_xml("value", "a INT")
    Column<'from_xml(value)'>
    """
    if isinstance(schema, T.DataType):
        schema_expression: Any = _string_literal(schema.json())
    elif isinstance(schema, str):
        schema_expression = _string_literal(schema)
    else:
        schema_expression = schema
    return _with_options("from_xml", [col, schema_expression], options)


def schema_of_xml(xml: Column | str, options: dict[str, str] | None = None) -> Column:
    """The schema Spark infers for a literal XML string, in DDL
    (``STRUCT<a: BIGINT>``); options ``excludeAttribute``, ``prefersDecimal``..."""
    expression = _string_literal(xml) if isinstance(xml, str) else xml
    return _with_options("schema_of_xml", [expression], options)


def to_xml(col: Column | str, options: dict[str, str] | None = None) -> Column:
    """A struct as indented XML text, its element named by ``rowTag`` (``ROW``),
    ``_``-prefixed fields as attributes, null fields left out.

    >>> to_xml("value")
    Column<'to_xml(value)'>
    """
    return _with_options("to_xml", [col], options)
