"""The Substrait producers, each turning an interop query into plan bytes at test time.

A producer returns ``None`` for a query its API cannot express and raises
``ProducerError`` when it fails to produce a plan for one it can.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa

from .data import tables
from .plans import ProducedPlan
from .queries import Query

IBIS_REQUIREMENTS = ("ibis-substrait==4.0.1", "substrait==0.21.0", "ibis-framework>=9,<10")
IBIS_VENV = Path(os.environ.get("PYRUST_IBIS_VENV", Path.home() / ".cache/pyrust/ibis-venv"))


class ProducerError(Exception):
    """The producer could not turn a query it can express into a plan."""


class Producer:
    name: str
    label: str  # with versions, for the report

    def missing(self) -> str | None:
        """Why this producer cannot run here (a package is missing), or None."""
        return None

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        raise NotImplementedError


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def _missing_modules(*modules: str) -> str | None:
    absent = [module for module in modules if importlib.util.find_spec(module) is None]
    return f"not installed: {', '.join(absent)}" if absent else None


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:400]


class PyRustProducer(Producer):
    """A pyrust DataFrame's own plan (``df._substrait()``)."""

    name = "pyrust"
    portable = False

    def __init__(self) -> None:
        self.label = f"pyrust {_version('pyrust')} (DataFrame API, `df._substrait()`)"
        self._spark = None

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        if query.pyrust is None:
            return None
        from pyrust.sql import functions as F
        from pyrust.sql.session import SparkSession

        if self._spark is None:
            self._spark = SparkSession()
            self._frames = {name: self._spark.createDataFrame(table) for name, table in tables().items()}
            self._aliases = {frame._plan.names[-1]: name for name, frame in self._frames.items()}
        try:
            frame = query.pyrust(self._frames, F)
            plan = frame._substrait(portable=True) if self.portable else frame._substrait()
        except Exception as error:
            raise ProducerError(_first_line(error)) from error
        return ProducedPlan(plan, self._aliases)


class PyRustPortableProducer(PyRustProducer):
    """The same plans with the deprecated forms older consumers read (``portable=True``)."""

    name = "pyrust-portable"
    portable = True

    def __init__(self) -> None:
        super().__init__()
        self.label = f"pyrust {_version('pyrust')} (`df._substrait(portable=True)`)"


class DataFusionProducer(Producer):
    """datafusion-python: SQL -> logical plan -> ``Producer.to_substrait_plan``."""

    name = "datafusion"

    def missing(self) -> str | None:
        return _missing_modules("datafusion")

    def __init__(self) -> None:
        self.label = "datafusion-python " + (_version("datafusion") if not self.missing() else "?")
        self._context = None

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        sql = query.sql_for(self.name, files)
        if not sql:
            return None
        from datafusion import SessionContext
        from datafusion.substrait import Producer as SubstraitProducer

        if self._context is None:
            self._context = SessionContext().enable_url_table()
            for name, table in tables().items():
                self._context.register_record_batches(name, [table.to_batches()])
        try:
            plan = SubstraitProducer.to_substrait_plan(self._context.sql(sql).logical_plan(), self._context)
            return ProducedPlan(plan.encode())
        except Exception as error:
            raise ProducerError(_first_line(error)) from error


def duckdb_connection():
    """A DuckDB 1.1.3 connection with the substrait extension loaded from its pip package."""
    import duckdb
    import duckdb_extension_substrait

    extension = (
        Path(duckdb_extension_substrait.__file__).parent
        / f"extensions/v{duckdb.__version__}/substrait.duckdb_extension"
    )
    connection = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    connection.execute(f"LOAD '{extension}'")
    return connection


def load_tables(connection, named: dict[str, pa.Table]) -> None:
    """Create DuckDB tables (not views: ``from_substrait`` binds catalog tables)."""
    for name, table in named.items():
        connection.register("__arrow_input", table)
        connection.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM __arrow_input')
        connection.unregister("__arrow_input")


