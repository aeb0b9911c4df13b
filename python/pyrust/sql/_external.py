"""Plans from other Substrait producers, turned into relations of ours.

``spark.substrait(plan)`` accepts a plan written by anyone (datafusion-python,
DuckDB, ibis-substrait, the ``substrait`` package's builders, hand-written
JSON). Before its root relation can sit under our own relations it is
normalized here:

* it is decoded from binary protobuf, protobuf JSON or a dict;
* its function anchors are renumbered into our process-wide anchor space
  (``_extensions``), so that our expressions and its expressions can share one
  plan; extension *URIs* of older producers are read as the URN of the same
  YAML file (https://substrait.io/extensions/#simple-extensions);
* every ``NamedTable`` read is resolved through the session: a temporary
  view's name is replaced by the view's own relation (its columns picked by
  name, as a catalog table's would be), an engine table name is kept.

``SparkSession.substrait`` runs :func:`parse_plan`, :func:`external_root`,
:func:`resolve_tables` (and, for DuckDB's plans, :func:`emit_only_expressions`)
and names the columns with :func:`output_names`; only the column widths and
the final schema come from the engine.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Callable

import pyarrow as pa
from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message
from google.protobuf.unknown_fields import UnknownFieldSet
from substrait import algebra_pb2 as stalg
from substrait import plan_pb2 as stp
from substrait import type_pb2 as stt
from substrait.extensions import extensions_pb2 as ste

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _plan, _proto
from pyrust.sql import types as T
from pyrust.sql._substrait_types import from_substrait_type, to_substrait_type

# The engine's decoder refuses plans nesting deeper (compiler/src/decode.rs).
MAX_WIRE_DEPTH = 1024
# Deeper plans the upb protobuf runtime parses only once told to.
_UPB_DEFAULT_DEPTH = 100

try:
    from google._upb import _message as _upb_message
except ImportError:  # another protobuf runtime: its own limits apply
    _upb_message = None

# Field numbers of the extension-URI fields that spec 0.85 dropped (older
# producers still write them; both protobuf runtimes keep them as unknown fields).
_PLAN_EXTENSION_URIS = 1
_DECLARATION_URI_REFERENCE = 1


def invalid_plan(reason: str) -> errors.PySparkValueError:
    """The error for a plan we cannot read: names what is wrong with it."""
    return errors.PySparkValueError(
        f"The Substrait plan is invalid: {reason}.",
        errorClass="INVALID_SUBSTRAIT_PLAN",
        messageParameters={"reason": reason},
    )


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


# -- decoding --------------------------------------------------------------------------


def parse_plan(plan: bytes | bytearray | memoryview | str | dict | Message) -> stp.Plan:
    """A ``Plan`` message from binary protobuf, protobuf JSON text, a dict of it,
    or a ``Plan`` message of the ``substrait`` package (e.g. from its builders)."""
    if isinstance(plan, Message) and plan.DESCRIPTOR.full_name == stp.Plan.DESCRIPTOR.full_name:
        plan = plan.SerializeToString()
    if isinstance(plan, (bytes, bytearray, memoryview)):
        message = _parse_binary_plan(bytes(plan))
        _uris_to_urns(message)
        return message
    if isinstance(plan, str):
        try:
            plan = json.loads(plan)
        except json.JSONDecodeError as error:
            raise invalid_plan(f"the text is not JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
        if not isinstance(plan, dict):
            raise invalid_plan(f"the JSON text holds a {type(plan).__name__}, not a Plan object")
    if isinstance(plan, dict):
        return _plan_from_dict(plan)
    raise errors.PySparkTypeError(
        errorClass="NOT_EXPECTED_TYPE",
        messageParameters={
            "arg_name": "plan",
            "expected_type": "bytes (binary protobuf), str (protobuf JSON), dict or a substrait Plan message",
            "arg_type": type(plan).__name__,
        },
    )


def _parse_binary_plan(data: bytes) -> stp.Plan:
    """Parse a binary plan, however deep it nests up to the engine's own bound.

    The upb protobuf runtime refuses messages nesting deeper than 100 levels;
    plans reach that after some fifty relations (ours do too when they are not
    collapsible). upb can lift the limit, process-wide, but then recurses
    without bound, so the depth is measured first, without recursion, and
    held to the bound the engine's decoder applies.
    """
    message = stp.Plan()
    try:
        message.ParseFromString(data)
        return message
    except DecodeError as error:
        failure = error
    depth = _wire_depth(data, MAX_WIRE_DEPTH)
    if depth <= _UPB_DEFAULT_DEPTH or _upb_message is None:
        raise invalid_plan(f"the bytes are not a binary protobuf Plan ({failure})")
    if depth > MAX_WIRE_DEPTH:
        raise invalid_plan(f"the plan nests deeper than {MAX_WIRE_DEPTH} protobuf levels")
    _upb_message.SetAllowOversizeProtos(True)
    try:
        message.ParseFromString(data)
    except DecodeError as error:
        raise invalid_plan(f"the bytes are not a binary protobuf Plan ({error})") from None
    finally:
        _upb_message.SetAllowOversizeProtos(False)
    return message


def _wire_depth(data: bytes, limit: int) -> int:
    """How deep ``data`` nests, counted up to ``limit + 1``: every length-delimited
    payload that reads as protobuf fields counts a level (without the schema,
    messages cannot be told from strings), so the count is never below the
    parser's. The compiler's ``wire_depth.rs`` scans the same way (groups aside:
    Substrait has none, and a group makes the payload unreadable here, which
    only makes the count smaller than the engine's, never the parse deeper)."""
    levels: list[int] = []  # where each open payload ends
    deepest = 0
    position = 0
    while True:
        end = levels[-1] if levels else len(data)
        if position == end:
            if not levels:
                return deepest
            levels.pop()
            continue
        next_position = _read_field(data, position, end, levels)
        if next_position is not None:
            position = next_position
            deepest = max(deepest, len(levels))
            if deepest > limit:
                return deepest
            continue
        # The innermost payload is no message (a string, packed numbers): skip it whole.
        if not levels:
            return deepest
        position = levels.pop()


def _read_field(data: bytes, position: int, end: int, levels: list[int]) -> int | None:
    """The position after the field at ``position``, opening a level for a
    non-empty length-delimited payload; None if these bytes are no field."""
    key = _read_varint(data, position, end)
    if key is None or key[0] >> 3 == 0:
        return None
    value, position = key
    wire_type = value & 7
    if wire_type == 0:
        number = _read_varint(data, position, end)
        return None if number is None else number[1]
    if wire_type in (1, 5):
        position += 8 if wire_type == 1 else 4
        return position if position <= end else None
    if wire_type == 2:
        length = _read_varint(data, position, end)
        if length is None or length[1] + length[0] > end:
            return None
        if length[0]:
            levels.append(length[1] + length[0])
        return length[1]
    return None


def _read_varint(data: bytes, position: int, end: int) -> tuple[int, int] | None:
    value = 0
    for shift in range(0, 70, 7):
        if position >= end:
            return None
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
    return None


def _plan_from_dict(document: dict) -> stp.Plan:
    try:
        document = _current_forms(copy.deepcopy(document))
        return json_format.ParseDict(document, stp.Plan(), max_recursion_depth=MAX_WIRE_DEPTH)
    except RecursionError:
        raise invalid_plan("the JSON plan nests too deep to be read; send it as binary protobuf") from None
    except json_format.ParseError as error:
        raise invalid_plan(f"not a protobuf JSON Plan ({error})") from None
    except (AttributeError, TypeError, ValueError, KeyError) as error:
        raise invalid_plan(f"not a protobuf JSON Plan ({type(error).__name__}: {error})") from None


def _current_forms(document: dict) -> dict:
    """The JSON plan with the extension URIs and deprecated fields of older
    producers rewritten in the forms today's protobuf definitions have."""
    uris = document.pop("extensionUris", None) or document.pop("extension_uris", None) or []
    urns = list(document.get("extensionUrns", document.get("extension_urns", [])))
    uri_urns: dict[int, int] = {}
    for item in uris:
        anchor = int(item.get("extensionUriAnchor", item.get("extension_uri_anchor", 0)))
        uri_urns[anchor] = _declare_urn(urns, ext.urn_of_uri(str(item.get("uri", ""))))
    declarations = []
    for declaration in document.get("extensions", []):
        declaration = dict(declaration)
        for kind in ("extensionFunction", "extension_function", "extensionType", "extension_type",
                     "extensionTypeVariation", "extension_type_variation"):
            if kind in declaration:
                body = dict(declaration[kind])
                uri_reference = body.pop("extensionUriReference", body.pop("extension_uri_reference", None))
                if uri_reference is not None and not body.get("extensionUrnReference", body.get("extension_urn_reference")):
                    body["extensionUrnReference"] = uri_urns.get(int(uri_reference), 0)
                declaration[kind] = body
        declarations.append(declaration)
    if urns:
        document.pop("extension_urns", None)
        document["extensionUrns"] = urns
    if declarations:
        document.pop("extensions", None)
        document["extensions"] = declarations
    _legacy_fields_to_current(document.get("relations", []))
    return document


def _legacy_fields_to_current(node: Any) -> None:
    """Rewrite, in place, the deprecated fields of older producers' JSON plans
    that today's protobuf definitions no longer name: inline grouping
    expressions become references, integer fetch offsets and counts become
    literal expressions. (Binary plans keep them as unknown fields, which the
    engine still reads.)"""
    for current in _plan.walk_json_objects(node):
        aggregate = current.get("aggregate")
        if isinstance(aggregate, dict):
            _inline_groupings_to_references(aggregate)
        fetch = current.get("fetch")
        if isinstance(fetch, dict):
            for old, new in (("offset", "offsetExpr"), ("count", "countExpr")):
                if old in fetch:
                    value = fetch.pop(old)
                    if new not in fetch and str(value) != "-1":
                        fetch[new] = {"literal": {"i64": str(value)}}


def _inline_groupings_to_references(aggregate: dict) -> None:
    expressions = aggregate.setdefault("groupingExpressions", aggregate.pop("grouping_expressions", []))
    for grouping in aggregate.get("groupings", []):
        inline = grouping.pop("groupingExpressions", grouping.pop("grouping_expressions", None))
        if inline is None or grouping.get("expressionReferences") or grouping.get("expression_references"):
            continue
        references = []
        for expression in inline:
            if expression not in expressions:
                expressions.append(expression)
            references.append(expressions.index(expression))
        grouping["expressionReferences"] = references


def _declare_urn(urns: list[dict], urn: str) -> int:
    """The anchor of ``urn`` in a JSON ``extensionUrns`` list, adding it if missing."""
    for item in urns:
        if item.get("urn") == urn:
            return int(item.get("extensionUrnAnchor", item.get("extension_urn_anchor", 0)))
    anchor = 1 + max((int(item.get("extensionUrnAnchor", item.get("extension_urn_anchor", 0))) for item in urns), default=1000)
    urns.append({"extensionUrnAnchor": anchor, "urn": urn})
    return anchor


def _uris_to_urns(plan: stp.Plan) -> None:
    """Declare as URNs the extension URIs a binary plan of an older producer uses."""
    uri_urns: dict[int, int] = {}
    next_anchor = 1 + max((item.extension_urn_anchor for item in plan.extension_urns), default=1000)
    for field in UnknownFieldSet(plan):
        if field.field_number != _PLAN_EXTENSION_URIS:
            continue
        # SimpleExtensionURI has the layout of SimpleExtensionURN: anchor = 1, text = 2.
        uri = ste.SimpleExtensionURN.FromString(field.data)
        urn = ext.urn_of_uri(uri.urn)
        existing = next((item.extension_urn_anchor for item in plan.extension_urns if item.urn == urn), None)
        if existing is None:
            existing = next_anchor
            next_anchor += 1
            plan.extension_urns.add(extension_urn_anchor=existing, urn=urn)
        uri_urns[uri.extension_urn_anchor] = existing
    if not uri_urns:
        return
    for declaration in plan.extensions:
        kind = declaration.WhichOneof("mapping_type")
        if kind is None:
            continue
        body = getattr(declaration, kind)
        if body.extension_urn_reference:
            continue
        for field in UnknownFieldSet(body):
            if field.field_number == _DECLARATION_URI_REFERENCE:
                body.extension_urn_reference = uri_urns.get(field.data, 0)


# -- the root and its functions ---------------------------------------------------------


@dataclass(frozen=True)
class ExternalRoot:
    """The root relation of a foreign plan, rewritten into our anchor space."""

    rel: stalg.Rel
    # RelRoot.names (depth-first, nested struct fields included); empty if the plan has none.
    names: tuple[str, ...]
    # The producer writes a ProjectRel without an emit to mean "the expressions
    # only" (DuckDB 1.1 does), where the spec means "the input, then the expressions".
    projects_replace_input: bool = False


def external_root(plan: stp.Plan) -> ExternalRoot:
    """The plan's one root relation, its function anchors renumbered as ours."""
    roots = [relation for relation in plan.relations if relation.WhichOneof("rel_type") is not None]
    if len(roots) != 1:
        raise invalid_plan(f"it must hold exactly one relation, found {len(roots)}")
    (relation,) = roots
    if relation.WhichOneof("rel_type") == "root":
        rel, names = relation.root.input, tuple(relation.root.names)
        if not relation.root.HasField("input"):
            raise invalid_plan("relations[0].root has no input relation")
    else:
        rel, names = relation.rel, ()
    if rel.WhichOneof("rel_type") is None:
        raise invalid_plan("the root relation is empty")
    rel = _current_fields(_renumber_functions(plan, rel))
    return ExternalRoot(rel, names, plan.version.producer.lower().startswith("duckdb"))


def _current_fields(rel: stalg.Rel) -> stalg.Rel:
    """``rel`` with the deprecated fields of older producers in their current
    form (inline grouping expressions as references, integer fetch offsets and
    counts as literals), so every consumer and the JSON form see them."""
    for message in _proto.walk_messages(rel):
        if isinstance(message, stalg.AggregateRel):
            for grouping in message.groupings:
                inline = [
                    stalg.Expression.FromString(field.data)
                    for field in UnknownFieldSet(grouping)
                    if field.field_number == _plan.GROUPING_INLINE_EXPRESSIONS
                ]
                if not inline:
                    continue
                references = list(grouping.expression_references)
                if not references:
                    for expression in inline:
                        if expression not in message.grouping_expressions:
                            message.grouping_expressions.append(expression)
                        references.append(list(message.grouping_expressions).index(expression))
                grouping.Clear()  # a Grouping has no other field
                grouping.expression_references.extend(references)
        elif isinstance(message, stalg.FetchRel):
            legacy = {field.field_number: field.data for field in UnknownFieldSet(message)}
            if _plan.FETCH_OFFSET not in legacy and _plan.FETCH_COUNT not in legacy:
                continue
            current = stalg.FetchRel()
            for descriptor, value in message.ListFields():
                getattr(current, descriptor.name).CopyFrom(value)
            if _plan.FETCH_OFFSET in legacy and not current.HasField("offset_expr"):
                current.offset_expr.literal.i64 = _signed(legacy[_plan.FETCH_OFFSET])
            count = _signed(legacy.get(_plan.FETCH_COUNT, -1))
            if count != -1 and not current.HasField("count_expr"):
                current.count_expr.literal.i64 = count
            message.Clear()
            message.CopyFrom(current)
    return rel


def _signed(varint: int) -> int:
    """An int64 from its varint encoding (negative numbers arrive as 2^64 - n)."""
    return varint - (1 << 64) if varint >= 1 << 63 else varint


def _renumber_functions(plan: stp.Plan, rel: stalg.Rel) -> stalg.Rel:
    urns = {item.extension_urn_anchor: item.urn for item in plan.extension_urns}
    ours: dict[int, int] = {}
    for declaration in plan.extensions:
        kind = declaration.WhichOneof("mapping_type")
        if kind in ("extension_type", "extension_type_variation"):
            raise _not_implemented(f"Substrait plans with user-defined types ({getattr(declaration, kind).name})")
        if kind != "extension_function":
            continue
        function = declaration.extension_function
        urn = urns.get(function.extension_urn_reference, "")
        ours[function.function_anchor] = ext.anchor(urn, function.name)
    rewritten = stalg.Rel()
    rewritten.CopyFrom(rel)
    for message in _proto.walk_messages(rewritten):
        if "function_reference" in message.DESCRIPTOR.fields_by_name:
            reference = message.function_reference
            if reference not in ours:
                raise invalid_plan(f"function anchor {reference} is used but not declared in the plan's extensions")
            message.function_reference = ours[reference]
    return rewritten


def emit_only_expressions(rel: stalg.Rel, input_width: Callable[[stalg.Rel], int]) -> stalg.Rel:
    """``rel`` with an emit on every ProjectRel that has none, keeping only its
    expressions: how a producer that writes projections as replacements of
    their input means them. ``input_width`` gives the column count of a relation."""
    rewritten = stalg.Rel()
    rewritten.CopyFrom(rel)

    def visit(message: Message) -> None:
        for descriptor, value in message.ListFields():
            if descriptor.type != descriptor.TYPE_MESSAGE or descriptor.message_type.GetOptions().map_entry:
                continue
            for item in value if _proto.is_repeated(descriptor) else [value]:
                visit(item)
        # Inner projections first: the input's width counts their emits.
        if isinstance(message, stalg.ProjectRel) and message.common.WhichOneof("emit_kind") != "emit":
            width = input_width(message.input)
            message.common.emit.output_mapping.extend(range(width, width + len(message.expressions)))

    visit(rewritten)
    return rewritten


# -- named tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewSource:
    """What a temporary view provides to a plan that reads it by name."""

    plan: _plan.Rel
    schema: T.StructType


# Resolves a NamedTable's names, given the schema the read declares (None when
# it has types Spark lacks), to a view (replace the read), True (an engine
# table: keep the read) or None (unknown).
TableResolver = Callable[[list[str], "T.StructType | None"], "ViewSource | bool | None"]


def resolve_tables(rel: stalg.Rel, resolve: TableResolver) -> stalg.Rel:
    """``rel`` with every ``NamedTable`` read of a temporary view replaced by the view."""
    replaced = _resolved_read(rel, resolve)
    if replaced is not None:
        return replaced
    rewritten = stalg.Rel()
    rewritten.CopyFrom(rel)
    pending: list[Message] = [rewritten]
    while pending:
        current = pending.pop()
        for descriptor, value in current.ListFields():
            if descriptor.type != descriptor.TYPE_MESSAGE or descriptor.message_type.GetOptions().map_entry:
                continue
            items = list(value) if _proto.is_repeated(descriptor) else [value]
            for item in items:
                replaced = _resolved_read(item, resolve) if descriptor.message_type is stalg.Rel.DESCRIPTOR else None
                if replaced is None:
                    pending.append(item)
                else:
                    item.CopyFrom(replaced)
    return rewritten


def _resolved_read(rel: stalg.Rel, resolve: TableResolver) -> stalg.Rel | None:
    """The view a ``NamedTable`` read stands for; None when ``rel`` is no such read
    or reads an engine table. Unknown names raise ``TABLE_OR_VIEW_NOT_FOUND``."""
    if rel.WhichOneof("rel_type") != "read" or rel.read.WhichOneof("read_type") != "named_table":
        return None
    names = list(rel.read.named_table.names)
    found = resolve(names, _declared_schema(rel.read.base_schema))
    if found is None:
        raise errors.AnalysisException(
            errorClass="TABLE_OR_VIEW_NOT_FOUND",
            messageParameters={
                "relationName": ".".join(errors.quote_identifier(name) for name in names),
                "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]",
            },
        )
    return _read_of_view(rel.read, found) if isinstance(found, ViewSource) else None


def _read_of_view(read: stalg.ReadRel, view: ViewSource) -> stalg.Rel:
    """The view's relation in the place of a ``ReadRel``: the columns the read's
    schema names (by name, case-insensitively), then its filter, projection and emit."""
    table_name = ".".join(read.named_table.names)
    columns = top_level_fields(read.base_schema)
    by_name = {field.name.lower(): index for index, field in reversed(list(enumerate(view.schema.fields)))}
    picked = []
    for name, proto_type in columns:
        index = by_name.get(name.lower())
        if index is None:
            raise errors.unresolved_column_error(f"{table_name}.{name}", [field.name for field in view.schema.fields])
        actual = view.schema.fields[index].dataType
        if _type_key(proto_type) != _type_key(to_substrait_type(actual)):
            raise errors.AnalysisException(
                f"The Substrait plan reads column {errors.quote_identifier(name)} of "
                f"{errors.quote_identifier(table_name)} as {_type_text(proto_type)}, but the table has "
                f"{actual.simpleString()}.",
            )
        picked.append(index)
    width = len(view.schema.fields)
    node = _plan.project(view.plan, [_proto.field_reference(index) for index in picked], width)
    for condition in (read.filter, read.best_effort_filter):
        if condition.WhichOneof("rex_type") is not None:
            # A copy: `read` is part of the message the view is about to replace.
            kept = stalg.Expression()
            kept.CopyFrom(condition)
            node = _plan.filter_rows(node, kept, nullable=True)
    outputs = list(range(len(picked)))
    if read.HasField("projection"):
        outputs = [item.field for item in read.projection.select.struct_items]
    if read.common.WhichOneof("emit_kind") == "emit":
        outputs = [outputs[index] for index in read.common.emit.output_mapping]
    node = _plan.project(node, [_proto.field_reference(index) for index in outputs], len(picked))
    return node.to_proto()


def _declared_schema(schema: stt.NamedStruct) -> T.StructType | None:
    """A read's ``base_schema`` as a Spark schema; None if a type has no Spark form."""
    try:
        return T.StructType(
            [T.StructField(name, from_substrait_type(proto_type), True) for name, proto_type in top_level_fields(schema)]
        )
    except errors.PySparkNotImplementedError:
        return None


def _type_key(proto_type: stt.Type) -> tuple:
    """What identifies a Substrait type as Spark sees it: nullability and
    variations aside, ``varchar``/``fixed_char`` being strings."""
    kind = proto_type.WhichOneof("kind")
    body = getattr(proto_type, kind) if kind else None
    if kind in ("varchar", "fixed_char"):
        return ("string",)
    if kind in ("timestamp", "timestamp_tz"):
        return (f"precision_{kind}", 6)
    if kind in ("precision_timestamp", "precision_timestamp_tz"):
        return (kind, body.precision)
    if kind == "decimal":
        return (kind, body.precision, body.scale)
    if kind == "struct":
        return (kind, tuple(_type_key(child) for child in body.types))
    if kind == "list":
        return (kind, _type_key(body.type))
    if kind == "map":
        return (kind, _type_key(body.key), _type_key(body.value))
    return (kind,)


def _type_text(proto_type: stt.Type) -> str:
    try:
        return from_substrait_type(proto_type).simpleString()
    except errors.PySparkNotImplementedError:
        return proto_type.WhichOneof("kind") or "no type"


def top_level_fields(schema: stt.NamedStruct) -> list[tuple[str, stt.Type]]:
    """The top-level ``(name, type)`` pairs of a ``NamedStruct`` (its names are depth-first)."""
    names = list(schema.names)
    fields = []
    position = 0
    for proto_type in schema.struct.types:
        if position >= len(names):
            raise invalid_plan("a read's base_schema has fewer names than fields")
        fields.append((names[position], proto_type))
        position += 1 + _nested_name_count(proto_type)
    return fields


def _nested_name_count(proto_type: stt.Type) -> int:
    kind = proto_type.WhichOneof("kind")
    if kind == "struct":
        return sum(1 + _nested_name_count(child) for child in proto_type.struct.types)
    if kind == "list":
        return _nested_name_count(proto_type.list.type)
    if kind == "map":
        return _nested_name_count(proto_type.map.key) + _nested_name_count(proto_type.map.value)
    return 0


# Spark has no unsigned integers nor half floats: the Spark type each such
# Arrow type is cast to (Spark's int for row numbers and counts DataFusion gives
# as uint64 would overflow; long holds what a query realistically numbers).
_SPARK_TYPE_OF_ARROW = {
    "uint8": T.ShortType(),
    "uint16": T.IntegerType(),
    "uint32": T.LongType(),
    "uint64": T.LongType(),
    "halffloat": T.FloatType(),
}


def spark_columns(node: _plan.Rel, arrow_schema: pa.Schema) -> tuple[_plan.Rel, list[T.DataType]]:
    """``node`` and the Spark type of each of its columns; columns of types Spark
    lacks (unsigned integers, half floats) are cast by a projection on top
    (failing on values out of range)."""
    types: list[T.DataType] = []
    expressions = []
    for index, field in enumerate(arrow_schema):
        target = _SPARK_TYPE_OF_ARROW.get(str(field.type))
        reference = _proto.field_reference(index)
        if target is None:
            types.append(T.from_arrow_type(field.type))
            expressions.append(reference)
        else:
            types.append(target)
            expressions.append(_proto.cast(reference, to_substrait_type(target, field.nullable)))
    return _plan.project(node, expressions, len(arrow_schema)), types


def named_output(root_names: tuple[str, ...], arrow_schema: pa.Schema) -> pa.Schema:
    """The engine's output schema named by ``RelRoot.names``: depth-first, each
    column's name followed by those of its struct fields (also inside lists and
    maps). Without names the engine's stand."""
    if not root_names:
        return arrow_schema
    needed = sum(1 + _nested_name_count_of(field.type) for field in arrow_schema)
    if needed != len(root_names):
        raise invalid_plan(
            f"relations[0].root.names has {len(root_names)} names, but the relation's output needs {needed}"
        )
    names = iter(root_names)
    return pa.schema(
        [pa.field(next(names), _renamed(field.type, names), field.nullable) for field in arrow_schema]
    )


def _renamed(arrow_type: Any, names: Any) -> Any:
    """``arrow_type`` with its struct fields named by the next ``names``."""
    if pa.types.is_struct(arrow_type):
        fields = [arrow_type.field(index) for index in range(arrow_type.num_fields)]
        return pa.struct([pa.field(next(names), _renamed(field.type, names), field.nullable) for field in fields])
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        element = arrow_type.value_field
        renamed = element.with_type(_renamed(element.type, names))
        return pa.list_(renamed) if pa.types.is_list(arrow_type) else pa.large_list(renamed)
    if pa.types.is_map(arrow_type):
        key = _renamed(arrow_type.key_type, names)
        item = arrow_type.item_field
        return pa.map_(key, item.with_type(_renamed(item.type, names)))
    return arrow_type


def _nested_name_count_of(arrow_type: Any) -> int:
    if pa.types.is_struct(arrow_type):
        return sum(1 + _nested_name_count_of(arrow_type.field(index).type) for index in range(arrow_type.num_fields))
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return _nested_name_count_of(arrow_type.value_type)
    if pa.types.is_map(arrow_type):
        return _nested_name_count_of(arrow_type.key_type) + _nested_name_count_of(arrow_type.item_type)
    return 0
