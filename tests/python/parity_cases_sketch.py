"""Parity cases of the sketch functions: HLL, KLL, Theta sketches and Spark's
bitmaps (rules: parity_cases.py's docstring). Sketches are compared through
what Spark computes from them (estimates, counts, quantiles, summaries), and
bitmaps as bytes."""


def _values(spark):
    # Duplicates, a null row, an empty string and an empty binary (both skipped by sketches).
    return spark.createDataFrame(
        [
            (1, 10, 1.0, "a", b"\x01"),
            (2, 20, 2.0, "b", b"\x02"),
            (2, 20, 2.0, "", b""),
            (None, None, None, None, None),
            (3, -30, 3.5, "日本", b"\x03\x04"),
            (-4, 40, -0.0, "a", b"\x01"),
        ],
        "i int, l long, d double, s string, b binary",
    )


def case_sketch_hll_estimates(spark, F, T):
    df = _values(spark)
    return df.agg(
        F.hll_sketch_estimate(F.hll_sketch_agg("i")),
        F.hll_sketch_estimate(F.hll_sketch_agg("l", 10)),
        F.hll_sketch_estimate(F.hll_sketch_agg("s")),
        F.hll_sketch_estimate(F.hll_sketch_agg("b", F.lit(4))),
    )


def case_sketch_hll_ten_thousand_distinct(spark, F, T):
    df = spark.range(10000).selectExpr("id", "cast(id as int) as i", "cast(id as string) as s")
    return df.agg(
        F.hll_sketch_estimate(F.hll_sketch_agg("id")),
        F.hll_sketch_estimate(F.hll_sketch_agg("i")),
        F.hll_sketch_estimate(F.hll_sketch_agg("s")),
        F.hll_sketch_estimate(F.hll_sketch_agg("s", 5)),
        F.hll_sketch_estimate(F.hll_sketch_agg("id", 21)),
    )


def case_sketch_hll_grouped(spark, F, T):
    df = spark.createDataFrame([(i % 7, i % 50) for i in range(1000)], "g long, v long")
    return df.groupBy("g").agg(F.hll_sketch_estimate(F.hll_sketch_agg("v")).alias("n")).orderBy("g")


def case_sketch_hll_empty(spark, F, T):
    df = spark.createDataFrame([(1,)], "v long").where("v > 100")
    return df.agg(F.hll_sketch_estimate(F.hll_sketch_agg("v")), F.hll_sketch_estimate(F.hll_union_agg(F.lit(b"x"))))


def case_sketch_hll_unions(spark, F, T):
    left = spark.createDataFrame([(1,), (2,), (2,), (3,)], "v int").agg(F.hll_sketch_agg("v").alias("sketch"))
    right = spark.createDataFrame([(3,), (4,), (5,)], "v int").agg(F.hll_sketch_agg("v", 10).alias("sketch"))
    both = left.union(right)
    pair = left.crossJoin(right.withColumnRenamed("sketch", "other"))
    return both.agg(F.hll_sketch_estimate(F.hll_union_agg("sketch", True)).alias("agg")).crossJoin(
        pair.select(
            F.hll_sketch_estimate(F.hll_union("sketch", "other", True)).alias("scalar"),
            F.hll_sketch_estimate(F.hll_union("sketch", "sketch")).alias("self"),
        )
    )


def case_sketch_hll_union_names(spark, F, T):
    df = spark.createDataFrame([(1,)], "v int").agg(F.hll_sketch_agg("v").alias("a"), F.hll_sketch_agg("v").alias("b"))
    return df.select(F.hll_sketch_estimate(F.hll_union(df.a, "b"))).crossJoin(
        df.select("a").agg(F.hll_sketch_estimate(F.hll_union_agg("a")))
    )


def case_error_sketch_hll_invalid_lg_config_k(spark, F, T):
    return spark.createDataFrame([(1,)], "v int").agg(F.hll_sketch_agg("v", 3)).collect()


def case_error_sketch_hll_union_different_lg_config_k(spark, F, T):
    df = spark.createDataFrame([(1,)], "v int").agg(F.hll_sketch_agg("v").alias("a"), F.hll_sketch_agg("v", 10).alias("b"))
    return df.select(F.hll_union("a", "b")).collect()


