"""Lateral joins: ``DataFrame.lateralJoin``, decorrelated into joins the engine runs.

A lateral join evaluates its right side once per row of its left side; the
right side reaches the left row through ``col(...).outer()``. Such a right
side is a recorded chain of DataFrame operations waiting for an enclosing
query (``_subquery.Deferred``). DataFusion runs no correlated relations, so
the chain is replayed over a *domain* instead, as Spark's own decorrelation
does (``DecorrelateInnerQuery``):

* the domain is the distinct values of the left side's outer expressions,
  as hidden columns; the right side's source is crossed with it, and each
  outer reference becomes a reference to its hidden column;
* every operation of the chain carries the hidden columns along: filters and
  projections as they are, ``orderBy(...).limit(k)`` as ``row_number()`` over
  a window partitioned by the hidden columns, an aggregate without grouping
  (``select(count("*"))``) as an aggregate grouped by them, left-joined from
  the domain so that a left row without matches still gets the aggregates
  of no rows (Spark's "COUNT bug" handling: ``count`` is 0 there);
* the result is the left side joined (inner or left) with the replayed
  chain on the hidden columns, compared null-safely, then the hidden columns
  are dropped.

A table-valued generator (``spark.tvf.explode(col("a").outer())``) followed
only by projections is, as Spark's ``OptimizeOneRowRelationSubquery`` makes
it, the generator applied to each left row: rows without output drop out
whatever ``how`` says. Shapes Spark's decorrelation rejects, or that we do
not decorrelate, raise (NOT_IMPLEMENTED names the shape).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _functions, _generate
from pyrust.sql import _plan as plan
from pyrust.sql._bound import analysis_error, not_implemented
from pyrust.sql._dataframe_api import _flatten
from pyrust.sql._expressions import (
    Alias,
    Call,
    CaseWhen,
    ColumnReference,
    Expression,
    FieldIndex,
    OuterReference,
    SortOrder,
    Star,
    map_children,
)
from pyrust.sql._subquery import Deferred

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_JOIN_TYPES = {"inner": "inner", "cross": "inner", "left": "left", "leftouter": "left", "left_outer": "left"}
_HIDDEN = "__lateral_outer_{}"
_PRESENT = "__lateral_present"
_ROW_NUMBER = "__lateral_row_number"
# The order of a sort whose limit (after projections) was applied with it.
_ALREADY_LIMITED: list = []

# Operations that keep every column they do not name: replayed as they are.
_PASS_THROUGH = frozenset({"filter", "where", "withColumn", "withColumns", "withColumnRenamed", "withColumnsRenamed", "drop", "alias", "hint"})
# Projections: Spark collapses a table function followed by these into a generate over the left side.
_PROJECTIONS = frozenset({"select", "selectExpr", "withColumn", "withColumns", "withColumnRenamed", "withColumnsRenamed", "drop", "alias", "toDF"})


def lateral_join(left: DataFrame, other: Any, on: Any, how: str | None) -> DataFrame:
    """``left.lateralJoin(other, on, how)`` (see the module's description)."""
    from pyrust.sql.column import Column

    join_type = _JOIN_TYPES.get((how or "inner").lower())
    if join_type is None:
        raise analysis_error(
            "UNSUPPORTED_JOIN_TYPE",
            typ=str(how),
            supported="'inner', 'leftouter', 'left', 'left_outer', 'cross'",
        )
    if on is not None and not isinstance(on, Column):
        raise errors.PySparkTypeError(
            errorClass="NOT_COLUMN", messageParameters={"arg_name": "on", "arg_type": type(on).__name__}
        )
    if not isinstance(other, Deferred):
        # No reference to the left side: an ordinary join.
        return _joined(left, other, [], on, join_type)
    base, steps = _unrolled(other)
    table_function = _table_function_of(other) is not None
    if table_function and on is None and all(method in _PROJECTIONS for method, _, _ in steps[1:]):
        # A generator over one row, then projections: the generator over each left row.
        join_type = "inner"
    outers = _outer_references(left, steps, other)
    if not outers:
        raise other._error
    names = [_HIDDEN.format(index) for index in range(len(outers))]
    marked = left.select("*", *[Column(outer.child).alias(name) for outer, name in zip(outers, names)])
    domain = marked.select(*names).distinct()
    replay = _Replay(base.crossJoin(domain), names, outers, domain, other._error, left._analyzer())
    for position, (method, args, kwargs) in enumerate(steps):
        if position == 0 and table_function:
            replay.table_function(args)
        elif method in ("orderBy", "sort"):
            replay.order = _sort_orders(args, kwargs, replay.column)
            replay.limit_ahead(steps[position + 1 :])
        else:
            replay.apply(method, args, kwargs)
    return _joined(marked, replay.finished(), names, on, join_type)


def _table_function_of(frame: Deferred) -> str | None:
    """The table-valued function a deferred DataFrame was made by, if any."""
    current: Any = frame
    while isinstance(current, Deferred):
        name = current.__dict__.get("_table_function")
        if name is not None:
            return name
        current = current._source
    return None


def _unrolled(other: Deferred) -> tuple[Any, list[tuple[str, tuple, dict]]]:
    """The DataFrame a deferred chain starts from, and its operations in order."""
    from pyrust.sql.dataframe import DataFrame

    steps = []
    current: Any = other
    while isinstance(current, Deferred):
        steps.append((current._method, current._args, current._kwargs))
        current = current._source
    steps.reverse()
    if not isinstance(current, DataFrame):
        # Grouped data: Spark analyses `groupBy` eagerly, where the outer reference fails.
        raise other._error
    return current, steps


def _outer_references(left: DataFrame, steps: list[tuple[str, tuple, dict]], other: Deferred) -> list[OuterReference]:
    """The ``outer()`` expressions of the chain that the left side resolves, once each."""
    found: list[OuterReference] = []
    analyzer = left._analyzer()
    for _, args, kwargs in steps:
        for expression in _expressions_of((*args, *kwargs.values()), other):
            for outer in _outer_nodes(expression):
                if outer in found:
                    continue
                try:
                    analyzer.resolve(outer.child)
                except errors.AnalysisException:
                    continue
                found.append(outer)
    return found


def _expressions_of(values: Any, other: Deferred) -> list[Expression]:
    from pyrust.sql.column import Column

    found: list[Expression] = []
    pending = list(values)
    while pending:
        value = pending.pop()
        if isinstance(value, Column):
            found.append(value._expression)
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, Deferred):
            raise not_implemented("DataFrame.lateralJoin whose right side combines two DataFrames that refer to the left side")
    return found


