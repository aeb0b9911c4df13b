"""Micro-batch execution: a streaming query as a loop of batch queries on a thread.

Each trigger asks every source for its latest offset. When one moved, a micro-batch
runs: the query's plan with each streaming source replaced by the rows between the last
committed offset and the new one (``_sources.replace_leaves``), run by the batch engine
and handed to the sink. An aggregation (output mode ``complete``) is not incremental:
its sources are replaced by every row seen so far and the whole result recomputed, which
gives Spark's result at the cost of re-reading the input each batch.

Queries Spark runs with state pyrust does not keep are refused before they start:
Spark's own errors where Spark refuses them too, NOT_IMPLEMENTED otherwise.
"""

from __future__ import annotations

import atexit
import datetime
import json
import os
import threading
import time
import uuid
import weakref
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql._conversion import arrow_to_rows
from pyrust.sql.streaming import _sources
from pyrust.sql.streaming.listener import (
    QueryIdleEvent,
    QueryProgressEvent,
    QueryStartedEvent,
    QueryTerminatedEvent,
    SinkProgress,
    SourceProgress,
    StreamingQueryProgress,
)
from pyrust.sql.streaming.query import StreamingQuery

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.streaming._sinks import Sink

_EXECUTIONS: weakref.WeakSet[MicroBatchExecution] = weakref.WeakSet()
# Spark's spark.sql.streaming.pollingDelay: how long a query without new data sleeps.
_POLLING_DELAY = 0.01
# Spark's spark.sql.streaming.noDataProgressEventInterval, in seconds.
_IDLE_EVENT_INTERVAL = 10.0


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _unsupported(message: str) -> errors.AnalysisException:
    return errors.AnalysisException(message + ";", errorClass="_LEGACY_ERROR_TEMP_3102", messageParameters={"msg": message})


def _streaming_below(root: plan.Rel) -> dict[int, bool]:
    """For each node under ``root``: whether a streaming source is under it."""
    found: dict[int, bool] = {}
    for node in reversed(list(plan.walk(root))):
        found[id(node)] = isinstance(node, _sources.StreamLeaf) or any(found.get(id(child), False) for child in plan.inputs_of(node))
    return found


def check_query(df: DataFrame, mode: str) -> bool:
    """Refuse what pyrust cannot run as Spark would; return whether the query aggregates its stream."""
    root = df._plan
    streaming = _streaming_below(root)
    nodes = [node for node in plan.walk(root) if streaming[id(node)]]
    aggregates = any(isinstance(node, plan.Aggregate) for node in nodes)
    watermarked = any(isinstance(node, _sources.Watermarked) for node in nodes)
    if mode == "complete" and not aggregates:
        raise errors.AnalysisException(
            errorClass="STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
            messageParameters={"outputMode": "complete", "operation": "no streaming aggregations"},
        )
    if mode == "append" and aggregates:
        if watermarked:
            raise _not_implemented("append output mode for streaming aggregations with a watermark (use complete)")
        raise errors.AnalysisException(
            errorClass="STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
            messageParameters={"outputMode": "append", "operation": "streaming aggregations without watermark"},
        )
    if mode == "update" and aggregates:
        raise _not_implemented("update output mode for streaming aggregations (use complete)")
    for node in nodes:
        if isinstance(node, plan.Sort) and mode != "complete":
            raise _unsupported(
                "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated "
                "DataFrame/Dataset in Complete output mode"
            )
        if isinstance(node, plan.Fetch) and mode != "complete":
            raise _not_implemented("limit/offset on a streaming DataFrame outside of complete mode")
        if isinstance(node, plan.Join):
            left, right = streaming[id(node.left)], streaming[id(node.right)]
            if left and right:
                raise _not_implemented("stream-stream joins")
            outer_ok = {"inner": True, "left": left, "left_semi": left, "left_anti": left, "right": right}
            if not outer_ok.get(node.how, False):
                raise _not_implemented(f"a {node.how} join of a stream with a static DataFrame on this side")
        if isinstance(node, plan.SetOperation):
            raise _not_implemented(f"{node.operation} of streaming DataFrames")
    if any(streaming.values()) and '"windowFunction"' in plan.plan_json(root):
        raise _not_implemented("window functions over a streaming DataFrame (other than time windows)")
    return aggregates


