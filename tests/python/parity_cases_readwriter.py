"""Parity cases of the writers and readers (rules: parity_cases.py's docstring).

Each case writes into a fresh temporary directory and returns what a user
sees: the text of the written files (file names carry a random job id, so
only their contents and directory names are compared), or the data read back.
"""

import datetime
import decimal
import os
import tempfile


def _part_lines(directory):
    """The lines of every data file under ``directory`` (hidden files skipped), in path order."""
    lines = []
    for root, dirs, files in sorted(os.walk(directory)):
        dirs[:] = sorted(name for name in dirs if not name.startswith(("_", ".")))
        for name in sorted(files):
            if name.startswith("part-"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    lines.extend(handle.read().splitlines())
    return lines


def _layout(directory):
    """Relative directories holding data files, and whether ``_SUCCESS`` was written."""
    found = set()
    for root, _dirs, files in os.walk(directory):
        if "_temporary" in root:
            continue
        if any(name.startswith("part-") for name in files):
            found.add(os.path.relpath(root, directory))
    return sorted(found), os.path.exists(os.path.join(directory, "_SUCCESS"))


def _materialized(spark, df):
    """``df``'s rows as local data: the files behind ``df`` are gone once the case returns."""
    return spark.createDataFrame(df.collect(), df.schema)


def _mixed(spark):
    return spark.createDataFrame(
        [
            (1, "plain", 1.0, 1.5, decimal.Decimal("1.20"), True, datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)),
            (2, "a,b", 1e10, float("nan"), decimal.Decimal("-0.05"), False, None, datetime.datetime(2024, 7, 2, 3, 4, 5)),
            (3, 'q"uote', float("inf"), -0.0, None, None, datetime.date(1, 1, 1), None),
            (4, "line\nbreak", 0.1, 3.4e38, decimal.Decimal("123456.00"), True, None, None),
            (5, "  lead trail  ", -1e-5, 1e-10, None, None, None, None),
            (6, "", None, None, None, None, None, None),
            (7, None, 123456789.0, 1e7, None, None, None, None),
            (8, "日本語", 1e7, 12345678.0, None, None, None, None),
        ],
        "i int, s string, x double, f float, m decimal(10,2), b boolean, d date, t timestamp",
    )


def case_readwriter_csv_text(spark, F, T):
    # Quoting, escaping, empty strings, nulls, Java's doubles, dates and timestamps as Spark writes them.
    with tempfile.TemporaryDirectory() as directory:
        _mixed(spark).coalesce(1).write.csv(directory + "/out")
        return _part_lines(directory + "/out")


