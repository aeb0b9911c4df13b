"""Parity cases of the string functions (rules: parity_cases.py's docstring)."""

import datetime
import decimal


def _words(spark):
    return spark.createDataFrame(
        [("hello",), ("héllo wörld",), ("",), (None,), ("日本語テキスト",)],
        "s string",
    )


def case_string_substring(spark, F, T):
    # Positions are 1-based; 0 counts as 1; negative ones count from the end.
    df = _words(spark)
    return df.select(
        F.substring("s", 2, 3),
        F.substring(df.s, 0, 2),
        F.substring("s", -3, 2),
        F.substring("s", 2, -1),
        F.expr("substring(s, 3, 100)"),
    )


def _texts(spark):
    return spark.createDataFrame(
        [("hello", "hallo", 2), ("héllo wörld", "hello", 1), ("", "", 0), (None, None, None), ("日本語テキスト", "日本", -1), ("  Spaced  ", "a,b", 3)],
        "s string, t string, n int",
    )


def case_string_lengths_and_codes(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.length("s"), F.char_length("s"), F.bit_length("s"), F.octet_length("s"), F.ascii("s"),
        F.base64("s"), F.unbase64(F.base64("s")).cast("string"), F.char("n"), F.chr(F.lit(65)),
    )


def case_string_case_and_trim(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.initcap("s"), F.initcap(F.lit("a-b c_d  eE")), F.ucase("s"), F.lcase("s"),
        F.trim("s"), F.ltrim("s"), F.rtrim("s"), F.btrim("s"),
        F.ltrim("s", F.lit("h ")), F.rtrim("s", F.lit("o ")), F.trim("s", F.lit("h ")), F.btrim("s", F.lit("ho")),
    )


def case_string_search(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.instr("s", "l"), F.locate("l", "s"), F.locate("l", "s", 4), F.locate("l", "s", 0), F.position(F.lit("l"), "s"),
        F.find_in_set("s", F.lit("a,hello,b")), F.find_in_set(F.lit("a,b"), F.lit("a,b,c")),
        F.contains("s", "t"), F.startswith("s", F.lit("he")), F.endswith("s", F.lit("lo")),
        F.substring_index("s", "l", 1), F.substring_index("s", "l", -1), F.substring_index("s", "l", 0),
        F.split_part("s", F.lit("l"), F.lit(-1)), F.split_part("s", F.lit(""), F.lit(1)),
    )


def case_string_slicing_and_padding(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.left("s", F.lit(2)), F.left("s", F.lit(-1)), F.right("s", "n"), F.substr("s", F.lit(2)),
        F.lpad("s", 8, "xy"), F.lpad("s", 2, "xy"), F.rpad("s", 8, ""), F.rpad("s", -1, "x"),
        F.repeat("s", 2), F.repeat("s", "n"), F.overlay("s", F.lit("XX"), 2), F.overlay("s", F.lit("XX"), -1, 0),
    )


def case_string_replacing(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.replace("s", F.lit("l"), F.lit("LL")), F.replace("s", F.lit("l")), F.replace("s", F.lit("")),
        F.translate("s", "lo", "x"), F.translate("s", "lo", "xyz"),
        F.mask("s"), F.mask("s", F.lit("Y"), F.lit("y"), F.lit("d"), F.lit("o")), F.quote("s"), F.soundex("s"),
        F.concat_ws("-", "s", "t"), F.concat_ws(",", "s", F.lit(None), "t"), F.elt(F.lit(2), "s", "t"),
        F.format_string("%s-%d", "s", "n"), F.printf(F.lit("%s!"), "t"),
    )


def case_string_distances(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.levenshtein("s", "t"), F.levenshtein("s", "t", 2), F.jaro_winkler_similarity("s", "t"),
        F.format_number(F.lit(1234567.891), 2), F.format_number(F.lit(0.125), 2), F.format_number("n", 0),
        F.format_number(F.lit(-1234.5), 3), F.format_number(F.lit(2.675), 2), F.format_number("n", -1),
    )


