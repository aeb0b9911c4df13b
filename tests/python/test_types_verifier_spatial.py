"""types._make_type_verifier and the spatial types (GeometryType, GeographyType, Geometry, Geography).

Every expected message below is what PySpark 4.3 printed for the same call
(with pyrust's module in a Python class's name where PySpark prints its own).
"""

from __future__ import annotations

import array
import datetime
import decimal
from typing import Any

import pytest

from pyrust import errors as E
from pyrust.sql.types import (
    ArrayType,
    BinaryType,
    ByteType,
    CalendarIntervalType,
    CharType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    Geography,
    GeographyType,
    Geometry,
    GeometryType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
    VarcharType,
    VariantType,
    YearMonthIntervalType,
    _infer_type,
    _make_type_verifier,
    _parse_datatype_json_string,
    to_arrow_type,
)


class O:
    def __init__(self) -> None:
        self.a = 1


VERIFY_CASES = [
        ("long 1<<64", LongType(), True, None, 1 << 64, ('PySparkValueError', '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -9223372036854775808 and 9223372036854775807 (inclusive), got 18446744073709551616')),
        ("long -1<<63", LongType(), True, None, -(1 << 63), None),
        ("byte 1234", ByteType(), True, None, 1234, ('PySparkValueError', '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), got 1234')),
        ("short -32769", ShortType(), True, None, -32769, ('PySparkValueError', '[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -32768 and 32767 (inclusive), got -32769')),
        ("int bool", IntegerType(), True, None, True, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] IntegerType() can not accept object True in type <class 'bool'>.")),
        ("int float", IntegerType(), True, None, 1.0, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] IntegerType() can not accept object 1.0 in type <class 'float'>.")),
        ("double int", DoubleType(), True, None, 1, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] DoubleType() can not accept object 1 in type <class 'int'>.")),
        ("array set", ArrayType(StringType()), True, None, set(), ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] ArrayType(StringType(), True) can not accept object set() in type <class 'set'>.")),
        ("array tuple", ArrayType(ShortType()), True, None, (1, 2), None),
        ("array array", ArrayType(LongType()), True, None, array.array('l', [1]), None),
        ("array null el", ArrayType(ShortType(), False), True, None, [1, None], ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] element in array None: This field is not nullable, but got None.')),
        ("map None key", MapType(StringType(), IntegerType()), True, None, {None: 1}, ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] key of map None: This field is not nullable, but got None.')),
        ("map bad value", MapType(StringType(), IntegerType()), True, None, {"a": "x"}, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] value of map None: IntegerType() can not accept object 'x' in type <class 'str'>.")),
        ("struct [1]", StructType([]), True, None, [1], ('PySparkValueError', '[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (1) does not match with length of fields (0).')),
        ("struct len", StructType().add("a", IntegerType()).add("b", StringType(), False), True, None, (1, None), ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] field b: This field is not nullable, but got None.')),
        ("struct named len", StructType().add("s", StructType().add("x", LongType())), True, None, ((1, 2),), ('PySparkValueError', '[FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME] field s: Length of object (2) does not match with length of fields (1).')),
        ("struct dict", StructType().add("a", IntegerType()).add("b", StringType(), False), True, None, {"a": 1}, ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] field b: This field is not nullable, but got None.')),
        ("struct obj", StructType().add("a", IntegerType()), True, None, O(), None),
        ("struct obj bad", StructType().add("a", StringType()).add("b", LongType(), False), True, None, O(), ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] field b: This field is not nullable, but got None.')),
        ("struct int", StructType().add("a", IntegerType()), True, None, 5, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] StructType([StructField('a', IntegerType(), True)]) can not accept object 5 in type <class 'int'>.")),
        ("struct int named", StructType().add("s", StructType().add("a", IntegerType())), True, None, (5,), ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field s: StructType([StructField('a', IntegerType(), True)]) can not accept object 5 in type <class 'int'>.")),
        ("nested", StructType().add("a", ArrayType(MapType(StringType(), LongType()))), True, None, ([{"k": "v"}],), ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] value of map element in array field a: LongType() can not accept object 'v' in type <class 'str'>.")),
        ("byte None notnull", ByteType(), False, None, None, ('PySparkValueError', '[FIELD_NOT_NULLABLE] Field is not nullable, but got None.')),
        ("named notnull", ByteType(), False, "xx", None, ('PySparkValueError', '[FIELD_NOT_NULLABLE_WITH_NAME] xx: This field is not nullable, but got None.')),
        ("named type", LongType(), True, "xx", "s", ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] xx: LongType() can not accept object 's' in type <class 'str'>.")),
        ("decimal nan", DecimalType(), False, None, decimal.Decimal("NaN"), ('PySparkValueError', '[FIELD_NOT_NULLABLE] Field is not nullable, but got None.')),
        ("decimal float", DecimalType(), True, None, 1.5, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] DecimalType(10,0) can not accept object 1.5 in type <class 'float'>.")),
        ("date datetime", DateType(), True, None, datetime.datetime(2020,1,1), None),
        ("ts date", TimestampType(), True, None, datetime.date(2020,1,1), ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] TimestampType() can not accept object datetime.date(2020, 1, 1) in type <class 'datetime.date'>.")),
        ("null type", NullType(), True, None, 1, ('AssertionError', 'unknown datatype: NullType() for object 1')),
        ("null type named", NullType(), True, "n", 1, ('AssertionError', 'n: unknown datatype: NullType() for object 1')),
        ("ym", YearMonthIntervalType(), True, None, 1, ('AssertionError', 'unknown datatype: YearMonthIntervalType(0, 1) for object 1')),
        ("cal", CalendarIntervalType(), True, None, 1, ('AssertionError', 'unknown datatype: CalendarIntervalType() for object 1')),
        ("binary", BinaryType(), True, None, "s", ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] BinaryType() can not accept object 's' in type <class 'str'>.")),
        ("string any", StringType(), True, None, object, None),
        ("variant", VariantType(), True, None, object, None),
        ("geom wrong", GeometryType(0), True, None, Geography(b"", 4326), ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] GeometryType(0) can not accept object Geography(b'', 4326) in type <class 'pyrust.sql._spatial.Geography'>.")),
        ("geom ok", GeometryType(0), True, None, Geometry(b"", 4326), None),
        ("time", TimeType(), True, None, datetime.time(1), None),
        ("dt interval", DayTimeIntervalType(), True, None, 5, ('PySparkTypeError', "[FIELD_DATA_TYPE_UNACCEPTABLE] DayTimeIntervalType(0, 3) can not accept object 5 in type <class 'int'>.")),
        ("timestamp_ntz", TimestampNTZType(), True, None, datetime.datetime(2020,1,1), None),
        ("char", CharType(3), True, None, 5, None),
]


@pytest.mark.parametrize(("label", "data_type", "nullable", "name", "value", "expected"), VERIFY_CASES)
def test_make_type_verifier_as_pyspark(
    label: str, data_type: Any, nullable: bool, name: str | None, value: Any, expected: tuple[str, str] | None
) -> None:
    verify = _make_type_verifier(data_type, nullable, name)
    if expected is None:
        verify(value)
        return
    with pytest.raises(Exception) as info:  # noqa: PT011 - the class is checked by name below
        verify(value)
    assert (type(info.value).__name__, str(info.value)) == expected


def test_spatial_types_print_as_pyspark() -> None:
    assert [repr(t) for t in (GeometryType(4326), GeometryType("ANY"), GeographyType(4326), GeographyType("ANY"))] == [
        "GeometryType(4326)", "GeometryType(ANY)", "GeographyType(4326)", "GeographyType(ANY)"
    ]
    assert [t.simpleString() for t in (GeometryType(3857), GeometryType("ANY"), GeographyType("ANY"))] == [
        "geometry(3857)", "geometry(any)", "geography(any)"
    ]
    assert [t.json() for t in (GeometryType(4326), GeometryType(0), GeometryType("ANY"), GeographyType(4326))] == [
        '"geometry(OGC:CRS84)"', '"geometry(SRID:0)"', '"geometry(SRID:ANY)"', '"geography(OGC:CRS84, SPHERICAL)"'
    ]
    schema = StructType([StructField("g", GeometryType(4326)), StructField("h", GeographyType("ANY"))])
    assert schema.simpleString() == "struct<g:geometry(4326),h:geography(any)>"
    assert schema.toDDL() == "g GEOMETRY(4326),h GEOGRAPHY(ANY)"
    assert GeometryType.typeName() == "geometry"
    assert GeometryType(4326) == GeometryType(4326)
    assert GeometryType(4326) != GeographyType(4326)
    assert GeometryType(4326) != GeometryType(0)


@pytest.mark.parametrize(
    "data_type",
    [GeometryType(4326), GeometryType(3857), GeometryType(0), GeometryType("ANY"), GeographyType(4326), GeographyType("ANY")],
)
def test_spatial_types_round_trip_through_json(data_type: Any) -> None:
    assert _parse_datatype_json_string(data_type.json()) == data_type
    schema = StructType([StructField("s", data_type)])
    assert _parse_datatype_json_string(schema.json()) == schema


def test_spatial_json_names_as_pyspark_reads_them() -> None:
    assert _parse_datatype_json_string('"geometry"') == GeometryType(4326)
    assert _parse_datatype_json_string('"geography"') == GeographyType(4326)
    assert _parse_datatype_json_string('"geography(SPHERICAL)"') == GeographyType(4326)
    assert _parse_datatype_json_string('"geometry(srid:any)"') == GeometryType("ANY")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: GeographyType(0), "[ST_INVALID_SRID_VALUE] Invalid or unsupported SRID (spatial reference identifier) value: 0."),
        (lambda: GeometryType(5), "[ST_INVALID_SRID_VALUE] Invalid or unsupported SRID (spatial reference identifier) value: 5."),
        (lambda: GeometryType("x"), "[ST_INVALID_SRID_VALUE] Invalid or unsupported SRID (spatial reference identifier) value: x."),
        (
            lambda: _parse_datatype_json_string('"geometry(EPSG:1)"'),
            "[ST_INVALID_CRS_VALUE] Invalid or unsupported CRS (coordinate reference system) value: 'EPSG:1'.",
        ),
        (
            lambda: _parse_datatype_json_string('"geography(OGC:CRS84, KARNEY)"'),
            "[ST_INVALID_ALGORITHM_VALUE] Invalid or unsupported edge interpolation algorithm value: 'KARNEY'.",
        ),
    ],
)
def test_invalid_spatial_types_are_illegal_arguments(make: Any, message: str) -> None:
    with pytest.raises(E.IllegalArgumentException) as info:
        make()
    assert str(info.value) == message