def case_error_sketch_hll_invalid_buffer(spark, F, T):
    return spark.range(1).select(F.hll_sketch_estimate(F.lit(b"abc"))).collect()


def case_error_sketch_hll_type(spark, F, T):
    return _values(spark).agg(F.hll_sketch_agg("d")).collect()


def case_sketch_theta_estimates(spark, F, T):
    df = _values(spark).selectExpr("*", "cast(d as float) as f")
    return df.agg(
        F.theta_sketch_estimate(F.theta_sketch_agg("i")),
        F.theta_sketch_estimate(F.theta_sketch_agg("l", 10)),
        F.theta_sketch_estimate(F.theta_sketch_agg("d")),
        F.theta_sketch_estimate(F.theta_sketch_agg("s")),
        F.theta_sketch_estimate(F.theta_sketch_agg("b", 5)),
        F.theta_sketch_estimate(F.theta_sketch_agg("f")),
        F.theta_sketch_estimate(F.theta_sketch_agg(F.array("i", "i"))),
    )


def case_sketch_theta_ten_thousand_distinct(spark, F, T):
    df = spark.range(10000).selectExpr("id", "cast(id as string) as s", "cast(id as double) as d")
    return df.agg(
        F.theta_sketch_estimate(F.theta_sketch_agg("id")),
        F.theta_sketch_estimate(F.theta_sketch_agg("s")),
        F.theta_sketch_estimate(F.theta_sketch_agg("d")),
        F.theta_sketch_estimate(F.theta_sketch_agg("id", 16)),
    )


def case_sketch_theta_set_operations(spark, F, T):
    left = spark.range(0, 600).agg(F.theta_sketch_agg("id").alias("a"))
    right = spark.range(400, 1000).agg(F.theta_sketch_agg("id").alias("b"))
    pair = left.crossJoin(right)
    scalars = pair.select(
        F.theta_sketch_estimate(F.theta_union("a", "b")),
        F.theta_sketch_estimate(F.theta_union("a", "b", 5)),
        F.theta_sketch_estimate(F.theta_intersection("a", "b")),
        F.theta_sketch_estimate(F.theta_difference("a", "b")),
        F.theta_sketch_estimate(F.theta_difference("b", "a")),
    )
    both = left.union(right)
    aggregates = both.agg(
        F.theta_sketch_estimate(F.theta_union_agg("a")),
        F.theta_sketch_estimate(F.theta_intersection_agg("a")),
        F.theta_sketch_estimate(F.theta_union_agg("a", 20)),
    )
    return scalars.crossJoin(aggregates)


def case_sketch_theta_empty(spark, F, T):
    empty = spark.range(10).where("id > 100")
    sketches = empty.agg(F.theta_sketch_agg("id").alias("a"))
    return sketches.select(
        F.theta_sketch_estimate("a"),
        F.theta_sketch_estimate(F.theta_intersection("a", "a")),
        F.hex("a"),
    ).crossJoin(empty.select(F.lit(b"x").alias("x")).agg(F.theta_sketch_estimate(F.theta_intersection_agg("x"))))


def case_error_sketch_theta_invalid_lg_nom_entries(spark, F, T):
    return spark.createDataFrame([(1,)], "v int").agg(F.theta_sketch_agg("v", 27)).collect()


def case_error_sketch_theta_invalid_buffer(spark, F, T):
    return spark.range(1).select(F.theta_sketch_estimate(F.lit(b"abc"))).collect()


def _kll_sketches(spark, F):
    df = spark.createDataFrame(
        [(1, 1.0), (2, 2.5), (2, 2.5), (None, None), (5, float("nan")), (-7, -7.25), (10, 10.0)],
        "i int, d double",
    )
    return df.agg(
        F.kll_sketch_agg_bigint("i").alias("b"),
        F.kll_sketch_agg_float(F.col("d").cast("float")).alias("f"),
        F.kll_sketch_agg_double("d", 300).alias("d"),
    )


