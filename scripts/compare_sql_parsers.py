"""How much of Spark SQL's grammar two parsers accept (docs/sql.md, "Why sqlglot").

Not part of the tests: it needs `pip install sqlglot sqloxide` (sqloxide is
sqlparser-rs, DataFusion's parser) and an installed PySpark, whose sources give
the corpus: every literal `spark.sql("...")` text in them.

    python scripts/compare_sql_parsers.py /path/to/site-packages/pyspark
"""

from __future__ import annotations

import ast
import doctest
import pathlib
import sys

import sqlglot
import sqloxide

# Spark-specific syntax the issue lists, one statement each.
SPARK_SYNTAX = [
    "SELECT * FROM t LEFT SEMI JOIN u ON t.a = u.a",
    "SELECT * FROM t LEFT ANTI JOIN u USING (a)",
    "SELECT * FROM t NATURAL JOIN u",
    "SELECT 1L, 2S, 3Y, 1.5BD, 1.0D, 2.5F, X'1F', DATE '2020-01-01', TIMESTAMP '2020-01-01 00:00:00'",
    "SELECT INTERVAL 1 DAY, INTERVAL '1-2' YEAR TO MONTH, INTERVAL 3 HOURS 2 MINUTES",
    "SELECT 7 DIV 2, a <=> b, a RLIKE 'x', 'a' || 'b'",
    "SELECT explode(a) FROM t LATERAL VIEW OUTER explode(m) tab AS k, v",
    "SELECT * FROM t PIVOT (sum(x) FOR y IN ('a', 'b'))",
    "SELECT * FROM t UNPIVOT (v FOR k IN (a, b))",
    "SELECT * FROM t TABLESAMPLE (10 PERCENT)",
    "SELECT * EXCEPT (a) FROM t",
    "SELECT a, sum(b) FROM t GROUP BY ROLLUP(a)",
    "SELECT a FROM t GROUP BY ALL",
    "SELECT a, row_number() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)",
    "SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) = 1",
    "SELECT a FROM t DISTRIBUTE BY a SORT BY b",
    "SELECT a FROM t CLUSTER BY a",
    "SELECT * FROM parquet.`/tmp/x.parquet`",
    "SELECT `weird col` FROM t",
    "SELECT transform(a, x -> x + 1) FROM t",
    "SELECT * FROM range(10)",
    "SELECT * FROM VALUES (1, 2) AS t(a, b)",
    "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
    "CREATE OR REPLACE TEMP VIEW v AS SELECT 1",
    "CREATE TABLE t (a INT, b STRING) USING parquet PARTITIONED BY (b)",
    "INSERT OVERWRITE t SELECT * FROM u",
    "CACHE TABLE t",
    "SHOW TABLES",
    "DESCRIBE TABLE EXTENDED t",
    "SELECT :x + ?",
    "SELECT a FROM t LIMIT 10 OFFSET 5",
    "SELECT struct(1 AS a).a, map('a', 1)['a'], array(1,2)[0]",
    "SELECT cast(a AS DECIMAL(10, 2)), a::int FROM t",
    "SELECT * FROM t, LATERAL (SELECT t.a + 1)",
    "SELECT count(*) FILTER (WHERE a > 1) FROM t",
    "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) AND a IN (SELECT a FROM u)",
]


def pyspark_queries(root: pathlib.Path) -> list[str]:
    """Every literal argument of a `.sql(...)` call in PySpark's sources and doctests."""
    queries = set()
    for path in root.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text())
        except (SyntaxError, UnicodeDecodeError):
            continue
        trees = [tree]
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "spark.sql(" in node.value:
                for example in doctest.DocTestParser().get_examples(node.value):
                    try:
                        trees.append(ast.parse(example.source))
                    except SyntaxError:
                        pass
        for each in trees:
            for node in ast.walk(each):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sql" and node.args:
                    argument = node.args[0]
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str) and "{" not in argument.value:
                        queries.add(argument.value.strip())
    return sorted(query for query in queries if query)


def accepts_sqlglot(query: str) -> bool:
    try:
        return all(tree is not None for tree in sqlglot.parse(query, read="spark", error_level=sqlglot.ErrorLevel.RAISE))
    except Exception:  # noqa: BLE001 - any failure is a rejection
        return False


def accepts_sqlparser(query: str, dialect: str) -> bool:
    try:
        sqloxide.parse_sql(query, dialect=dialect)
        return True
    except Exception:  # noqa: BLE001
        return False


def main() -> None:
    corpora = {"PySpark's queries": pyspark_queries(pathlib.Path(sys.argv[1])), "Spark-specific syntax": SPARK_SYNTAX}
    print("| parser | " + " | ".join(corpora) + " |")
    print("|---|" + "---:|" * len(corpora))
    parsers = {
        f"sqlglot {sqlglot.__version__} (spark)": accepts_sqlglot,
        "sqlparser (databricks)": lambda query: accepts_sqlparser(query, "databricks"),
        "sqlparser (hive)": lambda query: accepts_sqlparser(query, "hive"),
    }
    for name, accepts in parsers.items():
        cells = [f"{sum(map(accepts, corpus))}/{len(corpus)}" for corpus in corpora.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