def case_string_regexp(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.regexp_replace("s", "l", "L"), F.regexp_replace("s", r"(l)(o)", "$2$1"), F.regexp_replace("s", "l", "L", 4),
        F.regexp_replace("s", r"(\w+)", "<$1>"), F.regexp_replace("s", "", "-"), F.regexp_replace("s", "l", r"\$"),
        F.regexp_extract("s", r"(l+)(o)", 1), F.regexp_extract("s", r"z(x)?", 1), F.regexp_extract("s", r"(\d*)", 1),
        F.regexp_extract_all("s", F.lit(r"(l)")), F.regexp_extract_all("s", F.lit("l"), 0),
        F.regexp_count("s", F.lit("l+")), F.regexp_count("s", F.lit("")), F.regexp_instr("s", F.lit("l+")),
        F.regexp_substr("s", F.lit("l+")), F.rlike("s", F.lit("o$")), F.regexp("s", F.lit("^h")), F.regexp_like("s", F.lit(r"\s")),
    )


def case_string_split(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.split("s", "l"), F.split("s", "l", 2), F.split("s", ""), F.split("s", "l", 0), F.split("s", r"\s+"),
        F.split(F.lit("a1b22c"), r"\d"), F.split(F.lit("hell"), "l"),
    )


def case_string_like(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.like("s", F.lit("h%")), F.ilike("s", F.lit("H_LLO")), df.s.like("%l_"), df.s.ilike("%LD"),
        F.expr("s like 'h%'"), F.expr("s ilike '%O'"),
    )


def case_string_encodings(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.encode("s", "UTF-8"), F.encode("s", "UTF-16"), F.encode("s", "UTF-16LE"), F.decode(F.encode("s", "UTF-8"), "UTF-8"),
        F.decode(F.encode(F.lit("héllo"), "ISO-8859-1"), "ISO-8859-1"), F.to_base32("s"), F.from_base32(F.to_base32("s")),
        F.to_binary(F.lit("abc")), F.to_binary("s", F.lit("utf-8")), F.to_binary(F.lit("aGVsbG8="), F.lit("base64")),
        F.try_to_binary(F.lit("zz")), F.unbase64(F.lit("!!!")),
    )


def case_string_urls(spark, F, T):
    df = spark.createDataFrame(
        [("http://user@spark.apache.org:80/path/p?query=1&k=v#Ref",), ("https://a.b/c%20d?x=1",), (None,)], "u string"
    )
    return df.select(
        F.parse_url("u", F.lit("HOST")), F.parse_url("u", F.lit("QUERY")), F.parse_url("u", F.lit("QUERY"), F.lit("k")),
        F.parse_url("u", F.lit("PATH")), F.parse_url("u", F.lit("REF")), F.parse_url("u", F.lit("PROTOCOL")),
        F.try_parse_url("u", F.lit("HOST")), F.url_encode("u"), F.url_decode(F.url_encode("u")), F.try_url_decode(F.lit("%zz")),
    )


def case_string_utf8_and_collation(spark, F, T):
    df = _texts(spark)
    return df.select(
        F.is_valid_utf8("s"), F.make_valid_utf8("s"), F.validate_utf8("s"), F.try_validate_utf8("s"),
        F.collation("s"), F.collate("s", "UTF8_BINARY"),
    )


def case_error_string_regexp_group_index(spark, F, T):
    return _texts(spark).select(F.regexp_extract("s", "(l+)", 2)).collect()


def case_error_string_to_binary_malformed(spark, F, T):
    return _texts(spark).select(F.to_binary("s")).collect()


def case_error_string_decode_malformed(spark, F, T):
    return spark.createDataFrame([(bytearray(b"\xff"),)], "b binary").select(F.decode("b", "US-ASCII")).collect()


# -- binary predicates, concat and reverse of bytes, instr with start and occurrence


def _bytes(spark):
    return spark.createDataFrame(
        [
            (bytearray(b"\xca\xfe\xba\xbe"), bytearray(b"\xca\xfe"), bytearray(b"\xba\xbe")),
            (bytearray(b""), bytearray(b""), bytearray(b"\x00")),
            (bytearray(b"\xff\x00"), None, bytearray(b"\x00")),
        ],
        "b binary, head binary, tail binary",
    )


def case_string_binary_predicates(spark, F, T):
    df = _bytes(spark)
    return df.select(
        F.startswith("b", "head"),
        F.endswith("b", "tail"),
        F.contains("b", "tail"),
        F.contains("b", "head"),
        F.startswith("b", "tail"),
    )


