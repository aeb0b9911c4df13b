"""SparkSession's methods beyond the core (``SessionMethods``, mixed into ``SparkSession``).

Job tags, the active-session lookup and new sessions as classic PySpark has
them; Spark Connect's own methods fail as classic PySpark's do
(``ONLY_SUPPORTED_WITH_SPARK_CONNECT``); what pyrust cannot do (interrupting
running operations, artifacts, the profiler) raises NOT_IMPLEMENTED by name.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, NoReturn

from pyrust import errors

if TYPE_CHECKING:
    from pyrust.sql.session import SparkSession


def _not_implemented(feature: str) -> NoReturn:
    raise errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _connect_only(name: str) -> NoReturn:
    raise errors.PySparkRuntimeError(
        errorClass="ONLY_SUPPORTED_WITH_SPARK_CONNECT", messageParameters={"feature": f"SparkSession.{name}"}
    )


class SessionMethods:
    """Mixed into ``SparkSession``."""

    _active: SparkSession | None
    _creation_options: dict[str, str]
    _tags: threading.local

    @classmethod
    def active(cls) -> SparkSession:
        """The active session; an error when there is none.

        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> SparkSession.active() is spark
        True
        """
        if cls._active is None:
            raise errors.PySparkRuntimeError(errorClass="NO_ACTIVE_OR_DEFAULT_SESSION", messageParameters={})
        return cls._active

    def newSession(self) -> SparkSession:
        """Another session with the same context: its own settings (the session's
        starting ones, not those set since), temporary views and functions; global
        temporary views are shared. The active session stays this one."""
        from pyrust.sql.session import SparkSession

        session = SparkSession(dict(self._creation_options))
        session._context = self._context  # type: ignore[attr-defined]  # one context, as in Spark
        return session

    # -- job tags (per thread, as Spark's) -----------------------------------------------

    def _tag_set(self) -> set[str]:
        tags = getattr(self._tags, "tags", None)
        if tags is None:
            tags = self._tags.tags = set()
        return tags

    def addTag(self, tag: str) -> None:
        """Tag the operations this thread starts from now on (a non-empty string without ',')."""
        if tag == "":
            msg = "Spark job tag cannot be an empty string."
            raise errors.IllegalArgumentException(msg)
        if "," in tag:
            msg = "Spark job tag cannot contain ','."
            raise errors.IllegalArgumentException(msg)
        self._tag_set().add(tag)

    def removeTag(self, tag: str) -> None:
        """Stop tagging this thread's operations with ``tag``."""
        self._tag_set().discard(tag)

    def getTags(self) -> set[str]:
        """The tags of this thread's operations.

        >>> from pyrust.sql import SparkSession
        >>> spark = SparkSession.builder.getOrCreate()
        >>> spark.addTag("nightly")
        >>> spark.getTags()
        {'nightly'}
        >>> spark.clearTags()
        """
        return set(self._tag_set())

    def clearTags(self) -> None:
        """Remove all of this thread's tags."""
        self._tag_set().clear()

    # -- what pyrust cannot do -----------------------------------------------------------

    def interruptAll(self) -> list[str]:
        """Not implemented: pyrust cannot interrupt another thread's running action (Ctrl-C and
        ``spark.pyrust.execution.timeout`` cancel one)."""
        _not_implemented("SparkSession.interruptAll")

    def interruptTag(self, tag: str) -> list[str]:
        """Not implemented: see :meth:`interruptAll`."""
        _not_implemented("SparkSession.interruptTag")

    def interruptOperation(self, op_id: str) -> list[str]:
        """Not implemented: see :meth:`interruptAll`."""
        _not_implemented("SparkSession.interruptOperation")

    def addArtifacts(self, *path: str, pyfile: bool = False, archive: bool = False, file: bool = False) -> None:
        """Not implemented: pyrust ships no files to workers."""
        _not_implemented("SparkSession.addArtifacts")

    addArtifact = addArtifacts

    @property
    def profile(self) -> Any:
        """Not implemented: pyrust has no UDF profiler."""
        _not_implemented("SparkSession.profile")

    # -- Spark Connect's own ---------------------------------------------------------------

    def copyFromLocalToFs(self, local_path: str, dest_path: str) -> None:
        """Spark Connect's: fails as in classic PySpark."""
        _connect_only("copyFromLocalToFs")

    @property
    def client(self) -> Any:
        """Spark Connect's: fails as in classic PySpark."""
        _connect_only("client")

    def registerProgressHandler(self, handler: Any) -> None:
        """Spark Connect's: fails as in classic PySpark."""
        _connect_only("registerProgressHandler")

    def removeProgressHandler(self, handler: Any) -> None:
        """Spark Connect's: fails as in classic PySpark."""
        _connect_only("removeProgressHandler")

    def clearProgressHandlers(self) -> None:
        """Spark Connect's: fails as in classic PySpark."""
        _connect_only("clearProgressHandlers")
