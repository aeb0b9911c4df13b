"""The logical plan: immutable relation nodes, written as Substrait once
(https://substrait.io/relations/).

A DataFrame holds the root node of its plan. A transformation wraps that node
in a new one and never copies or changes what is below, so a chain of n
operations costs O(n) to build; protobuf is written only when a plan leaves
for the engine, is exported or analysed (:func:`write_plan`), top-down into
the parent message and from an explicit work list, so a deep plan needs
neither Python recursion nor protobuf parsing.

The constructors (:func:`project`, :func:`filter_rows`, :func:`union_all`,
:func:`fetch`...) apply the rules by which Spark's optimizer merges adjacent
operators (CollapseProject, CombineFilters, PushPredicateThroughNonJoin,
CombineUnions, CombineLimits, RemoveNoopOperators), so that a long pipeline
becomes a shallow plan: three hundred ``withColumn`` calls are one projection.
The rules never change the output columns, their types, the rows or their
order; the depth of the expressions they inline stays below
:data:`MAX_INLINED_DEPTH`.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import json_format, struct_pb2
from google.protobuf.message import Message
from google.protobuf.unknown_fields import UnknownFieldSet
from substrait import algebra_pb2 as stalg
from substrait import plan_pb2 as stp

from pyrust.sql import _extensions as ext
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._substrait_types import named_struct, to_substrait_type

# The Substrait spec version our plans are written against: that of the
# engine's protobuf definitions (the `substrait` crate 0.63), which the Python
# protobuf definitions we use are a superset of.
SUBSTRAIT_VERSION = (0, 85, 0)
PRODUCER = "pyrust"

# Inlining one projection's expressions into another's (or into a filter's
# condition) stops where the result would nest deeper than this: Spark inlines
# without bound, but the engine plans expressions recursively, and a pipeline
# such as `for _ in range(1000): df = df.withColumn("x", col("x") + 1)` would
# otherwise hand it a 1,000-level expression. Past the bound, projections stack
# (one per 32 levels), as Spark's would if the expressions were not inlinable.
MAX_INLINED_DEPTH = 32

JOIN_TYPES = {
    "inner": stalg.JoinRel.JOIN_TYPE_INNER,
    "full": stalg.JoinRel.JOIN_TYPE_OUTER,
    "left": stalg.JoinRel.JOIN_TYPE_LEFT,
    "right": stalg.JoinRel.JOIN_TYPE_RIGHT,
    "left_semi": stalg.JoinRel.JOIN_TYPE_LEFT_SEMI,
    "left_anti": stalg.JoinRel.JOIN_TYPE_LEFT_ANTI,
}

_SORT_DIRECTIONS = {
    (True, True): stalg.SortField.SORT_DIRECTION_ASC_NULLS_FIRST,
    (True, False): stalg.SortField.SORT_DIRECTION_ASC_NULLS_LAST,
    (False, True): stalg.SortField.SORT_DIRECTION_DESC_NULLS_FIRST,
    (False, False): stalg.SortField.SORT_DIRECTION_DESC_NULLS_LAST,
}

# What a node's writer hands back: each input with the message to write it into.
Pending = list[tuple["Rel", stalg.Rel]]


class Rel(ABC):
    """A relation of the plan. Nodes are immutable and compare by identity;
    their expressions are Substrait messages that are never changed once built."""

    def to_proto(self) -> stalg.Rel:
        """This relation and everything below it as one Substrait ``Rel``."""
        message = stalg.Rel()
        write_rel(self, message)
        return message

    @abstractmethod
    def write(self, message: stalg.Rel) -> Pending:
        """Write this node's own fields into ``message``; return its inputs with
        the (empty) messages they are to be written into."""

    def __repr__(self) -> str:
        # The dataclass repr would print the whole tree, recursively.
        return f"<{type(self).__name__}>"


@dataclass(frozen=True, eq=False, repr=False)
class Read(Rel):
    """A table registered in the engine's catalog, read by name."""

    names: tuple[str, ...]
    schema: T.StructType

    def write(self, message: stalg.Rel) -> Pending:
        message.read.base_schema.CopyFrom(named_struct(self.schema))
        message.read.named_table.names.extend(self.names)
        return []


@dataclass(frozen=True, eq=False, repr=False)
class Foreign(Rel):
    """A relation another producer wrote (``spark.substrait``), kept as its message."""

    rel: stalg.Rel

    def write(self, message: stalg.Rel) -> Pending:
        message.CopyFrom(self.rel)
        return []


