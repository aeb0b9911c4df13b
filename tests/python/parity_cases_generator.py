"""Parity cases of the generators: explode, posexplode, inline (each also
_outer) and stack (rules: parity_cases.py's docstring)."""


def _arrays(spark):
    # A null element, an empty array, a null array.
    return spark.createDataFrame(
        [(1, [1, 2, 3, None]), (2, []), (3, None), (4, [7])],
        "i int, a array<int>",
    )


def _maps(spark):
    return spark.createDataFrame(
        [(1, {"a": 1, "b": None}), (2, {}), (3, None)],
        "i int, m map<string,int>",
    )


def _structs(spark):
    return spark.createDataFrame(
        [(1, [(1, "x"), None, (3, None)]), (2, []), (3, None)],
        "i int, s array<struct<p:int,q:string>>",
    )


def case_generator_explode_array(spark, F, T):
    return _arrays(spark).select("i", F.explode("a"))


def case_generator_explode_outer_array(spark, F, T):
    return _arrays(spark).select("i", F.explode_outer("a"))


def case_generator_posexplode_array(spark, F, T):
    return _arrays(spark).select("i", F.posexplode("a"))


def case_generator_posexplode_outer_array(spark, F, T):
    return _arrays(spark).select(F.posexplode_outer("a"), "i")


def case_generator_explode_map(spark, F, T):
    return _maps(spark).select("i", F.explode("m"))


def case_generator_explode_outer_map(spark, F, T):
    return _maps(spark).select("i", F.explode_outer("m"))


def case_generator_posexplode_map(spark, F, T):
    return _maps(spark).select("i", F.posexplode("m").alias("p", "k", "v"))


def case_generator_posexplode_outer_map(spark, F, T):
    return _maps(spark).select("i", F.posexplode_outer("m"))


def case_generator_inline(spark, F, T):
    return _structs(spark).select("i", F.inline("s"))


def case_generator_inline_outer(spark, F, T):
    return _structs(spark).select(F.inline_outer("s"), "i")


def case_generator_aliases(spark, F, T):
    df = _arrays(spark)
    return df.select(F.posexplode("a").alias("p", "x"), (F.col("i") * 10).alias("j"))


def case_generator_with_column(spark, F, T):
    return _arrays(spark).withColumn("e", F.explode("a"))


def case_generator_explode_of_expression(spark, F, T):
    # The collection is computed first: an array of the column and its square.
    return _arrays(spark).filter("i < 4").select("i", F.explode(F.array("i", F.col("i") * F.col("i"))))


def case_generator_after_filter(spark, F, T):
    return _arrays(spark).filter(F.col("i") > 1).select(F.explode_outer("a"))


def case_generator_two_generators(spark, F, T):
    # Spark 4 allows several generators in one SELECT: their rows multiply.
    df = spark.createDataFrame([([1, 2], ["x", "y"])], "a array<int>, b array<string>")
    return df.select(F.explode("a"), F.explode("b").alias("b"))


def case_generator_stack(spark, F, T):
    return spark.sql("SELECT stack(2, 1, 'a', null, 'b'), stack(3, 1.5, 2.5) AS (x)")


def case_generator_stack_columns(spark, F, T):
    df = spark.createDataFrame([(1, 2, 3)], "a int, b int, c int")
    return df.select(F.stack(F.lit(2), "a", "b", "c"))


def case_generator_sql(spark, F, T):
    _arrays(spark).createOrReplaceTempView("generator_arrays")
    return spark.sql("SELECT i, explode(a) AS x FROM generator_arrays WHERE i <> 4")


def case_generator_sql_lateral_view(spark, F, T):
    _arrays(spark).createOrReplaceTempView("generator_arrays")
    return spark.sql(
        "SELECT i, p, c FROM generator_arrays LATERAL VIEW OUTER posexplode(a) v AS p, c"
    )


def case_generator_docstring_values(spark, F, T):
    df = spark.sql("SELECT * FROM VALUES (1,ARRAY(1,2,3,NULL)), (2,ARRAY()), (3,NULL) AS t(i,a)")
    return df.select("*", F.explode_outer("a"))


def case_generator_empty_array_and_map(spark, F, T):
    return spark.sql("SELECT array() AS a, map() AS m UNION ALL SELECT array(1), map('k', 2)")


def case_error_generator_nested(spark, F, T):
    return _arrays(spark).select(F.explode("a") + 1).collect()


def case_error_generator_alias_count(spark, F, T):
    return _arrays(spark).select(F.posexplode("a").alias("p")).collect()


def case_error_generator_not_a_collection(spark, F, T):
    return _arrays(spark).select(F.explode("i")).collect()


def case_error_generator_inline_not_structs(spark, F, T):
    return _arrays(spark).select(F.inline("a")).collect()


def case_error_generator_stack_types(spark, F, T):
    return spark.sql("SELECT stack(2, 1, 'a')").collect()


def case_error_generator_in_filter(spark, F, T):
    return _arrays(spark).filter(F.explode("a") > 1).collect()
