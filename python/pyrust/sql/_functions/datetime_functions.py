"""Date and time functions (Spark's ``datetime_funcs`` group).

A ``TIMESTAMP`` is an instant; its fields and its text are taken in the
session time zone (``spark.sql.session.timeZone``), which the engine reads.
Functions over dates take Spark's implicit casts (a timestamp or a string
becomes a date); literal patterns are translated to chrono's here
(``datetime_pattern.py``), patterns given per row by the engine. ``TIME`` is a
time of day (Arrow ``Time64(µs)``). Functions pyrust's types cannot express
(intervals, nanosecond timestamps), sliding and session windows, and those not
done are rows raising NOT_IMPLEMENTED.
"""

from __future__ import annotations

import datetime
import decimal

from dataclasses import replace

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._inputs import BOOLEAN, DATE, Expected, INT, LONG, NUMERIC, STRING, TIMESTAMP, one_of
from pyrust.sql._functions._table import lookup, scalar
from pyrust.sql._functions.datetime_pattern import to_chrono

SPARK_DATETIME = "extension:dev.pyrust:functions_spark_datetime"
DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss"


class _SmallIntegral(Expected):
    """Spark's ``(INT or SMALLINT or TINYINT)``: a day count; strings are cast, wider integers refused."""

    def accepts(self, actual: T.DataType) -> bool:
        return isinstance(actual, (T.IntegerType, T.ShortType, T.ByteType))

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        if self.accepts(actual):
            return actual
        return T.IntegerType() if isinstance(actual, (T.StringType, T.NullType)) else None

    def describe(self) -> str:
        return '("INT" or "SMALLINT" or "TINYINT")'


_SMALL_INT = _SmallIntegral()


def _is_literal(argument: Bound) -> bool:
    return argument.proto.WhichOneof("rex_type") == "literal"


def _literal_text(argument: Bound, name: str) -> str | None:
    """The value of a string literal argument (None for a null one)."""
    proto = argument.proto
    if proto.WhichOneof("rex_type") == "literal":
        kind = proto.literal.WhichOneof("literal_type")
        if kind == "null":
            return None
        if kind in ("string", "var_char", "fixed_char"):
            value = getattr(proto.literal, kind)
            return value if isinstance(value, str) else value.value
    raise not_implemented(f"{name} with a format that is not a literal string")


def _call(name: str, arguments: list[Bound], result: T.DataType, column_name: str, nullable: bool | None = None) -> Bound:
    return scalar_call(SPARK_DATETIME, name, arguments, result, column_name, nullable)


def _as(argument: Bound, target: T.DataType, name: str, index: int, required: str) -> Bound:
    """``argument`` implicitly cast to ``target`` as Spark would, else Spark's type error."""
    if isinstance(argument.data_type, (T.StringType, T.NullType, T.DateType, T.TimestampType, T.TimestampNTZType)):
        return cast_to(argument, target)
    raise type_mismatch(name, required, argument.name, argument.data_type, index)


def _pattern_literal(text: str) -> Bound:
    return literal(to_chrono(text), T.StringType())


def _parse(analyzer, value: Bound, pattern: str | None, target: T.DataType, try_mode: bool, column_name: str) -> Bound:
    """``value`` read as ``target`` (``TIMESTAMP`` or ``TIMESTAMP_NTZ``), with a pattern or as a cast."""
    fail = analyzer.mode.ansi and not try_mode
    if pattern is None or not isinstance(value.data_type, T.StringType):
        if isinstance(value.data_type, T.NullType):
            value = cast_to(value, T.StringType())
        cast = _as(value, target, column_name, 0, '"STRING"')
        if not fail and isinstance(value.data_type, T.StringType):
            cast = cast_to(value, target, null_on_failure=True)
        return Bound(cast.proto, target, cast.nullable, column_name)
    ntz = isinstance(target, T.TimestampNTZType)
    function = ("to_timestamp_ntz" if ntz else "to_timestamp") if fail else ("try_to_timestamp_ntz" if ntz else "try_to_timestamp")
    return _call(function, [value, _pattern_literal(pattern)], target, column_name, nullable=True if not fail else value.nullable)


