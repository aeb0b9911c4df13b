"""TPC-H (scale factor 0.01, data from tpchgen-cli) as plans from datafusion-python and
DuckDB, run on the pyrust runtime and checked against DuckDB's SQL engine.

Queries that still fail are strict xfails whose reason is the exact error, so each gap
stays visible and a fix shows up as an XPASS (then delete its entry).
"""

from __future__ import annotations

import pytest

from .conftest import require
from .harness import PASS
from .producers import DataFusionProducer, DuckDBProducer
from .tpch import PRODUCERS, Workload, run

# (producer, query number) -> the error it fails with today.
KNOWN_FAILURES: dict[tuple[str, int], str] = {
    ('datafusion', 2): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"p_partkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"part\\" }), name: \\"p_partkey\\" }) to Substrait")',
    ('datafusion', 4): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"o_orderkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"orders\\" }), name: \\"o_orderkey\\" }) to Substrait")',
    ('datafusion', 17): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"p_partkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"part\\" }), name: \\"p_partkey\\" }) to Substrait")',
    ('datafusion', 20): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"ps_partkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"partsupp\\" }), name: \\"ps_partkey\\" }) to Substrait")',
    ('datafusion', 21): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"l_orderkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"l1\\" }), name: \\"l_orderkey\\" }) to Substrait")',
    ('datafusion', 22): 'producer error: NotImplemented("Cannot convert OuterReferenceColumn(Field { name: \\"c_custkey\\", data_type: Int64 }, Column { relation: Some(Bare { table: \\"customer\\" }), name: \\"c_custkey\\" }) to Substrait")',
    ('duckdb', 1): "consumer error: AnalysisException: Error during planning: Internal error: Function 'avg' failed to match any signature, errors: Error during planning: Function 'avg' requires Decimal, but received String (DataType: Utf8View).,Error during planning: Function 'avg' requires Duration, but received String (DataType: Utf8View).,Error during planning: Function 'avg' requires Float64, but received String (DataType: Utf8View)..",
    ('duckdb', 2): 'producer error: Not implemented Error: DELIM_JOIN',
    ('duckdb', 3): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 4 names, but the relation's output needs 8.",
    ('duckdb', 4): 'producer error: Not implemented Error: DELIM_JOIN',
    ('duckdb', 5): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `__pyrust_parquet_3`.`n_name__temp__0__temp__0` cannot be resolved. Did you mean one of the following? [`s_name`, `s_nationkey`, `s_nationkey`, `s_acctbal`, `s_comment`]. SQLSTATE: 42703',
    ('duckdb', 6): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 1 names, but the relation's output needs 2.",
    ('duckdb', 7): 'consumer error: PySparkNotImplementedError: [NOT_IMPLEMENTED] Function argument non-Value type not supported is not implemented.',
    ('duckdb', 8): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `__pyrust_parquet_2`.`l_orderkey__temp__0__temp__0__temp__0` cannot be resolved. Did you mean one of the following? [`__pyrust_parquet_3.n_regionkey__temp__0`, `__pyrust_parquet_7.r_regionkey__temp__0`, `__pyrust_parquet_3.n_nationkey__temp__0`, `r_regionkey`, `r_regionkey`]. SQLSTATE: 42703',
    ('duckdb', 9): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `__pyrust_parquet_5`.`p_partkey__temp__0__temp__0` cannot be resolved. Did you mean one of the following? [`o_orderkey`, `o_orderkey`, `o_custkey`, `o_orderdate`, `o_orderdate`]. SQLSTATE: 42703',
    ('duckdb', 10): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `__pyrust_parquet_1`.`c_custkey__temp__0` cannot be resolved. Did you mean one of the following? [`o_custkey`, `o_custkey`, `o_orderkey`, `o_orderkey`, `o_orderstatus`]. SQLSTATE: 42703',
    ('duckdb', 11): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 2 names, but the relation's output needs 8.",
    ('duckdb', 12): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 3 names, but the relation's output needs 6.",
    ('duckdb', 13): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 2 names, but the relation's output needs 4.",
    ('duckdb', 14): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 1 names, but the relation's output needs 3.",
    ('duckdb', 15): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `sum(__pyrust_parquet_2`.`l_extendedprice * Decimal128(1`.`00,16,2) - __pyrust_parquet_2`.`l_discount)__temp__0` cannot be resolved. Did you mean one of the following? [`any_value(max(__pyrust_parquet_2.l_suppkey)__temp__0)`, `max(__pyrust_parquet_2.l_suppkey)__temp__0`, `max(__pyrust_parquet_2.l_suppkey)`]. SQ',
    ('duckdb', 16): 'producer error: Not implemented Error: Unsupported join type MARK',
    ('duckdb', 17): 'producer error: Not implemented Error: DELIM_JOIN',
    ('duckdb', 18): 'consumer error: AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `__pyrust_parquet_4`.`o_custkey__temp__0` cannot be resolved. Did you mean one of the following? [`c_custkey`, `c_custkey`, `c_nationkey`, `c_mktsegment`, `c_acctbal`]. SQLSTATE: 42703',
    ('duckdb', 19): "consumer error: PySparkValueError: [INVALID_SUBSTRAIT_PLAN] The Substrait plan is invalid: relations[0].root.names has 1 names, but the relation's output needs 2.",
    ('duckdb', 20): 'producer error: Not implemented Error: DELIM_JOIN',
    ('duckdb', 21): 'producer error: Not implemented Error: DELIM_JOIN',
    ('duckdb', 22): 'producer error: Not implemented Error: DELIM_JOIN',
}

_PRODUCERS = {"datafusion": DataFusionProducer, "duckdb": DuckDBProducer}


def _cases():
    for producer in PRODUCERS:
        for number in range(1, 23):
            reason = KNOWN_FAILURES.get((producer, number))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(producer, number, id=f"{producer}-q{number}", marks=marks)


@pytest.mark.parametrize(("producer", "number"), list(_cases()))
def test_tpch_query(tpch_workload: Workload, producer: str, number: int) -> None:
    require(_PRODUCERS[producer]().missing(), f"producer {producer}")
    outcome = run(tpch_workload, producer, number)
    assert outcome.status == PASS, f"{outcome.status}: {outcome.detail}"


def test_the_queries_are_the_22_of_tpch(tpch_workload: Workload) -> None:
    assert sorted(tpch_workload.texts) == list(range(1, 23))
