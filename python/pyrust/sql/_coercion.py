"""Spark's implicit type coercion: which type two operands meet at.

Spark widens numbers along byte < short < int < bigint < float < double,
promotes integers into decimals, and casts strings to the other side's type
when compared with numbers, dates or timestamps (ANSI mode, Spark 4's default).
"""

from __future__ import annotations

from pyrust import errors
from pyrust.sql import types as T

_NUMERIC_ORDER = (T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType)
# The decimal an integer type fits in, as Spark promotes it.
_INTEGRAL_AS_DECIMAL = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0), T.LongType: (20, 0)}
_MAX_PRECISION = 38


def is_numeric(data_type: T.DataType) -> bool:
    return isinstance(data_type, (*_NUMERIC_ORDER, T.DecimalType))


def is_integral(data_type: T.DataType) -> bool:
    return isinstance(data_type, (T.ByteType, T.ShortType, T.IntegerType, T.LongType))


def wider_numeric(left: T.DataType, right: T.DataType) -> T.DataType:
    """The smallest numeric type both ``left`` and ``right`` widen to."""
    if isinstance(left, T.DecimalType) or isinstance(right, T.DecimalType):
        return _wider_with_decimal(left, right)
    rank = {cls: position for position, cls in enumerate(_NUMERIC_ORDER)}
    return left if rank[type(left)] >= rank[type(right)] else right


def _wider_with_decimal(left: T.DataType, right: T.DataType) -> T.DataType:
    if isinstance(left, (T.FloatType, T.DoubleType)) or isinstance(right, (T.FloatType, T.DoubleType)):
        return T.DoubleType()
    left_decimal = _as_decimal(left)
    right_decimal = _as_decimal(right)
    scale = max(left_decimal.scale, right_decimal.scale)
    integral_digits = max(left_decimal.precision - left_decimal.scale, right_decimal.precision - right_decimal.scale)
    return T.DecimalType(min(_MAX_PRECISION, integral_digits + scale), scale)


def _as_decimal(data_type: T.DataType) -> T.DecimalType:
    if isinstance(data_type, T.DecimalType):
        return data_type
    precision, scale = _INTEGRAL_AS_DECIMAL[type(data_type)]
    return T.DecimalType(precision, scale)


def common_type(left: T.DataType, right: T.DataType) -> T.DataType | None:
    """The type both operands of a comparison or a branch are cast to, if any."""
    if left == right:
        return left
    if isinstance(left, T.NullType):
        return right
    if isinstance(right, T.NullType):
        return left
    if is_numeric(left) and is_numeric(right):
        return wider_numeric(left, right)
    nested = _common_nested_type(left, right)
    if nested is not None:
        return nested
    for one, other in ((left, right), (right, left)):
        if isinstance(one, T.StringType) and isinstance(
            other, (*_NUMERIC_ORDER, T.DecimalType, T.DateType, T.TimestampType, T.TimestampNTZType, T.BooleanType)
        ):
            return other
        if isinstance(one, T.DateType) and isinstance(other, (T.TimestampType, T.TimestampNTZType)):
            return other
    return None


def _common_nested_type(left: T.DataType, right: T.DataType) -> T.DataType | None:
    """Arrays, maps and structs of common element types; nullability is either's
    (Spark's ``findTightestCommonType`` for complex types; struct fields must
    have the same names)."""
    if isinstance(left, T.ArrayType) and isinstance(right, T.ArrayType):
        element = common_type(left.elementType, right.elementType)
        return None if element is None else T.ArrayType(element, left.containsNull or right.containsNull)
    if isinstance(left, T.MapType) and isinstance(right, T.MapType):
        key = common_type(left.keyType, right.keyType)
        value = common_type(left.valueType, right.valueType)
        if key is None or value is None:
            return None
        return T.MapType(key, value, left.valueContainsNull or right.valueContainsNull)
    if isinstance(left, T.StructType) and isinstance(right, T.StructType) and len(left.fields) == len(right.fields):
        fields = []
        for one, other in zip(left.fields, right.fields):
            if one.name.lower() != other.name.lower():
                return None
            field_type = common_type(one.dataType, other.dataType)
            if field_type is None:
                return None
            fields.append(T.StructField(one.name, field_type, one.nullable or other.nullable))
        return T.StructType(fields)
    return None


def common_type_of(types: list[T.DataType]) -> T.DataType | None:
    """The common type of several operands (``IN`` lists, ``CASE`` branches, unions)."""
    result: T.DataType | None = types[0]
    for data_type in types[1:]:
        if result is None:
            return None
        result = common_type(result, data_type)
    return result


def common_type_or_error(types: list[T.DataType], name: str) -> T.DataType:
    """The common type of ``types``, or Spark's ``DATA_DIFF_TYPES`` error for ``name``."""
    target = common_type_of(types)
    if target is None:
        listed = ", ".join(f'"{data_type.simpleString().upper()}"' for data_type in types)
        raise errors.AnalysisException(
            errorClass="DATATYPE_MISMATCH.DATA_DIFF_TYPES",
            messageParameters={"sqlExpr": f'"{name}"', "functionName": "", "dataType": f"[{listed}]"},
        )
    return target
