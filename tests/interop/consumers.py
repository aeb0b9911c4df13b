"""The Substrait consumers: each runs plan bytes over the interop tables and returns Arrow."""

from __future__ import annotations

import importlib.util

import pyarrow as pa

from .data import tables
from .plans import ProducedPlan
from .producers import _version, duckdb_connection, load_tables


class Consumer:
    name: str
    label: str

    def missing(self) -> str | None:
        return None

    def run(self, produced: ProducedPlan) -> pa.Table:
        raise NotImplementedError


def _served(produced: ProducedPlan) -> dict[str, pa.Table]:
    """The interop tables under the names the plan reads (unknown names are left out)."""
    data = tables()
    return {name: data[table] for name, table in produced.table_names().items() if table in data}


class PyRustConsumer(Consumer):
    """The pyrust runtime: ``spark.substrait(plan)`` when the API has it, else the bridge."""

    name = "pyrust"

    def __init__(self) -> None:
        from pyrust.sql.session import SparkSession

        self.via_api = hasattr(SparkSession, "substrait")
        self.label = f"pyrust {_version('pyrust')} " + ("(spark.substrait)" if self.via_api else "(EngineSession.execute)")

    def run(self, produced: ProducedPlan) -> pa.Table:
        served = _served(produced)
        if self.via_api:
            from pyrust.sql.session import SparkSession

            spark = SparkSession()
            for name, table in served.items():
                spark.createDataFrame(table).createOrReplaceTempView(name)
            return spark.substrait(produced.plan).toArrow()
        from pyrust._native import EngineSession

        session = EngineSession({"datafusion.execution.target_partitions": "2"})
        for name, table in served.items():
            session.register_arrow(name, table, 1)
        return session.execute(produced.plan)


class DataFusionConsumer(Consumer):
    """datafusion-python: ``Consumer.from_substrait_plan`` then collect."""

    name = "datafusion"

    def missing(self) -> str | None:
        return None if importlib.util.find_spec("datafusion") else "not installed: datafusion"

    def __init__(self) -> None:
        self.label = "datafusion-python " + ("?" if self.missing() else _version("datafusion"))

    def run(self, produced: ProducedPlan) -> pa.Table:
        from datafusion import SessionContext
        from datafusion.substrait import Consumer as SubstraitConsumer
        from datafusion.substrait import Serde

        context = SessionContext()
        for name, table in _served(produced).items():
            context.register_record_batches(name, [table.to_batches()])
        logical_plan = SubstraitConsumer.from_substrait_plan(context, Serde.deserialize_bytes(produced.plan))
        return context.create_dataframe_from_logical_plan(logical_plan).to_arrow_table()


class AceroConsumer(Consumer):
    """pyarrow's Acero: ``pyarrow.substrait.run_query``."""

    name = "acero"

    def __init__(self) -> None:
        self.label = f"pyarrow {pa.__version__} (Acero)"

    def missing(self) -> str | None:
        return None if importlib.util.find_spec("pyarrow.substrait") else "pyarrow built without substrait"

    def run(self, produced: ProducedPlan) -> pa.Table:
        import pyarrow.substrait as pa_substrait

        served = _served(produced)

        def table_provider(names: list[str], schema: pa.Schema) -> pa.Table:
            if names[-1] not in served:
                msg = f"unknown table {names}"
                raise KeyError(msg)
            return served[names[-1]]

        return pa_substrait.run_query(pa.py_buffer(produced.plan), table_provider=table_provider).read_all()


class DuckDBConsumer(Consumer):
    """DuckDB 1.1.3: ``CALL from_substrait(plan)``."""

    name = "duckdb"

    def missing(self) -> str | None:
        absent = [module for module in ("duckdb", "duckdb_extension_substrait") if not importlib.util.find_spec(module)]
        return f"not installed: {', '.join(absent)}" if absent else None

    def __init__(self) -> None:
        self.label = "duckdb " + ("?" if self.missing() else _version("duckdb")) + " (substrait extension)"

    def run(self, produced: ProducedPlan) -> pa.Table:
        connection = duckdb_connection()
        try:
            load_tables(connection, _served(produced))
            return connection.execute("CALL from_substrait(?)", [produced.plan]).arrow()
        finally:
            connection.close()


CONSUMERS = [PyRustConsumer, DataFusionConsumer, AceroConsumer, DuckDBConsumer]
