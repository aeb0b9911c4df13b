"""Runs one module's docstring examples in this process and streams each outcome.

Started by ``supervisor.py``, one process per module:

    python worker.py --module sql.functions --engine pyrust --pyspark-dir DIR [--start-doc N]

With ``--engine pyrust`` (run with pyrust importable), ``pyspark`` imports
resolve to pyrust (``alias.py``) and the examples' globals mirror the PySpark
module's namespace with pyrust's objects; with ``--engine pyspark`` (run with
PySpark's interpreter, for the reference) it is PySpark itself, set up as the
module's ``_test()`` does.

Each example runs under doctest's own checking with the option flags of the
module's ``_test()``. Outcomes go out as JSON lines on the original stdout;
everything else written to stdout (by examples, the engine or the JVM) goes to
stderr, so the protocol stays clean. Per example a SIGALRM timer stops a hung
example; one that ignores it is killed by the supervisor, which restarts a
worker at the next docstring.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import importlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, TextIO

from examples import Docstring, module_file, read_docstrings, read_runner_settings
from modules import MODULES_BY_NAME, ConformanceModule

MAX_FAILURE_CHARS = 300


class ExampleTimeout(BaseException):
    """Raised by the SIGALRM handler. A BaseException, so that an example's own
    ``except Exception`` cannot swallow it."""


class Protocol:
    """The JSON-lines channel to the supervisor, on a duplicate of the original stdout."""

    def __init__(self) -> None:
        self._out: TextIO = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)  # from now on, anything written to fd 1 lands in the worker's log

    def send(self, **event: Any) -> None:
        self._out.write(json.dumps(event) + "\n")


class AliasedOutputChecker(doctest.OutputChecker):
    """doctest's checker, reading ``pyrust.`` in module-qualified names as ``pyspark.``.

    The counterpart of the import alias: examples import ``pyspark.X`` and get
    ``pyrust.X``, so reprs and exception names print the package's own name
    (``<pyrust.sql.session.SparkSession.Builder object at ...>``,
    ``pyrust.errors.exceptions.captured.AnalysisException: ...``). Only that
    top-level package name is mapped; the rest of the name must match.
    """

    _PACKAGE = re.compile(r"(?<![\w./])pyrust\.(?=[A-Za-z_])")

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return super().check_output(want, self._PACKAGE.sub("pyspark.", got), optionflags)


class RecordingRunner(doctest.DocTestRunner):
    """doctest's runner, reporting every example to the supervisor and timing it out."""

    def __init__(self, protocol: Protocol, optionflags: int, timeout: float, checker: doctest.OutputChecker | None = None) -> None:
        super().__init__(checker=checker, verbose=False, optionflags=optionflags)
        self._protocol = protocol
        self._timeout = timeout
        self._doc_index = 0
        self._prompt_of: dict[int, int] = {}
        self._started = 0.0

    def run_docstring(self, doc_index: int, docstring: Docstring, base_globals: dict[str, Any]) -> None:
        self._doc_index = doc_index
        self._prompt_of = {id(example): index for index, example in enumerate(docstring.test.examples)}
        docstring.test.globs = base_globals.copy()  # doctest.testmod gives each docstring its own copy too
        self.run(docstring.test, out=lambda _text: None, clear_globs=True)

    # doctest calls report_start just before running an example, and exactly
    # one of the other three report_* right after checking it.
    def report_start(self, out: Any, test: doctest.DocTest, example: doctest.Example) -> None:
        self._protocol.send(event="start", doc=self._doc_index, prompt=self._prompt_of[id(example)])
        self._started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, self._timeout)

    def report_success(self, out: Any, test: doctest.DocTest, example: doctest.Example, got: str) -> None:
        self._finish(example, None)

    def report_failure(self, out: Any, test: doctest.DocTest, example: doctest.Example, got: str) -> None:
        expected = "an exception" if example.exc_msg is not None else "other output"
        self._finish(example, f"wrong output: expected {expected}, got {_summarize(got)}")

    def report_unexpected_exception(self, out: Any, test: doctest.DocTest, example: doctest.Example, exc_info: Any) -> None:
        error = exc_info[1]
        if isinstance(error, ExampleTimeout):
            self._finish(example, f"timeout after {self._timeout:g} s")
        else:
            self._finish(example, _first_line(f"{type(error).__name__}: {error}"))

    def _finish(self, example: doctest.Example, failure: str | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        self._protocol.send(
            event="result",
            doc=self._doc_index,
            prompt=self._prompt_of[id(example)],
            passed=failure is None,
            failure=failure,
            seconds=round(time.monotonic() - self._started, 3),
        )


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:MAX_FAILURE_CHARS]


def _summarize(got: str) -> str:
    """The line of the actual output that says most: an exception's last line, else the first line."""
    lines = [line.strip() for line in got.splitlines() if line.strip()]
    if not lines:
        return "(nothing)"
    if lines[0].startswith("Traceback (most recent call last)"):
        return lines[-1][:MAX_FAILURE_CHARS]
    return lines[0][:MAX_FAILURE_CHARS]


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise ExampleTimeout


def build_session(module: ConformanceModule) -> Any:
    """A local[4] session as the module's _test() builds it (pyspark resolves to pyrust under the alias)."""
    from pyspark.sql import SparkSession

    return SparkSession.builder.master("local[4]").appName(f"{module.name} tests").getOrCreate()


def pyspark_globals(module_name: str) -> dict[str, Any]:
    """What PySpark's _test() uses: a copy of the real module's namespace."""
    return dict(vars(importlib.import_module(module_name)))


