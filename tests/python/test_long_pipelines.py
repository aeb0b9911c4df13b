"""Long pipelines (issue 9): hundreds of chained operations build, collapse as
Spark's optimizer collapses them, stay within every decoder's bounds, and run.

The plan-only tests read the plan pyrust writes (``_plan.write_plan``, no
protobuf parsing on the way); PySpark's results for the 300-operation chains
are in the parity corpus (``case_long_chain_*``); the 1,000-operation chains,
which PySpark cannot run, are checked against values computed here.
"""

from __future__ import annotations

import pytest
from substrait import algebra_pb2 as stalg

from pyrust import errors
from pyrust.sql import SparkSession, _plan
from pyrust.sql import functions as F
from pyrust.sql._extensions import function_name

# The engine's bounds (compiler/src/decode.rs, compiler/src/validate/mod.rs).
ENGINE_MAX_WIRE_DEPTH = 1024
ENGINE_MAX_RELATION_DEPTH = 256


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.master("local[2]").getOrCreate()


@pytest.fixture
def numbers(spark):
    return spark.createDataFrame([(i, str(i)) for i in range(10)], ["x", "y"])


def _root(df) -> stalg.Rel:
    return _plan.write_plan(df._plan).relations[0].root.input


def _chain(rel: stalg.Rel) -> list[str]:
    """The relation kinds from the root down the first input."""
    kinds = []
    while True:
        kind = rel.WhichOneof("rel_type")
        kinds.append(kind)
        body = getattr(rel, kind)
        if kind == "set":
            return [*kinds[:-1], f"set[{len(body.inputs)}]"]
        if "input" not in body.DESCRIPTOR.fields_by_name:
            return kinds
        rel = body.input


def _wire_depth(df) -> int:
    """How deep the plan's protobuf messages nest (what the engine's decoder bounds)."""
    deepest = 0
    pending = [(_plan.write_plan(df._plan), 0)]
    while pending:
        message, level = pending.pop()
        deepest = max(deepest, level)
        for descriptor, value in message.ListFields():
            if descriptor.type == descriptor.TYPE_MESSAGE:
                children = value if descriptor.is_repeated else [value]
                pending.extend((child, level + 1) for child in children)
    return deepest


def _function(expression: stalg.Expression) -> str:
    return function_name(expression.scalar_function.function_reference).split(":")[0]


# -- collapsed shapes ------------------------------------------------------------------


def test_300_with_column_calls_are_one_projection(numbers):
    df = numbers
    for i in range(1, 301):
        df = df.withColumn(f"c{i % 5}", F.col("x") + i)
    assert df.columns == ["x", "y", "c1", "c2", "c3", "c4", "c0"]
    assert _chain(_root(df)) == ["project", "read"]
    assert _wire_depth(df) < 20


def test_1000_with_column_calls_build_a_shallow_plan(numbers):
    df = numbers
    for i in range(1, 1001):
        df = df.withColumn(f"c{i % 5}", F.col("x") + i)
    assert _chain(_root(df)) == ["project", "read"]
    assert _wire_depth(df) < 20


def test_200_filters_are_one_filter_with_one_variadic_and(spark):
    df = spark.range(205).filter(F.col("id") >= 0)
    for i in range(198):
        df = df.filter(F.col("id") != i)
    df = df.filter(F.col("id") < 1000)
    rel = _root(df)
    assert _chain(rel) == ["filter", "read"]
    condition = rel.filter.condition
    assert _function(condition) == "and"
    conditions = [argument.value for argument in condition.scalar_function.arguments]
    assert len(conditions) == 200
    # The earlier filter's condition comes first, as in Spark's CombineFilters.
    assert [_function(conditions[0]), _function(conditions[1]), _function(conditions[-1])] == ["gte", "not", "lt"]
    assert _wire_depth(df) < 20


def test_filters_move_below_projections_and_combine(spark):
    df = spark.range(40)
    for i in range(100):
        df = df.withColumn("v", F.col("id") * 2 + i).filter(F.col("v") > i)
    rel = _root(df)
    assert _chain(rel) == ["project", "filter", "read"]
    assert len(rel.project.input.filter.condition.scalar_function.arguments) == 100
    assert df.columns == ["id", "v"]


def test_a_union_of_unions_is_one_set_relation_in_order(spark):
    parts = [spark.range(i, i + 1) for i in range(300)]
    union = parts[0]
    for part in parts[1:]:
        union = union.union(part)
    rel = _root(union)
    assert _chain(rel) == ["set[300]"]
    read_tables = [item.read.named_table.names[0] for item in rel.set.inputs]
    assert read_tables == [part._plan.names[0] for part in parts]
    # Unions on the right flatten too, keeping left-to-right order.
    a, b, c = parts[:3]
    nested = a.union(b.union(c))
    assert [item.read.named_table.names[0] for item in _root(nested).set.inputs] == [
        part._plan.names[0] for part in (a, b, c)
    ]


def test_limits_in_a_row_are_the_smallest(numbers):
    rel = _root(numbers.limit(7).limit(3).limit(5))
    assert _chain(rel) == ["fetch", "read"]
    assert rel.fetch.count_expr.literal.i64 == 3


