"""Date and time functions."""

from __future__ import annotations

from typing import Any

from pyrust.sql.column import Column, _to_column as _column
from pyrust.sql.functions._core import call, call_with_values

__all__ = [
    "add_months", "convert_timezone", "curdate", "current_date", "current_time", "current_timestamp",
    "current_timezone", "date_add", "date_diff", "date_format", "date_from_unix_date", "date_part", "date_sub",
    "date_trunc", "dateadd", "datediff", "datepart", "day", "dayname", "dayofmonth", "dayofweek", "dayofyear",
    "days", "extract", "from_unixtime", "from_utc_timestamp", "hour", "hours", "last_day", "localtimestamp",
    "make_date", "make_time", "make_timestamp", "make_timestamp_ltz",
    "make_timestamp_ntz", "minute", "month", "monthname", "months", "months_between",
    "next_day", "now", "quarter", "second", "session_window", "time_bucket", "time_diff", "time_from_micros",
    "time_from_millis", "time_from_seconds", "time_to_micros", "time_to_millis", "time_to_seconds", "time_trunc",
    "timestamp_add", "timestamp_diff", "timestamp_micros", "timestamp_millis", "timestamp_nanos",
    "timestamp_seconds", "to_date", "to_time", "to_timestamp", "to_timestamp_ltz", "to_timestamp_ntz",
    "to_unix_timestamp", "to_utc_timestamp", "trunc", "try_make_timestamp",
    "try_make_timestamp_ltz", "try_make_timestamp_ntz", "try_to_date", "try_to_time", "try_to_timestamp",
    "unix_date", "unix_micros", "unix_millis", "unix_nanos", "unix_seconds", "unix_timestamp", "weekday",
    "weekofyear", "window", "window_time", "year", "years",
]

ColumnOrName = Column | str


def _present(*arguments: Any) -> list[Any]:
    """The given arguments: strings name columns, other values become literals."""
    return [_column(argument) if isinstance(argument, str) else argument for argument in arguments if argument is not None]


# -- fields -------------------------------------------------------------------------


def year(col: ColumnOrName) -> Column:
    """The year of a date or timestamp.

    >>> year("d")
    Column<'year(d)'>
    """
    return call("year", col)


def quarter(col: ColumnOrName) -> Column:
    """The quarter (1 to 4) of a date or timestamp."""
    return call("quarter", col)


def month(col: ColumnOrName) -> Column:
    """The month (1 to 12) of a date or timestamp."""
    return call("month", col)


def dayofmonth(col: ColumnOrName) -> Column:
    """The day of the month of a date or timestamp."""
    return call("dayofmonth", col)


def day(col: ColumnOrName) -> Column:
    """The day of the month of a date or timestamp; Spark names it ``day``."""
    return call("day", col)


def dayofweek(col: ColumnOrName) -> Column:
    """The day of the week, 1 for Sunday to 7 for Saturday."""
    return call("dayofweek", col)


def weekday(col: ColumnOrName) -> Column:
    """The day of the week, 0 for Monday to 6 for Sunday."""
    return call("weekday", col)


def dayofyear(col: ColumnOrName) -> Column:
    """The day of the year (1 to 366)."""
    return call("dayofyear", col)


def weekofyear(col: ColumnOrName) -> Column:
    """The ISO 8601 week of the year (weeks start on Monday)."""
    return call("weekofyear", col)


def hour(col: ColumnOrName) -> Column:
    """The hour of a timestamp, in the session time zone."""
    return call("hour", col)


def minute(col: ColumnOrName) -> Column:
    """The minute of a timestamp."""
    return call("minute", col)


def second(col: ColumnOrName) -> Column:
    """The second of a timestamp (without its fraction)."""
    return call("second", col)


def dayname(col: ColumnOrName) -> Column:
    """The three-letter English name of the day of the week (``Mon``)."""
    return call("dayname", col)


def monthname(col: ColumnOrName) -> Column:
    """The three-letter English name of the month (``Jan``)."""
    return call("monthname", col)


