"""Subqueries in the DataFrame API: ``df.scalar()``, ``df.exists()``,
``col.isin(df)`` and references to an enclosing query (``col.outer()``).

A subquery is a DataFrame used as a value; it becomes a Substrait
``Expression.Subquery`` holding the DataFrame's relation
(https://substrait.io/expressions/subqueries/). A column of an enclosing
query is a field reference with ``outer_reference.steps_out`` (1: the query
the subquery is a value of).

PyRust resolves each DataFrame operation when it is called, while Spark
resolves a plan once it is used. ``outer()`` marks what Spark resolves late:
an operation with an ``outer()`` reference it cannot resolve yet (its columns
belong to a query that does not exist yet) is recorded rather than resolved,
giving a :class:`Deferred` DataFrame. When an enclosing query's analyzer meets
the subquery, it replays the recorded operations with itself in scope
(:func:`resolve`): a name that the subquery's own columns do not have is
then looked up in the enclosing queries, innermost first, as in SQL.
A deferred DataFrame used on its own raises the error its unresolved
reference gave (Spark's ``UNRESOLVED_COLUMN``).
"""

from __future__ import annotations

import functools
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql import _extensions as ext
from pyrust.sql._bound import Bound, analysis_error, cast_to, not_implemented, scalar_call
from pyrust.sql._coercion import common_type
from pyrust.sql._expressions import Call, Expression, SubqueryExpression

if TYPE_CHECKING:
    from collections.abc import Callable

    from substrait import algebra_pb2 as stalg

    from pyrust.sql._analyzer import Analyzer


@dataclass
class Scope:
    """An enclosing query while one of its subqueries is resolved: its
    analyzer, and the names of its columns the subquery referenced."""

    analyzer: Analyzer
    used: list[str] = field(default_factory=list)


# The queries enclosing the subquery being resolved, outermost first.
_SCOPES: ContextVar[tuple[Scope, ...]] = ContextVar("pyrust_subquery_scopes", default=())
# Whether a DataFrame operation is running (the outermost one records what waits).
_IN_OPERATION: ContextVar[bool] = ContextVar("pyrust_subquery_in_operation", default=False)
# The engine tables the subqueries of the running operation read.
_TABLES: ContextVar[set | None] = ContextVar("pyrust_subquery_tables", default=None)


class NeedsEnclosingQuery(errors.AnalysisException):
    """An ``outer()`` reference that no query in scope resolves: the operation waits
    for an enclosing query (see :func:`deferrable`). It carries the error the
    reference gives where no enclosing query comes."""

    def __init__(self, error: errors.AnalysisException) -> None:
        super().__init__(errorClass=error.getCondition(), messageParameters=error.getMessageParameters())
        self.error = error


def enclosing_scopes() -> tuple[Scope, ...]:
    """The queries enclosing the subquery being resolved, outermost first."""
    return _SCOPES.get()


def outer_column(reference: Expression, steps_out: int, scope: Scope) -> Bound | None:
    """``reference`` resolved among ``scope``'s columns, as a reference ``steps_out``
    queries out; None when that query has no such column."""
    try:
        bound = scope.analyzer.resolve_local_column(reference)
    except errors.AnalysisException:
        return None
    if steps_out > 1:
        # DataFusion 55 decorrelates one level: a column two queries out is not found there.
        raise not_implemented(f"a reference to {reference.sql()} of a query {steps_out} subqueries out")
    if bound.name not in scope.used:
        scope.used.append(bound.name)
    return Bound(_shift_out(bound.proto, steps_out), bound.data_type, bound.nullable, bound.name)


def _shift_out(expression: stalg.Expression, steps_out: int) -> stalg.Expression:
    """``expression`` (columns of one query) moved ``steps_out`` queries out: its input
    references become outer references, its outer references reach further."""
    from substrait import algebra_pb2 as stalg_module

    result = stalg_module.Expression()
    result.CopyFrom(expression)
    for current in _proto.expression_messages(result):
        if current.WhichOneof("rex_type") != "selection":
            continue
        selection = current.selection
        root = selection.WhichOneof("root_type")
        if root == "root_reference":
            selection.outer_reference.steps_out = steps_out
        elif root == "outer_reference":
            selection.outer_reference.steps_out += steps_out
    return result


