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


def test_a_foreign_plan_keeps_sparks_row_order(spark):
    # Local data over several partitions, read by another producer's plan with
    # an offset that starts inside the first partition and ends in the second.
    spark.createDataFrame([(i,) for i in range(5000)], "n long").createOrReplaceTempView("numbered")
    read = _read("numbered", [("n", "i64")])
    fetch = {"fetch": {"input": read, "offsetExpr": {"literal": {"i64": "2497"}}, "countExpr": {"literal": {"i64": "6"}}}}
    plan = {"relations": [{"root": {"names": ["n"], "input": fetch}}]}
    for _ in range(5):
        assert [row.n for row in spark.substrait(plan).collect()] == list(range(2497, 2503))
        assert [row.n for row in spark.substrait({"relations": [{"root": {"names": ["n"], "input": read}}]}).collect()] == list(
            range(5000)
        )


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


def _length_delimited(field_number: int, payload: bytes) -> bytes:
    assert len(payload) < 128
    return bytes([field_number << 3 | 2, len(payload)]) + payload


def test_extension_uris_in_binary_plans_become_urns(spark, people):
    plan = plan_pb2.Plan.FromString(people.select((F.col("id") + 1).alias("next"))._substrait())
    del plan.extension_urns[:]
    uri = b"https://github.com/substrait-io/substrait/blob/main/extensions/functions_arithmetic.yaml"
    # Plan.extension_uris (field 1): SimpleExtensionURI {anchor = 1: 5, uri = 2}.
    plan.MergeFromString(_length_delimited(1, b"\x08\x05" + _length_delimited(2, uri)))
    for declaration in plan.extensions:
        declaration.extension_function.extension_urn_reference = 0
        declaration.extension_function.MergeFromString(b"\x08\x05")  # extension_uri_reference = 5
    frame = spark.substrait(plan.SerializeToString())
    assert sorted(frame.collect()) == [Row(next=2), Row(next=3), Row(next=4), Row(next=5)]
    declared = json.loads(frame._substrait_json())["extensionUrns"]
    assert [item["urn"] for item in declared] == ["extension:io.substrait:functions_arithmetic"]


def test_plan_messages_of_the_substrait_builders_are_accepted(spark, people):
    from substrait.builders import type as st
    from substrait.builders.extended_expression import column, literal, scalar_function
    from substrait.builders.plan import filter as filter_plan
    from substrait.builders.plan import read_named_table
    from substrait.extension_registry import ExtensionRegistry

    schema = st.named_struct(names=["id", "name"], struct=st.struct(types=[st.i64(), st.string()], nullable=False))
    older = scalar_function(
        "extension:io.substrait:functions_comparison", "gt", expressions=[column("id"), literal(2, st.i64())]
    )
    plan = filter_plan(read_named_table("people", schema), expression=older)(ExtensionRegistry())
    assert sorted(spark.substrait(plan).collect()) == [Row(id=3, name="cid"), Row(id=4, name="dee")]


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
    assert "`plan`" in str(wrong_type.value) and "got int" in str(wrong_type.value)
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not a binary protobuf Plan"):
        spark.substrait(b"\xff\xff\xff")
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not JSON"):
        spark.substrait("{relations: nope")
    with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not a protobuf JSON Plan"):
        spark.substrait({"relations": [{"root": {"unknownThing": 1}}]})
    with pytest.raises(errors.PySparkValueError, match=r"exactly one relation, found 0"):
        spark.substrait({})


def test_malformed_json_plans_are_refused_and_the_callers_dict_is_left_alone(spark, people):
    for malformed in ({"extensions": "not a list"}, {"extensionUris": [1]}, {"relations": "none"}):
        with pytest.raises(errors.PySparkValueError, match=r"\[INVALID_SUBSTRAIT_PLAN\].*not a protobuf JSON Plan"):
            spark.substrait(malformed)
    plan = {"relations": [{"root": {"names": ["n"], "input": {"fetch": {"count": "1", "input": _read("people", [("id", "i64")])}}}}]}
    before = json.dumps(plan)
    assert len(spark.substrait(plan).collect()) == 1
    assert json.dumps(plan) == before


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


