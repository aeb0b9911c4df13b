"""Parity cases of the aggregate functions (rules: parity_cases.py's docstring).

Order-dependent aggregates (first, last, collect_list, listagg) are checked on
groups where every order gives the same answer: Spark's result follows the
order partial aggregates are merged in, which a shuffle does not fix.
"""

import datetime
import decimal

from parity_cases import settings


def _values(spark):
    # x: int with a null; d: double with NaN in group "n"; g: the group.
    return spark.createDataFrame(
        [
            ("a", 1, 10, 1.5),
            ("a", 2, 20, 2.5),
            ("a", 3, 25, -4.0),
            ("a", None, 40, None),
            ("b", 4, None, 0.0),
            ("c", 7, 7, 3.0),
            ("c", 7, 9, 3.0),
            ("n", 1, 1, float("nan")),
            ("n", 2, 3, 1.0),
        ],
        "g string, x int, y int, d double",
    )


def case_aggregate_moments(spark, F, T):
    # One row gives NULL for sample statistics (Spark 4), equal values NULL skewness/kurtosis.
    df = _values(spark)
    return (
        df.groupBy("g")
        .agg(
            F.stddev("x"),
            F.stddev_samp("d"),
            F.stddev_pop("x"),
            F.std("y"),
            F.variance("x"),
            F.var_samp("d"),
            F.var_pop("y"),
            F.skewness("x"),
            F.kurtosis("y"),
            F.product("x"),
        )
        .orderBy("g")
    )


def case_aggregate_moments_whole(spark, F, T):
    df = _values(spark)
    # (kurtosis over more rows differs in the last digit with the order partial results merge in)
    return df.select(F.stddev("x"), F.variance(F.col("y")), F.skewness("y"), F.product("d"), F.stddev_pop("d"))


def case_aggregate_moments_empty(spark, F, T):
    df = _values(spark).filter("x > 100")
    return df.select(F.stddev("x"), F.var_pop("x"), F.skewness("x"), F.product("x"), F.corr("x", "y"), F.regr_count("y", "x"))


def case_aggregate_comoments(spark, F, T):
    # Pairs with a null on either side are skipped; a constant x gives NULL slope and r2.
    # Evenly spaced values keep every partial result exact, whatever the merge order.
    df = spark.createDataFrame(
        [
            ("a", 1, 10, 1.5),
            ("a", 2, 20, 2.5),
            ("a", 3, 30, 3.5),
            ("a", None, 40, None),
            ("a", 5, None, 0.5),
            ("b", 4, None, 0.0),
            ("c", 7, 7, 3.0),
            ("c", 7, 9, 3.0),
            ("n", 1, 1, float("nan")),
            ("n", 2, 3, 1.0),
        ],
        "g string, x int, y int, d double",
    )
    return (
        df.groupBy("g")
        .agg(
            F.corr("x", "y"),
            F.covar_pop("x", "y"),
            F.covar_samp("x", "d"),
            F.regr_avgx("y", "x"),
            F.regr_avgy("y", "x"),
            F.regr_count("y", "x"),
            F.regr_intercept("y", "x"),
            F.regr_r2("y", "x"),
            F.regr_r2("x", "y"),
            F.regr_slope("y", "x"),
            F.regr_sxx("y", "x"),
            F.regr_sxy("y", "x"),
            F.regr_syy("y", "x"),
        )
        .orderBy("g")
    )


def case_aggregate_percentiles(spark, F, T):
    df = spark.createDataFrame([(float(v), v) for v in range(1, 11)] + [(None, None)], "v double, i int")
    return df.select(
        F.percentile("v", 0.25),
        F.percentile("i", [0.1, 0.5, 0.9]),
        F.percentile("v", 0.5, F.lit(2)),
        F.median("i"),
        F.percentile_approx("v", 0.25),
        F.percentile_approx("i", [0.0, 0.5, 0.75, 1.0]),
        F.approx_percentile("i", 0.5, 1),
        F.percentile_approx("v", 0.5, 100),
    )


def case_aggregate_percentiles_grouped(spark, F, T):
    # (not NaN: Spark's summary places NaN by arrival order)
    df = _values(spark).filter("g != 'n'")
    return df.groupBy("g").agg(F.median("x"), F.percentile_approx("d", 0.5), F.percentile("y", [0.5, 1.0])).orderBy("g")


def case_aggregate_mode(spark, F, T):
    # Ties resolve to the smallest value with deterministic=True.
    df = spark.createDataFrame([(v, s) for v, s in [(3, "b"), (1, "a"), (2, "b"), (2, "c"), (1, None), (None, None)]], "v int, s string")
    return df.select(F.mode("v", True), F.mode("s"), F.mode(F.col("v") * 0))


