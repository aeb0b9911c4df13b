"""``StreamingQuery`` (a running stream, as ``writeStream.start()`` returns it) and
``StreamingQueryManager`` (``spark.streams``: the session's active queries and listeners).

A query runs its micro-batches on a thread of its own (``_microbatch.py``); this object
is its handle: ids, status, progress, waiting for it and stopping it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from pyrust import errors

if TYPE_CHECKING:
    from pyrust.sql.session import SparkSession
    from pyrust.sql.streaming._microbatch import MicroBatchExecution
    from pyrust.sql.streaming.listener import StreamingQueryListener

__all__ = ["StreamingQuery", "StreamingQueryManager"]


def _check_timeout(timeout: Any) -> None:
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise errors.PySparkValueError(
            errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "timeout", "arg_value": type(timeout).__name__}
        )


class StreamingQuery:
    """A streaming query running in the background.

    Examples
    --------
    >>> from pyrust.sql import SparkSession
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.readStream.format("rate").load()
    >>> q = df.writeStream.format("memory").queryName("ticks").start()
    >>> q.isActive, q.name
    (True, 'ticks')
    >>> q.processAllAvailable()
    >>> q.lastProgress["sources"][0]["description"]
    'RateStreamV2[rowsPerSecond=1, rampUpTimeSeconds=0, numPartitions=default'
    >>> q.stop()
    >>> q.isActive
    False
    """

    def __init__(self, execution: MicroBatchExecution) -> None:
        self._execution = execution

    @property
    def id(self) -> str:
        """The query's id, kept across restarts from the same checkpoint."""
        return str(self._execution.id)

    @property
    def runId(self) -> str:  # noqa: N802 - PySpark's name
        """The id of this run of the query."""
        return str(self._execution.run_id)

    @property
    def name(self) -> str | None:
        """The name given with ``queryName``, or None."""
        return self._execution.name

    @property
    def isActive(self) -> bool:  # noqa: N802 - PySpark's name
        """Whether the query is still running."""
        return not self._execution.terminated.is_set()

    def awaitTermination(self, timeout: int | None = None) -> bool | None:  # noqa: N802 - PySpark's name
        """Wait until the query ends (at most ``timeout`` seconds: then whether it ended); a
        query that failed raises its ``StreamingQueryException``."""
        if timeout is not None:
            _check_timeout(timeout)
        ended = self._execution.terminated.wait(timeout)
        if self._execution.failure is not None:
            raise self._execution.failure
        return ended if timeout is not None else None

    @property
    def status(self) -> dict[str, Any]:
        """What the query is doing now: ``message``, ``isDataAvailable``, ``isTriggerActive``."""
        return dict(self._execution.status)

    @property
    def recentProgress(self) -> list[Any]:  # noqa: N802 - PySpark's name
        """The progress of the last micro-batches (at most ``spark.sql.streaming.numRecentProgressUpdates``)."""
        return list(self._execution.progress)

    @property
    def lastProgress(self) -> Any:  # noqa: N802 - PySpark's name
        """The progress of the last micro-batch, or None before the first."""
        progress = self._execution.progress
        return progress[-1] if progress else None

    def processAllAvailable(self) -> None:  # noqa: N802 - PySpark's name
        """Wait until a trigger finds no new data, i.e. what the sources had has been
        processed (for tests). As in Spark, a source that always has more data
        (``rate-micro-batch``) makes this wait until the query stops."""
        self._execution.process_all_available()

    def stop(self) -> None:
        """Stop the query, waiting for a running micro-batch to finish."""
        self._execution.stop()

    def explain(self, extended: bool = False) -> None:
        """Print the plan of the last micro-batch (``extended``: its logical plans too)."""
        frame = self._execution.last_batch
        if frame is None:
            print("No physical plan. Waiting for data.")
            return
        frame.explain(extended)

    def exception(self) -> errors.StreamingQueryException | None:
        """The exception that ended the query, or None."""
        return self._execution.failure


class StreamingQueryManager:
    """The active streaming queries of a session and its listeners: ``spark.streams``."""

    def __init__(self, session: SparkSession) -> None:
        self._session = session
        self._lock = threading.Condition()
        self._active: dict[str, MicroBatchExecution] = {}
        self._terminated: MicroBatchExecution | None = None
        self._listeners: list[StreamingQueryListener] = []

    @property
    def active(self) -> list[StreamingQuery]:
        """The queries running now."""
        with self._lock:
            return [StreamingQuery(execution) for execution in self._active.values()]

    def get(self, id: str) -> StreamingQuery | None:  # noqa: A002 - PySpark's name
        """The active query with this id, or None."""
        with self._lock:
            execution = self._active.get(str(id))
        return StreamingQuery(execution) if execution is not None else None

    def awaitAnyTermination(self, timeout: int | None = None) -> bool | None:  # noqa: N802 - PySpark's name
        """Wait until any query of the session ends (or has ended since ``resetTerminated``);
        with ``timeout`` seconds, return whether one did. A failed query raises its exception."""
        if timeout is not None:
            _check_timeout(timeout)
        with self._lock:
            ended = self._lock.wait_for(lambda: self._terminated is not None, timeout)
            terminated = self._terminated
        if terminated is not None and terminated.failure is not None:
            raise terminated.failure
        return ended if timeout is not None else None

    def resetTerminated(self) -> None:  # noqa: N802 - PySpark's name
        """Forget the queries that ended, so ``awaitAnyTermination`` waits for a new one."""
        with self._lock:
            self._terminated = None

    def addListener(self, listener: StreamingQueryListener) -> None:  # noqa: N802 - PySpark's name
        """Call ``listener`` on every query's events from now on."""
        from pyrust.sql.streaming.listener import StreamingQueryListener

        if not isinstance(listener, StreamingQueryListener):
            raise errors.PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "arg_name": "listener", "expected_type": "StreamingQueryListener", "arg_type": type(listener).__name__,
                },
            )
        listener.spark = self._session
        with self._lock:
            self._listeners.append(listener)

    def removeListener(self, listener: StreamingQueryListener) -> None:  # noqa: N802 - PySpark's name
        """Stop calling ``listener``."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- used by the executions ---------------------------------------------------------------

    def _listeners_now(self) -> list[StreamingQueryListener]:
        with self._lock:
            return list(self._listeners)

    def _register(self, execution: MicroBatchExecution) -> None:
        with self._lock:
            if execution.name is not None and any(other.name == execution.name for other in self._active.values()):
                msg = (
                    f"Cannot start query with name {execution.name} as a query with that name is already active in "
                    "this SparkSession"
                )
                raise errors.IllegalArgumentException(msg)
            if str(execution.id) in self._active:
                msg = (
                    f"Cannot start query with id {execution.id} as another query with same id is already active. "
                    "Perhaps you are attempting to restart a query from checkpoint that is already active."
                )
                raise errors.IllegalArgumentException(msg)
            self._active[str(execution.id)] = execution

    def _ended(self, execution: MicroBatchExecution) -> None:
        with self._lock:
            self._active.pop(str(execution.id), None)
            self._terminated = execution
            self._lock.notify_all()

    def _stop_all(self) -> None:
        with self._lock:
            executions = list(self._active.values())
        for execution in executions:
            execution.stop()
