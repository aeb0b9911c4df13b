"""Hash, JSON/CSV/XML and miscellaneous functions.

The functions pyrust does not implement are one table below (``_SIGNATURES``,
PySpark's parameters of each): their wrappers raise NOT_IMPLEMENTED naming the
function and why (``_functions.misc_functions.UNSUPPORTED``).
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

from pyrust.errors import PySparkValueError
from pyrust.sql._expressions import Call
from pyrust.sql._functions.misc_functions import UNSUPPORTED, unsupported
from pyrust.sql.column import Column, _to_column
from pyrust.sql.functions._core import call, call_with_values, lit

__all__ = [
    "aes_decrypt",
    "aes_encrypt",
    "assert_true",
    "bitmap_bit_position",
    "bitmap_bucket_number",
    "bitmap_count",
    "broadcast",
    "call_function",
    "crc32",
    "current_catalog",
    "current_database",
    "current_path",
    "current_schema",
    "current_user",
    "hash",
    "hmac",
    "md5",
    "monotonically_increasing_id",
    "raise_error",
    "session_user",
    "sha",
    "sha1",
    "sha2",
    "spark_partition_id",
    "try_aes_decrypt",
    "typeof",
    "user",
    "uuid",
    "xxhash64",
]


def hmac(key: Column | str, message: Column | str, algorithm: Column | str | None = None) -> Column:
    """The HMAC of ``message`` under ``key`` with ``algorithm`` (SHA-256 unless given), as bytes."""
    return call("hmac", key, message) if algorithm is None else call("hmac", key, message, algorithm)


def aes_encrypt(
    input: Column | str,  # noqa: A002 - PySpark's name
    key: Column | str,
    mode: Column | str | None = None,
    padding: Column | str | None = None,
    iv: Column | str | None = None,
    aad: Column | str | None = None,
) -> Column:
    """``input`` encrypted with AES under ``key`` (GCM unless another mode is given);
    CBC and GCM write their initialization vector, random unless given, first."""
    return call(
        "aes_encrypt", input, key,
        lit("GCM") if mode is None else mode,
        lit("DEFAULT") if padding is None else padding,
        lit("") if iv is None else iv,
        lit("") if aad is None else aad,
    )  # fmt: skip


def aes_decrypt(
    input: Column | str,  # noqa: A002 - PySpark's name
    key: Column | str,
    mode: Column | str | None = None,
    padding: Column | str | None = None,
    aad: Column | str | None = None,
) -> Column:
    """``input`` (as ``aes_encrypt`` writes it) decrypted with AES under ``key``."""
    return call("aes_decrypt", *_aes_decrypt_arguments(input, key, mode, padding, aad))


def try_aes_decrypt(
    input: Column | str,  # noqa: A002 - PySpark's name
    key: Column | str,
    mode: Column | str | None = None,
    padding: Column | str | None = None,
    aad: Column | str | None = None,
) -> Column:
    """As ``aes_decrypt``, but null where decryption fails."""
    return call("try_aes_decrypt", *_aes_decrypt_arguments(input, key, mode, padding, aad))


def _aes_decrypt_arguments(input: Any, key: Any, mode: Any, padding: Any, aad: Any) -> list[Any]:  # noqa: A002
    return [
        input, key,
        lit("GCM") if mode is None else mode,
        lit("DEFAULT") if padding is None else padding,
        lit("") if aad is None else aad,
    ]  # fmt: skip


def uuid(seed: Column | int | None = None) -> Column:
    """A random version-4 UUID per row, as a string (a seeded one is not implemented:
    Spark draws it from its per-partition random sequence)."""
    return call("uuid") if seed is None else call_with_values("uuid", seed)


def spark_partition_id() -> Column:
    """The index of the partition the row is in, as Spark numbers them.

    Examples
    --------
    >>> from pyrust.sql import SparkSession, functions as sf
    >>> spark = SparkSession.builder.getOrCreate()
    >>> spark.range(0, 4, 1, 2).select("id", sf.spark_partition_id()).show()
    +---+--------------------+
    | id|SPARK_PARTITION_ID()|
    +---+--------------------+
    |  0|                   0|
    |  1|                   0|
    |  2|                   1|
    |  3|                   1|
    +---+--------------------+
    <BLANKLINE>
    """
    return call("spark_partition_id")


def monotonically_increasing_id() -> Column:
    """Increasing 64-bit ids: the partition index in the upper 31 bits, the row's
    position in its partition in the lower 33."""
    return call("monotonically_increasing_id")


def md5(col: Column | str) -> Column:
    """The MD5 digest of the bytes (strings as UTF-8), in hexadecimal."""
    return call("md5", col)


def sha1(col: Column | str) -> Column:
    """The SHA-1 digest of the bytes (strings as UTF-8), in hexadecimal."""
    return call("sha1", col)


def sha(col: Column | str) -> Column:
    """The SHA-1 digest, as ``sha1``."""
    return call("sha", col)


_SHA2_BITS = (0, 224, 256, 384, 512)


def sha2(col: Column | str, numBits: int) -> Column:  # noqa: N803 - PySpark's name
    """The SHA-2 digest with ``numBits`` of 224, 256 (or 0), 384 or 512, in hexadecimal.

    >>> sha2("s", 256)
    Column<'sha2(s, 256)'>
    """
    if numBits not in _SHA2_BITS:
        raise PySparkValueError(
            errorClass="VALUE_NOT_ALLOWED",
            messageParameters={"arg_name": "numBits", "allowed_values": str(list(_SHA2_BITS))},
        )
    return call_with_values("sha2", _to_column(col), numBits)


def crc32(col: Column | str) -> Column:
    """The CRC-32 checksum of the bytes, as a bigint."""
    return call("crc32", col)


def hash(*cols: Column | str) -> Column:  # noqa: A001 - PySpark's name
    """Spark's 32-bit Murmur3 hash of the values (seed 42); never null."""
    return call("hash", *cols)


