"""The small tables every interop query reads, and the files holding the same rows."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.feather as feather
import pyarrow.parquet as pq

EMP_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("name", pa.string()),
        ("dept_id", pa.int64()),
        ("salary", pa.float64()),
        ("hired", pa.date32()),
    ]
)
DEPT_SCHEMA = pa.schema([("dept_id", pa.int64()), ("dept_name", pa.string())])


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def tables() -> dict[str, pa.Table]:
    """``emp`` (nulls in every column but ``id``, a salary tie, a department with no
    ``dept`` row) and ``dept`` (a department nobody works in)."""
    emp = pa.table(
        {
            "id": [1, 2, 3, 4, 5, 6, 7, 8],
            "name": ["alice", "bob", "carol", "dave", "eve", "frank", "grace", None],
            "dept_id": [10, 10, 20, 20, 30, None, 10, 40],
            "salary": [1000.0, 1500.0, 2000.0, None, 3000.0, 1200.0, 1500.0, 500.0],
            "hired": [
                _day(day)
                for day in (
                    "2019-03-01", "2020-07-15", "2021-01-01", "2021-06-30",
                    "2018-11-11", "2022-02-02", "2020-12-31", "2023-05-05",
                )
            ],
        },
        schema=EMP_SCHEMA,
    )
    dept = pa.table(
        {"dept_id": [10, 20, 30, 50], "dept_name": ["eng", "sales", "ops", "hr"]},
        schema=DEPT_SCHEMA,
    )
    return {"emp": emp, "dept": dept}


def write_files(directory: Path) -> dict[str, str]:
    """``emp`` as parquet, CSV (with a header) and Arrow IPC files; returns absolute paths."""
    directory.mkdir(parents=True, exist_ok=True)
    emp = tables()["emp"]
    paths = {
        "emp_parquet": directory / "emp.parquet",
        "emp_csv": directory / "emp.csv",
        "emp_arrow": directory / "emp.arrow",
    }
    pq.write_table(emp, paths["emp_parquet"])
    pa_csv.write_csv(emp, paths["emp_csv"])
    feather.write_feather(emp, paths["emp_arrow"], compression="uncompressed")
    return {key: str(path.resolve()) for key, path in paths.items()}
