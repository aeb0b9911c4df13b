-- Parameters: spark.sql(text, args=...) with named (:x) and positional (?) markers.
CREATE TEMPORARY VIEW people AS SELECT * FROM VALUES ('Alice', 34), ('Bob', 17), ('Eve', 51) AS people(name, age);
-- args: {"min_age": 18}
SELECT name FROM people WHERE age >= :min_age ORDER BY name;
-- args: {"n": "Bob"}
SELECT age FROM people WHERE name = :n;
-- args: [20, 60]
SELECT name FROM people WHERE age BETWEEN ? AND ? ORDER BY name;
-- args: {"x": 1.5}
SELECT :x AS x, typeof(:x) AS t;
-- args: {"x": 7, "y": "seven"}
SELECT :x + 1 AS next, :y AS word, :x * :x AS square;
-- args: [true, null]
SELECT ? AS flag, ? AS nothing;
-- args: {"limit": 2}
SELECT name FROM people ORDER BY age LIMIT :limit;
-- args: {"d": "2024-01-31"}
SELECT DATE(:d) + 1 AS next_day;
-- args: {"names": "Alice"}
SELECT count(*) FROM people WHERE name IN (:names, 'Eve');
-- args: {"a": 1}
SELECT :b;
-- args: [1]
SELECT ?, ?;
-- args: {"a": 10000000000}
SELECT :a AS big, typeof(:a) AS t;
-- args: ["O'Brien", "O'Brien"]
SELECT ? AS quoted, length(?) AS len;