# -- DataFrames waiting for their enclosing query --------------------------------

# The DataFrame (and GroupedData) methods a deferred DataFrame records: those giving another.
_RECORDED = frozenset(
    {
        "select",
        "selectExpr",
        "filter",
        "where",
        "withColumn",
        "withColumns",
        "withColumnRenamed",
        "withColumnsRenamed",
        "drop",
        "alias",
        "orderBy",
        "sort",
        "limit",
        "offset",
        "distinct",
        "dropDuplicates",
        "drop_duplicates",
        "groupBy",
        "groupby",
        "agg",
        "join",
        "crossJoin",
        "union",
        "unionAll",
        "unionByName",
        "toDF",
        "hint",
    }
)
# What grouped data (a recorded ``groupBy``) gives a DataFrame with.
_RECORDED_GROUPED = frozenset({"agg", "count", "sum", "avg", "mean", "min", "max"})


class Deferred:
    """A DataFrame (or grouped data) with references to a query that encloses it:
    its source, the method called on it and the arguments, replayed by
    :meth:`replay` once the enclosing query is in scope."""

    def __init__(self, source: Any, method: str, args: tuple, kwargs: dict, error: errors.AnalysisException) -> None:
        self._source = source
        self._method = method
        self._args = args
        self._kwargs = kwargs
        self._error = error

    def replay(self) -> Any:
        """The DataFrame the recorded operations give, resolved in the current scopes."""
        source = _replayed(self._source)
        args = tuple(_replayed(argument) for argument in self._args)
        kwargs = {name: _replayed(value) for name, value in self._kwargs.items()}
        return getattr(source, self._method)(*args, **kwargs)

    def scalar(self) -> Any:
        """This DataFrame's one value, as a scalar subquery Column."""
        from pyrust.sql.column import Column

        return Column(SubqueryExpression("scalar", self))

    def exists(self) -> Any:
        """Whether this DataFrame has a row, as an EXISTS subquery Column."""
        from pyrust.sql.column import Column

        return Column(SubqueryExpression("exists", self))

    def __getattr__(self, name: str) -> Any:
        grouped = self._method in ("groupBy", "groupby")
        if name in (_RECORDED_GROUPED if grouped else _RECORDED):

            def record(*args: Any, **kwargs: Any) -> Deferred:
                return Deferred(self, name, args, kwargs, self._error)

            return record
        # Anything else needs the columns, which the enclosing query decides.
        raise self._error

    def __getitem__(self, item: Any) -> Any:
        raise self._error

    def __repr__(self) -> str:
        return "DataFrame[<columns of a correlated subquery>]"


