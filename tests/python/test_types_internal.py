"""toInternal/fromInternal/needConversion of the types: what PySpark 4.3 printed for the same calls.

Run with TZ=America/Los_Angeles, as the expectations were recorded (a naive
``datetime`` of a TimestampType is read in the process's time zone): the test
sets it for its duration.
"""

from __future__ import annotations

import datetime
import decimal
import os
import time
from typing import Any

import pytest

from pyrust.sql import Row
from pyrust.sql import types as T

EXPECTED = """\
date need -> True
date to -> 18321
date roundtrip -> datetime.date(2020, 2, 29)
date None -> (None, None)
date old need -> True
date old to -> -719162
date old roundtrip -> datetime.date(1, 1, 1)
date old None -> (None, None)
ts naive need -> True
ts naive to -> 1615712523456789
ts naive roundtrip -> datetime.datetime(2021, 3, 14, 1, 2, 3, 456789)
ts naive None -> (None, None)
ts aware need -> True
ts aware to -> 1615676523456789
ts aware roundtrip -> datetime.datetime(2021, 3, 13, 15, 2, 3, 456789)
ts aware None -> (None, None)
ntz need -> True
ntz to -> 1615683723456789
ntz roundtrip -> datetime.datetime(2021, 3, 14, 1, 2, 3, 456789)
ntz None -> (None, None)
ntz pre-epoch need -> True
ntz pre-epoch to -> -315619199999999
ntz pre-epoch roundtrip -> datetime.datetime(1960, 1, 1, 0, 0, 0, 1)
ntz pre-epoch None -> (None, None)
time need -> True
time to -> 86398999999000
time roundtrip -> datetime.time(23, 59, 58, 999999)
time None -> (None, None)
dti need -> True
dti to -> -86394999993
dti roundtrip -> datetime.timedelta(days=-1, seconds=5, microseconds=7)
dti None -> (None, None)
arr date need -> True
arr date to -> [18262, None]
arr date roundtrip -> [datetime.date(2020, 1, 1), None]
arr date None -> (None, None)
arr long need -> False
arr long to -> [1, 2]
arr long roundtrip -> [1, 2]
arr long None -> (None, None)
arr empty need -> True
arr empty to -> []
arr empty roundtrip -> []
arr empty None -> (None, None)
map need -> True
map to -> {'a': 18262}
map roundtrip -> {'a': datetime.date(2020, 1, 1)}
map None -> (None, None)
struct tuple need -> True
struct tuple to -> (1, 18262)
struct tuple roundtrip -> Row(a=1, d=datetime.date(2020, 1, 1))
struct tuple None -> (None, None)
struct dict need -> True
struct dict to -> (None, 18262)
struct dict roundtrip -> Row(a=None, d=datetime.date(2020, 1, 1))
struct dict None -> (None, None)
struct row need -> True
struct row to -> (5,)
struct row roundtrip -> Row(a=5)
struct row None -> (None, None)
struct plain need -> True
struct plain to -> (5,)
struct plain roundtrip -> Row(a=5)
struct plain None -> (None, None)
struct bad need -> True
struct bad to !! PySparkValueError [UNEXPECTED_TUPLE_WITH_STRUCT] Unexpected tuple 5 with StructType.
struct bad roundtrip !! PySparkValueError [UNEXPECTED_TUPLE_WITH_STRUCT] Unexpected tuple 5 with StructType.
struct bad None -> (None, None)
decimal need -> False
decimal to -> Decimal('1.5')
decimal roundtrip -> Decimal('1.5')
decimal None -> (None, None)
string need -> False
string to -> 'x'
string roundtrip -> 'x'
string None -> (None, None)
ym !! PySparkNotImplementedError [NOT_IMPLEMENTED] YearMonthIntervalType.toInternal is not implemented.
cal !! PySparkNotImplementedError [NOT_IMPLEMENTED] CalendarIntervalType.fromInternal is not implemented.
ym need -> True
struct from -> Row(a=1, d=datetime.date(2020, 1, 1))
arr fromJson -> ArrayType(DateType(), False)
map fromJson -> MapType(StringType(), ArrayType(LongType(), True), True)
field -> (True, 1)
variant need -> True
"""


