"""``df.plot`` without plotly (PySpark's errors) and with a stand-in plotly, and the
statistics the engine computes for box plots, histograms and densities, against
values recorded from PySpark 4.3's own plot helpers on the same data."""

import sys
import types

import pytest

from pyrust import errors
from pyrust.sql import SparkSession
from pyrust.sql.plot import (
    PySparkBoxPlotBase,
    PySparkHistogramPlotBase,
    PySparkKdePlotBase,
    PySparkPlotAccessor,
    PySparkSampledPlotBase,
    PySparkTopNPlotBase,
)


@pytest.fixture(scope="module")
def spark():
    return SparkSession.builder.getOrCreate()


@pytest.fixture
def scores(spark):
    return spark.createDataFrame(
        [
            ("A", 50, 55.0), ("B", 55, 60.0), ("C", 60, 65.0), ("D", 65, 70.0), ("E", 70, 75.0),
            ("F", 10, 15.0), ("G", 85, 90.0), ("H", 5, 150.0), ("I", None, None), ("J", 60, None),
        ],
        "student string, math_score bigint, english_score double",
    )


@pytest.fixture
def max_rows(spark):
    def set_to(value):
        spark.conf.set("spark.sql.pyspark.plotting.max_rows", str(value))

    yield set_to
    spark.conf.set("spark.sql.pyspark.plotting.max_rows", "1000")


def test_accessor_is_pysparks_class(scores):
    assert type(scores.plot) is PySparkPlotAccessor
    assert type(scores.plot).__module__ == "pyrust.sql.plot.core"
    assert scores.plot.data is scores


@pytest.mark.skipif("plotly" in sys.modules or __import__("importlib").util.find_spec("plotly") is not None,
                    reason="plotly is installed")
def test_drawing_without_plotly_raises_package_not_installed(scores):
    for draw in (lambda: scores.plot.line(x="student", y="math_score"), lambda: scores.plot(kind="bar")):
        with pytest.raises(errors.PySparkImportError) as raised:
            draw()
        assert raised.value.getCondition() == "PACKAGE_NOT_INSTALLED"
        assert raised.value.getMessageParameters() == {"package_name": "Plotly", "minimum_version": "4.8"}
        assert str(raised.value) == "[PACKAGE_NOT_INSTALLED] Plotly >= 4.8 must be installed; however, it was not found."


def test_unknown_backend(scores):
    with pytest.raises(errors.PySparkValueError) as raised:
        scores.plot(kind="line", backend="matplotlib")
    assert raised.value.getCondition() == "UNSUPPORTED_PLOT_BACKEND"
    assert raised.value.getMessageParameters() == {"backend": "matplotlib", "supported_backends": "plotly"}


def test_registered_backend_gets_the_dataframe_kind_and_arguments(scores, monkeypatch):
    calls = []
    backend = types.SimpleNamespace(plot_pyspark=lambda data, kind, **kwargs: calls.append((data, kind, kwargs)) or "figure")
    monkeypatch.setitem(PySparkPlotAccessor._backends, "fake", backend)
    assert scores.plot.scatter(x="math_score", y="english_score", backend="fake", color="red") == "figure"
    assert scores.plot.kde(0.3, ind=10, backend="fake") == "figure"
    assert scores.plot.hist(backend="fake") == "figure"
    assert [(data is scores, kind, kwargs) for data, kind, kwargs in calls] == [
        (True, "scatter", {"x": "math_score", "y": "english_score", "color": "red"}),
        (True, "kde", {"column": None, "bw_method": 0.3, "ind": 10}),
        (True, "hist", {"column": None, "bins": 10}),
    ]


@pytest.fixture
def fake_plotly(monkeypatch):
    """A stand-in ``plotly``: records what PySpark's plotly backend hands it."""
    calls = []

    def record(name):
        return lambda *args, **kwargs: calls.append((name, args, kwargs)) or types.SimpleNamespace(data=[name])

    class Figure(dict):
        def __init__(self, data=None, layout=None):
            super().__init__(layout={"xaxis": {}, "yaxis": {}})
            self.traces = list(data or [])

        def add_trace(self, trace, **kwargs):
            self.traces.append(trace)

    def trace(name):
        return lambda **kwargs: (name, kwargs)

    plotly = types.ModuleType("plotly")
    plotly.__version__ = "5.24.1"
    plotly.plot = record("plot")
    express = types.ModuleType("plotly.express")
    express.pie = record("pie")
    express.line = lambda *args, **kwargs: calls.append(("line", args, kwargs)) or Figure()
    graph_objs = types.ModuleType("plotly.graph_objs")
    graph_objs.Figure, graph_objs.Box, graph_objs.Bar = Figure, trace("Box"), trace("Bar")
    graph_objs.Layout = lambda barmode=None, title=None: {"title": title}
    plotly.express, plotly.graph_objs = express, graph_objs
    for name, module in (("plotly", plotly), ("plotly.express", express), ("plotly.graph_objs", graph_objs)):
        monkeypatch.setitem(sys.modules, name, module)
    return plotly, calls


