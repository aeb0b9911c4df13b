"""As-of and nearest-by joins: ``DataFrame._joinAsOf`` and ``DataFrame.nearestByJoin``.

Spark plans an as-of join as a scalar subquery per left row: of the right rows
that meet the join condition and the as-of condition (``left >= right`` looking
``backward``, ``left <= right`` looking ``forward``, any for ``nearest``, each
bounded by the tolerance), the one at the smallest distance (``min_by``; rows
whose distance is null do not count). A nearest-by join keeps, per left row, the
``numResults`` right rows that rank first by an expression (``max_by``/``min_by``
with a count), best first.

PyRust builds both from joins and windows, so the engine runs them:

1. each left row gets its number (``row_number``) and, for an as-of join, its
   as-of value is computed once per row, as is the right's;
2. a left (or inner) join on the condition and a non-null distance (ranking);
3. ``row_number() OVER (PARTITION BY left row ORDER BY distance)`` keeps the
   first match(es) of each left row, best first.

An as-of join on equal keys (``on`` as names, or none) is computed without
joining every pair: both sides' rows in one sort by as-of value within the keys,
where the nearest right row before a left row is the last one before it (a
window), the nearest after it the first one after it (see :func:`_sweep`).

Ties keep one of the tied right rows, as Spark does (which one is not defined);
neither join orders its rows, as Spark's do not.
"""

from __future__ import annotations

import datetime
import decimal
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _coercion
from pyrust.sql import _plan as plan
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._analyzer import Attribute
from pyrust.sql._bound import analysis_error, not_implemented
from pyrust.sql._expressions import (
    Call,
    CaseWhen,
    ColumnReference,
    Expression,
    FieldIndex,
    Literal,
    OuterReference,
    SortOrder,
    Star,
    SubqueryExpression,
    WindowExpression,
)

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

# Spark's join type names (``JoinType``), by the spelling a user may give (lower case, no ``_``).
_JOIN_TYPES = {
    "inner": "Inner",
    "cross": "Cross",
    "outer": "FullOuter",
    "full": "FullOuter",
    "fullouter": "FullOuter",
    "leftouter": "LeftOuter",
    "left": "LeftOuter",
    "rightouter": "RightOuter",
    "right": "RightOuter",
    "leftsemi": "LeftSemi",
    "semi": "LeftSemi",
    "leftanti": "LeftAnti",
    "anti": "LeftAnti",
}
_SUPPORTED_JOIN_TYPES = (
    "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', "
    "'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', "
    "'anti', 'cross'"
)
_DIRECTIONS = ("forward", "backward", "nearest")
_NEAREST_MODES = ("approx", "exact")
_NEAREST_DIRECTIONS = ("distance", "similarity")
_MAX_NEAREST_RESULTS = 100000


