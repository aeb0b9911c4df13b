"""Spark SQL data types, as ``pyspark.sql.types`` exposes them.

Besides the type classes and their JSON forms, this module gives (under
PySpark's names) helpers defined in modules of their own:

* :func:`_parse_datatype_string` reads DDL such as ``"name STRING, age INT"``
  (``_type_parser.py``);
* :func:`to_arrow_type`, :func:`from_arrow_type`, :func:`to_arrow_schema` and
  :func:`from_arrow_schema` map to and from PyArrow (``_type_arrow.py``);
* :func:`_infer_type` and :func:`_infer_schema` infer types from Python data
  the way ``SparkSession.createDataFrame`` does (``_type_inference.py``);
* :func:`_make_type_verifier` checks Python values against a type
  (``_type_verifier.py``);
* the spatial types and values (``_spatial.py``).

The reprs, simple strings and JSON forms match PySpark 4.3 so that printed
schemas and error messages read the same.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from pyrust.errors import (
    PySparkIndexError,
    PySparkKeyError,
    PySparkNotImplementedError,
    PySparkTypeError,
    PySparkValueError,
)

__all__ = [
    "DataType",
    "NullType",
    "StringType",
    "CharType",
    "VarcharType",
    "BinaryType",
    "BooleanType",
    "DateType",
    "TimestampType",
    "TimestampNTZType",
    "TimeType",
    "VariantType",
    "VariantVal",
    "DayTimeIntervalType",
    "YearMonthIntervalType",
    "CalendarIntervalType",
    "DecimalType",
    "DoubleType",
    "FloatType",
    "ByteType",
    "ShortType",
    "IntegerType",
    "LongType",
    "ArrayType",
    "MapType",
    "StructField",
    "StructType",
    "Row",
    "GeometryType",
    "GeographyType",
    "Geometry",
    "Geography",
    "to_arrow_type",
    "from_arrow_type",
    "to_arrow_schema",
    "from_arrow_schema",
]


# ---------------------------------------------------------------------------
# Type classes
# ---------------------------------------------------------------------------


def _check_data_type(value: Any, arg_name: str) -> None:
    if not isinstance(value, DataType):
        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": arg_name, "expected_type": "DataType", "arg_type": type(value).__name__},
        )


class DataType:
    """Base class of all data types."""

    def __repr__(self) -> str:
        return self.__class__.__name__ + "()"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    @classmethod
    def typeName(cls) -> str:
        """The lower-case name Spark uses in JSON, e.g. ``"integer"`` for IntegerType."""
        return cls.__name__[: -len("Type")].lower()

    def simpleString(self) -> str:
        """The SQL-style name, e.g. ``"int"`` or ``"array<string>"``."""
        return self.typeName()

    def jsonValue(self) -> Any:
        """The value of this type in Spark's JSON schema format."""
        return self.typeName()

    def json(self) -> str:
        """This type in Spark's compact JSON schema format."""
        return json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    def needConversion(self) -> bool:
        """Whether :meth:`toInternal`/:meth:`fromInternal` change values of this type."""
        return False

    def toInternal(self, obj: Any) -> Any:
        """A Python value in Spark's internal form (PySpark's, e.g. days since the epoch for a date)."""
        return obj

    def fromInternal(self, obj: Any) -> Any:
        """The Python value of Spark's internal form."""
        return obj

    @classmethod
    def fromDDL(cls, ddl: str) -> DataType:
        """Parse a DDL string; see :func:`_parse_datatype_string`."""
        return _parse_datatype_string(ddl)


def _no_conversion(feature: str) -> PySparkNotImplementedError:
    """PySpark has no Python form for these values either."""
    return PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _as_nullable(data_type: DataType) -> DataType:
    """``data_type`` with every field, element and value nullable, at any depth."""
    if isinstance(data_type, ArrayType):
        return ArrayType(_as_nullable(data_type.elementType), True)
    if isinstance(data_type, MapType):
        return MapType(_as_nullable(data_type.keyType), _as_nullable(data_type.valueType), True)
    if isinstance(data_type, StructType):
        return StructType(
            [StructField(f.name, _as_nullable(f.dataType), True, f.metadata) for f in data_type.fields]
        )
    return data_type


