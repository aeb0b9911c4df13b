"""Parity cases of the as-of and nearest-by joins (``DataFrame._joinAsOf``,
``DataFrame.nearestByJoin``); rules: parity_cases.py's docstring.

Spark picks one of several right rows at the same distance (or ranking) in no
defined order, so rows that tie here are equal in every column.
"""


def _quotes(spark):
    # A null time, a duplicate left row, a time before every right row.
    return spark.createDataFrame(
        [(10, "c"), (1, "a"), (5, "b"), (None, "n"), (5, "b"), (0, "z")],
        "a bigint, left_val string",
    )


def _trades(spark):
    # A null time, two equal rows at 3, a gap between 3 and 6.
    return spark.createDataFrame(
        [(1, 1), (2, 2), (3, 3), (6, 6), (7, 7), (None, 99), (3, 3)],
        "a bigint, right_val bigint",
    )


def _flat(F, joined, left, right, label):
    # Both as-of columns by lineage, under names of their own.
    return joined.select(F.lit(label).alias("how"), left.a.alias("la"), "left_val", right.a.alias("ra"), "right_val")


def case_asof_backward(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    return left._joinAsOf(right, "a", "a").orderBy("left_val", left.a)


def case_asof_backward_left(spark, F, T):
    left = _quotes(spark)
    return left._joinAsOf(_trades(spark), "a", "a", how="left").orderBy("left_val", left.a)


def case_asof_forward_and_nearest(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    forward = left._joinAsOf(right, "a", "a", direction="forward", how="left_outer")
    nearest = left._joinAsOf(right, left.a, right.a, how="left", direction="Nearest")
    # (Each result on its own: the engine's sort with a limit over a union of windows
    # loses rows, so show() of a union would not test the join.)
    return [_flat(F, joined, left, right, "").orderBy("left_val", "la").collect() for joined in (forward, nearest)]


def case_asof_without_exact_matches(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    return [
        _flat(F, left._joinAsOf(right, "a", "a", how="left", allowExactMatches=False, direction=direction), left, right, direction)
        .orderBy("left_val", "la")
        .collect()
        for direction in ("backward", "forward", "nearest")
    ]


def case_asof_tolerance(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    return [
        _flat(
            F,
            left._joinAsOf(
                right, "a", "a", how="left", tolerance=F.lit(tolerance), allowExactMatches=exact, direction=direction
            ),
            left,
            right,
            f"{direction} {tolerance} {exact}",
        )
        .orderBy("left_val", "la")
        .collect()
        for direction in ("backward", "forward", "nearest")
        for tolerance in (0, 1, 2)
        for exact in (True, False)
    ]


def case_asof_on_keys(spark, F, T):
    left = spark.createDataFrame(
        [(1, "x", 1.0), (5, "x", 2.0), (5, "y", 3.0), (9, None, 4.0)], "t bigint, k string, v double"
    )
    right = spark.createDataFrame(
        [(0, "x", 10), (4, "x", 40), (3, "y", 30), (8, None, 80), (3, "x", 20)], "t bigint, k string, w int"
    )
    by_name = left._joinAsOf(right, "t", "t", on="k", how="left")
    by_list = left._joinAsOf(right, "t", "t", on=["k"], direction="nearest")
    by_condition = left._joinAsOf(right, "t", "t", on=[left.k == right.k, left.v > 1.5], how="left")
    return [frame.orderBy("v").collect() for frame in (by_name, by_list, by_condition)]


def case_asof_two_keys_and_wider_types(spark, F, T):
    # Keys of different (numeric) types on the two sides; two keys; int against double as-of values.
    left = spark.createDataFrame(
        [(1, 1, 10, "p"), (1, 2, 10, "q"), (2, 1, 25, "r"), (None, 1, 10, "s"), (2, 1, 5, "t")],
        "g int, h int, t int, name string",
    )
    right = spark.createDataFrame(
        [(1, 1.0, 9.5, "a"), (1, 2.0, 10.0, "b"), (2, 1.0, 20.25, "c"), (2, 1.0, 30.0, "d"), (1, 1.0, 11.0, "e"),
         (None, 1.0, 9.0, "f")],
        "g bigint, h double, t double, label string",
    )
    return [
        left._joinAsOf(right, "t", "t", on=["g", "h"], how="left", direction=direction, tolerance=tolerance)
        .orderBy("name")
        .collect()
        for direction in ("backward", "forward", "nearest")
        for tolerance in (None, F.lit(1))
    ]


def case_asof_columns_and_schema(spark, F, T):
    # Both sides' columns, duplicate names kept; the right's nullable after a left join.
    left = spark.range(3).select(F.col("id").alias("t"), (F.col("id") * 10).alias("x"))
    right = spark.range(2).select((F.col("id") * 2).alias("t"), F.lit("r").alias("y"))
    inner = left._joinAsOf(right, "t", "t")
    outer = left._joinAsOf(right, "t", "t", how="left")
    return [inner.columns, inner.schema.simpleString(), [f.nullable for f in inner.schema.fields],
            outer.columns, [f.nullable for f in outer.schema.fields]]


def case_asof_select_lineage(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    joined = left._joinAsOf(right, "a", "a", direction="forward")
    return joined.select(left.a, right.a.alias("ra"), "left_val", "right_val").orderBy("left_val", "a")


def case_asof_empty_sides(spark, F, T):
    left, right = _quotes(spark), _trades(spark)
    no_right = left._joinAsOf(right.limit(0), "a", "a", how="left").orderBy("left_val", left.a)
    no_left = left.limit(0)._joinAsOf(right, "a", "a", how="left")
    return [no_right.collect(), no_left.collect(), no_left.columns]


def case_asof_expressions_and_doubles(spark, F, T):
    # As-of values computed from expressions, of different types (double and int).
    left = spark.createDataFrame([(1.2, "p"), (-2.5, "r"), (4.0, "s"), (None, "t")], "x double, name string")
    right = spark.createDataFrame([(1, "one"), (-3, "minus three"), (4, "four")], "y int, label string")
    return left._joinAsOf(right, left.x + 1, right.y, how="left", direction="nearest").orderBy("name")


def case_asof_nan(spark, F, T):
    # NaN is larger than any number: it is after every right row, at a NaN distance.
    left = spark.createDataFrame([(float("nan"), "q"), (2.0, "p")], "x double, name string")
    right = spark.createDataFrame([(1.0, "one")], "y double, label string")
    return [
        left._joinAsOf(right, "x", "y", how="left", direction=direction).orderBy("name").collect()
        for direction in ("backward", "forward", "nearest")
    ]


def case_asof_timestamps(spark, F, T):
    import datetime

    left = spark.createDataFrame(
        [(datetime.datetime(2024, 1, 1, 10, 0, 5),), (datetime.datetime(2024, 1, 1, 10, 0, 20),)], "ts timestamp"
    )
    right = spark.createDataFrame(
        [(datetime.datetime(2024, 1, 1, 10, 0, 0), 1), (datetime.datetime(2024, 1, 1, 10, 0, 10), 2)],
        "ts timestamp, q int",
    )
    within = left._joinAsOf(right, "ts", "ts", tolerance=F.expr("INTERVAL 6 SECONDS"), how="left")
    return within.orderBy(left.ts)


def case_error_asof_direction(spark, F, T):
    return _quotes(spark)._joinAsOf(_trades(spark), "a", "a", direction="sideways")


def case_error_asof_join_type(spark, F, T):
    return _quotes(spark)._joinAsOf(_trades(spark), "a", "a", how="foo")


def case_error_asof_negative_tolerance(spark, F, T):
    return _quotes(spark)._joinAsOf(_trades(spark), "a", "a", tolerance=F.lit(-1))


def case_error_asof_null_tolerance(spark, F, T):
    return _quotes(spark)._joinAsOf(_trades(spark), "a", "a", tolerance=F.lit(None).cast("bigint"))


def case_error_asof_column_tolerance(spark, F, T):
    left = _quotes(spark)
    return left._joinAsOf(_trades(spark), "a", "a", tolerance=left.a)


def case_error_asof_string_keys(spark, F, T):
    # The distance of strings (`left_val - left_val`) is not defined.
    return _quotes(spark)._joinAsOf(_quotes(spark), "left_val", "left_val")


def case_error_asof_missing_column(spark, F, T):
    return _quotes(spark)._joinAsOf(_trades(spark), "a", "a", on="zz")


def _users(spark):
    return spark.createDataFrame([(1, 10.0), (2, 20.0), (3, 30.0), (4, None)], "user_id int, score double")


def _products(spark):
    # Two equal rows (B) tie with each other; D's null score never matches.
    return spark.createDataFrame(
        [("A", 11.0), ("B", 22.0), ("C", 5.0), ("D", None), ("B", 22.0)], "product string, pscore double"
    )


def case_nearest_similarity(spark, F, T):
    users, products = _users(spark), _products(spark)
    ranking = -F.abs(users.score - products.pscore)
    return users.nearestByJoin(products, ranking, 1, "exact", "similarity").orderBy("user_id")


def case_nearest_top_k_distance(spark, F, T):
    users, products = _users(spark), _products(spark)
    ranking = F.abs(users.score - products.pscore)
    return [
        users.nearestByJoin(products, ranking, k, "approx", "DISTANCE", joinType=join_type)
        .orderBy("user_id", "pscore")
        .collect()
        for k in (2, 3, 10)
        for join_type in ("inner", "left_outer")
    ]


def case_nearest_columns_and_schema(spark, F, T):
    left = spark.range(3).select(F.col("id").alias("k"), (F.col("id") * 2).alias("v"))
    right = spark.range(4).select(F.col("id").alias("k"), F.lit("r").alias("name"))
    inner = left.nearestByJoin(right, F.abs(left.v - right.k), 1, "exact", "distance")
    outer = left.nearestByJoin(right, F.abs(left.v - right.k), 1, "exact", "distance", joinType="leftouter")
    return [inner.columns, [f.nullable for f in inner.schema.fields], [f.nullable for f in outer.schema.fields],
            sorted(tuple(row) for row in inner.collect())]


def case_nearest_empty_right(spark, F, T):
    users, products = _users(spark), _products(spark).limit(0)
    ranking = F.abs(users.score - products.pscore)
    outer = users.nearestByJoin(products, ranking, 1, "exact", "distance", joinType="left")
    inner = users.nearestByJoin(products, ranking, 1, "exact", "distance")
    return [sorted(outer.collect(), key=lambda row: row.user_id), inner.collect()]


def case_nearest_string_ranking(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, products.product, 2, "exact", "similarity").orderBy("user_id", "product")


def case_error_nearest_join_type(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, products.pscore, 1, "exact", "distance", joinType="right")


def case_error_nearest_num_results(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, products.pscore, 0, "exact", "distance")


def case_error_nearest_mode(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, products.pscore, 1, "approximate", "distance")


def case_error_nearest_direction(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, products.pscore, 1, "exact", "up")


def case_error_nearest_map_ranking(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, F.create_map(F.lit(1), products.pscore), 1, "exact", "distance")


def case_error_nearest_aggregate_ranking(spark, F, T):
    users, products = _users(spark), _products(spark)
    return users.nearestByJoin(products, F.max(products.pscore), 1, "exact", "distance")
