"""``DataFrame.stat`` (PySpark's ``DataFrameStatFunctions``) and ``describe``/``summary``.

Each statistic is an aggregate the engine computes in one pass over the
data; ``describe``/``summary`` cast every statistic to a string in the engine
(Spark's formatting of numbers) and lay the one result row out as Spark
does: one row per statistic, one string column per input column.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._coercion import is_numeric
from pyrust.sql._expressions import Alias, Call, Cast, ColumnReference, Expression, FieldIndex, Literal
from pyrust.sql.column import Column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_PERCENTILE = re.compile(r"^(\d+(?:\.\d*)?)%$")


class DataFrameStatFunctions:
    """Statistic functions of a DataFrame (``df.stat``)."""

    # PySpark's public home of the class, where pyrust re-exports it too.
    __module__ = "pyrust.sql.dataframe"

    def __init__(self, df: DataFrame) -> None:
        self.df = df

    def approxQuantile(self, col: Any, probabilities: Any, relativeError: float) -> Any:  # noqa: N803
        return approx_quantile(self.df, col, probabilities, relativeError)

    def corr(self, col1: str, col2: str, method: str | None = None) -> float | None:
        return corr(self.df, col1, col2, method)

    def cov(self, col1: str, col2: str) -> float | None:
        return cov(self.df, col1, col2)

    def crosstab(self, col1: str, col2: str) -> DataFrame:
        return crosstab(self.df, col1, col2)

    def freqItems(self, cols: Any, support: float | None = None) -> DataFrame:
        return self.df.freqItems(cols, support)

    def sampleBy(self, col: Any, fractions: dict, seed: int | None = None) -> DataFrame:
        return self.df.sampleBy(col, fractions, seed)


def _one_row(frame: DataFrame, expressions: list[Expression]) -> tuple:
    return tuple(frame.select([Column(expression) for expression in expressions]).collect()[0])


def _statistic(name: str, column: Expression, data_type: T.DataType) -> Expression | None:
    """Spark's expression for one statistic of one column (None: null for this type)."""
    numeric = is_numeric(data_type)
    if name == "count":
        return Call("count", (column,))
    if name == "count_distinct":
        return Call("count", (column,), distinct=True)
    if name == "approx_count_distinct":
        return Call("approx_count_distinct", (column,))
    if name in ("min", "max"):
        return Call(name, (column,))
    if name in ("mean", "stddev"):
        return Call("avg" if name == "mean" else "stddev", (column,)) if numeric else None
    match = _PERCENTILE.match(name)
    if match is not None:
        fraction = float(match.group(1)) / 100
        if not numeric:
            return None
        return Call("percentile_approx", (column, Literal(fraction, T.DoubleType()), Literal(10000, T.IntegerType())))
    msg = f"{name} is not a recognised statistic"
    raise errors.IllegalArgumentException(msg)


def summary(frame: DataFrame, cols: list[Any], statistics: list[str]) -> DataFrame:
    """``describe`` (``cols`` given or not) and ``summary``: statistics as strings."""
    source = frame.select(*cols) if cols else frame
    measured = [
        (index, a) for index, a in enumerate(source._attributes) if is_numeric(a.data_type) or isinstance(a.data_type, T.StringType)
    ]
    expressions: list[Expression] = []
    slots: list[list[int | None]] = []
    for name in statistics:
        row: list[int | None] = []
        for index, attribute in measured:
            statistic = _statistic(name, FieldIndex(index, attribute.name), attribute.data_type)
            if statistic is None:
                row.append(None)
            else:
                row.append(len(expressions))
                expressions.append(Alias(Cast(statistic, T.StringType()), f"_{len(expressions)}"))
        slots.append(row)
    values = _one_row(source, expressions) if expressions else ()
    rows = [(name, *(None if slot is None else values[slot] for slot in row)) for name, row in zip(statistics, slots)]
    schema = T.StructType([T.StructField("summary", T.StringType())] + [T.StructField(a.name, T.StringType()) for _, a in measured])
    return frame._session.createDataFrame(rows, schema)


def _numeric_column(frame: DataFrame, name: str, what: str) -> Expression:
    """Column ``name``, which must be numeric for Spark's statistic functions."""
    if not isinstance(name, str):
        raise errors.PySparkTypeError(
            errorClass="NOT_STR", messageParameters={"arg_name": "col1", "arg_type": type(name).__name__}
        )
    index = frame._analyzer().find(ColumnReference(name))
    data_type = frame._attributes[index].data_type
    if not is_numeric(data_type):
        msg = f"requirement failed: Currently {what} calculation for columns with dataType {data_type.simpleString()} not supported."
        raise errors.IllegalArgumentException(msg)
    return FieldIndex(index, name)


