"""Python user-defined functions: ``udf``, ``pandas_udf``, ``arrow_udf`` (made in
``pyrust.sql.udf``) and calling registered ones by name (``call_udf``)."""

from __future__ import annotations

from pyrust.sql.column import Column, _to_column
from pyrust.sql._expressions import Call
from pyrust.sql.udf import PythonEvalType, UserDefinedFunction, arrow_udf, pandas_udf, udf
from pyrust.sql.udtf import (
    AnalyzeArgument,
    AnalyzeResult,
    OrderingColumn,
    PartitioningColumn,
    SelectedColumn,
    SkipRestOfInputTableException,
    UserDefinedTableFunction,
    arrow_udtf,
    udtf,
)

__all__ = [
    "AnalyzeArgument",
    "AnalyzeResult",
    "ArrowUDFType",
    "OrderingColumn",
    "PandasUDFType",
    "PartitioningColumn",
    "SelectedColumn",
    "SkipRestOfInputTableException",
    "UserDefinedFunction",
    "UserDefinedTableFunction",
    "arrow_udf",
    "arrow_udtf",
    "call_udf",
    "pandas_udf",
    "udf",
    "udtf",
]


class PandasUDFType:
    """The kinds of ``pandas_udf`` (PySpark's ``PandasUDFType``; type hints say the same)."""

    SCALAR = PythonEvalType.SQL_SCALAR_PANDAS_UDF
    SCALAR_ITER = PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF
    GROUPED_MAP = PythonEvalType.SQL_GROUPED_MAP_PANDAS_UDF
    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF
    GROUPED_AGG_ITER = PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF


class ArrowUDFType:
    """The kinds of ``arrow_udf`` (PySpark's ``ArrowUDFType``)."""

    SCALAR = PythonEvalType.SQL_SCALAR_ARROW_UDF
    SCALAR_ITER = PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF
    GROUPED_AGG = PythonEvalType.SQL_GROUPED_AGG_ARROW_UDF
    GROUPED_AGG_ITER = PythonEvalType.SQL_GROUPED_AGG_ARROW_ITER_UDF


def call_udf(udfName: str, *cols: Column | str) -> Column:  # noqa: N803 - PySpark's name
    """The function registered as ``udfName`` (``spark.udf.register``) over ``cols``."""
    return Column(Call(udfName, tuple(_to_column(item)._expression for item in cols)))
