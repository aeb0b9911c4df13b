-- Built-in function calls through SQL: names, result types, column names, nulls.
CREATE TEMPORARY VIEW t AS SELECT * FROM VALUES
  (1, 'Hello World', 2.5D, DATE '2024-03-15', array(3, 1, 2)),
  (2, NULL, -1.25D, NULL, array()),
  (3, 'ÄÖü', NULL, DATE '2000-02-29', NULL)
  AS t(id, s, d, dt, xs);
SELECT id, upper(s), lower(s), length(s) FROM t ORDER BY id;
SELECT id, substring(s, 1, 5), substr(s, -3), left(s, 2), right(s, 2) FROM t ORDER BY id;
SELECT id, concat(s, '!'), concat_ws('-', s, 'x', NULL), s || '?' FROM t ORDER BY id;
SELECT id, trim('  a  '), ltrim('  a'), rtrim('a  '), trim(BOTH 'x' FROM 'xxaxx') FROM t ORDER BY id;
SELECT id, replace(s, 'l', 'L'), translate(s, 'lo', '01'), reverse(s) FROM t ORDER BY id;
SELECT id, instr(s, 'o'), locate('o', s), position('o' IN s) FROM t ORDER BY id;
SELECT id, lpad(CAST(id AS STRING), 3, '0'), rpad('x', 3, '.'), repeat('ab', id) FROM t ORDER BY id;
SELECT id, split(s, ' '), regexp_replace(s, '[aeiou]', '*'), regexp_extract(s, '(\\w+) (\\w+)', 2) FROM t ORDER BY id;
SELECT id, initcap(lower(s)), ascii(s), char_length(s), octet_length(s) FROM t ORDER BY id;
SELECT id, abs(d), ceil(d), floor(d), round(d), round(d, 1), bround(2.5D) FROM t ORDER BY id;
SELECT id, sqrt(id), pow(id, 2), power(2, id), exp(0), ln(1), log10(100), log(2, 8) FROM t ORDER BY id;
SELECT id, id % 2, pmod(-7, 3), mod(7, 3), sign(d), signum(-2) FROM t ORDER BY id;
SELECT greatest(1, 5, 3), least(1, 5, 3), greatest(1, NULL, 2), least('b', 'a');
SELECT coalesce(NULL, 2, 3), nvl(NULL, 'x'), ifnull(1, 2), nullif(1, 1), nullif(1, 2), nvl2(NULL, 1, 2);
SELECT id, coalesce(s, 'none'), isnull(s), isnotnull(d) FROM t ORDER BY id;
SELECT id, year(dt), month(dt), day(dt), dayofweek(dt), quarter(dt), dayofyear(dt) FROM t ORDER BY id;
SELECT id, date_add(dt, 10), date_sub(dt, 1), datediff(DATE '2024-12-25', dt), add_months(dt, 1) FROM t ORDER BY id;
SELECT id, date_format(dt, 'yyyy/MM/dd'), last_day(dt), next_day(dt, 'Mon'), trunc(dt, 'MM') FROM t ORDER BY id;
SELECT to_date('2024-05-06'), to_date('06/05/2024', 'dd/MM/yyyy'), to_timestamp('2024-05-06 07:08:09');
SELECT make_date(2024, 2, 29), make_timestamp(2024, 1, 2, 3, 4, 5.5), unix_timestamp(TIMESTAMP '1970-01-02 00:00:00');
SELECT from_unixtime(0), date_trunc('HOUR', TIMESTAMP '2024-01-01 10:37:00'), hour(TIMESTAMP '2024-01-01 10:37:00');
SELECT months_between(DATE '2024-03-31', DATE '2024-02-29'), extract(YEAR FROM DATE '2024-03-01'), date_part('month', DATE '2024-03-01');
SELECT id, size(xs), array_contains(xs, 1), sort_array(xs), array_max(xs), array_min(xs) FROM t ORDER BY id;
SELECT id, element_at(xs, 1), xs[0], array_position(xs, 2), array_distinct(array(1, 1, 2)) FROM t ORDER BY id;
SELECT array_union(array(1, 2), array(2, 3)), array_intersect(array(1, 2), array(2, 3)), array_except(array(1, 2), array(2));
SELECT array_join(array('a', NULL, 'c'), ','), array_join(array('a', NULL), ',', '?'), flatten(array(array(1), array(2, 3)));
SELECT sequence(1, 5), sequence(5, 1, -2), slice(array(1, 2, 3, 4), 2, 2), array_repeat('x', 3);
SELECT transform(array(1, 2, 3), x -> x * 10), filter(array(1, 2, 3), x -> x > 1), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x);
SELECT exists(array(1, 2), x -> x = 2), forall(array(1, 2), x -> x > 0), transform(array('a', 'b'), (x, i) -> concat(x, i));
SELECT map_keys(map('a', 1, 'b', 2)), map_values(map('a', 1)), map_from_arrays(array('x'), array(9)), element_at(map('a', 1), 'a');
SELECT str_to_map('a:1,b:2'), map_concat(map('a', 1), map('b', 2)), size(map('a', 1));
SELECT struct(1, 'a'), named_struct('x', 1).x, to_json(named_struct('a', 1, 'b', 'x')), from_json('{"a": 3}', 'a INT');
SELECT get_json_object('{"a": {"b": 5}}', '$.a.b'), json_array_length('[1, 2, 3]'), to_json(array(1, 2));
SELECT md5('abc'), sha1('abc'), sha2('abc', 256), crc32('abc'), hex(255), unhex('FF'), base64('abc');
SELECT hash('abc'), xxhash64('abc'), hash(1, 'a');
SELECT bin(10), conv('ff', 16, 10), format_number(1234567.891, 2), format_string('%s-%d', 'a', 5);
SELECT CAST(id AS STRING) || s, cast(d AS DECIMAL(5, 2)), CAST(dt AS TIMESTAMP) FROM t ORDER BY id;
SELECT count(*), sum(id), avg(d), max(s), min(dt) FROM t;
SELECT ucase('a'), lcase('B'), len('abc'), character_length('ab'), mid('abcdef', 2, 3);
SELECT nosuchfunction(1);
SELECT upper();
SELECT upper(1, 2);
SELECT substring('abc', 'x');
SELECT id, if(id > 1, 'big', 'small'), CASE WHEN id = 1 THEN 'one' END FROM t ORDER BY id;
SELECT elt(2, 'a', 'b', 'c'), decode(2, 1, 'one', 2, 'two', 'other'), uuid() IS NOT NULL;
SELECT equal_null(1, NULL), equal_null(NULL, NULL), zeroifnull(NULL), nullifzero(0);
SELECT width_bucket(5.3, 0.2, 10.6, 5), factorial(5), e() > 2.7, pi() < 3.15;
SELECT btrim('  x  '), startswith('abc', 'ab'), endswith('abc', 'bc'), contains('abc', 'b');
SELECT split_part('a,b,c', ',', 2), substring_index('a.b.c', '.', 2), soundex('Robert'), levenshtein('kitten', 'sitting');
SELECT try_add(2147483647, 1), try_divide(1, 0), try_multiply(2, 3), try_element_at(array(1), 5);
