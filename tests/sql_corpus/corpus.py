"""The SQL corpus: statements in `tests/sql_corpus/*.sql`, recorded from real
PySpark (record_sql_corpus.py) into `expected/<file>.json` and replayed on
pyrust (tests/python/test_sql_corpus.py).

Shared by both sides; like parity_codec it imports neither engine.

File format
-----------
A file is a sequence of statements, each ending with a line whose last
character is `;` (the `;` is not part of the statement). Lines starting
with `--` are comments, except two annotations that apply to the next
statement:

    -- args: <JSON>    spark.sql(text, args=<JSON>): an object binds `:name`
                       parameters, an array `?` ones

`${tmpdir}` in a statement is a fresh empty directory per file (the runner
fills it in; results and error parameters show it as `${tmpdir}` again, and
the warehouse directory as `${warehouse}`).

A file runs top to bottom in one fresh session, so DDL and INSERT statements
set up what later ones read. A statement's id is `<file stem>:<ordinal>`
(1-based, in file order); `line` in the recording points at its first line.

Records
-------
result: columns, schema (simpleString), schema_json, rows (parity_codec),
        ordered (whether Spark fixes the row order; else rows are compared as
        a multiset, stored sorted)
error:  class (exception class name), condition, parameters (message
        parameters) and, when there is no condition, message (first line)
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
EXPECTED_DIR = CORPUS_DIR / "expected"
KNOWN_DIFFERENCES_PATH = CORPUS_DIR / "known_differences.json"
COMPATIBILITY_DOC = CORPUS_DIR.parent.parent / "docs" / "compatibility.md"

sys.path.insert(0, str(CORPUS_DIR.parent / "python"))

import parity_codec  # noqa: E402

TMPDIR = "${tmpdir}"
WAREHOUSE = "${warehouse}"
MESSAGE_CHARS = 120
MAX_UNORDERED_ROWS = 50


@dataclass(frozen=True)
class Statement:
    id: str
    line: int
    sql: str
    args: dict | list | None = None


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.sql"))


def expected_path(sql_file: Path) -> Path:
    return EXPECTED_DIR / f"{sql_file.stem}.json"


_ANNOTATION = re.compile(r"--\s*(args):\s*(.*)$")


def parse_file(path: Path) -> list[Statement]:
    """The statements of one corpus file (see the module doc for the format)."""
    statements: list[Statement] = []
    lines: list[str] = []
    first_line = 0
    annotations: dict[str, object] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = raw.strip()
        if not lines and (not stripped or stripped.startswith("--")):
            match = _ANNOTATION.match(stripped)
            if match:
                annotations[match.group(1)] = json.loads(match.group(2))
            continue
        if not lines:
            first_line = number
        lines.append(raw.rstrip())
        if stripped.endswith(";"):
            text = "\n".join(lines).rstrip()[:-1].rstrip()
            statements.append(
                Statement(f"{path.stem}:{len(statements) + 1}", first_line, text, annotations.get("args"))
            )
            lines, annotations = [], {}
    if lines:
        msg = f"{path.name}:{first_line}: statement without a closing ';'"
        raise ValueError(msg)
    return statements


# -- observing one statement ------------------------------------------------------


class _Paths:
    """Replaces the run's directories by their placeholders in recorded text."""

    def __init__(self, tmpdir: str, warehouse: str) -> None:
        # Longest first: the warehouse may live inside the temp dir.
        self._pairs = sorted(
            [(str(warehouse).removeprefix("file:").rstrip("/"), WAREHOUSE), (str(tmpdir).rstrip("/"), TMPDIR)],
            key=lambda pair: -len(pair[0]),
        )

    def text(self, value: str) -> str:
        for path, placeholder in self._pairs:
            value = value.replace(path, placeholder)
        return value

    def encoded(self, data):
        if isinstance(data, str):
            return self.text(data)
        if isinstance(data, list):
            return [self.encoded(item) for item in data]
        if isinstance(data, dict):
            return {key: self.encoded(value) for key, value in data.items()}
        return data


def describe_error(exc: BaseException, paths: _Paths) -> dict:
    condition = None
    getter = getattr(exc, "getCondition", None)
    if callable(getter):
        condition = getter()
    record = {"kind": "error", "class": type(exc).__name__, "condition": condition}
    if condition is not None:
        parameters = exc.getMessageParameters() or {}
        record["parameters"] = {key: paths.text(str(value)) for key, value in sorted(parameters.items())}
    else:
        lines = paths.text(str(exc)).strip().splitlines()
        record["message"] = (lines[0] if lines else "")[:MESSAGE_CHARS]
    return record


def observe(spark, statement: Statement, tmpdir: str, warehouse: str, ordered=None) -> dict:
    """Runs one statement and describes its outcome (any exception, raised
    while planning or while collecting, is the outcome). `ordered(df)` is the
    recorder's judgement of whether Spark fixes the row order."""
    paths = _Paths(tmpdir, warehouse)
    text = statement.sql.replace(TMPDIR, str(tmpdir))
    try:
        frame = spark.sql(text) if statement.args is None else spark.sql(text, args=statement.args)
        schema = frame.schema
        record = {
            "kind": "result",
            "columns": list(frame.columns),
            "schema": schema.simpleString(),
            "schema_json": json.loads(schema.json()),
            "rows": paths.encoded(parity_codec.encode_rows(frame.collect())),
        }
        if ordered is not None:
            record["ordered"] = bool(ordered(frame))
    except Exception as exc:  # the error is the outcome
        return describe_error(exc, paths)
    return record


