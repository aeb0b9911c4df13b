"""Parity cases of the XML functions (rules: parity_cases.py's docstring)."""

import datetime
import decimal


def _documents(spark):
    return spark.createDataFrame(
        [
            ("<a><b>b1</b><b>b2</b><b>b3</b><c>c1</c><c>c2</c></a>",),
            (None,),
            ("",),
            ('<a><b x="1">1e3</b><b>  -2.5 </b><c/></a>',),
            ("<a>héllo<b>ü ✓</b><!-- note --></a>",),
            ("<a><b>&lt;&amp;&#65;</b><b>2</b></a>",),
        ],
        "x string",
    )


def case_xml_xpath_nodes(spark, F, T):
    # Text and attribute nodes give their values, element nodes null; null or
    # empty text gives null.
    df = _documents(spark)
    return df.select(
        F.xpath(df.x, F.lit("a/b/text()")),
        F.xpath("x", F.lit("a/b")),
        F.xpath("x", F.lit("a/b/@x")),
        F.xpath("x", F.lit("//text()")),
        F.xpath("x", F.lit("a/comment()")),
        F.xpath("x", F.lit("a/zz")),
    )


def case_xml_xpath_cdata(spark, F, T):
    df = spark.createDataFrame([("<a><b><![CDATA[x<y]]></b><b>q</b></a>",)], "x string")
    return df.select(F.xpath("x", F.lit("a/b/text()")), F.xpath_string("x", F.lit("a/b")))


def case_xml_xpath_numbers(spark, F, T):
    # XPath's numbers narrowed as Java narrows doubles: NaN is 0, saturating
    # ints and longs, a short the low bits of the int.
    df = _documents(spark)
    columns = []
    for path in ("sum(a/b)", "count(a/b)", "a/b", "a/b/@x", "1 div 0", "-1 div 0", "0 div 0", "3000000000", "70000", "-2.7"):
        for function in (F.xpath_double, F.xpath_number, F.xpath_float, F.xpath_int, F.xpath_long, F.xpath_short):
            columns.append(function("x", F.lit(path)))
    return df.select(*columns)


def case_xml_xpath_boolean_and_string(spark, F, T):
    df = _documents(spark)
    columns = []
    for path in ("a/b", "a/zz", "a", "count(a/b)", "true()", "0 div 0", "'abc'", "name(a)", "a/b/@x", "string(a/c)"):
        columns.append(F.xpath_boolean("x", F.lit(path)))
        columns.append(F.xpath_string("x", F.lit(path)))
    return df.select(*columns)


def case_xml_xpath_text_to_numbers(spark, F, T):
    # Text read as XPath 1.0 numbers: blanks around, no exponent, no plus sign.
    df = spark.createDataFrame([("<a> 12 </a>",), ("<a>12.9</a>",), ("<a>-12.9</a>",), ("<a>+1</a>",), ("<a>.5</a>",), ("<a>5.</a>",), ("<a>1e3</a>",)], "x string")
    return df.select("x", F.xpath_int("x", F.lit("a")), F.xpath_double("x", F.lit("a")), F.xpath_boolean("x", F.lit("a = 12")))


def case_xml_xpath_null_and_empty_path(spark, F, T):
    df = _documents(spark)
    return df.select(F.xpath_boolean("x", F.lit(None)), F.xpath_string("x", F.lit("")), F.xpath("x", F.lit(None).cast("string")))


def case_xml_xpath_sql(spark, F, T):
    return spark.sql(
        "SELECT xpath_int('<a><b>1</b><b>2</b></a>', 'sum(a/b)') AS v, xpath('<a><b>1</b></a>', 'a/b/text()'), "
        "xpath_string('<a><b>x</b></a>', 'a/b')"
    )


def case_error_xml_xpath_non_foldable_path(spark, F, T):
    df = _documents(spark)
    return df.select(F.xpath(df.x, df.x)).collect()


def case_error_xml_xpath_not_a_string(spark, F, T):
    return spark.range(1).select(F.xpath_string(F.lit(5), F.lit("a"))).collect()





