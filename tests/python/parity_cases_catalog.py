"""Parity cases of `spark.catalog` and the SQL statements on databases, tables and views
(rules: parity_cases.py's docstring). Each case creates what it uses and drops it."""


def case_catalog_current_and_lists(spark, F, T):
    c = spark.catalog
    return (
        c.currentCatalog(), c.listCatalogs(), c.listCatalogs("hive*"), c.currentDatabase(),
        [db.name for db in c.listDatabases()], [db.name for db in c.listDatabases("def*")],
        c.functionExists("count"), c.functionExists("no_such_function"),
        c.functionExists("default.unexisting_function"),
    )


def case_catalog_databases(spark, F, T):
    c = spark.catalog
    spark.sql("DROP DATABASE IF EXISTS parity_db CASCADE")
    before = c.databaseExists("parity_db")
    spark.sql("CREATE DATABASE parity_db")
    spark.sql("CREATE DATABASE IF NOT EXISTS parity_db")
    during = (c.databaseExists("parity_db"), c.databaseExists("spark_catalog.parity_db"), c.getDatabase("parity_db").name)
    spark.sql("CREATE TABLE parity_db.t (id INT) USING parquet")
    # listTables also lists the session's temporary views, which other cases may have made.
    tables = [(t.name, t.namespace, t.tableType, t.isTemporary) for t in c.listTables("parity_db") if not t.isTemporary]
    spark.sql("DROP DATABASE parity_db CASCADE")
    return before, during, tables, c.databaseExists("parity_db")


def case_catalog_tables_and_views(spark, F, T):
    c = spark.catalog
    spark.sql("DROP TABLE IF EXISTS parity_tbl")
    spark.sql("CREATE TABLE parity_tbl (name STRING, age INT) USING parquet")
    exists = [c.tableExists(name) for name in ("parity_tbl", "default.parity_tbl", "spark_catalog.default.parity_tbl")]
    table = c.getTable("parity_tbl")
    columns = [(col.name, col.dataType, col.nullable, col.isPartition) for col in c.listColumns("parity_tbl")]
    empty = spark.table("parity_tbl")
    spark.sql("DROP TABLE parity_tbl")
    spark.sql("DROP VIEW IF EXISTS parity_view")
    spark.sql("CREATE VIEW parity_view AS SELECT 1 AS c, 'x' AS s")
    view = (c.tableExists("parity_view"), c.getTable("parity_view").tableType, spark.table("parity_view").collect())
    spark.sql("DROP VIEW parity_view")
    return exists, (table.name, table.catalog, table.namespace, table.tableType, table.isTemporary), columns, empty.schema.simpleString(), empty.collect(), view, c.tableExists("parity_view")


def case_catalog_temp_and_global_views(spark, F, T):
    c = spark.catalog
    spark.range(3).createOrReplaceTempView("parity_temp")
    temp = [(t.name, t.namespace, t.tableType, t.isTemporary) for t in c.listTables(pattern="parity_t*")]
    spark.createDataFrame([(1, "a")], "id int, s string").createOrReplaceGlobalTempView("parity_global")
    global_rows = spark.sql("SELECT * FROM global_temp.parity_global").collect()
    dropped = (c.dropTempView("parity_temp"), c.dropTempView("parity_temp"), c.dropGlobalTempView("parity_global"))
    return temp, global_rows, dropped, c.tableExists("parity_temp")


def case_catalog_show_statements(spark, F, T):
    spark.range(1).createOrReplaceTempView("parity_show_view")
    tables = spark.sql("SHOW TABLES LIKE 'parity_show*'")
    databases = spark.sql("SHOW DATABASES LIKE 'def*'")
    spark.catalog.dropTempView("parity_show_view")
    return tables.collect(), tables.columns, databases.collect(), databases.columns


def case_catalog_use_database(spark, F, T):
    spark.sql("CREATE DATABASE IF NOT EXISTS parity_use_db")
    spark.sql("USE parity_use_db")
    current = spark.catalog.currentDatabase()
    spark.sql("CREATE TABLE used_tbl (x INT) USING parquet")
    qualified = spark.catalog.tableExists("parity_use_db.used_tbl")
    spark.sql("USE default")
    spark.sql("DROP DATABASE parity_use_db CASCADE")
    return current, qualified, spark.catalog.currentDatabase()


def case_error_catalog_unknown_table(spark, F, T):
    return spark.catalog.getTable("no_such_parity_table")


def case_error_catalog_unknown_database(spark, F, T):
    return spark.catalog.setCurrentDatabase("no_such_parity_db")


def case_error_catalog_table_exists(spark, F, T):
    spark.sql("CREATE TABLE IF NOT EXISTS parity_twice (x INT) USING parquet")
    try:
        spark.sql("CREATE TABLE parity_twice (x INT) USING parquet")
    finally:
        spark.sql("DROP TABLE parity_twice")


def case_error_catalog_drop_missing_table(spark, F, T):
    return spark.sql("DROP TABLE no_such_parity_table")


def case_error_catalog_drop_non_empty_database(spark, F, T):
    spark.sql("CREATE DATABASE IF NOT EXISTS parity_full_db")
    spark.sql("CREATE TABLE IF NOT EXISTS parity_full_db.t (x INT) USING parquet")
    try:
        spark.sql("DROP DATABASE parity_full_db")
    finally:
        spark.sql("DROP DATABASE parity_full_db CASCADE")


