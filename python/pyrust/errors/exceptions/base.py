"""The exception classes of ``pyspark.errors.exceptions.base``: names, hierarchy, messages.

Every exception can be built in two ways, as in PySpark 4.3::

    AnalysisException("free-form message")
    AnalysisException(errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
                      messageParameters={"objectName": "`agee`", "proposal": "`age`"})

With an error condition the message is rendered from Spark's templates, so
``str(exc)`` reads exactly like the message PySpark shows.  Conditions that
Spark raises in the JVM end with ``SQLSTATE: <state>``; those PySpark raises in
Python do not.  PySpark also appends the logical plan or a query context to
JVM errors; PyRust has no such plan, so it only appends what the caller passes
as ``context``.
"""

from __future__ import annotations

import pickle
import warnings
from typing import Any

from pyrust.error_conditions import PYTHON_SIDE_CONDITIONS
from pyrust.errors._messages import legacy_expected_type, render_message, sql_state


def _rebuild(cls: type, state: dict[str, Any]) -> PySparkException:
    """Unpickling helper: make an instance without running ``__init__`` twice."""
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    return exc


class PySparkException(Exception):
    """Base class of every PyRust error, like ``pyspark.errors.PySparkException``.

    Parameters
    ----------
    message : str, optional
        Free-form text.  Used as-is when no ``errorClass`` is given; with an
        ``errorClass`` it replaces the template text.
    errorClass : str, optional
        The error condition, e.g. ``"UNRESOLVED_COLUMN.WITH_SUGGESTION"``.
    messageParameters : dict of str, optional
        Values for the ``<name>`` placeholders of the condition's template.
    context : str, optional
        Text appended to ``str(exc)`` after the message, standing in for the
        plan or query context PySpark appends to JVM errors.
    """

    def __init__(
        self,
        message: str | None = None,
        errorClass: str | None = None,
        messageParameters: dict[str, str] | None = None,
        *,
        context: str | None = None,
    ) -> None:
        if errorClass is not None:
            expected = legacy_expected_type(errorClass)
            if expected is not None:
                messageParameters = {**(messageParameters or {}), "expected_type": expected}
                errorClass = "NOT_EXPECTED_TYPE"
            if messageParameters is None:
                messageParameters = {}
        self._message = message
        self._errorClass = errorClass
        self._messageParameters = dict(messageParameters) if messageParameters is not None else None
        self._context = context

    # -- PySpark's accessors --------------------------------------------------

    def getCondition(self) -> str | None:
        """The error condition, or None for a free-form error."""
        return self._errorClass

    def getErrorClass(self) -> str | None:
        """Deprecated alias of :meth:`getCondition` (PySpark 4.0 deprecated it)."""
        warnings.warn("Deprecated in 4.0.0, use getCondition instead.", FutureWarning, stacklevel=2)
        return self._errorClass

    def getMessageParameters(self) -> dict[str, str] | None:
        """The template parameters, or None for a free-form error."""
        return self._messageParameters

    def getSqlState(self) -> str | None:
        """The SQLSTATE of the condition, or None if it has none."""
        return sql_state(self._errorClass)

    def getMessage(self) -> str:
        """``[CONDITION] message``, without any appended context.

        Like PySpark, a free-form error reports its condition as ``None``.
        """
        if self._errorClass is None:
            return f"[None] {self._message}"
        return self._headline()

    def getQueryContext(self) -> list:
        """Query contexts; PyRust does not track them, so this is empty."""
        return []

    # -- rendering --------------------------------------------------------------

    def _body(self) -> str:
        if self._message is not None:
            return self._message
        return render_message(self._errorClass or "", self._messageParameters)

    def _headline(self) -> str:
        # Spark prints its legacy (unnamed) conditions without the class.
        legacy = self._errorClass.startswith("_LEGACY_ERROR_")
        text = self._body() if legacy else f"[{self._errorClass}] {self._body()}"
        state = self.getSqlState()
        # Only the JVM appends the SQL state; PySpark's own errors never do.
        if state is not None and self._errorClass.split(".")[0] not in PYTHON_SIDE_CONDITIONS:
            text += f" SQLSTATE: {state}"
        return text

    def __str__(self) -> str:
        if self._errorClass is None:
            text = "" if self._message is None else str(self._message)
        else:
            text = self._headline()
        if self._context:
            text += self._context
        return text

    def __reduce__(self) -> tuple:
        # Exception pickling replays only positional args, which would lose
        # the condition and parameters given as keywords.
        return _rebuild, (type(self), dict(self.__dict__))


