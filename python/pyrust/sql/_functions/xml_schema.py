"""``schema_of_xml`` at analysis time: XML text read as Spark's XML reader
reads a row (the root element is the row: its attributes are fields named
with ``attributePrefix``, its child elements fields of their names, repeated
ones arrays, its own text the ``valueTag`` field), each value's type
inferred and merged as Spark's ``XmlInferSchema`` does, and the struct's
fields sorted by name. Text that is not one XML document is Spark's
``STRUCT<_corrupt_record: STRING>``. The parser is expat without namespace
processing, as Spark's reader keeps prefixed names as they are written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from pyrust.sql import types as T


@dataclass(frozen=True)
class XmlOptions:
    attribute_prefix: str = "_"
    value_tag: str = "_VALUE"
    exclude_attribute: bool = False
    infer_schema: bool = True
    prefers_decimal: bool = False
    ignore_surrounding_spaces: bool = True
    null_value: str | None = None


class _Element:
    def __init__(self, name: str, attributes: list[tuple[str, str]]) -> None:
        self.name = name
        self.attributes = attributes
        self.children: list[_Element] = []
        # Text runs between child elements (comments and instructions split none).
        self.texts: list[str] = [""]


class MalformedXml(ValueError):
    """Text that is not one well-formed XML document."""


def parse(text: str) -> _Element:
    """The root element of ``text``."""
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    stack: list[_Element] = []
    roots: list[_Element] = []

    def start(name: str, attributes: list[str]) -> None:
        element = _Element(name, list(zip(attributes[::2], attributes[1::2])))
        if stack:
            stack[-1].children.append(element)
            stack[-1].texts.append("")
        else:
            roots.append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].texts[-1] += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise MalformedXml(str(error)) from error
    if len(roots) != 1:
        raise MalformedXml("not one root element")
    return roots[0]


_LONG = re.compile(r"[+-]?\d+")
_DOUBLE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Spark's default timestamp parser is lenient: one-digit fields, the time and zone optional.
_TIMESTAMP = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,9})?)?)?"
    r"(Z|[+-]\d{1,2}(:?\d{2})?|[A-Za-z][A-Za-z_/]*([+-]\d{1,2}(:?\d{2})?)?)?"
)
_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?")


def _valid_date(text: str) -> bool:
    year, month, day = (int(part) for part in re.split(r"[-T ]", text, maxsplit=3)[:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _infer_text(text: str, options: XmlOptions) -> T.DataType:
    value = text.strip() if options.ignore_surrounding_spaces else text
    if value == "" or value == options.null_value:
        return T.NullType()
    if not options.infer_schema:
        return T.StringType()
    # Spark reads the sign apart from the digits, so -2^63 is not a long.
    if _LONG.fullmatch(value) and -(2**63) < int(value) < 2**63:
        return T.LongType()
    if _DOUBLE.fullmatch(value):
        if options.prefers_decimal:
            try:
                number = Decimal(value).as_tuple()
            except InvalidOperation:
                return T.DoubleType()
            # Java's BigDecimal: a positive exponent (1E5) has a negative scale, which is no Spark decimal.
            if isinstance(number.exponent, int) and number.exponent <= 0:
                scale = -number.exponent
                precision = max(len(number.digits), scale)
                if precision <= 38:
                    return T.DecimalType(precision, scale)
        return T.DoubleType()
    if value.lower() in ("true", "false"):
        return T.BooleanType()
    if _DATE.fullmatch(value) and _valid_date(value):
        return T.DateType()
    if _TIMESTAMP.fullmatch(value) and _valid_date(value):
        return T.TimestampType()
    if _TIME.fullmatch(value):
        return T.TimeType(6)
    return T.StringType()


def _infer_element(element: _Element, options: XmlOptions) -> T.DataType:
    attributes = [] if options.exclude_attribute else element.attributes
    if not element.children and not attributes:
        return _infer_text("".join(element.texts), options)
    return _infer_struct(element, options)


def _infer_struct(element: _Element, options: XmlOptions) -> T.StructType:
    fields: dict[str, T.DataType] = {}
    seen: dict[str, int] = {}

    def add(name: str, data_type: T.DataType) -> None:
        seen[name] = seen.get(name, 0) + 1
        if name not in fields:
            fields[name] = data_type
        elif seen[name] == 2 and not isinstance(fields[name], T.ArrayType):
            fields[name] = T.ArrayType(_merge(fields[name], data_type, options.value_tag))
        elif isinstance(fields[name], T.ArrayType):
            fields[name] = T.ArrayType(_merge(fields[name].elementType, data_type, options.value_tag))
        else:
            fields[name] = _merge(fields[name], data_type, options.value_tag)

    if not options.exclude_attribute:
        for name, value in element.attributes:
            add(options.attribute_prefix + name, _infer_text(value, options))
    for child in element.children:
        add(child.name, _infer_element(child, options))
    for text in element.texts:
        if text.strip():
            add(options.value_tag, _infer_text(text, options))
    return T.StructType([T.StructField(name, fields[name], True) for name in sorted(fields)])


def _merge(left: T.DataType, right: T.DataType, value_tag: str = "_VALUE") -> T.DataType:
    """Spark's ``compatibleType`` of two inferred types (a struct with a ``value_tag``
    field takes an atomic value into that field)."""
    if left == right:
        return left
    if isinstance(left, T.NullType):
        return right
    if isinstance(right, T.NullType):
        return left
    numeric = (T.LongType, T.DoubleType, T.DecimalType)
    if isinstance(left, numeric) and isinstance(right, numeric):
        if isinstance(left, T.DecimalType) and isinstance(right, T.DecimalType):
            scale = max(left.scale, right.scale)
            integral = max(left.precision - left.scale, right.precision - right.scale)
            return T.DecimalType(min(integral + scale, 38), scale) if integral + scale <= 38 else T.DoubleType()
        if isinstance(left, T.LongType) and isinstance(right, T.DecimalType):
            return _merge(T.DecimalType(20, 0), right)
        if isinstance(right, T.LongType) and isinstance(left, T.DecimalType):
            return _merge(left, T.DecimalType(20, 0))
        return T.DoubleType()
    if {type(left), type(right)} == {T.DateType, T.TimestampType}:
        return T.TimestampType()
    if isinstance(left, T.ArrayType) and isinstance(right, T.ArrayType):
        return T.ArrayType(_merge(left.elementType, right.elementType, value_tag))
    if isinstance(left, T.ArrayType):
        return T.ArrayType(_merge(left.elementType, right, value_tag))
    if isinstance(right, T.ArrayType):
        return T.ArrayType(_merge(left, right.elementType, value_tag))
    if isinstance(left, T.StructType) and isinstance(right, T.StructType):
        merged = {field.name: field.dataType for field in left.fields}
        for field in right.fields:
            merged[field.name] = _merge(merged[field.name], field.dataType, value_tag) if field.name in merged else field.dataType
        return T.StructType([T.StructField(name, merged[name], True) for name in sorted(merged)])
    for structure, atomic in ((left, right), (right, left)):
        if isinstance(structure, T.StructType) and value_tag in structure.fieldNames():
            return _merge(structure, T.StructType([T.StructField(value_tag, atomic, True)]), value_tag)
    return T.StringType()


def _finish(data_type: T.DataType) -> T.DataType:
    """Types no value decided (empty elements) become strings."""
    if isinstance(data_type, T.NullType):
        return T.StringType()
    if isinstance(data_type, T.ArrayType):
        return T.ArrayType(_finish(data_type.elementType))
    if isinstance(data_type, T.StructType):
        return T.StructType([T.StructField(field.name, _finish(field.dataType), True) for field in data_type.fields])
    return data_type


def infer_schema(text: str, options: XmlOptions) -> T.StructType:
    """The struct Spark infers for one XML record."""
    try:
        root = parse(text)
    except MalformedXml:
        return T.StructType([T.StructField("_corrupt_record", T.StringType(), True)])
    inferred = _infer_struct(root, options)
    return T.StructType([T.StructField(field.name, _finish(field.dataType), True) for field in inferred.fields])


def infer_records(records: list[str], options: XmlOptions) -> T.StructType:
    """The struct Spark's XML data source infers for its records: each one's, merged
    (records that are not XML add nothing), types no value decided made strings."""
    merged: T.DataType = T.StructType([])
    for record in records:
        try:
            root = parse(record)
        except MalformedXml:
            continue
        merged = _merge(merged, _infer_struct(root, options), options.value_tag)
    finished = _finish(merged)
    return finished if isinstance(finished, T.StructType) else T.StructType([])


__all__ = ["MalformedXml", "XmlOptions", "infer_records", "infer_schema"]
