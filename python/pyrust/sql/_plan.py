"""Builders of Substrait relations and whole plans (https://substrait.io/relations/).

Relations are protobuf messages built once and never mutated; each
DataFrame transformation wraps its input's relation in a new one. A plan is
assembled only when it leaves for the engine: the root names, the Substrait
version, and declarations of exactly the extension functions it uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message
from google.protobuf.unknown_fields import UnknownFieldSet
from substrait import algebra_pb2 as stalg
from substrait import plan_pb2 as stp
from substrait import type_pb2 as stt

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto

# The Substrait spec version our plans are written against: that of the
# engine's protobuf definitions (the `substrait` crate 0.63), which the Python
# protobuf definitions we use are a superset of.
SUBSTRAIT_VERSION = (0, 85, 0)
PRODUCER = "pyrust"

JOIN_TYPES = {
    "inner": stalg.JoinRel.JOIN_TYPE_INNER,
    "full": stalg.JoinRel.JOIN_TYPE_OUTER,
    "left": stalg.JoinRel.JOIN_TYPE_LEFT,
    "right": stalg.JoinRel.JOIN_TYPE_RIGHT,
    "left_semi": stalg.JoinRel.JOIN_TYPE_LEFT_SEMI,
    "left_anti": stalg.JoinRel.JOIN_TYPE_LEFT_ANTI,
}


def read_named_table(names: list[str], base_schema: stt.NamedStruct) -> stalg.Rel:
    """Read a table registered in the engine's catalog."""
    return stalg.Rel(read=stalg.ReadRel(base_schema=base_schema, named_table=stalg.ReadRel.NamedTable(names=names)))


def project(input_rel: stalg.Rel, expressions: list[stalg.Expression], input_width: int) -> stalg.Rel:
    """Compute ``expressions`` over the input and keep only them (an emit drops the input columns)."""
    emit = stalg.RelCommon.Emit(output_mapping=range(input_width, input_width + len(expressions)))
    return stalg.Rel(
        project=stalg.ProjectRel(common=stalg.RelCommon(emit=emit), input=input_rel, expressions=expressions)
    )


def filter_rows(input_rel: stalg.Rel, condition: stalg.Expression) -> stalg.Rel:
    """Keep the rows where ``condition`` is true."""
    return stalg.Rel(filter=stalg.FilterRel(input=input_rel, condition=condition))


def aggregate(
    input_rel: stalg.Rel,
    input_width: int,
    groupings: list[stalg.Expression],
    measures: list[stalg.AggregateFunction],
) -> stalg.Rel:
    """Group by ``groupings`` (none: one global group) and compute ``measures``.

    Grouping keys and measure arguments that are not plain column references
    are computed by a projection below the aggregate (which keeps the input
    columns), so the aggregate itself only references columns: Acero accepts
    nothing else, and every engine plans it the same way.
    """
    computed: dict[bytes, int] = {}
    projected: list[stalg.Expression] = []

    def as_column(expression: stalg.Expression) -> stalg.Expression:
        if _is_column(expression):
            return expression
        key = expression.SerializeToString(deterministic=True)
        if key not in computed:
            computed[key] = input_width + len(projected)
            kept = stalg.Expression()
            kept.CopyFrom(expression)
            projected.append(kept)
        return _proto.field_reference(computed[key])

    keys = [as_column(expression) for expression in groupings]
    calls = []
    for measure in measures:
        call = stalg.AggregateFunction()
        call.CopyFrom(measure)
        for argument in call.arguments:
            if argument.HasField("value"):
                argument.value.CopyFrom(as_column(argument.value))
        calls.append(call)
    if projected:
        # The input columns are listed as expressions too: DuckDB 1.1 ignores
        # emits and outputs a ProjectRel's expressions only.
        columns = [_proto.field_reference(index) for index in range(input_width)]
        input_rel = project(input_rel, columns + projected, input_width)
    grouping = stalg.AggregateRel.Grouping(expression_references=range(len(keys)))
    return stalg.Rel(
        aggregate=stalg.AggregateRel(
            input=input_rel,
            grouping_expressions=keys,
            groupings=[grouping],
            measures=[stalg.AggregateRel.Measure(measure=call) for call in calls],
        )
    )