@dataclass(frozen=True, eq=False, repr=False)
class Project(Rel):
    """``expressions`` computed over the input, which is ``input_width`` columns wide;
    the output is the expressions only (an emit drops the input columns)."""

    input: Rel
    expressions: tuple[stalg.Expression, ...]
    input_width: int
    # The depth of each expression (see _proto.depth), kept so that merging
    # projections does not walk the expressions it passes through again.
    depths: tuple[int, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if len(self.depths) != len(self.expressions):
            object.__setattr__(self, "depths", tuple(_proto.depth(expression) for expression in self.expressions))

    def write(self, message: stalg.Rel) -> Pending:
        body = message.project
        width, count = self.input_width, len(self.expressions)
        body.common.emit.output_mapping.extend(range(width, width + count))
        for expression in self.expressions:
            body.expressions.add().CopyFrom(expression)
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class Filter(Rel):
    """The rows where every one of ``conditions`` is true (one ``and`` of them);
    ``nullable`` when one of them may be null, ``deterministic`` when all are
    (see :func:`filter_rows`)."""

    input: Rel
    conditions: tuple[stalg.Expression, ...]
    nullable: bool
    deterministic: bool

    def write(self, message: stalg.Rel) -> Pending:
        body = message.filter
        if len(self.conditions) == 1:
            body.condition.CopyFrom(self.conditions[0])
        else:
            # Substrait's `and` is variadic: two hundred filters are one call, not
            # two hundred nested ones.
            boolean = to_substrait_type(T.BooleanType(), self.nullable)
            found = ext.lookup(ext.BOOLEAN, "and", [boolean] * len(self.conditions))
            if found is None:
                msg = "the boolean extension YAML has no variadic `and`"
                raise RuntimeError(msg)
            call = body.condition.scalar_function
            call.function_reference = found[0]
            call.output_type.CopyFrom(boolean)
            for condition in self.conditions:
                call.arguments.add().value.CopyFrom(condition)
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class Aggregate(Rel):
    """One grouping by ``keys`` (none: one global group) and the ``measures``;
    keys and measure arguments are column references (see :func:`aggregate`)."""

    input: Rel
    keys: tuple[stalg.Expression, ...]
    measures: tuple[stalg.AggregateFunction, ...]

    def write(self, message: stalg.Rel) -> Pending:
        body = message.aggregate
        for key in self.keys:
            body.grouping_expressions.add().CopyFrom(key)
        body.groupings.add().expression_references.extend(range(len(self.keys)))
        for measure in self.measures:
            body.measures.add().measure.CopyFrom(measure)
        return [(self.input, body.input)]


@dataclass(frozen=True)
class SortKey:
    """One sort key: an expression, its direction and where nulls go."""

    expression: stalg.Expression
    ascending: bool
    nulls_first: bool


@dataclass(frozen=True, eq=False, repr=False)
class Sort(Rel):
    """The rows ordered by ``keys``."""

    input: Rel
    keys: tuple[SortKey, ...]

    def write(self, message: stalg.Rel) -> Pending:
        body = message.sort
        for key in self.keys:
            field = body.sorts.add()
            field.expr.CopyFrom(key.expression)
            field.direction = _SORT_DIRECTIONS[(key.ascending, key.nulls_first)]
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class Fetch(Rel):
    """``offset`` rows skipped, then at most ``count`` kept (both written as i64 literal
    expressions; no count: all the rest)."""

    input: Rel
    count: int | None
    offset: int = 0

    def write(self, message: stalg.Rel) -> Pending:
        body = message.fetch
        if self.count is not None:
            body.count_expr.literal.i64 = self.count
        if self.offset:
            body.offset_expr.literal.i64 = self.offset
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class Join(Rel):
    """Two relations joined; the output is the left columns then the right (left
    only for semi and anti joins). An inner join without a condition is a cross
    product; another join without one joins on ``true``."""

    left: Rel
    right: Rel
    how: str
    condition: stalg.Expression | None

    def write(self, message: stalg.Rel) -> Pending:
        if self.condition is None and self.how == "inner":
            body = message.cross
        else:
            body = message.join
            body.type = JOIN_TYPES[self.how]
            if self.condition is None:
                body.expression.literal.boolean = True
            else:
                body.expression.CopyFrom(self.condition)
        hints = {f"{side}_strategy": join_strategy(node) for side, node in (("left", self.left), ("right", self.right))}
        if any(hints.values()):
            # The join hint contract: compiler/src/join_hint.rs.
            detail = struct_pb2.Struct()
            detail.update({key: strategy for key, strategy in hints.items() if strategy})
            body.advanced_extension.optimization.add().Pack(detail)
        return [(self.left, body.left), (self.right, body.right)]


@dataclass(frozen=True, eq=False, repr=False)
class Union(Rel):
    """The rows of every input, by position, duplicates kept (Spark's ``union``)."""

    inputs: tuple[Rel, ...]

    def write(self, message: stalg.Rel) -> Pending:
        body = message.set
        body.op = stalg.SetRel.SET_OP_UNION_ALL
        return [(node, body.inputs.add()) for node in self.inputs]


# Spark's set operations as Substrait's: `subtract` and `intersect` compare rows as
# sets (distinct result); `exceptAll` and `intersectAll` are built from these plus
# row numbers by the DataFrame (see dataframe.py), as engines differ on the ALL forms.
SET_OPERATIONS = {
    "minus": stalg.SetRel.SET_OP_MINUS_PRIMARY,
    "intersect": stalg.SetRel.SET_OP_INTERSECTION_MULTISET,
}


@dataclass(frozen=True, eq=False, repr=False)
class SetOperation(Rel):
    """The distinct rows of ``left`` that are (``intersect``) or are not (``minus``) in ``right``."""

    left: Rel
    right: Rel
    operation: str

    def write(self, message: stalg.Rel) -> Pending:
        body = message.set
        body.op = SET_OPERATIONS[self.operation]
        return [(self.left, body.inputs.add()), (self.right, body.inputs.add())]


@dataclass(frozen=True, eq=False, repr=False)
class Generate(Rel):
    """A Spark generator (``explode``...) over input column ``column``: the
    input's columns, then the generated ones. Written as PyRust's ``Generate``
    extension relation (``docs/substrait.md``): an ``ExtensionSingleRel`` whose
    detail is a ``google.protobuf.Struct`` of ``generator``, ``column`` and ``outer``."""

    input: Rel
    generator: str  # "explode", "posexplode" or "inline"
    column: int
    outer: bool

    def write(self, message: stalg.Rel) -> Pending:
        body = message.extension_single
        detail = struct_pb2.Struct()
        detail.update({"generator": self.generator, "column": self.column, "outer": self.outer})
        body.detail.Pack(detail)
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class HostRelation(Rel):
    """Rows a Python function makes of its input (``mapInPandas``, ``applyInPandas``...):
    an ``ExtensionSingleRel`` whose detail is a ``google.protobuf.Struct`` of the
    function's engine name, the key columns grouping the rows it sees together,
    and the output schema (a serialized ``NamedStruct``, in hexadecimal)."""

    input: Rel
    function: str
    keys: tuple[int, ...]
    schema: T.StructType

    def write(self, message: stalg.Rel) -> Pending:
        body = message.extension_single
        detail = struct_pb2.Struct()
        output = named_struct(self.schema).SerializeToString().hex()
        detail.update({"host_function": self.function, "keys": list(self.keys), "output": output})
        body.detail.Pack(detail)
        return [(self.input, body.input)]


@dataclass(frozen=True, eq=False, repr=False)
class Observed(Rel):
    """The input unchanged, under named metrics to compute when an action runs
    (``DataFrame.observe``). It writes no relation of its own: the plan the engine
    sees is the input's; ``metrics`` is what the action computes after it, and
    ``key`` tells equal metrics apart from different ones of the same ``name``."""

    input: Rel
    name: str
    key: tuple[Any, ...]
    metrics: Any

    def write(self, message: stalg.Rel) -> Pending:
        return [(self.input, message)]


@dataclass(frozen=True, eq=False, repr=False)
class Hint(Rel):
    """The input, hinted for the joins above it (``hint("broadcast")``, ``broadcast(df)``,
    SQL's ``/*+ BROADCAST(t) */``). It writes only its input: a join it reaches through
    operators of one input (Spark's ``ResolvedHint``, taken into the ``Join``) carries
    the ``strategy`` (see :func:`join_strategy`); anywhere else it changes nothing."""

    input: Rel
    # Spark's strategy name: broadcast, shuffle_merge, shuffle_hash, shuffle_replicate_nl.
    strategy: str

    def write(self, message: stalg.Rel) -> Pending:
        return [(self.input, message)]


def join_strategy(node: Rel) -> str | None:
    """The strategy hinted for a join's input ``node``: the outermost ``Hint`` reached
    through operators of one input (and the left side of ``subtract``/``intersect``),
    as Spark's ``EliminateResolvedHints`` finds it."""
    while True:
        if isinstance(node, Hint):
            return node.strategy
        if isinstance(node, SetOperation):
            node = node.left
        elif isinstance(node, (Project, Filter, Aggregate, Sort, Fetch, Generate, Observed, Repartition)):
            node = node.input
        else:
            return None


@dataclass(frozen=True, eq=False, repr=False)
class Repartition(Rel):
    """The input's rows, which Spark moves to other partitions (``repartition``,
    ``coalesce``...). With an ``exchange`` (planned where the input's partitions are
    Spark's, see ``_partitions``) it is an ``ExtensionSingleRel`` whose detail is a
    ``google.protobuf.Struct`` (``spark_exchange``, ``partitions``, ``keys``, ``orders``,
    ``sample_size``, ``located``: ``pyrust_compiler::spark_exchange``), over the input with its key
    columns appended; the engine then puts rows in Spark's partitions. Without one it
    writes only its input (the engine partitions data itself), and marks where pyrust's
    partitions stop being Spark's, for functions whose values depend on them."""

    input: Rel
    # `coalesce(n)`: n (Spark merges runs of adjacent partitions); None for a shuffle.
    coalesce: int | None = None
    # `repartitionById`: each row's partition, over the input's columns.
    partition_id: stalg.Expression | None = None
    # Spark's exchange: "round_robin", "by_id", "range" or "coalesce"; None where not emulated.
    exchange: str | None = None
    # The number of partitions asked for (0: Spark's default, not known here).
    partitions: int = 0
    # The exchange's keys over the input (`input_width` columns wide): the partition id
    # (`by_id`) or the sort keys (`range`, ordered by `orders`).
    keys: tuple[stalg.Expression, ...] = ()
    orders: tuple[str, ...] = ()
    input_width: int = 0
    sample_size: int = 100
    # A coalesce of a shuffle's partitions (Spark groups them by location, not in runs).
    located: bool = False

    def write(self, message: stalg.Rel) -> Pending:
        if self.exchange is None:
            return [(self.input, message)]
        body = message.extension_single
        detail = struct_pb2.Struct()
        detail.update(
            {
                "spark_exchange": self.exchange,
                "partitions": self.partitions,
                "keys": len(self.keys),
                "orders": list(self.orders),
                "sample_size": self.sample_size,
                "located": self.located,
            }
        )
        body.detail.Pack(detail)
        source: Rel = self.input
        if self.keys:
            columns = tuple(_proto.field_reference(index) for index in range(self.input_width))
            source = Project(self.input, columns + self.keys, self.input_width)
        return [(source, body.input)]


def repartitioned(root: Rel) -> bool:
    """Whether the rows of ``root`` sit in partitions a ``Repartition`` without an
    exchange made (not Spark's): one is reached through operators that keep rows in
    their partitions (projections, filters, unions, observations)."""
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, Repartition):
            if node.exchange is None:
                return True
        elif isinstance(node, (Project, Filter, Observed, Hint)):
            pending.append(node.input)
        elif isinstance(node, Union):
            pending.extend(node.inputs)
    return False


