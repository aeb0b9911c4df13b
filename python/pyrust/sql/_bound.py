"""Resolved expressions and the calls that build them.

A ``Bound`` is an expression after resolution: its Substrait form, Spark type,
nullability and the column name Spark gives it. The analyzer
(``_analyzer.py``) and the function table (``_functions/``) both build them
with the helpers here: casts, and calls of functions declared in the
extension YAMLs (``_extensions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._substrait_types import to_substrait_type

if TYPE_CHECKING:
    from substrait import algebra_pb2 as stalg
    from substrait import type_pb2 as stt

    from pyrust.sql._analyzer import Attribute


@dataclass(frozen=True)
class Bound:
    """A resolved expression: its Substrait form, Spark type and Spark name."""

    proto: stalg.Expression
    data_type: T.DataType
    nullable: bool
    name: str
    # The input column, when the expression is just a reference to one.
    source: Attribute | None = None
    # Metadata an alias gives the column (``alias(name, metadata=...)``).
    metadata: dict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BoundLambda(Bound):
    """A resolved lambda argument of a higher-order function: ``data_type`` and
    ``nullable`` are its body's, ``parameters`` its parameters' Substrait types."""

    parameters: tuple[stt.Type, ...] = ()

    def function_type(self) -> stt.Type:
        """Its Substrait type, ``func<parameters -> body>``, as signatures match it."""
        from substrait import type_pb2

        body = to_substrait_type(self.data_type, self.nullable)
        return type_pb2.Type(
            func=type_pb2.Type.Func(
                parameter_types=self.parameters, return_type=body, nullability=type_pb2.Type.NULLABILITY_REQUIRED
            )
        )


@dataclass(frozen=True)
class BoundAggregate:
    """A resolved aggregate call (a Substrait measure)."""

    proto: stalg.AggregateFunction
    data_type: T.DataType
    nullable: bool
    name: str


def literal(value: object, data_type: T.DataType, name: str | None = None) -> Bound:
    """A constant, named as Spark prints it unless ``name`` is given."""
    shown = name if name is not None else str(value)
    return Bound(_proto.literal(value, data_type), data_type, value is None, shown)


def cast_to(bound: Bound, target: T.DataType, null_on_failure: bool = False) -> Bound:
    """``bound`` as ``target`` (a no-op when it already is); null where it
    cannot be converted with ``null_on_failure``, else an error."""
    if bound.data_type == target:
        return bound
    if isinstance(bound.data_type, T.NullType):
        # A void value is always null: a typed null, not a conversion of the
        # string it travels as (the engine casts a string to an array as a
        # one-element array, and has no cast of strings to maps or structs).
        return Bound(_proto.literal(None, target), target, True, bound.name)
    if isinstance(target, (T.ArrayType, T.MapType)) and bound.proto.literal.WhichOneof("literal_type") in (
        "empty_list",
        "empty_map",
    ):
        # An empty `array()` or `map()` (of void elements) is the empty collection of any type.
        return Bound(_proto.literal([] if isinstance(target, T.ArrayType) else {}, target), target, bound.nullable, bound.name)
    if isinstance(target, T.VariantType) or isinstance(bound.data_type, T.VariantType):
        # Variants are encoded binaries: their casts are functions of the engine.
        from pyrust.sql._functions import variant_functions

        if isinstance(target, T.VariantType):
            return variant_functions.to_variant(bound, f"CAST({bound.name} AS VARIANT)")
        return variant_functions.from_variant(bound, target, null_on_failure)
    # Spark's casts of strings to dates and timestamps are nullable even in ANSI mode.
    from_string_to_datetime = isinstance(bound.data_type, T.StringType) and isinstance(
        target, (T.DateType, T.TimestampType, T.TimestampNTZType)
    )
    nullable = bound.nullable or null_on_failure or from_string_to_datetime
    proto = _proto.cast(bound.proto, to_substrait_type(target, nullable), null_on_failure=null_on_failure)
    return Bound(proto, target, nullable, bound.name)


def scalar_call(
    urn: str,
    name: str,
    arguments: list[Bound],
    result_type: T.DataType,
    column_name: str,
    nullable: bool | None = None,
    options: dict[str, str] | None = None,
) -> Bound:
    """A call of the scalar function ``name`` of ``urn``, its nullability
    that of its arguments unless given."""
    if nullable is None:
        nullable = any(argument.nullable for argument in arguments)
    anchor = signature_anchor(urn, name, arguments, result_type, column_name)
    proto = _proto.scalar_function(
        anchor, [argument.proto for argument in arguments], to_substrait_type(result_type, nullable), options
    )
    return Bound(proto, result_type, nullable, column_name)


def aggregate_call(
    urn: str,
    name: str,
    arguments: list[Bound],
    result_type: T.DataType,
    column_name: str,
    distinct: bool,
    nullable: bool = True,
    options: dict[str, str] | None = None,
) -> BoundAggregate:
    """A call of the aggregate function ``name`` of ``urn`` (a measure)."""
    anchor = signature_anchor(urn, name, arguments, result_type, column_name)
    arguments_proto = [argument.proto for argument in arguments]
    output_type = to_substrait_type(result_type, nullable)
    proto = _proto.aggregate_function(anchor, arguments_proto, output_type, distinct, options)
    return BoundAggregate(proto, result_type, nullable, column_name)


def signature_anchor(urn: str, name: str, arguments: list[Bound], result_type: T.DataType, column_name: str) -> int:
    """The anchor of the signature of ``name`` that accepts ``arguments``.

    The YAML's declared return type must be of the class Spark's rules give
    (``i64`` for ``sum`` of integers, ``fp64`` for ``avg``...): the YAMLs are the
    source of truth for signatures, and a disagreement is a bug of ours.
    Parameters such as decimal precision may differ (Spark widens ``sum`` of
    ``decimal(p, s)`` to ``p + 10`` digits, the YAML to 38); Spark's win.
    """
    found = ext.lookup(urn, name, argument_types(arguments))
    if found is None:
        types = ", ".join(argument.data_type.simpleString() for argument in arguments)
        raise not_implemented(f"{name}({types}) in {column_name}")
    anchor, declared = found
    expected_kind = to_substrait_type(result_type, True).WhichOneof("kind")
    if declared.WhichOneof("kind") != expected_kind:
        msg = (
            f"{ext.function_name(anchor)} returns {declared.WhichOneof('kind')} in its extension YAML, "
            f"but Spark's rules give {expected_kind} for {column_name}"
        )
        raise errors.PySparkRuntimeError(msg)
    return anchor


def argument_types(arguments: list[Bound]) -> list[stt.Type]:
    """The Substrait types of call arguments, as signatures are matched against them."""
    return [
        argument.function_type() if isinstance(argument, BoundLambda) else to_substrait_type(argument.data_type, argument.nullable)
        for argument in arguments
    ]


# -- errors ----------------------------------------------------------------------


def analysis_error(condition: str, **parameters: str) -> errors.AnalysisException:
    return errors.AnalysisException(errorClass=condition, messageParameters=parameters)


def not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(index: int) -> str:
    """Spark's name of an argument position in messages (``first``, ``second``...)."""
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def type_mismatch(
    name: str, required: str, input_sql: str, data_type: T.DataType, index: int = 0
) -> errors.AnalysisException:
    """``DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`` for argument ``index`` of ``name``."""
    return analysis_error(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        sqlExpr=f'"{name}"',
        paramIndex=ordinal(index),
        inputSql=f'"{input_sql}"',
        inputType=f'"{data_type.simpleString().upper()}"',
        requiredType=required if required.startswith(("(", '"')) else f'"{required.upper()}"',
    )