def join_as_of(
    left: DataFrame,
    other: DataFrame,
    left_as_of: Any,
    right_as_of: Any,
    on: Any,
    how: str | None,
    tolerance: Any,
    allow_exact_matches: bool,
    direction: str,
) -> DataFrame:
    """``left._joinAsOf(other, ...)``: see the module's description."""
    from pyrust.sql.column import Column

    left_value = (left[left_as_of] if isinstance(left_as_of, str) else left_as_of)._expression
    right_value = (other[right_as_of] if isinstance(right_as_of, str) else right_as_of)._expression
    if how is None:
        how = "inner"
    if not isinstance(how, str):
        msg = "how should be a string"
        raise AssertionError(msg)  # noqa: TRY004 - PySpark's own check raises AssertionError
    if tolerance is not None and not isinstance(tolerance, Column):
        msg = "tolerance should be Column"
        raise AssertionError(msg)  # noqa: TRY004
    keys = on if isinstance(on, list) else ([] if on is None else [on])
    left_keys: list[Expression] = []
    right_keys: list[Expression] = []
    condition: Expression | None = None
    by_columns = False
    if keys and isinstance(keys[0], str):
        for name in keys:
            left_keys.append(ColumnReference(name))
            right_keys.append(ColumnReference(name))
        _resolve_each(left, left_keys)
        _resolve_each(other, right_keys)
    elif keys:
        if not all(isinstance(key, Column) for key in keys):
            msg = "on should be Column or list of Column"
            raise AssertionError(msg)
        for key in keys:
            condition = key._expression if condition is None else Call("and", (condition, key._expression))
        by_columns = True
    join_type = _spark_join_type(how)
    if not isinstance(direction, str) or direction.lower() not in _DIRECTIONS:
        raise analysis_error(
            "AS_OF_JOIN.UNSUPPORTED_DIRECTION", direction=str(direction), supported="'forward', 'backward', 'nearest'"
        )
    if join_type not in ("Inner", "LeftOuter"):
        msg = f"requirement failed: Unsupported as-of join type {join_type}"
        raise errors.IllegalArgumentException(msg)
    if tolerance is not None:
        _check_tolerance(left, tolerance._expression)

    numbered_left = _numbered(left, [left_value, *left_keys])
    numbered_right = _numbered(other, [right_value, *right_keys], with_number=False)
    left_width, right_width = len(left._attributes), len(other._attributes)
    offset = left_width + 2 + len(left_keys)
    combined = numbered_left._attributes + numbered_right._attributes
    for index, (left_key, right_key) in enumerate(zip(left_keys, right_keys)):
        left_column = FieldIndex(left_width + 1 + index, left_key.sql())
        right_column = FieldIndex(offset + right_width + 1 + index, right_key.sql())
        equal = Call("=", (left_column, right_column))
        condition = equal if condition is None else Call("and", (condition, equal))
    left_field = FieldIndex(left_width, left_value.sql())
    right_field = FieldIndex(offset + right_width, right_value.sql())
    bound_tolerance = None if tolerance is None else tolerance._expression
    as_of = _as_of_condition(left_field, right_field, bound_tolerance, allow_exact_matches, direction.lower())
    distance = _distance(left_field, right_field, direction.lower())
    match = as_of if condition is None else Call("and", (condition, as_of))
    outer = join_type == "LeftOuter"
    if not by_columns:
        # Spark's analysis errors (a distance of strings...) whichever way it is computed.
        analyzer = numbered_left._analyzer(combined)
        analyzer.resolve(match)
        analyzer.resolve(distance)
        valued_left = _numbered(left, [left_value, *left_keys], with_number=False)
        sides = (left, other, valued_left)
        swept = _sweep(*sides, right_value, right_keys, bound_tolerance, allow_exact_matches, direction.lower(), outer)
        if swept is not None:
            return swept
    row_index = left_width + 1 + len(left_keys)
    frames = (left, other, numbered_left, numbered_right, combined)
    return _keep_first(*frames, match, distance, True, 1, outer, row_index, offset, right_width)


