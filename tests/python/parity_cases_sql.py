"""Parity cases of `spark.sql` and SQL strings (rules: parity_cases.py's docstring)."""


def _people_view(spark):
    spark.createDataFrame(
        [("Alice", 34, "Paris"), ("Bob", 17, "Lyon"), ("Chloé", 51, "Paris"), ("Dan", None, None), ("Eve", 17, "Nice")],
        "name string, age int, city string",
    ).createOrReplaceTempView("people")


def case_sql_select_literals(spark, F, T):
    # Spark's literal types and the column names it gives them.
    return spark.sql(
        "SELECT 1, 1L, 2S, 3Y, 1.5, 1.5BD, 1e3, 2.5D, -16, 12345678901, 'text', \"dq\", true, NULL, "
        "X'1F2E', DATE '2024-02-29', 7 % 3, 2 * 3 + 1"
    )


def case_sql_values_inline_table(spark, F, T):
    # VALUES columns take the rows' common type; a null-only column is VOID.
    return spark.sql("SELECT * FROM VALUES (1, 'a', null), (2, null, null), (3, 'c', null) AS t(id, s, n)")


def case_sql_values_default_names(spark, F, T):
    return spark.sql("SELECT * FROM VALUES (1, 2.5), (2, 3)")


def case_sql_range_where_order_limit(spark, F, T):
    return spark.sql("SELECT id, id % 3 AS m FROM range(2, 20, 3) WHERE id > 4 ORDER BY m DESC, id LIMIT 4")


def case_sql_group_by_having(spark, F, T):
    _people_view(spark)
    return spark.sql(
        "SELECT city, count(*) AS n, avg(age), max(name) FROM people "
        "GROUP BY city HAVING count(*) >= 1 ORDER BY n DESC, city NULLS LAST"
    )


def case_sql_group_by_expression_and_ordinal(spark, F, T):
    return spark.sql("SELECT id % 3 AS bucket, sum(id) FROM range(10) GROUP BY 1 ORDER BY bucket")


def case_sql_order_by_a_column_not_selected(spark, F, T):
    _people_view(spark)
    return spark.sql("SELECT name FROM people ORDER BY age DESC NULLS LAST, name")


def case_sql_joins(spark, F, T):
    _people_view(spark)
    spark.sql("CREATE OR REPLACE TEMP VIEW cities AS SELECT * FROM VALUES ('Paris', 'FR'), ('Lyon', 'FR'), ('Oslo', 'NO') AS c(city, country)")
    return spark.sql(
        "SELECT p.name, c.country FROM people p LEFT JOIN cities c ON p.city = c.city ORDER BY p.name"
    )


def case_sql_join_using_and_semi(spark, F, T):
    _people_view(spark)
    spark.sql("CREATE OR REPLACE TEMP VIEW cities AS SELECT * FROM VALUES ('Paris', 'FR'), ('Oslo', 'NO') AS c(city, country)")
    using = spark.sql("SELECT * FROM people JOIN cities USING (city) ORDER BY name")
    semi = spark.sql("SELECT name FROM people LEFT SEMI JOIN cities ON people.city = cities.city ORDER BY name")
    return using.collect(), semi.collect()


def case_sql_cte_subquery_union(spark, F, T):
    return spark.sql(
        "WITH small AS (SELECT id FROM range(3)), big AS (SELECT id * 10 AS id FROM range(2)) "
        "SELECT * FROM (SELECT id FROM small UNION ALL SELECT id FROM big) t ORDER BY id"
    )


def case_sql_union_distinct(spark, F, T):
    return spark.sql("SELECT id FROM range(3) UNION SELECT id FROM range(1, 5) ORDER BY id")


def case_sql_window_functions(spark, F, T):
    _people_view(spark)
    return spark.sql(
        "SELECT name, city, row_number() OVER (PARTITION BY city ORDER BY name) AS rn, "
        "sum(age) OVER w AS total FROM people WINDOW w AS (PARTITION BY city) ORDER BY name"
    )


def case_sql_case_between_in_like(spark, F, T):
    _people_view(spark)
    return spark.sql(
        "SELECT name, CASE WHEN age < 18 THEN 'minor' WHEN age IS NULL THEN 'unknown' ELSE 'adult' END AS kind, "
        "age BETWEEN 17 AND 40, city IN ('Paris', 'Nice'), name LIKE '%e%', city IS NOT NULL, "
        "upper(name) || '!' FROM people"
    )