class _Singleton(DataType):
    """A type without parameters: every call returns the same instance.

    PySpark makes ``IntegerType() is IntegerType()`` true; keeping one
    instance per class also makes equality checks cheap.
    """

    _instances: ClassVar[dict[type, DataType]] = {}

    def __new__(cls) -> _Singleton:
        instance = _Singleton._instances.get(cls)
        if instance is None:
            instance = super().__new__(cls)
            _Singleton._instances[cls] = instance
        return instance

    def __reduce__(self) -> tuple:
        return (self.__class__, ())


class AtomicType(DataType):
    """Marker for non-nested types."""


class NumericType(AtomicType):
    """Marker for numeric types."""


class IntegralType(NumericType):
    """Marker for integer types."""


class FractionalType(NumericType):
    """Marker for floating-point and decimal types."""


class NullType(_Singleton, DataType):
    """The type of ``None``; Spark calls it ``void``."""

    @classmethod
    def typeName(cls) -> str:
        return "void"


class StringType(_Singleton, AtomicType):
    """UTF-8 strings."""


class CharType(AtomicType):
    """Strings of exactly ``length`` characters (``char(n)``). DataFrames hold
    them as :class:`StringType`, as Spark's do (``cast("char(3)")`` gives a string)."""

    def __init__(self, length: int) -> None:
        self.length = length

    def simpleString(self) -> str:
        return f"char({self.length})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"CharType({self.length})"


class VarcharType(AtomicType):
    """Strings of at most ``length`` characters (``varchar(n)``); DataFrames
    hold them as :class:`StringType`, like :class:`CharType`."""

    def __init__(self, length: int) -> None:
        self.length = length

    def simpleString(self) -> str:
        return f"varchar({self.length})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"VarcharType({self.length})"


class BinaryType(_Singleton, AtomicType):
    """Byte strings."""


class BooleanType(_Singleton, AtomicType):
    """True or false."""


class DatetimeType(AtomicType):
    """Marker for dates, timestamps and times."""


class AnyTimeType(DatetimeType):
    """Marker for times of day."""


class DateType(_Singleton, DatetimeType):
    """Calendar dates (``datetime.date``); internally days since 1970-01-01."""

    EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()

    def needConversion(self) -> bool:
        return True

    def toInternal(self, d: datetime.date | None) -> int | None:
        return None if d is None else d.toordinal() - self.EPOCH_ORDINAL

    def fromInternal(self, v: int | None) -> datetime.date | None:
        return None if v is None else datetime.date.fromordinal(v + self.EPOCH_ORDINAL)


