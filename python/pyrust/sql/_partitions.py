"""Spark's partitions past ``repartition``, ``repartitionByRange`` and ``coalesce``.

Where the input's partitions are Spark's (``spark.range`` and local data, through
projections, filters, unions and such exchanges: :func:`spark_partitioned`), a
``_plan.Repartition`` carries Spark's exchange and the engine moves every row to the
partition Spark puts it in (``runtime/src/row_order/spark_exchange.rs``), so
``spark_partition_id()``, ``monotonically_increasing_id()``, seeded ``rand`` and the
order of ``collect()`` are Spark's there. Without a number of partitions Spark's
adaptive execution decides them from the shuffle's bytes: such a repartition, like
one over partitions that are not Spark's, leaves the engine's partitions, and a
partition-dependent call over it is NOT_IMPLEMENTED, with one exception computed
exactly: ``spark_partition_id()`` after ``repartition(n, cols)`` or
``repartitionById(n, id)`` (reached through filters) is the row's key, as Spark's
shuffle places rows whatever the input's partitions. A coalesce of partitions that are
partly a shuffle's is not emulated either (Spark groups a shuffle's by where their
blocks are, the others in runs).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from substrait import algebra_pb2 as stalg

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _plan as plan
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound

if TYPE_CHECKING:
    from pyrust.sql.session import TableHandle

_RANGE_SOURCE = re.compile(r"^range\((-?\d+), (-?\d+), (-?\d+), (\d+)\)$")

# The types of the rows Spark sorts by their UnsafeRow bytes before a round-robin
# repartition whose bytes the engine writes (runtime/src/row_order/unsafe_row.rs).
_ROW_TYPES = (
    T.NullType, T.BooleanType, T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.FloatType, T.DoubleType,
    T.DateType, T.TimestampType, T.TimestampNTZType, T.StringType, T.BinaryType, T.DecimalType,
)


def checked(bounds: list[Bound], source: plan.Rel) -> list[Bound]:
    """``bounds`` to compute over ``source``: unchanged unless ``source`` is repartitioned
    into partitions that are not Spark's, where ``spark_partition_id()`` after a shuffle by
    key is rewritten and any other partition-dependent call is NOT_IMPLEMENTED."""
    if not plan.repartitioned(source):
        return bounds
    by_id = _partition_id_of(source)
    result = []
    for bound in bounds:
        names = _proto.partition_dependent_calls(bound.proto)
        if "spark_partition_id" in names and by_id is not None:
            bound = _with_partition_ids(bound, lambda _original, partition=by_id: partition)
            names = [name for name in names if name != "spark_partition_id"]
        if names:
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={
                    "feature": f"{names[0]} after repartition or coalesce (pyrust's partitions are not Spark's there)"
                },
            )
        result.append(bound)
    return result


def spark_partitioned(root: plan.Rel) -> bool:
    """Whether the rows of ``root`` sit in Spark's partitions, in Spark's order: range and
    local data reads (the engine splits them as Spark does), through projections, filters,
    unions, observations, and exchanges the engine makes Spark's."""
    return _leaves(root) is not None


def shuffled(root: plan.Rel) -> bool | None:
    """For a coalesce of ``root`` (in Spark's partitions): whether its partitions are all a
    shuffle's, whose non-empty ones prefer the host holding them (True), or none are (False);
    None for a mix, or partitions that are not Spark's."""
    leaves = _leaves(root)
    if leaves == {"source"}:
        return False
    return True if leaves == {"shuffle"} else None


def round_robin_rows(types: Iterable[T.DataType]) -> bool:
    """Whether rows of these types can be sorted as Spark sorts them before dealing them."""
    return all(isinstance(data_type, _ROW_TYPES) for data_type in types)