def case_string_binary_concat_reverse(spark, F, T):
    df = _bytes(spark)
    return df.select(
        F.hex(F.concat("b", "tail")),
        F.hex(F.concat("head", "b", "tail")),
        F.hex(F.reverse("b")),
        F.concat("b", "tail").alias("bytes"),
    )


def case_string_instr_start_occurrence(spark, F, T):
    df = spark.createDataFrame(
        [("aabcd",), ("abcabc",), ("äbcäbc",), ("",), (None,), ("aaaa",)], "s string"
    )
    return df.select(
        "s",
        F.instr("s", "b"),
        F.instr("s", "a", 2),
        F.instr("s", "b", 1, 2),
        F.instr("s", "bc", -1),
        F.instr("s", "bc", -2, 2),
        F.instr("s", "a", 0),
        F.instr("s", "", 3, 2),
        F.instr("s", "aa", 1, 2),
        F.instr("s", "c", 3, 2),
        F.instr("s", "a", -10),
    )


def case_error_string_instr_occurrence(spark, F, T):
    return spark.createDataFrame([("abc",)], "s string").select(F.instr("s", "a", 1, 0)).collect()


def case_string_randstr_seeded(spark, F, T):
    df = spark.range(0, 12, 1, 3)
    return df.select("id", F.randstr(16, 3), F.randstr(F.lit(0), 1), F.randstr(5, -9))


def case_error_string_randstr_negative_length(spark, F, T):
    return spark.range(1).select(F.randstr(F.lit(-1), 1))


# -- number formats: to_number, try_to_number, to_char ---------------------------------


def _formatted(spark):
    return spark.createDataFrame(
        [("$78.12", "12,454.8-", "<12>"), ("$1.5", "1.0+", "7"), ("", "", ""), (None, None, None), ("$ 7 8", " 12 -", "<3.5>")],
        "money string, signed string, bracketed string",
    )


def case_string_try_to_number(spark, F, T):
    # Malformed inputs ('', '<3.5>' for a digit-only format, '1.0+' with 'MI') are null.
    df = _formatted(spark)
    return df.select(
        F.try_to_number("money", F.lit("$99.99")),
        F.try_to_number("signed", F.lit("99,999.9S")),
        F.try_to_number("signed", F.lit("99G999D9MI")),
        F.try_to_number("bracketed", F.lit("99PR")),
        F.try_to_number("bracketed", F.lit("9.9pr")),
        F.try_to_number(F.lit("0042"), F.lit("0000")),
        F.try_to_number(F.lit("42"), F.lit("0000")),
        F.try_to_number(F.lit("1,234"), F.lit("9,999")),
        F.try_to_number(F.lit("1234"), F.lit("9,999")),
        F.try_to_number(F.lit(".5"), F.lit("9.99")),
    )


def case_string_to_number(spark, F, T):
    df = spark.createDataFrame([("454",), ("-12",), ("+7",), (None,), (" 1 2 ",)], "s string")
    return df.select(
        F.to_number("s", F.lit("S999")),
        F.to_number(F.lit("$78.12"), F.lit("$99.99")),
        F.to_number(F.lit("12,454.8-"), F.lit("99,999.9S")),
        F.to_number(F.lit(12), F.lit("99")),
        F.expr("to_number('454.00', '000.00')"),
        F.expr("to_number(s, null)"),
    )


def case_error_string_to_number_mismatch(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit("1234"), F.lit("999"))).collect()


def case_error_string_to_number_empty_input(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit(""), F.lit("999"))).collect()


def case_error_string_to_number_empty_format(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit("1"), F.lit(""))).collect()


def case_error_string_to_number_two_points(spark, F, T):
    return spark.range(1).select(F.try_to_number(F.lit("1"), F.lit("9.9.9"))).collect()


def case_error_string_to_number_separator_at_end(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit("1"), F.lit("99,"))).collect()


def case_error_string_to_number_unexpected_character(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit("1"), F.lit("x99"))).collect()


def case_error_string_to_number_sign_after_dollar(spark, F, T):
    return spark.range(1).select(F.to_number(F.lit("1"), F.lit("$S99"))).collect()


