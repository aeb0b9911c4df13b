"""``spark.conf``: the session's settings, and how those the engine reads reach it.

Settings are strings, as in Spark. Most are read on the Python side when a
DataFrame is built or run (the time zone, ANSI mode, the execution timeout);
the few the engine reads itself are declared in ``ENGINE_SETTINGS`` with the
engine key they set and how their value converts, and are forwarded whenever
they are set or unset.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from pyrust import errors

_BYTE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "g": 1 << 30, "gb": 1 << 30,
               "t": 1 << 40, "tb": 1 << 40, "p": 1 << 50, "pb": 1 << 50}
_DURATION_UNITS = {"": 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def _quantity(key: str, text: str, units: dict[str, float], kind: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", text.lower())
    if match is None or match.group(2) not in units:
        raise errors.IllegalArgumentException(
            errorClass="INVALID_CONF_VALUE.TYPE_MISMATCH",
            messageParameters={"confValue": text, "confName": key, "confType": kind},
        )
    return float(match.group(1)) * units[match.group(2)]


def byte_size(key: str, text: str) -> int:
    """A Spark size setting (``"128m"``, ``"4MB"``, ``"1024"`` bytes) in bytes."""
    return int(_quantity(key, text, _BYTE_UNITS, "bytes in BYTE"))


def seconds(key: str, text: str) -> float:
    """A Spark duration setting (``"30s"``, ``"500ms"``, ``"2min"``, ``"10"`` seconds) in seconds."""
    return _quantity(key, text, _DURATION_UNITS, "time in SECONDS")


# How long an action may run before it is cancelled; unset: no limit.
EXECUTION_TIMEOUT = "spark.pyrust.execution.timeout"

# What `spark.conf.get` returns for settings pyrust reads that are not set,
# as PySpark 4.3 prints them (programs save a value and set it back later).
SPARK_DEFAULTS = {
    "spark.sql.ansi.enabled": "true",
    "spark.sql.files.maxPartitionBytes": "134217728b",
    "spark.sql.files.openCostInBytes": "4194304b",
    "spark.sql.shuffle.partitions": "200",
}

# Spark setting -> (engine key, conversion to the engine's value).
ENGINE_SETTINGS: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    "spark.sql.files.maxPartitionBytes": ("spark_files.max_partition_bytes", byte_size),
    "spark.sql.files.openCostInBytes": ("spark_files.open_cost_in_bytes", byte_size),
}

_NOT_GIVEN: Any = object()


class RuntimeConfig:
    """``spark.conf``: the session's settings, as strings.

    ``apply`` receives ``(engine key, engine value)`` for every change of a
    setting in ``ENGINE_SETTINGS``, including those given at creation.
    """

    def __init__(self, options: dict[str, str], apply: Callable[[str, str], None] | None = None) -> None:
        self._options = dict(options)
        self._apply = apply
        for key, value in self._options.items():
            self._forward(key, value)

    def get(self, key: str, default: str | None = _NOT_GIVEN) -> str | None:
        """The setting's value; else ``default`` when given; else Spark's default
        for the settings pyrust reads; else None."""
        if key in self._options:
            return self._options[key]
        return SPARK_DEFAULTS.get(key) if default is _NOT_GIVEN else default

    def set(self, key: str, value: Any) -> None:
        text = "true" if value is True else "false" if value is False else str(value)
        self._forward(key, text)
        self._options[key] = text

    def unset(self, key: str) -> None:
        if key in ENGINE_SETTINGS:
            self._forward(key, SPARK_DEFAULTS[key])
        self._options.pop(key, None)

    def getAll(self) -> dict[str, str]:
        return dict(self._options)

    def _forward(self, key: str, value: str) -> None:
        setting = ENGINE_SETTINGS.get(key)
        if setting is not None and self._apply is not None:
            engine_key, convert = setting
            self._apply(engine_key, str(convert(key, value)))
