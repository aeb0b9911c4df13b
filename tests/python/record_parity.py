"""Records what real PySpark does for every case of the parity corpus (parity_corpus.py) into
expected/parity*.json (one file per case module), the expectations test_parity.py holds pyrust to.

Run from the repository root with the PySpark venv:

    SPARK_TESTING=1 PYSPARK_PYTHON=$PY $PY tests/python/record_parity.py [--case NAME ...]

where $PY is the Python that has PySpark installed.

Without --case every case is re-recorded and the file rewritten (cases no
longer in the corpus disappear). With --case only those entries are replaced.
The output is deterministic (sorted keys, unordered results in a canonical
order), so re-recording an unchanged corpus gives an unchanged file.
"""

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

# Python-side conversions of timestamps (collect(), toPandas()) use the
# process's local zone, not Spark's session zone: pin both to UTC.
os.environ["TZ"] = "UTC"
time.tzset()

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import parity_corpus  # noqa: E402
import parity_harness  # noqa: E402

# Settings that decide results. Stored in parity.json's "meta" so the runner
# can give pyrust the same ones; pyrust's defaults are meant to equal these.
SEMANTIC_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    # Spark 4's default, pinned: errors on overflow, bad casts, division by zero.
    "spark.sql.ansi.enabled": "true",
    # Few partitions: fast, and the same split of the inline data every run.
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    # Default (off), pinned: toPandas()/createDataFrame(pandas) take the
    # non-Arrow path, whose dtypes are what was recorded.
    "spark.sql.execution.arrow.pyspark.enabled": "false",
}

# Settings that only keep the run quiet and quick.
QUIET_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}

MAX_UNORDERED_ROWS = 20  # show() prints 20 rows: beyond that, which ones depends on order


def build_spark_session():
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master("local[2]").appName("pyrust-parity-recorder")
    for key, value in {**SEMANTIC_SETTINGS, **QUIET_SETTINGS}.items():
        builder = builder.config(key, value)
    # Tables the cases create go to a warehouse of their own, not the working directory.
    builder = builder.config("spark.sql.warehouse.dir", tempfile.mkdtemp(prefix="parity-warehouse-"))
    spark = builder.getOrCreate()
    # Expected errors would otherwise be logged at ERROR, by the JVM and by
    # PySpark's own logger for DataFrame query contexts.
    spark.sparkContext.setLogLevel("FATAL")
    from pyspark.logger import PySparkLogger

    for name in ("DataFrameQueryContextLogger", "SQLQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL)
    return spark


# Spark's row order is fixed where no shuffle comes after the data's source
# or after the last global sort: sources give rows in partition order (local
# data, ranges and file splits are numbered), these nodes keep each
# partition's order, and results are concatenated in partition order.
_ORDERED_SOURCES = {"LocalRelation", "LogicalRDD", "ExternalRDD", "Range", "LogicalRelation", "OneRowRelation"}
_ORDER_KEEPING_NODES = {"Project", "GlobalLimit", "LocalLimit", "Filter", "SubqueryAlias", "Offset", "Sample", "Union"}


def spark_result_is_ordered(df):
    """True when Spark fixes the result's row order: every path from the
    analyzed plan's top, through nodes that keep row order, ends in a global
    Sort or in a source."""
    return _order_is_fixed(df._jdf.queryExecution().analyzed())


def _order_is_fixed(plan):
    name = plan.nodeName()
    if name == "Sort":
        return bool(getattr(plan, "global")())  # False for sortWithinPartitions
    if name in _ORDERED_SOURCES:
        return True
    if name not in _ORDER_KEEPING_NODES:
        return False
    children = plan.children()
    return all(_order_is_fixed(children.apply(index)) for index in range(children.size()))


def record_case(name, case_fn, spark):
    """Runs one case on PySpark and returns its normalised record."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    record = parity_harness.observe(case_fn, spark, F, T)
    if record["kind"] == "dataframe":
        record["ordered"] = spark_result_is_ordered(case_fn(spark, F, T))
    _check_case_intent(name, record)
    return parity_harness.normalize_unordered(record)


def _check_case_intent(name, record):
    """Catches a corpus mistake before it becomes an expectation: error cases
    must raise a PySpark error, others must not raise, and an unordered result
    must fit in what show() prints."""
    wants_error = name.startswith("error_")
    if wants_error and record["kind"] != "error":
        raise SystemExit(f"case {name}: expected to raise, but returned a {record['kind']}")
    if not wants_error and record["kind"] == "error":
        raise SystemExit(f"case {name}: raised unexpectedly: {record['error']}")
    if record["kind"] == "error" and record["error"]["condition"] is None:
        raise SystemExit(f"case {name}: raised {record['error']} which has no error condition")
    if record["kind"] == "dataframe" and not record["ordered"] and len(record["rows"]) > MAX_UNORDERED_ROWS:
        raise SystemExit(f"case {name}: {len(record['rows'])} unordered rows; add an orderBy or use fewer rows")


def _compact(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def format_expected(meta, cases):
    """parity.json's text: sorted keys, one line per case field and one line
    per row, so a behaviour change shows up as a small, readable diff."""
    out = ["{", f' "meta": {_compact(meta)},', ' "cases": {']
    for i, name in enumerate(sorted(cases)):
        record = cases[name]
        out.append(f"  {_compact(name)}: {{")
        fields = []
        for key in sorted(record):
            value = record[key]
            if key == "rows" and value:
                rows = ",\n".join(f"    {_compact(row)}" for row in value)
                fields.append(f'   "rows": [\n{rows}\n   ]')
            else:
                fields.append(f"   {_compact(key)}: {_compact(value)}")
        out.append(",\n".join(fields))
        out.append("  }" + ("," if i < len(cases) - 1 else ""))
    out += [" }", "}"]
    return "\n".join(out) + "\n"


def write_expected(path, meta, cases):
    path.parent.mkdir(parents=True, exist_ok=True)
    text = format_expected(meta, cases)
    assert json.loads(text) == {"meta": meta, "cases": cases}  # the hand-made layout is valid JSON
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", default=[], metavar="NAME",
                        help="re-record only this case (repeatable); others are kept from the existing file")
    args = parser.parse_args()

    corpus = parity_corpus.all_cases()
    unknown = [name for name in args.case if name not in corpus]
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(unknown)}")

    spark = build_spark_session()
    import pyspark

    meta = {
        "pyspark_version": pyspark.__version__,
        "settings": SEMANTIC_SETTINGS,
        "python_timezone": "UTC",
    }
    names = args.case or list(corpus)
    # Each module's recording is rewritten with its re-recorded cases; with
    # --case, the module's other cases are kept from its file.
    for module in parity_corpus.modules():
        path = parity_corpus.expected_path(module)
        chosen = [name for name in names if corpus[name][1] == module]
        if not chosen:
            continue
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"] if args.case and path.exists() else {}
        for name in chosen:
            started = time.monotonic()
            cases[name] = record_case(name, corpus[name][0], spark)
            kind = cases[name]["kind"]
            detail = cases[name]["error"]["condition"] if kind == "error" else ""
            print(f"{name:<45} {kind:<9} {detail} ({time.monotonic() - started:.1f}s)", flush=True)
        write_expected(path, meta, cases)
        print(f"wrote {len(cases)} cases to {path}")
    spark.stop()


if __name__ == "__main__":
    main()
