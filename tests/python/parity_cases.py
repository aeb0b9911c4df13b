"""The parity corpus: small PySpark programs whose results are recorded from
real PySpark (record_parity.py) and replayed on pyrust (test_parity.py).

Each case is `def case_<name>(spark, F, T)`:
  spark  a SparkSession (PySpark's or pyrust's)
  F, T   the matching `functions` and `types` modules
and returns either
  - a DataFrame: its schema, columns, dtypes, rows and show() text are compared
    (in order where Spark fixes the order: see record_parity.py), or
  - a plain value produced by an action (count(), first(), toPandas(), ...),
or raises. Cases named `case_error_*` must raise; the exception class name and
its error condition are compared.

Rules, so that one source runs on both engines with the same result:
  - only the public PySpark API, reached through `spark`, `F` and `T` (Row is
    taken from T: pyspark.sql.types defines it);
  - no pyspark/pyrust imports here; pandas/pyarrow/stdlib are fine;
  - results must not depend on how a shuffle orders rows: limit() or first()
    after a groupBy, join or distinct needs an orderBy first, and dropDuplicates
    runs on data where every candidate row to keep is the same. Without a
    shuffle Spark's order is fixed (sources number their rows, narrow
    operations keep them in order), and the recorder marks such results ordered.

Every case runs under the settings the recorder pins (record_parity.py:
SEMANTIC_SETTINGS, ANSI mode among them); `@settings({...})` runs one under
others as well, on both engines, restoring the session afterwards.
"""

import datetime
import decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _data(name):
    return str(DATA_DIR / name)


# -- shared inline data -----------------------------------------------------


def _people(spark):
    return spark.createDataFrame(
        [
            ("Alice", 34, "Paris"),
            ("Bob", 45, "Rome"),
            ("Carol", None, "Berlin"),
            ("Dave", 29, "Paris"),
            ("Eve", 38, None),
        ],
        "name string, age int, city string",
    )


def _numbers(spark):
    # i: int, l: bigint, d: double; the last row is all nulls.
    return spark.createDataFrame(
        [(7, 10000000000, 2.5), (-3, 4, 0.5), (10, -20, -1.25), (None, None, None)],
        "i int, l long, d double",
    )


def _sales(spark):
    return spark.createDataFrame(
        [
            ("north", "a", 10, 1.5),
            ("north", "b", 20, 2.5),
            ("south", "a", 5, None),
            ("south", "a", 15, 4.0),
            ("east", "c", None, None),
        ],
        "region string, product string, qty int, price double",
    )


def _left(spark):
    # Keys 1..3 plus a null key; 'name' is duplicated in _right on purpose.
    return spark.createDataFrame(
        [(1, "a", "L1"), (2, "b", "L2"), (3, "c", "L3"), (None, "n", "Lnull")],
        "id int, name string, lval string",
    )


def _right(spark):
    return spark.createDataFrame(
        [(1, "x", 100), (3, "y", 300), (3, "z", 301), (4, "w", 400), (None, "n", 0)],
        "id int, name string, rval int",
    )


def settings(overrides):
    """Runs the case with these session settings (key -> string value) set
    while its DataFrame is built and looked at (parity_harness.case_settings)."""

    def mark(case_fn):
        case_fn.settings = dict(overrides)
        return case_fn

    return mark


ANSI_OFF = {"spark.sql.ansi.enabled": "false"}


# -- session ------------------------------------------------------------------


def case_session_builder_get_or_create(spark, F, T):
    # getOrCreate() hands back the running session; the chain must be accepted.
    builder = type(spark).builder
    session = builder.appName("parity").master("local[2]").config("spark.pyrust.parity.marker", "on").getOrCreate()
    return session.range(3)


def case_session_builder_config_visible(spark, F, T):
    session = type(spark).builder.config("spark.pyrust.parity.flag", "yes").getOrCreate()
    return session.conf.get("spark.pyrust.parity.flag")


def case_session_conf_timezone(spark, F, T):
    return spark.conf.get("spark.sql.session.timeZone")


def case_spark_context_log_level_and_parallelism(spark, F, T):
    spark.sparkContext.setLogLevel("ERROR")
    return spark.sparkContext.defaultParallelism


def case_temp_view_and_table(spark, F, T):
    spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").createOrReplaceTempView("people_view")
    return spark.table("PEOPLE_VIEW").filter("id > 1")


def case_error_temp_view_exists(spark, F, T):
    frame = spark.range(2)
    frame.createOrReplaceTempView("taken_view")
    frame.createTempView("taken_view")


def case_error_table_not_found(spark, F, T):
    return spark.table("no_such_view")


# -- range ----------------------------------------------------------------------


def case_range_n(spark, F, T):
    return spark.range(5)


def case_range_start_end(spark, F, T):
    return spark.range(2, 7)


def case_range_step(spark, F, T):
    return spark.range(0, 10, 3)


def case_range_negative_step(spark, F, T):
    return spark.range(10, 0, -3)


def case_range_empty(spark, F, T):
    return spark.range(0)


def case_range_limit(spark, F, T):
    # range has a fixed order, so limit without orderBy is deterministic.
    return spark.range(100).limit(3)


# -- createDataFrame --------------------------------------------------------------


def case_create_tuples_with_names(spark, F, T):
    # Python int infers bigint, str string.
    return spark.createDataFrame([(1, "a"), (2, "b")], ["num", "letter"])


def case_create_tuples_without_names(spark, F, T):
    return spark.createDataFrame([(1, "a"), (2, "b")])


def case_create_ddl_schema(spark, F, T):
    return spark.createDataFrame([("Ann", 30), ("Ben", None)], "name string, age int")


def case_create_struct_type(spark, F, T):
    schema = T.StructType(
        [
            T.StructField("id", T.IntegerType(), False),
            T.StructField("label", T.StringType(), True),
            T.StructField("weight", T.DoubleType(), True),
            T.StructField("flag", T.BooleanType(), True),
            T.StructField("day", T.DateType(), True),
            T.StructField("big", T.LongType(), True),
        ]
    )
    data = [
        (1, "one", 1.5, True, datetime.date(2024, 2, 29), 2**40),
        (2, None, None, False, None, None),
    ]
    return spark.createDataFrame(data, schema)


def case_create_rows(spark, F, T):
    return spark.createDataFrame([T.Row(name="Ann", age=30), T.Row(name="Ben", age=25)])


def case_create_dicts(spark, F, T):
    # Note the key order in the dicts (b before a).
    return spark.createDataFrame([{"b": "x", "a": 1}, {"b": "y", "a": 2}])


def case_create_mixed_int_float_inferred(spark, F, T):
    return spark.createDataFrame([(1, 2.0, True), (2, 3.5, False)], ["i", "f", "b"])


def case_create_nulls_merged_in_inference(spark, F, T):
    # The first row's None is typed from a later row.
    return spark.createDataFrame([(1, None), (None, "x")], ["n", "s"])


