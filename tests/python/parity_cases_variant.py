"""Parity cases of the VARIANT functions (rules: parity_cases.py's docstring).

Variant columns compare as Spark's bytes (parity_codec: ``$variant``), so
these cases check the encoding as well as the functions."""


def _documents(spark):
    return spark.createDataFrame(
        [
            ('{"b": 1, "a": [1, 2.50, "x", null, true]}',),
            ('{"z": {"y": 1}, "y": -129, "é": "\\u00e9\\n"}',),
            ("[]",),
            ("1.5",),
            ("1e10",),
            ("12345678901234567890",),
            ("-0.0",),
            ("null",),
            ('"text"',),
            (None,),
        ],
        "j string",
    )


def case_variant_parse_and_render(spark, F, T):
    # The variant itself (its bytes and show() text), its JSON, its cast to string.
    df = _documents(spark)
    v = F.parse_json("j")
    return df.select("j", v, F.to_json(v), v.cast("string").alias("s"), F.try_parse_json("j"))


def case_variant_schema_and_nulls(spark, F, T):
    df = _documents(spark)
    v = F.parse_json("j")
    return df.select(F.schema_of_variant(v), F.is_variant_null(v), F.is_valid_variant(v))


def case_variant_schema_agg(spark, F, T):
    df = spark.createDataFrame(
        [(1, '{"a": 1, "c": [1]}'), (1, '{"a": 1.5, "b": "x"}'), (2, "1"), (2, "true"), (3, None), (4, "null"), (4, "12.25")],
        "g int, j string",
    )
    return df.groupBy("g").agg(F.schema_of_variant_agg(F.parse_json("j"))).orderBy("g")


def case_variant_get(spark, F, T):
    df = spark.createDataFrame(
        [('{"a": 1, "s": "hello", "arr": [1, 2, 3], "d": "2020-01-02", "f": 1.75, "n": null, "t": "true"}', "$.a")],
        "j string, p string",
    )
    v = F.parse_json("j")
    return df.select(
        F.variant_get(v, "$.a", "int"),
        F.variant_get(v, df.p, "string"),
        F.variant_get(v, "$.s", "string"),
        F.variant_get(v, "$.arr[1]", "smallint"),
        F.variant_get(v, "$.arr[9]", "int"),
        F.variant_get(v, "$.arr", "string"),
        F.variant_get(v, "$.f", "decimal(2,1)"),
        F.variant_get(v, "$.f", "int"),
        F.variant_get(v, "$.d", "date"),
        F.variant_get(v, "$.n", "int"),
        F.variant_get(v, "$.t", "boolean"),
        F.variant_get(v, "$['a']", "double"),
        F.variant_get(v, "$.a", "variant"),
        F.try_variant_get(v, "$.s", "int"),
        F.try_variant_get(v, "$.a", "binary"),
        F.try_variant_get(v, "$.f", "tinyint"),
    )


def case_error_variant_get_invalid_cast(spark, F, T):
    df = spark.createDataFrame([('{"s": "hello"}',)], "j string")
    return df.select(F.variant_get(F.parse_json("j"), "$.s", "int")).collect()


def case_error_variant_get_invalid_path(spark, F, T):
    df = spark.createDataFrame([('{"s": "hello"}',)], "j string")
    return df.select(F.try_variant_get(F.parse_json("j"), "s", "int")).collect()


