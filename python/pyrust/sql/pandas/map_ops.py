"""PySpark's ``pyspark.sql.pandas.map_ops``: ``DataFrame.mapInPandas`` and ``mapInArrow``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyrust.sql.pandas._host import host_relation

if TYPE_CHECKING:
    from collections.abc import Callable

    from pyrust.sql.dataframe import DataFrame

__all__ = ["PandasMapOpsMixin"]


class PandasMapOpsMixin:
    """The DataFrame methods that map batches of rows with a Python function."""

    def mapInPandas(  # noqa: N802 - PySpark's name
        self, func: Callable[..., Any], schema: Any, barrier: bool = False, profile: Any = None
    ) -> DataFrame:
        """Rows of ``schema`` from ``func``, which maps an iterator of pandas DataFrames
        (a partition's batches) to an iterator of pandas DataFrames."""
        return host_relation(self, "map_pandas", func, schema)  # type: ignore[arg-type]

    def mapInArrow(  # noqa: N802 - PySpark's name
        self, func: Callable[..., Any], schema: Any, barrier: bool = False, profile: Any = None
    ) -> DataFrame:
        """Rows of ``schema`` from ``func``, which maps an iterator of ``pyarrow.RecordBatch``
        (a partition's batches) to an iterator of record batches."""
        return host_relation(self, "map_arrow", func, schema)  # type: ignore[arg-type]
