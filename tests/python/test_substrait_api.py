"""``spark.substrait(plan)`` and ``df._substrait()``: plans in, plans out.

Plans come in as bytes, protobuf JSON or dicts, from us or other producers,
and become DataFrames that transform further; plans going out run on other
consumers (pyarrow Acero always; DuckDB and datafusion-python when installed).
"""

from __future__ import annotations

import json

import pytest
from google.protobuf import json_format
from substrait import plan_pb2

from pyrust import errors
from pyrust.sql import Row, SparkSession
from pyrust.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.master("local[2]").getOrCreate()


@pytest.fixture
def people(spark):
    frame = spark.createDataFrame(
        [(1, "ann", 34, "x"), (2, "bob", None, "y"), (3, "cid", 51, "x"), (4, "dee", 19, "y")],
        "id long, name string, age int, team string",
    )
    frame.createOrReplaceTempView("people")
    return frame


def _read(table: str, columns: list[tuple[str, str]]) -> dict:
    """A ``ReadRel`` of a named table in protobuf JSON form."""
    return {
        "read": {
            "baseSchema": {
                "names": [name for name, _ in columns],
                "struct": {"types": [{kind: {"nullability": "NULLABILITY_NULLABLE"}} for _, kind in columns]},
            },
            "namedTable": {"names": [table]},
        }
    }


def _field(index: int) -> dict:
    return {"selection": {"directReference": {"structField": {"field": index}}, "rootReference": {}}}


# -- plans in ------------------------------------------------------------------------------


def test_our_own_plan_comes_back_in_every_form(spark, people):
    grouped = people.groupBy("team").agg(F.sum("age").alias("total"), F.count("*").alias("n"))
    expected = sorted(grouped.collect())
    as_bytes = spark.substrait(grouped._substrait())
    as_json = spark.substrait(grouped._substrait_json())
    as_dict = spark.substrait(json.loads(grouped._substrait_json()))
    for frame in (as_bytes, as_json, as_dict):
        assert frame.columns == ["team", "total", "n"]
        assert frame.dtypes == [("team", "string"), ("total", "bigint"), ("n", "bigint")]
        assert sorted(frame.collect()) == expected


def test_a_foreign_plan_is_lazy_and_transforms_further(spark, people):
    plan = {
        "relations": [{"root": {"names": ["who", "years"], "input": {"project": {
            "common": {"emit": {"outputMapping": [4, 5]}},
            "input": _read("people", [("id", "i64"), ("name", "string"), ("age", "i32"), ("team", "string")]),
            "expressions": [_field(1), _field(2)],
        }}}}]
    }
    frame = spark.substrait(plan)
    assert frame.schema.simpleString() == "struct<who:string,years:int>"
    older = frame.filter(F.col("years") > 20).select(F.upper("who").alias("who")).orderBy("who")
    assert older.collect() == [Row(who="ANN"), Row(who="CID")]
    joined = frame.join(people, frame.who == people.name).groupBy("team").agg(F.max("years").alias("oldest"))
    assert sorted(joined.collect()) == [Row(team="x", oldest=51), Row(team="y", oldest=19)]


def test_a_view_is_read_by_the_column_names_of_the_plan(spark, people):
    # A subset of the view's columns, in another order, with other letter case.
    plan = {"relations": [{"root": {"names": ["t", "i"], "input": _read("PEOPLE", [("TEAM", "string"), ("id", "i64")])}}]}
    assert spark.substrait(plan).orderBy("i").collect()[:2] == [Row(t="x", i=1), Row(t="y", i=2)]


def test_a_read_projection_and_filter_apply_to_the_view(spark, people):
    read = _read("people", [("id", "i64"), ("name", "string"), ("age", "i32"), ("team", "string")])
    read["read"]["projection"] = {"select": {"structItems": [{"field": 1}]}}
    read["read"]["filter"] = {"scalarFunction": {
        "functionReference": 7,
        "outputType": {"bool": {"nullability": "NULLABILITY_NULLABLE"}},
        "arguments": [{"value": _field(0)}, {"value": {"literal": {"i64": "2"}}}],
    }}
    plan = {
        "extensionUrns": [{"extensionUrnAnchor": 3, "urn": "extension:io.substrait:functions_comparison"}],
        "extensions": [{"extensionFunction": {"extensionUrnReference": 3, "functionAnchor": 7, "name": "gt:any_any"}}],
        "relations": [{"root": {"names": ["name"], "input": read}}],
    }
    assert spark.substrait(plan).orderBy("name").collect() == [Row(name="cid"), Row(name="dee")]


