"""Records what real PySpark does for every statement of the SQL corpus
(tests/sql_corpus/*.sql, format in corpus.py) into expected/<file>.json, the
expectations tests/python/test_sql_corpus.py holds pyrust to.

Run from the repository root with the PySpark venv:

    SPARK_TESTING=1 PYSPARK_PYTHON=$PY $PY tests/sql_corpus/record_sql_corpus.py [FILE.sql ...]

Each file runs in a session of its own (SparkSession.newSession: its own temporary
views and settings) with a fresh ${tmpdir}; after it, the tables, databases and
global temporary views it made are dropped, so the next file starts from an
empty catalog as in a new process. Session settings are the parity recorder's
(record_parity.SEMANTIC_SETTINGS: UTC, ANSI mode, 2 shuffle partitions).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"
time.tzset()

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "python"))

import corpus  # noqa: E402
import record_parity  # noqa: E402


def _clean_catalog(spark):
    """Drops what a file left behind: global temporary views, tables of
    `default` and every other database."""
    for table in spark.catalog.listTables("global_temp"):
        if table.isTemporary and table.namespace == ["global_temp"]:
            spark.catalog.dropGlobalTempView(table.name)
    spark.catalog.setCurrentDatabase("default")
    for table in spark.catalog.listTables("default"):
        if not table.isTemporary:
            spark.sql(f"DROP TABLE IF EXISTS default.`{table.name}`")
    for database in spark.catalog.listDatabases():
        if database.name != "default":
            spark.sql(f"DROP DATABASE IF EXISTS `{database.name}` CASCADE")


def record_file(root_spark, sql_file, warehouse):
    spark = root_spark.newSession()
    for key, value in record_parity.SEMANTIC_SETTINGS.items():
        spark.conf.set(key, value)
    tmpdir = tempfile.mkdtemp(prefix=f"sqlcorpus-{sql_file.stem}-")
    records = {}
    try:
        for statement in corpus.parse_file(sql_file):
            record = corpus.observe(spark, statement, tmpdir, warehouse, ordered=record_parity.spark_result_is_ordered)
            record["sql"] = statement.sql
            record["line"] = statement.line
            if statement.args is not None:
                record["args"] = statement.args
            if record["kind"] == "error" and record["condition"] is None:
                print(f"  warning: {statement.id} raised {record['class']} without an error condition: "
                      f"{record['message']}", flush=True)
            if record["kind"] == "result" and not record["ordered"] and len(record["rows"]) > corpus.MAX_UNORDERED_ROWS:
                raise SystemExit(f"{statement.id}: {len(record['rows'])} unordered rows; add ORDER BY or use fewer")
            records[statement.id] = corpus.normalize(record)
    finally:
        _clean_catalog(spark)
        shutil.rmtree(tmpdir, ignore_errors=True)
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help="corpus files to re-record (default: all)")
    args = parser.parse_args()
    files = [HERE / Path(name).name for name in args.files] or corpus.corpus_files()

    root = record_parity.build_spark_session()
    import pyspark

    warehouse = root.conf.get("spark.sql.warehouse.dir")
    meta = {"pyspark_version": pyspark.__version__, "settings": record_parity.SEMANTIC_SETTINGS}
    for sql_file in files:
        started = time.monotonic()
        records = record_file(root, sql_file, warehouse)
        path = corpus.expected_path(sql_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(corpus.format_recording(meta, sql_file, records), encoding="utf-8")
        errors = sum(record["kind"] == "error" for record in records.values())
        print(f"{sql_file.name:<22} {len(records):>4} statements ({errors} errors) "
              f"{time.monotonic() - started:.1f}s -> {path.relative_to(HERE.parent.parent)}", flush=True)
    root.stop()


if __name__ == "__main__":
    main()
