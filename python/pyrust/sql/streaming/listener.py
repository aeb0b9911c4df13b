"""``StreamingQueryListener`` and what it is told: the events of a query's life and the
progress of each micro-batch (``StreamingQueryProgress`` and its parts), as PySpark has
them: the progress classes are dicts (their ``json``/``prettyJson`` is the form Spark
writes), the events plain objects with read-only properties.

Listeners are called on the query's own thread, in the order the events happen.
"""

from __future__ import annotations

import json
import uuid
from abc import ABC
from typing import Any

from pyrust.sql.row import Row

__all__ = [
    "QueryIdleEvent",
    "QueryProgressEvent",
    "QueryStartedEvent",
    "QueryTerminatedEvent",
    "SinkProgress",
    "SourceProgress",
    "StateOperatorProgress",
    "StreamingQueryListener",
    "StreamingQueryProgress",
]


class StreamingQueryListener(ABC):  # noqa: B024 - PySpark's class: every method has a default
    """Receives the events of every streaming query of a session once added with
    ``spark.streams.addListener``; override the ``on...`` methods of interest.

    Examples
    --------
    >>> from pyrust.sql.streaming import StreamingQueryListener
    >>> class Printer(StreamingQueryListener):
    ...     def onQueryStarted(self, event):
    ...         print("started", event.name)
    >>> Printer().onQueryIdle(None) is None
    True
    """

    _spark: Any = None

    @property
    def spark(self) -> Any:
        """The session this listener was added to (None before that)."""
        return self._spark

    @spark.setter
    def spark(self, session: Any) -> None:
        self._spark = session

    def onQueryStarted(self, event: QueryStartedEvent) -> None:  # noqa: N802 - PySpark's name
        """A query started (called before its first batch)."""

    def onQueryProgress(self, event: QueryProgressEvent) -> None:  # noqa: N802 - PySpark's name
        """A micro-batch finished; ``event.progress`` describes it."""

    def onQueryIdle(self, event: QueryIdleEvent) -> None:  # noqa: N802 - PySpark's name
        """A trigger found no new data."""

    def onQueryTerminated(self, event: QueryTerminatedEvent) -> None:  # noqa: N802 - PySpark's name
        """A query stopped, or failed (``event.exception``)."""


class QueryStartedEvent:
    """A query started: its ids, name and start time (ISO 8601, UTC)."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID, name: str | None, timestamp: str, jobTags: set[str] | None = None) -> None:  # noqa: A002, N803 - PySpark's names
        self._id, self._run_id, self._name, self._timestamp = id, runId, name, timestamp
        self._job_tags = set(jobTags or ())

    @property
    def id(self) -> uuid.UUID:
        """The query's id (kept across restarts from the same checkpoint)."""
        return self._id

    @property
    def runId(self) -> uuid.UUID:  # noqa: N802 - PySpark's name
        """The id of this run of the query."""
        return self._run_id

    @property
    def name(self) -> str | None:
        """The query's name, or None."""
        return self._name

    @property
    def timestamp(self) -> str:
        """When the query started."""
        return self._timestamp

    @property
    def jobTags(self) -> set[str]:  # noqa: N802 - PySpark's name
        """The job tags of the thread that started the query (pyrust has none)."""
        return self._job_tags


class QueryProgressEvent:
    """A micro-batch finished."""

    def __init__(self, progress: StreamingQueryProgress) -> None:
        self._progress = progress

    @property
    def progress(self) -> StreamingQueryProgress:
        """What the batch did."""
        return self._progress


class QueryIdleEvent:
    """A trigger found no new data to process."""

    def __init__(self, id: uuid.UUID, runId: uuid.UUID, timestamp: str) -> None:  # noqa: A002, N803 - PySpark's names
        self._id, self._run_id, self._timestamp = id, runId, timestamp

    @property
    def id(self) -> uuid.UUID:
        """The query's id."""
        return self._id

    @property
    def runId(self) -> uuid.UUID:  # noqa: N802 - PySpark's name
        """The id of this run of the query."""
        return self._run_id

    @property
    def timestamp(self) -> str:
        """When the query went idle."""
        return self._timestamp


class QueryTerminatedEvent:
    """A query stopped; ``exception`` is the failure's message when it failed."""

    def __init__(
        self, id: uuid.UUID, runId: uuid.UUID, exception: str | None, errorClassOnException: str | None = None  # noqa: A002, N803
    ) -> None:
        self._id, self._run_id = id, runId
        self._exception, self._error_class = exception, errorClassOnException

    @property
    def id(self) -> uuid.UUID:
        """The query's id."""
        return self._id

    @property
    def runId(self) -> uuid.UUID:  # noqa: N802 - PySpark's name
        """The id of this run of the query."""
        return self._run_id

    @property
    def exception(self) -> str | None:
        """The failure's message, or None when the query was stopped."""
        return self._exception

    @property
    def errorClassOnException(self) -> str | None:  # noqa: N802 - PySpark's name
        """The failure's error class, when it has one."""
        return self._error_class