def test_a_projection_that_passes_its_input_through_is_none(numbers):
    assert _chain(_root(numbers.select("*"))) == ["read"]
    assert _chain(_root(numbers.select("x", "y").drop("nothing"))) == ["read"]


def test_an_expression_used_twice_is_not_inlined(numbers):
    # Spark's CollapseProject keeps `a` computed once rather than twice.
    df = numbers.withColumn("a", F.col("x") + 1).withColumn("b", F.col("a") * F.col("a"))
    assert _chain(_root(df)) == ["project", "project", "read"]
    # A column or a literal is cheap: inlined however often it is used.
    df = numbers.withColumn("a", F.lit(2)).withColumn("b", F.col("a") * F.col("a") + F.col("x") * F.col("x"))
    assert _chain(_root(df)) == ["project", "read"]


def test_a_filter_stays_above_a_limit(numbers):
    df = numbers.withColumn("z", F.col("x") + 1).limit(5).filter(F.col("z") > 2)
    assert _chain(_root(df)) == ["filter", "fetch", "project", "read"]


def test_inlining_stops_at_the_depth_bound(numbers):
    df = numbers
    for _ in range(1000):
        df = df.withColumn("x", F.col("x") + 1)
    chain = _chain(_root(df))
    assert chain[-1] == "read"
    assert set(chain[:-1]) == {"project"}
    # One projection per MAX_INLINED_DEPTH levels: about thirty, not a thousand.
    assert 1000 // _plan.MAX_INLINED_DEPTH <= len(chain) - 1 <= 2 * 1000 // _plan.MAX_INLINED_DEPTH
    assert _wire_depth(df) < ENGINE_MAX_WIRE_DEPTH


def test_a_100_deep_expression_builds(numbers):
    deep = F.col("x")
    for _ in range(100):
        deep = deep + 1
    df = numbers.select(deep.alias("deep"))
    assert _chain(_root(df)) == ["project", "read"]
    assert _wire_depth(df) > 300  # three protobuf levels per call: far past upb's parse limit of 100


def test_column_references_of_earlier_frames_still_resolve(numbers):
    df = numbers
    for i in range(1, 60):
        df = df.withColumn(f"c{i % 3}", F.col("x") + i)
    df = df.filter(numbers["x"] > 3).select(numbers.y, df["c0"])
    assert df.columns == ["y", "c0"]
    assert sorted(tuple(row) for row in df.collect()) == sorted((str(x), x + 57) for x in range(4, 10))


# -- run on the engine -------------------------------------------------------------------


def test_1000_chained_with_column_calls_compute_the_right_values(numbers):
    df = numbers
    for i in range(1, 1001):
        df = df.withColumn(f"c{i % 5}", F.col("x") + i)
    expected = sorted((x, str(x), x + 996, x + 997, x + 998, x + 999, x + 1000) for x in range(10))
    assert df.columns == ["x", "y", "c1", "c2", "c3", "c4", "c0"]
    assert sorted(tuple(row) for row in df.collect()) == expected


def test_stacked_projections_compute_the_right_values(numbers):
    # 300 (not 1,000) increments: the engine's optimizer merges the stacked
    # projections back into one expression and takes time superlinear in its
    # depth (benchmarks/long_chain.py, chain "x = x + 1").
    df = numbers
    for _ in range(300):
        df = df.withColumn("x", F.col("x") + 1)
    assert sorted(row.x for row in df.collect()) == [x + 300 for x in range(10)]


def test_1000_mixed_operations_compute_the_right_values(spark):
    df = spark.range(100)
    for i in range(500):
        df = df.withColumn("v", F.col("id") + i).filter(F.col("v") % 97 != 0)
    survivors = [n for n in range(100) if all((n + i) % 97 != 0 for i in range(500))]
    assert sorted(row.id for row in df.collect()) == survivors


def test_a_300_way_union_keeps_the_inputs_in_order(spark):
    union = spark.range(0, 2)
    for i in range(1, 300):
        union = union.union(spark.range(2 * i, 2 * i + 2))
    assert [row.id for row in union.collect()] == list(range(600))


def test_a_deep_plan_of_ours_reads_back_through_spark_substrait(spark, numbers):
    # Limits and projections do not merge: 120 relations, deeper than upb parses by default.
    df = numbers
    for i in range(60):
        df = df.withColumn("x", F.col("x") * 1).limit(100 - i)
    assert _wire_depth(df) > 100
    assert sorted(row.x for row in spark.substrait(df._substrait()).collect()) == list(range(10))


def test_a_plan_beyond_the_engine_bounds_is_refused_with_a_diagnostic(numbers):
    # 1,000 operations Spark's rules cannot merge nest 1,000 relations deep:
    # past the engine's bounds, which refuse the plan rather than overflow a stack.
    df = numbers
    for i in range(500):
        df = df.withColumn("x", F.col("x") * 1).limit(1000 - i)
    assert _wire_depth(df) > ENGINE_MAX_WIRE_DEPTH
    with pytest.raises(errors.PySparkException, match="nests deeper"):
        df.collect()