def test_extension_uris_of_older_producers_are_understood(spark, people):
    # Spec < 0.57 declares extension URIs; a binary plan carries them as fields
    # that today's protobuf definitions no longer name.
    plan = {
        "extensionUris": [{"extensionUriAnchor": 1, "uri": "https://example.org/extensions/functions_arithmetic.yaml"}],
        "extensions": [{"extensionFunction": {"extensionUriReference": 1, "functionAnchor": 1, "name": "add:i64_i64"}}],
        "relations": [{"root": {"names": ["next"], "input": {"project": {
            "common": {"emit": {"outputMapping": [4]}},
            "input": _read("people", [("id", "i64"), ("name", "string"), ("age", "i32"), ("team", "string")]),
            "expressions": [{"scalarFunction": {
                "functionReference": 1,
                "outputType": {"i64": {"nullability": "NULLABILITY_NULLABLE"}},
                "arguments": [{"value": _field(0)}, {"value": {"literal": {"i64": "10"}}}],
            }}],
        }}}}],
    }
    assert sorted(spark.substrait(plan).collect()) == [Row(next=11), Row(next=12), Row(next=13), Row(next=14)]


def test_foreign_functions_and_ours_share_one_plan(spark, people):
    # The foreign plan numbers its functions from 1, as ours do: anchors are renumbered.
    plan = people.select((F.col("id") * 2).alias("double"))._substrait_json()
    frame = spark.substrait(plan).select((F.col("double") + 1).alias("odd"), (F.col("double") > 4).alias("big"))
    assert sorted(frame.collect()) == [Row(odd=3, big=False), Row(odd=5, big=False), Row(odd=7, big=True), Row(odd=9, big=True)]


# -- bad input ---------------------------------------------------------------------------


def test_input_that_is_not_a_plan_is_refused_with_what_is_wrong(spark):
    with pytest.raises(errors.PySparkTypeError) as wrong_type:
        spark.substrait(42)
    assert wrong_type.value.getCondition() == "NOT_EXPECTED_TYPE"
    assert "`plan`" in str(wrong_type.value) and "int" in str(wrong_type.value)
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not a binary protobuf Plan"):
        spark.substrait(b"\xff\xff\xff")
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not JSON"):
        spark.substrait("{relations: nope")
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not a protobuf JSON Plan"):
        spark.substrait({"relations": [{"root": {"unknownThing": 1}}]})
    with pytest.raises(errors.PySparkValueError, match=r"exactly one relation, found 0"):
        spark.substrait({})


def test_an_undeclared_function_anchor_is_named(spark, people):
    plan = json.loads(people.select((F.col("id") + 1).alias("n"))._substrait_json())
    del plan["extensions"]
    with pytest.raises(errors.PySparkValueError, match=r"function anchor \d+ is used but not declared"):
        spark.substrait(plan)


def test_an_unknown_table_is_an_analysis_error(spark):
    plan = {"relations": [{"root": {"names": ["x"], "input": _read("no_such_table", [("x", "i64")])}}]}
    with pytest.raises(errors.AnalysisException) as caught:
        spark.substrait(plan)
    assert caught.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"
    assert "`no_such_table`" in str(caught.value)


def test_a_column_the_view_lacks_is_an_analysis_error(spark, people):
    plan = {"relations": [{"root": {"names": ["x"], "input": _read("people", [("salary", "i64")])}}]}
    with pytest.raises(errors.AnalysisException) as caught:
        spark.substrait(plan)
    assert caught.value.getCondition().startswith("UNRESOLVED_COLUMN")
    assert "`people`.`salary`" in str(caught.value)


def test_root_names_must_fit_the_output(spark, people):
    plan = {"relations": [{"root": {"names": ["a", "b"], "input": _read("people", [("id", "i64")])}}]}
    with pytest.raises(errors.PySparkValueError, match=r"root.names has 2 names, but the relation's output needs 1"):
        spark.substrait(plan)


# -- plans out -----------------------------------------------------------------------------


def test_plan_bytes_and_json_describe_the_same_plan(people):
    frame = people.filter(F.col("age") > 20).select("name")
    from_bytes = plan_pb2.Plan.FromString(frame._substrait())
    from_json = json_format.Parse(frame._substrait_json(), plan_pb2.Plan())
    assert from_bytes == from_json
    assert list(from_bytes.relations[0].root.names) == ["name"]
