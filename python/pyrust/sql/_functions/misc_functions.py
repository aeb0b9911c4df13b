"""Hash, JSON/CSV/XML and miscellaneous functions (Spark's ``hash_funcs``,
``json_funcs``, ``misc_funcs``...), and the one table of Spark functions pyrust
knows it does not have (``UNSUPPORTED``): each raises NOT_IMPLEMENTED naming
the function and why, from the public wrapper and from the analyzer (so
``call_function("udf", ...)`` says so too)."""

from __future__ import annotations

import getpass
import os

from pyrust.sql import _extensions as ext
from pyrust.sql import types as T
from pyrust.sql._bound import Bound, cast_to, literal, not_implemented, scalar_call, type_mismatch
from pyrust.sql import _proto
from pyrust.sql._functions._inputs import BINARY, INT, LONG, STRING
from pyrust.sql._functions._table import scalar

SPARK_MISC = "extension:dev.pyrust:functions_spark_misc"

_GEOSPATIAL = "pyrust has no GEOMETRY/GEOGRAPHY types"
_JVM = "calling a Java method needs a JVM"
_FILES = "pyrust's engine does not record the file each row was read from"

# Spark functions pyrust does not implement, with why (the public wrapper of
# each exists: ``pyrust.sql.functions._misc``).
UNSUPPORTED: dict[str, str] = {
    **dict.fromkeys("st_asbinary st_geogfromwkb st_geomfromwkb st_setsrid st_srid".split(), _GEOSPATIAL),
    **dict.fromkeys("java_method reflect try_reflect".split(), _JVM),
    "unwrap_udt": "pyrust has no user-defined types",
    "bucket": "partition transforms are only meaningful in DataFrameWriterV2.partitionedBy, which pyrust lacks",
    **dict.fromkeys("input_file_name input_file_block_start input_file_block_length".split(), _FILES),
    "version": "pyrust is not Spark: it has no Spark version and build to report",
}


def unsupported(name: str):
    """The NOT_IMPLEMENTED error of a function of ``UNSUPPORTED``."""
    return not_implemented(f"{name} ({UNSUPPORTED[name]})")


