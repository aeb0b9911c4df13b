"""Why each known failure happens: one entry per failure class, matched on the recorded
error (or result difference) of a cell, naming the side that lacks something.

Each explanation was written after reading the plans involved (``python
scripts/interop_matrix.py --dump DIR`` writes every plan as protobuf JSON). A failing
cell no entry matches is reported as unexplained and fails the matrix command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Explanation:
    pattern: str  # regex searched in "<status>: <detail>"
    side: str  # "producer", "consumer" or "both"
    text: str
    producer: str | None = None  # restrict to one producer / consumer / query
    consumer: str | None = None
    query: str | None = None

    def matches(self, producer: str, consumer: str, query: str, status: str, detail: str) -> bool:
        if self.producer not in (None, producer) or self.consumer not in (None, consumer):
            return False
        if self.query not in (None, query):
            return False
        return re.search(self.pattern, f"{status}: {detail}") is not None


_GROUPING_FORMS = (
    "the producer writes grouping keys only in the new form (AggregateRel.grouping_expressions + "
    "Grouping.expression_references; the 0.106 Python protos have no other form); "
    "the consumer reads only the deprecated inline Grouping.grouping_expressions, so it sees no keys"
)
_FETCH_EXPR = (
    "the producer writes FetchRel.count_expr/offset_expr (expressions, the newer form); the consumer "
    "reads only the deprecated integer FetchRel.count, which is then 0"
)
_DUCKDB_PROJECT = (
    "DuckDB 1.1.3 writes ProjectRel without RelCommon.emit (and a ReadRel projection mask), relying "
    "on the old meaning of a projection as a replacement of its input; by the spec a ProjectRel outputs "
    "its input fields plus its expressions, so RelRoot.names is short. The consumer follows the spec "
    "and rejects the plan (DuckDB itself, and pyrust's spark.substrait, read it the old way)"
)
_IBIS_JOIN_PROJECTION = (
    "ibis-substrait 4.0.1 (with ibis 9) drops the projection after a join: the root is the JoinRel "
    "itself (all 7 columns) with 2 root names"
)

EXPLANATIONS: list[Explanation] = [
    # -- producers that cannot write the query -------------------------------------------
    Explanation(r"producer error: .*Cannot convert OuterReferenceColumn", "producer",
                "datafusion-substrait 55's producer cannot write correlated subqueries (outer references)"),
    Explanation(r"producer error: Not implemented Error: WINDOW", "producer", "DuckDB 1.1.3's producer has no window functions"),
    Explanation(r"producer error: Not implemented Error: EXPRESSION_GET", "producer", "DuckDB 1.1.3's producer cannot write VALUES lists"),
    Explanation(r"producer error: .*Unsupported join type (ANTI|MARK)", "producer",
                "DuckDB 1.1.3's producer has no anti/mark joins (NOT EXISTS, NOT IN)"),
    Explanation(r"producer error: .*DELIM_JOIN", "producer",
                "DuckDB 1.1.3's producer cannot write the delim joins its planner makes of correlated subqueries"),
    Explanation(r"producer error: .*unexpected child type in Distinct", "producer",
                "DuckDB 1.1.3's producer cannot write SELECT DISTINCT over a projection"),
    Explanation(r"producer error: .*Scanner Type can't be used in substrait", "producer",
                "DuckDB 1.1.3's producer can write only parquet scans, not read_csv"),
    Explanation(r"producer error: NotImplementedError: .*relations\.Distinct", "producer",
                "ibis-substrait 4.0.1 has no rule for ibis 9's Distinct relation"),
    Explanation(r"producer error: KeyError: 'anti'", "producer", "ibis-substrait 4.0.1 knows no anti join"),
    Explanation(r"producer error: KeyError: 'RowNumber'", "producer", "ibis-substrait 4.0.1 has no mapping for row_number"),
    Explanation(r"producer error: TypeError: reduce\(\) of empty iterable", "producer",
                "ibis-substrait 4.0.1 compiles a join only with predicates; ibis 9's cross join has none"),
    Explanation(r"producer error: ModuleNotFoundError: No module named 'pandas'", "producer",
                "ibis compiles memtables through pandas and pyarrow, which the ibis venv leaves out "
                "to stay small (adding them costs ~30 s of CI)"),
    Explanation(r"producer error: over\(\) applies only to window functions", "producer",
                "substrait.dataframe 0.37.1 allows over() only on functions of the window YAMLs, "
                "not on aggregate functions (sum OVER is valid Substrait)"),
    # -- the same failure whatever the consumer ---------------------------------------------
    Explanation(r"wrong result: row 0: \(4\.0, None\), expected \(5\.0, 3000\.0\)", "producer",
                "ibis-substrait 4.0.1 writes SORT_DIRECTION_DESC_NULLS_FIRST for ibis.desc(nulls_first=False)",
                producer="ibis"),
    Explanation(r"names has \d+ names, but the relation's output needs|Named schema must contain names for all fields|"
                r"attempted to rename schema with 7 fields", "producer", _IBIS_JOIN_PROJECTION, producer="ibis"),
    Explanation(r"wrong result: row 0: \(1\.0, 'alice'\), expected \(1\.0, 'eng'\)", "producer",
                _IBIS_JOIN_PROJECTION + "; DuckDB takes the first 2 columns", producer="ibis"),
    Explanation(r"names has \d+ names, but the relation's output needs|Named schema must contain names for all fields|"
                r"apply_projection must be a TableScan|ReadRel::projection", "producer", _DUCKDB_PROJECT, producer="duckdb"),
    Explanation(r"names has 2 names, but the relation's output needs 3|Named schema must contain names for all fields",
                "both", "with several grouping sets the current spec appends an i32 grouping-set index column to "
                "AggregateRel's output; substrait-python names only the 2 visible columns and adds no emit",
                producer="substrait-python"),
    Explanation(r"No table named '/|TABLE_OR_VIEW_NOT_FOUND.*/|Invalid NamedTable Source|No files found that match the pattern \"main\./",
                "producer", "datafusion-python writes a file queried by path as a NamedTable named by its path, "
                "not a LocalFiles read", producer="datafusion"),
    Explanation(r"Only single file reads are supported", "both",
                "DuckDB 1.1.3 writes LocalFiles `uri_file` as a plain path where the spec asks for a URI; "
                "datafusion-substrait's consumer (pyrust's too) takes only a URL there", producer="duckdb"),
    Explanation(r"No table named 'emp\.(parquet|csv|arrow)'", "consumer",
                "datafusion-substrait's consumer, and so pyrust's, reads a LocalFiles item as the catalog table "
                "named after the file (`emp.parquet`), never the file itself"),
    # -- pyrust (the runtime) ------------------------------------------------------------------
    Explanation(r"uint64 is not supported in conversion to Arrow", "consumer",
                "pyrust's runtime returns DataFusion's row_number() as uint64, which its Arrow export rejects "
                "(Spark's row_number is int)", consumer="pyrust"),
    Explanation(r"Function argument non-Value type not supported", "consumer",
                "pyrust's consumer (datafusion-substrait 55's) reads no enum function arguments: DuckDB writes "
                "extract(YEAR FROM ...) with YEAR as an enum argument", consumer="pyrust"),
    # -- Acero (pyarrow 26) --------------------------------------------------------------------
    Explanation(r"Unsupported aggregation phase 'AGGREGATION_PHASE_UNSPECIFIED'", "producer",
                "the producer leaves AggregateFunction.phase unspecified; Acero requires INITIAL_TO_RESULT", consumer="acero"),
    Explanation(r"Unsupported aggregation invocation 'AGGREGATION_INVOCATION_DISTINCT'", "consumer",
                "Acero has no DISTINCT aggregates", consumer="acero"),
    Explanation(r"Expected an aggregate call #count to have a direct reference", "consumer",
                "Acero's aggregates take only field references as arguments; pyrust writes count(*) as count(1)", consumer="acero"),
    Explanation(r"Grouping sets not supported", "consumer", "Acero has no grouping sets", consumer="acero"),
    Explanation(r"attempted to rename schema with \d+ fields but only \d+ new|Positional reference \d+ out of range|SELECT list is empty",
                "both", _GROUPING_FORMS, producer="pyrust"),
    Explanation(r"attempted to rename schema with \d+ fields but only \d+ new|Positional reference \d+ out of range|SELECT list is empty",
                "both", _GROUPING_FORMS, producer="substrait-python"),
    Explanation(r"No match for FieldRef\.FieldPath\(5\)", "consumer",
                "Acero fails to bind a semi/anti join followed by a projection: field 5 (the right input's "
                "dept_id in the join condition) is looked up in the projection's one-column schema", consumer="acero"),
    Explanation(r"conversion to arrow::acero::Declaration from Substrait relation", "consumer",
                "Acero has no CrossRel", consumer="acero"),
    Explanation(r"JoinRel with no expression", "consumer",
                "datafusion-python writes a cross join as an INNER JoinRel with no condition; Acero requires one",
                consumer="acero"),
    Explanation(r"conversion to arrow::compute::Expression from Substrait expression", "consumer",
                "Acero has no subquery or window-function expressions", consumer="acero"),
    Explanation(r"UnionNode input schemas must all match", "consumer",
                "Acero's union compares field names, and names a projected field after its input position "
                "(FieldPath(2) vs FieldPath(0)), so projections of different tables never match", consumer="acero"),
    Explanation(r"NotImplemented union type", "consumer",
                "Acero's SetRel supports UNION ALL only", consumer="acero"),
    Explanation(r"function is_not_distinct_from", "consumer",
                "datafusion writes INTERSECT/EXCEPT as semi/anti joins on is_not_distinct_from, which Acero lacks",
                consumer="acero"),
    Explanation(r"substrait::ReadRel with read_type other than LocalFiles", "consumer",
                "Acero reads no VirtualTable", consumer="acero"),
    Explanation(r"No conversion function exists to convert the Substrait function https://github\.com/substrait-io", "both",
                "DuckDB 1.1.3 declares its extension URI as the bare directory "
                "(https://github.com/substrait-io/substrait/blob/main/extensions/); Acero maps functions "
                "only from URIs naming a known YAML file", consumer="acero"),
    Explanation(r"unsupported file format", "consumer",
                "Acero reads no delimiter-separated text (CSV) LocalFiles", consumer="acero"),
    Explanation(r"wrong result: 0 rows, expected 3", "both", _FETCH_EXPR),
    # -- DuckDB 1.1.3 as a consumer ------------------------------------------------------------
    Explanation(r"wrong result: 6 rows, expected 12", "consumer",
                "DuckDB 1.1.3 runs SET_OP_UNION_ALL as a distinct UNION", consumer="duckdb"),
    Explanation(r"wrong result: 5 rows, expected 6", "producer",
                "DuckDB 1.1.3 writes GROUPING SETS ((dept_id), ()) as an AggregateRel with a single Grouping, "
                "so a grouping set is lost", producer="duckdb", query="grouping_sets"),
    Explanation(r"wrong result", "producer",
                "DuckDB 1.1.3 writes o_comment NOT LIKE '%special%requests%' as "
                "not_equal(o_comment, '%special%requests%')", producer="duckdb", query="tpch-q13"),
    Explanation(r"wrong result: 12 rows, expected 6", "producer",
                "DuckDB 1.1.3 writes UNION (distinct) as SET_OP_UNION_ALL; its own consumer, which runs "
                "UNION_ALL as a distinct union, hides the mistake", producer="duckdb", query="union_distinct"),
    Explanation(r"Unsupported expression type 12", "consumer", "DuckDB 1.1.3 reads no subquery expressions", consumer="duckdb"),
    Explanation(r"Unsupported expression type 5", "consumer", "DuckDB 1.1.3 reads no window functions", consumer="duckdb"),
    Explanation(r"Unsupported expression type 0", "consumer",
                "datafusion writes a cross join as a JoinRel without a condition; DuckDB 1.1.3 requires one", consumer="duckdb"),
    Explanation(r"Unsupported join type", "consumer", "DuckDB 1.1.3 reads no anti joins (datafusion writes EXCEPT as one)",
                consumer="duckdb"),
    Explanation(r"SetOperationType transform not implemented", "consumer",
                "DuckDB 1.1.3 reads only UNION ALL and the *_PRIMARY set operations, not UNION_DISTINCT or INTERSECTION_MULTISET",
                consumer="duckdb"),
    Explanation(r"Unsupported type of local file", "consumer", "DuckDB 1.1.3 reads only parquet LocalFiles", consumer="duckdb"),
    Explanation(r"No files found that match the pattern \"file:///", "consumer",
                "DuckDB 1.1.3 takes LocalFiles `uri_file` as a path and cannot open a file:// URI", consumer="duckdb"),
    Explanation(r"INTERNAL Error: 3$", "consumer",
                "DuckDB 1.1.3 stops with a bare internal error on ibis-substrait's filter (salary > 1200 AND "
                "dept_id IS NOT NULL), which datafusion, Acero and pyrust run correctly",
                producer="ibis", consumer="duckdb"),
    Explanation(r"SELECT list is empty", "consumer", "DuckDB 1.1.3 reads no VirtualTable (VALUES)",
                consumer="duckdb", query="values"),
    Explanation(r"Positional reference \d+ out of range", "consumer",
                "DuckDB 1.1.3 binds an AggregateRel with several Grouping messages wrongly (a measure "
                "reference past its input)", producer="datafusion", consumer="duckdb", query="grouping_sets"),
]


def explain(producer: str, consumer: str, query: str, status: str, detail: str) -> Explanation | None:
    for explanation in EXPLANATIONS:
        if explanation.matches(producer, consumer, query, status, detail):
            return explanation
    return None
