"""Spark's XML data source: ``spark.read.xml`` and ``df.write.xml``.

It is built from the XML functions, so that the source and the functions
agree: a file's records are the ``rowTag`` elements (at any depth, but not
inside another record), found with expat as Spark's streaming StAX reader
finds them; the schema is inferred record by record with ``schema_of_xml``'s
rules (``_functions/xml_schema.py``) and merged as Spark merges them; the
rows are the records read by the engine's ``from_xml`` with that schema.
A file that stops being well-formed XML keeps the records before the error
and, as in Spark, gives one malformed record holding the whole file's text
(``_corrupt_record`` in ``PERMISSIVE`` mode, dropped in ``DROPMALFORMED``,
an error in ``FAILFAST``). Writing formats each row with the engine's
``to_xml`` one level inside the root element, and the file writer puts the
declaration and the root element around a file's rows.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any
from xml.parsers import expat

from pyrust import errors
from pyrust.sql import types as T
from pyrust.sql._functions import xml_schema

if TYPE_CHECKING:
    from pyrust.sql.column import Column
    from pyrust.sql.dataframe import DataFrame
    from pyrust.sql.session import SparkSession

# Spark's XML reader options pyrust reads (lower-cased: Spark's options are case-insensitive).
_READ_OPTIONS = frozenset({
    "rowtag", "attributeprefix", "valuetag", "excludeattribute", "inferschema", "prefersdecimal", "mode",
    "columnnameofcorruptrecord", "samplingratio", "encoding", "charset", "ignoresurroundingspaces",
    "dateformat", "timestampformat", "timestampntzformat", "path",
})  # fmt: skip
# Spark's options that change what is read, which pyrust does not implement (others are ignored, as Spark does).
_UNSUPPORTED_READ_OPTIONS = frozenset({
    "rowvalidationxsdpath", "ignorenamespace", "wildcardcolname", "nullvalue", "locale", "timezone",
    "pathglobfilter", "recursivefilelookup", "modifiedbefore", "modifiedafter", "validatename", "compression",
})  # fmt: skip
_WRITE_OPTIONS = frozenset({
    "rowtag", "roottag", "attributeprefix", "valuetag", "nullvalue", "arrayelementname", "declaration",
    "dateformat", "timestampformat", "timestampntzformat", "compression", "codec", "encoding", "charset",
})  # fmt: skip
_UNSUPPORTED_WRITE_OPTIONS = frozenset({"validatename", "timezone", "locale"})
_DEFAULT_DECLARATION = 'version="1.0" encoding="UTF-8" standalone="yes"'
_ROOT_TAG = re.compile(r"[A-Za-z_][\w.\-]*(\s+[A-Za-z_][\w.\-]*\s*=\s*(\"[^\"<&]*\"|'[^'<&]*'))*\s*")


def _not_implemented(feature: str) -> errors.PySparkNotImplementedError:
    return errors.PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


def _flag(options: dict[str, str], name: str, default: bool) -> bool:
    value = options.get(name)
    return default if value is None else value.strip().lower() == "true"


def _row_tag(options: dict[str, str]) -> str:
    row_tag = options.get("rowtag", "").strip()
    if not row_tag:
        raise errors.AnalysisException(errorClass="XML_ROW_TAG_MISSING", messageParameters={"rowTag": "`rowTag`"})
    return row_tag


# -- finding records ------------------------------------------------------------------


def records_of_file(data: bytes, row_tag: str) -> tuple[list[str], bool]:
    """The ``row_tag`` elements of a file's bytes, as texts, and whether the file
    stops being well-formed XML (the records before the error are kept)."""
    parser = expat.ParserCreate()
    spans: list[tuple[int, int]] = []
    depth = 0
    start: list[int] = []  # [byte offset, depth] of the open record

    def on_start(name: str, attributes: Any) -> None:
        nonlocal depth
        depth += 1
        if not start and name == row_tag:
            start.extend((parser.CurrentByteIndex, depth))

    def on_end(name: str) -> None:
        nonlocal depth
        if start and depth == start[1]:
            end = data.find(b">", parser.CurrentByteIndex) + 1
            spans.append((start[0], end))
            start.clear()
        depth -= 1

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    malformed = False
    if data.strip():
        try:
            parser.Parse(data, True)
        except expat.ExpatError:
            malformed = True
    return [data[begin:end].decode("utf-8") for begin, end in spans], malformed


def _first_element(text: str) -> str | None:
    """The first element of a string of a DataFrame read as XML (Spark reads only it), or None if there is none."""
    data = text.encode("utf-8")
    parser = expat.ParserCreate()
    depth = 0
    span: list[int] = []

    def on_start(name: str, attributes: Any) -> None:
        nonlocal depth
        if depth == 0 and not span:
            span.append(parser.CurrentByteIndex)
        depth += 1

    def on_end(name: str) -> None:
        nonlocal depth
        depth -= 1
        if depth == 0 and len(span) == 1:
            span.append(data.find(b">", parser.CurrentByteIndex) + 1)
            raise StopIteration

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    try:
        parser.Parse(data, True)
    except StopIteration:
        pass
    except expat.ExpatError:
        return None
    return data[span[0]:span[1]].decode("utf-8") if len(span) == 2 else None


# -- reading --------------------------------------------------------------------------


def _files(paths: list[str]) -> list[str]:
    """The files to read, ordered as Spark packs them into partitions (largest first)."""
    found: list[str] = []
    for path in paths:
        local = path.removeprefix("file://").removeprefix("file:")
        if any(character in local for character in "*?["):
            raise _not_implemented("reading XML files named by a glob pattern")
        if not os.path.exists(local):
            shown = f"file:{os.path.abspath(local)}"
            raise errors.AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={"path": shown})
        if os.path.isfile(local):
            found.append(local)
            continue
        for name in sorted(os.listdir(local)):
            if name.startswith(("_", ".")):
                continue
            full = os.path.join(local, name)
            if os.path.isdir(full):
                raise _not_implemented("reading XML files in subdirectories (partitioned directories)")
            found.append(full)
    return sorted(found, key=lambda path: -os.path.getsize(path))


def _read_bytes(path: str) -> bytes:
    if path.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as handle:
            return handle.read()
    with open(path, "rb") as handle:
        return handle.read()


def read_xml(
    session: SparkSession, source: list[str] | DataFrame, options: dict[str, str], schema: T.StructType | None
) -> DataFrame:
    """``spark.read.xml``: files (paths) or the strings of a one-string-column DataFrame."""
    import pyarrow as pa

    from pyrust.sql import functions as F

    options = {key.lower(): value for key, value in options.items()}
    for option in sorted(options):
        if option in _UNSUPPORTED_READ_OPTIONS:
            raise _not_implemented(f"the XML reader option {option}")
    encoding = options.get("encoding", options.get("charset", "UTF-8"))
    if encoding.replace("-", "").lower() != "utf8":
        raise _not_implemented(f"reading XML in the {encoding} encoding")
    if not _flag(options, "ignoresurroundingspaces", True):
        raise _not_implemented("the XML reader with ignoreSurroundingSpaces false")
    if float(options.get("samplingratio", "1")) != 1.0:
        raise _not_implemented("the XML reader with a samplingRatio below 1")
    mode = options.get("mode", "PERMISSIVE").upper()
    if mode not in ("PERMISSIVE", "DROPMALFORMED", "FAILFAST"):
        mode = "PERMISSIVE"  # Spark falls back to PERMISSIVE for a mode it does not know
    corrupt_column = options.get("columnnameofcorruptrecord", "_corrupt_record")
    if schema is not None and corrupt_column in schema.names:
        raise _not_implemented(f"the XML reader with a {corrupt_column} column in the schema")
    if schema is not None and mode == "DROPMALFORMED":
        raise _not_implemented("the XML reader in DROPMALFORMED mode with a schema")
    # Each record: (its text, or None; the malformed text, or None).
    rows: list[tuple[str | None, str | None]] = []
    from pyrust.sql.dataframe import DataFrame

    if isinstance(source, DataFrame):
        fields = source.schema.fields
        if len(fields) != 1 or not isinstance(fields[0].dataType, T.StringType):
            shown = fields[0].dataType.simpleString().upper() if len(fields) == 1 else source.schema.simpleString().upper()
            raise errors.AnalysisException(
                errorClass="DATAFRAME_INPUT_NOT_STRING_TYPE", messageParameters={"dataType": f'"{shown}"'}
            )
        for value in source.toArrow().column(0).to_pylist():
            if value is None:
                rows.append((None, None))
                continue
            record = _first_element(value)
            rows.append((record, None) if record is not None else (None, value))
    else:
        row_tag = _row_tag(options)
        for path in _files(source):
            data = _read_bytes(path)
            records, malformed = records_of_file(data, row_tag)
            rows.extend((record, None) for record in records)
            if malformed:
                rows.append((None, data.decode("utf-8", errors="replace")))
    bad = [text for _, text in rows if text is not None]
    if bad and mode == "FAILFAST":
        raise errors.SparkRuntimeException(
            errorClass="MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
            messageParameters={"badRecord": corrupt_column, "failFastMode": "FAILFAST"},
        )
    if mode == "DROPMALFORMED":
        rows = [row for row in rows if row[1] is None]
    with_corrupt = False
    if schema is None:
        schema = _inferred_schema([record for record, _ in rows if record is not None], options)
        if bad and mode == "PERMISSIVE":
            with_corrupt = True
            fields = [*schema.fields, T.StructField(corrupt_column, T.StringType(), True)]
            schema = T.StructType(sorted(fields, key=lambda field: field.name))
    data_fields = [field for field in schema.fields if not (with_corrupt and field.name == corrupt_column)]
    table = pa.table(
        {"value": pa.array([row[0] for row in rows], pa.string()), "corrupt": pa.array([row[1] for row in rows], pa.string())}
    )
    records = session.createDataFrame(table, "value STRING, corrupt STRING")
    if not schema.fields:
        return records.select().limit(0) if not rows else records.select()
    columns: list[Column] = []
    if data_fields:
        parsed = F.from_xml(F.col("value"), T.StructType(data_fields), _from_xml_options(options, mode)).alias("__pyrust_row")
        records = records.select(parsed, F.col("corrupt"))
    for field in schema.fields:
        if with_corrupt and field.name == corrupt_column:
            columns.append(F.col("corrupt").alias(field.name))
        else:
            columns.append(F.col("__pyrust_row").getField(field.name).alias(field.name))
    return records.select(*columns)


def _from_xml_options(options: dict[str, str], mode: str) -> dict[str, str]:
    passed = {
        key: value
        for key, value in options.items()
        if key in ("attributeprefix", "valuetag", "rowtag", "dateformat", "timestampformat", "timestampntzformat")
    }
    passed["mode"] = "FAILFAST" if mode == "FAILFAST" else "PERMISSIVE"
    return passed


def _inferred_schema(records: list[str], options: dict[str, str]) -> T.StructType:
    """The schema Spark infers for the records: each one's, merged; fields sorted by name."""
    for option in ("dateformat", "timestampformat", "timestampntzformat"):
        if option in options:
            raise _not_implemented(f"inferring an XML schema with the option {option}")
    xml_options = xml_schema.XmlOptions(
        attribute_prefix=options.get("attributeprefix", "_"),
        value_tag=options.get("valuetag", "_VALUE"),
        exclude_attribute=_flag(options, "excludeattribute", False),
        infer_schema=_flag(options, "inferschema", True),
        prefers_decimal=_flag(options, "prefersdecimal", False),
    )
    return xml_schema.infer_records(records, xml_options)


