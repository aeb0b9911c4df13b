"""Tests for pyrust.sql.types, pyrust.sql.row, pyrust.sql._show and pyrust.errors.

Every expected string below was printed by real PySpark 4.3 (classic mode,
Java 17, session time zone UTC); the tests themselves never import PySpark.
"""

from __future__ import annotations

import datetime
import decimal
import pickle
import sys
import types
from pathlib import Path

import pyarrow as pa
import pytest

import pyrust
from pyrust import errors as E

try:
    from pyrust.sql import _show as S
    from pyrust.sql import types as T
    from pyrust.sql.row import Row, _create_row
except ImportError:
    # pyrust.sql's __init__ needs the native engine; these modules do not.
    # Load them from the package directory, then drop the stand-in package
    # so that a later ``import pyrust.sql`` still reports the real problem.
    for _name in [name for name in sys.modules if name == "pyrust.sql" or name.startswith("pyrust.sql.")]:
        del sys.modules[_name]
    _package = types.ModuleType("pyrust.sql")
    _package.__path__ = [str(Path(pyrust.__file__).parent / "sql")]
    sys.modules["pyrust.sql"] = _package
    try:
        from pyrust.sql import _show as S
        from pyrust.sql import types as T
        from pyrust.sql.row import Row, _create_row
    finally:
        del sys.modules["pyrust.sql"]


def parse(text: str) -> T.DataType:
    return T._parse_datatype_string(text)


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------


def test_unresolved_column_message_matches_pyspark() -> None:
    exc = E.unresolved_column_error("agee", ["name", "age", "city"])
    assert isinstance(exc, E.AnalysisException)
    assert str(exc) == (
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `agee` "
        "cannot be resolved. Did you mean one of the following? [`age`, `name`, `city`]. SQLSTATE: 42703"
    )
    assert exc.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert exc.getMessageParameters() == {"objectName": "`agee`", "proposal": "`age`, `name`, `city`"}
    assert exc.getSqlState() == "42703"
    assert exc.getMessage() == str(exc)


def test_unresolved_column_without_candidates_keeps_spark_double_space() -> None:
    exc = E.unresolved_column_error("a", [])
    assert str(exc) == (
        "[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `a` "
        "cannot be resolved.  SQLSTATE: 42703"
    )


def test_unresolved_column_unsorted_lists_every_column_like_df_getitem() -> None:
    exc = E.unresolved_column_error("zz", ["g", "f", "e", "d", "c", "b", "a"], sort=False)
    assert exc.getMessageParameters()["proposal"] == "`g`, `f`, `e`, `d`, `c`, `b`, `a`"
    ranked = E.unresolved_column_error("zz", ["g", "f", "e", "d", "c", "b", "a"])
    assert ranked.getMessageParameters()["proposal"] == "`a`, `b`, `c`, `d`, `e`"


@pytest.mark.parametrize(
    ("columns", "name", "proposal"),
    [
        (["name", "age", "city"], "foo", "`age`, `city`, `name`"),
        (["name", "age", "city"], "agee", "`age`, `name`, `city`"),
        (["zz", "bb", "aa", "cc"], "xx", "`aa`, `bb`, `cc`, `zz`"),
        (["c1", "c2", "c3", "c4", "c5", "c6", "c7"], "c", "`c1`, `c2`, `c3`, `c4`, `c5`"),
        (["b", "a", "B", "A"], "x", "`A`, `B`, `a`, `b`"),
        (["Name", "name", "NAME"], "nam", "`name`, `Name`, `NAME`"),
        (["ab", "ba", "abc", "a"], "b", "`a`, `ab`, `ba`, `abc`"),
        (["x.y", "xy", "x_y"], "xy_", "`xy`, `x.y`, `x_y`"),
        (["longcolumn", "lc", "l"], "lx", "`l`, `lc`, `longcolumn`"),
        (["ab", "ba", "abc", "a"], "t.b", "`a`, `ab`, `abc`, `ba`"),
        (["col 1", "col_1", "col1"], "col", "`col1`, `col 1`, `col_1`"),
        (["a`b", "c"], "ab", "`c`, `a``b`"),
        (["name", "age", "city"], "`agee`", "`age`, `name`, `city`"),
    ],
)
def test_suggestions_are_ordered_like_spark(columns: list[str], name: str, proposal: str) -> None:
    exc = E.unresolved_column_error(name, columns)
    assert exc.getMessageParameters()["proposal"] == proposal


def test_suggestions_with_qualified_candidates() -> None:
    joined = [("a", "age"), ("a", "city"), ("a", "name"), ("b", "name"), ("b", "zip")]
    assert E.suggest_names("foo", joined) == ["`a`.`age`", "`b`.`zip`", "`a`.`city`", "`a`.`name`", "`b`.`name`"]
    assert E.suggest_names("a.foo", joined) == ["`a`.`age`", "`a`.`city`", "`a`.`name`", "`b`.`zip`", "`b`.`name`"]
    aliased = [("t", "age"), ("t", "city"), ("t", "name")]
    # A qualifier shared by every candidate is dropped for a one-part name.
    assert E.suggest_names("foo", aliased) == ["`age`", "`city`", "`name`"]
    assert E.suggest_names("x.foo", aliased) == ["`t`.`age`", "`t`.`city`", "`t`.`name`"]
    assert E.unresolved_column_error("t.foo", aliased).getMessageParameters()["objectName"] == "`t`.`foo`"
    assert E.suggest_names("agee", ["name", "age", "city"], limit=2) == ["age", "name"]


def test_python_side_errors_have_no_sqlstate_suffix() -> None:
    exc = E.PySparkTypeError(
        errorClass="NOT_EXPECTED_TYPE",
        messageParameters={"expected_type": "Column or str", "arg_name": "col", "arg_type": "float"},
    )
    assert str(exc) == "[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got float."
    assert exc.getSqlState() == "42K09"
    assert isinstance(exc, TypeError)


def test_legacy_condition_names_become_not_expected_type() -> None:
    exc = E.PySparkTypeError(errorClass="NOT_COLUMN_OR_STR", messageParameters={"arg_name": "col", "arg_type": "float"})
    assert exc.getCondition() == "NOT_EXPECTED_TYPE"
    assert str(exc) == "[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got float."
    other = E.PySparkTypeError(errorClass="NOT_STR_OR_STRUCT", messageParameters={"arg_name": "schema", "arg_type": "int"})
    assert str(other) == "[NOT_EXPECTED_TYPE] Argument `schema` should be str or struct type, got int."