def start_query(
    df: DataFrame, sink: Sink, mode: str, trigger: tuple[str, Any], name: str | None, checkpoint: str | None
) -> StreamingQuery:
    """Check the query, prepare the sink and start the query's thread."""
    session = df.sparkSession
    sink.check_mode(mode)
    aggregates = check_query(df, mode)
    if trigger[0] in ("continuous", "realTime"):
        raise _not_implemented(f"the {trigger[0]} trigger (pyrust runs micro-batches)")
    if checkpoint is None:
        root = session.conf.get("spark.sql.streaming.checkpointLocation", None)
        if root:
            checkpoint = os.path.join(root, name if name is not None else str(uuid.uuid4()))
        elif sink.needs_checkpoint:
            msg = (
                'checkpointLocation must be specified either through option("checkpointLocation", ...) or '
                'SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).'
            )
            raise errors.AnalysisException(
                msg, errorClass="_LEGACY_ERROR_TEMP_1298", messageParameters={"config": "spark.sql.streaming.checkpointLocation"}
            )
    execution = MicroBatchExecution(df, sink, mode, trigger, name, checkpoint, aggregates)
    session.streams._register(execution)
    try:
        sink.start(df, name)
    except BaseException:
        session.streams._ended(execution)
        raise
    _EXECUTIONS.add(execution)
    execution.thread.start()
    return StreamingQuery(execution)