class LazyQuery:
    """A SQL subquery's DataFrame, built by ``build`` when the subquery is resolved
    (with its enclosing queries in scope, as SQL's correlated names need)."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build

    def replay(self) -> Any:
        return self._build()


def _replayed(value: Any) -> Any:
    return value.replay() if isinstance(value, (Deferred, LazyQuery)) else value


def deferrable(method: Callable) -> Callable:
    """``method`` (a DataFrame or GroupedData operation) made to wait for an
    enclosing query when an ``outer()`` reference in its arguments cannot be
    resolved yet (a :class:`Deferred` is returned), and to keep the engine
    tables its subqueries read for the DataFrame it returns."""

    @functools.wraps(method)
    def operation(self: Any, *args: Any, **kwargs: Any) -> Any:
        if _IN_OPERATION.get():
            return method(self, *args, **kwargs)
        waiting = next((value for value in (*args, *kwargs.values()) if isinstance(value, Deferred)), None)
        if waiting is not None and not _SCOPES.get():
            # Another DataFrame of the operation waits for an enclosing query: this one waits too.
            return Deferred(self, method.__name__, args, kwargs, waiting._error)
        running, tables = _IN_OPERATION.set(True), _TABLES.set(set())
        try:
            result = method(self, *args, **kwargs)
            read = _TABLES.get()
        except NeedsEnclosingQuery as waiting:
            if _SCOPES.get():
                raise
            return Deferred(self, method.__name__, args, kwargs, waiting.error)
        finally:
            _TABLES.reset(tables)
            _IN_OPERATION.reset(running)
        if read and hasattr(result, "_tables"):
            result._tables = result._tables | frozenset(read)
        return result

    return operation


# -- resolution ---------------------------------------------------------------------


def resolve(analyzer: Analyzer, expression: SubqueryExpression) -> Bound:
    """A subquery of a query whose columns ``analyzer`` resolves: the subquery's
    DataFrame (replayed with this query in scope when it waits for one) as a
    Substrait subquery expression, with Spark's type, nullability and name."""
    scope = Scope(analyzer)
    token = _SCOPES.set((*_SCOPES.get(), scope))
    try:
        frame = _replayed(expression.plan)
    finally:
        _SCOPES.reset(token)
    read = _TABLES.get()
    if read is not None:
        read |= frame._tables
    rel = frame._plan.to_proto()
    attributes = frame._attributes
    outer = ", ".join(scope.used)
    # Names of expressions around this one are derived once it is resolved.
    expression.outer_names[:] = scope.used
    if expression.kind == "scalar":
        if len(attributes) != 1:
            raise analysis_error(
                "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
                number=str(len(attributes)),
            )
        if not attributes[0].nullable:
            rel = _nullable_column(frame._plan, attributes[0]).to_proto()
        return Bound(_proto.scalar_subquery(rel), attributes[0].data_type, True, f"scalarsubquery({outer})")
    predicate = id(expression) in analyzer.predicate_subqueries
    if expression.kind == "exists":
        name = f"exists({outer})"
        if predicate:
            return Bound(_proto.exists_subquery(rel), T.BooleanType(), False, name)
        return _has_rows(analyzer, frame._plan, len(attributes), name)
    return _in_subquery(analyzer, expression, frame, outer, predicate)


def _nullable_column(rel: plan.Rel, attribute: Any) -> plan.Rel:
    """A one-column relation whose column the engine takes as nullable: a scalar
    subquery is null without rows, but DataFusion types it as its column."""
    column = Bound(_proto.field_reference(0), attribute.data_type, False, attribute.name)
    present = scalar_call(ext.COMPARISON, "is_not_null", [column], T.BooleanType(), attribute.name, False)
    nothing = _proto.literal(None, attribute.data_type)
    return plan.project(rel, [_proto.if_then([(present.proto, column.proto)], nothing)], 1)


def predicate_subqueries(condition: Expression) -> dict[int, bool]:
    """The EXISTS and IN subqueries of a filter's ``condition`` that the engine
    runs as joins (by id, with whether they are negated): the condition itself,
    or one of its ``AND``-ed parts, maybe negated."""
    found: dict[int, bool] = {}
    pending = [(condition, False)]
    while pending:
        current, negated = pending.pop()
        if isinstance(current, Call) and current.function == "and" and not negated:
            pending.extend((argument, False) for argument in current.arguments)
        elif isinstance(current, Call) and current.function == "not" and isinstance(current.arguments[0], SubqueryExpression):
            pending.append((current.arguments[0], not negated))
        elif isinstance(current, SubqueryExpression) and current.kind != "scalar":
            found[id(current)] = negated
    return found


def _has_rows(analyzer: Analyzer, rel: plan.Rel, width: int, name: str) -> Bound:
    """Whether ``rel`` has a row, as a value: ``coalesce((SELECT count(1) ...), 0) > 0``.
    The engine computes EXISTS and IN subqueries only as filters; a scalar
    subquery it computes anywhere."""
    from pyrust.sql._analyzer import Analyzer as AnalyzerClass
    from pyrust.sql._expressions import Literal

    counter = AnalyzerClass((), analyzer.mode).resolve_aggregate(Call("count", (Literal(1, T.IntegerType()),)))
    counted = plan.aggregate(rel, width, [], [counter.proto]).to_proto()
    count = Bound(_proto.scalar_subquery(counted), T.LongType(), True, name)
    zero = Bound(_proto.literal(0, T.LongType()), T.LongType(), False, "0")
    total = scalar_call(ext.COMPARISON, "coalesce", [count, zero], T.LongType(), name, False)
    return scalar_call(ext.COMPARISON, "gt", [total, zero], T.BooleanType(), name, False)


