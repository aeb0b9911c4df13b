"""Spark's implicit casts of function arguments.

A function declares what each argument must be, as Spark's expression classes
do with ``inputTypes`` (``ImplicitCastInputTypes``): a concrete type
(``T.IntegerType()``) or an abstract one (``NUMERIC``, ``ANY``, ``one_of(...)``).
An argument of another type is cast when Spark would cast it implicitly
(Spark 4's ANSI coercion: a null to anything, a string to any atomic type,
numbers and datetimes to what can store them) and refused with
``DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`` otherwise.

Functions that declare no inputs are matched against their signatures in the
extension YAML in order, casting the same way (``_signature.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pyrust.sql import types as T

_INTEGRAL_AS_DECIMAL = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0), T.LongType: (20, 0)}
_DATETIMES = (T.DateType, T.TimestampType, T.TimestampNTZType)


def implicit_cast(actual: T.DataType, target: T.DataType) -> T.DataType | None:
    """The type Spark implicitly casts a value of ``actual`` to where ``target`` is
    expected: ``target`` itself, or ``None`` when Spark refuses."""
    if actual == target or isinstance(actual, T.NullType):
        return target
    if isinstance(actual, T.VariantType) or isinstance(target, T.VariantType):
        # Spark casts to and from VARIANT only explicitly.
        return None
    if isinstance(target, T.DecimalType) and isinstance(actual, T.IntegralType):
        return T.DecimalType(*_INTEGRAL_AS_DECIMAL[type(actual)])
    if isinstance(actual, T.StringType):
        return target if isinstance(target, T.AtomicType) else None
    if isinstance(target, T.StringType):
        return target if isinstance(actual, T.AtomicType) else None
    if isinstance(actual, T.NumericType) and isinstance(target, T.NumericType):
        return target
    if isinstance(actual, _DATETIMES) and isinstance(target, _DATETIMES):
        return target
    return None


class Expected:
    """What one argument must be (Spark's ``AbstractDataType``)."""

    def accepts(self, actual: T.DataType) -> bool:
        raise NotImplementedError

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        """The type an argument of ``actual`` is cast to, or ``None`` if it cannot be."""
        raise NotImplementedError

    def describe(self) -> str:
        """As Spark names it in ``requiredType`` (``"STRING"``, ``("STRING" or "BINARY")``)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Exactly(Expected):
    """One concrete type; others are cast to it when Spark allows."""

    data_type: T.DataType

    def accepts(self, actual: T.DataType) -> bool:
        if isinstance(self.data_type, T.DecimalType):
            return isinstance(actual, T.DecimalType)
        return actual == self.data_type

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        if self.accepts(actual):
            return actual
        return implicit_cast(actual, self.data_type)

    def describe(self) -> str:
        if isinstance(self.data_type, T.DecimalType):
            return '"DECIMAL"'
        return f'"{self.data_type.simpleString().upper()}"'


@dataclass(frozen=True)
class OfClass(Expected):
    """Any type of a class (``NUMERIC``, ``INTEGRAL``, ``ARRAY``...); a value of
    another type is cast to ``default`` when Spark allows it."""

    classes: tuple[type, ...]
    name: str
    default: T.DataType | None = None

    def accepts(self, actual: T.DataType) -> bool:
        return isinstance(actual, self.classes)

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        if self.accepts(actual):
            return actual
        if self.default is None:
            return T.NullType() if isinstance(actual, T.NullType) else None
        if isinstance(actual, T.NullType) or isinstance(actual, T.StringType):
            return self.default
        if isinstance(actual, T.NumericType) and issubclass(type(self.default), T.NumericType):
            return self.default
        if isinstance(actual, _DATETIMES) and isinstance(self.default, _DATETIMES):
            return self.default
        return None

    def describe(self) -> str:
        return f'"{self.name}"'


@dataclass(frozen=True)
class OneOf(Expected):
    """Any of several (Spark's ``TypeCollection``); a value none accepts is cast
    to the first it can be cast to."""

    options: tuple[Expected, ...]

    def accepts(self, actual: T.DataType) -> bool:
        return any(option.accepts(actual) for option in self.options)

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        for option in self.options:
            if option.accepts(actual):
                return actual
        for option in self.options:
            target = option.cast_target(actual)
            if target is not None:
                return target
        return None

    def describe(self) -> str:
        return "(" + " or ".join(option.describe() for option in self.options) + ")"


class _Any(Expected):
    def accepts(self, actual: T.DataType) -> bool:
        return True

    def cast_target(self, actual: T.DataType) -> T.DataType | None:
        return actual

    def describe(self) -> str:
        return '"ANY"'


def expected(declared: Expected | T.DataType) -> Expected:
    """A declaration's input as an ``Expected``: concrete types stand for themselves."""
    return declared if isinstance(declared, Expected) else Exactly(declared)


def one_of(*options: Expected | T.DataType) -> OneOf:
    return OneOf(tuple(expected(option) for option in options))


ANY: Expected = _Any()
STRING = Exactly(T.StringType())
BINARY = Exactly(T.BinaryType())
BOOLEAN = Exactly(T.BooleanType())
INT = Exactly(T.IntegerType())
LONG = Exactly(T.LongType())
DOUBLE = Exactly(T.DoubleType())
DATE = Exactly(T.DateType())
TIMESTAMP = Exactly(T.TimestampType())
NUMERIC = OfClass((T.NumericType,), "NUMERIC", T.DoubleType())
INTEGRAL = OfClass((T.IntegralType,), "INTEGRAL", T.LongType())
DECIMAL = OfClass((T.DecimalType,), "DECIMAL", T.DecimalType(38, 18))
ANY_TIMESTAMP = OfClass((T.TimestampType, T.TimestampNTZType), "(TIMESTAMP or TIMESTAMP WITHOUT TIME ZONE)", T.TimestampType())
ARRAY = OfClass((T.ArrayType,), "ARRAY")
MAP = OfClass((T.MapType,), "MAP")
STRUCT = OfClass((T.StructType,), "STRUCT")
STRING_OR_BINARY = one_of(STRING, BINARY)
