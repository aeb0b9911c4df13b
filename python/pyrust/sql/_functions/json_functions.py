"""JSON functions (Spark's ``json_funcs``).

``from_json`` and ``to_json`` read and write a value of a Spark type the
analyzer knows; the engine gets that type and the options, checked here, as
one literal JSON object of strings (``runtime/src/functions/json.rs``).
``schema_of_json`` needs a literal argument in Spark, so it is computed here
(``json_schema.py``), a constant. The public wrappers pass Spark's options
as a literal string of JSON (``functions/_json.py``), read back by
:func:`options_of`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._inputs import STRING
from pyrust.sql._functions._table import scalar
from pyrust.sql._functions.datetime_pattern import datetime_format_options
from pyrust.sql._functions.json_schema import FEATURE_OPTIONS, Features, MalformedJson, ddl, infer_schema

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

SPARK_JSON = "extension:dev.pyrust:functions_spark_json"

# Options given to the analyzer by the public wrappers: a string literal of a
# JSON object, marked so that a user's string is not mistaken for one.
OPTIONS_MARK = "__pyrust_options__"


def options_literal(options: dict | None) -> str:
    """The text the wrappers pass for Spark's options (values as Spark's strings)."""
    values = {str(key): _option_text(value) for key, value in (options or {}).items()}
    return json.dumps({OPTIONS_MARK: values})


def _option_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def constant_string(bound: Bound) -> str | None:
    """The value of a string literal, else ``None``."""
    proto = bound.proto
    if proto.WhichOneof("rex_type") != "literal":
        return None
    kind = proto.literal.WhichOneof("literal_type")
    if kind in ("string", "var_char", "fixed_char"):
        value = getattr(proto.literal, kind)
        return value if isinstance(value, str) else value.value
    return None


def options_of(arguments: list[Bound], index: int, name: str) -> dict[str, str]:
    """Spark's options of a call (argument ``index``, if given), keys lower-cased
    as Spark's options are case-insensitive."""
    if len(arguments) <= index:
        return {}
    text = constant_string(arguments[index])
    parsed = None
    if text is not None:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
    if not isinstance(parsed, dict) or not isinstance(parsed.get(OPTIONS_MARK), dict):
        raise not_implemented(f"{name} with options other than a dict of Python values")
    return {str(key).lower(): str(value) for key, value in parsed[OPTIONS_MARK].items()}


def _flag(options: dict[str, str], name: str, default: bool) -> bool:
    value = options.get(name.lower())
    return default if value is None else value.strip().lower() == "true"


def features_of(options: dict[str, str]) -> Features:
    defaults = Features()
    values = {field: _flag(options, option, getattr(defaults, field)) for option, field in FEATURE_OPTIONS.items()}
    return Features(**values)


def _engine_options(options: dict[str, str], data_type: T.DataType, name: str) -> dict[str, str]:
    """The options the engine reads: the type, the parser features, chrono formats."""
    engine = {"schema": data_type.json()}
    for option, field in FEATURE_OPTIONS.items():
        spark_name = {
            "allowcomments": "allowComments",
            "allowunquotedfieldnames": "allowUnquotedFieldNames",
            "allowsinglequotes": "allowSingleQuotes",
            "allownumericleadingzeros": "allowNumericLeadingZeros",
            "allownonnumericnumbers": "allowNonNumericNumbers",
            "allowbackslashescapinganycharacter": "allowBackslashEscapingAnyCharacter",
            "allowunquotedcontrolchars": "allowUnquotedControlChars",
        }[option]
        engine[spark_name] = "true" if getattr(features_of(options), field) else "false"
    engine.update(datetime_format_options(options))
    return engine


def _unsupported_types(data_type: T.DataType, name: str, reading: bool) -> None:
    """NOT_IMPLEMENTED for the types the engine's JSON functions do not handle."""
    if isinstance(data_type, T.StructType):
        for field in data_type.fields:
            _unsupported_types(field.dataType, name, reading)
    elif isinstance(data_type, T.ArrayType):
        _unsupported_types(data_type.elementType, name, reading)
    elif isinstance(data_type, T.MapType):
        atomic_keys = (T.StringType,) if reading else (T.StringType, T.NumericType, T.BooleanType, T.DateType)
        if not isinstance(data_type.keyType, atomic_keys):
            raise not_implemented(f"{name} of a map with {data_type.keyType.simpleString()} keys")
        _unsupported_types(data_type.valueType, name, reading)
    elif not isinstance(
        data_type,
        (T.BooleanType, T.NumericType, T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType, T.NullType),
    ):
        raise not_implemented(f"{name} of {data_type.simpleString()} values")


def _nullable(data_type: T.DataType) -> T.DataType:
    """The type with every field and element nullable (Spark reads JSON so)."""
    if isinstance(data_type, T.StructType):
        return T.StructType([T.StructField(field.name, _nullable(field.dataType), True) for field in data_type.fields])
    if isinstance(data_type, T.ArrayType):
        return T.ArrayType(_nullable(data_type.elementType), True)
    if isinstance(data_type, T.MapType):
        return T.MapType(_nullable(data_type.keyType), _nullable(data_type.valueType), True)
    return data_type


def _json_schema_error(name: str, data_type: T.DataType):
    return analysis_error(
        "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", sqlExpr=f'"{name}"', schema=f'"{ddl(data_type)}"'
    )


def parse_schema(text: str) -> T.DataType:
    """A schema given as text: Spark's DDL, or the JSON form of a type."""
    stripped = text.strip()
    if stripped.startswith(("{", '"')):
        try:
            return T._parse_datatype_json_string(stripped)
        except Exception:  # noqa: BLE001 - fall back to DDL, as Spark does
            pass
    return T._parse_ddl(text)


