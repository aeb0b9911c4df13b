"""PySpark's ``pyspark.sql.functions``.

Each function builds an unresolved expression; names, types and Spark's
semantics are settled when a DataFrame uses it (the analyzer's function table,
``pyrust.sql._functions``). One module per family; every public name is
re-exported here, as PySpark exports them.
"""

from __future__ import annotations

from pyrust.sql.functions import _aggregate, _conditional, _core, _string
from pyrust.sql.functions._aggregate import *  # noqa: F403
from pyrust.sql.functions._conditional import *  # noqa: F403
from pyrust.sql.functions._core import *  # noqa: F403
from pyrust.sql.functions._core import _column_reference  # noqa: F401 - used by DataFrame.__getitem__
from pyrust.sql.functions._string import *  # noqa: F403

__all__ = sorted({name for family in (_aggregate, _conditional, _core, _string) for name in family.__all__})
