"""Parity cases of the math, bitwise and decimal functions (rules: parity_cases.py's docstring).

Floating-point inputs are chosen where Java's StrictMath and the engine's libm
give the same bits (exact results, NaN, infinities): elsewhere the last digit
of a transcendental function may differ.
"""

import decimal

from parity_cases import settings


def _doubles(spark):
    return spark.createDataFrame(
        [(1.0,), (0.0,), (-0.0,), (-1.0,), (8.0,), (100.0,), (float("nan"),), (float("inf"),), (None,)],
        "x double",
    )


def _decimals(spark):
    D = decimal.Decimal
    return spark.createDataFrame(
        [(D("1.50"), D("3.2500"), 5), (D("-7.25"), D("0.0300"), -3), (D("999.99"), D("-1.0000"), 0), (None, D("2.0000"), None)],
        "a decimal(5,2), b decimal(10,4), i int",
    )


def case_math_logarithms(spark, F, T):
    # Spark's logarithms give null (not -Infinity or NaN) at and below the asymptote.
    df = _doubles(spark)
    return df.select(
        "x",
        F.ln("x"),
        F.log("x"),
        F.log10("x"),
        F.log2("x"),
        F.log1p("x"),
        F.log(2.0, "x"),
        F.expr("log(10, x)"),
    )


def case_math_unary_exact(spark, F, T):
    df = _doubles(spark)
    return df.select(
        F.sqrt("x"),
        F.cbrt("x"),
        F.abs("x"),
        F.negative("x"),
        F.positive("x"),
        F.sign("x"),
        F.signum("x"),
        F.rint("x"),
        F.degrees(F.lit(0.0)),
        F.sin(F.lit(0.0)),
        F.cos(F.lit(0.0)),
        F.exp(F.lit(0.0)),
        F.pi(),
        F.e(),
    )


def case_math_trigonometry_edges(spark, F, T):
    df = spark.createDataFrame([(0.0,), (1.0,), (2.0,), (float("nan"),), (None,)], "x double")
    return df.select(F.acos("x"), F.asin("x"), F.atan(F.lit(0.0)), F.tanh(F.lit(0.0)), F.cot(F.lit(0.0)), F.atanh("x"))


def case_math_binary(spark, F, T):
    df = spark.createDataFrame([(2, 3.0), (-2, 0.5), (0, -1.0), (None, 1.0), (3, None)], "i int, d double")
    return df.select(
        F.pow("i", "d"),
        F.power("i", 2),
        F.expr("pow(i, 2)"),
        F.hypot(F.lit(3), F.lit(4)),
        F.atan2(F.lit(0.0), F.lit(1.0)),
        F.pmod("i", F.lit(3)),
        F.pmod(F.lit(-7.5), "d"),
        F.expr("i % 3"),
    )


def case_math_round_doubles(spark, F, T):
    # HALF_UP for round, HALF_EVEN for bround, through the double's decimal text (1.005 -> 1.01).
    df = spark.createDataFrame(
        [(1.005,), (2.5,), (-2.5,), (0.125,), (125.0,), (-0.5,), (float("nan"),), (None,)], "x double"
    )
    return df.select("x", F.round("x"), F.round("x", 2), F.round("x", -1), F.bround("x"), F.bround("x", 2), F.expr("round(x, 1)"))


def case_math_round_integers_decimals(spark, F, T):
    D = decimal.Decimal
    df = spark.createDataFrame(
        [(15, 25, D("3.2550"), D("1.55")), (-15, -25, D("-3.2550"), D("-1.45")), (None, None, None, None)],
        "i int, l bigint, d decimal(10,4), s decimal(3,2)",
    )
    return df.select(
        F.round("i", -1),
        F.bround("i", -1),
        F.round("l", -1),
        F.round("d", 2),
        F.bround("d", 2),
        F.round("d", -1),
        F.round("s"),
        F.bround("s", 1),
    )


