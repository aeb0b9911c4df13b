"""Builders of Substrait relations and whole plans (https://substrait.io/relations/).

Relations are protobuf messages built once and never mutated; each
DataFrame transformation wraps its input's relation in a new one. A plan is
assembled only when it leaves for the engine: the root names, the Substrait
version, and declarations of exactly the extension functions it uses.
"""

from __future__ import annotations

from google.protobuf.message import Message
from substrait import algebra_pb2 as stalg
from substrait import plan_pb2 as stp
from substrait import type_pb2 as stt

from pyrust.sql import _extensions as ext

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
    input_rel: stalg.Rel, groupings: list[stalg.Expression], measures: list[stalg.AggregateFunction]
) -> stalg.Rel:
    """Group by ``groupings`` (none: one global group) and compute ``measures``."""
    grouping = stalg.AggregateRel.Grouping(expression_references=range(len(groupings)))
    return stalg.Rel(
        aggregate=stalg.AggregateRel(
            input=input_rel,
            grouping_expressions=groupings,
            groupings=[grouping],
            measures=[stalg.AggregateRel.Measure(measure=measure) for measure in measures],
        )
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


def _function_anchors(message: Message) -> set[int]:
    """Every ``function_reference`` used anywhere below ``message``."""
    found: set[int] = set()
    pending = [message]
    while pending:
        current = pending.pop()
        for descriptor, value in current.ListFields():
            if descriptor.name == "function_reference":
                found.add(value)
            elif descriptor.type == descriptor.TYPE_MESSAGE:
                if descriptor.message_type.GetOptions().map_entry:
                    continue  # maps hold extension metadata, never function calls
                if _is_repeated(descriptor):
                    pending.extend(value)
                else:
                    pending.append(value)
    return found


def _is_repeated(descriptor) -> bool:
    # protobuf 6 has `is_repeated`; older versions only the (now deprecated) label.
    if hasattr(descriptor, "is_repeated"):
        return descriptor.is_repeated
    return descriptor.label == descriptor.LABEL_REPEATED
