"""Records Spark SQL's keywords (``spark.tvf.sql_keywords()``: each keyword and
whether it is reserved) into ``python/pyrust/sql/spark_sql_keywords.json``, which
pyrust's ``sql_keywords`` table function returns: pyrust's SQL frontend reads
Spark's grammar, so its keywords are Spark's.

Run with the Python that has PySpark installed (Java on the PATH):

    python scripts/record_sql_keywords.py
"""

import json
from pathlib import Path

from pyspark.sql import SparkSession

OUTPUT = Path(__file__).resolve().parent.parent / "python" / "pyrust" / "sql" / "spark_sql_keywords.json"


def main() -> None:
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    keywords = [[row.keyword, row.reserved] for row in spark.tvf.sql_keywords().collect()]
    spark.stop()
    OUTPUT.write_text("[\n" + ",\n".join(json.dumps(keyword) for keyword in keywords) + "\n]\n")
    print(f"{len(keywords)} keywords written to {OUTPUT}")


if __name__ == "__main__":
    main()