def test_spatial_values() -> None:
    wkb = bytes.fromhex("010100000000000000000031400000000000001c40")
    point = Geometry.fromWKB(wkb, 0)
    assert (point.getBytes(), point.getSrid()) == (wkb, 0)
    assert repr(point) == str(point) == f"Geometry({wkb!r}, 0)"
    assert point == Geometry(wkb, 0)
    assert point != Geography(wkb, 0)
    assert point.__hash__ is None
    assert GeometryType(0).toInternal(point) == {"srid": 0, "wkb": wkb}
    assert GeographyType(4326).fromInternal({"srid": 4326, "bytes": wkb}) == Geography(wkb, 4326)
    assert _infer_type(Geography(wkb, 4326)) == GeographyType(4326)


def test_spatial_columns_are_not_implemented() -> None:
    with pytest.raises(E.PySparkNotImplementedError) as info:
        to_arrow_type(StructType([StructField("g", GeometryType(0))]))
    assert str(info.value) == "[NOT_IMPLEMENTED] The geometry(0) type is not implemented."


def test_char_varchar_and_time_json_names() -> None:
    assert _parse_datatype_json_string('"char(3)"') == CharType(3)
    assert _parse_datatype_json_string('"varchar( 4 )"') == VarcharType(4)
    assert _parse_datatype_json_string('"time(3)"') == TimeType(3)
