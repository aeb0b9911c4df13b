"""Builders of Substrait expression messages (https://substrait.io/expressions/).

API modules never touch protobuf fields; the analyzer builds expressions
through these functions and the plan builder (``_plan.py``) builds relations.
"""

from __future__ import annotations

import datetime
import decimal

from substrait import algebra_pb2 as stalg
from substrait import type_pb2 as stt

from pyrust.sql import types as T
from pyrust.sql._substrait_types import to_substrait_type

_EPOCH_DATE = datetime.date(1970, 1, 1)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MICROSECONDS = 6


def field_reference(index: int) -> stalg.Expression:
    """The input column at ``index``."""
    return stalg.Expression(
        selection=stalg.Expression.FieldReference(
            direct_reference=stalg.Expression.ReferenceSegment(
                struct_field=stalg.Expression.ReferenceSegment.StructField(field=index)
            ),
            root_reference=stalg.Expression.FieldReference.RootReference(),
        )
    )


def literal(value: object, data_type: T.DataType) -> stalg.Expression:
    """A constant of a Spark type."""
    if value is None:
        return stalg.Expression(literal=stalg.Expression.Literal(null=to_substrait_type(data_type, True)))
    return stalg.Expression(literal=_literal_value(value, data_type))


def _literal_value(value: object, data_type: T.DataType) -> stalg.Expression.Literal:
    Lit = stalg.Expression.Literal  # noqa: N806 - the proto class
    simple_fields = {
        T.BooleanType: "boolean",
        T.ByteType: "i8",
        T.ShortType: "i16",
        T.IntegerType: "i32",
        T.LongType: "i64",
        T.FloatType: "fp32",
        T.DoubleType: "fp64",
        T.StringType: "string",
        T.BinaryType: "binary",
    }
    field = simple_fields.get(type(data_type))
    if field is not None:
        return Lit(**{field: bytes(value) if field == "binary" else value})
    if isinstance(data_type, T.DateType):
        return Lit(date=(value - _EPOCH_DATE).days)
    if isinstance(data_type, (T.TimestampType, T.TimestampNTZType)):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc)
        delta = moment - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        timestamp = Lit.PrecisionTimestamp(precision=_MICROSECONDS, value=micros)
        if isinstance(data_type, T.TimestampNTZType):
            return Lit(precision_timestamp=timestamp)
        return Lit(precision_timestamp_tz=timestamp)
    if isinstance(data_type, T.DecimalType):
        unscaled = int(decimal.Decimal(value).scaleb(data_type.scale).to_integral_value())
        return Lit(
            decimal=Lit.Decimal(
                value=unscaled.to_bytes(16, "little", signed=True),
                precision=data_type.precision,
                scale=data_type.scale,
            )
        )
    msg = f"no Substrait literal for {data_type.simpleString()}"
    raise TypeError(msg)


def scalar_function(
    anchor: int,
    arguments: list[stalg.Expression],
    output_type: stt.Type,
    options: dict[str, str] | None = None,
) -> stalg.Expression:
    """A call of the scalar function declared at ``anchor``, with its options (e.g. ``overflow: ERROR``)."""
    return stalg.Expression(
        scalar_function=stalg.Expression.ScalarFunction(
            function_reference=anchor,
            arguments=[stalg.FunctionArgument(value=argument) for argument in arguments],
            output_type=output_type,
            options=[stalg.FunctionOption(name=name, preference=[value]) for name, value in (options or {}).items()],
        )
    )


def aggregate_function(
    anchor: int, arguments: list[stalg.Expression], output_type: stt.Type, distinct: bool
) -> stalg.AggregateFunction:
    """A one-phase (initial to result) aggregate call, as portable consumers require."""
    invocation = (
        stalg.AggregateFunction.AGGREGATION_INVOCATION_DISTINCT
        if distinct
        else stalg.AggregateFunction.AGGREGATION_INVOCATION_ALL
    )
    return stalg.AggregateFunction(
        function_reference=anchor,
        arguments=[stalg.FunctionArgument(value=argument) for argument in arguments],
        output_type=output_type,
        phase=stalg.AGGREGATION_PHASE_INITIAL_TO_RESULT,
        invocation=invocation,
    )


def cast(expression: stalg.Expression, target: stt.Type) -> stalg.Expression:
    """``CAST`` that fails on bad input, as Spark's ANSI mode does."""
    return stalg.Expression(
        cast=stalg.Expression.Cast(
            type=target,
            input=expression,
            failure_behavior=stalg.Expression.Cast.FAILURE_BEHAVIOR_THROW_EXCEPTION,
        )
    )


def if_then(
    branches: list[tuple[stalg.Expression, stalg.Expression]], otherwise: stalg.Expression
) -> stalg.Expression:
    """``CASE WHEN ... THEN ... ELSE ... END``."""
    return stalg.Expression(
        if_then=stalg.Expression.IfThen(
            ifs=[stalg.Expression.IfThen.IfClause(**{"if": condition, "then": value}) for condition, value in branches],
            **{"else": otherwise},
        )
    )


def in_list(value: stalg.Expression, options: list[stalg.Expression]) -> stalg.Expression:
    """``value IN (options...)``."""
    return stalg.Expression(singular_or_list=stalg.Expression.SingularOrList(value=value, options=options))


def sort_field(expression: stalg.Expression, ascending: bool, nulls_first: bool) -> stalg.SortField:
    """One sort key with its direction and null placement."""
    directions = {
        (True, True): stalg.SortField.SORT_DIRECTION_ASC_NULLS_FIRST,
        (True, False): stalg.SortField.SORT_DIRECTION_ASC_NULLS_LAST,
        (False, True): stalg.SortField.SORT_DIRECTION_DESC_NULLS_FIRST,
        (False, False): stalg.SortField.SORT_DIRECTION_DESC_NULLS_LAST,
    }
    return stalg.SortField(expr=expression, direction=directions[(ascending, nulls_first)])


def struct(fields: list[stalg.Expression]) -> stalg.Expression:
    """A struct built from ``fields`` (positional; the engine names them c0, c1, ...)."""
    return stalg.Expression(nested=stalg.Expression.Nested(struct=stalg.Expression.Nested.Struct(fields=fields)))
