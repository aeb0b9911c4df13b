"""Sketch functions: Apache DataSketches HLL, KLL, Theta and Tuple sketches
(Spark's ``hll_*``, ``kll_*``, ``theta_*``, ``tuple_*``), kept as ``BINARY`` in the DataSketches
formats, and Spark's bitmaps (``bitmap_*_agg``).

The aggregates check their value's type as Spark does (no implicit casts:
``ExpectsInputTypes``) and take their settings (``lgConfigK``, ``k``,
``lgNomEntries``, ``mode``...) as constants; the engine validates the settings' ranges
with Spark's error classes (``runtime/src/functions/sketch/``).
"""

from __future__ import annotations

from collections.abc import Callable

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundAggregate, aggregate_call, analysis_error, cast_to, literal, not_implemented, type_mismatch
from pyrust.sql._expressions import Literal
from pyrust.sql._functions._inputs import BINARY, BOOLEAN, INT, STRING, implicit_cast
from pyrust.sql._functions._table import aggregate, scalar

SPARK_SKETCH = "extension:dev.pyrust:functions_spark_sketch"

_INTEGERS = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)


def _nullable_if_any(arguments: list[Bound]) -> bool:
    return any(argument.nullable for argument in arguments)


# -- aggregates -----------------------------------------------------------------

# A value check: the argument as the engine takes it, or None when Spark refuses its type.
ValueRule = Callable[[Bound], Bound | None]


def _accepting(*types: type[T.DataType], cast: T.DataType | None = None) -> ValueRule:
    def rule(value: Bound) -> Bound | None:
        if not isinstance(value.data_type, types):
            return None
        return cast_to(value, cast) if cast is not None else value

    return rule


def _theta_value(value: Bound) -> Bound | None:
    """Theta sketches take ints, bigints, floats, doubles, strings, binaries and arrays of ints or bigints."""
    data_type = value.data_type
    if isinstance(data_type, (T.IntegerType, T.LongType, T.FloatType, T.DoubleType, T.StringType, T.BinaryType)):
        return value
    if isinstance(data_type, T.ArrayType) and isinstance(data_type.elementType, (T.IntegerType, T.LongType)):
        return value
    return None


def _constant(call, index: int, bound: Bound, target: T.DataType, name: str, what: str) -> Bound:
    """A setting, which must be a literal: as a literal of ``target``."""
    argument = call.arguments[index] if index < len(call.arguments) else None
    if not isinstance(argument, Literal):
        raise not_implemented(f"{name} with a {what} that is not a constant")
    if argument.value is None:
        return literal(None, target, bound.name)
    value = argument.value
    if isinstance(target, T.BooleanType):
        expected = isinstance(value, bool)
    elif isinstance(target, T.StringType):
        expected = isinstance(value, str)
    else:
        expected = isinstance(value, int) and not isinstance(value, bool)
    if not expected:
        raise type_mismatch(name, target.simpleString(), bound.name, bound.data_type, index)
    return literal(argument.value, target, bound.name)


