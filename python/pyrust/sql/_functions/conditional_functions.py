"""Conditional and null functions (Spark's ``conditional_funcs`` and ``predicate_funcs`` groups).

Most are rewrites, as Spark itself defines them (``RuntimeReplaceable``):
``nvl`` is ``coalesce``, ``nullif(a, b)`` is ``CASE WHEN a = b THEN NULL ELSE a END``...
The column name stays the function's own.
"""

from __future__ import annotations

from dataclasses import replace

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, scalar_call, type_mismatch
from pyrust.sql._coercion import common_type, common_type_or_error, is_numeric
from pyrust.sql._functions._table import scalar


def _coalesce(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    target = common_type_or_error([argument.data_type for argument in arguments], name)
    operands = [cast_to(argument, target) for argument in arguments]
    nullable = all(argument.nullable for argument in arguments)
    if len(operands) == 1:
        # Substrait's coalesce takes two or more; Spark's of one value is that value.
        return replace(operands[0], name=name, source=None)
    return scalar_call(ext.COMPARISON, "coalesce", operands, target, name, nullable)


def _case(branches: list[tuple[Bound, Bound]], otherwise: Bound, data_type: T.DataType, name: str, nullable: bool) -> Bound:
    """``CASE WHEN c1 THEN v1 ... ELSE otherwise END`` with values already of ``data_type``."""
    proto = _proto.if_then([(condition.proto, value.proto) for condition, value in branches], otherwise.proto)
    return Bound(proto, data_type, nullable, name)


def _null(data_type: T.DataType) -> Bound:
    return literal(None, data_type, "NULL")


def _nvl2(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``nvl2(a, b, c)``: ``b`` where ``a`` is not null, else ``c``."""
    test, when_set, when_null = arguments
    target = common_type_or_error([when_set.data_type, when_null.data_type], name)
    is_set = scalar_call(ext.COMPARISON, "is_not_null", [test], T.BooleanType(), name, nullable=False)
    nullable = when_set.nullable or when_null.nullable
    return _case([(is_set, cast_to(when_set, target))], cast_to(when_null, target), target, name, nullable)


def _different_types(operator: str, left: Bound, right: Bound) -> Exception:
    return analysis_error(
        "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
        sqlExpr=f'"({left.name} {operator} {right.name})"',
        left=f'"{left.data_type.simpleString().upper()}"',
        right=f'"{right.data_type.simpleString().upper()}"',
    )


def _nullif_of(left: Bound, right: Bound, name: str) -> Bound:
    """``CASE WHEN left = right THEN NULL ELSE left END``: ``left``'s type."""
    compared = common_type(left.data_type, right.data_type)
    if compared is None:
        raise _different_types("=", left, right)
    equal = scalar_call(
        ext.COMPARISON, "equal", [cast_to(left, compared), cast_to(right, compared)], T.BooleanType(), name
    )
    return _case([(equal, _null(left.data_type))], left, left.data_type, name, True)


def _nullif(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    return _nullif_of(arguments[0], arguments[1], name)


def _nullifzero(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``nullif(a, 0)`` for a number."""
    (value,) = arguments
    return _nullif_of(value, literal(0, T.IntegerType()), name)


def _zeroifnull(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``coalesce(a, 0)``."""
    (value,) = arguments
    return _coalesce(analyzer, call, [value, literal(0, T.IntegerType())], name)


def _floating(argument: Bound, name: str, index: int) -> Bound:
    """Spark's ``TypeCollection(DoubleType, FloatType)``: floats stay, other numbers become doubles."""
    data_type = argument.data_type
    if isinstance(data_type, (T.FloatType, T.DoubleType)):
        return argument
    if is_numeric(data_type) or isinstance(data_type, (T.NullType, T.StringType)):
        return cast_to(argument, T.DoubleType())
    raise type_mismatch(name, '("DOUBLE" or "FLOAT")', argument.name, data_type, index)


def _is_nan(value: Bound, name: str) -> Bound:
    return scalar_call(ext.COMPARISON, "is_nan", [value], T.BooleanType(), name)


def _isnan(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """NaN or not; false (never null) for null."""
    value = _floating(arguments[0], name, 0)
    false = literal(False, T.BooleanType(), "false")
    return scalar_call(ext.COMPARISON, "coalesce", [_is_nan(value, name), false], T.BooleanType(), name, False)


def _nanvl(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``a`` unless it is NaN, then ``b``."""
    left, right = (_floating(argument, name, index) for index, argument in enumerate(arguments))
    target = left.data_type if left.data_type == right.data_type else T.DoubleType()
    left, right = cast_to(left, target), cast_to(right, target)
    return _case([(_is_nan(left, name), right)], left, target, name, left.nullable or right.nullable)


def _equal_null(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``a <=> b``: nulls are equal to each other."""
    left, right = arguments
    target = common_type(left.data_type, right.data_type)
    if target is None:
        raise _different_types("<=>", left, right)
    operands = [cast_to(left, target), cast_to(right, target)]
    return scalar_call(ext.COMPARISON, "is_not_distinct_from", operands, T.BooleanType(), name, nullable=False)


scalar("coalesce", ext.COMPARISON, resolve=_coalesce)
scalar("ifnull", ext.COMPARISON, aliases=("nvl",), resolve=_coalesce)
scalar("nvl2", ext.COMPARISON, resolve=_nvl2)
scalar("nullif", ext.COMPARISON, resolve=_nullif)
scalar("nullifzero", ext.COMPARISON, resolve=_nullifzero)
scalar("zeroifnull", ext.COMPARISON, resolve=_zeroifnull)
scalar("isnan", ext.COMPARISON, resolve=_isnan)
scalar("nanvl", ext.COMPARISON, resolve=_nanvl)
scalar("equal_null", ext.COMPARISON, resolve=_equal_null)
