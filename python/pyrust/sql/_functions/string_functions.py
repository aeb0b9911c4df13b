"""String functions (Spark's ``string_funcs`` group)."""

from __future__ import annotations

from pyrust.sql import _extensions as ext
from pyrust.sql._functions._inputs import INT, STRING
from pyrust.sql._functions._table import scalar

SPARK_STRING = "extension:dev.pyrust:functions_spark_string"

scalar("upper", ext.STRING, aliases=("ucase",), inputs=(STRING,))
scalar("lower", ext.STRING, aliases=("lcase",), inputs=(STRING,))
scalar("substring", SPARK_STRING, aliases=("substr",), inputs=(STRING, INT, INT))