def _sketch_aggregate(
    function: str,
    values: tuple[tuple[ValueRule, str], ...],
    settings: tuple[tuple, ...] = (),
):
    """A resolver: each value checked by its rule (with how Spark names what
    it accepts), then each setting (name, type, default, checks...; a ``None``
    default is left out when the call leaves it out)."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        if len(arguments) < len(values) or len(arguments) > len(values) + len(settings):
            raise not_implemented(f"{name} with {len(arguments)} arguments")
        operands = []
        for index, ((rule, required), value) in enumerate(zip(values, arguments)):
            checked = rule(value)
            if checked is None:
                raise type_mismatch(name, required, value.name, value.data_type, index)
            operands.append(checked)
        given = arguments[len(values):]
        for offset, (what, data_type, default, *checks) in enumerate(settings):
            index = len(values) + offset
            if offset < len(given):
                setting = _constant(call, index, given[offset], data_type, name, what)
                for check in checks:
                    check(call.arguments[index].value, function, name)
                operands.append(setting)
            elif default is not None:
                operands.append(literal(default, data_type))
        return aggregate_call(SPARK_SKETCH, function, operands, T.BinaryType(), name, call.distinct, False)

    return resolve


def _defaults(settings: tuple[tuple, ...], first: int = 1) -> dict[int, tuple[object, T.DataType]] | None:
    """The settings Spark prints in the column name when the call leaves them out."""
    shown = {index: (setting[2], setting[1]) for index, setting in enumerate(settings, start=first) if setting[2] is not None}
    return shown or None


def _declare_aggregate(function: str, value_rule: ValueRule, required: str, settings=(), more_values=()) -> None:
    values = ((value_rule, required), *more_values)
    aggregate(
        function,
        SPARK_SKETCH,
        resolve=_sketch_aggregate(function, values, settings),
        defaults=_defaults(settings, len(values)),
    )


_LG_CONFIG_K = (("lgConfigK", T.IntegerType(), 12),)
_LG_NOM_ENTRIES = (("lgNomEntries", T.IntegerType(), 12),)
def _check_k(k: object, function: str, name: str) -> None:
    """KLL's ``k`` in [8, 65535], checked when Spark analyzes the call."""
    if k is None:
        raise analysis_error("DATATYPE_MISMATCH.UNEXPECTED_NULL", sqlExpr=f'"{name}"', exprName="k")
    if not 8 <= k <= 65535:  # type: ignore[operator]
        message = (
            f"[KLL_SKETCH_K_OUT_OF_RANGE] For function `{function}`, the k parameter must be between 8 and 65535 "
            f"(inclusive), but got {k}. SQLSTATE: 22003"
        )
        raise analysis_error("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", sqlExpr=f'"{name}"', msg=message, hint="")


_K = (("k", T.IntegerType(), None, _check_k),)
_BINARY = _accepting(T.BinaryType)

_declare_aggregate(
    "hll_sketch_agg",
    _accepting(T.IntegerType, T.LongType, T.StringType, T.BinaryType),
    '("INT" or "BIGINT" or "STRING" or "BINARY")',
    _LG_CONFIG_K,
)
_declare_aggregate("hll_union_agg", _BINARY, "BINARY", (("allowDifferentLgConfigK", T.BooleanType(), False),))
_declare_aggregate(
    "theta_sketch_agg",
    _theta_value,
    '("INT" or "BIGINT" or "FLOAT" or "DOUBLE" or "STRING" or "BINARY" or "ARRAY<INT>" or "ARRAY<BIGINT>")',
    _LG_NOM_ENTRIES,
)
_declare_aggregate("theta_union_agg", _BINARY, "BINARY", _LG_NOM_ENTRIES)
_declare_aggregate("theta_intersection_agg", _BINARY, "BINARY")
_declare_aggregate(
    "kll_sketch_agg_bigint",
    _accepting(*_INTEGERS, cast=T.LongType()),
    '("TINYINT" or "INT" or "BIGINT" or "SMALLINT")',
    _K,
)
_declare_aggregate("kll_sketch_agg_float", _accepting(T.FloatType), "FLOAT", _K)
_declare_aggregate("kll_sketch_agg_double", _accepting(T.FloatType, T.DoubleType, cast=T.DoubleType()), '("FLOAT" or "DOUBLE")', _K)
for _kind in ("bigint", "float", "double"):
    _declare_aggregate(f"kll_merge_agg_{_kind}", _BINARY, "BINARY", _K)
_declare_aggregate("bitmap_construct_agg", _accepting(*_INTEGERS, cast=T.LongType()), "BIGINT")
_declare_aggregate("bitmap_or_agg", _BINARY, "BINARY")
_declare_aggregate("bitmap_and_agg", _BINARY, "BINARY")


# Tuple sketches: a key (hashed as theta_sketch_agg hashes values) and a summary.
_TUPLE_KEYS = (
    T.ArrayType(T.IntegerType()), T.ArrayType(T.LongType()), T.BinaryType(), T.DoubleType(), T.FloatType(),
    T.IntegerType(), T.LongType(), T.StringType(),
)
_TUPLE_MODES = ("sum", "min", "max", "alwaysone")


def _tuple_key(value: Bound) -> Bound | None:
    """Spark's implicit cast of a key: kept if of a key type, else cast to the first key type it can become."""
    data_type = value.data_type
    if isinstance(data_type, T.ArrayType):
        element = data_type.elementType
        return value if isinstance(element, (T.IntegerType, T.LongType)) else None
    if any(data_type == key for key in _TUPLE_KEYS):
        return value
    for key in _TUPLE_KEYS:
        if not isinstance(key, T.ArrayType) and implicit_cast(data_type, key) is not None:
            return cast_to(value, key)
    return None


