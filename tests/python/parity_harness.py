"""Runs one parity case on a session and describes what it produced; compares
two such descriptions.

Shared by record_parity.py (PySpark side) and test_parity.py (pyrust side, and
both sides in live mode). Like parity_codec, it imports neither engine: it only
uses the public DataFrame API both are meant to offer.

A description ("record") is a JSON-safe dict with a "kind":
  dataframe: schema, nullable, columns, dtypes, rows, show (and "ordered",
             added by the recorder, which knows Spark's plan)
  value:     value   (a case that returns a plain result of an action,
             e.g. df.count() or df.toPandas())
  error:     error = {class, condition, message_start}
"""

import contextlib
import io
from pathlib import Path

import parity_codec

MESSAGE_START_CHARS = 80
# Error messages naming a sample file show this directory as "<data>", so the
# recording does not depend on where the repository is checked out.
DATA_DIR = str(Path(__file__).resolve().parent.parent / "data")


def _is_dataframe(obj):
    return all(hasattr(obj, attr) for attr in ("collect", "schema", "show", "columns"))


def describe_error(exc):
    """Class name, error condition and message start of an exception, read the
    same way from PySpark's and pyrust's PySparkException-like errors."""
    condition = None
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(exc, getter, None)
        if callable(fn):
            try:
                condition = fn()
            except Exception:  # a getter that itself fails says nothing useful
                condition = None
            if condition is not None:
                break
    lines = str(exc).replace(DATA_DIR, "<data>").strip().splitlines()
    first_line = lines[0] if lines else ""
    return {
        "class": type(exc).__name__,
        "condition": condition,
        "message_start": first_line[:MESSAGE_START_CHARS],
    }


def capture_show(df, *args, **kwargs):
    """The exact text df.show(...) prints (by default 20 rows, truncate=True)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.show(*args, **kwargs)
    return buf.getvalue()


# show() layouts beyond the default, compared where the row order is defined.
SHOW_VARIANTS = {
    "n=2": {"n": 2},
    "truncate=False": {"truncate": False},
    "truncate=3": {"truncate": 3},
    "vertical": {"vertical": True},
    "n=1,vertical,truncate=4": {"n": 1, "vertical": True, "truncate": 4},
}


def describe_dataframe(df):
    schema = df.schema
    return {
        "kind": "dataframe",
        "schema": schema.simpleString(),
        "nullable": [bool(f.nullable) for f in schema.fields],
        "columns": list(df.columns),
        "dtypes": [[name, type_name] for name, type_name in df.dtypes],
        "rows": parity_codec.encode_rows(df.collect()),
        "show": capture_show(df),
        "show_variants": {name: capture_show(df, **kwargs) for name, kwargs in SHOW_VARIANTS.items()},
    }


@contextlib.contextmanager
def case_settings(case_fn, spark):
    """The session settings a case asks for (parity_cases.settings), set on
    `spark` while the block runs and restored after, so its DataFrame is both
    built and looked at under them."""
    wanted = getattr(case_fn, "settings", {})
    previous = {key: spark.conf.get(key, None) for key in wanted}
    for key, value in wanted.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def observe(case_fn, spark, F, T):
    """Runs a case (under its settings) and describes its outcome. Any
    exception, raised while building the DataFrame or while looking at it, is
    the outcome: engines may differ on when (eagerly or lazily) they report an
    error, not on whether."""
    with case_settings(case_fn, spark):
        try:
            result = case_fn(spark, F, T)
            if _is_dataframe(result):
                return describe_dataframe(result)
            return {"kind": "value", "value": parity_codec.encode(result)}
        except Exception as exc:  # the error is the recorded result
            return {"kind": "error", "error": describe_error(exc)}


# -- normalisation of results whose row order is unspecified ----------------


def _show_body_bounds(lines):
    """Indexes of the data lines of a show() table: between the 2nd and 3rd
    '+---+' border lines."""
    borders = [i for i, line in enumerate(lines) if line.startswith("+")]
    if len(borders) < 3:
        return None
    return borders[1] + 1, borders[2]


def sort_show_body(text):
    """show() text with its data lines sorted; header, borders and footer are
    left as they are. Used when the rows' order is unspecified."""
    lines = text.split("\n")
    bounds = _show_body_bounds(lines)
    if bounds is None:
        return text
    start, end = bounds
    lines[start:end] = sorted(lines[start:end])
    return "\n".join(lines)


def normalize_unordered(record):
    """Puts rows and show lines of an unordered result in a canonical order,
    so stored expectations are stable and comparisons ignore row order."""
    if record.get("kind") != "dataframe" or record.get("ordered"):
        return record
    out = dict(record)
    out["rows"] = sorted(record["rows"], key=parity_codec.sort_key)
    out["show"] = sort_show_body(record["show"])
    # Which rows show(n) picks, and the order of vertical records, are undefined too.
    out.pop("show_variants", None)
    return out


# -- comparison -------------------------------------------------------------


def compare(expected, actual):
    """Lists the differences between an expected record (from PySpark) and an
    actual one (from the engine under test); empty when they agree."""
    if expected["kind"] == "error":
        if actual["kind"] != "error":
            return [f"expected {expected['error']['class']} [{expected['error']['condition']}] "
                    f"({expected['error']['message_start']!r}), but the case did not raise: got {actual['kind']}"]
        problems = []
        # The message's first line too: Spark's wording is part of the contract.
        for key in ("class", "condition", "message_start"):
            if expected["error"][key] != actual["error"][key]:
                problems.append(f"error {key}: expected {expected['error'][key]!r}, got {actual['error'][key]!r}"
                                f" (message: {actual['error']['message_start']!r})")
        return problems

    if actual["kind"] == "error":
        err = actual["error"]
        return [f"expected a {expected['kind']}, but the case raised {err['class']} "
                f"[{err['condition']}]: {err['message_start']!r}"]
    if actual["kind"] != expected["kind"]:
        return [f"expected a {expected['kind']}, got a {actual['kind']}"]

    if expected["kind"] == "value":
        if not parity_codec.equal(expected["value"], actual["value"]):
            return [f"value: expected {expected['value']!r}, got {actual['value']!r}"]
        return []

    ordered = bool(expected.get("ordered"))
    if not ordered:
        actual = normalize_unordered(dict(actual, ordered=False))
        expected = normalize_unordered(expected)
    problems = []
    for key in ("schema", "columns", "dtypes", "nullable"):
        if expected[key] != actual[key]:
            problems.append(f"{key}: expected {expected[key]!r}, got {actual[key]!r}")
    if not parity_codec.equal(expected["rows"], actual["rows"]):
        order_note = "in order" if ordered else "as a multiset"
        problems.append(f"rows ({order_note}):\n  expected {expected['rows']!r}\n  got      {actual['rows']!r}")
    if expected["show"] != actual["show"]:
        problems.append(f"show():\n--- expected\n{expected['show']}--- got\n{actual['show']}")
    if ordered:
        for name, text in expected.get("show_variants", {}).items():
            got = actual.get("show_variants", {}).get(name)
            if text != got:
                problems.append(f"show({name}):\n--- expected\n{text}--- got\n{got}")
    return problems
