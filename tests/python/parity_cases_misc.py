"""Parity cases of the conditional, predicate, hash and miscellaneous functions
(rules: parity_cases.py's docstring)."""


def _values(spark):
    return spark.createDataFrame(
        [
            (1, None, 1.0, float("nan"), "a"),
            (None, 2, None, 2.0, ""),
            (0, 0, 0.0, -0.0, "héllo wörld"),
            (-7, -7, float("-inf"), None, None),
        ],
        "a int, b int, c double, d double, s string",
    )


def case_misc_null_functions(spark, F, T):
    df = _values(spark)
    return df.select(
        F.ifnull("a", "b"),
        F.nvl("a", "b"),
        F.nvl2("a", "b", "c"),
        F.nullif("a", "b"),
        F.nullifzero("a"),
        F.zeroifnull("a"),
        F.zeroifnull("c"),
        F.coalesce("a"),
    )


def case_misc_nan_functions(spark, F, T):
    df = _values(spark)
    return df.select(
        F.nanvl("c", "d"),
        F.nanvl("d", "c"),
        F.nanvl("d", F.lit(0)),
        F.isnan("d"),
        F.isnan("a"),
        F.isnan(F.lit(None)),
    )


def case_misc_null_predicates(spark, F, T):
    df = _values(spark)
    return df.select(
        F.equal_null("a", "b"),
        F.equal_null("s", F.lit(None)),
        F.isnull("a"),
        F.isnotnull("a"),
        F.isnotnull("s"),
    )


def case_misc_conditional_functions_in_sql(spark, F, T):
    df = _values(spark)
    return df.selectExpr("nvl(a, 5)", "nullif(b, 2)", "nvl2(s, 'set', 'unset')", "equal_null(a, 0)", "isnan(d)")


def case_misc_zeroifnull_of_a_string(spark, F, T):
    # Spark casts the string to a number (ANSI mode: a malformed one fails).
    df = spark.createDataFrame([("12",), (None,)], "s string")
    return df.select(F.zeroifnull("s"), F.nanvl("s", F.lit(1.5)))


def case_error_misc_equal_null_of_different_types(spark, F, T):
    df = _values(spark)
    return df.select(F.equal_null("a", F.lit("2020-01-01").cast("date"))).collect()


def case_misc_typeof(spark, F, T):
    df = _values(spark)
    return df.select(
        F.typeof("a"),
        F.typeof("c"),
        F.typeof("s"),
        F.typeof(F.lit(None)),
        F.typeof(F.lit(1).cast("bigint")),
        F.typeof(F.lit(1.5).cast("decimal(5,2)")),
        F.typeof(F.lit("2020-01-01").cast("date")),
    )


def case_misc_current_catalog_and_database(spark, F, T):
    df = spark.range(1)
    return df.select(F.current_catalog(), F.current_database(), F.current_schema(), F.current_path())


def case_misc_digests(spark, F, T):
    df = _values(spark)
    return df.select(F.md5("s"), F.sha1("s"), F.sha("s"), F.sha2("s", 256), F.sha2("s", 0), F.crc32("s"))


def case_misc_sha2_lengths(spark, F, T):
    df = _values(spark)
    return df.select(F.sha2("s", 224), F.sha2("s", 384), F.sha2("s", 512), F.expr("sha2(s, 100)"))


def case_misc_hash(spark, F, T):
    df = _values(spark)
    return df.select(F.hash("a"), F.hash("a", "s"), F.hash("c"), F.hash("d"), F.hash("s"), F.hash(F.lit(None)))


def case_misc_hash_of_each_type(spark, F, T):
    df = spark.range(1)
    return df.select(
        F.hash(F.lit(True)),
        F.hash(F.lit(1).cast("tinyint")),
        F.hash(F.lit(1).cast("smallint")),
        F.hash(F.lit(1).cast("bigint")),
        F.hash(F.lit(1.5).cast("float")),
        F.hash(F.lit(-0.0)),
        F.hash(F.lit("2020-01-01").cast("date")),
        F.hash(F.lit(1.25).cast("decimal(10,2)")),
        F.hash(F.lit("abc").cast("binary")),
    )


def case_misc_xxhash64(spark, F, T):
    df = _values(spark)
    return df.select(F.xxhash64("a"), F.xxhash64("a", "s"), F.xxhash64("c"), F.xxhash64("d"), F.xxhash64(F.lit(None)))


def case_error_misc_md5_of_an_int(spark, F, T):
    df = _values(spark)
    return df.select(F.md5("a")).collect()


def case_misc_assert_true_that_holds(spark, F, T):
    df = _values(spark)
    return df.select(F.assert_true(F.col("b").isNull() | (F.col("b") < 5)), F.assert_true(F.lit(True), "never"))


def case_error_misc_assert_true_that_fails(spark, F, T):
    df = _values(spark)
    return df.select(F.assert_true(F.col("a") > 0)).collect()


def case_error_misc_assert_true_of_null(spark, F, T):
    df = _values(spark)
    return df.filter(F.col("a").isNull()).select(F.assert_true(F.col("a") > 0, "a is not positive")).collect()


def case_error_misc_raise_error(spark, F, T):
    df = _values(spark)
    return df.select(F.raise_error("boom")).collect()


def case_error_misc_unknown_function_in_sql(spark, F, T):
    df = _values(spark)
    return df.select(F.expr("uppr(s)")).collect()