def case_sql_functions_and_casts(spark, F, T):
    return spark.sql(
        "SELECT sqrt(16), abs(-3), round(2.5), substring('hello', 2, 3), cast('42' AS INT), "
        "CAST(3.7 AS BIGINT), concat_ws('-', 'a', 'b'), coalesce(NULL, 1), date_add(DATE '2024-02-28', 1)"
    )


def case_sql_parameters(spark, F, T):
    named = spark.sql("SELECT id FROM range(10) WHERE id > :low AND id < :high", args={"low": 3, "high": 6})
    positional = spark.sql("SELECT ? + ?, ?", args=[1, 2, "x"])
    return named.collect(), positional.collect()


def case_sql_dataframe_substitution(spark, F, T):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string")
    return spark.sql("SELECT s, id * 2 AS twice FROM {df} WHERE s = {value}", df=df, value="b")


def case_sql_distinct_and_aggregate_without_group(spark, F, T):
    _people_view(spark)
    return spark.sql("SELECT count(DISTINCT city), count(*), min(age), max(age) FROM people").collect(), spark.sql(
        "SELECT DISTINCT city FROM people WHERE city IS NOT NULL ORDER BY city"
    ).collect()


def case_sql_expression_strings(spark, F, T):
    _people_view(spark)
    df = spark.table("people")
    return df.filter("age IS NOT NULL").selectExpr("name", "age + 1 AS next", "upper(city)", "age > 18 AND city = 'Paris'")


def case_sql_select_expr_aggregate(spark, F, T):
    _people_view(spark)
    return spark.table("people").selectExpr("count(*)", "sum(age) AS total", "max(city)")


def case_sql_temp_view_lifecycle(spark, F, T):
    spark.sql("DROP VIEW IF EXISTS lifecycle_view")
    spark.sql("CREATE TEMP VIEW lifecycle_view AS SELECT 1 AS x")
    first = spark.sql("SELECT * FROM lifecycle_view").collect()
    spark.sql("DROP VIEW lifecycle_view")
    spark.sql("DROP VIEW IF EXISTS lifecycle_view")
    spark.sql("CREATE TEMP VIEW lifecycle_view AS SELECT 2 AS x")
    return first, spark.sql("SELECT * FROM lifecycle_view").collect()


def case_error_sql_syntax(spark, F, T):
    return spark.sql("SELECT name, FROM people WHERE")


def case_error_sql_unknown_table(spark, F, T):
    return spark.sql("SELECT * FROM no_such_table")


def case_error_sql_unknown_column(spark, F, T):
    return spark.sql("SELECT nme FROM range(3) AS people(name)")


def case_error_sql_unknown_function(spark, F, T):
    return spark.sql("SELECT uppr('a')")


def case_error_sql_unbound_parameter(spark, F, T):
    return spark.sql("SELECT :missing", args={"other": 1})


def case_error_sql_drop_missing_view(spark, F, T):
    return spark.sql("DROP VIEW no_such_view")


def case_sql_type_named_casts_and_if(spark, F, T):
    # `int(x)`, `date(x)`... are CASTs named after their argument; IF is named `(IF(c, a, b))`.
    return spark.sql(
        "SELECT float('nan'), date('2022-02-22'), int('1'), string(1), double(1), bigint(1.5), boolean(1), "
        "timestamp('2020-01-01'), smallint(1), if(1 > 0, 'yes', 'no'), if(NULL, 1, 2), sin(float('nan'))"
    )


def case_sql_div_try_cast_and_typed_literals(spark, F, T):
    return spark.sql(
        "SELECT 7 DIV 2, -7 div 2, 7L div 2, try_cast('x' AS INT), try_cast('12' AS BIGINT), 1::bigint, "
        "TIMESTAMP '2020-01-01 10:00:00', 'ABC' ILIKE 'a%', SUBSTRING('hello' FROM 2 FOR 3), "
        "POSITION('l' IN 'hello'), EXTRACT(YEAR FROM DATE '2020-05-01'), TRIM(BOTH 'x' FROM 'xxaxx')"
    )


def case_error_sql_div_by_zero(spark, F, T):
    return spark.sql("SELECT id div 0 FROM range(2)").collect()


def case_sql_count_star_expression(spark, F, T):
    df = spark.createDataFrame([(None,), ("a",), ("b",)], "s string")
    return df.select(F.count(F.expr("*")), F.count("*"), F.count("s"))


def case_sql_positional_parameters_follow_the_text(spark, F, T):
    # `?` markers take args in text order, though WHERE is bound before SELECT.
    df = spark.createDataFrame([(1, 4), (2, 4), (3, 6)], ["A", "B"])
    return spark.sql(
        "SELECT *, element_at(?, 1) AS C FROM {df} WHERE {df[B]} > ? AND ? < {df[A]}",
        args=[F.array(F.lit(1), F.lit(2), F.lit(3)), 5, 2],
        df=df,
    )


