"""SparkSession and SparkContext behaviour outside the recorded parity corpus."""

import pytest

from pyrust.errors import IllegalArgumentException
from pyrust.sql import SparkSession


def test_an_unknown_log_level_is_rejected_with_sparks_message():
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    with pytest.raises(IllegalArgumentException) as raised:
        spark.sparkContext.setLogLevel("LOUD")
    # The first line of str(e) PySpark 4.3 prints for the same call.
    expected = "requirement failed: Supplied level LOUD did not match one of: ALL,DEBUG,ERROR,WARN,INFO,OFF,FATAL,TRACE"
    assert str(raised.value).splitlines()[0] == expected


def test_get_or_create_returns_the_active_session():
    first = SparkSession.builder.getOrCreate()
    assert SparkSession.builder.appName("again").getOrCreate() is first
    assert SparkSession.getActiveSession() is first


def test_builder_is_a_new_builder_on_every_read():
    assert SparkSession.builder is not SparkSession.builder
    assert SparkSession.builder._options == {}


def test_builder_config_keeps_values_as_pyspark_does():
    from pyrust.conf import SparkConf

    builder = SparkSession.builder.config("a.flag", True).config("a.number", 123).config(map={"b.x": 0.5, "b.off": False})
    assert builder._options == {"a.flag": "true", "a.number": "123", "b.x": "0.5", "b.off": "false"}
    # A SparkConf keeps str(value), as PySpark's does.
    conf = SparkConf().set("c.flag", True).setAppName("app").setMaster("local[1]")
    assert SparkSession.builder.config(conf=conf)._options == {"c.flag": "True", "spark.app.name": "app", "spark.master": "local[1]"}


def test_builder_settings_reach_the_active_session():
    spark = SparkSession.builder.config("pyrust.test.key", 7).config("pyrust.test.flag", False).getOrCreate()
    assert spark.conf.get("pyrust.test.key") == "7"
    assert spark.conf.get("pyrust.test.flag") == "false"


def test_builder_setting_without_a_value_fails_as_in_spark():
    with pytest.raises(IllegalArgumentException) as raised:
        SparkSession.builder.config("pyrust.test.null").getOrCreate()
    assert str(raised.value) == "requirement failed: value cannot be null for key: pyrust.test.null"


def test_spark_conf_as_pyspark():
    from pyrust import SparkConf
    from pyrust.errors import PySparkRuntimeError

    conf = SparkConf(loadDefaults=False).setAppName("a").set("k", 1).set("n", None)
    assert conf.get("k") == "1"
    assert conf.get("n") == "None"
    assert conf.get("missing") is None
    assert conf.get("missing", "d") == "d"
    assert (conf.contains("k"), conf.contains("zz")) == (True, False)
    conf.setIfMissing("k", "2").setIfMissing("z", 3)
    assert (conf.get("k"), conf.get("z")) == ("1", "3")
    conf.setAll([("p", "1"), ("q", 2)]).setExecutorEnv("A", "1").setExecutorEnv(pairs=[("B", "2")]).setSparkHome("/x")
    assert conf.get("spark.executorEnv.B") == "2"
    assert conf.get("spark.home") == "/x"
    assert conf.getAll()[:3] == [("spark.app.name", "a"), ("k", "1"), ("n", "None")]
    # What PySpark 4.3 printed for the same settings.
    assert conf.toDebugString() == (
        "k=1\nn=None\np=1\nq=2\nspark.app.name=a\nspark.executorEnv.A=1\nspark.executorEnv.B=2\nspark.home=/x\nz=3"
    )
    with pytest.raises(PySparkRuntimeError) as raised:
        conf.setExecutorEnv("A", "1", [("B", "2")])
    assert str(raised.value) == "[KEY_VALUE_PAIR_REQUIRED] Key-value pair or a list of pairs is required."


def test_classproperty_calls_its_function_on_every_read():
    from pyrust.sql.session import classproperty

    class Counter:
        reads = 0

        @classproperty
        def next(cls):
            cls.reads += 1
            return cls.reads

    assert (Counter.next, Counter().next) == (1, 2)


