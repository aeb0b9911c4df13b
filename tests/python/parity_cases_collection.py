"""Parity cases of the array, map and struct functions (rules: parity_cases.py's docstring)."""

from parity_cases import settings


def _arrays(spark):
    # A null element, a null array, an empty array; strings with unicode and empty ones.
    return spark.createDataFrame(
        [
            ([2, 1, None, 3], ["a", "b"], "s", 1),
            (None, [], None, -1),
            ([], ["c", None, ""], "日本", 5),
            ([5, 5, -7], ["é", "é"], "", 0),
        ],
        "data array<int>, s array<string>, str string, i int",
    )


def _maps(spark):
    return spark.createDataFrame(
        [({"x": 1, "y": None}, ["k1", "k2"], [1.5, float("nan")]), (None, None, None), ({}, [], [])],
        "m map<string,int>, keys array<string>, values array<double>",
    )


def case_collection_array_constructor(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.array(F.lit(1), F.lit(2)),
        F.array("str", F.lit(None)),
        F.array("i", F.lit(2.5)),
        F.array(["str", "str"]),
        F.expr("array(i, 1)"),
    )


def case_collection_array_queries(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.array_contains("data", 1),
        F.array_contains("data", 5),
        F.array_contains("s", ""),
        F.array_max("data"),
        F.array_min("s"),
        F.array_position("data", 3),
        F.array_position("data", 9),
        F.array_position("s", "b"),
    )


def case_collection_size(spark, F, T):
    df = _arrays(spark)
    return df.select(F.size("data"), F.cardinality("s"), F.array_size("data"), F.size(F.create_map(F.lit("a"), "i")))


@settings({"spark.sql.ansi.enabled": "false"})
def case_collection_size_legacy(spark, F, T):
    # Without ANSI mode, the size of a null array is -1; array_size stays null.
    df = _arrays(spark)
    return df.select(F.size("data"), F.cardinality("s"), F.array_size("data"))


def case_collection_array_transforms(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.array_distinct("data"),
        F.array_remove("data", 5),
        F.array_compact("data"),
        F.sort_array("data"),
        F.sort_array("s", asc=False),
        F.reverse("data"),
        F.reverse("str"),
        F.slice("data", 2, 2),
        F.slice("data", -2, 5),
    )


def case_collection_array_join_and_repeat(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.array_join("s", ","),
        F.array_join("s", "-", "NULL"),
        F.array_join("data", "/"),
        F.array_repeat("str", 2),
        F.array_repeat("str", "i"),
    )


def case_collection_concat(spark, F, T):
    # Null when any argument is null, for strings and arrays alike.
    df = _arrays(spark)
    return df.select(F.concat("data", "data"), F.concat("str", F.lit("!"), "str"), F.concat("s", F.array(F.lit("z"))))


def case_collection_append_prepend(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.array_append("data", 4),
        F.array_prepend("data", 4),
        F.array_append("s", None),
        F.array_prepend("s", "z"),
    )


def case_collection_set_operations(spark, F, T):
    df = _arrays(spark)
    other = F.array(F.lit(1), F.lit(None).cast("int"), F.lit(5))
    return df.select(
        F.array_union("data", other),
        F.array_intersect("data", other),
        F.array_except("data", other),
        F.flatten(F.array("data", "data")),
    )


def case_collection_flatten(spark, F, T):
    # Null when an inner array is null; inner null elements are kept.
    df = spark.createDataFrame(
        [([[1, 2], [3, None]],), ([[1], None],), (None,), ([],), ([[], []],)],
        "a array<array<int>>",
    )
    return df.select(F.flatten("a"), F.flatten(F.array(F.array(F.lit("x")), F.array(F.lit("y"), F.lit(None)))))


def case_collection_element_at(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.element_at(F.array(F.lit(1), F.lit(2), F.lit(3)), 1),
        F.element_at(F.array(F.lit(1), F.lit(2), F.lit(3)), -1),
        F.try_element_at("data", F.lit(2)),
        F.try_element_at("data", F.lit(-10)),
        F.get("data", 0),
        F.get("data", -1),
        F.get("s", "i"),
    )