def case_sketch_kll_counts_and_quantiles(spark, F, T):
    sketches = _kll_sketches(spark, F)
    return sketches.select(
        F.kll_sketch_get_n_bigint("b"),
        F.kll_sketch_get_n_float("f"),
        F.kll_sketch_get_n_double("d"),
        F.kll_sketch_get_quantile_bigint("b", F.lit(0.5)),
        F.kll_sketch_get_quantile_float("f", F.lit(0.0)),
        F.kll_sketch_get_quantile_double("d", F.lit(1.0)),
        F.kll_sketch_get_quantile_double("d", F.array(F.lit(0.1), F.lit(0.5), F.lit(0.9))),
        F.kll_sketch_get_rank_bigint("b", F.lit(2)),
        F.kll_sketch_get_rank_float("f", F.lit(2.5)),
        F.kll_sketch_get_rank_double("d", F.array(F.lit(-100.0), F.lit(2.5), F.lit(100.0))),
        F.kll_sketch_get_quantile_bigint("b", F.lit(None).cast("double")),
    )


def case_sketch_kll_to_string(spark, F, T):
    sketches = _kll_sketches(spark, F)
    empty = spark.range(3).where("id > 10").agg(F.kll_sketch_agg_bigint("id").alias("e"))
    return sketches.crossJoin(empty).select(
        F.kll_sketch_to_string_bigint("b"),
        F.kll_sketch_to_string_float("f"),
        F.kll_sketch_to_string_double("d"),
        F.kll_sketch_to_string_bigint("e"),
    )


def case_sketch_kll_merges(spark, F, T):
    left = spark.range(0, 100).agg(F.kll_sketch_agg_bigint("id").alias("s"))
    right = spark.range(100, 150).agg(F.kll_sketch_agg_bigint("id").alias("s"))
    merged = left.union(right).agg(F.kll_merge_agg_bigint("s").alias("m"), F.kll_merge_agg_bigint("s", 400).alias("k"))
    pair = left.crossJoin(right.withColumnRenamed("s", "t")).select(F.kll_sketch_merge_bigint("s", "t").alias("p"))
    return merged.crossJoin(pair).select(
        F.kll_sketch_get_n_bigint("m"),
        F.kll_sketch_get_quantile_bigint("m", F.lit(0.5)),
        F.kll_sketch_get_n_bigint("k"),
        F.kll_sketch_get_n_bigint("p"),
        F.kll_sketch_get_rank_bigint("p", F.lit(74)),
    )


def case_sketch_kll_ten_thousand_counts(spark, F, T):
    return spark.range(10000).agg(F.kll_sketch_get_n_bigint(F.kll_sketch_agg_bigint("id")))


def case_error_sketch_kll_rank_out_of_range(spark, F, T):
    return _kll_sketches(spark, F).select(F.kll_sketch_get_quantile_double("d", F.lit(1.5))).collect()


def case_error_sketch_kll_empty_quantile(spark, F, T):
    empty = spark.range(3).where("id > 10").agg(F.kll_sketch_agg_bigint("id").alias("e"))
    return empty.select(F.kll_sketch_get_quantile_bigint("e", F.lit(0.5))).collect()


def case_error_sketch_kll_k_out_of_range(spark, F, T):
    return spark.range(3).agg(F.kll_sketch_agg_bigint("id", 7)).collect()


def case_error_sketch_kll_type(spark, F, T):
    return spark.range(3).agg(F.kll_sketch_agg_double("id")).collect()


def case_error_sketch_kll_invalid_buffer(spark, F, T):
    return spark.range(1).select(F.kll_sketch_get_n_double(F.lit(b"abc"))).collect()


def case_sketch_bitmaps(spark, F, T):
    df = spark.createDataFrame([(1,), (2,), (3,), (40000,), (32768,), (None,)], "a long")
    positions = df.select(F.bitmap_bucket_number("a").alias("n"), F.bitmap_bit_position("a").alias("p"))
    return positions.groupBy("n").agg(
        F.bitmap_count(F.bitmap_construct_agg("p")).alias("count"),
        F.substring(F.hex(F.bitmap_construct_agg("p")), 1, 16).alias("head"),
    ).orderBy("n")


