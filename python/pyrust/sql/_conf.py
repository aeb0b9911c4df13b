"""``spark.conf``: the session's settings, and how those the engine reads reach it.

Settings are strings, as in Spark. Those pyrust reads are declared once, in
``SETTINGS``: Spark's default, how a value is read (a wrong one is refused
when it is set) and, for the few the engine reads itself, the engine key they
are forwarded to whenever they are set or unset.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable

from pyrust import errors

_BYTE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "g": 1 << 30, "gb": 1 << 30,
               "t": 1 << 40, "tb": 1 << 40, "p": 1 << 50, "pb": 1 << 50}
_DURATION_UNITS = {"": 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def _type_mismatch(key: str, text: str, kind: str) -> errors.IllegalArgumentException:
    return errors.IllegalArgumentException(
        errorClass="INVALID_CONF_VALUE.TYPE_MISMATCH",
        messageParameters={"confValue": text, "confName": key, "confType": kind},
    )


def _quantity(key: str, text: str, units: dict[str, float], kind: str) -> float:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", text.lower())
    if match is None or match.group(2) not in units:
        raise _type_mismatch(key, text, kind)
    return float(match.group(1)) * units[match.group(2)]


def byte_size(key: str, text: str) -> int:
    """A Spark size setting (``"128m"``, ``"4MB"``, ``"1024"`` bytes) in bytes."""
    return int(_quantity(key, text, _BYTE_UNITS, "bytes in BYTE"))


def seconds(key: str, text: str) -> float:
    """A Spark duration setting (``"30s"``, ``"500ms"``, ``"2min"``, ``"10"`` seconds) in seconds."""
    return _quantity(key, text, _DURATION_UNITS, "time in SECONDS")


def boolean(key: str, text: str) -> bool:
    """A Spark boolean setting (``"true"``/``"false"``, any letter case)."""
    value = text.strip().lower()
    if value not in ("true", "false"):
        raise _type_mismatch(key, text, "boolean")
    return value == "true"


def integer(key: str, text: str) -> int:
    """A Spark integer setting."""
    try:
        return int(text.strip())
    except ValueError:
        raise _type_mismatch(key, text, "int") from None


def one_of(*options: str) -> Callable[[str, str], str]:
    """A Spark enumeration setting: one of ``options``, in any letter case, kept upper case."""

    def read(key: str, text: str) -> str:
        value = text.strip().upper()
        if value not in options:
            raise errors.IllegalArgumentException(
                errorClass="INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS",
                messageParameters={"confValue": text, "confName": key, "confOptions": ", ".join(options)},
            )
        return value

    return read


def local_time_zone() -> str:
    """The process's time zone as the JVM finds it (``TZ``, then ``/etc/localtime``),
    which is Spark's default session time zone; UTC when neither names one."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"
    return name


def time_zone(key: str, text: str) -> str:
    """A Spark time zone setting: a region id (``America/Los_Angeles``) or an offset (``+08:00``, ``UTC``)."""
    value = text.strip()
    if value in _SHORT_IDS:
        return value
    if re.fullmatch(r"(?:UTC|GMT|UT)?[+-]\d{1,2}(?::?\d{2}){0,2}|Z|UTC|GMT|UT", value):
        return value
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise errors.IllegalArgumentException(
            errorClass="INVALID_CONF_VALUE.TIME_ZONE", messageParameters={"confValue": text, "confName": key}
        ) from None
    return value


# Java's three-letter zone ids (``ZoneId.SHORT_IDS``), which Spark accepts.
_SHORT_IDS = {
    "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
    "ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
    "CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
    "EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
    "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
    "NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
    "PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
    "EST": "-05:00", "MST": "-07:00", "HST": "-10:00",
}


