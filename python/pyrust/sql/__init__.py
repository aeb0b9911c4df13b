"""PyRust's ``pyspark.sql``: import from here instead of ``pyspark.sql``."""

from pyrust.errors import AnalysisException, ParseException
from pyrust.sql import functions, types
from pyrust.sql.column import Column
from pyrust.sql.dataframe import DataFrame
from pyrust.sql.group import GroupedData
from pyrust.sql.observation import Observation
from pyrust.sql.readwriter import DataFrameReader
from pyrust.sql.row import Row
from pyrust.sql.session import SparkSession
from pyrust.sql.utils import is_remote
from pyrust.sql.window import Window, WindowSpec

__all__ = [
    "AnalysisException",
    "Column",
    "DataFrame",
    "DataFrameReader",
    "GroupedData",
    "Observation",
    "ParseException",
    "Row",
    "SparkSession",
    "Window",
    "WindowSpec",
    "functions",
    "is_remote",
    "types",
]
