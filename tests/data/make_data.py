"""Writes the small sample files read by the parity cases (tests/python/parity_cases.py).

Run with any python that has pyarrow:  python3 tests/data/make_data.py
The outputs are committed, so the recorded PySpark results and the pyrust run
read byte-identical inputs; re-run only when the data below is changed (and then
re-record tests/python/expected/parity.json).
"""

import datetime
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent

# One table shared by the three formats. The gaps (None) exercise how each
# reader turns an empty field / a missing key / a parquet null into NULL.
PEOPLE = [
    # name,    age,  city,     score, joined
    ("Alice", 34, "Paris", 88.5, datetime.date(2020, 1, 15)),
    ("Bob", 45, "Rome", 72.0, datetime.date(2019, 6, 1)),
    ("Carol", None, "Berlin", 91.25, datetime.date(2021, 3, 30)),
    ("Dave", 29, "Paris", None, datetime.date(2018, 11, 5)),
    ("Eve", 38, None, 65.5, None),
    ("Frank", 17, "Rome", 80.0, datetime.date(2022, 7, 19)),
]
COLUMNS = ["name", "age", "city", "score", "joined"]


def _csv_field(value):
    # An absent value is written as an empty field, the way most CSV exports do.
    return "" if value is None else str(value)


def write_csv(path, sep):
    lines = [sep.join(COLUMNS)]
    lines += [sep.join(_csv_field(v) for v in row) for row in PEOPLE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_json_lines(path):
    # JSON lines; a None is left out of the object (a missing key), not written
    # as null, so the reader's handling of absent fields is exercised.
    out = []
    for row in PEOPLE:
        obj = {k: v for k, v in zip(COLUMNS, row) if v is not None}
        if "joined" in obj:
            obj["joined"] = obj["joined"].isoformat()
        out.append(json.dumps(obj))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_parquet(path):
    cols = list(zip(*PEOPLE))
    table = pa.table(
        {
            "name": pa.array(cols[0], pa.string()),
            "age": pa.array(cols[1], pa.int32()),
            "city": pa.array(cols[2], pa.string()),
            "score": pa.array(cols[3], pa.float64()),
            "joined": pa.array(cols[4], pa.date32()),
        }
    )
    # No statistics / fixed compression keep the file small and reproducible.
    pq.write_table(table, path, compression="snappy", write_statistics=False)


def write_numbered_parts(directory):
    """CSV files of different sizes whose names sort otherwise than their
    sizes (Spark reads the largest first), plus a file Spark skips."""
    directory.mkdir(exist_ok=True)
    for name, first, count in (("a.csv", 0, 30), ("b.csv", 100, 120), ("c.csv", 1000, 60)):
        lines = ["n,tag"] + [f"{first + i},{name[0]}{i}" for i in range(count)]
        (directory / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "_SUCCESS").write_text("", encoding="utf-8")


def main():
    write_numbered_parts(HERE / "parts")
    write_csv(HERE / "people.csv", ",")
    write_csv(HERE / "people_semicolon.csv", ";")
    write_json_lines(HERE / "people.json")
    write_parquet(HERE / "people.parquet")


if __name__ == "__main__":
    main()