def test_free_form_messages_behave_like_pyspark() -> None:
    exc = E.AnalysisException("boom")
    assert str(exc) == "boom"
    assert exc.getCondition() is None
    assert exc.getMessageParameters() is None
    assert exc.getSqlState() is None
    assert exc.getMessage() == "[None] boom"
    assert repr(exc) == "AnalysisException('boom')"
    custom = E.PySparkValueError("custom", errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    assert str(custom) == "[CANNOT_DETERMINE_TYPE] custom"


def test_engine_error_templates() -> None:
    cases = [
        (
            "DIVIDE_BY_ZERO",
            {"config": '"spark.sql.ansi.enabled"'},
            "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. "
            'If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error. SQLSTATE: 22012',
        ),
        (
            "MISSING_AGGREGATION",
            {"expression": '"age"', "expressionAnyValue": '"any_value(age)"'},
            '[MISSING_AGGREGATION] The non-aggregating expression "age" is based on columns which are not '
            "participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate "
            'the expression, or use "any_value(age)" if you do not care which of the values within a group is '
            "returned. SQLSTATE: 42803",
        ),
        (
            "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
            {"left": '"STRING"', "right": '"ARRAY<INT>"', "sqlExpr": '"(name + array(1))"'},
            '[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "(name + array(1))" due to data type mismatch: '
            'the left and right operands of the binary operator have incompatible types ("STRING" and "ARRAY<INT>"). '
            "SQLSTATE: 42K09",
        ),
        (
            "NUM_COLUMNS_MISMATCH",
            {"operator": "UNION", "firstNumColumns": "3", "invalidOrdinalNum": "second", "invalidNumColumns": "1"},
            "[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the "
            "first input has 3 columns and the second input has 1 columns. SQLSTATE: 42826",
        ),
        (
            "AMBIGUOUS_REFERENCE",
            {"name": "`age`", "referenceNames": "[`age`, `age`]"},
            "[AMBIGUOUS_REFERENCE] Reference `age` is ambiguous, could be: [`age`, `age`]. SQLSTATE: 42704",
        ),
        (
            "PATH_NOT_FOUND",
            {"path": "file:/nonexistent/x"},
            "[PATH_NOT_FOUND] Path does not exist: file:/nonexistent/x. SQLSTATE: 42K03",
        ),
    ]
    for condition, parameters, expected in cases:
        exc = E.AnalysisException(errorClass=condition, messageParameters=parameters)
        assert str(exc) == expected
        assert E.has_condition(condition)


def test_unknown_condition_still_renders() -> None:
    assert not E.has_condition("NO_SUCH_CONDITION")
    exc = E.AnalysisException(errorClass="NO_SUCH_CONDITION", messageParameters={"a": "b"})
    assert str(exc) == "[NO_SUCH_CONDITION] a=b"


def test_exception_hierarchy() -> None:
    assert issubclass(E.ParseException, E.AnalysisException)
    assert issubclass(E.NumberFormatException, E.IllegalArgumentException)
    assert issubclass(E.PySparkValueError, ValueError)
    assert issubclass(E.PySparkIndexError, IndexError)
    assert issubclass(E.PySparkKeyError, KeyError)
    assert issubclass(E.PySparkAttributeError, AttributeError)
    assert issubclass(E.PySparkNotImplementedError, NotImplementedError)
    for name in ("ArithmeticException", "SparkRuntimeException", "PythonException", "UnsupportedOperationException"):
        assert issubclass(getattr(E, name), E.PySparkException)


def test_exceptions_pickle_with_their_condition() -> None:
    exc = E.unresolved_column_error("agee", ["age"])
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is E.AnalysisException
    assert str(copy) == str(exc)
    assert copy.getMessageParameters() == exc.getMessageParameters()


def test_get_error_class_is_deprecated() -> None:
    exc = E.AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={"path": "x"})
    with pytest.warns(FutureWarning):
        assert exc.getErrorClass() == "PATH_NOT_FOUND"


def test_parse_attribute_name() -> None:
    assert E.parse_attribute_name("a.`b.c`.d") == ["a", "b.c", "d"]
    assert E.parse_attribute_name("`a``b`") == ["a`b"]
    with pytest.raises(E.AnalysisException) as info:
        E.parse_attribute_name("`ag`ee`")
    assert info.value.getCondition() == "INVALID_ATTRIBUTE_NAME_SYNTAX"


# ---------------------------------------------------------------------------
# types: the classes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data_type", "text", "simple", "type_name", "json_text"),
    [
        (T.NullType(), "NullType()", "void", "void", '"void"'),
        (T.StringType(), "StringType()", "string", "string", '"string"'),
        (T.BinaryType(), "BinaryType()", "binary", "binary", '"binary"'),
        (T.BooleanType(), "BooleanType()", "boolean", "boolean", '"boolean"'),
        (T.DateType(), "DateType()", "date", "date", '"date"'),
        (T.TimestampType(), "TimestampType()", "timestamp", "timestamp", '"timestamp"'),
        (T.TimestampNTZType(), "TimestampNTZType()", "timestamp_ntz", "timestamp_ntz", '"timestamp_ntz"'),
        (T.DecimalType(), "DecimalType(10,0)", "decimal(10,0)", "decimal", '"decimal(10,0)"'),
        (T.DecimalType(5, 2), "DecimalType(5,2)", "decimal(5,2)", "decimal", '"decimal(5,2)"'),
        (T.DoubleType(), "DoubleType()", "double", "double", '"double"'),
        (T.FloatType(), "FloatType()", "float", "float", '"float"'),
        (T.ByteType(), "ByteType()", "tinyint", "byte", '"byte"'),
        (T.ShortType(), "ShortType()", "smallint", "short", '"short"'),
        (T.IntegerType(), "IntegerType()", "int", "integer", '"integer"'),
        (T.LongType(), "LongType()", "bigint", "long", '"long"'),
        (
            T.ArrayType(T.IntegerType()),
            "ArrayType(IntegerType(), True)",
            "array<int>",
            "array",
            '{"containsNull":true,"elementType":"integer","type":"array"}',
        ),
        (
            T.MapType(T.StringType(), T.LongType(), False),
            "MapType(StringType(), LongType(), False)",
            "map<string,bigint>",
            "map",
            '{"keyType":"string","type":"map","valueContainsNull":false,"valueType":"long"}',
        ),
        (
            T.StructType([T.StructField("a", T.LongType()), T.StructField("b", T.StringType(), False, {"x": 1})]),
            "StructType([StructField('a', LongType(), True), StructField('b', StringType(), False)])",
            "struct<a:bigint,b:string>",
            "struct",
            '{"fields":[{"metadata":{},"name":"a","nullable":true,"type":"long"},'
            '{"metadata":{"x":1},"name":"b","nullable":false,"type":"string"}],"type":"struct"}',
        ),
        (T.StructType(), "StructType([])", "struct<>", "struct", '{"fields":[],"type":"struct"}'),
    ],
)
def test_type_names_and_forms(data_type: T.DataType, text: str, simple: str, type_name: str, json_text: str) -> None:
    assert repr(data_type) == text
    assert str(data_type) == text
    assert data_type.simpleString() == simple
    assert data_type.typeName() == type_name
    assert data_type.json() == json_text
    assert T._parse_datatype_json_string(json_text) == data_type


