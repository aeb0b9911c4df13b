"""PySpark's ``StorageLevel``: how a cached DataFrame is kept.

pyrust keeps every cached DataFrame as Arrow record batches in memory,
whatever level is asked for; the level is recorded and reported back, as
PySpark reports it.
"""

from __future__ import annotations

__all__ = ["StorageLevel"]


class StorageLevel:
    """Where cached data lives (disk, memory, off heap), whether deserialized, and how many copies."""

    NONE: StorageLevel
    DISK_ONLY: StorageLevel
    DISK_ONLY_2: StorageLevel
    DISK_ONLY_3: StorageLevel
    MEMORY_ONLY: StorageLevel
    MEMORY_ONLY_2: StorageLevel
    MEMORY_AND_DISK: StorageLevel
    MEMORY_AND_DISK_2: StorageLevel
    OFF_HEAP: StorageLevel
    MEMORY_AND_DISK_DESER: StorageLevel

    def __init__(self, useDisk: bool, useMemory: bool, useOffHeap: bool, deserialized: bool, replication: int = 1) -> None:  # noqa: N803 - PySpark's names
        self.useDisk = useDisk
        self.useMemory = useMemory
        self.useOffHeap = useOffHeap
        self.deserialized = deserialized
        self.replication = replication

    def _fields(self) -> tuple[bool, bool, bool, bool, int]:
        return (self.useDisk, self.useMemory, self.useOffHeap, self.deserialized, self.replication)

    def __repr__(self) -> str:
        return "StorageLevel({}, {}, {}, {}, {})".format(*self._fields())

    def __str__(self) -> str:
        parts = ["Disk " if self.useDisk else "", "Memory " if self.useMemory else "", "OffHeap " if self.useOffHeap else ""]
        parts.append("Deserialized " if self.deserialized else "Serialized ")
        parts.append(f"{self.replication}x Replicated")
        return "".join(parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StorageLevel) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())


StorageLevel.NONE = StorageLevel(False, False, False, False)
StorageLevel.DISK_ONLY = StorageLevel(True, False, False, False)
StorageLevel.DISK_ONLY_2 = StorageLevel(True, False, False, False, 2)
StorageLevel.DISK_ONLY_3 = StorageLevel(True, False, False, False, 3)
StorageLevel.MEMORY_ONLY = StorageLevel(False, True, False, False)
StorageLevel.MEMORY_ONLY_2 = StorageLevel(False, True, False, False, 2)
StorageLevel.MEMORY_AND_DISK = StorageLevel(True, True, False, False)
StorageLevel.MEMORY_AND_DISK_2 = StorageLevel(True, True, False, False, 2)
StorageLevel.OFF_HEAP = StorageLevel(True, True, True, False, 1)
StorageLevel.MEMORY_AND_DISK_DESER = StorageLevel(True, True, False, True)
