"""VARIANT functions (Spark's ``variant_funcs``).

A variant travels as Spark's Arrow form of it, a struct of its ``value`` and
``metadata`` binaries (``_substrait_types.py``); the engine's functions read
and write Spark's binary encoding (``runtime/src/functions/variant.rs``).

Values that are not variants become variants as Spark's ``CAST(x AS
VARIANT)`` makes them (``cast_to_variant``, put in by :func:`to_variant`:
atomic values and arrays; structs and maps only through
``to_variant_object``). ``variant_get`` takes a DDL type name, a literal:
the engine gets a null of that type (its output type) and the type's Spark
name (for ``INVALID_VARIANT_CAST``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._functions._inputs import BOOLEAN, STRING, Exactly
from pyrust.sql._functions._table import aggregate, scalar

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

SPARK_VARIANT = "extension:dev.pyrust:functions_spark_variant"
VARIANT = Exactly(T.VariantType())

# Types variant_get can cast a variant to (nested targets are not done yet).
_GET_TARGETS = (
    T.BooleanType,
    T.ByteType,
    T.ShortType,
    T.IntegerType,
    T.LongType,
    T.FloatType,
    T.DoubleType,
    T.DecimalType,
    T.StringType,
    T.BinaryType,
    T.DateType,
    T.VariantType,
)


def _castable(data_type: T.DataType) -> bool:
    """Whether Spark casts values of ``data_type`` to VARIANT (atomic types and arrays of them)."""
    if isinstance(data_type, T.ArrayType):
        return _castable(data_type.elementType)
    return isinstance(data_type, T.AtomicType) and not isinstance(data_type, T.TimeType)


def to_variant(value: Bound, sql_expression: str) -> Bound:
    """``value`` as a variant, as Spark's cast makes it; Spark's
    ``DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION`` for what it does not cast."""
    if isinstance(value.data_type, T.VariantType):
        return value
    if isinstance(value.data_type, T.NullType):
        return literal(None, T.VariantType(), value.name)
    if not _castable(value.data_type):
        raise analysis_error(
            "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
            sqlExpr=f'"{sql_expression}"',
            srcType=f'"{value.data_type.simpleString().upper()}"',
            targetType='"VARIANT"',
        )
    return scalar_call(SPARK_VARIANT, "cast_to_variant", [value], T.VariantType(), value.name)


def variant_json(value: Bound, name: str) -> Bound:
    """A variant as Spark's JSON text (``to_json``: a string is quoted)."""
    return scalar_call(SPARK_VARIANT, "variant_to_json", [value], T.StringType(), name, True)


def from_variant(value: Bound, target: T.DataType, null_on_failure: bool) -> Bound:
    """A variant cast to ``target`` (Spark's ``CAST(v AS type)``: ``variant_get(v, '$', type)``;
    a string is its text, anything else its JSON)."""
    if not isinstance(target, _GET_TARGETS):
        raise not_implemented(f"CAST from variant to {target.simpleString()}")
    function = "try_variant_get" if null_on_failure else "variant_get"
    path = literal("$", T.StringType())
    return _get_call(function, value, path, target, value.name)


def _get_call(function: str, value: Bound, path: Bound, target: T.DataType, name: str) -> Bound:
    arguments = [value, path, literal(None, target), literal(target.simpleString().upper(), T.StringType())]
    return scalar_call(SPARK_VARIANT, function, arguments, target, name, True)


def _variant_argument(arguments: list[Bound], index: int, name: str) -> Bound:
    argument = arguments[index]
    target = VARIANT.cast_target(argument.data_type)
    if target is None:
        raise type_mismatch(name, VARIANT.describe(), argument.name, argument.data_type, index)
    if isinstance(argument.data_type, T.NullType):
        return literal(None, T.VariantType(), argument.name)
    return argument


def _string_argument(arguments: list[Bound], index: int, name: str) -> Bound:
    from pyrust.sql._bound import cast_to

    argument = arguments[index]
    target = STRING.cast_target(argument.data_type)
    if target is None:
        raise type_mismatch(name, STRING.describe(), argument.name, argument.data_type, index)
    return cast_to(argument, target)


