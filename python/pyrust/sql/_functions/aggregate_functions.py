"""Aggregate functions (Spark's ``agg_funcs`` group)."""

from __future__ import annotations

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundAggregate, aggregate_call, cast_to, scalar_call, type_mismatch
from pyrust.sql._coercion import is_integral, is_numeric
from pyrust.sql._functions._table import aggregate


def _count(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    if len(arguments) > 1:
        arguments = [_row_of(arguments)]
    return aggregate_call(ext.AGGREGATE_GENERIC, "count", arguments, T.LongType(), name, call.distinct, False)


def _row_of(arguments: list[Bound]) -> Bound:
    """One struct of several count arguments, null when any of them is null:
    ``count(DISTINCT a, b)`` counts the distinct pairs without nulls, as Spark does."""
    data_type = T.StructType([T.StructField(f"c{i}", a.data_type, a.nullable) for i, a in enumerate(arguments)])
    is_null = [
        scalar_call(ext.COMPARISON, "is_null", [argument], T.BooleanType(), "", nullable=False) for argument in arguments
    ]
    any_null = scalar_call(ext.BOOLEAN, "or", is_null, T.BooleanType(), "", False)
    row = _proto.struct([argument.proto for argument in arguments])
    proto = _proto.if_then([(any_null.proto, _proto.literal(None, data_type))], row)
    return Bound(proto, data_type, True, "")


def _sum(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (argument,) = arguments
    data_type = argument.data_type
    if is_integral(data_type):
        target: T.DataType = T.LongType()
    elif isinstance(data_type, T.DecimalType):
        target = T.DecimalType(min(38, data_type.precision + 10), data_type.scale)
    elif isinstance(data_type, (T.FloatType, T.DoubleType, T.NullType)):
        target = T.DoubleType()
    else:
        raise type_mismatch(name, '("NUMERIC" or "ANSI INTERVAL")', name, data_type)
    options = analyzer.mode.options("overflow") if is_integral(target) else None
    operand = argument if isinstance(target, T.DecimalType) else cast_to(argument, target)
    return aggregate_call(ext.ARITHMETIC, "sum", [operand], target, name, call.distinct, options=options)


def _avg(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (argument,) = arguments
    data_type = argument.data_type
    if isinstance(data_type, T.DecimalType):
        target = T.DecimalType(min(38, data_type.precision + 4), min(38, data_type.scale + 4))
        return aggregate_call(ext.ARITHMETIC, "avg", [argument], target, name, call.distinct)
    if not (is_numeric(data_type) or isinstance(data_type, T.NullType)):
        raise type_mismatch(name, "numeric", argument.name, argument.data_type)
    return aggregate_call(ext.ARITHMETIC, "avg", [cast_to(argument, T.DoubleType())], T.DoubleType(), name, call.distinct)


def _extreme(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        (argument,) = arguments
        urn = ext.ARITHMETIC if is_numeric(argument.data_type) else ext.SPARK
        return aggregate_call(urn, function, [argument], argument.data_type, name, call.distinct)

    return resolve


aggregate("count", ext.AGGREGATE_GENERIC, resolve=_count)
aggregate("sum", ext.ARITHMETIC, resolve=_sum)
aggregate("avg", ext.ARITHMETIC, aliases=("mean",), resolve=_avg)
aggregate("min", ext.SPARK, resolve=_extreme("min"))
aggregate("max", ext.SPARK, resolve=_extreme("max"))
aggregate("any_value", ext.AGGREGATE_GENERIC, result=lambda arguments: arguments[0].data_type)