def case_create_pandas(spark, F, T):
    import pandas as pd

    # Without Arrow a float NaN stays NaN (it is not turned into NULL). No None
    # in the string column: PySpark 4.3 with pandas 3 turns it into the string
    # "nan", a known rough edge of that pairing, not behaviour to copy.
    pdf = pd.DataFrame({"a": [1, 2, 3], "b": [1.5, None, 3.0], "c": ["x", "y", "z"]})
    return spark.createDataFrame(pdf)


def case_create_pyarrow_table(spark, F, T):
    import pyarrow as pa

    table = pa.table(
        {
            "i": pa.array([1, None, 3], pa.int32()),
            "s": pa.array(["a", "b", None], pa.string()),
            "d": pa.array([0.5, 1.5, None], pa.float64()),
        }
    )
    return spark.createDataFrame(table)


def case_create_empty_with_schema(spark, F, T):
    return spark.createDataFrame([], "a int, b string")


def case_create_atomic_values(spark, F, T):
    # A list of plain values with an atomic type gives one column, "value".
    return spark.createDataFrame([1, 2, 3], "int")


def case_create_date_and_bool_inferred(spark, F, T):
    return spark.createDataFrame([(True, datetime.date(2024, 1, 2)), (False, datetime.date(1999, 12, 31))], ["ok", "day"])


def case_create_decimal(spark, F, T):
    return spark.createDataFrame([(decimal.Decimal("1.50"),), (decimal.Decimal("-20.25"),)], "amount decimal(10,2)")


def case_show_truncates_long_strings(spark, F, T):
    return spark.createDataFrame(
        [("short", "abcdefghijklmnopqrstuvwxyz"), ("exactly-twenty-chars", "x" * 21)], ["a", "b"]
    )


def case_show_layouts_ordered(spark, F, T):
    # An ordered result, so every show() layout (n, truncate, vertical) is compared.
    rows = [
        (1, "short", 1.5, None, True),
        (2, "a string well over twenty characters", -0.25, "2024-01-05", False),
        (3, None, 1e10, "1999-12-31", None),
        (4, "ünïcödé", float("nan"), "2000-02-29", True),
    ]
    df = spark.createDataFrame(rows, "id int, text string, x double, day string, flag boolean")
    return df.withColumn("day", F.col("day").cast("date")).orderBy("id")


def case_show_double_formatting(spark, F, T):
    # How show() and collect() render large, small and long doubles.
    return spark.createDataFrame(
        [(1, 1e10), (2, 1e-5), (3, 123456789.125), (4, 0.1), (5, -0.0), (6, 1e7), (7, 1234567.0)],
        "k int, d double",
    )


# -- readers ----------------------------------------------------------------------


def case_read_csv_header(spark, F, T):
    return spark.read.csv(_data("people.csv"), header=True)


def case_read_csv_infer_schema(spark, F, T):
    return spark.read.csv(_data("people.csv"), header=True, inferSchema=True)


def case_read_csv_explicit_schema(spark, F, T):
    schema = "name string, age int, city string, score double, joined date"
    return spark.read.csv(_data("people.csv"), header=True, schema=schema)


def case_read_csv_sep(spark, F, T):
    return spark.read.csv(_data("people_semicolon.csv"), header=True, inferSchema=True, sep=";")


def case_read_csv_no_header(spark, F, T):
    return spark.read.csv(_data("people.csv"))


def case_read_csv_options_chain(spark, F, T):
    return spark.read.option("header", "true").option("inferSchema", "true").csv(_data("people.csv"))


def case_read_format_load(spark, F, T):
    return spark.read.format("csv").option("header", True).load(_data("people.csv"))


def case_read_json(spark, F, T):
    return spark.read.json(_data("people.json"))


def case_read_json_schema(spark, F, T):
    return spark.read.json(_data("people.json"), schema="name string, age int, joined date")


def case_read_parquet(spark, F, T):
    return spark.read.parquet(_data("people.parquet"))


def case_read_parquet_filter_select(spark, F, T):
    df = spark.read.parquet(_data("people.parquet"))
    return df.filter(df.age > 30).select("name", "score")


# -- select -------------------------------------------------------------------------


def case_select_names(spark, F, T):
    return _people(spark).select("name", "age")


def case_select_columns(spark, F, T):
    df = _people(spark)
    return df.select(df.name, F.col("age"), df["city"])


def case_select_list(spark, F, T):
    return _people(spark).select(["city", "name"])


def case_select_star(spark, F, T):
    return _people(spark).select("*")


def case_select_star_and_expression(spark, F, T):
    return _people(spark).select("*", (F.col("age") + 1).alias("next_age"))


def case_select_expr(spark, F, T):
    return _people(spark).selectExpr("name", "age * 2 AS double_age", "age + 1")


def case_select_f_expr(spark, F, T):
    return _people(spark).select(F.expr("age * 2"), F.expr("age > 30 AS older"))


# -- filter / where ---------------------------------------------------------------------


def case_filter_column(spark, F, T):
    df = _people(spark)
    return df.filter(df.age > 30)


def case_where_column(spark, F, T):
    return _people(spark).where(F.col("city") == "Paris")


def case_filter_sql_greater(spark, F, T):
    return _people(spark).filter("age > 18")


def case_filter_sql_string_equal(spark, F, T):
    return _people(spark).filter("name = 'Bob'")


def case_filter_sql_is_null(spark, F, T):
    return _people(spark).filter("age IS NULL")


def case_filter_sql_is_not_null(spark, F, T):
    return _people(spark).where("city IS NOT NULL")


def case_filter_sql_between(spark, F, T):
    return _people(spark).filter("age BETWEEN 20 AND 40")


def case_filter_sql_in(spark, F, T):
    return _people(spark).filter("city IN ('Paris','Rome')")


def case_filter_sql_like(spark, F, T):
    return _people(spark).filter("name LIKE 'A%'")


def case_filter_sql_and_or(spark, F, T):
    return _people(spark).filter("age > 30 AND city = 'Paris' OR name = 'Eve'")


def case_filter_not_equal_drops_nulls(spark, F, T):
    df = _people(spark)
    return df.filter(df.age != 34)


def case_filter_boolean_operators(spark, F, T):
    df = _people(spark)
    return df.filter(((df.age > 30) & (df.city == "Paris")) | ~(df.age < 40))


def case_filter_everything_out(spark, F, T):
    return _people(spark).filter("age > 100")


# -- withColumn, rename, drop, alias -------------------------------------------------------


def case_with_column_new(spark, F, T):
    df = _people(spark)
    return df.withColumn("age_next_year", df.age + 1)


def case_with_column_replace_keeps_position(spark, F, T):
    df = _people(spark)
    return df.withColumn("age", df.age * 10)


def case_with_column_literal(spark, F, T):
    return _people(spark).withColumn("source", F.lit("inline"))


