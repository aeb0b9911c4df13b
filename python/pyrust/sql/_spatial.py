"""Spatial types and values: ``GeometryType``/``GeographyType`` and ``Geometry``/``Geography``.

PySpark 4.1 added them: a value is well-known binary (WKB) plus a spatial
reference id (SRID); a type is parameterised by the SRID its values share, or
``"ANY"`` for values of mixed SRIDs. In JSON a type names its coordinate
reference system (CRS) instead of the SRID (``"geometry(OGC:CRS84)"``).

PyRust has the Python side only (constructors, reprs, simple strings, JSON,
DDL); its engine has no spatial columns, so a DataFrame holding one raises
NOT_IMPLEMENTED (:func:`pyrust.sql.types.to_arrow_type`).
:mod:`pyrust.sql.types` re-exports everything public here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pyrust.errors import IllegalArgumentException
from pyrust.sql.types import AtomicType

# The reference systems Spark 4.3 knows: SRID -> (CRS string id, whether it is
# geographic). Geometry takes any of them, geography only geographic ones.
_REFERENCE_SYSTEMS: dict[int, tuple[str, bool]] = {
    0: ("SRID:0", False),
    3857: ("EPSG:3857", False),
    4326: ("OGC:CRS84", True),
}


def _invalid(condition: str, name: str, value: Any) -> IllegalArgumentException:
    return IllegalArgumentException(errorClass=condition, messageParameters={name: str(value)})


class SpatialType(AtomicType):
    """Base of :class:`GeometryType` and :class:`GeographyType`."""

    # The SRID and CRS that stand for "values of any SRID".
    MIXED_SRID = -1
    MIXED_CRS = "SRID:ANY"
    DEFAULT_CRS = "OGC:CRS84"
    DEFAULT_SRID = 4326

    # Whether this kind of type takes only geographic reference systems.
    _geographic_only: ClassVar[bool] = False

    def __init__(self, srid: int | str) -> None:
        if srid == "ANY":
            self.srid = self.MIXED_SRID
            self._crs = self.MIXED_CRS
            return
        crs = self._crs_of(srid) if isinstance(srid, int) and not isinstance(srid, bool) else None
        if crs is None:
            raise _invalid("ST_INVALID_SRID_VALUE", "srid", srid)
        self.srid = srid
        self._crs = crs

    @classmethod
    def _crs_of(cls, srid: int) -> str | None:
        known = _REFERENCE_SYSTEMS.get(srid)
        if known is None or (cls._geographic_only and not known[1]):
            return None
        return known[0]

    @classmethod
    def _srid_of(cls, crs: str) -> int | None:
        for srid, (string_id, geographic) in _REFERENCE_SYSTEMS.items():
            if string_id == crs and (geographic or not cls._geographic_only):
                return srid
        return None

    @classmethod
    def _with_crs(cls, crs: str) -> SpatialType:
        """The type a JSON CRS names (``"SRID:ANY"`` in any letter case is the mixed type)."""
        if crs.lower() == cls.MIXED_CRS.lower():
            return cls("ANY")
        srid = cls._srid_of(crs)
        if srid is None:
            raise _invalid("ST_INVALID_CRS_VALUE", "crs", crs)
        return cls(srid)

    def _srid_text(self) -> str:
        return "any" if self.srid == self.MIXED_SRID else str(self.srid)

    def simpleString(self) -> str:
        return f"{self.typeName()}({self._srid_text()})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._srid_text().upper()})"

    def needConversion(self) -> bool:
        return True


class GeometryType(SpatialType):
    """Spatial objects in a Cartesian coordinate system (OGC Simple Features).

    Examples
    --------
    >>> GeometryType(4326).simpleString(), GeometryType("ANY").json()
    ('geometry(4326)', '"geometry(SRID:ANY)"')
    """

    def jsonValue(self) -> str:
        return f"geometry({self._crs})"

    def toInternal(self, geometry: Any) -> Any:
        return None if geometry is None else {"srid": geometry.srid, "wkb": geometry.wkb}

    def fromInternal(self, obj: Any) -> Geometry | None:
        if obj is None or "srid" not in obj or "bytes" not in obj:
            return None
        return Geometry(obj["bytes"], obj["srid"])


class GeographyType(SpatialType):
    """Spatial objects in a geographic coordinate system (OGC Simple Features);
    edges follow great circles (the ``SPHERICAL`` algorithm, the only one).

    Examples
    --------
    >>> GeographyType(4326).json()
    '"geography(OGC:CRS84, SPHERICAL)"'
    """

    DEFAULT_ALG = "SPHERICAL"
    _geographic_only = True

    def __init__(self, srid: int | str) -> None:
        super().__init__(srid)
        self._alg = self.DEFAULT_ALG

    @classmethod
    def _with_crs_and_algorithm(cls, crs: str, algorithm: str) -> SpatialType:
        if algorithm != cls.DEFAULT_ALG:
            raise _invalid("ST_INVALID_ALGORITHM_VALUE", "alg", algorithm)
        return cls._with_crs(crs)

    def jsonValue(self) -> str:
        return f"geography({self._crs}, {self._alg})"

    def toInternal(self, geography: Any) -> Any:
        return None if geography is None else {"srid": geography.srid, "wkb": geography.wkb}

    def fromInternal(self, obj: Any) -> Geography | None:
        if obj is None or "srid" not in obj or "bytes" not in obj:
            return None
        return Geography(obj["bytes"], obj["srid"])


class _SpatialValue:
    """A spatial value: its WKB bytes and its SRID."""

    def __init__(self, wkb: bytes, srid: int) -> None:
        self.wkb = wkb
        self.srid = srid

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.wkb!r}, {int(self.srid)})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.wkb == other.wkb and self.srid == other.srid

    # Mutable and compared by value, as PySpark's: not hashable.
    __hash__ = None  # type: ignore[assignment]

    def getSrid(self) -> int:
        """The value's spatial reference id."""
        return self.srid

    def getBytes(self) -> bytes:
        """The value's well-known binary (WKB)."""
        return self.wkb

    @classmethod
    def fromWKB(cls, wkb: bytes, srid: int) -> Any:
        """A value from its well-known binary and SRID."""
        return cls(wkb, srid)


class Geometry(_SpatialValue):
    """A geometry value (WKB and SRID), as a ``GeometryType`` column holds.

    Examples
    --------
    >>> point = Geometry.fromWKB(bytes.fromhex("0101000000000000000000f03f0000000000000040"), 0)
    >>> point.getSrid(), point.getBytes().hex()
    (0, '0101000000000000000000f03f0000000000000040')
    """


class Geography(_SpatialValue):
    """A geography value (WKB and SRID), as a ``GeographyType`` column holds.

    Examples
    --------
    >>> Geography.fromWKB(b"\\x01", 4326) == Geography(b"\\x01", 4326)
    True
    """
