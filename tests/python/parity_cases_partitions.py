"""Parity cases of Spark's partitions after repartition, repartitionByRange and coalesce
(rules: parity_cases.py's docstring). Results after a shuffle are returned as collected
lists, so that the order of rows (partition by partition) is compared too."""

import datetime
import decimal


def _ids(spark, F):
    # Nine partitions of a range, with a string and a negative column.
    return (
        spark.range(0, 64, 1, 9)
        .withColumn("name", F.concat(F.lit("name_"), F.col("id").cast("string")))
        .withColumn("age", F.col("id") - 32)
    )


def _mixed(spark):
    # Local data (split in the recorder's two partitions) with nulls, unicode, NaN and -0.0.
    return spark.createDataFrame(
        [
            (1, "héllo", 2.5, True, datetime.date(2024, 1, 2), decimal.Decimal("1.50")),
            (None, None, None, None, None, None),
            (-7, "", float("nan"), False, datetime.date(1969, 12, 31), decimal.Decimal("-3.25")),
            (42, "日本語", -0.0, True, datetime.date(2000, 2, 29), decimal.Decimal("0.00")),
            (3, "abc", 1e300, None, None, decimal.Decimal("12345.67")),
            (-7, "zz", 0.0, False, datetime.date(2024, 1, 2), None),
        ],
        "i int, s string, d double, b boolean, day date, amount decimal(7,2)",
    )


def _collected(df):
    return [tuple(row) for row in df.collect()]


def case_partitions_round_robin_pruned_rows(spark, F, T):
    # Only `id` reaches the exchange: rows are sorted by its bytes before being dealt.
    return _collected(_ids(spark, F).repartition(10).select("id", F.spark_partition_id()))


def case_partitions_round_robin_whole_rows(spark, F, T):
    return _collected(_ids(spark, F).repartition(10).select("*", F.spark_partition_id().alias("p")))


def case_partitions_round_robin_collect_order(spark, F, T):
    return [row.id for row in _ids(spark, F).repartition(3).collect()]


def case_partitions_round_robin_per_partition_functions(spark, F, T):
    df = _ids(spark, F).repartition(4)
    return _collected(df.select("id", F.monotonically_increasing_id(), F.rand(7)))


def case_partitions_round_robin_no_columns(spark, F, T):
    counts = _ids(spark, F).repartition(10).select(F.spark_partition_id().alias("p")).groupBy("p").count()
    return counts.orderBy("p")


def case_partitions_round_robin_types(spark, F, T):
    return _collected(_mixed(spark).repartition(3).select("*", F.spark_partition_id().alias("p")))


def case_partitions_round_robin_one_partition(spark, F, T):
    return _collected(_mixed(spark).repartition(1).select("i", "s", F.spark_partition_id().alias("p")))


def case_partitions_round_robin_after_filter(spark, F, T):
    # Spark filters before the exchange: the filtered rows are the ones dealt.
    df = _ids(spark, F).repartition(5).filter(F.col("id") % 3 == 0)
    return _collected(df.select("id", "name", F.spark_partition_id()))


def case_partitions_repartition_collapses(spark, F, T):
    # Spark keeps only the last of two repartitions.
    return _collected(_ids(spark, F).repartition(5).repartition(3).select("id", F.spark_partition_id()))


def case_partitions_hash_by_column(spark, F, T):
    return _collected(_ids(spark, F).repartition(7, "age").select("id", F.spark_partition_id()))


def case_partitions_hash_by_columns_with_nulls(spark, F, T):
    df = _mixed(spark).repartition(3, "s", "i")
    return _collected(df.select("i", "s", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m")))


def case_partitions_by_id(spark, F, T):
    df = _mixed(spark).repartitionById(4, F.col("i"))
    return _collected(df.select("i", "s", F.spark_partition_id().alias("p")))


def case_partitions_range_docstring(spark, F, T):
    df = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])
    return df.repartitionByRange(2, "age").select("age", "name", F.spark_partition_id()).orderBy("age")


def case_partitions_range_collected(spark, F, T):
    df = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])
    return _collected(df.repartitionByRange(2, "age").select("age", "name", F.spark_partition_id()))


def case_partitions_range_descending(spark, F, T):
    return _collected(_ids(spark, F).repartitionByRange(5, F.col("age").desc()).select("id", F.spark_partition_id()))


def case_partitions_range_strings(spark, F, T):
    return _collected(_ids(spark, F).repartitionByRange(4, "name").select("id", F.spark_partition_id()))


def case_partitions_range_nulls_and_nan(spark, F, T):
    df = _mixed(spark)
    first = df.repartitionByRange(3, "d").select("i", "d", F.spark_partition_id().alias("p"))
    last = df.repartitionByRange(3, F.col("s").asc_nulls_last(), "i").select("i", "s", F.spark_partition_id().alias("p"))
    return _collected(first) + _collected(last)


def case_partitions_range_duplicates(spark, F, T):
    df = spark.range(0, 40, 1, 3).select((F.col("id") % 4).alias("k"), "id")
    return _collected(df.repartitionByRange(6, "k").select("k", "id", F.spark_partition_id()))


def case_partitions_coalesce(spark, F, T):
    return _collected(_ids(spark, F).coalesce(4).select("id", F.spark_partition_id(), F.monotonically_increasing_id()))


def case_partitions_coalesce_after_repartition(spark, F, T):
    # Spark's coalescer groups a shuffle's partitions by location, with a seeded random placement.
    df = _ids(spark, F)
    six = df.repartition(6).coalesce(4).select("id", F.spark_partition_id().alias("p"))
    ten = df.repartition(10, "name").coalesce(3).select("id", F.spark_partition_id().alias("p"))
    return _collected(six) + _collected(ten)


def case_partitions_coalesce_with_empty_shuffle_partitions(spark, F, T):
    # Empty partitions of a shuffle have no location: the coalescer places them last.
    df = _mixed(spark).repartition(9, "i").coalesce(4)
    return _collected(df.select("i", "s", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m")))


def case_partitions_coalesce_local(spark, F, T):
    return _collected(_mixed(spark).coalesce(1).select("i", F.spark_partition_id().alias("p")))
