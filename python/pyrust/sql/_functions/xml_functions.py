"""XML functions (Spark's ``xml_funcs``).

The ``xpath`` family evaluates a literal XPath 1.0 expression over XML text
in the engine (``runtime/src/functions/xml/xpath.rs``). ``from_xml`` and
``to_xml`` read and write a struct of a Spark type the analyzer knows: the
engine gets that type and the options, checked here, as one literal JSON
object of strings, as the JSON functions do. ``schema_of_xml`` needs a
literal argument in Spark, so it is computed here (``xml_schema.py``), a
constant. Options come from the public wrappers as the JSON functions' do
(``json_functions.options_literal``); an option pyrust does not implement is
NOT_IMPLEMENTED rather than ignored.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._table import scalar
from pyrust.sql._functions.datetime_pattern import datetime_format_options
from pyrust.sql._functions.json_functions import constant_string, options_of, parse_schema
from pyrust.sql._functions.json_schema import ddl
from pyrust.sql._functions.xml_schema import XmlOptions, infer_schema

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

SPARK_XML = "extension:dev.pyrust:functions_spark_xml"

# The xpath functions and their Spark result types.
_XPATH_TYPES: dict[str, T.DataType] = {
    "xpath": T.ArrayType(T.StringType(), True),
    "xpath_boolean": T.BooleanType(),
    "xpath_double": T.DoubleType(),
    "xpath_float": T.FloatType(),
    "xpath_int": T.IntegerType(),
    "xpath_long": T.LongType(),
    "xpath_number": T.DoubleType(),
    "xpath_short": T.ShortType(),
    "xpath_string": T.StringType(),
}

# Options each function implements (lower-cased, as Spark's are case-insensitive);
# options that change nothing for one record (rowTag when reading, sampling) are accepted.
_READ_OPTIONS = {"attributeprefix", "valuetag", "ignoresurroundingspaces", "rowtag", "samplingratio", "encoding", "charset"}
_SCHEMA_OPTIONS = _READ_OPTIONS | {"excludeattribute", "inferschema", "prefersdecimal", "nullvalue", "mode"}
_FROM_OPTIONS = _READ_OPTIONS | {"mode", "dateformat", "timestampformat", "timestampntzformat"}
_TO_OPTIONS = {
    "rowtag", "roottag", "attributeprefix", "valuetag", "nullvalue", "arrayelementname",
    "dateformat", "timestampformat", "timestampntzformat",
}  # fmt: skip


def _options(arguments: list[Bound], index: int, name: str) -> dict[str, str]:
    """The options of a call: the wrappers' dict, or SQL's ``map('key', 'value', ...)`` of literals."""
    if len(arguments) > index:
        proto = arguments[index].proto
        if proto.WhichOneof("rex_type") == "nested" and proto.nested.WhichOneof("nested_type") == "map":
            options = {}
            for entry in proto.nested.map.key_values:
                key, value = entry.key, entry.value
                if key.WhichOneof("rex_type") != "literal" or value.WhichOneof("rex_type") != "literal":
                    raise not_implemented(f"{name} with options that are not literals")
                options[str(key.literal.string).lower()] = str(value.literal.string)
            return options
    return options_of(arguments, index, name)


def _check_options(options: dict[str, str], known: set[str], name: str) -> None:
    for option in sorted(options):
        if option not in known:
            raise not_implemented(f"{name} with the option {option}")


def _flag(options: dict[str, str], name: str, default: bool) -> bool:
    value = options.get(name.lower())
    return default if value is None else value.strip().lower() == "true"


def _string_input(argument: Bound, name: str, index: int) -> Bound:
    if isinstance(argument.data_type, T.NullType):
        return cast_to(argument, T.StringType())
    if not isinstance(argument.data_type, T.StringType):
        raise type_mismatch(name, "STRING", argument.name, argument.data_type, index)
    return argument


def _xpath(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    function = call.function.lower()
    if len(arguments) != 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            functionName=f"`{function}`",
            expectedNum="2",
            actualNum=str(len(arguments)),
            docroot="https://spark.apache.org/docs/latest",
        )
    xml = _string_input(arguments[0], name, 0)
    path = _string_input(arguments[1], name, 1)
    if path.proto.WhichOneof("rex_type") != "literal":
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{name}"',
            inputName="`path`",
            inputType='"STRING"',
            inputExpr=f'"{arguments[1].name}"',
        )
    return scalar_call(SPARK_XML, function, [xml, path], _XPATH_TYPES[function], name, True)


def _engine_options(options: dict[str, str], data_type: T.DataType) -> dict[str, str]:
    engine = {"schema": data_type.json()}
    for option, engine_name in (
        ("attributeprefix", "attributePrefix"),
        ("valuetag", "valueTag"),
        ("rowtag", "rowTag"),
        ("nullvalue", "nullValue"),
        ("arrayelementname", "arrayElementName"),
    ):
        if option in options:
            engine[engine_name] = options[option]
    engine.update(datetime_format_options(options))
    return engine


def _unsupported_types(data_type: T.DataType, name: str, allow_maps: bool) -> None:
    """NOT_IMPLEMENTED for the types the engine's XML functions do not read or write."""
    if isinstance(data_type, T.StructType):
        for field in data_type.fields:
            _unsupported_types(field.dataType, name, allow_maps)
    elif isinstance(data_type, T.ArrayType):
        _unsupported_types(data_type.elementType, name, allow_maps)
    elif isinstance(data_type, T.MapType) and allow_maps and isinstance(data_type.keyType, T.StringType):
        _unsupported_types(data_type.valueType, name, allow_maps)
    elif not isinstance(
        data_type,
        (T.BooleanType, T.NumericType, T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType, T.NullType),
    ):
        raise not_implemented(f"{name} of {data_type.simpleString()} values")


