"""``GroupedData``: the result of ``DataFrame.groupBy``, waiting for aggregates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _functions
from pyrust.sql import types as T
from pyrust.sql._coercion import is_numeric
from pyrust.sql._expressions import Alias, CaseWhen, Call, Cast, ColumnReference, Expression, Literal, map_children
from pyrust.sql._subquery import deferrable
from pyrust.sql.column import Column, _literal_type, _to_column
from pyrust.sql.pandas.group_ops import PandasGroupedOpsMixin

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

# Names `agg({"col": "fn"})` maps to another aggregate, as Spark's `strToExpr` does;
# any other aggregate function is called by its own name.
_DICT_SYNONYMS = {"mean": "avg", "average": "avg", "std": "stddev", "size": "count"}


class GroupedData(PandasGroupedOpsMixin):
    """Rows grouped by some columns; aggregate them with ``agg`` or a shortcut."""

    def __init__(
        self,
        frame: DataFrame,
        groupings: list[Expression],
        grouping_sets: list[tuple[int, ...]] | None = None,
        pivot: tuple[Expression, list[Any]] | None = None,
    ) -> None:
        self._frame = frame
        self._groupings = groupings
        # rollup/cube/groupingSets: the sets of `groupings` (by index) to group by, one after another.
        self._grouping_sets = grouping_sets
        # pivot: the pivot column and its values.
        self._pivot = pivot

    def __repr__(self) -> str:
        keys = ", ".join(key.sql() for key in self._groupings)
        values = ", ".join(f"{name}: {data_type}" for name, data_type in self._frame.dtypes)
        if self._pivot is not None:
            kind = "Pivot"
        elif self._grouping_sets is None:
            kind = "GroupBy"
        else:
            kind = "GroupingSets"
        return f"GroupedData[grouping expressions: [{keys}], value: [{values}], type: {kind}]"

    @deferrable
    def agg(self, *exprs: Any) -> DataFrame:
        """Compute aggregates per group: Columns such as ``F.sum("x")``, or a dict ``{"x": "max"}``."""
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            columns = _java_hash_map_order(list(exprs[0]))
            aggregates = [self._dict_aggregate(column, exprs[0][column]) for column in columns]
        else:
            aggregates = []
            for item in _flatten_columns(exprs):
                if not isinstance(item, Column):
                    raise errors.PySparkTypeError(
                        errorClass="NOT_COLUMN", messageParameters={"arg_name": "exprs", "arg_type": type(item).__name__}
                    )
                aggregates.append(item._expression)
        return self._run(aggregates)

    def _run(self, aggregates: list[Expression]) -> DataFrame:
        """The aggregates per group, for a plain grouping, grouping sets or a pivot."""
        if self._pivot is not None:
            aggregates = _pivoted(aggregates, *self._pivot)
        if self._grouping_sets is None:
            return self._frame._aggregate(self._groupings, aggregates)
        # Each grouping set is one aggregation, the keys it leaves out grouped as typed
        # nulls; the results are one union (the rows Spark's Expand + Aggregate give).
        analyzer = self._frame._analyzer()
        bounds = [analyzer.resolve(key) for key in self._groupings]
        result: DataFrame | None = None
        for members in self._grouping_sets:
            keys: list[Expression] = []
            for index, (key, bound) in enumerate(zip(self._groupings, bounds)):
                keys.append(key if index in members else Alias(Cast(Literal(None, T.NullType()), bound.data_type), bound.name))
            measured = [_grouping_literals(expression, self._groupings, members) for expression in aggregates]
            part = self._frame._aggregate(keys, measured)
            result = part if result is None else result.union(part)
        if result is None:
            msg = "groupingSets needs at least one grouping set"
            raise errors.PySparkValueError(msg)
        from pyrust.sql.dataframe import DataFrame as Frame

        # Every key may be null in some set's rows.
        attributes = [
            type(a)(a.name, a.data_type, True if position < len(bounds) else a.nullable, a.qualifiers)
            for position, a in enumerate(result._attributes)
        ]
        return Frame(result._session, result._plan, attributes, result._tables)

    def pivot(self, pivot_col: Any, values: list[Any] | None = None) -> GroupedData:
        """Turn the values of ``pivot_col`` into columns (the distinct values, sorted, unless given)."""
        pivot_expression = _to_column(pivot_col)._expression
        if values is None:
            found = self._frame.select(Column(pivot_expression)).distinct().collect()
            values = sorted((row[0] for row in found), key=lambda value: (value is not None, value))
        return GroupedData(self._frame, self._groupings, self._grouping_sets, (pivot_expression, list(values)))

    @staticmethod
    def _dict_aggregate(column: str, function: str) -> Expression:
        name = _DICT_SYNONYMS.get(function.lower(), function.lower())
        if not _functions.is_aggregate(name):
            raise errors.AnalysisException(
                errorClass="UNRESOLVED_ROUTINE",
                messageParameters={
                    "routineName": f"`{function}`",
                    "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
                },
            )
        argument: Expression = Literal(1, T.IntegerType()) if column == "*" else ColumnReference(column)
        return Call(name, (argument,))

    def count(self) -> DataFrame:
        """The number of rows in each group, as column ``count``."""
        return self._run([Alias(Call("count", (Literal(1, T.IntegerType()),)), "count")])

    def _numeric(self, function: str, cols: tuple[str, ...]) -> DataFrame:
        if not cols:
            cols = tuple(a.name for a in self._frame._attributes if is_numeric(a.data_type))
        else:
            for name in cols:
                attribute = self._frame._attributes[self._frame._analyzer().find(ColumnReference(name))]
                if not is_numeric(attribute.data_type):
                    msg = f'"{name}" is not a numeric column. Aggregation function can only be applied on a numeric column.'
                    raise errors.AnalysisException(msg)
        return self._run([Call(function, (ColumnReference(name),)) for name in cols])

    def sum(self, *cols: str) -> DataFrame:
        """The sum of each numeric column (or of ``cols``) per group."""
        return self._numeric("sum", cols)

    def avg(self, *cols: str) -> DataFrame:
        """The mean of each numeric column (or of ``cols``) per group."""
        return self._numeric("avg", cols)

    mean = avg

    def min(self, *cols: str) -> DataFrame:
        """The smallest value of each numeric column (or of ``cols``) per group."""
        return self._numeric("min", cols)

    def max(self, *cols: str) -> DataFrame:
        """The largest value of each numeric column (or of ``cols``) per group."""
        return self._numeric("max", cols)


def _java_hash_map_order(keys: list[str]) -> list[str]:
    """The order PySpark's ``agg(dict)`` produces columns in.

    PySpark hands the dict to the JVM as a ``java.util.HashMap``, so columns
    come out in that map's iteration order: by bucket of the Java string hash
    (16 buckets while the map is small), insertion order within a bucket.
    Scala keeps that order for up to four entries; beyond that its own hash
    order applies, which we do not reproduce (dict order is used instead).
    """
    if len(keys) > 4:
        return keys

    def bucket(key: str) -> int:
        units = key.encode("utf-16-le")  # Java hashes UTF-16 code units
        code = 0
        for offset in range(0, len(units), 2):
            code = (31 * code + int.from_bytes(units[offset : offset + 2], "little")) & 0xFFFFFFFF
        return (code ^ (code >> 16)) & 15

    return sorted(keys, key=bucket)


def _flatten_columns(exprs: tuple[Any, ...]) -> list[Any]:
    """``agg(a, b)`` and ``agg([a, b])`` alike."""
    if len(exprs) == 1 and isinstance(exprs[0], list):
        return list(exprs[0])
    return list(exprs)


def _grouping_literals(expression: Expression, keys: list[Expression], members: tuple[int, ...]) -> Expression:
    """``grouping(k)`` and ``grouping_id(...)`` in ``expression`` as the constants they are
    in the rows of one grouping set (1 where a key is left out)."""
    if isinstance(expression, Call) and expression.function in ("grouping", "grouping_id"):
        arguments = expression.arguments or tuple(keys)
        bits = [0 if arguments_index_in(argument, keys, members) else 1 for argument in arguments]
        if expression.function == "grouping":
            return Alias(Literal(bits[0], T.ByteType()), expression.sql())
        value = 0
        for bit in bits:
            value = value * 2 + bit
        return Alias(Literal(value, T.LongType()), expression.sql())
    return map_children(expression, lambda child: _grouping_literals(child, keys, members))


def arguments_index_in(argument: Expression, keys: list[Expression], members: tuple[int, ...]) -> bool:
    """Whether ``argument`` is one of the keys of the grouping set ``members``."""
    for index, key in enumerate(keys):
        if key == argument or (
            isinstance(key, ColumnReference) and isinstance(argument, ColumnReference) and key.name.lower() == argument.name.lower()
        ):
            return index in members
    msg = f"[GROUPING_COLUMN_MISMATCH] Column of grouping ({argument.sql()}) can't be found in grouping columns."
    raise errors.AnalysisException(msg)


# Aggregates whose result depends on which rows they see, not only on the non-null
# values: rewriting their argument as `CASE WHEN pivot = v THEN x END` would change them.
_ORDER_SENSITIVE = {"first", "last", "first_value", "last_value", "any_value", "count_if", "bool_and", "bool_or", "every", "some", "any"}


def _pivoted(aggregates: list[Expression], pivot: Expression, values: list[Any]) -> list[Expression]:
    """One copy of each aggregate per pivot value, over the rows with that value."""
    from pyrust.sql import _functions

    def restrict(expression: Expression, condition: Expression) -> Expression:
        if isinstance(expression, Call) and _functions.is_aggregate(expression.function):
            if expression.function in _ORDER_SENSITIVE:
                raise errors.PySparkNotImplementedError(
                    errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"pivot with {expression.function}"}
                )
            arguments = expression.arguments or (Literal(1, T.IntegerType()),)
            first = CaseWhen(((condition, arguments[0]),))
            return Call(expression.function, (first, *arguments[1:]), expression.distinct)
        return map_children(expression, lambda child: restrict(child, condition))

    outputs: list[Expression] = []
    for value in values:
        literal = Literal(value, _literal_type(value))
        condition = Call("<=>", (pivot, literal)) if value is None else Call("=", (pivot, literal))
        label = _value_text(value)
        # A (group, value) pair without rows gives null, whatever the aggregate (count too).
        present = Call("isnotnull", (Call("max", (CaseWhen(((condition, Literal(1, T.IntegerType())),)),)),))
        for expression in aggregates:
            name = expression.name if isinstance(expression, Alias) else expression.sql()
            child = expression.child if isinstance(expression, Alias) else expression
            value = CaseWhen(((present, restrict(child, condition)),))
            outputs.append(Alias(value, label if len(aggregates) == 1 else f"{label}_{name}"))
    return outputs


def _value_text(value: Any) -> str:
    """A pivot value as Spark names its column."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
