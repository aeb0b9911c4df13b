"""Runs every module's examples, one worker process per module, and collects the outcomes.

Shared by the pyrust run (``run_conformance.py``) and the PySpark reference
run (``record_pyspark_reference.py``); only the worker's engine differs. A
worker that stops answering (an example ignoring its SIGALRM) or dies is
killed and a new one starts at the next docstring; the example it was on
fails, and so do the prompts of that docstring it did not reach.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from examples import Docstring, read_docstrings
from modules import ConformanceModule

WORKER = Path(__file__).resolve().parent / "worker.py"

# Building the session is the slow part of a worker's start (a JVM for PySpark).
STARTUP_SECONDS = 180.0
# How long past its own timer a worker may stay silent before it is killed.
GRACE_SECONDS = 15.0
# A module whose worker keeps dying stops being retried (its remaining examples fail).
MAX_RESTARTS = 25

# The same process time zone for both engines: it is the JVM's default session
# time zone and Python's zone for datetime conversions. Spark's own test
# builds pin America/Los_Angeles, which many examples' outputs assume.
WORKER_ENVIRONMENT = {"TZ": "America/Los_Angeles", "SPARK_TESTING": "1"}


@dataclass(frozen=True)
class Outcome:
    module: str
    qualname: str
    prompt: int  # index of the example in its docstring, counting +SKIP ones doctest never runs
    line: int  # of the example in the PySpark source file
    checks_output: bool  # doctest compares an output or an exception, not just "it ran"
    passed: bool
    failure: str | None  # first line of what went wrong
    seconds: float | None

    @property
    def key(self) -> str:
        return example_key(self.module, self.qualname, self.prompt)


def example_key(module: str, qualname: str, prompt: int) -> str:
    return f"{module}:{qualname}:{prompt}"


@dataclass(frozen=True)
class _Limits:
    timeout: float  # per example, enforced inside the worker
    grace: float  # extra silence allowed before the worker is killed


@dataclass
class _ModuleRun:
    """What one module's workers reported, keyed by (docstring index, prompt index)."""

    results: dict[tuple[int, int], tuple[bool, str | None, float | None]]
    unreached: dict[int, str]  # docstring index -> why its unreported prompts did not run


def run_modules(
    modules: Iterable[ConformanceModule],
    *,
    engine: str,
    package_dir: Path,
    log_dir: Path,
    jobs: int,
    timeout: float,
    grace: float = GRACE_SECONDS,
    python: str = sys.executable,
) -> list[Outcome]:
    """Every counted example of the given modules, run on the engine, in module order."""
    log_dir.mkdir(parents=True, exist_ok=True)
    modules = list(modules)

    def one(module: ConformanceModule) -> list[Outcome]:
        limits = _Limits(timeout, grace)
        return _run_module(module, engine, package_dir, log_dir / f"{module.name}.log", limits, python)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        per_module = list(pool.map(one, modules))
    return [outcome for outcomes in per_module for outcome in outcomes]


def _run_module(
    module: ConformanceModule, engine: str, package_dir: Path, log_path: Path, limits: _Limits, python: str
) -> list[Outcome]:
    docstrings = read_docstrings(package_dir, module)
    run = _ModuleRun(results={}, unreached={})
    log_path.write_text("")
    start, restarts = 0, 0
    while start < len(docstrings):
        stopped_in = _run_worker(module, engine, package_dir, log_path, limits, python, start, run)
        if stopped_in is None:
            break  # the worker got through to the end
        restarts += 1
        if stopped_in < start or restarts > MAX_RESTARTS:
            # It died before running anything, or keeps dying: give up on the rest.
            reason = run.unreached.get(stopped_in, "worker failed")
            for doc_index in range(max(start, 0), len(docstrings)):
                run.unreached.setdefault(doc_index, f"not run: {reason}")
            break
        start = stopped_in + 1
    return _outcomes(module, docstrings, run)


def _run_worker(
    module: ConformanceModule,
    engine: str,
    package_dir: Path,
    log_path: Path,
    limits: _Limits,
    python: str,
    start: int,
    run: _ModuleRun,
) -> int | None:
    """One worker from docstring ``start``: None if it finished, else the docstring it stopped in."""
    command = [
        python, str(WORKER),
        "--module", module.name,
        "--engine", engine,
        "--pyspark-dir", str(package_dir),
        "--start-doc", str(start),
        "--timeout", str(limits.timeout),
    ]  # fmt: skip
    with log_path.open("a") as log:
        log.write(f"--- worker from docstring {start}: {' '.join(command)}\n")
        log.flush()
        # Its own process group, so that killing it also ends the JVM it may have started.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,
            env={**os.environ, **WORKER_ENVIRONMENT},
        )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()

    current: tuple[int, int] | None = None  # the example started and not yet reported
    last_doc = start - 1  # the last docstring the worker said anything about
    deadline = time.monotonic() + STARTUP_SECONDS
    reason = ""
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                reason = f"timeout: no answer within {limits.timeout + limits.grace:g} s, worker killed"
                break
            if line is None:
                reason = f"worker exited with code {process.wait()} (see {log_path.name})"
                break
            event = json.loads(line)
            deadline = time.monotonic() + limits.timeout + limits.grace
            kind = event["event"]
            if kind == "done":
                return None
            if kind == "start":
                current = (event["doc"], event["prompt"])
                last_doc = event["doc"]
            elif kind == "result":
                run.results[(event["doc"], event["prompt"])] = (event["passed"], event["failure"], event["seconds"])
                current = None
            elif kind == "aborted":
                # The docstring ended abnormally; the worker carries on with the next one.
                if current is not None:
                    run.results[current] = (False, event["failure"], None)
                    current = None
                run.unreached[event["doc"]] = f"not run: {event['failure']} earlier in the docstring"
                last_doc = event["doc"]
    finally:
        _stop(process)
    if current is not None:
        run.results[current] = (False, reason, None)
    run.unreached.setdefault(last_doc, f"not run: {reason} earlier in the docstring")
    return last_doc


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def _outcomes(module: ConformanceModule, docstrings: list[Docstring], run: _ModuleRun) -> list[Outcome]:
    outcomes = []
    for doc_index, docstring in enumerate(docstrings):
        for prompt in docstring.counted_prompts:
            example = docstring.test.examples[prompt]
            passed, failure, seconds = run.results.get(
                (doc_index, prompt), (False, run.unreached.get(doc_index, "not run: no outcome reported"), None)
            )
            outcomes.append(
                Outcome(
                    module=module.name,
                    qualname=docstring.qualname,
                    prompt=prompt,
                    line=docstring.line + example.lineno,
                    checks_output=bool(example.want) or example.exc_msg is not None,
                    passed=passed,
                    failure=failure,
                    seconds=seconds,
                )
            )
    return outcomes
