"""Text rendering of ``DataFrame.show()`` and ``DataFrame.printSchema()``.

The output is meant to be character-for-character what PySpark 4.3 prints,
so the rules below are Spark's, as observed:

* cells are rendered like Spark's ``ToPrettyString``: ``NULL`` for nulls
  (also inside arrays, maps and structs), ``true``/``false``, Java's
  ``Double.toString``/``Float.toString`` forms (``1.0E10``, ``NaN``,
  ``Infinity``), decimals at the column's scale, binary as ``[01 FF]``,
  arrays as ``[1, 2]``, maps as ``{a -> 1}``, structs as ``{1, a}``,
  timestamps as ``yyyy-MM-dd HH:mm:ss`` plus the fraction without trailing
  zeros;
* newlines, tabs and a few other control characters are shown escaped
  (``\\n``), in cells and column names alike;
* widths count East Asian wide characters as two columns and everything
  else per UTF-16 code unit, as Spark does;
* when truncating, cells longer than ``truncate`` are cut (with ``...``
  when ``truncate`` >= 4) and columns are right-aligned; with
  ``truncate=False`` they are left-aligned;
* when more rows exist than are shown, the table is followed by
  ``only showing top N rows`` (``row`` for one) without a final newline.
"""

from __future__ import annotations

import datetime
import decimal
import math
import struct
from collections.abc import Sequence
from typing import Any

from pyrust.errors import PySparkTypeError, UnsupportedOperationException
from pyrust.sql import types as T

__all__ = ["show_string", "tree_string", "format_cell", "java_double_string"]

_MIN_COLUMN_WIDTH = 3


# ---------------------------------------------------------------------------
# Number formatting (Java's toString rules)
# ---------------------------------------------------------------------------


def _insignificant_digits(p2: int) -> int:
    """Decimal digits of 2**p2 that carry no information (Java's integer shortcut)."""
    return int(p2 * math.log10(2)) if 1 < p2 < 64 else 0


def _decimal_digits(value: float, single: bool) -> tuple[str, int]:
    """Significant digits and exponent ``e`` with ``|value| = 0.DIGITS * 10**e``.

    The digits are the shortest that read back as the same double (or
    float), keeping at least two when that is closer, as Java's
    ``Double.toString`` does.  One quirk of the Java 17 algorithm Spark runs
    on is reproduced: integral values below 2**63 print their exact digits
    (minus a few insignificant ones) rather than the shortest.
    """
    value = abs(value)
    _, exponent = math.frexp(value)  # value = m * 2**exponent with 0.5 <= m < 1
    binary_exponent = exponent - 1
    significant_bits = 24 if single else 53
    if value == math.floor(value) and 0 <= binary_exponent <= 62:
        integer = int(value)
        dropped = 0
        if binary_exponent > significant_bits:
            dropped = _insignificant_digits(binary_exponent - significant_bits - 1)
        if dropped:
            scale = 10**dropped
            integer, residue = divmod(integer, scale)
            if residue >= scale // 2:
                integer += 1
        digits = str(integer)
        return digits.rstrip("0") or "0", len(digits) + dropped
    text = _shortest_repr(value, single)
    mantissa_text, _, exponent_text = text.partition("e")
    digits = mantissa_text.replace(".", "")
    point = mantissa_text.find(".")
    whole = len(mantissa_text) if point < 0 else point
    exp10 = whole + int(exponent_text or 0)
    stripped = digits.lstrip("0")
    exp10 -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", exp10


def _to_float32(value: float) -> float | None:
    try:
        return struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        return None


def _shortest_repr(value: float, single: bool) -> str:
    if not single:
        text = repr(value)
        if len(text.split("e")[0].replace(".", "").strip("0")) == 1:
            two = "%.1e" % value
            if float(two) == value:
                return two
        return text
    target = _to_float32(value)
    for precision in range(1, 10):
        text = "%.*e" % (precision - 1, target)
        if _to_float32(float(text)) == target:
            if precision == 1:
                two = "%.1e" % target
                if _to_float32(float(two)) == target:
                    return two
            return text
    return repr(target)


