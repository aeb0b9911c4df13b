"""Plotting of DataFrames: ``df.plot`` (a :class:`PySparkPlotAccessor`), as in PySpark."""

from pyrust.sql.plot.core import (
    PySparkBoxPlotBase,
    PySparkHistogramPlotBase,
    PySparkKdePlotBase,
    PySparkPlotAccessor,
    PySparkSampledPlotBase,
    PySparkTopNPlotBase,
)

__all__ = [
    "PySparkBoxPlotBase",
    "PySparkHistogramPlotBase",
    "PySparkKdePlotBase",
    "PySparkPlotAccessor",
    "PySparkSampledPlotBase",
    "PySparkTopNPlotBase",
]
