"""Checks of the parity tooling itself (parity_codec, parity_harness), runnable
without pyrust or PySpark: a bug here would make test_parity.py pass or fail
for the wrong reason."""

import datetime
import decimal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parity_codec  # noqa: E402
import parity_harness  # noqa: E402


class FakeRow(tuple):
    """Shaped like PySpark's Row: a tuple with __fields__ and asDict()."""

    def __new__(cls, **kwargs):
        row = super().__new__(cls, kwargs.values())
        row.__fields__ = list(kwargs)
        return row

    def asDict(self):
        return dict(zip(self.__fields__, self))


def test_encode_tags_what_json_cannot_tell_apart():
    assert parity_codec.encode(1) == 1
    assert parity_codec.encode(1.0) == {"$float": "1.0"}
    assert parity_codec.encode(float("nan")) == {"$float": "nan"}
    assert parity_codec.encode(True) is True
    assert parity_codec.encode(datetime.date(2024, 2, 29)) == {"$date": "2024-02-29"}
    assert parity_codec.encode(datetime.datetime(2024, 1, 1, 12, 30)) == {"$timestamp": "2024-01-01T12:30:00"}
    assert parity_codec.encode(decimal.Decimal("1.50")) == {"$decimal": "1.50"}
    assert parity_codec.encode(b"\x00\xff") == {"$bytes": "00ff"}
    assert parity_codec.encode({"k": 1}) == {"$map": [["k", 1]]}
    assert parity_codec.encode(FakeRow(a=1, b=None)) == {"$row": [["a", 1], ["b", None]]}


def test_decode_inverts_encode():
    values = [None, 3, 2.5, "s", datetime.date(2020, 1, 2), decimal.Decimal("-0.10"), b"ab", {"x": [1, 2]}]
    assert parity_codec.decode(parity_codec.encode(values)) == values


def test_equal_tolerates_float_noise_only():
    f = parity_codec.encode
    assert parity_codec.equal(f(0.1 + 0.2), f(0.3))
    assert not parity_codec.equal(f(0.3), f(0.31))
    assert parity_codec.equal(f(float("nan")), f(float("nan")))
    assert not parity_codec.equal(f(float("nan")), f(1.0))
    assert not parity_codec.equal(f(1), f(1.0))
    assert not parity_codec.equal(f(True), f(1))
    assert not parity_codec.equal(f(None), f(0))


def _frame(rows, show, ordered):
    return {
        "kind": "dataframe", "schema": "struct<a:int>", "nullable": [True], "columns": ["a"],
        "dtypes": [["a", "int"]], "rows": rows, "show": show, "ordered": ordered,
    }


SHOW_12 = "+---+\n|  a|\n+---+\n|  1|\n|  2|\n+---+\n\n"
SHOW_21 = "+---+\n|  a|\n+---+\n|  2|\n|  1|\n+---+\n\n"


def test_unordered_results_compare_as_multisets():
    expected = parity_harness.normalize_unordered(_frame([[2], [1]], SHOW_21, ordered=False))
    assert parity_harness.compare(expected, _frame([[1], [2]], SHOW_12, ordered=None)) == []


def test_ordered_results_compare_in_order():
    expected = _frame([[1], [2]], SHOW_12, ordered=True)
    problems = parity_harness.compare(expected, _frame([[2], [1]], SHOW_21, ordered=None))
    assert len(problems) == 2  # rows and show


def test_errors_compare_class_condition_and_message():
    def raise_it(spark, F, T):
        error = ValueError("[SOME_CONDITION] went wrong\nmore detail")
        error.getCondition = lambda: "SOME_CONDITION"
        raise error

    actual = parity_harness.observe(raise_it, None, None, None)
    assert actual == {"kind": "error", "error": {
        "class": "ValueError", "condition": "SOME_CONDITION", "message_start": "[SOME_CONDITION] went wrong"}}
    same = {"kind": "error", "error": dict(actual["error"])}
    assert parity_harness.compare(same, actual) == []
    reworded = {"kind": "error", "error": dict(actual["error"], message_start="other text")}
    assert parity_harness.compare(reworded, actual)
    other = {"kind": "error", "error": dict(actual["error"], condition="OTHER")}
    assert parity_harness.compare(other, actual)
    assert parity_harness.compare(other, {"kind": "value", "value": 1})


def test_show_body_sorting_keeps_header_and_footer():
    text = "+---+\n|  a|\n+---+\n|  2|\n|  1|\n+---+\nonly showing top 2 rows\n"
    assert parity_harness.sort_show_body(text) == "+---+\n|  a|\n+---+\n|  1|\n|  2|\n+---+\nonly showing top 2 rows\n"
