"""Parity cases of the JSON functions (rules: parity_cases.py's docstring)."""


def _texts(spark):
    return spark.createDataFrame(
        [
            (None,),
            ('{"a": 1, "b": "x"}',),
            ('{"a": "1", "b": 2}',),
            ("{a:1}",),
            ("",),
            ('[{"a":1},{"a":2}]',),
            ('{"a": 1.5}',),
            ('{"a": 99999999999}',),
            ('{"b": {"c": [1,2]}, "a": null}',),
            ('{"a":1,"a":2}',),
            ('{"A":3}',),
            ('  {"a": 7}  ',),
            ('{"a":1} x',),
            ("null",),
            ("[]",),
            ('{"a": -5, "b": "h\\u00e9llo ✓ 日本"}',),
            ("{'a': 3, 'b': 'single'}",),
        ],
        "s string",
    )


def case_json_from_json_struct_permissive(spark, F, T):
    # Malformed text gives a struct of nulls, a value that does not fit its
    # field a null field, blank text null; numbers in strings are not numbers.
    df = _texts(spark)
    return df.select("s", F.from_json("s", "a INT, b STRING"), F.from_json(df.s, "a BIGINT").alias("long"))


def case_json_from_json_array_and_map(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.from_json("s", "array<struct<a:int>>").alias("structs"),
        F.from_json(F.regexp_replace("s", '"a":1,"a":2', '"a":1'), "map<string,int>").alias("map"),
        F.from_json("s", T.ArrayType(T.IntegerType())).alias("ints"),
    )


def case_json_from_json_map_column_name(spark, F, T):
    # Spark names the column of a map's result `entries`.
    df = spark.createDataFrame([('{"a": 1, "b": null}',), ('{"a": "x"}',)], "s string")
    return df.select(F.from_json("s", "map<string,int>"))


def case_json_from_json_types(spark, F, T):
    df = spark.createDataFrame(
        [
            (
                '{"i":1,"l":12345678901,"d":1.5,"f":"NaN","b":true,"s":{"x":[1, "y"]},"dt":"2022-02-22",'
                '"ts":"2022-02-22T10:11:12.345Z","dec":1.25,"sh":300,"by":5,"arr":[1,null],"m":{"k":[2.5]}}',
            ),
            ('{"i":"1","d":"x","dt":"2022/02/22","ts":1645524672,"dec":12345.5,"sh":99999,"by":200}',),
        ],
        "s string",
    )
    schema = (
        "i int, l bigint, d double, f double, b boolean, s string, dt date, ts timestamp, dec decimal(5,1), "
        "sh smallint, by tinyint, arr array<int>, m map<string, array<double>>"
    )
    return df.select(F.from_json("s", schema).alias("j"))


def case_json_from_json_options(spark, F, T):
    df = spark.createDataFrame([("{a:123}",), ('{"a":456}',), ("{'a': 7}",), ("{/* c */ \"a\": 08}",)], "s string")
    return df.select(
        "s",
        F.from_json("s", "a INT"),
        F.from_json("s", "a INT", {"allowUnquotedFieldNames": "true"}).alias("unquoted"),
        F.from_json("s", "a INT", {"allowSingleQuotes": False}).alias("no_single"),
        F.from_json("s", "a INT", {"allowComments": "true", "allowNumericLeadingZeros": "true"}).alias("lenient"),
        F.from_json("s", "a INT", {"someUnknownOption": "1"}).alias("unknown"),
    )


def case_json_from_json_datetime_formats(spark, F, T):
    df = spark.createDataFrame(
        [('{"ts":"2022-02-22 10:11:12","dt":"2022/02/22"}',), ('{"ts":"2022-02-22T10:11:12+01:00","dt":"2022-02-22"}',)],
        "s string",
    )
    return df.select(
        F.from_json("s", "ts timestamp, dt date").alias("j"),
        F.from_json("s", "ts timestamp, dt date", {"dateFormat": "yyyy/MM/dd", "timestampFormat": "yyyy-MM-dd HH:mm:ss"}).alias("k"),
    )


def case_json_from_json_corrupt_record(spark, F, T):
    df = _texts(spark)
    return df.select(F.from_json("s", "a INT, _corrupt_record STRING"))


def case_json_from_json_schema_of_json(spark, F, T):
    df = _texts(spark)
    schema = T.StructType([T.StructField("a", T.LongType(), False)])
    return df.select(
        F.from_json("s", F.schema_of_json(F.lit('{"a": 1, "b": [1.5]}'))),
        F.from_json("s", schema).alias("json_schema"),
        F.from_json("s", F.lit("a INT")).alias("lit_schema"),
    )


def case_json_from_json_in_sql(spark, F, T):
    df = _texts(spark)
    return df.selectExpr("from_json(s, 'a INT, b STRING')", "to_json(from_json(s, 'a INT')) AS back")


def case_error_json_from_json_dropmalformed(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "s string")
    return df.select(F.from_json("s", "a INT", {"mode": "DROPMALFORMED"})).collect()


