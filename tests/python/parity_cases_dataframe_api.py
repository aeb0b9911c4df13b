"""Parity cases of the DataFrame API methods of issue 11: na/stat functions, set
operations, grouping sets, pivot, unpivot, nested values, ordinals, caching
(rules: parity_cases.py's docstring)."""

import datetime
import sys


def _holes(spark):
    # Nulls in every column, a NaN, a duplicate row.
    return spark.createDataFrame(
        [
            (1, 2.5, "a", True),
            (None, float("nan"), "b", None),
            (3, None, None, False),
            (None, None, None, None),
            (1, 2.5, "a", True),
        ],
        "i int, d double, s string, b boolean",
    )


def _sales(spark):
    return spark.createDataFrame(
        [
            ("north", "a", 2023, 10),
            ("north", "b", 2023, 20),
            ("south", "a", 2024, 5),
            ("south", "a", 2023, 15),
            ("east", None, 2024, None),
        ],
        "region string, product string, year int, qty int",
    )


# -- na ------------------------------------------------------------------------------


def case_na_fill_number(spark, F, T):
    # A number fills int and double columns (NaN too), cast to each column's type.
    return _holes(spark).na.fill(7.9)


def case_na_fill_string_and_bool(spark, F, T):
    return _holes(spark).fillna("z").fillna(False)


def case_na_fill_subset_and_dict(spark, F, T):
    holes = _holes(spark)
    return holes.fillna(0, subset=["d"]).union(holes.fillna({"i": 9, "s": "?", "b": True}))


def case_na_fill_empty_frame(spark, F, T):
    return _holes(spark).limit(0).na.fill(1)


def case_na_drop_variants(spark, F, T):
    holes = _holes(spark)
    return [
        holes.na.drop().count(),
        holes.na.drop(how="all").count(),
        holes.dropna(thresh=2).count(),
        holes.dropna(subset=["i", "s"]).count(),
        holes.dropna(how="all", subset="d").count(),
    ]


def case_na_replace_numbers_strings(spark, F, T):
    holes = _holes(spark)
    return holes.na.replace(1, 100).union(holes.replace(["a", "b"], ["A", None], "s"))


def case_na_replace_dict_and_float_key(spark, F, T):
    return _holes(spark).replace({2.5: 0.5, 3: 4})


def case_na_replace_unicode(spark, F, T):
    df = spark.createDataFrame([("é", "名前"), ("ü", None)], "`naïve` string, `名前` string")
    return df.na.replace("é", "e").na.fill("∅")


def case_error_na_replace_mixed_types(spark, F, T):
    return _holes(spark).na.replace({"a": "b", 1: 2})


def case_error_column_get_item_out_of_range(spark, F, T):
    # ANSI mode: an array index out of bounds is an error.
    return _nested(spark).select(F.col("l")[5])


def case_error_na_drop_bad_how(spark, F, T):
    return _holes(spark).na.drop(how="some")


# -- set operations ------------------------------------------------------------------


def _bags(spark):
    left = spark.createDataFrame([(1, "a"), (1, "a"), (1, "a"), (2, None), (2, None), (3, "c")], "k int, v string")
    right = spark.createDataFrame([(1, "a"), (2, None), (4, "d")], "k int, v string")
    return left, right


def case_set_subtract_and_intersect(spark, F, T):
    left, right = _bags(spark)
    return left.subtract(right).union(left.intersect(right))


def case_set_except_all(spark, F, T):
    left, right = _bags(spark)
    return left.exceptAll(right)


def case_set_intersect_all(spark, F, T):
    left, right = _bags(spark)
    return left.intersectAll(left.limit(4)).union(right.intersectAll(left))


def case_set_operations_widen_types(spark, F, T):
    ints = spark.createDataFrame([(1, 1), (2, 2)], "a int, b int")
    doubles = spark.createDataFrame([(1.0, 1)], "x double, y long")
    return ints.subtract(doubles)