def _outer_nodes(expression: Expression) -> list[OuterReference]:
    if isinstance(expression, OuterReference):
        return [expression]
    return [outer for child in expression.children() for outer in _outer_nodes(child)]


def _outer_name(expression: Expression, left: Any) -> str:
    """The column name Spark gives an expression with outer references: ``outer(a.c2)``
    inside (the left column's name, qualified by the left side's alias if it has one)."""

    def mark(current: Expression) -> Expression:
        if isinstance(current, OuterReference):
            name = current.child.sql()
            if isinstance(current.child, ColumnReference):
                source = left.resolve(current.child).source
                aliases = sorted(q for q in source.qualifiers if isinstance(q, str)) if source is not None else []
                name = f"{aliases[0]}.{source.name}" if aliases else name
            return ColumnReference(f"`outer({name})`")
        return map_children(current, mark)

    if isinstance(expression, OuterReference):
        return expression.child.sql()
    return mark(expression).sql()


class _Replay:
    """The right side's operations replayed over the domain, carrying its hidden columns."""

    def __init__(self, frame: DataFrame, hidden: list[str], outers: list[OuterReference], domain: DataFrame, error: Exception, left: Any) -> None:
        self.frame = frame
        # The left side's analyzer, which names outer references.
        self.left = left
        self.hidden = hidden
        self.outers = outers
        self.domain = domain
        self.error = error
        # An `orderBy` waiting for a `limit` (a sort alone orders nothing in a join).
        self.order: list[SortOrder] | None = None

    # -- expressions ------------------------------------------------------------------

    def rewrite(self, expression: Expression) -> tuple[Expression, bool]:
        """``expression`` with each outer reference the current columns do not resolve
        (Spark resolves an ``outer()`` name among the subquery's own columns first)
        replaced by its hidden column; and whether one was."""
        analyzer = self.frame._analyzer()
        replaced = False

        def visit(current: Expression) -> Expression:
            nonlocal replaced
            if isinstance(current, OuterReference):
                try:
                    analyzer.resolve(current.child)
                except errors.AnalysisException:
                    pass
                else:
                    return current.child
                if current not in self.outers:
                    raise self.error
                replaced = True
                return ColumnReference(self.hidden[self.outers.index(current)])
            return map_children(current, visit)

        return visit(expression), replaced

    def column(self, value: Any, named: bool = False) -> Any:
        """A Column argument rewritten (strings stay names); ``named`` keeps Spark's output name."""
        from pyrust.sql.column import Column

        if not isinstance(value, Column):
            return value
        rewritten, replaced = self.rewrite(value._expression)
        if named and replaced and not isinstance(value._expression, Alias):
            rewritten = Alias(rewritten, _outer_name(value._expression, self.left))
        return Column(rewritten)

    def hidden_columns(self) -> list[Any]:
        from pyrust.sql.column import Column

        return [Column(ColumnReference(name)) for name in self.hidden]

    # -- operations ---------------------------------------------------------------------

    def table_function(self, args: tuple) -> None:
        """The generator select of ``spark.tvf.<name>(...)`` over the domain."""
        # A generator's columns keep the generator's names (`col`, `pos`, a struct's fields).
        self.frame = self.frame.select(*[self.column(item) for item in _flatten(args)], *self.hidden_columns())
        self.normalize()

    def apply(self, method: str, args: tuple, kwargs: dict) -> None:
        from pyrust.sql import _sql
        from pyrust.sql.column import Column

        if method != "limit" and self.order is not None and (self.order is not _ALREADY_LIMITED or method not in _PROJECTIONS):
            self.order = None
        if method in ("select", "selectExpr"):
            items = _flatten(args)
            if method == "selectExpr":
                items = [Column(Star()) if text.strip() == "*" else Column(_sql.expression(text)) for text in items]
            columns = [self.column(item, named=True) for item in items]
            expressions = [column._expression for column in columns if isinstance(column, Column)]
            generators = [item._expression for item in items if isinstance(item, Column) and _generate.contains_generator(item._expression)]
            if generators:
                # Spark: a generator of outer references outside a table function is not supported.
                raise analysis_error(
                    "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
                    sqlExprs=", ".join(f'"{expression.sql()}"' for expression in generators),
                )
            if any(expression.contains_aggregate() for expression in expressions):
                self.aggregate(columns)
                return
            self.frame = self.frame.select(*columns, *self.hidden_columns())
        elif method in _PASS_THROUGH:
            if method == "withColumn":
                args = (args[0], self.column(args[1]), *args[2:])
            elif method == "withColumns":
                mapping = args[0] if args else kwargs.get("colsMap", {})
                args, kwargs = ({name: self.column(value) for name, value in mapping.items()},), {}
            else:
                args = tuple(self.column(item) for item in args)
                kwargs = {name: self.column(value) for name, value in kwargs.items()}
            self.frame = getattr(self.frame, method)(*args, **kwargs)
        elif method == "toDF":
            self.frame = self.frame.toDF(*args, *self.hidden)
        elif method == "limit":
            self.limit(int(args[0] if args else kwargs["num"]))
        elif method in ("join", "crossJoin"):
            self.join(method, args, kwargs)
        elif method in ("groupBy", "groupby", "agg"):
            # Spark analyses these eagerly, where the outer reference does not resolve.
            raise self.error
        else:
            raise not_implemented(f"DataFrame.lateralJoin whose right side uses {method} after an outer reference")
        self.normalize()

    def limit_ahead(self, steps: list[tuple[str, tuple, dict]]) -> None:
        """A sort followed by projections, then a limit: the limit applied now, by this
        sort (a projection keeps the number of rows); the later limit keeps them all."""
        from pyrust.sql.column import Column

        for method, args, kwargs in steps:
            if method == "limit":
                count = int(args[0] if args else kwargs["num"])
                self.limit(count)
                self.order = _ALREADY_LIMITED
                return
            items = [item for item in (*_flatten(args), *kwargs.values()) if isinstance(item, Column)]
            if method not in _PROJECTIONS or any(_generate.contains_generator(item._expression) or item._expression.contains_aggregate() for item in items):
                return

    def limit(self, count: int) -> None:
        """``orderBy(...).limit(count)``: the first ``count`` rows of each left row's rows."""
        from pyrust.sql import functions as F
        from pyrust.sql.column import Column
        from pyrust.sql.window import Window

        if self.order is _ALREADY_LIMITED:
            self.order = None
            return
        if self.order is None:
            raise not_implemented("DataFrame.lateralJoin whose right side has a limit without an orderBy before it")
        window = Window.partitionBy(*self.hidden_columns()).orderBy(*[Column(order) for order in self.order])
        numbered = self.frame.withColumn(_ROW_NUMBER, F.row_number().over(window))
        self.frame = numbered.where(F.col(_ROW_NUMBER) <= count).drop(_ROW_NUMBER)
        self.order = None

    def join(self, method: str, args: tuple, kwargs: dict) -> None:
        from pyrust.sql.dataframe import DataFrame

        other = args[0] if args else kwargs.get("other")
        if not isinstance(other, DataFrame):
            raise not_implemented("DataFrame.lateralJoin whose right side joins another correlated DataFrame")
        if method == "crossJoin":
            self.frame = self.frame.crossJoin(other)
            return
        on = args[1] if len(args) > 1 else kwargs.get("on")
        how = args[2] if len(args) > 2 else kwargs.get("how")
        if (how or "inner").lower().replace("_", "") not in ("inner", "cross", "left", "leftouter", "semi", "leftsemi", "anti", "leftanti"):
            raise not_implemented(f"DataFrame.lateralJoin whose right side has a {how} join after an outer reference")
        self.frame = self.frame.join(other, self.column(on) if on is not None else None, how)

    def aggregate(self, columns: list[Any]) -> None:
        """A select of aggregates without grouping: one row per domain row, the aggregates
        of no rows where the right side has none (``count`` 0, ``sum`` null)."""
        from pyrust.sql import functions as F
        from pyrust.sql.column import Column

        renamed = {name: f"{name}_right" for name in self.hidden}
        present = self.frame.withColumn(_PRESENT, F.lit(True)).withColumnsRenamed(renamed)
        condition = None
        for name in self.hidden:
            equal = self.domain[name].eqNullSafe(present[renamed[name]])
            condition = equal if condition is None else condition & equal
        padded = self.domain.join(present, condition, "left") if condition is not None else self.domain.crossJoin(present)
        outputs = []
        for column in columns:
            expression = column._expression
            name = expression.name if isinstance(expression, Alias) else expression.sql()
            child = expression.child if isinstance(expression, Alias) else expression
            outputs.append(Column(Alias(_masked(child), name)))
        if not self.hidden:
            self.frame = padded.agg(*outputs)
            return
        self.frame = padded.groupBy(*self.hidden).agg(*outputs)

    def normalize(self) -> None:
        """The visible columns in order, then each hidden column once (a ``*`` also selected them)."""
        attributes = self.frame._attributes
        hidden = set(self.hidden)
        last = {attribute.name: index for index, attribute in enumerate(attributes) if attribute.name in hidden}
        if set(last) != hidden:
            missing = next(name for name in self.hidden if name not in last)
            raise not_implemented(f"DataFrame.lateralJoin whose right side drops its correlation ({missing})")
        order = [index for index, attribute in enumerate(attributes) if attribute.name not in hidden]
        order += [last[name] for name in self.hidden]
        if order == list(range(len(attributes))):
            return
        analyzer = self.frame._analyzer()
        self.frame = self.frame._project([analyzer.resolve(FieldIndex(index, attributes[index].name)) for index in order])

    def finished(self) -> DataFrame:
        return self.frame