def _string_input(argument: Bound, name: str) -> Bound:
    if isinstance(argument.data_type, T.NullType):
        return cast_to(argument, T.StringType())
    if not isinstance(argument.data_type, T.StringType):
        raise type_mismatch(name, "STRING", argument.name, argument.data_type, 0)
    return argument


def _schema_argument(argument: Bound) -> T.DataType:
    text = constant_string(argument)
    if text is None:
        raise analysis_error("INVALID_SCHEMA.NON_STRING_LITERAL", inputSchema=f'"{argument.name}"')
    return parse_schema(text)


def _mode(options: dict[str, str], function: str) -> str:
    mode = options.get("mode", "PERMISSIVE").upper()
    if mode == "DROPMALFORMED":
        raise analysis_error("PARSE_MODE_UNSUPPORTED", funcName=f"`{function}`", mode=mode)
    if mode not in ("PERMISSIVE", "FAILFAST"):
        # Spark takes an unknown mode for PERMISSIVE (with a warning).
        return "PERMISSIVE"
    return mode


def _from_json(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (2, 3):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    text = _string_input(arguments[0], name)
    data_type = _schema_argument(arguments[1])
    if not isinstance(data_type, (T.StructType, T.ArrayType, T.MapType)):
        raise _json_schema_error(name, data_type)
    data_type = _nullable(data_type)
    _unsupported_types(data_type, "from_json", reading=True)
    options = options_of(arguments, 2, name)
    engine = _engine_options(options, data_type, name)
    engine["mode"] = _mode(options, "from_json")
    engine["columnNameOfCorruptRecord"] = options.get("columnnameofcorruptrecord", "_corrupt_record")
    typed_null = literal(None, data_type)
    options_argument = literal(json.dumps(engine), T.StringType())
    # Spark names the column of a map's result after the map's entries.
    column_name = "entries" if isinstance(data_type, T.MapType) else name
    return scalar_call(SPARK_JSON, "from_json", [text, typed_null, options_argument], data_type, column_name, True)


def _to_json(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    value = arguments[0]
    if isinstance(value.data_type, T.VariantType):
        from pyrust.sql._functions.variant_functions import variant_json

        if len(arguments) > 1:
            raise not_implemented(f"{name} of a variant with options")
        return variant_json(value, name)
    if not isinstance(value.data_type, (T.StructType, T.ArrayType, T.MapType)):
        raise _json_schema_error(name, value.data_type)
    _unsupported_types(value.data_type, "to_json", reading=False)
    options = options_of(arguments, 1, name)
    engine = _engine_options(options, value.data_type, name)
    engine["pretty"] = "true" if _flag(options, "pretty", False) else "false"
    engine["ignoreNullFields"] = "true" if _flag(options, "ignoreNullFields", True) else "false"
    options_argument = literal(json.dumps(engine), T.StringType())
    return scalar_call(SPARK_JSON, "to_json", [value, options_argument], T.StringType(), name, True)


def _schema_of_json(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    text = constant_string(arguments[0])
    if text is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{name}"',
            inputName="`json`",
            inputType='"STRING"',
            inputExpr=f'"{arguments[0].name}"',
        )
    options = options_of(arguments, 1, name)
    try:
        data_type = infer_schema(text, features_of(options), _flag(options, "prefersDecimal", False))
    except MalformedJson as error:
        raise analysis_error("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", badRecord=text, failFastMode="FAILFAST") from error
    return literal(ddl(data_type), T.StringType(), name)



def json_tuple_columns(analyzer: Analyzer, expression: object) -> list[Bound] | None:
    """The columns of ``json_tuple(json, field1, field2...)`` selected as a
    whole (``c0``, ``c1``...), else ``None``. Spark's ``json_tuple`` is a
    generator, but one that gives exactly one row per input row (nulls for a
    malformed text), so its columns are one call per field.
    """
    from pyrust.sql._expressions import Call

    if not isinstance(expression, Call) or expression.function.lower() != "json_tuple":
        return None
    arguments = [analyzer.resolve(argument) for argument in expression.arguments]
    name = expression.sql()
    if len(arguments) < 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            functionName="`json_tuple`",
            expectedNum="> 1",
            actualNum=str(len(arguments)),
            docroot="https://spark.apache.org/docs/latest",
        )
    json_text = _string_input(arguments[0], name)
    columns = []
    for index, field in enumerate(arguments[1:]):
        field_name = _string_input(field, name)
        columns.append(scalar_call(SPARK_JSON, "json_tuple", [json_text, field_name], T.StringType(), f"c{index}", True))
    return columns


def _json_tuple(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    raise not_implemented(f"{name} other than as a whole column of select (a generator)")


scalar("json_tuple", SPARK_JSON, resolve=_json_tuple)
scalar("from_json", SPARK_JSON, resolve=_from_json, column_name=lambda names: f"from_json({names[0]})")
scalar("to_json", SPARK_JSON, resolve=_to_json, column_name=lambda names: f"to_json({names[0]})")
scalar("schema_of_json", SPARK_JSON, resolve=_schema_of_json, column_name=lambda names: f"schema_of_json({names[0]})")
scalar("get_json_object", SPARK_JSON, inputs=(STRING, STRING), nullable=True)
scalar("json_array_length", SPARK_JSON, inputs=(STRING,), nullable=True)
scalar("json_object_keys", SPARK_JSON, inputs=(STRING,), nullable=True)