def test_type_equality_and_hashing() -> None:
    assert T.IntegerType() is T.IntegerType()
    assert T.DecimalType(5, 2) == T.DecimalType(5, 2)
    assert T.DecimalType(5, 2) != T.DecimalType(5, 3)
    assert T.IntegerType() != T.LongType()
    assert T.ArrayType(T.IntegerType()) != T.ArrayType(T.IntegerType(), False)
    assert T.StructField("a", T.LongType(), metadata={"k": 1}) != T.StructField("a", T.LongType())
    assert {T.ArrayType(T.StringType()): 1}[T.ArrayType(T.StringType())] == 1
    assert pickle.loads(pickle.dumps(T.IntegerType())) is T.IntegerType()


def test_struct_type_access() -> None:
    schema = (
        T.StructType()
        .add("a", "integer")
        .add("b", T.LongType(), False)
        .add(T.StructField("c", T.StringType()))
        .add("d", "array<int>", True, {"m": 1})
    )
    assert repr(schema) == (
        "StructType([StructField('a', IntegerType(), True), StructField('b', LongType(), False), "
        "StructField('c', StringType(), True), StructField('d', ArrayType(IntegerType(), True), True)])"
    )
    assert schema.names == schema.fieldNames() == ["a", "b", "c", "d"]
    assert len(schema) == 4
    assert schema[0] == T.StructField("a", T.IntegerType())
    assert schema["b"].nullable is False
    assert schema[-1].metadata == {"m": 1}
    assert schema[1:3] == T.StructType([T.StructField("b", T.LongType(), False), T.StructField("c", T.StringType())])
    assert [field.name for field in schema] == ["a", "b", "c", "d"]
    assert schema.simpleString() == "struct<a:int,b:bigint,c:string,d:array<int>>"
    assert T.StructType.fromJson(schema.jsonValue()) == schema
    assert T.StructType([T.StructField("a b", T.IntegerType())]).simpleString() == "struct<a b:int>"


def test_struct_type_errors() -> None:
    schema = T.StructType([T.StructField("a", T.IntegerType())])
    with pytest.raises(E.PySparkIndexError) as index_error:
        schema[5]
    assert str(index_error.value) == "[INDEX_OUT_OF_RANGE] StructType index out of range, got '5'."
    with pytest.raises(E.PySparkKeyError) as key_error:
        schema["zz"]
    assert str(key_error.value) == "[KEY_NOT_EXISTS] Key `zz` does not exist."
    with pytest.raises(E.PySparkTypeError) as type_error:
        schema[1.5]
    assert str(type_error.value) == "[NOT_EXPECTED_TYPE] Argument `key` should be int, slice or str, got float."
    with pytest.raises(E.PySparkValueError) as value_error:
        schema.add("b")
    assert str(value_error.value) == (
        "[ARGUMENT_REQUIRED] Argument `data_type` is required when passing name of struct_field to create."
    )
    with pytest.raises(E.PySparkTypeError):
        T.ArrayType("int")  # type: ignore[arg-type]


def test_to_ddl() -> None:
    schema = T.StructType(
        [
            T.StructField("a b", T.ArrayType(T.StringType())),
            T.StructField("m", T.MapType(T.StringType(), T.DecimalType(5, 2)), False),
            T.StructField("s", T.StructType([T.StructField("x", T.IntegerType(), False)])),
        ]
    )
    assert schema.toDDL() == "`a b` ARRAY<STRING>,m MAP<STRING, DECIMAL(5,2)> NOT NULL,s STRUCT<x: INT NOT NULL>"
    assert parse(schema.toDDL()) == schema


