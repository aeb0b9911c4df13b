"""pyrust-specific properties of DataFrame API methods that parity cases cannot show:
caching really reads the kept result, toLocalIterator streams, sampling is reproducible."""

import pytest

from pyrust.sql import SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.getOrCreate()


def test_cache_reads_the_kept_result_until_unpersist(spark):
    df = spark.range(1000).filter(F.col("id") % 3 == 0)
    assert "__pyrust_cache" not in df._substrait_json()
    df.cache()
    derived = df.filter("id > 500")
    assert "__pyrust_cache" in df._substrait_json()
    assert "__pyrust_cache" in derived._substrait_json()
    assert (df.count(), derived.count()) == (334, 167)
    df.unpersist()
    assert "__pyrust_cache" not in df._substrait_json()
    assert df.count() == 334


def test_to_local_iterator_is_lazy_and_complete(spark):
    df = spark.range(100_000).select("id", (F.col("id") * 2).alias("twice"))
    rows = df.toLocalIterator()
    assert next(rows).twice == 0
    assert sum(1 for _ in rows) == 99_999


def test_sampling_is_reproducible_and_splits_are_a_partition(spark):
    df = spark.range(2000)
    first = [row.id for row in df.sample(0.25, seed=11).collect()]
    again = [row.id for row in df.sample(fraction=0.25, seed=11).collect()]
    assert first == again
    assert 350 < len(first) < 650
    parts = [{row.id for row in part.collect()} for part in df.randomSplit([1.0, 3.0], seed=5)]
    assert not parts[0] & parts[1]
    assert len(parts[0] | parts[1]) == 2000
    assert len(parts[0]) < len(parts[1])


def test_sampling_keeps_duplicates_independently(spark):
    df = spark.createDataFrame([(1,)] * 400, "a int")
    assert 120 < df.sample(0.5, seed=3).count() < 280


def test_partitions_spark_does_not_fix_stay_not_implemented(spark):
    # Spark samples partitions larger than its sample size at random for the range bounds,
    # and groups a shuffle's partitions by block location, other ones in runs, when coalescing a mix.
    too_large = spark.range(0, 1000, 1, 1).repartitionByRange(2, "id")
    assert too_large.count() == 1000
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        too_large.select(F.spark_partition_id())
    sampled_whole = spark.range(0, 600, 1, 1).repartitionByRange(2, "id").select(F.spark_partition_id().alias("p"))
    assert [tuple(row) for row in sampled_whole.groupBy("p").count().orderBy("p").collect()] == [(0, 300), (1, 300)]
    # Rows of nested types are not sorted as Spark sorts them before dealing them round robin.
    nested = spark.createDataFrame([([1, 2],), ([3],)], "a array<int>").repartition(2)
    assert nested.count() == 2
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        nested.select(F.spark_partition_id())
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        spark.range(5).union(spark.range(5).repartition(2)).coalesce(2).select(F.spark_partition_id())
    regrouped = spark.range(0, 64, 1, 9).repartition(6).coalesce(4).withColumn("x", F.lit(1)).coalesce(2)
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        regrouped.select(F.spark_partition_id())
    # Without a number of partitions Spark's adaptive execution chooses them from the bytes shuffled.
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        spark.range(10).repartition("id").select(F.spark_partition_id())
    # Over partitions that are not Spark's, rows keep pyrust's; a shuffle by key still tells each row's.
    grouped = spark.range(10).groupBy((F.col("id") % 3).alias("k")).count()
    keyed = grouped.repartition(2, "k").select("k", F.spark_partition_id().alias("p")).orderBy("k")
    assert [tuple(row) for row in keyed.collect()] == [(0, 1), (1, 1), (2, 0)]  # PySpark's
    with pytest.raises(Exception, match="NOT_IMPLEMENTED"):
        grouped.repartition(2).select(F.spark_partition_id())
