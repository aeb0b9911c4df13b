"""``pyspark.sql.utils``: the helpers of it that user code calls."""

from __future__ import annotations

__all__ = ["is_remote"]


def is_remote() -> bool:
    """Whether the session is a Spark Connect client's: never in PyRust, whose engine runs in-process.

    Examples
    --------
    >>> from pyrust.sql import is_remote
    >>> is_remote()
    False
    """
    return False
