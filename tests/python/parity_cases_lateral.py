"""Parity cases of ``DataFrame.lateralJoin`` (issue 11): table functions over outer
columns, correlated filters, aggregates (a left row without matches counts 0),
``orderBy(...).limit(k)`` per row, inner/left/cross, nulls and empty sides
(rules: parity_cases.py's docstring). Joins fix no order: every case sorts."""


def _left(spark):
    return spark.createDataFrame([(0, 1), (1, 2), (None, 3), (0, 4)], "c1 int, c2 int").alias("a")


def _right(spark):
    return spark.createDataFrame([(0, 2), (0, 3), (3, 4), (None, 5)], "c1 int, c2 int").alias("b")


def _arrays(spark):
    return spark.createDataFrame(
        [(1, [1, 2]), (2, None), (3, []), (4, [None, 5]), (5, [7])], "k int, a array<int>"
    )


def _matching(spark, F):
    return _right(spark).where(F.col("b.c1") == F.col("a.c1").outer())


def case_lateral_filter_inner(spark, F, T):
    # Several matches, none for 1 and for the null key (null = null is not true).
    return _left(spark).lateralJoin(_matching(spark, F).select(F.col("c2").alias("r"))).orderBy("c2", "r")


def case_lateral_filter_left(spark, F, T):
    return _left(spark).lateralJoin(_matching(spark, F).select(F.col("c2").alias("r")), how="left").orderBy("c2", "r")


def case_lateral_filter_left_outer_spelling(spark, F, T):
    return _left(spark).lateralJoin(_matching(spark, F).select(F.col("c2").alias("r")), how="left_outer").orderBy("c2", "r")


def case_lateral_null_safe_correlation(spark, F, T):
    right = _right(spark).where(F.col("b.c1").eqNullSafe(F.col("a.c1").outer())).select(F.col("c2").alias("r"))
    return _left(spark).lateralJoin(right).orderBy("c2", "r")


def case_lateral_non_equality(spark, F, T):
    right = _right(spark).where(F.col("b.c2") > F.col("a.c2").outer()).select(F.col("b.c2").alias("r"))
    return _left(spark).lateralJoin(right, how="left").orderBy("c2", "r")


def case_lateral_projection_of_outer_columns(spark, F, T):
    right = spark.range(2).select(F.col("c1").outer().alias("x"), (F.col("c2").outer() + F.col("id")).alias("y"))
    return _left(spark).lateralJoin(right).orderBy("c2", "y")


def case_lateral_names_of_outer_columns(spark, F, T):
    # Spark names an outer column inside an expression outer(<alias>.<name>).
    right = spark.range(1).select(F.col("c1").outer(), F.col("c2").outer() + F.col("id"))
    arrays = _arrays(spark).lateralJoin(spark.range(1).select(F.col("k").outer() * 2))
    return [_left(spark).lateralJoin(right).columns, arrays.columns, arrays.orderBy("k").collect()]


def case_lateral_filter_after_projection_left(spark, F, T):
    right = spark.range(3).select((F.col("c2").outer() + F.col("id")).alias("x")).where("x > 3")
    return _left(spark).lateralJoin(right, how="left").orderBy("c2", "x")


def case_lateral_with_column(spark, F, T):
    right = _matching(spark, F).withColumn("z", F.col("b.c2") * 10 + F.col("a.c2").outer()).select("z")
    return _left(spark).lateralJoin(right).orderBy("c2", "z")


def case_lateral_aggregate_counts_zero_without_matches(spark, F, T):
    right = _matching(spark, F).select(F.count("*"), F.sum("c2"), F.max("c2").alias("top"), F.count("c2"))
    return _left(spark).lateralJoin(right).orderBy("c2")


def case_lateral_aggregate_left_then_filter(spark, F, T):
    right = _matching(spark, F).select(F.count("*").alias("n"), F.avg("c2").alias("mean")).where("n > 0")
    return _left(spark).lateralJoin(right, how="left").orderBy("c2")


def case_lateral_aggregate_of_empty_right(spark, F, T):
    right = _right(spark).where("false").where(F.col("b.c1") == F.col("a.c1").outer()).select(F.count("*").alias("n"))
    return _left(spark).lateralJoin(right).orderBy("c2")


def case_lateral_top_k_per_row(spark, F, T):
    right = _matching(spark, F).select("c2").orderBy(F.col("c2").desc()).limit(1)
    return _left(spark).lateralJoin(right, how="left").orderBy("a.c2")


