"""The interop queries: one SQL text (the reference, and the input of the SQL producers)
plus, per non-SQL producer, the same query written with that producer's own API.

A query a producer's API cannot express has no builder for it: that cell of the matrix
reads "not expressible", never a failure. The ibis versions live in ``ibis_plans.py``
(ibis-substrait runs in its own virtual environment).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

# Builder signatures: pyrust gets {table: DataFrame} and pyrust.sql.functions;
# substrait-python gets {table: substrait.dataframe.DataFrame} and the module itself.
Builder = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class Query:
    name: str
    relation: str  # which Substrait relation(s) it exercises, for the report
    sql: str  # DuckDB and DataFusion SQL; {emp_parquet} etc. are file paths
    ordered: bool = False  # compare row order too (the query sorts)
    pyrust: Builder | None = None
    substrait: Builder | None = None
    sql_by_producer: dict[str, str] = field(default_factory=dict)  # dialect variants

    def sql_for(self, producer: str, files: dict[str, str]) -> str:
        return self.sql_by_producer.get(producer, self.sql).format(**files)


HIRED_FROM = datetime.date(2021, 1, 1)


def _uri(path: str) -> str:
    """LocalFiles ``uri_file`` is a URI (file:///...), not a path."""
    return Path(path).as_uri()

QUERIES: list[Query] = []


def query(name: str, relation: str, sql: str, **kwargs: Any) -> Query:
    """Register a query."""
    entry = Query(name, relation, sql, **kwargs)
    QUERIES.append(entry)
    return entry


# -- read ------------------------------------------------------------------------------
query(
    "read_named_table", "read (named table)", "SELECT * FROM emp",
    pyrust=lambda t, F: t["emp"],
    substrait=lambda t, sub: t["emp"],
)
query(
    "read_parquet", "read (local parquet file)", "SELECT * FROM read_parquet('{emp_parquet}')",
    sql_by_producer={"datafusion": "SELECT * FROM '{emp_parquet}'"},
    substrait=lambda t, sub: sub.read_parquet(_uri(t["__files__"]["emp_parquet"]), t["__schemas__"]["emp"]),
)
query(
    "read_csv", "read (local CSV file)", "SELECT * FROM read_csv('{emp_csv}', header=true)",
    sql_by_producer={"datafusion": "SELECT * FROM '{emp_csv}'"},
    substrait=lambda t, sub: sub.read_csv(_uri(t["__files__"]["emp_csv"]), t["__schemas__"]["emp"]),
)
query(
    "read_arrow", "read (local Arrow IPC file)", "SELECT * FROM emp",
    sql_by_producer={"duckdb": "", "datafusion": ""},  # no SQL reader for Arrow IPC files
    substrait=lambda t, sub: sub.read_arrow(_uri(t["__files__"]["emp_arrow"]), t["__schemas__"]["emp"]),
)
# -- project / filter -----------------------------------------------------------------
query(
    "project", "project",
    "SELECT id, salary * 2 AS double_salary, name FROM emp",
    pyrust=lambda t, F: t["emp"].select("id", (F.col("salary") * 2).alias("double_salary"), "name"),
    substrait=lambda t, sub: t["emp"].select("id", (sub.col("salary") * sub.lit(2.0)).alias("double_salary"), "name"),
)
query(
    "filter", "filter",
    "SELECT id, name FROM emp WHERE salary > 1200 AND dept_id IS NOT NULL",
    pyrust=lambda t, F: t["emp"].filter((F.col("salary") > 1200) & F.col("dept_id").isNotNull()).select("id", "name"),
    substrait=lambda t, sub: t["emp"].filter((sub.col("salary") > sub.lit(1200.0)) & sub.col("dept_id").is_not_null()).select("id", "name"),
)
query(
    "filter_date", "filter (date literal)",
    "SELECT id FROM emp WHERE hired >= DATE '2021-01-01'",
    pyrust=lambda t, F: t["emp"].filter(F.col("hired") >= F.lit(HIRED_FROM)).select("id"),
    substrait=lambda t, sub: t["emp"].filter(sub.col("hired") >= sub.lit(HIRED_FROM, sub.date())).select("id"),
)
# -- aggregate --------------------------------------------------------------------------
query(
    "aggregate", "aggregate (grouped)",
    "SELECT dept_id, count(*) AS n, sum(salary) AS total, min(salary) AS lo, max(salary) AS hi, "
    "avg(salary) AS mean FROM emp GROUP BY dept_id",
    pyrust=lambda t, F: t["emp"].groupBy("dept_id").agg(
        F.count(F.lit(1)).alias("n"), F.sum("salary").alias("total"), F.min("salary").alias("lo"),
        F.max("salary").alias("hi"), F.avg("salary").alias("mean"),
    ),
    substrait=lambda t, sub: t["emp"].group_by("dept_id").agg(
        sub.f.count().alias("n"), sub.f.sum(sub.col("salary")).alias("total"),
        sub.f.min(sub.col("salary")).alias("lo"), sub.f.max(sub.col("salary")).alias("hi"),
        sub.f.avg(sub.col("salary")).alias("mean"),
    ),
)
query(
    "aggregate_global", "aggregate (no grouping)",
    "SELECT count(salary) AS n, sum(salary) AS total FROM emp",
    pyrust=lambda t, F: t["emp"].agg(F.count("salary").alias("n"), F.sum("salary").alias("total")),
    substrait=lambda t, sub: t["emp"].aggregate(
        (), sub.f.count(sub.col("salary")).alias("n"), sub.f.sum(sub.col("salary")).alias("total")
    ),
)
query(
    "count_distinct", "aggregate (DISTINCT invocation)",
    "SELECT count(DISTINCT dept_id) AS n FROM emp",
    pyrust=lambda t, F: t["emp"].agg(F.countDistinct("dept_id").alias("n")),
    substrait=lambda t, sub: t["emp"].aggregate((), sub.f.count(sub.col("dept_id")).distinct().alias("n")),
)
query(
    "grouping_sets", "aggregate (grouping sets)",
    "SELECT dept_id, sum(salary) AS total FROM emp GROUP BY GROUPING SETS ((dept_id), ())",
    substrait=lambda t, sub: t["emp"].group_by("dept_id", grouping_sets=[["dept_id"], []]).agg(
        sub.f.sum(sub.col("salary")).alias("total")
    ),
)
query(
    "distinct", "aggregate (DISTINCT rows)",
    "SELECT DISTINCT dept_id FROM emp",
    pyrust=lambda t, F: t["emp"].select("dept_id").distinct(),
    substrait=lambda t, sub: t["emp"].group_by("dept_id").agg(),
)


# -- joins ----------------------------------------------------------------------------------
def _pyrust_join(how: str) -> Builder:
    def build(t: dict[str, Any], F: Any) -> Any:
        emp, dept = t["emp"], t["dept"].withColumnRenamed("dept_id", "d_id")
        return emp.join(dept, emp["dept_id"] == dept["d_id"], how).select("id", "dept_name")

    return build


def _substrait_join(how: str) -> Builder:
    def build(t: dict[str, Any], sub: Any) -> Any:
        dept = t["dept"].rename({"dept_id": "d_id"})
        return t["emp"].join(dept, sub.col("dept_id") == sub.col("d_id"), how).select("id", "dept_name")

    return build


for _how, _sql_how, _pyrust_how, _substrait_how in (
    ("inner", "JOIN", "inner", "inner"),
    ("left", "LEFT JOIN", "left", "left"),
    ("right", "RIGHT JOIN", "right", "right"),
    ("full", "FULL JOIN", "full", "outer"),
):
    query(
        f"join_{_how}", f"join ({_how})",
        f"SELECT e.id, d.dept_name FROM emp e {_sql_how} dept d ON e.dept_id = d.dept_id",
        pyrust=_pyrust_join(_pyrust_how),
        substrait=_substrait_join(_substrait_how),
    )


def _pyrust_semi(how: str) -> Builder:
    def build(t: dict[str, Any], F: Any) -> Any:
        emp, dept = t["emp"], t["dept"].withColumnRenamed("dept_id", "d_id")
        return emp.join(dept, emp["dept_id"] == dept["d_id"], how).select("id")

    return build


def _substrait_semi(how: str) -> Builder:
    def build(t: dict[str, Any], sub: Any) -> Any:
        dept = t["dept"].rename({"dept_id": "d_id"})
        return t["emp"].join(dept, sub.col("dept_id") == sub.col("d_id"), how).select("id")

    return build


query(
    "join_semi", "join (semi; IN subquery in SQL)",
    "SELECT id FROM emp WHERE dept_id IN (SELECT dept_id FROM dept)",
    pyrust=_pyrust_semi("left_semi"),
    substrait=_substrait_semi("left_semi"),
)
query(
    "join_anti", "join (anti; NOT EXISTS in SQL)",
    "SELECT id FROM emp WHERE NOT EXISTS (SELECT 1 FROM dept d WHERE d.dept_id = emp.dept_id)",
    pyrust=_pyrust_semi("left_anti"),
    substrait=_substrait_semi("left_anti"),
)
query(
    "cross", "cross",
    "SELECT e.id, d.dept_id FROM emp e CROSS JOIN dept d",
    pyrust=lambda t, F: t["emp"].select("id").crossJoin(t["dept"].select("dept_id")),
    substrait=lambda t, sub: t["emp"].select("id").cross_join(t["dept"].select("dept_id")),
)
# -- sort / fetch --------------------------------------------------------------------
query(
    "sort", "sort",
    "SELECT id, salary FROM emp ORDER BY salary DESC NULLS LAST, id ASC",
    ordered=True,
    pyrust=lambda t, F: t["emp"].select("id", "salary").orderBy(F.col("salary").desc_nulls_last(), F.col("id").asc()),
    substrait=lambda t, sub: t["emp"].select("id", "salary").sort("salary", "id", descending=[True, False]),
)
query(
    "fetch", "fetch (limit + offset, after a sort)",
    "SELECT id FROM emp ORDER BY id LIMIT 3 OFFSET 2",
    ordered=True,
    substrait=lambda t, sub: t["emp"].select("id").sort("id").limit(3, offset=2),
)
query(
    "limit", "fetch (limit, after a sort)",
    "SELECT id FROM emp ORDER BY id LIMIT 3",
    ordered=True,
    pyrust=lambda t, F: t["emp"].select("id").orderBy("id").limit(3),
    substrait=lambda t, sub: t["emp"].select("id").sort("id").limit(3),
)
# -- set operations --------------------------------------------------------------------
query(
    "union_all", "set (union all)",
    "SELECT dept_id FROM emp UNION ALL SELECT dept_id FROM dept",
    pyrust=lambda t, F: t["emp"].select("dept_id").union(t["dept"].select("dept_id")),
    substrait=lambda t, sub: t["emp"].select("dept_id").union(t["dept"].select("dept_id")),
)
query(
    "union_distinct", "set (union distinct)",
    "SELECT dept_id FROM emp UNION SELECT dept_id FROM dept",
    pyrust=lambda t, F: t["emp"].select("dept_id").union(t["dept"].select("dept_id")).distinct(),
    substrait=lambda t, sub: t["emp"].select("dept_id").union(t["dept"].select("dept_id"), distinct=True),
)
query(
    "intersect", "set (intersect distinct)",
    "SELECT dept_id FROM emp INTERSECT SELECT dept_id FROM dept",
    substrait=lambda t, sub: t["emp"].select("dept_id").intersect(t["dept"].select("dept_id")),
)
query(
    "except", "set (except distinct)",
    "SELECT dept_id FROM emp EXCEPT SELECT dept_id FROM dept",
    substrait=lambda t, sub: t["emp"].select("dept_id").except_(t["dept"].select("dept_id")),
)
# -- virtual tables, subqueries, windows ---------------------------------------------
query(
    "values", "read (virtual table)",
    "SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) AS t(x, y)",
    substrait=lambda t, sub: sub.from_records([(1, "a"), (2, "b"), (3, None)], {"x": sub.i32, "y": sub.string}),
)
query(
    "scalar_subquery", "subquery (scalar)",
    "SELECT id FROM emp WHERE salary > (SELECT avg(salary) FROM emp)",
    substrait=lambda t, sub: t["emp"].filter(
        sub.col("salary") > sub.scalar_subquery(t["emp"].aggregate((), sub.f.avg(sub.col("salary")).alias("a")))
    ).select("id"),
)
query(
    "window_row_number", "window (row_number, ordered)",
    "SELECT id, row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC NULLS LAST, id DESC) AS rn FROM emp",
    substrait=lambda t, sub: t["emp"].select(
        "id",
        sub.f.row_number()
        .over(partition_by="dept_id", order_by=["salary", "id"], descending=True, nulls_last=True)
        .alias("rn"),
    ),
)
query(
    "window_sum", "window (sum over a partition)",
    "SELECT id, sum(salary) OVER (PARTITION BY dept_id) AS dept_total FROM emp",
    substrait=lambda t, sub: t["emp"].select(
        "id", sub.f.sum(sub.col("salary")).over(partition_by="dept_id").alias("dept_total")
    ),
)

BY_NAME = {entry.name: entry for entry in QUERIES}