def case_with_columns(spark, F, T):
    df = _people(spark)
    return df.withColumns({"double_age": df.age * 2, "name": F.lit("x")})


def case_with_column_renamed(spark, F, T):
    return _people(spark).withColumnRenamed("age", "years")


def case_with_column_renamed_missing_is_noop(spark, F, T):
    return _people(spark).withColumnRenamed("nope", "still_nope")


def case_drop_one(spark, F, T):
    return _people(spark).drop("age")


def case_drop_many_and_missing(spark, F, T):
    # Dropping a name that does not exist is silently ignored.
    return _people(spark).drop("age", "city", "nope")


def case_drop_column_object(spark, F, T):
    df = _people(spark)
    return df.drop(df.city)


def case_dataframe_alias_qualified_select(spark, F, T):
    return _people(spark).alias("p").select("p.name", F.col("p.age"))


def case_column_alias_and_name(spark, F, T):
    df = _people(spark)
    return df.select(df.age.alias("a"), (df.age + 1).name("b"), F.col("name").alias("who"))


# -- aggregation ------------------------------------------------------------------------------


def case_group_by_agg_functions(spark, F, T):
    return _sales(spark).groupBy("region").agg(
        F.sum("qty"), F.avg("qty"), F.min("qty"), F.max("qty"), F.count("qty"), F.countDistinct("product")
    )


def case_group_by_agg_aliased(spark, F, T):
    return _sales(spark).groupBy("region").agg(
        F.sum("qty").alias("total"), F.avg("price").alias("mean_price"), F.count("*").alias("n")
    )


def case_group_by_count(spark, F, T):
    return _sales(spark).groupBy("region").count()


def case_group_by_sum_all_numeric(spark, F, T):
    return _sales(spark).groupBy("region").sum()


def case_group_by_avg_named(spark, F, T):
    return _sales(spark).groupBy("region").avg("qty", "price")


def case_group_by_min_max(spark, F, T):
    df = _sales(spark)
    mins = df.groupBy("region").min("qty")
    return mins.join(df.groupBy("region").max("price"), "region")


def case_group_by_mean(spark, F, T):
    return _sales(spark).groupBy("product").mean("qty")


def case_group_by_multiple_keys(spark, F, T):
    return _sales(spark).groupBy("region", "product").agg(F.sum("qty").alias("qty"))


def case_group_by_column_objects(spark, F, T):
    df = _sales(spark)
    return df.groupBy(df.product).agg(F.max(df.qty))


def case_group_by_null_key(spark, F, T):
    return _people(spark).groupBy("city").count()


def case_group_by_no_keys_count(spark, F, T):
    # groupBy() with no columns aggregates the whole DataFrame into one row.
    return _sales(spark).groupBy().count()


def case_group_by_no_keys_avg_all_numeric(spark, F, T):
    return _sales(spark).groupBy().avg()


def case_agg_dict(spark, F, T):
    return _people(spark).agg({"age": "max"})


def case_group_by_agg_dict(spark, F, T):
    return _sales(spark).groupBy("region").agg({"qty": "sum", "price": "avg"})


def case_global_agg(spark, F, T):
    return _sales(spark).agg(F.sum("qty"), F.count("*"), F.avg("price"))


def case_count_forms_and_names(spark, F, T):
    df = _sales(spark)
    return df.agg(F.count("*"), F.count(F.lit(1)), F.count("qty"), F.count(df.price), F.countDistinct("region", "product"))


def case_agg_over_empty_input(spark, F, T):
    empty = _sales(spark).filter("qty > 1000")
    return empty.agg(F.sum("qty"), F.avg("qty"), F.min("qty"), F.max("qty"), F.count("qty"), F.count("*"))


def case_group_by_over_empty_input(spark, F, T):
    return _sales(spark).filter("qty > 1000").groupBy("region").agg(F.sum("qty"))


def case_agg_all_null_column(spark, F, T):
    df = _sales(spark).filter("region = 'east'")
    return df.agg(F.sum("qty"), F.avg("price"), F.max("price"), F.count("price"))


def case_agg_sum_types(spark, F, T):
    # sum(int) is bigint, sum(double) double, avg always double.
    return _numbers(spark).agg(F.sum("i"), F.sum("l"), F.sum("d"), F.avg("i"), F.avg("l"))


def case_agg_then_order(spark, F, T):
    return _sales(spark).groupBy("region").agg(F.sum("qty").alias("total")).orderBy(F.col("total").desc())


# -- ordering ------------------------------------------------------------------------------------


def case_order_by_name(spark, F, T):
    return _people(spark).orderBy("age")


def case_order_by_desc_function(spark, F, T):
    return _people(spark).orderBy(F.desc("age"))


def case_order_by_column_desc(spark, F, T):
    return _people(spark).orderBy(F.col("age").desc())


def case_order_by_column_asc(spark, F, T):
    df = _people(spark)
    return df.orderBy(df.age.asc())


def case_order_by_asc_nulls_last(spark, F, T):
    return _people(spark).orderBy(F.col("age").asc_nulls_last())


def case_order_by_desc_nulls_first(spark, F, T):
    return _people(spark).orderBy(F.col("age").desc_nulls_first())


def case_order_by_multiple_keys(spark, F, T):
    return _sales(spark).orderBy("region", F.col("qty").desc())


def case_order_by_f_asc_and_f_desc(spark, F, T):
    return _people(spark).orderBy(F.asc("city"), F.desc("age"))


def case_order_by_ascending_false(spark, F, T):
    return _people(spark).orderBy("age", ascending=False)


def case_order_by_ascending_list(spark, F, T):
    return _sales(spark).orderBy(["product", "qty"], ascending=[True, False])


def case_sort_alias(spark, F, T):
    return _people(spark).sort("name")


def case_order_by_strings_bytewise(spark, F, T):
    # Upper case sorts before lower case (byte order), not alphabetically.
    df = spark.createDataFrame([("bob",), ("Alice",), ("alice",), ("Bob",), ("_x",), ("1",)], ["s"])
    return df.orderBy("s")


def case_order_by_with_nan(spark, F, T):
    # NaN sorts above every number; null first in ascending order.
    df = spark.createDataFrame([(1.0,), (float("nan"),), (None,), (-1.0,), (float("inf"),)], "d double")
    return df.orderBy("d")


def case_order_then_limit(spark, F, T):
    return _people(spark).orderBy(F.col("age").desc()).limit(2)


def case_order_then_select(spark, F, T):
    return _people(spark).orderBy("name").select("name")


# -- joins -----------------------------------------------------------------------------------------


def case_join_inner_on_name(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), "id")


def case_join_inner_default_how(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), on="id", how="inner")


def case_join_left(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), "id", "left")


def case_join_right(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), "id", "right")


def case_join_full(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), "id", "full")


def case_join_outer(spark, F, T):
    return _left(spark).join(_right(spark).drop("name"), "id", "outer")


