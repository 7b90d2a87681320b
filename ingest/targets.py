"""Targets (chỉ tiêu): indicator, value, comparator, period and the unit assigned, with exact spans."""

from __future__ import annotations

from typing import TypedDict

from ingest.facts import Field, Task
from ingest.model import Block


class Target(TypedDict):
    start: int
    end: int
    section: str
    indicator: Field
    value: Field
    comparator: str
    measure: str
    period: str
    due_end: str | None
    lead: list[str]


def extract_targets(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[Target]:
    return []