def extract(field: Column, source: ColumnOrName) -> Column:
    """The part ``field`` (``YEAR``, ``MONTH``, ``DAY``, ``HOUR``...) of a date or timestamp."""
    return call("extract", field, source)


def date_part(field: Column, source: ColumnOrName) -> Column:
    """``extract`` with Spark's ``date_part`` name."""
    return call("date_part", field, source)


def datepart(field: Column, source: ColumnOrName) -> Column:
    """``extract`` with Spark's ``datepart`` name."""
    return call("datepart", field, source)


# -- arithmetic -----------------------------------------------------------------------


def date_add(start: ColumnOrName, days: ColumnOrName | int) -> Column:
    """The date ``days`` days after ``start``.

    >>> date_add("d", 1)
    Column<'date_add(d, 1)'>
    """
    return call_with_values("date_add", *_present(start, days))


def dateadd(start: ColumnOrName, days: ColumnOrName | int) -> Column:
    """``date_add``."""
    return call_with_values("dateadd", *_present(start, days))


def date_sub(start: ColumnOrName, days: ColumnOrName | int) -> Column:
    """The date ``days`` days before ``start``."""
    return call_with_values("date_sub", *_present(start, days))


def datediff(end: ColumnOrName, start: ColumnOrName) -> Column:
    """The number of days from ``start`` to ``end``."""
    return call_with_values("datediff", *_present(end, start))


def date_diff(end: ColumnOrName, start: ColumnOrName) -> Column:
    """``datediff`` with Spark's ``date_diff`` name."""
    return call_with_values("date_diff", *_present(end, start))


def add_months(start: ColumnOrName, months: ColumnOrName | int) -> Column:
    """The date ``months`` months after ``start``, on the month's last day when the day does not exist."""
    return call_with_values("add_months", *_present(start, months))


def last_day(date: ColumnOrName) -> Column:
    """The last day of the month of ``date``."""
    return call("last_day", date)


def next_day(date: ColumnOrName, dayOfWeek: str) -> Column:  # noqa: N803 - PySpark's name
    """The first date after ``date`` that falls on ``dayOfWeek`` (``"Mon"``, ``"tuesday"``...)."""
    return call_with_values("next_day", _column(date), dayOfWeek)


def trunc(date: ColumnOrName, format: str) -> Column:  # noqa: A002 - PySpark's name
    """``date`` truncated to the ``format`` unit (``year``, ``quarter``, ``month``, ``week``)."""
    return call_with_values("trunc", _column(date), format)


def date_trunc(format: str, timestamp: ColumnOrName) -> Column:  # noqa: A002
    """``timestamp`` truncated to the ``format`` unit (``year`` ... ``microsecond``), in the session time zone."""
    return call_with_values("date_trunc", format, _column(timestamp))


def months_between(date1: ColumnOrName, date2: ColumnOrName, roundOff: bool = True) -> Column:  # noqa: N803
    """The number of months from ``date2`` to ``date1``."""
    return call_with_values("months_between", _column(date1), _column(date2), roundOff)


def make_date(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName) -> Column:
    """The date of a year, month and day."""
    return call_with_values("make_date", *_present(year, month, day))


def unix_date(col: ColumnOrName) -> Column:
    """The number of days since 1970-01-01."""
    return call("unix_date", col)


def date_from_unix_date(days: ColumnOrName) -> Column:
    """The date ``days`` days after 1970-01-01."""
    return call_with_values("date_from_unix_date", *_present(days))


# -- now ----------------------------------------------------------------------------


def current_date() -> Column:
    """Today's date in the session time zone."""
    return call("current_date")


def curdate() -> Column:
    """``current_date``."""
    return call("curdate")


def current_timestamp() -> Column:
    """The time the query starts."""
    return call("current_timestamp")


def now() -> Column:
    """``current_timestamp``."""
    return call("now")


def localtimestamp() -> Column:
    """The time the query starts, as a timestamp without time zone in the session time zone."""
    return call("localtimestamp")


def current_timezone() -> Column:
    """The session time zone."""
    return call("current_timezone")