def case_set_operations_empty(spark, F, T):
    left, right = _bags(spark)
    return left.limit(0).exceptAll(right).union(left.intersect(right.limit(0)))


def case_error_set_operation_column_count(spark, F, T):
    left, _ = _bags(spark)
    return left.intersect(left.select("k"))


# -- offset, tail, limits -------------------------------------------------------------


def case_offset_and_limit(spark, F, T):
    df = spark.range(10)
    return [
        [row.id for row in df.offset(7).collect()],
        df.offset(20).count(),
        [row.id for row in df.offset(2).limit(3).collect()],
        [row.id for row in df.tail(3)],
        df.tail(0),
    ]


def case_error_negative_offset(spark, F, T):
    return spark.range(3).offset(-1)


def case_error_negative_limit(spark, F, T):
    return spark.range(3).limit(-1)


# -- describe, summary, stat -----------------------------------------------------------


def _measures(spark):
    return spark.createDataFrame(
        [("Bob", 13, 40.5, True), ("Alice", 12, 37.5, False), ("Tom", 11, None, None), ("Zoë", None, 44.0, True)],
        "name string, age int, weight double, flag boolean",
    )


def case_describe_all_columns(spark, F, T):
    # Numeric and string columns; the boolean one is left out.
    return _measures(spark).describe()


def case_describe_some_columns_and_empty(spark, F, T):
    measures = _measures(spark)
    return measures.describe("age", "name").union(measures.limit(0).describe("age", "name"))


def case_summary_default(spark, F, T):
    return _measures(spark).summary()


def case_summary_chosen_statistics(spark, F, T):
    return _measures(spark).summary("max", "count", "count_distinct", "33%", "min")


def case_stat_corr_cov(spark, F, T):
    df = spark.createDataFrame([(1, 12), (10, 1), (19, 8), (None, 3)], "c1 int, c2 int")
    # Spark's stat functions read a null as 0; NaN (corr) and 0.0 (cov) for fewer than two rows.
    return [df.corr("c1", "c2"), df.stat.cov("c1", "c2"), df.limit(0).corr("c1", "c2"), df.limit(1).cov("c1", "c2")]


def case_error_stat_corr_method(spark, F, T):
    return spark.range(3).corr("id", "id", "spearman")


def case_stat_crosstab(spark, F, T):
    df = spark.createDataFrame([(1, "x"), (1, "y"), (2, "x"), (None, "z"), (1, None)], "a int, b string")
    return df.crosstab("a", "b")


def case_stat_approx_quantile(spark, F, T):
    df = spark.createDataFrame([(v, v * 10) for v in [1, 2, 3, 4, 5]] + [(None, None)], "a int, b int")
    return [
        df.approxQuantile("a", [0.0, 0.2, 0.5, 1.0], 0.0),
        df.approxQuantile(["a", "b"], [0.5], 0.05),
        df.limit(0).approxQuantile("a", [0.5], 0.0),
    ]


# -- grouping sets and pivot ---------------------------------------------------------------


def case_rollup_count(spark, F, T):
    return _sales(spark).rollup("region", "product").count()


def case_cube_sum_with_grouping_id(spark, F, T):
    return _sales(spark).cube("region", "year").agg(F.sum("qty"), F.grouping_id(), F.grouping("year"))


def case_grouping_sets(spark, F, T):
    return _sales(spark).groupingSets([("region", "year"), ("region",), ()], "region", "year").agg(
        F.max("qty").alias("most")
    )


def case_groupby_ordinal_and_order_by_ordinals(spark, F, T):
    sales = _sales(spark)
    return sales.groupBy(1).count().orderBy(-2, 1)


def case_pivot_without_values(spark, F, T):
    return _sales(spark).groupBy("region").pivot("year").sum("qty")


def case_pivot_with_values_and_two_aggregates(spark, F, T):
    return _sales(spark).groupBy("year").pivot("region", ["north", "south", "west"]).agg(F.sum("qty"), F.count("qty"))


