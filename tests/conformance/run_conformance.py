"""Runs PySpark's docstring examples against pyrust and reports per-module pass counts.

From the repository root, with pyrust importable and an installed PySpark 4.3
to read the examples from (it is never imported by the run):

    PYTHONPATH=python python3 tests/conformance/run_conformance.py \\
        --pyspark-python /path/to/venv/bin/python [--module sql.column ...] \\
        [--repeat N] [--check-baseline | --update-baseline] [--write-docs]

Prints the per-module table, writes every example's outcome to --json
(default target/conformance/outcomes.json) and the workers' logs next to it.
With --repeat N the set runs N times; an example counts as passing only if it
passed every time, and those whose outcome varied are listed (candidates for
unstable.json).
Exit status: 0 done, 1 an example that baseline.json lists as passing failed
(--check-baseline), 2 the run could not be done (no PySpark sources, no
examples run, an unreadable baseline).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

import report
from examples import PySparkNotFound, find_pyspark_dir_from_environment, pyspark_version
from modules import MODULES, MODULES_BY_NAME
from supervisor import Outcome, run_modules

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPOSITORY / "target" / "conformance" / "outcomes.json"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_argument_group("where PySpark's sources are (else PYRUST_PYSPARK_DIR, PYRUST_PYSPARK_PYTHON, or this interpreter)")
    where.add_argument("--pyspark-dir", help="the installed pyspark package directory")
    where.add_argument("--pyspark-python", help="an interpreter with pyspark 4.3 installed")
    parser.add_argument("--module", action="append", choices=sorted(MODULES_BY_NAME), help="run only these modules (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes at a time")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per example (default 20)")
    parser.add_argument("--repeat", type=int, default=1, help="run everything N times; pass = passed every time (default 1)")
    parser.add_argument("--json", type=Path, default=DEFAULT_OUTPUT, help="where to write every example's outcome")
    parser.add_argument("--check-baseline", action="store_true", help="exit 1 if an example baseline.json lists as passing fails")
    parser.add_argument("--update-baseline", action="store_true", help="rewrite baseline.json from this run")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the generated section of docs/compatibility.md")
    options = parser.parse_args(argv)
    if options.module and (options.update_baseline or options.write_docs):
        parser.error("--update-baseline and --write-docs need the full run (no --module)")
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    try:
        package_dir = find_pyspark_dir_from_environment(options.pyspark_dir, options.pyspark_python)
    except PySparkNotFound as error:
        print(f"run_conformance failed: {error}", file=sys.stderr)
        return 2
    version = pyspark_version(package_dir)
    try:
        unstable = report.load_unstable()
    except (OSError, ValueError, KeyError) as error:
        print(f"run_conformance failed: cannot read {report.UNSTABLE_PATH}: {error!r}", file=sys.stderr)
        return 2
    modules = [MODULES_BY_NAME[name] for name in options.module] if options.module else list(MODULES)

    print(f"pyspark {version} examples from {package_dir}; pyrust from {_where_pyrust_is()}", flush=True)
    started = time.monotonic()
    runs = []
    for _ in range(max(1, options.repeat)):
        runs.append(
            run_modules(
                modules,
                engine="pyrust",
                package_dir=package_dir,
                log_dir=options.json.parent / "logs",
                jobs=options.jobs,
                timeout=options.timeout,
            )
        )
    elapsed = time.monotonic() - started
    outcomes, varied = report.combine_runs(runs)

    if not outcomes:
        print("run_conformance failed: no example was run", file=sys.stderr)
        return 2
    pyspark_failures = report.load_pyspark_failures()
    figures = report.module_figures(outcomes, pyspark_failures)
    report.write_outcomes(options.json, outcomes, pyspark_failures, unstable, version)
    print(report.markdown_table(figures))
    times = f" ({len(runs)} runs)" if len(runs) > 1 else ""
    print(f"\n{len(outcomes)} examples of pyspark {version} in {elapsed:.0f} s{times}; outcomes in {options.json}")
    if len(runs) > 1:
        print_varied(varied, unstable, len(runs))
    if not pyspark_failures:
        print("note: no pyspark_failures.json, so examples that fail on PySpark itself are counted")

    if options.write_docs:
        report.rewrite_docs(report.docs_section(figures, version))
        print(f"rewrote the conformance section of {report.DOCS_PATH}")
    if options.update_baseline:
        report.write_baseline(outcomes, unstable, version)
        print(f"rewrote {report.BASELINE_PATH}")
    if options.check_baseline:
        return check_baseline(outcomes, unstable)
    return 0


def print_varied(varied: dict[str, int], unstable: dict[str, str], runs: int) -> None:
    """The examples whose outcome changed between the runs, and whether unstable.json lists them."""
    print(f"{len(varied)} examples passed in some of the {runs} runs only")
    for key, passes in varied.items():
        listed = "listed in unstable.json" if key in unstable else "not in unstable.json: list it, with the reason"
        print(f"  {key}: passed {passes} of {runs} ({listed})")


def check_baseline(outcomes: list[Outcome], unstable: dict[str, str]) -> int:
    try:
        comparison = report.compare_with_baseline(outcomes, unstable)
    except (OSError, ValueError, KeyError) as error:
        print(f"run_conformance failed: cannot read {report.BASELINE_PATH}: {error!r}", file=sys.stderr)
        return 2
    unstable_run = sum(outcome.key in unstable for outcome in outcomes)
    print(
        f"baseline: {comparison.checked} examples checked, {len(comparison.regressions)} regressed, "
        f"{len(comparison.new_passes)} pass that it does not list yet, {unstable_run} unstable ones not checked"
    )
    if comparison.new_passes:
        print("  (to check them from now on: run_conformance.py --update-baseline, and commit baseline.json)")
    if not comparison.regressions:
        return 0
    lines = [
        f"{len(comparison.regressions)} examples that tests/conformance/baseline.json lists as passing fail now:",
        *(f"  {line}" for line in comparison.regressions),
        "To see one module's outcomes again: run_conformance.py --module MODULE (outcomes JSON: failure, line).",
        "If a change makes them fail on purpose, rewrite the baseline (full runs) and commit it:",
        "  PYTHONPATH=python python3 tests/conformance/run_conformance.py --pyspark-python PY --repeat 3 --update-baseline",
        "If one passes or fails by luck (rows in a shuffle's order, timing), list it in",
        "tests/conformance/unstable.json with the reason instead (see tests/conformance/README.md).",
    ]
    print("\n".join(lines), file=sys.stderr)
    return 1


def _where_pyrust_is() -> str:
    """The pyrust package the workers import (they share this process's sys.path)."""
    spec = importlib.util.find_spec("pyrust")
    if spec is None or not spec.submodule_search_locations:
        return "nowhere: pyrust is not importable"
    return str(spec.submodule_search_locations[0])


if __name__ == "__main__":
    sys.exit(main())