def case_error_json_from_json_schema_not_literal(spark, F, T):
    df = spark.createDataFrame([('{"a": 1}',)], "s string")
    return df.select(F.from_json("s", F.col("s"))).collect()


def case_error_json_from_json_primitive_schema(spark, F, T):
    df = spark.createDataFrame([("1",)], "s string")
    return df.select(F.from_json("s", "int")).collect()


def case_error_json_from_json_int_input(spark, F, T):
    df = spark.createDataFrame([(1,)], "s int")
    return df.select(F.from_json("s", "a INT")).collect()


def _nested(spark):
    return spark.createDataFrame(
        [
            ((1, None, 'x"y\n\u00e9 ✓', [1, None], {"k": None}, 1.5, float("nan"), True),),
            ((-2, "s", "", [], {}, -0.0, float("inf"), False),),
            (None,),
        ],
        "v struct<a:int,b:string,c:string,d:array<int>,e:map<string,int>,f:double,g:double,h:boolean>",
    )


def case_json_to_json_struct(spark, F, T):
    df = _nested(spark)
    return df.select(
        F.to_json("v"),
        F.to_json(df.v, {"ignoreNullFields": "false"}).alias("with_nulls"),
        F.to_json("v", {"pretty": True}).alias("pretty"),
    )


def case_json_to_json_arrays_and_maps(spark, F, T):
    df = spark.createDataFrame(
        [([1, None, 3], {"a": [1.5]}, [{"x": 1}, {"y": None}]), ([], {}, None)],
        "a array<int>, m map<string,array<double>>, am array<map<string,int>>",
    )
    return df.select(F.to_json("a"), F.to_json("m"), F.to_json("am"), F.to_json(F.struct("a", "m")).alias("s"))


def case_json_to_json_types(spark, F, T):
    df = spark.createDataFrame(
        [(1,)], "k int"
    ).selectExpr(
        "named_struct('d', date'2022-02-22', 't', timestamp'2022-02-22 10:11:12.123456', "
        "'dec', cast(1.50 as decimal(5,2)), 'f', cast(1.0 as float), 'big', 1e20, 'small', 1e-5, 'by', cast(1 as tinyint), "
        "'l', 12345678901L, 'nested', named_struct('x', cast(null as int)), 'm', map(1, 'a')) AS v"
    )
    return df.select(
        F.to_json("v"),
        F.to_json("v", {"timestampFormat": "yyyy/MM/dd HH:mm", "dateFormat": "dd.MM.yyyy"}).alias("formats"),
    )


def case_error_json_to_json_of_an_int(spark, F, T):
    return spark.range(1).select(F.to_json(F.lit(1))).collect()


def case_json_get_json_object(spark, F, T):
    df = spark.createDataFrame(
        [
            ('{"a": {"b": [1, 2, {"c": "x"}]}, "s": "str", "n": null, "f": 1.5, "t": true, "u": "h\\u00e9", '
             '"e": "", "arr": [[1,2],[3]], "o": {"x" : 1 , "y": [ 1 , 2 ] }, "neg": -3}',),
            (None,),
            ("bad",),
            ("[1,2]",),
            ("{'s': 'single'}",),
        ],
        "s string",
    )
    paths = [
        "$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[2].c", "$.a.b[*]", "$.a.b[*].c", "$.s", "$.n", "$.f", "$.t",
        "$.u", "$.e", "$.arr[*]", "$.arr[*][0]", "$.arr[0][*]", "$.arr[*][*]", "$['s']", "$.o", "$[0]", "$[*]",
        "a", "$.missing", "$.a.b[3]", "$.s[0]", "$.neg",
    ]
    return df.select(*[F.get_json_object("s", path).alias(path) for path in paths])


def case_json_get_json_object_column_name(spark, F, T):
    df = spark.createDataFrame([('{"a":1}',)], "s string")
    return df.select(F.get_json_object("s", "$.a"), F.expr("get_json_object(s, '$.a')"))


def case_json_array_length_and_object_keys(spark, F, T):
    df = spark.createDataFrame(
        [(None,), ("[1, 2, 3]",), ("[]",), ('{"a":1}',), ('[1,[2,3],{"a":[4]}]',), ("bad",), ("[1,",), ("",),
         ('{"key1":1, "key2":{"x":2}}',), ('{"b":1,"a":2,"b":3}',), ("{}",), ('{"a":1} x',)],
        "s string",
    )
    return df.select("s", F.json_array_length("s"), F.json_object_keys("s"))


def case_json_schema_of_json(spark, F, T):
    return spark.range(1).select(
        F.schema_of_json(
            '{"b": 1, "a": [1.5, 2], "c": null, "d": {"z": true, "y": "s"}, "e": [], "f": 12345678901234567890, '
            '"g": [1, "x"], "h": [{"a":1},{"b":2}], "i": "2022-02-22", "j": 1e10, "k": [null]}'
        ),
        F.schema_of_json(F.lit('[{"col":0}]')),
        F.schema_of_json("1"),
        F.schema_of_json("{}"),
        F.schema_of_json("{a: 1}", {"allowUnquotedFieldNames": "true"}),
        F.schema_of_json('{"a": 1.5}', {"prefersDecimal": "true"}),
    )


