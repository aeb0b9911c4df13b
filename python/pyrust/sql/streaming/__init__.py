"""Structured Streaming, as micro-batches over the batch engine: ``spark.readStream``,
``df.writeStream``, ``StreamingQuery``, ``spark.streams`` and listeners.

What runs: the ``rate``, ``rate-micro-batch`` and file sources (and tables stored in
files); the memory, console, ``foreach``, ``foreachBatch``, file and table sinks; output
modes ``append``, ``complete`` (aggregations, recomputed over every row seen so far) and
``update`` (without aggregation); the default, ``processingTime``, ``once`` and
``availableNow`` triggers. Stateful operators Spark runs incrementally (stream-stream
joins, deduplication, ``transformWithState``, aggregations in append/update mode) raise
NOT_IMPLEMENTED.
"""

from pyrust.errors import StreamingQueryException
from pyrust.sql.streaming.listener import StreamingQueryListener
from pyrust.sql.streaming.query import StreamingQuery, StreamingQueryManager
from pyrust.sql.streaming.readwriter import DataStreamReader, DataStreamWriter
from pyrust.sql.streaming.stateful_processor import StatefulProcessor, StatefulProcessorHandle
from pyrust.sql.streaming.tws_tester import TwsTester

__all__ = [
    "DataStreamReader",
    "DataStreamWriter",
    "StatefulProcessor",
    "StatefulProcessorHandle",
    "StreamingQuery",
    "StreamingQueryException",
    "StreamingQueryListener",
    "StreamingQueryManager",
    "TwsTester",
]
