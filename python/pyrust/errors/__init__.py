"""Spark's errors, as ``pyspark.errors``: the exception classes and Spark's message templates.

Every exception can be built in two ways, as in PySpark 4.3::

    AnalysisException("free-form message")
    AnalysisException(errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
                      messageParameters={"objectName": "`agee`", "proposal": "`age`"})

With an error condition the message is rendered from the templates in
:mod:`pyrust.error_conditions`, so ``str(exc)`` reads exactly like the
message PySpark shows, for instance::

    [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter
    with name `agee` cannot be resolved. Did you mean one of the following?
    [`age`]. SQLSTATE: 42703

(on one line).

The classes live in :mod:`pyrust.errors.exceptions.base`, as in PySpark. The
names of errors the Spark engine raises (``AnalysisException``,
``ParseException``, ``ArithmeticException`` ...) are exported here as their
:mod:`pyrust.errors.exceptions.captured` subclasses, which is what PyRust raises
(classic PySpark raises the captured classes too, but exports the base ones
here); an ``except`` clause on either class catches them.

Besides the classes, the package offers :func:`suggest_names` and
:func:`unresolved_column_error`, which order "Did you mean" candidates the
way Spark does.
"""

from __future__ import annotations

from pyrust.errors._messages import has_condition, render_message
from pyrust.errors._names import parse_attribute_name, quote_identifier, suggest_names, unresolved_column_error
from pyrust.errors.exceptions.base import (
    PySparkAssertionError,
    PySparkAttributeError,
    PySparkException,
    PySparkImportError,
    PySparkIndexError,
    PySparkKeyError,
    PySparkNotImplementedError,
    PySparkPicklingError,
    PySparkRuntimeError,
    PySparkTypeError,
    PySparkValueError,
    SessionNotSameException,
    TempTableAlreadyExistsException,
)
from pyrust.errors.exceptions.captured import (
    AnalysisException,
    ArithmeticException,
    ArrayIndexOutOfBoundsException,
    DateTimeException,
    IllegalArgumentException,
    NumberFormatException,
    ParseException,
    PythonException,
    QueryExecutionException,
    SparkNoSuchElementException,
    SparkRuntimeException,
    SparkUpgradeException,
    StreamingQueryException,
    UnknownException,
    UnsupportedOperationException,
)

__all__ = [
    "PySparkException",
    "AnalysisException",
    "SessionNotSameException",
    "TempTableAlreadyExistsException",
    "ParseException",
    "IllegalArgumentException",
    "ArithmeticException",
    "UnsupportedOperationException",
    "ArrayIndexOutOfBoundsException",
    "DateTimeException",
    "NumberFormatException",
    "StreamingQueryException",
    "QueryExecutionException",
    "PythonException",
    "SparkRuntimeException",
    "SparkUpgradeException",
    "SparkNoSuchElementException",
    "UnknownException",
    "PySparkValueError",
    "PySparkTypeError",
    "PySparkIndexError",
    "PySparkKeyError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkNotImplementedError",
    "PySparkAssertionError",
    "PySparkImportError",
    "PySparkPicklingError",
    "has_condition",
    "render_message",
    "quote_identifier",
    "parse_attribute_name",
    "suggest_names",
    "unresolved_column_error",
]