def _is_column(expression: stalg.Expression) -> bool:
    """Whether ``expression`` is a direct reference to an input column."""
    if expression.WhichOneof("rex_type") != "selection":
        return False
    selection = expression.selection
    return (
        selection.HasField("root_reference")
        and selection.WhichOneof("reference_type") == "direct_reference"
        and selection.direct_reference.WhichOneof("reference_type") == "struct_field"
        and not selection.direct_reference.struct_field.HasField("child")
    )


def sort(input_rel: stalg.Rel, keys: list[stalg.SortField]) -> stalg.Rel:
    """Order rows by ``keys``."""
    return stalg.Rel(sort=stalg.SortRel(input=input_rel, sorts=keys))


def fetch(input_rel: stalg.Rel, count: int, offset: int = 0) -> stalg.Rel:
    """Skip ``offset`` rows, then keep at most ``count`` (both as i64 literal expressions)."""
    fetch_rel = stalg.FetchRel(input=input_rel, count_expr=_i64(count))
    if offset:
        fetch_rel.offset_expr.CopyFrom(_i64(offset))
    return stalg.Rel(fetch=fetch_rel)


def _i64(value: int) -> stalg.Expression:
    return stalg.Expression(literal=stalg.Expression.Literal(i64=value))


def join(left: stalg.Rel, right: stalg.Rel, how: str, condition: stalg.Expression | None) -> stalg.Rel:
    """Join two relations; the output is the left columns then the right (left only for semi/anti)."""
    if condition is None:
        return stalg.Rel(cross=stalg.CrossRel(left=left, right=right))
    return stalg.Rel(join=stalg.JoinRel(left=left, right=right, expression=condition, type=JOIN_TYPES[how]))


def union_all(inputs: list[stalg.Rel]) -> stalg.Rel:
    """Rows of every input, by position, duplicates kept (Spark's ``union``)."""
    return stalg.Rel(set=stalg.SetRel(inputs=inputs, op=stalg.SetRel.SET_OP_UNION_ALL))


def plan(root: stalg.Rel, names: list[str]) -> stp.Plan:
    """The whole plan: ``root`` with output ``names`` and the extensions it uses."""
    urns, functions = ext.declarations(_function_anchors(root))
    major, minor, patch = SUBSTRAIT_VERSION
    return stp.Plan(
        version=stp.Version(major_number=major, minor_number=minor, patch_number=patch, producer=PRODUCER),
        extension_urns=urns,
        extensions=functions,
        relations=[stp.PlanRel(root=stalg.RelRoot(input=root, names=names))],
    )


# Fields that spec 0.85 still reads but the Python protobuf definitions (0.106)
# no longer name: Grouping.grouping_expressions, FetchRel.offset and .count.
GROUPING_INLINE_EXPRESSIONS = 1
FETCH_OFFSET = 3
FETCH_COUNT = 4


def portable(plan_message: stp.Plan) -> stp.Plan:
    """``plan_message`` plus the deprecated forms consumers of older Substrait
    versions read (pyarrow Acero, DuckDB 1.1): each grouping's expressions
    inline as well as by reference, and a fetch's offset and count as integers
    as well as expressions. Newer consumers ignore or agree with them: both
    forms always say the same thing.
    """
    result = stp.Plan()
    result.CopyFrom(plan_message)
    for message in walk_messages(result):
        if isinstance(message, stalg.AggregateRel):
            for grouping in message.groupings:
                if not _has_unknown_field(grouping, GROUPING_INLINE_EXPRESSIONS):
                    grouping.MergeFromString(
                        b"".join(
                            _length_delimited(
                                GROUPING_INLINE_EXPRESSIONS, message.grouping_expressions[index].SerializeToString()
                            )
                            for index in grouping.expression_references
                        )
                    )
        elif isinstance(message, stalg.FetchRel):
            for field_number, name in ((FETCH_OFFSET, "offset_expr"), (FETCH_COUNT, "count_expr")):
                value = _integer_literal(getattr(message, name)) if message.HasField(name) else None
                if value is not None and not _has_unknown_field(message, field_number):
                    message.MergeFromString(_varint_field(field_number, value))
    return result


