"""The exceptions PySpark raises for errors of the Spark engine (``pyspark.errors.exceptions.captured``).

Classic PySpark converts each error of the JVM into one of these classes, each a
subclass of its namesake in :mod:`pyrust.errors.exceptions.base`; PyRust raises
the same classes for the same errors, so ``except`` clauses on either class, and
reprs of the error (``pyspark.errors.exceptions.captured.AnalysisException`` under
PySpark), match.
"""

from __future__ import annotations

from pyrust.errors.exceptions import base


class CapturedException(base.PySparkException):
    """Base of the errors raised by the engine (in PySpark: captured from the JVM)."""



class AnalysisException(CapturedException, base.AnalysisException):
    __doc__ = base.AnalysisException.__doc__


class ParseException(AnalysisException, base.ParseException):
    __doc__ = base.ParseException.__doc__


class IllegalArgumentException(CapturedException, base.IllegalArgumentException):
    __doc__ = base.IllegalArgumentException.__doc__


class StreamingQueryException(CapturedException, base.StreamingQueryException):
    __doc__ = base.StreamingQueryException.__doc__


class QueryExecutionException(CapturedException, base.QueryExecutionException):
    __doc__ = base.QueryExecutionException.__doc__


class PythonException(CapturedException, base.PythonException):
    __doc__ = base.PythonException.__doc__


class ArithmeticException(CapturedException, base.ArithmeticException):
    __doc__ = base.ArithmeticException.__doc__


class UnsupportedOperationException(CapturedException, base.UnsupportedOperationException):
    __doc__ = base.UnsupportedOperationException.__doc__


class ArrayIndexOutOfBoundsException(CapturedException, base.ArrayIndexOutOfBoundsException):
    __doc__ = base.ArrayIndexOutOfBoundsException.__doc__


class DateTimeException(CapturedException, base.DateTimeException):
    __doc__ = base.DateTimeException.__doc__


class NumberFormatException(IllegalArgumentException, base.NumberFormatException):
    __doc__ = base.NumberFormatException.__doc__


class SparkRuntimeException(CapturedException, base.SparkRuntimeException):
    __doc__ = base.SparkRuntimeException.__doc__


class SparkUpgradeException(CapturedException, base.SparkUpgradeException):
    __doc__ = base.SparkUpgradeException.__doc__


class SparkNoSuchElementException(CapturedException, base.SparkNoSuchElementException):
    __doc__ = base.SparkNoSuchElementException.__doc__


class UnknownException(CapturedException, base.UnknownException):
    __doc__ = base.UnknownException.__doc__
