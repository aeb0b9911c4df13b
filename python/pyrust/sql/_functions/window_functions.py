"""Window (ranking and offset) functions (Spark's ``window_funcs`` group).

All of them are standard Substrait window functions (``functions_arithmetic.yaml``),
run by DataFusion's built-ins. Spark fixes the frame of each (``frame=``): ranking
functions count rows up to the current one, ``lag``/``lead`` read one row at an
offset, ``cume_dist`` counts the current row's peers. Aggregates over windows
(``sum(x) OVER w``) are the aggregate declarations themselves.
"""

from __future__ import annotations

from pyrust.sql import _extensions as ext
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundAggregate, aggregate_call, analysis_error, cast_to, not_implemented, type_mismatch
from pyrust.sql._coercion import is_numeric
from pyrust.sql._expressions import Expression, Literal, WindowFrame
from pyrust.sql._functions._table import window

_SPARK_AGGREGATE = "extension:dev.pyrust:functions_spark_aggregate"

# Rows from the partition's first to the current one.
_RANKING_FRAME = WindowFrame("ROWS", None, 0)


def _ranking(arguments: tuple[Expression, ...]) -> WindowFrame:
    return _RANKING_FRAME


def _peers(arguments: tuple[Expression, ...]) -> WindowFrame:
    return WindowFrame("RANGE", None, 0)


def _literal_int(expression: Expression) -> int | None:
    if isinstance(expression, Literal) and isinstance(expression.value, int) and not isinstance(expression.value, bool):
        return expression.value
    return None


def _offset_frame(sign: int):
    """``lag``'s frame is the one row ``offset`` before (``-1 FOLLOWING``), ``lead``'s after."""

    def frame(arguments: tuple[Expression, ...]) -> WindowFrame:
        offset = _literal_int(arguments[1]) if len(arguments) > 1 else 1
        offset = sign * (offset if offset is not None else 1)
        return WindowFrame("ROWS", offset, offset)

    return frame


def _out_of_range(name: str, parameter: str, maximum: str, value: str) -> Exception:
    return analysis_error(
        "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
        exprName=parameter,
        valueRange=f"(0, {maximum}]",
        currentValue=value,
        sqlExpr=f'"{name}"',
    )


def _ntile(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    (buckets,) = arguments
    value = _literal_int(call.arguments[0])
    if value is None:
        raise not_implemented(f"{name} with a bucket count that is not an integer literal")
    if value <= 0 or value > 2**31 - 1:
        raise _out_of_range(name, "buckets", "2147483647", str(value))
    return aggregate_call(ext.ARITHMETIC, "ntile", [cast_to(buckets, T.IntegerType())], T.IntegerType(), name, False)


def _offset(function: str):
    """``lag``/``lead``: the value ``offset`` rows away, ``default`` (cast to its type) past the partition."""

    def resolve(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
        value, offset, default = arguments
        if _literal_int(call.arguments[1]) is None:
            raise not_implemented(f"{name} with an offset that is not an integer literal")
        operands = [value, cast_to(offset, T.IntegerType()), cast_to(default, value.data_type)]
        return aggregate_call(ext.ARITHMETIC, function, operands, value.data_type, name, False)

    return resolve


def _nth_value(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    value, offset, *ignore_nulls = arguments
    if ignore_nulls:
        raise not_implemented(f"{name} (nth_value ignoring nulls)")
    number = _literal_int(call.arguments[1])
    if number is None:
        raise not_implemented(f"{name} with an offset that is not an integer literal")
    if number <= 0:
        raise _out_of_range(name, "offset", "9223372036854775807", f"{number}L")
    if number > 2**31 - 1:
        raise not_implemented(f"{name} with an offset beyond int")
    operands = [value, cast_to(offset, T.IntegerType())]
    return aggregate_call(ext.ARITHMETIC, "nth_value", operands, value.data_type, name, False)


def _nth_value_name(arguments: list[str]) -> str:
    suffix = " ignore nulls" if len(arguments) > 2 and arguments[2] == "true" else ""
    return f"nth_value({arguments[0]}, {arguments[1]}){suffix}"


def _counter_diff(analyzer, call, arguments: list[Bound], name: str) -> BoundAggregate:
    """Spark 4.3's ``counter_diff(value[, startTime])``: the engine's aggregate of
    that name over the frame Spark fixes; the value's type (double for NULL)."""
    value, *rest = arguments
    if isinstance(value.data_type, T.NullType):
        value = cast_to(value, T.DoubleType())
    elif not is_numeric(value.data_type):
        raise type_mismatch(name, "NUMERIC", value.name, value.data_type)
    operands = [value]
    if rest:
        (start,) = rest
        if isinstance(start.data_type, T.NullType):
            start = cast_to(start, T.TimestampType())
        elif not isinstance(start.data_type, (T.TimestampType, T.TimestampNTZType)):
            raise type_mismatch(name, '("TIMESTAMP" or "TIMESTAMP_NTZ")', start.name, start.data_type, 1)
        operands.append(start)
    return aggregate_call(_SPARK_AGGREGATE, "counter_diff", operands, value.data_type, name, False)


_INT, _DOUBLE = T.IntegerType(), T.DoubleType()

window("row_number", ext.ARITHMETIC, result=_INT, nullable=False, frame=_ranking)
window("rank", ext.ARITHMETIC, result=_INT, nullable=False, frame=_ranking, column_name="RANK()")
window("dense_rank", ext.ARITHMETIC, result=_INT, nullable=False, frame=_ranking, column_name="DENSE_RANK()")
window("percent_rank", ext.ARITHMETIC, result=_DOUBLE, nullable=False, frame=_ranking, column_name="PERCENT_RANK()")
window("cume_dist", ext.ARITHMETIC, result=_DOUBLE, nullable=False, frame=_peers)
window("ntile", ext.ARITHMETIC, result=_INT, nullable=False, frame=_ranking, resolve=_ntile)
window("lag", ext.ARITHMETIC, frame=_offset_frame(-1), resolve=_offset("lag"))
window("lead", ext.ARITHMETIC, frame=_offset_frame(1), resolve=_offset("lead"))
window("nth_value", ext.ARITHMETIC, column_name=_nth_value_name, resolve=_nth_value)
window("counter_diff", _SPARK_AGGREGATE, frame=_ranking, resolve=_counter_diff)
