"""Records Spark's public SQL settings and their defaults (``SET -v``) into
``python/pyrust/sql/spark_conf_defaults.json``, which ``spark.conf.get`` answers
from for settings a program never set, as Spark does.

Run with the Python that has PySpark installed (Java on the PATH):

    python scripts/record_conf_defaults.py

Each value is what ``spark.conf.get`` returns in a fresh session (a default
that names another setting is resolved, as Spark resolves it); settings with
no default, and defaults that depend on the recording machine (paths, the
local time zone), are recorded as null, which ``spark.conf.get`` returns as None.
"""

import json
from pathlib import Path

from pyspark.sql import SparkSession

OUTPUT = Path(__file__).resolve().parent.parent / "python" / "pyrust" / "sql" / "spark_conf_defaults.json"
# Defaults Spark computes from the machine it runs on.
MACHINE_DEPENDENT = {"spark.sql.session.timeZone", "spark.sql.warehouse.dir"}


def main() -> None:
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    keys = sorted(row.key for row in spark.sql("SET -v").collect())
    defaults = {key: None if key in MACHINE_DEPENDENT else spark.conf.get(key) for key in keys}
    spark.stop()
    OUTPUT.write_text(json.dumps(defaults, indent=1, sort_keys=True) + "\n")
    print(f"{len(defaults)} settings written to {OUTPUT}")


if __name__ == "__main__":
    main()
