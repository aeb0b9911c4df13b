"""Parity cases of the window functions and the Window API (rules: parity_cases.py's docstring).

A window shuffles rows, so every case orders its result by columns that fix it;
functions that pick one row among ties (row_number, lag, ...) are ordered by
keys without ties.
"""


def _scores(spark):
    # Ties in `score` within "a", nulls in the partition key and in the ordering key.
    return spark.createDataFrame(
        [
            (1, "a", 10, 1.5),
            (2, "a", 20, None),
            (3, "a", 20, 3.0),
            (4, "a", 30, -2.0),
            (5, "b", None, 4.0),
            (6, "b", 5, float("nan")),
            (7, None, 7, 1.0),
            (8, None, None, 2.0),
        ],
        "id int, k string, score int, v double",
    )


def case_window_ranking_ties(spark, F, T):
    # Ties share rank/dense_rank; nulls sort first ascending, last descending.
    Window = _window(spark)
    w = Window.partitionBy("k").orderBy("score")
    df = _scores(spark)
    return df.select(
        "id",
        F.rank().over(w),
        F.dense_rank().over(w),
        F.percent_rank().over(w),
        F.cume_dist().over(w),
        F.rank().over(Window.partitionBy("k").orderBy(F.desc("score"))).alias("rank_desc"),
    ).orderBy("id")