def case_sketch_bitmap_or_and(spark, F, T):
    df = spark.createDataFrame([("F0",), ("70",), ("30FF",), (None,)], ["a"]).select(F.to_binary("a", F.lit("hex")).alias("a"))
    empty = df.where("a is null and a is not null")
    return df.agg(
        F.substring(F.hex(F.bitmap_and_agg("a")), 1, 8).alias("and"),
        F.substring(F.hex(F.bitmap_or_agg("a")), 1, 8).alias("or"),
        F.length(F.bitmap_or_agg("a")).alias("length"),
    ).crossJoin(
        empty.agg(
            F.substring(F.hex(F.bitmap_and_agg("a")), 1, 8).alias("empty_and"),
            F.bitmap_count(F.bitmap_or_agg("a")).alias("empty_or"),
        )
    )


def _tuple_input(spark):
    return spark.createDataFrame(
        [(1, 10.0, 5), (2, 20.0, 6), (2, 30.0, 7), (None, 1.0, 1), (3, None, None), (4, -1.5, -3), (5, 2.5, 2147483647), (5, 1.0, 1)],
        "k int, v double, n int",
    )


def case_sketch_tuple_modes(spark, F, T):
    df = _tuple_input(spark)
    columns = []
    for mode in ("sum", "min", "max", "alwaysone"):
        columns += [
            F.tuple_sketch_summary_double(F.tuple_sketch_agg_double("k", "v", 12, mode), mode),
            F.tuple_sketch_summary_integer(F.tuple_sketch_agg_integer("k", "n", 12, mode)),
        ]
    return df.agg(
        *columns,
        F.tuple_sketch_estimate_double(F.tuple_sketch_agg_double("k", "v")),
        F.tuple_sketch_estimate_integer(F.tuple_sketch_agg_integer("k", "n", 5)),
        F.tuple_sketch_theta_double(F.tuple_sketch_agg_double("k", "v")),
    )


def case_sketch_tuple_set_operations(spark, F, T):
    df = _tuple_input(spark)
    sketches = df.agg(
        F.tuple_sketch_agg_double("k", "v").alias("a"),
        F.tuple_sketch_agg_double(F.col("k") + 1, "v").alias("b"),
        F.theta_sketch_agg(F.col("k") + 2).alias("t"),
        F.tuple_sketch_agg_integer("k", "n").alias("ia"),
        F.tuple_sketch_agg_integer(F.col("k") + 1, "n").alias("ib"),
    )
    return sketches.select(
        F.tuple_sketch_summary_double(F.tuple_union_double("a", "b")),
        F.tuple_sketch_summary_double(F.tuple_intersection_double("a", "b")),
        F.tuple_sketch_summary_double(F.tuple_difference_double("a", "b")),
        F.tuple_sketch_summary_double(F.tuple_union_theta_double("a", "t")),
        F.tuple_sketch_summary_double(F.tuple_union_theta_double("a", "t", 12, "min"), "min"),
        F.tuple_sketch_summary_double(F.tuple_union_theta_double("a", "t", 12, "max"), "max"),
        F.tuple_sketch_summary_double(F.tuple_intersection_theta_double("a", "t")),
        F.tuple_sketch_summary_double(F.tuple_intersection_theta_double("a", "t", "alwaysone")),
        F.tuple_sketch_summary_double(F.tuple_difference_theta_double("a", "t")),
        F.tuple_sketch_summary_integer(F.tuple_union_integer("ia", "ib", 12, "max")),
        F.tuple_sketch_summary_integer(F.tuple_intersection_integer("ia", "ib", "min")),
        F.tuple_sketch_summary_integer(F.tuple_difference_theta_integer("ia", "t")),
        F.tuple_sketch_estimate_integer(F.tuple_intersection_theta_integer("ia", "t")),
        F.tuple_sketch_estimate_integer(F.tuple_union_theta_integer("ia", "t", 5)),
    )


