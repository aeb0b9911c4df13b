"""``Observation`` and ``DataFrame.observe``: named metrics computed when an action runs.

``df.observe(observation, *metrics)`` returns a DataFrame with the same rows whose plan
has an ``Observed`` node over ``df``'s (``_plan.Observed``; it writes nothing into the
Substrait plan). The first action whose plan contains that node fills the
``Observation``: after the action's own query, the metrics run as one global
aggregate over the node's input, a second query over the same plan (not the same
execution: the engine has no node that aggregates the rows flowing through it).
Later actions leave the values as they are, as in Spark.

The metrics are checked when ``observe`` is called, as Spark's analyzer checks
them: aggregates, literals, and deterministic expressions of those; column
references only inside an aggregate; no window functions, DISTINCT or nested
aggregates; a name is used for one set of metrics only.
"""

from __future__ import annotations

import threading
import uuid
from typing import TYPE_CHECKING, Any

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql._conversion import arrow_to_rows
from pyrust.sql._expressions import Alias, Call, ColumnReference, Expression, FieldIndex, WindowExpression, _function_table
from pyrust.sql._proto import _NONDETERMINISTIC_FUNCTIONS
from pyrust.sql.column import Column

if TYPE_CHECKING:
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

__all__ = ["Observation"]


class Observation:
    """Named metrics of a DataFrame, filled by the first action that runs over it.

    Examples
    --------
    >>> from pyrust.sql import Observation, SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    >>> observation = Observation("stats")
    >>> observed = df.observe(observation, sf.count(sf.lit(1)).alias("rows"), sf.max("age"))
    >>> observed.filter("age > 3").collect()
    [Row(age=5, name='Bob')]
    >>> observation.get
    {'rows': 2, 'max(age)': 5}
    """

    def __init__(self, name: str | None = None) -> None:
        if name is not None:
            if not isinstance(name, str):
                raise errors.PySparkTypeError(
                    errorClass="NOT_EXPECTED_TYPE",
                    messageParameters={"arg_name": "name", "expected_type": "str", "arg_type": type(name).__name__},
                )
            if name == "":
                raise errors.PySparkValueError(
                    errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": "name", "arg_value": name}
                )
        self._name = name
        self._attached = False
        self._done = threading.Event()
        self._values: dict[str, Any] = {}

    def _on(self, df: DataFrame, *exprs: Column) -> DataFrame:
        """``df`` observed under this observation's metrics (once per observation)."""
        if self._attached:
            raise errors.PySparkAssertionError(errorClass="REUSE_OBSERVATION", messageParameters={})
        observed = observe(df, self._name if self._name is not None else str(uuid.uuid4()), exprs, self)
        self._attached = True
        return observed

    @property
    def get(self) -> dict[str, Any]:
        """The metrics by name; waits until an action over the observed DataFrame has finished."""
        if not self._attached:
            raise errors.PySparkAssertionError(errorClass="NO_OBSERVE_BEFORE_GET", messageParameters={})
        self._done.wait()
        return dict(self._values)


class _Metrics:
    """What an ``Observed`` node computes: the aggregate DataFrame, and where its values go."""

    def __init__(self, frame: DataFrame, observation: Observation | None) -> None:
        self.frame = frame
        self.observation = observation


def observe(df: DataFrame, name: str, exprs: tuple[Column, ...], observation: Observation | None) -> DataFrame:
    """``df`` with ``exprs`` observed under ``name`` (checked as Spark's analyzer checks them)."""
    expressions = [column._expression for column in exprs]
    for expression in expressions:
        _check_metric(expression, expression, seen_aggregate=False)
    key = tuple(expressions)
    for node in plan.observed_nodes(df._plan):
        if node.name == name and node.key != key:
            raise errors.AnalysisException(errorClass="DUPLICATED_METRICS_NAME", messageParameters={"metricName": name})
    frame = df.select(*exprs)
    return df._with_plan(plan.Observed(df._plan, name, key, _Metrics(frame, observation)))


def complete(session: SparkSession, root: plan.Rel) -> None:
    """After an action over ``root``: fill the observations in it that no action filled yet."""
    for node in plan.observed_nodes(root):
        metrics = node.metrics
        observation = metrics.observation
        if observation is None or observation._done.is_set():
            # A metric observed by name only is reported to listeners in Spark; pyrust has none.
            continue
        frame = metrics.frame
        rows = arrow_to_rows(session._execute(frame._substrait()), frame.schema)
        observation._values = rows[0].asDict(recursive=False) if rows else {}
        observation._done.set()


def _check_metric(top: Expression, expression: Expression, seen_aggregate: bool) -> None:
    """Spark's CheckAnalysis rules for one observed metric ``top`` at ``expression``."""
    if isinstance(expression, WindowExpression):
        raise _invalid("WINDOW_EXPRESSIONS_UNSUPPORTED", top)
    if isinstance(expression, Call) and _function_table().is_aggregate(expression.function):
        if seen_aggregate:
            raise _invalid("NESTED_AGGREGATES_UNSUPPORTED", top)
        if expression.distinct:
            raise _invalid("AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED", top)
        for child in expression.children():
            _check_metric(top, child, seen_aggregate=True)
        return
    if isinstance(expression, (ColumnReference, FieldIndex)) and not seen_aggregate:
        raise _invalid("NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE", top)
    if (
        isinstance(expression, Call)
        and expression.function.lower() in _NONDETERMINISTIC_FUNCTIONS
        and not seen_aggregate
    ):
        raise _invalid("NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC", top)
    for child in expression.children():
        _check_metric(top, child, seen_aggregate)


def _invalid(reason: str, top: Expression) -> errors.AnalysisException:
    """INVALID_OBSERVED_METRICS naming the metric as Spark prints it (with its alias)."""
    if isinstance(top, Alias):
        text = f"{top.child.sql()} AS `{top.name}`"
    elif isinstance(top, (ColumnReference, FieldIndex)):
        text = top.sql()
    else:
        text = f"{top.sql()} AS `{top.sql()}`"
    return errors.AnalysisException(
        errorClass=f"INVALID_OBSERVED_METRICS.{reason}", messageParameters={"expr": f'"{text}"'}
    )