def current_time(precision: int | None = None) -> Column:
    """The time of day the query starts."""
    return call("current_time") if precision is None else call_with_values("current_time", precision)


# -- text and epoch counts ---------------------------------------------------------------


def date_format(date: ColumnOrName, format: str) -> Column:  # noqa: A002
    """``date`` written with Spark's datetime pattern ``format``, in the session time zone.

    >>> date_format("t", "yyyy-MM-dd")
    Column<'date_format(t, yyyy-MM-dd)'>
    """
    return call_with_values("date_format", _column(date), format)


def to_date(col: ColumnOrName, format: str | None = None) -> Column:  # noqa: A002
    """A string read as a date, with Spark's datetime pattern ``format`` if given."""
    if format is None:
        return call("to_date", col)
    return call_with_values("to_date", _column(col), format)


def try_to_date(col: ColumnOrName, format: str | None = None) -> Column:  # noqa: A002
    """``to_date``, null where the string is not a date."""
    if format is None:
        return call("try_to_date", col)
    return call_with_values("try_to_date", _column(col), format)


def to_timestamp(col: ColumnOrName, format: str | None = None) -> Column:  # noqa: A002
    """A string read as a timestamp (a local time in the session time zone), with ``format`` if given."""
    if format is None:
        return call("to_timestamp", col)
    return call_with_values("to_timestamp", _column(col), format)


