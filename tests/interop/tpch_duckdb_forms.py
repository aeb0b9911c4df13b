"""Equivalent forms of the TPC-H queries DuckDB 1.1.3's Substrait producer cannot write.

``get_substrait`` fails on the plans DuckDB's optimizer makes for correlated subqueries
(``DELIM_JOIN``) and ``NOT EXISTS`` / ``NOT IN`` (``MARK`` joins), and it writes ``NOT LIKE``
as ``not_equal`` (a plan that is wrong on every consumer). For those queries DuckDB is
given the decorrelated form below instead of ``tpch_queries()``'s text, with the same
parameters; ``test_tpch.py`` checks on DuckDB's own engine that each form returns exactly
what the original text returns, so these plans still answer the TPC-H query.
"""

DUCKDB_FORMS: dict[int, str] = {
    # Correlated min(ps_supplycost) per part → a grouped subquery joined on the part key.
    2: """select s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment
from part, supplier, partsupp, nation, region,
 (select ps_partkey as m_partkey, min(ps_supplycost) as m_cost from partsupp, supplier, nation, region
   where s_suppkey = ps_suppkey and s_nationkey = n_nationkey and n_regionkey = r_regionkey
     and r_name = 'EUROPE' group by ps_partkey) m
where p_partkey = ps_partkey and s_suppkey = ps_suppkey and p_size = 15 and p_type like '%BRASS'
 and s_nationkey = n_nationkey and n_regionkey = r_regionkey and r_name = 'EUROPE'
 and ps_partkey = m_partkey and ps_supplycost = m_cost
order by s_acctbal desc, n_name, s_name, p_partkey limit 100""",
    # EXISTS → join with the distinct late order keys.
    4: """select o_orderpriority, count(*) as order_count from orders,
 (select l_orderkey as e_orderkey from lineitem where l_commitdate < l_receiptdate group by l_orderkey) e
where o_orderdate >= cast('1993-07-01' as date) and o_orderdate < cast('1993-10-01' as date)
 and o_orderkey = e_orderkey
group by o_orderpriority order by o_orderpriority""",
    # NOT LIKE spelled NOT (... LIKE ...).
    13: """select c_count, count(*) as custdist from (
 select c_custkey, count(o_orderkey) from customer left outer join orders on c_custkey = o_custkey
  and not (o_comment like '%special%requests%') group by c_custkey) as c_orders (c_custkey, c_count)
group by c_count order by custdist desc, c_count desc""",
    # NOT IN (non-null keys) → left join and IS NULL.
    16: """select p_brand, p_type, p_size, count(distinct ps_suppkey) as supplier_cnt
from partsupp join part on p_partkey = ps_partkey
 left join (select s_suppkey from supplier where s_comment like '%Customer%Complaints%') bad
   on ps_suppkey = bad.s_suppkey
where p_brand <> 'Brand#45' and not (p_type like 'MEDIUM POLISHED%')
 and p_size in (49, 14, 23, 45, 19, 3, 36, 9) and bad.s_suppkey is null
group by p_brand, p_type, p_size order by supplier_cnt desc, p_brand, p_type, p_size""",
    # Correlated 0.2 * avg(l_quantity) per part → a grouped subquery.
    17: """select sum(l_extendedprice) / 7.0 as avg_yearly from lineitem, part,
 (select l_partkey as a_partkey, 0.2 * avg(l_quantity) as a_quantity from lineitem group by l_partkey) a
where p_partkey = l_partkey and p_brand = 'Brand#23' and p_container = 'MED BOX'
 and a_partkey = p_partkey and l_quantity < a_quantity""",
    # IN + correlated sum → joins with grouped subqueries (a missing sum is NULL: no match either way).
    20: """select s_name, s_address from supplier, nation,
 (select ps_suppkey as k_suppkey from partsupp, part,
   (select l_partkey as a_partkey, l_suppkey as a_suppkey, 0.5 * sum(l_quantity) as a_quantity from lineitem
     where l_shipdate >= cast('1994-01-01' as date) and l_shipdate < cast('1995-01-01' as date)
     group by l_partkey, l_suppkey) a
  where ps_partkey = p_partkey and p_name like 'forest%'
   and a_partkey = ps_partkey and a_suppkey = ps_suppkey and ps_availqty > a_quantity
  group by ps_suppkey) k
where s_suppkey = k_suppkey and s_nationkey = n_nationkey and n_name = 'CANADA'
order by s_name""",
    # EXISTS another supplier ⟺ the order has > 1 supplier; NOT EXISTS another late supplier ⟺
    # the order's late lines come from exactly one supplier (l1's own: l1 is late).
    21: """select s_name, count(*) as numwait from supplier, lineitem l1, orders, nation,
 (select l_orderkey as a_orderkey, count(distinct l_suppkey) as a_suppliers from lineitem group by l_orderkey) a,
 (select l_orderkey as b_orderkey, count(distinct l_suppkey) as b_suppliers from lineitem
   where l_receiptdate > l_commitdate group by l_orderkey) b
where s_suppkey = l1.l_suppkey and o_orderkey = l1.l_orderkey and o_orderstatus = 'F'
 and l1.l_receiptdate > l1.l_commitdate
 and a_orderkey = l1.l_orderkey and a_suppliers > 1 and b_orderkey = l1.l_orderkey and b_suppliers = 1
 and s_nationkey = n_nationkey and n_name = 'SAUDI ARABIA'
group by s_name order by numwait desc, s_name limit 100""",
    # NOT EXISTS → left join with the customers that ordered, and IS NULL.
    22: """select cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal from (
 select substring(c_phone, 1, 2) as cntrycode, c_acctbal from customer
  left join (select o_custkey from orders group by o_custkey) o on o.o_custkey = c_custkey
 where substring(c_phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17')
  and c_acctbal > (select avg(c_acctbal) from customer where c_acctbal > 0.00
   and substring(c_phone, 1, 2) in ('13', '31', '23', '29', '30', '18', '17'))
  and o.o_custkey is null) as custsale
group by cntrycode order by cntrycode""",
}