def case_aggregate_pick(spark, F, T):
    # Each group has one row, or one non-null value where nulls are skipped.
    df = spark.createDataFrame([("a", None), ("a", 5), ("b", 7), ("c", None)], "g string, x int")
    return (
        df.groupBy("g")
        .agg(
            F.first("x", ignorenulls=True),
            F.last("x", True),
            F.first_value("x", True),
            F.last_value(F.col("x"), F.lit(True)),
            F.any_value("x", True),
            F.max("x"),
        )
        .orderBy("g")
    )


def case_aggregate_max_by_min_by(spark, F, T):
    # Rows whose ordering is null are skipped; the value itself may be null.
    df = spark.createDataFrame(
        [("a", "x", 1), ("a", "y", 3), ("a", None, 5), ("a", "z", None), ("b", "p", 2), ("c", "q", None)],
        "g string, name string, o int",
    )
    return df.groupBy("g").agg(F.max_by("name", "o"), F.min_by("name", "o"), F.min_by("o", "name")).orderBy("g")


def case_aggregate_collect(spark, F, T):
    # Nulls are skipped; no rows give an empty array.
    df = spark.createDataFrame([("a", 5), ("a", None), ("b", None), ("c", 2), ("c", 2)], "g string, x int")
    return df.groupBy("g").agg(F.collect_list("x"), F.collect_set("x"), F.array_agg("x")).orderBy("g")


def case_aggregate_collect_empty(spark, F, T):
    df = spark.createDataFrame([(1, "a")], "x int, s string").filter("x > 1")
    return df.select(F.collect_list("x"), F.collect_set("x"), F.listagg("s"))


def case_aggregate_listagg(spark, F, T):
    df = spark.createDataFrame([("a", "x"), ("a", None), ("b", None), ("c", "é")], "g string, s string")
    return df.groupBy("g").agg(F.listagg("s"), F.listagg("s", ", "), F.string_agg("s", "-")).orderBy("g")


def case_aggregate_booleans_bits(spark, F, T):
    df = spark.createDataFrame(
        [("a", True, 12), ("a", None, 10), ("a", False, None), ("b", True, -1), ("c", None, None)],
        "g string, b boolean, i int",
    )
    return (
        df.groupBy("g")
        .agg(
            F.bool_and("b"),
            F.bool_or("b"),
            F.every("b"),
            F.some("b"),
            F.bit_and("i"),
            F.bit_or("i"),
            F.bit_xor("i"),
            F.count_if(F.col("i") > 10),
        )
        .orderBy("g")
    )


def case_aggregate_counts_sums(spark, F, T):
    df = _values(spark)
    return df.groupBy("g").agg(
        F.approx_count_distinct("x"),
        F.approxCountDistinct("y", 0.1),
        F.sum_distinct("x"),
        F.sumDistinct("d"),
        F.try_sum("x"),
        F.try_sum("d"),
        F.try_avg("x"),
    ).orderBy("g")


def case_aggregate_try_sum_overflow(spark, F, T):
    df = spark.createDataFrame([(2**62, 1), (2**62, 1)], "l long, i int")
    return df.select(F.try_sum("l"), F.try_avg("l"), F.try_sum("i"))


@settings({"spark.sql.ansi.enabled": "false"})
def case_aggregate_stats_of_strings(spark, F, T):
    df = spark.createDataFrame([("1",), ("3",), (None,)], "s string")
    return df.select(F.stddev("s"), F.variance("s"), F.product("s"))


def case_aggregate_dict_and_shortcuts(spark, F, T):
    df = _values(spark)
    return df.groupBy("g").agg({"x": "stddev", "y": "max", "d": "kurtosis"}).orderBy("g")


def case_error_aggregate_bool_and_of_int(spark, F, T):
    return _values(spark).select(F.bool_and("x")).collect()


def case_error_aggregate_count_if_of_int(spark, F, T):
    return _values(spark).select(F.count_if("x")).collect()


def case_aggregate_order_sensitive_over_all_rows(spark, F, T):
    # Without a grouping, Spark meets the rows in input order: first/any_value are the
    # first row's, last the last's, collect_list in input order (partitions in order).
    df = spark.createDataFrame([(None, 1), ("a", 2), ("a", 3), ("b", 8), ("b", 2), ("c", None)], ["c1", "c2"])
    return df.select(
        F.first("c1"), F.first("c2"), F.any_value("c1"), F.any_value("c1", True), F.last("c1"), F.last("c2", True),
        F.collect_list("c2"), F.first_value("c2"), F.last_value("c1"),
    )