def case_catalog_cache_refresh_table(spark, F, T):
    # A cached table keeps its rows when its files change behind its back, until refreshTable.
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        spark.sql("DROP TABLE IF EXISTS parity_cached")
        spark.sql(f"CREATE TABLE parity_cached (col STRING) USING text LOCATION '{directory}'")
        spark.sql("INSERT INTO parity_cached SELECT 'abc'")
        spark.catalog.cacheTable("parity_cached")
        first = _rows(spark.table("parity_cached"))
        with open(os.path.join(directory, "part-outside.txt"), "w", encoding="utf-8") as handle:
            handle.write("outside\n")
        cached = _rows(spark.table("parity_cached"))
        spark.catalog.refreshTable("parity_cached")
        refreshed = _rows(spark.table("parity_cached"))
        is_cached = spark.catalog.isCached("parity_cached")
        spark.sql("DROP TABLE parity_cached")
        return first, cached, refreshed, is_cached


def case_catalog_cache_insert(spark, F, T):
    # A write through the session refreshes a cached table.
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        spark.sql("DROP TABLE IF EXISTS parity_cached_insert")
        spark.sql(f"CREATE TABLE parity_cached_insert (col STRING) USING text LOCATION '{directory}'")
        spark.sql("INSERT INTO parity_cached_insert SELECT 'abc'")
        spark.catalog.cacheTable("parity_cached_insert")
        first = _rows(spark.table("parity_cached_insert"))
        spark.sql("INSERT INTO parity_cached_insert SELECT 'def'")
        after_insert = _rows(spark.table("parity_cached_insert"))
        spark.sql("DROP TABLE parity_cached_insert")
        return first, after_insert


def case_catalog_cache_refresh_by_path(spark, F, T):
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        spark.sql("DROP TABLE IF EXISTS parity_cached_path")
        spark.sql(f"CREATE TABLE parity_cached_path (col STRING) USING text LOCATION '{directory}'")
        spark.sql("INSERT INTO parity_cached_path SELECT 'abc'")
        spark.catalog.cacheTable("parity_cached_path")
        spark.table("parity_cached_path").collect()
        with open(os.path.join(directory, "part-outside.txt"), "w", encoding="utf-8") as handle:
            handle.write("outside\n")
        cached = spark.table("parity_cached_path").count()
        spark.catalog.refreshByPath(directory)
        refreshed = spark.table("parity_cached_path").count()
        spark.sql("DROP TABLE parity_cached_path")
        return cached, refreshed


def case_catalog_recover_partitions(spark, F, T):
    # A partitioned table over existing directories reads only its registered partitions.
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        spark.sql("DROP TABLE IF EXISTS parity_recover")
        spark.range(2).selectExpr("id AS key", "id * 10 AS value").write.partitionBy("key").mode("overwrite").format("csv").save(directory)
        spark.sql(
            f"CREATE TABLE parity_recover (key LONG, value LONG) USING csv OPTIONS (header false, path '{directory}') PARTITIONED BY (key)"
        )
        before = _rows(spark.table("parity_recover"))
        columns = spark.table("parity_recover").columns
        spark.sql("INSERT INTO parity_recover VALUES (5, 7)")
        after_insert = _rows(spark.table("parity_recover"))
        partitions = [p.partition for p in spark.catalog.listPartitions("parity_recover")]
        spark.catalog.recoverPartitions("parity_recover")
        recovered = _rows(spark.table("parity_recover"))
        table = spark.catalog.getTable("parity_recover")
        spark.sql("DROP TABLE parity_recover")
        return before, columns, after_insert, partitions, recovered, table.tableType


def _rows(df):
    return sorted(tuple(row) for row in df.collect())


def case_error_catalog_recover_not_partitioned(spark, F, T):
    spark.sql("CREATE TABLE IF NOT EXISTS parity_not_partitioned (x INT) USING parquet")
    try:
        spark.catalog.recoverPartitions("parity_not_partitioned")
    finally:
        spark.sql("DROP TABLE parity_not_partitioned")


def case_catalog_class_function(spark, F, T):
    spark.sql("DROP FUNCTION IF EXISTS parity_func")
    spark.sql("CREATE FUNCTION parity_func AS 'test.org.example.Parity'")
    spark.sql("CREATE FUNCTION IF NOT EXISTS parity_func AS 'other.Class'")
    found = [
        spark.catalog.getFunction("parity_func"),
        spark.catalog.getFunction("default.parity_func"),
        spark.catalog.getFunction("spark_catalog.default.parity_func"),
    ]
    exists = spark.catalog.functionExists("parity_func"), spark.catalog.functionExists("default.parity_func")
    listed = [f for f in spark.catalog.listFunctions() if f.name == "parity_func"]
    spark.sql("DROP FUNCTION parity_func")
    spark.sql("DROP FUNCTION IF EXISTS parity_func")
    return [tuple(f) for f in found], exists, [tuple(f) for f in listed], spark.catalog.functionExists("parity_func")


def case_error_catalog_function_exists(spark, F, T):
    spark.sql("CREATE FUNCTION IF NOT EXISTS parity_twice_func AS 'x.Y'")
    try:
        spark.sql("CREATE FUNCTION parity_twice_func AS 'x.Y'")
    finally:
        spark.sql("DROP FUNCTION parity_twice_func")


def case_error_catalog_drop_missing_function(spark, F, T):
    return spark.sql("DROP FUNCTION no_such_parity_func")


def case_error_catalog_temporary_class_function(spark, F, T):
    return spark.sql("CREATE TEMPORARY FUNCTION parity_tmp AS 'x.Y'")


def case_error_catalog_unknown_function(spark, F, T):
    return spark.catalog.getFunction("no_such_parity_func")