def _in_subquery(analyzer: Analyzer, expression: SubqueryExpression, frame: Any, outer: str, predicate: bool) -> Bound:
    """``needles IN (subquery)``: each needle and the subquery's column of the same
    position compared in their common type. As a filter's condition it is SQL's
    IN (null where no row matches and a null took part); as a value, as Spark
    computes it there, whether a row equals the needles (never null)."""
    needles = expression.needles
    if len(needles) == 1 and isinstance(needles[0], Call) and needles[0].function == "struct":
        # A struct of values is compared field by field with the subquery's columns.
        needles = needles[0].arguments
    name = f"({', '.join(needle.sql() for needle in expression.needles)} IN (listquery({outer})))"
    attributes = frame._attributes
    bounds = [analyzer.resolve(needle) for needle in needles]
    if len(bounds) != len(attributes):
        raise analysis_error(
            "DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH",
            sqlExpr=f'"{name}"',
            leftColumns=", ".join(f'"{bound.name}"' for bound in bounds),
            leftLength=str(len(bounds)),
            rightLength=str(len(attributes)),
            rightColumns=", ".join(f'"{attribute.name}"' for attribute in attributes),
        )
    columns: list[Bound] = []
    converted: list[Bound] = []
    for index, (bound, attribute) in enumerate(zip(bounds, attributes)):
        target = common_type(bound.data_type, attribute.data_type)
        if target is None:
            raise analysis_error(
                "DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH",
                sqlExpr=f'"{name}"',
                mismatchedColumns=f"({bound.name}:{bound.data_type.simpleString()}, "
                f"{attribute.name}:{attribute.data_type.simpleString()})",
                leftType=f"[{', '.join(b.data_type.simpleString().upper() for b in bounds)}]",
                rightType=f"[{', '.join(a.data_type.simpleString().upper() for a in attributes)}]",
            )
        converted.append(cast_to(bound, target))
        column = Bound(_proto.field_reference(index), attribute.data_type, attribute.nullable, attribute.name)
        columns.append(cast_to(column, target))
    width = len(attributes)
    if predicate and len(converted) > 1:
        if analyzer.predicate_subqueries[id(expression)]:
            # NOT IN of several values is null-aware per column; the engine has one value only.
            raise not_implemented(f"NOT {name} with more than one value")
        # IN of several values as a filter: whether a row equals them all.
        matching = plan.filter_rows(frame._plan, _equal_outer(columns, converted, name).proto, True)
        return Bound(_proto.exists_subquery(matching.to_proto()), T.BooleanType(), True, name)
    if predicate:
        rel = frame._plan
        if any(_proto.column_index(column.proto) is None for column in columns):
            rel = plan.project(rel, [column.proto for column in columns], width)
        proto = _proto.in_subquery([bound.proto for bound in converted], rel.to_proto())
        return Bound(proto, T.BooleanType(), True, name)
    condition = _equal_outer(columns, converted, name)
    matching = plan.filter_rows(frame._plan, condition.proto, condition.nullable)
    return replace(_has_rows(analyzer, matching, width, name), nullable=True)


def _equal_outer(columns: list[Bound], values: list[Bound], name: str) -> Bound:
    """Whether the subquery's ``columns`` equal ``values`` of the enclosing query."""
    if any(_contains_subquery(value.proto) for value in values):
        raise not_implemented(f"{name} with a subquery among its values")
    equal = [
        scalar_call(
            ext.COMPARISON,
            "equal",
            [column, Bound(_shift_out(value.proto, 1), value.data_type, value.nullable, value.name)],
            T.BooleanType(),
            name,
        )
        for column, value in zip(columns, values)
    ]
    return equal[0] if len(equal) == 1 else scalar_call(ext.BOOLEAN, "and", equal, T.BooleanType(), name)


def _contains_subquery(expression: stalg.Expression) -> bool:
    return any(current.WhichOneof("rex_type") == "subquery" for current in _proto.expression_messages(expression))
