"""Aggregate functions."""

from __future__ import annotations

from typing import Any

from pyrust.sql._expressions import Call, Star
from pyrust.sql.column import Column, _to_column, _to_expression
from pyrust.sql.functions._core import call, call_with_values, count_star

__all__ = [
    "any_value", "approxCountDistinct", "approx_count_distinct", "approx_percentile", "array_agg", "avg",
    "bit_and", "bit_or", "bit_xor", "bool_and", "bool_or", "collect_list", "collect_set", "collect_union",
    "corr", "count", "countDistinct", "count_distinct", "count_if", "count_min_sketch", "covar_pop",
    "covar_samp", "every", "first", "first_value", "grouping", "grouping_id", "histogram_numeric",
    "kurtosis", "last", "last_value", "listagg", "listagg_distinct", "max", "max_by", "mean", "median",
    "min", "min_by", "mode", "percentile", "percentile_approx", "product", "regr_avgx", "regr_avgy",
    "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
    "skewness", "some", "std", "stddev", "stddev_pop", "stddev_samp", "string_agg", "string_agg_distinct",
    "sum", "sumDistinct", "sum_distinct", "try_avg", "try_sum", "var_pop", "var_samp", "variance",
]


def count(col: Column | str) -> Column:
    """The number of non-null values; ``count("*")`` counts rows.

    >>> count("x")
    Column<'count(x)'>
    """
    # `count("*")` and `count(expr("*"))` count rows: Spark reads them as count(1).
    if (isinstance(col, str) and col == "*") or (isinstance(col, Column) and isinstance(col._expression, Star)):
        return count_star()
    return call("count", col)


def countDistinct(col: Column | str, *cols: Column | str) -> Column:
    """The number of distinct non-null values (of tuples, with several columns)."""
    return call("count", col, *cols, distinct=True)


count_distinct = countDistinct