def case_grouped_all_numeric_columns(spark, F, T):
    sales = _sales(spark)
    return sales.groupBy("region").mean().union(sales.groupBy("region").max())


def case_grouped_agg_dict_star(spark, F, T):
    return _sales(spark).groupBy("region").agg({"*": "count", "qty": "avg"})


# -- unpivot, colRegex, to ------------------------------------------------------------------


def case_unpivot_with_values(spark, F, T):
    df = spark.createDataFrame([(1, 11, 1.5), (2, None, 2.5)], "id int, `int` int, `double` double")
    return df.unpivot("id", ["int", "double"], "var", "val")


def case_melt_all_other_columns(spark, F, T):
    df = spark.createDataFrame([("x", 1, 2), ("y", 3, None)], "k string, a int, `名` long")
    return df.melt(["k"], None, "column", "value")


def case_error_unpivot_type_mismatch(spark, F, T):
    df = spark.createDataFrame([(1, "a", 2.0)], "id int, s string, d double")
    return df.unpivot("id", ["s", "d"], "var", "val")


def case_col_regex(spark, F, T):
    df = spark.createDataFrame([("a", 1, 2)], "Col1 string, Col2 int, other int")
    return df.select(df.colRegex("`(Col1)?+.+`"), df.colRegex("`Col.`"))


def case_to_schema(spark, F, T):
    df = spark.createDataFrame([("a", 1)], "i string, j long")
    return df.to(T.StructType([T.StructField("j", T.StringType()), T.StructField("i", T.StringType())]))


# -- nested values --------------------------------------------------------------------------------


def _nested(spark):
    return spark.createDataFrame(
        [((1, "x", (4, 5)), [1, 2, 3], {"k": "v"}), (None, [7, 8], {}), ((2, None, None), None, None)],
        "s struct<a:int, b:string, c:struct<d:int, e:int>>, l array<int>, m map<string,string>",
    )


def case_column_get_item_and_field(spark, F, T):
    df = _nested(spark)
    return df.select(df.l.getItem(0), df.l[1], df.m.getItem("k"), df.m["none"], df.s.getField("b"), df.s.c.d, "s.a", F.col("s.c.e"))


def case_column_with_field_and_drop_fields(spark, F, T):
    df = _nested(spark)
    return df.select(
        df.s.withField("a", F.lit(0)).alias("set"),
        df.s.withField("z", F.lit("new")).alias("added"),
        df.s.dropFields("b", "c.e").alias("dropped"),
        df.s.withField("c.d", F.lit(-1)).alias("nested"),
    )


def case_column_slice_nan_bitwise(spark, F, T):
    df = spark.createDataFrame([("abcdef", 170, 75, float("nan")), ("é", 1, 3, 1.0)], "t string, a int, b long, d double")
    return df.select(df.t[2:3], df.d.isNaN(), df.a.bitwiseAND(df.b), df.a.bitwiseOR(7), df.b.bitwiseXOR(df.a), df.t.transform(F.upper))


# -- caching, semantics, misc -------------------------------------------------------------------


def case_cache_and_storage_level(spark, F, T):
    df = spark.range(100).filter("id % 7 = 0")
    before = str(df.storageLevel)
    df.cache()
    cached = [str(df.storageLevel), df.count(), df.filter("id > 50").count(), df.is_cached]
    df.unpersist()
    return [before, *cached, str(df.storageLevel), df.count()]


def case_same_semantics(spark, F, T):
    one, two = spark.range(10), spark.range(10)
    return [
        one.withColumn("x", one.id * 2).sameSemantics(two.withColumn("x", two.id * 2)),
        one.withColumn("x", one.id * 2).sameSemantics(two.withColumn("x", two.id + 2)),
        one.withColumn("x", one.id * 2).sameSemantics(two.withColumn("y", two.id * 2)),
        spark.range(10).semanticHash() == spark.range(10).semanticHash(),
    ]


def case_empty_data_frame_and_transform(spark, F, T):
    df = spark.emptyDataFrame("name STRING, `ü` INT")
    return df.transform(lambda frame, n: frame.withColumn("n", F.lit(n)), 3).hint("broadcast").repartition(4).coalesce(1)


