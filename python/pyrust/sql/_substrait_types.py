"""Spark data types as Substrait types (https://substrait.io/types/type_classes/).

Spark's ``TimestampType`` is an instant (shown in the session time zone), so it
maps to ``precision_timestamp_tz`` with microsecond precision; ``TimestampNTZType``
to ``precision_timestamp``. Spark's day-time intervals are microseconds:
``interval_day`` of precision 6 with type variation 1, which DataFusion reads
as Arrow's ``Duration(µs)``; year-month intervals travel as ``i32`` months
(PyArrow cannot read Arrow's ``Interval(YearMonth)``; the interval functions
know months), calendar intervals as ``interval_compound`` (Arrow's
``Interval(MonthDayNano)``). Spark's ``NullType`` has no Substrait counterpart: a
column of that type travels as a nullable string that is always null.
Substrait has no variant type either: Spark's ``VariantType`` travels as what
it is in Arrow, a struct of its two required binaries (``value``,
``metadata``; see ``extensions/functions_spark_variant.yaml``).
"""

from __future__ import annotations

from substrait import type_pb2 as stt

from pyrust.errors import PySparkNotImplementedError
from pyrust.sql import types as T

_TIME64 = 1
# DataFusion reads interval_day of this type variation as Arrow's Duration.
_DURATION = 1

_NULLABLE = stt.Type.NULLABILITY_NULLABLE
_REQUIRED = stt.Type.NULLABILITY_REQUIRED
_MICROSECONDS = 6


def to_substrait_type(data_type: T.DataType, nullable: bool = True) -> stt.Type:
    """The Substrait type of a Spark type."""
    nullability = _NULLABLE if nullable else _REQUIRED
    simple = {
        T.BooleanType: ("bool", stt.Type.Boolean),
        T.ByteType: ("i8", stt.Type.I8),
        T.ShortType: ("i16", stt.Type.I16),
        T.IntegerType: ("i32", stt.Type.I32),
        T.LongType: ("i64", stt.Type.I64),
        T.FloatType: ("fp32", stt.Type.FP32),
        T.DoubleType: ("fp64", stt.Type.FP64),
        T.StringType: ("string", stt.Type.String),
        T.NullType: ("string", stt.Type.String),
        T.BinaryType: ("binary", stt.Type.Binary),
        T.DateType: ("date", stt.Type.Date),
    }
    for spark_class, (field, proto_class) in simple.items():
        if type(data_type) is spark_class:
            return stt.Type(**{field: proto_class(nullability=nullability)})
    if isinstance(data_type, T.VariantType):
        binary = stt.Type(binary=stt.Type.Binary(nullability=_REQUIRED))
        return stt.Type(struct=stt.Type.Struct(types=[binary, binary], nullability=nullability))
    if isinstance(data_type, T.TimestampNTZType):
        return stt.Type(
            precision_timestamp=stt.Type.PrecisionTimestamp(precision=_MICROSECONDS, nullability=nullability)
        )
    if isinstance(data_type, T.TimeType):
        T._check_time_precision(data_type)
        # DataFusion reads type variation 1 as Arrow's Time64 (0 would be Time32).
        time = stt.Type.PrecisionTime(precision=_MICROSECONDS, nullability=nullability, type_variation_reference=_TIME64)
        return stt.Type(precision_time=time)
    if isinstance(data_type, T.TimestampType):
        return stt.Type(
            precision_timestamp_tz=stt.Type.PrecisionTimestampTZ(precision=_MICROSECONDS, nullability=nullability)
        )
    if isinstance(data_type, T.DayTimeIntervalType):
        interval = stt.Type.IntervalDay(
            precision=_MICROSECONDS, nullability=nullability, type_variation_reference=_DURATION
        )
        return stt.Type(interval_day=interval)
    if isinstance(data_type, T.YearMonthIntervalType):
        return stt.Type(i32=stt.Type.I32(nullability=nullability))
    if isinstance(data_type, T.CalendarIntervalType):
        return stt.Type(
            interval_compound=stt.Type.IntervalCompound(precision=_MICROSECONDS, nullability=nullability)
        )
    if isinstance(data_type, T.DecimalType):
        return stt.Type(
            decimal=stt.Type.Decimal(precision=data_type.precision, scale=data_type.scale, nullability=nullability)
        )
    if isinstance(data_type, T.ArrayType):
        element = to_substrait_type(data_type.elementType, data_type.containsNull)
        return stt.Type(list=stt.Type.List(type=element, nullability=nullability))
    if isinstance(data_type, T.MapType):
        key = to_substrait_type(data_type.keyType, False)
        value = to_substrait_type(data_type.valueType, data_type.valueContainsNull)
        return stt.Type(map=stt.Type.Map(key=key, value=value, nullability=nullability))
    if isinstance(data_type, T.StructType):
        children = [to_substrait_type(field.dataType, field.nullable) for field in data_type.fields]
        return stt.Type(struct=stt.Type.Struct(types=children, nullability=nullability))
    raise PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED",
        messageParameters={"feature": f"the Spark type {data_type.simpleString()} in Substrait plans"},
    )


