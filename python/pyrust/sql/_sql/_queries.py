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
    OuterReference,
    SortOrder,
    Star,
    map_children,
)
from pyrust.sql._sql._expressions import ExpressionBinder, unsupported
from pyrust.sql._subquery import Deferred, LazyQuery
from pyrust.sql import udtf as _udtf
from pyrust.sql._generate import contains_generator
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

# INTERSECT / EXCEPT (MINUS) [ALL | DISTINCT] → the DataFrame operation.
_SET_OPERATIONS = {
    (exp.Intersect, True): "intersect",
    (exp.Intersect, False): "intersectAll",
    (exp.Except, True): "subtract",
    (exp.Except, False): "exceptAll",
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
        # Binding a LATERAL subquery: its names may be the left side's (see `_lateral`).
        self._lateral = False

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
            names = [cte.alias_or_name.lower() for cte in with_clause.expressions]
            duplicates = sorted({name for name in names if names.count(name) > 1})
            if duplicates:
                raise errors.ParseException(
                    errorClass="DUPLICATED_CTE_NAMES", messageParameters={"duplicateNames": ", ".join(f"`{name}`" for name in duplicates)}
                )
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
        operation = _SET_OPERATIONS.get((type(node), bool(node.args.get("distinct"))))
        if operation is not None:
            frame = getattr(self.query(node.this), operation)(self.query(node.expression))
            return self._order_and_limit(frame, node, self._binder())
        raise unsupported(node)

    def _binder(self, windows: Mapping[str, exp.Window] | None = None) -> ExpressionBinder:
        binder = ExpressionBinder(self._parameters, windows, self._session.conf.get("spark.sql.session.timeZone"))
        binder.markers = self._markers
        binder.subquery = self._subquery
        return _LateralNames(binder) if self._lateral else binder

    def _subquery(self, node: exp.Expr) -> LazyQuery:
        """A subquery in an expression, bound when the enclosing query resolves it
        (its names may be the enclosing query's columns)."""
        scope = QueryBinder(self._session, self._parameters, self._ctes)
        scope._markers = self._markers
        return LazyQuery(lambda: scope.query(node))

    # -- SELECT --------------------------------------------------------------------

    def _select(self, node: exp.Select) -> DataFrame:
        for clause in ("prewhere", "connect"):
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
        outputs = [_star_except(frame, item) if _excepted(item) else binder.bind(item) for item in node.expressions]
        group = node.args.get("group")
        having = node.args.get("having")
        aggregated = group is not None or having is not None or any(output.contains_aggregate() for output in outputs)
        qualify = node.args.get("qualify")
        if qualify is not None and aggregated:
            raise unsupported(qualify, "QUALIFY in a query with GROUP BY or aggregates")
        if qualify is not None:
            frame = self._qualified(frame, node, binder, outputs)
        elif aggregated and isinstance(frame, Deferred):
            # A LATERAL subquery waiting for its left side: an aggregate without grouping.
            if group is not None or having is not None or node.args.get("order") or node.args.get("distinct"):
                raise unsupported(node, "GROUP BY, HAVING, ORDER BY or DISTINCT with aggregates in a LATERAL subquery")
            frame = frame.select(*[Column(output) for output in outputs])
        elif aggregated:
            frame = self._aggregate(frame, node, binder, outputs)
        else:
            frame = self._project(frame, node, binder, outputs)
        frame = _mark_generated_names(frame, node.expressions, outputs)
        frame = self._partitioning(frame, node, binder)
        limit, offset = node.args.get("limit"), node.args.get("offset")
        return self._limit(frame, limit, offset, binder)

    def _qualified(self, frame: DataFrame, node: exp.Select, binder: ExpressionBinder, outputs: list[Expression]) -> DataFrame:
        """SELECT ... QUALIFY condition [ORDER BY outputs]: the rows whose condition (over
        window functions and SELECT aliases) holds, before DISTINCT and ORDER BY."""
        condition = _with_aliases(binder.bind(node.args["qualify"].this), outputs, frame.columns)
        width = len(frame.select(*[Column(output) for output in outputs]).columns)
        widened = frame.select(*[Column(output) for output in outputs], Column(Alias(condition, "__qualify")))
        kept = _first_columns(widened.filter(Column(FieldIndex(width, ""))), width)
        if node.args.get("distinct"):
            kept = kept.distinct()
        orders = _ordinals(self._orders(node, binder), width)
        names = {name.lower() for name in kept.columns}
        if not all(_output_name(order.child, names) for order in orders):
            raise unsupported(node.args["order"], "ORDER BY of a column the SELECT list lacks, with QUALIFY")
        return kept.orderBy(*[Column(order) for order in orders]) if orders else kept

    def _partitioning(self, frame: DataFrame, node: exp.Select, binder: ExpressionBinder) -> DataFrame:
        """``DISTRIBUTE BY`` (repartition by the keys), ``SORT BY`` (sort each partition)
        and ``CLUSTER BY k`` (both, ascending), over the SELECT's output."""
        distribute, sort, cluster = (node.args.get(clause) for clause in ("distribute", "sort", "cluster"))
        if cluster is not None:
            keys = [binder.bind(item.this if isinstance(item, exp.Ordered) else item) for item in cluster.expressions]
            return frame.repartition(*[Column(key) for key in keys]).sortWithinPartitions(*[Column(SortOrder(key)) for key in keys])
        if distribute is not None:
            keys = [binder.bind(item.this if isinstance(item, exp.Ordered) else item) for item in distribute.expressions]
            frame = frame.repartition(*[Column(key) for key in keys])
        if sort is not None:
            frame = frame.sortWithinPartitions(*[Column(binder.bind_order(item)) for item in sort.expressions])
        return frame

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
        lateral_orders = self._orders(node, binder) if isinstance(frame, Deferred) else []
        if lateral_orders and not node.args.get("distinct"):
            orders = lateral_orders
            # A LATERAL subquery waiting for its left side: sorted by its outputs, or else
            # by its input before the projection (the projection keeps the rows' order).
            names = {_name_of(output).lower() for output in outputs if not isinstance(output, Star)}
            by_output = [_output_name(_without_outer(order.child), names) for order in orders]
            if all(by_output):
                keys = [Column(SortOrder(_without_outer(order.child), order.ascending, order.nulls_first)) for order in orders]
                return frame.select(*[Column(output) for output in outputs]).orderBy(*keys)
            if any(by_output):
                raise unsupported(node, "ORDER BY of both outputs and inputs in a LATERAL subquery")
            return frame.orderBy(*[Column(order) for order in orders]).select(*[Column(output) for output in outputs])
        projected = frame.select(*[Column(output) for output in outputs])
        if isinstance(projected, Deferred) and not lateral_orders:
            # Waiting for its left side: its columns are not known yet (nor needed: no ORDER BY).
            return projected.distinct() if node.args.get("distinct") else projected
        orders = _ordinals(self._orders(node, binder), len(projected.columns))
        if node.args.get("distinct"):
            projected = projected.distinct()
        if not orders:
            return projected
        names = {name.lower() for name in projected.columns}
        if all(_output_name(order.child, names) for order in orders) or node.args.get("distinct"):
            return projected.orderBy(*[Column(order) for order in orders])
        width = len(projected.columns)
        # Ordinals sort by their output; other keys by hidden columns after the outputs.
        hidden = [Alias(order.child, f"__order_{index}") for index, order in enumerate(orders) if not isinstance(order.child, FieldIndex)]
        widened = frame.select(*[Column(output) for output in outputs], *[Column(item) for item in hidden])
        keys, position = [], width
        for order in orders:
            if isinstance(order.child, FieldIndex):
                key = order.child
            else:
                key, position = FieldIndex(position, ""), position + 1
            keys.append(Column(SortOrder(key, order.ascending, order.nulls_first)))
        return _first_columns(widened.orderBy(*keys), width)

    def _aggregate(self, frame: DataFrame, node: exp.Select, binder: ExpressionBinder, outputs: list[Expression]) -> DataFrame:
        """GROUP BY ... HAVING ... ORDER BY: HAVING and ORDER BY may use aggregates the
        SELECT list does not have; they are computed as hidden columns and dropped."""
        group = node.args.get("group")
        if group is not None and any(group.args.get(key) for key in ("rollup", "cube", "grouping_sets", "all")):
            raise unsupported(group, "GROUP BY with ROLLUP, CUBE, GROUPING SETS or ALL")
        groupings = [binder.bind(item) for item in (group.expressions if group is not None else [])]
        groupings = [_resolve_ordinal(item, outputs) for item in groupings]
        groupings = [_resolve_alias(item, outputs, frame.columns) for item in groupings]
        _check_grouped(outputs, groupings, group is not None)
        having = node.args.get("having")
        condition = _with_aliases(binder.bind(having.this), outputs, frame.columns) if having is not None else None
        orders = _ordinals(self._orders(node, binder), len(outputs))
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
        orders = _ordinals(self._orders(node, binder), len(frame.columns))
        if orders:
            frame = frame.orderBy(*[Column(order) for order in orders])
        return self._limit(frame, node.args.get("limit"), node.args.get("offset"), binder)

    def _limit(self, frame: DataFrame, limit: exp.Expr | None, offset: exp.Expr | None, binder: ExpressionBinder) -> DataFrame:
        """``LIMIT n OFFSET m``: the rows after the first m, then n of them."""
        if offset is not None:
            frame = frame.offset(_constant_int(offset.expression, "OFFSET"))
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
            if isinstance(lateral, exp.Lateral) and not lateral.args.get("view"):
                frame = self._lateral_join(frame, join, binder)
                continue
            other = _hinted(self._relation(join.this), join.this, hints)
            method = (join.args.get("method") or "").upper()
            if method not in ("", "NATURAL"):
                raise unsupported(join, f"{method} JOIN")
            how = _JOIN_TYPES.get(((join.side or "").upper(), (join.kind or "").upper()))
            if how is None:
                raise unsupported(join, f"{join.side} {join.kind} JOIN")
            using = [exp.to_identifier(name) for name in _common_columns(frame, other)] if method else join.args.get("using")
            if method and not using:
                frame = frame.join(other, how="cross" if how == "inner" else how)
                continue
            if using:
                frame = frame.join(other, [identifier.name for identifier in using], how)
            elif join.args.get("on") is not None:
                frame = frame.join(other, Column(binder.bind(join.args["on"])), how)
            else:
                frame = frame.join(other, how="cross" if how == "inner" else how)
        return frame

    def _lateral_join(self, frame: DataFrame, join: exp.Join, binder: Any) -> DataFrame:
        """``left [LEFT] JOIN LATERAL (subquery | table_function(...)) [ON ...]``: the
        subquery bound with every name it cannot resolve among its own columns taken
        from the left side (SQL's correlated names), then ``DataFrame.lateralJoin``."""
        lateral = join.this
        scope = QueryBinder(self._session, self._parameters, self._ctes)
        scope._markers = self._markers
        scope._lateral = True
        if isinstance(lateral.this, exp.Subquery):
            other = scope.query(lateral.this.this)
            if lateral.this.args.get("alias") is not None:
                other = scope._aliased(other, lateral.this.args["alias"])
        else:
            call = scope._binder().bind(lateral.this)
            if not isinstance(call, Call):
                raise unsupported(lateral, "LATERAL of something other than a subquery or a table function")
            from pyrust.sql.tvf import table_function  # the functions module imports this one

            other = table_function(self._session, call.function, [Column(argument) for argument in call.arguments])
        if lateral.args.get("alias") is not None:
            other = scope._aliased(other, lateral.args["alias"])
        how = _JOIN_TYPES.get(((join.side or "").upper(), (join.kind or "").upper()))
        if how not in ("inner", "cross", "left"):
            raise errors.AnalysisException(
                errorClass="UNSUPPORTED_JOIN_TYPE",
                messageParameters={"typ": str(how), "supported": "'inner', 'leftouter', 'left', 'left_outer', 'cross'"},
            )
        on = join.args.get("on")
        condition = None
        if on is not None and not (isinstance(on, exp.Boolean) and on.this is True):
            condition = Column(binder.bind(on))
        return frame.lateralJoin(other, condition, how)

    def _relation(self, node: exp.Expr) -> DataFrame:
        # PIVOT/UNPIVOT may follow any relation (a table, a subquery, VALUES, a table function).
        if node.args.get("pivots"):
            raise unsupported(node, "PIVOT or UNPIVOT")
        sample = node.args.get("sample")
        if isinstance(node, exp.Table):
            frame = self._table(node)
        elif isinstance(node, exp.Subquery):
            frame = self._aliased(self.query(node.this), node.args.get("alias"))
        elif isinstance(node, exp.Values):
            frame = self._values(node)
        else:
            raise unsupported(node)
        return frame if sample is None else _sampled(frame, sample)

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
                named[argument.this.name] = self._table_argument(argument.expression) or Column(binder.bind(argument.expression))
            else:
                positional.append(self._table_argument(argument) or Column(binder.bind(argument)))
        return positional, named

    def _table_argument(self, node: exp.Expr) -> Any:
        """``TABLE(t)`` or ``TABLE(SELECT ...)``, a table function's table argument
        (``DataFrame.asTable()``); None for any other argument."""
        if not (isinstance(node, exp.Anonymous) and node.name.upper() == "TABLE" and len(node.expressions) == 1):
            return None
        inner = node.expressions[0]
        if isinstance(inner, exp.Column) and not inner.table:
            return self._table(exp.Table(this=inner.this)).asTable()
        if isinstance(inner, exp.Column):
            return self._table(exp.Table(this=inner.this, db=inner.args.get("table"))).asTable()
        if isinstance(inner, (exp.Select, exp.Union, exp.Subquery)):
            return self.query(inner.this if isinstance(inner, exp.Subquery) else inner).asTable()
        raise unsupported(node, "TABLE(...) of something other than a table or a query")

    def _values(self, node: exp.Values) -> DataFrame:
        """``VALUES (..), (..) [AS t(a, b)]``: one row per tuple, columns ``col1, col2, ...``
        unless named, each column of the rows' common type (as a UNION makes it)."""
        binder = self._binder()
        rows = [
            [binder.bind(item) for item in (row.expressions if isinstance(row, exp.Tuple) else [row])]
            for row in node.expressions
        ]
        alias = node.args.get("alias")
        width = len(alias.columns) if alias is not None and alias.columns else len(rows[0])
        for index, row in enumerate(rows):
            if len(row) != width:
                raise errors.ParseException(
                    errorClass="INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                    messageParameters={"expectedNumCols": str(width), "actualNumCols": str(len(row)), "rowIndex": str(index)},
                )
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


class _LateralNames:
    """The expression binder of a LATERAL subquery: each column it names is marked
    ``outer()``, so that a name the subquery's own columns do not have is looked up
    in the left side once the lateral join resolves it (Spark resolves a name among
    the subquery's own columns first)."""

    def __init__(self, binder: ExpressionBinder) -> None:
        self._binder = binder

    def bind(self, node: exp.Expr) -> Expression:
        return _outer_names(self._binder.bind(node))

    def bind_order(self, node: exp.Expr) -> SortOrder:
        order = self._binder.bind_order(node)
        return SortOrder(_outer_names(order.child), order.ascending, order.nulls_first)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._binder, name)