def case_error_collection_element_at_out_of_bounds(spark, F, T):
    return _arrays(spark).select(F.element_at("data", 3)).collect()


def case_error_collection_element_at_zero(spark, F, T):
    return _arrays(spark).select(F.try_element_at("data", F.lit(0))).collect()


@settings({"spark.sql.ansi.enabled": "false"})
def case_collection_element_at_legacy(spark, F, T):
    return _arrays(spark).select(F.element_at("data", 3), F.element_at("data", -4))


def case_collection_maps(spark, F, T):
    df = _maps(spark)
    return df.select(
        F.map_keys("m"),
        F.map_values("m"),
        F.map_entries("m"),
        F.map_contains_key("m", "x"),
        F.element_at("m", F.lit("y")),
        F.element_at("m", F.lit("zz")),
        F.try_element_at("m", F.lit("x")),
        F.map_from_arrays("keys", "values"),
    )


def case_collection_create_map(spark, F, T):
    df = _maps(spark)
    return df.select(F.create_map(F.lit("a"), F.lit(1), F.lit("b"), F.lit(None)), F.create_map([F.lit(1), "keys"]))


def case_error_collection_create_map_duplicate_key(spark, F, T):
    return spark.range(1).select(F.create_map(F.lit("a"), F.lit(1), F.lit("a"), F.lit(2))).collect()


def case_collection_map_from_entries_and_str_to_map(spark, F, T):
    df = spark.createDataFrame([("a:1,b:2",), ("",), (None,), ("k=v;x=w",)], "t string")
    entries = F.array(F.struct(F.lit(1).alias("k"), F.lit("one").alias("v")), F.struct(F.lit(2).alias("k"), F.lit(None).cast("string").alias("v")))
    return df.select(F.str_to_map("t"), F.str_to_map("t", F.lit(";"), F.lit("=")), F.map_from_entries(entries))


def case_collection_structs(spark, F, T):
    df = _arrays(spark)
    return df.select(
        F.struct("str", "data"),
        F.struct(F.lit(1), F.col("i").alias("n")),
        F.named_struct(F.lit("x"), "str", F.lit("y"), F.col("i") + 1),
        F.struct(F.struct("i").alias("inner")),
    )


def case_collection_arrays_overlap(spark, F, T):
    df = spark.createDataFrame(
        [([1, 2], [2, 3]), ([1, None], [3]), ([1, None], [3, None]), ([], [None]), (None, [1]), ([None], [1, None]), ([4], [5])],
        "a array<int>, b array<int>",
    )
    return df.select(F.arrays_overlap("a", "b"), F.arrays_overlap("a", F.array(F.lit(2).cast("long"))))


def case_collection_array_repeat_nested(spark, F, T):
    df = spark.createDataFrame([(["apple", "banana"], 2), (None, 0), ([], None)], "data array<string>, n int")
    return df.select(F.array_repeat("data", 2), F.array_repeat(F.lit(1), "n"), F.array(F.array("data")))


def case_collection_map_concat(spark, F, T):
    df = spark.createDataFrame([({"a": 1}, {"b": 2}), ({}, {"c": 3}), (None, {"d": 4})], "m1 map<string,int>, m2 map<string,int>")
    # (Entries with null values are left out of maps of several entries: PySpark's
    # collect() returns those in another order than the map's, which show() prints.)
    return df.select(F.map_concat("m1", "m2"), F.map_concat(["m2"]), F.map_concat("m2", F.create_map(F.lit("z"), F.lit(9).cast("long"))))


def case_error_collection_map_concat_duplicate_key(spark, F, T):
    df = spark.createDataFrame([({"a": 1}, {"a": 2})], "m1 map<string,int>, m2 map<string,int>")
    return df.select(F.map_concat("m1", "m2")).collect()


