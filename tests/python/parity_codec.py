"""JSON encoding of collected values, shared by the recorder (PySpark) and the
runner (pyrust).

It must import neither pyspark nor pyrust: both sides pass their own values
through the same functions, so a difference in the encoded form is a
difference in behaviour, not in the tooling.

Encoding (JSON can't tell these apart, so they carry a one-key tag object):
    None, bool, int, str      -> themselves
    float                     -> {"$float": repr(x)}   ("nan", "inf", "-inf" too)
    datetime.date             -> {"$date": "YYYY-MM-DD"}
    datetime.datetime         -> {"$timestamp": isoformat}
    datetime.time             -> {"$time": "HH:MM:SS[.ffffff]"}
    datetime.timedelta        -> {"$interval_us": microseconds}
    decimal.Decimal           -> {"$decimal": str(d)}
    bytes / bytearray         -> {"$bytes": hex}
    Row (named tuple-like)    -> {"$row": [[field, value], ...]}
    dict (a map value)        -> {"$map": [[key, value], ...]}
    list / tuple              -> JSON array
    pandas.DataFrame          -> {"$pandas": {"columns", "dtypes", "rows"}}
    VariantVal                -> {"$variant": [value hex, metadata hex]} (Spark's bytes)
    numpy scalars             -> as the equivalent Python scalar
A plain JSON object therefore never appears except as one of these tags.
"""

import datetime
import decimal
import json
import math

FLOAT_REL_TOL = 1e-9
FLOAT_ABS_TOL = 1e-12


def _is_row(value):
    # PySpark's Row and pyrust's Row are tuple subclasses with field names;
    # check by shape so this module needs neither library.
    return isinstance(value, tuple) and hasattr(value, "asDict") and hasattr(value, "__fields__")


def _is_pandas_frame(value):
    return type(value).__name__ == "DataFrame" and hasattr(value, "itertuples") and hasattr(value, "dtypes")


def _pandas_missing(value):
    # pandas marks missing cells with NaN, None, NaT or pd.NA depending on dtype;
    # NaN must stay a float (it is also a real value), the others become None.
    name = type(value).__name__
    return name in ("NaTType", "NAType")


def encode(value):
    """Encodes one collected value into JSON-safe data (see module doc)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return {"$float": repr(float(value))}
    # datetime is a subclass of date: test it first.
    if isinstance(value, datetime.datetime):
        return {"$timestamp": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"$time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"$interval_us": (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": bytes(value).hex()}
    if type(value).__name__ == "VariantVal":
        return {"$variant": [bytes(value.value).hex(), bytes(value.metadata).hex()]}
    if _is_row(value):
        return {"$row": [[name, encode(v)] for name, v in zip(value.__fields__, value)]}
    if isinstance(value, dict):
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if _is_pandas_frame(value):
        return {"$pandas": encode_pandas(value)}
    if _pandas_missing(value):
        return None
    # numpy scalars (and pandas.Timestamp, a datetime subclass, is handled above)
    if hasattr(value, "item") and callable(value.item):
        return encode(value.item())
    if hasattr(value, "tolist"):  # numpy arrays inside pandas cells
        return encode(value.tolist())
    raise TypeError(f"parity_codec cannot encode {type(value).__module__}.{type(value).__name__}: {value!r}")


def encode_pandas(frame):
    return {
        "columns": [str(c) for c in frame.columns],
        "dtypes": [str(t) for t in frame.dtypes],
        "rows": [[encode(v) for v in row] for row in frame.itertuples(index=False, name=None)],
    }


def encode_rows(rows):
    """Encodes collect() output: a list of rows, each a list of column values."""
    return [[encode(v) for v in row] for row in rows]


def decode(data):
    """Inverse of encode, for readers of parity.json (debugging, tooling).
    Rows come back as plain lists; maps as dicts; pandas frames as their dict."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    ((tag, payload),) = data.items()
    if tag == "$float":
        return float(payload)
    if tag == "$date":
        return datetime.date.fromisoformat(payload)
    if tag == "$timestamp":
        return datetime.datetime.fromisoformat(payload)
    if tag == "$time":
        return datetime.time.fromisoformat(payload)
    if tag == "$interval_us":
        return datetime.timedelta(microseconds=payload)
    if tag == "$decimal":
        return decimal.Decimal(payload)
    if tag == "$bytes":
        return bytes.fromhex(payload)
    if tag == "$row":
        return [[name, decode(v)] for name, v in payload]
    if tag == "$map":
        return {decode(k): decode(v) for k, v in payload}
    if tag in ("$pandas", "$variant"):
        return payload
    raise ValueError(f"unknown parity tag {tag!r}")


def sort_key(encoded_row):
    """A total order on encoded rows, used to compare results whose order is
    unspecified. Floats are rounded so that values equal within the tolerance
    (almost always) sort to the same place on both sides."""
    return json.dumps(_round_floats(encoded_row), sort_keys=True)


def _round_floats(data):
    if isinstance(data, list):
        return [_round_floats(v) for v in data]
    if isinstance(data, dict):
        if "$float" in data:
            x = float(data["$float"])
            return {"$float": repr(x) if not math.isfinite(x) else "%.9g" % x}
        return {k: _round_floats(v) for k, v in data.items()}
    return data


def equal(expected, actual, rel_tol=FLOAT_REL_TOL, abs_tol=FLOAT_ABS_TOL):
    """Compares two encoded values: exact, except floats (relative tolerance,
    NaN equal to NaN, +0.0 equal to -0.0)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if "$float" in expected and "$float" in actual:
            a, b = float(expected["$float"]), float(actual["$float"])
            if math.isnan(a) or math.isnan(b):
                return math.isnan(a) and math.isnan(b)
            return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)
        if "$map" in expected and "$map" in actual:
            # A map's entries in any order: PySpark's collect() gives them in the
            # order of a JVM hash map, not the map's (show() prints the map's order).
            def entries(encoded):
                return sorted(encoded["$map"], key=lambda entry: json.dumps(entry[0], sort_keys=True))

            return equal(entries(expected), entries(actual), rel_tol, abs_tol)
        if expected.keys() != actual.keys():
            return False
        return all(equal(expected[k], actual[k], rel_tol, abs_tol) for k in expected)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            equal(e, a, rel_tol, abs_tol) for e, a in zip(expected, actual)
        )
    # bool is an int in Python: keep True distinct from 1.
    return type(expected) is type(actual) and expected == actual