def tzinfo_of(value: str | None) -> datetime.tzinfo:
    """A time zone setting as a ``tzinfo``: a region id, or a fixed offset (``+08:00``, ``UTC``)."""
    text = (value or "UTC").strip()
    text = _SHORT_IDS.get(text, text)
    if text in ("Z", "UTC", "GMT", "UT"):
        return datetime.timezone.utc
    match = re.fullmatch(r"(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?", text)
    if match is not None:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes, secs = (int(group or 0) for group in match.group(2, 3, 4))
        return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes, seconds=secs))
    return zoneinfo.ZoneInfo(text)


@dataclass(frozen=True)
class Setting:
    """A setting pyrust reads: what ``get`` returns while it is unset (Spark's
    default, as PySpark 4.3 prints it; programs save a value and set it back),
    how a value is read (a wrong one is refused when set, as Spark refuses
    it), and the engine key it is forwarded to, if the engine reads it."""

    default: str | None
    read: Callable[[str, str], Any]
    engine_key: str | None = None


# How long an action may run before it is cancelled; unset: no limit.
EXECUTION_TIMEOUT = "spark.pyrust.execution.timeout"

SETTINGS = {
    "spark.sql.ansi.enabled": Setting("true", boolean),
    "spark.sql.files.maxPartitionBytes": Setting("134217728b", byte_size, "spark_files.max_partition_bytes"),
    "spark.sql.files.openCostInBytes": Setting("4194304b", byte_size, "spark_files.open_cost_in_bytes"),
    "spark.sql.mapKeyDedupPolicy": Setting(
        "EXCEPTION", one_of("EXCEPTION", "LAST_WIN"), "datafusion.spark.map_key_dedup_policy"
    ),
    "spark.sql.shuffle.partitions": Setting("200", integer, "spark_shuffle.partitions"),
    "spark.sql.session.timeZone": Setting(local_time_zone(), time_zone, "datafusion.execution.time_zone"),
    EXECUTION_TIMEOUT: Setting(None, seconds),
}

_NOT_GIVEN: Any = object()

# Spark's static SQL settings, fixed when a Spark session starts (``isModifiable``
# is false): those of the recorded public settings for which PySpark 4.3's
# ``isModifiable`` is false, and spark.sql.catalogImplementation. Spark refuses
# to set them on a running session (CANNOT_MODIFY_STATIC_CONFIG); pyrust lets
# ``spark.conf.set`` change them (its tests switch the warehouse directory).
STATIC_SETTINGS = frozenset(
    (
        "spark.sql.cache.serializer",
        "spark.sql.catalog.spark_catalog.defaultDatabase",
        "spark.sql.catalogImplementation",
        "spark.sql.event.truncate.length",
        "spark.sql.extensions",
        "spark.sql.extensions.test.loadFromCp",
        "spark.sql.hive.convertInsertingPartitionedTable",
        "spark.sql.hive.convertInsertingUnpartitionedTable",
        "spark.sql.hive.convertMetastoreAsNullable",
        "spark.sql.hive.convertMetastoreCtas",
        "spark.sql.hive.convertMetastoreInsertDir",
        "spark.sql.hive.convertMetastoreOrc",
        "spark.sql.hive.convertMetastoreParquet",
        "spark.sql.hive.convertMetastoreParquet.mergeSchema",
        "spark.sql.hive.initializeMetastoreFormatClasses",
        "spark.sql.hive.metastore.barrierPrefixes",
        "spark.sql.hive.metastore.jars",
        "spark.sql.hive.metastore.jars.path",
        "spark.sql.hive.metastore.sharedPrefixes",
        "spark.sql.hive.metastore.version",
        "spark.sql.hive.thriftServer.async",
        "spark.sql.hive.thriftServer.singleSession",
        "spark.sql.hive.version",
        "spark.sql.legacy.hive.thriftServer.useZeroBasedColumnOrdinalPosition",
        "spark.sql.metadataCacheTTLSeconds",
        "spark.sql.queryExecutionListeners",
        "spark.sql.reflect.allowList",
        "spark.sql.sources.disabledJdbcConnProviderList",
        "spark.sql.streaming.streamingQueryListeners",
        "spark.sql.streaming.ui.enabled",
        "spark.sql.streaming.ui.retainedProgressUpdates",
        "spark.sql.streaming.ui.retainedQueries",
        "spark.sql.ui.retainedExecutions",
        "spark.sql.warehouse.dir",
    )
)


