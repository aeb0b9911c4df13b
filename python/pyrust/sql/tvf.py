"""``spark.tvf``: table-valued functions, the DataFrame API's spelling of
``SELECT * FROM explode(...)``.

A generator's table is the generator applied to one row, so each function
here is the generator of :mod:`pyrust.sql.functions` selected from a one-row
DataFrame; ``spark.sql``'s ``FROM f(...)`` calls :func:`table_function`, so
both spellings give the same columns and rows.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

from pyrust import errors
from pyrust.sql import functions as F
from pyrust.sql._subquery import Deferred
from pyrust.sql.column import Column
from pyrust.sql.functions._core import call

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

__all__ = ["TableValuedFunction"]

# The generators that are also table-valued functions, by Spark name.
_GENERATORS = {
    "explode": F.explode,
    "explode_outer": F.explode_outer,
    "inline": F.inline,
    "inline_outer": F.inline_outer,
    "json_tuple": F.json_tuple,
    "posexplode": F.posexplode,
    "posexplode_outer": F.posexplode_outer,
    "stack": F.stack,
}



def _variant_entries(variant: Column) -> Column:
    return call("variant_explode_entries", variant)


# variant_explode's rows are the struct entries the engine makes of the variant.
_GENERATORS["variant_explode"] = lambda variant: F.inline(_variant_entries(variant))
_GENERATORS["variant_explode_outer"] = lambda variant: F.inline_outer(_variant_entries(variant))



def _sql_keywords(session: SparkSession) -> DataFrame:
    """Spark SQL's keywords, recorded from Spark by ``scripts/record_sql_keywords.py``."""
    keywords = json.loads(resources.files("pyrust.sql").joinpath("spark_sql_keywords.json").read_text())
    return session.createDataFrame(keywords, "keyword string not null, reserved boolean not null")


def _collations(session: SparkSession) -> DataFrame:
    """The collations pyrust has, in Spark's columns: UTF8_BINARY only (strings
    compare by their UTF-8 bytes), where Spark lists its ICU collations too."""
    schema = (
        "CATALOG string not null, SCHEMA string not null, NAME string not null, LANGUAGE string, COUNTRY string, "
        "ACCENT_SENSITIVITY string not null, CASE_SENSITIVITY string not null, PAD_ATTRIBUTE string not null, "
        "ICU_VERSION string"
    )
    rows = [("SYSTEM", "BUILTIN", "UTF8_BINARY", None, None, "ACCENT_SENSITIVE", "CASE_SENSITIVE", "NO_PAD", None)]
    return session.createDataFrame(rows, schema)


# Table functions whose table does not depend on arguments.
_TABLES = {"collations": _collations, "sql_keywords": _sql_keywords}

# Spark's other table-valued functions, which pyrust does not have.
_NOT_IMPLEMENTED = frozenset(("python_worker_logs",))


def table_function(session: SparkSession, name: str, arguments: list[Column]) -> DataFrame:
    """The table of the table-valued function ``name`` (not ``range``) over ``arguments``."""
    from pyrust.sql._sql import _sql_functions

    defined = _sql_functions.table_function(name)
    if defined is not None:
        return defined.table_of(session, arguments)
    table = _TABLES.get(name.lower())
    if table is not None:
        if arguments:
            raise errors.AnalysisException(
                errorClass="WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                messageParameters={"functionName": f"`{name.lower()}`", "expectedNum": "0", "actualNum": str(len(arguments)), "docroot": "https://spark.apache.org/docs/latest"},
            )
        return table(session)
    generator = _GENERATORS.get(name.lower())
    if generator is None and name.lower() in _NOT_IMPLEMENTED:
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"the table-valued function {name}"}
        )
    if generator is None:
        raise errors.AnalysisException(errorClass="UNRESOLVABLE_TABLE_VALUED_FUNCTION", messageParameters={"name": f"`{name}`"})
    frame = session.range(1).select(generator(*arguments))
    if isinstance(frame, Deferred):
        # Waiting for a lateral join: which decorrelates a table function as Spark does.
        frame._table_function = name.lower()
    return frame


class TableValuedFunction:
    """The table-valued functions of a session (``spark.tvf``)."""

    def __init__(self, sparkSession: SparkSession) -> None:  # noqa: N803 - PySpark's name
        self._session = sparkSession

    def range(self, start: int, end: int | None = None, step: int = 1, numPartitions: int | None = None) -> DataFrame:  # noqa: N803
        """Rows ``id`` from ``start`` to ``end`` (exclusive) by ``step``, as ``spark.range``."""
        return self._session.range(start, end, step, numPartitions)

    def explode(self, collection: Column) -> DataFrame:
        """A row per element of an array (``col``) or entry of a map (``key``, ``value``)."""
        return table_function(self._session, "explode", [collection])

    def explode_outer(self, collection: Column) -> DataFrame:
        """As :meth:`explode`, with one row of nulls for a null or empty collection."""
        return table_function(self._session, "explode_outer", [collection])

    def inline(self, input: Column) -> DataFrame:  # noqa: A002 - PySpark's name
        """A row per struct of an array of structs, a column per field."""
        return table_function(self._session, "inline", [input])

    def inline_outer(self, input: Column) -> DataFrame:  # noqa: A002
        """As :meth:`inline`, with one row of nulls for a null or empty array."""
        return table_function(self._session, "inline_outer", [input])

    def json_tuple(self, input: Column, *fields: Column) -> DataFrame:  # noqa: A002
        """One row of the named fields of a JSON object (``c0``, ``c1``, ...)."""
        if not fields:
            raise errors.PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "field"})
        return table_function(self._session, "json_tuple", [input, *fields])

    def posexplode(self, collection: Column) -> DataFrame:
        """As :meth:`explode`, with each element's position (``pos``)."""
        return table_function(self._session, "posexplode", [collection])

    def posexplode_outer(self, collection: Column) -> DataFrame:
        """As :meth:`explode_outer`, with each element's position (``pos``)."""
        return table_function(self._session, "posexplode_outer", [collection])

    def stack(self, n: Column, *fields: Column) -> DataFrame:
        """``fields`` laid out as ``n`` rows (``col0``, ``col1``, ...)."""
        return table_function(self._session, "stack", [n, *fields])

    def collations(self) -> DataFrame:
        """The string collations pyrust has: ``UTF8_BINARY`` (comparison by UTF-8 bytes)."""
        return table_function(self._session, "collations", [])

    def sql_keywords(self) -> DataFrame:
        """Spark SQL's keywords (``keyword``) and whether each is reserved (``reserved``)."""
        return table_function(self._session, "sql_keywords", [])

    def variant_explode(self, input: Column) -> DataFrame:  # noqa: A002
        """Not implemented: pyrust has no VARIANT generator yet."""
        return table_function(self._session, "variant_explode", [input])

    def variant_explode_outer(self, input: Column) -> DataFrame:  # noqa: A002
        """Not implemented: pyrust has no VARIANT generator yet."""
        return table_function(self._session, "variant_explode_outer", [input])

    def python_worker_logs(self) -> DataFrame:
        """Not implemented: pyrust runs no Python workers."""
        return table_function(self._session, "python_worker_logs", [])