def case_sql_values_of_struct_arrays_with_nulls_and_empty_arrays(spark, F, T):
    # Rows of one column typed alike (an empty array() takes the others' type),
    # a null struct among struct literals, and inline over all of it.
    df = spark.sql(
        'SELECT * FROM VALUES (1, ARRAY(NAMED_STRUCT("a", 1, "b", 2), NULL, NAMED_STRUCT("a", 3, "b", 4))), '
        "(2, ARRAY()), (3, NULL) AS t(i, s)"
    )
    return df.select("*", F.inline_outer("s"))


def case_sql_struct_star_and_cast_names(spark, F, T):
    # `s.*` of a struct column gives its fields; a (try) cast of a column keeps its name.
    df = spark.sql('SELECT NAMED_STRUCT("a", 1, "b", "x") AS s, "12" AS n')
    return df.select("s.*", F.col("n").try_cast("int"), F.col("n").cast("long"), F.length("n").try_cast("string"))


def case_sql_array_of_structs_with_a_null_field(spark, F, T):
    return spark.sql("SELECT map_from_entries(array(struct(1, null), struct(2, 'b'))) AS m, array(struct(1, 'a'), NULL) AS a")


def case_sql_tuple_is_a_struct(spark, F, T):
    # `(a, b)` is named_struct(col1, a, col2, b).
    return spark.sql("SELECT (1, 'a') AS t, (DATE('2022-02-22'), 1 + 2) AS u, to_json((1, 'x')) AS j, (1, NULL)")


def case_error_sql_unknown_table_function(spark, F, T):
    return spark.sql("SELECT * FROM no_such_table_function(1)").collect()


# -- subqueries -------------------------------------------------------------------------


def _subquery_views(spark):
    spark.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "c", None), (None, "d", 40)], "id int, name string, v int").createOrReplaceTempView("sq1")
    spark.createDataFrame([(1, 100), (1, 200), (3, 300), (None, 400)], "id int, amount int").createOrReplaceTempView("sq2")


