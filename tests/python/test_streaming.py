"""Structured Streaming (python/pyrust/sql/streaming/): what the parity cases cannot record
from PySpark (the console sink's output, listeners, progress, query handles, threads), and
the refusals that have no error condition. Queries end by themselves (``availableNow``,
``once``) or are waited for with ``processAllAvailable``: no test depends on timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F
from pyrust.sql.streaming import (
    DataStreamReader,
    DataStreamWriter,
    StreamingQuery,
    StreamingQueryException,
    StreamingQueryListener,
    StreamingQueryManager,
)
from pyrust.sql.streaming.listener import StreamingQueryProgress


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> SparkSession:
    session = SparkSession.builder.getOrCreate()
    warehouse = tmp_path_factory.mktemp("warehouse")
    previous = session.conf.get("spark.sql.warehouse.dir")
    session.conf.set("spark.sql.warehouse.dir", str(warehouse))
    yield session
    for query in session.streams.active:
        query.stop()
    session.conf.set("spark.sql.warehouse.dir", previous)


def _csv(directory: Path, name: str, lines: list[str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _name() -> str:
    return "q_" + uuid.uuid4().hex[:8]


def test_types_and_handles(spark: SparkSession) -> None:
    assert isinstance(spark.readStream, DataStreamReader)
    assert isinstance(spark.streams, StreamingQueryManager)
    assert spark.streams is spark.streams
    df = spark.readStream.format("rate").load()
    assert isinstance(df.writeStream, DataStreamWriter)
    assert df.schema.simpleString() == "struct<timestamp:timestamp,value:bigint>"
    assert repr(df.selectExpr("value % 3 AS v")) == "DataFrame[v: bigint]"


def test_batch_actions_refused(spark: SparkSession) -> None:
    df = spark.readStream.format("rate").load().select("value")
    for action in (df.collect, df.count, df.toPandas, df.first, lambda: list(df.toLocalIterator()), df.cache):
        with pytest.raises(errors.AnalysisException, match="must be executed with writeStream.start()"):
            action()
    with pytest.raises(errors.AnalysisException, match="CALL_ON_STREAMING_DATASET_UNSUPPORTED"):
        df.writeTo("t")
    with pytest.raises(errors.PySparkNotImplementedError, match="dropDuplicates"):
        df.dropDuplicates()


def test_rate_source_rows(spark: SparkSession) -> None:
    # The rate source counts from 0 and spreads each second's rows evenly over it.
    name = _name()
    query = spark.readStream.format("rate").option("rowsPerSecond", 4).load().writeStream.format("memory").queryName(name).start()
    try:
        while not spark.sql(f"SELECT * FROM {name}").collect():
            query.processAllAvailable()
    finally:
        query.stop()
    rows = spark.sql(f"SELECT value, unix_micros(timestamp) AS us FROM {name} ORDER BY value").collect()
    assert [row.value for row in rows] == list(range(len(rows)))
    first = rows[0].us
    assert [row.us - first for row in rows[:4]] == [0, 250_000, 500_000, 750_000]
    assert query.lastProgress["sources"][0]["description"].startswith("RateStreamV2[rowsPerSecond=4")


def test_file_source_picks_up_new_files(spark: SparkSession, tmp_path: Path) -> None:
    source = tmp_path / "in"
    _csv(source, "a.csv", ["1,x", "2,y"])
    name = _name()
    df = spark.readStream.schema("id INT, tag STRING").csv(str(source))
    query = df.writeStream.format("memory").queryName(name).start()
    try:
        query.processAllAvailable()
        assert spark.sql(f"SELECT id FROM {name} ORDER BY id").collect() == [(1,), (2,)]
        _csv(source, "b.csv", ["3,z"])
        _csv(source, "_hidden.csv", ["9,hidden"])
        query.processAllAvailable()
        assert [row.id for row in spark.sql(f"SELECT id FROM {name} ORDER BY id").collect()] == [1, 2, 3]
        progress = query.recentProgress
        assert [p.batchId for p in progress] == [0, 1]
        assert [p.numInputRows for p in progress] == [2, 1]
        assert progress[1]["sources"][0]["startOffset"] == '{"logOffset": 0}'
        assert json.loads(progress[1].json)["sources"][0]["endOffset"] == {"logOffset": 1}
        assert query.status["isTriggerActive"] in (True, False)
    finally:
        query.stop()
    assert not query.isActive
    assert query.status == {"message": "Stopped", "isDataAvailable": False, "isTriggerActive": False}


def test_console_sink_output(spark: SparkSession, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in"
    _csv(source, "a.csv", ["1,a", "2,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "3,c"])
    df = spark.readStream.schema("id INT, tag STRING").csv(str(source))
    query = df.writeStream.format("console").option("numRows", 2).trigger(once=True).start()
    query.awaitTermination()
    banner = "-------------------------------------------"
    assert capfd.readouterr().out == (
        f"{banner}\nBatch: 0\n{banner}\n"
        "+---+--------------------+\n"
        "| id|                 tag|\n"
        "+---+--------------------+\n"
        "|  1|                   a|\n"
        "|  2|bbbbbbbbbbbbbbbbb...|\n"
        "+---+--------------------+\n"
        "only showing top 2 rows\n"
    )


def test_complete_mode_console_and_memory(spark: SparkSession, tmp_path: Path) -> None:
    source = tmp_path / "in"
    _csv(source, "a.csv", ["1,a", "2,b"])
    _csv(source, "b.csv", ["3,a"])
    os.utime(source / "a.csv", (1_000, 1_000))
    name = _name()
    df = spark.readStream.schema("id INT, tag STRING").option("maxFilesPerTrigger", 1).csv(str(source))
    counts = df.groupBy("tag").agg(F.sum("id").alias("total")).orderBy("tag")
    query = counts.writeStream.outputMode("complete").format("memory").queryName(name).trigger(availableNow=True).start()
    query.awaitTermination()
    assert spark.sql(f"SELECT * FROM {name}").collect() == [("a", 4), ("b", 2)]
    assert [p.numInputRows for p in query.recentProgress] == [2, 1]


def test_foreach_batch_and_foreach(spark: SparkSession, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    df = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2).load().select("value")
    batches: list[tuple[int, list[int]]] = []
    query = df.writeStream.foreachBatch(lambda batch, batch_id: batches.append((batch_id, [r.value for r in batch.collect()])))
    query.trigger(once=True).start().awaitTermination()
    assert batches == [(0, [0, 1])]

    calls: list[object] = []

    class Writer:
        def open(self, partition_id: int, epoch_id: int) -> bool:
            calls.append(("open", partition_id, epoch_id))
            return True

        def process(self, row: object) -> None:
            calls.append(row.value)  # type: ignore[attr-defined]
            print("row", row.value)  # type: ignore[attr-defined]

        def close(self, error: BaseException | None) -> None:
            calls.append(("close", error))

    df.writeStream.foreach(Writer()).trigger(once=True).start().awaitTermination()
    assert calls == [("open", 0, 0), 0, 1, ("close", None)]
    # Spark runs foreach writers on executors: what they print goes to the process' output.
    assert capfd.readouterr().out == "row 0\nrow 1\n"


def test_failure_ends_the_query(spark: SparkSession, tmp_path: Path) -> None:
    _csv(tmp_path / "in", "a.csv", ["1"])
    events: list[object] = []

    class Listener(StreamingQueryListener):
        def onQueryTerminated(self, event):  # noqa: N802 - PySpark's name
            events.append((event.exception is not None, event.errorClassOnException))

    listener = Listener()
    spark.streams.addListener(listener)
    try:
        spark.streams.resetTerminated()
        df = spark.readStream.schema("id INT").csv(str(tmp_path / "in")).selectExpr("1 div (id - id) AS boom")
        query = df.writeStream.foreachBatch(lambda batch, _: batch.collect()).start()
        with pytest.raises(StreamingQueryException) as raised:
            query.awaitTermination()
        assert raised.value.getCondition() == "STREAM_FAILED"
        assert raised.value.getMessageParameters()["id"] == query.id
        assert query.exception() is raised.value
        assert query.status["message"].startswith("Terminated with exception: [DIVIDE_BY_ZERO]")
        with pytest.raises(StreamingQueryException):
            spark.streams.awaitAnyTermination(1)
        spark.streams.resetTerminated()
        assert spark.streams.awaitAnyTermination(0.01) is False
    finally:
        spark.streams.removeListener(listener)
    assert events == [(True, "DIVIDE_BY_ZERO")]


def test_listener_events_and_observed_metrics(spark: SparkSession) -> None:
    seen: list[object] = []

    class Listener(StreamingQueryListener):
        def onQueryStarted(self, event):  # noqa: N802 - PySpark's name
            seen.append(("started", event.name, str(event.id)))

        def onQueryProgress(self, event):  # noqa: N802
            seen.append(("progress", event.progress.batchId, event.progress.observedMetrics["m"].rows))

        def onQueryTerminated(self, event):  # noqa: N802
            seen.append(("terminated", event.exception))

    listener = Listener()
    spark.streams.addListener(listener)
    name = _name()
    try:
        df = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3).load()
        observed = df.observe("m", F.count(F.lit(1)).alias("rows"))
        query = observed.writeStream.format("memory").queryName(name).trigger(once=True).start()
        query.awaitTermination()
    finally:
        spark.streams.removeListener(listener)
    assert seen == [("started", name, query.id), ("progress", 0, 3), ("terminated", None)]
    progress = query.lastProgress
    assert isinstance(progress, StreamingQueryProgress)
    document = json.loads(progress.json)
    assert list(document) == [
        "id", "runId", "name", "timestamp", "batchId", "batchDuration", "numInputRows", "inputRowsPerSecond",
        "processedRowsPerSecond", "durationMs", "stateOperators", "sources", "sink", "observedMetrics",
    ]  # fmt: skip
    assert document["observedMetrics"] == {"m": {"rows": 3}}
    assert document["sink"] == {"description": "MemorySink", "numOutputRows": 3}
    assert str(progress) == progress.prettyJson


def test_manager_active_get_and_names(spark: SparkSession) -> None:
    df = spark.readStream.format("rate").load()
    name = _name()
    query = df.writeStream.format("memory").queryName(name).start()
    try:
        assert isinstance(query, StreamingQuery)
        assert name in [q.name for q in spark.streams.active]
        assert spark.streams.get(query.id).runId == query.runId
        with pytest.raises(errors.IllegalArgumentException, match="already active"):
            df.writeStream.format("memory").queryName(name).start()
        assert query.awaitTermination(0.05) is False
    finally:
        query.stop()
    assert spark.streams.get(query.id) is None
    query.stop()  # a second stop does nothing


def test_file_sink_and_table_round_trip(spark: SparkSession, tmp_path: Path) -> None:
    source = tmp_path / "in"
    _csv(source, "a.csv", ["1,a", "2,b"])
    df = spark.readStream.schema("id INT, tag STRING").csv(str(source))
    table = _name()
    query = df.writeStream.option("checkpointLocation", str(tmp_path / "cp1")).toTable(table, format="parquet")
    query.processAllAvailable()
    query.stop()
    assert sorted(spark.table(table).collect()) == [(1, "a"), (2, "b")]
    name = _name()
    copy = spark.readStream.table(table).writeStream.format("memory").queryName(name).trigger(availableNow=True).start()
    copy.awaitTermination()
    assert sorted(spark.sql(f"SELECT * FROM {name}").collect()) == [(1, "a"), (2, "b")]
    with open(tmp_path / "cp1" / "metadata", encoding="utf-8") as handle:
        assert json.loads(handle.readline()) == {"id": query.id}
    spark.sql(f"DROP TABLE {table}")


def test_refusals(spark: SparkSession, tmp_path: Path) -> None:
    df = spark.readStream.format("rate").load()
    for source in ("kafka", "socket"):
        with pytest.raises(errors.PySparkNotImplementedError, match=source):
            spark.readStream.format(source).load()
    with pytest.raises(errors.PySparkNotImplementedError, match="continuous"):
        df.writeStream.format("memory").queryName(_name()).trigger(continuous="1 second").start()
    with pytest.raises(errors.PySparkNotImplementedError, match="stream-stream joins"):
        df.join(df, "value").writeStream.format("memory").queryName(_name()).start()
    with pytest.raises(errors.PySparkNotImplementedError, match="update output mode"):
        df.groupBy("value").count().writeStream.outputMode("update").format("memory").queryName(_name()).start()
    with pytest.raises(errors.PySparkNotImplementedError, match="with a watermark"):
        watermarked = df.withWatermark("timestamp", "1 minute").groupBy("value").count()
        watermarked.writeStream.format("memory").queryName(_name()).start()
    with pytest.raises(errors.PySparkNotImplementedError, match="dropDuplicatesWithinWatermark"):
        df.dropDuplicatesWithinWatermark()
    with pytest.raises(errors.IllegalArgumentException, match="rowsPerSecond' must be positive"):
        spark.readStream.format("rate").option("rowsPerSecond", 0).load()
    (tmp_path / "p" / "k=1").mkdir(parents=True)
    with pytest.raises(errors.PySparkNotImplementedError, match="partitioned directories"):
        spark.readStream.schema("a INT").parquet(str(tmp_path / "p"))
    assert spark.streams.active == [] or all(q.isActive for q in spark.streams.active)


def test_stop_at_exit_does_not_hang(tmp_path: Path) -> None:
    # A running query neither keeps the interpreter alive nor breaks its exit.
    script = textwrap.dedent(
        """
        from pyrust.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        q = spark.readStream.format("rate").load().writeStream.format("console").trigger(processingTime="1 hour").start()
        print("started", q.isActive)
        """
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(entry for entry in sys.path if entry)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=environment, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("started True\n")


def test_spark_stop_stops_queries() -> None:
    session = SparkSession.builder.getOrCreate()
    other = session.newSession() if hasattr(session, "newSession") else None
    if other is None:
        pytest.skip("no newSession")
    query = other.readStream.format("rate").load().writeStream.format("memory").queryName(_name()).start()
    other.stop()
    assert not query.isActive


def test_time_windows_in_complete_mode(spark: SparkSession) -> None:
    from pyrust.sql.window import Window

    df = spark.readStream.format("rate-micro-batch").options(rowsPerBatch=4, startTimestamp=0).load()
    counts = df.withWatermark("timestamp", "1 minute").groupBy(F.window("timestamp", "10 seconds")).count()
    name = _name()
    counts.writeStream.outputMode("complete").format("memory").queryName(name).trigger(once=True).start().awaitTermination()
    assert [tuple(row) for row in spark.sql(f"SELECT window.start, count FROM {name}").collect()] == [
        (spark.createDataFrame([(0,)], "s long").selectExpr("timestamp_seconds(s)").first()[0], 4)
    ]
    ranked = df.withColumn("r", F.row_number().over(Window.orderBy("value")))
    with pytest.raises(errors.PySparkNotImplementedError, match="window functions"):
        ranked.writeStream.format("memory").queryName(_name()).start()
