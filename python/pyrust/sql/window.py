"""PySpark's ``pyspark.sql.window``: ``Window`` and ``WindowSpec``.

A window spec names how rows are partitioned, how they are ordered within a
partition, and which rows around the current one (the frame) a window function
sees; ``Column.over`` applies a function over it.
"""

from __future__ import annotations

import sys
from typing import Any

from pyrust import errors
from pyrust.sql._expressions import Expression, SortOrder, WindowFrame

_JAVA_MIN_LONG = -(1 << 63)
_JAVA_MAX_LONG = (1 << 63) - 1


def _expressions(columns: tuple[Any, ...]) -> list[Expression]:
    from pyrust.sql.column import _to_column

    if len(columns) == 1 and isinstance(columns[0], list):
        columns = tuple(columns[0])
    return [_to_column(column)._expression for column in columns]


def _orders(columns: tuple[Any, ...]) -> tuple[SortOrder, ...]:
    """Sort keys; a plain column sorts ascending, nulls first."""
    return tuple(
        expression if isinstance(expression, SortOrder) else SortOrder(expression, ascending=True, nulls_first=True)
        for expression in _expressions(columns)
    )


def _offset(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.PySparkTypeError(
            errorClass="NOT_INT", messageParameters={"arg_name": name, "arg_type": type(value).__name__}
        )
    return value


class Window:
    """Builders of window specs: ``Window.partitionBy("k").orderBy("t")``.

    Examples
    --------
    >>> from pyrust.sql import Window
    >>> Window.partitionBy("k").orderBy("t").rowsBetween(Window.unboundedPreceding, Window.currentRow)
    <...WindowSpec object at 0x...>
    """

    _JAVA_MIN_LONG = _JAVA_MIN_LONG
    _JAVA_MAX_LONG = _JAVA_MAX_LONG
    _PRECEDING_THRESHOLD = max(-sys.maxsize, _JAVA_MIN_LONG)
    _FOLLOWING_THRESHOLD = min(sys.maxsize, _JAVA_MAX_LONG)

    unboundedPreceding: int = _JAVA_MIN_LONG
    unboundedFollowing: int = _JAVA_MAX_LONG
    currentRow: int = 0

    @staticmethod
    def partitionBy(*cols: Any) -> WindowSpec:
        """A window partitioned by ``cols`` (names or Columns)."""
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: Any) -> WindowSpec:
        """A window ordered by ``cols`` (names or Columns, ascending unless sorted otherwise)."""
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        """A window whose frame is the rows from ``start`` to ``end``, relative to the current row."""
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        """A window whose frame is the rows whose ordering value is within ``start`` to ``end`` of the current row's."""
        return WindowSpec().rangeBetween(start, end)


class WindowSpec:
    """Partitioning, ordering and frame of a window (immutable; each method returns a new spec)."""

    def __init__(
        self,
        partition: tuple[Expression, ...] = (),
        order: tuple[SortOrder, ...] = (),
        frame: WindowFrame | None = None,
    ) -> None:
        self._partition = partition
        self._order = order
        self._frame = frame

    def partitionBy(self, *cols: Any) -> WindowSpec:
        """This window partitioned by ``cols`` instead."""
        return WindowSpec(tuple(_expressions(cols)), self._order, self._frame)

    def orderBy(self, *cols: Any) -> WindowSpec:
        """This window ordered by ``cols`` instead."""
        return WindowSpec(self._partition, _orders(cols), self._frame)

    def rowsBetween(self, start: int, end: int) -> WindowSpec:
        """This window with a frame of rows from ``start`` to ``end`` (``Window.unboundedPreceding``...)."""
        return WindowSpec(self._partition, self._order, _frame("ROWS", start, end))

    def rangeBetween(self, start: int, end: int) -> WindowSpec:
        """This window with a frame of ordering values from ``start`` to ``end`` of the current row's."""
        return WindowSpec(self._partition, self._order, _frame("RANGE", start, end))


def _frame(kind: str, start: int, end: int) -> WindowFrame:
    start = _offset(start, "start")
    end = _offset(end, "end")
    return WindowFrame(
        kind,
        None if start <= Window._PRECEDING_THRESHOLD else start,
        None if end >= Window._FOLLOWING_THRESHOLD else end,
    )
