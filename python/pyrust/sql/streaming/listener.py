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


class _Progress(dict):
    """A dict of PySpark's field values whose ``json``/``prettyJson`` is the JSON document
    Spark wrote for it (``_document``: Spark's field order, offsets as JSON values)."""

    _document: dict[str, Any]

    @property
    def json(self) -> str:
        """The compact JSON form."""
        return json.dumps(self._document, default=str)

    @property
    def prettyJson(self) -> str:  # noqa: N802 - PySpark's name
        """The indented JSON form."""
        return json.dumps(self._document, indent=4, default=str)

    def __str__(self) -> str:
        return self.prettyJson

    def __repr__(self) -> str:
        return self.prettyJson

    def __getattr__(self, name: str) -> Any:
        # The fields read as properties too (progress.batchId), as in PySpark.
        if name in self:
            return self[name]
        raise AttributeError(name)


class StreamingQueryProgress(_Progress):
    """What one micro-batch of a query did: rows in, durations, sources, sink, metrics.
    ``progress["id"]`` is the id's text, ``progress.id`` the UUID, as in PySpark."""

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
        numInputRows: int | None,  # noqa: N803
        inputRowsPerSecond: float | None,  # noqa: N803
        processedRowsPerSecond: float | None,  # noqa: N803
        observedMetrics: dict[str, Row],  # noqa: N803
        jdict: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            id=id, runId=runId, name=name, timestamp=timestamp, batchId=batchId, batchDuration=batchDuration,
            durationMs=durationMs, eventTime=eventTime, stateOperators=stateOperators, sources=sources, sink=sink,
            numInputRows=numInputRows, inputRowsPerSecond=inputRowsPerSecond,
            processedRowsPerSecond=processedRowsPerSecond, observedMetrics=observedMetrics,
        )  # fmt: skip
        if jdict is None:
            jdict = {"id": str(id), "runId": str(runId), "name": name, "timestamp": timestamp, "batchId": batchId,
                     "batchDuration": batchDuration, "numInputRows": numInputRows,
                     "inputRowsPerSecond": inputRowsPerSecond, "processedRowsPerSecond": processedRowsPerSecond,
                     "durationMs": durationMs}  # fmt: skip
            if eventTime:
                jdict["eventTime"] = eventTime
            jdict["stateOperators"] = [operator._document for operator in stateOperators]
            jdict["sources"] = [source._document for source in sources]
            jdict["sink"] = sink._document
            if observedMetrics:
                jdict["observedMetrics"] = {key: row.asDict(recursive=True) for key, row in observedMetrics.items()}
        self._document = jdict

    @classmethod
    def fromJson(cls, j: dict[str, Any]) -> StreamingQueryProgress:  # noqa: N802 - PySpark's name
        """The progress Spark's JSON document ``j`` describes."""
        return cls(
            jdict=j,
            id=uuid.UUID(j["id"]),
            runId=uuid.UUID(j["runId"]),
            name=j["name"],
            timestamp=j["timestamp"],
            batchId=j["batchId"],
            batchDuration=j["batchDuration"],
            durationMs=dict(j.get("durationMs", {})),
            eventTime=dict(j.get("eventTime", {})),
            stateOperators=[StateOperatorProgress.fromJson(operator) for operator in j["stateOperators"]],
            sources=[SourceProgress.fromJson(source) for source in j["sources"]],
            sink=SinkProgress.fromJson(j["sink"]),
            numInputRows=j.get("numInputRows"),
            inputRowsPerSecond=j.get("inputRowsPerSecond"),
            processedRowsPerSecond=j.get("processedRowsPerSecond"),
            observedMetrics={key: Row(**values) for key, values in j.get("observedMetrics", {}).items()},
        )

    @property
    def id(self) -> uuid.UUID:
        """The query's id."""
        return dict.__getitem__(self, "id")

    @property
    def runId(self) -> uuid.UUID:  # noqa: N802 - PySpark's name
        """The id of this run of the query."""
        return dict.__getitem__(self, "runId")

    def __getitem__(self, key: str) -> Any:
        if key in ("id", "runId"):
            return str(dict.__getitem__(self, key))
        return dict.__getitem__(self, key)


class StateOperatorProgress(_Progress):
    """The state kept by one stateful operator (pyrust keeps none: it recomputes)."""

    def __init__(self, **fields: Any) -> None:
        super().__init__(**fields)
        self._document = dict(fields)

    @classmethod
    def fromJson(cls, j: dict[str, Any]) -> StateOperatorProgress:  # noqa: N802 - PySpark's name
        """The operator's progress from Spark's JSON document ``j``."""
        return cls(**j)


def _json_text(value: Any) -> str:
    """An offset as PySpark hands it out: its JSON text."""
    return value if isinstance(value, str) else json.dumps(value)


class SourceProgress(_Progress):
    """What one source gave a micro-batch: its offsets (as JSON text) and rows."""

    def __init__(
        self,
        description: str,
        startOffset: str,  # noqa: N803 - PySpark's names
        endOffset: str,  # noqa: N803
        latestOffset: str,  # noqa: N803
        numInputRows: int,  # noqa: N803
        inputRowsPerSecond: float,  # noqa: N803
        processedRowsPerSecond: float,  # noqa: N803
        metrics: dict[str, str] | None = None,
        jdict: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            description=description, startOffset=startOffset, endOffset=endOffset, latestOffset=latestOffset,
            numInputRows=numInputRows, inputRowsPerSecond=inputRowsPerSecond,
            processedRowsPerSecond=processedRowsPerSecond, metrics=metrics or {},
        )  # fmt: skip
        if jdict is None:
            jdict = {"description": description, "startOffset": json.loads(startOffset), "endOffset": json.loads(endOffset),
                     "latestOffset": json.loads(latestOffset), "numInputRows": numInputRows,
                     "inputRowsPerSecond": inputRowsPerSecond, "processedRowsPerSecond": processedRowsPerSecond}  # fmt: skip
        self._document = jdict

    @classmethod
    def fromJson(cls, j: dict[str, Any]) -> SourceProgress:  # noqa: N802 - PySpark's name
        """The source's progress from Spark's JSON document ``j``."""
        return cls(
            jdict=j,
            description=j["description"],
            startOffset=_json_text(j["startOffset"]),
            endOffset=_json_text(j["endOffset"]),
            latestOffset=_json_text(j["latestOffset"]),
            numInputRows=j["numInputRows"],
            inputRowsPerSecond=j["inputRowsPerSecond"],
            processedRowsPerSecond=j["processedRowsPerSecond"],
            metrics=dict(j.get("metrics", {})),
        )


class SinkProgress(_Progress):
    """What a micro-batch wrote to the sink (-1 rows: the sink does not count them)."""

    def __init__(self, description: str, numOutputRows: int, metrics: dict[str, str] | None = None, jdict: dict[str, Any] | None = None) -> None:  # noqa: N803
        super().__init__(description=description, numOutputRows=numOutputRows, metrics=metrics or {})
        self._document = jdict if jdict is not None else {"description": description, "numOutputRows": numOutputRows}

    @classmethod
    def fromJson(cls, j: dict[str, Any]) -> SinkProgress:  # noqa: N802 - PySpark's name
        """The sink's progress from Spark's JSON document ``j``."""
        return cls(jdict=j, description=j["description"], numOutputRows=j["numOutputRows"], metrics=dict(j.get("metrics", {})))
