"""Reporting duties: who reports what to whom and when, with exact spans."""

from __future__ import annotations

from typing import TypedDict

from ingest.facts import Field, Task
from ingest.model import Block


class ReportingDuty(TypedDict):
    start: int
    end: int
    section: str
    reporter: list[str]
    recipient: list[str]
    what: Field | None
    timing: Field | None
    recurrence: str
    day: int | None
    month: int | None
    due_end: str | None


def reporting_duties(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[ReportingDuty]:
    return []