def _zero_for_null(column: Expression) -> Expression:
    return Call("coalesce", (Cast(column, T.DoubleType()), Literal(0.0, T.DoubleType())))


def corr(frame: DataFrame, col1: str, col2: str, method: str | None = None) -> float:
    """Pearson's coefficient as ``df.stat.corr`` computes it: a null counts as 0 (Spark
    reads rows with ``getDouble``), and NaN where it is undefined (fewer than two rows,
    a constant column)."""
    if method is None:
        method = "pearson"
    if method != "pearson":
        raise errors.PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED", messageParameters={"arg_name": "method", "allowed_values": "['pearson']"}
        )
    first, second = _numeric_column(frame, col1, "correlation"), _numeric_column(frame, col2, "correlation")
    value = _one_row(frame, [Call("corr", (_zero_for_null(first), _zero_for_null(second)))])[0]
    return float("nan") if value is None else value


def cov(frame: DataFrame, col1: str, col2: str) -> float:
    """The sample covariance as ``df.stat.cov`` computes it: a null counts as 0, and 0.0
    for fewer than two rows."""
    first, second = _numeric_column(frame, col1, "covariance"), _numeric_column(frame, col2, "covariance")
    value = _one_row(frame, [Call("covar_samp", (_zero_for_null(first), _zero_for_null(second)))])[0]
    return 0.0 if value is None else value


def crosstab(frame: DataFrame, col1: str, col2: str) -> DataFrame:
    """Counts of each pair of values, one row per ``col1`` value and a column per ``col2`` value."""
    analyzer = frame._analyzer()
    keys = []
    for name in (col1, col2):
        index = analyzer.find(ColumnReference(name))
        as_text = Cast(FieldIndex(index, name), T.StringType())
        keys.append(Column(Call("coalesce", (as_text, Literal("null", T.StringType())))))
    counts = frame.groupBy(*keys).count().collect()
    firsts = sorted({row[0] for row in counts})
    seconds = sorted({row[1] for row in counts})
    table = {(row[0], row[1]): row[2] for row in counts}
    rows = [(first, *(table.get((first, second), 0) for second in seconds)) for first in firsts]
    schema = T.StructType(
        [T.StructField(f"{col1}_{col2}", T.StringType())] + [T.StructField(second, T.LongType(), False) for second in seconds]
    )
    return frame._session.createDataFrame(rows, schema)


def approx_quantile(frame: DataFrame, col: Any, probabilities: Any, relative_error: float) -> Any:
    """Quantiles per column: Spark's Greenwald-Khanna bound is met by the engine's percentile sketch."""
    single = isinstance(col, str)
    if not single and not (isinstance(col, (list, tuple)) and all(isinstance(name, str) for name in col)):
        raise errors.PySparkTypeError(
            errorClass="NOT_LIST_OR_STR_OR_TUPLE", messageParameters={"arg_name": "col", "arg_type": type(col).__name__}
        )
    if not isinstance(probabilities, (list, tuple)) or not all(
        isinstance(p, (int, float)) and 0 <= p <= 1 for p in probabilities
    ):
        raise errors.PySparkTypeError(
            errorClass="NOT_LIST_OF_FLOAT_OR_INT",
            messageParameters={"arg_name": "probabilities", "arg_type": type(probabilities).__name__},
        )
    if not isinstance(relative_error, (int, float)) or relative_error < 0:
        raise errors.PySparkValueError(
            errorClass="NEGATIVE_VALUE", messageParameters={"arg_name": "relativeError", "arg_value": str(relative_error)}
        )
    names = [col] if single else list(col)
    accuracy = 2**31 - 1 if relative_error == 0 else max(1, int(1 / relative_error))
    expressions: list[Expression] = []
    for name in names:
        column = _numeric_column(frame, name, "quantile")
        for probability in probabilities:
            quantile = Call("percentile_approx", (column, Literal(float(probability), T.DoubleType()), Literal(accuracy, T.IntegerType())))
            expressions.append(Cast(quantile, T.DoubleType()))
    values = _one_row(frame, expressions) if expressions else ()
    width = len(probabilities)
    results = []
    for position in range(len(names)):
        chunk = list(values[position * width : (position + 1) * width])
        results.append([] if any(value is None for value in chunk) else chunk)
    return results[0] if single else results