def _without_outer(expression: Expression) -> Expression:
    return expression.child if isinstance(expression, OuterReference) else expression


def _outer_names(expression: Expression) -> Expression:
    if isinstance(expression, ColumnReference) and expression.plan_id is None:
        return OuterReference(expression)
    if isinstance(expression, OuterReference):
        return expression
    return map_children(expression, _outer_names)


def _quoted(part: str) -> str:
    return f"`{part}`" if "." in part else part


def _name_of(expression: Expression) -> str:
    return expression.name if isinstance(expression, Alias) else expression.sql()


def _common_columns(left: DataFrame, right: DataFrame) -> list[str]:
    """A NATURAL JOIN's keys: the left side's columns the right side has too (case-insensitively)."""
    right_names = {name.lower() for name in right.columns}
    return [name for name in left.columns if name.lower() in right_names]


def _sampled(frame: DataFrame, sample: exp.TableSample) -> DataFrame:
    """``TABLESAMPLE (n ROWS)`` keeps the first n rows, as Spark does, and ``(100 PERCENT)``
    every row; random samples (other percentages, buckets) are not implemented: Spark's
    random choice of rows can't be reproduced."""
    size, percent = sample.args.get("size"), sample.args.get("percent")
    others = [key for key, value in sample.args.items() if value is not None and key not in ("size", "percent")]
    if size is not None and percent is None and not others:
        return frame.limit(_constant_int(size, "TABLESAMPLE"))
    if percent is not None and size is None and not others and percent.is_number and float(percent.this) == 100:
        return frame
    raise unsupported(sample, "TABLESAMPLE of a random sample")