def test_aggregates_only_reference_columns(people):
    # Acero accepts only column references as grouping keys and measure
    # arguments; casts and other expressions are computed by a projection below.
    frame = people.groupBy((F.col("id") % 2).alias("odd")).agg(F.sum("age"), F.avg("age"), F.count(F.lit(1)))
    aggregate = json.loads(frame._substrait_json())["relations"][0]["root"]["input"]["aggregate"]
    arguments = [argument["value"] for measure in aggregate["measures"] for argument in measure["measure"]["arguments"]]
    for expression in aggregate["groupingExpressions"] + arguments:
        assert set(expression) == {"selection"}, expression
    assert sorted(frame.collect()) == [Row(odd=0, **{"sum(age)": 19, "avg(age)": 19.0, "count(1)": 2}),
                                       Row(odd=1, **{"sum(age)": 85, "avg(age)": 42.5, "count(1)": 2})]


def _inline_groupings(plan_bytes: bytes) -> list[int]:
    """How many inline (deprecated) grouping expressions each grouping carries."""
    from google.protobuf.unknown_fields import UnknownFieldSet

    aggregate = plan_pb2.Plan.FromString(plan_bytes).relations[0].root.input.aggregate
    return [sum(1 for field in UnknownFieldSet(grouping) if field.field_number == 1) for grouping in aggregate.groupings]


def test_the_portable_plan_adds_the_deprecated_forms_and_the_engine_reads_them(spark, people):
    from pyrust._native import compile_plan

    grouped = people.groupBy("team", "name").agg(F.max("age").alias("oldest"))
    portable = grouped._substrait(portable=True)
    assert grouped._substrait() != portable
    assert _inline_groupings(portable) == [2]
    engine_bytes, diagnostics = compile_plan(portable)
    assert not [line for line in diagnostics if line.startswith("error")], diagnostics
    assert _inline_groupings(engine_bytes) == [2]  # prost decoded them, not dropped them
    assert sorted(spark.substrait(portable).collect()) == sorted(grouped.collect())
    # Reading a portable plan back and exporting it again does not repeat them.
    assert _inline_groupings(spark.substrait(portable)._substrait(portable=True)) == [2]

    limited = people.orderBy("id").limit(2)
    fetch = json.loads(limited._substrait_json(portable=True))["relations"][0]["root"]["input"]["fetch"]
    assert fetch["count"] == "2" and fetch["countExpr"] == {"literal": {"i64": "2"}}
    assert spark.substrait(limited._substrait(portable=True)).collect() == limited.collect()


def test_json_of_older_producers_with_inline_groupings_and_integer_counts(spark, people):
    plan = {
        "extensions": [{"extensionFunction": {"functionAnchor": 1, "name": "count"}}],
        "relations": [{"root": {"names": ["team", "n"], "input": {"fetch": {
            "count": "1",
            "input": {"sort": {
                "sorts": [{"expr": _field(0), "direction": "SORT_DIRECTION_ASC_NULLS_FIRST"}],
                "input": {"aggregate": {
                    "input": _read("people", [("id", "i64"), ("name", "string"), ("age", "i32"), ("team", "string")]),
                    "groupings": [{"groupingExpressions": [_field(3)]}],
                    "measures": [{"measure": {
                        "functionReference": 1,
                        "phase": "AGGREGATION_PHASE_INITIAL_TO_RESULT",
                        "outputType": {"i64": {"nullability": "NULLABILITY_REQUIRED"}},
                    }}],
                }},
            }},
        }}}}],
    }
    assert spark.substrait(plan).collect() == [Row(team="x", n=2)]
    assert spark.substrait(json.dumps(plan)).collect() == [Row(team="x", n=2)]