def _masked(expression: Expression) -> Expression:
    """``expression`` with each aggregate's first argument null on the padding row (the
    domain row without matches), so that it aggregates as no rows: ``count(*)`` counts
    the rows that are there."""
    if isinstance(expression, Call) and _functions.is_aggregate(expression.function):
        if any(_outer_nodes(argument) for argument in expression.arguments):
            raise not_implemented("DataFrame.lateralJoin with an outer reference inside an aggregate")
        if not expression.arguments:
            return expression
        there = Call("isnotnull", (ColumnReference(_PRESENT),))
        first = expression.arguments[0]
        if isinstance(first, Star):
            first = ColumnReference(_PRESENT)
        else:
            first = CaseWhen(((there, first),), None)
        return Call(expression.function, (first, *expression.arguments[1:]), expression.distinct)
    return map_children(expression, _masked)


def _sort_orders(args: tuple, kwargs: dict, column: Any) -> list[SortOrder]:
    from pyrust.sql.column import Column, _to_column

    ascending = kwargs.get("ascending")
    orders = []
    for position, item in enumerate(_flatten(args)):
        if isinstance(item, int) and not isinstance(item, bool):
            raise not_implemented("DataFrame.lateralJoin whose right side sorts by a column ordinal")
        expression = column(_to_column(item))._expression if isinstance(item, Column) else _to_column(item)._expression
        order = expression if isinstance(expression, SortOrder) else SortOrder(expression)
        if ascending is not None:
            up = bool(ascending[position] if isinstance(ascending, list) else ascending)
            order = SortOrder(order.child, ascending=up, nulls_first=up)
        orders.append(order)
    return orders


