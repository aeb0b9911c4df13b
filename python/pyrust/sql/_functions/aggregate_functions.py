"""Aggregate functions (Spark's ``agg_funcs`` group)."""

from __future__ import annotations

import math
import random

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import (
    Bound,
    BoundAggregate,
    aggregate_call,
    analysis_error,
    cast_to,
    literal,
    not_implemented,
    scalar_call,
    type_mismatch,
)
from pyrust.sql._coercion import is_integral, is_numeric
from pyrust.sql._expressions import Literal
from pyrust.sql._functions._inputs import BOOLEAN, DOUBLE
from pyrust.sql._functions._table import aggregate


def _count(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    if len(arguments) > 1:
        arguments = [_row_of(arguments)]
    return aggregate_call(ext.AGGREGATE_GENERIC, "count", arguments, T.LongType(), name, call.distinct, False)


def _row_of(arguments: list[Bound]) -> Bound:
    """One struct of several count arguments, null when any of them is null:
    ``count(DISTINCT a, b)`` counts the distinct pairs without nulls, as Spark does."""
    data_type = T.StructType([T.StructField(f"c{i}", a.data_type, a.nullable) for i, a in enumerate(arguments)])
    is_null = [
        scalar_call(ext.COMPARISON, "is_null", [argument], T.BooleanType(), "", nullable=False) for argument in arguments
    ]
    any_null = scalar_call(ext.BOOLEAN, "or", is_null, T.BooleanType(), "", False)
    row = _proto.struct([argument.proto for argument in arguments])
    proto = _proto.if_then([(any_null.proto, _proto.literal(None, data_type))], row)
    return Bound(proto, data_type, True, "")


def _sum_type(data_type: T.DataType) -> T.DataType | None:
    """Spark's result type of ``sum`` (and ``try_sum``) over ``data_type``; ``None`` if it takes none."""
    if is_integral(data_type):
        return T.LongType()
    if isinstance(data_type, T.DecimalType):
        return T.DecimalType(min(38, data_type.precision + 10), data_type.scale)
    if isinstance(data_type, (T.FloatType, T.DoubleType, T.NullType)):
        return T.DoubleType()
    return None


def _sum(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (argument,) = arguments
    target = _sum_type(argument.data_type)
    if target is None:
        raise type_mismatch(name, '("NUMERIC" or "ANSI INTERVAL")', name, argument.data_type)
    options = analyzer.mode.options("overflow") if is_integral(target) else None
    operand = argument if isinstance(target, T.DecimalType) else cast_to(argument, target)
    return aggregate_call(ext.ARITHMETIC, "sum", [operand], target, name, call.distinct, options=options)


def _avg(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (argument,) = arguments
    data_type = argument.data_type
    if isinstance(data_type, T.DecimalType):
        target = T.DecimalType(min(38, data_type.precision + 4), min(38, data_type.scale + 4))
        return aggregate_call(ext.ARITHMETIC, "avg", [argument], target, name, call.distinct)
    if not (is_numeric(data_type) or isinstance(data_type, T.NullType)):
        raise type_mismatch(name, "numeric", argument.name, argument.data_type)
    return aggregate_call(ext.ARITHMETIC, "avg", [cast_to(argument, T.DoubleType())], T.DoubleType(), name, call.distinct)


def _extreme(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        (argument,) = arguments
        urn = ext.ARITHMETIC if is_numeric(argument.data_type) else ext.SPARK
        return aggregate_call(urn, function, [argument], argument.data_type, name, call.distinct)

    return resolve


aggregate("count", ext.AGGREGATE_GENERIC, resolve=_count)
aggregate("sum", ext.ARITHMETIC, resolve=_sum)
aggregate("avg", ext.ARITHMETIC, aliases=("mean",), resolve=_avg)
aggregate("min", ext.SPARK, resolve=_extreme("min"))
aggregate("max", ext.SPARK, resolve=_extreme("max"))


# -- Spark's other aggregates (functions_spark_aggregate.yaml) ---------------------

SPARK_AGGREGATE = "extension:dev.pyrust:functions_spark_aggregate"
_SPARK_MISC = "extension:dev.pyrust:functions_spark_misc"

# Statistics over doubles (strings and other numbers are cast, as Spark's inputTypes ask).
aggregate("stddev_samp", SPARK_AGGREGATE, aliases=("stddev", "std"), inputs=(DOUBLE,))
aggregate("stddev_pop", SPARK_AGGREGATE, inputs=(DOUBLE,))
aggregate("var_samp", SPARK_AGGREGATE, aliases=("variance",), inputs=(DOUBLE,))
aggregate("var_pop", SPARK_AGGREGATE, inputs=(DOUBLE,))
aggregate("skewness", SPARK_AGGREGATE, inputs=(DOUBLE,))
aggregate("kurtosis", SPARK_AGGREGATE, inputs=(DOUBLE,))
aggregate("product", SPARK_AGGREGATE, inputs=(DOUBLE,))
for _name in ("corr", "covar_samp", "covar_pop", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy"):
    aggregate(_name, SPARK_AGGREGATE, inputs=(DOUBLE, DOUBLE))
for _name in ("regr_slope", "regr_intercept", "regr_r2"):
    aggregate(_name, SPARK_AGGREGATE, inputs=(DOUBLE, DOUBLE))


def _regr_count(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """The rows where neither argument is null: ``count`` of their pair. A void
    argument (an untyped null) is cast to double, as Spark's implicit casts do."""
    for index, argument in enumerate(arguments):
        if isinstance(argument.data_type, T.NullType):
            arguments[index] = cast_to(argument, T.DoubleType())
        elif not is_numeric(argument.data_type):
            raise type_mismatch(name, "NUMERIC", argument.name, argument.data_type, index)
    return aggregate_call(ext.AGGREGATE_GENERIC, "count", [_row_of(arguments)], T.LongType(), name, False, False)


aggregate("regr_count", ext.AGGREGATE_GENERIC, resolve=_regr_count)


def _count_if(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """``count`` of a value that is null unless the condition holds."""
    (condition,) = arguments
    if not isinstance(condition.data_type, (T.BooleanType, T.NullType)):
        raise type_mismatch(name, "BOOLEAN", condition.name, condition.data_type)
    one = _proto.literal(1, T.IntegerType())
    marked = Bound(_proto.if_then([(condition.proto, one)], _proto.literal(None, T.IntegerType())), T.IntegerType(), True, "")
    return aggregate_call(ext.AGGREGATE_GENERIC, "count", [marked], T.LongType(), name, call.distinct, False)


aggregate("count_if", ext.AGGREGATE_GENERIC, resolve=_count_if)


def _approx_count_distinct(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """Spark's HyperLogLog++ (the engine's ``approx_count_distinct``) over the
    values' ``xxhash64`` (NULL for null values), with Spark's precision for
    the allowed relative error ``rsd`` (0.05 by default)."""
    value, *rest = arguments
    rsd = 0.05
    if rest:
        if not isinstance(rest[0].data_type, (T.DoubleType, T.FloatType, T.DecimalType)):
            raise type_mismatch(name, "DOUBLE", rest[0].name, rest[0].data_type, 1)
        constant = call.arguments[1] if len(call.arguments) > 1 else None
        if not isinstance(constant, Literal) or constant.value is None:
            raise not_implemented(f"{name} with an rsd that is not a constant")
        rsd = float(constant.value)
    precision = math.ceil(2.0 * math.log(1.106 / rsd) / math.log(2.0)) if rsd > 0 else 64
    if precision < 4:
        raise not_implemented(f"{name} with an rsd above 39% (Spark's HLL++ needs at least 4 bits)")
    if precision > 30:
        raise not_implemented(f"{name} with an rsd this small")
    hashed = scalar_call(_SPARK_MISC, "xxhash64", [value], T.LongType(), "", nullable=False)
    if value.nullable:
        is_null = scalar_call(ext.COMPARISON, "is_null", [value], T.BooleanType(), "", nullable=False)
        guarded = _proto.if_then([(is_null.proto, _proto.literal(None, T.LongType()))], hashed.proto)
        hashed = Bound(guarded, T.LongType(), True, "")
    operands = [hashed, literal(precision, T.IntegerType())]
    return aggregate_call(SPARK_AGGREGATE, "approx_count_distinct", operands, T.LongType(), name, False, False)


aggregate(
    "approx_count_distinct",
    SPARK_AGGREGATE,
    resolve=_approx_count_distinct,
    column_name=lambda names: f"approx_count_distinct({names[0]})",
)

aggregate("bool_and", SPARK_AGGREGATE, aliases=("every",), inputs=(BOOLEAN,))
aggregate("bool_or", SPARK_AGGREGATE, aliases=("some", "any"), inputs=(BOOLEAN,))
aggregate("bit_and", SPARK_AGGREGATE)
aggregate("bit_or", SPARK_AGGREGATE)
aggregate("bit_xor", SPARK_AGGREGATE)


def _collect(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        (argument,) = arguments
        result = T.ArrayType(argument.data_type, False)
        return aggregate_call(SPARK_AGGREGATE, function, [argument], result, name, call.distinct, False)

    return resolve


aggregate("collect_list", SPARK_AGGREGATE, resolve=_collect("collect_list"))
aggregate("array_agg", SPARK_AGGREGATE, resolve=_collect("collect_list"), column_name="collect_list({0})")
aggregate("collect_set", SPARK_AGGREGATE, resolve=_collect("collect_set"))


def _try_sum(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (argument,) = arguments
    target = _sum_type(argument.data_type)
    if target is None:
        raise type_mismatch(name, '("NUMERIC" or "ANSI INTERVAL")', argument.name, argument.data_type)
    operand = argument if isinstance(target, T.DecimalType) else cast_to(argument, target)
    return aggregate_call(SPARK_AGGREGATE, "try_sum", [operand], target, name, call.distinct)


aggregate("try_sum", SPARK_AGGREGATE, resolve=_try_sum)


def _try_avg(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """``avg``, which over doubles cannot overflow; of decimals, the engine's
    ``try_avg``: ``avg``'s type, NULL where its sum or quotient overflows."""
    (argument,) = arguments
    data_type = argument.data_type
    if isinstance(data_type, T.DecimalType):
        target = T.DecimalType(min(38, data_type.precision + 4), min(38, data_type.scale + 4))
        return aggregate_call(SPARK_AGGREGATE, "try_avg", [argument], target, name, call.distinct)
    return _avg(analyzer, call, arguments, name)


aggregate("try_avg", ext.ARITHMETIC, resolve=_try_avg)


def _pick(function: str):
    """``first`` / ``last``: the value and the constant ``ignoreNulls`` flag (false by default)."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        value, *rest = arguments
        flag = rest[0] if rest else literal(False, T.BooleanType())
        if not (isinstance(flag.data_type, T.BooleanType) and _proto.is_literal(flag.proto)):
            raise analysis_error(
                "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                sqlExpr=f'"{name}"', inputName="`ignoreNulls`", inputType='"BOOLEAN"', inputExpr=f'"{flag.name}"',
            )
        return aggregate_call(SPARK_AGGREGATE, function, [value, flag], value.data_type, name, call.distinct)

    return resolve


for _name, _function in (("first", "first"), ("first_value", "first"), ("any_value", "first"), ("last", "last"), ("last_value", "last")):
    aggregate(_name, SPARK_AGGREGATE, resolve=_pick(_function), column_name=lambda names, n=_name: f"{n}({names[0]})")


_MAX_BY_K = 100000


def _extreme_by(function: str):
    """``max_by(x, y)`` / ``min_by``; with a constant ``k`` in [1, 100000] (Spark 4.3),
    the array of the ``k`` best rows' values."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        if len(arguments) == 2:
            return aggregate_call(SPARK_AGGREGATE, function, arguments, arguments[0].data_type, name, call.distinct)
        value, ordering, k = arguments
        constant = call.arguments[2] if len(call.arguments) == 3 else None
        if not isinstance(constant, Literal) or not _proto.is_literal(k.proto):
            raise analysis_error(
                "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", sqlExpr=f'"{name}"', inputName="k", inputType="int",
                inputExpr=k.name,
            )
        if not isinstance(constant.value, int) or isinstance(constant.value, bool) or not 1 <= constant.value <= _MAX_BY_K:
            raise analysis_error(
                "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", sqlExpr=f'"{name}"', exprName="`k`",
                valueRange=f"[1, {_MAX_BY_K}]", currentValue=str(constant.value),
            )
        k = literal(constant.value, T.IntegerType())
        result = T.ArrayType(value.data_type, True)
        return aggregate_call(SPARK_AGGREGATE, function, [value, ordering, k], result, name, call.distinct)

    return resolve


aggregate("max_by", SPARK_AGGREGATE, resolve=_extreme_by("max_by"))
aggregate("min_by", SPARK_AGGREGATE, resolve=_extreme_by("min_by"))


def _mode_name(names: list[str]) -> str:
    if len(names) > 1 and names[1] == "true":
        return f"mode() WITHIN GROUP (ORDER BY {names[0]} DESC)"
    return f"mode({names[0]})"


def _mode(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """The most frequent value; of ties, the smallest (what Spark gives when
    ``deterministic`` is true; without it Spark returns any of them)."""
    value = arguments[0]
    return aggregate_call(SPARK_AGGREGATE, "mode", [value], value.data_type, name, call.distinct)


aggregate("mode", SPARK_AGGREGATE, resolve=_mode, column_name=_mode_name)


def _constant(call, index: int, bound: Bound, target: T.DataType, name: str, what: str) -> Bound:
    """A constant argument (percentages, accuracy) as a literal of ``target``: the
    engine reads it from the plan, so it stays a literal rather than a cast."""
    argument = call.arguments[index] if index < len(call.arguments) else None
    if argument is None:
        return cast_to(bound, target)
    if not isinstance(argument, Literal) or argument.value is None:
        raise not_implemented(f"{name} with a {what} that is not a constant")
    value = argument.value
    if isinstance(target, T.ArrayType):
        value = [float(item) for item in value]
    elif isinstance(target, T.DoubleType):
        value = float(value)
    else:
        value = int(value)
    return literal(value, target, bound.name)


def _percentages(call, bound: Bound, name: str) -> tuple[Bound, bool]:
    """The percentage argument as ``double`` or ``array<double>``; and whether it is an array."""
    is_array = isinstance(bound.data_type, T.ArrayType)
    target = T.ArrayType(T.DoubleType(), False) if is_array else T.DoubleType()
    if not (is_array or is_numeric(bound.data_type)):
        raise type_mismatch(name, "DOUBLE", bound.name, bound.data_type, 1)
    return _constant(call, 1, bound, target, name, "percentage"), is_array


def _percentile(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    value, percentage, *rest = arguments
    if not is_numeric(value.data_type):
        raise type_mismatch(name, "NUMERIC", value.name, value.data_type)
    frequency = rest[0] if rest else literal(1, T.LongType())
    if not is_integral(frequency.data_type):
        raise type_mismatch(name, "INTEGRAL", frequency.name, frequency.data_type, 2)
    percentages, is_array = _percentages(call, percentage, name)
    result = T.ArrayType(T.DoubleType(), False) if is_array else T.DoubleType()
    operands = [cast_to(value, T.DoubleType()), percentages, cast_to(frequency, T.LongType())]
    return aggregate_call(SPARK_AGGREGATE, "percentile", operands, result, name, call.distinct)


def _median(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    return _percentile(analyzer, call, [arguments[0], literal(0.5, T.DoubleType())], name)


aggregate("percentile", SPARK_AGGREGATE, resolve=_percentile)
aggregate("median", SPARK_AGGREGATE, resolve=_median)


def _percentile_approx(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    value, percentage, *rest = arguments
    if not is_numeric(value.data_type):
        raise not_implemented(f"{name} of {value.data_type.simpleString()}")
    accuracy = rest[0] if rest else literal(10000, T.IntegerType())
    if not is_integral(accuracy.data_type):
        raise type_mismatch(name, "INTEGRAL", accuracy.name, accuracy.data_type, 2)
    percentages, is_array = _percentages(call, percentage, name)
    result = T.ArrayType(value.data_type, False) if is_array else value.data_type
    operands = [value, percentages, _constant(call, 2, accuracy, T.LongType(), name, "accuracy")]
    return aggregate_call(SPARK_AGGREGATE, "percentile_approx", operands, result, name, call.distinct)


aggregate("percentile_approx", SPARK_AGGREGATE, aliases=("approx_percentile",), resolve=_percentile_approx)


def _string_agg(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """Concatenation of the non-null strings with a constant delimiter (none for NULL)."""
    value, *rest = arguments
    if call.distinct:
        raise not_implemented(f"{name}: DISTINCT keeps Spark's order of first occurrence")
    kind = value.data_type
    if not isinstance(kind, (T.StringType, T.BinaryType)):
        raise not_implemented(f"{name} of {kind.simpleString()}")
    delimiter = rest[0] if rest else literal(None, T.NullType())
    if not _proto.is_literal(delimiter.proto):
        raise not_implemented(f"{name} with a delimiter that is not a constant")
    if isinstance(delimiter.data_type, T.NullType):
        delimiter = literal(b"" if isinstance(kind, T.BinaryType) else "", type(kind)())
    elif isinstance(delimiter.data_type, (T.StringType, T.BinaryType)) and type(delimiter.data_type) is not type(kind):
        # Spark: the value and the delimiter must both be strings or both binaries.
        shown = " or ".join(f'"{t.simpleString().upper()}"' for t in (kind, delimiter.data_type))
        raise analysis_error(
            "DATATYPE_MISMATCH.DATA_DIFF_TYPES", sqlExpr=f'"{name}"', functionName=f"`{call.function}`", dataType=f"({shown})"
        )
    elif not isinstance(delimiter.data_type, type(kind)):
        raise not_implemented(f"{name} with a {delimiter.data_type.simpleString()} delimiter")
    return aggregate_call(SPARK_AGGREGATE, "string_agg", [value, delimiter], kind, name, False)


aggregate("listagg", SPARK_AGGREGATE, aliases=("string_agg",), resolve=_string_agg)


def _not_implemented(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    raise not_implemented(name)


def _collect_union(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """The distinct non-null elements of the group's arrays (Spark 4.3; IGNORE NULLS)."""
    (argument,) = arguments
    if not isinstance(argument.data_type, T.ArrayType):
        raise type_mismatch(name, "ARRAY", argument.name, argument.data_type)
    result = T.ArrayType(argument.data_type.elementType, False)
    return aggregate_call(SPARK_AGGREGATE, "collect_union", [argument], result, name, call.distinct, False)


aggregate("collect_union", SPARK_AGGREGATE, resolve=_collect_union)


def _constant_value(call, index: int, bound: Bound, name: str, input_name: str, input_type: str) -> object:
    """The value of a constant argument, which Spark requires to be foldable."""
    argument = call.arguments[index] if index < len(call.arguments) else None
    if isinstance(argument, Literal):
        return argument.value
    if _proto.is_literal(bound.proto) or bound.proto.WhichOneof("rex_type") == "cast":
        raise not_implemented(f"{name} with a {input_name} that is a constant expression rather than a literal")
    raise analysis_error(
        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        sqlExpr=f'"{name}"', inputName=f"`{input_name}`", inputType=f'"{input_type}"', inputExpr=f'"{bound.name}"',
    )


_HISTOGRAM_INPUTS = '("NUMERIC" or "TIMESTAMP" or "DATE" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")'


def _histogram_numeric(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """Spark's NumericHistogram with a constant number of bins (at least 2):
    ``array<struct<x, y: double>>``, ``x`` of the value's type."""
    value, bins = arguments
    data_type = value.data_type
    if isinstance(data_type, T.StringType):
        value, data_type = cast_to(value, T.DoubleType()), T.DoubleType()
    if isinstance(data_type, (T.DayTimeIntervalType, T.YearMonthIntervalType)):
        raise not_implemented(f"{name} of an interval")
    if not isinstance(data_type, (T.DateType, T.TimestampType, T.TimestampNTZType)) and not is_numeric(data_type):
        raise type_mismatch(name, _HISTOGRAM_INPUTS, value.name, data_type)
    if not is_integral(bins.data_type):
        raise type_mismatch(name, "INT", bins.name, bins.data_type, 1)
    count = _constant_value(call, 1, bins, name, "nb", "INT")
    if not isinstance(count, int) or not 2 <= count <= 2**31 - 1:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", sqlExpr=f'"{name}"', exprName="nb",
            valueRange=f"[2, {2**31 - 1}]", currentValue=str(count),
        )
    bin_type = T.StructType([T.StructField("x", data_type, True), T.StructField("y", T.DoubleType(), True)])
    result = T.ArrayType(bin_type, True)
    operands = [value, literal(count, T.IntegerType(), bins.name)]
    return aggregate_call(SPARK_AGGREGATE, "histogram_numeric", operands, result, name, call.distinct, True)


aggregate("histogram_numeric", SPARK_AGGREGATE, resolve=_histogram_numeric)


def _spark_double(value: float) -> str:
    """A double as Spark prints it in messages (``0.0D``)."""
    return f"{value!r}D"


def _count_min_sketch(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """Spark's serialized CountMinSketch of integral, string or binary values;
    constant eps, confidence and seed (a random one when left out, as Spark)."""
    value, eps, confidence, *rest = arguments
    if is_integral(value.data_type):
        value = cast_to(value, T.LongType())
    elif not isinstance(value.data_type, (T.StringType, T.BinaryType)):
        raise type_mismatch(name, '("INTEGRAL" or "STRING" or "BINARY")', value.name, value.data_type)
    constants = []
    for index, (bound, input_name) in enumerate(((eps, "eps"), (confidence, "confidence")), start=1):
        if not isinstance(bound.data_type, T.DoubleType):
            raise type_mismatch(name, "DOUBLE", bound.name, bound.data_type, index)
        constants.append(_constant_value(call, index, bound, name, input_name, "DOUBLE"))
    if rest:
        seed_bound = rest[0]
        if not isinstance(seed_bound.data_type, (T.IntegerType, T.LongType)):
            raise type_mismatch(name, '("INT" or "BIGINT")', seed_bound.name, seed_bound.data_type, 3)
        seed = _constant_value(call, 3, seed_bound, name, "seed", "INT")
        seed_name = seed_bound.name
    else:
        seed = random.getrandbits(64) - 2**63
        seed_name = str(seed)
        name = name[: -1] + f", {seed})"
    eps_value, confidence_value = constants
    if eps_value is None or not eps_value > 0:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", sqlExpr=f'"{name}"', exprName="eps",
            valueRange="(0.0, 1.7976931348623157E308]", currentValue=_spark_double(eps_value),
        )
    if confidence_value is None or not 0 < confidence_value < 1:
        raise analysis_error(
            "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", sqlExpr=f'"{name}"', exprName="confidence",
            valueRange="(0.0, 1.0]", currentValue=_spark_double(confidence_value),
        )
    if seed is None:
        raise analysis_error(
            "DATATYPE_MISMATCH.UNEXPECTED_NULL", sqlExpr=f'"{name}"', exprName="seed",
        )
    operands = [
        value,
        literal(float(eps_value), T.DoubleType(), eps.name),
        literal(float(confidence_value), T.DoubleType(), confidence.name),
        literal(int(seed), T.LongType(), seed_name),
    ]
    return aggregate_call(SPARK_AGGREGATE, "count_min_sketch", operands, T.BinaryType(), name, call.distinct, False)


aggregate("count_min_sketch", SPARK_AGGREGATE, resolve=_count_min_sketch)


# Known gaps: functions that need GROUPING SETS (rollup/cube), which pyrust has not got.
for _name in ("grouping", "grouping_id"):
    aggregate(_name, SPARK_AGGREGATE, resolve=_not_implemented)
