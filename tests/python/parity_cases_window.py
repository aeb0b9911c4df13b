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


def _window(spark):
    """The session's Window class (pyspark.sql.Window or pyrust.sql.Window)."""
    package = type(spark).__module__.split(".")[0]
    return __import__(f"{package}.sql", fromlist=["Window"]).Window
