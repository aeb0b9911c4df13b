"""The persistent catalog: what one process creates another sees, and two
processes writing at once lose nothing (python/pyrust/sql/_catalog_store.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

# The child processes import the pyrust this process imports (the installed package
# in CI, the working tree with PYTHONPATH=python).
_ENVIRONMENT = {**os.environ, "PYTHONPATH": os.pathsep.join(entry for entry in sys.path if entry)}


def _run(code: str, warehouse: Path) -> subprocess.CompletedProcess:
    program = textwrap.dedent(
        f"""
        from pyrust.sql import SparkSession
        spark = SparkSession.builder.config("spark.sql.warehouse.dir", {str(warehouse)!r}).getOrCreate()
        """
    ) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=_ENVIRONMENT, timeout=120)


def test_a_new_process_sees_databases_tables_and_views(tmp_path: Path) -> None:
    created = _run(
        """
        spark.sql("CREATE DATABASE sales")
        spark.sql("CREATE TABLE sales.orders (id BIGINT, amount DOUBLE) USING parquet")
        spark.sql("CREATE VIEW answer AS SELECT 42 AS x")
        """,
        tmp_path,
    )
    assert created.returncode == 0, created.stderr
    seen = _run(
        """
        print(spark.catalog.databaseExists("sales"), spark.catalog.tableExists("sales.orders"))
        print(spark.table("sales.orders").schema.simpleString())
        print(spark.sql("SELECT x FROM answer").collect())
        """,
        tmp_path,
    )
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.splitlines() == ["True True", "struct<id:bigint,amount:double>", "[Row(x=42)]"]
    assert (tmp_path / "sales.db" / "orders").is_dir()


def test_a_new_process_calls_the_sql_functions_kept_in_the_catalog(tmp_path: Path) -> None:
    created = _run(
        """
        spark.sql("CREATE FUNCTION twice(x INT) RETURNS BIGINT RETURN x * 2")
        spark.sql("CREATE TEMPORARY FUNCTION gone(x INT) RETURN x")
        print(spark.sql("SELECT twice(21)").collect())
        """,
        tmp_path,
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines() == ["[Row(spark_catalog.default.twice(21)=42)]"]
    seen = _run(
        """
        print(spark.sql("SELECT twice(4) AS t").collect(), spark.catalog.functionExists("gone"))
        spark.sql("DROP FUNCTION twice")
        print(spark.catalog.functionExists("twice"))
        """,
        tmp_path,
    )
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.splitlines() == ["[Row(t=8)] False", "False"]


# Both writers start together (a start file) and each creates _TABLES tables, so
# their read-modify-write cycles overlap: without the lock, entries get lost.
_TABLES = 150
_WRITER = """
import os, sys, time
from pyrust.sql import SparkSession
warehouse, name, start = sys.argv[1], sys.argv[2], sys.argv[3]
spark = SparkSession.builder.config("spark.sql.warehouse.dir", warehouse).getOrCreate()
spark.catalog.listDatabases()
while not os.path.exists(start):
    time.sleep(0.001)
for index in range(int(sys.argv[4])):
    spark.sql(f"CREATE TABLE t_{name}_{index} (x INT) USING parquet")
"""


@pytest.mark.parametrize("round_", range(2))
def test_two_processes_creating_tables_at_once_lose_none(tmp_path: Path, round_: int) -> None:
    start = tmp_path / "start"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path), name, str(start), str(_TABLES)],
            env=_ENVIRONMENT, stderr=subprocess.PIPE, text=True,
        )
        for name in ("a", "b")
    ]
    time.sleep(2)  # both import pyrust and make their session
    start.touch()
    for writer in writers:
        _, error = writer.communicate(timeout=180)
        assert writer.returncode == 0, error
    catalog = json.loads((tmp_path / "_pyrust_catalog.json").read_text())
    assert sorted(catalog["tables"]) == sorted(f"default.t_{name}_{index}" for name in "ab" for index in range(_TABLES))


def test_dropping_a_managed_table_removes_its_files_and_only_those(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    warehouse = tmp_path / "warehouse"
    result = _run(
        f"""
        spark.sql("CREATE TABLE managed (x INT) USING parquet")
        spark.sql("CREATE TABLE external (x INT) USING parquet LOCATION '{outside}'")
        spark.sql("DROP TABLE managed")
        spark.sql("DROP TABLE external")
        print(spark.catalog.listTables())
        """,
        warehouse,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert not (warehouse / "managed").exists()
    assert outside.is_dir()
