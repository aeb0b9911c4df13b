"""``_make_type_verifier``: check Python values against a DataType as PySpark does.

PySpark checks the rows given to ``createDataFrame(..., verifySchema=True)``
with such a verifier before sending them to the JVM. The checks, in order:

1. ``None`` (or a decimal NaN, which Spark stores as null) passes where the
   type is nullable and fails with ``FIELD_NOT_NULLABLE`` elsewhere;
2. the value's *exact* Python type must be one the Spark type accepts
   (``bool`` is not an ``int`` here): ``FIELD_DATA_TYPE_UNACCEPTABLE``;
3. integers must fit the integral type: ``VALUE_OUT_OF_BOUNDS``;
4. arrays, maps and structs check their elements, keys, values and fields,
   naming the failing part (``field b``, ``element in array field a``, ...).

String, char, varchar and variant types accept any value, as PySpark's do.
:mod:`pyrust.sql.types` re-exports the function under PySpark's name.
"""

from __future__ import annotations

import array
import datetime
import decimal
from typing import Any, Callable

from pyrust.errors import PySparkTypeError, PySparkValueError
from pyrust.sql._spatial import Geography, GeographyType, Geometry, GeometryType
from pyrust.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    CharType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    ShortType,
    StringType,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
    VarcharType,
    VariantType,
)

# The Python types (exact, not subclasses) a value of each Spark type may have.
_ACCEPTED: dict[type[DataType], tuple[type, ...]] = {
    BooleanType: (bool,),
    ByteType: (int,),
    ShortType: (int,),
    IntegerType: (int,),
    LongType: (int,),
    FloatType: (float,),
    DoubleType: (float,),
    DecimalType: (decimal.Decimal,),
    BinaryType: (bytearray, bytes),
    DateType: (datetime.date, datetime.datetime),
    TimeType: (datetime.time,),
    TimestampType: (datetime.datetime,),
    TimestampNTZType: (datetime.datetime,),
    DayTimeIntervalType: (datetime.timedelta,),
    ArrayType: (list, tuple, array.array),
    MapType: (dict,),
    StructType: (tuple, list, dict),
    GeometryType: (Geometry,),
    GeographyType: (Geography,),
}

# The inclusive range of each integral type.
_BOUNDS: dict[type[DataType], tuple[int, int]] = {
    ByteType: (-(1 << 7), (1 << 7) - 1),
    ShortType: (-(1 << 15), (1 << 15) - 1),
    IntegerType: (-(1 << 31), (1 << 31) - 1),
    LongType: (-(1 << 63), (1 << 63) - 1),
}

# Types whose values are not checked at all.
_ANY_VALUE = (StringType, CharType, VarcharType, VariantType)


def _with_name(condition: str, name: str | None, parameters: dict[str, str]) -> dict[str, Any]:
    """The error class and parameters, in the ``_WITH_NAME`` form when the value has a name."""
    if name is None:
        return {"errorClass": condition, "messageParameters": parameters}
    return {"errorClass": condition + "_WITH_NAME", "messageParameters": {"field_name": name, **parameters}}


def _unacceptable(data_type: DataType, name: str | None, obj: Any) -> PySparkTypeError:
    parameters = {"data_type": str(data_type), "obj": repr(obj), "obj_type": str(type(obj))}
    return PySparkTypeError(**_with_name("FIELD_DATA_TYPE_UNACCEPTABLE", name, parameters))


