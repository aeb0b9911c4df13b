"""Parity cases of the interval functions and types (rules: parity_cases.py's docstring)."""

import contextlib
import datetime
import io

from parity_cases import settings


def _shown(df):
    """Schema and show() text: PySpark cannot collect calendar and year-month intervals."""
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        df.show(truncate=False)
    return [repr(df.schema), text.getvalue()]


def _fields(spark):
    return spark.createDataFrame(
        [(100, 11, 1, 1, 12, 30, 1.001001), (-1, -2, -1, -1, -1, -1, -1.5), (0, 0, 0, 0, 25, 0, 0.000001), (None, 1, 1, 1, 1, 1, None)],
        "year int, month int, week int, day int, hour int, min int, sec double",
    )


def case_interval_make_interval(spark, F, T):
    # Calendar intervals: shown as Spark's text, omitted fields are 0 in the column names.
    df = _fields(spark)
    return _shown(df.select(
        F.make_interval("year", "month", "week", "day", "hour", "min", "sec"),
        F.make_interval("year", "month"),
        F.make_interval(),
        F.try_make_interval("year", "month", "week", "day", "hour", "min", "sec"),
        F.make_interval(F.lit("1"), F.lit(2.7)),
        F.make_interval(secs=F.lit(1.1234567)),
    ))


def case_interval_make_dt_interval(spark, F, T):
    df = _fields(spark)
    return df.select(
        F.make_dt_interval("day", "hour", "min", "sec"),
        F.make_dt_interval("day", "hour"),
        F.make_dt_interval(),
        F.make_dt_interval(F.lit(106751991)),
        F.make_dt_interval(secs=F.lit(1.1234567)),
    )


def case_interval_make_dt_interval_collect(spark, F, T):
    df = _fields(spark)
    return df.select(F.make_dt_interval("day", "hour", "min", "sec")).collect()


def case_interval_make_ym_interval(spark, F, T):
    df = _fields(spark)
    return _shown(df.select(
        F.make_ym_interval("year", "month"), F.make_ym_interval("year"), F.make_ym_interval(), F.make_ym_interval(F.lit(-1), F.lit(2)),
    ))


def case_interval_print_schema_names(spark, F, T):
    df = spark.range(1).select(F.make_ym_interval(), F.make_dt_interval(F.lit(1)), F.make_interval(), F.try_make_interval())
    return [df.dtypes, df.schema.simpleString(), [field.dataType.json() for field in df.schema.fields]]


def case_interval_types(spark, F, T):
    types = [T.DayTimeIntervalType(), T.DayTimeIntervalType(1, 3), T.DayTimeIntervalType(2), T.YearMonthIntervalType(), T.YearMonthIntervalType(1), T.CalendarIntervalType()]
    return [[repr(t), t.simpleString(), t.json(), t.typeName()] for t in types]


def case_interval_ddl(spark, F, T):
    return repr(T._parse_datatype_string("a interval day to second, b interval year, c interval minute to second"))


def case_interval_create_from_timedelta(spark, F, T):
    return spark.createDataFrame([(datetime.timedelta(days=1, seconds=5, microseconds=7),), (datetime.timedelta(days=-2, hours=3),), (None,)], ["d"])


def case_error_interval_make_interval_overflow(spark, F, T):
    return spark.range(1).select(F.make_interval(F.lit(2147483647))).collect()


def case_interval_try_make_interval_overflow(spark, F, T):
    return _shown(spark.range(1).select(F.try_make_interval(F.lit(2147483647))))


@settings({"spark.sql.ansi.enabled": "false"})
def case_interval_make_interval_overflow_legacy(spark, F, T):
    return _shown(spark.range(1).select(F.make_interval(F.lit(2147483647)), F.make_interval(F.lit(1))))


def case_error_interval_make_ym_interval_overflow(spark, F, T):
    return spark.range(1).select(F.make_ym_interval(F.lit(2147483647))).collect()


def case_error_interval_make_dt_interval_overflow(spark, F, T):
    return spark.range(1).select(F.make_dt_interval(F.lit(106751992))).collect()


def case_error_interval_collect_calendar(spark, F, T):
    return spark.range(1).select(F.make_interval(F.lit(1))).collect()


def case_error_interval_collect_year_month(spark, F, T):
    return spark.range(1).select(F.make_ym_interval(F.lit(1))).collect()