def inputs_of(node: Rel) -> list[Rel]:
    """The relations ``node`` reads."""
    found: list[Rel] = []
    for value in vars(node).values():
        if isinstance(value, Rel):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            found.extend(item for item in value if isinstance(item, Rel))
    return found


def walk(root: Rel) -> Iterator[Rel]:
    """Every relation of the plan under ``root`` (a shared one once), parents first."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        pending.extend(reversed(inputs_of(node)))


def observed_nodes(root: Rel) -> list[Observed]:
    """The ``Observed`` nodes of the plan under ``root``, outermost first; each once."""
    return [node for node in walk(root) if isinstance(node, Observed)]


def write_rel(root: Rel, message: stalg.Rel) -> None:
    """Write ``root`` and everything below it into the empty ``message``,
    parents before their inputs, from a work list rather than by recursion."""
    pending: Pending = [(root, message)]
    while pending:
        node, target = pending.pop()
        pending.extend(node.write(target))


# -- constructors, with Spark's rules for merging adjacent operators -----------------


def read_named_table(names: Sequence[str], schema: T.StructType) -> Rel:
    """Read a table registered in the engine's catalog."""
    return Read(tuple(names), schema)


def project(input_rel: Rel, expressions: Iterable[stalg.Expression], input_width: int) -> Rel:
    """``expressions`` computed over ``input_rel`` (``input_width`` columns wide).

    Over another projection whose expressions can be inlined, the two become
    one (Spark's CollapseProject); a projection that passes its input through
    unchanged is no projection at all (RemoveNoopOperators).
    """
    expressions = tuple(expressions)
    depths: tuple[int, ...] = ()
    if isinstance(input_rel, Project):
        merged = _inline(expressions, input_rel)
        if merged is not None:
            expressions, depths = merged
            input_rel, input_width = input_rel.input, input_rel.input_width
    if [_proto.column_index(expression) for expression in expressions] == list(range(input_width)):
        return input_rel
    return Project(input_rel, expressions, input_width, depths)