def _nullable(data_type: T.DataType) -> T.DataType:
    if isinstance(data_type, T.StructType):
        return T.StructType([T.StructField(field.name, _nullable(field.dataType), True) for field in data_type.fields])
    if isinstance(data_type, T.ArrayType):
        return T.ArrayType(_nullable(data_type.elementType), True)
    return data_type


def _from_xml(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (2, 3):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    text = _string_input(arguments[0], name, 0)
    schema_text = constant_string(arguments[1])
    if schema_text is None:
        raise analysis_error("INVALID_SCHEMA.NON_STRING_LITERAL", inputSchema=f'"{arguments[1].name}"')
    data_type = parse_schema(schema_text)
    if not isinstance(data_type, T.StructType):
        raise analysis_error("DATATYPE_MISMATCH.INVALID_XML_SCHEMA", sqlExpr=f'"{name}"', schema=f'"{ddl(data_type)}"')
    data_type = _nullable(data_type)
    _unsupported_types(data_type, "from_xml", allow_maps=False)
    options = _options(arguments, 2, name)
    _check_options(options, _FROM_OPTIONS, "from_xml")
    corrupt = options.get("columnnameofcorruptrecord", "_corrupt_record")
    if any(field.name == corrupt for field in data_type.fields):
        raise not_implemented(f"from_xml with a {corrupt} field (Spark's record of malformed rows)")
    mode = options.get("mode", "PERMISSIVE").upper()
    if mode == "DROPMALFORMED":
        raise analysis_error("PARSE_MODE_UNSUPPORTED", funcName="`from_xml`", mode=mode)
    if _flag(options, "ignoreSurroundingSpaces", True) is False:
        raise not_implemented("from_xml with ignoreSurroundingSpaces false")
    engine = _engine_options(options, data_type)
    engine["mode"] = "FAILFAST" if mode == "FAILFAST" else "PERMISSIVE"
    typed_null = literal(None, data_type)
    options_argument = literal(json.dumps(engine), T.StringType())
    return scalar_call(SPARK_XML, "from_xml", [text, typed_null, options_argument], data_type, name, True)


def _to_xml(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    value = arguments[0]
    if not isinstance(value.data_type, T.StructType):
        raise type_mismatch(name, "STRUCT", value.name, value.data_type, 0)
    _unsupported_types(value.data_type, "to_xml", allow_maps=True)
    options = _options(arguments, 1, name)
    # The XML data source's writer (``_xml_source.py``) writes rows inside the root element.
    depth = options.pop("__pyrust_row_depth", None)
    _check_options(options, _TO_OPTIONS, "to_xml")
    engine = _engine_options(options, value.data_type)
    if depth is not None:
        engine["rowDepth"] = depth
    options_argument = literal(json.dumps(engine), T.StringType())
    return scalar_call(SPARK_XML, "to_xml", [value, options_argument], T.StringType(), name, True)


def _schema_of_xml(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) not in (1, 2):
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    if isinstance(arguments[0].data_type, T.NullType):
        raise analysis_error("DATATYPE_MISMATCH.UNEXPECTED_NULL", sqlExpr=f'"{name}"', exprName="xml")
    text = constant_string(arguments[0])
    if text is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{name}"',
            inputName="`xml`",
            inputType='"STRING"',
            inputExpr=f'"{arguments[0].name}"',
        )
    options = _options(arguments, 1, name)
    _check_options(options, _SCHEMA_OPTIONS, "schema_of_xml")
    xml_options = XmlOptions(
        attribute_prefix=options.get("attributeprefix", "_"),
        value_tag=options.get("valuetag", "_VALUE"),
        exclude_attribute=_flag(options, "excludeAttribute", False),
        infer_schema=_flag(options, "inferSchema", True),
        prefers_decimal=_flag(options, "prefersDecimal", False),
        ignore_surrounding_spaces=_flag(options, "ignoreSurroundingSpaces", True),
        null_value=options.get("nullvalue"),
    )
    return literal(ddl(infer_schema(text, xml_options)), T.StringType(), name)



for _function in _XPATH_TYPES:
    scalar(_function, SPARK_XML, resolve=_xpath)
scalar("from_xml", SPARK_XML, resolve=_from_xml, column_name=lambda names: f"from_xml({names[0]})")
scalar("to_xml", SPARK_XML, resolve=_to_xml, column_name=lambda names: f"to_xml({names[0]})")
scalar("schema_of_xml", SPARK_XML, resolve=_schema_of_xml, column_name=lambda names: f"schema_of_xml({names[0]})")