def normalize(record: dict) -> dict:
    """Unordered rows in a canonical order (stored so, and compared so)."""
    if record["kind"] != "result" or record.get("ordered"):
        return record
    return dict(record, rows=sorted(record["rows"], key=parity_codec.sort_key))


def compare(expected: dict, actual: dict) -> list[str]:
    """The differences between PySpark's record and pyrust's; empty when equal."""
    if expected["kind"] == "error":
        if actual["kind"] != "error":
            return [f"expected {expected['class']} [{expected['condition']}] {expected.get('parameters', '')}, "
                    f"got a result with columns {actual['columns']}"]
        keys = ("class", "condition", "parameters", "message")
        return [f"{key}: expected {expected.get(key)!r}, got {actual.get(key)!r}"
                for key in keys if expected.get(key) != actual.get(key)]
    if actual["kind"] == "error":
        detail = actual.get("parameters", actual.get("message"))
        return [f"expected a result, got {actual['class']} [{actual['condition']}] {detail}"]
    problems = [f"{key}: expected {expected[key]!r}, got {actual[key]!r}"
                for key in ("columns", "schema", "schema_json") if expected[key] != actual[key]]
    ordered = bool(expected.get("ordered"))
    got = normalize(dict(actual, ordered=ordered))
    if not parity_codec.equal(expected["rows"], got["rows"]):
        how = "in order" if ordered else "as a multiset"
        problems.append(f"rows ({how}):\n  expected {expected['rows']!r}\n  got      {got['rows']!r}")
    return problems


# -- recordings and known differences ----------------------------------------------


def format_recording(meta: dict, sql_file: Path, records: dict[str, dict]) -> str:
    """expected/<file>.json's text: one statement per block, one row per line."""

    def compact(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    out = ["{", f' "meta": {compact(meta)},', f' "file": {compact(sql_file.name)},', ' "statements": [']
    for index, (statement_id, record) in enumerate(records.items()):
        fields = [f'   "id": {compact(statement_id)}']
        for key in sorted(record):
            value = record[key]
            if key == "rows" and value:
                rows = ",\n".join(f"    {compact(row)}" for row in value)
                fields.append(f'   "rows": [\n{rows}\n   ]')
            else:
                fields.append(f"   {compact(key)}: {compact(value)}")
        out.append("  {\n" + ",\n".join(fields) + "\n  }" + ("," if index < len(records) - 1 else ""))
    out += [" ]", "}"]
    text = "\n".join(out) + "\n"
    json.loads(text)  # the hand-made layout is valid JSON
    return text


def load_recording(sql_file: Path) -> dict:
    data = json.loads(expected_path(sql_file).read_text(encoding="utf-8"))
    return {"meta": data["meta"], "statements": {record.pop("id"): record for record in data["statements"]}}


def load_known_differences() -> dict[str, str]:
    return json.loads(KNOWN_DIFFERENCES_PATH.read_text(encoding="utf-8"))


DOC_BEGIN = "<!-- sql-corpus-known-differences: begin (generated by tests/sql_corpus/corpus.py --update-docs) -->"
DOC_END = "<!-- sql-corpus-known-differences: end -->"


def render_known_differences(known: dict[str, str], statements: dict[str, Statement]) -> str:
    """The docs/compatibility.md section: known differences grouped by reason."""
    by_reason: dict[str, list[str]] = {}
    for statement_id in sorted(known, key=_id_order):
        by_reason.setdefault(known[statement_id], []).append(statement_id)
    total = len(statements)
    lines = [
        DOC_BEGIN,
        "",
        f"The SQL corpus (`tests/sql_corpus/`, {total} statements recorded from PySpark) passes "
        f"{total - len(known)} of {total}; the statements below differ, grouped by cause.",
        "",
    ]
    for reason in sorted(by_reason, key=lambda text: (-len(by_reason[text]), text)):
        lines.append(f"- {reason}")
        for statement_id in by_reason[reason]:
            sql = " ".join(statements[statement_id].sql.split()) if statement_id in statements else "?"
            if len(sql) > 110:
                sql = sql[:107] + "..."
            code = f"`` {sql} ``" if "`" in sql else f"`{sql}`"
            lines.append(f"  - `{statement_id}`: {code}")
    lines += ["", DOC_END]
    return "\n".join(lines)


def _id_order(statement_id: str):
    stem, _, number = statement_id.rpartition(":")
    return stem, int(number)


def all_statements() -> dict[str, Statement]:
    return {statement.id: statement for path in corpus_files() for statement in parse_file(path)}


def update_docs() -> None:
    text = COMPATIBILITY_DOC.read_text(encoding="utf-8")
    section = render_known_differences(load_known_differences(), all_statements())
    if DOC_BEGIN in text:
        head, _, rest = text.partition(DOC_BEGIN)
        _, _, tail = rest.partition(DOC_END)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n## SQL corpus: known differences\n\n" + section + "\n"
    COMPATIBILITY_DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update-docs"]:
        update_docs()
    else:
        print(f"usage: python {Path(__file__).name} --update-docs", file=sys.stderr)
        sys.exit(2)