def case_duplicate_column_names_set_operations(spark, F, T):
    df = spark.createDataFrame([(1, 1), (2, 2), (2, 2)], "a int, b int").toDF("x", "x")
    return df.exceptAll(df.limit(1)).union(df.intersect(df))


# -- sampling: over spark.range the rows picked are Spark's (rand(seed)'s numbers); elsewhere
# -- they differ (see pyrust's _sample.py), the certain outcomes do not --------------------------


def case_sample_certain_outcomes(spark, F, T):
    df = spark.range(50)
    return [
        df.sample(0.0, 1).count(),
        df.sample(1.0, 1).count(),
        df.sample(withReplacement=False, fraction=1.0).count(),
        [part.count() for part in df.randomSplit([1.0], 3)],
        sum(part.count() for part in df.randomSplit([1.0, 2.0, 0.5], 3)),
        df.sampleBy(F.col("id") % 2, {0: 1.0, 1: 0.0}, 5).count(),
    ]


def case_error_sample_bad_arguments(spark, F, T):
    return spark.range(5).sample("half")


def case_error_random_split_negative_weight(spark, F, T):
    return spark.range(5).randomSplit([1.0, -1.0])


def case_sample_over_range_spark_rows(spark, F, T):
    df = spark.range(0, 100, 1, 3)
    return [
        [row.id for row in df.sample(0.3, 5).collect()],
        [row.id for row in df.filter("id % 2 = 0").sample(fraction=0.5, seed=-7).collect()],
        [sorted(row.id for row in part.collect()) for part in df.randomSplit([1.0, 2.0], 24)],
        [row.id for row in df.sampleBy("id", {1: 0.5, 2: 0.5, 3: 0.5, 4: 0.5, 50: 1.0}, 7).collect()],
    ]


def case_sample_with_replacement_over_range(spark, F, T):
    return [
        [row.id for row in spark.range(0, 10, 1, 2).sample(True, 0.5, 3).collect()],
        [row.id for row in spark.range(5, 200, 3, 4).sample(True, 1.5, -11).collect()],
        spark.range(0, 50, 1, 3).sample(withReplacement=True, fraction=2.0, seed=123456789012).count(),
        spark.range(0, 10, 1, 2).sample(True, 0.0, 3).count(),
    ]


def case_sample_by_over_range_counts(spark, F, T):
    dataset = spark.range(0, 100, 1, 5).select((F.col("id") % 3).alias("key"))
    return dataset.sampleBy("key", fractions={0: 0.1, 1: 0.2}, seed=0).groupBy("key").count().orderBy("key")


# -- observe / Observation -------------------------------------------------------------------


def _observation(T):
    # `Observation` of the engine whose `types` module T is (its package's `sql`), without an import.
    return getattr(sys.modules[T.__name__.rpartition(".")[0]], "Observation")


def _observed_people(spark):
    return spark.createDataFrame(
        [(2, "Alice"), (5, "Bob"), (None, "Ünïcode"), (7, None)], "age int, name string"
    )


def case_observe_metrics_after_action(spark, F, T):
    observation = _observation(T)("metrics")
    observed = _observed_people(spark).observe(
        observation,
        F.count(F.lit(1)).alias("rows"),
        F.max("age"),
        F.sum(F.col("age") + 1),
        F.lit(42),
        (F.avg("age") * 2).alias("twice_mean"),
        F.count("name"),
    )
    rows = observed.filter("age > 3").collect()
    first = observation.get
    observed.count()
    return [rows, first, observation.get]


def case_observe_empty_frame(spark, F, T):
    observation = _observation(T)("empty")
    observed = _observed_people(spark).filter("age > 100").observe(
        observation, F.count(F.lit(1)).alias("c"), F.max("age"), F.avg("age"), F.collect_list("name")
    )
    return [observed.collect(), observation.get]