def case_sql_scalar_subquery(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id, (SELECT max(amount) FROM sq2), (SELECT max(amount) FROM sq2 WHERE false) AS e FROM sq1 ORDER BY id")


def case_sql_scalar_subquery_correlated(spark, F, T):
    _subquery_views(spark)
    return spark.sql(
        "SELECT id, (SELECT sum(amount) FROM sq2 WHERE sq2.id = sq1.id) AS s, "
        "(SELECT count(*) FROM sq2 WHERE sq2.id = sq1.id) AS c, "
        "(SELECT max(amount) FROM sq2 WHERE sq2.id = sq1.id) + 1 FROM sq1 ORDER BY id"
    )


def case_sql_scalar_subquery_in_where(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id FROM sq1 WHERE v > (SELECT avg(v) FROM sq1) ORDER BY id")


def case_sql_exists_correlated(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT * FROM sq1 WHERE EXISTS (SELECT 1 FROM sq2 WHERE sq2.id = sq1.id) ORDER BY id")


def case_sql_not_exists_correlated(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT * FROM sq1 WHERE NOT EXISTS (SELECT 1 FROM sq2 WHERE sq2.id = sq1.id) ORDER BY id")


def case_sql_exists_as_value(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id, EXISTS (SELECT 1 FROM sq2 WHERE sq2.id = sq1.id) FROM sq1 ORDER BY id")


def case_sql_in_subquery(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT * FROM sq1 WHERE id IN (SELECT id FROM sq2) ORDER BY id")


def case_sql_not_in_subquery_with_null(spark, F, T):
    # A null in the subquery: NOT IN is never true.
    _subquery_views(spark)
    return spark.sql("SELECT * FROM sq1 WHERE id NOT IN (SELECT id FROM sq2) ORDER BY id")


def case_sql_not_in_subquery_without_null(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT * FROM sq1 WHERE id NOT IN (SELECT id FROM sq2 WHERE id IS NOT NULL) ORDER BY id")


def case_sql_in_subquery_as_value(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id, id IN (SELECT id FROM sq2) AS x FROM sq1 ORDER BY id")


def case_sql_in_subquery_correlated(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id FROM sq1 WHERE id IN (SELECT id FROM sq2 WHERE sq2.amount > sq1.v) ORDER BY id")


def case_sql_in_subquery_tuple(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id FROM sq1 WHERE (id, v) IN (SELECT 1, 10) ORDER BY id")


def case_sql_exists_nested_correlated(spark, F, T):
    _subquery_views(spark)
    return spark.sql(
        "SELECT id FROM sq1 WHERE EXISTS (SELECT * FROM sq2 WHERE sq2.id = sq1.id AND "
        "EXISTS (SELECT 1 FROM sq1 x WHERE x.id = sq2.id AND x.v < sq2.amount)) ORDER BY id"
    )


def case_sql_subquery_correlated_same_table(spark, F, T):
    # The subquery reads the enclosing query's table: names resolve inside first.
    _subquery_views(spark)
    return spark.sql("SELECT id, v, (SELECT count(*) FROM sq1 b WHERE b.v = a.v) AS same_v FROM sq1 a ORDER BY id")


def case_error_sql_in_subquery_two_columns(spark, F, T):
    _subquery_views(spark)
    return spark.sql("SELECT id FROM sq1 WHERE id IN (SELECT id, amount FROM sq2)").collect()


def case_sql_function_scalar(spark, F, T):
    # SQL functions inline their body: arguments cast to the parameters' types,
    # the body cast to RETURNS, defaults, nesting, OR REPLACE; then DROP.
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_plus1(x INT) RETURNS INT RETURN x + 1")
    spark.sql(
        "CREATE OR REPLACE TEMPORARY FUNCTION pr_greet(name STRING, greeting STRING DEFAULT 'Hello') "
        "RETURNS STRING RETURN concat(greeting, ', ', name)"
    )
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_area(w DOUBLE, h DOUBLE) RETURN w * h")
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_sq(x INT) RETURNS INT RETURN SELECT x * x")
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_nested(x INT) RETURNS BIGINT RETURN pr_plus1(pr_sq(x))")
    results = []
    for query in [
        "SELECT pr_plus1(41), pr_plus1(NULL), pr_plus1(2.7), pr_plus1('5')",
        "SELECT pr_greet('Ann'), pr_greet('Bob', 'Hi'), pr_area(2, 3) AS a, pr_area(1.5, 2), pr_sq(3), pr_nested(3)",
        "SELECT x, pr_plus1(y) AS p FROM VALUES (1, 10), (2, NULL) AS t(x, y) ORDER BY x",
    ]:
        frame = spark.sql(query)
        results.append([frame.columns, frame.schema.simpleString(), [tuple(row) for row in frame.collect()]])
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_plus1(x INT) RETURNS BIGINT RETURN x + 100")
    results.append([tuple(row) for row in spark.sql("SELECT pr_plus1(1)").collect()])
    results.append(spark.range(1).selectExpr("pr_greet('Cy') AS g").collect()[0].g)
    for name in ("pr_plus1", "pr_greet", "pr_area", "pr_sq", "pr_nested"):
        spark.sql(f"DROP TEMPORARY FUNCTION {name}")
    results.append(spark.catalog.functionExists("pr_plus1"))
    return results


def case_sql_function_table(spark, F, T):
    spark.sql(
        "CREATE OR REPLACE TEMPORARY FUNCTION pr_tf(n INT) RETURNS TABLE (a INT, b STRING) "
        "RETURN SELECT n AS a, 'x' AS b UNION ALL SELECT n + 1, 'y'"
    )
    frame = spark.sql("SELECT * FROM pr_tf(3) WHERE a > 0 ORDER BY a")
    result = [frame.columns, frame.schema.simpleString(), [tuple(row) for row in frame.collect()]]
    spark.sql("DROP TEMPORARY FUNCTION pr_tf")
    return result


def case_error_sql_function_wrong_arguments(spark, F, T):
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_two(a INT, b INT DEFAULT 1) RETURNS INT RETURN a + b")
    try:
        return spark.sql("SELECT pr_two()")
    finally:
        spark.sql("DROP TEMPORARY FUNCTION pr_two")


def case_error_sql_function_unknown_name_in_body(spark, F, T):
    return spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_bad(x INT) RETURNS INT RETURN y + 1")


def case_error_sql_function_temporary_if_not_exists(spark, F, T):
    return spark.sql("CREATE TEMPORARY FUNCTION IF NOT EXISTS pr_x(x INT) RETURN x")


def case_error_sql_function_already_exists(spark, F, T):
    spark.sql("CREATE OR REPLACE TEMPORARY FUNCTION pr_dup(x INT) RETURN x")
    try:
        return spark.sql("CREATE TEMPORARY FUNCTION pr_dup(x INT) RETURN x")
    finally:
        spark.sql("DROP TEMPORARY FUNCTION pr_dup")


def case_error_sql_cast_invalid_input_names_the_value(spark, F, T):
    return spark.sql("SELECT CAST('x1' AS INT)")
