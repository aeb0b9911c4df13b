"""``foreach`` and ``foreachPartition``: a function run on every row / every partition.

In Spark the function runs on executors, so what it prints goes to the
executors' standard output, never to the driver's ``sys.stdout`` (which a
notebook or doctest may have replaced). pyrust runs it in this process, with
``sys.stdout`` pointed at the process's own standard output (file descriptor
1) for the call: the same place an executor's prints reach in local mode.

Both run as Spark runs them: as a Python function over each partition's rows
(the engine's map relation, as ``mapInArrow``), so an exception the function
raises fails the action with a ``PythonException``. ``foreachPartition`` calls
the function once per partition with an iterator over that partition's rows;
the partitions are Spark's where pyrust's are (local data, ``spark.range``,
files, through narrow operations). Unlike Spark, pyrust does not call it for a
partition without rows.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pyrust.sql import types as T
from pyrust.sql._conversion import arrow_to_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.row import Row


@contextlib.contextmanager
def executor_output() -> Iterator[None]:
    """``sys.stdout`` as an executor's for the duration: the process's standard output."""
    stream = sys.__stdout__
    opened = None
    if stream is None:  # no standard output (pythonw): prints go nowhere, as an executor's would here
        stream = opened = open(os.devnull, "w")  # noqa: SIM115 - closed below
    previous = sys.stdout
    sys.stdout = stream
    try:
        yield
    finally:
        sys.stdout = previous
        stream.flush()
        if opened is not None:
            opened.close()


def foreach(frame: DataFrame, function: Callable[[Row], Any]) -> None:
    """``function(row)`` for every row, partition by partition."""

    def each_row(rows: Iterator[Row]) -> None:
        for row in rows:
            function(row)

    foreach_partition(frame, each_row)


def foreach_partition(frame: DataFrame, function: Callable[[Iterator[Row]], Any]) -> None:
    """``function(rows)`` once per partition that has rows, with an iterator over them."""
    from pyrust.sql.pandas._host import host_relation

    schema = frame.schema

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        function(row for batch in batches for row in arrow_to_rows(pa.Table.from_batches([batch]), schema))
        return iter(())

    name = getattr(function, "__name__", type(function).__name__)
    run.__name__ = name  # the engine names the function after it
    nothing = T.StructType([T.StructField("_", T.IntegerType())])
    with executor_output():
        host_relation(frame, "map_arrow", run, nothing).collect()
