"""PyRust: PySpark's DataFrame API, run in-process on Substrait and DataFusion.

Change ``from pyspark.sql import ...`` to ``from pyrust.sql import ...``.
"""

__version__ = "0.1.0"

from pyrust.conf import SparkConf

__all__ = ["SparkConf", "__version__"]