# ---------------------------------------------------------------------------
# types: DDL strings
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("int", "IntegerType()"),
        ("  int  ", "IntegerType()"),
        ("INT", "IntegerType()"),
        ("integer", "IntegerType()"),
        ("bigint", "LongType()"),
        ("long", "LongType()"),
        ("smallint", "ShortType()"),
        ("short", "ShortType()"),
        ("tinyint", "ByteType()"),
        ("byte", "ByteType()"),
        ("real", "FloatType()"),
        ("float", "FloatType()"),
        ("double", "DoubleType()"),
        ("boolean", "BooleanType()"),
        ("string", "StringType()"),
        ("date", "DateType()"),
        ("timestamp", "TimestampType()"),
        ("timestamp_ltz", "TimestampType()"),
        ("timestamp_ntz", "TimestampNTZType()"),
        ("binary", "BinaryType()"),
        ("void", "NullType()"),
        ("decimal", "DecimalType(10,0)"),
        ("decimal(10,2)", "DecimalType(10,2)"),
        ("DECIMAL(10, 2)", "DecimalType(10,2)"),
        ("dec(5)", "DecimalType(5,0)"),
        ("numeric(7, 3)", "DecimalType(7,3)"),
        ("array<int>", "ArrayType(IntegerType(), True)"),
        ("Array<Int>", "ArrayType(IntegerType(), True)"),
        ("array<array<string>>", "ArrayType(ArrayType(StringType(), True), True)"),
        ("map<string,int>", "MapType(StringType(), IntegerType(), True)"),
        ("map<string , int >", "MapType(StringType(), IntegerType(), True)"),
        ("struct<>", "StructType([])"),
        ("", "StructType([])"),
        ("struct<a:int,b:string>", "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
        ("struct<a int, b string>", "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
        ("name STRING, age INT", "StructType([StructField('name', StringType(), True), StructField('age', IntegerType(), True)])"),
        ("a: int, b: string", "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
        ("a:int,b:string", "StructType([StructField('a', IntegerType(), True), StructField('b', StringType(), True)])"),
        ("a int not null, b string", "StructType([StructField('a', IntegerType(), False), StructField('b', StringType(), True)])"),
        ("a: int not null", "StructType([StructField('a', IntegerType(), False)])"),
        ("`a b` int", "StructType([StructField('a b', IntegerType(), True)])"),
        ("`a``b` int", "StructType([StructField('a`b', IntegerType(), True)])"),
        ("select int", "StructType([StructField('select', IntegerType(), True)])"),
        ("1a int", "StructType([StructField('1a', IntegerType(), True)])"),
        ("a int /* c */, b int -- end", "StructType([StructField('a', IntegerType(), True), StructField('b', IntegerType(), True)])"),
        ("a varchar(5), b char(2)", "StructType([StructField('a', VarcharType(5), True), StructField('b', CharType(2), True)])"),
        ("map<varchar(2), character(1)>", "MapType(VarcharType(2), CharType(1), True)"),
        ("a char(0)", "StructType([StructField('a', CharType(0), True)])"),
        ("a geometry(4326), b GEOGRAPHY(any)",
         "StructType([StructField('a', GeometryType(4326), True), StructField('b', GeographyType(ANY), True)])"),
        ("geometry(0)", "GeometryType(0)"),
        ("geometry(3857)", "GeometryType(3857)"),
        (
            "a int, b double, c struct<d:array<map<string,int>>>",
            "StructType([StructField('a', IntegerType(), True), StructField('b', DoubleType(), True), "
            "StructField('c', StructType([StructField('d', ArrayType(MapType(StringType(), IntegerType(), True), True), "
            "True)]), True)])",
        ),
    ],
)
def test_parse_ddl(text: str, expected: str) -> None:
    assert repr(parse(text)) == expected


def test_parse_ddl_comment_goes_to_metadata() -> None:
    assert parse("a int comment 'x'")[0].metadata == {"comment": "x"}
    assert parse("a int comment 'it''s'")[0].metadata == {"comment": "it's"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "bool",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 4)\n\n"
            "== SQL ==\nbool\n----^^^\n",
        ),
        (
            "a b c",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'c': extra input 'c'. SQLSTATE: 42601 (line 1, pos 4)\n\n"
            "== SQL ==\na b c\n----^^^\n",
        ),
        (
            "a int b",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'b'. SQLSTATE: 42601 (line 1, pos 6)\n\n"
            "== SQL ==\na int b\n------^^^\n",
        ),
        (
            "map<int>",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 3)\n\n"
            "== SQL ==\nmap<int>\n---^^^\n",
        ),
        (
            "a array<int",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 7)\n\n"
            "== SQL ==\na array<int\n-------^^^\n",
        ),
        (
            "a: foo",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 1)\n\n"
            "== SQL ==\na: foo\n-^^^\n",
        ),
        (
            "a int not",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing 'NULL'. SQLSTATE: 42601 "
            "(line 1, pos 9)\n\n== SQL ==\na int not\n---------^^^\n",
        ),
        (
            "a int\n, b strin g",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'g': extra input 'g'. SQLSTATE: 42601 (line 2, pos 10)\n\n"
            "== SQL ==\na int\n, b strin g\n----------^^^\n",
        ),
        (
            "a int,\n",
            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 2, pos 0)\n\n"
            "== SQL ==\na int,\n^^^\n",
        ),
        (
            "a foo",
            '\n[UNSUPPORTED_DATATYPE] Unsupported data type "FOO". SQLSTATE: 0A000 (line 1, pos 2)\n\n'
            "== SQL ==\na foo\n--^^^\n",
        ),
        (
            "a int(5)",
            '\n[UNSUPPORTED_DATATYPE] Unsupported data type "INT(5)". SQLSTATE: 0A000 (line 1, pos 2)\n\n'
            "== SQL ==\na int(5)\n--^^^\n",
        ),
        (
            "a string, b varchar",
            '\n[DATATYPE_MISSING_SIZE] DataType "VARCHAR" requires a length parameter, for example "VARCHAR"(10). '
            "Please specify the length. SQLSTATE: 42K01 (line 1, pos 12)\n\n== SQL ==\na string, b varchar\n"
            "------------^^^\n",
        ),
        (
            "a decimal(5,6)",
            "\n[DECIMAL_SCALE_EXCEEDS_PRECISION] Decimal scale (6) cannot be greater than precision (5). "
            "SQLSTATE: 22003\n== SQL ==\na decimal(5,6)",
        ),
        (
            "a-b int",
            "\n[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: `a-b`.\n"
            "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and "
            "underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and "
            "meta stores may impose additional restrictions on valid identifiers. SQLSTATE: 42602 (line 1, pos 1)\n\n"
            "== SQL ==\na-b int\n-^^^\n",
        ),
    ],
)
def test_parse_ddl_errors_match_spark(text: str, message: str) -> None:
    with pytest.raises(E.ParseException) as info:
        parse(text)
    assert str(info.value) == message


def test_parse_ddl_precision_overflow_is_arithmetic() -> None:
    with pytest.raises(E.ArithmeticException) as info:
        parse("a decimal(39,0)")
    assert str(info.value) == (
        "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38. SQLSTATE: 22003"
    )


@pytest.mark.parametrize(
    ("text", "position", "near"),
    [
        # A spatial type needs its SRID; one Spark does not know is an error at the '('.
        ("geometry", 8, "end of input"),
        ("geography", 9, "end of input"),
        ("geometry(1)", 8, "'('"),
        ("geography(0)", 9, "'('"),
        ("varchar(3, 4)", 7, "'('"),
    ],
)
def test_parse_ddl_spatial_and_char_syntax_errors(text: str, position: int, near: str) -> None:
    with pytest.raises(E.ParseException) as info:
        parse(text)
    assert info.value.getCondition() == "PARSE_SYNTAX_ERROR"
    assert str(info.value).startswith(
        f"\n[PARSE_SYNTAX_ERROR] Syntax error at or near {near}. SQLSTATE: 42601 (line 1, pos {position})"
    )


def test_char_and_varchar_are_strings_in_dataframes() -> None:
    parsed = parse("a char(3), b array<varchar(2)>, c map<char(1), struct<d: varchar(4)>>")
    assert T._replace_char_varchar(parsed) == T.StructType(
        [
            T.StructField("a", T.StringType()),
            T.StructField("b", T.ArrayType(T.StringType())),
            T.StructField("c", T.MapType(T.StringType(), T.StructType([T.StructField("d", T.StringType())]))),
        ]
    )
    assert T._parse_ddl("varchar(3)") == T.StringType()
    assert T.DataType.fromDDL("c char(3)") == T.StructType([T.StructField("c", T.CharType(3))])



