"""Python UDFs beyond what the parity corpus compares with PySpark: how they run
(host callbacks, once per call for non-deterministic ones, partitions in
parallel), errors (Python's traceback, a plan naming an unregistered function)
and what the plan shows."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from pyrust import errors
from pyrust.sql import SparkSession, Window
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.getOrCreate()


def _counter():
    calls = []
    lock = threading.Lock()

    def count(value):
        with lock:
            calls.append(value)
        return len(calls)

    return F.udf(count, "int").asNondeterministic(), calls


def test_a_non_deterministic_udf_runs_once_per_row_even_when_its_result_is_used_twice(spark):
    counter, calls = _counter()
    frame = spark.range(10).select(counter("id").alias("r"))
    rows = frame.select("r", (F.col("r") + F.col("r")).alias("twice")).collect()
    assert len(calls) == 10
    assert all(row.twice == 2 * row.r for row in rows)


def test_a_filter_on_a_non_deterministic_udf_does_not_run_it_again(spark):
    counter, calls = _counter()
    spark.range(10).select(counter("id").alias("r")).filter("r > 0").collect()
    assert len(calls) == 10


def test_udfs_run_on_every_partition(spark):
    frame = spark.range(0, 100_000, numPartitions=4)
    doubled = F.udf(lambda value: value * 2, "long")
    assert frame.select(doubled("id").alias("d")).agg(F.sum("d")).collect()[0][0] == 2 * sum(range(100_000))


def test_a_python_exception_carries_the_traceback_and_the_session_goes_on(spark):
    def broken(value):
        return {}[value]

    with pytest.raises(errors.PythonException) as raised:
        spark.range(3).select(F.udf(broken, "int")("id")).collect()
    assert raised.value.getCondition() == "PYTHON_EXCEPTION"
    assert "KeyError" in str(raised.value)
    assert "in broken" in str(raised.value)
    assert spark.range(3).select(F.udf(lambda value: value, "long")("id")).count() == 3


def test_a_plan_naming_an_unregistered_udf_fails_naming_it(spark):
    from pyrust import _engine
    from pyrust._native import _spark_exception

    plus = F.udf(lambda value: value + 1, "long")
    frame = spark.range(3).select(plus("id"))
    # The engine session itself, before the session registers the new UDF with it.
    with pytest.raises(_engine.EngineError) as raised:
        spark._engine._session.execute(frame._substrait(), None).read_all()
    error = _spark_exception(raised.value)
    assert isinstance(error, errors.AnalysisException)
    assert error.getCondition() == "UNRESOLVED_ROUTINE"
    assert "pyrust_udf_" in str(error)
    assert frame.count() == 3


def test_the_substrait_view_shows_the_udf_by_name(spark):
    def shout(value):
        return value.upper()

    frame = spark.range(1).select(F.udf(shout)(F.lit("a")))
    text = spark._engine.explain(frame._substrait(), "substrait")
    assert "_shout" in text


def test_register_java_function_is_not_implemented(spark):
    with pytest.raises(errors.PySparkNotImplementedError):
        spark.udf.registerJavaFunction("f", "x.Y")


def test_a_grouped_aggregate_pandas_udf_runs_over_a_sliding_window(spark):
    @F.pandas_udf("double")
    def mean(values: pd.Series) -> float:
        return values.mean()

    frame = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    window = Window.partitionBy("id").orderBy("v").rowsBetween(-1, 0)
    rows = frame.withColumn("m", mean("v").over(window)).orderBy("id", "v").collect()
    assert [row.m for row in rows] == [1.0, 1.5, 3.0, 4.0, 7.5]


def test_a_grouped_aggregate_pandas_udf_in_sql(spark):
    @F.pandas_udf("integer")
    def total(values: pd.Series) -> int:
        return values.sum()

    spark.udf.register("test_udf_total", total)
    query = "SELECT test_udf_total(v1) FROM VALUES (3, 0), (2, 0), (1, 1) tbl(v1, v2) GROUP BY v2"
    assert sorted(row[0] for row in spark.sql(query).collect()) == [1, 5]


def test_map_in_pandas_sees_the_columns_by_their_names(spark):
    frame = spark.range(3).select((F.col("id") + 1).alias("renamed"))
    seen = []

    def record(frames):
        for batch in frames:
            seen.append(list(batch.columns))
            yield batch

    assert frame.mapInPandas(record, "renamed long").count() == 3
    assert all(columns == ["renamed"] for columns in seen)