def test_rows_reach_plotly_as_pandas(scores, fake_plotly, max_rows):
    plotly, calls = fake_plotly
    max_rows(4)
    scores.plot.bar(x="student", y=["math_score", "english_score"], title="t")
    scores.plot.line(x="student", y="math_score")
    (_, (top, kind), kwargs), (_, (sample, line_kind), _) = [call for call in calls if call[0] == "plot"]
    assert (kind, kwargs, list(top["student"])) == ("bar", {"x": "student", "y": ["math_score", "english_score"], "title": "t"}, ["A", "B", "C", "D"])
    # More rows than max_rows: a sample of max_rows of them, in their order.
    students = list(sample["student"])
    assert line_kind == "line" and len(students) == 4 and students == sorted(students)


def test_plotly_backend_errors(scores, fake_plotly):
    with pytest.raises(errors.PySparkValueError) as raised:
        scores.plot(kind="violin")
    assert raised.value.getMessageParameters() == {
        "plot_type": "violin",
        "supported_plot_types": "area, bar, barh, box, density, hist, kde, line, pie, pie, scatter",  # sic (PySpark)
    }
    with pytest.raises(errors.PySparkValueError) as raised:
        scores.plot.pie(x="student", y=None)
    assert raised.value.getCondition() == "UNSUPPORTED_PIE_PLOT_PARAM"
    with pytest.raises(errors.PySparkTypeError) as raised:
        scores.plot.box(column="student")
    assert raised.value.getMessageParameters() == {"col_name": "student", "valid_types": "NumericType", "col_type": "StringType"}
    with pytest.raises(errors.PySparkValueError) as raised:
        scores.plot.box(boxpoints="all")
    assert raised.value.getCondition() == "UNSUPPORTED_PLOT_BACKEND_PARAM"


def test_plotly_figures_carry_the_engines_numbers(scores, fake_plotly):
    histogram = scores.plot.hist(bins=4)
    assert [(trace[1]["name"], list(trace[1]["y"])) for trace in histogram.traces] == [
        ("math_score", [2, 6, 1, 0]),
        ("english_score", [1, 5, 1, 1]),
    ]
    assert histogram.traces[0][1]["text"] == ["[5.0, 41.25)", "[41.25, 77.5)", "[77.5, 113.75)", "[113.75, 150.0]"]
    box = scores.plot.box(column="math_score")
    assert box.traces[0][1]["q1"] == [50] and box.traces[0][1]["upperfence"] == [85]


def test_old_plotly_version(scores, fake_plotly):
    fake_plotly[0].__version__ = "4.7.1"
    with pytest.raises(errors.PySparkImportError) as raised:
        scores.plot.line(x="student", y="math_score")
    assert raised.value.getCondition() == "UNSUPPORTED_PACKAGE_VERSION"


def test_statistics_match_pyspark(scores, max_rows):
    numeric = scores.select("math_score", "english_score")
    bins = PySparkHistogramPlotBase.get_bins(numeric, 4)
    assert bins == [5.0, 41.25, 77.5, 113.75, 150.0]
    counts = PySparkHistogramPlotBase.compute_hist(numeric, bins)
    assert [(series.name, series.tolist()) for series in counts] == [
        ("math_score", [2, 6, 1, 0]),
        ("english_score", [1, 5, 1, 1]),
    ]
    single = scores.select("math_score").where("math_score = 60")
    assert PySparkHistogramPlotBase.get_bins(single, 3) == [59.5, 59.833333333333336, 60.166666666666664, 60.5]
    boxes = PySparkBoxPlotBase.compute_box(scores, ["math_score", "english_score"], 1.5, 0.01, True)
    assert [dict(box, fliers=sorted(box["fliers"])) for box in boxes] == [
        {"mean": 51.111111111111114, "med": 60, "q1": 50, "q3": 65, "upper_whisker": 85, "lower_whisker": 50, "fliers": [5, 10]},
        {"mean": 72.5, "med": 65.0, "q1": 55.0, "q3": 75.0, "upper_whisker": 90.0, "lower_whisker": 55.0, "fliers": [15.0, 150.0]},
    ]
    ind = PySparkKdePlotBase.get_ind(scores.select("math_score"), 5)
    assert ind == [-35.0, 5.0, 45.0, 85.0, 125.0]
    densities = scores.select(PySparkKdePlotBase.compute_kde_col(scores["math_score"], 6.0, ind)).first()[0]
    expected = [1.6546747023485992e-12, 0.012608410292814428, 0.007741771734495285, 0.007743516461458221, 1.6501667055519902e-12]
    assert densities == pytest.approx(expected, rel=1e-14)
    max_rows(3)
    top = PySparkTopNPlotBase()
    assert (top.get_top_n(scores).values.tolist(), top.partial) == ([["A", 50, 55.0], ["B", 55, 60.0], ["C", 60, 65.0]], True)
    sampled = PySparkSampledPlotBase()
    assert (len(sampled.get_sampled(scores)), sampled.fraction) == (3, 0.3)


@pytest.mark.xfail(strict=True, reason="raise_error in a CASE branch gives NULL instead of raising (conditional functions)")
def test_histogram_of_values_outside_the_edges_is_an_error(scores):
    with pytest.raises(errors.PySparkException) as raised:
        PySparkHistogramPlotBase.compute_hist(scores.select("math_score"), [20.0, 40.0, 60.0])
    assert "[USER_RAISED_EXCEPTION] value 10.0 out of the bins bounds: [20.0, 60.0]" in str(raised.value)
