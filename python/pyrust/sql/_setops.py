"""Spark's set operations on DataFrames: ``subtract``, ``intersect``, ``exceptAll``, ``intersectAll``.

Both sides are matched by position and brought to common column types as for
``union``. ``subtract`` and ``intersect`` compare rows as sets (Substrait's
``MINUS_PRIMARY`` and ``INTERSECTION_MULTISET``, distinct rows out, nulls equal).
The ALL forms keep multiplicities as Spark does (``{a, a, a} - {a}`` is
``{a, a}``), planned as Spark's optimizer plans them (RewriteExceptAll,
RewriteIntersectAll), so that their rows come in Spark's order, that of a
grouping by all columns: both sides tagged and unioned, grouped by all
columns with the tags summed (``exceptAll``: +1 and -1) or counted per side
(``intersectAll``), the groups kept where the left side has rows left (the sum
is positive; both counts are), and each group's row repeated that many times
(the sum; the smaller count).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrust.sql import _plan as plan
from pyrust.sql._analyzer import Attribute
from pyrust.sql._expressions import Call, FieldIndex, SortOrder, WindowExpression

if TYPE_CHECKING:
    from pyrust.sql.column import Column
    from pyrust.sql.dataframe import DataFrame


def set_operation(left: DataFrame, right: DataFrame, operator: str, all_rows: bool) -> DataFrame:
    """``left`` combined with ``right`` by ``operator`` (``EXCEPT`` or ``INTERSECT``)."""
    targets = left._common_types(right, operator)
    mine, theirs = left._cast_columns(targets), right._cast_columns(targets)
    attributes = [
        Attribute(a.name, target, a.nullable and (operator == "EXCEPT" or b.nullable), a.qualifiers, a.metadata)
        for a, b, target in zip(left._attributes, right._attributes, targets)
    ]
    if not all_rows:
        operation = "minus" if operator == "EXCEPT" else "intersect"
        return mine._with_plan(plan.set_operation(mine._plan, theirs._plan, operation), attributes, theirs)
    rows = _except_all(mine, theirs) if operator == "EXCEPT" else _intersect_all(mine, theirs)
    return rows._with_plan(rows._plan, attributes)


def _columns(frame: DataFrame) -> list[Column]:
    from pyrust.sql.column import Column as ColumnOf

    return [ColumnOf(FieldIndex(index, a.name)) for index, a in enumerate(frame._attributes)]


def _except_all(left: DataFrame, right: DataFrame) -> DataFrame:
    """Spark's ``EXCEPT ALL``: each row's count on the left minus its count on the right."""
    from pyrust.sql import functions as F

    width = len(left._attributes)
    tagged = left.select(F.lit(1).cast("bigint"), *_columns(left)).unionAll(right.select(F.lit(-1).cast("bigint"), *_columns(right)))
    keys = _columns(tagged)[1:]
    grouped = tagged.groupBy(*keys).agg(F.sum(_columns(tagged)[0]))
    times = _columns(grouped)[width]
    return _replicated(grouped.filter(times > 0), width, times)


def _intersect_all(left: DataFrame, right: DataFrame) -> DataFrame:
    """Spark's ``INTERSECT ALL``: each row as many times as the smaller of its counts on both sides."""
    from pyrust.sql import functions as F

    width = len(left._attributes)
    on, off = F.lit(True), F.lit(None).cast("boolean")
    tagged = left.select(on, off, *_columns(left)).unionAll(right.select(off, on, *_columns(right)))
    tags = _columns(tagged)
    grouped = tagged.groupBy(*tags[2:]).agg(F.count(tags[0]), F.count(tags[1]))
    counts = _columns(grouped)[width:]
    both = grouped.filter((counts[0] >= 1) & (counts[1] >= 1))
    return _replicated(both, width, F.when(counts[0] > counts[1], counts[1]).otherwise(counts[0]))


def _replicated(frame: DataFrame, width: int, times: Column) -> DataFrame:
    """The first ``width`` columns of each row of ``frame``, ``times`` times (Spark's ``replicate_rows``)."""
    from pyrust.sql import functions as F

    copies = F.explode(F.array_repeat(F.lit(0), times.cast("int")))
    return frame.select(*_columns(frame)[:width], copies).select(*_columns(frame)[:width])


def _numbered(frame: DataFrame) -> DataFrame:
    """``frame`` with one more column: the row's number among the rows equal to it."""
    from pyrust.sql.column import Column

    keys = tuple(FieldIndex(index, a.name) for index, a in enumerate(frame._attributes))
    number = WindowExpression(Call("row_number", ()), keys, (SortOrder(keys[0]),))
    return frame.select([Column(key) for key in keys] + [Column(number)])