def case_error_observe_non_aggregate(spark, F, T):
    return _observed_people(spark).observe("m", F.col("age") + F.sum("age"))


def case_error_observe_distinct(spark, F, T):
    return _observed_people(spark).observe("m", F.count_distinct("age"))


def case_error_observe_duplicate_name(spark, F, T):
    return _observed_people(spark).observe("m", F.count("*")).observe("m", F.max("age"))


def case_error_observe_reused(spark, F, T):
    observation = _observation(T)("once")
    people = _observed_people(spark)
    people.observe(observation, F.count("*"))
    return people.observe(observation, F.count("*"))


def case_error_observation_get_before_observe(spark, F, T):
    return _observation(T)("never").get


# -- zipWithIndex, localCheckpoint, zip -----------------------------------------------------------


def case_zip_with_index(spark, F, T):
    df = _observed_people(spark)
    return df.filter(F.col("name").isNotNull()).zipWithIndex().union(df.zipWithIndex("row_id").limit(1))


def case_zip_with_index_empty_and_duplicate_name(spark, F, T):
    df = _observed_people(spark)
    return [df.limit(0).zipWithIndex().collect(), df.zipWithIndex("age").columns, df.zipWithIndex().schema.simpleString()]


def case_local_checkpoint_keeps_rows(spark, F, T):
    df = _observed_people(spark)
    checkpointed = df.localCheckpoint()
    return checkpointed.select(df.name, checkpointed.age).union(df.localCheckpoint(False).select("name", "age"))


def case_zip_projections_of_one_plan(spark, F, T):
    df = spark.createDataFrame([(1, 2, "x"), (4, 5, None), (7, 8, "ü")], "a int, b int, c string")
    filtered = df.filter("a > 1")
    return filtered.select((F.col("a") + 1).alias("x")).zip(filtered.withColumn("d", F.upper("c")))


def case_error_zip_different_plans(spark, F, T):
    df = spark.createDataFrame([(1, 2)], "a int, b int")
    return df.filter("a > 1").zip(df)


# -- transpose ---------------------------------------------------------------------------------


def case_transpose_default_index(spark, F, T):
    df = spark.createDataFrame(
        [("B", 1, 2.5), (None, 3, 4.0), ("A", 5, None), ("é", -1, float("nan"))], "id string, v1 int, v2 double"
    )
    return df.transpose()


def case_transpose_numeric_index_and_empty(spark, F, T):
    df = spark.createDataFrame([(10, 1, 2), (9, 3, 4), (-1, 5, 6)], "id long, a long, b long")
    return [
        df.transpose().collect(),
        df.transpose(df.a).schema.simpleString(),
        df.limit(0).transpose().collect(),
        df.select("id").transpose().schema.simpleString(),
    ]


def case_error_transpose_no_common_type(spark, F, T):
    return spark.createDataFrame([("A", 1, "x")], "id string, a int, b string").transpose()


def case_error_transpose_index_not_atomic(spark, F, T):
    return spark.createDataFrame([([1], 1)], "id array<int>, a int").transpose()


def case_error_transpose_index_expression(spark, F, T):
    return spark.createDataFrame([("A", 1)], "id string, a int").transpose(F.col("a") + 1)


# -- column metadata -------------------------------------------------------------------------------


def case_with_metadata_kept_through_plan(spark, F, T):
    df = _observed_people(spark).withMetadata("age", {"unit": "years", "nested": {"k": [1, 2]}, "none": None})
    renamed = df.withColumnRenamed("age", "years").filter("years > 1").orderBy("years")
    projected = df.select(F.col("age").alias("a"), (F.col("age") + 1).alias("b"), "name")
    return [
        [field.metadata for field in df.schema.fields],
        [field.metadata for field in renamed.schema.fields],
        [field.metadata for field in projected.schema.fields],
        df.union(df).schema["age"].metadata,
        df.groupBy("age").count().schema["age"].metadata,
        df.withMetadata("age", {"x": 1}).schema["age"].metadata,
        df.schema.json(),
    ]


