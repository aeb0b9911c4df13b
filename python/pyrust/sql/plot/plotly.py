"""The ``plotly`` plotting backend of ``df.plot`` (imported only once plotly is
known to be installed; see ``core.PySparkPlotAccessor._get_plot_backend``).

Charts of rows go through plotly's pandas backend (``plotly.plot(pdf, kind,
...)``); pie, box, kde and hist charts are built here from what the engine
computed (``core``), with PySpark's parameters and errors.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql.plot.core import (
    PySparkBoxPlotBase,
    PySparkHistogramPlotBase,
    PySparkKdePlotBase,
    PySparkPlotAccessor,
)

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame

_COMPUTED_KINDS = ("pie", "box", "kde", "density", "hist")


def plot_pyspark(data: DataFrame, kind: str, **kwargs: Any) -> Any:
    """A plotly figure of ``kind`` for ``data``."""
    import plotly

    if kind == "pie":
        return plot_pie(data, **kwargs)
    if kind == "box":
        return plot_box(data, **kwargs)
    if kind in ("kde", "density"):
        return plot_kde(data, **kwargs)
    if kind == "hist":
        return plot_histogram(data, **kwargs)
    if kind not in PySparkPlotAccessor.plot_data_map:
        supported = sorted([*PySparkPlotAccessor.plot_data_map, *_COMPUTED_KINDS])
        raise errors.PySparkValueError(
            errorClass="UNSUPPORTED_PLOT_KIND",
            messageParameters={"plot_type": kind, "supported_plot_types": ", ".join(supported)},
        )
    return plotly.plot(PySparkPlotAccessor.plot_data_map[kind](data), kind, **kwargs)


def plot_pie(data: DataFrame, **kwargs: Any) -> Any:
    """A pie of ``y`` by the labels ``x``, or with ``subplots=True`` one pie per numeric column."""
    from plotly import express

    pdf = PySparkPlotAccessor.plot_data_map["pie"](data)
    x = kwargs.pop("x", None)
    y = kwargs.pop("y", None)
    subplots = kwargs.pop("subplots", False)
    if y is None and not subplots:
        raise errors.PySparkValueError(errorClass="UNSUPPORTED_PIE_PLOT_PARAM", messageParameters={})
    values = process_column_param(y, data)
    if not subplots:
        return express.pie(pdf, values=values[0], names=x, **kwargs)
    from plotly.subplots import make_subplots

    figure = make_subplots(rows=1, cols=len(values), specs=[[{"type": "domain"}] * len(values)])
    for position, column in enumerate(values, start=1):
        figure.add_trace(express.pie(pdf, values=column, names=x, **kwargs).data[0], row=1, col=position)
    return figure


def plot_box(data: DataFrame, **kwargs: Any) -> Any:
    """Box plots from the engine's quartiles, whiskers and outliers."""
    import plotly.graph_objs as go

    whis = kwargs.pop("whis", 1.5)
    precision = kwargs.pop("precision", 0.01)
    columns = process_column_param(kwargs.pop("column", None), data)
    boxpoints = kwargs.pop("boxpoints", "suspectedoutliers")
    notched = kwargs.pop("notched", False)
    if boxpoints not in ("suspectedoutliers", False):
        raise _unsupported_param("boxpoints", boxpoints, "suspectedoutliers, False")
    if notched:
        raise _unsupported_param("notched", notched, "False")
    boxes = PySparkBoxPlotBase.compute_box(data, columns, whis, precision, boxpoints is not None)
    figure = go.Figure()
    for position, (column, box) in enumerate(zip(columns, boxes)):
        figure.add_trace(
            go.Box(
                x=[position],
                name=column,
                q1=[box["q1"]],
                median=[box["med"]],
                q3=[box["q3"]],
                mean=[box["mean"]],
                lowerfence=[box["lower_whisker"]],
                upperfence=[box["upper_whisker"]],
                y=[box["fliers"]] if box["fliers"] else None,
                boxpoints=boxpoints,
                notched=notched,
                **kwargs,
            )
        )
    figure["layout"]["yaxis"]["title"] = "value"
    return figure