def test_is_remote_is_false():
    from pyrust.sql import is_remote

    assert is_remote() is False


def test_unset_forgets_a_users_key():
    from pyrust.errors import SparkNoSuchElementException

    spark = SparkSession.builder.getOrCreate()
    spark.conf.set("my_unset_key", "v")
    spark.conf.unset("my_unset_key")
    assert spark.conf.get("my_unset_key", "d") == "d"
    with pytest.raises(SparkNoSuchElementException) as raised:
        spark.conf.get("my_unset_key")
    assert raised.value.getCondition() == "SQL_CONF_NOT_FOUND"
    # Unsetting a key never set is not an error in Spark.
    spark.conf.unset("never_set_key")
    spark.conf.set("spark.sql.shuffle.partitions", "7")
    spark.conf.unset("spark.sql.shuffle.partitions")
    assert spark.conf.get("spark.sql.shuffle.partitions") == "200"


def test_is_modifiable_as_spark_answers_it():
    from pyrust.errors import PySparkNotImplementedError

    spark = SparkSession.builder.getOrCreate()
    assert [spark.conf.isModifiable(key) for key in (
        "spark.sql.shuffle.partitions", "spark.sql.warehouse.dir", "spark.sql.catalogImplementation",
        "spark.app.name", "spark.executor.memory", "nonexistent",
    )] == [True, False, False, False, False, False]
    with pytest.raises(PySparkNotImplementedError):
        spark.conf.isModifiable("spark.sql.optimizer.maxIterations")


def test_create_dataframe_checks_rows_against_the_schema_as_pyspark():
    from pyrust.errors import PySparkTypeError, PySparkValueError

    spark = SparkSession.builder.getOrCreate()
    # The messages PySpark 4.3 printed for the same calls.
    cases = [
        ([(1.5,)], "x int", PySparkTypeError,
         "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: IntegerType() can not accept object 1.5 in type <class 'float'>."),
        ([(1,)], "x double", PySparkTypeError,
         "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: DoubleType() can not accept object 1 in type <class 'int'>."),
        ([(1234,)], "x tinyint", PySparkValueError,
         "[VALUE_OUT_OF_BOUNDS] Value for `obj` must be between -128 and 127 (inclusive), got 1234"),
        ([(1, 2)], "x int", PySparkValueError,
         "[FIELD_STRUCT_LENGTH_MISMATCH] Length of object (2) does not match with length of fields (1)."),
        ([{"x": "a"}], "x int", PySparkTypeError,
         "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field x: IntegerType() can not accept object 'a' in type <class 'str'>."),
        ([([1, "a"],)], "x array<int>", PySparkTypeError,
         "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] element in array field x: IntegerType() can not accept object 'a' in type <class 'str'>."),
        (["a"], "int", PySparkTypeError,
         "[FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME] field value: IntegerType() can not accept object 'a' in type <class 'str'>."),
    ]
    for data, schema, error, message in cases:
        with pytest.raises(error) as raised:
            spark.createDataFrame(data, schema)
        assert str(raised.value) == message
    from pyrust.sql.types import IntegerType, StructField, StructType

    not_null = StructType([StructField("x", IntegerType(), False)])
    with pytest.raises(PySparkValueError) as raised:
        spark.createDataFrame([(None,)], not_null)
    assert str(raised.value) == "[FIELD_NOT_NULLABLE_WITH_NAME] field x: This field is not nullable, but got None."
    assert spark.createDataFrame([1, 2], IntegerType()).collect() == spark.createDataFrame([1, 2], "int").collect()
    assert spark.createDataFrame([1, 2], IntegerType()).columns == ["value"]


