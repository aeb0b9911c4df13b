"""Message templates for the error conditions PyRust raises.

The table has the same shape as Spark's ``error-conditions.json``: each
condition maps to a ``message`` (a list of lines, joined with newlines when
rendered) whose ``<name>`` placeholders are filled from the exception's
message parameters, an optional ``sqlState`` and optional ``subClass``
entries.  A sub-condition such as ``UNRESOLVED_COLUMN.WITH_SUGGESTION`` is
rendered as the main message, a space, and the sub-condition's message.

The wording of every template matches what PySpark 4.3 prints, because user
code and tests compare these strings.  Only the conditions PyRust uses are
listed; :mod:`pyrust.errors` renders an unknown condition with a generic
fallback instead of failing.

Spark raises most of these conditions in the JVM, and PySpark then shows
them with a trailing ``SQLSTATE: <state>``.  Conditions that PySpark raises
in Python itself are printed without that suffix; they are listed in
:data:`PYTHON_SIDE_CONDITIONS`.
"""

from __future__ import annotations

__all__ = ["ERROR_CONDITIONS", "PYTHON_SIDE_CONDITIONS"]

ERROR_CONDITIONS: dict[str, dict] = {
    # -- dates and times -------------------------------------------------------------
    "DATETIME_FIELD_OUT_OF_BOUNDS": {
        "message": ["<rangeMessage>."],
        "subClass": {"WITHOUT_SUGGESTION": {"message": [""]}},
        "sqlState": "22023",
    },
    "INVALID_FRACTION_OF_SECOND": {
        "message": [
            "Valid range for seconds is [0, 60] (inclusive), but the provided value is <secAndMicros>. To avoid "
            "this error, use `try_make_timestamp`, which returns NULL on error.",
            "If you do not want to use the session default timestamp version of this function, use "
            "`try_make_timestamp_ntz` or `try_make_timestamp_ltz`.",
        ],
        "sqlState": "22023",
    },
    "INVALID_TIMEZONE": {
        "message": [
            "The timezone: <timeZone> is invalid. The timezone must be either a region-based zone ID or a zone "
            "offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must "
            "be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or "
            "'-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms "
            "for '+00:00'."
        ],
        "sqlState": "22009",
    },
    "DATETIME_OVERFLOW": {"message": ["Datetime operation overflow: <operation>."], "sqlState": "22008"},
    "CANNOT_PARSE_TIME": {
        "message": [
            "The input string <input> cannot be parsed to a TIME value because it does not match to the datetime "
            "format <format>."
        ],
        "sqlState": "22010",
    },
    "_LEGACY_ERROR_TEMP_3231": {"message": ["Intervals greater than a month is not supported (<interval>)."]},
    "CANNOT_PARSE_INTERVAL": {
        "message": [
            "Unable to parse <intervalString>. Please ensure that the value provided is in a valid format for "
            "defining an interval. You can reference the documentation for the correct format. If the issue "
            "persists, please double check that the input value is not null or empty and try again."
        ],
        "sqlState": "22006",
    },
    # -- math ----------------------------------------------------------------------
    "NUMERIC_VALUE_OUT_OF_RANGE": {
        "message": [""],
        "subClass": {
            "WITH_SUGGESTION": {
                "message": [
                    "<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> "
                    'to "false" to bypass this error, and return NULL instead.'
                ]
            },
        },
        "sqlState": "22003",
    },
    "WRONG_NUM_COLUMNS": {"message": ["Function `<func_name>` should take at least <num_cols> columns."]},
    # -- analysis: names --------------------------------------------------------
    "UNRESOLVED_COLUMN": {
        "message": ["A column, variable, or function parameter with name <objectName> cannot be resolved."],
        "subClass": {
            "WITHOUT_SUGGESTION": {"message": [""]},
            "WITH_SUGGESTION": {"message": ["Did you mean one of the following? [<proposal>]."]},
        },
        "sqlState": "42703",
    },
    "UNRESOLVED_FIELD": {
        "message": ["A field with name <fieldName> cannot be resolved with the struct-type column <columnPath>."],
        "subClass": {
            "WITHOUT_SUGGESTION": {"message": [""]},
            "WITH_SUGGESTION": {"message": ["Did you mean one of the following? [<proposal>]."]},
        },
        "sqlState": "42703",
    },
    "TABLE_VALUED_FUNCTION_TOO_MANY_TABLE_ARGUMENTS": {
        "message": [
            "There are too many table arguments for table-valued function.",
            "It allows one table argument, but got: <num>.",
            "If you want to allow it, please set \"spark.sql.allowMultipleTableArguments.enabled\" to \"true\"",
        ],
        "sqlState": "54023",
    },
    "UNSUPPORTED_JOIN_TYPE": {
        "message": ["Unsupported join type '<typ>'. Supported join types include: <supported>."],
        "sqlState": "0A000",
    },
    "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY": {
        "message": ["Unsupported subquery expression:"],
        "subClass": {
            "CORRELATED_REFERENCE": {
                "message": ["Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: <sqlExprs>."]
            },
        },
        "sqlState": "0A000",
    },
    "UNRESOLVED_USING_COLUMN_FOR_JOIN": {
        "message": [
            "USING column <colName> cannot be resolved on the <side> side of the join. "
            "The <side>-side columns: [<suggestion>]."
        ],
        "sqlState": "42703",
    },
    "AMBIGUOUS_REFERENCE": {
        "message": ["Reference <name> is ambiguous, could be: <referenceNames>."],
        "sqlState": "42704",
    },
    "CANNOT_RESOLVE_DATAFRAME_COLUMN": {
        "message": [
            "Cannot resolve dataframe column <name>. It's probably because of illegal references like "
            '`df1.select(df2.col("a"))`.'
        ],
        "sqlState": "42704",
    },
    "FIELD_NOT_FOUND": {
        "message": ["No such struct field <fieldName> in <fields>."],
        "sqlState": "42704",
    },
    "COLUMN_ALREADY_EXISTS": {
        "message": ["The column <columnName> already exists. Choose another name or rename the existing column."],
        "sqlState": "42711",
    },
    "USER_RAISED_EXCEPTION": {
        "message": ["<errorMessage>"],
        "sqlState": "P0001",
    },
    "UNRESOLVED_ROUTINE": {
        "message": ["Cannot resolve routine <routineName> on search path <searchPath>."],
        "sqlState": "42883",
    },
    "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS": {
        "message": ["Cannot create the temporary view <relationName> because it already exists."],
        "sqlState": "42P07",
    },
    "TABLE_OR_VIEW_NOT_FOUND": {
        "message": [
            "The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema "
            "and catalog.",
            "Search path: <searchPath>.",
            "If you did not qualify the name with a schema, verify the current_schema() output, or qualify the "
            "name with the correct schema and catalog.",
            "To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
        ],
        "sqlState": "42P01",
    },
    "PATH_NOT_FOUND": {
        "message": ["Path does not exist: <path>."],
        "sqlState": "42K03",
    },
    "XML_ROW_TAG_MISSING": {
        "message": ["<rowTag> option is required for reading/writing files in XML format."],
        "sqlState": "42KDF",
    },
    "DATAFRAME_INPUT_NOT_STRING_TYPE": {
        "message": ["Input DataFrame column must be StringType, but got <dataType>."],
        "sqlState": "42K09",
    },
    "ROUTINE_ALREADY_EXISTS": {
        "message": [
            "Cannot create the <newRoutineType> <routineName> because a <existingRoutineType> of that name already exists.",
            "Choose a different name, drop or replace the existing <existingRoutineType>, or add the IF NOT EXISTS clause to tolerate a pre-existing <newRoutineType>.",
        ],
        "sqlState": "42723",
    },
    "ROUTINE_NOT_FOUND": {
        "message": [
            "The routine <routineName> cannot be found. Verify the spelling and correctness of the schema and catalog.",
            "If you did not qualify the name with a schema and catalog, verify the current_schema() output, or qualify the name with the correct schema and catalog.",
            "To tolerate the error on drop use DROP ... IF EXISTS.",
        ],
        "sqlState": "42883",
    },
    "NOT_A_PARTITIONED_TABLE": {
        "message": ["Operation <operation> is not allowed for <tableIdentWithDB> because it is not a partitioned table."],
        "sqlState": "42809",
    },
    "CANNOT_LOAD_FUNCTION_CLASS": {
        "message": ["Cannot load class <className> when registering the function <functionName>, please make sure it is on the classpath."],
        "sqlState": "46103",
    },
    "INVALID_IDENTIFIER": {
        "message": [
            "The unquoted identifier <ident> is invalid and must be back quoted as: `<ident>`.",
            "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), "
            "and underbar ('_').",
            "Unquoted identifiers must also not start with a digit.",
            "Different data sources and meta stores may impose additional restrictions on valid identifiers.",
        ],
        "sqlState": "42602",
    },
    "INVALID_ATTRIBUTE_NAME_SYNTAX": {
        "message": [
            "Syntax error in the attribute name: <name>. Check that backticks appear in pairs, a quoted string is "
            "a complete name part and use a backtick only inside quoted name parts."
        ],
        "sqlState": "42601",
    },
    "INVALID_SQL_SYNTAX": {
        "message": ["Invalid SQL syntax:"],
        "subClass": {
            "CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS": {"message": ["CREATE TEMPORARY FUNCTION with IF NOT EXISTS is not allowed."]},
        },
        "sqlState": "42000",
    },
    "INVALID_USAGE_OF_STAR_OR_REGEX": {
        "message": ["Invalid usage of <elem> in <prettyName>."],
        "sqlState": "42000",
    },
    # -- analysis: types and plan shape -----------------------------------------
    "DATATYPE_MISMATCH": {
        "message": ["Cannot resolve <sqlExpr> due to data type mismatch:"],
        "subClass": {
            "SEQUENCE_WRONG_INPUT_TYPES": {
                "message": [
                    "<functionName> uses the wrong parameter type. The parameter type must conform to:",
                    "1. The start and stop expressions must resolve to the same type.",
                    "2. If start and stop expressions resolve to the <startType> type, then the step expression "
                    "must resolve to the <stepType> type.",
                    "3. Otherwise, if start and stop expressions resolve to the <otherStartType> type, then the "
                    "step expression must resolve to the same type.",
                ]
            },
            "IN_SUBQUERY_LENGTH_MISMATCH": {
                "message": [
                    "The number of columns in the left hand side of an IN subquery does not match the number of "
                    "columns in the output of subquery. Left hand side columns(length: <leftLength>): "
                    "[<leftColumns>], right hand side columns(length: <rightLength>): [<rightColumns>]."
                ]
            },
            "IN_SUBQUERY_DATA_TYPE_MISMATCH": {
                "message": [
                    "The data type of one or more elements in the left hand side of an IN subquery is not "
                    "compatible with the data type of the output of the subquery. Mismatched columns: "
                    "[<mismatchedColumns>], left side: [<leftType>], right side: [<rightType>]."
                ]
            },
            "BINARY_OP_DIFF_TYPES": {
                "message": [
                    "the left and right operands of the binary operator have incompatible types "
                    "(<left> and <right>)."
                ]
            },
            "BINARY_OP_WRONG_TYPE": {
                "message": ["the binary operator requires the input type <inputType>, not <actualDataType>."]
            },
            "UNEXPECTED_RETURN_TYPE": {
                "message": ["The <functionName> requires return <expectedType> type, but the actual is <actualType> type."]
            },
            "UNEXPECTED_INPUT_TYPE": {
                "message": [
                    "The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the "
                    "type <inputType>."
                ]
            },
            "CAST_WITHOUT_SUGGESTION": {"message": ["cannot cast <srcType> to <targetType>."]},
            "DATA_DIFF_TYPES": {
                "message": ["Input to <functionName> should all be the same type, but it's <dataType>."]
            },
            "FILTER_NOT_BOOLEAN": {"message": ["Filter expression <filter> of type <type> is not a boolean."]},
            "INVALID_ORDERING_TYPE": {
                "message": ["The <functionName> does not support ordering on type <dataType>."]
            },
            "NULL_TYPE": {"message": ["Null typed values cannot be used as arguments of <functionName>."]},
            "ARRAY_FUNCTION_DIFF_TYPES": {
                "message": [
                    "Input to <functionName> should have been <dataType> followed by a value with same element "
                    "type, but it's [<leftType>, <rightType>]."
                ]
            },
            "BINARY_ARRAY_DIFF_TYPES": {
                "message": [
                    "Input to function <functionName> should have been two <arrayType> with same element type, "
                    "but it's [<leftType>, <rightType>]."
                ]
            },
            "CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING": {
                "message": [
                    "Only foldable `STRING` expressions are allowed to appear at odd position, but they are "
                    "<inputExprs>."
                ]
            },
            "UNEXPECTED_NULL": {"message": ["The <exprName> must not be null."]},
            "TYPE_CHECK_FAILURE_WITH_HINT": {"message": ["<msg><hint>."]},
            "VALUE_OUT_OF_RANGE": {
                "message": ["The <exprName> must be between <valueRange> (current value = <currentValue>)."]
            },
            "PARAMETER_CONSTRAINT_VIOLATION": {
                "message": [
                    "The <leftExprName>(<leftExprValue>) must be <constraint> the <rightExprName>(<rightExprValue>)."
                ]
            },
            "RANGE_FRAME_WITHOUT_ORDER": {
                "message": ["A range window frame cannot be used in an unordered window specification."]
            },
            "RANGE_FRAME_INVALID_TYPE": {
                "message": [
                    "The data type <orderSpecType> used in the order specification does not support the data type "
                    "<valueBoundaryType> which is used in the range frame."
                ]
            },
            "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE": {
                "message": [
                    "The data type of the <location> bound <exprType> does not match the expected data type "
                    "<expectedType>."
                ]
            },
            "SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON": {
                "message": ["The lower bound of a window frame must be <comparison> to the upper bound."]
            },
            "RANGE_FRAME_MULTI_ORDER": {
                "message": [
                    "A range window frame with value boundaries cannot be used in a window specification with "
                    "multiple order by expressions: <orderSpec>."
                ]
            },
            "NON_FOLDABLE_INPUT": {
                "message": [
                    "the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>."
                ]
            },
            "INVALID_JSON_SCHEMA": {
                "message": ["Input schema <schema> must be a struct, an array, a map or a variant."]
            },
            "INVALID_XML_SCHEMA": {"message": ["Input schema <schema> must be a struct or a variant."]},
            "STACK_COLUMN_DIFF_TYPES": {
                "message": [
                    "The data type of the column (<columnIndex>) do not have the same type: <leftType> "
                    "(<leftParamIndex>) <> <rightType> (<rightParamIndex>)."
                ]
            },
        },
        "sqlState": "42K09",
    },
    # -- JSON and CSV --------------------------------------------------------------
    "INVALID_SCHEMA": {
        "message": ["The input schema <inputSchema> is not a valid schema string."],
        "subClass": {
            "NON_STRING_LITERAL": {"message": ["The input expression must be string literal and not null."]},
            "NON_STRUCT_TYPE": {
                "message": ["The input expression should be evaluated to struct type, but got <dataType>."]
            },
        },
        "sqlState": "42K07",
    },
    "PARSE_MODE_UNSUPPORTED": {
        "message": ["The function <funcName> doesn't support the <mode> mode. Acceptable modes are PERMISSIVE and FAILFAST."],
        "sqlState": "42601",
    },
    "MALFORMED_RECORD_IN_PARSING": {
        "message": ["Malformed records are detected in record parsing: <badRecord>.", "Parse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."],
        "subClass": {"WITHOUT_SUGGESTION": {"message": [""]}},
        "sqlState": "22023",
    },
    # -- variant ---------------------------------------------------------------------
    "INVALID_VARIANT_CAST": {
        "message": ["The variant value `<value>` cannot be cast into `<dataType>`. Please use `try_variant_get` instead."],
        "sqlState": "22023",
    },
    "INVALID_VARIANT_GET_PATH": {
        "message": [
            "The path `<path>` is not a valid variant extraction path in `<functionName>`.",
            "A valid path should start with `$` and is followed by zero or more segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`.",
        ],
        "sqlState": "22023",
    },
    "INVALID_VARIANT_PATH": {
        "message": [
            "The path '<path>' is not a valid <functionName> target.",
            "A valid path should start with `$` and is followed by segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`.",
        ],
        "sqlState": "22023",
    },
    "VARIANT_PATH_TYPE_MISMATCH": {
        "message": ["The path '<path>' is incompatible with the variant value at '<failedAt>' in <functionName>."],
        "sqlState": "22023",
    },
    "VARIANT_DUPLICATE_KEY": {
        "message": ["Failed to build variant because of a duplicate object key `<key>`."],
        "sqlState": "22023",
    },
    "MALFORMED_VARIANT": {
        "message": ["Variant binary is malformed. Please check the data source is valid."],
        "sqlState": "22023",
    },
    # -- generators ------------------------------------------------------------------
    "UNSUPPORTED_GENERATOR": {
        "message": ["The generator is not supported:"],
        "subClass": {
            "NESTED_IN_EXPRESSIONS": {"message": ["nested in expressions <expression>."]},
            "OUTSIDE_SELECT": {"message": ["outside the SELECT clause, found: <plan>."]},
        },
        "sqlState": "42K0E",
    },
    "UDTF_ALIAS_NUMBER_MISMATCH": {
        "message": [
            "The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF.",
            "Expected <aliasesSize> aliases, but got <aliasesNames>.",
            "Please ensure that the number of aliases provided matches the number of columns output by the UDTF.",
        ],
        "sqlState": "42802",
    },
    "INVALID_EXTRACT_BASE_FIELD_TYPE": {
        "message": ["Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got <other>."],
        "sqlState": "42000",
    },
    "GROUP_BY_AGGREGATE": {
        "message": ["Aggregate functions are not allowed in GROUP BY, but found <sqlExpr>."],
        "sqlState": "42903",
    },
    "GROUP_BY_POS_OUT_OF_RANGE": {
        "message": ["GROUP BY position <index> is not in select list (valid range is [1, <size>])."],
        "sqlState": "42805",
    },
    "ORDER_BY_POS_OUT_OF_RANGE": {
        "message": ["ORDER BY position <index> is not in select list (valid range is [1, <size>])."],
        "sqlState": "42805",
    },
    "NUM_COLUMNS_MISMATCH": {
        "message": [
            "<operator> can only be performed on inputs with the same number of columns, but the first input "
            "has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns."
        ],
        "sqlState": "42826",
    },
    "INCOMPATIBLE_COLUMN_TYPE": {
        "message": [
            "<operator> can only be performed on tables with compatible column types. The <columnOrdinalNumber> "
            "column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with "
            "<dataType2> at the same column of the first table.<hint>."
        ],
        "sqlState": "42825",
    },
    "MISSING_AGGREGATION": {
        "message": [
            "The non-aggregating expression <expression> is based on columns which are not participating in the "
            "GROUP BY clause.",
            "Add the columns or the expression to the GROUP BY, aggregate the expression, or use "
            "<expressionAnyValue> if you do not care which of the values within a group is returned.",
        ],
        "sqlState": "42803",
    },
    "MISSING_GROUP_BY": {
        "message": [
            "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions "
            "using OVER clauses."
        ],
        "sqlState": "42803",
    },
    # -- analysis: windows --------------------------------------------------------
    "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE": {
        "message": ["Window function <funcName> requires an OVER clause."],
        "sqlState": "42601",
    },
    "WINDOW_FUNCTION_FRAME_NOT_ORDERED": {
        "message": [
            "Window function <wf_name> requires the window to be ordered. You need to add an ORDER BY clause. "
            "For example: SELECT <wf_expr> OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table."
        ],
        "sqlState": "42601",
    },
    "UNSUPPORTED_EXPR_FOR_WINDOW": {
        "message": ["Expression <sqlExpr> not supported within a window function."],
        "sqlState": "42P20",
    },
    "_LEGACY_ERROR_TEMP_1290": {"message": ["Text data source supports only a single column, and you have <schemaSize> columns."]},
    "_LEGACY_ERROR_TEMP_1036": {"message": ["Window Frame <wf> must match the required frame <required>."]},
    "_LEGACY_ERROR_TEMP_1039": {
        "message": [
            "Multiple time/session window expressions would result in a cartesian product of rows, therefore they "
            "are currently not supported."
        ]
    },
    "_LEGACY_ERROR_TEMP_3243": {"message": ["Illegal sequence boundaries: <start> to <stop> by <step>"]},
    "VECTOR_DIMENSION_MISMATCH": {
        "message": ["Vectors passed to <functionName> must have the same dimension, but got <leftDim> and <rightDim>."],
        "sqlState": "22000",
    },
    "INVALID_VECTOR_NORM_DEGREE": {
        "message": ["For the <functionName> function, degree must be 1.0, 2.0, or float('inf'), but got <degree>."],
        "sqlState": "22023",
    },
    "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED": {
        "message": ["Distinct window functions are not supported: <windowExpr>."],
        "sqlState": "0A000",
    },
    # -- plotting (raised in Python by PySpark) ----------------------------------------
    "PACKAGE_NOT_INSTALLED": {
        "message": ["<package_name> >= <minimum_version> must be installed; however, it was not found."]
    },
    "UNSUPPORTED_PACKAGE_VERSION": {
        "message": [
            "<package_name> >= <minimum_version> must be installed; however, your version is <current_version>."
        ]
    },
    "UNSUPPORTED_PLOT_BACKEND": {
        "message": ["`<backend>` is not supported, it should be one of the values from <supported_backends>"]
    },
    "UNSUPPORTED_PLOT_BACKEND_PARAM": {
        "message": [
            "`<backend>` does not support `<param>` set to <value>, it should be one of the values from "
            "<supported_values>"
        ]
    },
    "UNSUPPORTED_PLOT_KIND": {
        "message": ["`<plot_type>` is not supported, it should be one of the values from <supported_plot_types>"]
    },
    "UNSUPPORTED_PIE_PLOT_PARAM": {"message": ["Pie plot requires either a `y` column or `subplots=True`."]},
    "PLOT_INVALID_TYPE_COLUMN": {
        "message": ["Column <col_name> must be one of <valid_types> for plotting, got <col_type>."]
    },
    # -- as-of and nearest-by joins --------------------------------------------------
    "AS_OF_JOIN": {
        "message": ["Invalid as-of join."],
        "subClass": {
            "TOLERANCE_IS_NON_NEGATIVE": {"message": ["The input argument `tolerance` must be non-negative."]},
            "TOLERANCE_IS_UNFOLDABLE": {"message": ["The input argument `tolerance` must be a constant."]},
            "UNSUPPORTED_DIRECTION": {
                "message": [
                    "Unsupported as-of join direction '<direction>'. Supported as-of join direction include: <supported>."
                ]
            },
        },
        "sqlState": "42604",
    },
    "NEAREST_BY_JOIN": {
        "message": ["Invalid nearest-by join."],
        "subClass": {
            "CROSS_JOIN_NOT_ENABLED": {
                "message": [
                    "Nearest-by join is implemented as a bounded cross-product internally and is therefore "
                    "rejected when `spark.sql.crossJoin.enabled = false`. Set `spark.sql.crossJoin.enabled = true` "
                    "to permit it, or rewrite the query without nearest-by."
                ]
            },
            "NON_ORDERABLE_RANKING_EXPRESSION": {
                "message": [
                    "The ranking expression <expression> of type <type> is not orderable. Provide an expression "
                    "that returns an orderable type, such as a numeric distance like abs(a.col - b.col) or a "
                    "numeric similarity score."
                ]
            },
            "NUM_RESULTS_OUT_OF_RANGE": {
                "message": [
                    "The number of results <numResults> must be between <min> and <max>. Update the literal in "
                    "`APPROX NEAREST <numResults> BY ...` (or `EXACT NEAREST <numResults> BY ...`) to fall within "
                    "that range."
                ]
            },
            "UNSUPPORTED_DIRECTION": {
                "message": [
                    "Unsupported nearest-by join direction '<direction>'. Supported nearest-by join directions "
                    "include: <supported>."
                ]
            },
            "UNSUPPORTED_JOIN_TYPE": {
                "message": ["Unsupported nearest-by join type <joinType>. Supported types: <supported>."]
            },
            "UNSUPPORTED_MODE": {
                "message": ["Unsupported nearest-by join mode '<mode>'. Supported modes include: <supported>."]
            },
        },
        "sqlState": "42604",
    },
    "UNSUPPORTED_EXPR_FOR_OPERATOR": {
        "message": [
            "The query operator <operator> contains one or more unsupported expressions.",
            "Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in "
            "the <operator> operator.",
            "Invalid expressions: [<invalidExprSqls>]",
        ],
        "sqlState": "42K0E",
    },
    "UNSUPPORTED_FEATURE": {
        "message": ["The feature is not supported:"],
        "subClass": {
            "DROP_DATABASE": {"message": ["Drop the default database <database>."]},
            "LITERAL_TYPE": {"message": ["Literal for '<value>' of <type>."]},
            "AES_MODE": {"message": ["AES-<mode> with the padding <padding> by the <functionName> function."]},
            "AES_MODE_IV": {"message": ["<functionName> with AES-<mode> does not support initialization vectors (IVs)."]},
            "AES_MODE_AAD": {
                "message": ["<functionName> with AES-<mode> does not support additional authenticate data (AAD)."]
            },
            "SET_OPERATION_ON_MAP_TYPE": {
                "message": [
                    "Cannot have MAP type columns in a set operation (INTERSECT, EXCEPT, etc.), but the type of "
                    "column <colName> is <dataType>."
                ]
            },
        },
        "sqlState": "0A000",
    },
    "UNSUPPORTED_DATATYPE": {
        "message": ["Unsupported data type <typeName>."],
        "sqlState": "0A000",
    },
    "DATATYPE_MISSING_SIZE": {
        "message": ["DataType <type> requires a length parameter, for example <type>(10). Please specify the length."],
        "sqlState": "42K01",
    },
    # -- parsing ----------------------------------------------------------------
    # A Python UDF failed: the traceback, as the Python worker reports it.
    "PYTHON_EXCEPTION": {
        "message": ["An exception was thrown from the Python worker:", "<msg>"],
    },
    "PARSE_SYNTAX_ERROR": {
        "message": ["Syntax error at or near <error><hint>."],
        "sqlState": "42601",
    },
    "INVALID_NUMERIC_LITERAL_RANGE": {
        "message": [
            "Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value accordingly."
        ],
        "sqlState": "22003",
    },
    "INVALID_TYPED_LITERAL": {
        "message": ["The value of the typed literal <valueType> is invalid: <value>."],
        "sqlState": "42604",
    },
    "UNBOUND_SQL_PARAMETER": {
        "message": [
            "Found the unbound parameter: <name>. Please, fix `args` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as `map()`, `array()`, `struct()`."
        ],
        "sqlState": "42P02",
    },
    "MISSING_WINDOW_SPECIFICATION": {
        "message": [
            "Window specification is not defined in the WINDOW clause for <windowName>. For more information about WINDOW clauses, please refer to '<docroot>/sql-ref-syntax-qry-select-window.html'."
        ],
        "sqlState": "42P20",
    },
    "VALUE_NOT_PLAIN_COLUMN_REFERENCE": {
        "message": ["Value `<val>` in `<field_name>` should be a plain column reference such as `df.col` or `col('column')`."],
    },
    "CATALOG_NOT_FOUND": {"message": ["The catalog <catalogName> not found. Consider to set the SQL config <config> to a catalog plugin."], "sqlState": "42P08"},
    "SCHEMA_ALREADY_EXISTS": {"message": ["Cannot create schema <schemaName> because it already exists.", "Choose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema."], "sqlState": "42P06"},
    "SCHEMA_NOT_FOUND": {"message": ["The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema and catalog.", "If you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.", "To tolerate the error on drop use DROP SCHEMA IF EXISTS."], "sqlState": "42704"},
    "SEED_EXPRESSION_IS_UNFOLDABLE": {"message": ["The seed expression <seedExpr> of the expression <exprWithSeed> must be foldable."], "sqlState": "42K08"},
    "SCHEMA_NOT_EMPTY": {"message": ["Cannot drop a schema <schemaName> because it contains objects.", "Use DROP SCHEMA ... CASCADE to drop the schema and all its objects."], "sqlState": "2BP01"},
    "TABLE_OR_VIEW_ALREADY_EXISTS": {"message": ["Cannot create table or view <relationName> because it already exists.", "Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects."], "sqlState": "42P07"},
    "WRONG_COMMAND_FOR_OBJECT_TYPE": {"message": ["The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use <alternative> instead."], "sqlState": "42809"},
    "REQUIRES_SINGLE_PART_NAMESPACE": {"message": ["<sessionCatalog> requires a single-part namespace, but got identifier <identifier>."], "sqlState": "42K05"},
    "UNCLOSED_BRACKETED_COMMENT": {
        "message": ["Found an unclosed bracketed comment. Please, append */ at the end of the comment."],
        "sqlState": "42601",
    },
    # -- execution --------------------------------------------------------------
    "REMAINDER_BY_ZERO": {
        "message": [
            "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary "
            'set <config> to "false" to bypass this error.'
        ],
        "sqlState": "22012",
    },
    "INVALID_SUBQUERY_EXPRESSION": {
        "message": ["Invalid subquery:"],
        "subClass": {
            "SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN": {
                "message": ["Scalar subquery must return only one column, but got <number>."]
            },
        },
        "sqlState": "42823",
    },
    "SCALAR_SUBQUERY_TOO_MANY_ROWS": {
        "message": ["More than one row returned by a subquery used as an expression."],
        "sqlState": "21000",
    },
    "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES": {
        "message": ['Cannot resolve column name "<colName>" among (<fieldNames>).'],
        "sqlState": "42703",
    },
    "UNRESOLVABLE_TABLE_VALUED_FUNCTION": {
        "message": [
            "Could not resolve <name> to a table-valued function.",
            "Please make sure that <name> is defined as a table-valued function and that all required parameters are provided correctly.",
            "If <name> is not defined, please create the table-valued function before using it.",
            "For more information about defining table-valued functions, please refer to the Apache Spark documentation.",
        ],
        "sqlState": "42883",
    },
    "SQL_CONF_NOT_FOUND": {
        "message": ["The SQL config <sqlConf> cannot be found. Please verify that the config exists."],
        "sqlState": "42K0I",
    },
    "INVALID_CONF_VALUE": {
        "message": ["The value '<confValue>' in the config \"<confName>\" is invalid."],
        "subClass": {
            "OUT_OF_RANGE_OF_OPTIONS": {"message": ["It should be one of '<confOptions>'."]},
            "TYPE_MISMATCH": {"message": ["It should be a/an '<confType>' value."]},
            "TIME_ZONE": {"message": ["Cannot resolve the given timezone."]},
        },
        "sqlState": "22022",
    },
    "OPERATION_CANCELED": {"message": ["Operation has been canceled."], "sqlState": "HY008"},
    "WRONG_NUM_ARGS": {
        "message": ["The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>."],
        "subClass": {
            "WITHOUT_SUGGESTION": {
                "message": ["Please, refer to '<docroot>/sql-ref-functions.html' for a fix."]
            }
        },
        "sqlState": "42605",
    },
    "INVALID_INDEX_OF_ZERO": {
        "message": ["The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1)."],
        "sqlState": "22003",
    },
    "INVALID_ARRAY_INDEX_IN_ELEMENT_AT": {
        "message": [
            "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use `try_element_at` to "
            "tolerate accessing element at invalid index and return NULL instead."
        ],
        "sqlState": "22003",
    },
    "NULL_MAP_KEY": {"message": ["Cannot use null as map key."], "sqlState": "2200E"},
    # -- higher-order functions --------------------------------------------------
    "INVALID_LAMBDA_FUNCTION_CALL": {
        "message": ["Invalid lambda function call."],
        "subClass": {
            "NUM_ARGS_MISMATCH": {
                "message": ["A higher order function expects <expectedNumArgs> arguments, but got <actualNumArgs>."]
            },
        },
        "sqlState": "42K0D",
    },
    "WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION": {
        "message": ["Function `<func_name>` should take between 1 and 3 arguments, but the provided function takes <num_args>."]
    },
    "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION": {
        "message": ["Function `<func_name>` should use only POSITIONAL or POSITIONAL OR KEYWORD arguments."]
    },
    "HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN": {
        "message": ["Function `<func_name>` should return Column, got <return_type>."]
    },
    "DUPLICATED_MAP_KEY": {
        "message": [
            "Duplicate map key <key> was found, please check the input data.",
            "If you want to remove the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the "
            "key inserted at last takes precedence.",
        ],
        "sqlState": "23505",
    },
    "DIVIDE_BY_ZERO": {
        "message": [
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary "
            'set <config> to "false" to bypass this error.'
        ],
        "sqlState": "22012",
    },
    "CAST_OVERFLOW": {
        "message": [
            "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use "
            "`try_cast` to tolerate overflow and return NULL instead."
        ],
        "sqlState": "22003",
    },
    # -- string functions ------------------------------------------------------------
    "INVALID_FORMAT": {
        "message": ["The format is invalid: <format>."],
        "subClass": {
            "CONT_THOUSANDS_SEPS": {
                "message": ["Thousands separators (, or G) must have digits in between them in the number format."]
            },
            "CUR_MUST_BEFORE_DEC": {
                "message": ["Currency characters must appear before any decimal point in the number format."]
            },
            "CUR_MUST_BEFORE_DIGIT": {"message": ["Currency characters must appear before digits in the number format."]},
            "EMPTY": {"message": ["The number format string cannot be empty."]},
            "ESC_AT_THE_END": {"message": ["The escape character is not allowed to end with."]},
            "ESC_IN_THE_MIDDLE": {"message": ["The escape character is not allowed to precede <char>."]},
            "MISMATCH_INPUT": {"message": ["The input <inputType> <input> does not match the format."]},
            "THOUSANDS_SEPS_MUST_BEFORE_DEC": {
                "message": ["Thousands separators (, or G) may not appear after the decimal point in the number format."]
            },
            "UNEXPECTED_TOKEN": {
                "message": [
                    "Found the unexpected <token> in the format string; the structure of the format string must "
                    "match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`."
                ]
            },
            "WRONG_NUM_DIGIT": {"message": ["The format string requires at least one number digit."]},
            "WRONG_NUM_TOKEN": {"message": ["At most one <token> is allowed in the number format."]},
        },
        "sqlState": "42601",
    },
    "INVALID_ESCAPE_CHAR": {
        "message": ["`EscapeChar` should be a string literal of length one, but got <sqlExpr>."],
        "sqlState": "42604",
    },
    "INVALID_ESC": {
        "message": ["Found an invalid escape string: <invalidEscape>. The escape string must contain only one character."],
        "sqlState": "42604",
    },
    "NON_FOLDABLE_ARGUMENT": {
        "message": [
            "The function <funcName> requires the parameter <paramName> to be a foldable expression of the type "
            "<paramType>, but the actual argument is a non-foldable."
        ],
        "sqlState": "42K08",
    },
    "INVALID_PARAMETER_VALUE": {
        "message": ["The value of parameter(s) <parameter> in <functionName> is invalid:"],
        "subClass": {
            "BINARY_FORMAT": {"message": ["expects one of binary formats 'base64', 'hex', 'utf-8', but got <invalidFormat>."]},
            "NULL": {"message": ["expects a non-NULL value."]},
            "BIT_POSITION_RANGE": {"message": ["expects an integer value in [0, <upper>), but got <invalidValue>."]},
            "CHARSET": {"message": ["expects one of the <charsets>, but got <charset>."]},
            "TIME_UNIT": {
                "message": [
                    "expects one of the units 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', but got "
                    "'<invalidValue>'."
                ]
            },
            "DATETIME_UNIT": {
                "message": [
                    "expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, "
                    "MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal <invalidValue>."
                ]
            },
            "PATTERN": {"message": ["<value>."]},
            "REGEX_GROUP_INDEX": {"message": ["Expects group index between 0 and <groupCount>, but got <groupIndex>."]},
            "OCCURRENCE": {"message": ["expects a positive integer, but got <actual>."]},
            "AES_CRYPTO_ERROR": {"message": ["detail message: <detailMessage>"]},
            "AES_KEY_LENGTH": {"message": ["expects a binary value with 16, 24 or 32 bytes, but got <actualLength> bytes."]},
            "AES_IV_LENGTH": {
                "message": ["supports 16-byte CBC IVs and 12-byte GCM IVs, but got <actualLength> bytes for <mode>."]
            },
            "HMAC_ALGORITHM": {
                "message": [
                    "expects one of the algorithms 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-1', 'MD5', "
                    "but got <algorithm>."
                ]
            },
            "HMAC_CRYPTO_ERROR": {"message": ["detail message: <detailMessage>"]},
        },
        "sqlState": "22023",
    },
    "COUNTER_DIFF_NEGATIVE_COUNTER_VALUE": {
        "message": [
            "A negative counter value <value> was provided to function <function>. Negative counter values are not "
            "allowed."
        ],
        "sqlState": "22003",
    },
    "COUNTER_DIFF_START_TIME_DECREASED": {
        "message": [
            "Start time provided to function <function> decreased from <previousStartTime> to <currentStartTime>. "
            "Start time is required to be non-decreasing."
        ],
        "sqlState": "22023",
    },
    "CONVERSION_INVALID_INPUT": {
        "message": [
            "The value <str> (<fmt>) cannot be converted to <targetType> because it is malformed. Correct the "
            "value as per the syntax, or change its format. Use <suggestion> to tolerate malformed input and "
            "return NULL instead."
        ],
        "sqlState": "22018",
    },
    "MALFORMED_CHARACTER_CODING": {
        "message": ["Invalid value found when performing <function> with <charset>"],
        "sqlState": "22000",
    },
    # -- dates and times ---------------------------------------------------------
    "ILLEGAL_DAY_OF_WEEK": {"message": ["Illegal input for day of week: <string>."], "sqlState": "22009"},
    "INVALID_DATETIME_PATTERN": {
        "message": ["Unrecognized datetime pattern: <pattern>."],
        "subClass": {
            "ILLEGAL_CHARACTER": {
                "message": ["Illegal pattern character found in datetime pattern: <c>. Please provide legal character."]
            },
        },
        "sqlState": "22007",
    },
    "INCONSISTENT_BEHAVIOR_CROSS_VERSION": {
        "message": ["You may get a different result due to the upgrading to"],
        "subClass": {
            "DATETIME_PATTERN_RECOGNITION": {
                "message": [
                    "Spark >= 3.0:",
                    "Fail to recognize <pattern> pattern in the DateTimeFormatter.",
                    '1) You can set <config> to "LEGACY" to restore the behavior before Spark 3.0.',
                    "2) You can form a valid datetime pattern with the guide from "
                    "'<docroot>/sql-ref-datetime-pattern.html'.",
                ]
            },
            "DATETIME_WEEK_BASED_PATTERN": {
                "message": [
                    "Spark >= 3.0:",
                    "All week-based patterns are unsupported since Spark 3.0, detected week-based character: <c>.",
                    "Please use the SQL function EXTRACT instead.",
                ]
            },
        },
        "sqlState": "42K0B",
    },
    "CANNOT_PARSE_TIMESTAMP": {
        "message": ["<message>. Use <func> to tolerate invalid input string and return NULL instead."],
        "sqlState": "22007",
    },
    "CAST_INVALID_INPUT": {
        "message": [
            "The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is "
            "malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to "
            "tolerate malformed input and return NULL instead."
        ],
        "sqlState": "22018",
    },
    "INTERVAL_ARITHMETIC_OVERFLOW": {
        "message": ["Integer overflow while operating with intervals."],
        "subClass": {
            "WITHOUT_SUGGESTION": {"message": ["Try devising appropriate values for the interval parameters."]},
        },
        "sqlState": "22015",
    },
    "INTERVAL_DIVIDED_BY_ZERO": {
        "message": ["Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead."],
        "sqlState": "22012",
    },
    "ARITHMETIC_OVERFLOW": {
        "message": ['<message>.<alternative> If necessary set <config> to "false" to bypass this error.'],
        "sqlState": "22003",
    },
    "INVALID_ARRAY_INDEX": {
        "message": [
            "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL function "
            "`get()` to tolerate accessing element at invalid index and return NULL instead."
        ],
        "sqlState": "22003",
    },
    "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION": {
        "message": ["Decimal precision <precision> exceeds max precision <maxPrecision>."],
        "sqlState": "22003",
    },
    "DECIMAL_SCALE_EXCEEDS_PRECISION": {
        "message": ["Decimal scale (<scale>) cannot be greater than precision (<precision>)."],
        "sqlState": "22003",
    },
    "INTERNAL_ERROR": {
        "message": ["<message>"],
        "sqlState": "XX000",
    },
    # -- reading and writing files and tables ---------------------------------------
    "TASK_WRITE_FAILED": {"message": ["Task failed while writing rows to <path>."], "sqlState": "58030"},
    "PATH_ALREADY_EXISTS": {"message": ["Path <outputPath> already exists. Set mode as \"overwrite\" to overwrite the existing path."], "sqlState": "42K04"},
    "INVALID_SAVE_MODE": {"message": ["The specified save mode <mode> is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\"."], "sqlState": "42000"},
    "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE": {"message": ["The <format> datasource doesn't support the column <columnName> of the type <columnType>."], "sqlState": "0A000"},
    "ALL_PARTITION_COLUMNS_NOT_ALLOWED": {"message": ["Cannot use all columns for partition columns."], "sqlState": "KD005"},
    "UNSUPPORTED_OVERWRITE": {"message": ["Can't overwrite the target that is also being read from."], "subClass": {"PATH": {"message": ["The target path is <path>."]}, "TABLE": {"message": ["The target table is <table>."]}}, "sqlState": "42902"},
    "INSERT_COLUMN_ARITY_MISMATCH": {"message": ["Cannot write to <tableName>, the reason is"], "subClass": {"NOT_ENOUGH_DATA_COLUMNS": {"message": ["not enough data columns:", "Table columns: <tableColumns>.", "Data columns: <dataColumns>."]}, "TOO_MANY_DATA_COLUMNS": {"message": ["too many data columns:", "Table columns: <tableColumns>.", "Data columns: <dataColumns>."]}}, "sqlState": "21S01"},
    "INCOMPATIBLE_DATA_FOR_TABLE": {"message": ["Cannot write incompatible data for the table <tableName>:"], "subClass": {"AMBIGUOUS_COLUMN_NAME": {"message": ["Ambiguous column name in the input data <colName>."]}, "CANNOT_FIND_DATA": {"message": ["Cannot find data for the output column <colName>."]}, "CANNOT_SAFELY_CAST": {"message": ["Cannot safely cast <colName> <srcType> to <targetType>."]}, "EXTRA_COLUMNS": {"message": ["Cannot write extra columns <extraColumns>."]}, "EXTRA_STRUCT_FIELDS": {"message": ["Cannot write extra fields <extraFields> to the struct <colName>."]}, "NULLABLE_ARRAY_ELEMENTS": {"message": ["Cannot write nullable elements to array of non-nulls: <colName>."]}, "NULLABLE_COLUMN": {"message": ["Cannot write nullable values to non-null column <colName>."]}, "NULLABLE_MAP_VALUES": {"message": ["Cannot write nullable values to map of non-nulls: <colName>."]}, "STRUCT_MISSING_FIELDS": {"message": ["Struct <colName> missing fields: <missingFields>."]}, "UNEXPECTED_COLUMN_NAME": {"message": ["Struct <colName> <order>-th field name does not match (may be out of order): expected <expected>, found <found>."]}}, "sqlState": "KD000"},
    "DATA_SOURCE_NOT_FOUND": {"message": ["Failed to find the data source: <provider>. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version."], "sqlState": "42K02"},
    "INSERT_PARTITION_COLUMN_ARITY_MISMATCH": {"message": ["Cannot write to '<tableName>', <reason>:", "Table columns: <tableColumns>.", "Partition columns with static values: <staticPartCols>.", "Data columns: <dataColumns>."], "sqlState": "21S01"},
    "UNABLE_TO_INFER_SCHEMA": {"message": ["Unable to infer schema for <format>. It must be specified manually."], "sqlState": "42KD9"},
    "CONFLICTING_PARTITION_COLUMN_NAMES": {"message": ["Conflicting partition column names detected:", "<distinctPartColLists>", "For partitioned table directories, data files should only live in leaf directories.", "And directories at the same level should have the same partition column name.", "Please check the following directories for unexpected files or inconsistent partition column names:", "<suspiciousPaths>"], "sqlState": "KD009"},
    "EXPECT_TABLE_NOT_VIEW": {"message": ["'<operation>' expects a table but <viewName> is a view."], "subClass": {"NO_ALTERNATIVE": {"message": [""]}, "USE_ALTER_VIEW": {"message": ["Please use ALTER VIEW instead."]}}, "sqlState": "42809"},
    "LOCATION_ALREADY_EXISTS": {"message": ["Cannot name the managed table as <identifier>, as its associated location <location> already exists. Please pick a different table name, or remove the existing location first."], "sqlState": "42710"},
    # -- raised by PySpark's Python layer -----------------------------------------
    "NOT_EXPECTED_TYPE": {
        "message": ["Argument `<arg_name>` should be <expected_type>, got <arg_type>."],
        "sqlState": "42K09",
    },
    "NOT_IMPLEMENTED": {
        "message": ["<feature> is not implemented."],
        "sqlState": "0A000",
    },
    "NOT_ITERABLE": {
        "message": ["<objectName> is not iterable."],
        "sqlState": "42K09",
    },
    "ATTRIBUTE_NOT_SUPPORTED": {
        "message": ["Attribute `<attr_name>` is not supported."],
        "sqlState": "0A000",
    },
    "UNSUPPORTED_OPERATION": {"message": ["<operation> is not supported."]},
    "UNSUPPORTED_DATA_TYPE": {"message": ["Unsupported DataType `<data_type>`."]},
    "UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION": {
        "message": ["<data_type> is not supported in conversion to Arrow."]
    },
    "CANNOT_DETERMINE_TYPE": {"message": ["Some of types cannot be determined after inferring."]},
    "CANNOT_INFER_EMPTY_SCHEMA": {
        "message": ["Can not infer schema from an empty dataset."],
        "sqlState": "42K09",
    },
    "CANNOT_INFER_SCHEMA_FOR_TYPE": {
        "message": ["Can not infer schema for type: `<data_type>`."],
        "sqlState": "42K09",
    },
    "CANNOT_INFER_TYPE_FOR_FIELD": {
        "message": ["Unable to infer the type of the field `<field_name>`."],
        "sqlState": "42K09",
    },
    "CANNOT_MERGE_TYPE": {
        "message": ["Can not merge type `<data_type1>` and `<data_type2>`."],
        "sqlState": "42K09",
    },
    "CANNOT_PARSE_DATATYPE": {"message": ["Unable to parse datatype. <msg>."]},
    "KEY_VALUE_PAIR_REQUIRED": {"message": ["Key-value pair or a list of pairs is required."]},
    "UNEXPECTED_TUPLE_WITH_STRUCT": {"message": ["Unexpected tuple <tuple> with StructType."]},
    "NO_ACTIVE_OR_DEFAULT_SESSION": {
        "message": [
            "No active or default Spark session found. Please create a new Spark session before running the code."
        ],
        "sqlState": "08003",
    },
    "ONLY_SUPPORTED_WITH_SPARK_CONNECT": {
        "message": [
            "<feature> is only supported with Spark Connect; however, the current Spark session does not use Spark "
            "Connect."
        ],
        "sqlState": "0A000",
    },
    # -- verifying Python values against a type (types._make_type_verifier) ----------
    "FIELD_NOT_NULLABLE": {"message": ["Field is not nullable, but got None."]},
    "FIELD_NOT_NULLABLE_WITH_NAME": {"message": ["<field_name>: This field is not nullable, but got None."]},
    "FIELD_DATA_TYPE_UNACCEPTABLE": {"message": ["<data_type> can not accept object <obj> in type <obj_type>."]},
    "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME": {
        "message": ["<field_name>: <data_type> can not accept object <obj> in type <obj_type>."]
    },
    "FIELD_STRUCT_LENGTH_MISMATCH": {
        "message": ["Length of object (<object_length>) does not match with length of fields (<field_length>)."]
    },
    "FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME": {
        "message": [
            "<field_name>: Length of object (<object_length>) does not match with length of fields (<field_length>)."
        ]
    },
    "VALUE_OUT_OF_BOUNDS": {
        "message": ["Value for `<arg_name>` must be between <lower_bound> and <upper_bound> (inclusive), got <actual>"]
    },
    # -- spatial types ---------------------------------------------------------------
    "ST_INVALID_SRID_VALUE": {
        "message": ["Invalid or unsupported SRID (spatial reference identifier) value: <srid>."],
        "sqlState": "22023",
    },
    "ST_INVALID_CRS_VALUE": {
        "message": ["Invalid or unsupported CRS (coordinate reference system) value: '<crs>'."],
        "sqlState": "22023",
    },
    "ST_INVALID_ALGORITHM_VALUE": {
        "message": ["Invalid or unsupported edge interpolation algorithm value: '<alg>'."],
        "sqlState": "22023",
    },
    "CANNOT_CONVERT_TYPE": {"message": ["Cannot convert <from_type> into <to_type>."]},
    "CANNOT_CONVERT_COLUMN_INTO_BOOL": {
        "message": [
            "Cannot convert column into bool (offending column: <column>): please use '&' for 'and', '|' for "
            "'or', '~' for 'not' when building DataFrame boolean expressions."
        ]
    },
    "CANNOT_SET_TOGETHER": {"message": ["<arg_list> should not be set together."]},
    "CANNOT_BE_EMPTY": {"message": ["At least one <item> must be specified."]},
    "CANNOT_BE_NONE": {"message": ["Argument `<arg_name>` cannot be None."]},
    "ARGUMENT_REQUIRED": {"message": ["Argument `<arg_name>` is required when <condition>."]},
    "INDEX_OUT_OF_RANGE": {"message": ["<arg_name> index out of range, got '<index>'."]},
    "KEY_NOT_EXISTS": {"message": ["Key `<key>` does not exist."]},
    "TOO_MANY_VALUES": {"message": ["Expected <expected> values for `<item>`, got <actual>."]},
    "READ_ONLY": {"message": ["<object> is read-only."]},
    "LENGTH_SHOULD_BE_THE_SAME": {
        "message": ["<arg1> and <arg2> should be of the same length, got <arg1_length> and <arg2_length>."]
    },
    "ZERO_INDEX": {"message": ["Index must be non-zero."]},
    "MIXED_TYPE_REPLACEMENT": {"message": ["Mixed type replacements are not supported."]},
    "INVALID_LIMIT_LIKE_EXPRESSION": {
        "message": ["The limit like expression <expr> is invalid."],
        "subClass": {
            "IS_NEGATIVE": {"message": ["The <name> expression must be equal to or greater than 0, but got <v>."]},
        },
        "sqlState": "42K0E",
    },
    "UNPIVOT_VALUE_DATA_TYPE_MISMATCH": {
        "message": ["Unpivot value columns must share a least common type, some types do not: [<types>]."],
        "sqlState": "42K09",
    },
    "INVALID_WHEN_USAGE": {
        "message": [
            "when() can only be applied on a Column previously generated by when() function, and cannot be "
            "applied once otherwise() is applied."
        ]
    },
    "VALUE_NOT_POSITIVE": {"message": ["Value for `<arg_name>` must be positive, got '<arg_value>'."]},
    "VALUE_NOT_ALLOWED": {
        "message": ["Value for `<arg_name>` has to be amongst the following values: <allowed_values>."]
    },
    # The sketch functions (runtime/src/functions/sketch/).
    "HLL_INVALID_INPUT_SKETCH_BUFFER": {
        "message": [
            "Invalid call to <function>; only valid HLL sketch buffers are supported as inputs (such as "
            "those produced by the `hll_sketch_agg` function)."
        ],
        "sqlState": "22546",
    },
    "HLL_INVALID_LG_K": {
        "message": [
            "Invalid call to <function>; the `lgConfigK` value must be between <min> and <max>, inclusive: "
            "<value>."
        ],
        "sqlState": "22546",
    },
    "HLL_UNION_DIFFERENT_LG_K": {
        "message": [
            "Sketches have different `lgConfigK` values: <left> and <right>. Set the "
            "`allowDifferentLgConfigK` parameter to true to call <function> with different `lgConfigK` "
            "values."
        ],
        "sqlState": "22000",
    },
    "INVALID_BITMAP_POSITION": {
        "message": [
            "The 0-indexed bitmap position <bitPosition> is out of bounds. The bitmap has <bitmapNumBits> "
            "bits (<bitmapNumBytes> bytes)."
        ],
        "sqlState": "22003",
    },
    "KLL_INVALID_INPUT_SKETCH_BUFFER": {
        "message": [
            "Invalid call to <function>; only valid KLL sketch buffers are supported as inputs (such as "
            "those produced by the `kll_sketch_agg` function)."
        ],
        "sqlState": "22000",
    },
    "KLL_SKETCH_INVALID_QUANTILE_RANGE": {
        "message": ["For function <functionName>, the quantile value must be between 0.0 and 1.0 (inclusive)."],
        "sqlState": "22003",
    },
    "KLL_SKETCH_K_OUT_OF_RANGE": {
        "message": [
            "For function <functionName>, the k parameter must be between 8 and 65535 (inclusive), but got "
            "<k>."
        ],
        "sqlState": "22003",
    },
    "SKETCH_INVALID_LG_NOM_ENTRIES": {
        "message": [
            "Invalid call to <function>; the `lgNomEntries` value must be between <min> and <max>, "
            "inclusive: <value>."
        ],
        "sqlState": "22003",
    },
    "THETA_INVALID_INPUT_SKETCH_BUFFER": {
        "message": [
            "Invalid call to <function>; only valid Theta sketch buffers are supported as inputs (such as "
            "those produced by the `theta_sketch_agg` function)."
        ],
        "sqlState": "22000",
    },
    "THETA_INVALID_INPUT_SKETCH_BUFFER_FAMILY": {
        "message": [
            "Invalid call to <function>: expected <expectedFamily> sketch family but received "
            "<actualFamily>. Only valid Theta sketch buffers (produced by `theta_sketch_agg`) are supported "
            "as inputs."
        ],
        "sqlState": "22000",
    },
    "TUPLE_INVALID_INPUT_SKETCH_BUFFER": {
        "message": [
            "Invalid call to <function>; only valid Tuple sketch buffers are supported as inputs (such as "
            "those produced by the corresponding `tuple_sketch_agg_*` function)."
        ],
        "sqlState": "22000",
    },
    "TUPLE_INVALID_SKETCH_MODE": {
        "message": ["Invalid call to <function>: mode '<mode>' is not supported. Valid modes are: <validModes>."],
        "sqlState": "22023",
    },
    # -- observed metrics (DataFrame.observe) --------------------------------------------
    "ONLY_ALLOWED_FOR_SINGLE_COLUMN": {"message": ["Argument `<arg_name>` can only be provided for a single column."]},
    "ZIP_PLANS_NOT_MERGEABLE": {
        "message": [
            "The two DataFrames in zip() cannot be merged. They must produce the same canonicalized plan after "
            "stripping outer Project chains, and must not contain non-scalar Python UDFs."
        ],
        "sqlState": "42K03",
    },
    # -- DataFrame.transpose ----------------------------------------------------------------
    "TRANSPOSE_EXCEED_ROW_LIMIT": {
        "message": [
            "Number of rows exceeds the allowed limit of <maxValues> for TRANSPOSE. If this was intended, set "
            "<config> to at least the current row count."
        ],
        "sqlState": "54006",
    },
    "TRANSPOSE_INVALID_INDEX_COLUMN": {"message": ["Invalid index column for TRANSPOSE because: <reason>"], "sqlState": "42804"},
    "TRANSPOSE_NO_LEAST_COMMON_TYPE": {
        "message": ["Transpose requires non-index columns to share a least common type, but <dt1> and <dt2> do not."],
        "sqlState": "42K09",
    },
    "NO_OBSERVE_BEFORE_GET": {"message": ["Should observe by calling `DataFrame.observe` before `get`."]},
    "REUSE_OBSERVATION": {"message": ["An Observation can be used with a DataFrame only once."]},
    "VALUE_NOT_NON_EMPTY_STR": {"message": ["Value for `<arg_name>` must be a non-empty string, got '<arg_value>'."]},
    "DUPLICATED_METRICS_NAME": {
        "message": [
            "The metric name is not unique: <metricName>. The same name cannot be used for metrics with different results.",
            "However multiple instances of metrics with with same result and name are allowed (e.g. self-joins).",
        ],
        "sqlState": "42710",
    },
    "INVALID_OBSERVED_METRICS": {
        "message": ["Invalid observed metrics."],
        "subClass": {
            "AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED": {
                "message": ["Aggregate expressions with DISTINCT are not allowed in observed metrics, but found: <expr>."]
            },
            "NESTED_AGGREGATES_UNSUPPORTED": {
                "message": ["Nested aggregates are not allowed in observed metrics, but found: <expr>."]
            },
            "NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE": {
                "message": ["Attribute <expr> can only be used as an argument to an aggregate function."]
            },
            "NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC": {
                "message": ["Non-deterministic expression <expr> can only be used as an argument to an aggregate function."]
            },
            "WINDOW_EXPRESSIONS_UNSUPPORTED": {
                "message": ["Window expressions are not allowed in observed metrics, but found: <expr>."]
            },
        },
        "sqlState": "42K0E",
    },
    # -- structured streaming (python/pyrust/sql/streaming/) ------------------------------
    "STREAM_FAILED": {
        "message": ["Query [id = <id>, runId = <runId>] terminated with exception: <message>"],
        "sqlState": "XXKST",
    },
    "STREAMING_OUTPUT_MODE": {
        "message": ["Invalid streaming output mode: <outputMode>."],
        "subClass": {
            "INVALID": {"message": ["Accepted output modes are 'Append', 'Complete', 'Update'."]},
            "UNSUPPORTED_DATASOURCE": {"message": ["This output mode is not supported in Data Source <className>."]},
            "UNSUPPORTED_OPERATION": {
                "message": ["This output mode is not supported for <operation> on streaming DataFrames/DataSets."]
            },
        },
        "sqlState": "42KDE",
    },
    "CALL_ON_STREAMING_DATASET_UNSUPPORTED": {
        "message": ["The method <methodName> can not be called on streaming Dataset/DataFrame."],
        "sqlState": "42KDE",
    },
    "WRITE_STREAM_NOT_ALLOWED": {
        "message": ["`writeStream` can be called only on streaming Dataset/DataFrame."],
        "sqlState": "42601",
    },
    "EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE": {
        "message": ['The event time <eventName> has the invalid type <eventType>, but expected "TIMESTAMP".'],
        "sqlState": "42K09",
    },
    "ONLY_ALLOW_SINGLE_TRIGGER": {"message": ["Only a single trigger is allowed."]},
    "ATTRIBUTE_NOT_CALLABLE": {"message": ["Attribute `<attr_name>` in provided object `<obj_name>` is not callable."]},
}