def from_substrait_type(proto_type: stt.Type) -> T.DataType:
    """The Spark type of a Substrait type (the inverse of ``to_substrait_type``)."""
    kind = proto_type.WhichOneof("kind")
    simple = {
        "bool": T.BooleanType(),
        "i8": T.ByteType(),
        "i16": T.ShortType(),
        "i32": T.IntegerType(),
        "i64": T.LongType(),
        "fp32": T.FloatType(),
        "fp64": T.DoubleType(),
        "string": T.StringType(),
        "varchar": T.StringType(),
        "fixed_char": T.StringType(),
        "binary": T.BinaryType(),
        "date": T.DateType(),
    }
    if kind in simple:
        return simple[kind]
    if kind == "decimal":
        return T.DecimalType(proto_type.decimal.precision, proto_type.decimal.scale)
    if kind in ("precision_timestamp_tz", "timestamp_tz"):
        return T.TimestampType()
    if kind in ("precision_timestamp", "timestamp"):
        return T.TimestampNTZType()
    if kind in ("precision_time", "time"):
        return T.TimeType()
    if kind == "interval_day":
        return T.DayTimeIntervalType()
    if kind == "interval_year":
        return T.YearMonthIntervalType()
    if kind == "interval_compound":
        return T.CalendarIntervalType()
    if kind == "list":
        element = proto_type.list.type
        return T.ArrayType(from_substrait_type(element), _nullable(element))
    if kind == "map":
        value = proto_type.map.value
        return T.MapType(from_substrait_type(proto_type.map.key), from_substrait_type(value), _nullable(value))
    raise PySparkNotImplementedError(
        errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"the Substrait type {kind}"}
    )


def _nullable(proto_type: stt.Type) -> bool:
    kind = proto_type.WhichOneof("kind")
    return getattr(proto_type, kind).nullability != _REQUIRED


def named_struct(schema: T.StructType) -> stt.NamedStruct:
    """A Spark schema as a Substrait ``NamedStruct`` (names depth-first, as Substrait wants)."""
    names: list[str] = []
    for field in schema.fields:
        names.append(field.name)
        names.extend(_nested_names(field.dataType))
    types = [to_substrait_type(field.dataType, field.nullable) for field in schema.fields]
    return stt.NamedStruct(names=names, struct=stt.Type.Struct(types=types, nullability=_REQUIRED))


def _nested_names(data_type: T.DataType) -> list[str]:
    """Struct field names below a type, depth-first (lists and maps add none of their own)."""
    if isinstance(data_type, T.VariantType):
        return ["value", "metadata"]
    if isinstance(data_type, T.StructType):
        return [name for field in data_type.fields for name in [field.name, *_nested_names(field.dataType)]]
    if isinstance(data_type, T.ArrayType):
        return _nested_names(data_type.elementType)
    if isinstance(data_type, T.MapType):
        return _nested_names(data_type.keyType) + _nested_names(data_type.valueType)
    return []
