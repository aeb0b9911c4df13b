"""Spark's VARIANT values in Python: :class:`VariantVal` and a reader of
Spark's binary encoding (the Parquet Variant spec: a ``value`` and a
``metadata`` byte string).

A value starts with a header byte: its low two bits are the basic type
(primitive, short string, object, array), the other six that type's
header (the primitive's type id, the short string's length, the object's
and array's offset sizes). The metadata holds the dictionary of object keys.

Two JSON renderings exist, as in PySpark: :meth:`VariantVal.toJson` (Python's
``str`` of numbers, ASCII-escaped strings) and :func:`spark_json`, the text
Spark's ``to_json`` and ``show()`` print (Java's doubles, decimals without
trailing zeros).
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import struct
from typing import Any

__all__ = ["VariantVal", "spark_json"]

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_EPOCH_DATE = datetime.date(1970, 1, 1)


class _Reader:
    """Decodes one variant into Python values."""

    def __init__(self, value: bytes, metadata: bytes) -> None:
        self.value = bytes(value)
        self.metadata = bytes(metadata)
        header = self.metadata[0]
        self.offset_size = ((header >> 6) & 0x3) + 1
        size = self._int(self.metadata, 1, self.offset_size)
        start = 1 + self.offset_size
        offsets = [self._int(self.metadata, start + i * self.offset_size, self.offset_size) for i in range(size + 1)]
        strings = start + (size + 1) * self.offset_size
        self.keys = [self.metadata[strings + offsets[i] : strings + offsets[i + 1]].decode("utf-8") for i in range(size)]

    @staticmethod
    def _int(data: bytes, position: int, size: int) -> int:
        return int.from_bytes(data[position : position + size], "little")

    def read(self, position: int = 0) -> tuple[str, Any]:
        """``(kind, value)`` of the value at ``position``; kind names the primitive type."""
        header = self.value[position]
        basic, type_header = header & 0x3, header >> 2
        if basic == 1:
            return "string", self.value[position + 1 : position + 1 + type_header].decode("utf-8")
        if basic == 2:
            return "object", self._object(position, type_header)
        if basic == 3:
            return "array", self._array(position, type_header)
        return self._primitive(position + 1, type_header)

    def _object(self, position: int, type_header: int) -> list[tuple[str, tuple[str, Any]]]:
        offset_size = (type_header & 0x3) + 1
        id_size = ((type_header >> 2) & 0x3) + 1
        count_size = 4 if (type_header >> 4) & 1 else 1
        count = self._int(self.value, position + 1, count_size)
        ids = position + 1 + count_size
        offsets = ids + count * id_size
        data = offsets + (count + 1) * offset_size
        fields = []
        for i in range(count):
            key = self.keys[self._int(self.value, ids + i * id_size, id_size)]
            fields.append((key, self.read(data + self._int(self.value, offsets + i * offset_size, offset_size))))
        return fields

    def _array(self, position: int, type_header: int) -> list[tuple[str, Any]]:
        offset_size = (type_header & 0x3) + 1
        count_size = 4 if (type_header >> 2) & 1 else 1
        count = self._int(self.value, position + 1, count_size)
        offsets = position + 1 + count_size
        data = offsets + (count + 1) * offset_size
        return [self.read(data + self._int(self.value, offsets + i * offset_size, offset_size)) for i in range(count)]

    def _primitive(self, at: int, type_id: int) -> tuple[str, Any]:
        data = self.value
        simple = {0: ("null", None), 1: ("boolean", True), 2: ("boolean", False)}
        if type_id in simple:
            return simple[type_id]
        integers = {3: 1, 4: 2, 5: 4, 6: 8}
        if type_id in integers:
            return "long", int.from_bytes(data[at : at + integers[type_id]], "little", signed=True)
        if type_id == 7:
            return "double", struct.unpack_from("<d", data, at)[0]
        if type_id == 14:
            return "float", struct.unpack_from("<f", data, at)[0]
        decimals = {8: 4, 9: 8, 10: 16}
        if type_id in decimals:
            scale = data[at]
            unscaled = int.from_bytes(data[at + 1 : at + 1 + decimals[type_id]], "little", signed=True)
            return "decimal", decimal.Decimal(unscaled).scaleb(-scale)
        if type_id == 11:
            days = int.from_bytes(data[at : at + 4], "little", signed=True)
            return "date", _EPOCH_DATE + datetime.timedelta(days=days)
        if type_id in (12, 13):
            micros = int.from_bytes(data[at : at + 8], "little", signed=True)
            instant = _EPOCH + datetime.timedelta(microseconds=micros)
            return ("timestamp", instant) if type_id == 12 else ("timestamp_ntz", instant.replace(tzinfo=None))
        if type_id in (15, 16):
            length = int.from_bytes(data[at : at + 4], "little")
            raw = data[at + 4 : at + 4 + length]
            return ("binary", raw) if type_id == 15 else ("string", raw.decode("utf-8"))
        msg = f"variant primitive type {type_id}"
        raise NotImplementedError(msg)


def _python(kind: str, item: Any) -> Any:
    if kind == "object":
        return {key: _python(*child) for key, child in item}
    if kind == "array":
        return [_python(*child) for child in item]
    return item


def _python_json(kind: str, item: Any, zone: datetime.tzinfo) -> str:
    """PySpark's ``VariantVal.toJson`` text."""
    if kind == "object":
        return "{" + ",".join(json.dumps(key) + ":" + _python_json(*child, zone) for key, child in item) + "}"
    if kind == "array":
        return "[" + ",".join(_python_json(*child, zone) for child in item) + "]"
    if kind == "null":
        return "null"
    if kind == "boolean":
        return "true" if item else "false"
    if kind == "string":
        return json.dumps(item)
    if kind == "binary":
        return '"' + base64.b64encode(item).decode("utf-8") + '"'
    if kind == "timestamp":
        return '"' + str(item.astimezone(zone)) + '"'
    if kind in ("date", "timestamp_ntz"):
        return '"' + str(item) + '"'
    return str(item)


