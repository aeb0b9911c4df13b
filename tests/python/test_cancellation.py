"""Ctrl-C and the execution timeout stop a running query: a real SIGINT sent
to a process in the middle of a long action raises KeyboardInterrupt within a
second, and the session answers the next query."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

# An action that would run for minutes: a filter that keeps nothing, over a
# range of a hundred billion rows.
_CHILD = textwrap.dedent(
    """
    import sys, time
    from pyrust.sql import SparkSession, functions as F

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    endless = spark.range(10**11).filter(F.col("id") < 0)
    actions = {
        "collect": endless.collect,
        "count": endless.count,
        "show": endless.show,
        "toPandas": endless.toPandas,
        "toArrow": endless.toArrow,
        "iterate": lambda: list(iter(endless.collect())),
    }
    print("running", flush=True)
    try:
        actions[sys.argv[1]]()
        print("finished", flush=True)
    except KeyboardInterrupt:
        print(f"interrupted {time.monotonic():.3f}", flush=True)
    print("after", spark.range(5).count(), flush=True)
    """
)


@pytest.mark.parametrize("action", ["collect", "count", "show", "toPandas", "toArrow", "iterate"])
def test_sigint_cancels_the_running_query(action):
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, action],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert child.stdout.readline().strip() == "running"
        time.sleep(1.0)  # the query is under way
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=60)
    finally:
        child.kill()
    lines = stdout.splitlines()
    assert lines and lines[0].startswith("interrupted"), (stdout, stderr)
    interrupted_at = float(lines[0].split()[1])
    # Both clocks are CLOCK_MONOTONIC on Linux, shared between processes.
    assert interrupted_at - sent < 1.0, f"KeyboardInterrupt took {interrupted_at - sent:.2f} s"
    assert lines[1:] == ["after 5"], (stdout, stderr)


def test_execution_timeout_cancels_with_operation_canceled():
    from pyrust.errors import SparkRuntimeException
    from pyrust.sql import SparkSession
    from pyrust.sql import functions as F

    spark = SparkSession.builder.getOrCreate()
    spark.conf.set("spark.pyrust.execution.timeout", "300ms")
    try:
        started = time.monotonic()
        with pytest.raises(SparkRuntimeException) as caught:
            spark.range(10**11).filter(F.col("id") < 0).collect()
        # Counting 10^11 rows takes minutes; cancelled, it ends in well under a second on a
        # quiet machine. The bound is loose so that a loaded machine does not fail it.
        assert time.monotonic() - started < 15.0
        assert caught.value.getCondition() == "OPERATION_CANCELED"
        assert spark.range(3).count() == 3
    finally:
        spark.conf.unset("spark.pyrust.execution.timeout")


def test_execution_timeout_rejects_what_is_not_a_duration():
    from pyrust.errors import IllegalArgumentException
    from pyrust.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    with pytest.raises(IllegalArgumentException, match="spark.pyrust.execution.timeout") as caught:
        spark.conf.set("spark.pyrust.execution.timeout", "soon")
    assert caught.value.getCondition() == "INVALID_CONF_VALUE.TYPE_MISMATCH"
    assert spark.conf.get("spark.pyrust.execution.timeout") is None
    assert spark.range(3).count() == 3
