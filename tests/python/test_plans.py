"""Plan-only tests: what pyrust emits, checked without running a query.

Every plan the API emits must survive the trip to the engine unchanged (the
engine's protobuf definitions are older than the Python ones, and prost drops
unknown fields silently) and pass the compiler's validation without errors.
"""

import json
import sys
from pathlib import Path

import pytest
from google.protobuf import json_format
from substrait import plan_pb2

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import parity_corpus  # noqa: E402
import parity_harness  # noqa: E402

from pyrust._native import compile_plan  # noqa: E402
from pyrust.sql import DataFrame, SparkSession  # noqa: E402
from pyrust.sql import functions as F  # noqa: E402
from pyrust.sql import types as T  # noqa: E402


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    # The parity cases create tables: in a warehouse of their own, not the working directory.
    warehouse = tmp_path_factory.mktemp("warehouse")
    return SparkSession.builder.master("local[2]").config("spark.sql.warehouse.dir", str(warehouse)).getOrCreate()


def _frames_of_the_corpus(spark):
    """Every DataFrame the parity corpus builds (cases that raise are skipped)."""
    for name, (case, _module) in sorted(parity_corpus.all_cases().items()):
        try:
            with parity_harness.case_settings(case, spark):
                result = case(spark, F, T)
        except Exception:  # noqa: BLE001 - error cases are checked by test_parity
            continue
        if isinstance(result, DataFrame):
            yield name, result


def test_every_corpus_plan_reaches_the_engine_intact_and_valid(spark):
    checked = 0
    for name, frame in _frames_of_the_corpus(spark):
        plan_bytes = frame._substrait()
        engine_bytes, diagnostics = compile_plan(plan_bytes)
        assert engine_bytes == plan_bytes, f"{name}: the engine's protobuf definitions dropped or changed a field"
        assert not [line for line in diagnostics if line.startswith("error")], f"{name}: {diagnostics}"
        checked += 1
    assert checked > 100


def _plan_json(frame: DataFrame) -> dict:
    plan = plan_pb2.Plan.FromString(frame._substrait())
    return json.loads(json_format.MessageToJson(plan))


def test_a_filter_plan_declares_versions_urns_and_typed_functions(spark):
    frame = spark.createDataFrame([(1, "a")], "x int, s string").filter(F.col("x") > 0).select((F.col("x") + 1).alias("y"))
    plan = _plan_json(frame)
    assert plan["version"] == {"minorNumber": 85, "producer": "pyrust"}
    declared = {item["extensionFunction"]["name"] for item in plan["extensions"]}
    assert declared == {"gt:any_any", "add:i32_i32"}
    urns = {item["urn"] for item in plan["extensionUrns"]}
    assert urns == {"extension:io.substrait:functions_comparison", "extension:io.substrait:functions_arithmetic"}
    root = plan["relations"][0]["root"]
    assert root["names"] == ["y"]
    project = root["input"]["project"]
    assert project["common"]["emit"]["outputMapping"] == [2]
    addition = project["expressions"][0]["scalarFunction"]
    assert addition["outputType"] == {"i32": {"nullability": "NULLABILITY_NULLABLE"}}
    assert addition["options"] == [{"name": "overflow", "preference": ["ERROR"]}]


def test_aggregates_are_single_phase_with_output_types(spark):
    frame = spark.range(3).groupBy().agg(F.sum("id"), F.count("*"))
    measures = _plan_json(frame)["relations"][0]["root"]["input"]["aggregate"]["measures"]
    for measure in measures:
        assert measure["measure"]["phase"] == "AGGREGATION_PHASE_INITIAL_TO_RESULT"
        assert "outputType" in measure["measure"]


def test_duplicate_output_names_are_made_unique_for_the_engine_only(spark):
    left = spark.createDataFrame([(1, "a")], "id int, v string")
    right = spark.createDataFrame([(1, "b")], "id int, v string")
    joined = left.join(right, left.id == right.id)
    assert joined.columns == ["id", "v", "id", "v"]
    assert _plan_json(joined)["relations"][0]["root"]["names"] == ["id", "v", "id#1", "v#1"]
    assert joined.toArrow().column_names == ["id", "v", "id", "v"]


@pytest.mark.parametrize(
    "data_type",
    [
        T.BooleanType(), T.ByteType(), T.ShortType(), T.IntegerType(), T.LongType(), T.FloatType(),
        T.DoubleType(), T.StringType(), T.BinaryType(), T.DateType(), T.TimestampType(), T.TimestampNTZType(),
        T.DecimalType(12, 3), T.ArrayType(T.LongType(), False), T.MapType(T.StringType(), T.DoubleType(), True),
    ],
)
def test_spark_types_survive_a_trip_through_substrait(data_type):
    from pyrust.sql._substrait_types import from_substrait_type, to_substrait_type

    assert from_substrait_type(to_substrait_type(data_type)) == data_type


def _options_and_casts(plan: dict) -> tuple[set, set]:
    """Every (function option, preference) and cast failure behaviour in a plan's JSON."""
    options, casts = set(), set()

    def walk(node):
        if isinstance(node, dict):
            for option in node.get("options", []):
                options.add((option["name"], option["preference"][0]))
            if "failureBehavior" in node:
                casts.add(node["failureBehavior"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(plan)
    return options, casts


def _arithmetic_and_cast(spark):
    df = spark.createDataFrame([(1, 0, "x")], "a int, b int, s string")
    return df.select(df.a + 1, df.a / df.b, df.a % df.b, df.s.cast("double")).agg(F.sum("(a + 1)"))


def test_the_evaluation_mode_is_bound_when_the_dataframe_is_built(spark):
    ansi = _arithmetic_and_cast(spark)
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        legacy = _arithmetic_and_cast(spark)
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "true")
    ansi_options, ansi_casts = _options_and_casts(_plan_json(ansi))
    legacy_options, legacy_casts = _options_and_casts(_plan_json(legacy))
    assert {("overflow", "ERROR"), ("on_division_by_zero", "ERROR"), ("on_domain_error", "ERROR")} <= ansi_options
    assert ansi_casts == {"FAILURE_BEHAVIOR_THROW_EXCEPTION"}
    assert {("overflow", "SILENT"), ("on_division_by_zero", "NULL"), ("on_domain_error", "NULL")} <= legacy_options
    assert not {value for _, value in legacy_options} & {"ERROR"}
    assert "FAILURE_BEHAVIOR_RETURN_NULL" in legacy_casts


def test_a_setting_that_is_not_a_boolean_is_refused(spark):
    from pyrust.errors import IllegalArgumentException

    # As Spark: refused when set (not later, when a DataFrame is built), and not stored.
    with pytest.raises(IllegalArgumentException, match="should be a/an 'boolean' value") as caught:
        spark.conf.set("spark.sql.ansi.enabled", "maybe")
    assert caught.value.getCondition() == "INVALID_CONF_VALUE.TYPE_MISMATCH"
    assert spark.conf.get("spark.sql.ansi.enabled") == "true"
    assert spark.range(1).select(F.col("id") + 1).collect()[0][0] == 1