# Conditions PySpark raises from Python code.  Their str() has no
# "SQLSTATE: ..." suffix even when the table gives them a SQL state, because
# only the JVM appends it.
PYTHON_SIDE_CONDITIONS: frozenset[str] = frozenset(
    {
        "PACKAGE_NOT_INSTALLED",
        "UNSUPPORTED_PACKAGE_VERSION",
        "UNSUPPORTED_PLOT_BACKEND",
        "UNSUPPORTED_PLOT_BACKEND_PARAM",
        "UNSUPPORTED_PLOT_KIND",
        "UNSUPPORTED_PIE_PLOT_PARAM",
        "PLOT_INVALID_TYPE_COLUMN",
        "NOT_EXPECTED_TYPE",
        "VALUE_NOT_PLAIN_COLUMN_REFERENCE",
        "WRONG_NUM_COLUMNS",
        "NOT_IMPLEMENTED",
        "NOT_ITERABLE",
        "ATTRIBUTE_NOT_SUPPORTED",
        "UNSUPPORTED_OPERATION",
        "UNSUPPORTED_DATA_TYPE",
        "UNSUPPORTED_DATA_TYPE_FOR_ARROW_CONVERSION",
        "CANNOT_DETERMINE_TYPE",
        "CANNOT_INFER_EMPTY_SCHEMA",
        "CANNOT_INFER_SCHEMA_FOR_TYPE",
        "CANNOT_INFER_TYPE_FOR_FIELD",
        "CANNOT_MERGE_TYPE",
        "CANNOT_PARSE_DATATYPE",
        "KEY_VALUE_PAIR_REQUIRED",
        "UNEXPECTED_TUPLE_WITH_STRUCT",
        "NO_ACTIVE_OR_DEFAULT_SESSION",
        "ONLY_SUPPORTED_WITH_SPARK_CONNECT",
        "FIELD_NOT_NULLABLE",
        "FIELD_NOT_NULLABLE_WITH_NAME",
        "FIELD_DATA_TYPE_UNACCEPTABLE",
        "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME",
        "FIELD_STRUCT_LENGTH_MISMATCH",
        "FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME",
        "VALUE_OUT_OF_BOUNDS",
        "ST_INVALID_SRID_VALUE",
        "ST_INVALID_CRS_VALUE",
        "ST_INVALID_ALGORITHM_VALUE",
        "CANNOT_CONVERT_TYPE",
        "CANNOT_CONVERT_COLUMN_INTO_BOOL",
        "CANNOT_SET_TOGETHER",
        "CANNOT_BE_EMPTY",
        "CANNOT_BE_NONE",
        "ARGUMENT_REQUIRED",
        "INDEX_OUT_OF_RANGE",
        "KEY_NOT_EXISTS",
        "TOO_MANY_VALUES",
        "READ_ONLY",
        "LENGTH_SHOULD_BE_THE_SAME",
        "INVALID_WHEN_USAGE",
        "VALUE_NOT_POSITIVE",
        "VALUE_NOT_ALLOWED",
        "WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION",
        "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION",
        "HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN",
        "ZERO_INDEX",
        "MIXED_TYPE_REPLACEMENT",
        "NO_OBSERVE_BEFORE_GET",
        "ONLY_ALLOWED_FOR_SINGLE_COLUMN",
        "REUSE_OBSERVATION",
        "VALUE_NOT_NON_EMPTY_STR",
        "ONLY_ALLOW_SINGLE_TRIGGER",
        "ATTRIBUTE_NOT_CALLABLE",
    }
)
