# SPDX-License-Identifier: Apache-2.0
"""Write Substrait plans (protobuf binary) that nest ``depth`` levels deep.

Used to measure how deep a plan can nest before decoding or dropping it
overflows the stack (docs/fuzzing.md). The bytes are written by hand, inside
out, so the generator itself never recurses:

    python3 nesting.py rel 100000 > rel-100k.bin     # Rel<filter>.input chains
    python3 nesting.py expr 100000 > expr-100k.bin   # Expression<cast>.input chains
    python3 nesting.py group 60000 > group-60k.bin   # unknown-field groups in a Plan
    python3 nesting.py reference 5000 > ref-5k.bin   # ReferenceRel to the next relation
"""

from __future__ import annotations

import sys


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def key(field: int, wire_type: int = 2) -> bytes:
    return varint(field << 3 | wire_type)


def chain(leaf: bytes, links: list[tuple[int, ...]], depth: int) -> bytes:
    """Wrap ``leaf`` in ``depth`` repetitions of ``links``: each link is a field number
    path from the outer to the inner message (all length-delimited)."""
    # Build the field list from the inside out; remember each header and write them
    # outer-first at the end, so no byte is copied more than once.
    headers: list[bytes] = []
    length = len(leaf)
    fields = [field for _ in range(depth) for link in links for field in link]
    for field in reversed(fields):
        header = key(field) + varint(length)
        headers.append(header)
        length += len(header)
    return b"".join(reversed(headers)) + leaf


def plan(rel: bytes) -> bytes:
    version = key(6) + varint(2) + key(2, 0) + varint(85)  # Version { minor_number: 85 }
    root = key(1) + varint(len(rel)) + rel  # RelRoot.input
    plan_rel = key(2) + varint(len(root)) + root  # PlanRel.root
    return version + key(3) + varint(len(plan_rel)) + plan_rel  # Plan.relations


def empty_read() -> bytes:
    return key(1) + varint(0)  # Rel.read = ReadRel {}


def main() -> None:
    kind, depth = sys.argv[1], int(sys.argv[2])
    if kind == "rel":
        # Rel { filter(2): FilterRel { input(2): Rel { ... } } }
        data = plan(chain(empty_read(), [(2, 2)], depth))
    elif kind == "expr":
        # Rel { filter(2): FilterRel { input(2): <read>, condition(3): Expression { cast(11): Cast { input(2): ... } } } }
        literal = key(1) + varint(2) + key(1, 0) + varint(1)  # Expression.literal = Literal { boolean: true }
        condition = chain(literal, [(11, 2)], depth)
        filter_rel = key(2) + varint(len(empty_read())) + empty_read() + key(3) + varint(len(condition)) + condition
        data = plan(key(2) + varint(len(filter_rel)) + filter_rel)
    elif kind == "reference":
        # A flat list of relations, each a ReferenceRel to the next: nothing nests
        # on the wire, but following the references is `depth` levels deep.
        relations = b""
        for ordinal in range(depth):
            reference = key(1, 0) + varint(ordinal + 1)  # ReferenceRel.subtree_ordinal
            rel = key(21) + varint(len(reference)) + reference  # Rel.reference
            plan_rel = key(1) + varint(len(rel)) + rel  # PlanRel.rel
            relations += key(3) + varint(len(plan_rel)) + plan_rel
        rel = empty_read()
        plan_rel = key(1) + varint(len(rel)) + rel
        relations += key(3) + varint(len(plan_rel)) + plan_rel
        data = key(6) + varint(2) + key(2, 0) + varint(85) + relations
    elif kind == "group":
        # Unknown field 15 of Plan as nested protobuf groups (start tags, then end tags).
        data = bytes([15 << 3 | 3]) * depth + bytes([15 << 3 | 4]) * depth
    else:
        raise SystemExit(f"unknown kind {kind!r}: rel, expr, reference or group")
    sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
