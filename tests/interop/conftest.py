"""Fixtures shared by the interop tests: one matrix and one TPC-H workload per session.

A producer or consumer whose package is missing skips its cells locally and fails them
in CI (``CI=true``), so the suite cannot pass by skipping everything.
"""

from __future__ import annotations

import os

import pytest

from .harness import Matrix
from .tpch import Workload


def require(missing: str | None, what: str) -> None:
    """Skip (locally) or fail (in CI) when ``missing`` says something is not installed."""
    if not missing:
        return
    message = f"{what}: {missing}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message} (required in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    return Matrix(tmp_path_factory.mktemp("interop-files"))


@pytest.fixture(scope="session")
def tpch_workload(tmp_path_factory: pytest.TempPathFactory) -> Workload:
    import shutil

    from .producers import DuckDBProducer

    require(None if shutil.which("tpchgen-cli") else "not installed: tpchgen-cli", "TPC-H data")
    require(DuckDBProducer().missing(), "DuckDB (TPC-H queries and reference)")
    return Workload(tmp_path_factory.mktemp("tpch"))
