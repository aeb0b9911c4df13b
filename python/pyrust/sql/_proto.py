"""Substrait expression messages (https://substrait.io/expressions/): builders,
and the inspection and rewriting the plan's collapse rules need.

API modules never touch protobuf fields; the analyzer builds expressions
through these functions and the plan nodes (``_plan.py``) build relations.

Sub-messages are set with ``CopyFrom`` or written in place, never passed as
constructor keywords: the upb protobuf runtime copies a keyword sub-message
by serializing and parsing it, and its parser refuses nesting deeper than 100
levels, which a long chain of operators reaches. ``CopyFrom`` has no limit.
Expression messages are never changed once built, so they may be shared
between plan nodes.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator, Sequence

from substrait import algebra_pb2 as stalg
from substrait import type_pb2 as stt

from google.protobuf.message import Message

from pyrust.sql import _extensions as ext
from pyrust.sql import types as T
from pyrust.sql._substrait_types import to_substrait_type

_EPOCH_DATE = datetime.date(1970, 1, 1)
_DECIMAL_CONTEXT = decimal.Context(prec=80)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MICROSECONDS = 6


def field_reference(index: int) -> stalg.Expression:
    """The input column at ``index``."""
    expression = stalg.Expression()
    selection = expression.selection
    selection.direct_reference.struct_field.field = index
    selection.root_reference.SetInParent()
    return expression


def outer_reference(steps_out: int, index: int) -> stalg.Expression:
    """Column ``index`` of the query ``steps_out`` subqueries out (1: the enclosing one)."""
    expression = stalg.Expression()
    selection = expression.selection
    selection.direct_reference.struct_field.field = index
    selection.outer_reference.steps_out = steps_out
    return expression


def scalar_subquery(rel: stalg.Rel) -> stalg.Expression:
    """The one value of a one-column relation (null without rows)."""
    expression = stalg.Expression()
    expression.subquery.scalar.input.CopyFrom(rel)
    return expression


def exists_subquery(rel: stalg.Rel) -> stalg.Expression:
    """Whether a relation has a row (``SetPredicate`` EXISTS)."""
    expression = stalg.Expression()
    predicate = expression.subquery.set_predicate
    predicate.predicate_op = stalg.Expression.Subquery.SetPredicate.PREDICATE_OP_EXISTS
    predicate.tuples.CopyFrom(rel)
    return expression


def in_subquery(needles: Sequence[stalg.Expression], rel: stalg.Rel) -> stalg.Expression:
    """Whether ``needles`` are a row of ``rel`` (``InPredicate``)."""
    expression = stalg.Expression()
    predicate = expression.subquery.in_predicate
    for needle in needles:
        predicate.needles.add().CopyFrom(needle)
    predicate.haystack.CopyFrom(rel)
    return expression


def lambda_parameter(steps_out: int, index: int) -> stalg.Expression:
    """Parameter ``index`` of the lambda ``steps_out`` lambdas out from the innermost."""
    expression = stalg.Expression()
    selection = expression.selection
    selection.direct_reference.struct_field.field = index
    selection.lambda_parameter_reference.steps_out = steps_out
    return expression


def lambda_function(parameter_types: list[stt.Type], body: stalg.Expression) -> stalg.Expression:
    """A lambda with parameters of ``parameter_types`` (``Expression.Lambda``)."""
    expression = stalg.Expression()
    # `lambda` is a Python keyword: the field is reached by name.
    lambda_message = getattr(expression, "lambda")
    lambda_message.parameters.CopyFrom(stt.Type.Struct(types=parameter_types, nullability=stt.Type.NULLABILITY_REQUIRED))
    lambda_message.body.CopyFrom(body)
    return expression


def literal(value: object, data_type: T.DataType) -> stalg.Expression:
    """A constant of a Spark type."""
    expression = stalg.Expression()
    if value is None:
        expression.literal.null.CopyFrom(to_substrait_type(data_type, True))
    elif isinstance(data_type, T.DayTimeIntervalType):
        # Microseconds cast to the interval (DataFusion reads a day-time literal as Arrow's
        # millisecond DayTime, not as the Duration(µs) a day-time interval is).
        micros = value if isinstance(value, int) else (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
        return cast(literal(micros, T.LongType()), to_substrait_type(data_type, False))
    else:
        expression.literal.CopyFrom(_literal_value(value, data_type))
    return expression


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
        # Months (see _substrait_types).
        T.YearMonthIntervalType: "i32",
    }
    field = simple_fields.get(type(data_type))
    if field is not None:
        return Lit(**{field: bytes(value) if field == "binary" else value})
    if isinstance(data_type, T.DateType):
        return Lit(date=(value - _EPOCH_DATE).days)
    if isinstance(data_type, T.TimeType):
        micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        # Type variation 1: DataFusion's Time64 (as _substrait_types writes the type).
        return Lit(precision_time=Lit.PrecisionTime(precision=_MICROSECONDS, value=micros), type_variation_reference=1)
    if isinstance(data_type, (T.TimestampType, T.TimestampNTZType)):
        if value.tzinfo is not None:
            moment = value
        elif isinstance(data_type, T.TimestampNTZType):
            moment = value.replace(tzinfo=datetime.timezone.utc)
        else:
            # A naive datetime is a local time of this process, as PySpark reads it.
            moment = value.astimezone()
        delta = moment - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        timestamp = Lit.PrecisionTimestamp(precision=_MICROSECONDS, value=micros)
        if isinstance(data_type, T.TimestampNTZType):
            return Lit(precision_timestamp=timestamp)
        return Lit(precision_timestamp_tz=timestamp)
    if isinstance(data_type, T.DecimalType):
        # Exact at any of Spark's 38 digits (the default context keeps 28 and rounds the rest).
        unscaled = int(decimal.Decimal(value).scaleb(data_type.scale, context=_DECIMAL_CONTEXT).to_integral_value())
        return Lit(
            decimal=Lit.Decimal(
                value=unscaled.to_bytes(16, "little", signed=True),
                precision=data_type.precision,
                scale=data_type.scale,
            )
        )
    if isinstance(data_type, T.ArrayType) and value:
        return Lit(list=Lit.List(values=[_element_literal(item, data_type.elementType) for item in value]))
    if isinstance(data_type, T.ArrayType):
        return Lit(empty_list=to_substrait_type(data_type, False).list)
    if isinstance(data_type, T.MapType) and not value:
        return Lit(empty_map=to_substrait_type(data_type, False).map)
    msg = f"no Substrait literal for {data_type.simpleString()}"
    raise TypeError(msg)


def _element_literal(value: object, data_type: T.DataType) -> stalg.Expression.Literal:
    """One element of a list literal; a null element is a typed null."""
    if value is None:
        return stalg.Expression.Literal(null=to_substrait_type(data_type, True))
    return _literal_value(value, data_type)


def scalar_function(
    anchor: int,
    arguments: list[stalg.Expression],
    output_type: stt.Type,
    options: dict[str, str] | None = None,
) -> stalg.Expression:
    """A call of the scalar function declared at ``anchor``, with its options (e.g. ``overflow: ERROR``)."""
    expression = stalg.Expression()
    call = expression.scalar_function
    call.function_reference = anchor
    _add_arguments(call.arguments, arguments)
    call.output_type.CopyFrom(output_type)
    for name, value in (options or {}).items():
        call.options.add(name=name, preference=[value])
    return expression


def aggregate_function(
    anchor: int,
    arguments: list[stalg.Expression],
    output_type: stt.Type,
    distinct: bool,
    options: dict[str, str] | None = None,
) -> stalg.AggregateFunction:
    """A one-phase (initial to result) aggregate call, as portable consumers require, with its options."""
    call = stalg.AggregateFunction(
        function_reference=anchor,
        phase=stalg.AGGREGATION_PHASE_INITIAL_TO_RESULT,
        invocation=(
            stalg.AggregateFunction.AGGREGATION_INVOCATION_DISTINCT
            if distinct
            else stalg.AggregateFunction.AGGREGATION_INVOCATION_ALL
        ),
    )
    _add_arguments(call.arguments, arguments)
    call.output_type.CopyFrom(output_type)
    for name, value in (options or {}).items():
        call.options.add(name=name, preference=[value])
    return call


_SORT_DIRECTIONS = {
    (True, True): stalg.SortField.SORT_DIRECTION_ASC_NULLS_FIRST,
    (True, False): stalg.SortField.SORT_DIRECTION_ASC_NULLS_LAST,
    (False, True): stalg.SortField.SORT_DIRECTION_DESC_NULLS_FIRST,
    (False, False): stalg.SortField.SORT_DIRECTION_DESC_NULLS_LAST,
}


def window_function(
    call: stalg.AggregateFunction,
    partitions: list[stalg.Expression],
    sorts: list[tuple[stalg.Expression, bool, bool]],
    rows: bool,
    lower: int | None,
    upper: int | None,
) -> stalg.Expression:
    """``call`` (built as an aggregate call) evaluated over a window: partitioned
    by ``partitions``, ordered by ``sorts`` (expression, ascending, nulls first),
    over the frame of ``ROWS`` (or ``RANGE``) from ``lower`` to ``upper``
    (offsets from the current row, negative preceding; None unbounded)."""
    expression = stalg.Expression()
    window = expression.window_function
    window.function_reference = call.function_reference
    window.arguments.extend(call.arguments)
    window.options.extend(call.options)
    window.output_type.CopyFrom(call.output_type)
    window.phase = stalg.AGGREGATION_PHASE_INITIAL_TO_RESULT
    window.invocation = stalg.AggregateFunction.AGGREGATION_INVOCATION_ALL
    for partition in partitions:
        window.partitions.add().CopyFrom(partition)
    for key, ascending, nulls_first in sorts:
        sort = window.sorts.add()
        sort.expr.CopyFrom(key)
        sort.direction = _SORT_DIRECTIONS[(ascending, nulls_first)]
    bounds = stalg.Expression.WindowFunction
    window.bounds_type = bounds.BOUNDS_TYPE_ROWS if rows else bounds.BOUNDS_TYPE_RANGE
    _set_bound(window.lower_bound, lower)
    _set_bound(window.upper_bound, upper)
    return expression


def _set_bound(bound: stalg.Expression.WindowFunction.Bound, offset: int | None) -> None:
    if offset is None:
        bound.unbounded.SetInParent()
    elif offset == 0:
        bound.current_row.SetInParent()
    elif offset < 0:
        bound.preceding.offset = -offset
    else:
        bound.following.offset = offset


def _add_arguments(target, arguments: list[stalg.Expression]) -> None:
    for argument in arguments:
        target.add().value.CopyFrom(argument)


def cast(expression: stalg.Expression, target: stt.Type, *, null_on_failure: bool = False) -> stalg.Expression:
    """``CAST`` that fails on bad input (Spark's ANSI mode) or, with ``null_on_failure``, gives null."""
    result = stalg.Expression()
    result.cast.type.CopyFrom(target)
    result.cast.input.CopyFrom(expression)
    result.cast.failure_behavior = (
        stalg.Expression.Cast.FAILURE_BEHAVIOR_RETURN_NULL
        if null_on_failure
        else stalg.Expression.Cast.FAILURE_BEHAVIOR_THROW_EXCEPTION
    )
    return result


def if_then(
    branches: list[tuple[stalg.Expression, stalg.Expression]], otherwise: stalg.Expression
) -> stalg.Expression:
    """``CASE WHEN ... THEN ... ELSE ... END``."""
    expression = stalg.Expression()
    for condition, value in branches:
        clause = expression.if_then.ifs.add()
        getattr(clause, "if").CopyFrom(condition)
        clause.then.CopyFrom(value)
    getattr(expression.if_then, "else").CopyFrom(otherwise)
    return expression


def in_list(value: stalg.Expression, options: list[stalg.Expression]) -> stalg.Expression:
    """``value IN (options...)``."""
    expression = stalg.Expression()
    expression.singular_or_list.value.CopyFrom(value)
    for option in options:
        expression.singular_or_list.options.add().CopyFrom(option)
    return expression


def struct(fields: list[stalg.Expression]) -> stalg.Expression:
    """A struct built from ``fields`` (positional; the engine names them c0, c1, ...)."""
    expression = stalg.Expression()
    expression.nested.struct.SetInParent()
    for field in fields:
        expression.nested.struct.fields.add().CopyFrom(field)
    return expression


def map_of(pairs: list[tuple[stalg.Expression, stalg.Expression]]) -> stalg.Expression:
    """A map built from (key, value) pairs (Substrait's nested map)."""
    expression = stalg.Expression()
    for key, value in pairs:
        pair = expression.nested.map.key_values.add()
        pair.key.CopyFrom(key)
        pair.value.CopyFrom(value)
    return expression


# -- inspecting and rewriting expressions ------------------------------------------

# Substrait and Spark names of functions whose result varies between calls:
# an expression calling one must not be computed twice where it was computed once.
_NONDETERMINISTIC_FUNCTIONS = frozenset(
    {
        "rand",
        "randn",
        "random",
        "uniform",
        "randstr",
        "uuid",
        "shuffle",
        "monotonically_increasing_id",
        "spark_partition_id",
        "input_file_name",
    }
)


# Functions whose values depend on the partition a row is in (rand and randn when seeded).
_PARTITION_FUNCTIONS = frozenset({"spark_partition_id", "monotonically_increasing_id"})
_SEEDED_FUNCTIONS = frozenset({"rand", "randn", "random"})


def partition_dependent_calls(expression: stalg.Expression) -> list[str]:
    """The names of the functions in ``expression`` whose values depend on the row's
    partition (``spark_partition_id``, ``monotonically_increasing_id``, seeded ``rand``)."""
    found = []
    for current in expression_messages(expression):
        if current.WhichOneof("rex_type") == "scalar_function":
            call = current.scalar_function
            name = ext.function_name(call.function_reference).split(":")[0]
            if name in _PARTITION_FUNCTIONS or (name in _SEEDED_FUNCTIONS and len(call.arguments) > 0):
                found.append(name)
    return found


def column_index(expression: stalg.Expression) -> int | None:
    """The input column ``expression`` is a plain reference to; None for any other expression."""
    if expression.WhichOneof("rex_type") != "selection":
        return None
    selection = expression.selection
    if selection.WhichOneof("root_type") != "root_reference" or selection.WhichOneof("reference_type") != "direct_reference":
        return None
    segment = selection.direct_reference
    if segment.WhichOneof("reference_type") != "struct_field" or segment.struct_field.HasField("child"):
        return None
    return segment.struct_field.field


def is_literal(expression: stalg.Expression) -> bool:
    return expression.WhichOneof("rex_type") == "literal"


def references(expression: stalg.Expression) -> list[int] | None:
    """The input columns ``expression`` reads, one entry per occurrence.

    None when it reaches its input in any other way than plain column
    references (nested field paths, outer references, subqueries): such an
    expression is never rewritten by :func:`substitute`.
    """
    found = []
    for current in expression_messages(expression):
        kind = current.WhichOneof("rex_type")
        if kind == "subquery":
            return None
        if kind == "selection":
            index = column_index(current)
            if index is None:
                return None
            found.append(index)
    return found


def is_row_wise_and_deterministic(expression: stalg.Expression) -> bool:
    """Whether computing ``expression`` once per use gives the same values as
    computing it once: no random functions, no window functions or subqueries."""
    for current in expression_messages(expression):
        kind = current.WhichOneof("rex_type")
        if kind in ("window_function", "subquery"):
            return False
        if kind == "scalar_function":
            name = ext.function_name(current.scalar_function.function_reference).split(":")[0]
            if name in _NONDETERMINISTIC_FUNCTIONS or _is_nondeterministic_udf(name):
                return False
    return True


def _is_nondeterministic_udf(name: str) -> bool:
    """Whether ``name`` is a Python UDF marked non-deterministic (``asNondeterministic``)."""
    if not name.startswith("pyrust_udf_"):
        return False
    from pyrust.sql import _udf_dispatch

    entry = _udf_dispatch.lookup(name)
    return entry is not None and not entry.deterministic


def depth(expression: stalg.Expression) -> int:
    """How many expressions nest in ``expression`` at its deepest (a column or a literal: 1)."""
    deepest = 0
    pending = [(expression, 1)]
    while pending:
        message, level = pending.pop()
        deepest = max(deepest, level)
        for child in _message_children(message):
            pending.append((child, level + 1 if isinstance(child, stalg.Expression) else level))
    return deepest


def substitute(expression: stalg.Expression, producers: Sequence[stalg.Expression]) -> stalg.Expression:
    """``expression`` with every column reference ``i`` replaced by ``producers[i]``:
    an expression over a projection's output rewritten over the projection's input.
    ``expression`` must pass :func:`references`."""
    index = column_index(expression)
    if index is not None:
        return producers[index]
    result = stalg.Expression()
    result.CopyFrom(expression)
    pending: list[Message] = [result]
    while pending:
        message = pending.pop()
        for child in _message_children(message):
            index = column_index(child) if isinstance(child, stalg.Expression) else None
            if index is None:
                pending.append(child)
            else:
                child.CopyFrom(producers[index])
    return result


def expression_messages(expression: stalg.Expression) -> Iterator[stalg.Expression]:
    """``expression`` and every expression nested in it (without recursion)."""
    pending: list[Message] = [expression]
    while pending:
        message = pending.pop()
        if isinstance(message, stalg.Expression):
            yield message
        pending.extend(_message_children(message))


def walk_messages(message: Message) -> Iterator[Message]:
    """``message`` and every message below it (without recursion)."""
    pending = [message]
    while pending:
        current = pending.pop()
        yield current
        pending.extend(_message_children(current))


def _message_children(message: Message) -> Iterator[Message]:
    for descriptor, value in message.ListFields():
        if descriptor.type != descriptor.TYPE_MESSAGE or descriptor.message_type.GetOptions().map_entry:
            continue
        if is_repeated(descriptor):
            yield from value
        else:
            yield value


def is_repeated(descriptor) -> bool:
    # protobuf 6 has `is_repeated`; older versions only the (now deprecated) label.
    if hasattr(descriptor, "is_repeated"):
        return descriptor.is_repeated
    return descriptor.label == descriptor.LABEL_REPEATED