def try_to_timestamp(col: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """``to_timestamp``, null where the string does not fit."""
    return call_with_values("try_to_timestamp", *_present(col, format))


def to_timestamp_ltz(timestamp: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """``to_timestamp``: a timestamp with local time zone."""
    return call_with_values("to_timestamp_ltz", *_present(timestamp, format))


def to_timestamp_ntz(timestamp: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """A string read as a timestamp without time zone."""
    return call_with_values("to_timestamp_ntz", *_present(timestamp, format))


def unix_timestamp(timestamp: ColumnOrName | None = None, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:  # noqa: A002
    """Seconds since the epoch of a timestamp, or of a string read with ``format``."""
    if timestamp is None:
        return call("unix_timestamp")
    return call_with_values("unix_timestamp", _column(timestamp), format)


def to_unix_timestamp(timestamp: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """``unix_timestamp`` with the format given as a column."""
    if format is None:
        return call_with_values("to_unix_timestamp", _column(timestamp), "yyyy-MM-dd HH:mm:ss")
    return call("to_unix_timestamp", timestamp, format)


def from_unixtime(timestamp: ColumnOrName, format: str = "yyyy-MM-dd HH:mm:ss") -> Column:  # noqa: A002
    """Seconds since the epoch written with ``format`` in the session time zone."""
    return call_with_values("from_unixtime", _column(timestamp), format)


def timestamp_seconds(col: ColumnOrName) -> Column:
    """The timestamp a number of seconds after the epoch."""
    return call("timestamp_seconds", col)


def timestamp_millis(col: ColumnOrName) -> Column:
    """The timestamp a number of milliseconds after the epoch."""
    return call("timestamp_millis", col)


def timestamp_micros(col: ColumnOrName) -> Column:
    """The timestamp a number of microseconds after the epoch."""
    return call("timestamp_micros", col)


def timestamp_nanos(col: ColumnOrName) -> Column:
    """The timestamp a number of nanoseconds after the epoch."""
    return call("timestamp_nanos", col)


def unix_seconds(col: ColumnOrName) -> Column:
    """Whole seconds since the epoch, rounded down."""
    return call("unix_seconds", col)


def unix_millis(col: ColumnOrName) -> Column:
    """Whole milliseconds since the epoch, rounded down."""
    return call("unix_millis", col)


def unix_micros(col: ColumnOrName) -> Column:
    """Microseconds since the epoch."""
    return call("unix_micros", col)


def unix_nanos(col: ColumnOrName) -> Column:
    """Nanoseconds since the epoch."""
    return call("unix_nanos", col)


# -- time zones ------------------------------------------------------------------------


def from_utc_timestamp(timestamp: ColumnOrName, tz: ColumnOrName) -> Column:
    """The UTC wall-clock time ``timestamp`` shown as the wall-clock time of ``tz``."""
    return call_with_values("from_utc_timestamp", _column(timestamp), tz)


def to_utc_timestamp(timestamp: ColumnOrName, tz: ColumnOrName) -> Column:
    """The wall-clock time of ``tz`` shown as UTC wall-clock time."""
    return call_with_values("to_utc_timestamp", _column(timestamp), tz)


def convert_timezone(sourceTz: Column | None, targetTz: Column, sourceTs: ColumnOrName) -> Column:  # noqa: N803
    """A timestamp without time zone moved from ``sourceTz`` to ``targetTz``."""
    return call_with_values("convert_timezone", *_present(sourceTz, targetTz, sourceTs))


# -- constructors -------------------------------------------------------------------------


def _make_timestamp(name: str, fields: tuple[Any, ...], timezone: Any, date: Any, time: Any) -> Column:
    """A ``make_timestamp`` call: from six fields, or from a date and a time, then the time zone if given."""
    if date is not None or time is not None:
        return call_with_values(name, *_present(date, time, timezone))
    return call_with_values(name, *_present(*fields, timezone))


def make_timestamp(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, days: ColumnOrName | None = None,
    hours: ColumnOrName | None = None, mins: ColumnOrName | None = None, secs: ColumnOrName | None = None,
    timezone: ColumnOrName | None = None, date: ColumnOrName | None = None, time: ColumnOrName | None = None,
) -> Column:
    """A timestamp from its fields (``secs`` may have a fraction), in ``timezone`` or the session time zone.

    >>> make_timestamp("y", "m", "d", "h", "mi", "s")
    Column<'make_timestamp(y, m, d, h, mi, s)'>
    """
    return _make_timestamp("make_timestamp", (years, months, days, hours, mins, secs), timezone, date, time)


def try_make_timestamp(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, days: ColumnOrName | None = None,
    hours: ColumnOrName | None = None, mins: ColumnOrName | None = None, secs: ColumnOrName | None = None,
    timezone: ColumnOrName | None = None, date: ColumnOrName | None = None, time: ColumnOrName | None = None,
) -> Column:
    """``make_timestamp``, null for fields out of range."""
    return _make_timestamp("try_make_timestamp", (years, months, days, hours, mins, secs), timezone, date, time)


def make_timestamp_ltz(
    years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName,
    secs: ColumnOrName, timezone: ColumnOrName | None = None,
) -> Column:
    """``make_timestamp``: a timestamp with local time zone from its fields."""
    return call_with_values("make_timestamp_ltz", *_present(years, months, days, hours, mins, secs, timezone))


def try_make_timestamp_ltz(
    years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName,
    secs: ColumnOrName, timezone: ColumnOrName | None = None,
) -> Column:
    """``make_timestamp_ltz``, null for fields out of range."""
    return call_with_values("try_make_timestamp_ltz", *_present(years, months, days, hours, mins, secs, timezone))


def make_timestamp_ntz(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, days: ColumnOrName | None = None,
    hours: ColumnOrName | None = None, mins: ColumnOrName | None = None, secs: ColumnOrName | None = None,
    date: ColumnOrName | None = None, time: ColumnOrName | None = None,
) -> Column:
    """A timestamp without time zone from its fields."""
    return _make_timestamp("make_timestamp_ntz", (years, months, days, hours, mins, secs), None, date, time)


def try_make_timestamp_ntz(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, days: ColumnOrName | None = None,
    hours: ColumnOrName | None = None, mins: ColumnOrName | None = None, secs: ColumnOrName | None = None,
    date: ColumnOrName | None = None, time: ColumnOrName | None = None,
) -> Column:
    """``make_timestamp_ntz``, null for fields out of range."""
    return _make_timestamp("try_make_timestamp_ntz", (years, months, days, hours, mins, secs), None, date, time)


def timestamp_add(unit: str, quantity: ColumnOrName, ts: ColumnOrName) -> Column:
    """``ts`` plus ``quantity`` units (``YEAR`` ... ``MICROSECOND``) on the session time zone's calendar.

    >>> timestamp_add("day", "n", "ts")
    Column<'timestampadd(day, n, ts)'>
    """
    return call_with_values("timestamp_add", unit, *_present(quantity, ts))


def timestamp_diff(unit: str, start: ColumnOrName, end: ColumnOrName) -> Column:
    """The number of whole units from ``start`` to ``end``."""
    return call_with_values("timestamp_diff", unit, *_present(start, end))


# -- TIME -------------------------------------------------------------------------------------


def make_time(hour: ColumnOrName, minute: ColumnOrName, second: ColumnOrName) -> Column:
    """A time of day from its fields."""
    return call_with_values("make_time", *_present(hour, minute, second))


def to_time(str: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """A string read as a time of day."""
    return call_with_values("to_time", *_present(str, format))


def try_to_time(str: ColumnOrName, format: ColumnOrName | None = None) -> Column:  # noqa: A002
    """``to_time``, null where the string does not fit."""
    return call_with_values("try_to_time", *_present(str, format))


def time_diff(unit: ColumnOrName, start: ColumnOrName, end: ColumnOrName) -> Column:
    """The number of whole units between two times of day."""
    return call_with_values("time_diff", *_present(unit, start, end))


def time_trunc(unit: ColumnOrName, time: ColumnOrName) -> Column:
    """A time of day truncated to a unit."""
    return call("time_trunc", unit, time)


def time_from_seconds(col: ColumnOrName) -> Column:
    """The time of day a number of seconds after midnight."""
    return call("time_from_seconds", col)


def time_from_millis(col: ColumnOrName) -> Column:
    """The time of day a number of milliseconds after midnight."""
    return call("time_from_millis", col)


def time_from_micros(col: ColumnOrName) -> Column:
    """The time of day a number of microseconds after midnight."""
    return call("time_from_micros", col)


def time_to_seconds(col: ColumnOrName) -> Column:
    """Seconds after midnight of a time of day."""
    return call("time_to_seconds", col)


def time_to_millis(col: ColumnOrName) -> Column:
    """Milliseconds after midnight of a time of day."""
    return call("time_to_millis", col)


def time_to_micros(col: ColumnOrName) -> Column:
    """Microseconds after midnight of a time of day."""
    return call("time_to_micros", col)


# -- time windows and partition transforms -----------------------------------------------------------


def window(
    timeColumn: ColumnOrName, windowDuration: str, slideDuration: str | None = None, startTime: str | None = None,  # noqa: N803
) -> Column:
    """The tumbling or sliding time window (a ``start``/``end`` struct) each row falls in."""
    if slideDuration is None and startTime is not None:
        slideDuration = windowDuration  # noqa: N806 - PySpark's name
    durations = [duration for duration in (windowDuration, slideDuration, startTime) if duration is not None]
    return call_with_values("window", _column(timeColumn), *durations)


def session_window(timeColumn: ColumnOrName, gapDuration: Column | str) -> Column:  # noqa: N803
    """The session window (rows closer than ``gapDuration``) each row falls in."""
    return call_with_values("session_window", _column(timeColumn), gapDuration)


def window_time(windowColumn: ColumnOrName) -> Column:  # noqa: N803
    """The last instant of a time window."""
    return call("window_time", windowColumn)


def time_bucket(bucket_size: Column, ts: ColumnOrName, origin: Column | None = None) -> Column:
    """The start of the fixed-size bucket ``ts`` falls in."""
    return call_with_values("time_bucket", *_present(bucket_size, ts, origin))


def years(col: ColumnOrName) -> Column:
    """Partition transform by year (for ``DataFrameWriterV2.partitionedBy``)."""
    return call("years", col)


def months(col: ColumnOrName) -> Column:
    """Partition transform by month."""
    return call("months", col)


def days(col: ColumnOrName) -> Column:
    """Partition transform by day."""
    return call("days", col)


def hours(col: ColumnOrName) -> Column:
    """Partition transform by hour."""
    return call("hours", col)
