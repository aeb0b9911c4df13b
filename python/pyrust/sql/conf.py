"""``pyspark.sql.conf``'s public name: :class:`RuntimeConfig`, the type of ``spark.conf``.

It is defined in :mod:`pyrust.sql._conf` beside the settings pyrust reads.
"""

from pyrust.sql._conf import RuntimeConfig

__all__ = ["RuntimeConfig"]