def _make_type_verifier(dataType: DataType, nullable: bool = True, name: str | None = None) -> Callable[[Any], None]:
    """A function that raises if a Python value cannot be a value of ``dataType``.

    ``nullable`` says whether ``None`` is allowed; ``name`` names the value in
    error messages (the verifier of a struct names its fields itself).

    Examples
    --------
    >>> _make_type_verifier(ArrayType(ShortType()))([1, 2, None])
    >>> _make_type_verifier(ByteType())(128)
    Traceback (most recent call last):
        ...
    pyrust.errors.exceptions.base.PySparkValueError: [VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), got 128
    >>> schema = StructType().add("a", IntegerType()).add("b", StringType(), False)
    >>> _make_type_verifier(schema)({"a": 1})
    Traceback (most recent call last):
        ...
    pyrust.errors.exceptions.base.PySparkValueError: [FIELD_NOT_NULLABLE_WITH_NAME] field b: This field is not nullable, but got None.
    """
    check_value = _value_checker(dataType, name)

    def verify(obj: Any) -> None:
        if obj is None or (isinstance(obj, decimal.Decimal) and obj.is_nan()):
            if not nullable:
                raise PySparkValueError(**_with_name("FIELD_NOT_NULLABLE", name, {}))
            return
        check_value(obj)

    return verify


def _value_checker(data_type: DataType, name: str | None) -> Callable[[Any], None]:
    """The checks of a value that is not null."""
    if isinstance(data_type, _ANY_VALUE):
        return lambda obj: None
    kind = type(data_type)

    def check_type(obj: Any) -> None:
        if kind not in _ACCEPTED:
            # PySpark fails the same way: an assertion naming the type it has no rule for.
            message = f"unknown datatype: {data_type} for object {obj!r}"
            raise AssertionError(message if name is None else f"{name}: {message}")
        if kind is not StructType and type(obj) not in _ACCEPTED[kind]:
            raise _unacceptable(data_type, name, obj)

    if isinstance(data_type, ArrayType):
        element = _make_type_verifier(data_type.elementType, data_type.containsNull, f"element in array {name}")

        def check_array(obj: Any) -> None:
            check_type(obj)
            for item in obj:
                element(item)

        return check_array
    if isinstance(data_type, MapType):
        key = _make_type_verifier(data_type.keyType, False, f"key of map {name}")
        value = _make_type_verifier(data_type.valueType, data_type.valueContainsNull, f"value of map {name}")

        def check_map(obj: Any) -> None:
            check_type(obj)
            for item_key, item_value in obj.items():
                key(item_key)
                value(item_value)

        return check_map
    if isinstance(data_type, StructType):
        return _struct_checker(data_type, name, check_type)
    bounds = _BOUNDS.get(kind)
    if bounds is None:
        return check_type
    lower, upper = bounds

    def check_integral(obj: Any) -> None:
        check_type(obj)
        if not lower <= obj <= upper:
            raise PySparkValueError(
                errorClass="VALUE_OUT_OF_BOUNDS",
                messageParameters={
                    "arg_name": "obj",
                    "lower_bound": str(lower),
                    "upper_bound": str(upper),
                    "actual": str(obj),
                },
            )

    return check_integral


def _struct_checker(data_type: StructType, name: str | None, check_type: Callable[[Any], None]) -> Callable[[Any], None]:
    """A struct's value: a dict (by field name), a tuple or list (by position), or an object's attributes."""
    fields = [
        (f.name, _make_type_verifier(f.dataType, f.nullable, f"field {f.name}" + ("" if name is None else f" in {name}")))
        for f in data_type.fields
    ]

    def check_struct(obj: Any) -> None:
        check_type(obj)
        if isinstance(obj, dict):
            for field_name, verify in fields:
                verify(obj.get(field_name))
        elif isinstance(obj, (tuple, list)):
            if len(obj) != len(fields):
                parameters = {"object_length": str(len(obj)), "field_length": str(len(fields))}
                raise PySparkValueError(**_with_name("FIELD_STRUCT_LENGTH_MISMATCH", name, parameters))
            for item, (_, verify) in zip(obj, fields):
                verify(item)
        elif hasattr(obj, "__dict__"):
            attributes = obj.__dict__
            for field_name, verify in fields:
                verify(attributes.get(field_name))
        else:
            raise _unacceptable(data_type, name, obj)

    return check_struct
