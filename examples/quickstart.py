"""PyRust quickstart: PySpark code, with only the import changed."""

from pathlib import Path

from pyrust.sql import SparkSession

spark = SparkSession.builder.appName("quickstart").getOrCreate()

people = spark.read.csv(str(Path(__file__).with_name("data.csv")), header=True, inferSchema=True)
people.printSchema()
people.filter("age > 18").select("name", "city").show()