class AnalysisException(PySparkException):
    """A query failed analysis (unknown column, type mismatch, ...)."""


class SessionNotSameException(PySparkException):
    """Two objects from different sessions were combined."""


class TempTableAlreadyExistsException(AnalysisException):
    """A temporary view with that name already exists."""


class ParseException(AnalysisException):
    """SQL or DDL text could not be parsed.

    Besides the usual arguments it takes the parsed text and the position of
    the error, and then renders the ``== SQL ==`` excerpt Spark prints.

    Parameters
    ----------
    query : str, optional
        The text that failed to parse.
    line : int, optional
        1-based line of the error.
    pos : int, optional
        0-based column of the error in that line.
    """

    def __init__(
        self,
        message: str | None = None,
        errorClass: str | None = None,
        messageParameters: dict[str, str] | None = None,
        *,
        query: str | None = None,
        line: int | None = None,
        pos: int | None = None,
        context: str | None = None,
    ) -> None:
        super().__init__(message, errorClass, messageParameters, context=context)
        self._query = query
        self._line = line
        self._pos = pos

    def __str__(self) -> str:
        if self._query is None:
            return super().__str__()
        head = super().__str__()
        if self._line is None or self._pos is None:
            return f"\n{head}\n== SQL ==\n{self._query}"
        # Java's String.split drops trailing empty strings; Spark's excerpt
        # is built from that split, so a trailing newline adds no line.
        lines = self._query.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        above, below = lines[: self._line], lines[self._line :]
        parts = [f"\n{head} (line {self._line}, pos {self._pos})\n\n== SQL ==\n"]
        parts.extend(text + "\n" for text in above)
        parts.append("-" * self._pos + "^^^\n")
        parts.extend(text + "\n" for text in below)
        return "".join(parts)


class IllegalArgumentException(PySparkException):
    """An argument passed to the engine was invalid."""


class ArithmeticException(PySparkException):
    """Arithmetic failed, e.g. division by zero or overflow under ANSI mode."""


class UnsupportedOperationException(PySparkException):
    """The engine does not support the requested operation."""


class ArrayIndexOutOfBoundsException(PySparkException):
    """An array index was out of bounds."""


class DateTimeException(PySparkException):
    """A date or time value or operation was invalid."""


class NumberFormatException(IllegalArgumentException):
    """A string could not be converted to a number."""


class StreamingQueryException(PySparkException):
    """A streaming query failed."""


class QueryExecutionException(PySparkException):
    """A query failed while executing."""


class PythonException(PySparkException):
    """A Python worker (such as a UDF) raised an exception; its message is the
    worker's traceback, shown (as PySpark shows it) without the condition's tag."""

    def __str__(self) -> str:
        text = super().__str__()
        tag = f"[{self._errorClass}] "
        return text[len(tag) :] if self._errorClass and text.startswith(tag) else text


class SparkRuntimeException(PySparkException):
    """A runtime error raised by the engine."""


class SparkUpgradeException(PySparkException):
    """Behaviour changed across Spark versions and the result would be ambiguous."""


class SparkNoSuchElementException(PySparkException):
    """A requested element (configuration key, ...) does not exist."""


class UnknownException(PySparkException):
    """An engine error with no more specific class."""


class PySparkValueError(PySparkException, ValueError):
    """A ValueError raised by the API layer."""


class PySparkTypeError(PySparkException, TypeError):
    """A TypeError raised by the API layer."""


class PySparkIndexError(PySparkException, IndexError):
    """An IndexError raised by the API layer."""


class PySparkKeyError(PySparkException, KeyError):
    """A KeyError raised by the API layer."""


class PySparkAttributeError(PySparkException, AttributeError):
    """An AttributeError raised by the API layer."""


class PySparkRuntimeError(PySparkException, RuntimeError):
    """A RuntimeError raised by the API layer."""


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    """A feature that exists in PySpark but not (yet) in PyRust."""


class PySparkAssertionError(PySparkException, AssertionError):
    """An assertion helper found a difference."""


class PySparkImportError(PySparkException, ImportError):
    """An optional dependency is missing."""


class PySparkPicklingError(PySparkException, pickle.PicklingError):
    """An object could not be pickled."""


# ---------------------------------------------------------------------------
# Identifiers and "did you mean" suggestions
