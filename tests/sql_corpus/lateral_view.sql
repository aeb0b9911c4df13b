-- LATERAL VIEW [OUTER] explode/posexplode/inline, generators in SELECT, table-valued functions.
CREATE TEMPORARY VIEW orders AS SELECT * FROM VALUES
  (1, array('pen', 'ink'), map('red', 2, 'blue', 1)),
  (2, array(), map()),
  (3, NULL, NULL),
  (4, array('pad'), map('green', 5))
  AS orders(id, items, colors);
SELECT id, item FROM orders LATERAL VIEW explode(items) e AS item ORDER BY id, item;
SELECT id, item FROM orders LATERAL VIEW OUTER explode(items) e AS item ORDER BY id, item;
SELECT id, pos, item FROM orders LATERAL VIEW posexplode(items) e AS pos, item ORDER BY id, pos;
SELECT id, pos, item FROM orders LATERAL VIEW OUTER posexplode(items) e AS pos, item ORDER BY id, pos NULLS FIRST;
SELECT id, color, n FROM orders LATERAL VIEW explode(colors) c AS color, n ORDER BY id, color;
SELECT id, item, color FROM orders LATERAL VIEW explode(items) e AS item LATERAL VIEW explode(colors) c AS color, n ORDER BY id, item, color;
SELECT * FROM orders LATERAL VIEW explode(items) e AS item WHERE id = 1 ORDER BY item;
SELECT id, e.col FROM orders LATERAL VIEW explode(items) e ORDER BY id, e.col;
SELECT x, y FROM (SELECT 1 AS k) LATERAL VIEW inline(array(struct(1, 'a'), struct(2, 'b'))) t AS x, y;
SELECT k, v FROM (SELECT 1 AS k) LATERAL VIEW explode(array(10, 20)) t AS v;
SELECT id, count(*) FROM orders LATERAL VIEW explode(items) e AS item GROUP BY id ORDER BY id;
SELECT explode(array(1, 2, 3));
SELECT explode(array(1, 2, 3)) AS n;
SELECT posexplode(array('a', 'b'));
SELECT explode(map('a', 1, 'b', 2));
SELECT inline(array(struct(1 AS p, 'x' AS q), struct(2, 'y')));
SELECT id, explode(items) AS item FROM orders ORDER BY id, item;
SELECT id, explode_outer(items) AS item FROM orders ORDER BY id, item;
SELECT stack(2, 'a', 1, 'b', 2);
SELECT stack(3, 1, 2, 3) AS v;
SELECT * FROM explode(array(1, 2, 3));
SELECT * FROM explode(array(5, 6)) AS t(v);
SELECT * FROM posexplode(array('x', 'y'));
SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b')));
SELECT * FROM explode_outer(array());
SELECT * FROM range(3) r, LATERAL explode(array(r.id, r.id * 10)) e(v) ORDER BY 1, 2;
SELECT json_tuple('{"a": 1, "b": "x"}', 'a', 'b');
SELECT id, a FROM orders LATERAL VIEW json_tuple('{"a": 7}', 'a') j AS a WHERE id = 1;
SELECT explode(sequence(1, 3)) AS v ORDER BY v DESC;
SELECT * FROM range(1, 4) r JOIN LATERAL (SELECT r.id * r.id AS sq) ORDER BY id;