def _inline(consumers: tuple[stalg.Expression, ...], producer: Project) -> tuple[tuple, tuple] | None:
    """``consumers``, expressions over ``producer``'s output, rewritten over its
    input, with their depths; None where Spark would not collapse the two
    projections (or the result would nest too deep).

    Spark inlines a producer expression when it is deterministic and either
    used once or cheap (a column or a literal): computing a costly expression
    twice where the query computed it once is not an optimization.
    """
    uses: Counter[int] = Counter()
    for consumer in consumers:
        found = _proto.references(consumer)
        if found is None:
            return None
        uses.update(found)
    for index, count in uses.items():
        expression = producer.expressions[index]
        if _proto.column_index(expression) is not None or _proto.is_literal(expression):
            continue
        if count > 1 or not _proto.is_row_wise_and_deterministic(expression):
            return None
    merged, depths = [], []
    for consumer in consumers:
        index = _proto.column_index(consumer)
        if index is not None:
            # Passed through: the producer's expression itself, shared, not copied.
            merged.append(producer.expressions[index])
            depths.append(producer.depths[index])
            continue
        rewritten = _proto.substitute(consumer, producer.expressions)
        depth = _proto.depth(rewritten)
        if depth > MAX_INLINED_DEPTH:
            return None
        merged.append(rewritten)
        depths.append(depth)
    return tuple(merged), tuple(depths)


