"""Writers (python/pyrust/sql/readwriter.py, runtime/src/write.rs): Spark's file
layout, files other readers read, atomic commits under failures (a failing row,
a killed process), table writes and the readers' directory rules."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql import functions as F

_ENVIRONMENT = {**os.environ, "PYTHONPATH": os.pathsep.join(entry for entry in sys.path if entry)}
_PART = re.compile(r"part-\d{5}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}-c000\.snappy\.parquet")


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> SparkSession:
    session = SparkSession.builder.getOrCreate()
    warehouse = tmp_path_factory.mktemp("warehouse")
    previous = session.conf.get("spark.sql.warehouse.dir")
    session.conf.set("spark.sql.warehouse.dir", str(warehouse))
    yield session
    session.conf.set("spark.sql.warehouse.dir", previous)


def _data_files(path: Path) -> list[str]:
    return sorted(str(file.relative_to(path)) for file in path.rglob("*") if file.is_file() and file.name.startswith("part-"))


def test_parquet_layout_is_sparks_and_pyarrow_reads_it(spark: SparkSession, tmp_path: Path) -> None:
    import datetime
    import decimal

    df = spark.createDataFrame(
        [(1, decimal.Decimal("1.20"), datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5))],
        "i int, m decimal(10,2), d date, t timestamp",
    )
    df.write.parquet(str(tmp_path / "out"))
    names = os.listdir(tmp_path / "out")
    assert "_SUCCESS" in names
    parts = [name for name in names if name.startswith("part-")]
    assert parts and all(_PART.fullmatch(name) for name in parts)
    table = pq.read_table(tmp_path / "out")
    assert table.schema.field("m").type == pa.decimal128(10, 2)
    assert table.schema.field("d").type == pa.date32()
    assert table.schema.field("t").type == pa.timestamp("us", tz="UTC")
    assert table.column("i").to_pylist() == [1]
    metadata = pq.ParquetFile(tmp_path / "out" / parts[0]).metadata.metadata
    assert b"org.apache.spark.sql.parquet.row.metadata" in metadata
    assert pq.ParquetFile(tmp_path / "out" / parts[0]).metadata.row_group(0).column(0).compression == "SNAPPY"


def test_a_failing_row_leaves_the_previous_data_and_no_partial_files(spark: SparkSession, tmp_path: Path) -> None:
    path = tmp_path / "out"
    spark.createDataFrame([("1",), ("2",)], "s string").write.parquet(str(path))
    before = _data_files(path)
    # Many good rows, then one that fails the ANSI cast: some files are written before the failure.
    good = spark.range(0, 200_000).select(F.col("id").cast("string").alias("s"))
    bad = good.union(spark.createDataFrame([("x",)], "s string")).select(F.col("s").cast("int").alias("s"))
    with pytest.raises(errors.PySparkException):
        bad.write.mode("overwrite").parquet(str(path))
    assert _data_files(path) == before
    assert not (path / "_temporary").exists()
    assert sorted(row.s for row in spark.read.parquet(str(path)).collect()) == ["1", "2"]
    with pytest.raises(errors.PySparkException):
        bad.write.mode("append").csv(str(path))
    assert _data_files(path) == before


def test_a_failed_write_to_a_new_path_leaves_nothing(spark: SparkSession, tmp_path: Path) -> None:
    bad = spark.createDataFrame([("1",), ("x",)], "s string").select(F.col("s").cast("int"))
    with pytest.raises(errors.PySparkException):
        bad.write.json(str(tmp_path / "new"))
    assert not (tmp_path / "new").exists()


def test_mode_error_touches_nothing_and_names_the_path(spark: SparkSession, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(errors.AnalysisException) as raised:
        spark.range(3).write.parquet(str(tmp_path))
    assert raised.value.getCondition() == "PATH_ALREADY_EXISTS"
    assert str(tmp_path) in str(raised.value)
    assert os.listdir(tmp_path) == ["keep.txt"]


def test_a_killed_writer_leaves_the_previous_data(tmp_path: Path) -> None:
    path = tmp_path / "out"
    program = textwrap.dedent(
        f"""
        import sys
        from pyrust.sql import SparkSession
        spark = SparkSession.builder.getOrCreate()
        spark.range(5).write.parquet({str(path)!r})
        print("ready", flush=True)
        spark.range(0, 400_000_000).selectExpr("id", "id * 2 AS twice").write.mode("overwrite").parquet({str(path)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True, env=_ENVIRONMENT)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    staging = path / "_temporary"
    while not any(staging.rglob("part-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(staging.rglob("part-*")), "the overwrite never started writing"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    # The killed write left only its hidden staging directory: readers see the old rows.
    check = subprocess.run(
        [sys.executable, "-c", f"from pyrust.sql import SparkSession; s = SparkSession.builder.getOrCreate(); "
         f"print(sorted(r.id for r in s.read.parquet({str(path)!r}).collect()))"],
        capture_output=True, text=True, env=_ENVIRONMENT, timeout=120,
    )
    assert check.stdout.strip() == "[0, 1, 2, 3, 4]", check.stderr


def test_overwriting_a_path_the_query_reads_is_refused(spark: SparkSession, tmp_path: Path) -> None:
    path = str(tmp_path / "out")
    spark.range(3).write.parquet(path)
    with pytest.raises(errors.AnalysisException) as raised:
        spark.read.parquet(path).write.mode("overwrite").parquet(path)
    assert raised.value.getCondition() == "UNSUPPORTED_OVERWRITE.PATH"
    assert spark.read.parquet(path).count() == 3


def test_gzip_text_and_compression_names(spark: SparkSession, tmp_path: Path) -> None:
    import gzip

    spark.createDataFrame([(1, "a")], "i int, s string").coalesce(1).write.option("compression", "gzip").csv(str(tmp_path / "csv"))
    [part] = [name for name in os.listdir(tmp_path / "csv") if name.startswith("part-")]
    assert part.endswith(".csv.gz")
    assert gzip.decompress((tmp_path / "csv" / part).read_bytes()) == b"1,a\n"
    spark.range(2).write.parquet(str(tmp_path / "pq"), compression="zstd")
    assert all(name.endswith(".zstd.parquet") for name in os.listdir(tmp_path / "pq") if name.startswith("part-"))
    spark.range(2).write.orc(str(tmp_path / "orc"), compression="lz4")
    assert all(name.endswith(".lz4.orc") for name in os.listdir(tmp_path / "orc") if name.startswith("part-"))
    with pytest.raises(errors.PySparkNotImplementedError):
        spark.range(1).write.format("avro").save(str(tmp_path / "avro"))


def test_bucketed_table_files_and_rows(spark: SparkSession) -> None:
    spark.sql("DROP TABLE IF EXISTS bucketed")
    df = spark.createDataFrame([(100, "Hyukjin Kwon"), (120, "Hyukjin Kwon"), (140, "Haejoon Lee")], ["age", "name"])
    df.write.bucketBy(2, "name").sortBy("age").saveAsTable("bucketed")
    location = Path(spark.conf.get("spark.sql.warehouse.dir")) / "bucketed"
    assert all(re.search(r"_0000[01]\.c000\.snappy\.parquet$", name) for name in _data_files(location))
    assert [tuple(row) for row in spark.table("bucketed").orderBy("age").collect()] == [
        (100, "Hyukjin Kwon"), (120, "Hyukjin Kwon"), (140, "Haejoon Lee"),
    ]
    spark.sql("DROP TABLE bucketed")
    assert not location.exists()
    with pytest.raises(errors.AnalysisException):
        df.write.bucketBy(2, "name").parquet(str(location))


def test_writer_v2(spark: SparkSession) -> None:
    spark.sql("DROP TABLE IF EXISTS v2")
    df = spark.createDataFrame([(1, "a"), (2, "b"), (5, "c")], "i int, s string")
    df.writeTo("v2").using("json").tableProperty("k", "v").partitionedBy("s").create()
    assert spark.catalog.getTableProperties("v2") == {"k": "v"}
    with pytest.raises(errors.AnalysisException):
        df.writeTo("v2").create()
    df.select("s", "i").writeTo("v2").append()
    assert spark.table("v2").count() == 6
    # The rows matching the condition are replaced by the DataFrame's rows.
    df.writeTo("v2").overwrite(F.col("i") > 3)
    assert sorted(tuple(row) for row in spark.table("v2").collect()) == [(1, "a")] * 3 + [(2, "b")] * 3 + [(5, "c")]
    spark.createDataFrame([(9, "a")], "i int, s string").writeTo("v2").overwritePartitions()
    assert sorted(tuple(row) for row in spark.table("v2").collect()) == [(2, "b")] * 3 + [(5, "c"), (9, "a")]
    spark.createDataFrame([(7,)], "i int").writeTo("v2").createOrReplace()
    assert [tuple(row) for row in spark.table("v2").collect()] == [(7,)]
    with pytest.raises(errors.PySparkNotImplementedError):
        df.writeTo("v3").partitionedBy(F.years("s")).create()
    spark.sql("DROP TABLE v2")


def test_readers_skip_hidden_files_and_read_empty_directories_with_a_schema(spark: SparkSession, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("1\n")
    (tmp_path / "_b.csv").write_text("2\n")
    (tmp_path / ".c.csv").write_text("3\n")
    (tmp_path / "_temporary").mkdir()
    (tmp_path / "_temporary" / "d.csv").write_text("4\n")
    assert [row[0] for row in spark.read.csv(str(tmp_path)).collect()] == ["1"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert spark.read.schema("a INT, b DOUBLE").csv(str(empty)).count() == 0
    with pytest.raises(errors.AnalysisException) as raised:
        spark.read.parquet(str(empty))
    assert raised.value.getCondition() == "UNABLE_TO_INFER_SCHEMA"