class TimestampType(_Singleton, DatetimeType):
    """Instants with microsecond precision, shown in the session time zone; internally
    microseconds since the epoch (a naive ``datetime`` is read in the process's time zone)."""

    def needConversion(self) -> bool:
        return True

    def toInternal(self, dt: datetime.datetime | None) -> int | None:
        if dt is None:
            return None
        seconds = calendar.timegm(dt.utctimetuple()) if dt.tzinfo else time.mktime(dt.timetuple())
        return int(seconds) * 1_000_000 + dt.microsecond

    def fromInternal(self, ts: int | None) -> datetime.datetime | None:
        if ts is None:
            return None
        return datetime.datetime.fromtimestamp(ts // 1_000_000).replace(microsecond=ts % 1_000_000)


class TimestampNTZType(_Singleton, DatetimeType):
    """Timestamps without time zone (wall-clock ``datetime.datetime``); internally
    microseconds since 1970-01-01 00:00 of the same wall clock."""

    def needConversion(self) -> bool:
        return True

    def toInternal(self, dt: datetime.datetime | None) -> int | None:
        return None if dt is None else calendar.timegm(dt.timetuple()) * 1_000_000 + dt.microsecond

    def fromInternal(self, ts: int | None) -> datetime.datetime | None:
        if ts is None:
            return None
        moment = datetime.datetime.fromtimestamp(ts // 1_000_000, datetime.timezone.utc)
        return moment.replace(microsecond=ts % 1_000_000, tzinfo=None)

    @classmethod
    def typeName(cls) -> str:
        return "timestamp_ntz"


class VariantType(_Singleton, AtomicType):
    """Semi-structured values (JSON-like objects, arrays and scalars) in
    Spark's binary encoding; rows hold :class:`VariantVal` objects."""

    def needConversion(self) -> bool:
        return True

    def toInternal(self, variant: Any) -> Any:
        return None if variant is None else {"value": variant.value, "metadata": variant.metadata}

    def fromInternal(self, obj: Any) -> Any:
        if obj is None or "value" not in obj or "metadata" not in obj:
            return None
        return VariantVal(obj["value"], obj["metadata"])


class TimeType(AnyTimeType):
    """Times of day (``datetime.time``) with ``precision`` digits of the second's fraction (pyrust: 6)."""

    def __init__(self, precision: int = 6) -> None:
        self.precision = precision

    @classmethod
    def typeName(cls) -> str:
        return "time"

    def simpleString(self) -> str:
        return f"time({self.precision})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"TimeType({self.precision})"

    def needConversion(self) -> bool:
        return True

    def toInternal(self, t: datetime.time | None) -> int | None:
        """Nanoseconds since midnight."""
        if t is None:
            return None
        return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000_000 + t.microsecond * 1_000

    def fromInternal(self, nano: int | None) -> datetime.time | None:
        if nano is None:
            return None
        seconds, rest = divmod(nano, 1_000_000_000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return datetime.time(hour, minute, second, rest // 1_000)


class AnsiIntervalType(AtomicType):
    """An ANSI interval type: a range of fields, from ``startField`` to ``endField``."""

    _FIELDS: ClassVar[dict[int, str]] = {}
    _DEFAULT: ClassVar[tuple[int, int]] = (0, 0)

    def __init__(self, startField: int | None = None, endField: int | None = None) -> None:
        if startField is None and endField is None:
            startField, endField = self._DEFAULT
        elif endField is None:
            endField = startField
        fields = self._FIELDS
        if startField not in fields or endField not in fields or endField < startField:
            from pyrust.errors import PySparkRuntimeError

            raise PySparkRuntimeError(
                errorClass="INVALID_INTERVAL_CASTING",
                messageParameters={"start_field": str(startField), "end_field": str(endField)},
            )
        self.startField = startField
        self.endField = endField

    def _range(self) -> str:
        start = self._FIELDS[self.startField]
        end = self._FIELDS[self.endField]
        return start if start == end else f"{start} to {end}"

    def simpleString(self) -> str:
        return f"interval {self._range()}"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.startField}, {self.endField})"

    def needConversion(self) -> bool:
        return True


class DayTimeIntervalType(AnsiIntervalType):
    """Day-time intervals (``datetime.timedelta``, microsecond precision) over a range of
    the fields ``DAY``, ``HOUR``, ``MINUTE``, ``SECOND``."""

    DAY = 0
    HOUR = 1
    MINUTE = 2
    SECOND = 3
    _FIELDS: ClassVar[dict[int, str]] = {0: "day", 1: "hour", 2: "minute", 3: "second"}
    _DEFAULT: ClassVar[tuple[int, int]] = (0, 3)

    @classmethod
    def typeName(cls) -> str:
        return "daytimeinterval"

    def toInternal(self, dt: datetime.timedelta | None) -> int | None:
        """Microseconds."""
        return None if dt is None else (dt.days * 86400 + dt.seconds) * 1_000_000 + dt.microseconds

    def fromInternal(self, micros: int | None) -> datetime.timedelta | None:
        return None if micros is None else datetime.timedelta(microseconds=micros)


class YearMonthIntervalType(AnsiIntervalType):
    """Year-month intervals (a number of months) over a range of the fields ``YEAR``, ``MONTH``."""

    YEAR = 0
    MONTH = 1
    _FIELDS: ClassVar[dict[int, str]] = {0: "year", 1: "month"}
    _DEFAULT: ClassVar[tuple[int, int]] = (0, 1)

    @classmethod
    def typeName(cls) -> str:
        return "yearmonthinterval"

    def toInternal(self, obj: Any) -> Any:
        raise _no_conversion("YearMonthIntervalType.toInternal")

    def fromInternal(self, obj: Any) -> Any:
        raise _no_conversion("YearMonthIntervalType.fromInternal")


class CalendarIntervalType(_Singleton, DataType):
    """Spark's calendar intervals (months, days and microseconds); PySpark cannot collect them."""

    @classmethod
    def typeName(cls) -> str:
        return "interval"

    def needConversion(self) -> bool:
        return True

    def toInternal(self, obj: Any) -> Any:
        raise _no_conversion("CalendarIntervalType.toInternal")

    def fromInternal(self, obj: Any) -> Any:
        raise _no_conversion("CalendarIntervalType.fromInternal")


class DoubleType(_Singleton, FractionalType):
    """64-bit floating point."""


class FloatType(_Singleton, FractionalType):
    """32-bit floating point."""


class ByteType(_Singleton, IntegralType):
    """8-bit signed integers (``tinyint``)."""

    def simpleString(self) -> str:
        return "tinyint"


class ShortType(_Singleton, IntegralType):
    """16-bit signed integers (``smallint``)."""

    def simpleString(self) -> str:
        return "smallint"


class IntegerType(_Singleton, IntegralType):
    """32-bit signed integers (``int``)."""

    def simpleString(self) -> str:
        return "int"


class LongType(_Singleton, IntegralType):
    """64-bit signed integers (``bigint``)."""

    def simpleString(self) -> str:
        return "bigint"


class DecimalType(FractionalType):
    """Fixed-point decimals.

    Parameters
    ----------
    precision : int, default 10
        Total number of digits (at most 38).
    scale : int, default 0
        Digits after the decimal point.
    """

    def __init__(self, precision: int = 10, scale: int = 0) -> None:
        self.precision = precision
        self.scale = scale
        self.hasPrecisionInfo = True

    def simpleString(self) -> str:
        return f"decimal({self.precision},{self.scale})"

    def jsonValue(self) -> str:
        return self.simpleString()

    def __repr__(self) -> str:
        return f"DecimalType({self.precision},{self.scale})"


class ArrayType(DataType):
    """Arrays of ``elementType``.

    Parameters
    ----------
    elementType : DataType
        Type of the elements.
    containsNull : bool, default True
        Whether elements may be null.
    """

    def __init__(self, elementType: DataType, containsNull: bool = True) -> None:
        _check_data_type(elementType, "elementType")
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        return f"array<{self.elementType.simpleString()}>"

    def toNullable(self) -> ArrayType:
        """The same type with every nullability flag true, at any depth."""
        return _as_nullable(self)  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"ArrayType({self.elementType!r}, {self.containsNull})"

    def jsonValue(self) -> dict[str, Any]:
        return {"type": self.typeName(), "elementType": self.elementType.jsonValue(), "containsNull": self.containsNull}

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> ArrayType:
        """Build the type from its JSON value."""
        return ArrayType(_parse_datatype_json_value(json["elementType"]), json["containsNull"])

    def needConversion(self) -> bool:
        return self.elementType.needConversion()

    def toInternal(self, obj: Any) -> Any:
        if not obj or not self.needConversion():
            return obj
        return [self.elementType.toInternal(item) for item in obj]

    def fromInternal(self, obj: Any) -> Any:
        if not obj or not self.needConversion():
            return obj
        return [self.elementType.fromInternal(item) for item in obj]


class MapType(DataType):
    """Maps from ``keyType`` to ``valueType``; keys are never null.

    Parameters
    ----------
    keyType : DataType
    valueType : DataType
    valueContainsNull : bool, default True
        Whether values may be null.
    """

    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True) -> None:
        _check_data_type(keyType, "keyType")
        _check_data_type(valueType, "valueType")
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        return f"map<{self.keyType.simpleString()},{self.valueType.simpleString()}>"

    def toNullable(self) -> MapType:
        """The same type with every nullability flag true, at any depth."""
        return _as_nullable(self)  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"MapType({self.keyType!r}, {self.valueType!r}, {self.valueContainsNull})"

    def jsonValue(self) -> dict[str, Any]:
        return {
            "type": self.typeName(),
            "keyType": self.keyType.jsonValue(),
            "valueType": self.valueType.jsonValue(),
            "valueContainsNull": self.valueContainsNull,
        }

    @classmethod
    def fromJson(cls, json: dict[str, Any]) -> MapType:
        """Build the type from its JSON value."""
        return MapType(
            _parse_datatype_json_value(json["keyType"]),
            _parse_datatype_json_value(json["valueType"]),
            json["valueContainsNull"],
        )

    def needConversion(self) -> bool:
        return self.keyType.needConversion() or self.valueType.needConversion()

    def toInternal(self, obj: Any) -> Any:
        if not obj or not self.needConversion():
            return obj
        return {self.keyType.toInternal(key): self.valueType.toInternal(value) for key, value in obj.items()}

    def fromInternal(self, obj: Any) -> Any:
        if not obj or not self.needConversion():
            return obj
        return {self.keyType.fromInternal(key): self.valueType.fromInternal(value) for key, value in obj.items()}


class StructField(DataType):
    """A named field of a :class:`StructType`.

    Parameters
    ----------
    name : str
    dataType : DataType
    nullable : bool, default True
    metadata : dict, optional
        Free-form metadata; two fields differing only in metadata are unequal.
    """

    def __init__(self, name: str, dataType: DataType, nullable: bool = True, metadata: dict | None = None) -> None:
        if not isinstance(name, str):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "name", "expected_type": "str", "arg_type": type(name).__name__},
            )
        _check_data_type(dataType, "dataType")
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        return f"{self.name}:{self.dataType.simpleString()}"

    def __repr__(self) -> str:
        # As PySpark: the name between quotes as it is, even when it holds quotes.
        return f"StructField('{self.name}', {self.dataType!r}, {self.nullable})"

    def jsonValue(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.dataType.jsonValue(),
            "nullable": self.nullable,
            "metadata": self.metadata,
        }

    def needConversion(self) -> bool:
        return self.dataType.needConversion()

    def toInternal(self, obj: Any) -> Any:
        return self.dataType.toInternal(obj)

    def fromInternal(self, obj: Any) -> Any:
        return self.dataType.fromInternal(obj)

    @classmethod
    def fromJson(cls, value: dict[str, Any]) -> StructField:
        """Build a field from its JSON value."""
        return StructField(
            value["name"], _parse_datatype_json_value(value["type"]), value.get("nullable", True), value.get("metadata")
        )


