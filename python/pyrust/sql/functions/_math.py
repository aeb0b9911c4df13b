"""Math, bitwise and decimal functions."""

from __future__ import annotations

from typing import Any

from pyrust import errors
from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call, call_with_values, lit

__all__ = ["abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "bin", "bit_count", "bit_get", "bitwise_not", "bitwiseNOT", "bround", "cbrt", "ceil", "ceiling", "conv", "cos", "cosh", "cot", "csc", "degrees", "e", "exp", "expm1", "factorial", "floor", "getbit", "greatest", "hex", "hypot", "least", "ln", "log", "log10", "log1p", "log2", "negate", "negative", "pi", "pmod", "positive", "pow", "power", "radians", "rand", "randn", "random", "rint", "round", "sec", "shiftleft", "shiftLeft", "shiftright", "shiftRight", "shiftrightunsigned", "shiftRightUnsigned", "sign", "signum", "sin", "sinh", "sqrt", "tan", "tanh", "toDegrees", "toRadians", "try_add", "try_divide", "try_mod", "try_multiply", "try_subtract", "unhex", "uniform", "vector_avg", "vector_cosine_similarity", "vector_inner_product", "vector_l2_distance", "vector_norm", "vector_normalize", "vector_sum", "width_bucket"]


def acos(col: Column | str) -> Column:
    """The arc cosine of ``col``, in radians (NaN outside [-1, 1])."""
    return call("acos", col)

def acosh(col: Column | str) -> Column:
    """The inverse hyperbolic cosine of ``col``."""
    return call("acosh", col)

def asin(col: Column | str) -> Column:
    """The arc sine of ``col``, in radians (NaN outside [-1, 1])."""
    return call("asin", col)

def asinh(col: Column | str) -> Column:
    """The inverse hyperbolic sine of ``col``."""
    return call("asinh", col)

def atan(col: Column | str) -> Column:
    """The arc tangent of ``col``, in radians."""
    return call("atan", col)

def atanh(col: Column | str) -> Column:
    """The inverse hyperbolic tangent of ``col``."""
    return call("atanh", col)

def cbrt(col: Column | str) -> Column:
    """The cube root of ``col``."""
    return call("cbrt", col)

def cos(col: Column | str) -> Column:
    """The cosine of ``col`` (an angle in radians)."""
    return call("cos", col)

def cosh(col: Column | str) -> Column:
    """The hyperbolic cosine of ``col``."""
    return call("cosh", col)

def cot(col: Column | str) -> Column:
    """The cotangent of ``col`` (an angle in radians)."""
    return call("cot", col)

def csc(col: Column | str) -> Column:
    """The cosecant of ``col`` (an angle in radians)."""
    return call("csc", col)

def degrees(col: Column | str) -> Column:
    """``col``, an angle in radians, in degrees."""
    return call("degrees", col)

def exp(col: Column | str) -> Column:
    """e raised to the power ``col``."""
    return call("exp", col)

def expm1(col: Column | str) -> Column:
    """``exp(col) - 1``, precise for small values."""
    return call("expm1", col)

def factorial(col: Column | str) -> Column:
    """``col``! for 0 to 20, null otherwise."""
    return call("factorial", col)

def ln(col: Column | str) -> Column:
    """The natural logarithm of ``col``; null for zero and negative numbers."""
    return call("ln", col)

def log10(col: Column | str) -> Column:
    """The base-10 logarithm of ``col``; null for zero and negative numbers."""
    return call("log10", col)

def log1p(col: Column | str) -> Column:
    """``ln(1 + col)``; null for values at or below -1."""
    return call("log1p", col)

def log2(col: Column | str) -> Column:
    """The base-2 logarithm of ``col``; null for zero and negative numbers."""
    return call("log2", col)

def radians(col: Column | str) -> Column:
    """``col``, an angle in degrees, in radians."""
    return call("radians", col)

def rint(col: Column | str) -> Column:
    """The integral double closest to ``col``, ties to even."""
    return call("rint", col)

def sec(col: Column | str) -> Column:
    """The secant of ``col`` (an angle in radians)."""
    return call("sec", col)

def sign(col: Column | str) -> Column:
    """-1.0, 0.0 or 1.0 by the sign of ``col``."""
    return call("sign", col)

def signum(col: Column | str) -> Column:
    """-1.0, 0.0 or 1.0 by the sign of ``col``."""
    return call("signum", col)

def sin(col: Column | str) -> Column:
    """The sine of ``col`` (an angle in radians)."""
    return call("sin", col)

def sinh(col: Column | str) -> Column:
    """The hyperbolic sine of ``col``."""
    return call("sinh", col)

def sqrt(col: Column | str) -> Column:
    """The square root of ``col``."""
    return call("sqrt", col)

def tan(col: Column | str) -> Column:
    """The tangent of ``col`` (an angle in radians)."""
    return call("tan", col)

def tanh(col: Column | str) -> Column:
    """The hyperbolic tangent of ``col``."""
    return call("tanh", col)

def bin(col: Column | str) -> Column:
    """The binary digits of ``col`` as a bigint (two's complement for negative numbers)."""
    return call("bin", col)

def hex(col: Column | str) -> Column:
    """The hexadecimal digits of a number, or of each byte of a string or binary."""
    return call("hex", col)

def unhex(col: Column | str) -> Column:
    """The bytes a string of hexadecimal digits stands for."""
    return call("unhex", col)

def bit_count(col: Column | str) -> Column:
    """The number of bits set in ``col`` (two's complement)."""
    return call("bit_count", col)

def abs(col: Column | str) -> Column:
    """The absolute value of ``col``."""
    return call("abs", col)

def negative(col: Column | str) -> Column:
    """``-col``."""
    return call("negative", col)

def _operand(value: Any) -> Column:
    """A binary math function's operand: numbers become literals, strings name columns."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return lit(value)
    return _to_column(value)


def atan2(col1: Column | str | float, col2: Column | str | float) -> Column:
    """The angle between the positive x-axis and the point (``col2``, ``col1``), in radians."""
    return call("atan2", _operand(col1), _operand(col2))


def hypot(col1: Column | str | float, col2: Column | str | float) -> Column:
    """``sqrt(col1^2 + col2^2)`` without intermediate overflow."""
    return call("hypot", _operand(col1), _operand(col2))


def pow(col1: Column | str | float, col2: Column | str | float) -> Column:  # noqa: A001 - PySpark's name
    """``col1`` raised to the power ``col2``.

    >>> pow("a", 2)
    Column<'POWER(a, 2)'>
    """
    return call("power", _operand(col1), _operand(col2))


power = pow


def pmod(dividend: Column | str | float, divisor: Column | str | float) -> Column:
    """The remainder of ``dividend / divisor``, made non-negative for a positive divisor."""
    return call("pmod", _operand(dividend), _operand(divisor))


def log(arg1: Column | str | float, arg2: Column | str | None = None) -> Column:
    """``log(x)`` is the natural logarithm; ``log(base, x)`` the logarithm in ``base``.

    >>> log(2.0, "x")
    Column<'LOG(2.0, x)'>
    """
    if arg2 is None:
        return call("ln", arg1)
    return call("log", _operand(arg1), _to_column(arg2))


def e() -> Column:
    """Euler's number."""
    return call("e")


def pi() -> Column:
    """The constant pi."""
    return call("pi")


def positive(col: Column | str) -> Column:
    """``col`` itself (Spark's unary ``+``)."""
    return call("positive", col)


def negate(col: Column | str) -> Column:
    """``-col`` (PySpark's older name of ``negative``)."""
    return negative(col)


def toDegrees(col: Column | str) -> Column:  # noqa: N802 - PySpark's name
    """Deprecated name of ``degrees``."""
    return degrees(col)


def toRadians(col: Column | str) -> Column:  # noqa: N802 - PySpark's name
    """Deprecated name of ``radians``."""
    return radians(col)


def _rounding(function: str, col: Column | str, scale: Column | int | None) -> Column:
    if scale is None:
        return call(function, col)
    return call(function, col, scale if isinstance(scale, Column) else lit(scale))


def round(col: Column | str, scale: Column | int | None = None) -> Column:  # noqa: A001 - PySpark's name
    """``col`` rounded to ``scale`` decimal places (0 by default), ties away from zero.

    >>> round("x", 1)
    Column<'round(x, 1)'>
    """
    return _rounding("round", col, scale)


def bround(col: Column | str, scale: Column | int | None = None) -> Column:
    """``col`` rounded to ``scale`` decimal places (0 by default), ties to even."""
    return _rounding("bround", col, scale)


def ceil(col: Column | str, scale: Column | int | None = None) -> Column:
    """The smallest integer not below ``col``.

    >>> ceil("x")
    Column<'CEIL(x)'>
    """
    return _rounding("ceil", col, scale)


def ceiling(col: Column | str, scale: Column | int | None = None) -> Column:
    """``ceil`` under Spark's other name."""
    return _rounding("ceiling", col, scale)


def floor(col: Column | str, scale: Column | int | None = None) -> Column:
    """The largest integer not above ``col``."""
    return _rounding("floor", col, scale)


def conv(col: Column | str, fromBase: int, toBase: int) -> Column:  # noqa: N803 - PySpark's names
    """A number written in base ``fromBase`` rewritten in base ``toBase``."""
    return call_with_values("conv", _to_column(col), fromBase, toBase)


def _at_least_two(function: str, cols: tuple) -> None:
    if len(cols) < 2:
        raise errors.PySparkValueError(
            errorClass="WRONG_NUM_COLUMNS", messageParameters={"func_name": function, "num_cols": "2"}
        )


def greatest(*cols: Column | str) -> Column:
    """The largest of the columns, skipping nulls.

    >>> greatest("a", "b")
    Column<'greatest(a, b)'>
    """
    _at_least_two("greatest", cols)
    return call("greatest", *cols)


def least(*cols: Column | str) -> Column:
    """The smallest of the columns, skipping nulls."""
    _at_least_two("least", cols)
    return call("least", *cols)


def try_add(left: Column | str, right: Column | str) -> Column:
    """``left + right``, null on overflow."""
    return call("try_add", left, right)


def try_subtract(left: Column | str, right: Column | str) -> Column:
    """``left - right``, null on overflow."""
    return call("try_subtract", left, right)


def try_multiply(left: Column | str, right: Column | str) -> Column:
    """``left * right``, null on overflow."""
    return call("try_multiply", left, right)


def try_divide(left: Column | str, right: Column | str) -> Column:
    """``left / right``, null for a zero divisor or an overflow."""
    return call("try_divide", left, right)


def try_mod(left: Column | str, right: Column | str) -> Column:
    """``left % right``, null for a zero divisor."""
    return call("try_mod", left, right)


def width_bucket(v: Column | str, min: Column | str, max: Column | str, numBucket: Column | str | int) -> Column:  # noqa: A002, N803
    """The bucket ``v`` falls in among ``numBucket`` equal-width buckets between ``min`` and ``max``."""
    buckets = lit(numBucket) if isinstance(numBucket, int) else numBucket
    return call("width_bucket", v, min, max, buckets)


def bit_get(col: Column | str, pos: Column | str) -> Column:
    """The bit of ``col`` at position ``pos`` (0 is the least significant)."""
    return call("bit_get", col, pos)


def getbit(col: Column | str, pos: Column | str) -> Column:
    """``bit_get`` under Spark's other name."""
    return call("getbit", col, pos)


def shiftleft(col: Column | str, numBits: int) -> Column:  # noqa: N803 - PySpark's name
    """``col`` shifted left by ``numBits`` bits."""
    return call_with_values("shiftleft", _to_column(col), numBits)


def shiftright(col: Column | str, numBits: int) -> Column:  # noqa: N803
    """``col`` shifted right by ``numBits`` bits, keeping its sign."""
    return call_with_values("shiftright", _to_column(col), numBits)


def shiftrightunsigned(col: Column | str, numBits: int) -> Column:  # noqa: N803
    """``col`` shifted right by ``numBits`` bits, filling with zeros."""
    return call_with_values("shiftrightunsigned", _to_column(col), numBits)


shiftLeft = shiftleft  # noqa: N816 - PySpark's deprecated names
shiftRight = shiftright  # noqa: N816
shiftRightUnsigned = shiftrightunsigned  # noqa: N816


def bitwise_not(col: Column | str) -> Column:
    """The bitwise complement of ``col`` (Spark's ``~``).

    >>> bitwise_not("a")
    Column<'~a'>
    """
    return call("~", col)


bitwiseNOT = bitwise_not  # noqa: N816 - PySpark's deprecated name


def _seeded(function: str, *arguments: Any) -> Column:
    return call_with_values(function, *[argument for argument in arguments if argument is not None])


def rand(seed: int | None = None) -> Column:
    """Uniform random numbers in [0, 1); with a seed, Spark's numbers (where pyrust's
    partitions are Spark's: over ``spark.range``; an error elsewhere).

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(0, 2, 1, 1).select(sf.round(sf.rand(7), 6).alias("r")).show()
    +--------+
    |       r|
    +--------+
    |0.281881|
    |0.459988|
    +--------+
    <BLANKLINE>
    """
    return _seeded("rand", seed)


def random(seed: int | None = None) -> Column:
    """``rand`` under Spark's other name."""
    return _seeded("random", seed)


def randn(seed: int | None = None) -> Column:
    """Standard normal random numbers; with a seed, Spark's (as for ``rand``)."""
    return _seeded("randn", seed)


def uniform(min: Column | int | float, max: Column | int | float, seed: Column | int | None = None) -> Column:  # noqa: A002
    """Uniform random numbers between ``min`` and ``max``: integers when both are; with a
    seed, Spark's (as for ``rand``)."""
    return _seeded("uniform", min, max, seed)


def vector_avg(col: Column | str) -> Column:
    """The element-wise mean of the group's float arrays."""
    return call("vector_avg", col)


def vector_sum(col: Column | str) -> Column:
    """The element-wise sum of the group's float arrays."""
    return call("vector_sum", col)


def vector_cosine_similarity(left: Column | str, right: Column | str) -> Column:
    """The cosine similarity of two float arrays."""
    return call("vector_cosine_similarity", left, right)


def vector_inner_product(left: Column | str, right: Column | str) -> Column:
    """The inner product of two float arrays."""
    return call("vector_inner_product", left, right)


def vector_l2_distance(left: Column | str, right: Column | str) -> Column:
    """The Euclidean distance of two float arrays."""
    return call("vector_l2_distance", left, right)


def vector_norm(vector: Column | str, degree: Column | str | None = None) -> Column:
    """The L1, L2 (default) or infinity norm of a float array."""
    return call("vector_norm", vector) if degree is None else call("vector_norm", vector, degree)


def vector_normalize(vector: Column | str, degree: Column | str | None = None) -> Column:
    """The float array divided by its norm (L2 unless ``degree`` says 1.0 or inf); null for a zero vector."""
    return call("vector_normalize", vector) if degree is None else call("vector_normalize", vector, degree)