def _sweep(
    left: DataFrame,
    other: DataFrame,
    valued_left: DataFrame,
    right_value: Expression,
    right_keys: list[Expression],
    tolerance: Expression | None,
    exact: bool,
    direction: str,
    outer: bool,
) -> DataFrame | None:
    """An as-of join on equal keys (or none) in one sort of both sides' rows rather than
    a join of every pair: with the rows of both sides ordered by as-of value within
    their keys, a left row's nearest right row looking backward is the last right row
    before it, looking forward the first after it (at an equal value, right rows count
    as before or after as exact matches are allowed or not). That candidate must still
    meet Spark's as-of condition (the tolerance); ``nearest`` takes the closer of the
    two. None where the values or keys have no common ordered type (the join of every
    pair then decides, as Spark's condition does)."""
    from pyrust.sql import functions as F
    from pyrust.sql.column import Column
    from pyrust.sql.window import Window

    valued_right = _numbered(other, [right_value, *right_keys], with_number=False)
    left_width, right_width, key_count = len(left._attributes), len(other._attributes), len(right_keys)
    left_types = [valued_left._attributes[left_width + index].data_type for index in range(key_count + 1)]
    right_types = [valued_right._attributes[right_width + index].data_type for index in range(key_count + 1)]
    order_types = [_sweep_type(one, two) for one, two in zip(left_types, right_types)]
    if any(order_type is None for order_type in order_types):
        return None
    names = ["__pyrust_v", *[f"__pyrust_k{index}" for index in range(key_count)]]
    left_names = [f"__pyrust_c{index}" for index in range(left_width)]

    def field(index: int) -> Column:
        return Column(FieldIndex(index, ""))

    def ordered(start: int, index: int) -> Column:
        value = field(start + index).cast(order_types[index])
        # -0.0 and 0.0 are equal as-of values (Spark normalizes them); a sort tells them apart.
        return value + F.lit(0.0) if isinstance(order_types[index], (T.FloatType, T.DoubleType)) else value

    # Right rows carry the right's columns as one struct (fields by position: names may repeat).
    right_row = F.struct(*[field(index).alias(f"c{index}") for index in range(right_width)])
    rights = valued_right.select(
        *[ordered(right_width, index).alias(names[index]) for index in range(key_count + 1)],
        F.lit(0).alias("__pyrust_is_left"),
        F.lit(None).cast(left_types[0]).alias("__pyrust_lv"),
        field(right_width).alias("__pyrust_rv"),
        right_row.alias("__pyrust_rs"),
        *[F.lit(None).cast(a.data_type).alias(name) for a, name in zip(left._attributes, left_names)],
    )
    present = F.col(names[0]).isNotNull()
    for name in names[1:]:
        present = present & F.col(name).isNotNull()
    struct_type = rights._attributes[key_count + 4].data_type
    lefts = valued_left.select(
        *[ordered(left_width, index).alias(names[index]) for index in range(key_count + 1)],
        F.lit(1).alias("__pyrust_is_left"),
        field(left_width).alias("__pyrust_lv"),
        F.lit(None).cast(right_types[0]).alias("__pyrust_rv"),
        F.lit(None).cast(struct_type).alias("__pyrust_rs"),
        *[field(index).alias(name) for index, name in enumerate(left_names)],
    )
    stream = lefts.union(rights.where(present))
    is_left = F.col("__pyrust_is_left")
    # At an equal value, right rows come first where they may match, last where they may not.
    tie = is_left if exact else F.lit(1) - is_left
    keys = [F.col(name) for name in names[1:]]
    candidates = []
    for label, value_order in (("b", F.col(names[0]).asc()), ("f", F.col(names[0]).desc())):
        if direction == ("forward" if label == "b" else "backward"):
            continue
        window = (Window.partitionBy(*keys) if keys else Window).orderBy(value_order, tie)
        window = window.rowsBetween(Window.unboundedPreceding, Window.currentRow)
        candidates.append(F.last("__pyrust_rs", ignorenulls=True).over(window).alias(f"__pyrust_rs{label}"))
        candidates.append(F.last("__pyrust_rv", ignorenulls=True).over(window).alias(f"__pyrust_rv{label}"))
    found = stream.select("__pyrust_is_left", "__pyrust_lv", *left_names, *candidates).where(is_left == 1)
    left_value = ColumnReference("__pyrust_lv")

    def meets(suffix: str) -> Expression:
        # A candidate there is (its value is not null), whose value meets Spark's condition.
        right_value = ColumnReference(f"__pyrust_rv{suffix}")
        condition = _as_of_condition(left_value, right_value, tolerance, exact, direction)
        present = Call("and", (Call("isnotnull", (left_value,)), Call("isnotnull", (right_value,))))
        return Call("and", (present, condition))

    if direction == "nearest":
        backward_distance = _distance(left_value, ColumnReference("__pyrust_rvb"), direction)
        forward_distance = _distance(left_value, ColumnReference("__pyrust_rvf"), direction)
        forward_meets = Call("coalesce", (meets("f"), Literal(False, T.BooleanType())))
        closer = Call("or", (Call("not", (forward_meets,)), Call("<=", (backward_distance, forward_distance))))
        branches = (
            (Call("and", (meets("b"), closer)), ColumnReference("__pyrust_rsb")),
            (meets("f"), ColumnReference("__pyrust_rsf")),
        )
    else:
        suffix = "b" if direction == "backward" else "f"
        branches = ((meets(suffix), ColumnReference(f"__pyrust_rs{suffix}")),)
    picked = found.select(*left_names, Column(CaseWhen(branches)).alias("__pyrust_pick"))
    if not outer:
        picked = picked.where(F.col("__pyrust_pick").isNotNull())
    pick = F.col("__pyrust_pick")
    result = picked.select(
        *[F.col(name) for name in left_names], *[pick.getField(f"c{index}") for index in range(right_width)]
    )
    right_attributes = _nullable(other._attributes) if outer else other._attributes
    return result._with_plan(result._plan, left._attributes + right_attributes)


