"""TPC-H (scale factor 0.01, data from tpchgen-cli) as plans from datafusion-python and
DuckDB, run on the pyrust runtime and checked against DuckDB's SQL engine.

Queries that still fail are strict xfails whose reason is the exact error (recorded in
expected_tpch.json), so each gap stays visible and a fix shows up as an XPASS.
"""

from __future__ import annotations

import pytest

from .conftest import require
from .harness import PASS
from .producers import DataFusionProducer, DuckDBProducer
from .report import expected_tpch_failures
from .tpch import PRODUCERS, Workload, run
from .tpch_duckdb_forms import DUCKDB_FORMS

# "<producer>-q<n>" -> the exact error it fails with today (scripts/interop_matrix.py
# rewrites expected_tpch.json; a query that starts passing is an XPASS until then).
KNOWN_FAILURES = expected_tpch_failures()

_PRODUCERS = {"datafusion": DataFusionProducer, "duckdb": DuckDBProducer}


def _cases():
    for producer in PRODUCERS:
        for number in range(1, 23):
            reason = KNOWN_FAILURES.get(f"{producer}-q{number}")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(producer, number, id=f"{producer}-q{number}", marks=marks)


@pytest.mark.parametrize(("producer", "number"), list(_cases()))
def test_tpch_query(tpch_workload: Workload, producer: str, number: int) -> None:
    require(_PRODUCERS[producer]().missing(), f"producer {producer}")
    outcome = run(tpch_workload, producer, number)
    assert outcome.status == PASS, f"{outcome.status}: {outcome.detail}"


def test_the_queries_are_the_22_of_tpch(tpch_workload: Workload) -> None:
    assert sorted(tpch_workload.texts) == list(range(1, 23))


@pytest.mark.parametrize("number", sorted(DUCKDB_FORMS))
def test_duckdbs_equivalent_forms_answer_the_original_query(tpch_workload: Workload, number: int) -> None:
    require(DuckDBProducer().missing(), "producer duckdb")
    connection = tpch_workload.duckdb()
    original = connection.execute(tpch_workload.texts[number]).fetchall()
    rewritten = connection.execute(DUCKDB_FORMS[number]).fetchall()
    assert original, f"Q{number} returns no rows at this scale: the comparison would prove nothing"
    assert rewritten == original