# -- other consumers -------------------------------------------------------------------------


@pytest.fixture
def teams(spark):
    return spark.createDataFrame([("x", "red"), ("y", "blue")], "team string, color string")


def _core_cases(people, teams):
    """The relational core: what every consumer should run the same way."""
    return {
        "filter": people.filter((F.col("age") > 20) & F.col("team").isin("x", "y")),
        "arithmetic": people.select((F.col("id") + 1).alias("next"), (F.col("age") / 2).alias("half")),
        "group_by": people.groupBy("team").agg(F.sum("age").alias("total"), F.count("*").alias("n"), F.avg("age").alias("mean")),
        "global_aggregate": people.agg(F.max("age"), F.min("id")),
        "distinct": people.select("team").distinct(),
        "order_limit": people.orderBy(F.col("id").desc()).limit(2),
        "inner_join": people.join(teams, "team").select("name", "color"),
        "left_join": people.join(teams, people.team == teams.team, "left").select("name", "color"),
        "union": people.select("id").union(people.select("id")),
        "null_check": people.filter(F.col("age").isNull()).select("name"),
    }


_KNOWN_DIFFERENCES = {
    ("duckdb", "union"): "DuckDB 1.1.3's from_substrait drops duplicates in SET_OP_UNION_ALL",
}


def _rows(table) -> list[tuple]:
    return sorted(zip(*[column.to_pylist() for column in table.columns]), key=repr)


def _source_tables(*frames) -> dict:
    """Engine table name -> Arrow data, for consumers that get tables by name."""
    return {handle.name: frame.toArrow() for frame in frames for handle in frame._tables}


def _run_on_acero(plan: bytes, tables: dict):
    import pyarrow as pa
    import pyarrow.substrait

    return pyarrow.substrait.run_query(pa.py_buffer(plan), table_provider=lambda names, _: tables[names[0]]).read_all()


def _run_on_duckdb(plan: bytes, tables: dict):
    connection = _duckdb_connection()
    for name, table in tables.items():
        connection.register(f"source_{name}", table)
        connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM "source_{name}"')  # from_substrait binds tables
    return connection.execute("CALL from_substrait(?)", [plan]).arrow()


def _run_on_datafusion_python(plan: bytes, tables: dict):
    pytest.importorskip("datafusion")
    from datafusion import SessionContext
    from datafusion.substrait import Consumer, Serde

    context = SessionContext()
    for name, table in tables.items():
        context.register_record_batches(name, [table.to_batches()])
    logical_plan = Consumer.from_substrait_plan(context, Serde.deserialize_bytes(plan))
    return context.create_dataframe_from_logical_plan(logical_plan).to_arrow_table()


def _run_on_pyrust(plan: bytes, tables: dict):
    # Our own tables are live in the session: the plan reads them by name.
    return SparkSession.getActiveSession().substrait(plan).toArrow()


_CONSUMERS = {
    "pyrust": _run_on_pyrust,
    "acero": _run_on_acero,
    "duckdb": _run_on_duckdb,
    "datafusion-python": _run_on_datafusion_python,
}


@pytest.mark.parametrize(
    ("consumer", "case"),
    [
        pytest.param(consumer, case, marks=pytest.mark.xfail(strict=True, reason=_KNOWN_DIFFERENCES[(consumer, case)]))
        if (consumer, case) in _KNOWN_DIFFERENCES
        else (consumer, case)
        for consumer in _CONSUMERS
        for case in ("filter", "arithmetic", "group_by", "global_aggregate", "distinct", "order_limit",
                     "inner_join", "left_join", "union", "null_check")
    ],
)
def test_portable_plans_run_on_other_consumers(consumer, case, people, teams):
    frame = _core_cases(people, teams)[case]
    result = _CONSUMERS[consumer](frame._substrait(portable=True), _source_tables(people, teams))
    assert result.num_columns == len(frame.columns)
    assert _rows(result) == sorted(map(tuple, frame.collect()), key=repr)