def _check_str(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise errors.PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": name, "expected_type": "str", "arg_type": type(value).__name__},
        )


@functools.cache
def _spark_defaults() -> dict[str, str | None]:
    """Spark's public SQL settings and their defaults (recorded by scripts/record_conf_defaults.py)."""
    return json.loads(resources.files("pyrust.sql").joinpath("spark_conf_defaults.json").read_text())


class RuntimeConfig:
    """``spark.conf``: the session's settings, as strings.

    ``apply`` receives ``(engine key, engine value)`` for every change of a
    setting the engine reads, including those given at creation.
    """

    def __init__(self, options: dict[str, str], apply: Callable[[str, str], None] | None = None) -> None:
        self._options = dict(options)
        self._apply = apply
        for key, value in self._options.items():
            self._check_and_forward(key, value)

    def get(self, key: str, default: str | None = _NOT_GIVEN) -> str | None:
        """The setting's value; else ``default`` when given; else Spark's default
        (None for a setting without one, or one of Spark's pyrust has no record of);
        an error for a key outside Spark's ``spark.`` namespace."""
        _check_str(key, "key")
        if default is not _NOT_GIVEN and default is not None:
            _check_str(default, "default")
        if key in self._options:
            return self._options[key]
        if default is not _NOT_GIVEN:
            return default
        setting = SETTINGS.get(key)
        if setting is not None:
            return setting.default
        spark_defaults = _spark_defaults()
        if key in spark_defaults:
            return spark_defaults[key]
        if key.startswith("spark."):
            # Spark's internal and non-SQL settings are not in the recorded list: unknown, not wrong.
            return None
        raise errors.SparkNoSuchElementException(
            errorClass="SQL_CONF_NOT_FOUND", messageParameters={"sqlConf": f'"{key}"'}
        )

    def value(self, key: str) -> Any:
        """A setting pyrust reads, as its type (None while unset without a default)."""
        text = self.get(key)
        return None if text is None else SETTINGS[key].read(key, text)

    def set(self, key: str, value: Any) -> None:
        """Set a setting (a string; an int or bool is kept as Spark prints it)."""
        if value is None:
            msg = f"requirement failed: value cannot be null for key: {key}"
            raise errors.IllegalArgumentException(msg)
        text = "true" if value is True else "false" if value is False else str(value)
        self._check_and_forward(key, text)
        self._options[key] = text

    def isModifiable(self, key: str) -> bool:
        """Whether Spark lets a running session change ``key``: true for its SQL settings
        except the static ones, false for other keys.

        For a ``spark.sql.`` key pyrust has no record of (Spark's internal settings)
        it raises NOT_IMPLEMENTED rather than guess."""
        if key in STATIC_SETTINGS:
            return False
        if key in SETTINGS or key in _spark_defaults():
            return True
        if not key.startswith("spark.sql."):
            return False
        raise errors.PySparkNotImplementedError(
            errorClass="NOT_IMPLEMENTED",
            messageParameters={"feature": f"isModifiable of the SQL setting {key}, which pyrust has no record of"},
        )

    def unset(self, key: str) -> None:
        """Forget a setting's value: ``get`` returns Spark's default again."""
        setting = SETTINGS.get(key)
        if setting is not None and setting.engine_key is not None and setting.default is not None:
            self._check_and_forward(key, setting.default)
        self._options.pop(key, None)

    @property
    def getAll(self) -> dict[str, str]:
        """Every setting that has a value, by key (a property, as PySpark's)."""
        return dict(self._options)

    def _check_and_forward(self, key: str, text: str) -> None:
        setting = SETTINGS.get(key)
        if setting is None:
            return
        value = setting.read(key, text)
        if setting.engine_key is not None and self._apply is not None:
            self._apply(setting.engine_key, str(value))
