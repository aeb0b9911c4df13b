"""What a producer hands over: plan bytes plus the table names the plan reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from substrait import plan_pb2


@dataclass(frozen=True)
class ProducedPlan:
    plan: bytes
    # The plan's table name -> the interop table it stands for, for producers that
    # name tables themselves (pyrust names the tables behind DataFrames).
    aliases: dict[str, str] = field(default_factory=dict)

    def table_names(self) -> dict[str, str]:
        """Each table name the plan reads -> the interop table to serve under it."""
        return {name: self.aliases.get(name, name) for name in named_tables(self.plan)}


def named_tables(plan_bytes: bytes) -> list[str]:
    """The last part of every ``ReadRel.named_table`` in a plan, subqueries included."""
    plan = plan_pb2.Plan()
    plan.ParseFromString(plan_bytes)
    found: list[str] = []

    def walk(message) -> None:
        for descriptor, value in message.ListFields():
            if descriptor.message_type is None:
                continue
            values = value if not hasattr(value, "ListFields") else [value]  # repeated or single
            for item in values:
                if descriptor.name == "named_table" and item.names:
                    found.append(item.names[-1])
                elif hasattr(item, "ListFields"):
                    walk(item)

    walk(plan)
    return sorted(set(found))
