"""A SQL query's syntax tree → a DataFrame, through the DataFrame API's own operations.

``SELECT a, sum(b) FROM t WHERE c GROUP BY a HAVING ... ORDER BY ... LIMIT n``
becomes ``t.filter(c)``, an aggregation, a filter, a sort and a limit, each
bound by the analyzer exactly as the DataFrame calls would be. Clause order
follows Spark's logical order: FROM/JOIN, WHERE, GROUP BY/aggregates, HAVING,
SELECT, DISTINCT, ORDER BY, LIMIT/OFFSET.

What has no counterpart yet raises NOT_IMPLEMENTED naming the clause.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from pyrust import errors
from pyrust.sql._expressions import (
    Alias,
    Call,
    Cast,
    ColumnReference,
    Expression,
    FieldIndex,
    Literal,
    MultiAlias,
    SortOrder,
    Star,
)
from pyrust.sql._sql._expressions import ExpressionBinder, unsupported
from pyrust.sql._subquery import LazyQuery
from pyrust.sql import udtf as _udtf
from pyrust.sql.column import Column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

# SQL join sides/kinds → DataFrame.join's `how`.
_JOIN_TYPES = {
    ("", ""): "inner",
    ("", "INNER"): "inner",
    ("", "CROSS"): "cross",
    ("LEFT", ""): "left",
    ("LEFT", "OUTER"): "left",
    ("RIGHT", ""): "right",
    ("RIGHT", "OUTER"): "right",
    ("FULL", ""): "full",
    ("FULL", "OUTER"): "full",
    ("LEFT", "SEMI"): "left_semi",
    ("", "SEMI"): "left_semi",
    ("LEFT", "ANTI"): "left_anti",
    ("", "ANTI"): "left_anti",
}

# Table-valued functions: name → how to build the relation from literal arguments.


class QueryBinder:
    """Binds queries in one session; ``ctes`` are the WITH names in scope."""

    def __init__(
        self,
        session: SparkSession,
        parameters: Mapping[str, Any] | list[Any] | None = None,
        ctes: Mapping[str, DataFrame] | None = None,
    ) -> None:
        self._session = session
        self._parameters = parameters
        self._ctes = dict(ctes or {})
        self._markers: list[exp.Placeholder] = []

    def query(self, node: exp.Expr) -> DataFrame:
        if not self._markers:
            # Positional `?` markers in the order of the text (a depth-first walk).
            self._markers = [
                marker for marker in node.walk(bfs=False) if isinstance(marker, exp.Placeholder) and not marker.this
            ]
        with_clause = node.args.get("with_")
        if with_clause is not None:
            scope = QueryBinder(self._session, self._parameters, self._ctes)
            scope._markers = self._markers
            if with_clause.args.get("recursive"):
                raise unsupported(with_clause, "WITH RECURSIVE")
            for cte in with_clause.expressions:
                scope._ctes[cte.alias_or_name.lower()] = scope._aliased(scope.query(cte.this), cte.args.get("alias"))
            return scope._query_body(node)
        return self._query_body(node)

    def _query_body(self, node: exp.Expr) -> DataFrame:
        if isinstance(node, exp.Select):
            return self._select(node)
        if isinstance(node, exp.Union):
            frame = self.query(node.this).union(self.query(node.expression))
            frame = frame.distinct() if node.args.get("distinct") else frame
            return self._order_and_limit(frame, node, self._binder())
        if isinstance(node, exp.Subquery):
            return self._aliased(self.query(node.this), node.args.get("alias"))
        if isinstance(node, exp.Values):
            return self._values(node)
        if isinstance(node, (exp.Intersect, exp.Except)):
            raise unsupported(node, f"{type(node).__name__.upper()} of two queries")
        raise unsupported(node)

    def _binder(self, windows: Mapping[str, exp.Window] | None = None) -> ExpressionBinder:
        binder = ExpressionBinder(self._parameters, windows, self._session.conf.get("spark.sql.session.timeZone"))
        binder.markers = self._markers
        binder.subquery = self._subquery
        return binder

    def _subquery(self, node: exp.Expr) -> LazyQuery:
        """A subquery in an expression, bound when the enclosing query resolves it
        (its names may be the enclosing query's columns)."""
        scope = QueryBinder(self._session, self._parameters, self._ctes)
        scope._markers = self._markers
        return LazyQuery(lambda: scope.query(node))

    # -- SELECT --------------------------------------------------------------------

    def _select(self, node: exp.Select) -> DataFrame:
        for clause in ("qualify", "distribute", "sort", "cluster", "prewhere", "connect"):
            if node.args.get(clause):
                raise unsupported(node.args[clause] if isinstance(node.args[clause], exp.Expr) else node, clause.upper())
        windows = {window.this.name.lower(): window for window in node.args.get("windows") or []}
        binder = self._binder(windows)
        source = node.args.get("from_")
        hints = _join_hints(node.args.get("hint"))
        frame = self._from(source.this, node.args.get("joins") or [], hints) if source is not None else self._one_row()
        for lateral in node.args.get("laterals") or []:
            frame = self._lateral_view(frame, lateral, binder)
        where = node.args.get("where")
        if where is not None:
            frame = frame.filter(Column(binder.bind(where.this)))
        outputs = [binder.bind(item) for item in node.expressions]
        group = node.args.get("group")
        having = node.args.get("having")
        aggregated = group is not None or having is not None or any(output.contains_aggregate() for output in outputs)
        if aggregated:
            frame = self._aggregate(frame, node, binder, outputs)
        else:
            frame = self._project(frame, node, binder, outputs)
        limit, offset = node.args.get("limit"), node.args.get("offset")
        return self._limit(frame, limit, offset, binder)

    def _lateral_view(self, frame: DataFrame, lateral: exp.Lateral, binder: ExpressionBinder) -> DataFrame:
        """``LATERAL VIEW [OUTER] generator(...) name AS c1, c2``: the rows and
        columns so far, each joined with the rows its generator gives."""
        if not lateral.args.get("view"):
            raise unsupported(lateral, "LATERAL subquery")
        call = binder.bind(lateral.this)
        if not isinstance(call, Call):
            raise unsupported(lateral, "LATERAL VIEW of something other than a generator")
        if lateral.args.get("outer") and not call.function.endswith("_outer"):
            call = Call(f"{call.function}_outer", call.arguments)
        alias = lateral.args.get("alias")
        names = tuple(column.name for column in alias.columns) if alias is not None and alias.columns else ()
        generated = MultiAlias(call, names) if names else call
        return frame.select(Column(Star()), Column(generated))

    def _project(self, frame: DataFrame, node: exp.Select, binder: ExpressionBinder, outputs: list[Expression]) -> DataFrame:
        """SELECT [DISTINCT] outputs ... ORDER BY: sort keys that are not outputs sort
        the input and are dropped after the projection, as Spark does."""
        orders = self._orders(node, binder)
        projected = frame.select(*[Column(output) for output in outputs])
        if node.args.get("distinct"):
            projected = projected.distinct()
        if not orders:
            return projected
        names = {name.lower() for name in projected.columns}
        if all(_output_name(order.child, names) for order in orders) or node.args.get("distinct"):
            return projected.orderBy(*[Column(order) for order in orders])
        width = len(projected.columns)
        hidden = [Alias(order.child, f"__order_{index}") for index, order in enumerate(orders)]
        widened = frame.select(*[Column(output) for output in outputs], *[Column(item) for item in hidden])
        ordered = widened.orderBy(
            *[Column(SortOrder(FieldIndex(width + index, ""), order.ascending, order.nulls_first)) for index, order in enumerate(orders)]
        )
        return _first_columns(ordered, width)

    def _aggregate(self, frame: DataFrame, node: exp.Select, binder: ExpressionBinder, outputs: list[Expression]) -> DataFrame:
        """GROUP BY ... HAVING ... ORDER BY: HAVING and ORDER BY may use aggregates the
        SELECT list does not have; they are computed as hidden columns and dropped."""
        group = node.args.get("group")
        if group is not None and any(group.args.get(key) for key in ("rollup", "cube", "grouping_sets", "all")):
            raise unsupported(group, "GROUP BY with ROLLUP, CUBE, GROUPING SETS or ALL")
        groupings = [binder.bind(item) for item in (group.expressions if group is not None else [])]
        groupings = [_resolve_ordinal(item, outputs) for item in groupings]
        having = node.args.get("having")
        condition = binder.bind(having.this) if having is not None else None
        orders = self._orders(node, binder)
        output_names = {_name_of(output).lower() for output in outputs if not isinstance(output, Star)}
        order_inputs = [order for order in orders if not _output_name(order.child, output_names)]
        hidden = ([condition] if condition is not None else []) + [order.child for order in order_inputs]
        if any(isinstance(output, Star) for output in outputs):
            raise unsupported(node, "SELECT * with GROUP BY")
        grouped = frame._aggregate(groupings, [*outputs, *hidden])
        width, base = len(outputs), len(groupings)
        if condition is not None:
            grouped = grouped.filter(Column(FieldIndex(base + width, "")))
        if orders:
            keys = []
            hidden_position = base + width + (1 if condition is not None else 0)
            for order in orders:
                if order in order_inputs:
                    child: Expression = FieldIndex(hidden_position, "")
                    hidden_position += 1
                else:
                    child = FieldIndex(base + _output_index(order.child, outputs), "")
                keys.append(Column(SortOrder(child, order.ascending, order.nulls_first)))
            grouped = grouped.orderBy(*keys)
        result = _columns(grouped, range(base, base + width))
        return result.distinct() if node.args.get("distinct") else result

    def _orders(self, node: exp.Expr, binder: ExpressionBinder) -> list[SortOrder]:
        order = node.args.get("order")
        return [binder.bind_order(item) for item in order.expressions] if order is not None else []

    def _order_and_limit(self, frame: DataFrame, node: exp.Expr, binder: ExpressionBinder) -> DataFrame:
        orders = self._orders(node, binder)
        if orders:
            frame = frame.orderBy(*[Column(order) for order in orders])
        return self._limit(frame, node.args.get("limit"), node.args.get("offset"), binder)

    def _limit(self, frame: DataFrame, limit: exp.Expr | None, offset: exp.Expr | None, binder: ExpressionBinder) -> DataFrame:
        if offset is not None:
            raise unsupported(offset, "OFFSET")
        if limit is None:
            return frame
        return frame.limit(_constant_int(limit.expression, "LIMIT"))

    # -- FROM ----------------------------------------------------------------------

    def _from(self, source: exp.Expr, joins: list[exp.Join], hints: dict[str, str]) -> DataFrame:
        frame = _hinted(self._relation(source), source, hints)
        binder = self._binder()
        for join in joins:
            lateral = join.this
            if (
                isinstance(lateral, exp.Lateral)
                and isinstance(lateral.this, exp.Anonymous)
                and _udtf.lookup(lateral.this.name) is not None
            ):
                positional, named = self._table_function_arguments(lateral.this)
                frame = _udtf.lookup(lateral.this.name)._lateral(frame, positional, named)
                continue
            other = _hinted(self._relation(join.this), join.this, hints)
            if join.args.get("method"):
                raise unsupported(join, f"{join.args['method']} JOIN")
            how = _JOIN_TYPES.get(((join.side or "").upper(), (join.kind or "").upper()))
            if how is None:
                raise unsupported(join, f"{join.side} {join.kind} JOIN")
            using = join.args.get("using")
            if using:
                frame = frame.join(other, [identifier.name for identifier in using], how)
            elif join.args.get("on") is not None:
                frame = frame.join(other, Column(binder.bind(join.args["on"])), how)
            else:
                frame = frame.join(other, how="cross" if how == "inner" else how)
        return frame

    def _relation(self, node: exp.Expr) -> DataFrame:
        if isinstance(node, exp.Table):
            return self._table(node)
        if isinstance(node, exp.Subquery):
            return self._aliased(self.query(node.this), node.args.get("alias"))
        if isinstance(node, exp.Values):
            return self._values(node)
        raise unsupported(node)

    def _table(self, node: exp.Table) -> DataFrame:
        if isinstance(node.this, exp.Anonymous):
            return self._aliased(self._table_function(node.this), node.args.get("alias"))
        if node.args.get("joins") or node.args.get("laterals") or node.args.get("pivots"):
            raise unsupported(node, "PIVOT, UNPIVOT or LATERAL")
        parts = [part.name for part in node.parts]
        file_format = parts[0].lower() if len(parts) == 2 else ""
        if file_format in ("parquet", "csv", "json", "text", "orc"):
            frame = getattr(self._session.read, file_format)(parts[1])
        elif len(parts) == 1 and parts[0].lower() in self._ctes:
            frame = self._ctes[parts[0].lower()]
        else:
            frame = self._session.catalog.relation(".".join(_quoted(part) for part in parts))
        alias = node.args.get("alias")
        if alias is None:
            return frame.alias(parts[-1])
        return self._aliased(frame, alias)

    def _table_function(self, call: exp.Anonymous) -> DataFrame:
        name = call.name.lower()
        python_function = _udtf.lookup(name)
        if python_function is not None:
            return self._python_table_function(python_function, call)
        if name != "range":
            from pyrust.sql.tvf import table_function  # the functions module imports this one

            binder = self._binder()
            return table_function(self._session, name, [Column(binder.bind(argument)) for argument in call.expressions])
        arguments = [_constant_int(argument, f"{name}()") for argument in call.expressions]
        if not 1 <= len(arguments) <= 4:
            raise errors.AnalysisException(
                errorClass="WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                messageParameters={"functionName": "`range`", "expectedNum": "[1, 2, 3, 4]", "actualNum": str(len(arguments)), "docroot": "https://spark.apache.org/docs/latest"},
            )
        return self._session.range(*arguments)

    def _python_table_function(self, table_function: Any, call: exp.Anonymous) -> DataFrame:
        """A Python UDTF registered with ``spark.udtf.register``, on constant arguments
        (``f(1, x => 'a')``)."""
        positional, named = self._table_function_arguments(call)
        return table_function(*positional, **named)

    def _table_function_arguments(self, call: exp.Anonymous) -> tuple[list[Column], dict[str, Column]]:
        """A table function call's arguments: positional ones, then ``name => value`` ones."""
        binder = self._binder()
        positional, named = [], {}
        for argument in call.expressions:
            if isinstance(argument, exp.Kwarg):
                named[argument.this.name] = Column(binder.bind(argument.expression))
            else:
                positional.append(Column(binder.bind(argument)))
        return positional, named

    def _values(self, node: exp.Values) -> DataFrame:
        """``VALUES (..), (..) [AS t(a, b)]``: one row per tuple, columns ``col1, col2, ...``
        unless named, each column of the rows' common type (as a UNION makes it)."""
        binder = self._binder()
        rows = [
            [binder.bind(item) for item in (row.expressions if isinstance(row, exp.Tuple) else [row])]
            for row in node.expressions
        ]
        frames = [self._one_row().select(*[Column(item) for item in row]) for row in rows]
        # The common types first, so that each row's values are cast where
        # they are still literals (an empty `array()` takes any array type).
        union = frames[0]
        for other in frames[1:]:
            union = union.union(other)
        targets = [field.dataType for field in union.schema.fields]
        frame = None
        for row, selected in zip(rows, frames):
            items = [
                item if field.dataType == target else Cast(item, target)
                for item, field, target in zip(row, selected.schema.fields, targets)
            ]
            typed = self._one_row().select(*[Column(Alias(item, f"col{index + 1}")) for index, item in enumerate(items)])
            frame = typed if frame is None else frame.union(typed)
        return self._aliased(frame, node.args.get("alias"))

    def _aliased(self, frame: DataFrame, alias: exp.TableAlias | None) -> DataFrame:
        if alias is None:
            return frame
        columns = [column.name for column in alias.args.get("columns") or []]
        if columns:
            if len(columns) != len(frame.columns):
                raise errors.AnalysisException(
                    errorClass="ASSIGNMENT_ARITY_MISMATCH",
                    messageParameters={"numTarget": str(len(columns)), "numExpr": str(len(frame.columns))},
                )
            frame = frame.toDF(*columns)
        return frame.alias(alias.name) if alias.name else frame

    def _one_row(self) -> DataFrame:
        """The single row of a SELECT without FROM."""
        return self._session.range(1).select()


def _quoted(part: str) -> str:
    return f"`{part}`" if "." in part else part


def _name_of(expression: Expression) -> str:
    return expression.name if isinstance(expression, Alias) else expression.sql()


def _output_name(expression: Expression, names: set[str]) -> bool:
    """Whether an ORDER BY key names a SELECT output (an alias or an output column)."""
    return isinstance(expression, ColumnReference) and expression.name.lower() in names


def _output_index(expression: Expression, outputs: list[Expression]) -> int:
    wanted = expression.name.lower() if isinstance(expression, ColumnReference) else ""
    for index, output in enumerate(outputs):
        if _name_of(output).lower() == wanted:
            return index
    raise errors.PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"ORDER BY {expression.sql()} in SQL"}
    )


