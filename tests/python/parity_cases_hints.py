"""Parity cases for join strategy hints and explain's arguments: a hint changes how a
join runs (pyrust builds a broadcast-hinted input as the join's collected side where
Spark may broadcast it), never its result. Rules: see parity_cases.py."""


def _people(spark):
    return spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob"), (None, None)], ["age", "name"])


def _heights(spark):
    return spark.createDataFrame([(80, "Tom"), (85, "Bob"), (90, None), (70, "Zoë")], ["height", "name"])


def case_hint_broadcast_right_inner(spark, F, T):
    return _people(spark).join(_heights(spark).hint("broadcast"), "name").orderBy("name")


def case_hint_broadcast_left_inner(spark, F, T):
    return _people(spark).hint("BROADCASTJOIN").join(_heights(spark), "name").orderBy("name")


def case_hint_broadcast_each_join_type(spark, F, T):
    # Every join type with either input hinted (where Spark cannot broadcast it, the hint is ignored).
    people, heights = _people(spark), _heights(spark)
    rows = []
    for how in ("inner", "left", "right", "full", "left_semi", "left_anti"):
        for left, right in ((people.hint("broadcast"), heights), (people, heights.hint("mapjoin"))):
            joined = left.join(right, left["name"] == right["name"], how)
            rows.append((how, joined.columns, sorted(str(row) for row in joined.collect())))
    return rows


def case_hint_broadcast_both_inputs(spark, F, T):
    people = _people(spark)
    return people.hint("broadcast").join(_heights(spark).hint("broadcast"), "name").orderBy("name")


def case_hint_broadcast_function(spark, F, T):
    return F.broadcast(_heights(spark)).join(_people(spark), "name", "right").orderBy("name", "age")


def case_hint_through_operators(spark, F, T):
    # A hint reaches the join through filters, projections and aggregations below it.
    hinted = _heights(spark).hint("broadcast").filter("height > 75").withColumn("cm", F.col("height") * 2)
    counted = _people(spark).groupBy("name").count().hint("broadcast")
    return _people(spark).join(hinted, "name", "left").join(counted, "name").orderBy("name")


def case_hint_broadcast_cross_join(spark, F, T):
    heights = _heights(spark).withColumnRenamed("name", "other")
    return _people(spark).crossJoin(heights.hint("broadcast")).orderBy("age", "height", "name", "other")


def case_hint_other_strategies(spark, F, T):
    people, heights = _people(spark), _heights(spark)
    joined = people.join(heights.hint("merge"), "name").join(heights.hint("shuffle_hash").select("height"), "height", "left_semi")
    return joined.join(people.hint("shuffle_replicate_nl").select(F.col("age").alias("a")), F.col("a") == F.col("age")).orderBy("name")


def case_hint_partitioning_hints(spark, F, T):
    return _people(spark).hint("coalesce", 2).hint("repartition", 3).hint("rebalance").orderBy("age")


def case_hint_sql(spark, F, T):
    _people(spark).createOrReplaceTempView("hint_people")
    _heights(spark).createOrReplaceTempView("hint_heights")
    return spark.sql(
        "SELECT /*+ BROADCAST(h), MERGE(p) */ p.name, p.age, h.height "
        "FROM hint_people p JOIN hint_heights h ON p.name = h.name ORDER BY p.name"
    )


def case_hint_sql_table_name(spark, F, T):
    _people(spark).createOrReplaceTempView("hint_people")
    _heights(spark).createOrReplaceTempView("hint_heights")
    return spark.sql(
        "SELECT /*+ MAPJOIN(hint_people) */ * FROM hint_people LEFT JOIN hint_heights USING (name) ORDER BY age"
    )


def case_error_explain_extended_and_mode(spark, F, T):
    _people(spark).explain(True, mode="cost")


def case_explain_unknown_mode(spark, F, T):
    # Spark's IllegalArgumentException has no error condition: its class and message are compared.
    try:
        _people(spark).explain(mode="physical")
    except Exception as error:  # noqa: BLE001 - the case compares what is raised
        return type(error).__name__, str(error).splitlines()[0]
    return None


def case_error_explain_extended_type(spark, F, T):
    _people(spark).explain(extended=1)


def case_error_explain_mode_type(spark, F, T):
    _people(spark).explain(mode=True)
