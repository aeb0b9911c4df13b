-- Window functions: ranking, offsets, frames, named WINDOW clauses, QUALIFY.
CREATE TEMPORARY VIEW scores AS SELECT * FROM VALUES
  ('a', 1, 10), ('a', 2, 30), ('a', 3, 20), ('a', 4, 30), ('b', 1, 5), ('b', 2, NULL), ('b', 3, 15), ('c', 1, 7)
  AS scores(grp, ts, v);
SELECT grp, ts, row_number() OVER (PARTITION BY grp ORDER BY ts) AS rn FROM scores ORDER BY grp, ts;
SELECT grp, ts, v, rank() OVER (PARTITION BY grp ORDER BY v) AS r FROM scores ORDER BY grp, ts;
SELECT grp, ts, v, dense_rank() OVER (PARTITION BY grp ORDER BY v DESC) AS r FROM scores ORDER BY grp, ts;
SELECT grp, ts, v, percent_rank() OVER (PARTITION BY grp ORDER BY v) AS pr FROM scores ORDER BY grp, ts;
SELECT grp, ts, v, cume_dist() OVER (PARTITION BY grp ORDER BY v) AS cd FROM scores ORDER BY grp, ts;
SELECT grp, ts, ntile(2) OVER (PARTITION BY grp ORDER BY ts) AS tile FROM scores ORDER BY grp, ts;
SELECT grp, ts, lag(v) OVER (PARTITION BY grp ORDER BY ts) AS prev FROM scores ORDER BY grp, ts;
SELECT grp, ts, lead(v, 1, 0) OVER (PARTITION BY grp ORDER BY ts) AS nxt FROM scores ORDER BY grp, ts;
SELECT grp, ts, lag(v, 2) OVER (PARTITION BY grp ORDER BY ts) AS prev2 FROM scores ORDER BY grp, ts;
SELECT grp, ts, sum(v) OVER (PARTITION BY grp) AS total FROM scores ORDER BY grp, ts;
SELECT grp, ts, sum(v) OVER (PARTITION BY grp ORDER BY ts) AS running FROM scores ORDER BY grp, ts;
SELECT grp, ts, sum(v) OVER (PARTITION BY grp ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM scores ORDER BY grp, ts;
SELECT grp, ts, avg(v) OVER (PARTITION BY grp ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS smooth FROM scores ORDER BY grp, ts;
SELECT grp, ts, max(v) OVER (PARTITION BY grp ORDER BY ts ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest FROM scores ORDER BY grp, ts;
SELECT grp, ts, count(*) OVER (PARTITION BY grp ORDER BY ts RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS c FROM scores ORDER BY grp, ts;
SELECT grp, ts, v, sum(v) OVER (PARTITION BY grp ORDER BY v) AS by_value FROM scores ORDER BY grp, ts;
SELECT grp, ts, first_value(v) OVER (PARTITION BY grp ORDER BY ts) AS f FROM scores ORDER BY grp, ts;
SELECT grp, ts, last_value(v) OVER (PARTITION BY grp ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM scores ORDER BY grp, ts;
SELECT grp, ts, nth_value(v, 2) OVER (PARTITION BY grp ORDER BY ts) AS second FROM scores ORDER BY grp, ts;
SELECT grp, ts, count(*) OVER () AS n FROM scores ORDER BY grp, ts;
SELECT grp, ts, row_number() OVER w AS rn, sum(v) OVER w AS s FROM scores WINDOW w AS (PARTITION BY grp ORDER BY ts) ORDER BY grp, ts;
SELECT grp, ts, rank() OVER w1, max(v) OVER w2 FROM scores WINDOW w1 AS (PARTITION BY grp ORDER BY v), w2 AS (PARTITION BY grp) ORDER BY grp, ts;
SELECT grp, ts, v FROM scores QUALIFY row_number() OVER (PARTITION BY grp ORDER BY ts DESC) = 1 ORDER BY grp;
SELECT grp, ts, v, row_number() OVER (PARTITION BY grp ORDER BY ts) AS rn FROM scores QUALIFY rn <= 2 ORDER BY grp, ts;
SELECT grp, ts, v - lag(v) OVER (PARTITION BY grp ORDER BY ts) AS delta FROM scores ORDER BY grp, ts;
SELECT grp, sum(v), rank() OVER (ORDER BY sum(v) DESC) AS r FROM scores GROUP BY grp ORDER BY r;
SELECT grp, ts, v, min(v) OVER (PARTITION BY grp ORDER BY ts ROWS 1 PRECEDING) AS m FROM scores ORDER BY grp, ts;
SELECT grp, ts, row_number() OVER (ORDER BY grp, ts) AS global_rn FROM scores ORDER BY global_rn;
SELECT grp, ts, v, avg(v) OVER (PARTITION BY grp) AS mean, v - avg(v) OVER (PARTITION BY grp) AS diff FROM scores ORDER BY grp, ts;
SELECT * FROM (SELECT grp, ts, v, dense_rank() OVER (PARTITION BY grp ORDER BY v DESC NULLS LAST) AS r FROM scores) WHERE r = 1 ORDER BY grp, ts;
SELECT grp, ts, lead(v) IGNORE NULLS OVER (PARTITION BY grp ORDER BY ts) AS next_known FROM scores ORDER BY grp, ts;
SELECT grp, ts, first_value(v) IGNORE NULLS OVER (PARTITION BY grp ORDER BY ts DESC) AS f FROM scores ORDER BY grp, ts;
SELECT row_number() OVER (PARTITION BY grp) FROM scores;
SELECT grp, ts, sum(v) OVER (PARTITION BY grp ORDER BY ts RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS t FROM scores ORDER BY grp, ts;