def test_portable_json_runs_on_acero(people):
    import pyarrow._substrait

    frame = people.groupBy("team").agg(F.sum("age").alias("total")).orderBy("team").limit(1)
    plan = pyarrow._substrait._parse_json_plan(frame._substrait_json(portable=True).encode())
    assert _rows(_run_on_acero(plan.to_pybytes(), _source_tables(people))) == [("x", 85)]


# -- plans of other producers ----------------------------------------------------------------


def test_duckdb_projections_replace_their_input(spark, people):
    # DuckDB 1.1 writes ProjectRels without an emit and means "the expressions
    # only"; by the spec the input columns would come first.
    def plan(producer: str) -> dict:
        return {
            "version": {"minorNumber": 53, "producer": producer},
            "relations": [{"root": {"names": ["team", "id"], "input": {"project": {
                "input": _read("people", [("id", "i64"), ("team", "string")]),
                "expressions": [_field(1), _field(0)],
            }}}}],
        }

    assert sorted(spark.substrait(plan("DuckDB")).collect())[0] == Row(team="x", id=1)
    with pytest.raises(errors.PySparkValueError, match=r"root.names has 2 names, but the relation's output needs 4"):
        spark.substrait(plan("someone else"))


def _duckdb_connection():
    duckdb = pytest.importorskip("duckdb")
    extension_package = pytest.importorskip("duckdb_extension_substrait")
    from pathlib import Path

    found = sorted(Path(extension_package.__file__).parent.glob("extensions/*/substrait.duckdb_extension"))
    if not found:
        pytest.skip("duckdb_extension_substrait ships no extension binary")
    connection = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    connection.execute(f"LOAD '{found[-1]}'")
    return connection


def test_plans_of_duckdb_and_datafusion_python_run_over_temp_views(spark, people, teams):
    teams.createOrReplaceTempView("teams")
    query = (
        "SELECT p.team, t.color, count(*) AS n, sum(p.id) AS ids FROM people p JOIN teams t ON p.team = t.team "
        "WHERE p.id > 1 GROUP BY p.team, t.color"
    )
    expected = [("x", "red", 1, 3), ("y", "blue", 2, 6)]
    plans = {}
    try:
        from datafusion import SessionContext
        from datafusion.substrait import Producer
    except ImportError:
        pass
    else:
        context = SessionContext()
        context.register_record_batches("people", [people.toArrow().to_batches()])
        context.register_record_batches("teams", [teams.toArrow().to_batches()])
        plans["datafusion-python"] = Producer.to_substrait_plan(context.sql(query).logical_plan(), context).encode()
    try:
        connection = _duckdb_connection()
    except pytest.skip.Exception:
        pass
    else:
        connection.register("people_data", people.toArrow())
        connection.register("teams_data", teams.toArrow())
        connection.execute("CREATE TABLE people AS SELECT * FROM people_data")
        connection.execute("CREATE TABLE teams AS SELECT * FROM teams_data")
        (plans["duckdb"],) = connection.execute("CALL get_substrait(?)", [query]).fetchone()
    if not plans:
        pytest.skip("neither datafusion-python nor duckdb with its substrait extension is installed")
    for producer, plan in plans.items():
        frame = spark.substrait(plan)
        assert frame.columns == ["team", "color", "n", "ids"], producer
        assert sorted(tuple(row) for row in frame.collect()) == expected, producer
        # DuckDB writes its grouping keys in the deprecated inline form, which
        # JSON (made from the Python protobuf definitions) could not carry:
        # they are read in the current form, so the JSON says the same.
        again = spark.substrait(frame._substrait_json())
        assert sorted(tuple(row) for row in again.collect()) == expected, producer


