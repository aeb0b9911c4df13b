"""VariantVal and the reader of Spark's variant encoding, on bytes PySpark 4.3's
``parse_json`` gave (no engine needed)."""

import datetime
import decimal

import pytest

from pyrust.sql import types as T
from pyrust.sql._variant import spark_json

# (JSON text, value hex, metadata hex) from PySpark 4.3's parse_json.
SPARK_BYTES = [
    ('{"b":1,"a":2}', "020201000200040c010c02", "01020001026261"),
    ('[1, 2.5, "x", null, true]', "03050002080a0b0c0c0120011900000005780004", "010000"),
    ("1.50", "200296000000", "010000"),
    ("1e10", "1c000000205fa00242", "010000"),
    ("12345678901234567890", "2800d20a1feb8ca954ab0000000000000000", "010000"),
    ('"\\u00e9\\n"', "0dc3a90a", "010000"),
    ('{"a":{"a":1,"c":[]}}', "020100000c020200010002050c01030000", "01020001026163"),
    ("-129", "107fff", "010000"),
]


def _variant(value_hex, metadata_hex):
    return T.VariantVal(bytearray.fromhex(value_hex), bytearray.fromhex(metadata_hex))


@pytest.mark.parametrize(
    ("text", "python", "pyspark_json", "spark_text"),
    [
        ('{"b":1,"a":2}', {"a": 2, "b": 1}, '{"a":2,"b":1}', '{"a":2,"b":1}'),
        ('[1, 2.5, "x", null, true]', [1, decimal.Decimal("2.5"), "x", None, True], '[1,2.5,"x",null,true]', '[1,2.5,"x",null,true]'),
        ("1.50", decimal.Decimal("1.50"), "1.50", "1.5"),
        ("1e10", 1e10, "10000000000.0", "1.0E10"),
        ("12345678901234567890", decimal.Decimal("12345678901234567890"), "12345678901234567890", "12345678901234567890"),
        ('"\\u00e9\\n"', "é\n", '"\\u00e9\\n"', '"é\\n"'),
        ('{"a":{"a":1,"c":[]}}', {"a": {"a": 1, "c": []}}, '{"a":{"a":1,"c":[]}}', '{"a":{"a":1,"c":[]}}'),
        ("-129", -129, "-129", "-129"),
    ],
)
def test_reads_sparks_encoding(text, python, pyspark_json, spark_text):
    (value_hex, metadata_hex) = next((v, m) for t, v, m in SPARK_BYTES if t == text)
    variant = _variant(value_hex, metadata_hex)
    assert variant.toPython() == python
    assert variant.toJson() == pyspark_json
    assert str(variant) == pyspark_json
    assert spark_json(variant) == spark_text


def test_repr_is_pysparks():
    variant = _variant("0c01", "010000")
    assert repr(variant) == "VariantVal(bytearray(b'\\x0c\\x01'), bytearray(b'\\x01\\x00\\x00'))"


def test_type_forms():
    variant = T.VariantType()
    assert variant.simpleString() == "variant"
    assert variant.json() == '"variant"'
    assert T._parse_datatype_string("v variant") == T.StructType([T.StructField("v", variant)])
    assert T.from_arrow_type(T.to_arrow_type(variant)) == variant
    assert T._infer_type(_variant("0c01", "010000")) == variant


def test_dates_and_timestamps_render_as_spark():
    # date 2020-01-02 (type 11), timestamp_ntz 2020-01-01 10:00:00.12 (type 13)
    date = _variant("2c" + (18263).to_bytes(4, "little").hex(), "010000")
    assert date.toPython() == datetime.date(2020, 1, 2)
    assert spark_json(date) == '"2020-01-02"'
    micros = 1_577_872_800_120_000
    stamp = _variant("34" + micros.to_bytes(8, "little").hex(), "010000")
    assert spark_json(stamp) == '"2020-01-01 10:00:00.12"'
