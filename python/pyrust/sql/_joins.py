"""Joins: PySpark's ``join`` and ``crossJoin``, mixed into ``DataFrame``.

A join condition is resolved over both sides' columns; ``on`` given as
column names is Spark's USING join (the keys once, first). An outer join
makes the columns of the side that may be missing nullable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql._analyzer import Attribute, attribute_of
from pyrust.sql._dataframe_api import _flatten
from pyrust.sql._expressions import Alias, Call, Expression, FieldIndex
from pyrust.sql._subquery import deferrable

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_JOIN_TYPES = {
    "inner": "inner",
    "cross": "inner",
    "outer": "full",
    "full": "full",
    "fullouter": "full",
    "full_outer": "full",
    "left": "left",
    "leftouter": "left",
    "left_outer": "left",
    "right": "right",
    "rightouter": "right",
    "right_outer": "right",
    "semi": "left_semi",
    "leftsemi": "left_semi",
    "left_semi": "left_semi",
    "anti": "left_anti",
    "leftanti": "left_anti",
    "left_anti": "left_anti",
}


class JoinMethods:
    """``join`` and ``crossJoin`` of ``DataFrame``."""

    @deferrable
    def join(self, other: DataFrame, on: Any = None, how: str | None = None) -> DataFrame:
        """Join with ``other`` on column names or a condition; ``how`` as in PySpark."""
        join_type = _JOIN_TYPES.get((how or "inner").lower().replace(" ", ""))
        if join_type is None:
            supported = "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'"
            raise errors.IllegalArgumentException(f"Unsupported join type '{how}'. Supported join types include: {supported}.")
        combined = _outer_join_attributes(self._attributes, other._attributes, join_type)
        keep_right = join_type not in ("left_semi", "left_anti")
        if on is None:
            joined = plan.join(self._plan, other._plan, join_type, None)
            return self._with_plan(joined, combined if keep_right else self._attributes, other)
        keys = _flatten((on,)) if isinstance(on, (list, tuple)) else [on]
        if all(isinstance(key, str) for key in keys):
            return self._join_using(other, keys, join_type)
        analyzer = self._analyzer(combined)
        condition_expression = keys[0]._expression
        for key in keys[1:]:
            condition_expression = Call("and", (condition_expression, key._expression))
        bound = analyzer.resolve(condition_expression)
        joined = plan.join(self._plan, other._plan, join_type, bound.proto)
        return self._with_plan(joined, combined if keep_right else self._attributes, other)

    def _join_using(self, other: DataFrame, names: list[str], join_type: str) -> DataFrame:
        left_width = len(self._attributes)
        pairs = []
        for name in names:
            left_index = _using_index(self, name, "left")
            right_index = _using_index(other, name, "right")
            pairs.append((left_index, left_width + right_index))
        combined = _outer_join_attributes(self._attributes, other._attributes, join_type)
        analyzer = self._analyzer(combined)
        condition: Expression | None = None
        for left_index, right_index in pairs:
            equal = Call("=", (FieldIndex(left_index, ""), FieldIndex(right_index, "")))
            condition = equal if condition is None else Call("and", (condition, equal))
        joined = plan.join(self._plan, other._plan, join_type, analyzer.resolve(condition).proto)
        keys = []
        for left_index, right_index in pairs:
            name = combined[left_index].name
            if join_type == "right":
                keys.append(analyzer.resolve(FieldIndex(right_index, name)))
            elif join_type == "full":
                both = (FieldIndex(left_index, name), FieldIndex(right_index, name))
                keys.append(analyzer.resolve(Alias(Call("coalesce", both), name)))
            else:
                keys.append(analyzer.resolve(FieldIndex(left_index, name)))
        key_indexes = {index for pair in pairs for index in pair}
        rest = [i for i in range(left_width) if i not in key_indexes]
        if join_type not in ("left_semi", "left_anti"):
            rest += [i for i in range(left_width, len(combined)) if i not in key_indexes]
        width = len(combined) if join_type not in ("left_semi", "left_anti") else left_width
        bounds = keys + [analyzer.resolve(FieldIndex(i, combined[i].name)) for i in rest]
        projected = plan.project(joined, [bound.proto for bound in bounds], width)
        return self._with_plan(projected, [attribute_of(bound) for bound in bounds], other)

    def crossJoin(self, other: DataFrame) -> DataFrame:
        """Every pair of rows of the two DataFrames."""
        return self.join(other, how="cross")

    def _joinAsOf(  # noqa: N802 - PySpark's name
        self,
        other: DataFrame,
        leftAsOfColumn: Any,  # noqa: N803
        rightAsOfColumn: Any,  # noqa: N803
        on: Any = None,
        how: str | None = None,
        *,
        tolerance: Any = None,
        allowExactMatches: bool = True,  # noqa: N803
        direction: str = "backward",
    ) -> DataFrame:
        """As-of join: each row of this DataFrame with the row of ``other`` whose as-of
        value is nearest to its own (before it: ``backward``, after it: ``forward``, either
        side: ``nearest``), within ``tolerance`` if given, among the rows matching ``on``;
        ``how`` is ``inner`` (rows without a match dropped) or ``left``.

        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> left = spark.createDataFrame([(1, "a"), (5, "b"), (10, "c")], ["t", "l"])
        >>> right = spark.createDataFrame([(2, "x"), (6, "y")], ["t", "r"])
        >>> left._joinAsOf(right, "t", "t", how="left").show()
        +---+---+----+----+
        |  t|  l|   t|   r|
        +---+---+----+----+
        |  1|  a|NULL|NULL|
        |  5|  b|   2|   x|
        | 10|  c|   6|   y|
        +---+---+----+----+
        <BLANKLINE>
        """
        from pyrust.sql._asof_join import join_as_of

        return join_as_of(
            self, other, leftAsOfColumn, rightAsOfColumn, on, how, tolerance, allowExactMatches, direction
        )

    def nearestByJoin(  # noqa: N802 - PySpark's name
        self,
        other: DataFrame,
        rankingExpression: Any,  # noqa: N803
        numResults: int,  # noqa: N803
        mode: str,
        direction: str,
        *,
        joinType: str = "inner",  # noqa: N803
    ) -> DataFrame:
        """Each row of this DataFrame with the ``numResults`` rows of ``other`` that rank
        first by ``rankingExpression`` (smallest first for ``direction="distance"``,
        largest for ``"similarity"``), best first; ``mode`` ``"approx"`` or ``"exact"``
        (both compute the exact answer); ``joinType`` ``inner`` or ``leftouter``.

        >>> from pyrust.sql import SparkSession, functions as sf
        >>> spark = SparkSession.builder.getOrCreate()
        >>> points = spark.createDataFrame([(1, 0.0), (2, 9.0)], ["id", "x"])
        >>> sites = spark.createDataFrame([("a", 1.0), ("b", 7.0), ("c", 12.0)], ["site", "y"])
        >>> points.nearestByJoin(sites, sf.abs(points.x - sites.y), 2, "exact", "distance").show()
        +---+---+----+----+
        | id|  x|site|   y|
        +---+---+----+----+
        |  1|0.0|   a| 1.0|
        |  1|0.0|   b| 7.0|
        |  2|9.0|   b| 7.0|
        |  2|9.0|   c|12.0|
        +---+---+----+----+
        <BLANKLINE>
        """
        from pyrust.sql._asof_join import nearest_by_join

        return nearest_by_join(self, other, rankingExpression, numResults, mode, direction, joinType)


def _using_index(frame: DataFrame, name: str, side: str) -> int:
    matches = [i for i, a in enumerate(frame._attributes) if a.name.lower() == name.lower()]
    if not matches:
        raise errors.AnalysisException(
            errorClass="UNRESOLVED_USING_COLUMN_FOR_JOIN",
            messageParameters={
                "colName": f"`{name}`",
                "side": side,
                "suggestion": ", ".join(f"`{a.name}`" for a in frame._attributes),
            },
        )
    return matches[0]


def _outer_join_attributes(left: tuple[Attribute, ...], right: tuple[Attribute, ...], join_type: str) -> tuple[Attribute, ...]:
    """Both sides' columns; an outer join makes the side that may be missing nullable."""

    def nullable(attributes: tuple[Attribute, ...]) -> tuple[Attribute, ...]:
        return tuple(Attribute(a.name, a.data_type, True, a.qualifiers, a.metadata) for a in attributes)

    if join_type in ("left", "full"):
        right = nullable(right)
    if join_type in ("right", "full"):
        left = nullable(left)
    return left + right