def case_xml_schema_of_xml(spark, F, T):
    texts = [
        "<p><a>1</a></p>",
        "<p><a>1.5</a><b>true</b><c>abc</c><d></d><e/><f>  7 </f></p>",
        "<p><a>1</a><a>x</a></p>",
        "<p><a>1</a><a>2.5</a></p>",
        '<p><a x="1">v</a></p>',
        '<p x="1" y="s"><a>2</a></p>',
        "<p>text</p>",
        "<p>5</p>",
        "<p></p>",
        "<p><a><b>1</b></a><a><c>2</c></a></p>",
        "<p><a>2020-01-01</a><b>2020-01-01T10:00:00</b><c>2020-01-01 10:00:00</c><d>2020-01-01T10:00:00Z</d></p>",
        "<p><a>99999999999999999999</a><b>1e5</b><c>NaN</c><d>-0</d><e>+5</e><f>0x1</f><i>TRUE</i><j>1.0f</j></p>",
        "<p><B>1</B><a>2</a><_c>3</_c></p>",
        "<p><a>1</a><b>2</b><a>3</a></p>",
        '<p><a x="1"/></p>',
        '<p><a x="1"></a><a>2</a></p>',
        "<p>t<a>1</a>u</p>",
        "<p><a>1</a>tail</p>",
        "not xml",
        "",
        '<p xmlns:n="u"><n:a>1</n:a></p>',
        "<p><![CDATA[5]]></p>",
        "<p><a><!-- c -->1</a></p>",
        "<data><values><value>1</value><value>2</value></values></data>",
        "<p><a>héllo ✓</a></p>",
    ]
    return spark.range(1).select(*[F.schema_of_xml(F.lit(text)).alias(f"s{index}") for index, text in enumerate(texts)])


def case_xml_schema_of_xml_options(spark, F, T):
    text = '<p x="1"><a y="2">1.5</a><b>x</b><c>  3 </c></p>'
    options = [
        {"excludeAttribute": "true"},
        {"attributePrefix": "@"},
        {"valueTag": "v"},
        {"prefersDecimal": "true"},
        {"inferSchema": "false"},
        {"ignoreSurroundingSpaces": "false"},
        {"rowTag": "q"},
    ]
    df = spark.range(1).select(*[F.schema_of_xml(F.lit(text), option).alias(f"s{index}") for index, option in enumerate(options)])
    return df.select("*", F.schema_of_xml(text).alias("plain"))


def case_xml_schema_of_xml_column_name(spark, F, T):
    return spark.range(1).select(F.schema_of_xml(F.lit("<p><a>1</a></p>")), F.schema_of_xml("<p><a>1</a></p>", {"excludeAttribute": "true"}))


def case_error_xml_schema_of_xml_null(spark, F, T):
    return spark.range(1).select(F.schema_of_xml(F.lit(None))).collect()


def _records(spark):
    return spark.createDataFrame(
        [
            ("<p><a>1</a><b>x</b></p>",),
            ("<p><a>notnum</a><b>x</b></p>",),
            (None,),
            ("",),
            ("<p></p>",),
            ("garbage",),
            ("<p><a>1</a>",),
            ("<q><a>3</a></q>",),
            ("<p><a> 4 </a><c>z</c></p>",),
            ('<p x="9"><a>5</a></p>',),
            ("<p><a>6</a><a>7</a></p>",),
            ("<p><a>-8</a><b>héllo ✓</b></p>",),
        ],
        "v string",
    )


def case_xml_from_xml_permissive(spark, F, T):
    # Text that is not XML, or a number that does not parse, gives a struct of nulls.
    df = _records(spark)
    return df.select(
        "v",
        F.from_xml("v", "a BIGINT, b STRING"),
        F.from_xml(df.v, "a INT").alias("int"),
        F.from_xml("v", "a ARRAY<BIGINT>").alias("arr"),
        F.from_xml("v", "_x BIGINT, a BIGINT").alias("attr"),
        F.from_xml("v", T.StructType([T.StructField("a", T.StringType())])).alias("str"),
    )


def case_xml_from_xml_nested_and_types(spark, F, T):
    # Text columns, not literals: the optimizer would fold a call on literals.
    df = spark.createDataFrame(
        [
            (
                '<p><a x="1">t</a><b><c>2</c><c>3</c></b><d><e>1</e></d><d><e>2</e></d></p>',
                "<p><a>2020-01-02</a><b>2020-01-02T03:04:05</b><c>1.25</c><d>true</d><e>7</e><f>300</f></p>",
                '<p><a x="1">5</a></p>',
                "<p><a>5</a></p>",
                "<p><a><b>1</b></a></p>",
            )
        ],
        "n string, t string, v string, w string, m string",
    )
    return df.select(
        F.from_xml(
            "n", "a STRUCT<_x: BIGINT, _VALUE: STRING>, b STRUCT<c: ARRAY<BIGINT>>, d ARRAY<STRUCT<e: BIGINT>>"
        ).alias("nested"),
        F.from_xml("t", "a DATE, b TIMESTAMP, c DECIMAL(5,2), d BOOLEAN, e TINYINT, f TINYINT").alias("types"),
        F.from_xml("v", "a BIGINT").alias("value_only"),
        F.from_xml("w", "a STRUCT<_VALUE: BIGINT, _x: BIGINT>").alias("value_struct"),
        F.from_xml("m", "a STRING").alias("markup"),
    )


