"""Parity cases of Structured Streaming (rules: parity_cases.py's docstring).

Every query here ends by itself (``trigger(availableNow=True)`` or ``once``) over
sources whose data is fixed before it starts (files, ``rate-micro-batch``), so the
batches and their rows do not depend on timing. A case returns what a user sees: the
memory sink's table (materialized: the query is gone once the case returns), the
batches ``foreachBatch`` received, or the error.
"""

import os
import tempfile


def _run(query):
    """Wait for a query with an ending trigger; stop it if it is still running."""
    try:
        query.awaitTermination(60)
    finally:
        query.stop()


def _memory(spark, name):
    df = spark.sql(f"SELECT * FROM {name}")
    return spark.createDataFrame(df.collect(), df.schema)


def _write_csv(spark, directory, rows, name):
    """One CSV file ``name`` with ``rows`` (lines as Spark's writer would write them)."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(",".join("" if value is None else str(value) for value in row) + "\n")
    # Distinct modification times keep the files' order (oldest first) the same on both engines.
    stamp = 1_700_000_000 + int(name.split(".")[0][-1])
    os.utime(os.path.join(directory, name), (stamp, stamp))


def _three_files(spark, directory):
    _write_csv(spark, directory, [(1, "a", 1.5), (2, "b", None)], "part1.csv")
    _write_csv(spark, directory, [(3, "a", -2.0), (None, "c", 0.0)], "part2.csv")
    _write_csv(spark, directory, [(5, None, 7.25), (6, "a", "NaN")], "part3.csv")


_SCHEMA = "id INT, tag STRING, x DOUBLE"


# -- DataFrames over streams -----------------------------------------------------------------


def case_stream_rate_schema(spark, F, T):
    df = spark.readStream.format("rate").load()
    return [df.isStreaming, df.schema.simpleString(), spark.range(1).isStreaming]


def case_stream_text_schema(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.readStream.text(directory)
        return [df.isStreaming, df.schema.simpleString()]


def case_stream_csv_schema_nullable(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.readStream.schema(T.StructType([T.StructField("a", T.IntegerType(), False)])).csv(directory)
        projected = df.select((F.col("a") + 1).alias("b"), F.lit("x").alias("c"))
        return [df.schema.simpleString(), [f.nullable for f in df.schema.fields], projected.isStreaming, str(projected)]


def case_stream_watermark_batch(spark, F, T):
    # On a batch DataFrame a watermark changes nothing.
    df = spark.createDataFrame([(1, "2024-01-01 00:00:00")], "a int, t string").select("a", F.to_timestamp("t").alias("t"))
    return df.withWatermark("t", "10 minutes")


# -- queries -----------------------------------------------------------------------------------


def case_stream_files_to_memory(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).csv(directory + "/in")
        out = df.where("id IS NULL OR id > 1").select("id", F.upper("tag").alias("tag"), (F.col("x") * 2).alias("x2"))
        _run(out.writeStream.format("memory").queryName("parity_stream_files").trigger(availableNow=True).start())
        return _memory(spark, "parity_stream_files").orderBy("id")


def case_stream_files_batches(spark, F, T):
    # maxFilesPerTrigger=1: one file per micro-batch, oldest first.
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        seen = []

        def record(batch, batch_id):
            seen.append((batch_id, sorted(tuple(row) for row in batch.select("id", "tag").collect() if row.id is not None)))

        df = spark.readStream.schema(_SCHEMA).option("maxFilesPerTrigger", 1).csv(directory + "/in")
        _run(df.writeStream.foreachBatch(record).trigger(availableNow=True).start())
        return seen


def case_stream_progress(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).option("maxFilesPerTrigger", 2).csv(directory + "/in")
        query = df.writeStream.format("memory").queryName("parity_stream_progress").trigger(availableNow=True).start()
        _run(query)
        found = []
        for p in query.recentProgress:
            source = p.sources[0]
            found.append([
                p.batchId, p.numInputRows, list(p.keys()), type(p.id).__name__, type(p["id"]).__name__, p.name,
                p.eventTime, p.stateOperators, source.startOffset, source.endOffset, source.latestOffset,
                source.numInputRows, source.description.startswith("FileStreamSource[file:"),
                p.sink.description, p.sink.numOutputRows, sorted(p.durationMs)[:1],
            ])  # fmt: skip
        return [found, query.status, query.isActive, query.lastProgress.batchId, query.exception()]


def case_stream_complete_aggregation(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).option("maxFilesPerTrigger", 1).csv(directory + "/in")
        counts = df.groupBy("tag").agg(F.count("*").alias("n"), F.sum("id").alias("ids"), F.max("x").alias("mx"))
        results = []

        def record(batch, batch_id):
            results.append((batch_id, sorted(tuple(row) for row in batch.collect() if row.tag is not None)))

        _run(counts.writeStream.outputMode("complete").foreachBatch(record).trigger(availableNow=True).start())
        return results


def case_stream_complete_memory_sorted(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).csv(directory + "/in")
        counts = df.groupBy("tag").count().orderBy(F.desc("count"), "tag")
        _run(counts.writeStream.outputMode("complete").format("memory").queryName("parity_stream_sorted").trigger(once=True).start())
        return _memory(spark, "parity_stream_sorted")


def case_stream_rate_micro_batch_once(spark, F, T):
    df = spark.readStream.format("rate-micro-batch").options(rowsPerBatch=3, startTimestamp=1000, advanceMillisPerBatch=1500).load()
    out = df.select("value", F.unix_millis("timestamp").alias("ms"))
    _run(out.writeStream.format("memory").queryName("parity_stream_rmb").trigger(once=True).start())
    return _memory(spark, "parity_stream_rmb").orderBy("value")


def case_stream_json_file_sink(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).csv(directory + "/in").where("tag = 'a'")
        query = (
            df.writeStream.format("json").option("checkpointLocation", directory + "/cp")
            .trigger(availableNow=True).start(directory + "/out")
        )
        _run(query)
        back = spark.read.schema(_SCHEMA).json(directory + "/out").orderBy("id")
        return spark.createDataFrame(back.collect(), back.schema)


def case_stream_restart_from_checkpoint(spark, F, T):
    # A second run with the same checkpoint reads only the file added since the first.
    with tempfile.TemporaryDirectory() as directory:
        _write_csv(spark, directory + "/in", [(1, "a", 1.0)], "part1.csv")
        seen = []

        def record(batch, batch_id):
            seen.append((batch_id, [tuple(row) for row in batch.collect()]))

        def run():
            df = spark.readStream.schema(_SCHEMA).csv(directory + "/in")
            query = df.writeStream.foreachBatch(record).option("checkpointLocation", directory + "/cp")
            first = query.trigger(availableNow=True).start()
            _run(first)
            return first.id

        first_id = run()
        _write_csv(spark, directory + "/in", [(2, "b", 2.0)], "part2.csv")
        second_id = run()
        return [seen, first_id == second_id]


def case_stream_union_of_streams(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        left = spark.readStream.schema(_SCHEMA).csv(directory + "/in").select("id")
        right = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2).load().select(F.col("value").cast("int"))
        _run(left.union(right).writeStream.format("memory").queryName("parity_stream_union").trigger(once=True).start())
        return _memory(spark, "parity_stream_union").orderBy("id")


def case_stream_static_join(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        tags = spark.createDataFrame([("a", "alpha"), ("b", "beta")], "tag string, word string")
        df = spark.readStream.schema(_SCHEMA).csv(directory + "/in").join(tags, "tag", "left")
        _run(df.writeStream.format("memory").queryName("parity_stream_join").trigger(once=True).start())
        return _memory(spark, "parity_stream_join").orderBy("id")


# -- errors --------------------------------------------------------------------------------------


def case_error_stream_show(spark, F, T):
    spark.readStream.format("rate").load().show()


def case_error_stream_count(spark, F, T):
    spark.readStream.format("rate").load().selectExpr("value + 1").count()


def case_error_stream_write(spark, F, T):
    spark.readStream.format("rate").load().write


def case_error_stream_write_stream_on_batch(spark, F, T):
    spark.range(3).writeStream


def case_error_stream_append_aggregation(spark, F, T):
    df = spark.readStream.format("rate").load().groupBy("value").count()
    df.writeStream.format("memory").queryName("parity_stream_err1").start()


def case_error_stream_complete_without_aggregation(spark, F, T):
    df = spark.readStream.format("rate").load()
    df.writeStream.outputMode("complete").format("memory").queryName("parity_stream_err2").start()


def case_error_stream_invalid_output_mode(spark, F, T):
    spark.readStream.format("rate").load().writeStream.outputMode("everything")


def case_error_stream_sort_in_append(spark, F, T):
    df = spark.readStream.format("rate").load().orderBy("value")
    df.writeStream.format("memory").queryName("parity_stream_err3").start()


def case_error_stream_file_source_without_schema(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.readStream.format("csv").load(directory)


def case_error_stream_memory_without_name(spark, F, T):
    spark.readStream.format("rate").load().writeStream.format("memory").start()


def case_error_stream_file_sink_without_checkpoint(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.readStream.format("rate").load().writeStream.format("parquet").start(directory + "/out")


def case_error_stream_file_sink_complete(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.readStream.format("rate").load().groupBy().count()
        df.writeStream.format("parquet").outputMode("complete").option("checkpointLocation", directory).start(directory + "/o")


def case_error_stream_watermark_not_timestamp(spark, F, T):
    spark.readStream.format("rate").load().withWatermark("value", "1 minute")


def case_error_stream_watermark_bad_delay(spark, F, T):
    spark.readStream.format("rate").load().withWatermark("timestamp", "soon")


def case_error_stream_watermark_unknown_column(spark, F, T):
    spark.readStream.format("rate").load().withWatermark("nope", "1 minute")


def case_error_stream_two_triggers(spark, F, T):
    spark.readStream.format("rate").load().writeStream.trigger(once=True, processingTime="1 second")


def case_error_stream_no_trigger(spark, F, T):
    spark.readStream.format("rate").load().writeStream.trigger()


def case_error_stream_once_false(spark, F, T):
    spark.readStream.format("rate").load().writeStream.trigger(once=False)


def case_error_stream_empty_query_name(spark, F, T):
    spark.readStream.format("rate").load().writeStream.queryName("")


def case_error_stream_foreach_without_process(spark, F, T):
    spark.readStream.format("rate").load().writeStream.foreach(object())


def case_stream_failed(spark, F, T):
    # The query's ids are in the message: compare the error's class, condition and cause.
    with tempfile.TemporaryDirectory() as directory:
        _three_files(spark, directory + "/in")
        df = spark.readStream.schema(_SCHEMA).csv(directory + "/in").selectExpr("1 div (id - id) AS boom")
        query = df.writeStream.format("memory").queryName("parity_stream_failed").trigger(availableNow=True).start()
        try:
            query.awaitTermination(60)
        except Exception as error:  # noqa: BLE001 - the error is the result
            parameters = error.getMessageParameters()
            cause = parameters["message"].splitlines()[0]
            return [type(error).__name__, error.getCondition(), sorted(parameters), cause, query.isActive,
                    type(query.exception()).__name__]
        finally:
            query.stop()
        return None


def case_error_stream_drop_duplicates_within_watermark_batch(spark, F, T):
    spark.range(3).dropDuplicatesWithinWatermark().collect()
