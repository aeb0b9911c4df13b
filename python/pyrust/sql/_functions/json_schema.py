"""``schema_of_json`` at analysis time: JSON text read as Spark's Jackson
parser reads it (with the features Spark's options switch), its schema
inferred as Spark's ``JsonInferSchema`` infers it, written as Spark's DDL
(``STRUCT<a: BIGINT, b: ARRAY<STRING>>``).

Spark requires a literal argument, so the result is a constant. The engine's
reader (``runtime/src/functions/json/value.rs``) reads the same text the same
way when ``from_json`` runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pyrust.sql import types as T

_MAX_DEPTH = 1000


@dataclass(frozen=True)
class Features:
    """Jackson's parser features Spark's JSON options set (Spark's defaults)."""

    comments: bool = False
    unquoted_field_names: bool = False
    single_quotes: bool = True
    numeric_leading_zeros: bool = False
    non_numeric_numbers: bool = True
    backslash_escaping_any_character: bool = False
    unquoted_control_chars: bool = False


# The option of each feature.
FEATURE_OPTIONS = {
    "allowcomments": "comments",
    "allowunquotedfieldnames": "unquoted_field_names",
    "allowsinglequotes": "single_quotes",
    "allownumericleadingzeros": "numeric_leading_zeros",
    "allownonnumericnumbers": "non_numeric_numbers",
    "allowbackslashescapinganycharacter": "backslash_escaping_any_character",
    "allowunquotedcontrolchars": "unquoted_control_chars",
}


class MalformedJson(ValueError):
    """Text that is not JSON (with the features in force)."""


@dataclass(frozen=True)
class Integer:
    """A JSON integer, as its digits."""

    digits: str


@dataclass(frozen=True)
class Float:
    """A JSON number with a fraction or exponent (or NaN, an infinity), as written."""

    text: str


_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


class _Reader:
    def __init__(self, text: str, features: Features) -> None:
        self.text = text
        self.position = 0
        self.features = features
        self.depth = 0

    def peek(self) -> str:
        return self.text[self.position] if self.position < len(self.text) else ""

    def fail(self) -> MalformedJson:
        return MalformedJson(f"malformed JSON at character {self.position + 1}")

    def skip_space(self) -> None:
        while True:
            character = self.peek()
            if character in (" ", "\t", "\n", "\r") and character:
                self.position += 1
            elif character == "/" and self.features.comments:
                following = self.text[self.position + 1 : self.position + 2]
                if following == "/":
                    end = self.text.find("\n", self.position)
                    self.position = len(self.text) if end < 0 else end
                elif following == "*":
                    end = self.text.find("*/", self.position + 2)
                    if end < 0:
                        raise self.fail()
                    self.position = end + 2
                else:
                    raise self.fail()
            else:
                return

    def word(self, word: str) -> None:
        if not self.text.startswith(word, self.position):
            raise self.fail()
        self.position += len(word)
        following = self.peek()
        if following and (following.isalnum() or following == "_"):
            raise self.fail()

    def value(self) -> object:
        self.skip_space()
        character = self.peek()
        if character == "{":
            return self.object()
        if character == "[":
            return self.array()
        if character == '"' or (character == "'" and self.features.single_quotes):
            return self.string(character)
        for word, value in (("true", True), ("false", False), ("null", None)):
            if character == word[0]:
                self.word(word)
                return value
        if self.features.non_numeric_numbers:
            for word in ("NaN", "Infinity", "+Infinity", "-Infinity", "+INF", "-INF"):
                if self.text.startswith(word, self.position):
                    self.word(word)
                    return Float(word)
        if character == "-" or character.isdigit():
            return self.number()
        raise self.fail()

    def number(self) -> object:
        match = _NUMBER.match(self.text, self.position)
        if match is None:
            raise self.fail()
        text = match.group(0)
        digits = text.lstrip("-")
        whole = digits.split(".")[0].split("e")[0].split("E")[0]
        if len(whole) > 1 and whole.startswith("0") and not self.features.numeric_leading_zeros:
            raise self.fail()
        self.position = match.end()
        following = self.peek()
        if following and (following.isalpha() or following == "_"):
            raise self.fail()
        if match.group(1) or match.group(2):
            return Float(text)
        return Integer(str(int(text)))

    def string(self, quote: str) -> str:
        self.position += 1
        out: list[str] = []
        while True:
            character = self.peek()
            if not character:
                raise self.fail()
            self.position += 1
            if character == quote:
                return "".join(out)
            if character == "\\":
                escaped = self.peek()
                self.position += 1
                if escaped in _ESCAPES:
                    out.append(_ESCAPES[escaped])
                elif escaped == "u":
                    code = self.text[self.position : self.position + 4]
                    if len(code) != 4 or not all(c in "0123456789abcdefABCDEF" for c in code):
                        raise self.fail()
                    self.position += 4
                    out.append(chr(int(code, 16)))
                elif escaped and (self.features.backslash_escaping_any_character or escaped == "'"):
                    out.append(escaped)
                else:
                    raise self.fail()
            elif ord(character) < 0x20 and not self.features.unquoted_control_chars:
                raise self.fail()
            else:
                out.append(character)

    def field_name(self) -> str:
        character = self.peek()
        if character == '"' or (character == "'" and self.features.single_quotes):
            return self.string(character)
        if self.features.unquoted_field_names and character and (character.isalpha() or character in "_$"):
            start = self.position
            while self.peek() and (self.peek().isalnum() or self.peek() in "_$"):
                self.position += 1
            return self.text[start : self.position]
        raise self.fail()

    def enter(self) -> None:
        self.depth += 1
        self.position += 1
        if self.depth > _MAX_DEPTH:
            raise self.fail()

    def array(self) -> list[object]:
        self.enter()
        values: list[object] = []
        self.skip_space()
        if self.peek() == "]":
            self.position += 1
            self.depth -= 1
            return values
        while True:
            values.append(self.value())
            self.skip_space()
            character = self.peek()
            self.position += 1
            if character == "]":
                self.depth -= 1
                return values
            if character != ",":
                raise self.fail()

    def object(self) -> list[tuple[str, object]]:
        self.enter()
        entries: list[tuple[str, object]] = []
        self.skip_space()
        if self.peek() == "}":
            self.position += 1
            self.depth -= 1
            return _Object(entries)
        while True:
            self.skip_space()
            name = self.field_name()
            self.skip_space()
            if self.peek() != ":":
                raise self.fail()
            self.position += 1
            entries.append((name, self.value()))
            self.skip_space()
            character = self.peek()
            self.position += 1
            if character == "}":
                self.depth -= 1
                return _Object(entries)
            if character != ",":
                raise self.fail()


class _Object(list):
    """A JSON object: its entries in order, duplicates included."""


def parse_first(text: str, features: Features) -> object:
    """The first JSON value of ``text`` (what follows it is ignored)."""
    return _Reader(text, features).value()


# -- inference -------------------------------------------------------------------


def _infer(value: object, prefers_decimal: bool) -> T.DataType:
    if value is None:
        return T.NullType()
    if isinstance(value, bool):
        return T.BooleanType()
    if isinstance(value, Integer):
        number = int(value.digits)
        if -(2**63) <= number < 2**63:
            return T.LongType()
        digits = len(value.digits.lstrip("-"))
        return T.DecimalType(digits, 0) if digits <= 38 else T.DoubleType()
    if isinstance(value, Float):
        if prefers_decimal and value.text[-1].isdigit():
            decimal = Decimal(value.text)
            exponent = decimal.as_tuple().exponent
            scale = -exponent if isinstance(exponent, int) else 0
            precision = len(decimal.as_tuple().digits)
            if scale >= 0 and max(precision, scale) <= 38:
                return T.DecimalType(max(precision, scale), scale)
        return T.DoubleType()
    if isinstance(value, str):
        return T.StringType()
    if isinstance(value, _Object):
        fields: dict[str, T.DataType] = {}
        for name, field_value in value:
            inferred = _infer(field_value, prefers_decimal)
            fields[name] = _merge(fields[name], inferred) if name in fields else inferred
        return T.StructType([T.StructField(name, fields[name], True) for name in sorted(fields)])
    if isinstance(value, list):
        element: T.DataType = T.NullType()
        for item in value:
            element = _merge(element, _infer(item, prefers_decimal))
        return T.ArrayType(element, True)
    msg = f"not a JSON value: {value!r}"
    raise TypeError(msg)


def _merge(left: T.DataType, right: T.DataType) -> T.DataType:
    """Spark's ``compatibleType`` of two inferred types."""
    if left == right:
        return left
    if isinstance(left, T.NullType):
        return right
    if isinstance(right, T.NullType):
        return left
    numeric = (T.LongType, T.DoubleType, T.DecimalType)
    if isinstance(left, numeric) and isinstance(right, numeric):
        if isinstance(left, T.DoubleType) or isinstance(right, T.DoubleType):
            return T.DoubleType()
        if isinstance(left, T.DecimalType) and isinstance(right, T.DecimalType):
            scale = max(left.scale, right.scale)
            whole = max(left.precision - left.scale, right.precision - right.scale)
            return T.DecimalType(whole + scale, scale) if whole + scale <= 38 else T.DoubleType()
        decimal = left if isinstance(left, T.DecimalType) else right
        return _merge(decimal, T.DecimalType(20, 0))
    if isinstance(left, T.StructType) and isinstance(right, T.StructType):
        fields = {field.name: field.dataType for field in left.fields}
        for field in right.fields:
            fields[field.name] = _merge(fields[field.name], field.dataType) if field.name in fields else field.dataType
        return T.StructType([T.StructField(name, fields[name], True) for name in sorted(fields)])
    if isinstance(left, T.ArrayType) and isinstance(right, T.ArrayType):
        return T.ArrayType(_merge(left.elementType, right.elementType), True)
    return T.StringType()


def _canonical(data_type: T.DataType) -> T.DataType:
    """Nulls (never typed by a value) become strings, as Spark's inference ends."""
    if isinstance(data_type, T.NullType):
        return T.StringType()
    if isinstance(data_type, T.ArrayType):
        return T.ArrayType(_canonical(data_type.elementType), True)
    if isinstance(data_type, T.StructType):
        return T.StructType([T.StructField(field.name, _canonical(field.dataType), True) for field in data_type.fields])
    return data_type


def infer_schema(text: str, features: Features, prefers_decimal: bool = False) -> T.DataType:
    """The schema Spark infers for one JSON document."""
    return _canonical(_infer(parse_first(text, features), prefers_decimal))


# -- DDL ----------------------------------------------------------------------------

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _quoted(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def ddl(data_type: T.DataType) -> str:
    """Spark's SQL text of a type (``DataType.sql``): ``STRUCT<a: BIGINT>``."""
    if isinstance(data_type, T.StructType):
        return "STRUCT<" + ", ".join(f"{_quoted(field.name)}: {ddl(field.dataType)}" for field in data_type.fields) + ">"
    if isinstance(data_type, T.ArrayType):
        return f"ARRAY<{ddl(data_type.elementType)}>"
    if isinstance(data_type, T.MapType):
        return f"MAP<{ddl(data_type.keyType)}, {ddl(data_type.valueType)}>"
    if isinstance(data_type, T.DecimalType):
        return f"DECIMAL({data_type.precision},{data_type.scale})"
    names = {
        T.LongType: "BIGINT", T.IntegerType: "INT", T.ShortType: "SMALLINT", T.ByteType: "TINYINT",
        T.DoubleType: "DOUBLE", T.FloatType: "FLOAT", T.StringType: "STRING", T.BooleanType: "BOOLEAN",
        T.DateType: "DATE", T.TimestampType: "TIMESTAMP", T.TimestampNTZType: "TIMESTAMP_NTZ",
        T.BinaryType: "BINARY", T.NullType: "VOID",
    }
    for data_class, name in names.items():
        if isinstance(data_type, data_class):
            return name
    return data_type.simpleString().upper()


__all__ = ["FEATURE_OPTIONS", "Features", "MalformedJson", "ddl", "infer_schema", "parse_first"]
