"""The analyzer's function table: every Spark function pyrust resolves, one declaration each.

Each family module (``string_functions.py``, ``aggregate_functions.py``...) declares its functions
with ``scalar(...)`` / ``aggregate(...)`` (fields in ``_function.py``); the
analyzer looks calls up here by Spark's (case-insensitive) name. Operators
(``+``, ``=``, ``AND``...) are not functions here: the analyzer types them itself.

Adding a function (docs/architecture.md, "Adding a function"): its signature in
an extension YAML, one declaration in a family module here, the public wrapper
in ``pyrust.sql.functions``, and, if DataFusion has no function of that name
with Spark's behaviour, one row of the engine's table (``runtime/src/functions/``).
"""

from __future__ import annotations

from pyrust.sql._functions._function import Function, Kind
from pyrust.sql._functions._table import closest, is_aggregate, lookup, names

# The families, each declaring its functions on import.
from pyrust.sql._functions import aggregate_functions as _aggregate_functions  # noqa: E402, F401
from pyrust.sql._functions import collection_functions as _collection_functions  # noqa: E402, F401
from pyrust.sql._functions import csv_functions as _csv_functions  # noqa: E402, F401
from pyrust.sql._functions import conditional_functions as _conditional_functions  # noqa: E402, F401
from pyrust.sql._functions import datetime_functions as _datetime_functions  # noqa: E402, F401
from pyrust.sql._functions import higher_order_functions as _higher_order_functions  # noqa: E402, F401
from pyrust.sql._functions import interval_functions as _interval_functions  # noqa: E402, F401
from pyrust.sql._functions import json_functions as _json_functions  # noqa: E402, F401
from pyrust.sql._functions import math_functions as _math_functions  # noqa: E402, F401
from pyrust.sql._functions import misc_functions as _misc_functions  # noqa: E402, F401
from pyrust.sql._functions import sketch_functions as _sketch_functions  # noqa: E402, F401
from pyrust.sql._functions import string_functions as _string_functions  # noqa: E402, F401
from pyrust.sql._functions import variant_functions as _variant_functions  # noqa: E402, F401
from pyrust.sql._functions import window_functions as _window_functions  # noqa: E402, F401
from pyrust.sql._functions import xml_functions as _xml_functions  # noqa: E402, F401

__all__ = ["Function", "Kind", "closest", "is_aggregate", "lookup", "names"]
