"""Higher-order (lambda) functions: ``transform``, ``filter``, ``aggregate``...

Each takes lambdas (``_expressions.LambdaFunction``) besides values. The
analyzer resolves the value arguments; the resolvers here type each lambda's
parameters from them (an array's element type, a map's key and value types,
``aggregate``'s zero), resolve its body (``Analyzer.resolve_lambda``) and
type the call from the bodies, as Spark does. The call is one of
``functions_spark_higher_order.yaml``, its lambdas Substrait
``Expression.Lambda`` arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyrust.sql import types as T
from pyrust.sql._bound import Bound, BoundLambda, analysis_error, cast_to, scalar_call, type_mismatch
from pyrust.sql._coercion import common_type
from pyrust.sql._expressions import Alias, CaseWhen, Call, LambdaFunction, LambdaVariable, Literal, fresh_lambda_name
from pyrust.sql._functions._table import scalar
from pyrust.sql._functions.collection_functions import sorted_ascending_nulls_last

if TYPE_CHECKING:
    from pyrust.sql._analyzer import Analyzer
    from pyrust.sql._expressions import Expression

SPARK_HIGHER_ORDER = "extension:dev.pyrust:functions_spark_higher_order"

# A lambda parameter's type and nullability.
Parameter = tuple[T.DataType, bool]


def _lambdas(call: Call) -> list[LambdaFunction]:
    return [argument for argument in call.arguments if isinstance(argument, LambdaFunction)]


def _bind(analyzer: Analyzer, function: LambdaFunction, offered: list[Parameter], name: str) -> BoundLambda:
    """``function`` resolved with the first of the ``offered`` parameters
    (Spark's error when it declares more than the function offers)."""
    if len(function.parameters) > len(offered):
        raise analysis_error(
            "INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
            expectedNumArgs=str(len(offered)),
            actualNumArgs=str(len(function.parameters)),
        )
    return analyzer.resolve_lambda(function, offered[: len(function.parameters)])


def _array(argument: Bound, name: str, index: int = 0) -> T.ArrayType:
    if not isinstance(argument.data_type, T.ArrayType):
        raise type_mismatch(name, "array", argument.name, argument.data_type, index)
    return argument.data_type


def _map(argument: Bound, name: str, index: int = 0) -> T.MapType:
    if not isinstance(argument.data_type, T.MapType):
        raise type_mismatch(name, "map", argument.name, argument.data_type, index)
    return argument.data_type


def _predicate(body: BoundLambda, name: str, index: int) -> BoundLambda:
    """A lambda that must give booleans (a null body is taken as boolean)."""
    if isinstance(body.data_type, T.NullType):
        return body
    if not isinstance(body.data_type, T.BooleanType):
        raise type_mismatch(name, "boolean", body.name, body.data_type, index)
    return body


def _call(name: str, arguments: list[Bound], result: T.DataType, column_name: str, nullable: bool) -> Bound:
    return scalar_call(SPARK_HIGHER_ORDER, name, arguments, result, column_name, nullable)


# -- arrays --------------------------------------------------------------------------


def _transform(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    (array,) = arguments
    element = _array(array, name)
    (function,) = _lambdas(call)
    body = _bind(analyzer, function, [(element.elementType, element.containsNull), (T.IntegerType(), False)], name)
    result = T.ArrayType(body.data_type, body.nullable)
    return _call("transform", [array, body], result, name, array.nullable)


def _filter(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    (array,) = arguments
    element = _array(array, name)
    (function,) = _lambdas(call)
    body = _bind(analyzer, function, [(element.elementType, element.containsNull), (T.IntegerType(), False)], name)
    body = _predicate(body, name, 1)
    return _call("filter", [array, body], element, name, array.nullable)


def _quantifier(function_name: str):
    """``exists`` / ``forall``: a predicate over the elements, with Spark's three-valued logic."""

    def resolve(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
        (array,) = arguments
        element = _array(array, name)
        (function,) = _lambdas(call)
        body = _predicate(_bind(analyzer, function, [(element.elementType, element.containsNull)], name), name, 1)
        return _call(function_name, [array, body], T.BooleanType(), name, array.nullable or body.nullable)

    return resolve


def _aggregate(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    """``aggregate(array, zero, merge[, finish])``: ``merge`` must give the zero's
    type (Spark does not widen it); without ``finish`` the result is the fold."""
    array, zero = arguments
    element = _array(array, name)
    lambdas = _lambdas(call)
    merge = _bind(analyzer, lambdas[0], [(zero.data_type, True), (element.elementType, element.containsNull)], name)
    if isinstance(merge.data_type, T.NullType) and not isinstance(zero.data_type, T.NullType):
        merge = _typed_null_lambda(merge, zero.data_type)
    if merge.data_type.simpleString() != zero.data_type.simpleString():
        raise type_mismatch(name, zero.data_type.simpleString(), merge.name, merge.data_type, 2)
    if merge.data_type != zero.data_type:
        # Same type, other nested nullability (a struct of literals is not null
        # inside; what `merge` builds from the accumulator may be): the
        # accumulator has the type that admits both.
        zero = cast_to(zero, merge.data_type)
        merge = _bind(analyzer, lambdas[0], [(zero.data_type, True), (element.elementType, element.containsNull)], name)
    if len(lambdas) > 1:
        finish_function = lambdas[1]
    else:
        # Without `finish`, the identity (what PySpark's wrapper passes).
        accumulator = LambdaVariable(fresh_lambda_name("x"))
        finish_function = LambdaFunction(accumulator, (accumulator,))
    finish = _bind(analyzer, finish_function, [(zero.data_type, True)], name)
    nullable = array.nullable or finish.nullable
    return _call("aggregate", [array, zero, merge, finish], finish.data_type, name, nullable)


def _typed_null_lambda(body: BoundLambda, data_type: T.DataType) -> BoundLambda:
    """A lambda whose body is an untyped null, its body cast to ``data_type``."""
    from dataclasses import replace

    from pyrust.sql import _proto

    lambda_message = getattr(body.proto, "lambda")
    typed = cast_to(Bound(lambda_message.body, body.data_type, True, body.name), data_type)
    proto = _proto.lambda_function(list(body.parameters), typed.proto)
    return replace(body, proto=proto, data_type=data_type, nullable=True)


def _zip_with(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    left, right = arguments
    left_type, right_type = _array(left, name, 0), _array(right, name, 1)
    (function,) = _lambdas(call)
    # The shorter array is padded with nulls: both parameters may be null.
    body = _bind(analyzer, function, [(left_type.elementType, True), (right_type.elementType, True)], name)
    result = T.ArrayType(body.data_type, body.nullable)
    return _call("zip_with", [left, right, body], result, name, left.nullable or right.nullable)


def _if(condition: Expression, value: Expression, otherwise: Expression) -> Expression:
    """``IF(condition, value, otherwise)``, named as Spark names it."""
    name = f"(IF({condition.sql()}, {value.sql()}, {otherwise.sql()}))"
    return Alias(CaseWhen(((condition, value),), otherwise), name)


@dataclass(frozen=True, repr=False)
class _DefaultComparator(LambdaFunction):
    """Spark's comparator of ``array_sort(array)``, known as such so that the
    engine's native sort does its work instead of the comparator, pair by pair."""


def default_comparator() -> LambdaFunction:
    """Spark's comparator of ``array_sort(array)``: ascending, nulls last."""
    left, right = LambdaVariable(fresh_lambda_name("left")), LambdaVariable(fresh_lambda_name("right"))

    def number(value: int) -> Expression:
        return Literal(value, T.IntegerType())

    body = _if(
        Call("and", (Call("isnull", (left,)), Call("isnull", (right,)))),
        number(0),
        _if(
            Call("isnull", (left,)),
            number(1),
            _if(
                Call("isnull", (right,)),
                number(-1),
                _if(Call("<", (left, right)), number(-1), _if(Call(">", (left, right)), number(1), number(0))),
            ),
        ),
    )
    return _DefaultComparator(body, (left, right))


def _array_sort(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    """``array_sort(array[, comparator])``; without a comparator Spark's default one,
    which shows in the column name."""
    lambdas = _lambdas(call)
    if not lambdas:
        return analyzer.resolve(Call(call.function, (*call.arguments, default_comparator())))
    (array,) = arguments
    if isinstance(lambdas[0], _DefaultComparator):
        return sorted_ascending_nulls_last(array, name)
    element = _array(array, name)
    (function,) = lambdas
    parameter = (element.elementType, element.containsNull)
    body = _bind(analyzer, function, [parameter, parameter], name)
    if not isinstance(body.data_type, T.IntegerType):
        raise analysis_error(
            "DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE",
            sqlExpr=f'"{name}"',
            functionName="`lambdafunction`",
            expectedType='"INT"',
            actualType=f'"{body.data_type.simpleString().upper()}"',
        )
    return _call("array_sort", [array, body], element, name, array.nullable)


# -- maps ----------------------------------------------------------------------------


def _entry_parameters(map_type: T.MapType) -> list[Parameter]:
    return [(map_type.keyType, False), (map_type.valueType, map_type.valueContainsNull)]


def _transform_keys(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    (map_value,) = arguments
    map_type = _map(map_value, name)
    (function,) = _lambdas(call)
    body = _bind(analyzer, function, _entry_parameters(map_type), name)
    result = T.MapType(body.data_type, map_type.valueType, map_type.valueContainsNull)
    return _call("transform_keys", [map_value, body], result, name, map_value.nullable)


def _transform_values(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    (map_value,) = arguments
    map_type = _map(map_value, name)
    (function,) = _lambdas(call)
    body = _bind(analyzer, function, _entry_parameters(map_type), name)
    result = T.MapType(map_type.keyType, body.data_type, body.nullable)
    return _call("transform_values", [map_value, body], result, name, map_value.nullable)


def _map_filter(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    (map_value,) = arguments
    map_type = _map(map_value, name)
    (function,) = _lambdas(call)
    body = _predicate(_bind(analyzer, function, _entry_parameters(map_type), name), name, 1)
    return _call("map_filter", [map_value, body], map_type, name, map_value.nullable)


def _map_zip_with(analyzer: Analyzer, call: Call, arguments: list[Bound], name: str) -> Bound:
    left, right = arguments
    left_type, right_type = _map(left, name, 0), _map(right, name, 1)
    key_type = common_type(left_type.keyType, right_type.keyType)
    if key_type is None or key_type.simpleString() not in (
        left_type.keyType.simpleString(),
        right_type.keyType.simpleString(),
    ):
        raise analysis_error(
            "DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES",
            sqlExpr=f'"{name}"',
            functionName="`map_zip_with`",
            leftType=f'"{left_type.keyType.simpleString().upper()}"',
            rightType=f'"{right_type.keyType.simpleString().upper()}"',
        )
    if left_type.keyType != key_type:
        left = cast_to(left, T.MapType(key_type, left_type.valueType, left_type.valueContainsNull))
    if right_type.keyType != key_type:
        right = cast_to(right, T.MapType(key_type, right_type.valueType, right_type.valueContainsNull))
    (function,) = _lambdas(call)
    # A key of one map only has no value in the other: both values may be null.
    offered = [(key_type, False), (left_type.valueType, True), (right_type.valueType, True)]
    body = _bind(analyzer, function, offered, name)
    result = T.MapType(key_type, body.data_type, body.nullable)
    return _call("map_zip_with", [left, right, body], result, name, left.nullable or right.nullable)


scalar("transform", SPARK_HIGHER_ORDER, resolve=_transform)
scalar("filter", SPARK_HIGHER_ORDER, resolve=_filter)
scalar("exists", SPARK_HIGHER_ORDER, resolve=_quantifier("exists"))
scalar("forall", SPARK_HIGHER_ORDER, resolve=_quantifier("forall"))
scalar("aggregate", SPARK_HIGHER_ORDER, aliases=("reduce",), resolve=_aggregate)
scalar("array_sort", SPARK_HIGHER_ORDER, resolve=_array_sort)
scalar("zip_with", SPARK_HIGHER_ORDER, resolve=_zip_with)
scalar("transform_keys", SPARK_HIGHER_ORDER, resolve=_transform_keys)
scalar("transform_values", SPARK_HIGHER_ORDER, resolve=_transform_values)
scalar("map_filter", SPARK_HIGHER_ORDER, resolve=_map_filter)
scalar("map_zip_with", SPARK_HIGHER_ORDER, resolve=_map_zip_with)
