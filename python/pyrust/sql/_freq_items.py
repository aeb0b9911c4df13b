"""``DataFrame.freqItems``: Spark's frequent items, with Spark's items in Spark's order.

Spark keeps, per column, a map of at most ``size = int(1 / support)`` items with
counts (Karp, Schenker and Papadimitriou's algorithm): a new item enters while
the map has room, else every count drops by the smallest one and the items at
zero leave. Partitions build their maps apart and Spark merges them, so once a
column has more than ``size`` distinct values (nulls and each NaN count as
values), which items survive depends on Spark's partitions; pyrust raises
NOT_IMPLEMENTED there. With at most ``size`` distinct values nothing is ever
dropped: the items are the distinct values, computed here with one grouping.

The result lists them in the order of the Scala ``mutable.HashMap`` Spark
returns them from: by bucket of the improved hash (``h ^ (h >>> 16)``, table of
``16 * 2^k`` slots grown at a 0.75 load), then by that hash. The hash of a
value is Scala's ``##`` of Spark's internal value: the number itself for
integers and dates, ``Statics.longHash``/``doubleHash``/``floatHash`` for
longs, timestamps and floating point numbers, ``UTF8String.hashCode`` (Murmur3
of the bytes, seed 42) for strings, 1231/1237 for booleans and 0 for null.
"""

from __future__ import annotations

import decimal
import math
import struct
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._expressions import ColumnReference
from pyrust.sql.column import Column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_MASK = 0xFFFFFFFF
_INT_TYPES = (T.ByteType, T.ShortType, T.IntegerType, T.DateType)
_LONG_TYPES = (T.LongType, T.TimestampType, T.TimestampNTZType)
_SUPPORTED = (*_INT_TYPES, *_LONG_TYPES, T.FloatType, T.DoubleType, T.StringType, T.BooleanType, T.NullType)


def freq_items(frame: DataFrame, cols: Any, support: float | None) -> DataFrame:
    """One row: for each of ``cols`` an array ``<col>_freqItems`` of its frequent items."""
    from pyrust.sql._analyzer import Attribute

    if isinstance(cols, tuple):
        cols = list(cols)
    if not isinstance(cols, list):
        raise errors.PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": "cols", "expected_type": "list or tuple", "arg_type": type(cols).__name__},
        )
    if not support:
        support = 0.01
    if not 1e-4 <= support <= 1.0:
        msg = f"requirement failed: Support must be in [1e-4, 1], but got {_java_double(float(support))}."
        raise errors.IllegalArgumentException(msg)
    size = int(1 / support)
    arrays, attributes = [], []
    for name in cols:
        values = frame.select(Column(ColumnReference(name)))
        data_type = values._attributes[0].data_type
        arrays.append(_items(values, name, data_type, size))
        attributes.append(Attribute(f"{name}_freqItems", T.ArrayType(data_type, True), False))
    table = pa.Table.from_arrays(arrays, names=[f"c{index}" for index in range(len(arrays))])
    return frame._materialized(table, attributes)


def _items(values: DataFrame, name: str, data_type: T.DataType, size: int) -> pa.Array:
    """The one-element list array of ``values``' (one column) frequent items, in Spark's order."""
    if not isinstance(data_type, _SUPPORTED):
        raise _not_implemented(f"DataFrame.freqItems of a {data_type.simpleString()} column (Spark's order of its items)")
    # Each distinct value (null included) with its number of rows; NaN is one group here.
    grouped = values.groupBy(Column(ColumnReference(name))).count()._computed().combine_chunks()
    keys, counts = grouped.column(0).chunk(0) if grouped.num_rows else pa.array([], grouped.schema.field(0).type), grouped.column(1)
    python_keys = _hash_inputs(keys, data_type)
    entries: list[int] = []
    if isinstance(data_type, (T.FloatType, T.DoubleType)):
        zeros = [value for value in python_keys if value == 0.0 and value is not None]
        if len({math.copysign(1.0, value) for value in zeros}) > 1:
            raise _not_implemented("DataFrame.freqItems of 0.0 and -0.0 together (which one Spark shows depends on its partitions)")
    repeated = False
    for index, (value, count) in enumerate(zip(python_keys, counts.to_pylist())):
        # Scala compares a NaN to nothing, itself included: every NaN row is an item of its own.
        copies = count if isinstance(value, float) and math.isnan(value) else 1
        entries.extend([index] * copies)
        repeated = repeated or (count > 1 and copies == 1)
    if len(entries) > size:
        raise _not_implemented(
            "DataFrame.freqItems of a column with more distinct values than 1/support "
            "(the items Spark keeps then depend on its partitions)"
        )
    length = _table_length(len(entries))
    if int(length * 0.75) == len(entries) + 1 and repeated:
        # Whether Spark's merge updates a count after its last new item, which grows
        # the table once more, depends on how its partitions hold the repeated values.
        raise _not_implemented("DataFrame.freqItems at this number of distinct values (Spark's order depends on its partitions)")
    hashes = [_improve(_hash(python_keys[index], data_type)) for index in entries]
    order = sorted(range(len(entries)), key=lambda position: (hashes[position] & (length - 1), hashes[position]))
    chosen = keys.take(pa.array([entries[position] for position in order], pa.int64()))
    return pa.ListArray.from_arrays(pa.array([0, len(chosen)], pa.int32()), chosen)


