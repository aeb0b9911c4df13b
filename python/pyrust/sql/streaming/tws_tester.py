"""``TwsTester``: runs a ``StatefulProcessor`` without a stream. Not implemented: pyrust
has no state store for ``transformWithState``."""

from __future__ import annotations

from typing import Any

from pyrust import errors

__all__ = ["TwsTester"]


class TwsTester:
    """Not implemented: pyrust has no state store for ``transformWithState``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "TwsTester (transformWithState)"}
        )