def _excepted(item: exp.Expr) -> list[exp.Expr]:
    """The columns of ``* EXCEPT (a, b)`` / ``t.* EXCEPT (...)``; empty for other items."""
    star = item.this if isinstance(item, exp.Column) and isinstance(item.this, exp.Star) else item
    return list(star.args.get("except_") or []) if isinstance(star, exp.Star) else []


def _star_except(frame: DataFrame, item: exp.Expr) -> Star:
    """``[t.]* EXCEPT (a, b)``: the star's columns but those named."""
    qualifier = item.table or None if isinstance(item, exp.Column) else None
    names = frame.select(Column(Star(qualifier))).columns
    excluded = set()
    for column in _excepted(item):
        if not isinstance(column, exp.Column) or column.table or column.name.lower() not in {name.lower() for name in names}:
            raise unsupported(column, "* EXCEPT of a nested field or of a column the star lacks")
        excluded.add(column.name.lower())
    return Star(qualifier, tuple(name for name in names if name.lower() not in excluded))


def _output_name(expression: Expression, names: set[str]) -> bool:
    """Whether an ORDER BY key names a SELECT output (an alias, an output column or an ordinal)."""
    return isinstance(expression, FieldIndex) or (isinstance(expression, ColumnReference) and expression.name.lower() in names)