def sum(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The sum of the values (``bigint`` for integers, ``double`` for floats)."""
    return call("sum", col)


def avg(col: Column | str) -> Column:
    """The mean of the values, as ``double``."""
    return call("avg", col)


def mean(col: Column | str) -> Column:
    """The mean of the values; Spark names the column ``avg(...)``."""
    return call("avg", col)


def min(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The smallest value."""
    return call("min", col)


def max(col: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """The largest value."""
    return call("max", col)


# -- statistics ------------------------------------------------------------------


def stddev_samp(col: Column | str) -> Column:
    """The sample standard deviation (``NULL`` for a single row)."""
    return call("stddev_samp", col)


def stddev(col: Column | str) -> Column:
    """The sample standard deviation; ``stddev_samp`` under the name ``stddev``."""
    return call("stddev", col)


def std(col: Column | str) -> Column:
    """The sample standard deviation; ``stddev_samp`` under the name ``std``."""
    return call("std", col)


def stddev_pop(col: Column | str) -> Column:
    """The population standard deviation."""
    return call("stddev_pop", col)


def var_samp(col: Column | str) -> Column:
    """The sample variance (``NULL`` for a single row)."""
    return call("var_samp", col)


def variance(col: Column | str) -> Column:
    """The sample variance; ``var_samp`` under the name ``variance``."""
    return call("variance", col)


def var_pop(col: Column | str) -> Column:
    """The population variance."""
    return call("var_pop", col)


def skewness(col: Column | str) -> Column:
    """The skewness of the values (``NULL`` when they are all equal)."""
    return call("skewness", col)


def kurtosis(col: Column | str) -> Column:
    """The excess kurtosis of the values (``NULL`` when they are all equal)."""
    return call("kurtosis", col)


def product(col: Column | str) -> Column:
    """The product of the values, as ``double``."""
    return call("product", col)


def corr(col1: Column | str, col2: Column | str) -> Column:
    """Pearson's correlation coefficient of two columns."""
    return call("corr", col1, col2)


def covar_pop(col1: Column | str, col2: Column | str) -> Column:
    """The population covariance of two columns."""
    return call("covar_pop", col1, col2)


def covar_samp(col1: Column | str, col2: Column | str) -> Column:
    """The sample covariance of two columns."""
    return call("covar_samp", col1, col2)


def regr_avgx(y: Column | str, x: Column | str) -> Column:
    """The mean of ``x`` over the rows where ``x`` and ``y`` are both set."""
    return call("regr_avgx", y, x)


def regr_avgy(y: Column | str, x: Column | str) -> Column:
    """The mean of ``y`` over the rows where ``x`` and ``y`` are both set."""
    return call("regr_avgy", y, x)


def regr_count(y: Column | str, x: Column | str) -> Column:
    """The number of rows where ``x`` and ``y`` are both set."""
    return call("regr_count", y, x)


def regr_intercept(y: Column | str, x: Column | str) -> Column:
    """The intercept of the least-squares line of ``y`` on ``x``."""
    return call("regr_intercept", y, x)


def regr_r2(y: Column | str, x: Column | str) -> Column:
    """The coefficient of determination of the regression of ``y`` on ``x``."""
    return call("regr_r2", y, x)


def regr_slope(y: Column | str, x: Column | str) -> Column:
    """The slope of the least-squares line of ``y`` on ``x``."""
    return call("regr_slope", y, x)


def regr_sxx(y: Column | str, x: Column | str) -> Column:
    """The sum of squared deviations of ``x`` (rows where both are set)."""
    return call("regr_sxx", y, x)


def regr_sxy(y: Column | str, x: Column | str) -> Column:
    """The sum of products of the deviations of ``x`` and ``y``."""
    return call("regr_sxy", y, x)


def regr_syy(y: Column | str, x: Column | str) -> Column:
    """The sum of squared deviations of ``y`` (rows where both are set)."""
    return call("regr_syy", y, x)


# -- quantiles ---------------------------------------------------------------------


def _percentage(percentage: Any) -> Any:
    return list(percentage) if isinstance(percentage, tuple) else percentage


def percentile(col: Column | str, percentage: Any, frequency: Column | int = 1) -> Column:
    """The exact percentile (or list of them) of a numeric column, interpolated."""
    return call_with_values("percentile", _to_column(col), _percentage(percentage), frequency)


def percentile_approx(col: Column | str, percentage: Any, accuracy: Column | int = 10000) -> Column:
    """A value of the column at the given percentage(s) of its sorted values."""
    return call_with_values("percentile_approx", _to_column(col), _percentage(percentage), accuracy)


def approx_percentile(col: Column | str, percentage: Any, accuracy: Column | int = 10000) -> Column:
    """``percentile_approx`` under the name ``approx_percentile``."""
    return call_with_values("approx_percentile", _to_column(col), _percentage(percentage), accuracy)


def median(col: Column | str) -> Column:
    """The median, interpolated between the two middle values.

    >>> median("x")
    Column<'median(x)'>
    """
    return call("median", col)


def mode(col: Column | str, deterministic: bool = False) -> Column:
    """The most frequent value (the smallest of ties)."""
    if deterministic:
        return call_with_values("mode", _to_column(col), True)
    return call("mode", col)


# -- one value of the group ----------------------------------------------------------


def _flag(value: Any) -> Any:
    return False if value is None else value


def first(col: Column | str, ignorenulls: bool = False) -> Column:
    """The first value of the group, or its first non-null one with ``ignorenulls``."""
    return call_with_values("first", _to_column(col), ignorenulls)


def last(col: Column | str, ignorenulls: bool = False) -> Column:
    """The last value of the group, or its last non-null one with ``ignorenulls``."""
    return call_with_values("last", _to_column(col), ignorenulls)


def first_value(col: Column | str, ignoreNulls: Column | bool | None = None) -> Column:  # noqa: N803 - PySpark's name
    """``first`` under the name ``first_value``."""
    return call_with_values("first_value", _to_column(col), _flag(ignoreNulls))


def last_value(col: Column | str, ignoreNulls: Column | bool | None = None) -> Column:  # noqa: N803 - PySpark's name
    """``last`` under the name ``last_value``."""
    return call_with_values("last_value", _to_column(col), _flag(ignoreNulls))


def any_value(col: Column | str, ignoreNulls: Column | bool | None = None) -> Column:  # noqa: N803 - PySpark's name
    """Some value of the group (the first one pyrust sees; non-null with ``ignoreNulls``)."""
    return call_with_values("any_value", _to_column(col), _flag(ignoreNulls))


def max_by(col: Column | str, ord: Column | str, k: int | None = None) -> Column:  # noqa: A002 - PySpark's name
    """The value of ``col`` on the row where ``ord`` is largest."""
    if k is not None:
        return call_with_values("max_by", _to_column(col), _to_column(ord), k)
    return call("max_by", col, ord)


def min_by(col: Column | str, ord: Column | str, k: int | None = None) -> Column:  # noqa: A002 - PySpark's name
    """The value of ``col`` on the row where ``ord`` is smallest."""
    if k is not None:
        return call_with_values("min_by", _to_column(col), _to_column(ord), k)
    return call("min_by", col, ord)


# -- collections and strings -----------------------------------------------------------


def collect_list(col: Column | str) -> Column:
    """The non-null values of the group as an array, in input order."""
    return call("collect_list", col)


def array_agg(col: Column | str) -> Column:
    """``collect_list``; Spark names the column ``collect_list(...)``."""
    return call("array_agg", col)


def collect_set(col: Column | str) -> Column:
    """The distinct non-null values of the group as an array (in no set order)."""
    return call("collect_set", col)


def collect_union(col: Column | str) -> Column:
    """The distinct non-null elements of the arrays of a group, as one array."""
    return call("collect_union", col)


def listagg(col: Column | str, delimiter: Column | str | bytes | None = None) -> Column:
    """The non-null strings of the group joined by ``delimiter``."""
    return call_with_values("listagg", _to_column(col), delimiter)


def listagg_distinct(col: Column | str, delimiter: Column | str | bytes | None = None) -> Column:
    """``listagg`` of the distinct values."""
    return Column(Call("listagg", (_to_column(col)._expression, _to_expression(delimiter)), True))


def string_agg(col: Column | str, delimiter: Column | str | bytes | None = None) -> Column:
    """``listagg`` under the name ``string_agg``."""
    return call_with_values("string_agg", _to_column(col), delimiter)


def string_agg_distinct(col: Column | str, delimiter: Column | str | bytes | None = None) -> Column:
    """``string_agg`` of the distinct values."""
    return Column(Call("string_agg", (_to_column(col)._expression, _to_expression(delimiter)), True))


# -- counts, sums, booleans and bits ---------------------------------------------------------


def count_if(col: Column | str) -> Column:
    """The number of rows where the condition is true."""
    return call("count_if", col)


def approx_count_distinct(col: Column | str, rsd: float | None = None) -> Column:
    """The number of distinct values (pyrust counts them exactly, within any ``rsd``)."""
    if rsd is None:
        return call("approx_count_distinct", col)
    return call_with_values("approx_count_distinct", _to_column(col), rsd)


approxCountDistinct = approx_count_distinct


def sum_distinct(col: Column | str) -> Column:
    """The sum of the distinct values."""
    return call("sum", col, distinct=True)


sumDistinct = sum_distinct


def try_sum(col: Column | str) -> Column:
    """The sum, ``NULL`` when it overflows."""
    return call("try_sum", col)


def try_avg(col: Column | str) -> Column:
    """The mean, ``NULL`` when its sum overflows."""
    return call("try_avg", col)


def bool_and(col: Column | str) -> Column:
    """True when every non-null value is true."""
    return call("bool_and", col)


def every(col: Column | str) -> Column:
    """``bool_and`` under the name ``every``."""
    return call("every", col)


def bool_or(col: Column | str) -> Column:
    """True when some non-null value is true."""
    return call("bool_or", col)


def some(col: Column | str) -> Column:
    """``bool_or`` under the name ``some``."""
    return call("some", col)


def bit_and(col: Column | str) -> Column:
    """The bitwise AND of the values."""
    return call("bit_and", col)


def bit_or(col: Column | str) -> Column:
    """The bitwise OR of the values."""
    return call("bit_or", col)


def bit_xor(col: Column | str) -> Column:
    """The bitwise XOR of the values."""
    return call("bit_xor", col)


# -- known gaps: they raise NOT_IMPLEMENTED when the DataFrame is built -----------------------


def grouping(col: Column | str) -> Column:
    """Whether a column is aggregated in a grouping set (needs rollup/cube, not implemented yet)."""
    return call("grouping", col)


def grouping_id(*cols: Column | str) -> Column:
    """The grouping level of a row (needs rollup/cube, not implemented yet)."""
    return call("grouping_id", *cols)


def count_min_sketch(col: Column | str, eps: Column | float, confidence: Column | float, seed: Column | int | None = None) -> Column:
    """Spark's serialized count-min sketch of the column: relative error ``eps``,
    ``confidence`` in (0, 1), and a seed (a random one when left out).

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(100).select(sf.hex(sf.count_min_sketch("id", 1.0, 0.3, 2)).alias("cms")).first()[0][:40]
    '0000000100000000000000640000000100000002'
    """
    if seed is None:
        return call_with_values("count_min_sketch", _to_column(col), eps, confidence)
    return call_with_values("count_min_sketch", _to_column(col), eps, confidence, seed)


def histogram_numeric(col: Column | str, nBins: Column) -> Column:  # noqa: N803 - PySpark's name
    """An approximate histogram of the column in ``nBins`` bins of varying width:
    (centre, height) pairs, as Spark's streaming histogram computes them."""
    return call_with_values("histogram_numeric", _to_column(col), nBins)
