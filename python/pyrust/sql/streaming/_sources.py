"""Streaming sources: what ``spark.readStream`` loads, and how a micro-batch reads it.

A streaming DataFrame is an ordinary DataFrame whose plan has a :class:`StreamLeaf`
(one per ``readStream.load``). It writes itself as a read of a table name that is never
registered, so the plan can be shown and typed but not run as a batch query. A query
opens each leaf's source (:meth:`SourceSpec.open`), and every micro-batch replaces the
leaf by a relation over the rows between two offsets of that source (``_microbatch.py``).

Offsets are JSON values: the rate source's is the number of whole seconds since the
query started (Spark's), a file source's the number of files it has listed.
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from pyrust import errors
from pyrust.sql import _plan as plan
from pyrust.sql import types as T

if TYPE_CHECKING:
    from substrait import algebra_pb2 as stalg

    from pyrust.sql.session import SparkSession, TableHandle

_LEAF_NUMBERS = itertools.count()

RATE_SCHEMA = T.StructType([T.StructField("timestamp", T.TimestampType(), True), T.StructField("value", T.LongType(), True)])


@dataclass(frozen=True, eq=False, repr=False)
class StreamLeaf(plan.Rel):
    """The streaming source ``spec`` in a plan; a micro-batch replaces it."""

    name: str
    schema: T.StructType
    spec: SourceSpec

    def write(self, message: stalg.Rel) -> plan.Pending:
        # A name nothing registers: running the plan as a batch query is refused before.
        message.read.base_schema.CopyFrom(plan.named_struct(self.schema))
        message.read.named_table.names.append(self.name)
        return []


@dataclass(frozen=True, eq=False, repr=False)
class Watermarked(plan.Rel):
    """``withWatermark``: the input's rows unchanged, with the event-time column (its
    position) and the delay recorded for the streaming checks; writes only its input."""

    input: plan.Rel
    column: int
    delay_micros: int

    def write(self, message: stalg.Rel) -> plan.Pending:
        return [(self.input, message)]


def stream_leaf(spec: SourceSpec) -> StreamLeaf:
    return StreamLeaf(f"__pyrust_stream_{next(_LEAF_NUMBERS)}", spec.schema, spec)


def stream_leaves(root: plan.Rel) -> list[StreamLeaf]:
    """The streaming sources under ``root``, each once."""
    return [node for node in plan.walk(root) if isinstance(node, StreamLeaf)]


def is_streaming(root: plan.Rel) -> bool:
    return any(isinstance(node, StreamLeaf) for node in plan.walk(root))


def replace_leaves(root: plan.Rel, replacements: dict[int, plan.Rel]) -> plan.Rel:
    """``root`` with the nodes whose ids ``replacements`` has replaced; the nodes above
    them are rebuilt (nodes are immutable), the others shared."""
    import dataclasses

    done: dict[int, plan.Rel] = {}

    def rebuilt(node: plan.Rel) -> plan.Rel:
        if id(node) in replacements:
            return replacements[id(node)]
        if isinstance(node, (plan.Observed, Watermarked)):
            # A batch's metrics are computed by the query itself (see _microbatch).
            return rebuilt(node.input)
        if id(node) in done:
            return done[id(node)]
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(node):  # type: ignore[arg-type]
            value = getattr(node, field.name)
            if isinstance(value, plan.Rel):
                new = rebuilt(value)
                if new is not value:
                    changes[field.name] = new
            elif isinstance(value, tuple) and any(isinstance(item, plan.Rel) for item in value):
                items = tuple(rebuilt(item) if isinstance(item, plan.Rel) else item for item in value)
                if any(new is not old for new, old in zip(items, value)):
                    changes[field.name] = items
        result = dataclasses.replace(node, **changes) if changes else node  # type: ignore[type-var]
        done[id(node)] = result
        return result

    return rebuilt(root)


class SourceSpec:
    """A source as ``readStream`` configured it; :meth:`open` starts reading it for a query."""

    schema: T.StructType

    def open(self, session: SparkSession, state: dict[str, Any] | None) -> SourceReader:
        raise NotImplementedError

    def __str__(self) -> str:
        return type(self).__name__


class SourceReader:
    """One query's reading of a source."""

    description: str

    def latest_offset(self) -> Any:
        """The offset up to which data is available now (None: none yet)."""
        raise NotImplementedError

    def read(self, session: SparkSession, start: Any, end: Any) -> tuple[plan.Rel, frozenset[TableHandle], int]:
        """The rows after ``start`` up to ``end`` (all up to ``end`` when ``start`` is
        None): a relation of the source's schema, the tables it reads, the row count."""
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        """What a restart from the checkpoint needs."""
        return {}

    def snapshot(self) -> None:
        """For ``trigger(availableNow=True)``: offer no data beyond what is available now."""

    def offset_json(self, offset: Any) -> Any:
        """``offset`` as Spark's progress reports show it."""
        return offset

    def latest_json(self, offset: Any) -> Any:
        """The latest offset as progress reports show it (sources that do not report one: None)."""
        return self.offset_json(offset)


