"""Reads PySpark's docstring examples from the installed package's source files.

The examples are taken with ``ast`` from the ``.py`` files, never by importing
PySpark: the pyrust workers run in an interpreter where ``pyspark`` must
resolve to ``pyrust`` (see ``alias.py``), and the reference run needs the very
same list. Which files are read is in ``modules.py``.

Also read from the source, so that we mirror what PySpark's own doctest run
does without copying it: the doctest option flags and the extra globals
(``spark``, ``sc``) each module's ``_test()`` sets, and the module whose
namespace it uses as the examples' globals.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from modules import ConformanceModule

SUPPORTED_SERIES = "4.3."

# What PySpark's _test() functions almost all use; taken when a module has no _test().
DEFAULT_OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

MODULE_DOCSTRING = "<module>"  # the qualname we give a module's own docstring


class PySparkNotFound(Exception):
    pass


@dataclass(frozen=True)
class Docstring:
    """One object's docstring: the unit doctest runs with one fresh copy of the globals."""

    qualname: str
    line: int  # line of the docstring in the source file
    test: doctest.DocTest

    @property
    def counted_prompts(self) -> list[int]:
        """Indexes of the examples doctest will try (those marked +SKIP it never runs)."""
        return [index for index, example in enumerate(self.test.examples) if not example.options.get(doctest.SKIP)]


@dataclass(frozen=True)
class RunnerSettings:
    """What a module's _test() passes to doctest.testmod."""

    optionflags: int = DEFAULT_OPTIONFLAGS
    globals_module: str | None = None  # whose __dict__ becomes the globals; None: the source module
    extra_globals: tuple[str, ...] = field(default=("spark",))  # e.g. ("sc", "spark")


def find_pyspark_dir(pyspark_dir: str | None = None, pyspark_python: str | None = None) -> Path:
    """The directory of the installed ``pyspark`` package, checked to be 4.3.x.

    In order: an explicit directory, an interpreter that has pyspark installed
    (asked with ``find_spec``, which locates a package without running it), or
    this interpreter.
    """
    if pyspark_dir:
        found = Path(pyspark_dir)
    elif pyspark_python:
        script = "import importlib.util; print(importlib.util.find_spec('pyspark').submodule_search_locations[0])"
        try:
            completed = subprocess.run([pyspark_python, "-c", script], capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as error:
            msg = f"cannot ask {pyspark_python} where pyspark is: {error}"
            raise PySparkNotFound(msg) from error
        found = Path(completed.stdout.strip())
    else:
        spec = importlib.util.find_spec("pyspark")
        if spec is None or not spec.submodule_search_locations:
            msg = "pyspark is not installed here: give --pyspark-dir, --pyspark-python, PYRUST_PYSPARK_DIR or PYRUST_PYSPARK_PYTHON"
            raise PySparkNotFound(msg)
        found = Path(spec.submodule_search_locations[0])
    version = pyspark_version(found)
    if not version.startswith(SUPPORTED_SERIES):
        msg = f"{found} holds pyspark {version}; the reference and the baseline are for {SUPPORTED_SERIES}*"
        raise PySparkNotFound(msg)
    return found


def find_pyspark_dir_from_environment(pyspark_dir: str | None, pyspark_python: str | None) -> Path:
    """find_pyspark_dir with the PYRUST_PYSPARK_DIR / PYRUST_PYSPARK_PYTHON fallbacks."""
    return find_pyspark_dir(
        pyspark_dir or os.environ.get("PYRUST_PYSPARK_DIR"),
        pyspark_python or os.environ.get("PYRUST_PYSPARK_PYTHON"),
    )


def pyspark_version(package_dir: Path) -> str:
    """``__version__`` from pyspark/version.py, read without importing it."""
    path = package_dir / "version.py"
    if not path.is_file():
        msg = f"{package_dir} is not a pyspark package directory (no version.py)"
        raise PySparkNotFound(msg)
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == "__version__" for target in targets):
                return str(ast.literal_eval(node.value))
    msg = f"no __version__ in {path}"
    raise PySparkNotFound(msg)