def _ordinals(orders: list[SortOrder], width: int) -> list[SortOrder]:
    """``ORDER BY 1``: Spark's order-by ordinals name SELECT items (1-based)."""
    resolved = []
    for order in orders:
        child = order.child
        if isinstance(child, Literal) and isinstance(child.value, int) and not isinstance(child.value, bool):
            if not 1 <= child.value <= width:
                raise errors.AnalysisException(
                    errorClass="ORDER_BY_POS_OUT_OF_RANGE", messageParameters={"index": str(child.value), "size": str(width)}
                )
            order = SortOrder(FieldIndex(child.value - 1, ""), order.ascending, order.nulls_first)
        resolved.append(order)
    return resolved


def _output_index(expression: Expression, outputs: list[Expression]) -> int:
    if isinstance(expression, FieldIndex):
        return expression.index
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


def _resolve_alias(expression: Expression, outputs: list[Expression], columns: list[str]) -> Expression:
    """``GROUP BY r`` for ``SELECT a AS r``: a name no input column has may be a SELECT alias."""
    if not isinstance(expression, ColumnReference) or expression.name.lower() in {name.lower() for name in columns}:
        return expression
    chosen = [output for output in outputs if isinstance(output, Alias) and output.name.lower() == expression.name.lower()]
    return chosen[0].child if len(chosen) == 1 else expression


