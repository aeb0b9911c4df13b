"""Parity cases of the functions with a fast path in the engine (rules:
parity_cases.py's docstring): `date_format` written by a compiled pattern in
region zones, fixed offsets and `Etc/` zones; `md5` written straight into the
result; `regexp_extract` with reused capture slots and `regexp_replace` with a
reused row buffer. They cover values on both sides of each shortcut.
"""

from parity_cases import settings

# Instants in seconds since the epoch: the epoch and the second before it,
# the 2020 DST changes in Los Angeles (a gap in March, an overlap in
# November), Los Angeles' switch from local mean time (1883-11-18), 0001-01-02
# and 9999-12-31 (the edges of Spark's range), and a null.
_SECONDS = [
    0, -1, 1_000_000_000, 1_583_661_599, 1_583_661_600, 1_604_221_199, 1_604_221_200, 1_604_224_800,
    -2_717_640_001, -2_717_639_000, -62_135_510_400, 253_402_300_799, 951_782_400, None,
]
_PATTERNS = [
    "yyyy-MM-dd HH:mm",
    "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
    "EEE MMM d h:mm a D",
    "EEEE MMMM dd yy M/d H:m:s DDD",
    "'it''s' yyyy 'o''clock' hh SSS",
    "yyyy-MM-dd HH:mm:ss Z",
]


def _instants(spark, F):
    micros = [None if value is None else value * 1_000_000 + (value % 7) * 123_457 for value in _SECONDS]
    df = spark.createDataFrame([(index, value) for index, value in enumerate(micros)], "i int, m long")
    return df.select("i", F.timestamp_micros("m").alias("t"))


def _formatted(spark, F, patterns=_PATTERNS):
    df = _instants(spark, F)
    return df.select("i", *[F.date_format("t", pattern) for pattern in patterns])


# Without `Z`: Los Angeles' local mean time, -07:52:58, is -0752 in Spark
# and -0753 in chrono's `%z` (which rounds to the minute), on either path.
@settings({"spark.sql.session.timeZone": "America/Los_Angeles"})
def case_fast_date_format_in_a_region_zone(spark, F, T):
    return _formatted(spark, F, _PATTERNS[:5])


@settings({"spark.sql.session.timeZone": "Asia/Kathmandu"})
def case_fast_date_format_in_a_quarter_hour_zone(spark, F, T):
    return _formatted(spark, F)


@settings({"spark.sql.session.timeZone": "+05:30"})
def case_fast_date_format_at_a_fixed_offset(spark, F, T):
    return _formatted(spark, F)


@settings({"spark.sql.session.timeZone": "Etc/GMT+5"})
def case_fast_date_format_in_an_etc_zone(spark, F, T):
    return _formatted(spark, F)


def case_fast_date_format_in_utc(spark, F, T):
    return _formatted(spark, F)


@settings({"spark.sql.session.timeZone": "America/Los_Angeles"})
def case_fast_date_format_of_local_date_times(spark, F, T):
    df = spark.createDataFrame(
        [("2020-03-08 02:30:00.5",), ("0001-01-01 00:00:00",), ("9999-12-31 23:59:59.999999",), ("1969-12-31 23:59:59",), (None,)],
        "s string",
    )
    df = df.select("s", F.col("s").cast("timestamp_ntz").alias("l"))
    return df.select("s", *[F.date_format("l", pattern) for pattern in _PATTERNS[:5]])


def case_fast_md5(spark, F, T):
    texts = ["", "a", "ABC", "Spark", "héllo wörld ✓", "日本語のテキスト", "🎉" * 20, "x" * 55, "y" * 56, "z" * 64, "w" * 200, None]
    df = spark.createDataFrame([(index, text) for index, text in enumerate(texts)], "i int, s string")
    df = df.select("i", "s", F.col("s").cast("binary").alias("b"))
    return df.select("i", F.md5("s"), F.md5("b"), F.md5(F.unhex(F.lit("00FF10"))), F.md5(F.lit(None).cast("binary")))


def case_fast_regexp_per_row_patterns(spark, F, T):
    df = spark.createDataFrame(
        [
            ("alpha_123", r"(\w)(\d+)"),
            ("beta_9", r"(\w)(\d+)"),
            ("gamma", r"(\w)(\d+)"),
            ("délta_42", r"(\w+)_(\d)"),
            ("日本_7", r"(.)(.)"),
            (None, r"(a)(b)"),
            ("epsilon_5", None),
            ("zeta_8", r"(\w)(\d+)"),
        ],
        "s string, p string",
    )
    return df.select(
        "s",
        F.expr("regexp_extract(s, p, 2)"),
        F.expr("regexp_extract(s, p, 1)"),
        F.regexp_extract("s", r"(\w)(\d+)", 2),
        F.regexp_extract("s", r"([aeiou])", 0),
        F.regexp_replace("s", "[aeiou]", "_"),
        F.regexp_replace("s", r"(\w)(\d)", "$2$1"),
        F.regexp_replace("s", "", "-"),
        F.regexp_replace("s", "a", "ä", 3),
    )
