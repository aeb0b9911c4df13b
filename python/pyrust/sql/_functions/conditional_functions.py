"""Conditional and null functions (Spark's ``conditional_funcs`` and ``predicate_funcs`` groups)."""

from __future__ import annotations

from pyrust.sql import _extensions as ext
from pyrust.sql._bound import Bound, cast_to, scalar_call
from pyrust.sql._functions._table import scalar
from pyrust.sql._coercion import common_type_or_error


def _coalesce(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    target = common_type_or_error([argument.data_type for argument in arguments], name)
    operands = [cast_to(argument, target) for argument in arguments]
    nullable = all(argument.nullable for argument in arguments)
    return scalar_call(ext.COMPARISON, "coalesce", operands, target, name, nullable)


scalar("coalesce", ext.COMPARISON, resolve=_coalesce)