def case_alias_metadata(spark, F, T):
    df = _observed_people(spark)
    return [
        df.select(F.col("age").alias("a", metadata={"max": 99})).schema["a"].metadata,
        df.select(F.col("name").name("n", metadata={})).schema["n"].metadata,
    ]


def case_error_alias_metadata_several_names(spark, F, T):
    return F.col("age").alias("a", "b", metadata={"max": 99})


def case_error_with_metadata_unknown_column(spark, F, T):
    return _observed_people(spark).withMetadata("zzz", {"a": 1})


# -- drop(column), repartition -------------------------------------------------------------------


def case_drop_column_resolution(spark, F, T):
    df = _observed_people(spark).withColumn("a.b.c", F.lit(1)).withColumn("s", F.struct(F.lit(1).alias("x")))
    return [
        df.drop(F.col("a.b.c")).columns,
        df.drop(F.col("`a.b.c`")).columns,
        df.drop(F.col("zzz")).columns,
        df.drop(F.col("age") + 1).columns,
        df.drop(F.col("s.x")).columns,
        df.alias("t").drop(F.col("t.age")).columns,
    ]


def case_coalesce_partition_ids_over_range(spark, F, T):
    pid = F.spark_partition_id().alias("p")
    return [
        [tuple(row) for row in spark.range(0, 20, 1, 7).coalesce(3).select("id", pid).collect()],
        [tuple(row) for row in spark.range(0, 20, 1, 5).filter("id % 3 = 0").coalesce(2).withColumn("q", pid + 10).collect()],
        [tuple(row) for row in spark.range(0, 12, 1, 3).union(spark.range(100, 104, 1, 2)).coalesce(2).select("id", pid).collect()],
        [tuple(row) for row in spark.range(0, 6, 1, 2).coalesce(5).select("id", pid).collect()],
        [row.p for row in spark.range(0, 10, 1, 3).coalesce(1).select(pid).collect()],
    ]


def case_repartition_by_id_keeps_rows(spark, F, T):
    df = spark.range(10).withColumn("p", (F.col("id") % 3).cast("int"))
    return df.repartitionById(3, "p").orderBy("id")


def case_repartition_by_id_partition_ids(spark, F, T):
    df = spark.createDataFrame(
        [(i, v) for i, v in enumerate([0, 1, 2, -1, -5, None, 7, 2147483647, -2147483648])], "i int, v int"
    )
    return [
        [tuple(row) for row in df.repartitionById(3, "v").select("i", "v", F.spark_partition_id()).orderBy("i").collect()],
        [tuple(row) for row in df.repartitionById(4, F.col("v")).filter("i > 2").withColumn("p", F.spark_partition_id()).orderBy("i").collect()],
        [tuple(row) for row in df.repartitionById(2, F.col("i") + 1).select("i", F.spark_partition_id()).orderBy("i").collect()],
    ]


def case_repartition_by_columns_partition_ids(spark, F, T):
    df = spark.range(0, 64, 1, 9).withColumn("name", F.concat(F.lit("name_"), F.col("id").cast("string")))
    df = df.withColumn("age", F.col("id") - 32)
    mixed = spark.createDataFrame([("a", 1.5, None), ("é", -0.0, 3), (None, float("nan"), 4)], "s string, d double, i int")
    return [
        [tuple(row) for row in df.repartition(7, "age").select("id", F.spark_partition_id()).orderBy("id").collect()],
        [row.p for row in df.repartition(3, "name", "age").select(F.spark_partition_id().alias("p")).distinct().orderBy("p").collect()],
        [tuple(row) for row in df.repartition(5, F.col("name")).filter("id < 10").select("id", F.spark_partition_id()).orderBy("id").collect()],
        sorted(
            (tuple(row) for row in mixed.repartition(4, "s", "d", "i").select("i", F.spark_partition_id()).collect()),
            key=lambda pair: (pair[0] is not None, pair[0]),
        ),
    ]


