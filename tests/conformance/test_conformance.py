"""The conformance measure as a test: every PySpark docstring example that
baseline.json lists as passing must pass again.

    PYRUST_PYSPARK_DIR=/path/to/site-packages/pyspark python3 -m pytest -q tests/conformance

The baseline test needs PySpark 4.3's sources to read the examples from
(PYRUST_PYSPARK_DIR or PYRUST_PYSPARK_PYTHON, or pyspark in this interpreter).
Without them it is skipped, except under CI (CI set), where scripts/test.sh
installs them: there it fails, so that CI cannot pass without having run the
examples. It runs against whichever pyrust this interpreter imports (in CI the
installed wheel). The other tests need nothing but pyrust.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402
from examples import PySparkNotFound, find_pyspark_dir_from_environment  # noqa: E402
from modules import MODULES_BY_NAME  # noqa: E402
from supervisor import Outcome, run_modules  # noqa: E402


def test_no_example_the_baseline_lists_fails(tmp_path: Path) -> None:
    try:
        find_pyspark_dir_from_environment(None, None)
    except PySparkNotFound as error:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run PySpark's examples (scripts/test.sh installs their sources): {error}")
        pytest.skip(str(error))
    outcomes_path = tmp_path / "outcomes.json"
    completed = subprocess.run(
        [sys.executable, str(HERE / "run_conformance.py"), "--check-baseline", "--json", str(outcomes_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    print(completed.stdout)
    assert completed.returncode == 0, completed.stderr
    # Belt and braces: exit 0 means every example the baseline lists ran and passed.
    passed = sum(example["passed"] for example in json.loads(outcomes_path.read_text())["examples"])
    assert passed >= len(json.loads(report.BASELINE_PATH.read_text())["passing"]) > 0


def test_baseline_and_unstable_list_are_consistent() -> None:
    baseline = json.loads(report.BASELINE_PATH.read_text())
    unstable = report.load_unstable()  # raises when an entry has no reason
    assert baseline["passing"], "an empty baseline would check nothing"
    assert len(set(baseline["passing"])) == len(baseline["passing"])
    assert not set(baseline["passing"]) & set(unstable), "an unstable example is not checked, so the baseline must not list it"
    assert {key.split(":", 1)[0] for key in [*baseline["passing"], *unstable]} <= set(MODULES_BY_NAME)


def _outcome(module: str, qualname: str, prompt: int, *, passed: bool) -> Outcome:
    failure = None if passed else "wrong output: expected other output, got 3"
    return Outcome(module, qualname, prompt, line=10 + prompt, checks_output=True, passed=passed, failure=failure, seconds=0.0)


def test_baseline_check_names_each_regression_and_lets_improvements_through(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps({"pyspark_version": "4.3.0", "passing": ["sql.a:f:0", "sql.a:f:1", "sql.a:gone:0", "sql.a:lucky:0", "sql.b:g:0"]})
    )
    unstable = {"sql.a:lucky:0": "rows in a shuffle's order"}
    outcomes = [
        _outcome("sql.a", "f", 0, passed=True),
        _outcome("sql.a", "f", 1, passed=False),  # regressed
        _outcome("sql.a", "h", 0, passed=True),  # new: improvements do not hide the regression
        _outcome("sql.a", "lucky", 0, passed=False),  # unstable: not checked
    ]  # sql.b was not run: not compared

    comparison = report.compare_with_baseline(outcomes, unstable, baseline)

    assert comparison.regressions == [
        "sql.a:f:1 (line 11): wrong output: expected other output, got 3",
        "sql.a:gone:0: not among the examples of pyspark 4.3.0 any more",
    ]
    assert comparison.new_passes == ["sql.a:h:0"]
    assert comparison.checked == 3
    assert report.baseline_of(outcomes, unstable) == ["sql.a:f:0", "sql.a:h:0"]


def test_repeated_runs_pass_an_example_only_if_it_passed_every_time() -> None:
    first = [_outcome("sql.a", "f", 0, passed=True), _outcome("sql.a", "f", 1, passed=True), _outcome("sql.a", "g", 0, passed=False)]
    second = [_outcome("sql.a", "f", 0, passed=True), _outcome("sql.a", "f", 1, passed=False), _outcome("sql.a", "g", 0, passed=False)]

    combined, varied = report.combine_runs([first, second])

    assert [(outcome.key, outcome.passed) for outcome in combined] == [("sql.a:f:0", True), ("sql.a:f:1", False), ("sql.a:g:0", False)]
    assert varied == {"sql.a:f:1": 1}


def test_an_unstable_example_needs_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "unstable.json"
    path.write_text(json.dumps({"examples": {"sql.a:f:0": " "}}))
    with pytest.raises(ValueError, match="needs its reason"):
        report.load_unstable(path)


# A stand-in PySpark tree: one module whose examples pass, fail, time out,
# ignore the timer and kill their worker, to check that each case is counted
# and that the run carries on after it.
FAKE_UTILS = '''
    """
    >>> 1 + 1
    2
    """
    import os


    def sleeps():
        """
        >>> import time
        >>> time.sleep(30)
        >>> 3
        3
        """


    def ignores_the_timer():
        """
        >>> import signal, time
        >>> _ = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        >>> time.sleep(30)
        >>> 4
        4
        """


    def exits():
        """
        >>> os._exit(3)
        >>> 5
        5
        """


    def runs_on_pyrust():
        """
        >>> from pyspark.sql import SparkSession, NoSuchThing
        >>> spark.range(3).count()
        3
        >>> spark.range(3).count()
        4
        >>> 7  # doctest: +SKIP
        8
        """
'''


def test_supervisor_counts_every_outcome_and_survives_hangs_and_crashes(tmp_path: Path) -> None:
    package = tmp_path / "pyspark"
    (package / "sql").mkdir(parents=True)
    (package / "version.py").write_text('__version__ = "4.3.0"\n')
    (package / "sql" / "utils.py").write_text(textwrap.dedent(FAKE_UTILS))

    outcomes = run_modules(
        [MODULES_BY_NAME["sql.utils"]],
        engine="pyrust",
        package_dir=package,
        log_dir=tmp_path / "logs",
        jobs=1,
        timeout=2,
        grace=2,
    )

    summary = [(outcome.qualname, outcome.prompt, outcome.passed, (outcome.failure or "").split(" (")[0]) for outcome in outcomes]
    assert summary == [
        ("<module>", 0, True, ""),
        ("sleeps", 0, True, ""),
        ("sleeps", 1, False, "timeout after 2 s"),
        ("sleeps", 2, True, ""),
        ("ignores_the_timer", 0, True, ""),
        ("ignores_the_timer", 1, True, ""),
        ("ignores_the_timer", 2, False, "timeout: no answer within 4 s, worker killed"),
        ("ignores_the_timer", 3, False, "not run: timeout: no answer within 4 s, worker killed earlier in the docstring"),
        ("exits", 0, False, "worker exited with code 3"),
        ("exits", 1, False, "not run: worker exited with code 3"),
        ("runs_on_pyrust", 0, False, "ImportError: cannot import name 'NoSuchThing' from 'pyrust.sql'"),
        ("runs_on_pyrust", 1, True, ""),
        ("runs_on_pyrust", 2, False, "wrong output: expected other output, got 3"),
    ]
