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


# -- constructors and calendar arithmetic -----------------------------------------------


def _fields(spark):
    # A valid row, seconds of 60 (the next minute), a DST gap in Los Angeles, a null field.
    return spark.createDataFrame(
        [
            (2014, 12, 28, 6, 30, 45.887, "CET"),
            (2020, 1, 1, 1, 59, 60.0, "UTC"),
            (2020, 3, 8, 2, 30, 0.0, "America/Los_Angeles"),
            (2019, None, 1, 0, 0, 0.0, "UTC"),
        ],
        "y int, mo int, d int, h int, mi int, s double, tz string",
    )


@settings(LOS_ANGELES)
def case_datetime_make_timestamp(spark, F, T):
    df = _fields(spark)
    return df.select(
        F.make_timestamp("y", "mo", "d", "h", "mi", "s"),
        F.make_timestamp("y", "mo", "d", "h", "mi", "s", "tz"),
        F.make_timestamp_ltz("y", "mo", "d", "h", "mi", "s"),
        F.make_timestamp_ntz("y", "mo", "d", "h", "mi", "s"),
        F.try_make_timestamp("y", "mo", "d", "h", "mi", "s", "tz"),
        F.try_make_timestamp_ntz("y", "mo", "d", "h", "mi", "s"),
    )


def case_datetime_make_timestamp_literals(spark, F, T):
    return spark.range(1).select(
        F.make_timestamp(F.lit(2020), F.lit(2), F.lit(29), F.lit(23), F.lit(59), F.lit(59)),
        F.make_timestamp_ntz(F.lit(2020), F.lit(1), F.lit(1), F.lit(1), F.lit(2), F.lit(3.1234567)),
        F.try_make_timestamp(F.lit(2019), F.lit(2), F.lit(29), F.lit(0), F.lit(0), F.lit(0)),
        F.try_make_timestamp_ltz(F.lit(2020), F.lit(1), F.lit(1), F.lit(1), F.lit(59), F.lit(60.5), F.lit("CET")),
    )


@settings(ANSI_OFF)
def case_datetime_make_timestamp_without_ansi(spark, F, T):
    return spark.range(1).select(F.make_timestamp(F.lit(2020), F.lit(13), F.lit(1), F.lit(0), F.lit(0), F.lit(0)))


def case_error_datetime_make_timestamp_month(spark, F, T):
    return spark.range(1).select(F.make_timestamp(F.lit(2020), F.lit(13), F.lit(1), F.lit(0), F.lit(0), F.lit(0))).collect()


def case_error_datetime_make_timestamp_day(spark, F, T):
    return spark.range(1).select(F.make_timestamp_ntz(F.lit(2019), F.lit(2), F.lit(29), F.lit(0), F.lit(0), F.lit(0))).collect()


def case_error_datetime_make_timestamp_fraction(spark, F, T):
    return spark.range(1).select(F.make_timestamp(F.lit(2020), F.lit(1), F.lit(1), F.lit(0), F.lit(0), F.lit(60.5))).collect()


def case_error_datetime_make_timestamp_zone(spark, F, T):
    zone = F.lit("Mars/Olympus")
    return spark.range(1).select(F.try_make_timestamp(F.lit(2020), F.lit(1), F.lit(1), F.lit(0), F.lit(0), F.lit(0), zone)).collect()


def _instants(spark):
    return spark.createDataFrame(
        [
            (datetime.datetime(2016, 3, 11, 9, 0, 7), datetime.datetime(2024, 4, 2, 9, 0, 7), 2),
            (datetime.datetime(2020, 3, 7, 12, 0, 0), datetime.datetime(2020, 3, 8, 11, 0, 0), 1),
            (datetime.datetime(2020, 1, 31, 0, 0, 0), datetime.datetime(2020, 2, 29, 0, 0, 0), -1),
            (datetime.datetime(2020, 2, 29, 10, 0, 0), datetime.datetime(2019, 2, 28, 11, 0, 0), 13),
            (None, None, None),
        ],
        "a timestamp, b timestamp, n int",
    )


@settings(LOS_ANGELES)
def case_datetime_timestamp_add(spark, F, T):
    df = _instants(spark)
    units = ["YEAR", "quarter", "month", "week", "day", "dayofyear", "hour", "minute", "second", "millisecond", "microsecond"]
    return df.select("a", *[F.timestamp_add(unit, "n", "a") for unit in units])