def case_error_repartition_by_id_short(spark, F, T):
    return spark.range(3).withColumn("s", F.col("id").cast("short")).repartitionById(2, "s")


def case_error_repartition_by_id_not_int(spark, F, T):
    return spark.range(10).repartitionById(3, "id")


def case_error_repartition_by_id_zero(spark, F, T):
    return spark.range(10).repartitionById(0, "id")



# -- freqItems: Spark's items in Spark's order (its HashMap's) --------------------------------------


def case_freq_items_spark_order(spark, F, T):
    df = spark.createDataFrame(
        [
            (1, "apple", 1.5, True),
            (1, "", float("nan"), None),
            (-3, "Ünïcode", float("nan"), False),
            (40000000003, "日本語", 1e20, True),
            (None, None, None, None),
            (7, "😀", -2.5, True),
        ],
        "l long, s string, d double, b boolean",
    )
    return df.freqItems(["l", "s", "d", "b"])


def case_freq_items_dates_and_support(spark, F, T):
    df = spark.createDataFrame(
        [(datetime.date(2020, 1, day), datetime.datetime(2021, 3, day, 5, 6, 7), day % 5) for day in range(1, 20)],
        "d date, t timestamp, i int",
    )
    return [df.freqItems(("d", "t")).collect(), df.freqItems(["i"], 0.2).collect(), df.limit(0).freqItems(["i"]).collect()]


def case_error_freq_items_cols_not_list(spark, F, T):
    return spark.range(5).freqItems("id")


# -- subqueries (scalar, exists, isin, outer) -------------------------------------------


def _employees(spark):
    return spark.createDataFrame(
        [(1, "Alice", 45000, 101), (2, "Bob", 54000, 101), (3, "Carol", 29000, 102), (4, "Dave", 61000, 102),
         (5, "Eve", None, 101), (6, "Finn", 30000, None)],
        "id int, name string, salary int, dept int",
    )


def _departments(spark):
    return spark.createDataFrame([(101, "Sales"), (102, "R&D"), (103, "Empty")], "dept int, label string")


def case_subquery_scalar_uncorrelated(spark, F, T):
    employees = _employees(spark)
    return employees.where(F.col("salary") > employees.select(F.avg("salary")).scalar()).orderBy("id")


def case_subquery_scalar_in_select(spark, F, T):
    # An uncorrelated scalar subquery as a value: named scalarsubquery(), always nullable.
    employees = _employees(spark)
    return employees.select("id", employees.select(F.max("salary")).scalar()).orderBy("id")


def case_subquery_scalar_empty_is_null(spark, F, T):
    employees = _employees(spark)
    return employees.select("id", employees.where("id > 100").select("salary").scalar().alias("none")).orderBy("id")


def case_subquery_scalar_correlated_where(spark, F, T):
    employees = _employees(spark)
    average = (
        employees.alias("e2")
        .where(F.col("e2.dept") == F.col("e1.dept").outer())
        .select(F.avg("salary"))
        .scalar()
    )
    return employees.alias("e1").where(F.col("salary") > average).select("name", "salary", "dept").orderBy("name")


def case_subquery_scalar_correlated_select(spark, F, T):
    # Correlated: named after the outer column (scalarsubquery(dept)); no match gives null.
    employees = _employees(spark)
    departments = _departments(spark)
    label = departments.where(F.col("dept") == F.col("e.dept").outer()).select(F.max("label")).scalar()
    return employees.alias("e").select("id", label).orderBy("id")


def case_subquery_scalar_correlated_count(spark, F, T):
    # count over no matching rows is 0, not null.
    employees = _employees(spark)
    departments = _departments(spark)
    staff = employees.where(F.col("dept") == F.col("d.dept").outer()).select(F.count("*")).scalar()
    return departments.alias("d").select("label", staff.alias("staff")).orderBy("label")


def case_error_subquery_scalar_two_columns(spark, F, T):
    employees = _employees(spark)
    return employees.select(employees.select("id", "name").scalar()).collect()