def case_error_string_to_number_column_format(spark, F, T):
    df = spark.createDataFrame([("1", "9")], "s string, f string")
    return df.select(F.to_number("s", "f")).collect()


def case_string_to_char_numbers(spark, F, T):
    df = spark.createDataFrame(
        [(78.12, 12454, -12454.8), (-0.5, 0, 0.05), (None, None, None), (123.456, -12, 1e3)],
        "d double, i int, e double",
    )
    return df.select(
        F.to_char("d", F.lit("$99.99")),
        F.to_char("i", F.lit("99G999")),
        F.to_char("e", F.lit("99G999D9S")),
        F.to_char("i", F.lit("0999999")),
        F.to_char("i", F.lit("9999MI")),
        F.to_char("i", F.lit("9999pr")),
        F.to_char("d", F.lit("S9.99")),
        F.to_varchar("d", F.lit("999D999")),
        F.to_char(F.lit(decimal.Decimal("-1234.50")), F.lit("$9,999.00PR")),
        F.expr("to_char(-12454.8, '99G999D9S')"),
    )


def case_string_to_char_dates_and_bytes(spark, F, T):
    df = spark.createDataFrame(
        [(datetime.date(2016, 4, 8), bytearray(b"Spark SQL")), (None, None)], "d date, b binary"
    )
    return df.select(
        F.to_char("d", F.lit("yyyy/MM")),
        F.to_char("b", F.lit("base64")),
        F.to_char("b", F.lit("HEX")),
        F.to_varchar("b", F.lit("utf-8")),
    )


def case_error_string_to_char_binary_format(spark, F, T):
    return spark.range(1).select(F.to_char(F.lit(bytearray(b"a")), F.lit("bad"))).collect()


def case_error_string_to_char_boolean(spark, F, T):
    return spark.range(1).select(F.to_char(F.lit(True), F.lit("9"))).collect()


# -- LIKE with an escape character ---------------------------------------------------


def _patterns(spark):
    return spark.createDataFrame(
        [("%SystemDrive%/Users/John", "/%SystemDrive/%//Users%"), ("a_b", "a/_b"), ("axb", "a/_b"), ("A%B", "a/%b"),
         ("", "%"), (None, "a"), ("a", None), ("日本_語", "日本/__"), ("line\nbreak", "line_break")],
        "s string, p string",
    )


def case_string_like_escape(spark, F, T):
    df = _patterns(spark)
    return df.select(
        "s", F.like("s", "p", F.lit("/")), F.ilike("s", "p", F.lit("/")), F.like("s", F.lit("%!%%"), F.lit("!")),
        F.expr("s LIKE p ESCAPE '/'"), F.expr("s NOT LIKE p ESCAPE '/'"), F.expr("s ILIKE p ESCAPE '/'"),
    )


def case_error_string_like_escape_in_the_middle(spark, F, T):
    return spark.range(1).select(F.like(F.lit("ab"), F.lit("a/b"), F.lit("/"))).collect()


def case_error_string_like_escape_at_the_end(spark, F, T):
    df = spark.createDataFrame([("ab", "ab/")], "s string, p string")
    return df.select(F.like("s", "p", F.lit("/"))).collect()


def case_error_string_like_escape_too_long(spark, F, T):
    return spark.range(1).select(F.like(F.lit("ab"), F.lit("ab"), F.lit("//"))).collect()


def case_error_string_like_escape_column(spark, F, T):
    df = spark.createDataFrame([("ab", "ab", "/")], "s string, p string, e string")
    return df.select(F.ilike("s", "p", F.col("e"))).collect()


def case_string_like_default_escape(spark, F, T):
    # Without an escape argument the escape character is a backslash.
    df = spark.createDataFrame([("a%b",), ("a\\b",), ("a_b",), ("axb",)], "s string")
    return df.select("s", F.like("s", F.lit("a\\%b")), F.like("s", F.lit("a\\\\b")), F.ilike("s", F.lit("A\\_B")), df.s.like("a\\_%"))


def case_error_string_like_default_escape_in_the_middle(spark, F, T):
    return spark.range(1).select(F.like(F.lit("ab"), F.lit("a\\b"))).collect()


def case_error_string_ilike_default_escape_at_the_end(spark, F, T):
    return spark.range(1).select(F.ilike(F.lit("ab"), F.lit("ab\\"))).collect()