# -- max_by / min_by with k (Spark 4.3) -----------------------------------------


def _ranked(spark):
    return spark.createDataFrame(
        [("g", "a", 10), ("g", "b", 50), ("g", "c", 20), ("g", "d", 40), ("g", None, 60), ("g", "f", None), ("h", "x", None)],
        "k string, x string, y int",
    )


def case_aggregate_max_min_by_k(spark, F, T):
    df = _ranked(spark)
    return df.groupBy("k").agg(F.max_by("x", "y", 2), F.min_by("x", "y", 3), F.max_by("x", "y", 10)).orderBy("k")


def case_error_aggregate_max_by_k_range(spark, F, T):
    return _ranked(spark).select(F.max_by("x", "y", 0)).collect()


def case_aggregate_regr_count_void_arguments(spark, F, T):
    # An all-null VALUES column is void: Spark casts it to double.
    df = spark.sql("SELECT * FROM VALUES (1, null), (2, null) AS tab(y, x)")
    other = spark.sql("SELECT * FROM VALUES (null, 1) AS tab(y, x)")
    return df.select(F.regr_count("y", "x"), F.count(F.lit(0))).union(other.select(F.regr_count("y", "x"), F.count(F.lit(0))))


# -- Spark's own algorithms and Spark 4.3's additions -------------------------


def _window(spark):
    """The session's Window class (pyspark.sql.Window or pyrust.sql.Window)."""
    package = type(spark).__module__.split(".")[0]
    return __import__(f"{package}.sql", fromlist=["Window"]).Window


def case_aggregate_histogram_numeric(spark, F, T):
    # Spark's NumericHistogram: ties between equally close bins broken by its seeded generator.
    df = spark.range(0, 60, 1, 1).select(
        "id", (F.col("id") * 7919 % 101).alias("v"), (F.col("id") / 7).alias("q"), F.col("id").cast("decimal(10,2)").alias("dec"),
        F.col("id").cast("int").alias("i"), F.col("id").cast("float").alias("f"),
    )
    return df.select(
        F.histogram_numeric("id", F.lit(4)), F.histogram_numeric("v", F.lit(6)), F.histogram_numeric("q", F.lit(3)),
        F.histogram_numeric("dec", F.lit(5)), F.histogram_numeric("i", F.lit(100)), F.histogram_numeric("f", F.lit(2)),
    )


def case_aggregate_histogram_numeric_special_values(spark, F, T):
    # NaN compares as Java's doubles do (neither smaller nor larger); nulls are skipped.
    # One partition: Spark's answer depends on how partial histograms are merged.
    values = F.array(*[F.lit(value) for value in (1.0, float("nan"), 2.0, float("inf"), -0.0, 0.0)], F.lit(None).cast("double"))
    df = spark.range(0, 7, 1, 1).select(F.element_at(values, F.col("id").cast("int") + 1).alias("x"))
    return df.select(F.histogram_numeric("x", F.lit(10)), F.histogram_numeric("x", F.lit(3)))


def case_aggregate_histogram_numeric_empty_and_dates(spark, F, T):
    df = spark.range(0, 5, 1, 1).select(
        F.lit(None).cast("int").alias("n"), F.date_add(F.lit("2020-01-01").cast("date"), F.col("id").cast("int")).alias("d"),
    )
    return df.select(F.histogram_numeric("n", F.lit(3)), F.histogram_numeric("d", F.lit(2)))


def case_aggregate_histogram_numeric_grouped(spark, F, T):
    df = spark.range(0, 30, 1, 1).select("id", (F.col("id") % 2).alias("g"))
    return df.groupBy("g").agg(F.histogram_numeric("id", F.lit(3)).alias("h")).orderBy("g")


def case_error_aggregate_histogram_numeric_bins(spark, F, T):
    return spark.range(3).select(F.histogram_numeric("id", F.lit(1))).collect()


def case_aggregate_count_min_sketch(spark, F, T):
    # Spark's CountMinSketchImpl, serialized: longs, strings (UTF-8) and binaries.
    df = spark.range(0, 100, 1, 1).select(
        "id", F.col("id").cast("int").alias("i"), F.col("id").cast("string").alias("s"),
        F.col("id").cast("string").cast("binary").alias("b"),
    )
    return df.select(
        F.hex(F.count_min_sketch("id", 0.5, 0.9, 7)),
        F.hex(F.count_min_sketch("i", F.lit(1.0), F.lit(0.3), F.lit(2))),
        F.hex(F.count_min_sketch("s", 0.5, 0.9, -12345)),
        F.hex(F.count_min_sketch("b", 1.5, 0.2, 1111111111111111111)),
    )