def case_collection_array_insert(spark, F, T):
    # Past either end pads with nulls; -1 appends.
    df = spark.createDataFrame([([1, 2, 3], 2), ([], -2), (None, 1), ([4], None)], "a array<int>, p int")
    return df.select(
        F.array_insert("a", 1, F.lit(9)),
        F.array_insert("a", 6, F.lit(9)),
        F.array_insert("a", -1, F.lit(9)),
        F.array_insert("a", -6, F.lit(9)),
        F.array_insert("a", "p", F.lit(None).cast("int")),
        F.array_insert("a", 2, F.lit(1.5)),
    )


def case_error_collection_array_insert_zero(spark, F, T):
    df = spark.createDataFrame([([1, 2, 3],)], "a array<int>")
    return df.select(F.array_insert("a", 0, F.lit(9))).collect()


# -- array_sort without a comparator, arrays_zip, sequence -----------------------


def case_collection_array_sort_default(spark, F, T):
    df = spark.createDataFrame(
        [
            ([2.0, float("nan"), None, -1.0, float("-inf"), 0.0], ["b", None, "a"]),
            ([], []),
            (None, None),
        ],
        "d array<double>, s array<string>",
    )
    return df.select(F.array_sort("d"), F.array_sort("s").alias("s"))


def case_collection_arrays_zip(spark, F, T):
    df = spark.createDataFrame(
        [([1, 2, 3], ["a", "b"], [True]), ([1, None], None, [False, True]), ([], [], [])],
        "nums array<int>, letters array<string>, flags array<boolean>",
    )
    return df.select(
        F.arrays_zip("nums", "letters"),
        # Spark prints the alias inside the column name ("flags AS f"): the result is aliased.
        F.arrays_zip(df.nums, F.col("flags").alias("f"), F.array(F.lit(1))).alias("zipped"),
    )


def case_collection_sequence(spark, F, T):
    df = spark.createDataFrame(
        [(-2, 2, 1, 1, 2), (4, -4, -2, 4, 3), (5, 5, 0, 5, 5), (1, 10, 3, 1, 10), (None, 3, 1, None, 3), (1, 3, None, 1, 3)],
        "start int, stop int, step int, big bigint, tiny tinyint",
    )
    return df.select(
        F.sequence("start", "stop"),
        F.sequence("start", "stop", "step"),
        F.sequence("big", "stop"),
        F.sequence("tiny", "tiny"),
        F.sequence("stop", "tiny"),
    )


def case_error_collection_sequence_bounds(spark, F, T):
    return spark.createDataFrame([(1, 5, -1)], "a int, b int, c int").select(F.sequence("a", "b", "c")).collect()


def case_error_collection_sequence_type(spark, F, T):
    return spark.createDataFrame([(1.0, 5.0)], "a double, b double").select(F.sequence("a", "b")).collect()


@settings({"spark.sql.mapKeyDedupPolicy": "LAST_WIN"})
def case_collection_map_key_dedup_last_win(spark, F, T):
    # A repeated key keeps its last value; map_concat as well.
    return spark.sql("SELECT map(1, 'a', 1, 'b') AS m, map_concat(map(1, 'a', 2, 'b'), map(2, 'c')) AS c")


def case_error_collection_map_duplicate_key(spark, F, T):
    return spark.sql("SELECT map(1, 'a', 1, 'b') AS m").collect()


def case_error_collection_map_null_key(spark, F, T):
    return spark.sql("SELECT map(1, 'a', CAST(NULL AS INT), 'b') AS m").collect()


def case_collection_maps_from_arrays_and_entries_across_partitions(spark, F, T):
    # Rows of later partitions start past their lists' first values.
    df = spark.createDataFrame(
        [([1, 2], ["a", "b"]), ([3], ["c"]), ([4, 5], ["d", "e"]), ([6], ["f"]), ([7, 8, 9], ["g", "h", "i"])],
        "k array<int>, v array<string>",
    )
    return df.select(F.map_from_arrays("k", "v"), F.map_from_entries(F.arrays_zip("k", "v")))
