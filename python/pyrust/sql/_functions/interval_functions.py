"""Interval functions: ``make_interval``, ``make_dt_interval``, ``make_ym_interval`` and
``try_make_interval``, Spark's ``try_`` arithmetic on intervals, and ``time_bucket``.

Spark's three interval types: a day-time interval (``DayTimeIntervalType``,
microseconds; Arrow's ``Duration(µs)``), a year-month interval
(``YearMonthIntervalType``, months) and a calendar interval
(``CalendarIntervalType``: months, days and microseconds). The fields of the
``make_`` functions are ``INT``s and their seconds a ``DECIMAL(18, 6)``, cast as
Spark casts them; an omitted field is 0 and is printed so in the column name.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call
from pyrust.sql._substrait_types import to_substrait_type
from pyrust.sql._functions._inputs import INT, Exactly
from pyrust.sql._functions._table import lookup, scalar

SPARK_INTERVAL = "extension:dev.pyrust:functions_spark_interval"

_SECONDS = T.DecimalType(18, 6)
_ZERO = (0, T.IntegerType())


def _seconds_last(arguments: list[Bound]) -> list[Bound]:
    return [*arguments[:-1], cast_to(arguments[-1], _SECONDS)]


def _force_nullable(source: T.DataType, target: T.DataType) -> bool:
    """Whether Spark's cast from ``source`` to ``target`` may give null (``Cast.forceNullable``):
    from strings, from fractions to integers, to a decimal that cannot hold every value."""
    if source == target or isinstance(source, T.NullType):
        return False
    if isinstance(source, T.StringType):
        return True
    if isinstance(source, (T.FloatType, T.DoubleType, T.DecimalType)) and isinstance(target, T.IntegralType):
        return True
    if isinstance(target, T.DecimalType):
        if isinstance(source, (T.FloatType, T.DoubleType)):
            return True
        digits = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0), T.LongType: (20, 0)}.get(type(source))
        if isinstance(source, T.DecimalType):
            digits = (source.precision, source.scale)
        if digits is not None:
            precision, scale = digits
            return precision - scale > target.precision - target.scale or scale > target.scale
    return False


def _operands(name: str, arguments: list[Bound], column_name: str) -> tuple[list[Bound], bool]:
    """The fields cast to Spark's input types, and whether any may be null after its cast."""
    function = lookup(name)
    operands = _seconds_last(function.cast_inputs(arguments, column_name)) if name != "make_ym_interval" else function.cast_inputs(arguments, column_name)
    nullable = any(
        operand.nullable or _force_nullable(argument.data_type, operand.data_type)
        for argument, operand in zip(arguments, operands)
    )
    return operands, nullable


def _make_interval(fail: bool | None):
    """``make_interval``: an overflow is an error in ANSI mode, null otherwise and in the ``try_`` form."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        operands, nullable = _operands("make_interval", arguments, name)
        fails = analyzer.mode.ansi if fail is None else fail
        nullable = nullable or not fails
        flag = literal(fails, T.BooleanType())
        return scalar_call(SPARK_INTERVAL, "make_interval", [*operands, flag], T.CalendarIntervalType(), name, nullable)

    return resolve


def _make_dt_interval(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    operands, nullable = _operands("make_dt_interval", arguments, name)
    return scalar_call(SPARK_INTERVAL, "make_dt_interval", operands, T.DayTimeIntervalType(), name, nullable)


def _make_ym_interval(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    operands, nullable = _operands("make_ym_interval", arguments, name)
    return scalar_call(SPARK_INTERVAL, "make_ym_interval", operands, T.YearMonthIntervalType(), name, nullable)


_INTERVAL_FIELDS = (INT, INT, INT, INT, INT, INT, Exactly(_SECONDS))
scalar(
    "make_interval", SPARK_INTERVAL, inputs=_INTERVAL_FIELDS, defaults=dict.fromkeys(range(7), _ZERO),
    resolve=_make_interval(None),
)
scalar(
    "try_make_interval", SPARK_INTERVAL, inputs=_INTERVAL_FIELDS, defaults=dict.fromkeys(range(7), _ZERO),
    resolve=_make_interval(False),
)
scalar(
    "make_dt_interval", SPARK_INTERVAL, inputs=(INT, INT, INT, Exactly(_SECONDS)),
    defaults=dict.fromkeys(range(4), _ZERO), resolve=_make_dt_interval,
)
scalar(
    "make_ym_interval", SPARK_INTERVAL, inputs=(INT, INT), defaults=dict.fromkeys(range(2), _ZERO),
    resolve=_make_ym_interval,
)


# -- try_ arithmetic ---------------------------------------------------------------------------

_INTERVALS = (T.DayTimeIntervalType, T.YearMonthIntervalType, T.CalendarIntervalType)


def is_interval(data_type: T.DataType) -> bool:
    return isinstance(data_type, _INTERVALS)


def _same_kind(left: T.DataType, right: T.DataType) -> bool:
    return type(left) is type(right)


def _widest(left: T.DataType, right: T.DataType) -> T.DataType:
    """Spark's result of adding two ANSI intervals of one kind: the union of their fields."""
    if isinstance(left, T.CalendarIntervalType):
        return left
    return type(left)(min(left.startField, right.startField), max(left.endField, right.endField))