def case_window_row_number_nulls(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k").orderBy(F.col("score").desc_nulls_first(), "id")
    return df.select(
        "id",
        F.row_number().over(w),
        F.row_number().over(Window.orderBy(F.asc_nulls_last("score"), F.desc("id"))).alias("global"),
    ).orderBy("id")


def case_window_ntile_uneven(spark, F, T):
    # 10 rows in 4 buckets: 3, 3, 2, 2; more buckets than rows: one row each.
    Window = _window(spark)
    df = spark.range(10).withColumn("g", F.col("id") % 2)
    return df.select(
        "id",
        F.ntile(4).over(Window.orderBy("id")),
        F.ntile(3).over(Window.partitionBy("g").orderBy(F.desc("id"))),
        F.ntile(20).over(Window.orderBy("id")).alias("many"),
    ).orderBy("id")


def case_window_lag_lead_defaults(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k").orderBy("id")
    return df.select(
        "id",
        F.lag("v").over(w),
        F.lag("v", 2, 0.5).over(w),
        F.lead("score").over(w),
        F.lead("score", 1, 99).over(w),
        F.lead("v", 2, 7).over(w),
        F.lag("score", -1).over(w).alias("lag_negative"),
        F.lag(F.col("k"), 1, "none").over(w).alias("lag_string"),
    ).orderBy("id")


def case_window_nth_value(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k").orderBy("id")
    return df.select(
        "id",
        F.nth_value("v", 2).over(w),
        F.nth_value("score", 1).over(w.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)).alias("whole"),
    ).orderBy("id")


def case_window_aggregates_default_frames(spark, F, T):
    # With ORDER BY: a running aggregate over peers (ties included); without: the whole partition.
    Window = _window(spark)
    df = _scores(spark)
    ordered = Window.partitionBy("k").orderBy("score")
    return df.select(
        "id",
        F.sum("score").over(ordered),
        F.count("v").over(ordered),
        F.count("*").over(ordered),
        F.avg("score").over(Window.partitionBy("k")),
        F.max("v").over(Window.partitionBy("k")),
        F.min("score").over(ordered),
        F.count("*").over(Window.partitionBy()),
    ).orderBy("id")


def case_window_frames(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k").orderBy("id")
    return df.select(
        "id",
        F.sum("score").over(w.rowsBetween(-1, 1)).alias("rows_around"),
        F.sum("score").over(w.rowsBetween(Window.currentRow, Window.unboundedFollowing)).alias("rows_rest"),
        F.sum("id").over(w.rowsBetween(-3, -1)).alias("rows_before"),
        F.sum("id").over(Window.orderBy("score").rangeBetween(Window.unboundedPreceding, 0)).alias("range_back"),
        F.sum("id").over(Window.orderBy("score").rangeBetween(Window.currentRow, Window.unboundedFollowing)).alias("range_ahead"),
        F.avg("score").over(Window.orderBy("id").rowsBetween(-1, 0)).alias("moving"),
    ).orderBy("id")


def case_window_with_column_and_expression(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k").orderBy("id")
    return (
        df.withColumn("running", F.sum("id").over(w))
        .withColumn("share", F.col("id") / F.sum("id").over(Window.partitionBy("k")))
        .select("id", "k", "running", "share", (F.row_number().over(w) * 10).alias("pos"))
        .orderBy("id")
    )


def case_window_column_names(spark, F, T):
    Window = _window(spark)
    df = _scores(spark)
    w = Window.partitionBy("k", F.col("score")).orderBy(F.desc("id"), F.asc_nulls_last("v"))
    return df.select(F.dense_rank().over(w), F.lag("id", 3).over(w), F.sum("v").over(w.rangeBetween(Window.unboundedPreceding, 0))).columns


def case_error_window_function_without_over(spark, F, T):
    return _scores(spark).select(F.row_number()).collect()


def case_error_window_row_number_unordered(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.row_number().over(Window.partitionBy("k"))).collect()


def case_error_window_lag_unordered(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.lag("v").over(Window.partitionBy("k"))).collect()


def case_error_window_range_without_order(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.sum("v").over(Window.partitionBy("k").rangeBetween(-1, 1))).collect()


def case_error_window_scalar_over(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.upper("k").over(Window.orderBy("id"))).collect()


def case_error_window_ntile_zero(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.ntile(0).over(Window.orderBy("id"))).collect()


def case_error_window_nth_value_zero(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.nth_value("v", 0).over(Window.orderBy("id"))).collect()


def case_error_window_ranking_frame_mismatch(spark, F, T):
    Window = _window(spark)
    return _scores(spark).select(F.rank().over(Window.orderBy("id").rowsBetween(-1, 1))).collect()


# -- RANGE frames with value offsets ------------------------------------------------


def _ranged(spark):
    # Ties, gaps and null ordering keys in each partition.
    return spark.createDataFrame(
        [(1, "a"), (1, "a"), (2, "a"), (5, "a"), (None, "a"), (1, "b"), (2, "b"), (3, "b"), (None, "b")],
        "id long, category string",
    )


def case_window_range_offsets(spark, F, T):
    # Nulls see only nulls; a non-null key never sees them (but for unbounded sides).
    Window = _window(spark)
    w = Window.partitionBy("category").orderBy("id")
    return _ranged(spark).select(
        "id",
        "category",
        F.sum("id").over(w.rangeBetween(Window.currentRow, 1)),
        F.count("*").over(w.rangeBetween(-1, 1)),
        F.count("id").over(w.rangeBetween(Window.unboundedPreceding, -1)),
        F.count("*").over(w.rangeBetween(2, Window.unboundedFollowing)),
        F.sum("id").over(w.rangeBetween(-3, -1)),
    ).orderBy("category", "id")


def case_window_range_offsets_descending_and_nulls_last(spark, F, T):
    Window = _window(spark)
    df = _ranged(spark)
    return df.select(
        "id",
        "category",
        F.sum("id").over(Window.partitionBy("category").orderBy(F.desc("id")).rangeBetween(-1, 0)).alias("desc_back"),
        F.count("*").over(Window.partitionBy("category").orderBy(F.desc_nulls_first("id")).rangeBetween(0, 2)).alias("desc_ahead"),
        F.count("*").over(Window.partitionBy("category").orderBy(F.asc_nulls_last("id")).rangeBetween(-1, Window.unboundedFollowing)).alias("nulls_last"),
    ).orderBy("category", "id", "desc_back")


def case_window_range_offsets_key_types(spark, F, T):
    # Offsets take the key's type: an int key, a double key with NaN and infinity,
    # a decimal key, and an expression as the key.
    Window = _window(spark)
    df = spark.createDataFrame(
        [(7, 1.0, "1.5"), (8, 1.5, "2.4"), (-3, float("nan"), "3.6"), (0, float("inf"), None), (None, None, "2.5")],
        "i int, d double, s string",
    ).withColumn("m", F.col("s").cast("decimal(5,1)"))
    return df.select(
        "i",
        "d",
        "m",
        F.count("*").over(Window.orderBy("i").rangeBetween(0, 1)).alias("ints"),
        F.count("*").over(Window.orderBy("i").rangeBetween(-10, -1)).alias("ints_before"),
        F.count("*").over(Window.orderBy("d").rangeBetween(-1, 1)).alias("doubles"),
        F.count("*").over(Window.orderBy("m").rangeBetween(-1, 1)).alias("decimals"),
        F.count("*").over(Window.orderBy(F.col("i") % 3).rangeBetween(-1, 0)).alias("expression"),
    ).orderBy("i")


def case_window_range_offsets_in_sql(spark, F, T):
    # SQL prints its frames with PRECEDING; its int offsets step a date key by days.
    return spark.sql(
        "SELECT d, n, count(*) OVER (ORDER BY d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS days, "
        "sum(n) OVER (ORDER BY n RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING), "
        "sum(n) OVER (ORDER BY n ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) "
        "FROM VALUES (DATE'2024-01-01', 1), (DATE'2024-01-02', 2), (DATE'2024-01-04', 4), (NULL, 5) AS t(d, n)"
    ).orderBy("n")


def case_window_frame_column_names(spark, F, T):
    Window = _window(spark)
    w = Window.partitionBy("category").orderBy("id")
    return _ranged(spark).select(
        F.sum("id").over(w.rowsBetween(-1, 2)),
        F.sum("id").over(w.rowsBetween(Window.unboundedPreceding, -1)),
        F.sum("id").over(w.rangeBetween(-3, Window.unboundedFollowing)),
        F.sum("id").over(w.rangeBetween(Window.currentRow, Window.currentRow)),
    ).columns


def case_error_window_range_offset_over_a_date(spark, F, T):
    Window = _window(spark)
    df = spark.createDataFrame([("2024-01-01",)], "s string").select(F.col("s").cast("date").alias("d"))
    return df.select(F.count("*").over(Window.orderBy("d").rangeBetween(-1, 1))).collect()


def case_error_window_range_offset_over_a_timestamp(spark, F, T):
    Window = _window(spark)
    df = spark.createDataFrame([("2024-01-01",)], "s string").select(F.col("s").cast("timestamp").alias("t"))
    return df.select(F.count("*").over(Window.orderBy("t").rangeBetween(Window.currentRow, 1))).collect()


def case_error_window_range_offset_over_a_string(spark, F, T):
    Window = _window(spark)
    return _ranged(spark).select(F.count("*").over(Window.orderBy("category").rangeBetween(-1, 1))).collect()


def case_error_window_range_multiple_orderings(spark, F, T):
    Window = _window(spark)
    return _ranged(spark).select(F.count("*").over(Window.orderBy("id", "category").rangeBetween(-1, 1))).collect()


def case_error_window_frame_bounds_inverted(spark, F, T):
    Window = _window(spark)
    return _ranged(spark).select(F.count("*").over(Window.orderBy("id").rowsBetween(1, -1))).collect()


def case_error_window_range_offset_overflows_the_key(spark, F, T):
    Window = _window(spark)
    df = spark.createDataFrame([(1,)], "v tinyint")
    return df.select(F.count("*").over(Window.orderBy("v").rangeBetween(0, 300))).collect()


# -- session windows ------------------------------------------------------------------


def _events(spark):
    return spark.createDataFrame(
        [
            ("2016-03-11 09:00:07", 1, "a"),
            ("2016-03-11 09:00:12", 2, "a"),
            ("2016-03-11 09:00:16", 3, "a"),
            ("2016-03-11 09:00:30", 4, "a"),
            ("2016-03-11 09:00:08", 5, "b"),
            (None, 6, "a"),
            ("2016-03-11 09:00:07", 7, "a"),
            ("2016-03-11 09:00:20", 8, None),
        ],
        "dt string, v long, k string",
    )


def case_window_session_window(spark, F, T):
    # Windows that touch (09:00:12 ends one, starts the next) merge; a null time has none.
    return _events(spark).groupBy(F.session_window("dt", "5 seconds")).agg(F.sum("v"), F.count("*")).orderBy("session_window")


def case_window_session_window_per_key(spark, F, T):
    df = _events(spark)
    return (
        df.groupBy("k", F.session_window(F.col("dt").cast("timestamp_ntz"), "4 seconds"))
        .agg(F.sort_array(F.collect_list("v")).alias("vs"), F.max("dt"))
        .orderBy("k", "session_window")
    )


def case_window_session_window_fields(spark, F, T):
    df = _events(spark).groupBy(F.session_window("dt", "1 minute")).count()
    return df.select("session_window.start", "session_window.end", "count").orderBy("start")


def case_window_session_window_in_sql(spark, F, T):
    return spark.sql(
        "SELECT session_window(t, '5 seconds') AS w, count(*) FROM VALUES "
        "(TIMESTAMP'2016-03-11 09:00:07'), (TIMESTAMP'2016-03-11 09:00:10'), (TIMESTAMP'2016-03-11 09:01:00') AS v(t) "
        "GROUP BY session_window(t, '5 seconds')"
    ).orderBy("w")


def case_window_session_window_unreadable_or_empty_gap(spark, F, T):
    # A gap Spark cannot read, or one that is not positive, gives no row a window.
    df = _events(spark)
    return df.groupBy(F.session_window("dt", "abc")).count().union(df.groupBy(F.session_window("dt", "0 seconds")).count())


def case_window_session_window_in_select(spark, F, T):
    # Outside a grouping, each row's own window; rows without one (a null time) are left out.
    return _events(spark).select("v", F.session_window("dt", "1 month 2 seconds"))


def case_error_window_session_window_of_a_number(spark, F, T):
    return _events(spark).groupBy(F.session_window("v", "5 seconds")).count().collect()


def case_error_window_two_session_windows(spark, F, T):
    df = _events(spark)
    return df.groupBy(F.session_window("dt", "5 seconds"), F.session_window("dt", "6 seconds")).count().collect()


def _window(spark):
    """The session's Window class (pyspark.sql.Window or pyrust.sql.Window)."""
    package = type(spark).__module__.split(".")[0]
    return __import__(f"{package}.sql", fromlist=["Window"]).Window