def _implicitly(target: T.DataType) -> ValueRule:
    def rule(value: Bound) -> Bound | None:
        return cast_to(value, target) if implicit_cast(value.data_type, target) is not None else None

    return rule


def _type_check_failure(name: str, message: str) -> Exception:
    return analysis_error("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT", sqlExpr=f'"{name}"', msg=message, hint="")


def _check_lg_nom_entries(value: object, function: str, name: str) -> None:
    if value is None:
        raise analysis_error("DATATYPE_MISMATCH.UNEXPECTED_NULL", sqlExpr=f'"{name}"', exprName="lgNomEntries")
    if not 4 <= value <= 26:  # type: ignore[operator]
        raise _type_check_failure(
            name,
            f"[SKETCH_INVALID_LG_NOM_ENTRIES] Invalid call to `{function}`; the `lgNomEntries` value must be between "
            f"4 and 26, inclusive: {value}. SQLSTATE: 22003",
        )


def _check_mode(value: object, function: str, name: str) -> None:
    if value is None:
        raise analysis_error("DATATYPE_MISMATCH.UNEXPECTED_NULL", sqlExpr=f'"{name}"', exprName="mode")
    if str(value).lower() not in _TUPLE_MODES:
        raise _type_check_failure(
            name,
            f"[TUPLE_INVALID_SKETCH_MODE] Invalid call to `{function}`: mode '{value}' is not supported. "
            f"Valid modes are: {', '.join(_TUPLE_MODES)}. SQLSTATE: 22023",
        )


_TUPLE_LG_NOM_ENTRIES = ("lgNomEntries", T.IntegerType(), 12, _check_lg_nom_entries)
_TUPLE_MODE = ("mode", T.StringType(), "sum", _check_mode)
_TUPLE_KEY_TYPES = '("ARRAY<INT>" or "ARRAY<BIGINT>" or "BINARY" or "DOUBLE" or "FLOAT" or "INT" or "BIGINT" or "STRING")'
for _kind, _summary in (("double", T.DoubleType()), ("integer", T.IntegerType())):
    _declare_aggregate(
        f"tuple_sketch_agg_{_kind}",
        _tuple_key,
        _TUPLE_KEY_TYPES,
        (_TUPLE_LG_NOM_ENTRIES, _TUPLE_MODE),
        ((_implicitly(_summary), f'"{_summary.simpleString().upper()}"'),),
    )
    _declare_aggregate(f"tuple_union_agg_{_kind}", _implicitly(T.BinaryType()), "BINARY", (_TUPLE_LG_NOM_ENTRIES, _TUPLE_MODE))
    _declare_aggregate(f"tuple_intersection_agg_{_kind}", _implicitly(T.BinaryType()), "BINARY", (_TUPLE_MODE,))


# -- scalars ----------------------------------------------------------------------