class StructType(DataType):
    """A row type: an ordered list of :class:`StructField`.

    Parameters
    ----------
    fields : list of StructField, optional
    """

    def __init__(self, fields: Iterable[StructField] | None = None) -> None:
        self.fields: list[StructField] = []
        for field in fields or []:
            if not isinstance(field, StructField):
                raise PySparkTypeError(
                    errorClass="NOT_EXPECTED_TYPE",
                    messageParameters={
                        "arg_name": "fields",
                        "expected_type": "list of StructField",
                        "arg_type": type(field).__name__,
                    },
                )
            self.fields.append(field)

    def toNullable(self) -> StructType:
        """The same type with every nullability flag true, at any depth."""
        return _as_nullable(self)  # type: ignore[return-value]

    @property
    def names(self) -> list[str]:
        """The field names, in order."""
        return [field.name for field in self.fields]

    def fieldNames(self) -> list[str]:
        """The field names, in order."""
        return self.names

    def add(
        self,
        field: str | StructField,
        data_type: str | DataType | None = None,
        nullable: bool = True,
        metadata: dict | None = None,
    ) -> StructType:
        """Append a field and return this struct (so calls can be chained).

        Parameters
        ----------
        field : str or StructField
            A complete field, or the name of a new one.
        data_type : str or DataType, optional
            Required with a name.  A string may be a JSON type name
            (``"integer"``) as PySpark accepts, or any DDL type (``"int"``).
        nullable : bool, default True
        metadata : dict, optional
        """
        if isinstance(field, StructField):
            self.fields.append(field)
            return self
        if not isinstance(field, str):
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "arg_name": "field",
                    "expected_type": "str or StructField",
                    "arg_type": type(field).__name__,
                },
            )
        if data_type is None:
            raise PySparkValueError(
                errorClass="ARGUMENT_REQUIRED",
                messageParameters={"arg_name": "data_type", "condition": "passing name of struct_field to create"},
            )
        if isinstance(data_type, str):
            data_type = _type_from_name(data_type)
        self.fields.append(StructField(field, data_type, nullable, metadata))
        return self

    def __iter__(self) -> Iterator[StructField]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            for field in self.fields:
                if field.name == key:
                    return field
            raise PySparkKeyError(errorClass="KEY_NOT_EXISTS", messageParameters={"key": key})
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return self.fields[key]
            except IndexError:
                raise PySparkIndexError(
                    errorClass="INDEX_OUT_OF_RANGE", messageParameters={"arg_name": "StructType", "index": str(key)}
                ) from None
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": "key", "expected_type": "int, slice or str", "arg_type": type(key).__name__},
        )

    def simpleString(self) -> str:
        return "struct<" + ",".join(field.simpleString() for field in self.fields) + ">"

    def __repr__(self) -> str:
        return "StructType([" + ", ".join(repr(field) for field in self.fields) + "])"

    def jsonValue(self) -> dict[str, Any]:
        return {"type": self.typeName(), "fields": [field.jsonValue() for field in self.fields]}

    @classmethod
    def fromJson(cls, value: dict[str, Any]) -> StructType:
        """Build a struct from its JSON value."""
        return StructType([StructField.fromJson(field) for field in value["fields"]])

    def treeString(self, level: int | None = None) -> str:
        """The ``printSchema`` text of this struct; see :func:`pyrust.sql._show.tree_string`."""
        from pyrust.sql._show import tree_string

        return tree_string(self, level)

    def needConversion(self) -> bool:
        return True

    def toInternal(self, obj: Any) -> tuple | None:
        """A row (tuple, list, dict, ``Row`` or object with attributes) as a tuple of internal values."""
        if obj is None:
            return None
        if isinstance(obj, VariantVal):
            msg = "Rows cannot be of type VariantVal"
            raise PySparkValueError(msg)
        names = [field.name for field in self.fields]
        if isinstance(obj, dict):
            values = [obj.get(name) for name in names]
        elif isinstance(obj, (tuple, list)):
            values = list(obj)
        elif hasattr(obj, "__dict__"):
            values = [obj.__dict__.get(name) for name in names]
        else:
            raise PySparkValueError(errorClass="UNEXPECTED_TUPLE_WITH_STRUCT", messageParameters={"tuple": str(obj)})
        return tuple(
            field.toInternal(value) if field.needConversion() else value for field, value in zip(self.fields, values)
        )

    def fromInternal(self, obj: Any) -> Any:
        """A tuple of internal values as a :class:`Row`."""
        from pyrust.sql.row import _create_row  # noqa: PLC0415 - row imports this module

        if obj is None or isinstance(obj, Row):
            return obj
        values = [field.fromInternal(value) if field.needConversion() else value for field, value in zip(self.fields, obj)]
        return _create_row([field.name for field in self.fields], values)

    def toDDL(self) -> str:
        """This struct as a DDL column list, e.g. ``"a INT,b STRING"``."""
        return ",".join(_ddl_column(field, " ") for field in self.fields)


