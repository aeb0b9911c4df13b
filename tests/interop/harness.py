"""Runs producer x consumer x query cells and records what happened in each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .compare import difference
from .consumers import CONSUMERS, Consumer
from .data import tables, write_files
from .plans import ProducedPlan
from .producers import PRODUCERS, Producer, ProducerError, _first_line, duckdb_connection, load_tables
from .queries import QUERIES, Query

PASS = "pass"
NOT_EXPRESSIBLE = "not expressible"  # the producer's API has no way to write the query
PRODUCER_ERROR = "producer error"
CONSUMER_ERROR = "consumer error"
WRONG_RESULT = "wrong result"


@dataclass(frozen=True)
class Outcome:
    status: str
    detail: str = ""

    def as_json(self) -> dict[str, str]:
        return {"status": self.status, "detail": self.detail}


def reference(query: Query, files: dict[str, str]) -> pa.Table:
    """The expected result: DuckDB's own SQL engine on the same rows."""
    import duckdb

    connection = duckdb.connect()
    try:
        load_tables(connection, tables())
        return connection.execute(query.sql.format(**files)).arrow()
    finally:
        connection.close()


class Matrix:
    """Lazily produces each plan and each reference once; runs cells on demand."""

    def __init__(self, directory: Path, producers: list[Producer] | None = None, consumers: list[Consumer] | None = None):
        self.files = write_files(directory)
        self.producers = {p.name: p for p in (producers if producers is not None else [make() for make in PRODUCERS])}
        self.consumers = {c.name: c for c in (consumers if consumers is not None else [make() for make in CONSUMERS])}
        self._plans: dict[tuple[str, str], ProducedPlan | Outcome] = {}
        self._references: dict[str, pa.Table] = {}

    def plan(self, producer: str, query: Query) -> ProducedPlan | Outcome:
        key = (producer, query.name)
        if key not in self._plans:
            try:
                produced = self.producers[producer].produce(query, self.files)
                self._plans[key] = produced if produced is not None else Outcome(NOT_EXPRESSIBLE)
            except ProducerError as error:
                self._plans[key] = Outcome(PRODUCER_ERROR, str(error))
        return self._plans[key]

    def expected(self, query: Query) -> pa.Table:
        if query.name not in self._references:
            self._references[query.name] = reference(query, self.files)
        return self._references[query.name]

    def run(self, producer: str, consumer: str, query: Query) -> Outcome:
        produced = self.plan(producer, query)
        if isinstance(produced, Outcome):
            return produced
        try:
            actual = self.consumers[consumer].run(produced)
        except Exception as error:  # noqa: BLE001 - every consumer failure is a recorded outcome
            return Outcome(CONSUMER_ERROR, f"{type(error).__name__}: {_first_line(error)}")
        problem = difference(actual, self.expected(query), ordered=query.ordered)
        return Outcome(WRONG_RESULT, problem) if problem else Outcome(PASS)

    def cells(self) -> list[tuple[str, str, Query]]:
        return [(p, c, q) for p in self.producers for c in self.consumers for q in QUERIES]

    def run_all(self) -> dict[str, Outcome]:
        return {cell_id(p, c, q.name): self.run(p, c, q) for p, c, q in self.cells()}


def cell_id(producer: str, consumer: str, query: str) -> str:
    return f"{producer}->{consumer}:{query}"