def sampled_whole(root: plan.Rel, tables: Iterable[TableHandle], local_partitions: int, count: int, sample_size: int) -> bool:
    """Whether Spark's range partitioner into ``count`` partitions samples every row of
    ``root`` (a partition of at most ``ceil(3 * min(sample_size * count, 1e6) / p)`` rows of
    ``p`` is sampled whole): only then are its bounds Spark's, which otherwise come from a
    random sample seeded by Spark's RDD ids."""
    shape = _shape(root, {table.name: table for table in tables}, local_partitions)
    if shape is None:
        return False
    partitions, largest, _total = shape
    per_partition = math.ceil(3.0 * min(float(sample_size) * count, 1e6) / max(partitions, 1))
    return largest <= per_partition


def _shape(root: plan.Rel, tables: dict[str, TableHandle], local: int) -> tuple[int, int, int] | None:
    """``(partitions, most rows a partition may hold, most rows in all)`` of ``root``
    (in Spark's partitions; local data is split into ``local``); None where not known."""
    if isinstance(root, plan.Read):
        table = tables.get(root.names[-1])
        if table is None:
            return None
        if found := _RANGE_SOURCE.match(table.source):
            start, end, step, partitions = (int(found.group(index)) for index in range(1, 5))
            rows = len(range(start, end, step))
            return partitions, -(-rows // max(partitions, 1)), rows
        if table.rows is not None and root.names[-1].startswith("__pyrust_local_"):
            return local, table.rows, table.rows
        return None
    if isinstance(root, (plan.Project, plan.Filter, plan.Observed, plan.Hint)):
        return _shape(root.input, tables, local)
    if isinstance(root, plan.Union):
        shapes = [_shape(child, tables, local) for child in root.inputs]
        if any(shape is None for shape in shapes):
            return None
        known = [shape for shape in shapes if shape is not None]
        return sum(shape[0] for shape in known), max(shape[1] for shape in known), sum(shape[2] for shape in known)
    if isinstance(root, plan.Repartition) and root.exchange is not None:
        below = _shape(root.input, tables, local)
        if below is None:
            return None
        partitions = min(root.partitions, below[0]) if root.exchange == "coalesce" else root.partitions
        return max(partitions, 1), below[2], below[2]
    return None


def _leaves(root: plan.Rel) -> set[str] | None:
    """The kinds of partitions ``root``'s rows come from through narrow operations:
    "source" (reads, coalesces of them), "shuffle" (a shuffle's); None if some are not Spark's."""
    found: set[str] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, plan.Read):
            if not node.names[-1].startswith(("__pyrust_range_", "__pyrust_local_")):
                return None
            found.add("source")
        elif isinstance(node, (plan.Project, plan.Filter, plan.Observed, plan.Hint)):
            pending.append(node.input)
        elif isinstance(node, plan.Union):
            pending.extend(node.inputs)
        elif not (isinstance(node, plan.Repartition) and node.exchange is not None):
            return None
        elif node.exchange != "coalesce":
            found.add("shuffle")
        elif node.located:
            # A coalesce of a shuffle's partitions: its groups prefer the host whether empty or not.
            found.add("coalesced shuffle")
        else:
            found.add("source")
    return found


def _partition_id_of(source: plan.Rel) -> stalg.Expression | None:
    """The partition of each row when ``source`` is ``repartitionById`` reached through filters
    (the columns its expression reads are then the projection's input)."""
    node = source
    while isinstance(node, (plan.Filter, plan.Observed, plan.Hint)):
        node = node.input
    return node.partition_id if isinstance(node, plan.Repartition) else None


def _with_partition_ids(bound: Bound, replacement: Callable[[stalg.Expression], stalg.Expression]) -> Bound:
    """``bound`` with each ``spark_partition_id()`` call replaced by ``replacement(call)``."""
    rewritten = stalg.Expression()
    rewritten.CopyFrom(bound.proto)
    targets = [
        current
        for current in _proto.expression_messages(rewritten)
        if current.WhichOneof("rex_type") == "scalar_function"
        and ext.function_name(current.scalar_function.function_reference).split(":")[0] == "spark_partition_id"
    ]
    for target in targets:
        original = stalg.Expression()
        original.CopyFrom(target)
        target.CopyFrom(replacement(original))
    return Bound(rewritten, bound.data_type, bound.nullable, bound.name, bound.source, bound.metadata)