def case_math_ceil_floor(spark, F, T):
    D = decimal.Decimal
    df = spark.createDataFrame(
        [(1.5, 3, D("1.50")), (-1.5, -3, D("-1.50")), (float("nan"), 0, D("999.99")), (None, None, None)],
        "d double, i int, m decimal(5,2)",
    )
    return df.select(F.ceil("d"), F.floor("d"), F.ceiling("d"), F.ceil("i"), F.floor("i"), F.ceil("m"), F.floor("m"))


def case_math_greatest_least(spark, F, T):
    df = spark.createDataFrame([(1, 2.5, None), (None, None, None), (7, float("nan"), 3)], "a int, b double, c int")
    return df.select(F.greatest("a", "b"), F.least("a", "b"), F.greatest("a", "c"), F.least("a", "c"), F.expr("greatest(a, c, 5)"))


def case_math_bitwise(spark, F, T):
    df = spark.createDataFrame([(5, 5), (-1, -8), (0, 1), (None, None)], "i int, l bigint")
    return df.select(
        F.bit_count("i"),
        F.bit_count("l"),
        F.bit_get("i", F.lit(0)),
        F.getbit("l", F.lit(3)),
        F.shiftleft("i", 1),
        F.shiftleft("l", 65),
        F.shiftright("l", 1),
        F.shiftrightunsigned("i", 1),
        F.shiftrightunsigned("l", 1),
        F.bitwise_not("i"),
        F.bitwiseNOT("l"),
    )


def case_error_math_bit_get_position(spark, F, T):
    df = spark.createDataFrame([(5,)], "i int")
    return df.select(F.bit_get("i", F.lit(32))).collect()


def case_math_conversions(spark, F, T):
    df = spark.createDataFrame([(13, "Spark"), (-1, "日本"), (0, ""), (None, None)], "i int, s string")
    return df.select(F.bin("i"), F.hex("i"), F.hex("s"), F.unhex(F.hex("s")), F.unhex(F.lit("zz")), F.factorial("i"))


def case_math_factorial_range(spark, F, T):
    df = spark.createDataFrame([(n,) for n in range(-1, 23)], "n int")
    return df.select("n", F.factorial("n"))


def case_math_width_bucket(spark, F, T):
    df = spark.createDataFrame([(5.3,), (-1.0,), (11.0,), (10.6,), (None,)], "v double")
    return df.select(F.width_bucket("v", F.lit(0.2), F.lit(10.6), F.lit(5)), F.width_bucket("v", F.lit(0.0), F.lit(10.0), F.lit(0)))


def case_math_decimal_arithmetic(spark, F, T):
    # Result types by Spark's DecimalPrecision rules; integer constants take the fewest digits.
    df = _decimals(spark)
    return df.select(
        df.a + df.b,
        df.a - df.b,
        df.a * df.b,
        df.a / df.b,
        df.a % df.b,
        df.a + df.i,
        df.a + 1,
        df.a * 100,
        df.a / 3,
        df.i / df.a,
        df.a + F.lit(2.5),
        -df.a,
    )


def case_math_decimal_precision_loss(spark, F, T):
    df = spark.createDataFrame(
        [(decimal.Decimal("7.0000000001"), decimal.Decimal("3"))], "c decimal(38,10), z decimal(38,0)"
    )
    return df.select(df.c * df.c, df.c / df.c, df.c + df.c, df.z / df.z, df.z * df.z, df.c / df.z, (df.c * df.c) * df.c)


@settings({"spark.sql.ansi.enabled": "false"})
def case_math_decimal_overflow_legacy(spark, F, T):
    # Legacy mode: a result that does not fit decimal(38, s) is null, so is a zero divisor.
    df = spark.createDataFrame(
        [(decimal.Decimal("1" + "0" * 37), decimal.Decimal("0.0"))], "c decimal(38,0), zero decimal(3,1)"
    )
    return df.select(df.c * 100, df.c + df.c * 9, df.c / df.zero, df.c % df.zero, df.c * 2)