def case_xml_from_xml_values(spark, F, T):
    # Spark's conversions: Java's number parsing (with the sign taken off
    # first), booleans 1 and 0; reading stops at a value that does not fit,
    # the fields before it keep theirs.
    rows = [
        ("<p><a>+5</a><b>-0</b><c> 7 </c><d>1.0</d></p>", "a INT, b BIGINT, c SMALLINT, d INT"),
        ("<p><a>1e3</a><b>1.5f</b><c>NaN</c><d>Infinity</d><e>-INF</e></p>", "a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e DOUBLE"),
        ("<p><a>TRUE</a><b>1</b><c>False</c><d>0</d></p>", "a BOOLEAN, b BOOLEAN, c BOOLEAN, d BOOLEAN"),
        ("<p><a>300</a><b>x</b></p>", "a TINYINT, b STRING"),
        ("<p><b>x</b><c>3000000000</c><d>1</d></p>", "b STRING, c INT, d INT"),
        ("<p><a></a><b/><c>  </c><d> x </d></p>", "a BIGINT, b STRING, c STRING, d STRING"),
        ("<p><z>1</z><a><b>1</b></a><y>2</y></p>", "z INT, a BIGINT, y INT"),
        ('<p><a x="1"><b>2</b>t</a></p>', "a STRUCT<_x: INT, b: INT, _VALUE: STRING>"),
        ('<p><a x="1"/><a x="2"><b>3</b></a></p>', "a ARRAY<STRUCT<_x: INT, b: INT>>"),
        ("<p><a>1</a></p>", "a STRUCT<b: INT>"),
        ("<p><a>1</a><a>2</a></p>", "a BIGINT"),
        ("<p><a><![CDATA[ q ]]></a><b>&lt;x&gt;</b></p>", "a STRING, b STRING"),
        ("<p><a> <b>1</b><c>2</c> </a></p>", "a STRING"),
        ("<p>t<a>1</a>u</p>", "_VALUE STRING, a INT"),
        ('<?xml version="1.0"?><!-- c --><p><a>1</a></p><p><a>2</a></p>', "a INT"),
        ("<p><a>1</a></p>", "A INT"),
        ("<p><a>1.123</a><b>99999</b></p>", "a DECIMAL(3,1), b DECIMAL(3,1)"),
        ("<p><a>2020-01-02 03:04:05</a><b>2020-01-02T03:04:05Z</b><c>2020-01-02T03:04:05+01:00</c><d>2020-01-02</d></p>", "a TIMESTAMP, b TIMESTAMP, c TIMESTAMP, d TIMESTAMP"),
        ("<p><a>nope</a><z>1</z></p>", "a DATE, z INT"),
    ]
    df = spark.createDataFrame([tuple(text for text, _ in rows)], ", ".join(f"t{index} string" for index in range(len(rows))))
    return df.select(*[F.from_xml(f"t{index}", schema).alias(f"r{index}") for index, (_, schema) in enumerate(rows)])


def case_xml_from_xml_options(spark, F, T):
    return spark.range(1).select(
        F.from_xml(F.lit("<p><a>01/02/2020</a></p>"), "a DATE", {"dateFormat": "MM/dd/yyyy"}).alias("date"),
        F.from_xml(F.lit('<p y="s"><a>1</a></p>'), "`@y` STRING, a INT", {"attributePrefix": "@"}).alias("prefix"),
        F.from_xml(F.lit('<p><a x="1">5</a></p>'), "a STRUCT<v: INT, _x: INT>", {"valueTag": "v"}).alias("value_tag"),
    )


def case_xml_from_xml_with_schema_of_xml(spark, F, T):
    data = [(1, "<p><a>1</a><a>2</a></p>")]
    df = spark.createDataFrame(data, ("key", "value"))
    return df.select(F.from_xml(df.value, F.schema_of_xml(F.lit(data[0][1]))).alias("xml"))



def case_error_xml_from_xml_array_schema(spark, F, T):
    return _records(spark).select(F.from_xml("v", "array<bigint>")).collect()


def case_error_xml_from_xml_not_a_string(spark, F, T):
    return spark.range(1).select(F.from_xml(F.lit(5), "a INT")).collect()


def case_xml_to_xml(spark, F, T):
    df = spark.createDataFrame([(1, T.Row(age=2, name="Alice")), (2, T.Row(age=None, name="Bob ✓ <&>")), (3, None)], ("key", "value"))
    return df.select(F.to_xml(df.value), F.to_xml("value", {"rowTag": "person"}).alias("person"))