def case_join_left_semi(spark, F, T):
    return _left(spark).join(_right(spark), "id", "left_semi")


def case_join_left_anti(spark, F, T):
    return _left(spark).join(_right(spark), "id", "left_anti")


def case_join_cross_method(spark, F, T):
    left = spark.createDataFrame([(1,), (2,)], ["a"])
    right = spark.createDataFrame([("x",), ("y",), ("z",)], ["b"])
    return left.crossJoin(right)


def case_join_how_cross(spark, F, T):
    left = spark.createDataFrame([(1,), (2,)], ["a"])
    right = spark.createDataFrame([("x",), ("y",)], ["b"])
    return left.join(right, how="cross")


def case_join_on_list_of_names(spark, F, T):
    left = spark.createDataFrame([(1, "a", 10), (1, "b", 11), (2, "a", 12)], ["k1", "k2", "lv"])
    right = spark.createDataFrame([(1, "a", 20), (2, "a", 21), (2, "b", 22)], ["k1", "k2", "rv"])
    return left.join(right, ["k1", "k2"])


def case_join_on_expression_keeps_both_keys(spark, F, T):
    left, right = _left(spark), _right(spark)
    return left.join(right, left.id == right.id)


def case_join_multi_condition(spark, F, T):
    left, right = _left(spark), _right(spark)
    return left.join(right, (left.id == right.id) & (right.rval > 300), "left")


def case_join_list_of_conditions(spark, F, T):
    left = spark.createDataFrame([(1, "a", 10), (2, "b", 11)], ["k1", "k2", "lv"])
    right = spark.createDataFrame([(1, "a", 20), (2, "x", 21)], ["j1", "j2", "rv"])
    return left.join(right, [left.k1 == right.j1, left.k2 == right.j2])


def case_join_null_keys_never_match(spark, F, T):
    return _left(spark).join(_right(spark), "id", "full").select("id", "lval", "rval")


def case_join_duplicate_non_key_columns(spark, F, T):
    # Both sides keep their own 'name' column: two columns share a name.
    return _left(spark).join(_right(spark), "id")


def case_join_expression_then_select_qualified(spark, F, T):
    left, right = _left(spark), _right(spark)
    return left.join(right, left.id == right.id, "left").select(left.id, left.name, right.name.alias("rname"))


def case_join_aliases(spark, F, T):
    left, right = _left(spark).alias("l"), _right(spark).alias("r")
    return left.join(right, F.col("l.id") == F.col("r.id")).select("l.id", "l.name", "r.name")


# -- set operations and deduplication ---------------------------------------------------------------


def case_union(spark, F, T):
    a = spark.createDataFrame([(1, "a"), (2, "b")], ["n", "s"])
    b = spark.createDataFrame([(2, "b"), (3, "c")], ["n", "s"])
    return a.union(b)


def case_union_is_positional(spark, F, T):
    # Columns are matched by position; the left side's names win.
    a = spark.createDataFrame([(1, "a")], ["n", "s"])
    b = spark.createDataFrame([("b", 2)], ["s", "n"])
    return a.union(b.select("n", "s")).union(spark.createDataFrame([(9, "z")], ["x", "y"]))


def case_union_all(spark, F, T):
    a = spark.createDataFrame([(1,), (1,)], ["n"])
    return a.unionAll(a)


def case_union_widens_types(spark, F, T):
    a = spark.createDataFrame([(1,)], "v int")
    b = spark.createDataFrame([(2.5,)], "v double")
    return a.union(b)


def case_union_by_name(spark, F, T):
    a = spark.createDataFrame([(1, "a")], ["n", "s"])
    b = spark.createDataFrame([("b", 2)], ["s", "n"])
    return a.unionByName(b)


def case_union_by_name_allow_missing(spark, F, T):
    a = spark.createDataFrame([(1, "a")], ["n", "s"])
    b = spark.createDataFrame([(2, True)], ["n", "flag"])
    return a.unionByName(b, allowMissingColumns=True)


def case_distinct(spark, F, T):
    df = spark.createDataFrame([(1, "a"), (1, "a"), (2, "a"), (None, None), (None, None)], ["n", "s"])
    return df.distinct()


def case_drop_duplicates_all_columns(spark, F, T):
    df = spark.createDataFrame([(1, "a"), (1, "a"), (1, "b")], ["n", "s"])
    return df.dropDuplicates()


def case_drop_duplicates_subset(spark, F, T):
    # Rows sharing (k, g) are identical except for 'noise', which is dropped
    # afterwards: whichever duplicate Spark keeps, the result is the same.
    df = spark.createDataFrame(
        [(1, "x", 10), (1, "x", 11), (2, "y", 20), (3, "y", 30), (3, "y", 31)], ["k", "g", "noise"]
    )
    return df.dropDuplicates(["k", "g"]).select("k", "g")


def case_drop_duplicates_snake_case(spark, F, T):
    df = spark.createDataFrame([(1,), (1,), (2,)], ["k"])
    return df.drop_duplicates()


# -- arithmetic ---------------------------------------------------------------------------------------


def case_arith_int_ops(spark, F, T):
    df = spark.createDataFrame([(7, 2), (-7, 2), (9, 3)], "a int, b int")
    return df.select(df.a + df.b, df.a - df.b, df.a * df.b, df.a / df.b, df.a % df.b)


def case_arith_long_and_int(spark, F, T):
    df = _numbers(spark)
    return df.select(df.i + df.l, df.l * 2, df.l - df.i)


def case_arith_double(spark, F, T):
    df = _numbers(spark)
    return df.select(df.d * 2, df.d + 0.25, df.d / 4, df.d % 1)


def case_arith_int_and_double(spark, F, T):
    df = _numbers(spark)
    return df.select(df.i + df.d, df.i * df.d, df.l / df.d)


def case_arith_integer_division_is_double(spark, F, T):
    df = spark.createDataFrame([(7, 2), (6, 3), (1, 3)], "a int, b int")
    return df.select((df.a / df.b).alias("q"), F.lit(7) / F.lit(2))


def case_arith_unary_minus(spark, F, T):
    df = _numbers(spark)
    return df.select(-df.i, -F.col("d"), -df.l)


def case_arith_reflected_literals(spark, F, T):
    df = spark.createDataFrame([(4,), (5,)], "a int")
    return df.select(1 + df.a, 10 - df.a, 2 * df.a, 10 / df.a, df.a % 3, df.a + 1.5)


def case_arith_modulo_signs(spark, F, T):
    df = spark.createDataFrame([(-7, 3), (7, -3), (-7, -3)], "a int, b int")
    return df.select(df.a, df.b, df.a % df.b)


def case_arith_null_propagates(spark, F, T):
    df = _numbers(spark).filter("i IS NULL")
    return df.select(df.i + 1, df.d * 2, df.l - df.i, F.lit(None) + 1)