def case_variant_edits(spark, F, T):
    df = spark.createDataFrame([('{"a": 1, "arr": ["x", "y"], "o": {"k": null}}',)], "j string")
    v = F.parse_json("j")
    return df.select(
        F.to_json(F.variant_set(v, "$.a", F.lit(2.5))).alias("set_double"),
        F.to_json(F.variant_set(v, "$.o.k", F.lit("z"))).alias("set_nested"),
        F.to_json(F.variant_set(v, "$.new[2]", F.lit(1), False)).alias("set_missing"),
        F.to_json(F.variant_set(v, "$.new[2]", F.array(F.lit(1), F.lit(2)))).alias("set_created"),
        F.to_json(F.variant_insert(v, "$.arr[0]", F.parse_json(F.lit('{"q": [true]}')))).alias("insert_first"),
        F.to_json(F.try_variant_insert(v, "$.a", F.lit(1))).alias("insert_existing"),
        F.to_json(F.variant_array_append(v, "$.arr", F.lit(None).cast("string"))).alias("append_null"),
        F.to_json(F.try_variant_array_append(v, "$.a", F.lit(1))).alias("append_to_number"),
        F.to_json(F.variant_delete(v, "$.arr[1]", "$.o.k", "$.missing")).alias("deleted"),
        F.to_json(F.variant_strip_nulls(v)).alias("stripped"),
        F.variant_set(v, "$.a", F.lit(7)),
    )


def case_error_variant_set_type_mismatch(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "j string")
    return df.select(F.variant_set(F.parse_json("j"), "$.a.b", F.lit(1))).collect()


def case_error_variant_insert_duplicate(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "j string")
    return df.select(F.variant_insert(F.parse_json("j"), "$.a", F.lit(1))).collect()


def case_error_variant_delete_invalid_path(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "j string")
    return df.select(F.variant_delete(F.parse_json("j"), "a")).collect()


def case_error_variant_cast_map(spark, F, T):
    return spark.sql("SELECT CAST(map('a', 1) AS VARIANT)").collect()


def case_variant_to_variant_object(spark, F, T):
    df = spark.createDataFrame([(1, "x", 2.5)], "i int, s string, d double")
    return df.select(
        F.to_variant_object(F.struct("i", "s", "d")),
        F.to_json(F.to_variant_object(F.create_map(F.lit("k"), F.col("d")))),
        F.schema_of_variant(F.to_variant_object(F.array("i", "i"))),
    )


def case_variant_in_sql(spark, F, T):
    return spark.sql(
        "SELECT parse_json('{\"a\": [1, 2]}') AS v, variant_get(parse_json('{\"a\": [1, 2]}'), '$.a[1]', 'int') AS g, "
        "CAST(parse_json('3') AS INT) AS i, to_json(CAST(1.5 AS VARIANT)) AS c, "
        "CAST(parse_json('\"x\"') AS STRING) AS s, TRY_CAST(parse_json('\"x\"') AS INT) AS t, "
        "to_json(CAST(array(1, 2) AS VARIANT)) AS a, to_json(CAST(X'0102' AS VARIANT)) AS b"
    )


def case_variant_schema_and_printschema(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "j string").select(F.parse_json("j").alias("v"))
    return [df.schema.simpleString(), df.dtypes, df.schema.json()]


def case_variant_explode_table_functions(spark, F, T):
    # Arrays, objects (fields in key order), scalars, variant null, SQL NULL, empties.
    # Values compare as JSON: Spark's share their parent's dictionary bytes, ours are encoded alone.
    rows = []
    for text in ['["x", [1, 2], null]', '{"b": 3.14, "a": {"c": true}}', "[]", "{}", "1", "null", None]:
        v = F.parse_json(F.lit(text)) if text is not None else F.lit(None).cast("variant")
        for explode in (spark.tvf.variant_explode, spark.tvf.variant_explode_outer):
            df = explode(v)
            rows.append([df.schema.simpleString(), [(r.pos, r.key) for r in df.collect()], [r[0] for r in df.select(F.to_json("value")).collect()]])
    sql = spark.sql("SELECT pos, key, to_json(value) AS v FROM variant_explode(parse_json('{\"k\": [1]}'))")
    return [rows, sql.collect(), sql.columns]


def case_sql_keywords_table_function(spark, F, T):
    keywords = spark.tvf.sql_keywords()
    reserved = keywords.filter("reserved").orderBy("keyword")
    return [keywords.schema.simpleString(), keywords.count(), [r.keyword for r in reserved.collect()], spark.sql("SELECT count(*) FROM sql_keywords()").collect()]
