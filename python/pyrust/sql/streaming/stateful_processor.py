"""``StatefulProcessor`` and its handle, the API of ``transformWithState``. pyrust keeps no
streaming state, so a processor can be written but not run: ``transformWithState``
raises NOT_IMPLEMENTED, as does the handle."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from pyrust import errors

__all__ = ["StatefulProcessor", "StatefulProcessorHandle"]


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


class StatefulProcessorHandle:
    """Access to a processor's state; not available in pyrust (no streaming state store)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise _not_implemented("StatefulProcessorHandle (transformWithState)")


class StatefulProcessor(ABC):
    """The user code of ``transformWithState``: ``init``, ``handleInputRows``, ``close``."""

    @abstractmethod
    def init(self, handle: StatefulProcessorHandle) -> None:
        """Set up the processor's state with ``handle``."""

    @abstractmethod
    def handleInputRows(self, key: Any, rows: Any, timerValues: Any) -> Any:  # noqa: N802, N803 - PySpark's names
        """The output rows for the input rows of one grouping key."""

    def handleExpiredTimer(self, key: Any, timerValues: Any, expiredTimerInfo: Any) -> Any:  # noqa: N802, N803
        """The output rows when a timer of ``key`` expires."""
        return iter(())

    def close(self) -> None:
        """Release what ``init`` set up."""

    def handleInitialState(self, key: Any, initialState: Any, timerValues: Any) -> None:  # noqa: N802, N803
        """Take a grouping key's initial state."""
