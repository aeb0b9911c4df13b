"""Parity cases of Python UDFs: udf, pandas_udf, arrow_udf, udtf, mapInPandas,
mapInArrow, applyInPandas, applyInArrow, spark.udf.register (rules:
parity_cases.py's docstring)."""

from typing import Iterator


def _frame(spark):
    # A null int, a null string, unicode, a negative number.
    return spark.createDataFrame(
        [(1, "a", 1.5), (None, "b", -2.0), (3, None, None), (-4, "ü✓", 0.0)],
        "x int, s string, d double",
    )


def case_udf_rowwise_int_with_nulls(spark, F, T):
    plus = F.udf(lambda value: None if value is None else value + 1, "int")
    return _frame(spark).select("x", plus("x"))


def case_udf_default_string_type(spark, F, T):
    def shout(value):
        return f"{value}!"

    return _frame(spark).select(F.udf(shout)("s"))


def case_udf_string_from_other_values(spark, F, T):
    # Strings are made of any value: booleans as Spark prints them, lists with str().
    return _frame(spark).select(
        F.udf(lambda value: value is None, "string")("x").alias("flag"),
        F.udf(lambda value: [value, value], "string")("x").alias("listed"),
    )


def case_udf_float_result_for_int_type(spark, F, T):
    return _frame(spark).select(F.udf(lambda value: 1.75, T.IntegerType())("x"))


def case_udf_nested_results(spark, F, T):
    return _frame(spark).select(
        F.udf(lambda value: [value, value], "array<int>")("x").alias("arr"),
        F.udf(lambda value: (value, "q"), "struct<a:int,b:string>")("x").alias("st"),
        F.udf(lambda value: {"k": value}, "map<string,int>")("x").alias("m"),
    )


def case_udf_struct_argument(spark, F, T):
    describe = F.udf(lambda row: None if row is None else f"{row.x}/{row.s}", "string")
    return _frame(spark).select(describe(F.struct("x", "s")))


def case_udf_two_arguments_and_use_arrow(spark, F, T):
    join = F.udf(lambda left, right: f"{left}-{right}", "string", useArrow=True)
    return _frame(spark).select(join("x", "s"))


def case_udf_decorator_and_nondeterministic(spark, F, T):
    @F.udf(returnType="double")
    def twice(value):
        return None if value is None else value * 2

    return _frame(spark).select(twice("d"), twice.asNondeterministic()("d").alias("again"))


def case_error_udf_raises(spark, F, T):
    return _frame(spark).select(F.udf(lambda value: 1 // 0, "int")("x")).collect()


def case_udf_session_usable_after_error(spark, F, T):
    try:
        _frame(spark).select(F.udf(lambda value: 1 // 0, "int")("x")).collect()
    except Exception:  # noqa: BLE001 - the point is what comes after
        pass
    return _frame(spark).select(F.udf(lambda value: value, "int")("x"))


def case_udf_register_in_sql(spark, F, T):
    spark.udf.register("parity_plus_one", lambda value: value + 1, "int")
    return spark.sql("SELECT parity_plus_one(id) AS p, parity_plus_one(id) FROM range(3)")


def case_udf_call_udf_and_expr(spark, F, T):
    spark.udf.register("parity_len", lambda value: None if value is None else len(value), "int")
    frame = _frame(spark)
    return frame.select(F.call_udf("parity_len", "s"), F.expr("parity_len(s) + 1"), F.call_function("parity_len", "s"))


def case_pandas_udf_series(spark, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def halve(values: pd.Series) -> pd.Series:
        return values / 2

    return _frame(spark).select(halve("d"), halve("x"))


def case_pandas_udf_iterator(spark, F, T):
    import pandas as pd

    @F.pandas_udf("long")
    def plus_one(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for batch in batches:
            yield batch + 1

    return spark.range(5).select(plus_one("id"))


def case_pandas_udf_grouped_aggregate(spark, F, T):
    import pandas as pd

    @F.pandas_udf("double")
    def mean(values: pd.Series) -> float:
        return values.mean()

    frame = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    return frame.groupBy("id").agg(mean("v")).orderBy("id")


def case_arrow_udf_scalar(spark, F, T):
    import pyarrow as pa
    import pyarrow.compute as pc

    @F.arrow_udf("long")
    def lengths(values: pa.Array) -> pa.Array:
        return pc.utf8_length(values)

    return _frame(spark).select(lengths("s"))


def case_map_in_pandas(spark, F, T):
    def keep_positive(frames):
        for frame in frames:
            yield frame[frame.x > 0]

    return _frame(spark).mapInPandas(keep_positive, "x int, s string, d double")


def case_map_in_arrow(spark, F, T):
    def renamed(batches):
        for batch in batches:
            yield batch.rename_columns(["a", "b", "c"])

    return _frame(spark).select("x", "s", "d").mapInArrow(renamed, "a int, b string, c double")


def case_apply_in_pandas(spark, F, T):
    def centre(frame):
        return frame.assign(v=frame.v - frame.v.mean())

    frame = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))
    return frame.groupBy("id").applyInPandas(centre, "id long, v double").orderBy("id", "v")


def case_apply_in_pandas_with_key(spark, F, T):
    import pandas as pd

    def total(key, frame):
        return pd.DataFrame([key + (frame.v.sum(),)])

    frame = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (None, 5.0)], ("id", "v"))
    return frame.groupBy("id").applyInPandas(total, "id long, v double").orderBy("id")


def case_apply_in_arrow(spark, F, T):
    def first_row(table):
        return table.slice(0, 1)

    frame = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], ("id", "v"))
    return frame.groupBy("id").applyInArrow(first_row, "id long, v double").orderBy("id")


def case_udtf_dataframe_and_sql(spark, F, T):
    @F.udtf(returnType="n: int, square: int")
    class Squares:
        def eval(self, start: int, end: int):
            for number in range(start, end + 1):
                yield number, number * number

    spark.udtf.register("parity_squares", Squares)
    return spark.sql("SELECT * FROM parity_squares(1, 3)")


def case_udtf_lateral(spark, F, T):
    @F.udtf(returnType="c1: int, c2: int")
    class PlusOne:
        def eval(self, x: int):
            yield x, x + 1

    spark.udtf.register("parity_plus_one_tf", PlusOne)
    return spark.sql("SELECT * FROM VALUES (0, 1), (1, 2) t(x, y), LATERAL parity_plus_one_tf(x)")


def case_cogroup_apply_in_pandas(spark, F, T):
    import pandas as pd

    def merged(left, right):
        return pd.DataFrame({"id": [left.id.iloc[0] if len(left) else right.id.iloc[0]], "n_left": [len(left)], "n_right": [len(right)]})

    left = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0)], ("id", "v"))
    right = spark.createDataFrame([(1, "x"), (3, "y")], ("id", "w"))
    result = left.groupBy("id").cogroup(right.groupBy("id")).applyInPandas(merged, "id long, n_left long, n_right long")
    return result.orderBy("id")


def case_arrow_udtf_on_constants(spark, F, T):
    import pyarrow as pa

    @F.arrow_udtf(returnType="x int, y int")
    class Pairs:
        def eval(self, x: pa.Array, y: pa.Array):
            yield pa.table({"x": x, "y": y})

    return Pairs(F.lit(1), F.lit(2))


def case_udf_timestamp_result(spark, F, T):
    import datetime

    frame = spark.createDataFrame([(datetime.datetime(2024, 1, 2, 3, 4, 5),)], "t timestamp")
    later = F.udf(lambda value: value + datetime.timedelta(hours=1), "timestamp")
    return frame.select(later("t"), F.udf(lambda value: str(value))("t"))
