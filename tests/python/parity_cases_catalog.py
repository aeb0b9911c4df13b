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