class DuckDBProducer(Producer):
    """DuckDB 1.1.3 + its substrait extension: ``CALL get_substrait(sql)``."""

    name = "duckdb"

    def missing(self) -> str | None:
        return _missing_modules("duckdb", "duckdb_extension_substrait")

    def __init__(self) -> None:
        self.label = "duckdb " + (_version("duckdb") if not self.missing() else "?") + " (substrait extension)"
        self._connection = None

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        sql = query.sql_for(self.name, files)
        if not sql:
            return None
        if self._connection is None:
            self._connection = duckdb_connection()
            load_tables(self._connection, tables())
        try:
            (plan,) = self._connection.execute("CALL get_substrait(?)", [sql]).fetchone()
        except Exception as error:
            raise ProducerError(_first_line(error)) from error
        return ProducedPlan(bytes(plan))


_SUBSTRAIT_TYPES: dict[pa.DataType, str] = {
    pa.int64(): "i64",
    pa.int32(): "i32",
    pa.float64(): "fp64",
    pa.string(): "string",
    pa.date32(): "date",
}


class SubstraitPythonProducer(Producer):
    """The ``substrait`` package's fluent ``substrait.dataframe`` (over ``substrait.builders``)."""

    name = "substrait-python"

    def __init__(self) -> None:
        self.label = f"substrait-python {_version('substrait')} (substrait.dataframe / builders)"

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        if query.substrait is None:
            return None
        import substrait.dataframe as sub

        schemas = {
            name: {column.name: getattr(sub, _SUBSTRAIT_TYPES[column.type]) for column in table.schema}
            for name, table in tables().items()
        }
        frames: dict[str, Any] = {name: sub.read_named_table(name, schema) for name, schema in schemas.items()}
        frames["__schemas__"] = schemas
        frames["__files__"] = files
        try:
            plan = query.substrait(frames, sub).to_plan()
            return ProducedPlan(plan.SerializeToString())
        except Exception as error:
            raise ProducerError(_first_line(error)) from error


_IBIS_TYPES: dict[pa.DataType, str] = {
    pa.int64(): "int64",
    pa.float64(): "float64",
    pa.string(): "string",
    pa.date32(): "date",
}


def ibis_python() -> Path:
    return IBIS_VENV / "bin" / "python"


def ensure_ibis_venv() -> Path:
    """Create the ibis-substrait virtual environment once (about 30 s with a network)."""
    python = ibis_python()
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(IBIS_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *IBIS_REQUIREMENTS],
            check=True,
        )
    return python


class IbisProducer(Producer):
    """ibis 9 expressions compiled by ibis-substrait 4.0.1, in their own venv (``ibis_plans.py``)."""

    name = "ibis"
    label = "ibis-substrait 4.0.1 (ibis-framework 9, substrait 0.21)"

    def __init__(self) -> None:
        self._answers: dict[str, dict[str, str]] | None = None

    def missing(self) -> str | None:
        if ibis_python().exists():
            return None
        return f"no ibis-substrait venv at {IBIS_VENV} (python scripts/interop_matrix.py --setup-ibis creates it)"

    def _compile_all(self) -> dict[str, dict[str, str]]:
        from .queries import QUERIES

        request = {
            "schemas": {
                name: [[column.name, _IBIS_TYPES[column.type]] for column in table.schema]
                for name, table in tables().items()
            },
            "queries": [entry.name for entry in QUERIES],
        }
        completed = subprocess.run(
            [str(ibis_python()), str(Path(__file__).with_name("ibis_plans.py"))],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            msg = f"ibis_plans.py failed: {completed.stderr.strip()[-2000:]}"
            raise RuntimeError(msg)
        return json.loads(completed.stdout)

    def produce(self, query: Query, files: dict[str, str]) -> ProducedPlan | None:
        if self._answers is None:
            self._answers = self._compile_all()
        answer = self._answers.get(query.name)
        if answer is None:
            return None
        if "error" in answer:
            raise ProducerError(answer["error"].splitlines()[0][:400])
        return ProducedPlan(base64.b64decode(answer["plan"]))


PRODUCERS: list[Callable[[], Producer]] = [
    PyRustProducer,
    PyRustPortableProducer,
    DataFusionProducer,
    DuckDBProducer,
    IbisProducer,
    SubstraitPythonProducer,
]
