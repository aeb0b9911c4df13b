"""Parity cases of the higher-order (lambda) functions (rules: parity_cases.py's docstring)."""


def _arrays(spark):
    # Null elements, an empty array, a null array; k is captured by lambdas.
    return spark.createDataFrame(
        [(1, [1, 2, None, 4], [10, 20], 10), (2, [], [5], 20), (3, None, [1, 2], None), (4, [-3, 7], None, 1)],
        "id int, xs array<int>, ys array<int>, k int",
    )


def _maps(spark):
    return spark.createDataFrame(
        [(1, {"a": 1, "b": None}, {"a": 10, "c": 30}), (2, {}, {"x": 1}), (3, None, {"a": 1}), (4, {"z": -2}, None)],
        "id int, m map<string,int>, n map<string,int>",
    )


def case_lambda_transform(spark, F, T):
    df = _arrays(spark)
    return df.select(
        "id",
        F.transform("xs", lambda x: x * 2),
        F.transform("xs", lambda x, i: x + i),
        F.transform("xs", lambda x: x + F.col("k")),
        F.transform(df.xs, lambda x: F.coalesce(x, F.lit(-1)).cast("string")),
    ).orderBy("id")


def case_lambda_transform_nested(spark, F, T):
    # A lambda inside a lambda, the inner one reading the outer's variable.
    df = _arrays(spark)
    return df.select("id", F.transform("xs", lambda x: F.transform("ys", lambda y: y + x))).orderBy("id")


def case_lambda_filter(spark, F, T):
    df = _arrays(spark)
    return df.select(
        "id",
        F.filter("xs", lambda x: x > 1),
        F.filter("xs", lambda x, i: i % 2 == 0),
        F.filter("xs", lambda x: x.isNull()),
        F.filter("xs", lambda x: x < F.col("k")),
    ).orderBy("id")


def case_lambda_exists_forall(spark, F, T):
    # Three-valued: a null from the predicate makes the answer null unless an element decides it.
    df = _arrays(spark)
    return df.select(
        "id",
        F.exists("xs", lambda x: x > 3),
        F.exists("xs", lambda x: x > 100),
        F.forall("xs", lambda x: x > 0),
        F.forall("xs", lambda x: x > -100),
        F.exists("xs", lambda x: x.isNull()),
    ).orderBy("id")


def case_lambda_aggregate(spark, F, T):
    df = _arrays(spark)
    return df.select(
        "id",
        F.aggregate("xs", F.lit(0), lambda acc, x: acc + x),
        F.aggregate("xs", F.lit(0), lambda acc, x: acc + F.coalesce(x, F.lit(0)), lambda acc: acc * 10),
        F.reduce("xs", F.lit(0.0), lambda acc, x: acc + F.coalesce(x, F.lit(0)), lambda acc: acc / 2),
        F.aggregate("xs", F.col("k"), lambda acc, x: F.greatest(acc, x)),
        F.aggregate("xs", F.lit(""), lambda acc, x: F.concat(acc, F.coalesce(x.cast("string"), F.lit("_")))),
    ).orderBy("id")


def case_lambda_aggregate_nested_accumulator(spark, F, T):
    # An array accumulator (nested type) and a finish of another type.
    df = _arrays(spark)
    zero = F.array(F.col("k"))
    return df.select(
        "id",
        F.aggregate("xs", zero, lambda acc, x: F.concat(acc, F.array(x * 2))),
        F.aggregate("xs", zero, lambda acc, x: F.concat(F.array(x), acc), lambda acc: F.size(acc)),
    ).orderBy("id")


def case_lambda_zip_with(spark, F, T):
    df = _arrays(spark)
    return df.select(
        "id",
        F.zip_with("xs", "ys", lambda a, b: a + b),
        F.zip_with("xs", "ys", lambda a, b: F.concat_ws("-", a.cast("string"), b.cast("string"))),
    ).orderBy("id")


def case_lambda_map_functions(spark, F, T):
    df = _maps(spark)
    return df.select(
        "id",
        F.transform_keys("m", lambda k, v: F.upper(k)),
        F.transform_values("m", lambda k, v: F.coalesce(v, F.lit(0)) + 1),
        F.transform_values("m", lambda k, v: F.concat(k, F.lit("="), v.cast("string"))),
        F.map_filter("m", lambda k, v: v > 0),
        F.map_zip_with("m", "n", lambda k, v1, v2: F.coalesce(v1, F.lit(0)) + F.coalesce(v2, F.lit(0))),
    ).orderBy("id")


def case_error_lambda_transform_keys_null_key(spark, F, T):
    df = _maps(spark)
    return df.select(F.transform_keys("m", lambda k, v: F.when(k == "a", F.lit(None)).otherwise(k))).collect()


def case_error_lambda_transform_keys_duplicate_key(spark, F, T):
    df = _maps(spark)
    return df.select(F.transform_keys("m", lambda k, v: F.lit("same"))).collect()


def case_error_lambda_aggregate_type_mismatch(spark, F, T):
    df = _arrays(spark)
    return df.select(F.aggregate("xs", F.lit(0), lambda acc, x: acc + 1.5)).collect()


def case_error_lambda_too_many_parameters(spark, F, T):
    df = _arrays(spark)
    return df.select(F.exists("xs", lambda x, i: x > i)).collect()


def case_error_lambda_not_an_array(spark, F, T):
    df = _arrays(spark)
    return df.select(F.transform("id", lambda x: x + 1)).collect()


def case_lambda_array_sort(spark, F, T):
    # Without a comparator: ascending, nulls last (Spark's default comparator shows in the name).
    df = _arrays(spark)
    return df.select(
        "id",
        F.array_sort("xs"),
        F.array_sort("xs", lambda l, r: F.when(l.isNull(), 1).when(r.isNull(), -1).otherwise(r - l)),
        F.array_sort("ys", lambda l, r: F.lit(0)),
    ).orderBy("id")


def case_lambda_array_sort_strings(spark, F, T):
    df = spark.createDataFrame([(["b", "a", None, "ab"],), ([],), (None,)], "xs array<string>")
    return df.select(
        F.array_sort("xs"),
        F.array_sort("xs", lambda l, r: F.coalesce(F.length(l), F.lit(0)) - F.coalesce(F.length(r), F.lit(0))),
    )


def case_error_lambda_array_sort_boolean_comparator(spark, F, T):
    df = _arrays(spark)
    return df.select(F.array_sort("xs", lambda l, r: l > r)).collect()


def case_lambda_aggregate_struct_accumulator(spark, F, T):
    # The accumulator is a struct of literals (fields not null) that merge rebuilds.
    df = spark.createDataFrame([(1, [20.0, 4.0, None, 6.0]), (2, [])], "id int, values array<double>")

    def merge(acc, x):
        return F.struct((acc["count"] + 1).alias("count"), (acc["sum"] + F.coalesce(x, F.lit(0.0))).alias("sum"))

    zero = F.struct(F.lit(0).alias("count"), F.lit(0.0).alias("sum"))
    return df.select("id", F.aggregate("values", zero, merge, lambda acc: F.try_divide(acc["sum"], acc["count"])).alias("mean"))