def case_lateral_top_k_sorted_before_projection(spark, F, T):
    # The sort key is dropped by the projection before the limit.
    right = _matching(spark, F).orderBy(F.col("c2").desc()).select((F.col("c2") * 10).alias("r")).limit(2)
    return _left(spark).lateralJoin(right, how="left").orderBy("a.c2", "r")


def case_lateral_limit_zero_left(spark, F, T):
    right = _matching(spark, F).orderBy("c2").limit(0)
    return _left(spark).lateralJoin(right, how="left").orderBy("a.c2")


def case_lateral_empty_left(spark, F, T):
    return _left(spark).where("false").lateralJoin(_matching(spark, F).select(F.count("*"))).orderBy("c2")


def case_lateral_qualified_columns_after(spark, F, T):
    return _left(spark).lateralJoin(_matching(spark, F)).select("a.c2", F.col("b.c2").alias("r")).orderBy("c2", "r")


def case_lateral_uncorrelated_cross(spark, F, T):
    right = spark.createDataFrame([(7,), (8,)], "d int")
    return _left(spark).lateralJoin(right, how="cross").orderBy("c2", "d")


def case_lateral_uncorrelated_left_on(spark, F, T):
    right = spark.createDataFrame([(0, "x"), (3, "y")], "d int, s string")
    return _left(spark).lateralJoin(right, F.col("c1") == F.col("d"), "left").orderBy("c2", "d")


def case_lateral_on_condition_with_correlation(spark, F, T):
    right = _matching(spark, F).select(F.col("c2").alias("r"))
    return _left(spark).lateralJoin(right, F.col("r") > 2, "left").orderBy("c2", "r")


def case_lateral_tvf_explode(spark, F, T):
    return _arrays(spark).lateralJoin(spark.tvf.explode(F.col("a").outer())).orderBy("k", "col")


def case_lateral_tvf_explode_left_drops_empty_rows(spark, F, T):
    # Spark applies a table function followed by projections to each row: no row for
    # a null or empty array, even with how="left".
    return _arrays(spark).lateralJoin(spark.tvf.explode(F.col("a").outer()).select("col"), how="left").orderBy("k", "col")


def case_lateral_tvf_explode_outer(spark, F, T):
    return _arrays(spark).lateralJoin(spark.tvf.explode_outer(F.col("a").outer())).orderBy("k", "col")


def case_lateral_tvf_filtered_left(spark, F, T):
    # A filter makes it a join again: rows without output are kept with nulls.
    right = spark.tvf.explode(F.col("a").outer()).where("col > 1")
    return _arrays(spark).lateralJoin(right, how="left").orderBy("k", "col")


def case_lateral_tvf_left_with_on(spark, F, T):
    return _arrays(spark).lateralJoin(spark.tvf.explode(F.col("a").outer()), F.col("col") > 1, "left").orderBy("k", "col")


def case_lateral_tvf_posexplode(spark, F, T):
    return _arrays(spark).lateralJoin(spark.tvf.posexplode(F.col("a").outer())).orderBy("k", "pos")


def case_lateral_tvf_inline_struct_fields(spark, F, T):
    frame = spark.createDataFrame(
        [(1, [(1, "a"), (2, None)]), (2, None), (3, [(3, "ü")])], "k int, a array<struct<x:int,y:string>>"
    )
    return frame.lateralJoin(spark.tvf.inline(F.col("a").outer())).orderBy("k", "x")


def case_lateral_tvf_of_struct_fields_star(spark, F, T):
    orders = spark.createDataFrame(
        [(101, [("laptop", 5), ("mouse", 12)]), (102, [("phone", 2)]), (103, [])],
        "id int, items array<struct<product:string,quantity:int>>",
    )
    return orders.lateralJoin(spark.tvf.explode(F.col("items").outer()).select("col.*")).orderBy("id", "product")


def case_error_lateral_right_join(spark, F, T):
    return _left(spark).lateralJoin(_right(spark), how="right")


def case_error_lateral_unknown_join_type(spark, F, T):
    return _left(spark).lateralJoin(_right(spark), how="semi")


def case_error_lateral_generator_outside_table_function(spark, F, T):
    return _arrays(spark).lateralJoin(spark.range(1).select(F.explode(F.col("a").outer())))


def case_error_lateral_group_by_after_outer_filter(spark, F, T):
    # Spark analyses groupBy eagerly, where the outer reference does not resolve.
    return _left(spark).lateralJoin(_matching(spark, F).groupBy("c2").count())


# -- asTable: a DataFrame as a Python UDTF's table argument -------------------------------


