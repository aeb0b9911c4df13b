"""The PySpark modules whose docstring examples the conformance run measures.

One row per reported module. ``source`` is the file whose docstrings hold the
examples; ``runner`` is the file whose ``_test()`` PySpark runs them from (for
DataFrame, Column and Window that is the ``classic`` subclass module, which
re-runs its parent's docstrings), from which we read the doctest option flags
and the globals it sets. Paths are relative to the installed ``pyspark``
package directory; nothing of PySpark's text lives in this repository.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConformanceModule:
    name: str  # as reported: "sql.functions"
    source: str  # file with the docstrings, relative to the pyspark package
    runner: str | None = None  # file with PySpark's _test(); None: same as source

    @property
    def runner_file(self) -> str:
        return self.runner or self.source

    @property
    def module_name(self) -> str:
        """Dotted name of the source file's module, e.g. pyspark.sql.functions.builtin."""
        return "pyspark." + self.source.removesuffix(".py").replace("/", ".")


# Largest first, so the longest worker starts first and the pool finishes sooner.
# Left out: sql.pandas.map_ops has no examples of its own (mapInPandas is
# documented on DataFrame); every example of sql.functions.partitioning is
# +SKIP; sql.context (the legacy SQLContext) runs its examples on RDD fixtures
# its _test() builds, which pyrust has no counterpart for.
MODULES: tuple[ConformanceModule, ...] = (
    ConformanceModule("sql.functions", "sql/functions/builtin.py"),
    ConformanceModule("sql.dataframe", "sql/dataframe.py", runner="sql/classic/dataframe.py"),
    ConformanceModule("sql.catalog", "sql/catalog.py"),
    ConformanceModule("sql.column", "sql/column.py", runner="sql/classic/column.py"),
    ConformanceModule("sql.types", "sql/types.py"),
    ConformanceModule("sql.streaming.readwriter", "sql/streaming/readwriter.py"),
    ConformanceModule("sql.session", "sql/session.py"),
    ConformanceModule("sql.readwriter", "sql/readwriter.py"),
    ConformanceModule("sql.pandas.functions", "sql/pandas/functions.py"),
    ConformanceModule("sql.pandas.group_ops", "sql/pandas/group_ops.py"),
    ConformanceModule("sql.streaming.query", "sql/streaming/query.py"),
    ConformanceModule("sql.tvf", "sql/tvf.py"),
    ConformanceModule("sql.udf", "sql/udf.py"),
    ConformanceModule("sql.group", "sql/group.py"),
    ConformanceModule("sql.protobuf.functions", "sql/protobuf/functions.py"),
    ConformanceModule("sql.window", "sql/window.py", runner="sql/classic/window.py"),
    ConformanceModule("sql.avro.functions", "sql/avro/functions.py"),
    ConformanceModule("sql.conf", "sql/conf.py"),
    ConformanceModule("sql.observation", "sql/observation.py"),
    ConformanceModule("sql.udtf", "sql/udtf.py"),
    ConformanceModule("sql.utils", "sql/utils.py"),
)

MODULES_BY_NAME = {module.name: module for module in MODULES}
