"""Math, bitwise and decimal functions (Spark's ``math_funcs`` and ``bitwise_funcs`` groups).

Column names follow Spark's ``prettyName``: the unary and binary math
expressions print their name in capitals (``ACOS(x)``, ``POWER(x, y)``)
unless called by an alias, which Spark prints as written (``ceiling(x)``,
``sign(x)``, ``pow(x, y)``).
"""

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
from pyrust.sql._coercion import common_type_or_error, is_integral, is_numeric, wider_numeric
from pyrust.sql._functions._inputs import BOOLEAN, DOUBLE, INT, INTEGRAL, LONG, STRING, Exactly, one_of
from pyrust.sql._functions._table import aggregate, lookup, scalar
from pyrust.sql._functions.interval_functions import resolve_try_arithmetic

SPARK_MATH = "extension:dev.pyrust:functions_spark_math"


def _named(name: str):
    """Spark's column name ``NAME(a, b)`` with the name as given."""
    return lambda arguments: f"{name}({', '.join(arguments)})"


def _children_nullable(arguments: list[Bound]) -> bool:
    return any(argument.nullable for argument in arguments)


# -- double -> double (Spark's UnaryMathExpression: always nullable) -------------

for _name in (
    "acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "cot", "csc", "exp",
    "expm1", "sec", "sin", "sinh", "sqrt", "tan", "tanh", "log10", "log2", "log1p",
):  # fmt: skip
    scalar(_name, SPARK_MATH, inputs=(DOUBLE,), nullable=True, column_name=_named(_name.upper()))
scalar("degrees", SPARK_MATH, inputs=(DOUBLE,), nullable=True, column_name=_named("DEGREES"))
scalar("radians", SPARK_MATH, inputs=(DOUBLE,), nullable=True, column_name=_named("RADIANS"))
scalar("ln", SPARK_MATH, inputs=(DOUBLE,), nullable=True)
scalar("rint", SPARK_MATH, inputs=(DOUBLE,), nullable=True)
scalar("signum", SPARK_MATH, inputs=(DOUBLE,), nullable=True, column_name=_named("SIGNUM"))
scalar("sign", SPARK_MATH, substrait_name="signum", inputs=(DOUBLE,), nullable=True)

# Binary ones are nullable as their arguments.
scalar("atan2", SPARK_MATH, inputs=(DOUBLE, DOUBLE), nullable=_children_nullable, column_name=_named("ATAN2"))
scalar("hypot", SPARK_MATH, inputs=(DOUBLE, DOUBLE), nullable=_children_nullable, column_name=_named("HYPOT"))
scalar("power", SPARK_MATH, substrait_name="pow", inputs=(DOUBLE, DOUBLE), nullable=_children_nullable, column_name=_named("POWER"))
scalar("pow", SPARK_MATH, inputs=(DOUBLE, DOUBLE), nullable=_children_nullable)