# -- writing --------------------------------------------------------------------------


def write_layout(options: dict[str, str], data: list[Column]) -> tuple[Column, dict[str, str]]:
    """The column of rows ``df.write.xml`` writes (each row's element, one level inside
    the root) and the file writer's options that put the declaration and root around them."""
    from pyrust.sql import functions as F

    for option in sorted(options):
        if option in _UNSUPPORTED_WRITE_OPTIONS:
            raise _not_implemented(f"the XML writer option {option}")
    row_tag = _row_tag(options)
    root_tag = options.get("roottag", "ROWS")
    if not _ROOT_TAG.fullmatch(root_tag):
        raise _not_implemented(f"the XML rootTag {root_tag!r}")
    declaration = options.get("declaration", _DEFAULT_DECLARATION)
    row_options = {
        key: value
        for key, value in options.items()
        if key in ("attributeprefix", "valuetag", "nullvalue", "arrayelementname", "dateformat", "timestampformat", "timestampntzformat")
    }
    row_options["rowTag"] = row_tag
    row_options["__pyrust_row_depth"] = "1"
    start = (f"<?xml {declaration}?>\n" if declaration else "") + f"<{root_tag.strip()}>\n"
    end = f"</{root_tag.split()[0]}>"
    column = F.to_xml(F.struct(*data), row_options).alias("value")
    return column, {"rowsStart": start, "rowsEnd": end, "lineSep": "\n"}


__all__ = ["read_xml", "records_of_file", "write_layout"]