def resolve_try_arithmetic(analyzer, operator: str, arguments: list[Bound], name: str) -> Bound | None:
    """``try_add``/``try_subtract``/``try_multiply``/``try_divide`` where an argument is an
    interval or a date (``None`` for the numeric cases, which the math family resolves)."""
    left, right = arguments
    types = (left.data_type, right.data_type)
    if not any(is_interval(data_type) or isinstance(data_type, T.DateType) for data_type in types):
        return None
    if operator in "+-":
        return _try_add_or_subtract(analyzer, operator, left, right, name)
    if operator == "*" and is_interval(right.data_type) and not is_interval(left.data_type):
        left, right = right, left
    if operator in "*/" and is_interval(left.data_type) and _is_number(right.data_type):
        return _scale(operator, left, right, name)
    raise not_implemented(f"{name} of {left.data_type.simpleString()} and {right.data_type.simpleString()} values")


def _is_number(data_type: T.DataType) -> bool:
    return isinstance(data_type, (T.NumericType, T.NullType))


def _scale(operator: str, interval: Bound, number: Bound, name: str) -> Bound:
    if isinstance(number.data_type, T.DecimalType) and not isinstance(interval.data_type, T.CalendarIntervalType):
        # Spark multiplies ANSI intervals by decimals exactly; doubles would round differently.
        raise not_implemented(f"{name} of an ANSI interval and a decimal")
    integral = isinstance(number.data_type, (T.IntegralType, T.NullType))
    calendar = isinstance(interval.data_type, T.CalendarIntervalType)
    target = T.LongType() if integral and not calendar else T.DoubleType()
    function = "interval_multiply" if operator == "*" else "interval_divide"
    data_type = interval.data_type
    if not calendar:
        data_type = type(data_type)()
    return scalar_call(SPARK_INTERVAL, function, [interval, cast_to(number, target)], data_type, name, nullable=True)


def _try_add_or_subtract(analyzer, operator: str, left: Bound, right: Bound, name: str) -> Bound:
    function = "interval_add" if operator == "+" else "interval_subtract"
    left_type, right_type = left.data_type, right.data_type
    if isinstance(left_type, T.DateType) and (isinstance(right_type, T.IntegralType) or isinstance(right_type, T.NullType)):
        # Spark's date_add / date_sub: a number of days.
        days = lookup("date_add" if operator == "+" else "date_sub")
        return replace(days.resolve_scalar(analyzer, None, [left, right], name), nullable=True)
    if operator == "+" and isinstance(right_type, T.DateType) and isinstance(left_type, T.IntegralType):
        return replace(lookup("date_add").resolve_scalar(analyzer, None, [right, left], name), nullable=True)
    if isinstance(left_type, T.DateType) and isinstance(right_type, T.YearMonthIntervalType):
        return scalar_call(SPARK_INTERVAL, function, [left, right], T.DateType(), name, nullable=True)
    if operator == "+" and isinstance(right_type, T.DateType) and isinstance(left_type, T.YearMonthIntervalType):
        return scalar_call(SPARK_INTERVAL, function, [right, left], T.DateType(), name, nullable=True)
    if is_interval(left_type) and _same_kind(left_type, right_type):
        result = _widest(left_type, right_type)
        return scalar_call(SPARK_INTERVAL, function, [left, right], result, name, nullable=True)
    raise not_implemented(f"{name} of {left_type.simpleString()} and {right_type.simpleString()} values")