def _check_grouped(outputs: list[Expression], groupings: list[Expression], grouped: bool) -> None:
    """Spark's errors for a SELECT item that is a plain column neither grouped nor
    aggregated (checked where that is certain: every grouping is a plain column)."""
    if not all(isinstance(grouping, ColumnReference) for grouping in groupings):
        return
    grouped_names = {grouping.name.lower() for grouping in groupings}
    for output in outputs:
        column = output.child if isinstance(output, Alias) else output
        if not isinstance(column, ColumnReference) or "." in column.name or column.name.lower() in grouped_names:
            continue
        if not grouped:
            raise errors.AnalysisException(errorClass="MISSING_GROUP_BY", messageParameters={})
        raise errors.AnalysisException(
            errorClass="MISSING_AGGREGATION",
            messageParameters={"expression": f'"{column.name}"', "expressionAnyValue": f'"any_value({column.name})"'},
        )


def _with_aliases(expression: Expression, outputs: list[Expression], columns: list[str]) -> Expression:
    """``HAVING s > 1`` for ``SELECT sum(x) AS s``: every name no input column has that
    is a SELECT alias stands for the aliased expression."""
    resolved = _resolve_alias(expression, outputs, columns)
    if resolved is not expression:
        return resolved
    return map_children(expression, lambda child: _with_aliases(child, outputs, columns))


def _constant_int(node: exp.Expr, clause: str) -> int:
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(node.this)
        except ValueError:
            pass
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal):
        return -_constant_int(node.this, clause)
    raise unsupported(node, f"a {clause} that is not an integer literal")


# Spark marks a SELECT item it had to name itself (an expression other than a
# column or a literal, without an alias) with this field metadata, which
# spark.sql's schemas keep (views and subqueries pass it on).
_GENERATED_NAME_METADATA = {"__autoGeneratedAlias": "true"}


def _named_by_spark(item: exp.Expr, expression: Expression) -> bool:
    """Whether Spark names this SELECT item itself: not an alias the query wrote,
    a column (also under a CAST, which keeps the column's name), a literal or a generator."""
    if isinstance(item, (exp.Alias, exp.Aliases)):
        return False
    while isinstance(expression, Alias):  # names the binder gives, e.g. (IF(...)) or a typed literal's
        expression = expression.child
    if isinstance(expression, Cast) and isinstance(expression.child, (ColumnReference, FieldIndex)):
        return False
    named = (MultiAlias, ColumnReference, FieldIndex, Literal, Star)
    return not isinstance(expression, named) and not contains_generator(expression)


def _mark_generated_names(frame: DataFrame, items: list[exp.Expr], outputs: list[Expression]) -> DataFrame:
    if isinstance(frame, Deferred):
        return frame  # a LATERAL subquery still waiting for its left side: named when it is joined
    names = frame.columns
    marked = [_named_by_spark(item, output) for item, output in zip(items, outputs)]
    # A star or a generator of several columns: the outputs are not the columns one to one.
    if not any(marked) or len(names) != len(outputs) or any(isinstance(output, Star) for output in outputs):
        return frame
    return frame.select(*[
        Column(
            Alias(FieldIndex(index, name), name, metadata=dict(_GENERATED_NAME_METADATA)) if mark else FieldIndex(index, name)
        )
        for index, (name, mark) in enumerate(zip(names, marked))
    ])


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

