"""PySpark's ``pyspark.sql.pandas.functions``: ``pandas_udf`` and ``arrow_udf``
(made in ``pyrust.sql.udf``) and their kinds."""

from __future__ import annotations

from pyrust.sql.functions._udf import ArrowUDFType, PandasUDFType
from pyrust.sql.udf import arrow_udf, pandas_udf

__all__ = ["ArrowUDFType", "PandasUDFType", "arrow_udf", "pandas_udf"]
