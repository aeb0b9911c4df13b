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