def _sweep_type(left: T.DataType, right: T.DataType) -> T.DataType | None:
    """The type two as-of values (or keys) are ordered in: theirs when they have the same,
    the wider of two numbers; None otherwise (Spark's comparison rules decide then)."""
    if left == right and not isinstance(left, (T.MapType, T.VariantType, T.NullType)):
        return left
    if _coercion.is_numeric(left) and _coercion.is_numeric(right):
        return _coercion.common_type(left, right)
    return None


def nearest_by_join(
    left: DataFrame,
    other: DataFrame,
    ranking: Any,
    num_results: Any,
    mode: str,
    direction: str,
    join_type: str,
) -> DataFrame:
    """``left.nearestByJoin(other, ...)``: see the module's description."""
    count = int(num_results)
    normalized = join_type.lower().replace("_", "") if isinstance(join_type, str) else None
    if normalized not in ("inner", "left", "leftouter"):
        raise analysis_error(
            "NEAREST_BY_JOIN.UNSUPPORTED_JOIN_TYPE", joinType=str(join_type), supported="'INNER', 'LEFT OUTER'"
        )
    if not isinstance(mode, str) or mode.lower() not in _NEAREST_MODES:
        raise analysis_error("NEAREST_BY_JOIN.UNSUPPORTED_MODE", mode=str(mode), supported="'approx', 'exact'")
    if not isinstance(direction, str) or direction.lower() not in _NEAREST_DIRECTIONS:
        raise analysis_error(
            "NEAREST_BY_JOIN.UNSUPPORTED_DIRECTION", direction=str(direction), supported="'distance', 'similarity'"
        )
    if not 1 <= count <= _MAX_NEAREST_RESULTS:
        raise analysis_error(
            "NEAREST_BY_JOIN.NUM_RESULTS_OUT_OF_RANGE", numResults=str(count), min="1", max=str(_MAX_NEAREST_RESULTS)
        )
    if str(left._session.conf.get("spark.sql.crossJoin.enabled", "true")).lower() == "false":
        raise analysis_error("NEAREST_BY_JOIN.CROSS_JOIN_NOT_ENABLED")
    expression = ranking._expression
    numbered_left = _numbered(left, [])
    numbered_right = _numbered(other, [], with_number=False)
    combined = numbered_left._attributes + numbered_right._attributes
    if expression.contains_aggregate() or _contains(expression, WindowExpression):
        raise analysis_error(
            "UNSUPPORTED_EXPR_FOR_OPERATOR", operator="NearestByJoin", invalidExprSqls=f'"{expression.sql()}"'
        )
    bound = numbered_left._analyzer(combined).resolve(expression)
    if not _orderable(bound.data_type):
        raise analysis_error(
            "NEAREST_BY_JOIN.NON_ORDERABLE_RANKING_EXPRESSION",
            expression=f'"{expression.sql()}"',
            type=f'"{bound.data_type.simpleString().upper()}"',
        )
    if not _proto.is_row_wise_and_deterministic(bound.proto):
        raise not_implemented("nearestByJoin with a non-deterministic ranking expression")
    left_width = len(left._attributes)
    return _keep_first(
        left,
        other,
        numbered_left,
        numbered_right,
        combined,
        None,
        expression,
        direction.lower() == "distance",
        count,
        normalized != "inner",
        left_width,
        left_width + 1,
        len(other._attributes),
        nullable=True,
    )