def case_error_json_schema_of_json_not_literal(spark, F, T):
    df = spark.createDataFrame([('{"a":1}',)], "s string")
    return df.select(F.schema_of_json(F.col("s"))).collect()


def case_json_tuple(spark, F, T):
    # A generator giving one row per input row: its columns c0, c1...
    df = spark.createDataFrame(
        [
            ("1", '{"f1": "value1", "f2": 2, "f3": {"x":[1]}, "f4": null, "f1": "last"}'),
            ("2", None),
            ("3", "bad"),
            ("4", '{"f2": "h\\u00e9 ✓", "f5": [1.5, true]}'),
            ("5", "[1, 2]"),
        ],
        "key string, s string",
    )
    return df.select(df.key, F.json_tuple(df.s, "f1", "f2", "f3", "f4", "f5"))


def case_json_schema_of_csv(spark, F, T):
    return spark.range(1).select(
        F.schema_of_csv("1,2.5,true,x,,2022-02-22,2022-02-22 10:11:12,12345678901,NaN,1e10,123456789012345678901234567890"),
        F.schema_of_csv(F.lit("1|a|true"), {"sep": "|"}),
        F.schema_of_csv('"1","a,b","true"'),
        F.schema_of_csv("-3;+4;1.0E5;Infinity;abc", {"sep": ";"}),
    )


def case_error_json_schema_of_csv_not_literal(spark, F, T):
    df = spark.createDataFrame([("1,2",)], "s string")
    return df.select(F.schema_of_csv(F.col("s"))).collect()


def _lines(spark):
    return spark.createDataFrame(
        [(None,), ("1,2,3",), ("1,x,3",), ("1,2",), ("1,2,3,4",), ("",), ('"1","2,5",3',), ("  4 , 5 ,6",),
         ("1,,3",), ("-7,é ✓,+8",)],
        "s string",
    )


def case_json_from_csv(spark, F, T):
    df = _lines(spark)
    return df.select(
        "s",
        F.from_csv("s", "a INT, b STRING, c INT"),
        F.from_csv(df.s, "a INT, b STRING, c INT", {"ignoreLeadingWhiteSpace": True, "ignoreTrailingWhiteSpace": True}).alias("trimmed"),
        F.from_csv("s", F.schema_of_csv("1,2,3")).alias("inferred"),
    )


def case_json_from_csv_types_and_options(spark, F, T):
    df = spark.createDataFrame(
        [("1.5;true;2022-02-22;2022-02-22 10:11:12;NaN;x;12345678901;2.25",), ("NA;;\"\";bad;Inf;;;",)],
        "s string",
    )
    schema = "d double, b boolean, dt date, ts timestamp, n double, s string, l bigint, dec decimal(4,1)"
    return df.select(
        F.from_csv("s", schema, {"sep": ";"}).alias("plain"),
        F.from_csv("s", schema, {"sep": ";", "nullValue": "NA", "emptyValue": "E"}).alias("nulls"),
    )


def case_error_json_from_csv_array_field(spark, F, T):
    df = spark.createDataFrame([("1",)], "s string")
    return df.select(F.from_csv("s", "a array<int>")).collect()


def case_error_json_from_csv_not_a_struct(spark, F, T):
    df = spark.createDataFrame([("1",)], "s string")
    return df.select(F.from_csv("s", "int")).collect()


def case_json_to_csv(spark, F, T):
    df = spark.createDataFrame(
        [(1, "x,y", None, 'q"q', "", 1.5, True, " sp ", "é ✓"), (None, None, None, None, None, None, None, None, None)],
        "a int, b string, c string, d string, e string, f double, g boolean, h string, i string",
    )
    value = F.struct("a", "b", "c", "d", "e", "f", "g", "h", "i")
    return df.select(
        F.to_csv(value).alias("plain"),
        F.to_csv(value, {"sep": ";", "nullValue": "N"}).alias("options"),
        F.to_csv(F.struct("b", "i"), {"quoteAll": "true"}).alias("quote_all"),
    )


def case_json_to_csv_datetimes(spark, F, T):
    df = spark.range(1).selectExpr(
        "named_struct('d', date'2022-02-22', 't', timestamp'2022-02-22 10:11:12.5', 'n', cast(null as date)) AS v"
    )
    return df.select(F.to_csv("v"), F.to_csv("v", {"dateFormat": "dd/MM/yyyy", "timestampFormat": "yyyy-MM-dd HH:mm"}).alias("formats"))


def case_json_to_csv_nested_fields(spark, F, T):
    df = spark.createDataFrame(
        [(2, "Alice", [100, None, 300], {"k": 1.5}, (1, "x")), (3, None, [], {}, None)],
        "age int, name string, scores array<int>, m map<string,double>, s struct<a:int,b:string>",
    )
    return df.select(F.to_csv(F.struct("age", "name", "scores", "m", "s")).alias("csv"))
