"""String functions (Spark's ``string_funcs`` group), string predicates and URL functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._inputs import ANY, BINARY, INT, LONG, NUMERIC, STRING
from pyrust.sql._functions._table import scalar
from pyrust.sql._functions.json_functions import constant_string
from pyrust.sql._functions.math_functions import seed_of, shown_seed

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

SPARK_STRING = "extension:dev.pyrust:functions_spark_string"
_MAX_INT = 2**31 - 1


def _first_nullable(arguments: list[Bound]) -> bool:
    return arguments[0].nullable


def _unsupported(feature: str):
    """A resolver for a function pyrust does not run (yet): NOT_IMPLEMENTED naming it."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        raise not_implemented(feature)

    return resolve


def _trim_name(side: str):
    """``TRIM(LEADING t FROM s)`` when a trim string is given, as Spark prints it."""

    def name(arguments: list[str]) -> str:
        if len(arguments) == 2:
            return f"TRIM({side} {arguments[1]} FROM {arguments[0]})"
        return f"{ {'LEADING': 'ltrim', 'TRAILING': 'rtrim', 'BOTH': 'trim'}[side]}({arguments[0]})"

    return name


def _collation(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """Every string of pyrust is in Spark's default collation."""
    if not isinstance(arguments[0].data_type, T.StringType):
        from pyrust.sql._bound import type_mismatch

        raise type_mismatch(column_name, "STRING", arguments[0].name, arguments[0].data_type)
    value = "SYSTEM.BUILTIN.UTF8_BINARY"
    return Bound(_proto.literal(value, T.StringType()), T.StringType(), False, column_name)


def _collate(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """``collate(s, 'UTF8_BINARY')`` is ``s``; other collations are not implemented."""
    collation = call.arguments[1] if len(call.arguments) == 2 else None
    name = getattr(collation, "value", None)
    if not isinstance(name, str) or name.upper() != "UTF8_BINARY" or not isinstance(arguments[0].data_type, T.StringType):
        raise not_implemented(f"{column_name}: collations other than UTF8_BINARY")
    from dataclasses import replace

    return replace(arguments[0], name=column_name, source=None)


def _predicate(substrait_name: str, spark_name: str):
    """``contains``, ``startswith``, ``endswith`` as functions: the Column methods' operators
    on strings; on binary values (both cast to binary), Spark's byte-wise ones."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        from pyrust.sql._analyzer import _require_string

        if any(isinstance(argument.data_type, T.BinaryType) for argument in arguments):
            operands = [
                argument if isinstance(argument.data_type, T.BinaryType) else cast_to(argument, T.BinaryType())
                for argument in arguments
            ]
            return scalar_call(SPARK_STRING, spark_name, operands, T.BooleanType(), column_name)
        operands = [_require_string(argument, column_name) for argument in arguments]
        return scalar_call(ext.STRING, substrait_name, operands, T.BooleanType(), column_name)

    return resolve


scalar("upper", ext.STRING, aliases=("ucase",), inputs=(STRING,))
scalar("lower", ext.STRING, aliases=("lcase",), inputs=(STRING,))
scalar("substring", SPARK_STRING, aliases=("substr",), inputs=(STRING, INT, INT), defaults={2: (_MAX_INT, T.IntegerType())})

scalar("ascii", SPARK_STRING, inputs=(STRING,))
scalar("base64", SPARK_STRING, inputs=(BINARY,))
scalar("unbase64", SPARK_STRING, inputs=(STRING,))
scalar("bit_length", SPARK_STRING)
scalar("octet_length", SPARK_STRING)
scalar("char", SPARK_STRING, aliases=("chr",), inputs=(LONG,))
scalar("length", SPARK_STRING, aliases=("char_length", "character_length", "len"))
scalar("concat_ws", SPARK_STRING, inputs=(STRING, ...), nullable=_first_nullable)
scalar("elt", SPARK_STRING, inputs=(INT, STRING, ...), nullable=True)
scalar("format_string", SPARK_STRING, aliases=("printf",), inputs=(STRING, ANY, ...), nullable=_first_nullable)
scalar("initcap", SPARK_STRING, inputs=(STRING,))
# With a start, Spark fills in the occurrence (1) and prints it: instr(s, a, 2, 1).
scalar("instr", SPARK_STRING, inputs=(STRING, STRING, INT, INT), defaults={3: (1, T.IntegerType())})
scalar("locate", SPARK_STRING, inputs=(STRING, STRING, INT), defaults={2: (1, T.IntegerType())})
scalar("position", SPARK_STRING, substrait_name="locate", inputs=(STRING, STRING, INT), defaults={2: (1, T.IntegerType())})
scalar("find_in_set", SPARK_STRING, inputs=(STRING, STRING))
scalar("left", SPARK_STRING, inputs=(STRING, INT))
scalar("right", SPARK_STRING, inputs=(STRING, INT))
scalar("levenshtein", SPARK_STRING, inputs=(STRING, STRING, INT))
scalar("jaro_winkler_similarity", SPARK_STRING, inputs=(STRING, STRING))
scalar("lpad", SPARK_STRING, inputs=(STRING, INT, STRING), defaults={2: (" ", T.StringType())})
scalar("rpad", SPARK_STRING, inputs=(STRING, INT, STRING), defaults={2: (" ", T.StringType())})
scalar("ltrim", SPARK_STRING, inputs=(STRING, STRING), column_name=_trim_name("LEADING"))
scalar("rtrim", SPARK_STRING, inputs=(STRING, STRING), column_name=_trim_name("TRAILING"))
scalar("trim", SPARK_STRING, inputs=(STRING, STRING), column_name=_trim_name("BOTH"))
scalar("btrim", SPARK_STRING, inputs=(STRING, STRING))
scalar("repeat", SPARK_STRING, inputs=(STRING, INT))
scalar("replace", SPARK_STRING, inputs=(STRING, STRING, STRING), defaults={2: ("", T.StringType())})
scalar("translate", SPARK_STRING, inputs=(STRING, STRING, STRING))
scalar("split_part", SPARK_STRING, inputs=(STRING, STRING, INT))
scalar("substring_index", SPARK_STRING, inputs=(STRING, STRING, INT))
scalar("overlay", SPARK_STRING, inputs=(STRING, STRING, INT, INT), defaults={3: (-1, T.IntegerType())})
scalar("quote", SPARK_STRING, inputs=(STRING,))
scalar("soundex", SPARK_STRING, inputs=(STRING,))
scalar("mask", SPARK_STRING, inputs=(STRING, STRING, STRING, STRING, STRING),
       defaults={1: ("X", T.StringType()), 2: ("x", T.StringType()), 3: ("n", T.StringType()), 4: (None, T.StringType())})
scalar("format_number", SPARK_STRING, inputs=(NUMERIC, INT), nullable=True)
scalar("to_base32", SPARK_STRING, inputs=(BINARY,))
scalar("from_base32", SPARK_STRING, inputs=(STRING,))
scalar("encode", SPARK_STRING, inputs=(STRING, STRING))
scalar("decode", SPARK_STRING, inputs=(BINARY, STRING), nullable=True)
def _to_binary_nullable(arguments: list[Bound]) -> bool:
    """As Spark's: nullable unless the format is a literal 'utf-8' or 'base64'."""
    if len(arguments) == 2 and arguments[1].proto.HasField("literal"):
        if arguments[1].proto.literal.string.lower() in ("utf-8", "utf8", "base64"):
            return arguments[0].nullable
    return True


scalar("to_binary", SPARK_STRING, inputs=(STRING, STRING), nullable=_to_binary_nullable)
scalar("try_to_binary", SPARK_STRING, inputs=(STRING, STRING), nullable=True)
scalar("is_valid_utf8", SPARK_STRING, inputs=(STRING,))
scalar("make_valid_utf8", SPARK_STRING, inputs=(STRING,))
scalar("validate_utf8", SPARK_STRING, inputs=(STRING,))
scalar("try_validate_utf8", SPARK_STRING, inputs=(STRING,))
scalar("collation", SPARK_STRING, resolve=_collation)
scalar("collate", SPARK_STRING, resolve=_collate)

# Predicates.
scalar("contains", ext.STRING, resolve=_predicate("contains", "contains"))
scalar("startswith", ext.STRING, resolve=_predicate("starts_with", "startswith"))
scalar("endswith", ext.STRING, resolve=_predicate("ends_with", "endswith"))


def check_like_pattern(pattern: Bound, escape: str) -> None:
    """Spark's error for a constant LIKE pattern whose escape character precedes
    anything but ``_``, ``%`` or itself, or ends it (the engine checks the others)."""
    text = constant_string(pattern)
    if text is None:
        return
    shown = "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    index = 0
    while index < len(text):
        if text[index] == escape:
            if index + 1 == len(text):
                raise analysis_error("INVALID_FORMAT.ESC_AT_THE_END", format=shown)
            following = text[index + 1]
            if following not in ("_", "%", escape):
                quoted = "'" + following.replace("\\", "\\\\").replace("'", "\\'") + "'"
                raise analysis_error("INVALID_FORMAT.ESC_IN_THE_MIDDLE", format=shown, char=quoted)
            index += 1
        index += 1


def _like(case_insensitive: bool):
    """``like`` with an escape character (``a LIKE b ESCAPE '/'``; without one the
    analyzer calls the standard ``like``) and ``ilike``, which is ``like`` of the
    lower-cased operands. The escape must be a one-character string literal."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        if len(arguments) not in (2, 3):
            raise analysis_error(
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", functionName=f"`{call.function}`", expectedNum="[2, 3]",
                actualNum=str(len(arguments)), docroot="https://spark.apache.org/docs/latest",
            )
        operands = []
        for index, argument in enumerate(arguments[:2]):
            target = STRING.cast_target(argument.data_type)
            if target is None:
                raise type_mismatch(column_name, STRING.describe(), argument.name, argument.data_type, index)
            operands.append(cast_to(argument, target))
        if len(arguments) == 2:
            # Without an escape, `ilike` is datafusion-spark's (`like` never comes here).
            check_like_pattern(operands[1], "\\")
            return scalar_call(SPARK_STRING, "ilike", operands, T.BooleanType(), column_name)
        escape = constant_string(arguments[2])
        if escape is None or len(escape) != 1:
            raise analysis_error("INVALID_ESCAPE_CHAR", sqlExpr=f'"{arguments[2].name}"')
        check_like_pattern(operands[1], escape)
        if case_insensitive:
            operands = [scalar_call(ext.STRING, "lower", [operand], T.StringType(), operand.name) for operand in operands]
        escape_literal = literal(escape, T.StringType())
        return scalar_call(SPARK_STRING, "like_escape", [*operands, escape_literal], T.BooleanType(), column_name,
                           nullable=any(operand.nullable for operand in operands))

    return resolve


scalar("like", SPARK_STRING, resolve=_like(False))
scalar("ilike", SPARK_STRING, resolve=_like(True), column_name="ilike({0}, {1})")
scalar("rlike", SPARK_STRING, inputs=(STRING, STRING), column_name="RLIKE({0}, {1})")
scalar("regexp", SPARK_STRING, substrait_name="rlike", inputs=(STRING, STRING), column_name="REGEXP({0}, {1})")
scalar("regexp_like", SPARK_STRING, substrait_name="rlike", inputs=(STRING, STRING), column_name="REGEXP_LIKE({0}, {1})")

# Regular expressions (Java's syntax, run by the engine's regex crate: runtime/src/functions/string/regexp.rs).
scalar("regexp_count", SPARK_STRING, inputs=(STRING, STRING))
scalar("regexp_extract", SPARK_STRING, inputs=(STRING, STRING, INT), defaults={2: (1, T.IntegerType())})
scalar("regexp_extract_all", SPARK_STRING, inputs=(STRING, STRING, INT), defaults={2: (1, T.IntegerType())},
       result=T.ArrayType(T.StringType(), True))
scalar("regexp_instr", SPARK_STRING, inputs=(STRING, STRING, INT), defaults={2: (0, T.IntegerType())})
scalar("regexp_replace", SPARK_STRING, inputs=(STRING, STRING, STRING, INT), defaults={3: (1, T.IntegerType())})
scalar("regexp_substr", SPARK_STRING, inputs=(STRING, STRING), nullable=True)
scalar("split", SPARK_STRING, inputs=(STRING, STRING, INT), defaults={2: (-1, T.IntegerType())},
       result=T.ArrayType(T.StringType(), False))

# URLs.
scalar("parse_url", SPARK_STRING, inputs=(STRING, STRING, STRING), nullable=True)
scalar("try_parse_url", SPARK_STRING, inputs=(STRING, STRING, STRING), nullable=True)
scalar("url_encode", SPARK_STRING, inputs=(STRING,))
scalar("url_decode", SPARK_STRING, inputs=(STRING,), nullable=True)
scalar("try_url_decode", SPARK_STRING, inputs=(STRING,), nullable=True)

# Not run by pyrust: each raises NOT_IMPLEMENTED naming it.
scalar("sentences", SPARK_STRING, resolve=_unsupported("sentences (Java's locale-aware word breaking)"),
       defaults={1: ("", T.StringType()), 2: ("", T.StringType())})
def _randstr(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``randstr(length[, seed])``: ``length`` characters of ``0-9a-zA-Z`` from
    Spark's per-partition generator (see ``math_functions.seed_of``)."""
    length, *rest = arguments
    proto = length.proto
    if proto.WhichOneof("rex_type") != "literal" or not isinstance(length.data_type, (T.ShortType, T.IntegerType, T.LongType)):
        raise type_mismatch(name, "constant value of INT or SMALLINT", length.name, length.data_type)
    kind = proto.literal.WhichOneof("literal_type")
    count = 0 if kind == "null" else int(getattr(proto.literal, kind))
    if not 0 <= count <= 2147483647:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
            sqlExpr=f'"{name}"',
            exprName="`length`",
            valueRange="[0, 2147483647]",
            currentValue=str(count),
        )
    seed = [seed_of(rest[0], name)] if rest else []
    name = shown_seed(name, bool(rest))
    return scalar_call(SPARK_STRING, "randstr", [literal(count, T.IntegerType()), *seed], T.StringType(), name, nullable=False)


scalar("randstr", SPARK_STRING, resolve=_randstr)


# -- number formats (number_format.py; runtime/src/functions/string/number_format.rs) --------


def _constant_format(call: Call, argument: Bound, column_name: str) -> str | None:
    """The value of a number format, which Spark requires to be constant (``None`` for NULL)."""
    proto = argument.proto
    if proto.WhichOneof("rex_type") != "literal":
        from pyrust.sql._expressions import Call as CallExpression

        source = call.arguments[1]
        while hasattr(source, "child") and not isinstance(source, CallExpression):
            source = source.child
        pretty = source.function if isinstance(source, CallExpression) else "attributereference"
        raise analysis_error(
            "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
            sqlExpr=f'"{column_name}"',
            inputName=f"`{pretty}`",
            inputType=f'"{argument.data_type.simpleString().upper()}"',
            inputExpr=f'"{argument.name}"',
        )
    kind = proto.literal.WhichOneof("literal_type")
    if kind == "null":
        return None
    if kind == "string":
        return proto.literal.string
    if kind in ("i8", "i16", "i32", "i64"):
        return str(getattr(proto.literal, kind))
    raise not_implemented(f"{column_name} with a format of type {argument.data_type.simpleString()}")


def _to_number(substrait_name: str):
    """``to_number`` / ``try_to_number``: the string read by a constant format, as
    ``decimal(p, s)`` of the format; ``try_`` gives null where it does not match."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        from pyrust.sql._functions import number_format

        value, format_argument = arguments
        for index, argument in enumerate(arguments):
            if STRING.cast_target(argument.data_type) is None:
                raise type_mismatch(column_name, STRING.describe(), argument.name, argument.data_type, index)
        text = _constant_format(call, format_argument, column_name)
        if text is None:
            return literal(None, T.DecimalType(10, 0), column_name)
        precision, scale = number_format.check(text.upper())
        if precision > 38:
            from pyrust import errors

            raise errors.ArithmeticException(
                errorClass="DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                messageParameters={"precision": str(precision), "maxPrecision": "38"},
            )
        operands = [cast_to(value, T.StringType()), literal(text.upper(), T.StringType())]
        nullable = value.nullable or substrait_name == "try_to_number"
        return scalar_call(SPARK_STRING, substrait_name, operands, T.DecimalType(precision, scale), column_name, nullable)

    return resolve


# Spark's implicit casts to an unspecified decimal (``DecimalType.forType``).
_AS_DECIMAL = {T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0), T.LongType: (20, 0),
               T.FloatType: (14, 7), T.DoubleType: (30, 15), T.StringType: (38, 18), T.NullType: (38, 18)}


def _to_char(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """``to_char`` / ``to_varchar``: a number written by a constant format; a date or
    timestamp is ``date_format``, a binary value ``base64``, ``hex`` or ``decode``
    by the format's name, each named as that function (as Spark's builder does)."""
    from pyrust.sql import _functions
    from pyrust.sql._functions import number_format

    if len(arguments) != 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", functionName=f"`{call.function}`", expectedNum="2",
            actualNum=str(len(arguments)), docroot="https://spark.apache.org/docs/latest",
        )
    value, format_argument = arguments
    data_type = value.data_type

    def rewrite(name: str, operands: list[Bound]) -> Bound:
        declared = _functions.lookup(name)
        return declared.resolve_scalar(analyzer, call, operands, declared.sql([operand.name for operand in operands]))

    if isinstance(data_type, (T.DateType, T.TimestampType, T.TimestampNTZType)):
        return rewrite("date_format", arguments)
    if isinstance(data_type, T.BinaryType):
        text = constant_string(format_argument)
        if text is None:
            is_string = isinstance(format_argument.data_type, T.StringType)
            if is_string and format_argument.proto.literal.WhichOneof("literal_type") == "null":
                raise analysis_error("INVALID_PARAMETER_VALUE.NULL", parameter="`format`", functionName=f"`{call.function}`")
            shown_type = format_argument.data_type.simpleString().upper().replace("NULL", "VOID")
            raise analysis_error(
                "NON_FOLDABLE_ARGUMENT", funcName=f"`{call.function}`", paramName="`format`", paramType=f'"{shown_type}"'
            )
        chosen = text.lower().strip()
        if chosen in ("base64", "hex"):
            return rewrite(chosen, [value])
        if chosen == "utf-8":
            decoded = rewrite("decode", arguments)
            if call.function.lower() == "to_varchar":
                # Spark's `decode` takes the name of the alias it was called by.
                from dataclasses import replace

                decoded = replace(decoded, name=f"to_varchar({value.name}, {format_argument.name})")
            return decoded
        raise analysis_error(
            "INVALID_PARAMETER_VALUE.BINARY_FORMAT", parameter="`format`", functionName=f"`{call.function}`",
            invalidFormat=f"'{chosen}'",
        )
    if isinstance(data_type, T.DecimalType):
        target = data_type
    elif type(data_type) in _AS_DECIMAL:
        target = T.DecimalType(*_AS_DECIMAL[type(data_type)])
    else:
        raise type_mismatch(column_name, '"DECIMAL"', value.name, data_type, 0)
    if STRING.cast_target(format_argument.data_type) is None:
        raise type_mismatch(column_name, STRING.describe(), format_argument.name, format_argument.data_type, 1)
    text = _constant_format(call, format_argument, column_name)
    if text is None:
        return literal(None, T.StringType(), column_name)
    number_format.check(text.upper())
    operands = [cast_to(value, target), literal(text.upper(), T.StringType())]
    return scalar_call(SPARK_STRING, "to_char", operands, T.StringType(), column_name, value.nullable)


scalar("to_number", SPARK_STRING, resolve=_to_number("to_number"))
scalar("try_to_number", SPARK_STRING, resolve=_to_number("try_to_number"))
# Called as to_varchar too, Spark names it to_char.
scalar("to_char", SPARK_STRING, aliases=("to_varchar",), resolve=_to_char, column_name="to_char({0}, {1})")
