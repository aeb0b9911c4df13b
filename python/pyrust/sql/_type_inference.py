"""Spark types inferred from Python values, as ``createDataFrame`` infers them
(re-exported by :mod:`pyrust.sql.types`)."""

from __future__ import annotations

import array
import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from pyrust.errors import PySparkTypeError, PySparkValueError
from pyrust.sql._spatial import Geography, GeographyType, Geometry, GeometryType
from pyrust.sql._variant import VariantVal
from pyrust.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
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
    TimestampType,
    TimeType,
    VariantType,
)


# array.array type codes, mapped to the narrowest Spark type holding them.
_ARRAY_TYPECODES: dict[str, type[DataType]] = {
    "b": ByteType,
    "B": ShortType,
    "u": StringType,
    "h": ShortType,
    "H": IntegerType,
    "i": IntegerType,
    "I": LongType,
    "l": LongType,
    "f": FloatType,
    "d": DoubleType,
}


def _infer_type(value: Any) -> DataType:
    """The Spark type PySpark infers for one Python value.

    ``int`` gives LongType, ``float`` DoubleType, ``str`` StringType,
    ``bool`` BooleanType, ``bytes``/``bytearray`` BinaryType, ``date``
    DateType, ``datetime`` TimestampType, ``Decimal`` DecimalType(38, 18),
    ``None`` NullType.  Lists and dicts give ArrayType and MapType of their
    merged element types; tuples, Rows, named tuples and plain objects give
    StructType.

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE`` for other values, ``CANNOT_MERGE_TYPE`` when
        the elements of a list or dict have incompatible types.
    """
    if value is None:
        return NullType()
    if isinstance(value, VariantVal):
        return VariantType()
    if isinstance(value, Geometry):
        return GeometryType(value.getSrid())
    if isinstance(value, Geography):
        return GeographyType(value.getSrid())
    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, float):
        return DoubleType()
    if isinstance(value, str):
        return StringType()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return BinaryType()
    if isinstance(value, decimal.Decimal):
        # Spark cannot know the precision a column needs from sample
        # values, so it always picks the widest system default.
        return DecimalType(38, 18)
    if isinstance(value, datetime.datetime):
        return TimestampType()
    if isinstance(value, datetime.date):
        return DateType()
    if isinstance(value, datetime.time):
        return TimeType()
    if isinstance(value, datetime.timedelta):
        return DayTimeIntervalType()
    if isinstance(value, dict):
        key_type: DataType = NullType()
        value_type: DataType = NullType()
        for key, item in value.items():
            key_type = _merge_type(key_type, _infer_type(key))
            value_type = _merge_type(value_type, _infer_type(item))
        return MapType(key_type, value_type, True)
    if isinstance(value, list):
        element_type: DataType = NullType()
        for item in value:
            element_type = _merge_type(element_type, _infer_type(item))
        return ArrayType(element_type, True)
    if isinstance(value, array.array):
        if value.typecode in _ARRAY_TYPECODES:
            return ArrayType(_ARRAY_TYPECODES[value.typecode](), False)
        raise _unsupported_value(f"array({value.typecode})")
    if isinstance(value, tuple) or (hasattr(value, "__dict__") and not isinstance(value, type)):
        return _infer_row_schema(value)
    raise _unsupported_value(type(value).__name__)


def _unsupported_value(name: str) -> PySparkTypeError:
    return PySparkTypeError(errorClass="UNSUPPORTED_DATA_TYPE", messageParameters={"data_type": name})


