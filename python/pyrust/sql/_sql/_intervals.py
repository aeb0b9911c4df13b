"""Spark's ANSI interval literals in SQL: ``INTERVAL '15' MINUTE``, ``INTERVAL 1 YEAR``,
``INTERVAL '1-2' YEAR TO MONTH``, ``INTERVAL '1 02:03:04.5' DAY TO SECOND``.

A single unit gives an interval of that field (``WEEK`` is 7 days, ``MILLISECOND``
and ``MICROSECOND`` are seconds); a range (``DAY TO SECOND``) reads the text in
Spark's form for that range. The literal is named as Spark shows it
(``INTERVAL '02' HOUR``). Multi-unit literals (``INTERVAL 1 DAY 2 HOURS``, which
sqlglot reads as a sum) and unit-less strings are not done.
"""

from __future__ import annotations

import datetime
import decimal
import re

from sqlglot import exp

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._expressions import Literal

_DAY_TIME_FIELDS = {"DAY": 0, "HOUR": 1, "MINUTE": 2, "SECOND": 3}
_MICROS = {"DAY": 86_400_000_000, "HOUR": 3_600_000_000, "MINUTE": 60_000_000, "SECOND": 1_000_000}
_SINGLE_UNITS = {
    # unit: (type, microseconds or months per unit)
    "YEAR": (T.YearMonthIntervalType(0, 0), 12),
    "MONTH": (T.YearMonthIntervalType(1, 1), 1),
    "WEEK": (T.DayTimeIntervalType(0, 0), 7 * 86_400_000_000),
    "DAY": (T.DayTimeIntervalType(0, 0), 86_400_000_000),
    "HOUR": (T.DayTimeIntervalType(1, 1), 3_600_000_000),
    "MINUTE": (T.DayTimeIntervalType(2, 2), 60_000_000),
    "SECOND": (T.DayTimeIntervalType(3, 3), 1_000_000),
    "MILLISECOND": (T.DayTimeIntervalType(3, 3), 1_000),
    "MICROSECOND": (T.DayTimeIntervalType(3, 3), 1),
}
_MAX_MICROS = 2**63 - 1
_MAX_MONTHS = 2**31 - 1


def _not_done(node: exp.Expr, what: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"{what} ({node.sql()}) in SQL"}
    )


def _unit_name(node: exp.Expr) -> str:
    name = node.name.upper()
    return name[:-1] if name.endswith("S") else name


def interval_literal(node: exp.Interval) -> Literal:
    """The ``Literal`` of an interval literal, of Spark's type for its unit or range."""
    text_node = node.this
    if not isinstance(text_node, exp.Literal):
        raise _not_done(node, "an interval of a non-literal value")
    text = text_node.this.strip()
    unit = node.args.get("unit")
    if unit is None:
        raise _not_done(node, "an interval literal without units")
    if isinstance(unit, exp.IntervalSpan):
        return _range_literal(node, text, _unit_name(unit.this), _unit_name(unit.expression))
    return _single_literal(node, text, _unit_name(unit))


def _single_literal(node: exp.Interval, text: str, unit: str) -> Literal:
    if unit not in _SINGLE_UNITS:
        raise _not_done(node, f"the interval unit {unit}")
    data_type, per_unit = _SINGLE_UNITS[unit]
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise _not_done(node, "this interval text") from None
    if not amount.is_finite() or (amount != amount.to_integral_value() and per_unit > 1_000_000):
        raise _not_done(node, "a fraction of this interval unit")
    value = int(amount * per_unit)
    if isinstance(data_type, T.YearMonthIntervalType):
        if abs(value) > _MAX_MONTHS:
            raise _not_done(node, "an interval beyond Spark's range")
        return Literal(value, data_type)
    if abs(value) > _MAX_MICROS:
        raise _not_done(node, "an interval beyond Spark's range")
    return Literal(datetime.timedelta(microseconds=value), data_type)


_RANGE_PATTERNS = {
    ("YEAR", "MONTH"): r"(?P<YEAR>\d+)-(?P<MONTH>\d+)",
    ("DAY", "HOUR"): r"(?P<DAY>\d+) (?P<HOUR>\d+)",
    ("DAY", "MINUTE"): r"(?P<DAY>\d+) (?P<HOUR>\d+):(?P<MINUTE>\d+)",
    ("DAY", "SECOND"): r"(?P<DAY>\d+) (?P<HOUR>\d+):(?P<MINUTE>\d+):(?P<SECOND>\d+(?:\.\d{1,9})?)",
    ("HOUR", "MINUTE"): r"(?P<HOUR>\d+):(?P<MINUTE>\d+)",
    ("HOUR", "SECOND"): r"(?P<HOUR>\d+):(?P<MINUTE>\d+):(?P<SECOND>\d+(?:\.\d{1,9})?)",
    ("MINUTE", "SECOND"): r"(?P<MINUTE>\d+):(?P<SECOND>\d+(?:\.\d{1,9})?)",
}
# The largest value of a field that is not the leading one.
_FIELD_LIMITS = {"MONTH": 11, "HOUR": 23, "MINUTE": 59, "SECOND": 59}


def _range_literal(node: exp.Interval, text: str, start: str, end: str) -> Literal:
    pattern = _RANGE_PATTERNS.get((start, end))
    if pattern is None:
        raise _not_done(node, f"the interval range {start} TO {end}")
    match = re.fullmatch(r"(?P<sign>[+-]?)" + pattern, text)
    if match is None:
        raise _not_done(node, "this interval text")
    negative = match.group("sign") == "-"
    fields = {name: value for name, value in match.groupdict().items() if name != "sign" and value is not None}
    for name, value in fields.items():
        if name != start and decimal.Decimal(value) > _FIELD_LIMITS[name]:
            raise _not_done(node, f"the {name.lower()} {value} in this interval text")
    if start == "YEAR":
        months = int(fields["YEAR"]) * 12 + int(fields["MONTH"])
        return Literal(-months if negative else months, T.YearMonthIntervalType(0, 1))
    micros = sum(int(decimal.Decimal(value) * _MICROS[name]) for name, value in fields.items())
    if micros > _MAX_MICROS:
        raise _not_done(node, "an interval beyond Spark's range")
    data_type = T.DayTimeIntervalType(_DAY_TIME_FIELDS[start], _DAY_TIME_FIELDS[end])
    return Literal(datetime.timedelta(microseconds=-micros if negative else micros), data_type)
