"""Subqueries in the DataFrame API and SQL: the plans they emit (outer references,
subquery expressions), late resolution of ``outer()``, and what they keep alive.
Results are checked against PySpark by the parity cases (``subquery_*``)."""

import gc

import pytest
from substrait import plan_pb2

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F
from pyrust.sql._proto import walk_messages


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.getOrCreate()


@pytest.fixture
def people(spark):
    return spark.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "c", 10)], "id int, name string, team int")


def _outer_steps(frame):
    plan = plan_pb2.Plan.FromString(frame._substrait())
    return sorted(
        message.outer_reference.steps_out
        for message in walk_messages(plan)
        if type(message).__name__ == "FieldReference" and message.WhichOneof("root_type") == "outer_reference"
    )


def test_outer_reference_is_one_step_out(people):
    inner = people.alias("b").where(F.col("b.team") == F.col("a.team").outer()).select(F.count("*"))
    frame = people.alias("a").select("id", inner.scalar())
    assert _outer_steps(frame) == [1]
    assert frame.columns == ["id", "scalarsubquery(team)"]
    assert [tuple(row) for row in frame.orderBy("id").collect()] == [(1, 2), (2, 1), (3, 2)]


def test_nested_subqueries_each_one_step_out(people):
    innermost = people.alias("c").where(F.col("c.id") == F.col("b.id").outer() + 1)
    middle = people.alias("b").where((F.col("b.team") == F.col("a.team").outer()) & innermost.exists())
    frame = people.alias("a").where(middle.exists())
    assert _outer_steps(frame) == [1, 1]
    assert sorted(row.id for row in frame.collect()) == [1, 2, 3]


def test_reference_two_subqueries_out_is_not_implemented(people):
    # The engine decorrelates one level only: refused rather than wrong.
    innermost = people.alias("c").where(F.col("c.id") == F.col("a.id").outer())
    middle = people.alias("b").where((F.col("b.team") == F.col("a.team").outer()) & innermost.exists())
    with pytest.raises(errors.PySparkNotImplementedError):
        people.alias("a").where(middle.exists())


def test_correlated_dataframe_waits_for_its_query(people):
    inner = people.alias("b").where(F.col("b.id") == F.col("a.id").outer())
    # Chained operations are recorded too.
    counted = inner.select(F.sum("team"))
    with pytest.raises(errors.AnalysisException) as raised:
        counted.columns  # noqa: B018 - the property raises
    assert raised.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    with pytest.raises(errors.AnalysisException):
        inner.collect()
    frame = people.alias("a").select("id", counted.scalar().alias("own"))
    assert [tuple(row) for row in frame.orderBy("id").collect()] == [(1, 10), (2, 20), (3, 10)]


def test_outer_resolves_in_the_query_itself_first(people):
    # Spark resolves `outer()` late, and the subquery's own columns come first.
    assert people.where(F.col("id").outer() == 2).count() == 1


def test_subquery_keeps_its_tables(spark, people):
    frame = people.select("id", spark.range(5).select(F.max("id")).scalar().alias("m"))
    gc.collect()
    assert [tuple(row) for row in frame.orderBy("id").collect()] == [(1, 4), (2, 4), (3, 4)]


def test_filter_conditions_are_predicates_values_are_counts(people, spark):
    listed = spark.range(2)
    as_filter = plan_pb2.Plan.FromString(people.where(people.id.isin(listed))._substrait())
    kinds = {message.WhichOneof("subquery_type") for message in walk_messages(as_filter) if type(message).__name__ == "Subquery"}
    assert kinds == {"in_predicate"}
    as_value = plan_pb2.Plan.FromString(people.select(people.id.isin(listed))._substrait())
    kinds = {message.WhichOneof("subquery_type") for message in walk_messages(as_value) if type(message).__name__ == "Subquery"}
    assert kinds == {"scalar"}


def test_scalar_subquery_with_many_rows_fails(people):
    with pytest.raises(errors.PySparkException) as raised:
        people.select(people.select("id").scalar()).collect()
    assert raised.value.getCondition() == "SCALAR_SUBQUERY_TOO_MANY_ROWS"


def test_sql_correlated_subquery_sees_the_enclosing_query(spark, people):
    people.createOrReplaceTempView("subquery_people")
    frame = spark.sql(
        "SELECT id, (SELECT count(*) FROM subquery_people b WHERE b.team = a.team) AS mates "
        "FROM subquery_people a WHERE EXISTS (SELECT 1 FROM subquery_people c WHERE c.id = a.id + 1)"
    )
    assert _outer_steps(frame) == [1, 1]
    assert [tuple(row) for row in frame.orderBy("id").collect()] == [(1, 2), (2, 1)]


def test_lateral_join_shapes_not_decorrelated_are_not_implemented(spark):
    # Decorrelated shapes: parity_cases_lateral.py. A limit without an order picks
    # rows by Spark's scan order, which a join does not keep.
    left = spark.createDataFrame([(1,), (2,)], "k int")
    right = spark.createDataFrame([(1, 5), (1, 6)], "j int, v int")
    correlated = right.where(F.col("j") == F.col("k").outer())
    with pytest.raises(errors.PySparkNotImplementedError, match="limit without an orderBy"):
        left.lateralJoin(correlated.limit(1))
    with pytest.raises(errors.PySparkNotImplementedError, match="distinct"):
        left.lateralJoin(correlated.distinct())


def test_scalar_subquery_of_a_non_null_column_is_null_without_rows(spark):
    # DataFusion types a scalar subquery as its column; Spark's is always nullable.
    frame = spark.sql("SELECT (SELECT 1 FROM range(3) WHERE false) AS none, (SELECT 1 FROM range(3) WHERE id = 0) AS one")
    assert frame.schema["none"].nullable
    assert [tuple(row) for row in frame.collect()] == [(None, 1)]


def test_correlated_scalar_subquery_without_aggregate_is_not_implemented(people, spark):
    # Spark checks at run time that each row has at most one match; DataFusion plans none.
    label = spark.range(5).where(F.col("id") == F.col("team").outer()).select("id").scalar()
    with pytest.raises(errors.PySparkNotImplementedError):
        people.select(label).collect()
