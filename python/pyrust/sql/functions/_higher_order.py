"""Higher-order (lambda) functions.

Not implemented yet: each raises ``NOT_IMPLEMENTED`` when called, rather
than building a Column that would run with other semantics. What they need
(see the family's report): a lambda expression node whose column name is
Spark's ``lambdafunction(<body>, namedlambdavariable(), ...)``, its binding in
the analyzer, Substrait ``Expression.Lambda`` with ``LambdaParameterReference``
(the protos carry both), lambda validation in the compiler (it rejects them
today), and DataFusion ``HigherOrderUDFImpl`` implementations with Spark's
semantics (index argument, three-valued ``exists``/``forall``, ``aggregate``'s
finish function).

``array_sort`` with a comparator belongs here too, but ``array_sort`` is the
collection family's public name; its wrapper there should raise the same way
when given a comparator.
"""

from __future__ import annotations

from collections.abc import Callable

from pyrust import errors
from pyrust.sql.column import Column

__all__ = [
    "aggregate",
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


def _not_implemented(name: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"the higher-order function {name} (Python lambdas)"}
    )


def aggregate(
    col: Column | str,
    initialValue: Column | str,  # noqa: N803 - PySpark's name
    merge: Callable[[Column, Column], Column],
    finish: Callable[[Column], Column] | None = None,
) -> Column:
    """Folds the array into one value with ``merge``, then applies ``finish`` (not implemented yet)."""
    raise _not_implemented("aggregate")


def reduce(
    col: Column | str,
    initialValue: Column | str,  # noqa: N803 - PySpark's name
    merge: Callable[[Column, Column], Column],
    finish: Callable[[Column], Column] | None = None,
) -> Column:
    """Same as ``aggregate`` (not implemented yet)."""
    raise _not_implemented("reduce")


def exists(col: Column | str, f: Callable[[Column], Column]) -> Column:
    """Whether the predicate holds for some element of the array (not implemented yet)."""
    raise _not_implemented("exists")


def forall(col: Column | str, f: Callable[[Column], Column]) -> Column:
    """Whether the predicate holds for every element of the array (not implemented yet)."""
    raise _not_implemented("forall")


def filter(col: Column | str, f: Callable[..., Column]) -> Column:  # noqa: A001 - PySpark's name
    """The array's elements (and optionally their index) for which ``f`` is true (not implemented yet)."""
    raise _not_implemented("filter")


def transform(col: Column | str, f: Callable[..., Column]) -> Column:
    """``f`` applied to each element of the array (and optionally its index) (not implemented yet)."""
    raise _not_implemented("transform")


def map_filter(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map's entries for which ``f(key, value)`` is true (not implemented yet)."""
    raise _not_implemented("map_filter")


def map_zip_with(col1: Column | str, col2: Column | str, f: Callable[[Column, Column, Column], Column]) -> Column:
    """Merges two maps by key with ``f(key, value1, value2)`` (not implemented yet)."""
    raise _not_implemented("map_zip_with")


def transform_keys(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each key replaced by ``f(key, value)`` (not implemented yet)."""
    raise _not_implemented("transform_keys")


def transform_values(col: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """The map with each value replaced by ``f(key, value)`` (not implemented yet)."""
    raise _not_implemented("transform_values")


def zip_with(left: Column | str, right: Column | str, f: Callable[[Column, Column], Column]) -> Column:
    """Merges two arrays element-wise with ``f`` (not implemented yet)."""
    raise _not_implemented("zip_with")