def case_xml_to_xml_layout(spark, F, T):
    # Attributes first, the value text right after the element before it,
    # children four spaces deeper, null fields left out, Java's numbers.
    value = F.struct(
        F.lit(1).alias("a"),
        F.lit(None).cast("string").alias("b"),
        F.lit("x<&>\"'y ✓").alias("c"),
        F.array(F.lit(1), F.lit(None), F.lit(2)).alias("d"),
        F.struct(F.lit(1.5).alias("f"), F.lit(True).alias("g")).alias("e"),
        F.array(F.struct(F.lit(1).alias("i")), F.struct(F.lit(2).alias("i"))).alias("h"),
        F.lit('a"<&>\'t').alias("_attr"),
        F.lit("val").alias("_VALUE"),
        F.lit(datetime.date(2020, 1, 2)).alias("j"),
        F.lit(datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)).alias("k"),
        F.lit(decimal.Decimal("1.25")).cast("decimal(5,2)").alias("l"),
        F.lit(2.5).cast("float").alias("m"),
        F.lit(None).cast("struct<z:int>").alias("n"),
        F.array(F.array(F.lit(1), F.lit(2)), F.array(F.lit(3))).alias("p"),
        F.lit(1e20).alias("q"),
        F.lit(0.0001).alias("r"),
        F.lit(-7).cast("bigint").alias("t"),
        F.lit("").alias("u"),
        F.lit(float("nan")).alias("v"),
        F.lit(-0.0).alias("w"),
    )
    df = spark.range(1).select(value.alias("s"))
    return df.select(
        F.to_xml("s").alias("x"),
        F.to_xml(F.struct(F.lit(None).cast("int").alias("a"))).alias("empty"),
        F.to_xml(F.struct(F.create_map(F.lit("k"), F.lit(1)).alias("a"))).alias("map"),
        F.to_xml(
            F.struct(F.struct(F.lit(1).alias("_x"), F.lit("v").alias("_VALUE")).alias("e"), F.struct(F.lit(2).alias("_y")).alias("f")),
            {"rowTag": "r"},
        ).alias("attrs"),
        F.to_xml(
            F.struct(F.lit(1).alias("_a"), F.lit(None).cast("int").alias("b"), F.lit("x").alias("c")),
            {"valueTag": "c", "nullValue": "NULL"},
        ).alias("opts"),
        F.to_xml(F.struct(F.array(F.array(F.lit(1))).alias("a"), F.lit(2).alias("@b")), {"arrayElementName": "el", "attributePrefix": "@"}).alias("names"),
    )


def case_xml_to_xml_sql(spark, F, T):
    return spark.sql("SELECT to_xml(named_struct('a', 1, 'b', 'x')) AS x, to_xml(named_struct('a', 1), map('rowTag', 'r'))")


def case_error_xml_to_xml_not_a_struct(spark, F, T):
    return spark.sql("SELECT to_xml(array(1)) AS x").collect()


def case_xml_schema_of_xml_inference(spark, F, T):
    # Spark's inference: the sign read apart (so -2^63 is a double), lenient
    # timestamps, times of day, BigDecimal's precision and scale with
    # prefersDecimal, a struct with _VALUE taking plain values of its name.
    texts = [
        "<p><a>1.</a><b>.5</b><c>-.5</c><d>1e</d><e>Infinity</e><g>2020-1-1</g><h>2020-01-01T10:00:00.123456</h>"
        "<i>9223372036854775808</i><j>-9223372036854775808</j><k>-9223372036854775807</k></p>",
        "<p><a> </a><b>  x  </b></p>",
        '<p><a x="1">2</a><a>3</a></p>',
        '<p><a x="1">2</a><a y="s">t</a></p>',
        "<p><a><b>1</b></a><a>2</a></p>",
        "<p><a>1</a><a><b>2</b></a><a>3</a></p>",
        '<p><a><b x="1">2</b><b>3</b></a></p>',
        "<p><a>true</a><a>1</a></p>",
        "<p><a>2020-01-01</a><a>2020-01-01 10:00:00</a></p>",
        "<p><a>1</a><a></a></p>",
        "<p><a/><a/></p>",
        "<p><a>12:30</a><b>10:00:00</b><c>2020-01-01T10:00</c><d>2020-01-01T10:00:00+0100</d></p>",
        "<p><a>0001</a><b>-1.5e-3</b><c>1E5</c><d>1_000</d><e>0.00</e></p>",
    ]
    columns = []
    for index, text in enumerate(texts):
        columns.append(F.schema_of_xml(F.lit(text)).alias(f"s{index}"))
        columns.append(F.schema_of_xml(F.lit(text), {"prefersDecimal": "true"}).alias(f"d{index}"))
    return spark.range(1).select(*columns)


def case_xml_xpath_namespaces(spark, F, T):
    # Spark's parser is namespace unaware: a default namespace changes no
    # match, and a prefixed name in the path matches nothing.
    df = spark.createDataFrame([('<a xmlns="u"><b>1</b></a>',), ('<x:a xmlns:x="u"><b>1</b></x:a>',)], "x string")
    return df.select(F.xpath_string("x", F.lit("a/b")), F.xpath_string("x", F.lit("x:a")), F.xpath_int("x", F.lit("count(//b)")))
