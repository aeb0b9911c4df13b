"""PySpark's ``pyspark.sql.pandas``: pandas and Arrow UDFs (``functions``), and the
DataFrame operations that run Python functions over whole batches or groups
(``map_ops``, ``group_ops``)."""
