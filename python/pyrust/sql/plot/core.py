"""``df.plot``: the plotting accessor of a DataFrame, as PySpark's.

The accessor reduces a DataFrame to the little data a chart needs and hands it
to a plotting backend: ``plotly`` (PySpark's only one, which must be
installed) or one registered in ``PySparkPlotAccessor._backends``. What is
computed where follows PySpark:

- bar, barh and pie charts draw the first ``spark.sql.pyspark.plotting.max_rows``
  rows (:class:`PySparkTopNPlotBase`);
- line, area and scatter charts draw every row, or a uniform random sample of
  ``max_rows`` rows (in the DataFrame's order) when there are more
  (:class:`PySparkSampledPlotBase`);
- box plots, histograms and kernel density estimates are computed by the engine
  (quartiles, whiskers and outliers; bucket counts; densities at the evaluation
  points) and only those numbers reach the backend.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pyrust import errors

if TYPE_CHECKING:
    import pandas as pd

    from pyrust.sql.column import Column
    from pyrust.sql.dataframe import DataFrame

_MAX_ROWS = "spark.sql.pyspark.plotting.max_rows"
_MINIMUM_PLOTLY = "4.8"


def _max_rows(sdf: DataFrame) -> int:
    return int(sdf._session.conf.get(_MAX_ROWS))


class PySparkTopNPlotBase:
    """The first ``max_rows`` rows, for charts of categories (bar, barh, pie)."""

    partial = False

    def get_top_n(self, sdf: DataFrame) -> pd.DataFrame:
        """The first ``max_rows`` rows as pandas; ``partial`` tells whether there were more."""
        max_rows = _max_rows(sdf)
        pdf = sdf.limit(max_rows + 1).toPandas()
        self.partial = len(pdf) > max_rows
        return pdf.iloc[:max_rows] if self.partial else pdf


class PySparkSampledPlotBase:
    """Every row, or a uniform sample of ``max_rows`` rows, for charts of series
    (line, area, scatter); ``fraction`` is the share of the rows drawn."""

    fraction = 1.0

    def get_sampled(self, sdf: DataFrame) -> pd.DataFrame:
        """The rows (or a sample of ``max_rows`` of them, in their order) as pandas."""
        from pyrust.sql import functions as F
        from pyrust.sql.window import Window

        max_rows = _max_rows(sdf)
        pdf = sdf.limit(max_rows + 1).toPandas()
        if len(pdf) <= max_rows:
            self.fraction = 1.0
            return pdf
        total = sdf.count()
        self.fraction = max_rows / total
        # Each row is as likely to be drawn as in PySpark's sort by rand() and limit.
        chosen = sorted(random.sample(range(1, total + 1), max_rows))
        number = "__pyrust_plotting_row_number__"
        numbered = sdf.select("*", F.row_number().over(Window.orderBy(F.lit(1))).alias(number))
        sample = numbered.filter(F.col(number).isin(chosen)).orderBy(number).drop(number)
        return sample.toPandas()


class PySparkPlotAccessor:
    """``df.plot``: call it (``df.plot(kind="line", ...)``) or use its methods
    (``df.plot.line(...)``); each returns the backend's figure."""

    plot_data_map = {
        "area": PySparkSampledPlotBase().get_sampled,
        "bar": PySparkTopNPlotBase().get_top_n,
        "barh": PySparkTopNPlotBase().get_top_n,
        "line": PySparkSampledPlotBase().get_sampled,
        "pie": PySparkTopNPlotBase().get_top_n,
        "scatter": PySparkSampledPlotBase().get_sampled,
    }
    # Backend modules by name (each with ``plot_pyspark(data, kind, **kwargs)``);
    # ``plotly`` is imported on first use.
    _backends: dict[str, ModuleType] = {}

    def __init__(self, data: DataFrame) -> None:
        self.data = data

    def __call__(self, kind: str = "line", backend: str | None = None, **kwargs: Any) -> Any:
        """A chart of ``kind`` drawn by ``backend`` (``plotly`` by default)."""
        return self._get_plot_backend(backend).plot_pyspark(self.data, kind=kind, **kwargs)

    @staticmethod
    def _get_plot_backend(backend: str | None = None) -> ModuleType:
        name = backend or "plotly"
        if name in PySparkPlotAccessor._backends:
            return PySparkPlotAccessor._backends[name]
        if name != "plotly":
            raise errors.PySparkValueError(
                errorClass="UNSUPPORTED_PLOT_BACKEND",
                messageParameters={"backend": name, "supported_backends": "plotly"},
            )
        _require_plotly()
        from pyrust.sql.plot import plotly as module

        return module

    def line(self, x: str, y: str | list[str], **kwargs: Any) -> Any:
        """Lines of ``y`` (one column or several) against ``x``."""
        return self(kind="line", x=x, y=y, **kwargs)

    def bar(self, x: str, y: str | list[str], **kwargs: Any) -> Any:
        """Vertical bars of ``y`` for each category of ``x``."""
        return self(kind="bar", x=x, y=y, **kwargs)

    def barh(self, x: str | list[str], y: str | list[str], **kwargs: Any) -> Any:
        """Horizontal bars (for plotly, ``x`` holds the values and ``y`` the categories)."""
        return self(kind="barh", x=x, y=y, **kwargs)

    def scatter(self, x: str, y: str, **kwargs: Any) -> Any:
        """One point per row at (``x``, ``y``)."""
        return self(kind="scatter", x=x, y=y, **kwargs)

    def area(self, x: str, y: str | list[str], **kwargs: Any) -> Any:
        """Stacked areas of ``y`` against ``x``."""
        return self(kind="area", x=x, y=y, **kwargs)

    def pie(self, x: str, y: str | None, **kwargs: Any) -> Any:
        """A pie of ``y`` by the labels of ``x`` (or one per numeric column with ``subplots=True``)."""
        return self(kind="pie", x=x, y=y, **kwargs)

    def box(self, column: str | list[str] | None = None, **kwargs: Any) -> Any:
        """Box plots of numeric columns (all by default), from approximate quartiles
        (``precision``, default 0.01) with whiskers at ``whis`` (1.5) interquartile ranges."""
        return self(kind="box", column=column, **kwargs)

    def kde(
        self,
        bw_method: float,
        column: str | list[str] | None = None,
        ind: Sequence[float] | int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Gaussian kernel density estimates of numeric columns with bandwidth ``bw_method``,
        at the points ``ind`` (or that many points, 1000 by default, across the data's range)."""
        return self(kind="kde", column=column, bw_method=bw_method, ind=ind, **kwargs)

    def hist(self, column: str | list[str] | None = None, bins: int = 10, **kwargs: Any) -> Any:
        """One histogram of numeric columns (all by default) over ``bins`` equal buckets."""
        return self(kind="hist", column=column, bins=bins, **kwargs)


def _require_plotly() -> None:
    """PySpark's check that plotly (>= 4.8) can be imported."""
    try:
        import plotly
    except ImportError as error:
        raise errors.PySparkImportError(
            errorClass="PACKAGE_NOT_INSTALLED",
            messageParameters={"package_name": "Plotly", "minimum_version": _MINIMUM_PLOTLY},
        ) from error
    if _version_tuple(plotly.__version__) < _version_tuple(_MINIMUM_PLOTLY):
        raise errors.PySparkImportError(
            errorClass="UNSUPPORTED_PACKAGE_VERSION",
            messageParameters={
                "package_name": "Plotly",
                "minimum_version": _MINIMUM_PLOTLY,
                "current_version": str(plotly.__version__),
            },
        )


def _version_tuple(version: str) -> tuple[int, ...]:
    """The leading numbers of a version (``5.24.1`` -> (5, 24, 1); ``6.0rc1`` -> (6, 0))."""
    return tuple(int(number) for number in re.findall(r"^\d+|(?<=\.)\d+", version))


def linspace(start: float, stop: float, num: int) -> list[float]:
    """``num`` evenly spaced numbers from ``start`` to ``stop`` (as PySpark computes them)."""
    if num == 1:
        return [float(start)]
    step = (float(stop) - float(start)) / (num - 1)
    return [start + step * index for index in range(num)]


def _bounds(sdf: DataFrame) -> tuple[Any, Any]:
    """The smallest and largest value over all of ``sdf``'s columns."""
    from pyrust.sql import functions as F

    if len(sdf.columns) > 1:
        low = F.least(*[F.min(F.col(f"`{name}`")) for name in sdf.columns])
        high = F.greatest(*[F.max(F.col(f"`{name}`")) for name in sdf.columns])
    else:
        low, high = F.min(F.col(f"`{sdf.columns[0]}`")), F.max(F.col(f"`{sdf.columns[0]}`"))
    row = sdf.select(low, high).first()
    return row[0], row[1]


class PySparkKdePlotBase:
    """Kernel density estimates computed by the engine."""

    @staticmethod
    def get_ind(sdf: DataFrame, ind: Sequence[float] | int | None) -> Sequence[float]:
        """The evaluation points: ``ind`` itself, or that many (1000 when None) evenly
        spaced points from half the data's range below its minimum to as far above its maximum."""
        if ind is not None and not isinstance(ind, int):
            return ind
        low, high = _bounds(sdf)
        spread = high - low
        return linspace(low - 0.5 * spread, high + 0.5 * spread, 1000 if ind is None else ind)

    @staticmethod
    def compute_kde_col(input_col: Column, bw_method: float, ind: Sequence[float]) -> Column:
        """An aggregate column: the array of the Gaussian kernel density of ``input_col``
        at each point of ``ind`` with bandwidth ``bw_method`` (Spark ML's ``KernelDensity``)."""
        from pyrust.sql import functions as F

        if bw_method is None or not isinstance(bw_method, (int, float)):
            msg = "'bw_method' must be set as a scalar number."
            raise AssertionError(msg)  # noqa: TRY004 - PySpark's own check raises AssertionError
        if ind is None:
            msg = "'ind' must be a scalar array."
            raise AssertionError(msg)
        bandwidth = float(bw_method)
        log_normalizer = math.log(bandwidth) + 0.5 * math.log(2 * math.pi)
        value = input_col.cast("double")
        densities = []
        for point in ind:
            standardized = (value - F.lit(point)) / F.lit(bandwidth)
            densities.append(F.avg(F.exp(-0.5 * standardized * standardized - F.lit(log_normalizer))))
        return F.array(densities)


class PySparkHistogramPlotBase:
    """Histogram buckets counted by the engine."""

    @staticmethod
    def get_bins(sdf: DataFrame, bins: int) -> Sequence[float]:
        """``bins + 1`` evenly spaced bucket edges over all columns' values (a range of one
        around a single value)."""
        low, high = _bounds(sdf)
        if low == high:
            low, high = low - 0.5, high + 0.5
        return linspace(low, high, bins + 1)

    @staticmethod
    def compute_hist(sdf: DataFrame, bins: Sequence[float]) -> list[pd.Series]:
        """Per column of ``sdf``, a pandas Series (named after it) of the number of its
        values in each bucket; nulls and NaN are left out, a value on an inner edge counts
        in the bucket above it, the last edge in the last bucket, and a value outside
        the edges is an error (``USER_RAISED_EXCEPTION``), as in PySpark."""
        import pandas as pd

        from pyrust.sql import functions as F

        if not isinstance(bins, list):
            msg = "bins should be a list"
            raise AssertionError(msg)  # noqa: TRY004
        names = sdf.columns
        values = F.posexplode(F.array(*[F.col(f"`{name}`").cast("double") for name in names]))
        exploded = sdf.select(values.alias("__group_id", "__value")).where(
            F.col("__value").isNotNull() & ~F.isnan(F.col("__value"))
        )
        value = F.col("__value")
        inner: Column = F.lit(0)
        for index in range(1, len(bins) - 1):
            inner = F.when(value >= F.lit(bins[index]), F.lit(index)).otherwise(inner)
        outside = F.printf(F.lit(f"value %s out of the bins bounds: [{bins[0]}, {bins[-1]}]"), value)
        bucket = (
            F.when(value == F.lit(bins[-1]), F.lit(len(bins) - 2))
            .when(value.between(F.lit(bins[0]), F.lit(bins[-1])), inner)
            .otherwise(F.raise_error(outside))
        )
        counts = exploded.select("__group_id", bucket.alias("__bucket")).groupBy("__group_id", "__bucket").count()
        found = {(row[0], row[1]): row[2] for row in counts.collect()}
        return [
            pd.Series([found.get((group, index), 0) for index in range(len(bins) - 1)], name=name)
            for group, name in enumerate(names)
        ]


class PySparkBoxPlotBase:
    """Box plot statistics computed by the engine."""

    @staticmethod
    def compute_box(
        sdf: DataFrame, colnames: list[str], whis: float, precision: float, showfliers: bool
    ) -> list[dict[str, Any]]:
        """Per column: mean, median and quartiles (``percentile_approx`` with accuracy
        ``1 / precision``), the whiskers (the extreme values within ``whis`` interquartile
        ranges of the box) and, with ``showfliers``, up to 1001 outliers, farthest from
        the median first."""
        from pyrust.sql import functions as F

        if not colnames:
            msg = "no columns to plot"
            raise AssertionError(msg)
        columns = [F.col(f"`{name}`") for name in colnames]
        accuracy = int(1.0 / precision)
        stats = []
        for column in columns:
            stats.append(F.mean(column))
            stats.append(F.percentile_approx(column, [0.25, 0.50, 0.75], accuracy))
        row = sdf.select(*stats).first()
        results = []
        for index in range(len(columns)):
            mean, (q1, med, q3) = row[2 * index], row[2 * index + 1] or (None, None, None)
            if q1 is None:
                results.append({"mean": mean, "med": None, "q1": None, "q3": None, "lfence": None, "ufence": None})
                continue
            iqr = q3 - q1
            results.append(
                {"mean": mean, "med": med, "q1": q1, "q3": q3, "lfence": q1 - whis * iqr, "ufence": q3 + whis * iqr}
            )
        whiskers = []
        for column, result in zip(columns, results):
            inside = column.between(F.lit(result["lfence"]), F.lit(result["ufence"]))
            whiskers.append(F.max(F.when(inside, column)))
            whiskers.append(F.min(F.when(inside, column)))
        extremes = sdf.select(*whiskers).first()
        boxes = []
        for index, (column, result) in enumerate(zip(columns, results)):
            fliers = None
            if showfliers and result["med"] is not None:
                outside = ~column.between(F.lit(result["lfence"]), F.lit(result["ufence"]))
                distance = F.abs(column - F.lit(result["med"]))
                outliers = sdf.where(outside).orderBy(distance.desc()).limit(1001).select(column).collect()
                fliers = [outlier[0] for outlier in outliers] or None
            boxes.append(
                {
                    "mean": result["mean"],
                    "med": result["med"],
                    "q1": result["q1"],
                    "q3": result["q3"],
                    "upper_whisker": extremes[2 * index],
                    "lower_whisker": extremes[2 * index + 1],
                    "fliers": fliers,
                }
            )
        return boxes
