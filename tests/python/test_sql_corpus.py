"""The SQL corpus (tests/sql_corpus/*.sql), run on pyrust, must give what real
PySpark gave when tests/sql_corpus/expected/ was recorded (record_sql_corpus.py).

Each file runs top to bottom in one fresh pyrust session (its own warehouse
and ${tmpdir}); every statement is compared: column names, schema string and
JSON, rows (in order where Spark fixes the order, else as a multiset; floats
within a small tolerance), or the error's class, condition and message
parameters.

Statements pyrust does not pass yet are listed, with the reason, in
tests/sql_corpus/known_differences.json (and docs/compatibility.md, generated
by `python tests/sql_corpus/corpus.py --update-docs`). They are strict
expected failures: a listed statement that passes fails the run, so the list
stays true. `python tests/python/test_sql_corpus.py` prints the pass rate per
file and every difference.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "sql_corpus"))

import corpus  # noqa: E402

FILES = {path.stem: path for path in corpus.corpus_files()}
STATEMENTS = corpus.all_statements()
KNOWN = corpus.load_known_differences()


@functools.cache
def _recording(stem: str) -> dict:
    return corpus.load_recording(FILES[stem])


def _new_session(settings: dict, warehouse: str):
    from pyrust.sql import SparkSession

    options = {"spark.master": "local[2]", "spark.app.name": "pyrust-sql-corpus", **settings}
    options["spark.sql.warehouse.dir"] = warehouse
    # A session of its own, not the process's active one other tests may hold.
    return SparkSession(options)


@functools.cache
def run_file(stem: str) -> dict[str, dict]:
    """pyrust's record of every statement of one corpus file."""
    root = Path(tempfile.mkdtemp(prefix=f"sqlcorpus-{stem}-"))
    tmpdir, warehouse = root / "tmp", root / "warehouse"
    tmpdir.mkdir()
    spark = _new_session(_recording(stem)["meta"]["settings"], str(warehouse))
    records = {}
    try:
        for statement in corpus.parse_file(FILES[stem]):
            records[statement.id] = corpus.observe(spark, statement, str(tmpdir), str(warehouse))
    finally:
        spark.stop()
        shutil.rmtree(root, ignore_errors=True)
    return records


def problems_of(statement_id: str) -> list[str]:
    stem = statement_id.rpartition(":")[0]
    expected = _recording(stem)["statements"].get(statement_id)
    if expected is None:
        return [f"{statement_id} is not recorded: run tests/sql_corpus/record_sql_corpus.py {stem}.sql"]
    return corpus.compare(expected, run_file(stem)[statement_id])


def _param(statement_id: str):
    if statement_id in KNOWN:
        return pytest.param(statement_id, marks=pytest.mark.xfail(reason=KNOWN[statement_id], strict=True))
    return statement_id


@pytest.fixture(scope="module", autouse=True)
def _pyrust_importable():
    try:
        import pyrust.sql  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"pyrust is not importable: {exc!r}", pytrace=False)


@pytest.mark.parametrize("statement_id", [_param(statement_id) for statement_id in STATEMENTS])
def test_statement(statement_id):
    problems = problems_of(statement_id)
    if problems:
        sql = STATEMENTS[statement_id].sql
        pytest.fail(f"{statement_id} differs from PySpark:\n{sql}\n" + "\n".join(problems), pytrace=False)


def test_recording_matches_the_corpus():
    """Every statement is recorded, as it is written now (else re-run the recorder)."""
    for stem, path in FILES.items():
        assert corpus.expected_path(path).exists(), f"{path.name} is not recorded: run record_sql_corpus.py"
        recorded = _recording(stem)["statements"]
        written = {statement.id: statement for statement in corpus.parse_file(path)}
        assert list(recorded) == list(written), f"{path.name}: statements added or removed since recording"
        for statement_id, statement in written.items():
            assert recorded[statement_id]["sql"] == statement.sql, f"{statement_id} changed since recording"
            assert recorded[statement_id].get("args") == statement.args, f"{statement_id}: args changed"


def test_known_differences_name_statements():
    unknown = sorted(set(KNOWN) - set(STATEMENTS))
    assert not unknown, f"known_differences.json names statements the corpus lacks: {unknown}"


def test_compatibility_doc_lists_the_known_differences():
    section = corpus.render_known_differences(KNOWN, STATEMENTS)
    assert section in corpus.COMPATIBILITY_DOC.read_text(encoding="utf-8"), (
        "docs/compatibility.md is out of date: run python tests/sql_corpus/corpus.py --update-docs"
    )


def test_corpus_size():
    """Issue 12 asks for at least 300 statements."""
    assert len(STATEMENTS) >= 300


def _report() -> int:
    failing_total = 0
    for stem in FILES:
        ids = [statement_id for statement_id in STATEMENTS if statement_id.rpartition(":")[0] == stem]
        failing = {statement_id: problems for statement_id in ids if (problems := problems_of(statement_id))}
        failing_total += len(failing)
        print(f"{stem:<16} {len(ids) - len(failing):>4}/{len(ids)}")
        for statement_id, problems in failing.items():
            mark = "known" if statement_id in KNOWN else "NEW"
            print(f"  [{mark}] {statement_id}: {' '.join(STATEMENTS[statement_id].sql.split())[:150]}")
            for problem in problems:
                print("      " + problem.replace("\n", "\n      ")[:1500])
    total = len(STATEMENTS)
    print(f"passed {total - failing_total}/{total} ({100 * (total - failing_total) / total:.1f}%)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TZ", "UTC")
    sys.exit(_report())