def case_error_math_decimal_overflow(spark, F, T):
    df = spark.createDataFrame([(decimal.Decimal("1" + "0" * 37),)], "c decimal(38,0)")
    return df.select(df.c * 100).collect()


def case_error_math_decimal_divide_by_zero(spark, F, T):
    df = spark.createDataFrame([(decimal.Decimal("1.5"), decimal.Decimal("0"))], "a decimal(3,1), z decimal(3,0)")
    return df.select(df.a / df.z).collect()


def case_math_try_arithmetic(spark, F, T):
    df = spark.createDataFrame(
        [(2147483647, 9223372036854775807, 0, 2.5), (5, -9223372036854775808, 2, 0.0), (None, None, None, None)],
        "i int, l bigint, z int, d double",
    )
    return df.select(
        F.try_add("i", F.lit(1)),
        F.try_add("l", F.lit(1)),
        F.try_subtract("l", F.lit(1)),
        F.try_multiply("l", F.lit(2)),
        F.try_multiply("i", "z"),
        F.try_divide("i", "z"),
        F.try_divide("d", "d"),
        F.try_mod("i", "z"),
        F.try_add("d", "i"),
    )


def case_math_try_decimals(spark, F, T):
    df = _decimals(spark)
    return df.select(F.try_add("a", "b"), F.try_divide("a", "b"), F.try_divide("a", "i"), F.try_mod("a", "b"), F.try_multiply("a", "b"))


def case_error_math_abs_overflow(spark, F, T):
    df = spark.createDataFrame([(-2147483648,)], "i int")
    return df.select(F.abs("i")).collect()


@settings({"spark.sql.ansi.enabled": "false"})
def case_math_abs_legacy(spark, F, T):
    # Legacy mode: the minimum integer stays negative, as Java's Math.abs.
    df = spark.createDataFrame([(-2147483648, -5), (3, None)], "i int, j int")
    return df.select(F.abs("i"), F.abs("j"))


def case_error_math_round_scale_not_constant(spark, F, T):
    df = spark.createDataFrame([(1.5, 1)], "x double, s int")
    return df.select(F.round("x", F.col("s"))).collect()


def case_error_math_greatest_one_column(spark, F, T):
    df = spark.createDataFrame([(1,)], "a int")
    return df.select(F.greatest("a")).collect()


def case_math_conv(spark, F, T):
    df = spark.createDataFrame(
        [("100", 2), ("-10", 10), ("ff", 16), (" 12ab", 10), ("", 10), ("zz", 36), ("-9223372", 10), (None, 10)],
        "n string, base int",
    )
    return df.select(F.conv("n", 10, 16), F.conv("n", 16, -10), F.conv("n", 36, 2), F.expr("conv(n, base, -16)"))


@settings({"spark.sql.ansi.enabled": "false"})
def case_math_conv_overflow_legacy(spark, F, T):
    df = spark.createDataFrame([("18446744073709551616",)], "n string")
    return df.select(F.conv("n", 10, 16))


def case_error_math_conv_overflow(spark, F, T):
    df = spark.createDataFrame([("18446744073709551616",)], "n string")
    return df.select(F.conv("n", 10, 16)).collect()


def case_math_ceil_floor_scale(spark, F, T):
    D = decimal.Decimal
    df = spark.createDataFrame(
        [(2.1267, 3, D("1.55")), (-0.1, -15, D("-1.55")), (float("nan"), 0, D("9.99")), (None, None, None)],
        "d double, i int, m decimal(3,2)",
    )
    return df.select(F.ceil("d", 1), F.floor("d", 2), F.ceil("i", -1), F.floor("i", -1), F.ceil("m", 1), F.floor("m", 0), F.ceiling("d", -1))


# -- vector functions (array<float>) --------------------------------------------