def case_arith_nested_names(spark, F, T):
    df = spark.createDataFrame([(1, 2, 3)], "a int, b int, c int")
    return df.select((df.a + df.b) * df.c, df.a + df.b * df.c, (df.a - (df.b - df.c)))


def case_error_double_divide_by_zero(spark, F, T):
    # ANSI mode: dividing a double by 0.0 is an error too, not Infinity/null.
    df = spark.createDataFrame([(1.0, 0.0)], "a double, b double")
    return df.select(df.a / df.b)


# -- comparisons and boolean logic --------------------------------------------------------------------


def case_comparisons(spark, F, T):
    df = spark.createDataFrame([(1, 2), (2, 2), (3, 2), (None, 2)], "a int, b int")
    return df.select(df.a == df.b, df.a != df.b, df.a < df.b, df.a <= df.b, df.a > df.b, df.a >= df.b)


def case_comparison_with_literals(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.age > 30, df.city == "Paris", df.name < "C")


def case_eq_null_safe(spark, F, T):
    df = spark.createDataFrame([(1, 1), (1, None), (None, None)], "a int, b int")
    return df.select(df.a.eqNullSafe(df.b), df.a == df.b)


def case_boolean_logic_with_nulls(spark, F, T):
    df = spark.createDataFrame(
        [(True, True), (True, False), (True, None), (False, None), (None, None)], "p boolean, q boolean"
    )
    return df.select(df.p, df.q, df.p & df.q, df.p | df.q, ~df.p)


# -- casts ------------------------------------------------------------------------------------------------


def case_cast_int_to_others(spark, F, T):
    df = spark.createDataFrame([(0,), (1,), (-5,), (None,)], "a int")
    return df.select(
        df.a.cast("string"), df.a.cast("double"), df.a.cast("long"), df.a.cast("boolean"), df.a.cast(T.StringType())
    )


def case_cast_string_to_int(spark, F, T):
    df = spark.createDataFrame([("12",), ("-3",), (" 7 ",), (None,)], "s string")
    return df.select(df.s.cast("int"), df.s.cast(T.LongType()), df.s.cast("double"))


def case_cast_double_to_int_truncates(spark, F, T):
    df = spark.createDataFrame([(3.7,), (-3.7,), (0.5,)], "d double")
    return df.select(df.d.cast("int"), df.d.cast("long"), df.d.cast("string"))


def case_cast_string_to_date(spark, F, T):
    df = spark.createDataFrame([("2024-02-29",), ("1999-01-01",), (None,)], "s string")
    return df.select(df.s.cast("date"), df.s.cast(T.DateType()))


def case_cast_date_to_string(spark, F, T):
    df = spark.createDataFrame([(datetime.date(2020, 5, 17),)], "d date")
    return df.select(df.d.cast("string"))


def case_cast_string_to_boolean(spark, F, T):
    df = spark.createDataFrame([("true",), ("FALSE",), ("yes",), ("n",), ("1",), ("0",)], "s string")
    return df.select(df.s, df.s.cast("boolean"))


def case_cast_boolean_to_int_and_string(spark, F, T):
    df = spark.createDataFrame([(True,), (False,), (None,)], "b boolean")
    return df.select(df.b.cast("int"), df.b.cast("string"))


def case_cast_type_name_aliases(spark, F, T):
    df = spark.createDataFrame([(1,)], "a int")
    return df.select(df.a.cast("bigint"), df.a.cast("integer"), df.a.cast("float"), df.a.cast(T.DoubleType()))


# -- predicates ---------------------------------------------------------------------------------------------


def case_is_null_and_is_not_null(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.age.isNull(), df.city.isNotNull())


def case_isin(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.age.isin(34, 45), df.city.isin(["Paris", "Berlin"]))


def case_isin_filter_with_null(spark, F, T):
    df = _people(spark)
    return df.filter(df.city.isin("Paris", None))


def case_between(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.age.between(30, 40))


def case_like(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.name.like("%a%"), df.name.like("_ob"))


def case_startswith_endswith_contains(spark, F, T):
    df = _people(spark)
    return df.select(df.name, df.name.startswith("A"), df.name.endswith("e"), df.name.contains("ar"))


# -- when / otherwise ---------------------------------------------------------------------------------------


def case_when_otherwise(spark, F, T):
    df = _people(spark)
    return df.select(df.name, F.when(df.age >= 35, "senior").otherwise("junior").alias("band"))


def case_when_chain(spark, F, T):
    df = _people(spark)
    return df.select(
        df.name, F.when(df.age < 30, 1).when(df.age < 40, 2).when(df.age < 50, 3).otherwise(0).alias("bucket")
    )


def case_when_without_otherwise_is_null(spark, F, T):
    df = _people(spark)
    return df.select(df.name, F.when(df.city == "Paris", True))


def case_when_nested(spark, F, T):
    df = _people(spark)
    inner = F.when(df.city == "Paris", "paris-young").otherwise("other-young")
    return df.select(df.name, F.when(df.age < 35, inner).otherwise(F.lit("old")).alias("label"))


# -- literals and expressions ----------------------------------------------------------------------------------


def case_lit_values(spark, F, T):
    return spark.range(1).select(F.lit(1), F.lit(2.5), F.lit("s"), F.lit(None), F.lit(True), F.lit(2**40))


def case_lit_aliased(spark, F, T):
    return spark.range(2).select("id", F.lit(0).alias("zero"), F.lit(None).cast("string").alias("nothing"))


def case_expr_arithmetic_and_case(spark, F, T):
    df = _people(spark)
    return df.select(F.expr("age + 1"), F.expr("CASE WHEN age > 35 THEN 'x' ELSE 'y' END AS tag"))


def case_expr_in_filter(spark, F, T):
    return _people(spark).filter(F.expr("age % 2 = 0"))


def case_naming_of_expressions(spark, F, T):
    df = spark.createDataFrame([(1, "x")], "a int, s string")
    return df.select(
        df.a + 1, df.a > 1, df.a.cast("string"), ~(df.a > 1), df.a.isNull(), df.s.isin("x", "y"), df.a.between(0, 2)
    )


def case_naming_of_aggregates(spark, F, T):
    df = spark.createDataFrame([(1, 2.0), (3, 4.0)], "x int, y double")
    return df.agg(F.sum("x"), F.avg("x"), F.count(F.lit(1)), F.max(df.y + 1), F.min(F.col("x")), F.countDistinct(df.x))


def case_naming_of_sql_casts(spark, F, T):
    # A cast of a plain column is named after that column, whether written with
    # Column.cast or in SQL text (not "CAST(age AS STRING)").
    df = _people(spark).selectExpr("CAST(age AS STRING)", "cast(age as double) AS d")
    return df.select("*", F.expr("CAST(d AS INT)"), F.col("d").cast("int"))


def case_naming_of_literal_strings(spark, F, T):
    df = spark.createDataFrame([("a",)], "s string")
    return df.select(df.s == "a", df.s.like("a%"), df.s.startswith("a"), F.lit("hello"))


