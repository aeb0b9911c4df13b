"""Array, map and struct (and generators) functions.

Most are one call of the same name in ``functions_spark_collection.yaml``.
Where the engine's function differs from Spark's only in null handling
(``concat`` gives null when any argument is null, ``array_append`` when the
array is), the call is wrapped in ``CASE WHEN ... IS NULL THEN NULL``.
Structs and ``create_map`` are Substrait nested expressions, not calls.
Generators (``explode``...) change the number of rows: ``DataFrame.select``
turns them into a ``Generate`` relation (``_generate.py``); their rows here
only name them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, analysis_error, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql._coercion import common_type, common_type_or_error
from pyrust.sql._expressions import Alias, ColumnReference, FieldIndex, Literal
from pyrust.sql._functions._inputs import INT, STRING, one_of
from pyrust.sql._functions._table import scalar
from pyrust.sql._substrait_types import to_substrait_type

if TYPE_CHECKING:
    from substrait import type_pb2 as stt

    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Call

SPARK_COLLECTION = "extension:dev.pyrust:functions_spark_collection"


# -- helpers -------------------------------------------------------------------------


def _cast(bound: Bound, target: T.DataType) -> Bound:
    """``bound`` as ``target``; a value whose type differs only in nullability
    is taken as it is (a cast of a struct would need the engine to know its
    field names, which it does not: structs are positional there)."""
    if bound.data_type.simpleString() == target.simpleString():
        return replace(bound, data_type=target)
    return cast_to(bound, target)


def _call(name: str, arguments: list[Bound], result_type: T.DataType, column_name: str, nullable: bool | None = None) -> Bound:
    return scalar_call(SPARK_COLLECTION, name, arguments, result_type, column_name, nullable)


def _is_null(value: Bound) -> Bound:
    return scalar_call(ext.COMPARISON, "is_null", [value], T.BooleanType(), "", nullable=False)


def _null_when_null(result: Bound, operands: list[Bound]) -> Bound:
    """``result``, or null where any of ``operands`` is null (Spark's null-intolerant calls)."""
    nullable = [operand for operand in operands if operand.nullable]
    if not nullable:
        return result
    condition = _is_null(nullable[0])
    for operand in nullable[1:]:
        condition = scalar_call(ext.BOOLEAN, "or", [condition, _is_null(operand)], T.BooleanType(), "")
    otherwise = result.proto
    proto = _proto.if_then([(condition.proto, _proto.literal(None, result.data_type))], otherwise)
    return Bound(proto, result.data_type, True, result.name)


def _require_array(argument: Bound, column_name: str, index: int = 0) -> T.ArrayType:
    if not isinstance(argument.data_type, T.ArrayType):
        raise type_mismatch(column_name, "ARRAY", argument.name, argument.data_type, index)
    return argument.data_type


def _require_map(argument: Bound, column_name: str, index: int = 0) -> T.MapType:
    if not isinstance(argument.data_type, T.MapType):
        raise type_mismatch(column_name, "MAP", argument.name, argument.data_type, index)
    return argument.data_type


def _array_and_element(array: Bound, value: Bound, column_name: str, refuse_null: bool = False) -> tuple[Bound, Bound]:
    """The array and a value cast to their common element type (Spark's
    ``ArrayBinaryLike`` coercion)."""
    array_type = _require_array(array, column_name)
    if refuse_null and isinstance(value.data_type, T.NullType):
        raise analysis_error("DATATYPE_MISMATCH.NULL_TYPE", sqlExpr=f'"{column_name}"', functionName=f"`{column_name.split('(')[0]}`")
    element = common_type(array_type.elementType, value.data_type)
    if element is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
            sqlExpr=f'"{column_name}"',
            functionName=f"`{column_name.split('(')[0]}`",
            dataType='"ARRAY"',
            leftType=f'"{array_type.simpleString().upper()}"',
            rightType=f'"{value.data_type.simpleString().upper()}"',
        )
    return _cast(array, T.ArrayType(element, array_type.containsNull)), _cast(value, element)


