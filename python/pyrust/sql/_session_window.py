"""Spark's session windows: ``df.groupBy(session_window(time, gap)).agg(...)``.

Each row's own window is ``[time, time + gap]``; per value of the other grouping
keys, windows that overlap or touch (a start at most the open session's end)
merge into one session, whose window is ``struct<start, end>`` from the first
start to the last end. Spark plans this as an aggregation of its own (sorted by
key and time, merging as it goes). PyRust builds the same sessions from window
functions, then groups as usual:

1. each row's window: ``start = time``, ``end = time + gap``; rows whose window
   is invalid (a null time, a gap that is null, unreadable or not positive) are
   left out, as Spark's rule does;
2. per other grouping key, ordered by ``start``: a row opens a session when its
   start is past every earlier row's end (``max(end)`` over the rows before it);
3. the running count of opened sessions numbers each row's session;
4. ``min(start)`` and ``max(end)`` over the rows of one numbered session are its
   window, the ``session_window`` column the aggregation groups by in place of
   the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._bound import analysis_error, not_implemented
from pyrust.sql._expressions import Alias, Call, ColumnReference, Expression, Literal, map_children

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_START = "__pyrust_session_start"
_END = "__pyrust_session_end"
_OPENS = "__pyrust_session_opens"
_NUMBER = "__pyrust_session_number"
_WINDOW = "__pyrust_session_window"
_TIME_TYPES = (
    '("(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)" or "STRUCT<start: TIMESTAMP, end: TIMESTAMP>" or '
    '"STRUCT<start: TIMESTAMP_NTZ, end: TIMESTAMP_NTZ>")'
)


def _calls(expressions: list[Expression]) -> list[Call]:
    """The distinct ``session_window`` calls in ``expressions``."""
    found: list[Call] = []

    def visit(expression: Expression) -> None:
        if isinstance(expression, Call) and expression.function == "session_window":
            if expression not in found:
                found.append(expression)
            return
        for child in expression.children():
            visit(child)

    for expression in expressions:
        visit(expression)
    return found


def sessionize(
    frame: DataFrame, groupings: list[Expression], aggregates: list[Expression]
) -> tuple[DataFrame, list[Expression], list[Expression]]:
    """``frame`` with each row's session window as a column, and the groupings and
    aggregates with the ``session_window`` call replaced by it (unchanged without one)."""
    calls = _calls(groupings)
    if not calls:
        return frame, groupings, aggregates
    if len(_calls([*groupings, *aggregates])) > 1:
        raise errors.AnalysisException(errorClass="_LEGACY_ERROR_TEMP_1039", messageParameters={})
    (call,) = calls
    if len(call.arguments) != 2:
        raise not_implemented(f"session_window with {len(call.arguments)} arguments")
    time, gap = call.arguments
    from pyrust.sql import functions as F
    from pyrust.sql.column import Column
    from pyrust.sql.window import Window

    start = _time_column(frame, time, gap)
    end = _end_column(start, gap)
    others = [Column(grouping) for grouping in groupings if grouping != call]
    ordered = Window.partitionBy(*others).orderBy(F.col(_START))
    opens = F.when(
        F.max(_END).over(ordered.rowsBetween(Window.unboundedPreceding, -1)) >= F.col(_START), F.lit(0)
    ).otherwise(F.lit(1))
    session = Window.partitionBy(*others, F.col(_NUMBER))
    window = F.struct(F.min(_START).over(session).alias("start"), F.max(_END).over(session).alias("end"))
    sessions = (
        frame.withColumns({_START: start, _END: end})
        .filter(F.col(_END) > F.col(_START))
        .withColumn(_OPENS, opens)
        .withColumn(_NUMBER, F.sum(_OPENS).over(ordered.rowsBetween(Window.unboundedPreceding, Window.currentRow)))
        .withColumn(_WINDOW, window)
    )
    replacement = Alias(ColumnReference(_WINDOW), "session_window")

    def replace(expression: Expression) -> Expression:
        return replacement if expression == call else map_children(expression, replace)

    return sessions, [replace(grouping) for grouping in groupings], [replace(aggregate) for aggregate in aggregates]


def select_windows(frame: DataFrame, expressions: list[Expression]) -> tuple[DataFrame, list[Expression]]:
    """Outside a grouping, a ``session_window`` call is each row's own window, and the
    rows without one are left out (as Spark's rule does)."""
    calls = _calls(expressions)
    if not calls:
        return frame, expressions
    if len(calls) > 1:
        raise errors.AnalysisException(errorClass="_LEGACY_ERROR_TEMP_1039", messageParameters={})
    (call,) = calls
    if len(call.arguments) != 2:
        raise not_implemented(f"session_window with {len(call.arguments)} arguments")
    from pyrust.sql import functions as F

    time, gap = call.arguments
    start = _time_column(frame, time, gap)
    end = _end_column(start, gap)
    window = Alias(F.struct(start.alias("start"), end.alias("end"))._expression, "session_window")

    def replace(expression: Expression) -> Expression:
        return window if expression == call else map_children(expression, replace)

    return frame.filter(end > start), [replace(expression) for expression in expressions]


def _time_column(frame: DataFrame, time: Expression, gap: Expression):
    """The session's time column: a timestamp (a string or date is cast to one, as Spark's implicit cast)."""
    from pyrust.sql.column import Column

    bound = frame._analyzer().resolve(time)
    if isinstance(bound.data_type, (T.StringType, T.DateType)):
        return Column(time).cast(T.TimestampType())
    if not isinstance(bound.data_type, (T.TimestampType, T.TimestampNTZType)):
        gap_text = gap.value if isinstance(gap, Literal) else gap.sql()
        raise analysis_error(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            sqlExpr=f'"sessionwindow({bound.name}, {gap_text})"',
            paramIndex="first",
            inputSql=f'"{bound.name}"',
            inputType=f'"{bound.data_type.simpleString().upper()}"',
            requiredType=_TIME_TYPES,
        )
    return Column(time)


def _end_column(start, gap: Expression):
    """``start + gap`` for a literal gap string."""
    from pyrust.sql import functions as F
    from pyrust.sql._functions.datetime_functions import _parse_duration

    if not (isinstance(gap, Literal) and isinstance(gap.data_type, (T.StringType, T.NullType))):
        raise not_implemented("session_window with a gap duration computed per row")
    # Spark's gap of null or an unreadable string is null: no row has a window
    # (an end that is the start is left out as well).
    if gap.value is None:
        return start
    try:
        months, micros = _parse_duration(str(gap.value))
    except errors.AnalysisException:
        return start
    end = start
    if months:
        end = F.timestamp_add("MONTH", F.lit(months), end)
    return F.timestamp_add("MICROSECOND", F.lit(micros), end)