def _constant(value_name: str, function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if arguments:
            raise analysis_error(
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                functionName=f"`{value_name.lower()}`",
                expectedNum="0",
                actualNum=str(len(arguments)),
                docroot="https://spark.apache.org/docs/latest",
            )
        if function == "e":
            # Java's Math.E (StrictMath.exp(1) is one bit above it).
            return Bound(literal(math.e, T.DoubleType()).proto, T.DoubleType(), False, name)
        return scalar_call(SPARK_MATH, function, [], T.DoubleType(), name, nullable=False)

    return resolve


scalar("e", SPARK_MATH, column_name="E()", resolve=_constant("E", "e"))
scalar("pi", SPARK_MATH, column_name="PI()", resolve=_constant("PI", "pi"))


def _log(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``log(x)`` is ``ln(x)`` named ``LOG(E(), x)``; ``log(base, x)``."""
    operands = [cast_to(_require_numeric(argument, name, index), T.DoubleType()) for index, argument in enumerate(arguments)]
    if len(operands) == 1:
        return scalar_call(SPARK_MATH, "ln", operands, T.DoubleType(), name, nullable=True)
    if len(operands) != 2:
        raise not_implemented(f"log with {len(operands)} arguments")
    return scalar_call(SPARK_MATH, "log", operands, T.DoubleType(), name, nullable=True)


def _log_name(arguments: list[str]) -> str:
    return f"LOG({', '.join(arguments)})" if len(arguments) != 1 else f"LOG(E(), {arguments[0]})"


scalar("log", SPARK_MATH, column_name=_log_name, resolve=_log)


def _require_numeric(argument: Bound, name: str, index: int = 0) -> Bound:
    data_type = argument.data_type
    if is_numeric(data_type) or isinstance(data_type, T.NullType):
        return argument
    if isinstance(data_type, T.StringType):
        return cast_to(argument, T.DoubleType())
    raise type_mismatch(name, "NUMERIC", argument.name, data_type, index)


# -- abs, ceil, floor, round ------------------------------------------------------

def _abs(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    (argument,) = arguments
    argument = _require_numeric(argument, name)
    if isinstance(argument.data_type, T.NullType):
        argument = cast_to(argument, T.DoubleType())
    data_type = argument.data_type
    if is_integral(data_type) and not analyzer.mode.ansi:
        # Legacy mode: the minimum integer stays as it is (Java's wrapping negation).
        negated = analyzer.resolve_negative(argument, name)
        zero = literal(0, data_type)
        below = scalar_call(ext.COMPARISON, "lt", [argument, zero], T.BooleanType(), name)
        proto = _proto.if_then([(below.proto, negated.proto)], argument.proto)
        return Bound(proto, data_type, argument.nullable, name)
    return scalar_call(SPARK_MATH, "abs", [argument], data_type, name, argument.nullable)


scalar("abs", SPARK_MATH, resolve=_abs)


def _ceil_floor(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        argument = _require_numeric(arguments[0], name)
        if len(arguments) > 1:
            return _rounded_decimal(f"{function}_scale", _as_rounding_decimal(argument), _constant_int(arguments[1], call, name), name)
        data_type = argument.data_type
        if isinstance(data_type, T.DecimalType):
            if data_type.scale == 0:
                return argument if name == argument.name else Bound(argument.proto, data_type, argument.nullable, name)
            target: T.DataType = T.DecimalType(min(38, data_type.precision - data_type.scale + 1), 0)
            return scalar_call(SPARK_MATH, function, [argument], target, name, nullable=True)
        if isinstance(data_type, (T.FloatType, T.DoubleType)):
            operand = cast_to(argument, T.DoubleType())
        else:
            operand = cast_to(argument, T.LongType())
        return scalar_call(SPARK_MATH, function, [operand], T.LongType(), name, nullable=True)

    return resolve


def _ceil_floor_name(spark_name: str):
    def name(arguments: list[str]) -> str:
        shown = spark_name.upper() if len(arguments) == 1 and spark_name != "ceiling" else spark_name
        return f"{shown}({', '.join(arguments)})"

    return name


scalar("ceil", SPARK_MATH, column_name=_ceil_floor_name("ceil"), resolve=_ceil_floor("ceil"))
scalar("ceiling", SPARK_MATH, substrait_name="ceil", column_name=_ceil_floor_name("ceiling"), resolve=_ceil_floor("ceil"))
scalar("floor", SPARK_MATH, column_name=_ceil_floor_name("floor"), resolve=_ceil_floor("floor"))


def _round(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        argument = _require_numeric(arguments[0], name)
        if isinstance(argument.data_type, T.NullType):
            argument = cast_to(argument, T.DoubleType())
        if len(arguments) == 1:
            places = 0
        else:
            places = _constant_int(arguments[1], call, name)
        data_type = argument.data_type
        if isinstance(data_type, T.DecimalType):
            data_type = _rounded_type(data_type, places)
        scale_literal = literal(places, T.IntegerType())
        return scalar_call(SPARK_MATH, function, [argument, scale_literal], data_type, name, nullable=True)

    return resolve


def _rounded_type(data_type: T.DecimalType, places: int) -> T.DecimalType:
    """Spark's type of a decimal rounded to ``places`` (``RoundBase``): one more integral digit."""
    integral = data_type.precision - data_type.scale + 1
    if places < 0:
        return T.DecimalType(min(38, max(integral, 1 - places)), 0)
    scale = min(data_type.scale, places)
    return T.DecimalType(min(38, integral + scale), scale)


# The decimal Spark casts a number to where a decimal is expected (``DecimalType.forType``).
_AS_DECIMAL = {
    T.ByteType: (3, 0), T.ShortType: (5, 0), T.IntegerType: (10, 0), T.LongType: (20, 0),
    T.FloatType: (14, 7), T.DoubleType: (30, 15),
}  # fmt: skip


def _as_rounding_decimal(argument: Bound) -> Bound:
    data_type = argument.data_type
    if isinstance(data_type, T.DecimalType):
        return argument
    precision, scale = _AS_DECIMAL.get(type(data_type), (38, 18))
    # Spark gives null, in ANSI mode too, for NaN and values the decimal cannot hold.
    return cast_to(argument, T.DecimalType(precision, scale), null_on_failure=True)


def _rounded_decimal(function: str, argument: Bound, places: int, name: str) -> Bound:
    scale_literal = literal(places, T.IntegerType())
    result = _rounded_type(argument.data_type, places)
    return scalar_call(SPARK_MATH, function, [argument, scale_literal], result, name, nullable=True)


def _constant_int(argument: Bound, call, name: str) -> int:
    """The value of a constant int argument (Spark requires the scale to be foldable)."""
    proto = argument.proto
    if proto.WhichOneof("rex_type") == "literal" and is_integral(argument.data_type):
        kind = proto.literal.WhichOneof("literal_type")
        return int(getattr(proto.literal, kind))
    raise analysis_error(
        "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        sqlExpr=f'"{name}"',
        inputName="`scale`",
        inputType='"INT"',
        inputExpr=f'"{argument.name}"',
    )


def _round_name(spark_name: str):
    def name(arguments: list[str]) -> str:
        shown = arguments if len(arguments) > 1 else [*arguments, "0"]
        return f"{spark_name}({', '.join(shown)})"

    return name


scalar("round", SPARK_MATH, column_name=_round_name("round"), resolve=_round("round"))
scalar("bround", SPARK_MATH, column_name=_round_name("bround"), resolve=_round("bround"))


# -- greatest, least -------------------------------------------------------------


def _extreme(function: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if len(arguments) < 2:
            raise analysis_error(
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                functionName=f"`{function}`",
                expectedNum="> 1",
                actualNum=str(len(arguments)),
                docroot="https://spark.apache.org/docs/latest",
            )
        types = [argument.data_type for argument in arguments]
        if any(isinstance(a, T.StringType) for a in types) and not all(isinstance(a, (T.StringType, T.NullType)) for a in types):
            raise _data_diff_types(function, name, types)
        target = common_type_or_error(types, name)
        if isinstance(target, (T.ArrayType, T.MapType, T.StructType, T.NullType)):
            raise not_implemented(f"{function} of {target.simpleString()} values")
        operands = [cast_to(argument, target) for argument in arguments]
        nullable = all(argument.nullable for argument in arguments)
        return scalar_call(SPARK_MATH, function, operands, target, name, nullable)

    return resolve


def _data_diff_types(function: str, name: str, types: list[T.DataType]):
    listed = ", ".join(f'"{data_type.simpleString().upper()}"' for data_type in types)
    return analysis_error(
        "DATATYPE_MISMATCH.DATA_DIFF_TYPES", sqlExpr=f'"{name}"', functionName=f"`{function}`", dataType=f"[{listed}]"
    )


scalar("greatest", SPARK_MATH, resolve=_extreme("greatest"))
scalar("least", SPARK_MATH, resolve=_extreme("least"))


# -- pmod and the try_ arithmetic --------------------------------------------------


def _pmod(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``r = a % n; if r < 0 then (r + n) % n else r``, with ``%`` in the session's mode."""
    left, right = arguments
    remainder = analyzer.resolve_arithmetic("%", [left, right], name)
    data_type = remainder.data_type
    divisor = cast_to(right, data_type)
    wrapped = analyzer.resolve_arithmetic("%", [analyzer.resolve_arithmetic("+", [remainder, divisor], name), divisor], name)
    zero = cast_to(literal(0, T.IntegerType()), data_type)
    negative = scalar_call(ext.COMPARISON, "lt", [remainder, zero], T.BooleanType(), name)
    proto = _proto.if_then([(negative.proto, cast_to(wrapped, data_type).proto)], remainder.proto)
    return Bound(proto, data_type, True, name)


scalar("pmod", SPARK_MATH, resolve=_pmod)


def _try(operator: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        if operator != "%" and len(arguments) == 2:
            # Intervals and dates: the interval family's.
            on_intervals = resolve_try_arithmetic(analyzer, operator, arguments, name)
            if on_intervals is not None:
                return on_intervals
        for index, argument in enumerate(arguments):
            if not (is_numeric(argument.data_type) or isinstance(argument.data_type, T.NullType)):
                raise not_implemented(f"{name} of {argument.data_type.simpleString()} values")
        return analyzer.resolve_try_arithmetic(operator, arguments, name)

    return resolve


scalar("try_add", SPARK_MATH, resolve=_try("+"))
scalar("try_subtract", SPARK_MATH, resolve=_try("-"))
scalar("try_multiply", SPARK_MATH, resolve=_try("*"))
scalar("try_divide", SPARK_MATH, resolve=_try("/"))
scalar("try_mod", SPARK_MATH, resolve=_try("%"))


# -- conversions -----------------------------------------------------------------

scalar("bin", SPARK_MATH, inputs=(LONG,), nullable=_children_nullable)
scalar("hex", SPARK_MATH, inputs=(one_of(LONG, Exactly(T.BinaryType()), STRING),), nullable=_children_nullable)
scalar("unhex", SPARK_MATH, inputs=(STRING,), nullable=True)
scalar("factorial", SPARK_MATH, inputs=(INT,), nullable=True)
scalar("width_bucket", SPARK_MATH, inputs=(DOUBLE, DOUBLE, DOUBLE, LONG), nullable=True)


def _conv(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``conv``; whether a number beyond 64 bits is an error follows the session's mode."""
    operands = lookup("conv").cast_inputs(arguments, name)
    ansi = literal(analyzer.mode.ansi, T.BooleanType())
    return scalar_call(SPARK_MATH, "conv", [*operands, ansi], T.StringType(), name, nullable=True)


scalar("conv", SPARK_MATH, inputs=(STRING, INT, INT), resolve=_conv)


# -- bitwise ---------------------------------------------------------------------

_INT_OR_LONG = one_of(INT, LONG)
scalar("bit_count", SPARK_MATH, inputs=(one_of(INTEGRAL, BOOLEAN),), nullable=_children_nullable)
scalar("bit_get", SPARK_MATH, aliases=("getbit",), inputs=(INTEGRAL, INT), nullable=_children_nullable)
scalar("shiftleft", SPARK_MATH, inputs=(_INT_OR_LONG, INT), nullable=_children_nullable)
scalar("shiftright", SPARK_MATH, inputs=(_INT_OR_LONG, INT), nullable=_children_nullable)
scalar("shiftrightunsigned", SPARK_MATH, inputs=(_INT_OR_LONG, INT), nullable=_children_nullable)
scalar("~", SPARK_MATH, substrait_name="bitwise_not", inputs=(INTEGRAL,), column_name=lambda arguments: f"~{arguments[0]}")


def _bitwise(substrait_name: str):
    """Column.bitwiseAND/OR/XOR (SQL's `&`, `|`, `^`): both sides widened to their common
    integral type, then Substrait's standard function (DataFusion's bitwise operator)."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        for index, argument in enumerate(arguments):
            if not is_integral(argument.data_type) and not isinstance(argument.data_type, T.NullType):
                raise type_mismatch(name, "INTEGRAL", argument.name, argument.data_type, index)
        types = [argument.data_type for argument in arguments if is_integral(argument.data_type)]
        target: T.DataType = T.IntegerType() if not types else types[0]
        for data_type in types[1:]:
            target = wider_numeric(target, data_type)
        operands = [cast_to(argument, target) for argument in arguments]
        return scalar_call(ext.ARITHMETIC, substrait_name, operands, target, name)

    return resolve


for _operator, _substrait_name in (("&", "bitwise_and"), ("|", "bitwise_or"), ("^", "bitwise_xor")):
    scalar(_operator, ext.ARITHMETIC, substrait_name=_substrait_name, resolve=_bitwise(_substrait_name))


# -- random numbers ----------------------------------------------------------------


def seed_of(argument: Bound, name: str) -> Bound:
    """Spark's seed of a random function: an int or bigint constant (null is 0),
    as the bigint the engine takes. Spark's values under a seed come from its
    per-partition generator, which the engine reproduces where its partitions
    are Spark's (``runtime/src/functions/misc/per_partition.rs``) and refuses
    elsewhere."""
    proto = argument.proto
    if proto.WhichOneof("rex_type") == "literal" and isinstance(argument.data_type, T.NullType):
        return literal(0, T.LongType())
    if proto.WhichOneof("rex_type") == "literal" and isinstance(argument.data_type, (T.IntegerType, T.LongType)):
        kind = proto.literal.WhichOneof("literal_type")
        value = 0 if kind == "null" else int(getattr(proto.literal, kind))
        return literal(value, T.LongType())
    if proto.WhichOneof("rex_type") != "literal":
        raise analysis_error("SEED_EXPRESSION_IS_UNFOLDABLE", seedExpr=f'"{argument.name}"', exprWithSeed=f'"{name}"')
    raise type_mismatch(name, '("INT" or "BIGINT")', argument.name, argument.data_type)


def shown_seed(name: str, seeded: bool) -> str:
    """The column name of a random function called without a seed: Spark picks
    one at random and prints it as the last argument (the values need no seed)."""
    if seeded:
        return name
    seed = random.getrandbits(64) - (1 << 63)
    return f"{name[:-1]}, {seed})" if not name.endswith("()") else f"{name[:-1]}{seed})"


def _random(function: str):
    """``rand([seed])`` / ``randn([seed])``: uniform in [0, 1) / standard normal."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        seed = [seed_of(arguments[0], name)] if arguments else []
        return scalar_call(SPARK_MATH, function, seed, T.DoubleType(), name, nullable=False)

    return resolve


_UNIFORM_TYPES = (T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType)


def _uniform_type(low: T.DataType, high: T.DataType) -> T.DataType:
    """Spark's result type of ``uniform``: the wider integer when both bounds
    are integers, else double (or float when one is float and none double)."""
    types = (low, high)
    if all(isinstance(item, (T.ShortType, T.IntegerType, T.LongType)) for item in types):
        for candidate in (T.LongType, T.IntegerType, T.ShortType):
            if any(isinstance(item, candidate) for item in types):
                return candidate()
    if any(isinstance(item, T.DoubleType) for item in types):
        return T.DoubleType()
    return T.FloatType()


def _is_constant(proto) -> bool:
    """A literal, or a cast of a constant (Spark folds both)."""
    kind = proto.WhichOneof("rex_type")
    return kind == "literal" or (kind == "cast" and _is_constant(proto.cast.input))


def _uniform(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """``uniform(min, max[, seed])``: ``min + (max - min) * rand(seed)`` in
    doubles, cast to the result type, as Spark rewrites it."""
    low, high, *rest = arguments
    if any(isinstance(argument.data_type, T.NullType) for argument in (low, high)):
        # Spark's result: a double null (which its schema calls not nullable).
        return literal(None, T.DoubleType(), name)
    for index, (argument, input_name) in enumerate(((low, "min"), (high, "max"))):
        if not _is_constant(argument.proto):
            raise analysis_error(
                "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                sqlExpr=f'"{name}"',
                inputName=f"`{input_name}`",
                inputType='"integer or floating-point"',
                inputExpr=f'"{argument.name}"',
            )
        if not isinstance(argument.data_type, _UNIFORM_TYPES):
            raise type_mismatch(name, "NUMERIC", argument.name, argument.data_type, index)
    result = _uniform_type(low.data_type, high.data_type)
    seed = [seed_of(rest[0], name)] if rest else []
    name = shown_seed(name, bool(rest))
    random = scalar_call(SPARK_MATH, "rand", seed, T.DoubleType(), name, nullable=False)
    low_double, high_double = cast_to(low, T.DoubleType()), cast_to(high, T.DoubleType())
    width = scalar_call(ext.ARITHMETIC, "subtract", [high_double, low_double], T.DoubleType(), name)
    scaled = scalar_call(ext.ARITHMETIC, "multiply", [width, random], T.DoubleType(), name)
    value = scalar_call(ext.ARITHMETIC, "add", [low_double, scaled], T.DoubleType(), name)
    value = cast_to(value, result)
    return Bound(value.proto, result, value.nullable, name)


scalar("rand", SPARK_MATH, resolve=_random("rand"))
scalar("random", SPARK_MATH, substrait_name="rand", column_name=_named("rand"), resolve=_random("rand"))
scalar("randn", SPARK_MATH, resolve=_random("randn"))
scalar("uniform", SPARK_MATH, resolve=_uniform)

def _vector_aggregate(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """``vector_sum`` / ``vector_avg`` of ``array<float>`` vectors (no implicit casts)."""
    (vector,) = arguments
    _vector_argument(vector, name, 0, _FLOAT_VECTOR)
    result = T.ArrayType(T.FloatType(), False)
    return aggregate_call(SPARK_MATH, call.function.lower(), [vector], result, name, False, True)


aggregate("vector_sum", SPARK_MATH, resolve=_vector_aggregate)
aggregate("vector_avg", SPARK_MATH, resolve=_vector_aggregate)

_FLOAT_VECTOR = T.ArrayType(T.FloatType(), True)


def _vector_argument(argument: Bound, name: str, index: int, required: T.DataType) -> Bound:
    """Spark's vector functions take exactly ``array<float>`` and a ``float`` degree: no implicit casts."""
    actual = argument.data_type
    if isinstance(required, T.ArrayType):
        fits = isinstance(actual, T.ArrayType) and isinstance(actual.elementType, T.FloatType)
    else:
        fits = isinstance(actual, T.FloatType)
    if not fits:
        raise type_mismatch(name, required.simpleString(), argument.name, actual, index)
    return argument


def _vector(result: T.DataType, degree: bool = False):
    """A vector function of two vectors, or of a vector and a norm degree."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        second = T.FloatType() if degree else _FLOAT_VECTOR
        operands = [
            _vector_argument(arguments[0], name, 0, _FLOAT_VECTOR),
            _vector_argument(arguments[1], name, 1, second),
        ]
        return scalar_call(SPARK_MATH, call.function.lower(), operands, result, name, nullable=True)

    return resolve


scalar("vector_inner_product", SPARK_MATH, resolve=_vector(T.FloatType()))
scalar("vector_l2_distance", SPARK_MATH, resolve=_vector(T.FloatType()))
scalar("vector_cosine_similarity", SPARK_MATH, resolve=_vector(T.FloatType()))
# The degree Spark fills in is 2.0 (a float), printed in the column name.
scalar("vector_norm", SPARK_MATH, resolve=_vector(T.FloatType(), degree=True), defaults={1: (2.0, T.FloatType())})
scalar("vector_normalize", SPARK_MATH, resolve=_vector(T.ArrayType(T.FloatType(), False), degree=True),
       defaults={1: (2.0, T.FloatType())})


def _positive(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    (argument,) = arguments
    if not (is_numeric(argument.data_type) or isinstance(argument.data_type, T.NullType)):
        raise type_mismatch(name, '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")', argument.name, argument.data_type)
    return Bound(argument.proto, argument.data_type, argument.nullable, name)


def _negative(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    # The analyzer resolves `negative` as unary minus before it looks here;
    # the declaration lets SQL strings and column names find the function.
    (argument,) = arguments
    return analyzer.resolve_negative(argument, name)


scalar("negative", SPARK_MATH, resolve=_negative)
scalar("positive", SPARK_MATH, column_name=lambda arguments: f"(+ {arguments[0]})", resolve=_positive)
