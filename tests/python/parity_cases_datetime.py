"""Parity cases of the date and time functions (rules: parity_cases.py's docstring).

The recorder pins the session time zone to UTC; cases that need a zone with
daylight saving time set ``America/Los_Angeles`` themselves.
"""

import datetime

from parity_cases import ANSI_OFF, settings

LOS_ANGELES = {"spark.sql.session.timeZone": "America/Los_Angeles"}


def _moments(spark):
    # s: text of a timestamp; d: a date; t: a timestamp; the last row is all nulls.
    return spark.createDataFrame(
        [
            ("2015-04-08 13:08:15.123", datetime.date(2015, 4, 8), datetime.datetime(2015, 4, 8, 13, 8, 15, 123000)),
            ("2020-02-29 00:00:00", datetime.date(2020, 2, 29), datetime.datetime(2020, 2, 29, 23, 59, 59)),
            ("1969-12-31 23:59:59.999999", datetime.date(1969, 12, 31), datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)),
            ("2021-01-03 07:00:00", datetime.date(2021, 1, 3), datetime.datetime(2021, 1, 3, 7, 0, 0)),
            (None, None, None),
        ],
        "s string, d date, t timestamp",
    )


def case_datetime_fields_of_dates(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.year("d"), F.quarter("d"), F.month("d"), F.dayofmonth("d"), F.day("d"), F.dayofweek("d"),
        F.weekday("d"), F.dayofyear("d"), F.weekofyear("d"), F.dayname("d"), F.monthname("d"),
    )


def case_datetime_fields_of_timestamps_and_strings(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.year("t"), F.month("s"), F.hour("t"), F.minute("t"), F.second("t"), F.hour("s"), F.minute("s"),
        F.second("d"), F.extract(F.lit("YEAR"), "t"), F.date_part(F.lit("doy"), "d"),
        F.extract(F.lit("SECOND"), "t"), F.datepart(F.lit("week"), "s"),
    )


@settings(LOS_ANGELES)
def case_datetime_fields_in_the_session_time_zone(spark, F, T):
    # One instant each side of the spring and autumn changes; the hour is the local one.
    df = spark.createDataFrame(
        [(1583661599,), (1583661600,), (1604217599,), (1604217600,), (0,)], "n long"
    ).select("n", F.timestamp_seconds("n").alias("t"))
    return df.select(
        "n", "t", F.hour("t"), F.dayofmonth("t"), F.date_format("t", "yyyy-MM-dd HH:mm:ss Z"),
        F.col("t").cast("string"), F.col("t").cast("date"), F.to_date("t"),
    )


@settings(LOS_ANGELES)
def case_datetime_local_text_in_the_session_time_zone(spark, F, T):
    # 02:30 on 2020-03-08 does not exist in Los Angeles: Spark moves it an hour later.
    df = spark.createDataFrame(
        [("2020-03-08 01:59:59",), ("2020-03-08 02:30:00",), ("2020-11-01 01:30:00",), ("2020-06-01 12:00:00",)], "s string"
    )
    return df.select(
        "s", F.to_timestamp("s"), F.unix_timestamp("s"), F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss"),
        F.date_trunc("day", F.to_timestamp("s")), F.col("s").cast("timestamp").cast("long").alias("epoch"),
    )


def case_datetime_date_arithmetic(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.date_add("d", 1), F.date_add("d", -400), F.date_sub("d", 30), F.dateadd("s", 2),
        F.datediff("d", F.lit("2015-01-01")), F.date_diff("t", "d"), F.add_months("d", 1), F.add_months("d", -13),
        F.last_day("d"), F.next_day("d", "Mon"), F.next_day("d", "friday"),
    )


@settings(ANSI_OFF)
def case_datetime_next_day_unknown_day_without_ansi(spark, F, T):
    return _moments(spark).select(F.next_day("d", "xyz"), F.next_day("d", "TU"))


def case_error_datetime_next_day_unknown_day(spark, F, T):
    return _moments(spark).select(F.next_day("d", "xyz")).collect()


def case_datetime_truncation(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.trunc("d", "year"), F.trunc("d", "MM"), F.trunc("d", "week"), F.trunc("d", "quarter"), F.trunc("d", "day"),
        F.date_trunc("year", "t"), F.date_trunc("quarter", "t"), F.date_trunc("WEEK", "t"), F.date_trunc("hour", "t"),
        F.date_trunc("second", "t"), F.date_trunc("millisecond", "t"), F.date_trunc("bogus", "t"),
    )