def _joined(left: DataFrame, right: DataFrame, hidden: list[str], on: Any, join_type: str) -> DataFrame:
    """``left`` joined with ``right`` on their hidden columns (null-safe) and ``on``; the
    hidden columns dropped."""
    from pyrust.sql._joins import _outer_join_attributes

    left_width = len(left._attributes)
    combined = _outer_join_attributes(left._attributes, right._attributes, join_type)
    left_index = {a.name: i for i, a in enumerate(left._attributes) if a.name in hidden}
    right_index = {a.name: left_width + i for i, a in enumerate(right._attributes) if a.name in hidden}
    condition: Expression | None = None
    for name in hidden:
        equal = Call("<=>", (FieldIndex(left_index[name], name), FieldIndex(right_index[name], name)))
        condition = equal if condition is None else Call("and", (condition, equal))
    if on is not None:
        condition = on._expression if condition is None else Call("and", (condition, on._expression))
    analyzer = left._analyzer(combined)
    bound = analyzer.resolve(condition) if condition is not None else None
    joined = plan.join(left._plan, right._plan, join_type, bound.proto if bound is not None else None)
    frame = left._with_plan(joined, combined, right)
    if not hidden:
        return frame
    keep = [index for index, attribute in enumerate(combined) if attribute.name not in hidden]
    analyzer = frame._analyzer()
    bounds = [analyzer.resolve(FieldIndex(index, combined[index].name)) for index in keep]
    return frame._project(bounds)

