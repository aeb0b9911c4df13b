"""Higher-order (lambda) functions: ``transform``, ``filter``, ``aggregate``...

Each Python function is called once, when the Column is built, with
lambda-variable Columns (``x``, ``y``, ``z``, numbered per process as PySpark
does); what it returns is the lambda's body. The analyzer types the variables
from the arrays and maps the function is applied to
(``_functions/higher_order_functions.py``).

``array_sort`` is here too: Spark sorts with a comparator lambda, its
default one when none is given.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from pyrust import errors
from pyrust.sql._expressions import Call, LambdaFunction, LambdaVariable, fresh_lambda_name
from pyrust.sql._functions.higher_order_functions import default_comparator
from pyrust.sql.column import Column, _to_column

__all__ = [
    "aggregate",
    "array_sort",
    "exists",
    "filter",
    "forall",
    "map_filter",
    "map_zip_with",
    "reduce",
    "transform",
    "transform_keys",
    "transform_values",
    "zip_with",
]

_POSITIONAL = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY)
_MAX_PARAMETERS = 3


def _lambda(function: Callable[..., Column]) -> LambdaFunction:
    """``function`` called with one lambda variable per parameter (1 to 3, positional, as PySpark requires)."""
    parameters = inspect.signature(function).parameters.values()
    name = getattr(function, "__name__", type(function).__name__)
    if not 1 <= len(parameters) <= _MAX_PARAMETERS:
        raise errors.PySparkValueError(
            errorClass="WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION",
            messageParameters={"func_name": name, "num_args": str(len(parameters))},
        )
    if not all(parameter.kind in _POSITIONAL for parameter in parameters):
        raise errors.PySparkValueError(
            errorClass="UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION", messageParameters={"func_name": name}
        )
    variables = tuple(LambdaVariable(fresh_lambda_name(prefix)) for prefix in "xyz"[: len(parameters)])
    body = function(*(Column(variable) for variable in variables))
    if not isinstance(body, Column):
        raise errors.PySparkValueError(
            errorClass="HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN",
            messageParameters={"func_name": name, "return_type": type(body).__name__},
        )
    return LambdaFunction(body._expression, variables)


def _higher_order(name: str, columns: list[Column | str], functions: list[Callable[..., Column]]) -> Column:
    values = tuple(_to_column(column)._expression for column in columns)
    return Column(Call(name, (*values, *(_lambda(function) for function in functions))))


def aggregate(
    col: Column | str,
    initialValue: Column | str,  # noqa: N803 - PySpark's name
    merge: Callable[[Column, Column], Column],
    finish: Callable[[Column], Column] | None = None,
) -> Column:
    """Folds the array from the left with ``merge(accumulator, element)``,
    starting from ``initialValue``, then applies ``finish`` to the result.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(sf.aggregate("xs", sf.lit(0), lambda acc, x: acc + x).alias("total")).show()
    +-----+
    |total|
    +-----+
    |    6|
    +-----+
    <BLANKLINE>
    """
    # PySpark passes the identity when there is no `finish` (it shows in the column name).
    return _higher_order("aggregate", [col, initialValue], [merge, finish or (lambda x: x)])


def reduce(
    col: Column | str,
    initialValue: Column | str,  # noqa: N803 - PySpark's name
    merge: Callable[[Column, Column], Column],
    finish: Callable[[Column], Column] | None = None,
) -> Column:
    """``aggregate`` under Spark's other name."""
    return _higher_order("reduce", [col, initialValue], [merge, finish or (lambda x: x)])


def exists(col: Column | str, f: Callable[[Column], Column]) -> Column:
    """Whether ``f`` is true for some element of the array: null when it is
    for none but null for some.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([([1, -2],), ([3],)], "xs array<int>")
    >>> df.select(sf.exists("xs", lambda x: x < 0).alias("negative")).show()
    +--------+
    |negative|
    +--------+
    |    true|
    |   false|
    +--------+
    <BLANKLINE>
    """
    return _higher_order("exists", [col], [f])


def forall(col: Column | str, f: Callable[[Column], Column]) -> Column:
    """Whether ``f`` is true for every element of the array: null when it is
    false for none but null for some."""
    return _higher_order("forall", [col], [f])


def filter(col: Column | str, f: Callable[..., Column]) -> Column:  # noqa: A001 - PySpark's name
    """The elements of the array for which ``f(element)`` (or ``f(element, index)``) is true.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([([1, 2, 3, 4],)], "xs array<int>")
    >>> df.select(sf.filter("xs", lambda x, i: (x > 1) & (i < 3)).alias("kept")).show()
    +------+
    |  kept|
    +------+
    |[2, 3]|
    +------+
    <BLANKLINE>
    """
    return _higher_order("filter", [col], [f])


def transform(col: Column | str, f: Callable[..., Column]) -> Column:
    """``f(element)`` (or ``f(element, index)``) for each element of the array.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    >>> df.select(sf.transform("xs", lambda x, i: x * 10 + i).alias("ys")).show()
    +------------+
    |          ys|
    +------------+
    |[10, 21, 32]|
    +------------+
    <BLANKLINE>
    """
    return _higher_order("transform", [col], [f])


def map_filter(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map's entries for which ``f(key, value)`` is true."""
    return _higher_order("map_filter", [col], [f])


def map_zip_with(col1: Column | str, col2: Column | str, f: Callable[[Column, Column, Column], Column]) -> Column:
    """One entry per key of either map, its value ``f(key, value1, value2)``
    (a value the other map lacks is null)."""
    return _higher_order("map_zip_with", [col1, col2], [f])


def transform_keys(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each key replaced by ``f(key, value)`` (a null key is an error)."""
    return _higher_order("transform_keys", [col], [f])


def transform_values(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each value replaced by ``f(key, value)``."""
    return _higher_order("transform_values", [col], [f])


def zip_with(left: Column | str, right: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """``f`` of the two arrays' elements at each position, the shorter array padded with nulls."""
    return _higher_order("zip_with", [left, right], [f])


def array_sort(col: Column | str, comparator: Callable[[Column, Column], Column] | None = None) -> Column:
    """The array sorted by ``comparator(left, right)`` (negative: ``left``
    first; the sort is stable), by default ascending with nulls last.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([([2, 3, 1],)], "xs array<int>")
    >>> df.select(sf.array_sort("xs").alias("up"), sf.array_sort("xs", lambda l, r: r - l).alias("down")).show()
    +---------+---------+
    |       up|     down|
    +---------+---------+
    |[1, 2, 3]|[3, 2, 1]|
    +---------+---------+
    <BLANKLINE>
    """
    if comparator is None:
        return Column(Call("array_sort", (_to_column(col)._expression, default_comparator())))
    return _higher_order("array_sort", [col], [comparator])