def case_readwriter_csv_options(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _mixed(spark).select("i", "s", "d").coalesce(1).write.option("header", True).option("nullValue", "NA").option(
            "emptyValue", "EMPTY"
        ).option("sep", ";").option("dateFormat", "dd/MM/yyyy").csv(directory + "/out")
        return _part_lines(directory + "/out")


def case_readwriter_json_text(spark, F, T):
    # Null fields are left out; NaN and infinities are strings; timestamps in the session zone.
    with tempfile.TemporaryDirectory() as directory:
        _mixed(spark).coalesce(1).write.json(directory + "/out")
        return _part_lines(directory + "/out")


def case_readwriter_text_round_trip(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame([("a",), ("",), (None,), ("c d",)], "v string")
        df.coalesce(1).write.text(directory + "/out")
        lines = _part_lines(directory + "/out")
        back = spark.read.text(directory + "/out").collect()
        return lines, [tuple(row) for row in back], spark.read.text(directory + "/out").columns


def case_readwriter_parquet_round_trip(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _mixed(spark).write.parquet(directory + "/out")
        back = spark.read.parquet(directory + "/out")
        return _materialized(spark, back.orderBy("i"))


def case_readwriter_partitioned_layout(spark, F, T):
    # Directory names escape '/', '=', '%' and ':'; null and empty values go to the default partition.
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame(
            [(1, "a/b", 2024, 1.5), (2, None, 2024, None), (3, "x=y%z", 2023, 2.0), (4, "sp ace:c", 2023, 2.0), (5, "", 2023, 2.0)],
            "v int, s string, y int, r double",
        )
        df.write.partitionBy("y", "s").parquet(directory + "/out")
        return _layout(directory + "/out")


def case_readwriter_partition_discovery(spark, F, T):
    # Partition columns come last, typed from their values (int, double, date, string; nulls).
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame(
            [(1, "a/b", 2024, 1.5, datetime.date(2024, 1, 1)), (2, None, 2024, None, None), (3, "x=y%z", 2023, 2.0, datetime.date(2024, 1, 2))],
            "v int, s string, y int, r double, dt date",
        )
        df.write.partitionBy("y", "s", "r", "dt").json(directory + "/out")
        return _materialized(spark, spark.read.json(directory + "/out").orderBy("v"))


def case_readwriter_partition_directory_alone(spark, F, T):
    # Reading one partition's directory gives its files' columns only.
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame([(100, "Hyukjin Kwon"), (120, "Ruifeng Zheng")], "age long, name string")
        df.write.partitionBy("name").mode("overwrite").format("parquet").save(directory)
        return _materialized(spark, spark.read.parquet(os.path.join(directory, "name=Hyukjin Kwon")))


def case_readwriter_modes(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        path = directory + "/out"
        spark.createDataFrame([(1, "a")], "i int, s string").write.parquet(path)
        spark.createDataFrame([(2, "b")], "i int, s string").write.mode("append").parquet(path)
        spark.createDataFrame([(3, "c")], "i int, s string").write.mode("ignore").parquet(path)
        after_append = sorted(tuple(row) for row in spark.read.parquet(path).collect())
        spark.createDataFrame([(4, "d")], "i int, s string").write.mode("overwrite").parquet(path)
        return after_append, [tuple(row) for row in spark.read.parquet(path).collect()]


def case_error_readwriter_path_exists(spark, F, T):
    # A fixed path: the message names it.
    path = os.path.join(tempfile.gettempdir(), "pyrust_parity_path_exists")
    os.makedirs(path, exist_ok=True)
    try:
        spark.range(1).write.parquet(path)
    finally:
        os.rmdir(path)


def case_error_readwriter_invalid_mode(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.range(1).write.mode("bogus").parquet(directory + "/out")


def case_error_readwriter_all_partition_columns(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.range(1).write.partitionBy("id").parquet(directory + "/out")


def case_error_readwriter_csv_array(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.createDataFrame([([1],)], "a array<int>").write.csv(directory + "/out")


def case_error_readwriter_text_int(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        spark.range(1).write.text(directory + "/out")


def case_readwriter_tables(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS pyrust_parity_t1")
    try:
        df = spark.createDataFrame([(100, "Hyukjin Kwon"), (120, "Hyukjin Kwon"), (140, "Haejoon Lee")], ["age", "name"])
        df.write.saveAsTable("pyrust_parity_t1")
        df.selectExpr("age AS col1", "name AS col2").write.insertInto("pyrust_parity_t1")
        spark.sql("INSERT INTO pyrust_parity_t1 VALUES (1, 'x'), (2, NULL)")
        df.select("name", "age").write.mode("append").saveAsTable("pyrust_parity_t1")
        counted = spark.table("pyrust_parity_t1").count()
        df.filter("age > 100").write.insertInto("pyrust_parity_t1", overwrite=True)
        return counted, [tuple(row) for row in spark.read.table("pyrust_parity_t1").orderBy("age", "name").collect()]
    finally:
        spark.sql("DROP TABLE IF EXISTS pyrust_parity_t1")


def case_readwriter_partitioned_table_sql(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS pyrust_parity_t2")
    try:
        spark.sql("CREATE TABLE pyrust_parity_t2 USING json PARTITIONED BY (p) AS SELECT 1 AS a, 'x' AS p")
        spark.sql("INSERT INTO pyrust_parity_t2 PARTITION (p='y') SELECT 2")
        spark.sql("INSERT OVERWRITE pyrust_parity_t2 PARTITION (p='x') SELECT 3")
        spark.sql("INSERT INTO pyrust_parity_t2 (p, a) VALUES ('z', 4)")
        rows = spark.table("pyrust_parity_t2").orderBy("a")
        columns = [(column.name, column.isPartition) for column in spark.catalog.listColumns("pyrust_parity_t2")]
        spark.sql("TRUNCATE TABLE pyrust_parity_t2")
        return rows.collect(), columns, spark.table("pyrust_parity_t2").count()
    finally:
        spark.sql("DROP TABLE IF EXISTS pyrust_parity_t2")


def case_error_readwriter_insert_arity(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS pyrust_parity_t3")
    try:
        spark.createDataFrame([(1, "a")], "i int, s string").write.saveAsTable("pyrust_parity_t3")
        spark.createDataFrame([(1,)], "i int").write.insertInto("pyrust_parity_t3")
    finally:
        spark.sql("DROP TABLE IF EXISTS pyrust_parity_t3")


def case_error_readwriter_insert_unsafe_cast(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS pyrust_parity_t4")
    try:
        spark.createDataFrame([(1, "a")], "i int, s string").write.saveAsTable("pyrust_parity_t4")
        spark.sql("INSERT INTO pyrust_parity_t4 VALUES ('7', 'k')")
    finally:
        spark.sql("DROP TABLE IF EXISTS pyrust_parity_t4")


def case_error_readwriter_save_as_existing_table(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS pyrust_parity_t5")
    try:
        spark.range(1).write.saveAsTable("pyrust_parity_t5")
        spark.range(1).write.saveAsTable("pyrust_parity_t5")
    finally:
        spark.sql("DROP TABLE IF EXISTS pyrust_parity_t5")


# -- XML ----------------------------------------------------------------------------------

_XML_PEOPLE = """<?xml version="1.0"?>
<root>
  <person id="1"><name>Alice</name><age>25</age></person>
  <person id="2"><name>Bob</name><age>x</age><extra>1.5</extra></person>
  <person><name>Ünï &amp; &#65;</name></person>
  <other><person><name>Nested</name></person></other>
  <person a="1"><person><name>inner</name></person><name>outer</name></person>
  <person/>
  <person>  </person>
  <person>text<b>1</b></person>
  <person><![CDATA[<x>]]></person>
  <personx><name>no</name></personx>
  <person
    id="7"><name>multi
line</name></person>
</root>
"""


def _write_file(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def case_readwriter_xml_read_inferred(spark, F, T):
    # Records at any depth (not inside another record), attributes, _VALUE text, CDATA, entities, unicode.
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "people.xml", _XML_PEOPLE)
        return _materialized(spark, spark.read.option("rowTag", "person").xml(path))


def case_readwriter_xml_read_options(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "people.xml", _XML_PEOPLE)
        excluded = spark.read.options(rowTag="person", excludeAttribute=True).xml(path).schema.simpleString()
        prefixed = spark.read.options(rowTag="person", attributePrefix="@", valueTag="#v").xml(path).schema.simpleString()
        strings = spark.read.options(rowTag="person", inferSchema=False).xml(path).schema.simpleString()
        return excluded, prefixed, strings


def case_readwriter_xml_read_schema(spark, F, T):
    # A value that does not fit the schema's type is null (PERMISSIVE).
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "people.xml", _XML_PEOPLE)
        return _materialized(spark, spark.read.schema("name STRING, age INT, _id LONG").option("rowTag", "person").xml(path))


def case_readwriter_xml_malformed_permissive(spark, F, T):
    # A file that stops being XML keeps the records before the error, then the whole file as _corrupt_record.
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "bad.xml", "<r>\n<p><x>1</x></p>\n<p><x>2</x></p>\n<p><x>3</p>\n<p><x>4</x></p>\n</r>\n")
        return _materialized(spark, spark.read.option("rowTag", "p").xml(path))


def case_readwriter_xml_malformed_dropmalformed(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "bad.xml", "<r>\n<p><x>1</x></p>\n<p><x>2</x></p>\n<p><x>3</p>\n</r>\n")
        return _materialized(spark, spark.read.option("rowTag", "p").option("mode", "DROPMALFORMED").xml(path))


def case_readwriter_xml_read_files(spark, F, T):
    # Types merge across files (long and double: double); whitespace is trimmed; an empty element is "".
    with tempfile.TemporaryDirectory() as directory:
        _write_file(directory, "m1.xml", "<r><p><x>1</x><y></y></p></r>")
        _write_file(directory, "m2.xml", "<r>\n<p>\n  <x> 2.5 </x>\n  <y>  a  </y>\n</p><p><z>true</z></p></r>")
        _write_file(directory, "empty.xml", "")
        return _materialized(spark, spark.read.option("rowTag", "p").xml(directory).orderBy("x"))


def case_readwriter_xml_no_records(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        path = _write_file(directory, "m.xml", "<r><p><x>1</x></p></r>")
        df = spark.read.option("rowTag", "zzz").xml(path)
        return df.schema.simpleString(), df.count()


def case_readwriter_xml_of_strings(spark, F, T):
    # Each string is one record: its first element, whatever its name; null strings give null rows.
    strings = spark.createDataFrame(
        [
            ("<person><name>Alice</name><age>25</age></person>",),
            ("<person><name>Bob</name><age>30</age></person><person><name>C</name></person>",),
            ("<x><person><name>D</name></person></x>",),
            ("<other><name>E</name></other>",),
            (None,),
            ("garbage",),
        ],
        "value STRING",
    )
    return spark.read.option("rowTag", "person").xml(strings)


def case_error_readwriter_xml_of_numbers(spark, F, T):
    return spark.read.option("rowTag", "person").xml(spark.range(2))


def case_error_readwriter_xml_read_row_tag_missing(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        return spark.read.xml(_write_file(directory, "m.xml", "<r/>"))


def case_error_readwriter_xml_write_row_tag_missing(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        return spark.range(1).write.xml(directory + "/out")


def _xml_rows(spark):
    return spark.createDataFrame(
        [(1, "a<b & c", [1, 2], {"k": 1.5}, None), (2, None, [], None, "ünï\nline"), (3, "", None, {"k": None}, "x")],
        "id INT, s STRING, arr ARRAY<INT>, st STRUCT<k: DOUBLE>, n STRING",
    )


def case_readwriter_xml_write_text(spark, F, T):
    # The declaration, the ROWS root, rows four spaces in, null fields left out, an empty DataFrame's file empty.
    with tempfile.TemporaryDirectory() as directory:
        _xml_rows(spark).coalesce(1).write.option("rowTag", "person").xml(directory + "/out")
        spark.range(0).selectExpr("CAST(id AS STRING) AS s").coalesce(1).write.option("rowTag", "r").xml(directory + "/empty")
        return _part_lines(directory + "/out"), _part_lines(directory + "/empty")


def case_readwriter_xml_write_options(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _xml_rows(spark).coalesce(1).write.options(rowTag="r", rootTag="top", nullValue="NULL", declaration="").xml(
            directory + "/out"
        )
        attributes = spark.createDataFrame([(1, "x", 2.0)], "a INT, _b STRING, _VALUE DOUBLE")
        attributes.coalesce(1).write.options(rowTag="r").xml(directory + "/attributes")
        return _part_lines(directory + "/out"), _part_lines(directory + "/attributes")


def case_readwriter_xml_round_trip(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        _xml_rows(spark).write.option("rowTag", "person").format("xml").save(directory + "/out")
        back = spark.read.option("rowTag", "person").format("xml").load(directory + "/out")
        return _materialized(spark, back.orderBy("id"))


def case_readwriter_xml_partitioned_write(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame([(1, "a"), (2, "b"), (3, "a")], "v INT, p STRING")
        df.coalesce(1).write.partitionBy("p").option("rowTag", "r").xml(directory + "/out")
        return _layout(directory + "/out"), _part_lines(directory + "/out")


# -- ORC ----------------------------------------------------------------------------------


def case_readwriter_orc_round_trip(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame(
            [
                (1, 2, 3, True, 1.5, 2.5, "ünï", bytearray(b"\x00\x01"), datetime.date(2024, 1, 2)),
                (None, None, None, None, float("nan"), None, "", None, None),
                (-7, -(2**40), -1, False, -0.0, float("inf"), None, bytearray(b""), datetime.date(1970, 1, 1)),
            ],
            "b TINYINT, l BIGINT, i INT, f BOOLEAN, r FLOAT, d DOUBLE, s STRING, bin BINARY, dt DATE",
        )
        df.write.orc(directory + "/out")
        return _materialized(spark, spark.read.orc(directory + "/out").orderBy("i"))


def case_readwriter_orc_files(spark, F, T):
    # Snappy by default, as Spark's ORC writer.
    with tempfile.TemporaryDirectory() as directory:
        spark.createDataFrame([(1, "a")], "i INT, s STRING").coalesce(1).write.orc(directory + "/out")
        files = sorted(name for name in os.listdir(directory + "/out") if not name.startswith("."))
        return sorted({name.split(".", 1)[1] if name.startswith("part-") else name for name in files})


def case_readwriter_orc_compression(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        df = spark.createDataFrame([(1, "a")], "i INT, s STRING")
        names = []
        for codec in ("none", "zlib", "zstd", "lz4"):
            df.coalesce(1).write.option("compression", codec).orc(f"{directory}/{codec}")
            names.extend(name.split(".", 1)[1] for name in os.listdir(f"{directory}/{codec}") if name.startswith("part-"))
        back = [tuple(row) for codec in ("none", "zlib", "zstd", "lz4") for row in spark.read.format("orc").load(f"{directory}/{codec}").collect()]
        return sorted(names), back


# -- text tables ---------------------------------------------------------------------------


def case_readwriter_text_table(spark, F, T):
    # A null line reads back as an empty string.
    spark.sql("DROP TABLE IF EXISTS parity_text_table")
    spark.sql("CREATE TABLE parity_text_table (v STRING) USING text")
    try:
        spark.sql("INSERT INTO parity_text_table VALUES ('x'), (NULL), ('ünï'), ('')")
        return _materialized(spark, spark.table("parity_text_table").orderBy("v"))
    finally:
        spark.sql("DROP TABLE parity_text_table")


def case_error_readwriter_text_table_int(spark, F, T):
    with tempfile.TemporaryDirectory() as directory:
        return spark.sql(f"CREATE TABLE parity_text_int (a INT) USING text LOCATION '{directory}'")


def case_error_readwriter_text_table_two_columns(spark, F, T):
    spark.sql("DROP TABLE IF EXISTS parity_text_two")
    spark.sql("CREATE TABLE parity_text_two (a STRING, b STRING) USING text")
    try:
        return spark.sql("INSERT INTO parity_text_two VALUES ('a', 'b')")
    finally:
        spark.sql("DROP TABLE parity_text_two")


def case_error_readwriter_text_ctas_int(spark, F, T):
    return spark.sql("CREATE TABLE parity_text_ctas USING text AS SELECT 1 AS a")


def case_readwriter_inference_reads_every_file(spark, F, T):
    # An empty first file, and a field only the last file has: inference covers every file.
    with tempfile.TemporaryDirectory() as directory:
        os.makedirs(directory + "/j")
        os.makedirs(directory + "/c")
        for name, text in [("p0.json", ""), ("p1.json", '{"a": 1}\n'), ("p2.json", '{"a": 2, "b": "x"}\n')]:
            with open(f"{directory}/j/{name}", "w") as handle:
                handle.write(text)
        for name, text in [("p0.csv", ""), ("p1.csv", "x,y\n1,a\n"), ("p2.csv", "x,y\n2,b\n")]:
            with open(f"{directory}/c/{name}", "w") as handle:
                handle.write(text)
        json_frame = spark.read.json(directory + "/j")
        csv_frame = spark.read.option("header", True).option("inferSchema", True).csv(directory + "/c")
        return [
            json_frame.schema.simpleString(),
            sorted(tuple(row) for row in json_frame.collect()),
            csv_frame.schema.simpleString(),
            sorted(tuple(row) for row in csv_frame.collect()),
        ]
