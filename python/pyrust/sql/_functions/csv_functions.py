"""CSV functions (Spark's ``csv_funcs``).

``schema_of_csv`` needs a literal argument in Spark, so the analyzer computes
it: the line split as Spark's CSV parser splits it (``sep``, ``quote``,
``escape``), each field's type inferred as Spark's ``CSVInferSchema`` infers
it, written as Spark's DDL. ``from_csv`` and ``to_csv`` run in the engine
(``runtime/src/functions/json/csv.rs``), with the struct type and the options
as one literal JSON object, as the JSON functions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import json

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._table import scalar
from pyrust.sql._functions.datetime_pattern import datetime_format_options
from pyrust.sql._functions.json_functions import (
    SPARK_JSON,
    _mode,
    _nullable,
    _string_input,
    constant_string,
    options_of,
    parse_schema,
)
from pyrust.sql._functions.json_schema import ddl

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

_INT_RANGE = (-(2**31), 2**31 - 1)
_LONG_RANGE = (-(2**63), 2**63 - 1)
_INTEGER = re.compile(r"[+-]?\d+")
_DOUBLE = re.compile(r"[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?")


def split_line(line: str, separator: str, quote: str, escape: str) -> list[str | None]:
    """The fields of one CSV line: quoted ones unquoted, empty unquoted ones null."""
    fields: list[str | None] = []
    position = 0
    while True:
        if quote and line.startswith(quote, position):
            position += 1
            out = []
            while position < len(line):
                character = line[position]
                if escape and character == escape and position + 1 < len(line) and line[position + 1] in (quote, escape):
                    out.append(line[position + 1])
                    position += 2
                    continue
                if character == quote:
                    position += 1
                    break
                out.append(character)
                position += 1
            end = line.find(separator, position) if separator else -1
            text = "".join(out) + (line[position:] if end < 0 else line[position:end])
            fields.append(text)
        else:
            end = line.find(separator, position) if separator else -1
            text = line[position:] if end < 0 else line[position:end]
            fields.append(text or None)
        if end < 0:
            return fields
        position = end + len(separator)


def _infer_field(text: str | None) -> T.DataType:
    if text is None:
        return T.NullType()
    if _INTEGER.fullmatch(text):
        number = int(text)
        if _INT_RANGE[0] <= number <= _INT_RANGE[1]:
            return T.IntegerType()
        if _LONG_RANGE[0] <= number <= _LONG_RANGE[1]:
            return T.LongType()
        digits = len(text.lstrip("+-").lstrip("0")) or 1
        if digits <= 38:
            return T.DecimalType(digits, 0)
    if _DOUBLE.fullmatch(text):
        return T.DoubleType()
    if _DATE.fullmatch(text):
        return T.DateType()
    if _TIMESTAMP.fullmatch(text):
        return T.TimestampType()
    if text.lower() in ("true", "false"):
        return T.BooleanType()
    return T.StringType()


def _schema_of_csv(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    text = constant_string(arguments[0])
    if text is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{name}"',
            inputName="`csv`",
            inputType='"STRING"',
            inputExpr=f'"{arguments[0].name}"',
        )
    options = options_of(arguments, 1, name)
    known = {"sep", "delimiter", "quote", "escape", "encoding", "charset", "mode"}
    for option in options:
        if option not in known:
            raise not_implemented(f"{name} with the option {option}")
    separator = options.get("sep", options.get("delimiter", ","))
    if separator == "\\t":
        separator = "\t"
    quote = options.get("quote", '"')
    escape = options.get("escape", "\\")
    fields = split_line(text, separator, quote, escape)
    types = [_infer_field(field) for field in fields]
    schema = T.StructType(
        [
            T.StructField(f"_c{index}", T.StringType() if isinstance(data_type, T.NullType) else data_type, True)
            for index, data_type in enumerate(types)
        ]
    )
    return literal(ddl(schema), T.StringType(), name)


# Spark's CSV options the engine reads (lower-cased name -> Spark's name).
_ENGINE_OPTIONS = {
    name.lower(): name
    for name in (
        "sep", "quote", "escape", "nullValue", "emptyValue", "nanValue", "positiveInf", "negativeInf",
        "ignoreLeadingWhiteSpace", "ignoreTrailingWhiteSpace", "quoteAll",
    )
}
# Options that change nothing for one line of text.
_IGNORED_OPTIONS = {
    "header", "inferschema", "encoding", "charset", "linesep", "multiline", "samplingratio", "enforceschema",
    "maxcolumns", "maxcharspercolumn", "mode", "delimiter", "dateformat", "timestampformat", "timestampntzformat",
}
_ATOMIC = (T.BooleanType, T.NumericType, T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType)


def _csv_engine_options(options: dict[str, str], data_type: T.StructType, name: str) -> dict[str, str]:
    for option in options:
        if option not in _ENGINE_OPTIONS and option not in _IGNORED_OPTIONS:
            raise not_implemented(f"{name} with the option {option}")
    engine = {"schema": data_type.json()}
    for option, value in options.items():
        if option in _ENGINE_OPTIONS:
            engine[_ENGINE_OPTIONS[option]] = value
    if "delimiter" in options and "sep" not in options:
        engine["sep"] = options["delimiter"]
    engine.update(datetime_format_options(options))
    return engine


def _unsupported_field(data_type: T.DataType) -> errors.UnsupportedOperationException:
    return errors.UnsupportedOperationException(
        errorClass="UNSUPPORTED_DATATYPE", messageParameters={"typeName": f'"{ddl(data_type)}"'}
    )


def _from_csv(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (2, 3):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    text = _string_input(arguments[0], name)
    schema_text = constant_string(arguments[1])
    if schema_text is None:
        raise analysis_error("INVALID_SCHEMA.NON_STRING_LITERAL", inputSchema=f'"{arguments[1].name}"')
    data_type = parse_schema(schema_text)
    if not isinstance(data_type, T.StructType):
        raise analysis_error(
            "INVALID_SCHEMA.NON_STRUCT_TYPE", inputSchema=f'"{schema_text}"', dataType=f'"{ddl(data_type)}"'
        )
    for field in data_type.fields:
        if not isinstance(field.dataType, _ATOMIC):
            raise _unsupported_field(field.dataType)
    data_type = _nullable(data_type)
    options = options_of(arguments, 2, name)
    engine = _csv_engine_options(options, data_type, name)
    engine["mode"] = _mode(options, "from_csv")
    typed_null = literal(None, data_type)
    options_argument = literal(json.dumps(engine), T.StringType())
    return scalar_call(SPARK_JSON, "from_csv", [text, typed_null, options_argument], data_type, name, True)


def _castable_nested(data_type: T.DataType) -> bool:
    """A nested field the engine writes as Spark's cast to a string does: of
    numbers, booleans and strings (dates and timestamps inside are not yet)."""
    if isinstance(data_type, T.ArrayType):
        return _castable_nested(data_type.elementType)
    if isinstance(data_type, T.MapType):
        return _castable_nested(data_type.keyType) and _castable_nested(data_type.valueType)
    if isinstance(data_type, T.StructType):
        return all(_castable_nested(field.dataType) for field in data_type.fields)
    return isinstance(data_type, (T.BooleanType, T.NumericType, T.StringType))


def _to_csv(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    value = arguments[0]
    if not isinstance(value.data_type, T.StructType):
        raise type_mismatch(name, "STRUCT", value.name, value.data_type, 0)
    for field in value.data_type.fields:
        if not isinstance(field.dataType, _ATOMIC) and not _castable_nested(field.dataType):
            raise not_implemented(f"to_csv of a {field.dataType.simpleString()} field")
    options = options_of(arguments, 1, name)
    engine = _csv_engine_options(options, value.data_type, name)
    options_argument = literal(json.dumps(engine), T.StringType())
    return scalar_call(SPARK_JSON, "to_csv", [value, options_argument], T.StringType(), name, True)


scalar("from_csv", SPARK_JSON, resolve=_from_csv, column_name=lambda names: f"from_csv({names[0]})")
scalar("to_csv", SPARK_JSON, resolve=_to_csv, column_name=lambda names: f"to_csv({names[0]})")
scalar("schema_of_csv", SPARK_JSON, resolve=_schema_of_csv, column_name=lambda names: f"schema_of_csv({names[0]})")