def mirrored_globals(package_dir: Path, module_name: str) -> dict[str, Any]:
    """The PySpark module's namespace, rebuilt with pyrust's objects.

    The examples may use any name the PySpark module defines or imports at its
    top level without importing it themselves. We take those names from the
    module's source: each top-level import is re-run under the alias, and each
    name the module defines is taken from pyrust's counterpart module. Names
    pyrust lacks are left out, so an example using one fails with NameError.
    """
    path = module_file(package_dir, module_name)
    namespace: dict[str, Any] = {"__name__": module_name}
    if path is not None:
        # Examples read the module's own file (`spark.read.text(__file__)`).
        namespace["__file__"] = str(path)
    if path is None:
        return namespace
    counterpart = _counterpart(module_name)
    for node in _top_level_statements(ast.parse(path.read_text()).body):
        if isinstance(node, ast.Import | ast.ImportFrom):
            namespace.update(_run_import(node, module_name))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Assign | ast.AnnAssign):
            for name in _defined_names(node):
                if counterpart is not None and hasattr(counterpart, name):
                    namespace[name] = getattr(counterpart, name)
                else:
                    namespace.pop(name, None)
    return namespace


def _counterpart(module_name: str) -> Any:
    """pyrust's module for a PySpark module, via the alias; for a private
    submodule pyrust does not split out (pyspark.sql.functions.builtin), its
    parent (pyspark.sql.functions)."""
    candidate = module_name
    while candidate.count(".") >= 1:
        try:
            return importlib.import_module(candidate)
        except ImportError:
            candidate = candidate.rsplit(".", 1)[0]
    return None


def _top_level_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements run at import; ``try`` blocks included, ``if TYPE_CHECKING`` and other ``if``s not."""
    statements: list[ast.stmt] = []
    for node in body:
        if isinstance(node, ast.Try):
            statements.extend(_top_level_statements(node.body))
        else:
            statements.append(node)
    return statements


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]  # type: ignore[attr-defined]
    return [target.id for target in targets if isinstance(target, ast.Name)]


def _run_import(node: ast.Import | ast.ImportFrom, module_name: str) -> dict[str, Any]:
    """The bindings one import statement makes, skipping what cannot be imported."""
    bound: dict[str, Any] = {}
    if isinstance(node, ast.Import):
        for alias in node.names:
            try:
                imported = importlib.import_module(alias.name)
            except ImportError:
                continue
            if alias.asname:
                bound[alias.asname] = imported
            else:
                top = alias.name.split(".")[0]
                bound[top] = sys.modules[top]
        return bound
    source = node.module or ""
    if node.level:
        package = module_name.rsplit(".", node.level)[0]
        source = f"{package}.{source}" if source else package
    try:
        imported = importlib.import_module(source)
    except ImportError:
        return bound
    for alias in node.names:
        if alias.name == "*":
            bound.update({key: value for key, value in vars(imported).items() if not key.startswith("_")})
            continue
        try:
            value = getattr(imported, alias.name) if hasattr(imported, alias.name) else importlib.import_module(f"{source}.{alias.name}")
        except ImportError:
            continue
        bound[alias.asname or alias.name] = value
    return bound


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", required=True, choices=sorted(MODULES_BY_NAME))
    parser.add_argument("--engine", required=True, choices=["pyrust", "pyspark"])
    parser.add_argument("--pyspark-dir", required=True, type=Path)
    parser.add_argument("--start-doc", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0)
    options = parser.parse_args()

    protocol = Protocol()
    module = MODULES_BY_NAME[options.module]
    docstrings = read_docstrings(options.pyspark_dir, module)
    settings = read_runner_settings(options.pyspark_dir, module)
    globals_module = settings.globals_module or module.module_name

    # Examples write files (tables, parquet) relative to the working directory,
    # removed when the worker gets to the end (one killed earlier leaves its own).
    work_dir = tempfile.mkdtemp(prefix=f"conformance-{module.name}-")
    os.chdir(work_dir)
    if options.engine == "pyrust":
        import alias

        alias.install()
    spark = build_session(module)
    extra = {"spark": spark, "sc": spark.sparkContext}
    if options.engine == "pyspark":
        base_globals = pyspark_globals(globals_module)
    else:
        base_globals = mirrored_globals(options.pyspark_dir, globals_module)
    base_globals.update({name: extra[name] for name in settings.extra_globals if name in extra})

    signal.signal(signal.SIGALRM, _on_alarm)
    checker = AliasedOutputChecker() if options.engine == "pyrust" else None
    runner = RecordingRunner(protocol, settings.optionflags, options.timeout, checker)
    protocol.send(event="ready", docstrings=len(docstrings))
    for doc_index in range(options.start_doc, len(docstrings)):
        try:
            runner.run_docstring(doc_index, docstrings[doc_index], base_globals)
        except (ExampleTimeout, KeyboardInterrupt):
            # The timer fired outside an example (in doctest's checking) or the
            # engine turned it into a KeyboardInterrupt: the supervisor counts
            # the example that started last as failed; go on with the next docstring.
            signal.setitimer(signal.ITIMER_REAL, 0)
            protocol.send(event="aborted", doc=doc_index, failure=f"timeout after {options.timeout:g} s")
        except Exception:  # noqa: BLE001 - any escape from doctest must not end the module's run
            signal.setitimer(signal.ITIMER_REAL, 0)
            protocol.send(event="aborted", doc=doc_index, failure=_first_line(traceback.format_exc().splitlines()[-1]))
    # Before "done": the supervisor then kills the worker's process group.
    os.chdir(tempfile.gettempdir())
    shutil.rmtree(work_dir, ignore_errors=True)
    protocol.send(event="done")
    try:
        spark.stop()
    except Exception:  # noqa: BLE001, S110 - stopping is best effort; the outcomes are already sent
        pass


if __name__ == "__main__":
    main()
