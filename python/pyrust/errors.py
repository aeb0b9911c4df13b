"""Exception classes with the names, hierarchy and messages of ``pyspark.errors``.

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

(on one line).  Conditions that Spark raises in the JVM end with
``SQLSTATE: <state>``; those PySpark raises in Python do not.  PySpark also
appends the logical plan or a query context to JVM errors; PyRust has no
such plan, so it only appends what the caller passes as ``context``.

Besides the classes, the module offers :func:`suggest_names` and
:func:`unresolved_column_error`, which order "Did you mean" candidates the
way Spark does.
"""

from __future__ import annotations

import pickle
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from pyrust.error_conditions import ERROR_CONDITIONS, PYTHON_SIDE_CONDITIONS

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


# ---------------------------------------------------------------------------
# Message rendering
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_]+)>")

# PySpark 4.3 folded its many NOT_<TYPE>_OR_<TYPE> conditions into
# NOT_EXPECTED_TYPE.  Code written against older PySpark still uses the old
# names, so they are translated into what PySpark 4.3 reports.
_LEGACY_TYPE_WORDS = {
    "BOOL": "bool",
    "CALLABLE": "callable",
    "COLUMN": "Column",
    "DATAFRAME": "DataFrame",
    "DATATYPE": "DataType",
    "DICT": "dict",
    "FLOAT": "float",
    "INT": "int",
    "LIST": "list",
    "NONE": "None",
    "STR": "str",
    "STRUCT": "struct type",
    "TUPLE": "tuple",
}


def _legacy_expected_type(condition: str) -> str | None:
    """The ``expected_type`` wording for an old ``NOT_A_OR_B`` condition name, if it is one."""
    if not condition.startswith("NOT_") or condition in ERROR_CONDITIONS:
        return None
    words = condition[len("NOT_") :].split("_OR_")
    if not all(word in _LEGACY_TYPE_WORDS for word in words):
        return None
    names = [_LEGACY_TYPE_WORDS[word] for word in words]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _lookup(condition: str) -> tuple[dict, dict | None] | None:
    """The main and (for ``MAIN.SUB``) sub-condition entries, or None if unknown."""
    main_name, _, sub_name = condition.partition(".")
    main = ERROR_CONDITIONS.get(main_name)
    if main is None:
        return None
    if not sub_name:
        return main, None
    sub = main.get("subClass", {}).get(sub_name)
    if sub is None:
        return None
    return main, sub


def has_condition(condition: str) -> bool:
    """Whether ``condition`` (``"MAIN"`` or ``"MAIN.SUB"``) has a message template."""
    return _lookup(condition) is not None


def _fill(template: str, parameters: dict[str, Any]) -> str:
    # One pass only, so that parameter values containing "<...>" (such as
    # "ARRAY<INT>") are inserted verbatim rather than substituted again.
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(parameters[name]) if name in parameters else match.group(0)

    return _PLACEHOLDER.sub(replace, template)


def render_message(condition: str, parameters: dict[str, Any] | None = None) -> str:
    """The message text of ``condition`` with its parameters filled in.

    The result carries neither the ``[CONDITION]`` prefix nor the SQL state.
    An unknown condition renders as its parameters, so a missing template
    never hides the error being raised.
    """
    parameters = parameters or {}
    entries = _lookup(condition)
    if entries is None:
        return ", ".join(f"{key}={value}" for key, value in parameters.items())
    main, sub = entries
    text = "\n".join(main["message"])
    if sub is not None:
        text += " " + "\n".join(sub["message"])
    return _fill(text, parameters)


def _sql_state(condition: str | None) -> str | None:
    if condition is None:
        return None
    entries = _lookup(condition)
    if entries is None:
        return None
    main, sub = entries
    if sub is not None and "sqlState" in sub:
        return sub["sqlState"]
    return main.get("sqlState")


# ---------------------------------------------------------------------------
# Exception classes
# ---------------------------------------------------------------------------


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
            expected = _legacy_expected_type(errorClass)
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
        return _sql_state(self._errorClass)

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
# ---------------------------------------------------------------------------


def quote_identifier(part: str) -> str:
    """``part`` in backticks, with inner backticks doubled, as Spark quotes names."""
    return "`" + part.replace("`", "``") + "`"