# -- time_bucket ---------------------------------------------------------------------------------

_EPOCH_ORIGIN = "TIMESTAMP '1970-01-01 00:00:00'"


def _time_bucket_name(arguments: list[str]) -> str:
    origin = arguments[2] if len(arguments) > 2 else _EPOCH_ORIGIN
    return f"time_bucket({arguments[0]}, {arguments[1]}, {origin})"


def _time_bucket(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``time_bucket(size, ts[, origin])`` for a day-time interval size: the start of the
    bucket holding ``ts``, buckets laid from ``origin`` (by default 1970-01-01 00:00 in
    wall-clock time of the session time zone), as Spark lays them."""
    if len(arguments) not in (2, 3):
        raise not_implemented(f"time_bucket with {len(arguments)} arguments")
    size, stamp = arguments[0], arguments[1]
    if not isinstance(size.data_type, T.DayTimeIntervalType):
        raise not_implemented(f"time_bucket with a bucket of {size.data_type.simpleString()}")
    if not isinstance(stamp.data_type, (T.TimestampType, T.NullType)):
        raise not_implemented(f"time_bucket of {stamp.data_type.simpleString()} values")
    stamp = cast_to(stamp, T.TimestampType())
    constant = _constant(size)
    if constant is not None and constant.WhichOneof("literal_type") == "i64" and constant.i64 <= 0:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", exprName="`bucketSize`", valueRange="(0, inf)",
            currentValue=size.name, sqlExpr=f'"{name}"',
        )
    unit = literal("MICROSECOND", T.StringType())
    micros = Bound(_proto.cast(size.proto, to_substrait_type(T.LongType(), size.nullable)), T.LongType(), size.nullable, size.name)
    if len(arguments) == 3:
        # From an origin given, Spark lays the buckets in instants; from its default
        # origin in wall-clock time of the session time zone.
        origin = arguments[2]
        if not isinstance(origin.data_type, T.TimestampType):
            raise not_implemented(f"time_bucket with an origin of {origin.data_type.simpleString()}")
        constant = _constant(origin)
        if constant is None:
            # Spark wants a foldable origin (NON_FOLDABLE_INPUT); pyrust knows literals only.
            raise not_implemented("time_bucket with an origin that is not a literal")
        null_origin = constant.WhichOneof("literal_type") == "null"
        instant = lookup("unix_micros").resolve_scalar(analyzer, None, [stamp], name)
        since_origin = analyzer.resolve_arithmetic(
            "-", [instant, lookup("unix_micros").resolve_scalar(analyzer, None, [origin], name)], name
        )
        into_bucket = lookup("pmod").resolve_scalar(analyzer, None, [since_origin, micros], name)
        start = analyzer.resolve_arithmetic("-", [instant, into_bucket], name)
        bucket = lookup("timestamp_micros").resolve_scalar(analyzer, None, [start], name)
    else:
        origin = literal(datetime.datetime(1970, 1, 1), T.TimestampNTZType(), _EPOCH_ORIGIN)
        local = cast_to(stamp, T.TimestampNTZType())
        null_origin = False
        since_origin = lookup("timestamp_diff").resolve_scalar(analyzer, None, [unit, origin, local], name)
        into_bucket = lookup("pmod").resolve_scalar(analyzer, None, [since_origin, micros], name)
        start = analyzer.resolve_arithmetic("-", [since_origin, into_bucket], name)
        bucket = lookup("timestamp_add").resolve_scalar(analyzer, None, [unit, start, origin], name)
    nullable = size.nullable or stamp.nullable or null_origin
    return replace(cast_to(bucket, T.TimestampType()), name=name, nullable=nullable)


def _constant(argument: Bound):
    """The literal an argument is, perhaps under a cast (``TIMESTAMP '...'``), else ``None``."""
    proto = argument.proto
    while proto.WhichOneof("rex_type") == "cast":
        proto = proto.cast.input
    return proto.literal if proto.WhichOneof("rex_type") == "literal" else None


scalar("time_bucket", SPARK_INTERVAL, resolve=_time_bucket, column_name=_time_bucket_name)

__all__ = ["SPARK_INTERVAL", "is_interval", "resolve_try_arithmetic"]