def generate(input_rel: Rel, generator: str, column: int, outer: bool) -> Rel:
    """Spark's generator ``generator`` over column ``column`` of ``input_rel``; see :class:`Generate`."""
    return Generate(input_rel, generator, column, outer)


def filter_rows(input_rel: Rel, condition: stalg.Expression, nullable: bool) -> Rel:
    """The rows of ``input_rel`` where the boolean ``condition`` is true.

    As Spark's optimizer does, the filter moves below projections that
    compute only deterministic row-by-row expressions, its condition rewritten
    over their input (PushPredicateThroughNonJoin), and joins a filter it
    meets there (CombineFilters: one condition, the earlier filter's first).
    A chain of filters and ``withColumn`` calls thus becomes one filter under
    one projection.
    """
    above: list[Project] = []
    while isinstance(input_rel, Project) and all(
        _proto.is_row_wise_and_deterministic(expression) for expression in input_rel.expressions
    ):
        if _proto.references(condition) is None:
            break
        pushed = _proto.substitute(condition, input_rel.expressions)
        if _proto.depth(pushed) > MAX_INLINED_DEPTH:
            break
        above.append(input_rel)
        condition, input_rel = pushed, input_rel.input
    deterministic = _proto.is_row_wise_and_deterministic(condition)
    if isinstance(input_rel, Filter) and input_rel.deterministic:
        node: Rel = Filter(
            input_rel.input,
            (*input_rel.conditions, condition),
            input_rel.nullable or nullable,
            deterministic,
        )
    else:
        node = Filter(input_rel, (condition,), nullable, deterministic)
    for projection in reversed(above):
        node = Project(node, projection.expressions, projection.input_width, projection.depths)
    return node


