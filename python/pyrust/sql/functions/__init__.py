"""PySpark's ``pyspark.sql.functions``.

Each function builds an unresolved expression; names, types and Spark's
semantics are settled when a DataFrame uses it (the analyzer's function table,
``pyrust.sql._functions``). One module per family; every public name is
re-exported here, as PySpark exports them.
"""

from __future__ import annotations

from pyrust.sql.functions import _aggregate, _collection, _conditional, _core, _datetime, _higher_order, _interval, _json, _math, _misc, _sketch, _string, _udf, _variant, _window, _xml
from pyrust.sql.functions._aggregate import *  # noqa: F403
from pyrust.sql.functions._collection import *  # noqa: F403
from pyrust.sql.functions._conditional import *  # noqa: F403
from pyrust.sql.functions._core import *  # noqa: F403
from pyrust.sql.functions._datetime import *  # noqa: F403
from pyrust.sql.functions._higher_order import *  # noqa: F403
from pyrust.sql.functions._interval import *  # noqa: F403
from pyrust.sql.functions._json import *  # noqa: F403
from pyrust.sql.functions._math import *  # noqa: F403
from pyrust.sql.functions._misc import *  # noqa: F403
from pyrust.sql.functions._sketch import *  # noqa: F403
from pyrust.sql.functions._string import *  # noqa: F403
from pyrust.sql.functions._variant import *  # noqa: F403
from pyrust.sql.functions._udf import *  # noqa: F403
from pyrust.sql.functions._window import *  # noqa: F403
from pyrust.sql.functions._xml import *  # noqa: F403
from pyrust.sql.functions._core import _column_reference  # noqa: F401 - used by DataFrame.__getitem__

_FAMILIES = (_aggregate, _collection, _conditional, _core, _datetime, _higher_order, _interval, _json, _math, _misc, _sketch, _string, _udf, _variant, _window, _xml)
__all__ = sorted({name for family in _FAMILIES for name in family.__all__})