def _arrow_relation(session: SparkSession, table: pa.Table, schema: T.StructType) -> tuple[plan.Rel, frozenset[TableHandle], int]:
    handle = session._cache_table(table)
    return plan.read_named_table([handle.name], schema), frozenset({handle}), table.num_rows


# -- rate ---------------------------------------------------------------------------------


def _positive_int(options: dict[str, str], key: str, default: int) -> int:
    text = options.get(key.lower())
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        msg = f"Invalid value '{text}'. The option '{key}' must be positive"
        raise errors.IllegalArgumentException(msg)
    return value


class RateSpec(SourceSpec):
    """``format("rate")``: ``rowsPerSecond`` rows each second, ``value`` counting from 0 and
    ``timestamp`` spread evenly over the second (Spark's RateStreamMicroBatchStream)."""

    schema = RATE_SCHEMA

    def __init__(self, options: dict[str, str], default_partitions: int) -> None:
        self.rows_per_second = _positive_int(options, "rowsPerSecond", 1)
        self.partitions = _positive_int(options, "numPartitions", default_partitions)
        ramp_up = options.get("rampuptime", "0")
        if ramp_up.strip().rstrip("s") not in ("0", ""):
            msg = "the rate source option rampUpTime"
            raise errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": msg})
        self.options = options

    def open(self, session: SparkSession, state: dict[str, Any] | None) -> SourceReader:
        return _RateReader(self, (state or {}).get("creationMs"))

    def __str__(self) -> str:
        return f"RateStream(rowsPerSecond={self.rows_per_second}, rampUpTimeSeconds=0, numPartitions={self.partitions})"


