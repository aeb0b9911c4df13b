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