def case_subquery_exists_correlated(spark, F, T):
    employees = _employees(spark)
    departments = _departments(spark)
    return departments.alias("d").where(
        employees.where(F.col("dept") == F.col("d.dept").outer()).exists()
    ).orderBy("dept")


def case_subquery_not_exists_correlated(spark, F, T):
    employees = _employees(spark)
    departments = _departments(spark)
    return departments.alias("d").where(
        ~employees.where((F.col("dept") == F.col("d.dept").outer()) & (F.col("salary") > 50000)).exists()
    ).orderBy("dept")


def case_subquery_exists_as_value(spark, F, T):
    # EXISTS in a projection: true or false, never null; named exists(<outer columns>).
    employees = _employees(spark)
    departments = _departments(spark)
    staffed = employees.where(F.col("dept") == F.col("d.dept").outer()).exists()
    return departments.alias("d").select("dept", staffed, spark.range(0).exists()).orderBy("dept")


def case_subquery_isin_dataframe(spark, F, T):
    employees = _employees(spark)
    return employees.where(employees.dept.isin(_departments(spark).select("dept"))).orderBy("id")


def case_subquery_isin_nulls_as_value(spark, F, T):
    # As a value, Spark's IN subquery is whether a row is equal: false (not null) for a
    # null value or a list with a null.
    values = spark.createDataFrame([(1,), (None,), (3,)], "a int")
    listed = spark.createDataFrame([(1,), (None,)], "b int")
    empty = spark.createDataFrame([], "b int")
    return values.select("a", F.col("a").isin(listed).alias("in_nulls"), F.col("a").isin(empty).alias("in_empty")).orderBy("a")


def case_subquery_not_isin_with_null(spark, F, T):
    # As a filter, NOT IN is SQL's: a null in the subquery leaves no row.
    values = spark.createDataFrame([(1,), (None,), (3,)], "a int")
    listed = spark.createDataFrame([(1,), (None,)], "b int")
    return values.where(~F.col("a").isin(listed))


def case_subquery_not_isin_without_null(spark, F, T):
    values = spark.createDataFrame([(1,), (None,), (3,)], "a int")
    listed = spark.createDataFrame([(1,), (2,)], "b bigint")
    return values.where(~F.col("a").isin(listed)).orderBy("a")


def case_subquery_isin_struct(spark, F, T):
    people = spark.createDataFrame([(2, "Alice"), (5, "Bob"), (8, "Mike")], ["age", "name"])
    return people.where(F.struct(people.age, people.name).isin(spark.range(6).select("id", F.lit("Bob"))))


def case_error_subquery_isin_two_columns(spark, F, T):
    employees = _employees(spark)
    return employees.where(employees.id.isin(spark.range(3).select("id", "id"))).collect()


def case_subquery_outer_duplicate_names(spark, F, T):
    # `outer()` resolves late, against the subquery first: `id` is the inner id here.
    employees = _employees(spark)
    same = employees.where(F.col("id") == F.col("id").outer()).exists()
    richer = employees.where(F.col("salary") > F.col("salary").outer()).select(F.count("*")).scalar()
    return employees.select("id", same.alias("same"), richer.alias("richer")).orderBy("id")


def case_subquery_outer_qualified_duplicate_names(spark, F, T):
    # With aliases, the outer row's column: each employee's department's payroll.
    employees = _employees(spark)
    payroll = employees.alias("b").where(F.col("b.dept") == F.col("a.dept").outer()).select(F.sum("salary")).scalar()
    return employees.alias("a").select("id", "dept", payroll.alias("payroll")).orderBy("id")


def case_error_subquery_outer_unresolved(spark, F, T):
    employees = _employees(spark)
    inner = employees.alias("e2").where(F.col("e2.id") == F.col("nope").outer())
    return employees.alias("e1").where(inner.exists()).collect()


def case_error_subquery_correlated_used_alone(spark, F, T):
    employees = _employees(spark)
    return employees.alias("e2").where(F.col("e2.id") == F.col("e1.id").outer()).columns