def test_root_names_include_struct_fields_depth_first(spark):
    frame = spark.createDataFrame(
        [(1, Row(a=1, b="x"), [Row(c=2.0)])], "id long, s struct<a:int,b:string>, l array<struct<c:double>>"
    )
    plan = json.loads(frame._substrait_json())
    assert plan["relations"][0]["root"]["names"] == ["id", "s", "a", "b", "l", "c"]
    assert frame.select("s", "l").collect() == [Row(s=Row(a=1, b="x"), l=[Row(c=2.0)])]
    back = spark.substrait(plan)
    assert back.schema == frame.schema
    # Nested names come from the plan, too.
    plan["relations"][0]["root"]["names"] = ["key", "pair", "left", "right", "items", "value"]
    assert spark.substrait(plan).schema.simpleString() == (
        "struct<key:bigint,pair:struct<left:int,right:string>,items:array<struct<value:double>>>"
    )
    plan["relations"][0]["root"]["names"] = ["key", "pair", "items"]
    with pytest.raises(errors.PySparkValueError, match=r"root.names has 3 names, but the relation's output needs 6"):
        spark.substrait(plan)


def test_a_table_named_by_a_file_path_reads_the_file_with_the_declared_schema(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.csv
    import pyarrow.parquet

    data = pa.table({"id": pa.array([1, 2, 3], pa.int64()), "name": ["a", "b", "c"]})
    pyarrow.parquet.write_table(data, tmp_path / "items.parquet")
    pyarrow.csv.write_csv(data, tmp_path / "items.csv")
    # Parquet columns are picked by name (here in another order), CSV's by position.
    for file_name, columns in (("items.parquet", [("name", "string"), ("id", "i64")]), ("items.csv", [("id", "i64"), ("name", "string")])):
        plan = {"relations": [{"root": {"names": ["name", "id"], "input": {"project": {
            "common": {"emit": {"outputMapping": [2, 3]}},
            "input": _read(str(tmp_path / file_name), columns),
            "expressions": [_field([name for name, _ in columns].index("name")), _field([name for name, _ in columns].index("id"))],
        }}}}]}
        frame = spark.substrait(plan)
        assert frame.dtypes == [("name", "string"), ("id", "bigint")], file_name
        assert frame.filter(F.col("id") > 1).orderBy("id").collect() == [Row(name="b", id=2), Row(name="c", id=3)]
    plan = {"relations": [{"root": {"names": ["x"], "input": _read(str(tmp_path / "missing.parquet"), [("x", "i64")])}}]}
    with pytest.raises(errors.AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.substrait(plan)


def test_a_view_column_of_another_type_is_an_analysis_error(spark, people):
    plan = {"relations": [{"root": {"names": ["age"], "input": _read("people", [("age", "string")])}}]}
    with pytest.raises(errors.AnalysisException, match=r"reads column `age` of `people` as string, but the table has int"):
        spark.substrait(plan)
    # varchar is a string to Spark, nullability does not matter.
    plan = {"relations": [{"root": {"names": ["name"], "input": {"read": {
        "baseSchema": {"names": ["name"], "struct": {"types": [{"varchar": {"length": 10, "nullability": "NULLABILITY_REQUIRED"}}]}},
        "namedTable": {"names": ["people"]},
    }}}}]}
    assert spark.substrait(plan).count() == 4


def test_unsigned_results_of_other_engines_become_spark_integers(spark, people):
    pytest.importorskip("datafusion")
    from datafusion import SessionContext
    from datafusion.substrait import Producer

    context = SessionContext()
    context.register_record_batches("people", [people.toArrow().to_batches()])
    query = "SELECT name, row_number() OVER (PARTITION BY team ORDER BY id DESC) AS rn FROM people"
    frame = spark.substrait(Producer.to_substrait_plan(context.sql(query).logical_plan(), context).encode())
    assert frame.dtypes == [("name", "string"), ("rn", "bigint")]  # DataFusion's row_number is uint64
    assert sorted(frame.filter(F.col("rn") == 1).collect()) == [Row(name="cid", rn=1), Row(name="dee", rn=1)]