def case_sketch_tuple_aggregated_unions(spark, F, T):
    df = _tuple_input(spark)
    a = df.agg(F.tuple_sketch_agg_double("k", "v").alias("s"))
    b = df.agg(F.tuple_sketch_agg_double(F.col("k") + 1, "v").alias("s"))
    both = a.union(b)
    empty = df.where("k > 100").select(F.lit(b"x").alias("x"))
    return both.agg(
        F.tuple_sketch_summary_double(F.tuple_union_agg_double("s")),
        F.tuple_sketch_summary_double(F.tuple_intersection_agg_double("s")),
        F.tuple_sketch_summary_double(F.tuple_union_agg_double("s", 12, "max")),
        F.tuple_sketch_summary_double(F.tuple_intersection_agg_double("s", "min")),
    ).crossJoin(
        empty.agg(
            F.tuple_sketch_estimate_double(F.tuple_union_agg_double("x")),
            F.tuple_sketch_summary_integer(F.tuple_intersection_agg_integer("x"), "min"),
        )
    )


def case_sketch_tuple_ten_thousand_keys(spark, F, T):
    df = spark.range(10000).selectExpr("id", "cast(id % 3 as double) as v", "cast(id as string) as s")
    return df.agg(
        F.tuple_sketch_estimate_double(F.tuple_sketch_agg_double("id", "v")),
        F.tuple_sketch_estimate_integer(F.tuple_sketch_agg_integer("s", F.lit(1), 14)),
        F.tuple_sketch_estimate_double(F.tuple_sketch_agg_double("id", "v", 16)),
    )


def case_error_sketch_tuple_invalid_mode(spark, F, T):
    return _tuple_input(spark).agg(F.tuple_sketch_agg_double("k", "v", 12, "avg")).collect()


def case_error_sketch_tuple_invalid_summary_mode(spark, F, T):
    sketches = _tuple_input(spark).agg(F.tuple_sketch_agg_double("k", "v").alias("a"))
    return sketches.select(F.tuple_sketch_summary_double("a", "foo")).collect()


def case_error_sketch_tuple_invalid_lg_nom_entries(spark, F, T):
    return _tuple_input(spark).agg(F.tuple_sketch_agg_integer("k", "n", 3)).collect()


def case_error_sketch_tuple_invalid_buffer(spark, F, T):
    return spark.range(1).select(F.tuple_sketch_estimate_double(F.lit(b"abc"))).collect()


def case_error_sketch_tuple_theta_given_a_tuple_sketch(spark, F, T):
    sketches = _tuple_input(spark).agg(F.tuple_sketch_agg_double("k", "v").alias("a"))
    return sketches.select(F.tuple_union_theta_double("a", "a")).collect()


# Sketches Spark made (their images, as hex), read by pyrust: the formats are DataSketches'.
_SPARK_HLL = "0201070C030003082BF2FB06862FF90D758166070000000000000000000000000000000000000000"
_SPARK_THETA = "0104033E011ACC930316861AF72DF7E4558FBE9C3477E9EAEFB2E5966BADAA3DC0"
_SPARK_KLL = "05010F00C80008000400000000000000C8000100C4000000010000000000000003000000000000000200000000000000030000000000000001000000000000000200000000000000"
_SPARK_TUPLE = "02030901000ACC93030000000000000015F97DCBBD86A10500000000000024400040DE2EE1C9DB3D08000000000000F8BF00C397FC1281709D1E000000000000494000"


def case_sketch_images_made_by_spark(spark, F, T):
    df = spark.createDataFrame([(_SPARK_HLL, _SPARK_THETA, _SPARK_KLL, _SPARK_TUPLE)], "h string, t string, k string, u string")
    return df.select(
        F.hll_sketch_estimate(F.unhex("h")),
        F.theta_sketch_estimate(F.unhex("t")),
        F.kll_sketch_get_n_bigint(F.unhex("k")),
        F.kll_sketch_get_quantile_bigint(F.unhex("k"), F.lit(0.5)),
        F.kll_sketch_to_string_bigint(F.unhex("k")),
        F.tuple_sketch_estimate_double(F.unhex("u")),
        F.tuple_sketch_summary_double(F.unhex("u")),
    )