def plot_kde(data: DataFrame, **kwargs: Any) -> Any:
    """Density lines, one per column, from the engine's kernel density estimates."""
    import pandas as pd
    from plotly import express

    kwargs.setdefault("color", "names")
    bw_method = kwargs.pop("bw_method", None)
    columns = process_column_param(kwargs.pop("column", None), data)
    ind = PySparkKdePlotBase.get_ind(data.select(*[f"`{name}`" for name in columns]), kwargs.pop("ind", None))
    if hasattr(ind, "tolist"):
        ind = [float(point) for point in ind]
    estimates = data.select(
        *[
            PySparkKdePlotBase.compute_kde_col(data[name], bw_method, ind).alias(f"kde_{position}")
            for position, name in enumerate(columns)
        ]
    ).first()
    pdf = pd.concat(
        [
            pd.DataFrame({"Density": estimate, "names": name, "index": ind})
            for name, estimate in zip(columns, list(estimates))
        ]
    )
    figure = express.line(pdf, x="index", y="Density", **kwargs)
    figure["layout"]["xaxis"]["title"] = None
    return figure


def plot_histogram(data: DataFrame, **kwargs: Any) -> Any:
    """Stacked bars of the engine's bucket counts, one trace per column."""
    import plotly.graph_objs as go

    bins = kwargs.get("bins", 10)
    columns = process_column_param(kwargs.pop("column", None), data)
    numeric = data.select(*[f"`{name}`" for name in columns])
    edges = PySparkHistogramPlotBase.get_bins(numeric, bins)
    if len(edges) <= 2:
        msg = "the number of buckets must be higher than 2."
        raise AssertionError(msg)
    series = PySparkHistogramPlotBase.compute_hist(numeric, edges)
    rounded = [float(f"{edge:.9f}") for edge in edges]
    labels = [f"[{low}, {high})" for low, high in zip(rounded, rounded[1:])]
    labels[-1] = labels[-1][:-1] + "]"
    centers = [(low + high) / 2 for low, high in zip(edges, edges[1:])]
    bars = [
        go.Bar(
            x=centers,
            y=counts,
            name=counts.name,
            text=labels,
            hovertemplate=f"variable={counts.name}<br>value=%{{text}}<br>count=%{{y}}",
        )
        for counts in series
    ]
    layout_names = inspect.signature(go.Layout).parameters.keys()
    figure = go.Figure(data=bars, layout=go.Layout(**{k: v for k, v in kwargs.items() if k in layout_names}))
    figure["layout"]["barmode"] = "stack"
    figure["layout"]["xaxis"]["title"] = "value"
    figure["layout"]["yaxis"]["title"] = "count"
    return figure


def process_column_param(column: str | list[str] | None, data: DataFrame) -> list[str]:
    """The columns to plot: the numeric ones when ``column`` is None, else ``column``
    (a name or a list), each of which must be a numeric column of ``data``."""
    fields = {field.name: field for field in data.schema.fields}
    if column is None:
        return [name for name, field in fields.items() if isinstance(field.dataType, T.NumericType)]
    names = [column] if isinstance(column, str) else column
    for name in names:
        field = fields.get(name)
        if field is None or not isinstance(field.dataType, T.NumericType):
            raise errors.PySparkTypeError(
                errorClass="PLOT_INVALID_TYPE_COLUMN",
                messageParameters={
                    "col_name": name,
                    "valid_types": "NumericType",
                    "col_type": type(field.dataType).__name__ if field is not None else "None",
                },
            )
    return names


def _unsupported_param(param: str, value: object, supported: str) -> errors.PySparkValueError:
    return errors.PySparkValueError(
        errorClass="UNSUPPORTED_PLOT_BACKEND_PARAM",
        messageParameters={"backend": "plotly", "param": param, "value": str(value), "supported_values": supported},
    )