def _parse_by_row(analyzer, value: Bound, pattern: Bound, target: T.DataType, try_mode: bool, column_name: str) -> Bound:
    """``value`` read with a pattern given per row (a column of Spark patterns), which the engine translates."""
    fail = analyzer.mode.ansi and not try_mode
    ntz = isinstance(target, T.TimestampNTZType)
    function = ("to_timestamp_ntz" if ntz else "to_timestamp") if fail else ("try_to_timestamp_ntz" if ntz else "try_to_timestamp")
    value = _as(value, T.StringType(), column_name, 0, '"STRING"') if not isinstance(value.data_type, T.StringType) else value
    pattern = cast_to(pattern, T.StringType()) if isinstance(pattern.data_type, T.NullType) else pattern
    if not isinstance(pattern.data_type, T.StringType):
        raise type_mismatch(column_name, '"STRING"', pattern.name, pattern.data_type, 1)
    nullable = True if not fail else value.nullable or pattern.nullable
    return _call(f"{function}_by_row", [value, pattern], target, column_name, nullable=nullable)


def _to_timestamp_like(target: T.DataType, try_mode: bool):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if len(arguments) > 1 and not _is_literal(arguments[1]) and isinstance(arguments[0].data_type, T.StringType):
            return _parse_by_row(analyzer, arguments[0], arguments[1], target, try_mode, name)
        pattern = _literal_text(arguments[1], name) if len(arguments) > 1 else None
        if len(arguments) > 1 and pattern is None:
            return literal(None, target, name)
        return _parse(analyzer, arguments[0], pattern, target, try_mode, name)

    return resolve


def _to_date(try_mode: bool):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        value = arguments[0]
        if len(arguments) == 1 or not isinstance(value.data_type, T.StringType):
            fail = analyzer.mode.ansi and not try_mode
            cast = cast_to(value, T.DateType(), null_on_failure=not fail and isinstance(value.data_type, T.StringType))
            if isinstance(value.data_type, (T.StringType, T.NullType, T.DateType, T.TimestampType, T.TimestampNTZType)):
                return Bound(cast.proto, T.DateType(), cast.nullable, name)
            raise type_mismatch(name, '"STRING"', value.name, value.data_type)
        pattern = _literal_text(arguments[1], name)
        if pattern is None:
            return literal(None, T.DateType(), name)
        parsed = _parse(analyzer, value, pattern, T.TimestampType(), try_mode, name)
        date = cast_to(parsed, T.DateType())
        return Bound(date.proto, T.DateType(), date.nullable, name)

    return resolve