def parse_source(package_dir: Path, relative_path: str) -> ast.Module:
    path = package_dir / relative_path
    return ast.parse(path.read_text(), filename=str(path))


def read_docstrings(package_dir: Path, module: ConformanceModule) -> list[Docstring]:
    """Every docstring of the module that has examples, in source order.

    Mirrors doctest.DocTestFinder on the imported module: the module's
    docstring, its classes, functions and methods (nested classes too), each
    docstring parsed with doctest's own parser.
    """
    path = package_dir / module.source
    tree = parse_source(package_dir, module.source)
    parser = doctest.DocTestParser()
    docstrings: list[Docstring] = []
    seen: dict[str, int] = {}

    def add(node: ast.AST, qualname: str) -> None:
        text = ast.get_docstring(node, clean=False)  # type: ignore[arg-type]
        if not text:
            return
        # A property's setter or a redefinition can repeat a qualname; keep keys unique.
        seen[qualname] = seen.get(qualname, 0) + 1
        if seen[qualname] > 1:
            qualname = f"{qualname}#{seen[qualname]}"
        line = node.body[0].lineno  # type: ignore[attr-defined]
        test = parser.get_doctest(text, {}, f"{module.module_name}.{qualname}", str(path), line)
        if test.examples:
            docstrings.append(Docstring(qualname, line, test))

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                qualname = prefix + node.name
                add(node, qualname)
                if isinstance(node, ast.ClassDef):
                    visit(node.body, qualname + ".")

    add(tree, MODULE_DOCSTRING)
    visit(tree.body, "")
    return docstrings


def read_runner_settings(package_dir: Path, module: ConformanceModule) -> RunnerSettings:
    """The option flags and globals of the module's ``_test()``, read from its source."""
    tree = parse_source(package_dir, module.runner_file)
    test_function = next(
        (node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "_test"),
        None,
    )
    if test_function is None:
        return RunnerSettings()  # PySpark does not run this module's examples; use the common flags

    optionflags = 0  # testmod's own default, when _test() passes none
    globals_module = None
    extra_globals: list[str] = []
    for node in ast.walk(test_function):
        if isinstance(node, ast.Call) and _dotted_name(node.func) in {"doctest.testmod", "testmod"}:
            for keyword in node.keywords:
                if keyword.arg == "optionflags":
                    optionflags = _evaluate_flags(keyword.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                # globs = pyspark.sql.column.__dict__.copy()
                if isinstance(target, ast.Name) and target.id == "globs":
                    globals_module = _copied_module_dict(node.value)
                # globs["spark"] = ...
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "globs"
                    and isinstance(target.slice, ast.Constant)
                ):
                    extra_globals.append(str(target.slice.value))
    return RunnerSettings(optionflags, globals_module, tuple(extra_globals))


def _dotted_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        parent = _dotted_name(node.value)
        return f"{parent}.{node.attr}" if parent else None
    return None


def _evaluate_flags(node: ast.AST) -> int:
    """``doctest.A | doctest.B`` -> the flag value, looked up in this doctest module."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _evaluate_flags(node.left) | _evaluate_flags(node.right)
    name = _dotted_name(node)
    if name is None:
        msg = f"unexpected optionflags expression: {ast.dump(node)}"
        raise ValueError(msg)
    return int(getattr(doctest, name.rsplit(".", 1)[-1]))


def _copied_module_dict(node: ast.AST) -> str | None:
    """``a.b.__dict__.copy()`` -> "a.b"; ``globals()`` or anything else -> None (the module itself)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "copy":
        owner = node.func.value
        if isinstance(owner, ast.Attribute) and owner.attr == "__dict__":
            return _dotted_name(owner.value)
    return None


def module_file(package_dir: Path, module_name: str) -> Path | None:
    """The source file of a pyspark module, e.g. pyspark.sql.column -> <dir>/sql/column.py."""
    parts = module_name.split(".")[1:]
    candidates = [package_dir.joinpath(*parts).with_suffix(".py"), package_dir.joinpath(*parts, "__init__.py")]
    return next((path for path in candidates if path.is_file()), None)
