"""``SparkConf``: application settings as key-value strings, as ``pyspark.conf`` has them.

PyRust has no JVM, so a ``SparkConf`` is a plain ordered dict of strings.
Hand it to ``SparkSession.builder.config(conf=...)`` to start a session with
its settings.
"""

from __future__ import annotations

from typing import Any

from pyrust.errors import PySparkRuntimeError

__all__ = ["SparkConf"]


class SparkConf:
    """Settings for a Spark application; every setter returns the conf, so calls chain.

    ``loadDefaults`` is accepted for PySpark's signature: PyRust has no Java
    system properties to load, so a new conf is always empty.

    Examples
    --------
    >>> conf = SparkConf().setMaster("local[2]").setAppName("example")
    >>> conf.set("spark.sql.shuffle.partitions", 8).setExecutorEnv("HOME", "/tmp")
    <pyrust.conf.SparkConf object at ...>
    >>> conf.get("spark.sql.shuffle.partitions"), conf.get("missing"), conf.get("missing", "x")
    ('8', None, 'x')
    >>> print(conf.toDebugString())
    spark.app.name=example
    spark.executorEnv.HOME=/tmp
    spark.master=local[2]
    spark.sql.shuffle.partitions=8
    """

    def __init__(self, loadDefaults: bool = True, _jvm: Any = None, _jconf: Any = None) -> None:  # noqa: N803 - PySpark's names
        self._conf: dict[str, str] = {}

    def set(self, key: str, value: Any) -> SparkConf:
        """Set ``key`` to ``value`` (kept as ``str(value)``)."""
        self._conf[key] = str(value)
        return self

    def setIfMissing(self, key: str, value: Any) -> SparkConf:
        """Set ``key`` unless it has a value already."""
        if key not in self._conf:
            self.set(key, value)
        return self

    def setMaster(self, value: str) -> SparkConf:
        """Where to run (``spark.master``), e.g. ``local[4]``."""
        return self.set("spark.master", value)

    def setAppName(self, value: str) -> SparkConf:
        """The application's name (``spark.app.name``)."""
        return self.set("spark.app.name", value)

    def setSparkHome(self, value: str) -> SparkConf:
        """The Spark installation directory (``spark.home``)."""
        return self.set("spark.home", value)

    def setExecutorEnv(
        self, key: str | None = None, value: str | None = None, pairs: list[tuple[str, str]] | None = None
    ) -> SparkConf:
        """Set an executor environment variable (``spark.executorEnv.<key>``): one ``key`` and
        ``value``, or a list of ``pairs``, not both."""
        if (key is None) == (pairs is None):
            raise PySparkRuntimeError(errorClass="KEY_VALUE_PAIR_REQUIRED", messageParameters={})
        for name, text in [(key, value)] if key is not None else pairs or []:
            self.set(f"spark.executorEnv.{name}", text)
        return self

    def setAll(self, pairs: list[tuple[str, Any]]) -> SparkConf:
        """Set every ``(key, value)`` of ``pairs``."""
        for key, value in pairs:
            self.set(key, value)
        return self

    def get(self, key: str, defaultValue: str | None = None) -> str | None:  # noqa: N803 - PySpark's name
        """The value of ``key``, else ``defaultValue``."""
        return self._conf.get(key, defaultValue)

    def getAll(self) -> list[tuple[str, str]]:
        """Every setting as ``(key, value)`` pairs."""
        return list(self._conf.items())

    def contains(self, key: str) -> bool:
        """Whether ``key`` has a value."""
        return key in self._conf

    def toDebugString(self) -> str:
        """The settings as ``key=value`` lines, sorted by key (as the JVM's conf prints them)."""
        return "\n".join(f"{key}={value}" for key, value in sorted(self._conf.items()))