def _refuse(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    raise unsupported(call.function.lower())


def _type_of(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """Spark's name of the argument's type (``int``, ``array<string>``...)."""
    return literal(arguments[0].data_type.simpleString(), T.StringType(), name)


def _constant(value: str):
    def resolve(analyzer, call, arguments: list[Bound], name: str) -> Bound:
        return literal(value, T.StringType(), name)

    return resolve


def _user() -> str:
    """The user Spark reports: ``SPARK_USER`` if set, else the operating system's user."""
    return os.environ.get("SPARK_USER") or getpass.getuser()


def _current_user(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    return literal(_user(), T.StringType(), name)


def _uuid(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """A random UUID per row; with a seed, Spark's values: its per-partition
    generator seeded with ``seed + partition index``, which the engine reproduces
    where its partitions are Spark's (``per_partition.rs``). Spark names it
    ``uuid()`` either way."""
    from pyrust.sql._functions.math_functions import seed_of

    seed = [seed_of(arguments[0], "uuid()")] if arguments else []
    return scalar_call(SPARK_MISC, "uuid", seed, T.StringType(), "uuid()", nullable=False)


scalar("uuid", SPARK_MISC, resolve=_uuid)
# Spark's values depend on each row's partition: the engine gives them where its
# partitions are Spark's and refuses elsewhere (runtime/src/functions/misc/per_partition.rs).
scalar("spark_partition_id", SPARK_MISC, result=T.IntegerType(), nullable=False, column_name=lambda names: "SPARK_PARTITION_ID()")
scalar("monotonically_increasing_id", SPARK_MISC, result=T.LongType(), nullable=False)
scalar("hmac", SPARK_MISC, inputs=(BINARY, BINARY, STRING), defaults={2: ("SHA-256", T.StringType())})
# Spark fills in the mode, padding, vector and data it was not given, and prints them
# (the empty ones as nothing): aes_encrypt(input, key, GCM, DEFAULT, , ).
_AES_DEFAULTS = {2: ("GCM", T.StringType()), 3: ("DEFAULT", T.StringType()), 4: ("", T.StringType()), 5: ("", T.StringType())}
scalar("aes_encrypt", SPARK_MISC, inputs=(BINARY, BINARY, STRING, STRING, BINARY, BINARY), defaults=_AES_DEFAULTS, nullable=True)
_AES_DECRYPT_DEFAULTS = {2: ("GCM", T.StringType()), 3: ("DEFAULT", T.StringType()), 4: ("", T.StringType())}
scalar("aes_decrypt", SPARK_MISC, inputs=(BINARY, BINARY, STRING, STRING, BINARY), defaults=_AES_DECRYPT_DEFAULTS, nullable=True)
scalar("try_aes_decrypt", SPARK_MISC, inputs=(BINARY, BINARY, STRING, STRING, BINARY), defaults=_AES_DECRYPT_DEFAULTS, nullable=True)
scalar("md5", SPARK_MISC, inputs=(BINARY,))
scalar("sha1", SPARK_MISC, aliases=("sha",), inputs=(BINARY,))
scalar("sha2", SPARK_MISC, inputs=(BINARY, INT))
scalar("crc32", SPARK_MISC, inputs=(BINARY,))
scalar("hash", SPARK_MISC)
scalar("bitmap_bit_position", SPARK_MISC, inputs=(LONG,))
scalar("bitmap_bucket_number", SPARK_MISC, inputs=(LONG,))
scalar("bitmap_count", SPARK_MISC, inputs=(BINARY,))
scalar("xxhash64", SPARK_MISC)

def _raise(message: Bound, name: str) -> Bound:
    # Spark casts the message to a string as it casts any function's argument.
    if not isinstance(message.data_type, T.AtomicType):
        raise type_mismatch(name, "string", message.name, message.data_type, 0)
    call = scalar_call(SPARK_MISC, "raise_error", [cast_to(message, T.StringType())], T.StringType(), name, True)
    return Bound(call.proto, T.NullType(), True, name)


def _raise_error(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """Fails the query with the message (Spark's ``USER_RAISED_EXCEPTION``)."""
    return _raise(arguments[0], name)


def _raise_error_name(arguments: list[str]) -> str:
    return f"raise_error(USER_RAISED_EXCEPTION, map(errorMessage, {arguments[0]}))"


def _assert_true(analyzer, call, arguments: list[Bound], name: str) -> Bound:
    """Null where the condition holds; fails the query where it is false or null."""
    condition = arguments[0]
    if not isinstance(condition.data_type, T.BooleanType):
        raise type_mismatch(name, "boolean", condition.name, condition.data_type, 0)
    message = arguments[1] if len(arguments) > 1 else literal(_default_message(condition.name), T.StringType())
    failure = _raise(message, name)
    proto = _proto.if_then([(condition.proto, _proto.literal(None, T.NullType()))], failure.proto)
    return Bound(proto, T.NullType(), True, name)


def _default_message(condition: str) -> str:
    return f"'{condition}' is not true!"


def _assert_true_name(arguments: list[str]) -> str:
    message = arguments[1] if len(arguments) > 1 else _default_message(arguments[0])
    return f"assert_true({arguments[0]}, {message})"


scalar("raise_error", SPARK_MISC, resolve=_raise_error, column_name=_raise_error_name)
scalar("assert_true", SPARK_MISC, resolve=_assert_true, column_name=_assert_true_name)

# The one catalog and database pyrust has, named as Spark's defaults.
scalar("current_catalog", ext.SPARK, resolve=_constant("spark_catalog"))
scalar("current_path", ext.SPARK, resolve=_constant("system.builtin,system.session,spark_catalog.default"))
scalar("current_database", ext.SPARK, aliases=("current_schema",), resolve=_constant("default"),
       column_name="current_schema()")
scalar("current_user", ext.SPARK, aliases=("user", "session_user"), resolve=_current_user)
scalar("typeof", ext.SPARK, resolve=_type_of)

for _name in UNSUPPORTED:
    scalar(_name, ext.SPARK, resolve=_refuse)
