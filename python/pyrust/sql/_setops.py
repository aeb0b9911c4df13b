"""Spark's set operations on DataFrames: ``subtract``, ``intersect``, ``exceptAll``, ``intersectAll``.

Both sides are matched by position and brought to common column types as for
``union``. ``subtract`` and ``intersect`` compare rows as sets (Substrait's
``MINUS_PRIMARY`` and ``INTERSECTION_MULTISET``, distinct rows out, nulls equal).
The ALL forms keep multiplicities as Spark does (``{a, a, a} - {a}`` is
``{a, a}``): each row is numbered within its group of equal rows on both
sides, and rows then match on their values and that number (an anti join
for ``exceptAll``, a semi join for ``intersectAll``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrust.sql import _plan as plan
from pyrust.sql._analyzer import Attribute
from pyrust.sql._expressions import Call, Expression, FieldIndex, SortOrder, WindowExpression

if TYPE_CHECKING:
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
    width = len(attributes)
    numbered_left, numbered_right = _numbered(mine), _numbered(theirs)
    combined = numbered_left._attributes + numbered_right._attributes
    condition: Expression | None = None
    for index in range(width + 1):
        equal = Call("<=>", (FieldIndex(index, ""), FieldIndex(width + 1 + index, "")))
        condition = equal if condition is None else Call("and", (condition, equal))
    bound = numbered_left._analyzer(combined).resolve(condition)
    joined = plan.join(numbered_left._plan, numbered_right._plan, "left_anti" if operator == "EXCEPT" else "left_semi", bound.proto)
    analyzer = numbered_left._analyzer()
    columns = [analyzer.resolve(FieldIndex(index, a.name)).proto for index, a in enumerate(attributes)]
    return numbered_left._with_plan(plan.project(joined, columns, width + 1), attributes, numbered_right)


def _numbered(frame: DataFrame) -> DataFrame:
    """``frame`` with one more column: the row's number among the rows equal to it."""
    from pyrust.sql.column import Column

    keys = tuple(FieldIndex(index, a.name) for index, a in enumerate(frame._attributes))
    number = WindowExpression(Call("row_number", ()), keys, (SortOrder(keys[0]),))
    return frame.select([Column(key) for key in keys] + [Column(number)])