def _lines() -> list[str]:
    out: list[str] = []

    def _tr(label: str, f: Any) -> None:
        try:
            out.append(f"{label} -> {f()!r}")
        except Exception as e:  # noqa: BLE001 - the class and message are compared
            out.append(f"{label} !! {type(e).__name__} {str(e)[:150]}")

    tz = datetime.timezone(datetime.timedelta(hours=2))
    cases = [
     ("date", T.DateType(), datetime.date(2020, 2, 29)),
     ("date old", T.DateType(), datetime.date(1, 1, 1)),
     ("ts naive", T.TimestampType(), datetime.datetime(2021, 3, 14, 1, 2, 3, 456789)),
     ("ts aware", T.TimestampType(), datetime.datetime(2021, 3, 14, 1, 2, 3, 456789, tzinfo=tz)),
     ("ntz", T.TimestampNTZType(), datetime.datetime(2021, 3, 14, 1, 2, 3, 456789)),
     ("ntz pre-epoch", T.TimestampNTZType(), datetime.datetime(1960, 1, 1, 0, 0, 0, 1)),
     ("time", T.TimeType(), datetime.time(23, 59, 58, 999999)),
     ("dti", T.DayTimeIntervalType(), datetime.timedelta(days=-1, seconds=5, microseconds=7)),
     ("arr date", T.ArrayType(T.DateType()), [datetime.date(2020, 1, 1), None]),
     ("arr long", T.ArrayType(T.LongType()), [1, 2]),
     ("arr empty", T.ArrayType(T.DateType()), []),
     ("map", T.MapType(T.StringType(), T.DateType()), {"a": datetime.date(2020, 1, 1)}),
     ("struct tuple", T.StructType([T.StructField("a", T.LongType()), T.StructField("d", T.DateType())]), (1, datetime.date(2020, 1, 1))),
     ("struct dict", T.StructType([T.StructField("a", T.LongType()), T.StructField("d", T.DateType())]), {"d": datetime.date(2020, 1, 1)}),
     ("struct row", T.StructType([T.StructField("a", T.LongType())]), Row(a=5)),
     ("struct plain", T.StructType([T.StructField("a", T.LongType())]), [5]),
     ("struct bad", T.StructType([T.StructField("a", T.LongType())]), 5),
     ("decimal", T.DecimalType(), decimal.Decimal("1.5")),
     ("string", T.StringType(), "x"),
    ]
    for label, dt, value in cases:
        _tr(label + " need", lambda: dt.needConversion())
        _tr(label + " to", lambda: dt.toInternal(value))
        _tr(label + " roundtrip", lambda: dt.fromInternal(dt.toInternal(value)))
        _tr(label + " None", lambda: (dt.toInternal(None), dt.fromInternal(None)))
    _tr("ym", lambda: T.YearMonthIntervalType().toInternal(1))
    _tr("cal", lambda: T.CalendarIntervalType().fromInternal(1))
    _tr("ym need", lambda: T.YearMonthIntervalType().needConversion())
    _tr("struct from", lambda: T.StructType([T.StructField("a", T.LongType()), T.StructField("d", T.DateType())]).fromInternal((1, 18262)))
    _tr("arr fromJson", lambda: T.ArrayType.fromJson({"type": "array", "elementType": "date", "containsNull": False}))
    _tr("map fromJson", lambda: T.MapType.fromJson({"type": "map", "keyType": "string", "valueType": {"type": "array", "elementType": "long", "containsNull": True}, "valueContainsNull": True}))
    _tr("field", lambda: (T.StructField("a", T.DateType()).needConversion(), T.StructField("a", T.DateType()).toInternal(datetime.date(1970, 1, 2))))
    _tr("variant need", lambda: T.VariantType().needConversion())
    return out


@pytest.fixture
def los_angeles_time() -> Any:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.mark.usefixtures("los_angeles_time")
def test_internal_forms_as_pyspark() -> None:
    assert _lines() == EXPECTED.splitlines()
