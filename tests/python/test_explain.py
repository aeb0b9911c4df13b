"""`DataFrame.explain` in Spark's vocabulary (runtime/src/explain/): golden renderings of
small plans, and join hints honoured (runtime/src/join_hint.rs). A golden changes only
when the rendering or the engine's plan is meant to change."""

import re

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    # A session of its own: four partitions whatever session other modules made.
    return SparkSession({"spark.master": "local[4]"})


@pytest.fixture(scope="module")
def people(spark):
    return spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])


@pytest.fixture(scope="module")
def heights(spark):
    return spark.createDataFrame([(80, "Tom"), (85, "Bob")], ["height", "name"])


def _explained(capsys, frame, *args, **kwargs) -> str:
    """What ``explain`` prints, engine table numbers masked (``__pyrust_local_N``)."""
    frame.explain(*args, **kwargs)
    return re.sub(r"(__pyrust_[a-z]+_)\d+", r"\1N", capsys.readouterr().out)


def test_physical_plan_in_sparks_layout_and_names(capsys, people):
    assert _explained(capsys, people.filter("age > 15").groupBy("name").count()) == """\
== Physical Plan ==
Project expr=[name@0 as name, count(Int32(1))@1 as count]
+- HashAggregate mode=Final, gby=[name@0 as name], aggr=[count(Int32(1))]
   +- AQEShuffleRead keys=[name@0], buckets=200, null_keys_last
      +- HashAggregate mode=Partial, gby=[name@0 as name], aggr=[count(Int32(1))]
         +- Project expr=[name@0 as name, 1 as Int32(1)]
            +- Filter age@0 > 15, projection=[name@1]
               +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1]

"""


def test_sort_with_limit_is_take_ordered(capsys, people):
    assert _explained(capsys, people.orderBy("age").limit(2)) == """\
== Physical Plan ==
TakeOrderedAndProject [age@0 ASC], fetch=2
+- Sort TopK(fetch=2), expr=[age@0 ASC], preserve_partitioning=[true]
   +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1]

"""


def test_broadcast_hint_builds_the_hinted_input(capsys, people, heights):
    # `heights` (two rows: partition sizes 0, 1, 0, 1) is collected and sent to every task.
    assert _explained(capsys, people.join(heights.hint("broadcast"), "name")) == """\
== Physical Plan ==
BroadcastHashJoin mode=CollectLeft, join_type=Inner, on=[(name@1, name@1)], projection=[name@3, age@2, height@0]
:- BroadcastExchange
:  +- LocalTableScan partitions=4, partition_sizes=[0, 1, 0, 1]
+- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1]

"""


def test_broadcast_hint_overrides_the_engines_choice(capsys, spark, people):
    numbers = spark.range(8, numPartitions=2).withColumnRenamed("id", "age")
    unhinted = _explained(capsys, numbers.join(people, "age"))
    assert "BroadcastExchange\n   :  +- Union" not in unhinted
    assert _explained(capsys, F.broadcast(numbers).join(people, "age")) == """\
== Physical Plan ==
Project expr=[id@0 as age, name@1 as name]
+- BroadcastHashJoin mode=CollectLeft, join_type=Inner, on=[(id@0, age@0)], projection=[id@0, name@2]
   :- BroadcastExchange
   :  +- Union
   :     :- Project expr=[value@0 as id]
   :     :  +- Range partitions=1, batch_generators=[range: start=0, end=4, batch_size=8192]
   :     +- Project expr=[value@0 as id]
   :        +- Range partitions=1, batch_generators=[range: start=4, end=8, batch_size=8192]
   +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1]

"""


def test_broadcast_hint_on_a_preserved_side_is_ignored(capsys, spark, people):
    # Spark never broadcasts the outer side of a left join; nor does pyrust.
    numbers = spark.range(8, numPartitions=2).withColumnRenamed("id", "age")
    hinted = _explained(capsys, numbers.hint("broadcast").join(people, "age", "left"))
    assert hinted == _explained(capsys, numbers.join(people, "age", "left"))


def test_sql_hints_name_relations(capsys, spark, people, heights):
    people.createOrReplaceTempView("explain_people")
    heights.createOrReplaceTempView("explain_heights")
    query = "SELECT /*+ BROADCAST(p) */ * FROM explain_people p JOIN explain_heights h ON p.name = h.name"
    assert "BroadcastExchange\n   :  +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1]" in _explained(
        capsys, spark.sql(query)
    )


def test_cached_results_are_in_memory_table_scans(capsys, spark):
    cached = spark.range(1)
    cached.cache()
    assert _explained(capsys, cached.filter("id > 0")) == """\
== Physical Plan ==
Filter id@0 > 0
+- InMemoryTableScan partitions=4, partition_sizes=[0, 0, 0, 1]

"""
    cached.unpersist()
    assert "InMemoryTableScan" not in _explained(capsys, cached)


def test_cost_mode_prints_sparks_statistics(capsys, people):
    # Spark's `GlobalLimit 2` of (bigint, string) rows: 2 * (8 + 8 + 20) bytes.
    assert _explained(capsys, people.union(people).limit(2), mode="cost") == """\
== Optimized Logical Plan ==
Limit: skip=0, fetch=2, Statistics(sizeInBytes=72.0 B, rowCount=2)
+- Union, Statistics(sizeInBytes=144.0 B, rowCount=4)
   :- Limit: skip=0, fetch=2, Statistics(sizeInBytes=72.0 B, rowCount=2)
   :  +- TableScan: __pyrust_local_N projection=[age, name], fetch=2, Statistics(sizeInBytes=72.0 B, rowCount=2)
   +- Limit: skip=0, fetch=2, Statistics(sizeInBytes=72.0 B, rowCount=2)
      +- TableScan: __pyrust_local_N projection=[age, name], fetch=2, Statistics(sizeInBytes=72.0 B, rowCount=2)

== Physical Plan ==
Coalesce fetch=2
+- Union
   :- Coalesce fetch=2
   :  +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1], fetch=2
   +- Coalesce fetch=2
      +- LocalTableScan partitions=4, partition_sizes=[0, 1, 1, 1], fetch=2

"""


def test_formatted_and_codegen_modes(capsys, people):
    assert _explained(capsys, people.filter("age > 15"), mode="FORMATTED") == """\
== Physical Plan ==
Filter (2)
+- LocalTableScan (1)


(1) LocalTableScan
DataFusion: DataSourceExec: partitions=4, partition_sizes=[0, 1, 1, 1]
Output [2]: [age, name]

(2) Filter
DataFusion: FilterExec: age@0 > 15
Output [2]: [age, name]

"""
    assert _explained(capsys, people, "codegen") == "Found 0 WholeStageCodegen subtrees.\n\n"


def test_extended_mode_shows_the_resolved_hint(capsys, people, heights):
    printed = _explained(capsys, people.join(heights.hint("mapjoin"), "name"), extended=True)
    assert """\
== Analyzed Logical Plan ==
name: string, age: bigint, height: bigint
Projection: __pyrust_local_N.name, __pyrust_local_N.age, __pyrust_local_N.height
+- Inner Join: __pyrust_local_N.name = __pyrust_local_N.name
   :- TableScan: __pyrust_local_N
   +- ResolvedHint (strategy=broadcast)
      +- TableScan: __pyrust_local_N
""" in printed


def test_explain_arguments_are_checked_as_pyspark_checks_them(people):
    with pytest.raises(errors.PySparkValueError, match="CANNOT_SET_TOGETHER"):
        people.explain(True, "cost")
    with pytest.raises(errors.IllegalArgumentException, match="Unknown explain mode: fancy"):
        people.explain(mode="fancy")