def parse_attribute_name(name: str) -> list[str]:
    """Split a column reference such as ``a.`b.c`.d`` into its name parts.

    Dots separate parts except inside backticks, where a doubled backtick
    stands for one backtick.

    Raises
    ------
    AnalysisException
        ``INVALID_ATTRIBUTE_NAME_SYNTAX`` when the backticks are unbalanced
        or a quoted part is followed by more text.
    """

    def invalid() -> AnalysisException:
        return AnalysisException(errorClass="INVALID_ATTRIBUTE_NAME_SYNTAX", messageParameters={"name": name})

    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    i = 0
    while i < len(name):
        char = name[i]
        if in_quotes:
            if char == "`":
                if i + 1 < len(name) and name[i + 1] == "`":
                    current.append("`")
                    i += 1
                else:
                    in_quotes = False
                    # A closing backtick must end the part.
                    if i + 1 < len(name) and name[i + 1] != ".":
                        raise invalid()
            else:
                current.append(char)
        elif char == "`":
            if current:
                raise invalid()
            in_quotes = True
        elif char == ".":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    if in_quotes:
        raise invalid()
    parts.append("".join(current))
    return parts


def _quoted_name(name: str) -> str:
    """The ``objectName`` Spark reports for a reference: each part in backticks."""
    try:
        parts = parse_attribute_name(name)
    except AnalysisException:
        parts = [name]
    return ".".join(quote_identifier(part) for part in parts)


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _display_names(name: str, candidates: Sequence[str | Sequence[str]]) -> list[str]:
    """Quoted candidate names after Spark's qualifier stripping."""
    split = [[c] if isinstance(c, str) else [str(p) for p in c] for c in candidates]
    try:
        base_parts = len(parse_attribute_name(name))
    except AnalysisException:
        base_parts = 1
    # When every candidate shares its qualifier, Spark drops the qualifier;
    # failing that, it drops what precedes the table name if that is shared.
    if base_parts == 1 and len({tuple(parts[:-1]) for parts in split}) == 1:
        split = [parts[-1:] for parts in split]
    elif base_parts <= 2 and len({tuple(parts[:-2]) for parts in split}) == 1:
        split = [parts[-2:] for parts in split]
    return [".".join(quote_identifier(p) for p in parts) for parts in split]


def _ranked(name: str, candidates: Sequence[str | Sequence[str]], limit: int) -> list[int]:
    displays = _display_names(name, candidates)
    # Spark sorts the candidates by name, then stable-sorts them by the edit
    # distance between the *quoted* candidate and the name as written; so
    # ties keep alphabetical order.  Verified against PySpark 4.3.
    order = sorted(range(len(candidates)), key=lambda i: displays[i])
    order.sort(key=lambda i: _levenshtein(displays[i], name))
    return order[: max(limit, 0)]


def suggest_names(name: str, candidates: Iterable[str | Sequence[str]], limit: int = 5) -> list[str]:
    """The candidates Spark would propose for an unresolved ``name``, best first.

    Parameters
    ----------
    name : str
        The reference as the user wrote it, e.g. ``"agee"`` or ``"t.agee"``.
    candidates : iterable of str or of sequences of str
        Available columns.  A string is one column name (dots included); a
        sequence is a qualified name such as ``("t", "age")``.
    limit : int, default 5
        How many suggestions to keep; Spark keeps five.

    Returns
    -------
    list of str
        String candidates are returned unchanged.  Qualified candidates are
        returned quoted, after dropping a qualifier they all share, e.g.
        ``"`t`.`age`"``, since that is how Spark shows them.
    """
    candidates = list(candidates)
    displays = _display_names(name, candidates)
    return [
        candidates[i] if isinstance(candidates[i], str) else displays[i] for i in _ranked(name, candidates, limit)
    ]


def unresolved_column_error(
    name: str,
    candidates: Iterable[str | Sequence[str]],
    *,
    sort: bool = True,
    context: str | None = None,
) -> AnalysisException:
    """The ``UNRESOLVED_COLUMN`` error Spark raises for an unknown column.

    Parameters
    ----------
    name : str
        The reference as written, e.g. ``"agee"``.
    candidates : iterable of str or of sequences of str
        The columns in scope (see :func:`suggest_names`).
    sort : bool, default True
        Rank and cut to five as analysis does (``select``, ``filter``, SQL).
        Pass False for ``df["name"]`` lookups, where Spark lists every column
        in schema order instead.
    context : str, optional
        Appended to ``str()`` of the error (see :class:`PySparkException`).

    Returns
    -------
    AnalysisException
        ``UNRESOLVED_COLUMN.WITH_SUGGESTION``, or ``WITHOUT_SUGGESTION`` when
        there are no candidates.
    """
    candidates = list(candidates)
    object_name = _quoted_name(name)
    if not candidates:
        return AnalysisException(
            errorClass="UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
            messageParameters={"objectName": object_name},
            context=context,
        )
    displays = _display_names(name, candidates)
    if sort:
        displays = [displays[i] for i in _ranked(name, candidates, 5)]
    return AnalysisException(
        errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
        messageParameters={"objectName": object_name, "proposal": ", ".join(displays)},
        context=context,
    )