# -- NaN ------------------------------------------------------------------------------------------------------------


def case_nan_equals_nan(spark, F, T):
    df = spark.createDataFrame([(float("nan"),), (1.0,), (None,)], "d double")
    return df.select(df.d, df.d == float("nan"), df.d.isNull(), df.d > 0)


def case_nan_in_aggregates(spark, F, T):
    df = spark.createDataFrame([("a", float("nan")), ("a", 1.0), ("b", 2.0), ("b", None)], "k string, d double")
    return df.groupBy("k").agg(F.max("d"), F.min("d"), F.sum("d"), F.count("d"))


def case_nan_groups_together(spark, F, T):
    df = spark.createDataFrame([(float("nan"),), (float("nan"),), (1.0,)], "d double")
    return df.groupBy("d").count()


# -- actions (the case returns the action's result) ---------------------------------------------------------------------


def case_action_collect(spark, F, T):
    return _people(spark).orderBy("name").collect()


def case_action_count(spark, F, T):
    return _people(spark).count()


def case_action_count_after_filter(spark, F, T):
    return _people(spark).filter("age > 30").count()


def case_action_take(spark, F, T):
    return _people(spark).orderBy("name").take(2)


def case_action_first(spark, F, T):
    return _people(spark).orderBy(F.desc("age")).first()


def case_action_head(spark, F, T):
    return _people(spark).orderBy("name").head()


def case_action_head_n(spark, F, T):
    return _people(spark).orderBy("name").head(3)


def case_action_first_and_take_on_empty(spark, F, T):
    empty = _people(spark).filter("age > 100")
    return [empty.first(), empty.head(), empty.take(2), empty.collect(), empty.count()]


def case_action_row_access(spark, F, T):
    row = _people(spark).orderBy("name").first()
    return [row.name, row["age"], row[2], row.asDict(), "name" in row.asDict()]


def case_action_to_pandas(spark, F, T):
    return _people(spark).orderBy("name").toPandas()


def case_action_to_pandas_types(spark, F, T):
    return _numbers(spark).orderBy("i").toPandas()


def case_action_columns_and_dtypes(spark, F, T):
    df = _numbers(spark).withColumn("s", F.lit("x"))
    return [df.columns, df.dtypes, df.schema.fieldNames(), df.schema.simpleString()]


def case_action_schema_equality(spark, F, T):
    df = spark.createDataFrame([(1, "a")], "a int, b string")
    expected = T.StructType([T.StructField("a", T.IntegerType(), True), T.StructField("b", T.StringType(), True)])
    return [df.schema == expected, df.schema["a"].dataType == T.IntegerType(), df.schema.names]


# -- row order: Spark's order wherever no shuffle decides it ------------------------------------------------------------
# Sources number their rows (local data, ranges, file splits), narrow operations keep each partition's order and
# results are concatenated in partition order; the recorder marks these results ordered, so rows compare in order.


def _numbered(spark, count=5000):
    # More rows than fit in one partition, so several partitions take part.
    return spark.createDataFrame([(i, f"r{i}") for i in range(count)], "id long, tag string")


def case_order_local_rows(spark, F, T):
    return spark.createDataFrame([(3, "c"), (1, "a"), (2, "b")], "id long, tag string")


def case_order_local_rows_select(spark, F, T):
    return spark.createDataFrame([(i, str(i)) for i in range(30)], "id long, tag string").select("id")


def case_order_filter_many_partitions(spark, F, T):
    return _numbered(spark).filter(F.col("id") % 250 == 7)


def case_order_with_column_and_drop(spark, F, T):
    return _numbered(spark, 40).withColumn("twice", F.col("id") * 2).drop("tag")


def case_order_limit(spark, F, T):
    return _numbered(spark).limit(7)


def case_order_limit_after_filter(spark, F, T):
    return _numbered(spark).filter(F.col("id") % 3 == 1).limit(25)


def case_order_union_left_then_right(spark, F, T):
    right = spark.createDataFrame([(100 + i, "right") for i in range(12)], "id long, tag string")
    return right.union(_numbered(spark, 12))


def case_order_union_by_name(spark, F, T):
    other = spark.createDataFrame([(f"o{i}", -i) for i in range(10)], "tag string, id long")
    return _numbered(spark, 10).unionByName(other)


def case_order_union_then_limit(spark, F, T):
    return _numbered(spark, 3).union(_numbered(spark, 3000)).limit(6)


def case_order_range(spark, F, T):
    return spark.range(0, 1000000, 40000)


def case_order_range_filter_limit(spark, F, T):
    return spark.range(1000000).filter(F.col("id") % 100000 == 3).limit(5)


def case_order_range_many_partitions(spark, F, T):
    return spark.range(0, 30, 1, 7).withColumn("half", F.col("id") / 2)


def case_order_csv_rows(spark, F, T):
    return spark.read.csv(_data("people.csv"), header=True, inferSchema=True)


def case_order_json_rows(spark, F, T):
    return spark.read.json(_data("people.json"))


def case_order_parquet_rows(spark, F, T):
    return spark.read.parquet(_data("people.parquet")).select("name")


def case_order_directory_of_files(spark, F, T):
    # Spark reads the largest file first (b.csv, then c.csv, then a.csv) and skips _SUCCESS.
    return spark.read.csv(_data("parts"), header=True, inferSchema=True)


def case_order_files_cut_in_splits(spark, F, T):
    # Small splits cut every file in pieces; Spark orders the pieces longest first.
    spark.conf.set("spark.sql.files.maxPartitionBytes", "200")
    spark.conf.set("spark.sql.files.openCostInBytes", "0")
    try:
        return [tuple(row) for row in spark.read.csv(_data("parts"), header=True).collect()]
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
        spark.conf.unset("spark.sql.files.openCostInBytes")


def case_conf_defaults_set_and_unset(spark, F, T):
    # Unset settings read as Spark's defaults, so a program can save one and set it back.
    key = "spark.sql.files.maxPartitionBytes"
    before = [spark.conf.get(key), spark.conf.get("spark.sql.files.openCostInBytes")]
    spark.conf.set(key, "1k")
    changed = spark.conf.get(key)
    spark.conf.unset(key)
    return [before, changed, spark.conf.get(key), spark.conf.get("no.such.key", "given")]


def case_conf_spark_defaults_of_settings_pyrust_does_not_read(spark, F, T):
    # Spark's defaults, and None for a setting Spark knows without a default.
    keys = [
        "spark.sql.sources.partitionOverwriteMode",
        "spark.sql.adaptive.enabled",
        "spark.sql.mapKeyDedupPolicy",
        "spark.sql.adaptive.customCostEvaluatorClass",
    ]
    return [spark.conf.get(key) for key in keys]


def case_error_conf_unknown_key(spark, F, T):
    return spark.conf.get("no.such.key")