def case_aggregate_count_min_sketch_unicode_and_nulls(spark, F, T):
    df = spark.createDataFrame([("héllo",), ("",), (None,), ("日本語テキスト",), ("abcdefghijk",)], "s string")
    return df.select(F.hex(F.count_min_sketch("s", 0.4, 0.95, 3)), F.hex(F.count_min_sketch("s", 0.4, 0.95, 3)).isNull())


def case_aggregate_count_min_sketch_empty_and_grouped(spark, F, T):
    df = spark.range(0, 20, 1, 1)
    empty = df.filter("id < 0").select(F.hex(F.count_min_sketch("id", 1.0, 0.5, 7)).alias("h"))
    grouped = df.groupBy((F.col("id") % 2).alias("g")).agg(F.hex(F.count_min_sketch("id", 1.0, 0.5, 7)).alias("h"))
    return empty.union(grouped.orderBy("g").select("h"))


def case_error_aggregate_count_min_sketch_eps(spark, F, T):
    return spark.range(3).select(F.count_min_sketch("id", 0.0, 0.9, 7)).collect()


def case_error_aggregate_count_min_sketch_double(spark, F, T):
    return spark.range(3).select(F.col("id").cast("double").alias("x")).select(F.count_min_sketch("x", 0.5, 0.9, 7)).collect()


def case_aggregate_collect_union(spark, F, T):
    # Null arrays and null elements are skipped; -0.0 is 0.0 and NaNs are one value.
    df = spark.createDataFrame(
        [("a", [3, None, 2], [1.0, float("nan")]), ("a", None, [-0.0]), ("a", [2, 1], [0.0, float("nan")]), ("b", [], None)],
        "g string, a array<int>, f array<double>",
    )
    return df.groupBy("g").agg(
        F.sort_array(F.collect_union("a")).alias("a"), F.sort_array(F.collect_union("f")).alias("f"),
    ).orderBy("g")


def case_aggregate_collect_union_empty(spark, F, T):
    df = spark.createDataFrame([(["x", "y"],), (["y", "z"],)], "a array<string>")
    return df.filter(F.size("a") < 0).select(F.collect_union("a")).union(df.select(F.sort_array(F.collect_union("a"))))


def case_error_aggregate_collect_union_not_array(spark, F, T):
    return spark.range(3).select(F.collect_union("id")).collect()


def case_aggregate_try_avg_decimal(spark, F, T):
    df = spark.createDataFrame(
        [("a", decimal.Decimal("1.50")), ("a", decimal.Decimal("2.25")), ("a", None), ("b", decimal.Decimal("-0.01")),
         ("b", decimal.Decimal("0.00")), ("b", decimal.Decimal("0.00"))],
        "g string, d decimal(10,2)",
    )
    return df.groupBy("g").agg(F.try_avg("d")).orderBy("g")


def case_aggregate_try_avg_decimal_overflow(spark, F, T):
    # At the precision limit: a sum beyond 38 digits, or a quotient beyond decimal(38, 4), is NULL.
    big = spark.createDataFrame(
        [(decimal.Decimal("9" * 36 + ".99"),), (decimal.Decimal("9" * 36 + ".99"),)], "d decimal(38,2)"
    )
    ones = spark.createDataFrame([(decimal.Decimal("1" * 38),), (decimal.Decimal(0),)], "d decimal(38,0)")
    fits = spark.createDataFrame([(decimal.Decimal("1" * 33),), (decimal.Decimal(1),)], "d decimal(38,0)")
    def average(df):
        return df.select(F.try_avg("d").cast("string").alias("average"))

    return average(big).union(average(ones)).union(average(fits)).union(average(big.filter("d < 0")))


def case_aggregate_listagg_binary(spark, F, T):
    df = spark.createDataFrame([(b"\x01\x02",), (None,), (b"",), (b"\xff",)], "b binary")
    return df.select(
        F.listagg("b", F.lit(b"\x00")), F.string_agg("b"), F.listagg("b", F.lit(None)), F.hex(F.listagg("b", F.lit(b"--"))),
    )


def case_aggregate_listagg_binary_empty(spark, F, T):
    df = spark.createDataFrame([(b"\x01",)], "b binary")
    return df.filter("b is null").select(F.listagg("b"), F.string_agg("b", F.lit(b",")))


def case_error_aggregate_listagg_binary_string_delimiter(spark, F, T):
    df = spark.createDataFrame([(b"\x01",)], "b binary")
    return df.select(F.listagg("b", F.lit(","))).collect()


