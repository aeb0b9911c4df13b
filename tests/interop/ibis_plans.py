"""The interop queries written with ibis, compiled by ibis-substrait.

Runs in its own virtual environment (ibis-substrait 4.0.1 needs ``substrait==0.21.0``
and ``ibis-framework<10``, which conflict with pyrust's dependencies): reads
``{"schemas": {table: [[column, ibis type]...]}, "queries": [name...]}`` as JSON on stdin
and writes ``{name: {"plan": base64} | {"error": text}}`` on stdout. A query with no
ibis version is left out of the answer.
"""

from __future__ import annotations

import base64
import datetime
import json
import sys

import ibis
from ibis_substrait.compiler.core import SubstraitCompiler


def _join(how: str):
    def build(t):
        emp, dept = t["emp"], t["dept"].rename(d_id="dept_id")
        return emp.join(dept, emp.dept_id == dept.d_id, how=how).select("id", "dept_name")

    return build


def _semi(how: str):
    def build(t):
        emp, dept = t["emp"], t["dept"]
        return emp.join(dept, emp.dept_id == dept.dept_id, how=how).select("id")

    return build


QUERIES = {
    "read_named_table": lambda t: t["emp"],
    "project": lambda t: t["emp"].select("id", double_salary=t["emp"].salary * 2, name=t["emp"].name),
    "filter": lambda t: t["emp"].filter((t["emp"].salary > 1200) & t["emp"].dept_id.notnull()).select("id", "name"),
    "filter_date": lambda t: t["emp"].filter(t["emp"].hired >= datetime.date(2021, 1, 1)).select("id"),
    "aggregate": lambda t: t["emp"].group_by("dept_id").aggregate(
        n=t["emp"].count(), total=t["emp"].salary.sum(), lo=t["emp"].salary.min(),
        hi=t["emp"].salary.max(), mean=t["emp"].salary.mean(),
    ),
    "aggregate_global": lambda t: t["emp"].aggregate(n=t["emp"].salary.count(), total=t["emp"].salary.sum()),
    "count_distinct": lambda t: t["emp"].aggregate(n=t["emp"].dept_id.nunique()),
    "distinct": lambda t: t["emp"].select("dept_id").distinct(),
    "join_inner": _join("inner"),
    "join_left": _join("left"),
    "join_right": _join("right"),
    "join_full": _join("outer"),
    "join_semi": _semi("semi"),
    "join_anti": _semi("anti"),
    "cross": lambda t: t["emp"].select("id").cross_join(t["dept"].select(d="dept_id")),
    "sort": lambda t: t["emp"].select("id", "salary").order_by([ibis.desc("salary", nulls_first=False), "id"]),
    "fetch": lambda t: t["emp"].select("id").order_by("id").limit(3, offset=2),
    "limit": lambda t: t["emp"].select("id").order_by("id").limit(3),
    "union_all": lambda t: t["emp"].select("dept_id").union(t["dept"].select("dept_id")),
    "union_distinct": lambda t: t["emp"].select("dept_id").union(t["dept"].select("dept_id"), distinct=True),
    "intersect": lambda t: t["emp"].select("dept_id").intersect(t["dept"].select("dept_id")),
    "except": lambda t: t["emp"].select("dept_id").difference(t["dept"].select("dept_id")),
    "values": lambda t: ibis.memtable({"x": [1, 2, 3], "y": ["a", "b", None]}),
    "scalar_subquery": lambda t: t["emp"].filter(t["emp"].salary > t["emp"].salary.mean()).select("id"),
    "window_row_number": lambda t: t["emp"].select(
        "id",
        rn=ibis.row_number().over(
            group_by="dept_id", order_by=[ibis.desc("salary"), ibis.desc("id")]
        ) + 1,
    ),
    "window_sum": lambda t: t["emp"].select("id", dept_total=t["emp"].salary.sum().over(group_by="dept_id")),
}


def main() -> None:
    request = json.load(sys.stdin)
    tables = {name: ibis.table(dict(columns), name=name) for name, columns in request["schemas"].items()}
    answer = {}
    for name in request["queries"]:
        build = QUERIES.get(name)
        if build is None:
            continue
        try:
            plan = SubstraitCompiler().compile(build(tables))
            answer[name] = {"plan": base64.b64encode(plan.SerializeToString()).decode()}
        except Exception as error:  # noqa: BLE001 - reported per query in the matrix
            answer[name] = {"error": f"{type(error).__name__}: {error}"}
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
