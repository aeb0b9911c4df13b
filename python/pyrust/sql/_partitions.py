"""Functions whose values depend on Spark's partitions, over repartitioned data.

``spark_partition_id()``, ``monotonically_increasing_id()`` and seeded ``rand``
give Spark's values only where pyrust's partitions are Spark's (``spark.range``
through projections, filters and unions: the engine binds them there). Past a
``repartition``/``coalesce`` (``_plan.Repartition``) they are not, and such a
call is NOT_IMPLEMENTED, with one exception computed exactly:
``spark_partition_id()`` after ``coalesce(n)`` of such data. Spark's coalescer
(without preferred locations) gives output partition ``j`` the input partitions
``[j * p / n, (j + 1) * p / n)`` of the ``p`` there are, so the output partition
is a step function of the input's, which the engine knows. After
``repartitionById(n, id)`` (reached through filters) it is ``pmod(id, n)``, 0 for a
null id, as Spark's direct shuffle places rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from substrait import algebra_pb2 as stalg

from pyrust import errors
from pyrust.sql import _extensions as ext
from pyrust.sql import _plan as plan
from pyrust.sql import _proto
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, literal, scalar_call

if TYPE_CHECKING:
    from pyrust.sql.session import TableHandle

_RANGE_SOURCE = re.compile(r"^range\((-?\d+), (-?\d+), (-?\d+), (\d+)\)$")


def checked(bounds: list[Bound], source: plan.Rel, tables: Iterable[TableHandle]) -> list[Bound]:
    """``bounds`` to compute over ``source``: unchanged unless ``source`` is repartitioned,
    where ``spark_partition_id()`` after a coalesce is rewritten and any other
    partition-dependent call is NOT_IMPLEMENTED."""
    if not plan.repartitioned(source):
        return bounds
    coalesced = _coalesce_of(source, tables)
    by_id = _partition_id_of(source)
    result = []
    for bound in bounds:
        names = _proto.partition_dependent_calls(bound.proto)
        if "spark_partition_id" in names and (coalesced is not None or by_id is not None):
            if coalesced is not None:
                bound = _with_coalesced_partition_ids(bound, *coalesced)
            elif by_id is not None:
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


def _coalesce_of(source: plan.Rel, tables: Iterable[TableHandle]) -> tuple[int, int] | None:
    """``(n, p)`` when ``source`` is ``coalesce(n)`` of ``p`` partitions of Spark's (range reads
    through projections, filters and unions), reached through projections and filters."""
    node = source
    while isinstance(node, (plan.Project, plan.Filter, plan.Observed, plan.Hint)):
        node = node.input
    if not isinstance(node, plan.Repartition) or node.coalesce is None:
        return None
    sources = {table.name: table.source for table in tables}
    partitions = 0
    pending: list[plan.Rel] = [node.input]
    while pending:
        current = pending.pop()
        if isinstance(current, (plan.Project, plan.Filter, plan.Observed, plan.Hint)):
            pending.append(current.input)
        elif isinstance(current, plan.Union):
            pending.extend(current.inputs)
        elif isinstance(current, plan.Read) and (found := _RANGE_SOURCE.match(sources.get(current.names[-1]) or "")):
            partitions += int(found.group(4))
        else:
            return None
    return node.coalesce, partitions


def _partition_id_of(source: plan.Rel) -> stalg.Expression | None:
    """The partition of each row when ``source`` is ``repartitionById`` reached through filters
    (the columns its expression reads are then the projection's input)."""
    node = source
    while isinstance(node, (plan.Filter, plan.Observed, plan.Hint)):
        node = node.input
    return node.partition_id if isinstance(node, plan.Repartition) else None


def _with_coalesced_partition_ids(bound: Bound, count: int, partitions: int) -> Bound:
    """``bound`` with each ``spark_partition_id()`` (the input's partition ``k``) replaced by
    the coalesced partition holding ``k``."""
    if count >= partitions:
        return bound

    def coalesced(original: stalg.Expression) -> stalg.Expression:
        partition = Bound(original, T.IntegerType(), False, "SPARK_PARTITION_ID()")
        branches = []
        for output in range(count - 1):
            # Output partition `output` ends where input partition (output + 1) * p / n starts.
            end = (output + 1) * partitions // count
            below = scalar_call(ext.COMPARISON, "lt", [partition, literal(end, T.IntegerType())], T.BooleanType(), "lt", False)
            branches.append((below.proto, _proto.literal(output, T.IntegerType())))
        last = _proto.literal(count - 1, T.IntegerType())
        return _proto.if_then(branches, last) if branches else last

    return _with_partition_ids(bound, coalesced)


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
