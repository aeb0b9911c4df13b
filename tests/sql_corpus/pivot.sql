-- PIVOT and UNPIVOT.
CREATE TEMPORARY VIEW quarterly AS SELECT * FROM VALUES
  ('north', 'Q1', 10), ('north', 'Q2', 20), ('north', 'Q1', 5), ('south', 'Q1', 7), ('south', 'Q3', 9), ('west', 'Q2', NULL)
  AS quarterly(region, q, amount);
SELECT * FROM quarterly PIVOT (sum(amount) FOR q IN ('Q1', 'Q2', 'Q3')) ORDER BY region;
SELECT * FROM quarterly PIVOT (sum(amount) AS total FOR q IN ('Q1' AS first, 'Q2' AS second)) ORDER BY region;
SELECT * FROM quarterly PIVOT (sum(amount) AS s, count(amount) AS c FOR q IN ('Q1', 'Q2')) ORDER BY region;
SELECT * FROM quarterly PIVOT (max(amount) FOR region IN ('north', 'south')) ORDER BY q;
SELECT * FROM (SELECT region, q, amount FROM quarterly WHERE amount IS NOT NULL) PIVOT (avg(amount) FOR q IN ('Q1', 'Q2', 'Q3')) ORDER BY region;
SELECT * FROM quarterly PIVOT (sum(amount) FOR (region, q) IN (('north', 'Q1') AS n1, ('south', 'Q3') AS s3));
SELECT * FROM quarterly PIVOT (sum(amount) FOR q IN ('Q4'));
CREATE TEMPORARY VIEW wide AS SELECT * FROM VALUES (1, 10, 20, NULL), (2, 30, NULL, 40) AS wide(id, a, b, c);
SELECT * FROM wide UNPIVOT (val FOR col IN (a, b, c)) ORDER BY id, col;
SELECT * FROM wide UNPIVOT INCLUDE NULLS (val FOR col IN (a, b, c)) ORDER BY id, col;
SELECT * FROM wide UNPIVOT (val FOR col IN (a AS first, b AS second)) ORDER BY id, col;
SELECT * FROM wide UNPIVOT EXCLUDE NULLS (val FOR col IN (b, c)) ORDER BY id;
SELECT id, col, val * 2 AS doubled FROM wide UNPIVOT (val FOR col IN (a, b)) ORDER BY id, col;
CREATE TEMPORARY VIEW pairs AS SELECT * FROM VALUES (1, 1, 'x', 2, 'y') AS pairs(id, n1, s1, n2, s2);
SELECT * FROM pairs UNPIVOT ((n, s) FOR which IN ((n1, s1) AS one, (n2, s2) AS two)) ORDER BY which;
SELECT * FROM wide UNPIVOT (val FOR col IN (a, nope));