def case_interval_try_multiply_divide_calendar(spark, F, T):
    df = spark.range(4).select(F.make_interval(F.col("id"), F.lit(3), F.lit(1), F.lit(1), F.lit(1), F.lit(1), F.lit(1)).alias("itvl"), "id")
    return _shown(df.select(
        "*", F.try_multiply("itvl", "id"), F.try_multiply("id", "itvl"), F.try_divide("itvl", "id"),
        F.try_multiply("itvl", F.lit(1.5)), F.try_divide("itvl", F.lit(3)), F.try_multiply("itvl", F.lit(2147483647)),
    ))


def case_interval_try_arithmetic_ansi(spark, F, T):
    df = spark.range(3).select(
        F.make_dt_interval(F.lit(1), F.lit(1), F.lit(1), F.lit(1)).alias("d"), F.make_ym_interval(F.lit(1), F.lit(1)).alias("y"), "id"
    )
    return _shown(df.select(
        "*", F.try_multiply("d", "id"), F.try_divide("d", "id"), F.try_multiply("y", F.lit(1.5)), F.try_divide("y", "id"),
        F.try_add("d", "d"), F.try_subtract("y", "y"), F.try_multiply("y", F.lit(2147483647)), F.try_divide("d", F.lit(-7)),
    ))


def case_interval_try_add_dates(spark, F, T):
    df = spark.sql("SELECT * FROM VALUES (DATE'2016-01-31', INTERVAL 1 MONTH, INTERVAL '2' DAY, INTERVAL 178956970 YEAR) AS TAB(date, itvl, d, big)")
    return _shown(df.select(
        F.try_add("date", "itvl"), F.try_add("itvl", "date"), F.try_add("d", "d"), F.try_add("big", "big"),
        F.try_subtract("itvl", "itvl"), F.try_subtract("date", "itvl"), F.try_add("date", F.lit(1)), F.try_subtract("date", F.lit(1)),
    ))


def case_interval_sql_literals(spark, F, T):
    return _shown(spark.sql(
        "SELECT INTERVAL '15' MINUTE, INTERVAL 1 DAY, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 02:03:04' DAY TO SECOND, "
        "INTERVAL 1 YEAR, INTERVAL '2' HOUR, interval 3 days, INTERVAL -1 DAY, INTERVAL '1.5' SECOND, "
        "INTERVAL '-1 02' DAY TO HOUR, INTERVAL '10:20' HOUR TO MINUTE, INTERVAL '10:20.5' MINUTE TO SECOND, "
        "INTERVAL 2 MONTHS, INTERVAL '14' MONTH, INTERVAL 1 WEEK, INTERVAL 3 MILLISECONDS, INTERVAL '25:00:00' HOUR TO SECOND"
    ))


def case_interval_sql_literal_collect(spark, F, T):
    return spark.sql("SELECT INTERVAL '-1 02:03:04.5' DAY TO SECOND AS a, INTERVAL '15' MINUTE AS b").collect()


@settings({"spark.sql.session.timeZone": "America/Los_Angeles"})
def case_interval_time_bucket(spark, F, T):
    # From the default origin buckets are laid in wall-clock time of the session time zone (a day
    # starts at midnight in summer too), from an origin given in instants.
    df = spark.sql(
        "SELECT TIMESTAMP'2024-07-01 00:30:00' AS ts, TIMESTAMP'2024-01-01 23:59:59.999999' AS ts2, TIMESTAMP'1969-12-31 23:50:00' AS early"
    )
    return df.select(
        F.time_bucket(F.expr("INTERVAL '1' DAY"), "ts"), F.time_bucket(F.expr("INTERVAL '15' MINUTE"), "ts2"),
        F.time_bucket(F.expr("INTERVAL '15' MINUTE"), "early"), F.time_bucket(F.expr("INTERVAL '2' HOUR"), "ts", F.expr("TIMESTAMP '2024-01-01 00:30:00'")),
        F.time_bucket(F.make_dt_interval(F.lit(0), F.lit(1)), "ts2"), F.time_bucket(F.expr("INTERVAL '15' MINUTE"), F.lit(None).cast("timestamp")),
    )


def case_error_interval_time_bucket_negative(spark, F, T):
    return spark.range(1).select(F.time_bucket(F.expr("INTERVAL '-15' MINUTE"), F.lit(None).cast("timestamp"))).collect()


def case_interval_time_bucket_docstring(spark, F, T):
    df = spark.createDataFrame([(datetime.datetime(2024, 1, 1, 11, 27, 0),)], ["ts"])
    return df.select(
        F.time_bucket(F.expr("INTERVAL '15' MINUTE"), "ts").alias("bucket"),
        F.time_bucket(F.expr("INTERVAL '15' MINUTE"), "ts", F.expr("TIMESTAMP '1970-01-01 00:05:00'")),
    )