def _plain(value: Any) -> Any:
    """``value`` as JSON can hold it: ids as text, rows as objects, progress parts as dicts."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Row):
        return {key: _plain(item) for key, item in value.asDict(recursive=False).items()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in _JsonOrder.items_of(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


class _JsonOrder:
    """The order in which Spark writes a progress' fields (its dict order is PySpark's)."""

    orders: dict[type, tuple[str, ...]] = {}

    @classmethod
    def items_of(cls, value: dict) -> list[tuple[str, Any]]:
        order = cls.orders.get(type(value))
        if order is None:
            return list(value.items())
        return [(key, value[key]) for key in order if key in value and not _left_out(key, value[key])]


def _left_out(key: str, value: Any) -> bool:
    """Spark leaves empty event-time statistics and observed metrics out of the JSON."""
    return key in ("eventTime", "observedMetrics", "customMetrics") and not value


class _Progress(dict):
    """A dict whose ``json`` and ``prettyJson`` are Spark's JSON form of it."""

    @property
    def json(self) -> str:
        """The compact JSON form."""
        return json.dumps(_plain(self))

    @property
    def prettyJson(self) -> str:  # noqa: N802 - PySpark's name
        """The indented JSON form."""
        return json.dumps(_plain(self), indent=4)

    def __str__(self) -> str:
        return self.prettyJson

    def __repr__(self) -> str:
        return self.prettyJson


class StreamingQueryProgress(_Progress):
    """What one micro-batch of a query did: rows in, durations, sources, sink, metrics."""

    def __init__(
        self,
        id: uuid.UUID,  # noqa: A002 - PySpark's name
        runId: uuid.UUID,  # noqa: N803 - PySpark's names
        name: str | None,
        timestamp: str,
        batchId: int,  # noqa: N803
        batchDuration: int,  # noqa: N803
        durationMs: dict[str, int],  # noqa: N803
        eventTime: dict[str, str],  # noqa: N803
        stateOperators: list[StateOperatorProgress],  # noqa: N803
        sources: list[SourceProgress],
        sink: SinkProgress,
        numInputRows: int,  # noqa: N803
        inputRowsPerSecond: float,  # noqa: N803
        processedRowsPerSecond: float,  # noqa: N803
        observedMetrics: dict[str, Row],  # noqa: N803
    ) -> None:
        super().__init__(
            id=id,
            runId=runId,
            name=name,
            timestamp=timestamp,
            batchId=batchId,
            batchDuration=batchDuration,
            durationMs=durationMs,
            eventTime=eventTime,
            stateOperators=stateOperators,
            sources=sources,
            sink=sink,
            numInputRows=numInputRows,
            inputRowsPerSecond=inputRowsPerSecond,
            processedRowsPerSecond=processedRowsPerSecond,
            observedMetrics=observedMetrics,
        )

    def __getattr__(self, name: str) -> Any:
        # id, runId, name, timestamp, batchId ... read as properties, as in PySpark.
        if name in self:
            return self[name]
        raise AttributeError(name)


_JsonOrder.orders[StreamingQueryProgress] = (
    "id", "runId", "name", "timestamp", "batchId", "batchDuration", "numInputRows", "inputRowsPerSecond",
    "processedRowsPerSecond", "durationMs", "eventTime", "stateOperators", "sources", "sink", "observedMetrics",
)  # fmt: skip


class StateOperatorProgress(_Progress):
    """The state kept by one stateful operator (pyrust recomputes instead of keeping state)."""

    def __getattr__(self, name: str) -> Any:
        if name in self:
            return self[name]
        raise AttributeError(name)


class SourceProgress(_Progress):
    """What one source gave a micro-batch: its offsets and rows."""

    def __init__(
        self,
        description: str,
        startOffset: Any,  # noqa: N803 - PySpark's names
        endOffset: Any,  # noqa: N803
        latestOffset: Any,  # noqa: N803
        numInputRows: int,  # noqa: N803
        inputRowsPerSecond: float,  # noqa: N803
        processedRowsPerSecond: float,  # noqa: N803
        metrics: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            description=description,
            startOffset=startOffset,
            endOffset=endOffset,
            latestOffset=latestOffset,
            numInputRows=numInputRows,
            inputRowsPerSecond=inputRowsPerSecond,
            processedRowsPerSecond=processedRowsPerSecond,
            metrics=metrics or {},
        )

    def __getattr__(self, name: str) -> Any:
        if name in self:
            return self[name]
        raise AttributeError(name)


_JsonOrder.orders[SourceProgress] = (
    "description", "startOffset", "endOffset", "latestOffset", "numInputRows", "inputRowsPerSecond", "processedRowsPerSecond",
)  # fmt: skip


class SinkProgress(_Progress):
    """What a micro-batch wrote to the sink."""

    def __init__(self, description: str, numOutputRows: int, metrics: dict[str, str] | None = None) -> None:  # noqa: N803
        super().__init__(description=description, numOutputRows=numOutputRows, metrics=metrics or {})

    def __getattr__(self, name: str) -> Any:
        if name in self:
            return self[name]
        raise AttributeError(name)


_JsonOrder.orders[SinkProgress] = ("description", "numOutputRows")
