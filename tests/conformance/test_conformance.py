"""The conformance measure as a test: pyrust must keep passing as many of
PySpark's docstring examples per module as baseline.json records.

    PYRUST_PYSPARK_PYTHON=/path/to/venv/bin/python PYTHONPATH=python \\
        python3 -m pytest -q tests/conformance

The baseline test needs an installed PySpark 4.3 to read the examples from
(PYRUST_PYSPARK_DIR or PYRUST_PYSPARK_PYTHON, or pyspark in this interpreter)
and is skipped without one. It is not part of scripts/test.sh yet: see README.md. The supervisor test needs nothing but pyrust.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from examples import PySparkNotFound, find_pyspark_dir_from_environment  # noqa: E402
from modules import MODULES_BY_NAME  # noqa: E402
from supervisor import run_modules  # noqa: E402


def test_no_module_passes_fewer_examples_than_the_baseline(tmp_path: Path) -> None:
    try:
        find_pyspark_dir_from_environment(None, None)
    except PySparkNotFound as error:
        pytest.skip(str(error))
    completed = subprocess.run(
        [sys.executable, str(HERE / "run_conformance.py"), "--check-baseline", "--json", str(tmp_path / "outcomes.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    print(completed.stdout)
    assert completed.returncode == 0, completed.stderr


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