def case_datetime_date_format(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.date_format("t", "yyyy-MM-dd HH:mm:ss.SSS"),
        F.date_format("d", "dd/MM/yy"),
        F.date_format("s", "EEEE, MMMM d, yyyy h:mm a"),
        F.date_format("t", "EEE MMM D HH'h' 'o''clock'"),
        F.date_format("t", "yyyyMMddHHmmssSSSSSS"),
    )


def case_datetime_parse_with_patterns(spark, F, T):
    df = spark.createDataFrame(
        [("08/04/2015 13:08", "2015-04-08"), ("31/12/1999 00:00", "1999-12-31"), (None, None)], "a string, b string"
    )
    return df.select(
        F.to_timestamp("a", "dd/MM/yyyy HH:mm"), F.to_date("a", "dd/MM/yyyy HH:mm"), F.to_date("b"),
        F.to_date("b", "yyyy-MM-dd"), F.unix_timestamp("a", "dd/MM/yyyy HH:mm"), F.to_unix_timestamp("b", F.lit("yyyy-MM-dd")),
        F.to_timestamp_ntz("b"), F.try_to_timestamp("a", F.lit("dd/MM/yyyy HH:mm")), F.try_to_timestamp("b", F.lit("HH:mm")),
    )


def case_datetime_try_parsing(spark, F, T):
    df = spark.createDataFrame([("2015-04-08",), ("not a date",), ("",), (None,)], "s string")
    return df.select("s", F.try_to_timestamp("s"), F.try_to_date("s"), F.try_to_date("s", "yyyy-MM-dd"))


@settings(ANSI_OFF)
def case_datetime_parsing_without_ansi(spark, F, T):
    df = spark.createDataFrame([("2015-04-08 10:00:00",), ("nope",), (None,)], "s string")
    return df.select("s", F.to_timestamp("s"), F.to_date("s"), F.to_timestamp("s", "yyyy-MM-dd HH:mm:ss"))


def case_datetime_epoch_counts(spark, F, T):
    df = spark.createDataFrame([(1230219000,), (-1,), (0,), (None,)], "n long")
    ts = F.timestamp_seconds("n")
    return df.select(
        "n", ts, F.timestamp_millis("n"), F.timestamp_micros("n"), F.timestamp_seconds(F.col("n") + F.lit(0.5)),
        F.unix_seconds(ts), F.unix_millis(F.timestamp_micros("n")), F.unix_micros(ts),
        F.from_unixtime("n"), F.from_unixtime("n", "yyyy/MM/dd"), F.unix_date(F.to_date(ts)), F.date_from_unix_date(F.lit(19000)),
    )


def case_datetime_time_zone_shifts(spark, F, T):
    df = _moments(spark)
    return df.select(
        F.from_utc_timestamp("t", "Asia/Tokyo"), F.to_utc_timestamp("t", "America/Los_Angeles"),
        F.from_utc_timestamp("s", "+05:30"), F.current_timezone(),
    )


def case_datetime_make_date(spark, F, T):
    df = spark.createDataFrame([(2020, 2, 29), (2015, 4, 8), (None, 1, 1)], "y int, m int, d int")
    return df.select(F.make_date("y", "m", "d"))


def case_datetime_in_sql_expressions(spark, F, T):
    df = _moments(spark)
    return df.selectExpr("year(d)", "date_add(d, 3)", "date_format(t, 'yyyy-MM')", "hour(t)")


def case_error_datetime_pattern_letter(spark, F, T):
    return _moments(spark).select(F.date_format("t", "yyyy-MM-dd A")).collect()


def case_error_datetime_week_based_pattern(spark, F, T):
    return _moments(spark).select(F.date_format("t", "YYYY")).collect()


def case_error_datetime_unparsable_with_pattern(spark, F, T):
    df = spark.createDataFrame([("2015-04-08",)], "s string")
    return df.select(F.to_timestamp("s", "yyyy-MM-dd HH")).collect()


def case_error_datetime_unparsable_cast(spark, F, T):
    df = spark.createDataFrame([("abc",)], "s string")
    return df.select(F.to_timestamp("s")).collect()


def case_error_datetime_date_add_bigint(spark, F, T):
    df = spark.createDataFrame([(datetime.date(2020, 1, 1), 3)], "d date, n long")
    return df.select(F.date_add("d", "n")).collect()


def case_error_datetime_year_of_number(spark, F, T):
    return spark.range(1).select(F.year("id")).collect()


def case_error_datetime_bad_session_time_zone(spark, F, T):
    spark.conf.set("spark.sql.session.timeZone", "Foo/Bar")
