"""Parity cases of the string functions (rules: parity_cases.py's docstring)."""


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