def _resolve_ordinal(expression: Expression, outputs: list[Expression]) -> Expression:
    """``GROUP BY 1``: Spark's group-by ordinals name SELECT items."""
    if isinstance(expression, Literal) and isinstance(expression.value, int) and not isinstance(expression.value, bool):
        position = expression.value
        if not 1 <= position <= len(outputs):
            raise errors.AnalysisException(
                errorClass="GROUP_BY_POS_OUT_OF_RANGE", messageParameters={"index": str(position), "size": str(len(outputs))}
            )
        chosen = outputs[position - 1]
        return chosen.child if isinstance(chosen, Alias) else chosen
    return expression


def _constant_int(node: exp.Expr, clause: str) -> int:
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(node.this)
        except ValueError:
            pass
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal):
        return -_constant_int(node.this, clause)
    raise unsupported(node, f"a {clause} that is not an integer literal")


def _columns(frame: DataFrame, indexes: range) -> DataFrame:
    names = frame.columns
    return frame.select(*[Column(FieldIndex(index, names[index])) for index in indexes])


def _first_columns(frame: DataFrame, width: int) -> DataFrame:
    return _columns(frame, range(width))


def _join_hints(hint: exp.Expr | None) -> dict[str, str]:
    """``/*+ BROADCAST(t), MERGE(u) */``: each named relation's hint (lowercased names),
    the first one naming a relation winning as in Spark."""
    hints: dict[str, str] = {}
    for item in hint.expressions if hint is not None else []:
        # sqlglot's Spark dialect reads `BROADCAST(t)` as a call of columns; others as join hints.
        if isinstance(item, (exp.JoinHint, exp.Anonymous)):
            for relation in item.expressions:
                hints.setdefault(relation.name.lower(), item.name)
    return hints


def _hinted(frame: DataFrame, relation: exp.Expr, hints: dict[str, str]) -> DataFrame:
    """``frame``, the FROM item ``relation``, with the hint naming it (by alias or table name)."""
    names = [relation.alias_or_name.lower()] if relation.alias_or_name else []
    if isinstance(relation, exp.Table):
        names.append(relation.name.lower())
    hint = next((hints[name] for name in names if name in hints), None)
    return frame.hint(hint) if hint is not None else frame

