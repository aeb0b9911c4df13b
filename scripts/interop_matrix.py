#!/usr/bin/env python3
"""Run every Substrait producer x consumer x query (and TPC-H on pyrust) and write
docs/interop.md plus tests/interop/expected.json and expected_tpch.json (the outcomes
pytest checks).

    python scripts/interop_matrix.py              # run, write both files
    python scripts/interop_matrix.py --check      # run, fail if outcomes differ from expected.json
    python scripts/interop_matrix.py --dump DIR   # also write every plan as protobuf JSON
    python scripts/interop_matrix.py --setup-ibis # only create the ibis-substrait venv

Exits 1 when a failing cell has no explanation in tests/interop/explanations.py (or, with
--check, when an outcome changed). Creates the ibis-substrait venv when it is missing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from interop import report, tpch  # noqa: E402
from interop.harness import Matrix, Outcome  # noqa: E402
from interop.producers import ensure_ibis_venv  # noqa: E402
from interop.queries import QUERIES  # noqa: E402


def _dump(matrix: Matrix, directory: Path) -> None:
    from google.protobuf import json_format
    from substrait import plan_pb2

    directory.mkdir(parents=True, exist_ok=True)
    for producer in matrix.producers:
        for query in QUERIES:
            produced = matrix.plan(producer, query)
            if isinstance(produced, Outcome):
                continue
            plan = plan_pb2.Plan()
            plan.ParseFromString(produced.plan)
            (directory / f"{producer}.{query.name}.json").write_text(json_format.MessageToJson(plan))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with expected.json instead of rewriting it")
    parser.add_argument("--dump", type=Path, help="write every produced plan as JSON into this directory")
    parser.add_argument("--no-tpch", action="store_true", help="skip the TPC-H section")
    parser.add_argument("--setup-ibis", action="store_true", help="only create the ibis-substrait venv, then exit")
    arguments = parser.parse_args()

    ensure_ibis_venv()
    if arguments.setup_ibis:
        return 0
    with tempfile.TemporaryDirectory(prefix="pyrust-interop-") as scratch:
        matrix = Matrix(Path(scratch) / "files")
        for name, producer in matrix.producers.items():
            if producer.missing():
                print(f"producer {name}: {producer.missing()}", file=sys.stderr)
                return 2
        results = matrix.run_all()
        if arguments.dump:
            _dump(matrix, arguments.dump)
        tpch_results = None
        if not arguments.no_tpch:
            workload = tpch.Workload(Path(scratch) / "tpch")
            tpch_results = {
                producer: {number: tpch.run(workload, producer, number) for number in sorted(workload.texts)}
                for producer in tpch.PRODUCERS
            }

    status = 0
    missing = report.unexplained(matrix, results)
    for line in missing:
        print(f"unexplained: {line}", file=sys.stderr)
        status = 1
    if arguments.check:
        expected = report.expected_outcomes()
        for key, outcome in sorted(results.items()):
            if expected.get(key) != outcome.status:
                print(f"changed: {key}: expected {expected.get(key)}, got {outcome.status} {outcome.detail}", file=sys.stderr)
                status = 1
        return status
    report.write_expected(results)
    if tpch_results is not None:
        report.write_expected_tpch(tpch_results)
    document = report.render(matrix, results, tpch_results, "python scripts/interop_matrix.py")
    (ROOT / "docs" / "interop.md").write_text(document)
    passed = sum(outcome.status == "pass" for outcome in results.values())
    print(f"{passed}/{len(results)} cells pass; wrote docs/interop.md and tests/interop/expected.json")
    return status


if __name__ == "__main__":
    sys.exit(main())