def _keep_first(
    left: DataFrame,
    other: DataFrame,
    numbered_left: DataFrame,
    numbered_right: DataFrame,
    combined: tuple[Attribute, ...],
    condition: Expression | None,
    ranking: Expression,
    ascending: bool,
    count: int,
    outer: bool,
    row_index: int,
    right_start: int,
    right_width: int,
    nullable: bool = False,
) -> DataFrame:
    """The ``count`` right rows of each left row that meet ``condition`` and rank first
    by ``ranking`` (smallest first when ``ascending``; a null ranking does not match);
    with ``outer``, a left row without any keeps nulls for the right's columns.
    Spark's nearest-by join makes every column nullable (``nullable``)."""
    analyzer = numbered_left._analyzer(combined)
    ranked = Call("isnotnull", (ranking,))
    match = ranked if condition is None else Call("and", (condition, ranked))
    join_type = "left" if outer else "inner"
    joined = plan.join(numbered_left._plan, numbered_right._plan, join_type, analyzer.resolve(match).proto)
    # The ranking becomes a column first: the window orders by it (the engine's
    # planner does not match a sort on a nested expression with the window's).
    width = len(combined)
    columns = [_proto.field_reference(index) for index in range(width)]
    rank_value = analyzer.resolve(ranking)
    with_ranking = plan.project(joined, [*columns, rank_value.proto], width)
    value_attribute = Attribute("__pyrust_ranking", rank_value.data_type, rank_value.nullable)
    row = FieldIndex(row_index, "__pyrust_left_row")
    order = SortOrder(FieldIndex(width, value_attribute.name), ascending, nulls_first=not ascending)
    number = WindowExpression(Call("row_number", ()), (row,), (order,))
    ranking_analyzer = numbered_left._analyzer((*combined, value_attribute))
    # (Passed through as well, so that the ranking is computed once, not inlined into the window.)
    window_columns = [*columns, _proto.field_reference(width), ranking_analyzer.resolve(number).proto]
    numbered = plan.project(with_ranking, window_columns, width + 1)
    rank_attribute = Attribute("__pyrust_rank", T.IntegerType(), False)
    ranked_analyzer = numbered_left._analyzer((*combined, value_attribute, rank_attribute))
    within = Call("<=", (FieldIndex(width + 1, rank_attribute.name), Literal(count, T.IntegerType())))
    kept = plan.filter_rows(numbered, ranked_analyzer.resolve(within).proto, False)
    keys = [(_proto.field_reference(row_index), True, True), (_proto.field_reference(width + 1), True, True)]
    ordered = plan.sort(kept, keys)
    left_width = len(left._attributes)
    outputs = [*range(left_width), *range(right_start, right_start + right_width)]
    projected = plan.project(ordered, [_proto.field_reference(index) for index in outputs], width + 2)
    left_attributes, right_attributes = left._attributes, other._attributes
    if outer or nullable:
        right_attributes = _nullable(right_attributes)
    if nullable:
        left_attributes = _nullable(left_attributes)
    return left._with_plan(projected, left_attributes + right_attributes, other)


def _nullable(attributes: tuple[Attribute, ...]) -> tuple[Attribute, ...]:
    return tuple(Attribute(a.name, a.data_type, True, a.qualifiers, a.metadata) for a in attributes)


def _numbered(
    frame: DataFrame, values: list[Expression], with_number: bool = True, number_name: str = "__pyrust_left_row"
) -> DataFrame:
    """``frame``'s columns, then ``values`` computed from them, then (``with_number``) the
    row's number; the columns keep their qualifiers, so ``df["x"]`` still finds them."""
    from pyrust.sql.column import Column

    analyzer = frame._analyzer()
    bounds = [analyzer.resolve(value) for value in values]
    extra = [Column(value) for value in values]
    attributes = [
        Attribute(f"__pyrust_value_{index}", bound.data_type, bound.nullable) for index, bound in enumerate(bounds)
    ]
    if with_number:
        number = WindowExpression(Call("row_number", ()), (), (SortOrder(Literal(1, T.IntegerType())),))
        extra.append(Column(number))
        attributes.append(Attribute(number_name, T.IntegerType(), False))
    keys = [Column(FieldIndex(index, attribute.name)) for index, attribute in enumerate(frame._attributes)]
    selected = frame.select(*keys, *extra)
    return selected._with_plan(selected._plan, (*frame._attributes, *attributes))