def xxhash64(*cols: Column | str) -> Column:
    """Spark's 64-bit xxHash of the values (seed 42); never null."""
    return call("xxhash64", *cols)


def raise_error(errMsg: Column | str) -> Column:  # noqa: N803 - PySpark's name
    """Fails the query with ``errMsg`` (a column, or a string message)."""
    return call_with_values("raise_error", errMsg)


def assert_true(col: Column | str, errMsg: Column | str | None = None) -> Column:  # noqa: N803
    """Null where ``col`` is true; fails the query where it is false or null, with
    ``errMsg`` or ``'<col>' is not true!``."""
    if errMsg is None:
        return call("assert_true", col)
    return call_with_values("assert_true", _to_column(col), errMsg)


def bitmap_bit_position(col: Column | str) -> Column:
    """The position of the value's bit in its bitmap bucket (buckets of 32768 bits)."""
    return call("bitmap_bit_position", col)


def bitmap_bucket_number(col: Column | str) -> Column:
    """The number of the value's bitmap bucket (buckets of 32768 bits)."""
    return call("bitmap_bucket_number", col)


def bitmap_count(col: Column | str) -> Column:
    """The number of bits set in a bitmap (binary)."""
    return call("bitmap_count", col)


def typeof(col: Column | str) -> Column:
    """The name of the value's type, as Spark writes it (``int``, ``array<string>``...)."""
    return call("typeof", col)


def current_catalog() -> Column:
    """The current catalog's name (``spark_catalog``, pyrust's only catalog)."""
    return call("current_catalog")


def current_path() -> Column:
    """Where unqualified function names are looked up, as Spark lists it."""
    return call("current_path")


def current_database() -> Column:
    """The current database's name (``default``, pyrust's only database)."""
    return call("current_database")


def current_schema() -> Column:
    """The current database's name (as ``current_database``)."""
    return call("current_schema")


def current_user() -> Column:
    """The user running the session (``SPARK_USER``, else the operating system's user)."""
    return call("current_user")


def user() -> Column:
    """The user running the session (as ``current_user``)."""
    return call("user")


def session_user() -> Column:
    """The user running the session (as ``current_user``)."""
    return call("session_user")


def call_function(funcName: str, *cols: Column | str) -> Column:  # noqa: N803 - PySpark's name
    """The Spark function named ``funcName`` over ``cols``.

    >>> call_function("upper", "name")
    Column<'upper(name)'>
    """
    return Column(Call(funcName, tuple(_to_column(item)._expression for item in cols)))


def broadcast(df: Any) -> Any:
    """``df`` marked for a broadcast join (``df.hint("broadcast")``): a join builds it as
    its collected side where Spark may broadcast it; no result changes."""
    return df.hint("broadcast")


# PySpark's parameters of each function pyrust does not implement.
_SIGNATURES: dict[str, str] = {
    "bucket": "numBuckets, col",
    "input_file_block_length": "",
    "input_file_block_start": "",
    "input_file_name": "",
    "java_method": "*cols",
    "reflect": "*cols",
    "st_asbinary": "geo, endianness=None",
    "st_geogfromwkb": "wkb",
    "st_geomfromwkb": "wkb, srid=None",
    "st_setsrid": "geo, srid",
    "st_srid": "geo",
    "try_reflect": "*cols",
    "unwrap_udt": "col",
    "version": "",
}


def _parameters(spec: str) -> list[inspect.Parameter]:
    parameters = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        if item.startswith("*"):
            parameters.append(inspect.Parameter(item[1:], inspect.Parameter.VAR_POSITIONAL))
            continue
        name, _, default = item.partition("=")
        if not default:
            parameters.append(inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD))
            continue
        try:
            value = ast.literal_eval(default)
        except ValueError:
            value = None  # a default that is not a literal (udf's StringType())
        parameters.append(inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=value))
    return parameters


def _unsupported_wrapper(name: str, spec: str):
    signature = inspect.Signature(_parameters(spec))

    def wrapper(*args: Any, **kwargs: Any) -> Column:
        signature.bind(*args, **kwargs)  # a TypeError for wrong arguments, as a real function gives
        raise unsupported(name)

    wrapper.__name__ = wrapper.__qualname__ = name
    wrapper.__signature__ = signature
    wrapper.__doc__ = f"Not implemented in pyrust: {UNSUPPORTED[name]}."
    wrapper.__module__ = __name__
    return wrapper


for _name, _spec in _SIGNATURES.items():
    globals()[_name] = _unsupported_wrapper(_name, _spec)
__all__ += sorted(_SIGNATURES)
