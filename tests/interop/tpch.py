"""TPC-H at scale factor 0.01: data from ``tpchgen-cli`` and the 22 queries' plans from
two external producers (datafusion-python and DuckDB), run on the pyrust runtime.

The query texts come from DuckDB's built-in ``tpch`` extension (``tpch_queries()``), read
at test time; both producers compile the same text, and DuckDB's SQL engine on the same
files is the reference.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyarrow as pa

from .producers import ProducerError, _first_line, duckdb_connection
from .tpch_duckdb_forms import DUCKDB_FORMS

TABLES = ("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier")
SCALE_FACTOR = "0.01"
PRODUCERS = ("datafusion", "duckdb")


def generate(directory: Path) -> dict[str, str]:
    """Write the eight tables as parquet files (about 2 s); returns table -> path."""
    executable = shutil.which("tpchgen-cli")
    if executable is None:
        msg = "tpchgen-cli is not installed (pip install tpchgen-cli)"
        raise FileNotFoundError(msg)
    subprocess.run(
        [executable, "parquet", "-s", SCALE_FACTOR, f"--output-dir={directory}"],
        check=True,
        capture_output=True,
    )
    return {table: str(directory / f"{table}.parquet") for table in TABLES}


def queries() -> dict[int, str]:
    """The 22 TPC-H queries as DuckDB's tpch extension writes them."""
    import duckdb

    connection = duckdb.connect()
    try:
        connection.execute("LOAD tpch")
        return dict(connection.execute("SELECT query_nr, query FROM tpch_queries()").fetchall())
    finally:
        connection.close()


class Workload:
    """Produces each (producer, query) plan and each reference result once."""

    def __init__(self, directory: Path) -> None:
        self.paths = generate(directory)
        self.texts = queries()
        self._duckdb = None
        self._datafusion = None

    def duckdb(self):
        if self._duckdb is None:
            self._duckdb = duckdb_connection()
            for table, path in self.paths.items():
                self._duckdb.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{path}')")
        return self._duckdb

    def datafusion(self):
        if self._datafusion is None:
            from datafusion import SessionContext

            self._datafusion = SessionContext()
            for table, path in self.paths.items():
                self._datafusion.register_parquet(table, path)
        return self._datafusion

    def plan(self, producer: str, number: int) -> bytes:
        try:
            if producer == "duckdb":
                text = self.duckdb_text(number)
                (plan,) = self.duckdb().execute("CALL get_substrait(?)", [text]).fetchone()
                return bytes(plan)
            return self._datafusion_plan(self.texts[number])
        except Exception as error:
            raise ProducerError(_first_line(error)) from error

    def duckdb_text(self, number: int) -> str:
        """What DuckDB's producer is given: the query, or its equivalent form (tpch_duckdb_forms)."""
        return DUCKDB_FORMS.get(number, self.texts[number])

    def _datafusion_plan(self, text: str) -> bytes:
        """datafusion-python's plan of the query; its producer cannot write correlated
        subqueries (outer references), so for those it writes DataFusion's optimized,
        decorrelated plan (joins with aggregates) instead."""
        from datafusion.substrait import Producer

        context = self.datafusion()
        frame = context.sql(text)
        try:
            return Producer.to_substrait_plan(frame.logical_plan(), context).encode()
        except Exception as error:
            if "OuterReferenceColumn" not in str(error):
                raise
            return Producer.to_substrait_plan(frame.optimized_logical_plan(), context).encode()

    def reference(self, number: int) -> pa.Table:
        return self.duckdb().execute(self.texts[number]).arrow()

    def run_on_pyrust(self, plan: bytes) -> pa.Table:
        """The plan on pyrust: ``spark.substrait`` over temp views of the parquet files."""
        from pyrust.sql.session import SparkSession

        spark = SparkSession({"spark.master": "local[2]"})
        if hasattr(spark, "substrait"):
            for table, path in self.paths.items():
                spark.read.parquet(path).createOrReplaceTempView(table)
            return spark.substrait(plan).toArrow()
        from pyrust._native import EngineSession  # before spark.substrait existed

        session = EngineSession({"datafusion.execution.target_partitions": "2"})
        for table, path in self.paths.items():
            session.register_files(table, "parquet", [path], {}, None)
        return session.execute(plan)

def run(workload: Workload, producer: str, number: int):
    """One TPC-H query's outcome on pyrust (a ``harness.Outcome``)."""
    from .compare import difference
    from .harness import CONSUMER_ERROR, PASS, PRODUCER_ERROR, WRONG_RESULT, Outcome

    try:
        plan = workload.plan(producer, number)
    except ProducerError as error:
        return Outcome(PRODUCER_ERROR, str(error))
    try:
        actual = workload.run_on_pyrust(plan)
    except Exception as error:  # noqa: BLE001 - recorded
        return Outcome(CONSUMER_ERROR, f"{type(error).__name__}: {_first_line(error)}")
    problem = difference(actual, workload.reference(number), ordered=False)
    return Outcome(WRONG_RESULT, problem) if problem else Outcome(PASS)
