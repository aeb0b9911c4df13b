"""Parity cases: Spark's floating-point aggregates to the last bit (sum, avg, the
central moments, co-moments) over several partitions, globally and per group,
with nulls, NaN and infinities; describe/summary; the row order of exceptAll and
intersectAll; foreach/foreachPartition. Rules: see parity_cases.py.

Results that are doubles are returned as ``repr`` strings where the last digit
is the point, and collected lists where Spark's row order after a shuffle is.
"""

from parity_cases import settings


def _measures(spark):
    # 1000 rows of awkward doubles over the session's partitions; w repeats.
    rows = [(i % 3, 0.1 * i + 1 / (i + 3), float(i % 17) - 8.5) for i in range(1000)]
    return spark.createDataFrame(rows, "k int, v double, w double")


def _statistics(F, value, other):
    return [
        F.avg(value),
        F.sum(value),
        F.stddev(value),
        F.stddev_pop(value),
        F.var_samp(value),
        F.var_pop(value),
        F.skewness(value),
        F.kurtosis(value),
        F.corr(value, other),
        F.covar_samp(value, other),
        F.covar_pop(value, other),
    ]


def _reprs(row):
    return [repr(value) for value in row]


def case_float_aggregates_global_many_partitions(spark, F, T):
    df = _measures(spark)
    return _reprs(df.select(*_statistics(F, "v", "w")).collect()[0])


def case_float_aggregates_global_range_partitions(spark, F, T):
    df = spark.range(0, 1000, 1, 3).select((F.col("id") / 7).alias("x"), (F.col("id") % 13 / 3).alias("y"))
    return _reprs(df.select(*_statistics(F, "x", "y")).collect()[0])


def case_float_aggregates_grouped_in_spark_order(spark, F, T):
    df = _measures(spark)
    return [_reprs(row) for row in df.groupBy("k").agg(*_statistics(F, "v", "w")).collect()]


def case_float_aggregates_grouped_under_sort(spark, F, T):
    # The merge order per group does not depend on whether the output order shows.
    df = _measures(spark)
    grouped = df.groupBy((F.col("k") * 2).alias("g")).agg(F.avg("v"), F.sum("v"), F.stddev("v"), F.kurtosis("v"))
    return [_reprs(row) for row in grouped.orderBy(F.desc("g")).collect()]


def case_float_aggregates_sum_of_floats_and_ints(spark, F, T):
    df = spark.createDataFrame([(0.1, 1, 0.7), (0.2, 2, 0.1), (0.3, 3, 0.2)] * 5, "f float, i int, d double")
    return _reprs(df.select(F.sum("f"), F.avg("f"), F.sum("i"), F.avg("i"), F.sum("d"), F.avg("d")).collect()[0])


def case_float_aggregates_nulls_nan_infinity(spark, F, T):
    df = spark.createDataFrame(
        [
            ("nulls", None),
            ("nulls", None),
            ("nan", 1.0),
            ("nan", float("nan")),
            ("inf", float("inf")),
            ("inf", 2.0),
            ("both", float("inf")),
            ("both", float("-inf")),
            ("negzero", -0.0),
            ("single", 3.5),
        ],
        "g string, x double",
    )
    aggregated = df.groupBy("g").agg(F.sum("x"), F.avg("x"), F.stddev("x"), F.var_pop("x"), F.skewness("x"))
    return aggregated.orderBy("g")


def case_float_aggregates_empty_input(spark, F, T):
    df = spark.createDataFrame([(1.0,), (2.0,)], "x double").filter("x > 5")
    return df.select(F.sum("x"), F.avg("x"), F.stddev("x"), F.corr("x", "x"), F.covar_pop("x", "x"))


@settings({"spark.sql.ansi.enabled": "false"})
def case_float_aggregates_in_sql(spark, F, T):
    _measures(spark).createOrReplaceTempView("measures")
    row = spark.sql("SELECT avg(v), sum(v), variance(v), stddev_samp(w) FROM measures WHERE k > 0").collect()[0]
    return _reprs(row)


def case_float_aggregates_describe_many_rows(spark, F, T):
    return _measures(spark).describe()


def case_float_aggregates_summary_selected(spark, F, T):
    return _measures(spark).summary("mean", "stddev", "count")


def case_except_all_in_spark_order(spark, F, T):
    left = spark.createDataFrame([(i % 7, f"s{i % 5}", None if i % 11 == 0 else i / 3) for i in range(60)], "a int, b string, c double")
    right = spark.createDataFrame([(i % 7, f"s{i % 5}", None if i % 11 == 0 else i / 3) for i in range(0, 60, 4)], "a int, b string, c double")
    return [tuple(row) for row in left.exceptAll(right).collect()]


def case_intersect_all_in_spark_order(spark, F, T):
    left = spark.createDataFrame([("a", 1), ("a", 1), ("a", 1), ("a", 2), ("b", 3), ("c", 4), (None, None)], "c1 string, c2 int")
    right = spark.createDataFrame([("a", 1), ("b", 3), ("a", 1), (None, None), ("d", 5)], "c1 string, c2 int")
    return [[tuple(row) for row in left.intersectAll(right).collect()], [tuple(row) for row in right.intersectAll(left).collect()]]


def _partition_files(run):
    """The files ``run(write)`` makes, ``write`` writing one per call: the first id and the count of its rows."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())

    def write(rows):
        ids = [row[0] for row in rows]
        (folder / f"{min(ids, default=-1)}_{len(ids)}").write_text(str(ids))

    run(write)
    return sorted(path.name for path in folder.iterdir())


def case_foreach_partition_sees_each_partition(spark, F, T):
    def run(write):
        spark.range(0, 10, 1, 4).foreachPartition(write)
        spark.createDataFrame([(i, str(i)) for i in range(100, 107)], "n int, s string").foreachPartition(write)

    return _partition_files(run)


def case_foreach_partition_calls_empty_partitions(spark, F, T):
    # Spark calls the function for a partition without rows too (here the first of four).
    return _partition_files(lambda write: spark.range(0, 3, 1, 4).foreachPartition(write))


def case_foreach_sees_every_row(spark, F, T):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())

    def touch(row):
        (folder / f"{row.name}_{row.age}").write_text("")

    spark.createDataFrame([("Tom", 80), ("Alice", None), ("Bob", 2)], ["name", "age"]).foreach(touch)
    return sorted(path.name for path in folder.iterdir())