def _vectors(spark):
    return spark.createDataFrame(
        [
            ([3.0, 4.0], [4.0, 3.0]),
            ([0.1, 0.2, 0.3], [-1.5, 2.25, 1e-3]),
            ([0.0, 0.0], [1.0, 2.0]),
            ([1.0, None], [1.0, 2.0]),
            ([], []),
            (None, [1.0]),
        ],
        "a array<float>, b array<float>",
    )


def case_math_vector_pairs(spark, F, T):
    df = _vectors(spark)
    return df.select(
        F.vector_inner_product("a", "b"),
        F.vector_l2_distance("a", "b"),
        F.vector_cosine_similarity("a", "b"),
    )


def case_math_vector_norms(spark, F, T):
    df = _vectors(spark)
    one, inf = F.lit(1.0).cast("float"), F.lit(float("inf")).cast("float")
    return df.select(
        F.vector_norm("a"),
        F.vector_norm("a", one),
        F.vector_norm("b", inf),
        F.vector_normalize("a"),
        F.vector_normalize("b", one),
        F.vector_normalize("b", inf),
    )


def case_error_math_vector_dimension(spark, F, T):
    df = spark.createDataFrame([([1.0, 2.0], [1.0])], "a array<float>, b array<float>")
    return df.select(F.vector_inner_product("a", "b")).collect()


def case_error_math_vector_degree(spark, F, T):
    df = spark.createDataFrame([([1.0, 2.0],)], "a array<float>")
    return df.select(F.vector_norm("a", F.lit(3.0).cast("float"))).collect()


def case_error_math_vector_type(spark, F, T):
    df = spark.createDataFrame([([1.0, 2.0],)], "a array<double>")
    return df.select(F.vector_norm("a")).collect()


def case_math_vector_aggregates(spark, F, T):
    df = spark.createDataFrame(
        [("a", [1.0, 2.0, 4.0]), ("a", [1.0, 3.0, 5.0]), ("a", [2.0, 3.0, 7.0]), ("a", [1.0, None, 1.0]),
         ("b", None), ("c", [0.1, 0.2, 0.7]), ("c", [0.2, 0.1, 1e-8])],
        "k string, v array<float>",
    )
    return df.groupBy("k").agg(F.vector_sum("v"), F.vector_avg("v")).orderBy("k")


def case_error_math_vector_sum_dimension(spark, F, T):
    df = spark.createDataFrame([([1.0],), ([1.0, 2.0],)], "v array<float>")
    return df.select(F.vector_sum("v")).collect()


# -- seeded random numbers: Spark's per-partition sequences over ranges -----------------


def case_math_rand_seeded_partitions(spark, F, T):
    # Three partitions, a filter before the projection, and negative and zero seeds.
    df = spark.range(0, 30, 1, 3).filter("id % 4 != 1")
    return df.select("id", F.rand(7), F.rand(-5), F.rand(0), F.randn(7), F.randn(-123456789))


def case_math_randn_many_values(spark, F, T):
    # Enough Gaussian pairs that a last-bit difference in the logarithm would show.
    df = spark.range(0, 5000, 1, 2).select("id", F.randn(11).alias("r"))
    return df.filter("id % 53 = 0 OR id > 4980")


def case_math_rand_union_and_limit(spark, F, T):
    # A union's partitions are its inputs' one after another; show() limits after the projection.
    df = spark.range(0, 6, 1, 2).union(spark.range(10, 13, 1, 2))
    return df.select("id", F.rand(1), F.random(1), F.expr("randn(2)")).limit(8)


def case_math_uniform_types(spark, F, T):
    df = spark.range(0, 8, 1, 2)
    return df.select(
        F.uniform(5, 105, 3),
        F.uniform(10, 5, 1),
        F.uniform(-5, 5.5, 1),
        F.uniform(F.lit(5).cast("long"), 10, 2),
        F.uniform(F.lit(1.0).cast("float"), 2, 3),
    )


def case_error_math_uniform_string_bound(spark, F, T):
    return spark.range(1).select(F.uniform(F.lit("a"), 5, 1))