def _unix_timestamp(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    if not arguments:
        raise not_implemented("unix_timestamp without arguments")
    value = arguments[0]
    if len(arguments) > 1 and not _is_literal(arguments[1]) and isinstance(value.data_type, T.StringType):
        instant = _parse_by_row(analyzer, value, arguments[1], T.TimestampType(), False, name)
        return _call("unix_seconds", [instant], T.LongType(), name, nullable=instant.nullable)
    pattern = _literal_text(arguments[1], name) if len(arguments) > 1 else DEFAULT_PATTERN
    if pattern is None:
        return literal(None, T.LongType(), name)
    if isinstance(value.data_type, T.StringType):
        instant = _parse(analyzer, value, pattern, T.TimestampType(), False, name)
    else:
        instant = _as(value, T.TimestampType(), name, 0, '("STRING" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")')
    return _call("unix_seconds", [instant], T.LongType(), name, nullable=instant.nullable)


def _date_format(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    value, pattern_argument = arguments
    pattern = _literal_text(pattern_argument, name)
    if pattern is None:
        return literal(None, T.StringType(), name)
    instant = _as(value, T.TimestampType(), name, 0, '"TIMESTAMP"')
    return _call("date_format", [instant, _pattern_literal(pattern)], T.StringType(), name, nullable=instant.nullable)


def _named_format(pattern: str):
    """``dayname``/``monthname``: the date written with a fixed pattern."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        instant = cast_to(_as(arguments[0], T.DateType(), name, 0, '"DATE"'), T.TimestampType())
        return _call("date_format", [instant, _pattern_literal(pattern)], T.StringType(), name, nullable=instant.nullable)

    return resolve


def _from_unixtime(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    seconds = arguments[0]
    pattern = _literal_text(arguments[1], name) if len(arguments) > 1 else DEFAULT_PATTERN
    if pattern is None:
        return literal(None, T.StringType(), name)
    if not isinstance(seconds.data_type, (T.IntegralType, T.StringType, T.NullType)):
        raise type_mismatch(name, '"BIGINT"', seconds.name, seconds.data_type)
    instant = _call("timestamp_seconds", [cast_to(seconds, T.LongType())], T.TimestampType(), name)
    return _call("date_format", [instant, _pattern_literal(pattern)], T.StringType(), name, nullable=instant.nullable)


def _timestamp_seconds(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    (value,) = arguments
    if isinstance(value.data_type, (T.IntegralType, T.NullType)):
        operand = cast_to(value, T.LongType())
    elif isinstance(value.data_type, (T.FloatType, T.DoubleType)):
        operand = cast_to(value, T.DoubleType())
    else:
        raise type_mismatch(name, '"NUMERIC"', value.name, value.data_type)
    return _call("timestamp_seconds", [operand], T.TimestampType(), name)


# extract / date_part fields Spark accepts, as the function that computes them.
_EXTRACT_FIELDS = {
    "YEAR": "year", "Y": "year", "YEARS": "year", "YR": "year", "YRS": "year",
    "QUARTER": "quarter", "QTR": "quarter",
    "MONTH": "month", "MON": "month", "MONS": "month", "MONTHS": "month",
    "WEEK": "weekofyear", "W": "weekofyear", "WEEKS": "weekofyear",
    "DAY": "dayofmonth", "D": "dayofmonth", "DAYS": "dayofmonth",
    "DAYOFWEEK": "dayofweek", "DOW": "dayofweek",
    "DOY": "dayofyear",
    "HOUR": "hour", "H": "hour", "HOURS": "hour", "HR": "hour", "HRS": "hour",
    "MINUTE": "minute", "M": "minute", "MIN": "minute", "MINS": "minute", "MINUTES": "minute",
    "SECOND": "second_with_fraction", "S": "second_with_fraction", "SEC": "second_with_fraction",
    "SECONDS": "second_with_fraction", "SECS": "second_with_fraction",
}


def _extract(sql_name: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        field_argument, source = arguments
        field = _literal_text(field_argument, name)
        if field is None:
            raise not_implemented(f"{name} with a null field")
        function = _EXTRACT_FIELDS.get(field.strip().upper())
        if function is None:
            raise not_implemented(f"{name} of the field {field}")
        if sql_name in ("extract", "datepart"):
            column_name = f"{sql_name}({field} FROM {source.name})"
        else:
            column_name = f"{sql_name}({field}, {source.name})"
        target = T.TimestampType() if function in ("hour", "minute", "second_with_fraction") else T.DateType()
        if isinstance(source.data_type, T.TimeType) and function in ("hour", "minute", "second_with_fraction"):
            target = T.TimeType()
        operand = source if target == source.data_type else _as(source, target, column_name, 1, f'"{target.simpleString().upper()}"')
        result = T.DecimalType(8, 6) if function == "second_with_fraction" else T.IntegerType()
        return _call(function, [operand], result, column_name)

    return resolve


def _date_from_unix_date(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    (days,) = arguments
    if not isinstance(days.data_type, (T.IntegralType, T.StringType, T.NullType)):
        raise type_mismatch(name, '"INT"', days.name, days.data_type)
    epoch = literal(datetime.date(1970, 1, 1), T.DateType())
    return _call("date_add", [Bound(epoch.proto, T.DateType(), False, ""), cast_to(days, T.IntegerType())], T.DateType(), name)


_TRUNC_UNITS = {"YEAR", "YYYY", "YY", "QUARTER", "MONTH", "MM", "MON", "WEEK"}


def _trunc(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``trunc(date, unit)``: units other than Spark's four give null."""
    unit = arguments[1]
    if unit.proto.WhichOneof("rex_type") == "literal":
        text = _literal_text(unit, name)
        if text is None or text.strip().upper() not in _TRUNC_UNITS:
            return literal(None, T.DateType(), name)
    return replace(lookup("trunc"), resolve=None).resolve_scalar(analyzer, call, arguments, name)


_DAYS_OF_WEEK = {
    spelling
    for day in ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")
    for spelling in (day, day[:3], day[:2])
}


def _next_day(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    function = lookup("next_day")
    bound = replace(function, resolve=None).resolve_scalar(analyzer, call, arguments, name)
    day = arguments[1]
    if analyzer.mode.ansi and day.proto.WhichOneof("rex_type") == "literal":
        text = _literal_text(day, name)
        if text is not None and text.strip().upper() not in _DAYS_OF_WEEK:
            raise errors.IllegalArgumentException(errorClass="ILLEGAL_DAY_OF_WEEK", messageParameters={"string": text})
    return bound


def _current_timezone(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    from pyrust.sql.session import SparkSession

    session = SparkSession.getActiveSession()
    zone = session.conf.get("spark.sql.session.timeZone") if session is not None else None
    bound = literal(zone, T.StringType(), name)
    return Bound(bound.proto, bound.data_type, False, name)


# -- constructors and calendar arithmetic --------------------------------------------------------


def _integral_field(argument: Bound, name: str, index: int) -> Bound:
    """A field of ``make_timestamp``: Spark's implicit cast to ``INT``."""
    if isinstance(argument.data_type, (T.NumericType, T.StringType, T.NullType)):
        return cast_to(argument, T.IntegerType())
    raise type_mismatch(name, '"INT"', argument.name, argument.data_type, index)


_SECONDS = T.DecimalType(16, 6)


def _seconds_field(argument: Bound, name: str) -> tuple[Bound, bool]:
    """The seconds as ``DECIMAL(16, 6)``, and whether Spark's cast to it is nullable by itself."""
    actual = argument.data_type
    if isinstance(actual, (T.ByteType, T.ShortType, T.IntegerType)):
        forced = False
    elif isinstance(actual, T.DecimalType):
        forced = actual.scale > 6 or actual.precision - actual.scale > 10
    elif isinstance(actual, (T.NumericType, T.StringType, T.NullType)):
        forced = True
    else:
        raise type_mismatch(name, '"DECIMAL(16,6)"', argument.name, actual, 5)
    return cast_to(argument, _SECONDS), forced


def _make_timestamp(zoned: bool, try_mode: bool):
    """``make_timestamp`` and relatives from six fields and, for a zoned result, an optional time zone."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if len(arguments) in ((2, 3) if zoned else (2,)) and isinstance(arguments[1].data_type, T.TimeType):
            return _date_and_time(arguments, zoned, name)
        if len(arguments) not in ((6, 7) if zoned else (6,)):
            raise not_implemented(f"{call.function} with {len(arguments)} arguments")
        fields = [_integral_field(argument, name, index) for index, argument in enumerate(arguments[:5])]
        seconds, forced = _seconds_field(arguments[5], name)
        rest = []
        if len(arguments) == 7:
            zone = arguments[6]
            if not isinstance(zone.data_type, (T.StringType, T.NullType)):
                raise type_mismatch(name, '"STRING"', zone.name, zone.data_type, 6)
            rest = [cast_to(zone, T.StringType())]
        fail = analyzer.mode.ansi and not try_mode
        engine = "make_timestamp" if zoned else "make_timestamp_ntz"
        engine = engine if fail else f"try_{engine}"
        operands = [*fields, seconds, *rest]
        nullable = True if not fail else forced or any(operand.nullable for operand in operands)
        return _call(engine, operands, T.TimestampType() if zoned else T.TimestampNTZType(), name, nullable=nullable)

    return resolve


def _date_and_time(arguments: list[Bound], zoned: bool, name: str) -> Bound:
    """``make_timestamp(date, time[, zone])``: the local date-time of a date and a time of day."""
    date, time, *zone = arguments
    if not isinstance(date.data_type, (T.DateType, T.StringType, T.NullType, T.TimestampType, T.TimestampNTZType)):
        raise type_mismatch(name, '"DATE"', date.name, date.data_type, 0)
    operands = [cast_to(date, T.DateType()), time]
    if zone:
        if not isinstance(zone[0].data_type, (T.StringType, T.NullType)):
            raise type_mismatch(name, '"STRING"', zone[0].name, zone[0].data_type, 2)
        operands.append(cast_to(zone[0], T.StringType()))
    function = "make_timestamp_from_date_time" if zoned else "make_timestamp_ntz_from_date_time"
    result = T.TimestampType() if zoned else T.TimestampNTZType()
    return _call(function, operands, result, name, nullable=any(operand.nullable for operand in operands))


def _try_make_timestamp_name(arguments: list[str]) -> str:
    # Spark leaves the time zone out of try_make_timestamp's name.
    return f"try_make_timestamp({', '.join(arguments[:6] if len(arguments) == 7 else arguments)})"


def _any_timestamp(argument: Bound, name: str, index: int) -> Bound:
    """A timestamp of either kind as it is; a date or a string as a ``TIMESTAMP``."""
    if isinstance(argument.data_type, (T.TimestampType, T.TimestampNTZType)):
        return argument
    if isinstance(argument.data_type, (T.DateType, T.StringType, T.NullType)):
        return cast_to(argument, T.TimestampType())
    raise type_mismatch(name, '"TIMESTAMP"', argument.name, argument.data_type, index)


def _unit(argument: Bound, name: str) -> Bound:
    if not isinstance(argument.data_type, T.StringType):
        raise type_mismatch(name, '"STRING"', argument.name, argument.data_type, 0)
    return argument


def _timestamp_add(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    unit, quantity, stamp = arguments
    if not isinstance(quantity.data_type, (T.NumericType, T.StringType, T.NullType)):
        raise type_mismatch(name, '"BIGINT"', quantity.name, quantity.data_type, 1)
    stamp = _any_timestamp(stamp, name, 2)
    operands = [_unit(unit, name), cast_to(quantity, T.LongType()), stamp]
    return _call("timestampadd", operands, stamp.data_type, name, nullable=any(operand.nullable for operand in operands))


def _timestamp_diff(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    unit, start, end = arguments
    start, end = _any_timestamp(start, name, 1), _any_timestamp(end, name, 2)
    if start.data_type != end.data_type:
        start, end = cast_to(start, T.TimestampType()), cast_to(end, T.TimestampType())
    operands = [_unit(unit, name), start, end]
    return _call("timestampdiff", operands, T.LongType(), name, nullable=any(operand.nullable for operand in operands))


def _convert_timezone(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) == 2:
        zone = _current_timezone(analyzer, call, [], "current_timezone()")
        arguments = [zone, *arguments]
        name = f"convert_timezone(current_timezone(), {arguments[1].name}, {arguments[2].name})"
    if len(arguments) != 3:
        raise not_implemented(f"convert_timezone with {len(arguments)} arguments")
    source, target, stamp = arguments
    for index, zone in enumerate((source, target)):
        if not isinstance(zone.data_type, (T.StringType, T.NullType)):
            raise type_mismatch(name, '"STRING"', zone.name, zone.data_type, index)
    if not isinstance(stamp.data_type, (T.TimestampType, T.TimestampNTZType, T.DateType, T.StringType, T.NullType)):
        raise type_mismatch(name, '"TIMESTAMP_NTZ"', stamp.name, stamp.data_type, 2)
    operands = [cast_to(source, T.StringType()), cast_to(target, T.StringType()), cast_to(stamp, T.TimestampNTZType())]
    return _call("convert_timezone", operands, T.TimestampNTZType(), name, nullable=any(operand.nullable for operand in operands))


# -- time windows ------------------------------------------------------------------------------------

_DURATION_UNITS = {
    "microsecond": 1, "millisecond": 1_000, "second": 1_000_000, "minute": 60_000_000,
    "hour": 3_600_000_000, "day": 86_400_000_000, "week": 7 * 86_400_000_000,
}
_LONG_MAX = 9223372036854775807


def _parse_duration(text: str) -> tuple[int, int]:
    """Spark's interval string (``10 seconds``, ``interval 1 hour 30 minutes``) as (months, microseconds)."""
    words = text.strip().lower().split()
    if words and words[0] == "interval":
        words = words[1:]
    if not words or len(words) % 2:
        raise analysis_error("CANNOT_PARSE_INTERVAL", intervalString=f"'{text}'")
    months = micros = 0
    for value, unit in zip(words[::2], words[1::2]):
        unit = unit[:-1] if unit.endswith("s") else unit
        try:
            amount = decimal.Decimal(value)
        except decimal.InvalidOperation:
            raise analysis_error("CANNOT_PARSE_INTERVAL", intervalString=f"'{text}'") from None
        if not amount.is_finite() or (amount != amount.to_integral_value() and unit != "second"):
            raise analysis_error("CANNOT_PARSE_INTERVAL", intervalString=f"'{text}'")
        if unit in ("year", "month"):
            months += int(amount) * (12 if unit == "year" else 1)
        elif unit in _DURATION_UNITS:
            micros += int(amount * _DURATION_UNITS[unit])
        else:
            raise analysis_error("CANNOT_PARSE_INTERVAL", intervalString=f"'{text}'")
    return months, micros


def _duration(argument: Bound, name: str) -> int:
    """A window's duration argument (a literal string) in microseconds."""
    text = _literal_text(argument, name)
    if text is None:
        raise not_implemented(f"{name} with a null duration")
    months, micros = _parse_duration(text)
    if months:
        raise errors.IllegalArgumentException(errorClass="_LEGACY_ERROR_TEMP_3231", messageParameters={"interval": text})
    return micros


def _time_window(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``window(ts, width[, slide[, start]])``: tumbling windows only (a slide other than the width
    makes several rows of one, which pyrust has no plan construct for)."""
    if not 2 <= len(arguments) <= 4:
        raise not_implemented(f"window with {len(arguments)} arguments")
    stamp = arguments[0]
    if isinstance(stamp.data_type, (T.DateType, T.StringType)):
        stamp = cast_to(stamp, T.TimestampType())
    if not isinstance(stamp.data_type, (T.TimestampType, T.TimestampNTZType)):
        raise type_mismatch(name, '("TIMESTAMP" or "TIMESTAMP_NTZ")', stamp.name, stamp.data_type)
    width = _duration(arguments[1], name)
    slide = _duration(arguments[2], name) if len(arguments) > 2 else width
    start = _duration(arguments[3], name) if len(arguments) > 3 else 0
    expression = f'"window({stamp.name}, {width}, {slide}, {start})"'
    for label, value in (("`window_duration`", width), ("`slide_duration`", slide)):
        if value <= 0:
            raise analysis_error(
                "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", sqlExpr=expression, exprName=label,
                valueRange=f"(0, {_LONG_MAX}]", currentValue=f"{value}L",
            )
    if slide > width:
        raise analysis_error(
            "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", sqlExpr=expression, leftExprName="`slide_duration`",
            leftExprValue=f"{slide}L", constraint="<=", rightExprName="`window_duration`", rightExprValue=f"{width}L",
        )
    if abs(start) >= slide:
        raise analysis_error(
            "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", sqlExpr=expression, leftExprName="`abs(start_time)`",
            leftExprValue=f"{abs(start)}L", constraint="<", rightExprName="`slide_duration`", rightExprValue=f"{slide}L",
        )
    if slide != width:
        raise not_implemented("window with a slide duration shorter than the window (sliding windows)")
    kind = stamp.data_type
    result = T.StructType([T.StructField("start", kind, True), T.StructField("end", kind, True)])
    operands = [stamp, literal(width, T.LongType()), literal(start, T.LongType())]
    return _call("time_window", operands, result, "window", nullable=False)


def _window_time(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    (window,) = arguments
    kind = window.data_type
    if not (
        isinstance(kind, T.StructType)
        and [field.name for field in kind.fields] == ["start", "end"]
        and all(isinstance(field.dataType, (T.TimestampType, T.TimestampNTZType)) for field in kind.fields)
    ):
        raise analysis_error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", sqlExpr=f'"{name}"', paramIndex="first",
                             inputSql=f'"{window.name}"', inputType=f'"{kind.simpleString().upper()}"',
                             requiredType='"STRUCT<start: TIMESTAMP, end: TIMESTAMP>"')
    return _call("window_time", [window], kind.fields[1].dataType, name, nullable=True)


def window_time_columns(expressions) -> list:
    """The time columns of the ``window`` calls in ``expressions``: Spark drops the rows where one is null."""
    from pyrust.sql._expressions import Call

    found = []

    def visit(expression) -> None:
        if isinstance(expression, Call) and expression.function == "window" and expression.arguments:
            found.append(expression.arguments[0])
        for child in expression.children():
            visit(child)

    for expression in expressions:
        visit(expression)
    return found


# -- TIME ------------------------------------------------------------------------------------------


def _time_argument(argument: Bound, name: str, index: int) -> Bound:
    """A ``TIME`` argument; a string is cast to it, as Spark's implicit cast does."""
    if isinstance(argument.data_type, T.TimeType):
        return argument
    if isinstance(argument.data_type, (T.StringType, T.NullType)):
        return cast_to(argument, T.TimeType())
    raise type_mismatch(name, '"TIME"', argument.name, argument.data_type, index)


def _time_field(function: str):
    """``hour``/``minute``/``second`` of a ``TIME``, else of a timestamp."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if len(arguments) == 1 and isinstance(arguments[0].data_type, T.TimeType):
            return _call(function, arguments, T.IntegerType(), name, nullable=arguments[0].nullable)
        return replace(lookup(function), resolve=None).resolve_scalar(analyzer, call, arguments, name)

    return resolve


def _make_time(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    hour, minute, second = arguments
    seconds, _ = _seconds_field(second, name)
    operands = [_integral_field(hour, name, 0), _integral_field(minute, name, 1), seconds]
    return _call("make_time", operands, T.TimeType(), name, nullable=True)


def _to_time(try_mode: bool):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if not 1 <= len(arguments) <= 2:
            raise not_implemented(f"{call.function} with {len(arguments)} arguments")
        operands = []
        for index, argument in enumerate(arguments):
            if not isinstance(argument.data_type, (T.StringType, T.NullType)):
                raise type_mismatch(name, '"STRING"', argument.name, argument.data_type, index)
            operands.append(cast_to(argument, T.StringType()))
        function = "try_to_time" if try_mode else "to_time"
        return _call(function, operands, T.TimeType(), name, nullable=True)

    return resolve


def _try_to_time_name(arguments: list[str]) -> str:
    # Spark names try_to_time by the to_time call it wraps.
    return f"try_to_time(to_time({', '.join(arguments)}))"


def _time_unit_function(function: str, result: T.DataType):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        unit, *times = arguments
        operands = [_unit(unit, name), *(_time_argument(time, name, index + 1) for index, time in enumerate(times))]
        return _call(function, operands, result, name, nullable=any(operand.nullable for operand in operands))

    return resolve


def _time_from(function: str, fractional: bool):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        (count,) = arguments
        actual = count.data_type
        if isinstance(actual, (T.IntegralType, T.NullType)):
            operand = cast_to(count, T.LongType())
        elif fractional and isinstance(actual, (T.DecimalType, T.FloatType, T.DoubleType)):
            operand = count if isinstance(actual, T.DecimalType) else cast_to(count, T.DoubleType())
        else:
            raise type_mismatch(name, '"NUMERIC"' if fractional else '"INTEGRAL"', count.name, actual)
        return _call(function, [operand], T.TimeType(), name, nullable=True)

    return resolve


def _time_to(function: str, result: T.DataType):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        time = _time_argument(arguments[0], name, 0)
        return _call(function, [time], result, name, nullable=time.nullable)

    return resolve


def _not_implemented(what: str | None = None):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        raise not_implemented(what or call.function)

    return resolve


# Fields of dates and timestamps.
for _name in ("year", "quarter", "month", "dayofweek", "weekday", "dayofyear", "weekofyear"):
    scalar(_name, SPARK_DATETIME, inputs=(DATE,))
scalar("dayofmonth", SPARK_DATETIME, aliases=("day",), inputs=(DATE,))
for _name in ("hour", "minute", "second"):
    scalar(_name, SPARK_DATETIME, inputs=(TIMESTAMP,), resolve=_time_field(_name))
scalar("extract", SPARK_DATETIME, resolve=_extract("extract"))
scalar("date_part", SPARK_DATETIME, resolve=_extract("date_part"))
scalar("datepart", SPARK_DATETIME, resolve=_extract("datepart"))
scalar("dayname", SPARK_DATETIME, resolve=_named_format("EEE"))
scalar("monthname", SPARK_DATETIME, resolve=_named_format("MMM"))

# Date arithmetic.
scalar("date_add", SPARK_DATETIME, inputs=(DATE, _SMALL_INT))
scalar("dateadd", SPARK_DATETIME, substrait_name="date_add", inputs=(DATE, _SMALL_INT), column_name="date_add({}, {})")
scalar("date_sub", SPARK_DATETIME, inputs=(DATE, _SMALL_INT))
scalar("datediff", SPARK_DATETIME, aliases=("date_diff",), inputs=(DATE, DATE))
scalar("add_months", SPARK_DATETIME, inputs=(DATE, INT))
scalar("last_day", SPARK_DATETIME, inputs=(DATE,))
scalar("next_day", SPARK_DATETIME, inputs=(DATE, STRING), nullable=True, resolve=_next_day)
scalar("trunc", SPARK_DATETIME, inputs=(DATE, STRING), nullable=True, resolve=_trunc)
scalar("date_trunc", SPARK_DATETIME, substrait_name="spark_date_trunc", inputs=(STRING, TIMESTAMP), nullable=True)
scalar("unix_date", SPARK_DATETIME, inputs=(DATE,))
scalar("make_date", SPARK_DATETIME, inputs=(INT, INT, INT))
scalar("current_date", SPARK_DATETIME, nullable=False)
scalar("curdate", SPARK_DATETIME, substrait_name="current_date", nullable=False, column_name="current_date()")
scalar("current_timezone", SPARK_DATETIME, resolve=_current_timezone)
scalar("date_from_unix_date", SPARK_DATETIME, resolve=_date_from_unix_date)
scalar("from_utc_timestamp", SPARK_DATETIME, inputs=(TIMESTAMP, STRING), nullable=True)
scalar("to_utc_timestamp", SPARK_DATETIME, inputs=(TIMESTAMP, STRING), nullable=True)

# Text and epoch counts.
scalar("date_format", SPARK_DATETIME, resolve=_date_format)
scalar("to_timestamp", SPARK_DATETIME, resolve=_to_timestamp_like(T.TimestampType(), False))
scalar("to_timestamp_ltz", SPARK_DATETIME, resolve=_to_timestamp_like(T.TimestampType(), False))
scalar("to_timestamp_ntz", SPARK_DATETIME, resolve=_to_timestamp_like(T.TimestampNTZType(), False))
scalar("try_to_timestamp", SPARK_DATETIME, resolve=_to_timestamp_like(T.TimestampType(), True))
scalar("to_date", SPARK_DATETIME, resolve=_to_date(False))
scalar("try_to_date", SPARK_DATETIME, resolve=_to_date(True))
scalar("unix_timestamp", SPARK_DATETIME, resolve=_unix_timestamp)
scalar("to_unix_timestamp", SPARK_DATETIME, resolve=_unix_timestamp)
scalar("from_unixtime", SPARK_DATETIME, resolve=_from_unixtime)
scalar("timestamp_seconds", SPARK_DATETIME, resolve=_timestamp_seconds)
scalar("timestamp_millis", SPARK_DATETIME, inputs=(one_of(LONG, NUMERIC),))
scalar("timestamp_micros", SPARK_DATETIME, inputs=(one_of(LONG, NUMERIC),))
for _name in ("unix_seconds", "unix_millis", "unix_micros"):
    scalar(_name, SPARK_DATETIME, inputs=(TIMESTAMP,))

# Constructors and calendar arithmetic.
scalar("make_timestamp", SPARK_DATETIME, resolve=_make_timestamp(True, False))
scalar("make_timestamp_ltz", SPARK_DATETIME, resolve=_make_timestamp(True, False))
scalar("make_timestamp_ntz", SPARK_DATETIME, resolve=_make_timestamp(False, False))
scalar("try_make_timestamp", SPARK_DATETIME, resolve=_make_timestamp(True, True), column_name=_try_make_timestamp_name)
scalar("try_make_timestamp_ltz", SPARK_DATETIME, resolve=_make_timestamp(True, True))
scalar("try_make_timestamp_ntz", SPARK_DATETIME, resolve=_make_timestamp(False, True))
scalar("timestamp_add", SPARK_DATETIME, resolve=_timestamp_add, column_name="timestampadd({}, {}, {})")
scalar("timestamp_diff", SPARK_DATETIME, resolve=_timestamp_diff, column_name="timestampdiff({}, {}, {})")
scalar("months_between", SPARK_DATETIME, inputs=(TIMESTAMP, TIMESTAMP, BOOLEAN), defaults={2: (True, T.BooleanType())})
scalar("convert_timezone", SPARK_DATETIME, resolve=_convert_timezone)
scalar("window", SPARK_DATETIME, resolve=_time_window)

# TIME.
scalar("make_time", SPARK_DATETIME, resolve=_make_time)
scalar("to_time", SPARK_DATETIME, resolve=_to_time(False))
scalar("try_to_time", SPARK_DATETIME, resolve=_to_time(True), column_name=_try_to_time_name)
scalar("time_diff", SPARK_DATETIME, resolve=_time_unit_function("time_diff", T.LongType()))
scalar("time_trunc", SPARK_DATETIME, resolve=_time_unit_function("time_trunc", T.TimeType()))
scalar("time_from_seconds", SPARK_DATETIME, resolve=_time_from("time_from_seconds", True))
scalar("time_from_millis", SPARK_DATETIME, resolve=_time_from("time_from_millis", False))
scalar("time_from_micros", SPARK_DATETIME, resolve=_time_from("time_from_micros", False))
scalar("time_to_seconds", SPARK_DATETIME, resolve=_time_to("time_to_seconds", T.DecimalType(14, 6)))
scalar("time_to_millis", SPARK_DATETIME, resolve=_time_to("time_to_millis", T.LongType()))
scalar("time_to_micros", SPARK_DATETIME, resolve=_time_to("time_to_micros", T.LongType()))
scalar("window_time", SPARK_DATETIME, resolve=_window_time)


def _session_window(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``session_window`` is a grouping key: ``DataFrame._aggregate`` replaces it
    (``_session_window.py``); elsewhere Spark also drops the rows without a
    window, which a projection cannot."""
    raise not_implemented("session_window outside a grouping")


scalar("session_window", SPARK_DATETIME, resolve=_session_window)

# Not done: these are still to come.
for _name in (
    "current_time",
    "current_timestamp", "now", "localtimestamp", "years", "months", "days", "hours",
):
    scalar(_name, SPARK_DATETIME, resolve=_not_implemented())

# Spark 4.3's nanosecond timestamps: timestamp_nanos returns TIMESTAMP_LTZ(9) and
# unix_nanos takes TIMESTAMP_LTZ(p)/TIMESTAMP_NTZ(p) with p in [7, 9]; pyrust's
# types have no such precision (its timestamps are microseconds, as Spark's own).
for _name in ("timestamp_nanos", "unix_nanos"):
    scalar(_name, SPARK_DATETIME, resolve=_not_implemented(f"{_name} (Spark's nanosecond TIMESTAMP(9) types, which pyrust has not got)"))