class MicroBatchExecution:
    """One run of a streaming query: its thread, state, status and progress."""

    def __init__(
        self, df: DataFrame, sink: Sink, mode: str, trigger: tuple[str, Any], name: str | None, checkpoint: str | None, aggregates: bool
    ) -> None:
        self.df, self.sink, self.mode, self.trigger, self.name = df, sink, mode, trigger, name
        self.session = df.sparkSession
        self.aggregates = aggregates
        self.leaves = _sources.stream_leaves(df._plan)
        self.checkpoint = checkpoint
        saved = self._load_checkpoint()
        self.id = uuid.UUID(saved["id"]) if saved.get("id") else uuid.uuid4()
        self.run_id = uuid.uuid4()
        self.batch_id: int = saved.get("nextBatchId", 0)
        self.committed: list[Any] = saved.get("offsets", [None] * len(self.leaves))
        self.source_states: list[Any] = saved.get("sources", [None] * len(self.leaves))
        self.status = {"message": "Initializing sources", "isDataAvailable": False, "isTriggerActive": False}
        limit = int(self.session.conf.get("spark.sql.streaming.numRecentProgressUpdates", "100"))
        self.progress: list[StreamingQueryProgress] = []
        self.progress_limit = limit
        self.failure: errors.StreamingQueryException | None = None
        self.last_batch: DataFrame | None = None
        self.stopping = threading.Event()
        self.terminated = threading.Event()
        self.caught_up = threading.Condition()
        self.no_new_data = False
        self.thread = threading.Thread(target=self._run, name=f"stream execution thread for {name or self.id}", daemon=True)
        self._last_trigger_start: float | None = None
        self._last_idle_event = float("-inf")

    # -- checkpoint ---------------------------------------------------------------------

    def _load_checkpoint(self) -> dict[str, Any]:
        if self.checkpoint is None:
            return {}
        path = os.path.join(self.checkpoint, "pyrust_progress.json")
        metadata = os.path.join(self.checkpoint, "metadata")
        saved: dict[str, Any] = {}
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                saved = json.load(handle)
            if len(saved.get("offsets", [])) != len(self.leaves):
                saved = {}
        if os.path.isfile(metadata):
            with open(metadata, encoding="utf-8") as handle:
                saved["id"] = json.loads(handle.readline()).get("id")
        return saved

    def _save_checkpoint(self, readers: list[_sources.SourceReader]) -> None:
        if self.checkpoint is None:
            return
        os.makedirs(self.checkpoint, exist_ok=True)
        metadata = os.path.join(self.checkpoint, "metadata")
        if not os.path.isfile(metadata):
            with open(metadata, "w", encoding="utf-8") as handle:
                handle.write(json.dumps({"id": str(self.id)}) + "\n")
        state = {"nextBatchId": self.batch_id, "offsets": self.committed, "sources": [reader.state() for reader in readers]}
        path = os.path.join(self.checkpoint, "pyrust_progress.json")
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.replace(path + ".tmp", path)

    # -- the loop -------------------------------------------------------------------------

    def _run(self) -> None:
        self._post("onQueryStarted", QueryStartedEvent(self.id, self.run_id, self.name, _iso(time.time())))
        try:
            readers = [leaf.spec.open(self.session, state) for leaf, state in zip(self.leaves, self.source_states)]
            self._save_checkpoint(readers)
            kind, interval = self.trigger
            if kind == "availableNow":
                for reader in readers:
                    reader.snapshot()
            while not self.stopping.is_set():
                started = time.time()
                self.status = {"message": "Getting offsets from sources", "isDataAvailable": False, "isTriggerActive": True}
                latest = [reader.latest_offset() for reader in readers]
                offsets_ms = int((time.time() - started) * 1000)
                has_data = latest != self.committed
                if has_data:
                    self.status = {"message": "Processing new data", "isDataAvailable": True, "isTriggerActive": True}
                    self._run_batch(readers, latest, started, offsets_ms)
                else:
                    self._idle()
                if kind == "once" or (kind == "availableNow" and not has_data):
                    break
                if kind == "processingTime" and interval:
                    self.status = {"message": "Waiting for next trigger", "isDataAvailable": has_data, "isTriggerActive": False}
                    self.stopping.wait(max(0.0, started + interval - time.time()))
                elif not has_data:
                    self.status = {"message": "Waiting for data to arrive", "isDataAvailable": False, "isTriggerActive": False}
                    self.stopping.wait(_POLLING_DELAY)
        except Exception as failure:  # noqa: BLE001 - any failure ends the query and is reported by it
            self.failure = self._wrapped(failure)
        finally:
            self._finish()

    def _idle(self) -> None:
        with self.caught_up:
            self.no_new_data = True
            self.caught_up.notify_all()
        now = time.time()
        if now - self._last_idle_event >= _IDLE_EVENT_INTERVAL:
            self._last_idle_event = now
            self._post("onQueryIdle", QueryIdleEvent(self.id, self.run_id, _iso(now)))

    def _run_batch(self, readers: list[_sources.SourceReader], latest: list[Any], started: float, offsets_ms: int) -> None:
        from pyrust.sql.dataframe import DataFrame

        fetch_start = time.time()
        new_rows: dict[int, plan.Rel] = {}
        every_row: dict[int, plan.Rel] = {}
        tables: set[Any] = set(self.df._tables)
        counts: list[int] = []
        for leaf, reader, start, end in zip(self.leaves, readers, self.committed, latest):
            rel, handles, count = reader.read(self.session, start, end)
            new_rows[id(leaf)] = rel
            tables.update(handles)
            counts.append(count)
            if self.aggregates:
                rel, handles, _ = reader.read(self.session, None, end)
                every_row[id(leaf)] = rel
                tables.update(handles)
        fetched = time.time()
        root = _sources.replace_leaves(self.df._plan, every_row if self.aggregates else new_rows)
        batch = DataFrame(self.session, root, list(self.df._attributes), frozenset(tables))
        planned = time.time()
        written = self.sink.add_batch(self.batch_id, batch, self.mode)
        added = time.time()
        metrics = self._observed(new_rows, frozenset(tables))
        self.last_batch = batch
        starts = self.committed
        self.committed = list(latest)
        self.batch_id += 1
        self._save_checkpoint(readers)
        ended = time.time()
        self._report(readers, starts, latest, counts, written, metrics, started, {
            "addBatch": int((added - planned) * 1000),
            "getBatch": int((fetched - fetch_start) * 1000),
            "latestOffset": offsets_ms,
            "queryPlanning": int((planned - fetched) * 1000),
            "triggerExecution": int((ended - started) * 1000),
        })  # fmt: skip

    def _observed(self, new_rows: dict[int, plan.Rel], tables: frozenset[Any]) -> dict[str, Any]:
        """The metrics ``observe`` names in the query, over this batch's new rows."""
        from pyrust.sql.dataframe import DataFrame

        metrics: dict[str, Any] = {}
        for node in plan.observed_nodes(self.df._plan):
            frame = node.metrics.frame
            root = _sources.replace_leaves(frame._plan, new_rows)
            batch = DataFrame(self.session, root, list(frame._attributes), tables | frame._tables)
            rows = arrow_to_rows(batch._computed(), batch.schema)
            if rows:
                metrics[node.name] = rows[0]
        return metrics

    def _report(
        self,
        readers: list[_sources.SourceReader],
        starts: list[Any],
        ends: list[Any],
        counts: list[int],
        written: int,
        metrics: dict[str, Any],
        started: float,
        durations: dict[str, int],
    ) -> None:
        seconds = max(durations["triggerExecution"], 1) / 1000
        since_last = started - self._last_trigger_start if self._last_trigger_start is not None else None
        self._last_trigger_start = started

        def rates(rows: int) -> tuple[float, float]:
            incoming = round(rows / since_last, 1) if since_last else 0.0
            return incoming, round(rows / seconds, 1)

        sources = []
        for reader, start, end, count in zip(readers, starts, ends, counts):
            incoming, processed = rates(count)
            sources.append(SourceProgress.fromJson({
                "description": reader.description, "startOffset": reader.offset_json(start),
                "endOffset": reader.offset_json(end), "latestOffset": reader.latest_json(end), "numInputRows": count,
                "inputRowsPerSecond": incoming, "processedRowsPerSecond": processed,
            }))  # fmt: skip
        total = sum(counts)
        incoming, processed = rates(total)
        progress = StreamingQueryProgress(
            self.id, self.run_id, self.name, _iso(started), self.batch_id - 1, durations["triggerExecution"],
            dict(sorted(durations.items())), {}, [], sources, SinkProgress(self.sink.description, written),
            total, incoming, processed, metrics,
        )  # fmt: skip
        self.progress.append(progress)
        del self.progress[: -self.progress_limit]
        self._post("onQueryProgress", QueryProgressEvent(progress))

    def _wrapped(self, failure: Exception) -> errors.StreamingQueryException:
        message = str(failure)
        wrapped = errors.StreamingQueryException(
            errorClass="STREAM_FAILED", messageParameters={"id": str(self.id), "runId": str(self.run_id), "message": message}
        )
        wrapped.__cause__ = failure
        return wrapped

    def _finish(self) -> None:
        failure = self.failure
        if failure is not None:
            cause = failure.__cause__
            text = str(cause) if cause is not None else str(failure)
            self.status = {"message": f"Terminated with exception: {text}", "isDataAvailable": False, "isTriggerActive": False}
        else:
            self.status = {"message": "Stopped", "isDataAvailable": False, "isTriggerActive": False}
        self.terminated.set()
        with self.caught_up:
            self.caught_up.notify_all()
        self.session.streams._ended(self)
        error_class = None
        if failure is not None and isinstance(failure.__cause__, errors.PySparkException):
            error_class = failure.__cause__.getCondition()
        self._post(
            "onQueryTerminated",
            QueryTerminatedEvent(self.id, self.run_id, str(failure.__cause__) if failure is not None else None, error_class),
        )

    def _post(self, method: str, event: Any) -> None:
        for listener in self.session.streams._listeners_now():
            try:
                getattr(listener, method)(event)
            except Exception:  # noqa: BLE001, S110 - as Spark's listener bus, a failing listener does not stop the query
                pass

    # -- control from other threads -----------------------------------------------------

    def stop(self) -> None:
        self.stopping.set()
        if threading.current_thread() is not self.thread and self.thread.is_alive():
            self.thread.join()
        elif not self.thread.is_alive() and not self.terminated.is_set():
            self._finish()

    def process_all_available(self) -> None:
        with self.caught_up:
            self.no_new_data = False
            self.caught_up.wait_for(lambda: self.no_new_data or self.terminated.is_set())
        if self.failure is not None:
            raise self.failure


def _iso(seconds: float) -> str:
    """Spark's progress timestamps: ISO 8601 in UTC with milliseconds."""
    stamp = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


@atexit.register
def _stop_all() -> None:
    """Stop every query when the interpreter exits, so no batch runs while it shuts down."""
    for execution in list(_EXECUTIONS):
        execution.stopping.set()
    for execution in list(_EXECUTIONS):
        if execution.thread.is_alive():
            execution.thread.join(timeout=10)