def case_error_conf_value_out_of_its_options(spark, F, T):
    spark.conf.set("spark.sql.mapKeyDedupPolicy", "FIRST_WIN")


def case_error_conf_bytes_value_that_is_not_a_size(spark, F, T):
    spark.conf.set("spark.sql.files.maxPartitionBytes", "lots")


def case_error_conf_boolean_value_that_is_not_one(spark, F, T):
    spark.conf.set("spark.sql.ansi.enabled", "maybe")


def case_order_limit_of_a_directory(spark, F, T):
    return spark.read.csv(_data("parts"), header=True).limit(4)


def case_order_projection_after_order_by(spark, F, T):
    return _numbered(spark, 50).orderBy(F.col("id").desc()).select("tag").limit(10)


def case_order_pandas_rows(spark, F, T):
    import pandas as pd

    return spark.createDataFrame(pd.DataFrame({"id": list(range(40, 0, -1)), "tag": [f"p{i}" for i in range(40)]}))


def case_order_take(spark, F, T):
    return [row.id for row in _numbered(spark).filter(F.col("id") > 4100).take(5)]


def case_order_head_and_first(spark, F, T):
    frame = _numbered(spark).filter(F.col("id") % 1000 == 999)
    return [frame.first().id, [row.id for row in frame.head(3)]]


def case_order_to_pandas(spark, F, T):
    return _numbered(spark).filter(F.col("id") % 500 == 0).toPandas()


def case_order_collect_many(spark, F, T):
    return [row.id for row in _numbered(spark).collect()] == list(range(5000))


# -- errors ---------------------------------------------------------------------------------------------------------


def case_error_select_unknown_column(spark, F, T):
    return _people(spark).select("nope")


def case_error_select_unknown_column_object(spark, F, T):
    return _people(spark).select(F.col("nope") + 1)


def case_error_filter_unknown_column(spark, F, T):
    return _people(spark).filter(F.col("nope") > 1)


def case_error_filter_sql_unknown_column(spark, F, T):
    return _people(spark).filter("nope > 1")


def case_error_group_by_unknown_column(spark, F, T):
    return _people(spark).groupBy("nope").count()


def case_error_agg_unknown_column(spark, F, T):
    return _people(spark).groupBy("city").agg(F.sum("nope"))


def case_error_order_by_unknown_column(spark, F, T):
    return _people(spark).orderBy("nope")


def case_error_with_column_unknown_reference(spark, F, T):
    return _people(spark).withColumn("x", F.col("nope") * 2)


def case_error_bad_sql_filter(spark, F, T):
    return _people(spark).filter("age >")


def case_error_bad_select_expr(spark, F, T):
    return _people(spark).selectExpr("age +* 1")


def case_error_missing_csv(spark, F, T):
    return spark.read.csv(_data("does_not_exist.csv"), header=True)


def case_error_missing_parquet(spark, F, T):
    return spark.read.parquet(_data("does_not_exist.parquet"))


def case_error_union_column_count(spark, F, T):
    a = spark.createDataFrame([(1, "a")], ["n", "s"])
    b = spark.createDataFrame([(1,)], ["n"])
    return a.union(b)


def case_error_union_by_name_missing_column(spark, F, T):
    a = spark.createDataFrame([(1, "a")], ["n", "s"])
    b = spark.createDataFrame([(2, True)], ["n", "flag"])
    return a.unionByName(b)


def case_error_ambiguous_join_column(spark, F, T):
    left, right = _left(spark), _right(spark)
    return left.join(right, left.id == right.id).select("name")


def case_error_join_unknown_key(spark, F, T):
    return _left(spark).join(_right(spark), "nope")


def case_error_cast_invalid_string_to_int(spark, F, T):
    # ANSI mode: a malformed number is an error, not a null.
    df = spark.createDataFrame([("12",), ("abc",)], "s string")
    return df.select(df.s.cast("int"))


def case_error_integer_divide_by_zero(spark, F, T):
    df = spark.createDataFrame([(1, 0)], "a int, b int")
    return df.select(df.a % df.b)


def case_error_int_overflow(spark, F, T):
    df = spark.createDataFrame([(2147483647,)], "a int")
    return df.select(df.a + 1)


# -- ANSI off ----------------------------------------------------------------------------------------------------------
# spark.sql.ansi.enabled=false: integers wrap as Java's do, a zero divisor (0.0 too) gives null, casts give null where
# the value does not fit, except numbers cast to integers (low bits kept; floating point saturates). The same
# expressions with ANSI on follow each group; they raise.


def _extremes(spark):
    # The int and bigint bounds, and zero divisors of each type.
    return spark.createDataFrame(
        [(2147483647, -2147483648, 9223372036854775807, -9223372036854775808, 0, 0, 0.0)],
        "imax int, imin int, lmax long, lmin long, izero int, lzero long, dzero double",
    )


def _divisions(spark):
    # Zero, non-zero and null divisors in one column, so no constant decides the outcome.
    return spark.createDataFrame(
        [(1, 7, 10, 0, 2.5, 0.0), (2, -7, -10, 3, -2.5, -0.0), (3, 7, 10, None, 1.0, 4.0), (4, None, None, -1, None, None)],
        "id int, i int, l long, zi int, d double, zd double",
    )


@settings(ANSI_OFF)
def case_ansi_off_int_overflow_wraps(spark, F, T):
    df = _extremes(spark)
    return df.select(df.imax + 1, df.imin - 1, df.imax * 2, -df.imin, df.imax * df.imax)


@settings(ANSI_OFF)
def case_ansi_off_long_overflow_wraps(spark, F, T):
    df = _extremes(spark)
    return df.select(df.lmax + 1, df.lmin - 1, df.lmax * 3, -df.lmin, df.imax + df.lmax)


@settings(ANSI_OFF)
def case_ansi_off_divide_by_zero_is_null(spark, F, T):
    df = _extremes(spark)
    return df.select(df.imax / df.izero, df.lmax / df.lzero, F.lit(1.5) / df.dzero, df.dzero / df.dzero, F.lit(1.0) / -df.dzero)


@settings(ANSI_OFF)
def case_ansi_off_remainder_by_zero_is_null(spark, F, T):
    df = _extremes(spark)
    return df.select(df.imax % df.izero, df.lmax % df.lzero, F.lit(5.5) % df.dzero, df.imin % -1, df.lmin % -1)


@settings(ANSI_OFF)
def case_ansi_off_division_column_of_divisors(spark, F, T):
    df = _divisions(spark)
    return df.select("id", df.i / df.zi, df.i % df.zi, df.l % df.zi, df.d / df.zd, df.d % df.zd).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_sql_expressions(spark, F, T):
    return _extremes(spark).selectExpr("imax + 1", "1 / 0", "5 % izero", "CAST('x' AS DOUBLE) AS bad", "-lmin AS negated")