def test_the_context_keeps_the_master_and_name_it_started_with():
    spark = SparkSession.builder.getOrCreate()
    master, name = spark.sparkContext.master, spark.sparkContext.appName
    SparkSession.builder.master("local[3]").appName("renamed").getOrCreate()
    assert (spark.sparkContext.master, spark.sparkContext.appName) == (master, name)
    # The settings themselves do change, as in Spark.
    assert spark.conf.get("spark.app.name") == "renamed"


def test_new_session_has_its_own_settings_and_temporary_views():
    from pyrust.errors import AnalysisException

    spark = SparkSession.builder.getOrCreate()
    other = spark.newSession()
    assert other is not spark
    assert SparkSession.active() is spark
    assert other.sparkContext is spark.sparkContext
    spark.range(1).createOrReplaceTempView("only_in_first")
    spark.range(2).createOrReplaceGlobalTempView("shared_by_all")
    with pytest.raises(AnalysisException) as raised:
        other.table("only_in_first")
    assert raised.value.getCondition() == "TABLE_OR_VIEW_NOT_FOUND"
    assert other.table("global_temp.shared_by_all").count() == 2
    spark.conf.set("spark.sql.shuffle.partitions", "9")
    try:
        assert other.conf.get("spark.sql.shuffle.partitions") == "200"
    finally:
        spark.conf.unset("spark.sql.shuffle.partitions")
    spark.catalog.dropGlobalTempView("shared_by_all")


def test_job_tags_are_per_thread_and_checked_as_in_spark():
    import threading

    spark = SparkSession.builder.getOrCreate()
    spark.addTag("a")
    spark.addTag("b")
    spark.removeTag("b")
    spark.removeTag("never")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(spark.getTags()))
    thread.start()
    thread.join()
    assert (spark.getTags(), seen) == ({"a"}, [set()])
    spark.clearTags()
    assert spark.getTags() == set()
    for tag, message in (("", "Spark job tag cannot be an empty string."), ("x,y", "Spark job tag cannot contain ','.")):
        with pytest.raises(IllegalArgumentException) as raised:
            spark.addTag(tag)
        assert str(raised.value) == message


def test_spark_connect_methods_fail_as_in_classic_pyspark():
    from pyrust.errors import PySparkNotImplementedError, PySparkRuntimeError

    spark = SparkSession.builder.getOrCreate()
    with pytest.raises(PySparkRuntimeError) as raised:
        spark.copyFromLocalToFs("/tmp/a", "/tmp/b")
    assert str(raised.value) == (
        "[ONLY_SUPPORTED_WITH_SPARK_CONNECT] SparkSession.copyFromLocalToFs is only supported with Spark Connect; "
        "however, the current Spark session does not use Spark Connect."
    )
    for call in (lambda: spark.client, spark.clearProgressHandlers):
        with pytest.raises(PySparkRuntimeError):
            call()
    for call in (spark.interruptAll, lambda: spark.interruptTag("a"), lambda: spark.profile,
                 lambda: SparkSession.builder.remote("sc://localhost")):
        with pytest.raises(PySparkNotImplementedError):
            call()


def test_runtime_config_checks_as_pyspark():
    from pyrust.errors import PySparkTypeError

    conf = SparkSession.builder.getOrCreate().conf
    with pytest.raises(PySparkTypeError) as raised:
        conf.get(1)
    assert str(raised.value) == "[NOT_EXPECTED_TYPE] Argument `key` should be str, got int."
    with pytest.raises(PySparkTypeError) as raised:
        conf.get("spark.sql.shuffle.partitions", 1)
    assert str(raised.value) == "[NOT_EXPECTED_TYPE] Argument `default` should be str, got int."
    with pytest.raises(IllegalArgumentException) as raised:
        conf.set("pyrust.test.none", None)
    assert str(raised.value) == "requirement failed: value cannot be null for key: pyrust.test.none"
    conf.set("pyrust.test.int", 2)
    conf.set("pyrust.test.bool", True)
    # getAll is a property, as in PySpark.
    assert conf.getAll.items() >= {("pyrust.test.int", "2"), ("pyrust.test.bool", "true")}
    assert conf.get("spark.app.name") is not None
