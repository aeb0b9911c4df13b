"""Parity cases of the aggregate functions (rules: parity_cases.py's docstring).

Order-dependent aggregates (first, last, collect_list, listagg) are checked on
groups where every order gives the same answer: Spark's result follows the
order partial aggregates are merged in, which a shuffle does not fix.
"""

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
