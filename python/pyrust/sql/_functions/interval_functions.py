"""Interval functions: ``make_interval``, ``make_dt_interval``, ``make_ym_interval`` and
``try_make_interval``, and Spark's ``try_`` arithmetic on intervals.

Spark's three interval types: a day-time interval (``DayTimeIntervalType``,
microseconds; Arrow's ``Duration(µs)``), a year-month interval
(``YearMonthIntervalType``, months) and a calendar interval
(``CalendarIntervalType``: months, days and microseconds). The fields of the
``make_`` functions are ``INT``s and their seconds a ``DECIMAL(18, 6)``, cast as
Spark casts them; an omitted field is 0 and is printed so in the column name.
"""

from __future__ import annotations

from dataclasses import replace

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, cast_to, literal, not_implemented, scalar_call
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


__all__ = ["SPARK_INTERVAL", "is_interval", "resolve_try_arithmetic"]