@settings(ANSI_OFF)
def case_ansi_off_sum_overflow_wraps(spark, F, T):
    df = spark.createDataFrame([(9223372036854775807,), (1,), (2147483647,)], "l long")
    return df.agg(F.sum("l"), F.avg("l"))


@settings(ANSI_OFF)
def case_ansi_off_cast_invalid_strings(spark, F, T):
    df = spark.createDataFrame([(1, "1.5"), (2, "abc"), (3, " 2e3 "), (4, "2020-13-01"), (5, "2021-02-03"), (6, None)],
                               "id int, s string")
    return df.select("id", df.s.cast("double"), df.s.cast("float"), df.s.cast("date"), df.s.cast("boolean")).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_cast_strings_to_integers(spark, F, T):
    df = spark.createDataFrame([(1, "12"), (2, "abc"), (3, " 7 "), (4, "12.5"), (5, "99999999999")], "id int, s string")
    return df.select("id", df.s.cast("int"), df.s.cast("bigint")).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_cast_integers_wrap(spark, F, T):
    df = spark.createDataFrame([(1, 3000000000, 300, 128), (2, -3000000000, -129, -32768), (3, 5, 7, 9)],
                               "id int, l long, i int, h smallint")
    return df.select("id", df.l.cast("int"), df.l.cast("smallint"), df.i.cast("tinyint"), df.h.cast("tinyint"),
                     df.i.cast("bigint")).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_cast_floating_point_saturates(spark, F, T):
    df = spark.createDataFrame([(1, 3e10), (2, -3e10), (3, float("nan")), (4, float("inf")), (5, 300.7), (6, -2.7),
                                (7, None)], "id int, d double")
    return df.select("id", df.d.cast("int"), df.d.cast("bigint"), df.d.cast("tinyint"), df.d.cast("float")).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_cast_decimals_out_of_range(spark, F, T):
    df = spark.createDataFrame([(1, 3000000000, decimal.Decimal("12345.678")), (2, 7, decimal.Decimal("1.250"))],
                               "id int, l long, m decimal(10,3)")
    return df.select("id", df.l.cast("decimal(5,0)"), df.m.cast("decimal(4,1)"), df.m.cast("double")).orderBy("id")


@settings(ANSI_OFF)
def case_ansi_off_nullability(spark, F, T):
    # spark.range's id is not nullable: which results may still be null with ANSI off.
    df = spark.range(3)
    half = df.id / 2
    return df.select(df.id + 1, -df.id, df.id % 2, half, df.id.cast("int"), df.id.cast("double"), df.id.cast("string"),
                     half.cast("bigint"), F.lit("7").cast("int"), F.lit("7").cast("date"), df.id.cast("decimal(20,0)"),
                     df.id.cast("decimal(3,0)"))


def case_ansi_mode_bound_when_dataframe_is_built(spark, F, T):
    # Spark fixes the mode when it analyses an expression: a DataFrame built with ANSI off keeps it.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        df = _extremes(spark).select(F.col("imax") + 1, F.col("imax") / F.col("izero"))
    finally:
        spark.conf.set("spark.sql.ansi.enabled", "true")
    return df


def case_ansi_remainder_of_min_by_minus_one(spark, F, T):
    df = _extremes(spark)
    return df.select(df.imin % -1, df.lmin % -1)


def case_error_ansi_long_overflow(spark, F, T):
    df = _extremes(spark)
    return df.select(df.lmax + 1)


def case_error_ansi_int_multiply_overflow(spark, F, T):
    df = _extremes(spark)
    return df.select(df.imax * df.imax)


def case_error_ansi_unary_minus_overflow(spark, F, T):
    df = _extremes(spark)
    return df.select(-df.imin)


def case_error_ansi_long_divide_by_zero(spark, F, T):
    df = _extremes(spark)
    return df.select(df.lmax / df.lzero)


def case_error_ansi_double_remainder_by_zero(spark, F, T):
    df = _extremes(spark)
    return df.select(F.lit(5.5) % df.dzero)


def case_error_ansi_divide_column_with_a_zero(spark, F, T):
    df = _divisions(spark)
    return df.select(df.d / df.zd)


def case_error_ansi_sum_overflow(spark, F, T):
    df = spark.createDataFrame([(9223372036854775807,), (1,)], "l long")
    return df.agg(F.sum("l"))


def case_error_ansi_cast_invalid_string_to_double(spark, F, T):
    df = spark.createDataFrame([("abc",)], "s string")
    return df.select(df.s.cast("double"))


def case_error_ansi_cast_invalid_string_to_date(spark, F, T):
    df = spark.createDataFrame([("2020-13-01",)], "s string")
    return df.select(df.s.cast("date"))


def case_error_ansi_cast_long_to_int_overflow(spark, F, T):
    df = spark.createDataFrame([(3000000000,)], "l long")
    return df.select(df.l.cast("int"))


def case_error_ansi_cast_double_to_int_overflow(spark, F, T):
    df = spark.createDataFrame([(3e10,)], "d double")
    return df.select(df.d.cast("int"))


def case_error_ansi_cast_decimal_out_of_range(spark, F, T):
    df = spark.createDataFrame([(decimal.Decimal("12345.678"),)], "m decimal(10,3)")
    return df.select(df.m.cast("decimal(4,1)"))


# -- long pipelines ---------------------------------------------------------------------------
# Hundreds of chained operations (issue 9): the plan must stay shallow enough
# for every decoder on the way, and collapsing it must not change the result.


def case_long_chain_300_with_column(spark, F, T):
    df = spark.createDataFrame([(i, str(i)) for i in range(10)], ["x", "y"])
    for i in range(1, 301):
        df = df.withColumn(f"c{i % 5}", F.col("x") + i)
    return df


def case_long_chain_200_filters(spark, F, T):
    df = spark.range(205).withColumn("s", F.col("id").cast("string"))
    for i in range(200):
        df = df.filter(F.col("id") != i) if i % 2 == 0 else df.filter(F.col("s") != str(i))
    return df


def case_long_chain_filters_and_with_columns(spark, F, T):
    # Each filter reads the column computed just before it: collapsed, the
    # conditions are rewritten over the input columns.
    df = spark.range(40)
    for i in range(100):
        df = df.withColumn("v", F.col("id") * 2 + i)
        df = df.filter(F.col("v") % 3 != i % 3) if i % 10 == 0 else df.filter(F.col("v") > i)
    return df.select("id", "v")


def case_long_chain_300_way_union(spark, F, T):
    union = spark.range(0, 1)
    for i in range(1, 300):
        union = union.union(spark.range(i, i + 1))
    return union.filter(F.col("id") % 20 == 7)


def case_long_chain_100_deep_expression(spark, F, T):
    df = spark.createDataFrame([(1,), (2,), (None,)], "x int")
    deep = F.col("x")
    for i in range(100):
        deep = deep + 1 if i % 2 == 0 else deep * 1
    return df.select("x", deep.alias("deep"))