def test_parse_ddl_interval_types() -> None:
    schema = parse("a interval day, b interval hour to second, c interval year to month, d interval")
    assert [field.dataType for field in schema.fields] == [
        T.DayTimeIntervalType(0, 0), T.DayTimeIntervalType(1, 3), T.YearMonthIntervalType(0, 1), T.CalendarIntervalType()
    ]
    assert [field.dataType.simpleString() for field in schema.fields] == [
        "interval day", "interval hour to second", "interval year to month", "interval"
    ]
    assert T._parse_datatype_json_string('"interval minute to second"') == T.DayTimeIntervalType(2, 3)
    with pytest.raises(E.PySparkNotImplementedError):
        parse("a interval second to day")


# ---------------------------------------------------------------------------
# types: Arrow
# ---------------------------------------------------------------------------


def test_to_arrow_schema_matches_pyspark() -> None:
    schema = parse(
        "a bigint, b string not null, m map<string, array<int>>, s struct<x: decimal(5,2) not null, y: binary>, "
        "n void, d date, t timestamp_ntz, z timestamp, f float, by tinyint, sh smallint, bo boolean, db double, i int"
    )
    arrow = T.to_arrow_schema(schema)
    assert arrow.field("b").nullable is False
    assert arrow.field("t").type == pa.timestamp("us")
    assert arrow.field("z").type == pa.timestamp("us", tz="UTC")
    assert arrow.field("s").type == pa.struct(
        [pa.field("x", pa.decimal128(5, 2), nullable=False), pa.field("y", pa.binary())]
    )
    assert str(arrow.field("m").type) == "map<string, list<element: int32>>"
    assert T.from_arrow_schema(arrow) == schema
    element = T.to_arrow_type(T.ArrayType(T.IntegerType(), False))
    assert element.value_field.name == "element" and element.value_field.nullable is False
    assert T.to_arrow_type(T.MapType(T.StringType(), T.LongType(), False)).item_field.nullable is False


@pytest.mark.parametrize(
    ("arrow_type", "expected"),
    [
        (pa.int8(), T.ByteType()),
        (pa.int16(), T.ShortType()),
        (pa.int32(), T.IntegerType()),
        (pa.int64(), T.LongType()),
        (pa.float32(), T.FloatType()),
        (pa.float64(), T.DoubleType()),
        (pa.string(), T.StringType()),
        (pa.large_string(), T.StringType()),
        (pa.string_view(), T.StringType()),
        (pa.binary(), T.BinaryType()),
        (pa.large_binary(), T.BinaryType()),
        (pa.binary_view(), T.BinaryType()),
        (pa.binary(4), T.BinaryType()),
        (pa.bool_(), T.BooleanType()),
        (pa.date32(), T.DateType()),
        (pa.timestamp("ms", tz="America/New_York"), T.TimestampType()),
        (pa.timestamp("ns"), T.TimestampNTZType()),
        (pa.decimal128(5, 2), T.DecimalType(5, 2)),
        (pa.list_(pa.int32()), T.ArrayType(T.IntegerType())),
        (pa.list_(pa.field("x", pa.int32(), nullable=False)), T.ArrayType(T.IntegerType(), False)),
        (pa.large_list(pa.string()), T.ArrayType(T.StringType())),
        (pa.list_view(pa.int64()), T.ArrayType(T.LongType())),
        (pa.map_(pa.string(), pa.int64()), T.MapType(T.StringType(), T.LongType())),
        (pa.struct([pa.field("a", pa.int64(), nullable=False)]), T.StructType([T.StructField("a", T.LongType(), False)])),
        (pa.null(), T.NullType()),
        (pa.dictionary(pa.int32(), pa.string()), T.StringType()),
    ],
)
def test_from_arrow_type(arrow_type: pa.DataType, expected: T.DataType) -> None:
    assert T.from_arrow_type(arrow_type) == expected


def test_from_arrow_type_unsupported() -> None:
    with pytest.raises(E.PySparkTypeError) as info:
        T.from_arrow_type(pa.uint8())
    assert str(info.value) == "[UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION] uint8 is not supported in conversion to Arrow."


# ---------------------------------------------------------------------------
# types: inference
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "names", "expected"),
    [
        (
            [(1, 1.5, "a", True, datetime.date(2020, 1, 1), datetime.datetime(2020, 1, 1), decimal.Decimal("1.5"), b"x")],
            None,
            "struct<_1:bigint,_2:double,_3:string,_4:boolean,_5:date,_6:timestamp,_7:decimal(38,18),_8:binary>",
        ),
        ([([1, 2], {"a": 1}, [[1]], {"a": [1.0]})], None, "struct<_1:array<bigint>,_2:map<string,bigint>,_3:array<array<bigint>>,_4:map<string,array<double>>>"),
        ([(None, 1), (1, None)], None, "struct<_1:bigint,_2:bigint>"),
        ([(1,), ("a",)], None, "struct<_1:string>"),
        ([{"b": 1, "a": "x"}, {"a": "y", "c": 2.0}], None, "struct<a:string,b:bigint,c:double>"),
        ([{"b": 1, "a": "x"}], ["z"], "struct<a:string,b:bigint>"),
        ([Row(b=1, a="x"), Row(a="y", b=2)], None, "struct<b:bigint,a:string>"),
        ([(1, "a")], ["x", "y"], "struct<x:bigint,y:string>"),
        ([(1, "a", 2.0)], ["x"], "struct<x:bigint,_2:string,_3:double>"),
        ([(1,)], ["x", "y"], "struct<x:bigint>"),
        ([(1,), (1, 2)], None, "struct<_1:bigint,_2:bigint>"),
        ([([],), ([1],)], None, "struct<_1:array<bigint>>"),
        ([([None, 1],)], None, "struct<_1:array<bigint>>"),
        ([([1, "a"],)], None, "struct<_1:array<string>>"),
        ([({"a": 1, "b": "x"},)], None, "struct<_1:map<string,string>>"),
        ([(Row(x=1, y=None),), (Row(x=None, y="a"),)], None, "struct<_1:struct<x:bigint,y:string>>"),
        ([(Row(a=1),), (Row(b="x"),)], None, "struct<_1:struct<a:bigint,b:string>>"),
        ([((1, "a"),)], None, "struct<_1:struct<_1:bigint,_2:string>>"),
        ([(2**64,)], None, "struct<_1:bigint>"),
        ([(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),)], None, "struct<_1:timestamp>"),
        ([Row(1, "x")], None, "struct<_1:bigint,_2:string>"),
    ],
)
def test_infer_schema(rows: list, names: list[str] | None, expected: str) -> None:
    schema = T._infer_schema(rows, names)
    assert schema.simpleString() == expected
    assert all(field.nullable for field in schema.fields)