def _counters(spark):
    T1, T2 = datetime.datetime(2020, 1, 1), datetime.datetime(2020, 1, 2)
    return spark.createDataFrame(
        [
            ("A", 1, 5, T1), ("A", 2, None, T2), ("A", 3, 7, T2),
            ("C", 1, 5, T1), ("C", 2, 7, None), ("C", 3, 9, T1), ("C", 4, 11, T2),
            ("D", 1, 5, T1), ("D", 2, 3, T1), ("D", 3, 4, T2), ("D", 4, 6, T2),
            ("F", 1, 5, T1), ("F", 2, 7, None), ("F", 3, 9, T2), ("F", 4, 11, None), ("F", 5, 12, T2),
        ],
        "m string, t int, c int, s timestamp",
    )


def case_window_counter_diff(spark, F, T):
    # NULL for the first value, a null value (which leaves the state alone) and a reset:
    # the value went down, or the start time moved forward (a null start time never resets).
    Window = _window(spark)
    w = Window.partitionBy("m").orderBy("t")
    return _counters(spark).select(
        "m", "t", "c", "s", F.counter_diff("c").over(w), F.counter_diff("c", "s").over(w).alias("ds"),
    ).orderBy("m", "t")


def case_window_counter_diff_types(spark, F, T):
    # The result has the value's type: double, decimal; the start time may be TIMESTAMP_NTZ.
    Window = _window(spark)
    w = Window.partitionBy("m").orderBy("t")
    df = _counters(spark).select(
        "m", "t", F.col("c").cast("double").alias("cd"), F.col("c").cast("decimal(5,1)").alias("cx"),
        F.col("s").cast("timestamp_ntz").alias("sn"),
    )
    return df.select("m", "t", F.counter_diff("cd").over(w), F.counter_diff("cx", "sn").over(w)).orderBy("m", "t")


def case_window_counter_diff_nan_and_null(spark, F, T):
    Window = _window(spark)
    w = Window.partitionBy("m").orderBy("t")
    df = spark.createDataFrame(
        [(1, 1.0), (2, float("nan")), (3, 2.0), (4, float("inf")), (5, 3.0)], "t int, c double"
    ).withColumn("m", F.lit(1))
    return df.select("t", "c", F.counter_diff("c").over(w), F.counter_diff(F.lit(None)).over(w)).orderBy("t")


def case_error_window_counter_diff_negative(spark, F, T):
    Window = _window(spark)
    df = spark.createDataFrame([("a", 1, 5), ("a", 2, -1)], "m string, t int, c int")
    return df.select(F.counter_diff("c").over(Window.partitionBy("m").orderBy("t"))).collect()


def case_error_window_counter_diff_start_time_decreased(spark, F, T):
    Window = _window(spark)
    T1, T2 = datetime.datetime(2020, 1, 1), datetime.datetime(2020, 1, 2)
    df = spark.createDataFrame([("a", 1, 5, T2), ("a", 2, 7, T1)], "m string, t int, c int, s timestamp_ntz")
    return df.select(F.counter_diff("c", "s").over(Window.partitionBy("m").orderBy("t"))).collect()


def case_error_window_counter_diff_string(spark, F, T):
    Window = _window(spark)
    df = spark.range(3).select("id", F.col("id").cast("string").alias("s"))
    return df.select(F.counter_diff("s").over(Window.orderBy("id"))).collect()


def case_aggregate_approx_count_distinct_hll(spark, F, T):
    # Spark's HyperLogLog++ over xxhash64: linear counting while small, the raw estimate when large.
    df = spark.range(0, 100000, 1, 4).select("id", F.col("id").cast("string").alias("s"), (F.col("id") % 5000).alias("k"))
    return df.agg(
        F.approx_count_distinct("id").alias("default"), F.approx_count_distinct("id", 0.1).alias("rsd_0_1"),
        F.approx_count_distinct("id", 0.01).alias("rsd_0_01"), F.approx_count_distinct("s", 0.05).alias("strings"),
        F.approx_count_distinct("k").alias("k_5000"), F.approx_count_distinct("k", 0.2).alias("k_rsd_0_2"),
    )


def case_aggregate_approx_count_distinct_small(spark, F, T):
    # Nulls are skipped; -0.0 and 0.0 hash alike; structs hash field by field.
    df = spark.createDataFrame(
        [(1.5, "x", None), (-0.0, "é", 2), (0.0, None, 3), (float("nan"), "", 4), (float("nan"), "日本", 4)],
        "d double, s string, i int",
    )
    return df.select(
        F.approx_count_distinct("d"), F.approx_count_distinct("s"), F.approx_count_distinct("i"),
        F.approx_count_distinct(F.struct("s", "i")).alias("pairs"),
    )