@settings(LOS_ANGELES)
def case_datetime_timestamp_diff(spark, F, T):
    df = _instants(spark)
    units = ["YEAR", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"]
    return df.select(*[F.timestamp_diff(unit, "a", "b") for unit in units], F.timestamp_diff("day", "b", "a"))


def case_datetime_timestamp_add_without_zone(spark, F, T):
    df = _instants(spark).select(F.col("a").cast("timestamp_ntz").alias("a"), F.col("b").cast("timestamp_ntz").alias("b"), "n")
    return df.select(F.timestamp_add("month", "n", "a"), F.timestamp_diff("hour", "a", "b"))


def case_error_datetime_timestamp_add_unit(spark, F, T):
    return _instants(spark).select(F.timestamp_add("fortnight", "n", "a")).collect()


def case_error_datetime_timestamp_add_overflow(spark, F, T):
    return _instants(spark).select(F.timestamp_add("year", F.lit(1000000), "a")).collect()


@settings(LOS_ANGELES)
def case_datetime_months_between(spark, F, T):
    df = _instants(spark)
    return df.select(
        F.months_between("b", "a"),
        F.months_between("a", "b", False),
        F.months_between(F.lit("1997-02-28 10:30:00"), F.lit("1996-10-30")),
        F.months_between(F.lit("2020-03-31"), F.lit("2020-02-29")),
    )


@settings(LOS_ANGELES)
def case_datetime_convert_timezone(spark, F, T):
    df = spark.createDataFrame(
        [("2015-04-08 15:00:00", "Asia/Hong_Kong"), ("2020-03-08 02:30:00", "UTC"), (None, "UTC"), ("2020-11-01 01:30:00", None)],
        "ts string, tz string",
    )
    return df.select(
        F.convert_timezone(F.lit("Asia/Hong_Kong"), F.lit("America/Los_Angeles"), "ts"),
        F.convert_timezone(None, F.lit("UTC"), "ts"),
        F.convert_timezone("tz", F.lit("America/Los_Angeles"), "ts"),
    )


def case_error_datetime_convert_timezone_zone(spark, F, T):
    df = spark.createDataFrame([("2015-04-08 15:00:00",)], "ts string")
    return df.select(F.convert_timezone(F.lit("Nowhere"), F.lit("UTC"), "ts")).collect()


@settings(LOS_ANGELES)
def case_datetime_parse_with_pattern_column(spark, F, T):
    df = spark.createDataFrame(
        [("2015-04-08", "yyyy-MM-dd"), ("2025+01+09", "yyyy+MM+dd"), ("09/01/2025 10:11", "dd/MM/yyyy HH:mm"), (None, "yyyy"), ("2020", None)],
        "s string, fmt string",
    )
    return df.select(F.to_unix_timestamp("s", "fmt"), F.to_timestamp_ltz("s", "fmt"), F.to_timestamp_ntz("s", "fmt"), F.try_to_timestamp("s", "fmt"))


# -- time windows --------------------------------------------------------------------------


def _events(spark):
    return spark.createDataFrame(
        [
            (datetime.datetime(2016, 3, 11, 9, 0, 7), 1),
            (datetime.datetime(2016, 3, 11, 9, 0, 9, 500000), 2),
            (None, 4),
            (datetime.datetime(1969, 12, 31, 23, 59, 58, 500000), 8),
        ],
        "t timestamp, v int",
    )


def case_datetime_window_rows(spark, F, T):
    df = _events(spark)
    return df.select("v", F.window("t", "5 seconds"))


def case_datetime_window_start_time(spark, F, T):
    df = _events(spark)
    return df.select("v", F.window("t", "10 seconds", startTime="3 seconds").alias("w"))


def case_datetime_window_grouped(spark, F, T):
    df = _events(spark)
    grouped = df.groupBy(F.window("t", "1 hour 30 minutes")).agg(F.sum("v"))
    return grouped.select("*", F.window_time("window")).orderBy("window")


def case_datetime_window_without_zone(spark, F, T):
    df = _events(spark).select(F.col("t").cast("timestamp_ntz").alias("t"), "v")
    return df.groupBy(F.window("t", "1 day")).agg(F.count("v")).orderBy("window")


def case_error_datetime_window_months(spark, F, T):
    return _events(spark).select(F.window("t", "1 month")).collect()


def case_error_datetime_window_start_time(spark, F, T):
    return _events(spark).select(F.window("t", "5 seconds", startTime="10 seconds")).collect()


# -- TIME ------------------------------------------------------------------------------------


def _times(spark):
    df = spark.createDataFrame(
        [("13:08:15.123456", "21:30:28"), ("23:59:59.999999", "00:00:00"), ("1:2", "10:30"), (None, "01:00:00")],
        "a string, b string",
    )
    return df.select(df.a.cast("time").alias("a"), df.b.cast("time").alias("b"))


def case_datetime_time_values(spark, F, T):
    df = spark.createDataFrame([(datetime.time(6, 30, 45, 887000), "t"), (datetime.time(0, 0), "u"), (None, "v")], ["t", "s"])
    return df.select("t", F.lit(datetime.time(23, 59, 59, 999999)), F.col("t").cast("string"))


def case_datetime_time_casts_and_fields(spark, F, T):
    df = _times(spark)
    return df.select("a", "b", F.hour("a"), F.minute("a"), F.second("a"), F.extract(F.lit("second"), "a"))


def case_datetime_make_time(spark, F, T):
    df = spark.createDataFrame([(6, 30, 45.887), (23, 59, 59.999999), (None, 1, 1.0), (0, 0, 0.0)], ["h", "m", "s"])
    return df.select(F.make_time("h", "m", "s"), F.make_time(F.lit(1), F.lit(2), F.lit(3)))


def case_error_datetime_make_time_second(spark, F, T):
    return spark.range(1).select(F.make_time(F.lit(1), F.lit(2), F.lit(60))).collect()


def case_datetime_to_time(spark, F, T):
    df = spark.createDataFrame(
        [("10:30:00", "HH:mm:ss"), ("1:2", "HH:mm:ss"), ("10:30:00.123456", "HH:mm:ss"), ("25:00", "HH:mm"), ("malformed", "HH"), (None, "HH"), (" 10:30 ", None)],
        "s string, f string",
    )
    return df.select(F.try_to_time("s"), F.try_to_time("s", "f"), F.try_to_time("s", F.lit("HH:mm:ss")))


def case_error_datetime_to_time(spark, F, T):
    return spark.createDataFrame([("25:00",)], "s string").select(F.to_time("s")).collect()


def case_datetime_time_diff_and_trunc(spark, F, T):
    df = _times(spark)
    units = ["HOUR", "minute", "SECOND", "MILLISECOND", "MICROSECOND"]
    return df.select(*[F.time_diff(F.lit(unit), "a", "b") for unit in units], *[F.time_trunc(F.lit(unit), "a") for unit in units])


def case_error_datetime_time_trunc_unit(spark, F, T):
    return _times(spark).select(F.time_trunc(F.lit("DAY"), "a")).collect()


def case_datetime_time_counts(spark, F, T):
    df = spark.createDataFrame([(52200.5, 52200500, 52200500000), (0.0, 0, 0), (None, None, None)], "s double, ms long, us long")
    out = df.select(F.time_from_seconds("s").alias("t"), F.time_from_millis("ms"), F.time_from_micros("us"))
    return out.select("*", F.time_to_seconds("t"), F.time_to_millis("t"), F.time_to_micros("t"))


def case_error_datetime_time_from_micros_negative(spark, F, T):
    return spark.createDataFrame([(-1,)], "us long").select(F.time_from_micros("us")).collect()


@settings(LOS_ANGELES)
def case_datetime_make_timestamp_of_date_and_time(spark, F, T):
    df = spark.createDataFrame(
        [(datetime.date(2014, 12, 28), datetime.time(6, 30, 45, 887000), "CET"), (datetime.date(2020, 3, 8), datetime.time(2, 30), "UTC"), (None, datetime.time(1, 0), "UTC")],
        "d date, t time, z string",
    )
    return df.select(
        F.make_timestamp(date=df.d, time=df.t),
        F.make_timestamp(date=df.d, time=df.t, timezone=df.z),
        F.make_timestamp_ntz(date=df.d, time=df.t),
        F.try_make_timestamp(date=df.d, time=df.t),
    )
