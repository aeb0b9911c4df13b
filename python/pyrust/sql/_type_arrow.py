"""Spark types to and from PyArrow types (re-exported by :mod:`pyrust.sql.types`).

The engine holds every column as Arrow data: these mappings decide how each
Spark type is stored and read back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust.errors import PySparkNotImplementedError, PySparkTypeError
from pyrust.sql._spatial import SpatialType
from pyrust.sql.types import (
    _MAX_PRECISION,
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    CalendarIntervalType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
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
    VariantType,
    YearMonthIntervalType,
)

if TYPE_CHECKING:
    import pyarrow as pa


def _check_time_precision(data_type: TimeType) -> None:
    """PyRust's times have microseconds: TIME(6), Spark's default, only."""
    if data_type.precision != 6:  # noqa: PLR2004 - microseconds
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"Data type TIME({data_type.precision})"}
        )


def _arrow_unsupported(data_type: Any) -> PySparkTypeError:
    return PySparkTypeError(
        errorClass="UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION", messageParameters={"data_type": str(data_type)}
    )


def to_arrow_type(dt: DataType) -> pa.DataType:
    """The PyArrow type that holds values of ``dt``.

    TimestampType maps to ``timestamp('us', tz='UTC')`` and TimestampNTZType
    to ``timestamp('us')``; arrays use an ``element`` field and maps a
    ``value`` field whose nullability follows ``containsNull`` /
    ``valueContainsNull``.

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION`` for other types.
    """
    import pyarrow as pa

    simple = {
        NullType: pa.null,
        StringType: pa.string,
        BinaryType: pa.binary,
        BooleanType: pa.bool_,
        DateType: pa.date32,
        DoubleType: pa.float64,
        FloatType: pa.float32,
        ByteType: pa.int8,
        ShortType: pa.int16,
        IntegerType: pa.int32,
        LongType: pa.int64,
    }
    factory = simple.get(type(dt))
    if factory is not None:
        return factory()
    if isinstance(dt, TimestampType):
        return pa.timestamp("us", tz="UTC")
    if isinstance(dt, TimestampNTZType):
        return pa.timestamp("us")
    if isinstance(dt, TimeType):
        _check_time_precision(dt)
        return pa.time64("us")
    if isinstance(dt, VariantType):
        # Spark's Arrow form: the metadata field is marked as a variant's.
        return pa.struct(
            [
                pa.field("value", pa.binary(), nullable=False),
                pa.field("metadata", pa.binary(), nullable=False, metadata={b"variant": b"true"}),
            ]
        )
    if isinstance(dt, DayTimeIntervalType):
        return pa.duration("us")
    if isinstance(dt, CalendarIntervalType):
        return pa.month_day_nano_interval()
    if isinstance(dt, YearMonthIntervalType):
        # PyArrow has no type of Arrow's Interval(YearMonth): months as a 32-bit integer.
        return pa.int32()
    if isinstance(dt, DecimalType):
        return pa.decimal128(dt.precision, dt.scale)
    if isinstance(dt, ArrayType):
        return pa.list_(pa.field("element", to_arrow_type(dt.elementType), nullable=dt.containsNull))
    if isinstance(dt, MapType):
        return pa.map_(
            pa.field("key", to_arrow_type(dt.keyType), nullable=False),
            pa.field("value", to_arrow_type(dt.valueType), nullable=dt.valueContainsNull),
        )
    if isinstance(dt, StructType):
        return pa.struct(
            [pa.field(field.name, to_arrow_type(field.dataType), nullable=field.nullable) for field in dt.fields]
        )
    if isinstance(dt, SpatialType):
        raise PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"The {dt.simpleString()} type"}
        )
    raise _arrow_unsupported(dt)


def to_arrow_schema(schema: StructType) -> pa.Schema:
    """The PyArrow schema of a StructType (field nullability is kept)."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(field.name, to_arrow_type(field.dataType), nullable=field.nullable) for field in schema.fields]
    )


def from_arrow_type(at: pa.DataType) -> DataType:
    """The Spark type of a PyArrow type.

    Large and view variants of strings, binaries and lists map like their
    plain forms; dictionary-encoded types map to their value type.

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION`` for types Spark has
        no equivalent of (unsigned integers, float16, ...).
    """
    import pyarrow.types as t

    if t.is_null(at):
        return NullType()
    if t.is_boolean(at):
        return BooleanType()
    if t.is_int8(at):
        return ByteType()
    if t.is_int16(at):
        return ShortType()
    if t.is_int32(at):
        return IntegerType()
    if t.is_int64(at):
        return LongType()
    if t.is_float32(at):
        return FloatType()
    if t.is_float64(at):
        return DoubleType()
    if t.is_string(at) or t.is_large_string(at) or _is(t, "is_string_view", at):
        return StringType()
    if t.is_binary(at) or t.is_large_binary(at) or t.is_fixed_size_binary(at) or _is(t, "is_binary_view", at):
        return BinaryType()
    if t.is_date32(at) or t.is_date64(at):
        return DateType()
    if t.is_timestamp(at):
        return TimestampType() if at.tz is not None else TimestampNTZType()
    if t.is_time32(at) or t.is_time64(at):
        return TimeType()
    if t.is_duration(at):
        return DayTimeIntervalType()
    if t.is_interval(at):
        return CalendarIntervalType()
    if t.is_decimal(at):
        if at.precision > _MAX_PRECISION:
            raise _arrow_unsupported(at)
        return DecimalType(at.precision, at.scale)
    if (
        t.is_list(at)
        or t.is_large_list(at)
        or t.is_fixed_size_list(at)
        or _is(t, "is_list_view", at)
        or _is(t, "is_large_list_view", at)
    ):
        return ArrayType(from_arrow_type(at.value_type), at.value_field.nullable)
    if t.is_map(at):
        return MapType(from_arrow_type(at.key_type), from_arrow_type(at.item_type), at.item_field.nullable)
    if t.is_struct(at) and _is_variant(at):
        return VariantType()
    if t.is_struct(at):
        return StructType(
            [StructField(field.name, from_arrow_type(field.type), field.nullable) for field in _struct_fields(at)]
        )
    if t.is_dictionary(at):
        return from_arrow_type(at.value_type)
    raise _arrow_unsupported(at)


def _is(types_module: Any, predicate: str, at: Any) -> bool:
    # Older PyArrow releases lack the view-type predicates.
    check = getattr(types_module, predicate, None)
    return bool(check and check(at))


def _is_variant(at: Any) -> bool:
    """A struct with Spark's marker of a variant (a ``metadata`` field tagged ``variant: true``)."""
    names = {field.name: field for field in _struct_fields(at)}
    marker = names["metadata"].metadata if "metadata" in names else None
    return "value" in names and bool(marker) and marker.get(b"variant") == b"true"


def _struct_fields(at: Any) -> list:
    return [at.field(i) for i in range(at.num_fields)]


def from_arrow_schema(arrow_schema: pa.Schema) -> StructType:
    """The StructType of a PyArrow schema (field nullability is kept)."""
    return StructType([StructField(field.name, from_arrow_type(field.type), field.nullable) for field in arrow_schema])