def _hash_inputs(keys: pa.Array, data_type: T.DataType) -> list[Any]:
    """The values as the numbers or strings Spark hashes (dates as days, timestamps as microseconds)."""
    if isinstance(data_type, T.DateType):
        return keys.cast(pa.int32()).to_pylist()
    if isinstance(data_type, (T.TimestampType, T.TimestampNTZType)):
        return keys.cast(pa.int64()).to_pylist()
    return keys.to_pylist()


def _table_length(count: int) -> int:
    """The slots of Scala's ``mutable.HashMap`` after ``count`` insertions (16, doubled at 0.75 load)."""
    length = 16
    while int(length * 0.75) <= count:
        length *= 2
    return length


def _hash(value: Any, data_type: T.DataType) -> int:
    """Scala's ``##`` of Spark's internal value."""
    if value is None:
        return 0
    if isinstance(data_type, T.BooleanType):
        return 1231 if value else 1237
    if isinstance(data_type, T.StringType):
        return _utf8_hash(value.encode("utf-8"))
    if isinstance(data_type, _INT_TYPES):
        return int(value)
    if isinstance(data_type, _LONG_TYPES):
        return _long_hash(int(value))
    if isinstance(data_type, T.FloatType):
        return _float_hash(value)
    return _double_hash(value)


def _improve(hash_code: int) -> int:
    """Scala 2.13 ``HashMap.improveHash``: ``h ^ (h >>> 16)``, as a signed int."""
    unsigned = hash_code & _MASK
    return _signed(unsigned ^ (unsigned >> 16))


def _signed(value: int) -> int:
    value &= _MASK
    return value - (1 << 32) if value & 0x80000000 else value


def _java_long_hash_code(value: int) -> int:
    unsigned = value & 0xFFFFFFFFFFFFFFFF
    return _signed(unsigned ^ (unsigned >> 32))


def _long_hash(value: int) -> int:
    """``Statics.longHash``: the int when the long is one, else ``Long.hashCode``."""
    return value if -(2**31) <= value < 2**31 else _java_long_hash_code(value)


def _java_cast(value: float, bits: int) -> int:
    """Java's saturating cast of a double to an int (32) or a long (64)."""
    if math.isnan(value):
        return 0
    if math.isinf(value):
        return 2 ** (bits - 1) - 1 if value > 0 else -(2 ** (bits - 1))
    return max(-(2 ** (bits - 1)), min(2 ** (bits - 1) - 1, int(value)))


def _float_bits(value: float) -> int:
    if math.isnan(value):
        return 0x7FC00000
    return struct.unpack("<i", struct.pack("<f", value))[0]


def _float_hash(value: float) -> int:
    """``Statics.floatHash``."""
    as_int = _java_cast(value, 32)
    if as_int == value:
        return as_int
    as_long = _java_cast(value, 64)
    if float(as_long) == value:
        return _java_long_hash_code(as_long)
    return _float_bits(value)


def _double_hash(value: float) -> int:
    """``Statics.doubleHash``."""
    as_int = _java_cast(value, 32)
    if as_int == value:
        return as_int
    as_long = _java_cast(value, 64)
    if float(as_long) == value:
        return _java_long_hash_code(as_long)
    if not math.isnan(value) and struct.unpack("<f", struct.pack("<f", value))[0] == value:
        return _float_bits(value)
    bits = 0x7FF8000000000000 if math.isnan(value) else struct.unpack("<q", struct.pack("<d", value))[0]
    return _java_long_hash_code(bits)


def _rotate_left(value: int, amount: int) -> int:
    value &= _MASK
    return ((value << amount) | (value >> (32 - amount))) & _MASK


def _mix_k1(k1: int) -> int:
    k1 = (k1 * 0xCC9E2D51) & _MASK
    return (_rotate_left(k1, 15) * 0x1B873593) & _MASK


def _mix_h1(h1: int, k1: int) -> int:
    return (_rotate_left(h1 ^ k1, 13) * 5 + 0xE6546B64) & _MASK


def _utf8_hash(data: bytes, seed: int = 42) -> int:
    """``UTF8String.hashCode``: Spark's Murmur3_x86_32 ``hashUnsafeBytes`` (each trailing
    byte mixed on its own, as a signed byte)."""
    aligned = len(data) - len(data) % 4
    h1 = seed & _MASK
    for offset in range(0, aligned, 4):
        h1 = _mix_h1(h1, _mix_k1(int.from_bytes(data[offset : offset + 4], "little")))
    for byte in data[aligned:]:
        h1 = _mix_h1(h1, _mix_k1((byte - 256 if byte > 127 else byte) & _MASK))
    h1 ^= len(data)
    h1 ^= h1 >> 16
    h1 = (h1 * 0x85EBCA6B) & _MASK
    h1 ^= h1 >> 13
    h1 = (h1 * 0xC2B2AE35) & _MASK
    h1 ^= h1 >> 16
    return _signed(h1)


def _java_double(value: float) -> str:
    """A double as Java's ``Double.toString`` writes it (``1.0E-5``, ``2.0``, ``2.0E7``)."""
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        text = repr(value)
        return text if "." in text else f"{text}.0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    text = "".join(str(digit) for digit in digits)
    mantissa = f"{text[0]}.{text[1:] or '0'}"
    return f"{'-' if sign else ''}{mantissa}E{exponent + len(text) - 1}"


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})