@pytest.mark.parametrize(
    ("rows", "error", "message"),
    [
        ([(None, 1), (None, 2)], E.PySparkValueError, "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."),
        ([([],)], E.PySparkValueError, "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."),
        ([({"a": None},)], E.PySparkValueError, "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."),
        ([], E.PySparkValueError, "[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset."),
        ([(1,), (1.5,)], E.PySparkTypeError, "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`."),
        ([(True,), (1,)], E.PySparkTypeError, "[CANNOT_MERGE_TYPE] Can not merge type `BooleanType` and `LongType`."),
        ([([1],), ("a",)], E.PySparkTypeError, "[CANNOT_MERGE_TYPE] Can not merge type `ArrayType` and `StringType`."),
        ([([1, 1.5],)], E.PySparkTypeError, "[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `_1`."),
        ([(object(),)], E.PySparkTypeError, "[CANNOT_INFER_TYPE_FOR_FIELD] Unable to infer the type of the field `_1`."),
        ([1, 2], E.PySparkTypeError, "[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `int`."),
        ([None], E.PySparkTypeError, "[CANNOT_INFER_SCHEMA_FOR_TYPE] Can not infer schema for type: `NoneType`."),
    ],
)
def test_infer_schema_errors(rows: list, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        T._infer_schema(rows)
    assert str(info.value) == message


def test_infer_type() -> None:
    assert T._infer_type(None) == T.NullType()
    assert T._infer_type([]) == T.ArrayType(T.NullType())
    assert T._infer_type({}) == T.MapType(T.NullType(), T.NullType())
    assert T._infer_type(bytearray(b"x")) == T.BinaryType()
    assert T._infer_type({"a": 1, 2: "b"}) == T.MapType(T.StringType(), T.StringType())
    with pytest.raises(E.PySparkTypeError) as info:
        T._infer_type({1, 2})
    assert str(info.value) == "[UNSUPPORTED_DATA_TYPE] Unsupported DataType `set`."


# ---------------------------------------------------------------------------
# Row
# ---------------------------------------------------------------------------


def test_row_basics() -> None:
    row = Row(name="Alice", age=1)
    assert repr(row) == "Row(name='Alice', age=1)"
    assert row.__fields__ == ["name", "age"]
    assert (row.name, row[1], row["age"], row[0:1], row[-1]) == ("Alice", 1, 1, ("Alice",), 1)
    assert row == ("Alice", 1) and hash(row) == hash(("Alice", 1))
    assert row != Row(age=1, name="Alice")
    assert ("name" in row, "Alice" in row) == (True, False)
    assert row.asDict() == {"name": "Alice", "age": 1}
    assert repr(Row(b=1, a=2)) == "Row(b=1, a=2)"
    assert repr(Row(a="x'y", b=None, c=[1, "a"], d=b"x")) == "Row(a=\"x'y\", b=None, c=[1, 'a'], d=b'x')"


def test_row_errors() -> None:
    row = Row(name="Alice", age=1)
    with pytest.raises(E.PySparkAttributeError) as attribute:
        row.foo
    assert str(attribute.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `foo` is not supported."
    with pytest.raises(E.PySparkValueError) as key:
        row["foo"]
    assert str(key.value) == "foo"
    with pytest.raises(IndexError):
        row[5]
    with pytest.raises(E.PySparkRuntimeError) as read_only:
        row.name = "B"  # type: ignore[misc]
    assert str(read_only.value) == "[READ_ONLY] Row is read-only."
    with pytest.raises(E.PySparkValueError) as both:
        Row("a", x=1)
    assert str(both.value) == "[CANNOT_SET_TOGETHER] args and kwargs should not be set together."


def test_row_class_factory() -> None:
    Person = Row("name", "age")
    assert repr(Person) == "<Row('name', 'age')>"
    assert repr(Person("Bob", 2)) == "Row(name='Bob', age=2)"
    assert Person("Bob", 2).age == 2
    assert repr(Person("a")) == "Row(name='a')"
    assert "name" in Person
    with pytest.raises(E.PySparkValueError) as too_many:
        Person("a", 1, 2)
    assert str(too_many.value) == "[TOO_MANY_VALUES] Expected 2 values for `fields`, got 3."
    with pytest.raises(E.PySparkAttributeError) as no_names:
        Row("Alice", 1).name
    assert str(no_names.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `__fields__` is not supported."
    with pytest.raises(E.PySparkTypeError) as no_dict:
        Row(1, 2).asDict()
    assert str(no_dict.value) == "[CANNOT_CONVERT_TYPE] Cannot convert Row into dict."


def test_row_as_dict_recursive() -> None:
    row = Row(a=Row(b=1, c=[Row(d=2)]), m={"k": Row(e=3)}, t=(Row(f=4),))
    assert row.asDict(True) == {"a": {"b": 1, "c": [{"d": 2}]}, "m": {"k": {"e": 3}}, "t": (Row(f=4),)}
    assert row.asDict()["a"] == Row(b=1, c=[Row(d=2)])


def test_row_duplicate_names_and_pickle() -> None:
    row = _create_row(["a", "a"], [1, 2])
    assert repr(row) == "Row(a=1, a=2)"
    assert (row["a"], row.a, row.asDict()) == (1, 1, {"a": 2})
    copy = pickle.loads(pickle.dumps(Row(name="Alice", age=1)))
    assert copy.__fields__ == ["name", "age"] and copy.name == "Alice"
    factory = pickle.loads(pickle.dumps(Row("name", "age")))
    assert repr(factory("x", 1)) == "Row(name='x', age=1)"


# ---------------------------------------------------------------------------
# show() and printSchema()
# ---------------------------------------------------------------------------

SHOW_CASES = [
    pytest.param(
        [('Alice', 1, None, 1.5, True), ('Bob', 22, 'x', None, False)],
        'name string, age int, city string, score double, ok boolean', 20, True, False, False,
        '+-----+---+----+-----+-----+\n| name|age|city|score|   ok|\n+-----+---+----+-----+-----+\n|Alice|  1|NULL|  1.5| true|\n|  Bob| 22|   x| NULL|false|\n+-----+---+----+-----+-----+\n',
        id='basic',
    ),
    pytest.param(
        [('Alice', 1, None, 1.5, True), ('Bob', 22, 'x', None, False)],
        'name string, age int, city string, score double, ok boolean', 20, False, False, False,
        '+-----+---+----+-----+-----+\n|name |age|city|score|ok   |\n+-----+---+----+-----+-----+\n|Alice|1  |NULL|1.5  |true |\n|Bob  |22 |x   |NULL |false|\n+-----+---+----+-----+-----+\n',
        id='basic_left',
    ),
    pytest.param(
        [('Alice', 1, None, 1.5, True), ('Bob', 22, 'x', None, False)],
        'name string, age int, city string, score double, ok boolean', 20, True, True, False,
        '-RECORD 0------\n name  | Alice \n age   | 1     \n city  | NULL  \n score | 1.5   \n ok    | true  \n-RECORD 1------\n name  | Bob   \n age   | 22    \n city  | x     \n score | NULL  \n ok    | false \n',
        id='basic_vertical',
    ),
    pytest.param(
        [('aaaaaaaaaaaaaaaaaaa',), ('bbbbbbbbbbbbbbbbbbbb',), ('ccccccccccccccccccccc',)],
        's string', 20, True, False, False,
        '+--------------------+\n|                   s|\n+--------------------+\n| aaaaaaaaaaaaaaaaaaa|\n|bbbbbbbbbbbbbbbbbbbb|\n|ccccccccccccccccc...|\n+--------------------+\n',
        id='truncate',
    ),
    pytest.param(
        [('abcdef',), ('中文字符中文',), ('ab',)],
        's string', 20, 5, False, False,
        '+-------+\n|      s|\n+-------+\n|  ab...|\n|中文...|\n|     ab|\n+-------+\n',
        id='truncate5',
    ),
    pytest.param(
        [('abcdef',), ('中文字符',), (None,)],
        's string', 20, 2, False, False,
        '+----+\n|   s|\n+----+\n|  ab|\n|中文|\n|  NU|\n+----+\n',
        id='truncate2',
    ),
    pytest.param(
        [('中文字符',), ('ｱｲｳ',), ('한국어',), ('😀x',)],
        's string', 20, True, False, False,
        '+--------+\n|       s|\n+--------+\n|中文字符|\n|     ｱｲｳ|\n|  한국어|\n|     😀x|\n+--------+\n',
        id='wide',
    ),
    pytest.param(
        [('a\nb', ['x\ty'], {'k': 'v\r'})],
        's string, a array<string>, m map<string,string>', 20, False, False, False,
        '+----+------+----------+\n|s   |a     |m         |\n+----+------+----------+\n|a\\nb|[x\\ty]|{k -> v\\r}|\n+----+------+----------+\n',
        id='escape',
    ),
    pytest.param(
        [(1.0, 10000000000.0, 1e-05, float('nan'), float('inf'), -0.0, 0.30000000000000004, 10000000.0, 123456789.0, 4.611686018427388e+18)],
        'a double, b double, c double, d double, e double, f double, g double, h double, i double, j double', 20, False, False, False,
        '+---+------+------+---+--------+----+-------------------+-----+------------+---------------------+\n|a  |b     |c     |d  |e       |f   |g                  |h    |i           |j                    |\n+---+------+------+---+--------+----+-------------------+-----+------------+---------------------+\n|1.0|1.0E10|1.0E-5|NaN|Infinity|-0.0|0.30000000000000004|1.0E7|1.23456789E8|4.6116860184273879E18|\n+---+------+------+---+--------+----+-------------------+-----+------------+---------------------+\n',
        id='numbers',
    ),
    pytest.param(
        [(0.1, 3.14159, 10000000000.0, 16777216.0, 211865370624.0)],
        'a float, b float, c float, d float, e float', 20, False, False, False,
        '+---+-------+------+-----------+-------------+\n|a  |b      |c     |d          |e            |\n+---+-------+------+-----------+-------------+\n|0.1|3.14159|1.0E10|1.6777216E7|2.11865371E11|\n+---+-------+------+-----------+-------------+\n',
        id='floats',
    ),
    pytest.param(
        [(decimal.Decimal('1.5'), decimal.Decimal('-12.345'), decimal.Decimal('1E+5'), decimal.Decimal('1E-7'))],
        'a decimal(10,2), b decimal(10,3), c decimal(10,0), d decimal(38,18)', 20, False, False, False,
        '+----+-------+------+--------------------+\n|a   |b      |c     |d                   |\n+----+-------+------+--------------------+\n|1.50|-12.345|100000|0.000000100000000000|\n+----+-------+------+--------------------+\n',
        id='decimals',
    ),
    pytest.param(
        [(datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2, 3, 4, 5), datetime.datetime(2020, 1, 2, 3, 4, 5, 120000), datetime.datetime(2020, 1, 2, 3, 4, 5, 100), bytearray(b'\x01\x02\xff'))],
        'd date, t timestamp, t2 timestamp, t3 timestamp_ntz, b binary', 20, False, False, False,
        '+----------+-------------------+----------------------+------------------------+----------+\n|d         |t                  |t2                    |t3                      |b         |\n+----------+-------------------+----------------------+------------------------+----------+\n|2020-01-02|2020-01-02 03:04:05|2020-01-02 03:04:05.12|2020-01-02 03:04:05.0001|[01 02 FF]|\n+----------+-------------------+----------------------+------------------------+----------+\n',
        id='temporal',
    ),
    pytest.param(
        [([1, None], {'a': 1, 'b': None}, (1, 'x', None), [(2, [None])], [])],
        'a array<int>, m map<string,int>, s struct<p:int,q:string,r:string>, c array<struct<x:int,y:array<int>>>, e array<int>', 20, False, False, False,
        '+---------+-------------------+------------+-------------+---+\n|a        |m                  |s           |c            |e  |\n+---------+-------------------+------------+-------------+---+\n|[1, NULL]|{a -> 1, b -> NULL}|{1, x, NULL}|[{2, [NULL]}]|[] |\n+---------+-------------------+------------+-------------+---+\n',
        id='nested',
    ),
    pytest.param(
        [(0,), (1,), (2,)],
        'i int', 3, True, False, True,
        '+---+\n|  i|\n+---+\n|  0|\n|  1|\n|  2|\n+---+\nonly showing top 3 rows',
        id='more',
    ),
    pytest.param(
        [(0,)],
        'i int', 1, True, False, True,
        '+---+\n|  i|\n+---+\n|  0|\n+---+\nonly showing top 1 row',
        id='more_one',
    ),
    pytest.param(
        [(0,), (1,)],
        'i int', 2, True, True, True,
        '-RECORD 0--\n i   | 0   \n-RECORD 1--\n i   | 1   \nonly showing top 2 rows',
        id='more_vertical',
    ),
    pytest.param(
        [],
        'i int', 0, True, False, True,
        '+---+\n|  i|\n+---+\n+---+\nonly showing top 0 rows',
        id='n_zero',
    ),
    pytest.param(
        [],
        'a string, b int', 20, True, False, False,
        '+---+---+\n|  a|  b|\n+---+---+\n+---+---+\n',
        id='empty',
    ),
    pytest.param(
        [],
        'a string, b int', 20, True, True, False,
        '(0 rows)',
        id='empty_vertical',
    ),
    pytest.param(
        [(), ()],
        '', 20, True, False, False,
        '++\n||\n++\n||\n||\n++\n',
        id='no_columns',
    ),
]


@pytest.mark.parametrize(("rows", "ddl", "n", "truncate", "vertical", "has_more", "expected"), SHOW_CASES)
def test_show_string_matches_pyspark(
    rows: list, ddl: str, n: int, truncate: bool | int, vertical: bool, has_more: bool, expected: str
) -> None:
    schema = parse(ddl) if ddl else T.StructType([])
    assert S.show_string(rows, schema, n, truncate, vertical, has_more) == expected


def test_show_string_argument_checks() -> None:
    schema = parse("a int")
    with pytest.raises(E.PySparkTypeError) as n_error:
        S.show_string([(1,)], schema, n="a")  # type: ignore[arg-type]
    assert str(n_error.value) == "[NOT_EXPECTED_TYPE] Argument `n` should be int, got str."
    with pytest.raises(E.PySparkTypeError) as truncate_error:
        S.show_string([(1,)], schema, truncate="a")
    assert str(truncate_error.value) == "[NOT_EXPECTED_TYPE] Argument `truncate` should be bool, got str."
    with pytest.raises(E.PySparkTypeError) as vertical_error:
        S.show_string([(1,)], schema, vertical="x")  # type: ignore[arg-type]
    assert str(vertical_error.value) == "[NOT_EXPECTED_TYPE] Argument `vertical` should be bool, got str."


@pytest.mark.parametrize(
    ("value", "single", "expected"),
    [
        (1.0, False, "1.0"),
        (1e10, False, "1.0E10"),
        (1e-5, False, "1.0E-5"),
        (float("nan"), False, "NaN"),
        (float("-inf"), False, "-Infinity"),
        (-0.0, False, "-0.0"),
        (123456789.123, False, "1.23456789123E8"),
        (0.001, False, "0.001"),
        (0.0009999, False, "9.999E-4"),
        (9999999.999, False, "9999999.999"),
        (1e21, False, "1.0E21"),
        (5e-324, False, "4.9E-324"),
        (2.0**62, False, "4.6116860184273879E18"),
        (1.7976931348623157e308, False, "1.7976931348623157E308"),
        (0.1, True, "0.1"),
        (16777216.0, True, "1.6777216E7"),
        (211865370624.0, True, "2.11865371E11"),
        (1.401298464324817e-45, True, "1.4E-45"),
    ],
)
def test_java_number_formatting(value: float, single: bool, expected: str) -> None:
    assert S.java_double_string(value, single) == expected


NESTED_SCHEMA = (
    "a int, b bigint, g decimal(10,2), n array<int>, o map<string, array<struct<x:int, y:map<int,string>>>>, "
    "p struct<q: struct<r: int not null>, s: array<array<int>>>, `weird name` int, v void"
)


def test_tree_string_matches_pyspark() -> None:
    assert S.tree_string(parse(NESTED_SCHEMA)) == (
        "root\n"
        " |-- a: integer (nullable = true)\n"
        " |-- b: long (nullable = true)\n"
        " |-- g: decimal(10,2) (nullable = true)\n"
        " |-- n: array (nullable = true)\n"
        " |    |-- element: integer (containsNull = true)\n"
        " |-- o: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: array (valueContainsNull = true)\n"
        " |    |    |-- element: struct (containsNull = true)\n"
        " |    |    |    |-- x: integer (nullable = true)\n"
        " |    |    |    |-- y: map (nullable = true)\n"
        " |    |    |    |    |-- key: integer\n"
        " |    |    |    |    |-- value: string (valueContainsNull = true)\n"
        " |-- p: struct (nullable = true)\n"
        " |    |-- q: struct (nullable = true)\n"
        " |    |    |-- r: integer (nullable = false)\n"
        " |    |-- s: array (nullable = true)\n"
        " |    |    |-- element: array (containsNull = true)\n"
        " |    |    |    |-- element: integer (containsNull = true)\n"
        " |-- weird name: integer (nullable = true)\n"
        " |-- v: void (nullable = true)\n"
    )


def test_tree_string_level() -> None:
    assert S.tree_string(parse(NESTED_SCHEMA), 2) == (
        "root\n"
        " |-- a: integer (nullable = true)\n"
        " |-- b: long (nullable = true)\n"
        " |-- g: decimal(10,2) (nullable = true)\n"
        " |-- n: array (nullable = true)\n"
        " |    |-- element: integer (containsNull = true)\n"
        " |-- o: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: array (valueContainsNull = true)\n"
        " |-- p: struct (nullable = true)\n"
        " |    |-- q: struct (nullable = true)\n"
        " |    |-- s: array (nullable = true)\n"
        " |-- weird name: integer (nullable = true)\n"
        " |-- v: void (nullable = true)\n"
    )
    assert S.tree_string(T.StructType([])) == "root\n"
    schema = T.StructType(
        [
            T.StructField("a", T.ArrayType(T.IntegerType(), False), False),
            T.StructField("m", T.MapType(T.StringType(), T.IntegerType(), False)),
        ]
    )
    assert schema.treeString() == (
        "root\n"
        " |-- a: array (nullable = false)\n"
        " |    |-- element: integer (containsNull = false)\n"
        " |-- m: map (nullable = true)\n"
        " |    |-- key: string\n"
        " |    |-- value: integer (valueContainsNull = false)\n"
    )
