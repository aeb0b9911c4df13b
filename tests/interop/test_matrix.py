"""Every producer x consumer x query cell against its recorded outcome.

A cell recorded as failing is a strict xfail: it must still fail, and once it passes the
test fails until ``python scripts/interop_matrix.py`` records the improvement (and
docs/interop.md shows it). A cell the producer cannot express must stay so.
"""

from __future__ import annotations

import pytest

from .conftest import require
from .consumers import CONSUMERS
from .harness import NOT_EXPRESSIBLE, PASS, Matrix, cell_id
from .producers import PRODUCERS
from .queries import QUERIES
from .report import expected_outcomes

_EXPECTED = expected_outcomes()

# Acero reports a table its provider lacks (datafusion's path-named tables) as an
# "exception ignored" in the provider callback before failing the query itself.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def _cells():
    for producer in PRODUCERS:
        for consumer in CONSUMERS:
            for query in QUERIES:
                key = cell_id(producer.name, consumer.name, query.name)
                status = _EXPECTED.get(key, PASS)
                marks = []
                if status not in (PASS, NOT_EXPRESSIBLE):
                    marks.append(pytest.mark.xfail(strict=True, reason=f"recorded: {status} (see docs/interop.md)"))
                yield pytest.param(producer.name, consumer.name, query, status, id=key, marks=marks)


@pytest.mark.parametrize(("producer", "consumer", "query", "recorded"), list(_cells()))
def test_cell(matrix: Matrix, producer: str, consumer: str, query, recorded: str) -> None:
    require(matrix.producers[producer].missing(), f"producer {producer}")
    require(matrix.consumers[consumer].missing(), f"consumer {consumer}")
    outcome = matrix.run(producer, consumer, query)
    if recorded == NOT_EXPRESSIBLE:
        assert outcome.status == NOT_EXPRESSIBLE, "the producer can now express this query: rerun scripts/interop_matrix.py"
        return
    assert outcome.status == PASS, f"{outcome.status}: {outcome.detail}"


def test_every_cell_is_recorded() -> None:
    """expected.json covers the whole matrix (a new query or producer needs a matrix run)."""
    keys = {cell_id(p.name, c.name, q.name) for p in PRODUCERS for c in CONSUMERS for q in QUERIES}
    assert keys - set(_EXPECTED) == set()


def test_pyrust_round_trips_every_query_it_can_express(matrix: Matrix) -> None:
    """pyrust's own plans all run on its runtime (the matrix row pyrust -> pyrust is green)."""
    expressible = [q for q in QUERIES if q.pyrust is not None]
    assert len(expressible) >= 15
    failures = {q.name: matrix.run("pyrust", "pyrust", q) for q in expressible}
    assert {name: o for name, o in failures.items() if o.status != PASS} == {}
