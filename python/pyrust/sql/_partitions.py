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
shuffle places rows whatever the input's partitions.
"""

from __future__ import annotations

from collections.abc import Callable

from substrait import algebra_pb2 as stalg

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _plan as plan
from pyrust.sql import _proto
from pyrust.sql._bound import Bound


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


def spark_partitioned(root: plan.Rel, coalescing: bool = False) -> bool:
    """Whether the rows of ``root`` sit in Spark's partitions, in Spark's order: range and
    local data reads (the engine splits them as Spark does), through projections, filters,
    unions, observations, and exchanges the engine makes Spark's. For a ``coalescing``
    input, not past a shuffle: Spark's coalescer groups a shuffle's partitions by where
    their blocks are (a randomized placement), not in runs."""
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, plan.Read):
            if not node.names[-1].startswith(("__pyrust_range_", "__pyrust_local_")):
                return False
        elif isinstance(node, (plan.Project, plan.Filter, plan.Observed)):
            pending.append(node.input)
        elif isinstance(node, plan.Union):
            pending.extend(node.inputs)
        elif not (isinstance(node, plan.Repartition) and node.exchange is not None):
            return False
        elif coalescing and node.exchange != "coalesce":
            return False
    return True


def _partition_id_of(source: plan.Rel) -> stalg.Expression | None:
    """The partition of each row when ``source`` is ``repartitionById`` reached through filters
    (the columns its expression reads are then the projection's input)."""
    node = source
    while isinstance(node, (plan.Filter, plan.Observed)):
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
