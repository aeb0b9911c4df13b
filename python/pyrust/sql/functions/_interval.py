"""Interval functions."""

from __future__ import annotations

from pyrust.sql.column import Column
from pyrust.sql.functions._core import call, lit

__all__ = ["make_dt_interval", "make_interval", "make_ym_interval", "try_make_interval"]

ColumnOrName = Column | str


def _fields(*fields: ColumnOrName | None) -> list[ColumnOrName]:
    """The fields, an omitted one 0 (PySpark passes ``Decimal(0)`` for the seconds, a
    ``DECIMAL(1, 0)`` that Spark casts as it casts the integer 0)."""
    return [lit(0) if field is None else field for field in fields]


def make_interval(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, weeks: ColumnOrName | None = None,
    days: ColumnOrName | None = None, hours: ColumnOrName | None = None, mins: ColumnOrName | None = None,
    secs: ColumnOrName | None = None,
) -> Column:
    """A calendar interval from years, months, weeks, days, hours, minutes and seconds.

    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(1).select(sf.make_interval(sf.lit(1), sf.lit(2), secs=sf.lit(1.5))).show(truncate=False)
    +------------------------------------+
    |make_interval(1, 2, 0, 0, 0, 0, 1.5)|
    +------------------------------------+
    |1 years 2 months 1.5 seconds        |
    +------------------------------------+
    <BLANKLINE>
    """
    return call("make_interval", *_fields(years, months, weeks, days, hours, mins, secs))


def try_make_interval(
    years: ColumnOrName | None = None, months: ColumnOrName | None = None, weeks: ColumnOrName | None = None,
    days: ColumnOrName | None = None, hours: ColumnOrName | None = None, mins: ColumnOrName | None = None,
    secs: ColumnOrName | None = None,
) -> Column:
    """``make_interval``, but null where the interval would overflow."""
    return call("try_make_interval", *_fields(years, months, weeks, days, hours, mins, secs))


def make_dt_interval(
    days: ColumnOrName | None = None, hours: ColumnOrName | None = None, mins: ColumnOrName | None = None,
    secs: ColumnOrName | None = None,
) -> Column:
    """A day-time interval from days, hours, minutes and seconds.

    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(1).select(sf.make_dt_interval(sf.lit(1), sf.lit(2), sf.lit(3), sf.lit(4.5))).collect()
    [Row(make_dt_interval(1, 2, 3, 4.5)=datetime.timedelta(days=1, seconds=7384, microseconds=500000))]
    """
    return call("make_dt_interval", *_fields(days, hours, mins, secs))


def make_ym_interval(years: ColumnOrName | None = None, months: ColumnOrName | None = None) -> Column:
    """A year-month interval from years and months.

    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(1).select(sf.make_ym_interval(sf.lit(1), sf.lit(2))).show()
    +----------------------+
    |make_ym_interval(1, 2)|
    +----------------------+
    |  INTERVAL '1-2' YE...|
    +----------------------+
    <BLANKLINE>
    """
    return call("make_ym_interval", *[lit(0) if field is None else field for field in (years, months)])