def aggregate(
    input_rel: Rel,
    input_width: int,
    groupings: list[stalg.Expression],
    measures: list[stalg.AggregateFunction],
) -> Rel:
    """Group by ``groupings`` (none: one global group) and compute ``measures``.

    Grouping keys and measure arguments that are not plain column references
    are computed by a projection below the aggregate (which keeps the input
    columns), so the aggregate itself only references columns: Acero accepts
    nothing else, and every engine plans it the same way. Constant parameters
    after a measure's first argument stay literals.
    """
    computed: dict[bytes, int] = {}
    projected: list[stalg.Expression] = []

    def as_column(expression: stalg.Expression) -> stalg.Expression:
        if _proto.column_index(expression) is not None:
            return expression
        key = expression.SerializeToString(deterministic=True)
        if key not in computed:
            computed[key] = input_width + len(projected)
            # A copy: `expression` may be a measure's argument, about to become this reference.
            kept = stalg.Expression()
            kept.CopyFrom(expression)
            projected.append(kept)
        return _proto.field_reference(computed[key])

    keys = tuple(as_column(expression) for expression in groupings)
    calls = []
    for measure in measures:
        call = stalg.AggregateFunction()
        call.CopyFrom(measure)
        for position, argument in enumerate(call.arguments):
            # A constant after the value (a percentage, a delimiter, a flag) stays a
            # literal: engines read such parameters from the plan, not from a column.
            if position > 0 and _proto.is_literal(argument.value):
                continue
            if argument.HasField("value"):
                argument.value.CopyFrom(as_column(argument.value))
        calls.append(call)
    if projected:
        # The input columns are listed as expressions too: DuckDB 1.1 ignores
        # emits and outputs a ProjectRel's expressions only.
        columns = [_proto.field_reference(index) for index in range(input_width)]
        input_rel = project(input_rel, columns + projected, input_width)
    return Aggregate(input_rel, keys, tuple(calls))


def sort(input_rel: Rel, keys: Iterable[tuple[stalg.Expression, bool, bool]]) -> Rel:
    """Order rows by ``(expression, ascending, nulls_first)`` keys."""
    return Sort(input_rel, tuple(SortKey(*key) for key in keys))


def fetch(input_rel: Rel, count: int) -> Rel:
    """At most ``count`` rows; two limits in a row are the smaller one (CombineLimits)."""
    if isinstance(input_rel, Fetch) and not input_rel.offset and input_rel.count is not None:
        return Fetch(input_rel.input, min(count, input_rel.count))
    return Fetch(input_rel, count)


def skip(input_rel: Rel, offset: int) -> Rel:
    """All rows after the first ``offset``."""
    return Fetch(input_rel, None, offset)


def set_operation(left: Rel, right: Rel, operation: str) -> Rel:
    """A set operation of two relations of the same width (see :class:`SetOperation`)."""
    return SetOperation(left, right, operation)


def join(left: Rel, right: Rel, how: str, condition: stalg.Expression | None) -> Rel:
    """Join two relations (``how`` a key of :data:`JOIN_TYPES`); see :class:`Join`."""
    return Join(left, right, how, condition)


def union_all(inputs: Sequence[Rel]) -> Rel:
    """Rows of every input, by position, duplicates kept; unions among the inputs
    are flattened into this one, in order (CombineUnions)."""
    flattened: list[Rel] = []
    for node in inputs:
        flattened.extend(node.inputs if isinstance(node, Union) else [node])
    return Union(tuple(flattened))


# -- whole plans ------------------------------------------------------------------------


def write_plan(root: Rel, output: T.StructType | None = None) -> stp.Plan:
    """The whole plan: ``root``, its output named after the ``output`` schema
    (unnamed without one), and the extensions it uses."""
    message = stp.Plan()
    major, minor, patch = SUBSTRAIT_VERSION
    message.version.major_number = major
    message.version.minor_number = minor
    message.version.patch_number = patch
    message.version.producer = PRODUCER
    rel_root = message.relations.add().root
    if output is not None:
        # RelRoot.names lists struct field names too, depth-first after their column's.
        rel_root.names.extend(named_struct(output).names)
    write_rel(root, rel_root.input)
    anchors = {
        current.function_reference
        for current in _proto.walk_messages(rel_root)
        if "function_reference" in current.DESCRIPTOR.fields_by_name
    }
    urns, functions = ext.declarations(anchors)
    message.extension_urns.extend(urns)
    message.extensions.extend(functions)
    return message


def plan_bytes(root: Rel, output: T.StructType | None = None, portable_forms: bool = False) -> bytes:
    """:func:`write_plan` as binary protobuf, with the :func:`portable` forms if asked."""
    message = write_plan(root, output)
    return (portable(message) if portable_forms else message).SerializeToString()


def plan_json(root: Rel, output: T.StructType | None = None, portable_forms: bool = False) -> str:
    """:func:`write_plan` as protobuf JSON text, with the :func:`portable` forms if asked."""
    message = write_plan(root, output)
    if portable_forms:
        return json.dumps(portable_json(message), indent=2)
    return json_format.MessageToJson(message)


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
    for message in _proto.walk_messages(result):
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