class _RateReader(SourceReader):
    def __init__(self, spec: RateSpec, creation_ms: int | None) -> None:
        self.spec = spec
        self.creation_ms = creation_ms if creation_ms is not None else int(time.time() * 1000)
        partitions = spec.options.get("numpartitions", "default")
        self.description = f"RateStreamV2[rowsPerSecond={spec.rows_per_second}, rampUpTimeSeconds=0, numPartitions={partitions}"
        self.cap: int | None = None

    def latest_offset(self) -> Any:
        seconds = max(0, int(time.time() * 1000) - self.creation_ms) // 1000
        return seconds if self.cap is None else min(seconds, self.cap)

    def snapshot(self) -> None:
        self.cap = self.latest_offset()

    def read(self, session: SparkSession, start: Any, end: Any) -> tuple[plan.Rel, frozenset[TableHandle], int]:
        rate = self.spec.rows_per_second
        first, last = (start or 0) * rate, end * rate
        values = pa.array(range(first, last), pa.int64())
        # Row v of second s is at creation + s seconds + round((v - s * rate) * 1000 / rate) ms.
        millis = [self.creation_ms + (value // rate) * 1000 + round((value % rate) * 1000 / rate) for value in range(first, last)]
        stamps = pa.array([m * 1000 for m in millis], pa.int64()).cast(pa.timestamp("us", tz="UTC"))
        return _arrow_relation(session, pa.table({"timestamp": stamps, "value": values}), RATE_SCHEMA)

    def state(self) -> dict[str, Any]:
        return {"creationMs": self.creation_ms}


class RatePerMicroBatchSpec(SourceSpec):
    """``format("rate-micro-batch")``: ``rowsPerBatch`` rows each micro-batch, batch n's
    rows stamped ``startTimestamp + n * advanceMillisPerBatch`` (Spark's RatePerMicroBatchStream)."""

    schema = RATE_SCHEMA

    def __init__(self, options: dict[str, str], default_partitions: int) -> None:
        if "rowsperbatch" not in options:
            msg = "Invalid value 'None'. The option 'rowsPerBatch' must be specified"
            raise errors.IllegalArgumentException(msg)
        self.rows_per_batch = _positive_int(options, "rowsPerBatch", 1)
        self.partitions = _positive_int(options, "numPartitions", default_partitions)
        self.start_ms = int(options.get("starttimestamp", "0"))
        self.advance_ms = _positive_int(options, "advanceMillisPerBatch", 1000)

    def open(self, session: SparkSession, state: dict[str, Any] | None) -> SourceReader:
        reader = _RatePerMicroBatchReader(self)
        reader.offset = (state or {}).get("offset")
        return reader

    def __str__(self) -> str:
        return (f"RatePerMicroBatchStream[rowsPerBatch={self.rows_per_batch}, numPartitions={self.partitions}, "
                f"startTimestamp={self.start_ms}, advanceMsPerBatch={self.advance_ms}]")  # fmt: skip


class _RatePerMicroBatchReader(SourceReader):
    def __init__(self, spec: RatePerMicroBatchSpec) -> None:
        self.spec = spec
        self.description = str(spec)
        self.offset: int | None = None
        self.cap: int | None = None

    def latest_offset(self) -> Any:
        # Each trigger asks for one more batch than was last read.
        following = 0 if self.offset is None else self.offset + 1
        if self.cap is None or following <= self.cap:
            self.offset = following
        return self.offset

    def snapshot(self) -> None:
        self.cap = 0 if self.offset is None else self.offset + 1

    def state(self) -> dict[str, Any]:
        return {"offset": self.offset}

    def read(self, session: SparkSession, start: Any, end: Any) -> tuple[plan.Rel, frozenset[TableHandle], int]:
        spec = self.spec
        first_batch = 0 if start is None else start + 1
        values: list[int] = []
        millis: list[int] = []
        for batch in range(first_batch, end + 1):
            values.extend(range(batch * spec.rows_per_batch, (batch + 1) * spec.rows_per_batch))
            millis.extend([spec.start_ms + batch * spec.advance_ms] * spec.rows_per_batch)
        stamps = pa.array([m * 1000 for m in millis], pa.int64()).cast(pa.timestamp("us", tz="UTC"))
        table = pa.table({"timestamp": stamps, "value": pa.array(values, pa.int64())})
        return _arrow_relation(session, table, RATE_SCHEMA)


# -- files ------------------------------------------------------------------------------


# Options of the file stream source itself, not of the format's reader.
_STREAM_ONLY_OPTIONS = ("path", "maxfilespertrigger", "maxbytespertrigger", "latestfirst", "filenameonly", "maxfileage",
                        "cleansource", "sourcearchivedir", "maxcachedfiles", "discardcachedinputratio")  # fmt: skip


class FileSpec(SourceSpec):
    """A directory of ``text``/``csv``/``json``/``parquet``/``orc``/``xml`` files; each
    micro-batch reads the files that appeared since the last (oldest first, at most
    ``maxFilesPerTrigger`` of them)."""

    def __init__(self, file_format: str, path: str, schema: T.StructType, options: dict[str, str]) -> None:
        self.format = file_format
        self.path = path
        self.schema = schema
        self.options = options
        for key, default in (("latestfirst", "false"), ("cleansource", "off"), ("maxbytespertrigger", None)):
            value = options.get(key)
            if value is not None and value.lower() != default:
                raise errors.PySparkNotImplementedError(
                    errorClass="NOT_IMPLEMENTED", messageParameters={"feature": f"the file stream source option {key}"}
                )
        if os.path.isdir(path):
            _listed(path)
        limit = options.get("maxfilespertrigger")
        self.max_files = _positive_int(options, "maxFilesPerTrigger", 1) if limit is not None else None

    def open(self, session: SparkSession, state: dict[str, Any] | None) -> SourceReader:
        return _FileReader(self, [list(batch) for batch in (state or {}).get("batches", [])])

    def __str__(self) -> str:
        return f"FileSource[{self.path}]"


class _FileReader(SourceReader):
    """Offsets are Spark's ``logOffset``: the number of the last batch of files listed
    (each trigger that finds new files makes one batch of them)."""

    def __init__(self, spec: FileSpec, batches: list[list[str]]) -> None:
        self.spec = spec
        self.batches = batches
        self.seen = {path for batch in batches for path in batch}
        self.description = f"FileStreamSource[file:{os.path.abspath(spec.path)}]"
        self.allowed: set[str] | None = None

    def snapshot(self) -> None:
        self.allowed = set(_listed(self.spec.path))

    def offset_json(self, offset: Any) -> Any:
        return None if offset is None else {"logOffset": offset}

    def latest_json(self, offset: Any) -> Any:
        # Spark's file source does not report its latest offset.
        return None

    def latest_offset(self) -> Any:
        listed = _listed(self.spec.path)
        if self.allowed is not None:
            listed = [path for path in listed if path in self.allowed]
        found = sorted((os.path.getmtime(path), path) for path in listed if path not in self.seen)
        if self.spec.max_files is not None:
            found = found[: self.spec.max_files]
        if found:
            self.batches.append([path for _, path in found])
            self.seen.update(path for _, path in found)
        return len(self.batches) - 1 if self.batches else None

    def read(self, session: SparkSession, start: Any, end: Any) -> tuple[plan.Rel, frozenset[TableHandle], int]:
        first = 0 if start is None else start + 1
        files = [path for batch in self.batches[first : end + 1] for path in batch]
        spec = self.spec
        if not files:
            empty = pa.Table.from_batches([], schema=T.to_arrow_schema(spec.schema))
            return _arrow_relation(session, empty, spec.schema)
        options = {key: value for key, value in spec.options.items() if key not in _STREAM_ONLY_OPTIONS}
        reader = session.read.format(spec.format).options(**options).schema(spec.schema)
        frame = reader.load(files)
        count = frame.count()
        return frame._plan, frame._tables, count

    def state(self) -> dict[str, Any]:
        return {"batches": self.batches}


def _listed(path: str) -> list[str]:
    """The data files under ``path`` as Spark lists them: hidden (``_``, ``.``) entries left out."""
    if os.path.isfile(path):
        return [os.path.abspath(path)]
    found: list[str] = []
    for directory, folders, names in os.walk(path):
        folders[:] = sorted(folder for folder in folders if not folder.startswith(("_", ".")))
        if any("=" in folder for folder in folders):
            raise errors.PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "partitioned directories (column=value) in a file stream source"},
            )
        found.extend(
            os.path.abspath(os.path.join(directory, name))
            for name in sorted(names)
            if not name.startswith(("_", ".")) and not name.endswith(".crc")
        )
    return found
