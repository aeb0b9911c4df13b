"""``DataFrame.asTable()``'s TableArg: Spark's rules for combining its methods
(results are parity cases: parity_cases_lateral.py)."""

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def frame():
    spark = SparkSession.builder.getOrCreate()
    return spark.createDataFrame([(1, "a"), (2, "b")], "key int, value string")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda table: table.withSinglePartition().partitionBy("key"), "Cannot call partitionBy()"),
        (lambda table: table.partitionBy("key").partitionBy("value"), "Cannot call partitionBy()"),
        (lambda table: table.partitionBy("key").withSinglePartition(), "Cannot call withSinglePartition()"),
        (lambda table: table.orderBy("key"), "Please call partitionBy() or withSinglePartition() before orderBy()."),
    ],
)
def test_table_arg_methods_in_spark_order(frame, build, message):
    with pytest.raises(errors.IllegalArgumentException, match=message.replace("(", r"\(").replace(")", r"\)")):
        build(frame.asTable())


def test_udtf_takes_one_table_argument(frame):
    @F.udtf(returnType="n: int")
    class Both:
        def eval(self, left, right):
            yield (1,)

    with pytest.raises(errors.AnalysisException):
        Both(frame.asTable(), frame.asTable())


def test_analyze_sees_the_table_as_a_struct(frame):
    from pyrust.sql.udtf import AnalyzeResult
    from pyrust.sql import types as T

    @F.udtf
    class Echo:
        @staticmethod
        def analyze(table):
            assert table.isTable
            return AnalyzeResult(T.StructType([T.StructField(field.name, field.dataType) for field in table.dataType.fields]))

        def eval(self, row):
            yield tuple(row)

    assert [tuple(row) for row in Echo(frame.asTable()).collect()] == [(1, "a"), (2, "b")]