def _integer_literal(expression: stalg.Expression) -> int | None:
    """The value of an integer literal expression; None for anything else."""
    if expression.WhichOneof("rex_type") != "literal":
        return None
    kind = expression.literal.WhichOneof("literal_type")
    return getattr(expression.literal, kind) if kind in ("i8", "i16", "i32", "i64") else None


def _has_unknown_field(message: Message, field_number: int) -> bool:
    return any(field.field_number == field_number for field in UnknownFieldSet(message))


def portable_json(plan_message: stp.Plan) -> dict:
    """:func:`portable` in protobuf JSON form (as a dict): JSON has no unknown
    fields, so the deprecated forms are written under their old JSON names."""
    document = json_format.MessageToDict(plan_message)
    for current in walk_json_objects(document):
        aggregate = current.get("aggregate")
        if isinstance(aggregate, dict):
            expressions = aggregate.get("groupingExpressions", [])
            for grouping in aggregate.get("groupings", []):
                references = grouping.get("expressionReferences", [])
                grouping["groupingExpressions"] = [expressions[index] for index in references]
        fetch = current.get("fetch")
        if isinstance(fetch, dict):
            for old, new in (("offset", "offsetExpr"), ("count", "countExpr")):
                literal = fetch.get(new, {}).get("literal", {})
                value = next((literal[kind] for kind in ("i64", "i32", "i16", "i8") if kind in literal), None)
                if value is not None:
                    fetch[old] = str(value)
    return document


def walk_json_objects(document: Any) -> Iterator[dict]:
    """Every JSON object in ``document``, outermost first; an object may be changed
    while it is visited, and its new members are walked."""
    pending = [document]
    while pending:
        current = pending.pop()
        if isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, dict):
            yield current
            pending.extend(current.values())


def walk_messages(message: Message):
    """``message`` and every message below it."""
    pending = [message]
    while pending:
        current = pending.pop()
        yield current
        for descriptor, value in current.ListFields():
            if descriptor.type != descriptor.TYPE_MESSAGE or descriptor.message_type.GetOptions().map_entry:
                continue
            if is_repeated(descriptor):
                pending.extend(value)
            else:
                pending.append(value)


def _varint(number: int) -> bytes:
    number &= (1 << 64) - 1  # negative int64 values take ten bytes, as protobuf writes them
    encoded = bytearray()
    while True:
        low = number & 0x7F
        number >>= 7
        if number:
            encoded.append(low | 0x80)
        else:
            encoded.append(low)
            return bytes(encoded)


def _varint_field(field_number: int, number: int) -> bytes:
    return _varint(field_number << 3) + _varint(number)


def _length_delimited(field_number: int, payload: bytes) -> bytes:
    return _varint(field_number << 3 | 2) + _varint(len(payload)) + payload


def _function_anchors(message: Message) -> set[int]:
    """Every ``function_reference`` used anywhere below ``message``."""
    return {
        current.function_reference
        for current in walk_messages(message)
        if "function_reference" in current.DESCRIPTOR.fields_by_name
    }


def is_repeated(descriptor) -> bool:
    # protobuf 6 has `is_repeated`; older versions only the (now deprecated) label.
    if hasattr(descriptor, "is_repeated"):
        return descriptor.is_repeated
    return descriptor.label == descriptor.LABEL_REPEATED