def _resolve_each(frame: DataFrame, expressions: list[Expression]) -> None:
    analyzer = frame._analyzer()
    for expression in expressions:
        analyzer.resolve(expression)


def _spark_join_type(how: str) -> str:
    join_type = _JOIN_TYPES.get(how.lower().replace("_", ""))
    if join_type is None:
        raise analysis_error("UNSUPPORTED_JOIN_TYPE", typ=how, supported=_SUPPORTED_JOIN_TYPES)
    return join_type


def _as_of_condition(
    left: Expression, right: Expression, tolerance: Expression | None, allow_exact_matches: bool, direction: str
) -> Expression:
    """Spark's as-of condition: which right rows may match a left row."""
    exact = allow_exact_matches
    if direction == "backward":
        base = Call(">=" if exact else ">", (left, right))
    elif direction == "forward":
        base = Call("<=" if exact else "<", (left, right))
    else:
        base = Literal(True, T.BooleanType()) if exact else Call("not", (Call("=", (left, right)),))
    if tolerance is None:
        return base
    lower = Call(">=" if exact else ">", (right, Call("-", (left, tolerance))))
    upper = Call("<=" if exact else "<", (right, Call("+", (left, tolerance))))
    if direction == "backward":
        return Call("and", (base, lower))
    if direction == "forward":
        return Call("and", (base, upper))
    within = Call("and", (lower, upper))
    return within if exact else Call("and", (base, within))


def _distance(left: Expression, right: Expression, direction: str) -> Expression:
    """How far a right row is from the left row, as Spark orders the matches."""
    if direction == "backward":
        return Call("-", (left, right))
    if direction == "forward":
        return Call("-", (right, left))
    return CaseWhen(((Call(">", (left, right)), Call("-", (left, right))),), Call("-", (right, left)))


def _check_tolerance(frame: DataFrame, tolerance: Expression) -> None:
    """Spark's checks of an as-of join's tolerance: a constant, not negative."""
    if _contains(tolerance, (ColumnReference, FieldIndex, Star, OuterReference, SubqueryExpression)):
        raise analysis_error("AS_OF_JOIN.TOLERANCE_IS_UNFOLDABLE")
    bound = frame._analyzer(()).resolve(tolerance)
    if not _proto.is_row_wise_and_deterministic(bound.proto):
        raise analysis_error("AS_OF_JOIN.TOLERANCE_IS_UNFOLDABLE")
    if isinstance(tolerance, Literal):
        value = tolerance.value
    else:
        from pyrust.sql.column import Column

        value = frame._session.range(1).select(Column(tolerance)).first()[0]
    if value is None or _negative(value):
        raise analysis_error("AS_OF_JOIN.TOLERANCE_IS_NON_NEGATIVE")


def _negative(value: object) -> bool:
    """Whether a tolerance is below its type's zero (Spark compares it with that)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, decimal.Decimal)):
        return value < 0
    if isinstance(value, datetime.timedelta):
        return value < datetime.timedelta(0)
    return False


def _contains(expression: Expression, kinds: type | tuple[type, ...]) -> bool:
    pending = [expression]
    while pending:
        current = pending.pop()
        if isinstance(current, kinds):
            return True
        pending.extend(current.children())
    return False


def _orderable(data_type: T.DataType) -> bool:
    if isinstance(data_type, (T.MapType, T.VariantType)):
        return False
    if isinstance(data_type, T.ArrayType):
        return _orderable(data_type.elementType)
    if isinstance(data_type, T.StructType):
        return all(_orderable(field.dataType) for field in data_type.fields)
    return True