def _java_decimal(value: decimal.Decimal) -> str:
    """A decimal as Spark writes a variant's: no trailing zeros, no exponent."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _spark_json(kind: str, item: Any) -> str:
    from pyrust.sql._show import java_double_string

    if kind == "object":
        return "{" + ",".join(_json_string(key) + ":" + _spark_json(*child) for key, child in item) + "}"
    if kind == "array":
        return "[" + ",".join(_spark_json(*child) for child in item) + "]"
    if kind == "double":
        return java_double_string(item)
    if kind == "float":
        return java_double_string(item, single=True)
    if kind == "decimal":
        return _java_decimal(item)
    if kind == "string":
        return _json_string(item)
    if kind == "binary":
        return _json_string(base64.b64encode(item).decode("ascii"))
    if kind == "timestamp":
        return _json_string(_timestamp_text(item) + "+00:00")
    if kind == "timestamp_ntz":
        return _json_string(_timestamp_text(item))
    if kind == "date":
        return _json_string(item.isoformat())
    return _python_json(kind, item, datetime.timezone.utc)


def _timestamp_text(value: datetime.datetime) -> str:
    """As Spark writes a variant's timestamp (in UTC): the fraction without trailing zeros."""
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    return f"{text}.{value.microsecond:06d}".rstrip("0") if value.microsecond else text


def _json_string(text: str) -> str:
    """A JSON string as Jackson writes it (non-ASCII characters as they are)."""
    return json.dumps(text, ensure_ascii=False)


class VariantVal:
    """A VARIANT value: Spark's encoding as ``value`` and ``metadata`` bytes.

    >>> v = VariantVal(bytearray(b'\\x02\\x01\\x00\\x00\\x02\\x0c\\x01'), bytearray(b'\\x01\\x01\\x00\\x01a'))
    >>> v.toPython()
    {'a': 1}
    >>> v.toJson()
    '{"a":1}'
    """

    def __init__(self, value: bytes, metadata: bytes) -> None:
        self.value = value
        self.metadata = metadata

    def __str__(self) -> str:
        return self.toJson()

    def __repr__(self) -> str:
        return f"VariantVal({self.value!r}, {self.metadata!r})"

    def toPython(self) -> Any:
        """The value as Python objects (dicts, lists, ``Decimal``, ``datetime``...)."""
        return _python(*_Reader(self.value, self.metadata).read())

    def toJson(self, zone_id: str = "UTC") -> str:
        """The value as JSON text, timestamps in the time zone ``zone_id``."""
        import zoneinfo

        return _python_json(*_Reader(self.value, self.metadata).read(), zoneinfo.ZoneInfo(zone_id))


def spark_json(variant: VariantVal) -> str:
    """The JSON text Spark prints for a variant (``to_json``, ``show()``)."""
    return _spark_json(*_Reader(variant.value, variant.metadata).read())
