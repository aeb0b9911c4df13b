"""``GroupedData``: the result of ``DataFrame.groupBy``, waiting for aggregates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _functions
from pyrust.sql import types as T
from pyrust.sql._coercion import is_numeric
from pyrust.sql._expressions import Alias, Call, ColumnReference, Expression, Literal
from pyrust.sql.column import Column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

# Names `agg({"col": "fn"})` maps to another aggregate, as Spark's `strToExpr` does;
# any other aggregate function is called by its own name.
_DICT_SYNONYMS = {"mean": "avg", "average": "avg", "std": "stddev", "size": "count"}


class GroupedData:
    """Rows grouped by some columns; aggregate them with ``agg`` or a shortcut."""

    def __init__(self, frame: DataFrame, groupings: list[Expression]) -> None:
        self._frame = frame
        self._groupings = groupings

    def agg(self, *exprs: Any) -> DataFrame:
        """Compute aggregates per group: Columns such as ``F.sum("x")``, or a dict ``{"x": "max"}``."""
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            columns = _java_hash_map_order(list(exprs[0]))
            aggregates = [self._dict_aggregate(column, exprs[0][column]) for column in columns]
        else:
            aggregates = []
            for item in exprs:
                if not isinstance(item, Column):
                    raise errors.PySparkTypeError(
                        errorClass="NOT_COLUMN", messageParameters={"arg_name": "exprs", "arg_type": type(item).__name__}
                    )
                aggregates.append(item._expression)
        return self._frame._aggregate(self._groupings, aggregates)

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
        return self._frame._aggregate(self._groupings, [Alias(Call("count", (Literal(1, T.IntegerType()),)), "count")])

    def _numeric(self, function: str, cols: tuple[str, ...]) -> DataFrame:
        if not cols:
            cols = tuple(a.name for a in self._frame._attributes if is_numeric(a.data_type))
        else:
            for name in cols:
                attribute = self._frame._attributes[self._frame._analyzer().find(ColumnReference(name))]
                if not is_numeric(attribute.data_type):
                    msg = f'"{name}" is not a numeric column. Aggregation function can only be applied on a numeric column.'
                    raise errors.AnalysisException(msg)
        return self._frame._aggregate(self._groupings, [Call(function, (ColumnReference(name),)) for name in cols])

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