def _keyed(spark):
    return spark.createDataFrame(
        [(1, "a", 3), (1, "b", None), (2, "c", 1), (2, "d", 2), (None, "é", 5), (3, "", 0)], "key int, value string, n int"
    )


def _summary_udtf(F):
    @F.udtf(returnType="key: int, rows: int, seen: string, total: int")
    class Summary:
        def __init__(self):
            self.key, self.rows, self.seen, self.total = None, 0, [], 0

        def eval(self, row, tag):
            self.key = row["key"]
            self.rows += 1
            self.seen.append(f"{row.value}{tag}")
            self.total += row["n"] or 0

        def terminate(self):
            yield self.key, self.rows, ",".join(self.seen), self.total

    return Summary


def case_as_table_row_per_eval(spark, F, T):
    @F.udtf(returnType="value: string, doubled: int")
    class Double:
        def eval(self, row):
            if row["n"] is not None:
                yield row["value"], row["n"] * 2

    return Double(_keyed(spark).asTable())


def case_as_table_partition_by_order_by(spark, F, T):
    # An instance per key (nulls first), rows in the order asked, terminate per key.
    table = _keyed(spark).asTable().partitionBy("key").orderBy(F.col("value").desc())
    return _summary_udtf(F)(table, F.lit("!"))


def case_as_table_partition_by_expression(spark, F, T):
    table = _keyed(spark).asTable().partitionBy(F.col("key") % 2).orderBy("value")
    return _summary_udtf(F)(table, F.lit(1))


def case_as_table_single_partition(spark, F, T):
    table = _keyed(spark).asTable().withSinglePartition().orderBy(F.col("n").asc_nulls_last(), "value")
    return _summary_udtf(F)(table, F.lit(""))


def case_as_table_of_empty_frame(spark, F, T):
    table = _keyed(spark).where("false").asTable().partitionBy("key")
    return _summary_udtf(F)(table, F.lit(""))


# -- SQL: LATERAL subqueries and TABLE(...) arguments ----------------------------------------


def _views(spark):
    _left(spark).createOrReplaceTempView("lateral_t1")
    _right(spark).createOrReplaceTempView("lateral_t2")


def case_sql_lateral_correlated_filter(spark, F, T):
    _views(spark)
    return spark.sql(
        "SELECT * FROM lateral_t1, LATERAL (SELECT c2 AS r FROM lateral_t2 WHERE lateral_t2.c1 = lateral_t1.c1) ORDER BY c2, r"
    )


def case_sql_left_join_lateral(spark, F, T):
    _views(spark)
    return spark.sql(
        "SELECT * FROM lateral_t1 LEFT JOIN LATERAL "
        "(SELECT c2 AS r FROM lateral_t2 WHERE lateral_t2.c1 = lateral_t1.c1) ON true ORDER BY c2, r"
    )


def case_sql_lateral_count_of_no_rows(spark, F, T):
    _views(spark)
    return spark.sql(
        "SELECT * FROM lateral_t1, LATERAL (SELECT count(*) AS n, sum(c2) AS s FROM lateral_t2 "
        "WHERE lateral_t2.c1 = lateral_t1.c1) ORDER BY c2"
    )


def case_sql_lateral_unqualified_outer_name(spark, F, T):
    _views(spark)
    return spark.sql("SELECT * FROM lateral_t1 JOIN LATERAL (SELECT c2 * 10 AS x) ORDER BY c2")


def case_sql_lateral_top_one(spark, F, T):
    _views(spark)
    return spark.sql(
        "SELECT lateral_t1.c2, r FROM lateral_t1 LEFT JOIN LATERAL (SELECT c2 AS r FROM lateral_t2 "
        "WHERE lateral_t2.c1 = lateral_t1.c1 ORDER BY c2 DESC LIMIT 1) ON true ORDER BY lateral_t1.c2"
    )


def case_sql_lateral_table_function(spark, F, T):
    _views(spark)
    return spark.sql("SELECT * FROM lateral_t1, LATERAL explode(array(lateral_t1.c1, lateral_t1.c2)) ORDER BY c2, col")


def case_sql_table_argument_of_udtf(spark, F, T):
    @F.udtf(returnType="c2: int, doubled: int")
    class Doubled:
        def eval(self, row):
            yield row["c2"], row["c2"] * 2

    spark.udtf.register("lateral_doubled", Doubled)
    _views(spark)
    return spark.sql("SELECT * FROM lateral_doubled(TABLE(SELECT * FROM lateral_t1 WHERE c2 > 1)) ORDER BY c2")
