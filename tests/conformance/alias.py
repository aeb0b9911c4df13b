"""Makes ``import pyspark...`` give pyrust's modules inside a conformance worker.

PySpark's examples import from ``pyspark`` (``from pyspark.sql import Row``);
a user switching to pyrust changes that prefix, so the worker does it for them
with a ``sys.meta_path`` finder placed first: ``pyspark.X`` is
``pyrust.X``, the very same module object. A module pyrust lacks raises
ModuleNotFoundError, which fails the example that imports it and nothing else;
the finder never falls through to a real PySpark that may be installed.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Sequence

ALIASED = "pyspark"
TARGET = "pyrust"


def to_target(fullname: str) -> str:
    """pyspark.sql.functions -> pyrust.sql.functions."""
    return TARGET + fullname[len(ALIASED) :]


class PySparkAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != ALIASED and not fullname.startswith(ALIASED + "."):
            return None
        target_name = to_target(fullname)
        try:
            importlib.import_module(target_name)
        except ModuleNotFoundError as error:
            msg = f"No module named '{fullname}' (pyrust has no '{target_name}')"
            raise ModuleNotFoundError(msg, name=fullname) from error
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # a throwaway placeholder; exec_module swaps in the pyrust module

    def exec_module(self, module: types.ModuleType) -> None:
        # The import system returns whatever sys.modules holds under the name
        # after exec_module, so the alias is the pyrust module itself (same
        # classes, same isinstance checks), not a copy.
        sys.modules[module.__name__] = sys.modules[to_target(module.__name__)]


def install() -> None:
    for name in [name for name in sys.modules if name == ALIASED or name.startswith(ALIASED + ".")]:
        del sys.modules[name]
    sys.meta_path.insert(0, PySparkAlias())