def _quote_if_needed(name: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "`" + name.replace("`", "``") + "`"


def _ddl_column(field: StructField, separator: str) -> str:
    text = f"{_quote_if_needed(field.name)}{separator}{_ddl_type(field.dataType)}"
    if not field.nullable:
        text += " NOT NULL"
    comment = field.metadata.get("comment")
    if comment is not None:
        text += " COMMENT '" + str(comment).replace("\\", "\\\\").replace("'", "\\'") + "'"
    return text


def _ddl_type(data_type: DataType) -> str:
    if isinstance(data_type, ArrayType):
        return f"ARRAY<{_ddl_type(data_type.elementType)}>"
    if isinstance(data_type, MapType):
        return f"MAP<{_ddl_type(data_type.keyType)}, {_ddl_type(data_type.valueType)}>"
    if isinstance(data_type, StructType):
        return "STRUCT<" + ", ".join(_ddl_column(field, ": ") for field in data_type.fields) + ">"
    return data_type.simpleString().upper()


# ---------------------------------------------------------------------------
# JSON type names
# ---------------------------------------------------------------------------

_ATOMIC_BY_JSON_NAME: dict[str, type[DataType]] = {
    cls.typeName(): cls
    for cls in (
        NullType,
        StringType,
        BinaryType,
        BooleanType,
        DateType,
        TimestampType,
        TimestampNTZType,
        DoubleType,
        FloatType,
        ByteType,
        ShortType,
        IntegerType,
        LongType,
        VariantType,
    )
}
# The largest decimal precision Spark allows.
_MAX_PRECISION = 38
_DECIMAL_JSON = re.compile(r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)")
_LENGTH_JSON = re.compile(r"(char|varchar)\(\s*(\d+)\s*\)")
_TIME_JSON = re.compile(r"time\(\s*(\d+)\s*\)")
_GEOMETRY_JSON = re.compile(r"geometry\(\s*(\w+:-?\w+)\s*\)")
_GEOGRAPHY_JSON = re.compile(r"geography\(\s*(\w+:-?\w+)\s*(?:,\s*(\w+)\s*)?\)")
_GEOGRAPHY_ALGORITHM_JSON = re.compile(r"geography\(\s*(\w+)\s*\)")
_INTERVAL_JSON = re.compile(r"interval (year|month|day|hour|minute|second)(?: to (year|month|day|hour|minute|second))?")


def _ansi_interval(start: str, end: str) -> DataType:
    """The ANSI interval type from ``start`` to ``end`` (field names in lower case)."""
    for cls in (YearMonthIntervalType, DayTimeIntervalType):
        names = {name: index for index, name in cls._FIELDS.items()}
        if start in names and end in names:
            return cls(names[start], names[end])
    raise PySparkValueError(errorClass="CANNOT_PARSE_DATATYPE", messageParameters={"msg": f"interval {start} to {end}"})


def _parse_datatype_json_value(value: Any) -> DataType:
    """The type described by a value of Spark's JSON schema format."""
    if isinstance(value, str):
        if value in _ATOMIC_BY_JSON_NAME:
            return _ATOMIC_BY_JSON_NAME[value]()
        if value == "decimal":
            return DecimalType()
        if value == "interval":
            return CalendarIntervalType()
        match = _INTERVAL_JSON.fullmatch(value)
        if match:
            return _ansi_interval(match.group(1), match.group(2) or match.group(1))
        match = _DECIMAL_JSON.fullmatch(value)
        if match:
            return DecimalType(int(match.group(1)), int(match.group(2)))
        spatial = _spatial_from_json(value)
        if spatial is not None:
            return spatial
        match = _LENGTH_JSON.fullmatch(value)
        if match:
            return (CharType if match.group(1) == "char" else VarcharType)(int(match.group(2)))
        match = _TIME_JSON.fullmatch(value)
        if match:
            return TimeType(int(match.group(1)))
        raise PySparkValueError(errorClass="CANNOT_PARSE_DATATYPE", messageParameters={"msg": value})
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "array":
            return ArrayType(_parse_datatype_json_value(value["elementType"]), value.get("containsNull", True))
        if kind == "map":
            return MapType(
                _parse_datatype_json_value(value["keyType"]),
                _parse_datatype_json_value(value["valueType"]),
                value.get("valueContainsNull", True),
            )
        if kind == "struct":
            return StructType.fromJson(value)
    raise PySparkValueError(errorClass="CANNOT_PARSE_DATATYPE", messageParameters={"msg": str(value)})


def _spatial_from_json(value: str) -> DataType | None:
    """The spatial type a JSON name gives (``"geometry(OGC:CRS84)"``, bare ``"geography"``), or None."""
    if value == "geometry":
        return GeometryType(GeometryType.DEFAULT_SRID)
    if value == "geography":
        return GeographyType(GeographyType.DEFAULT_SRID)
    match = _GEOMETRY_JSON.fullmatch(value)
    if match:
        return GeometryType._with_crs(match.group(1))
    match = _GEOGRAPHY_JSON.fullmatch(value)
    if match:
        return GeographyType._with_crs_and_algorithm(match.group(1), match.group(2) or GeographyType.DEFAULT_ALG)
    match = _GEOGRAPHY_ALGORITHM_JSON.fullmatch(value)
    if match:
        return GeographyType._with_crs_and_algorithm(GeographyType.DEFAULT_CRS, match.group(1))
    return None


def _parse_datatype_json_string(json_string: str) -> DataType:
    """The type a JSON schema string describes, such as ``DataType.json()`` returns.

    Examples
    --------
    >>> _parse_datatype_json_string('{"type":"array","elementType":"short","containsNull":false}')
    ArrayType(ShortType(), False)
    >>> _parse_datatype_json_string(StructType([StructField("c", CharType(3))]).json())
    StructType([StructField('c', CharType(3), True)])
    """
    return _parse_datatype_json_value(json.loads(json_string))


# The types a bare JSON name gives, by that name (``"integer"`` -> IntegerType);
# parameterised names (``"decimal(10,2)"``, ``"char(3)"``) are read by pattern.
_all_mappable_types: dict[str, type[DataType]] = {
    **{name: cls for name, cls in _ATOMIC_BY_JSON_NAME.items() if cls is not NullType},
    "void": NullType,
    "decimal": DecimalType,
    "interval": CalendarIntervalType,
}
_all_complex_types: dict[str, type[DataType]] = {"array": ArrayType, "map": MapType, "struct": StructType}


def _type_from_name(name: str) -> DataType:
    """A type from a JSON name (``"integer"``) or, failing that, from DDL (``"int"``)."""
    try:
        return _parse_datatype_json_value(name)
    except PySparkValueError:
        return _parse_datatype_string(name)


# ---------------------------------------------------------------------------
# DDL parsing (the parser itself is in _type_parser.py)
# ---------------------------------------------------------------------------


def _parse_datatype_string(s: str) -> DataType:
    """Parse a DDL type or schema string the way PySpark does.

    Accepted forms, tried in this order:

    1. a column list: ``"name STRING, age INT NOT NULL"``;
    2. a single type: ``"int"``, ``"array<string>"``, ``"map<string,int>"``,
       ``"decimal(10,2)"``, ``"struct<a:int>"``;
    3. struct fields with colons: ``"a: int, b: string"``.

    Names may be backquoted (```a b` INT``); type names are case-insensitive
    and accept Spark's aliases (``long``/``bigint``, ``integer``/``int``,
    ``short``/``smallint``, ``byte``/``tinyint``, ``real``/``float``,
    ``dec``/``numeric``/``decimal``, ``timestamp_ltz``/``timestamp``, ``void``).
    ``char(n)`` and ``varchar(n)`` give :class:`CharType`/:class:`VarcharType`,
    ``geometry(srid)``/``geography(srid)`` (an SRID or ``any``) the spatial
    types.  A column list (even an empty one) gives a StructType.

    Raises
    ------
    ParseException
        For syntax errors (``PARSE_SYNTAX_ERROR``), unknown types
        (``UNSUPPORTED_DATATYPE``) and similar; the message points at the
        problem like Spark's, reporting the column-list attempt.
    ArithmeticException
        For a decimal precision above 38, as Spark does.
    PySparkNotImplementedError
        For types Spark has but PyRust lacks (intervals, variant, ...).
    """
    from pyrust.sql._type_parser import parse_datatype_string  # noqa: PLC0415 - it imports this module

    return parse_datatype_string(s)


def _replace_char_varchar(data_type: DataType) -> DataType:
    """``data_type`` with every CharType and VarcharType, at any depth, as StringType:
    the type a DataFrame column of that type has in Spark."""
    if isinstance(data_type, (CharType, VarcharType)):
        return StringType()
    if isinstance(data_type, ArrayType):
        return ArrayType(_replace_char_varchar(data_type.elementType), data_type.containsNull)
    if isinstance(data_type, MapType):
        return MapType(
            _replace_char_varchar(data_type.keyType),
            _replace_char_varchar(data_type.valueType),
            data_type.valueContainsNull,
        )
    if isinstance(data_type, StructType):
        return StructType(
            [StructField(f.name, _replace_char_varchar(f.dataType), f.nullable, f.metadata) for f in data_type.fields]
        )
    return data_type


def _parse_ddl(s: str) -> DataType:
    """:func:`_parse_datatype_string` with ``char(n)``/``varchar(n)`` read as StringType,
    as Spark reads a DDL schema or type for a DataFrame (``cast``, reader schemas, ...)."""
    return _replace_char_varchar(_parse_datatype_string(s))


# PySpark exposes Row from its types module too (`from pyspark.sql.types import Row`).
from pyrust.sql.row import Row  # noqa: E402


from pyrust.sql._variant import VariantVal  # noqa: E402 - re-exported; it needs nothing of this module

# Defined on top of this module's classes, re-exported under PySpark's names.
from pyrust.sql._spatial import (  # noqa: E402
    Geography,
    GeographyType,
    Geometry,
    GeometryType,
    SpatialType,
)
from pyrust.sql._type_arrow import (  # noqa: E402
    _check_time_precision,
    from_arrow_schema,
    from_arrow_type,
    to_arrow_schema,
    to_arrow_type,
)
from pyrust.sql._type_inference import _has_nulltype, _infer_schema, _infer_type, _merge_type  # noqa: E402
from pyrust.sql._type_verifier import _make_type_verifier  # noqa: E402
