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


# -- hmac and AES (fixed vectors; random ones are compared after decryption) ---


def _secrets(spark):
    return spark.createDataFrame(
        [
            ("Spark", "abcdefghijklmnop12345678ABCDEFGH", "0000111122223333"),
            ("", "1234567890abcdef1234567890abcdef", "1234567890abcdef12345678"),
            ("héllo wörld, a longer message than one block", "0000111122223333", "1234567890abcdef"),
            (None, "0000111122223333", None),
        ],
        "msg string, key32 string, key string",
    )


def case_misc_hmac(spark, F, T):
    df = _secrets(spark)
    return df.select(
        F.hex(F.hmac("key", "msg")),
        F.hex(F.hmac("key", "msg", F.lit("SHA-224"))),
        F.hex(F.hmac("key", "msg", F.lit("SHA-384"))),
        F.hex(F.hmac("key", "msg", F.lit("sha512"))),
        F.hex(F.hmac("key", "msg", F.lit("SHA-1"))),
        F.hex(F.hmac("key", "msg", F.lit("MD5"))),
    )


def case_error_misc_hmac_algorithm(spark, F, T):
    return _secrets(spark).select(F.hmac("key", "msg", F.lit("SHA-3"))).collect()


def case_misc_aes_fixed_vectors(spark, F, T):
    df = _secrets(spark)
    zeros12 = F.unhex(F.lit("000000000000000000000000"))
    zeros16 = F.unhex(F.lit("00000000000000000000000000000000"))
    # hex, not base64: Spark's base64 breaks long values into lines.
    return df.select(
        F.hex(F.aes_encrypt("msg", "key", F.lit("ECB"), F.lit("PKCS"))),
        F.hex(F.aes_encrypt("msg", "key32", F.lit("ECB"))),
        F.hex(F.aes_encrypt("msg", "key", F.lit("CBC"), F.lit("DEFAULT"), zeros16)),
        F.hex(F.aes_encrypt("msg", "key32", F.lit("GCM"), F.lit("DEFAULT"), zeros12, F.lit("aad"))),
        F.hex(F.aes_encrypt("msg", "key", F.lit("gcm"), F.lit("none"), zeros12)),
        F.base64(F.aes_encrypt("key", "key32", F.lit("ECB"))).alias("short_base64"),
    )


def case_misc_aes_round_trip(spark, F, T):
    df = _secrets(spark)
    columns = []
    for mode, padding in (("ECB", "PKCS"), ("CBC", "PKCS"), ("GCM", "NONE"), ("GCM", "DEFAULT")):
        for key in ("key", "key32"):
            secret = F.aes_encrypt("msg", key, F.lit(mode), F.lit(padding))
            plain = F.aes_decrypt(secret, key, F.lit(mode), F.lit(padding))
            columns.append(plain.cast("string").alias(f"{mode}_{padding}_{key}"))
    secret = F.aes_encrypt("msg", "key", F.lit("GCM"), F.lit("DEFAULT"), F.lit(""), F.lit("extra"))
    columns.append(F.aes_decrypt(secret, "key", F.lit("GCM"), F.lit("DEFAULT"), F.lit("extra")).cast("string").alias("aad"))
    columns.append(F.try_aes_decrypt(secret, "key", F.lit("GCM"), F.lit("DEFAULT"), F.lit("other")).alias("wrong_aad"))
    columns.append(F.try_aes_decrypt(F.unhex(F.lit("00")), "key").alias("short"))
    columns.append(F.try_aes_decrypt(secret, F.lit("short")).alias("bad_key"))
    return df.select(*columns)


def case_misc_aes_default_names(spark, F, T):
    df = _secrets(spark)
    return df.select(
        F.aes_decrypt(F.aes_encrypt("msg", "key"), "key").cast("string"),
        F.try_aes_decrypt(F.aes_encrypt("msg", "key"), "key"),
    )


def case_error_misc_aes_key_length(spark, F, T):
    return _secrets(spark).select(F.aes_encrypt("msg", F.lit("short"))).collect()


def case_error_misc_aes_mode(spark, F, T):
    return _secrets(spark).select(F.aes_encrypt("msg", "key", F.lit("ECB"), F.lit("NONE"))).collect()


def case_error_misc_aes_ecb_iv(spark, F, T):
    iv = F.unhex(F.lit("00000000000000000000000000000000"))
    return _secrets(spark).select(F.aes_encrypt("msg", "key", F.lit("ECB"), F.lit("PKCS"), iv)).collect()


def case_error_misc_aes_iv_length(spark, F, T):
    return _secrets(spark).select(F.aes_encrypt("msg", "key", F.lit("GCM"), F.lit("DEFAULT"), F.unhex(F.lit("00")))).collect()


def case_error_misc_aes_decrypt_garbage(spark, F, T):
    return _secrets(spark).select(F.aes_decrypt(F.unhex(F.lit("0011")), "key")).collect()


def case_misc_uuid_shape(spark, F, T):
    df = spark.range(5).select(F.uuid().alias("u"))
    return df.select(
        F.length("u").alias("length"),
        F.substring("u", 15, 1).alias("version"),
        F.substring("u", 20, 1).isin("8", "9", "a", "b").alias("variant"),
        F.regexp_like("u", F.lit("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")).alias("form"),
    )


def case_misc_partition_ids_over_range(spark, F, T):
    df = spark.range(0, 23, 1, 5).filter("id % 3 != 0")
    return df.select("id", F.spark_partition_id(), F.monotonically_increasing_id())


def case_misc_partition_ids_default_partitions(spark, F, T):
    # spark.range without numPartitions: the session's default parallelism.
    return spark.range(10).selectExpr("id", "spark_partition_id()", "monotonically_increasing_id() AS m")


def case_misc_partition_ids_more_partitions_than_rows(spark, F, T):
    # Spark's empty partitions count: range(0, 3, 1, 5) puts its rows in partitions 1, 3 and 4.
    return spark.range(0, 3, 1, 5).select("id", F.spark_partition_id(), F.rand(5), F.monotonically_increasing_id())


def case_misc_uuid_with_seed_over_range(spark, F, T):
    # Spark's generator is seeded with seed + the partition index: each partition its own sequence.
    return spark.range(0, 7, 1, 3).select("id", F.uuid(123), F.uuid(seed=-5).alias("other"), F.uuid(2**40).alias("big"))


def case_misc_uuid_with_seed_default_partitions(spark, F, T):
    return spark.range(5).selectExpr("id", "uuid(0) AS u")