scalar("hll_sketch_estimate", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
scalar(
    "hll_union",
    SPARK_SKETCH,
    inputs=(BINARY, BINARY, BOOLEAN),
    defaults={2: (False, T.BooleanType())},
    nullable=_nullable_if_any,
)
scalar("theta_sketch_estimate", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
scalar("theta_union", SPARK_SKETCH, inputs=(BINARY, BINARY, INT), defaults={2: (12, T.IntegerType())}, nullable=_nullable_if_any)
scalar("theta_intersection", SPARK_SKETCH, inputs=(BINARY, BINARY), nullable=_nullable_if_any)
scalar("theta_difference", SPARK_SKETCH, inputs=(BINARY, BINARY), nullable=_nullable_if_any)

_KLL_ITEMS = {"bigint": T.LongType(), "float": T.FloatType(), "double": T.DoubleType()}


def _kll_query(function: str, point_type: T.DataType, result_type: T.DataType):
    """``kll_sketch_get_quantile_*`` (ranks) or ``kll_sketch_get_rank_*`` (items):
    one point, or an array of them with an array of answers."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        from pyrust.sql._bound import scalar_call

        sketch, point = arguments
        sketch = _binary(sketch, name, 0)
        is_array = isinstance(point.data_type, T.ArrayType)
        target = T.ArrayType(point_type, False) if is_array else point_type
        element = point.data_type.elementType if is_array else point.data_type
        if not isinstance(element, (T.NumericType, T.NullType, T.StringType)):
            required = f'("{point_type.simpleString().upper()}" or "ARRAY<{point_type.simpleString().upper()}>")'
            raise type_mismatch(name, required, point.name, point.data_type, 1)
        result = T.ArrayType(result_type, False) if is_array else result_type
        operands = [sketch, cast_to(point, target)]
        return scalar_call(SPARK_SKETCH, function, operands, result, name, _nullable_if_any(arguments))

    return resolve


def _binary(argument: Bound, name: str, index: int) -> Bound:
    target = BINARY.cast_target(argument.data_type)
    if target is None:
        raise type_mismatch(name, "BINARY", argument.name, argument.data_type, index)
    return cast_to(argument, target)


for _kind, _item in _KLL_ITEMS.items():
    scalar(f"kll_sketch_get_n_{_kind}", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
    scalar(f"kll_sketch_merge_{_kind}", SPARK_SKETCH, inputs=(BINARY, BINARY), nullable=_nullable_if_any)
    scalar(f"kll_sketch_to_string_{_kind}", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
    scalar(
        f"kll_sketch_get_quantile_{_kind}",
        SPARK_SKETCH,
        resolve=_kll_query(f"kll_sketch_get_quantile_{_kind}", T.DoubleType(), _item),
    )
    scalar(
        f"kll_sketch_get_rank_{_kind}",
        SPARK_SKETCH,
        resolve=_kll_query(f"kll_sketch_get_rank_{_kind}", _item, T.DoubleType()),
    )

_SUM = ("sum", T.StringType())


def _tuple_scalar(function: str, inputs: tuple, result: T.DataType, checks: dict[int, Callable]):
    """A resolver: the constant mode and size settings checked when Spark analyzes the call, then the call."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        from pyrust.sql._bound import scalar_call

        for index, check in checks.items():
            argument = call.arguments[index] if index < len(call.arguments) else None
            if isinstance(argument, Literal):
                check(argument.value, function, name)
        operands = []
        for index, (argument, expected) in enumerate(zip(arguments, inputs)):
            target = expected.cast_target(argument.data_type)
            if target is None:
                raise type_mismatch(name, expected.describe(), argument.name, argument.data_type, index)
            operands.append(cast_to(argument, target))
        return scalar_call(SPARK_SKETCH, function, operands, result, name, _nullable_if_any(arguments))

    return resolve


for _kind in ("double", "integer"):
    scalar(f"tuple_sketch_estimate_{_kind}", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
    scalar(f"tuple_sketch_theta_{_kind}", SPARK_SKETCH, inputs=(BINARY,), nullable=_nullable_if_any)
    _name = f"tuple_sketch_summary_{_kind}"
    _result = T.DoubleType() if _kind == "double" else T.LongType()
    scalar(_name, SPARK_SKETCH, defaults={1: _SUM}, resolve=_tuple_scalar(_name, (BINARY, STRING), _result, {1: _check_mode}))
    for _operation in ("union", "union_theta"):
        _name = f"tuple_{_operation}_{_kind}"
        scalar(
            _name,
            SPARK_SKETCH,
            defaults={2: (12, T.IntegerType()), 3: _SUM},
            resolve=_tuple_scalar(
                _name, (BINARY, BINARY, INT, STRING), T.BinaryType(), {2: _check_lg_nom_entries, 3: _check_mode}
            ),
        )
    for _operation in ("intersection", "intersection_theta"):
        _name = f"tuple_{_operation}_{_kind}"
        scalar(
            _name,
            SPARK_SKETCH,
            defaults={2: _SUM},
            resolve=_tuple_scalar(_name, (BINARY, BINARY, STRING), T.BinaryType(), {2: _check_mode}),
        )
    for _operation in ("difference", "difference_theta"):
        scalar(f"tuple_{_operation}_{_kind}", SPARK_SKETCH, inputs=(BINARY, BINARY), nullable=_nullable_if_any)