def _variant_get(function: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
        if len(arguments) != 3:
            raise not_implemented(f"{name} with {len(arguments)} arguments")
        value = _variant_argument(arguments, 0, name)
        path = _string_argument(arguments, 1, name)
        type_text = _constant_string(arguments[2])
        if type_text is None:
            raise analysis_error(
                "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                sqlExpr=f'"{name}"',
                inputName="`targetType`",
                inputType='"STRING"',
                inputExpr=f'"{arguments[2].name}"',
            )
        target = T._parse_ddl(type_text)  # noqa: SLF001 - the module's DDL reader
        if not isinstance(target, _GET_TARGETS):
            raise not_implemented(f"{function} to {target.simpleString()}")
        return _get_call(function, value, path, target, name)

    return resolve


def _constant_string(argument: Bound) -> str | None:
    from pyrust.sql._functions.json_functions import constant_string

    return constant_string(argument)


def _edit(function: str, with_create: bool):
    """``variant_set`` (with ``create_if_missing``), ``variant_insert``, ``variant_array_append``."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
        expected = 4 if with_create else 3
        if len(arguments) != expected:
            raise not_implemented(f"{name} with {len(arguments)} arguments")
        value = _variant_argument(arguments, 0, name)
        path = _string_argument(arguments, 1, name)
        new_value = to_variant(arguments[2], name)
        rest = [value, path, new_value]
        if with_create:
            flag = arguments[3]
            target = BOOLEAN.cast_target(flag.data_type)
            if target is None:
                raise type_mismatch(name, BOOLEAN.describe(), flag.name, flag.data_type, 3)
            from pyrust.sql._bound import cast_to

            rest.append(cast_to(flag, target))
        return scalar_call(SPARK_VARIANT, function, rest, T.VariantType(), name, True)

    return resolve


def _to_variant_object(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    if len(arguments) != 1:
        raise not_implemented(f"{name} with {len(arguments)} arguments")
    value = arguments[0]
    if not isinstance(value.data_type, (T.StructType, T.MapType, T.ArrayType)):
        raise analysis_error(
            "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
            sqlExpr=f'"{name}"',
            srcType=f'"{value.data_type.simpleString().upper()}"',
            targetType='"VARIANT"',
        )
    spark_type = literal(value.data_type.json(), T.StringType())
    return scalar_call(SPARK_VARIANT, "to_variant_object", [value, spark_type], T.VariantType(), name, value.nullable)


_TRUE = {1: (True, T.BooleanType())}

scalar("parse_json", SPARK_VARIANT, inputs=(STRING,), result=T.VariantType())
scalar("try_parse_json", SPARK_VARIANT, inputs=(STRING,), result=T.VariantType(), nullable=True)
scalar("is_variant_null", SPARK_VARIANT, inputs=(VARIANT,), nullable=False)
scalar("is_valid_variant", SPARK_VARIANT, inputs=(VARIANT,), nullable=True)
scalar("schema_of_variant", SPARK_VARIANT, inputs=(VARIANT,))
aggregate("schema_of_variant_agg", SPARK_VARIANT, inputs=(VARIANT,), nullable=False)
scalar("variant_get", SPARK_VARIANT, resolve=_variant_get("variant_get"), column_name=lambda names: f"variant_get({names[0]}, {names[1]})")
scalar(
    "try_variant_get",
    SPARK_VARIANT,
    resolve=_variant_get("try_variant_get"),
    column_name=lambda names: f"try_variant_get({names[0]}, {names[1]})",
)
for _name, _create in (
    ("variant_set", True),
    ("try_variant_set", True),
    ("variant_insert", False),
    ("try_variant_insert", False),
    ("variant_array_append", False),
    ("try_variant_array_append", False),
):
    scalar(_name, SPARK_VARIANT, resolve=_edit(_name, _create), defaults={3: (True, T.BooleanType())} if _create else None)
scalar("variant_delete", SPARK_VARIANT, inputs=(VARIANT, STRING, ...), result=T.VariantType())
# Not a Spark function: the rows of the table function variant_explode, which is
# inline(variant_explode_entries(v)) (tvf.py).
_ENTRIES = T.ArrayType(
    T.StructType(
        [
            T.StructField("pos", T.IntegerType(), False),
            T.StructField("key", T.StringType(), True),
            T.StructField("value", T.VariantType(), False),
        ]
    ),
    containsNull=False,
)
scalar("variant_explode_entries", SPARK_VARIANT, inputs=(VARIANT,), result=_ENTRIES)
scalar("variant_strip_nulls", SPARK_VARIANT, inputs=(VARIANT, BOOLEAN), result=T.VariantType(), defaults=_TRUE)
scalar("to_variant_object", SPARK_VARIANT, resolve=_to_variant_object)