def _two_arrays(left: Bound, right: Bound, column_name: str) -> tuple[Bound, Bound]:
    left_type = _require_array(left, column_name, 0)
    right_type = _require_array(right, column_name, 1)
    element = common_type(left_type.elementType, right_type.elementType)
    if element is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES",
            sqlExpr=f'"{column_name}"',
            functionName=f"`{column_name.split('(')[0]}`",
            arrayType='"ARRAY"',
            leftType=f'"{left_type.simpleString().upper()}"',
            rightType=f'"{right_type.simpleString().upper()}"',
        )
    return (
        _cast(left, T.ArrayType(element, left_type.containsNull)),
        _cast(right, T.ArrayType(element, right_type.containsNull)),
    )


def _foldable(call: Call, index: int, what: str) -> object:
    """The value of a literal argument (Spark requires some arguments to be constant)."""
    argument = call.arguments[index]
    while isinstance(argument, Alias):
        argument = argument.child
    if not isinstance(argument, Literal):
        raise not_implemented(f"{call.function} with a non-constant {what}")
    return argument.value


# -- arrays --------------------------------------------------------------------------


def _array(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if not arguments:
        # Spark's array() is an empty array<void>; a union with other arrays casts it to theirs.
        empty = T.ArrayType(T.NullType(), False)
        return Bound(_proto.literal([], empty), empty, False, column_name)
    element = common_type_or_error([argument.data_type for argument in arguments], column_name)
    cast = [_cast(argument, element) for argument in arguments]
    contains_null = any(argument.nullable for argument in arguments)
    return _call("array", cast, T.ArrayType(element, contains_null), column_name, nullable=False)


def _array_contains(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, value = _array_and_element(*arguments, column_name, refuse_null=True)
    return _call("array_contains", [array, value], T.BooleanType(), column_name, nullable=True)


def _same_array(name: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        (array,) = arguments
        array_type = _require_array(array, column_name)
        return _call(name, [array], array_type, column_name)

    return resolve


def _array_extreme(name: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        (array,) = arguments
        array_type = _require_array(array, column_name)
        return _call(name, [array], array_type.elementType, column_name, nullable=True)

    return resolve


def _array_remove(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, value = _array_and_element(*arguments, column_name)
    return _call("array_remove", [array, value], array.data_type, column_name)


def _array_append(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, value = _array_and_element(*arguments, column_name)
    element = array.data_type.elementType
    result_type = T.ArrayType(element, array.data_type.containsNull or value.nullable)
    appended = _call("array_append", [array, value], result_type, column_name, nullable=array.nullable)
    return _null_when_null(appended, [array])


def _array_prepend(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, value = _array_and_element(*arguments, column_name)
    element = array.data_type.elementType
    result_type = T.ArrayType(element, array.data_type.containsNull or value.nullable)
    single = _call("array", [value], T.ArrayType(element, value.nullable), "", nullable=False)
    joined = _call("array_concat", [single, _cast(array, result_type)], result_type, column_name, nullable=array.nullable)
    return _null_when_null(joined, [array])


def _array_insert(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, position, value = arguments
    array, value = _array_and_element(array, value, column_name)
    position = _cast_input(position, INT, column_name, 1)
    result_type = T.ArrayType(array.data_type.elementType, True)
    return _call("array_insert", [array, position, value], result_type, column_name, nullable=array.nullable or position.nullable)


def _array_position(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, value = _array_and_element(*arguments, column_name)
    # The engine's position is unsigned and null when absent; Spark's is a bigint, 0 when absent.
    found = _call("array_position", [array, value], T.LongType(), column_name, nullable=True)
    as_long = Bound(_proto.cast(found.proto, _to_type(T.LongType())), T.LongType(), True, column_name)
    zero = literal(0, T.LongType())
    position = scalar_call(ext.COMPARISON, "coalesce", [as_long, zero], T.LongType(), column_name, nullable=False)
    return _null_when_null(position, [array, value])


def _to_type(data_type: T.DataType) -> stt.Type:
    return to_substrait_type(data_type, True)


def _array_repeat(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    element, count = arguments
    count = _cast_input(count, INT, column_name, 1)
    if isinstance(element.data_type, (T.ArrayType, T.MapType)):
        # The engine's array_repeat builds lists whose field is named `item`
        # and refuses nested lists of another field name (`element` from
        # local data); a cast to the same type renames the field.
        proto = _proto.cast(element.proto, _to_type(element.data_type))
        element = replace(element, proto=proto)
    result_type = T.ArrayType(element.data_type, element.nullable)
    return _call("array_repeat", [element, count], result_type, column_name, nullable=count.nullable)


def _cast_input(argument: Bound, expected, column_name: str, index: int) -> Bound:
    target = expected.cast_target(argument.data_type)
    if target is None:
        raise type_mismatch(column_name, expected.describe(), argument.name, argument.data_type, index)
    return cast_to(argument, target)


def _size(legacy_null: bool, arrays_only: bool):
    """``size``/``cardinality`` (-1 for null in legacy mode, null in ANSI mode) and ``array_size`` (null)."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        (value,) = arguments
        if arrays_only:
            _require_array(value, column_name)
        elif not isinstance(value.data_type, (T.ArrayType, T.MapType)):
            raise type_mismatch(column_name, '("ARRAY" or "MAP")', value.name, value.data_type)
        size = _call("size", [value], T.IntegerType(), column_name, nullable=False)
        if legacy_null and not analyzer.mode.ansi:
            return size
        return _null_when_null(size, [value])

    return resolve


def _sort_array(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array = arguments[0]
    array_type = _require_array(array, column_name)
    ascending = True
    if len(arguments) > 1:
        ascending = _foldable(call, 1, "sort direction")
        if not isinstance(ascending, bool):
            raise type_mismatch(column_name, "BOOLEAN", arguments[1].name, arguments[1].data_type, 1)
    else:
        column_name = f"sort_array({array.name}, true)"
    direction = literal("ASC" if ascending else "DESC", T.StringType())
    nulls = literal("NULLS FIRST" if ascending else "NULLS LAST", T.StringType())
    return _call("sort_array", [array, direction, nulls], array_type, column_name, nullable=array.nullable)


def _array_join(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, *rest = arguments
    array_type = _require_array(array, column_name)
    if not isinstance(array_type.elementType, T.StringType):
        if not isinstance(array_type.elementType, (T.AtomicType, T.NullType)):
            raise type_mismatch(column_name, "ARRAY<STRING>", array.name, array_type)
        array = _cast(array, T.ArrayType(T.StringType(), array_type.containsNull))
    strings = [_cast_input(argument, STRING, column_name, index + 1) for index, argument in enumerate(rest)]
    return _call("array_join", [array, *strings], T.StringType(), column_name)


def _reverse(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    (value,) = arguments
    if isinstance(value.data_type, T.ArrayType):
        return _call("array_reverse", [value], value.data_type, column_name)
    if isinstance(value.data_type, T.BinaryType):
        return _call("reverse_binary", [value], T.BinaryType(), column_name)
    value = _cast_input(value, STRING, column_name, 0)
    return _call("reverse", [value], T.StringType(), column_name)


def _slice(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, start, length = arguments
    array_type = _require_array(array, column_name)
    start = _cast_input(start, INT, column_name, 1)
    length = _cast_input(length, INT, column_name, 2)
    return _call("slice", [array, start, length], array_type, column_name)


def _concat(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if not arguments:
        return literal("", T.StringType(), column_name)
    if all(isinstance(argument.data_type, (T.ArrayType, T.NullType)) for argument in arguments) and any(
        isinstance(argument.data_type, T.ArrayType) for argument in arguments
    ):
        result_type = common_type_or_error([argument.data_type for argument in arguments], column_name)
        cast = [_cast(argument, result_type) for argument in arguments]
        joined = _call("array_concat", cast, result_type, column_name)
        return _null_when_null(joined, cast)
    if all(isinstance(argument.data_type, (T.BinaryType, T.NullType)) for argument in arguments) and any(
        isinstance(argument.data_type, T.BinaryType) for argument in arguments
    ):
        # Only binary values: their bytes (the engine's function is null when any is).
        binaries = [_cast(argument, T.BinaryType()) for argument in arguments]
        return _call("concat_binary", binaries, T.BinaryType(), column_name)
    strings = [_cast_input(argument, STRING, column_name, index) for index, argument in enumerate(arguments)]
    joined = _call("concat", strings, T.StringType(), column_name)
    return _null_when_null(joined, strings)


def _flatten(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    (array,) = arguments
    array_type = _require_array(array, column_name)
    inner = array_type.elementType
    if not isinstance(inner, T.ArrayType):
        raise type_mismatch(column_name, "ARRAY<ARRAY>", array.name, array_type)
    flattened = _call("flatten", [array], inner, column_name)
    if not array_type.containsNull:
        return flattened
    # Spark's flatten is null when an inner array is; the engine skips it.
    compact = _call("array_compact", [array], T.ArrayType(inner, False), "")
    sizes = [_call("size", [value], T.IntegerType(), "", nullable=False) for value in (compact, array)]
    has_null = scalar_call(ext.COMPARISON, "lt", sizes, T.BooleanType(), "", nullable=False)
    proto = _proto.if_then(
        [(_is_null(array).proto, _proto.literal(None, inner)), (has_null.proto, _proto.literal(None, inner))],
        flattened.proto,
    )
    return Bound(proto, inner, True, column_name)


def _set_operation(name: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        left, right = _two_arrays(*arguments, column_name)
        return _call(name, [left, right], left.data_type, column_name)

    return resolve


def _arrays_overlap(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """True when the arrays share a non-null element; otherwise null when both
    are non-empty and either holds a null, else false (Spark's arrays_overlap)."""
    left, right = _two_arrays(*arguments, column_name)
    element = left.data_type.elementType
    compact = [_call("array_compact", [side], T.ArrayType(element, False), "") for side in (left, right)]
    shared = _call("array_has_any", compact, T.BooleanType(), "")

    def size(value: Bound) -> Bound:
        return _call("size", [value], T.IntegerType(), "", nullable=False)

    def compare(function: str, one: Bound, other: Bound) -> Bound:
        return scalar_call(ext.COMPARISON, function, [one, other], T.BooleanType(), "", nullable=False)

    def both(function: str, one: Bound, other: Bound) -> Bound:
        return scalar_call(ext.BOOLEAN, function, [one, other], T.BooleanType(), "", nullable=False)

    zero = literal(0, T.IntegerType())
    non_empty = both("and", compare("gt", size(left), zero), compare("gt", size(right), zero))
    has_null = both(
        "or", compare("lt", size(compact[0]), size(left)), compare("lt", size(compact[1]), size(right))
    )
    null = _proto.literal(None, T.BooleanType())
    proto = _proto.if_then(
        [
            (shared.proto, _proto.literal(True, T.BooleanType())),
            (both("and", non_empty, has_null).proto, null),
        ],
        _proto.literal(False, T.BooleanType()),
    )
    overlap = Bound(proto, T.BooleanType(), True, column_name)
    return _null_when_null(overlap, [left, right])


def _element_at(strict: bool):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        container, key = arguments
        if isinstance(container.data_type, T.MapType):
            map_type = container.data_type
            key = _cast_input(key, one_of(map_type.keyType), column_name, 1)
            found = _call("map_extract", [container, key], T.ArrayType(map_type.valueType, True), "")
            one = literal(1, T.IntegerType())
            return _call("try_element_at", [found, one], map_type.valueType, column_name, nullable=True)
        array_type = _require_array(container, column_name)
        key = _cast_input(key, INT, column_name, 1)
        if strict and analyzer.mode.ansi:
            # An index outside the array is an error, so only nulls give null.
            nullable = container.nullable or key.nullable or array_type.containsNull
            return _call("element_at", [container, key], array_type.elementType, column_name, nullable=nullable)
        return _call("try_element_at", [container, key], array_type.elementType, column_name, nullable=True)

    return resolve


def _get(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    array, index = arguments
    array_type = _require_array(array, column_name)
    index = _cast_input(index, INT, column_name, 1)
    return _call("get", [array, index], array_type.elementType, column_name, nullable=True)


# -- maps ----------------------------------------------------------------------------


def _map_part(part: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        (value,) = arguments
        map_type = _require_map(value, column_name)
        if part == "map_keys":
            result_type = T.ArrayType(map_type.keyType, False)
        elif part == "map_values":
            result_type = T.ArrayType(map_type.valueType, map_type.valueContainsNull)
        else:
            entry = T.StructType(
                [T.StructField("key", map_type.keyType, False), T.StructField("value", map_type.valueType, map_type.valueContainsNull)]
            )
            result_type = T.ArrayType(entry, False)
        return _call(part, [value], result_type, column_name)

    return resolve


def _map_contains_key(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    value, key = arguments
    map_type = _require_map(value, column_name)
    key = _cast_input(key, one_of(map_type.keyType), column_name, 1)
    keys = _call("map_keys", [value], T.ArrayType(map_type.keyType, False), "")
    return _call("array_has", [keys, key], T.BooleanType(), column_name)


def _map_from_arrays(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    keys, values = arguments
    key_type = _require_array(keys, column_name, 0)
    value_type = _require_array(values, column_name, 1)
    result_type = T.MapType(key_type.elementType, value_type.elementType, value_type.containsNull)
    return _call("map_from_arrays", [keys, values], result_type, column_name)


def _map_from_entries(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    (entries,) = arguments
    array_type = _require_array(entries, column_name)
    entry = array_type.elementType
    if not isinstance(entry, T.StructType) or len(entry.fields) != 2:
        raise type_mismatch(column_name, "ARRAY<STRUCT<KEY, VALUE>>", entries.name, array_type)
    key, value = entry.fields
    return _call("map_from_entries", [entries], T.MapType(key.dataType, value.dataType, value.nullable), column_name)


def _map_concat(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """The maps' keys and values concatenated into one map (an error on a
    repeated key, as Spark's default ``mapKeyDedupPolicy``); null when any map is."""
    if not arguments:
        raise not_implemented("map_concat() without arguments")
    for index, argument in enumerate(arguments):
        _require_map(argument, column_name, index)
    map_type = common_type_or_error([argument.data_type for argument in arguments], column_name)
    maps = [_cast(argument, map_type) for argument in arguments]
    if len(maps) == 1:
        return replace(maps[0], name=column_name)
    keys_type = T.ArrayType(map_type.keyType, False)
    values_type = T.ArrayType(map_type.valueType, map_type.valueContainsNull)
    keys = _call("array_concat", [_call("map_keys", [m], keys_type, "") for m in maps], keys_type, "")
    values = _call("array_concat", [_call("map_values", [m], values_type, "") for m in maps], values_type, "")
    joined = _call("map_from_arrays", [keys, values], map_type, column_name)
    return _null_when_null(joined, maps)


def _str_to_map(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    strings = [_cast_input(argument, STRING, column_name, index) for index, argument in enumerate(arguments)]
    while len(strings) < 3:
        default = "," if len(strings) == 1 else ":"
        strings.append(literal(default, T.StringType()))
    name = f"str_to_map({', '.join(argument.name for argument in strings)})"
    return _call("str_to_map", strings, T.MapType(T.StringType(), T.StringType(), True), name)


def _create_map(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if len(arguments) % 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            functionName="`map`",
            expectedNum="2n (n > 0)",
            actualNum=str(len(arguments)),
            docroot="https://spark.apache.org/docs/latest",
        )
    if not arguments:
        # Spark's map() is an empty map<void, void>.
        empty_map = T.MapType(T.NullType(), T.NullType(), False)
        return Bound(_proto.literal({}, empty_map), empty_map, False, column_name)
    keys, values = arguments[0::2], arguments[1::2]
    key_type = common_type_or_error([key.data_type for key in keys], column_name)
    value_type = common_type_or_error([value.data_type for value in values], column_name)
    pairs = [(_cast(key, key_type).proto, _cast(value, value_type).proto) for key, value in zip(keys, values)]
    result_type = T.MapType(key_type, value_type, any(value.nullable for value in values))
    return Bound(_proto.map_of(pairs), result_type, False, column_name)


# -- structs -------------------------------------------------------------------------


def _field_name(argument, index: int) -> str:
    if isinstance(argument, Alias):
        return argument.name
    if isinstance(argument, (ColumnReference, FieldIndex)):
        return argument.sql()
    return f"col{index + 1}"


def _struct(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if not arguments:
        raise not_implemented("struct() without arguments")
    fields = [
        T.StructField(_field_name(expression, index), argument.data_type, argument.nullable)
        for index, (expression, argument) in enumerate(zip(call.arguments, arguments))
    ]
    return Bound(_proto.struct([argument.proto for argument in arguments]), T.StructType(fields), False, column_name)


def _named_struct(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if not arguments or len(arguments) % 2:
        raise analysis_error(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            functionName="`named_struct`",
            expectedNum="2n (n > 0)",
            actualNum=str(len(arguments)),
            docroot="https://spark.apache.org/docs/latest",
        )
    names = []
    for index in range(0, len(arguments), 2):
        name = _foldable(call, index, "field name")
        if not isinstance(name, str):
            raise analysis_error(
                "DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING",
                sqlExpr=f'"{column_name}"',
                inputExprs=f'"{arguments[index].name}"',
            )
        names.append(name)
    values = arguments[1::2]
    fields = [T.StructField(name, value.data_type, value.nullable) for name, value in zip(names, values)]
    return Bound(_proto.struct([value.proto for value in values]), T.StructType(fields), False, column_name)


# -- not yet -------------------------------------------------------------------------


_INTEGRAL_ORDER = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)


def _sequence(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """Integers from start to stop: computed as bigints, the array cast to the widest
    of the arguments' integer types, as Spark types it. Dates and timestamps (with
    interval steps) are not implemented."""
    types = [argument.data_type for argument in arguments]
    if any(isinstance(data_type, (T.DateType, T.TimestampType, T.TimestampNTZType)) for data_type in types[:2]):
        raise not_implemented(f"{column_name}: sequence of dates or timestamps")
    integral = [data_type for data_type in types if not isinstance(data_type, T.NullType)]
    if not all(isinstance(data_type, _INTEGRAL_ORDER) for data_type in integral):
        raise analysis_error(
            "DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES",
            sqlExpr=f'"{column_name}"',
            functionName="`sequence`",
            startType='("TIMESTAMP" or "TIMESTAMP_NTZ" or "DATE")',
            stepType='("INTERVAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")',
            otherStartType='"INTEGRAL"',
        )
    element = max(integral, key=lambda data_type: _INTEGRAL_ORDER.index(type(data_type)), default=T.IntegerType())
    longs = [_cast(argument, T.LongType()) for argument in arguments]
    engine_type = T.ArrayType(T.LongType(), False)
    nullable = any(argument.nullable for argument in arguments)
    result = _call("sequence", longs, engine_type, column_name, nullable=nullable)
    return _cast(result, T.ArrayType(element, False)) if not isinstance(element, T.LongType) else result


def _zip_field_name(expression, index: int) -> str:
    """Spark's name of an arrays_zip field: the argument's column or alias name, else its position."""
    if isinstance(expression, Alias):
        return expression.name
    if isinstance(expression, ColumnReference):
        return expression.name.replace("`", "").rsplit(".", 1)[-1]
    if isinstance(expression, FieldIndex):
        return expression.name
    return str(index)


def _arrays_zip(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    if not arguments:
        raise not_implemented("arrays_zip() without arguments")
    fields = []
    for index, (expression, argument) in enumerate(zip(call.arguments, arguments)):
        array_type = _require_array(argument, column_name, index)
        fields.append(T.StructField(_zip_field_name(expression, index), array_type.elementType, True))
    if len(arguments) > 6:
        raise not_implemented(f"{column_name}: arrays_zip of more than six arrays")
    result_type = T.ArrayType(T.StructType(fields), False)
    nullable = any(argument.nullable for argument in arguments)
    names = [literal(field.name, T.StringType()) for field in fields]
    return _call("arrays_zip", [*arguments, *names], result_type, column_name, nullable=nullable)


def sorted_ascending_nulls_last(array: Bound, column_name: str) -> Bound:
    """``array_sort(array)`` without a comparator: ascending, nulls last, NaN above
    every number (the engine's sort of floats), as Spark's default comparator orders;
    the engine's native sort rather than the comparator evaluated pairwise."""
    array_type = _require_array(array, column_name)
    direction = literal("ASC", T.StringType())
    nulls = literal("NULLS LAST", T.StringType())
    return _call("sort_array", [array, direction, nulls], array_type, column_name, nullable=array.nullable)


def _not_implemented(why: str):
    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
        raise not_implemented(f"{call.function} ({why})")

    return resolve


def _generator(analyzer: Analyzer, call: Call, arguments: list[Bound], column_name: str) -> Bound:
    """A generator met where a value is expected: ``DataFrame.select`` takes
    generators apart (``_generate.py``) before anything resolves them, so this
    one is outside a SELECT's outputs (in a filter, a grouping, an aggregate)."""
    raise analysis_error("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", plan=column_name)


scalar("array", SPARK_COLLECTION, resolve=_array)
scalar("array_contains", SPARK_COLLECTION, resolve=_array_contains)
scalar("array_distinct", SPARK_COLLECTION, resolve=_same_array("array_distinct"))
scalar("array_compact", SPARK_COLLECTION, resolve=_same_array("array_compact"))
scalar("array_max", SPARK_COLLECTION, resolve=_array_extreme("array_max"))
scalar("array_min", SPARK_COLLECTION, resolve=_array_extreme("array_min"))
scalar("array_remove", SPARK_COLLECTION, resolve=_array_remove)
scalar("array_append", SPARK_COLLECTION, resolve=_array_append)
scalar("array_prepend", SPARK_COLLECTION, resolve=_array_prepend)
scalar("array_insert", SPARK_COLLECTION, resolve=_array_insert)
scalar("array_position", SPARK_COLLECTION, resolve=_array_position)
scalar("array_repeat", SPARK_COLLECTION, resolve=_array_repeat)
scalar("size", SPARK_COLLECTION, resolve=_size(legacy_null=True, arrays_only=False))
scalar("cardinality", SPARK_COLLECTION, resolve=_size(legacy_null=True, arrays_only=False))
scalar("array_size", SPARK_COLLECTION, resolve=_size(legacy_null=False, arrays_only=True))
scalar("sort_array", SPARK_COLLECTION, resolve=_sort_array)
scalar("array_join", SPARK_COLLECTION, resolve=_array_join)
scalar("reverse", SPARK_COLLECTION, resolve=_reverse)
scalar("slice", SPARK_COLLECTION, resolve=_slice)
scalar("concat", SPARK_COLLECTION, resolve=_concat)
scalar("sequence", SPARK_COLLECTION, resolve=_sequence)
scalar("arrays_zip", SPARK_COLLECTION, resolve=_arrays_zip)
scalar("flatten", SPARK_COLLECTION, resolve=_flatten)
scalar("array_union", SPARK_COLLECTION, resolve=_set_operation("array_union"))
scalar("array_intersect", SPARK_COLLECTION, resolve=_set_operation("array_intersect"))
scalar("array_except", SPARK_COLLECTION, resolve=_set_operation("array_except"))
scalar("arrays_overlap", SPARK_COLLECTION, resolve=_arrays_overlap)
scalar("element_at", SPARK_COLLECTION, resolve=_element_at(strict=True))
scalar("try_element_at", SPARK_COLLECTION, resolve=_element_at(strict=False))
scalar("get", SPARK_COLLECTION, resolve=_get)
scalar("map_keys", SPARK_COLLECTION, resolve=_map_part("map_keys"))
scalar("map_values", SPARK_COLLECTION, resolve=_map_part("map_values"))
scalar("map_entries", SPARK_COLLECTION, resolve=_map_part("map_entries"))
scalar("map_contains_key", SPARK_COLLECTION, resolve=_map_contains_key)
scalar("map_from_arrays", SPARK_COLLECTION, resolve=_map_from_arrays)
scalar("map_from_entries", SPARK_COLLECTION, resolve=_map_from_entries)
scalar("map_concat", SPARK_COLLECTION, resolve=_map_concat)
scalar("str_to_map", SPARK_COLLECTION, resolve=_str_to_map)
scalar("map", SPARK_COLLECTION, resolve=_create_map)
scalar("struct", SPARK_COLLECTION, resolve=_struct)
scalar("named_struct", SPARK_COLLECTION, resolve=_named_struct)

for _name, _why in (
    ("shuffle", "not yet"),
):
    scalar(_name, SPARK_COLLECTION, resolve=_not_implemented(_why))

# Generators: taken apart by DataFrame.select (see _generate.py); the rows name
# them and give their column names.
for _name in ("explode", "explode_outer", "inline", "inline_outer", "posexplode", "posexplode_outer", "stack"):
    scalar(_name, SPARK_COLLECTION, resolve=_generator)