def _infer_row_schema(row: Any, names: list[str] | None = None) -> StructType:
    """The StructType of one row: a tuple, list, dict, Row, named tuple or object."""
    if isinstance(row, dict):
        # PySpark orders the columns of dict rows by key.
        items = sorted(row.items())
    elif isinstance(row, (tuple, list)):
        if hasattr(row, "__fields__"):
            keys = list(row.__fields__)
        elif hasattr(row, "_fields"):
            keys = list(row._fields)
        else:
            given = list(names or [])
            keys = [given[i] if i < len(given) else f"_{i + 1}" for i in range(len(row))]
        items = list(zip(keys, row))
    elif hasattr(row, "__dict__") and not isinstance(row, type):
        items = sorted(vars(row).items())
    else:
        raise PySparkTypeError(
            errorClass="CANNOT_INFER_SCHEMA_FOR_TYPE", messageParameters={"data_type": type(row).__name__}
        )
    fields = []
    for key, value in items:
        try:
            fields.append(StructField(str(key), _infer_type(value), True))
        except TypeError:
            raise PySparkTypeError(
                errorClass="CANNOT_INFER_TYPE_FOR_FIELD", messageParameters={"field_name": str(key)}
            ) from None
    return StructType(fields)


def _merge_type(a: DataType, b: DataType) -> DataType:
    """The type that holds values of both ``a`` and ``b``, as PySpark's inference merges them.

    Null merges with anything; a string merges with any atomic type into a
    string; arrays, maps and structs merge member-wise (struct fields by
    name, new fields appended).

    Raises
    ------
    PySparkTypeError
        ``CANNOT_MERGE_TYPE`` for any other pair of different types.
    """
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    nested = (ArrayType, MapType, StructType)
    if isinstance(a, StringType) and not isinstance(b, nested):
        return a
    if isinstance(b, StringType) and not isinstance(a, nested):
        return b
    if type(a) is not type(b):
        raise PySparkTypeError(
            errorClass="CANNOT_MERGE_TYPE",
            messageParameters={"data_type1": type(a).__name__, "data_type2": type(b).__name__},
        )
    if isinstance(a, StructType):
        other = {field.name: field.dataType for field in b.fields}
        fields = [StructField(f.name, _merge_type(f.dataType, other.get(f.name, NullType()))) for f in a.fields]
        known = {field.name for field in a.fields}
        fields += [StructField(name, data_type) for name, data_type in other.items() if name not in known]
        return StructType(fields)
    if isinstance(a, ArrayType):
        return ArrayType(_merge_type(a.elementType, b.elementType), True)
    if isinstance(a, MapType):
        return MapType(_merge_type(a.keyType, b.keyType), _merge_type(a.valueType, b.valueType), True)
    return a


def _has_nulltype(dt: DataType) -> bool:
    """Whether NullType occurs anywhere inside ``dt``."""
    if isinstance(dt, NullType):
        return True
    if isinstance(dt, StructType):
        return any(_has_nulltype(field.dataType) for field in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_nulltype(dt.elementType)
    if isinstance(dt, MapType):
        return _has_nulltype(dt.keyType) or _has_nulltype(dt.valueType)
    return False


def _infer_schema(rows: Iterable[Any], names: list[str] | None = None) -> StructType:
    """The schema ``createDataFrame`` infers for a list of rows.

    Parameters
    ----------
    rows : iterable
        Tuples, lists, dicts (columns sorted by key), Rows, named tuples or
        plain objects.  Every row is inspected and the types are merged, so
        a column that is None in some rows takes its type from the others.
    names : list of str, optional
        Column names for tuple and list rows; missing names default to
        ``_1``, ``_2``, ...  Ignored for rows that carry their own names.

    Raises
    ------
    PySparkValueError
        ``CANNOT_INFER_EMPTY_SCHEMA`` for no rows; ``CANNOT_DETERMINE_TYPE``
        when some column (or nested element) is None everywhere.
    PySparkTypeError
        ``CANNOT_INFER_SCHEMA_FOR_TYPE``, ``CANNOT_INFER_TYPE_FOR_FIELD`` or
        ``CANNOT_MERGE_TYPE`` for values that cannot be typed consistently.
    """
    schema: DataType | None = None
    for row in rows:
        row_schema = _infer_row_schema(row, names)
        schema = row_schema if schema is None else _merge_type(schema, row_schema)
    if schema is None:
        raise PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    if _has_nulltype(schema):
        raise PySparkValueError(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    return schema  # type: ignore[return-value]  # merging structs yields a struct