def java_double_string(value: float, single: bool = False) -> str:
    """``value`` formatted like Java's ``Double.toString`` (``Float.toString`` if ``single``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if single:
        narrowed = _to_float32(value)
        if narrowed is None:  # beyond the float range
            return "Infinity" if value > 0 else "-Infinity"
        value = narrowed
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = "-" if value < 0 else ""
    digits, exp10 = _decimal_digits(value, single)
    # Java switches to scientific notation outside [1e-3, 1e7), judged on
    # the digits it prints.
    if -3 < exp10 <= 7:
        if exp10 > 0:
            whole = digits[:exp10].ljust(exp10, "0")
            fraction = digits[exp10:] or "0"
        else:
            whole, fraction = "0", "0" * -exp10 + digits
        return f"{sign}{whole}.{fraction}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{exp10 - 1}"


def _decimal_string(value: Any, scale: int) -> str:
    number = value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))
    if not number.is_finite():
        return str(number)
    with decimal.localcontext() as context:
        context.prec = 200
        number = number.quantize(decimal.Decimal(1).scaleb(-scale))
    if number.is_zero():
        number = number.copy_abs()  # Java's BigDecimal has no negative zero
    return format(number, "f")


# ---------------------------------------------------------------------------
# Cell rendering
# ---------------------------------------------------------------------------


def _timestamp_string(value: datetime.datetime, timezone: datetime.tzinfo | None) -> str:
    if value.tzinfo is not None:
        # Aware values are shown in the session time zone; without one,
        # in local time, which is what collect() hands back.
        value = value.astimezone(timezone).replace(tzinfo=None)
    text = f"{_date_string(value)} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    if value.microsecond:
        text += "." + f"{value.microsecond:06d}".rstrip("0")
    return text


def _date_string(value: datetime.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _micros_of(value: Any) -> int:
    if isinstance(value, datetime.timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    return int(value)


def _seconds_text(micros: int) -> str:
    """Microseconds as seconds without trailing zeros (Java's ``stripTrailingZeros().toPlainString()``)."""
    text = str(decimal.Decimal(micros).scaleb(-6).normalize())
    return format(decimal.Decimal(text), "f")


_DAY_TIME_UNITS = (86_400_000_000, 3_600_000_000, 60_000_000, 1_000_000)


def day_time_interval_string(micros: int, data_type: T.DayTimeIntervalType) -> str:
    """A day-time interval as Spark writes it: ``INTERVAL '1 02:03:04.5' DAY TO SECOND``."""
    sign = "-" if micros < 0 else ""
    rest = abs(micros)
    parts = []
    for field in range(data_type.startField, data_type.endField + 1):
        # Days are written as they are, the other fields in at least two digits.
        if field == T.DayTimeIntervalType.SECOND:
            seconds = _seconds_text(rest)
            parts.append(seconds if len(seconds.split(".")[0]) >= 2 else "0" + seconds)
            break
        amount, rest = divmod(rest, _DAY_TIME_UNITS[field])
        parts.append(str(amount) if field == T.DayTimeIntervalType.DAY else f"{amount:02d}")
    body = parts[0]
    for field, part in enumerate(parts[1:], start=data_type.startField + 1):
        # Days and hours are apart by a space, the other fields by colons.
        body += (" " if field == T.DayTimeIntervalType.HOUR else ":") + part
    names = T.DayTimeIntervalType._FIELDS
    fields = names[data_type.startField].upper()
    if data_type.endField != data_type.startField:
        fields += " TO " + names[data_type.endField].upper()
    return f"INTERVAL '{sign}{body}' {fields}"


def year_month_interval_string(months: int, data_type: T.YearMonthIntervalType) -> str:
    """A year-month interval as Spark writes it: ``INTERVAL '1-2' YEAR TO MONTH``."""
    sign = "-" if months < 0 else ""
    rest = abs(months)
    if data_type.startField == data_type.endField == T.YearMonthIntervalType.YEAR:
        return f"INTERVAL '{sign}{rest // 12}' YEAR"
    if data_type.startField == T.YearMonthIntervalType.MONTH:
        return f"INTERVAL '{sign}{rest}' MONTH"
    return f"INTERVAL '{sign}{rest // 12}-{rest % 12}' YEAR TO MONTH"


def _java_quotient(value: int, divisor: int) -> tuple[int, int]:
    """Java's ``/`` and ``%``: the quotient rounds toward zero, the remainder takes the value's sign."""
    quotient = abs(value) // divisor * (1 if value >= 0 else -1)
    return quotient, value - quotient * divisor


def calendar_interval_string(months: int, days: int, micros: int) -> str:
    """A calendar interval as Spark's ``CalendarInterval.toString``: ``1 years 2 months 3 days 4 hours``."""
    if months == 0 and days == 0 and micros == 0:
        return "0 seconds"
    parts = []
    years, months = _java_quotient(months, 12)
    hours, rest = _java_quotient(micros, 3_600_000_000)
    minutes, rest = _java_quotient(rest, 60_000_000)
    for amount, unit in ((years, "years"), (months, "months"), (days, "days"), (hours, "hours"), (minutes, "minutes")):
        if amount:
            parts.append(f"{amount} {unit}")
    if rest:
        parts.append(f"{_seconds_text(rest)} seconds")
    return " ".join(parts)


def _struct_values(value: Any, data_type: T.StructType) -> list[Any]:
    if isinstance(value, dict):
        return [value.get(field.name) for field in data_type.fields]
    return list(value)


def format_cell(value: Any, data_type: T.DataType, timezone: datetime.tzinfo | None = None) -> str:
    """One value as Spark's ``show()`` renders it, before escaping and truncation.

    Parameters
    ----------
    value : object
        The Python value, as ``collect()`` returns it.
    data_type : DataType
        The column (or element) type, which decides the rendering.
    timezone : tzinfo, optional
        Zone for time-zone-aware timestamps; local time if omitted.
    """
    if value is None:
        return "NULL"
    if isinstance(data_type, T.StringType):
        return str(value)
    if isinstance(data_type, T.BooleanType):
        return "true" if value else "false"
    if isinstance(data_type, (T.ByteType, T.ShortType, T.IntegerType, T.LongType)):
        return str(int(value))
    if isinstance(data_type, T.DoubleType):
        return java_double_string(float(value))
    if isinstance(data_type, T.FloatType):
        return java_double_string(float(value), single=True)
    if isinstance(data_type, T.DecimalType):
        return _decimal_string(value, data_type.scale)
    if isinstance(data_type, T.TimestampType) and isinstance(value, datetime.datetime):
        if value.tzinfo is None and timezone is not None:
            # collect() gives local times of this process; show() writes the session time zone's.
            value = value.astimezone()
        return _timestamp_string(value, timezone)
    if isinstance(data_type, T.TimestampNTZType) and isinstance(value, datetime.datetime):
        return _timestamp_string(value.replace(tzinfo=None), None)
    if isinstance(data_type, T.DateType) and isinstance(value, datetime.date):
        return _date_string(value)
    if isinstance(data_type, T.TimeType) and isinstance(value, datetime.time):
        text = value.strftime("%H:%M:%S")
        return f"{text}.{value.microsecond:06d}".rstrip("0") if value.microsecond else text
    if isinstance(data_type, T.BinaryType):
        return "[" + " ".join(f"{byte:02X}" for byte in bytes(value)) + "]"
    if isinstance(data_type, T.VariantType) and isinstance(value, T.VariantVal):
        from pyrust.sql._variant import spark_json

        return spark_json(value)
    if isinstance(data_type, T.DayTimeIntervalType):
        return day_time_interval_string(_micros_of(value), data_type)
    if isinstance(data_type, T.YearMonthIntervalType):
        return year_month_interval_string(int(value), data_type)
    if isinstance(data_type, T.CalendarIntervalType):
        months, days, nanoseconds = value
        return calendar_interval_string(months, days, nanoseconds // 1000)
    if isinstance(data_type, T.ArrayType):
        return "[" + ", ".join(format_cell(item, data_type.elementType, timezone) for item in value) + "]"
    if isinstance(data_type, T.MapType):
        pairs = value.items() if isinstance(value, dict) else value
        return (
            "{"
            + ", ".join(
                f"{format_cell(key, data_type.keyType, timezone)} -> {format_cell(item, data_type.valueType, timezone)}"
                for key, item in pairs
            )
            + "}"
        )
    if isinstance(data_type, T.StructType):
        values = _struct_values(value, data_type)
        return (
            "{"
            + ", ".join(format_cell(item, field.dataType, timezone) for item, field in zip(values, data_type.fields))
            + "}"
        )
    return str(value)


# Spark escapes these so that a cell stays on one line.
_ESCAPES = str.maketrans({"\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\v": "\\v", "\f": "\\f"})

# BMP ranges Spark counts as two columns wide (Hangul Jamo, CJK, Hangul
# syllables, compatibility ideographs and forms, full-width forms).
_WIDE_RANGES = (
    (0x1100, 0x115F),
    (0x2E80, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE6F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
)


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _display_width(text: str) -> int:
    """Spark's width of ``text``: UTF-16 code units plus one per wide character."""
    wide = sum(1 for char in text if any(low <= ord(char) <= high for low, high in _WIDE_RANGES))
    return _utf16_length(text) + wide


def _utf16_prefix(text: str, units: int) -> str:
    """The first ``units`` UTF-16 code units of ``text``, as Java's substring gives.

    A surrogate pair cut in half leaves a lone surrogate, which Java prints
    as ``?``.
    """
    out: list[str] = []
    used = 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > units:
            if used < units:
                out.append("?")
            break
        out.append(char)
        used += size
    return "".join(out)


def _truncate(text: str, truncate: int) -> str:
    if truncate <= 0 or _utf16_length(text) <= truncate:
        return text
    if truncate < 4:
        return _utf16_prefix(text, truncate)
    return _utf16_prefix(text, truncate - 3) + "..."


def _pad(text: str, width: int, right_align: bool) -> str:
    padding = " " * (width - _display_width(text))
    return padding + text if right_align else text + padding


# ---------------------------------------------------------------------------
# show()
# ---------------------------------------------------------------------------


def _check_arguments(n: Any, truncate: Any, vertical: Any) -> int:
    """Validate like ``DataFrame.show`` and return ``truncate`` as a width (0 = off)."""

    def wrong(name: str, expected: str, value: Any) -> PySparkTypeError:
        return PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": name, "expected_type": expected, "arg_type": type(value).__name__},
        )

    if not isinstance(n, int) or isinstance(n, bool):
        raise wrong("n", "int", n)
    if not isinstance(vertical, bool):
        raise wrong("vertical", "bool", vertical)
    if isinstance(truncate, bool):
        return 20 if truncate else 0
    try:
        return int(truncate)
    except (TypeError, ValueError):
        raise wrong("truncate", "bool", truncate) from None


def show_string(
    rows: Sequence[Sequence[Any]],
    schema: T.StructType,
    n: int = 20,
    truncate: bool | int = True,
    vertical: bool = False,
    has_more: bool = False,
    timezone: datetime.tzinfo | None = None,
) -> str:
    """The text ``DataFrame.show(n, truncate, vertical)`` prints.

    Parameters
    ----------
    rows : sequence of sequences
        The rows to show (already cut to ``n``), each holding Python values
        as ``collect()`` returns them.
    schema : StructType
        The DataFrame schema: column names and the types that decide how
        values are rendered.
    n : int, default 20
        The row limit the caller applied; only used in the footer.
    truncate : bool or int, default True
        True cuts cells to 20 characters, an int to that many, False or 0
        not at all.
    vertical : bool, default False
        Print one ``-RECORD i-`` block per row instead of a table.
    has_more : bool, default False
        Whether rows were left out, which adds the ``only showing top n
        rows`` footer.
    timezone : tzinfo, optional
        Zone for time-zone-aware timestamp values (local time if omitted).

    Returns
    -------
    str
        The text to print (``print`` adds the final newline of a table).

    Raises
    ------
    PySparkTypeError
        ``NOT_EXPECTED_TYPE`` for arguments of the wrong type, as
        ``DataFrame.show`` raises.
    """
    width_limit = _check_arguments(n, truncate, vertical)
    shown_rows = max(n, 0)
    names = [field.name.translate(_ESCAPES) for field in schema.fields]
    cells = [
        [
            _truncate(format_cell(value, field.dataType, timezone).translate(_ESCAPES), width_limit)
            for value, field in zip(row, schema.fields)
        ]
        for row in rows
    ]
    footer = ""
    if has_more:
        footer = f"only showing top {shown_rows} {'row' if shown_rows == 1 else 'rows'}"
    if vertical:
        if not cells:
            return "(0 rows)"  # Spark prints no footer in this case
        return _vertical(names, cells) + footer
    return _table(names, cells, right_align=width_limit > 0) + footer


def _table(names: list[str], cells: list[list[str]], right_align: bool) -> str:
    widths = [_MIN_COLUMN_WIDTH] * len(names)
    for line in [names, *cells]:
        for index, text in enumerate(line):
            widths[index] = max(widths[index], _display_width(text))
    separator = "+" + "+".join("-" * width for width in widths) + "+\n"

    def render(line: list[str]) -> str:
        return "|" + "|".join(_pad(text, width, right_align) for text, width in zip(line, widths)) + "|\n"

    return separator + render(names) + separator + "".join(render(line) for line in cells) + separator


def _vertical(names: list[str], cells: list[list[str]]) -> str:
    if not names:
        # Spark fails on this case too, with this message.
        raise UnsupportedOperationException("empty.max")
    name_width = max([_MIN_COLUMN_WIDTH] + [_display_width(name) for name in names])
    data_width = max([_MIN_COLUMN_WIDTH] + [_display_width(text) for line in cells for text in line])
    out: list[str] = []
    for index, line in enumerate(cells):
        out.append(f"-RECORD {index}".ljust(name_width + data_width + 5, "-") + "\n")
        for name, text in zip(names, line):
            out.append(f" {_pad(name, name_width, False)} | {_pad(text, data_width, False)} \n")
    return "".join(out)


# ---------------------------------------------------------------------------
# printSchema()
# ---------------------------------------------------------------------------


def _tree_type_name(data_type: T.DataType) -> str:
    # Spark's tree uses JSON names: "integer", "long", "decimal(10,2)",
    # and just "array"/"map"/"struct" for nested types.
    value = data_type.jsonValue()
    return value if isinstance(value, str) else data_type.typeName()


def _tree_children(data_type: T.DataType, prefix: str, depth: int, level: int, out: list[str]) -> None:
    if depth > level:
        return
    if isinstance(data_type, T.ArrayType):
        element = data_type.elementType
        out.append(
            f"{prefix}-- element: {_tree_type_name(element)} (containsNull = {str(data_type.containsNull).lower()})\n"
        )
        _tree_children(element, prefix + "    |", depth + 1, level, out)
    elif isinstance(data_type, T.MapType):
        out.append(f"{prefix}-- key: {_tree_type_name(data_type.keyType)}\n")
        _tree_children(data_type.keyType, prefix + "    |", depth + 1, level, out)
        nullable = str(data_type.valueContainsNull).lower()
        out.append(f"{prefix}-- value: {_tree_type_name(data_type.valueType)} (valueContainsNull = {nullable})\n")
        _tree_children(data_type.valueType, prefix + "    |", depth + 1, level, out)
    elif isinstance(data_type, T.StructType):
        for field in data_type.fields:
            nullable = str(field.nullable).lower()
            out.append(f"{prefix}-- {field.name}: {_tree_type_name(field.dataType)} (nullable = {nullable})\n")
            _tree_children(field.dataType, prefix + "    |", depth + 1, level, out)


def tree_string(schema: T.StructType, level: int | None = None) -> str:
    """The text ``DataFrame.printSchema(level)`` prints (ending with a newline).

    Parameters
    ----------
    schema : StructType
    level : int, optional
        How many levels of nesting to show; all when omitted.
    """
    depth_limit = level if level is not None and level > 0 else 1 << 30
    out = ["root\n"]
    _tree_children(schema, " |", 1, depth_limit, out)
    return "".join(out)
