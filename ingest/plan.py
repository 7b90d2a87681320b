"""Stage 7 — the plan model: who does what by when, which targets, who reports what to whom.

Built on the tasks of the facts stage (`ingest.facts`), with their exact spans:

- an **assignment** is a task with its units read as lists (lead, co) and its timing normalized
  (`due_start`, `due_end`, `recurrence`), whichever form the plan wrote it in; items of a task section
  that name no responsible unit are kept as assignments of kind "item" (what a lower plan must carry
  out of a higher one is often written that way), never as tasks of the chunks;
- a **target** (chỉ tiêu) is an indicator with a value, a comparator and a period (`ingest.targets`);
- a **reporting duty** is who reports what to whom and when (`ingest.reporting`).

Everything keeps exact spans into the normalized text, so the board and the answers can cite the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.vocab.dates import deadline_phrase, parse_timing, plan_year
from assistant.vocab.numbering import strip_marker
from assistant.vocab.parts import is_closing
from assistant.vocab.units import units_of
from ingest.facts import (
    Field,
    Task,
    is_decision_article,
    is_end_section,
    is_framing,
    is_goal_section,
    is_preamble,
    list_mark,
    opens_list,
)
from ingest.model import META_BLOCKS, META_PLAN, META_TASKS, Block
from ingest.reporting import ReportingDuty, reporting_duties
from ingest.targets import Target, extract_targets

AssignmentKind = Literal["assigned", "item"]
_MIN_ITEM_CHARS = 25


class Assignment(TypedDict):
    kind: AssignmentKind
    source: str  # table_row | fields | unit_duties | sentence | item
    start: int
    end: int
    section: str
    task: Field
    lead: list[str]
    co: list[str]
    timing: Field | None
    due_start: str | None
    due_end: str | None
    recurrence: str
    day: int | None
    month: int | None
    product: Field | None
    fields: dict[str, Field]


class Plan(TypedDict):
    assignments: list[Assignment]
    targets: list[Target]
    duties: list[ReportingDuty]


def assignment_of(task: Task, default_year: int | None) -> Assignment:
    fields = task["fields"]
    timing = fields.get("timing")
    t = parse_timing(timing["text"], default_year) if timing else None
    lead = units_of(fields["lead"]["text"]) if "lead" in fields else []
    co = units_of(fields["co"]["text"]) if "co" in fields else []
    assigned = bool(lead) or task["source"] in ("table_row", "fields")
    return Assignment(
        kind="assigned" if assigned else "item", source=task["source"], start=task["start"], end=task["end"],
        section=task["section"], task=fields["task"], lead=lead, co=co, timing=timing,
        due_start=t.due_start if t else None, due_end=t.due_end if t else None,
        recurrence=t.recurrence if t else "none", day=t.day if t else None, month=t.month if t else None,
        product=fields.get("product"), fields=dict(fields),
    )


def _item_tasks(text: str, blocks: list[Block], tasks: list[Task]) -> list[Task]:
    """Items of task sections that name no unit: 'Phát triển hạ tầng số …' under 'III. NHIỆM VỤ, GIẢI PHÁP'."""
    taken = [(t["start"], t["end"]) for t in tasks]
    out: list[Task] = []
    for i, b in enumerate(blocks):
        if b["kind"] not in ("paragraph", "list_item") or not b["section"]:
            continue
        section = b["section"]
        if is_framing(section) or is_end_section(section) or is_goal_section(section) or is_decision_article(section):
            continue
        if any(a < b["end"] and b["start"] < z for a, z in taken):
            continue
        offset, body = strip_marker(text[b["start"]:b["end"]])
        if len(body) < _MIN_ITEM_CHARS or opens_list(body) or is_closing(body) or is_preamble(section, body):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if not re.search(r"[.;:!?)]\s*$", body) and following is not None \
                and following["kind"] in ("paragraph", "list_item") \
                and list_mark(text[following["start"]:following["end"]]) != list_mark(text[b["start"]:b["end"]]):
            continue  # "1. Nâng cao nhận thức …" over its "- …" items: a group's title, not a task
        value = Field(text=body.rstrip(" .;"), start=b["start"] + offset, end=b["start"] + offset + len(body.rstrip(" .;")))
        fields = {"task": value}
        found = deadline_phrase(body)
        if found:
            a, z = found
            fields["timing"] = Field(text=body[a:z], start=value["start"] + a, end=value["start"] + z)
        out.append(Task(start=b["start"], end=b["end"], section=section, source="item", fields=fields))  # type: ignore[typeddict-item]
    return out


def extract_plan(text: str, blocks: list[Block], tasks: list[Task], issued_date: str = "", title: str = "") -> Plan:
    year = plan_year(title, issued_date)  # a bare "Tháng 6" or "trước ngày 15/6" is read in it
    items = _item_tasks(text, blocks, tasks)
    assignments = sorted((assignment_of(t, year) for t in [*tasks, *items]), key=lambda a: a["start"])
    return Plan(assignments=assignments, targets=extract_targets(text, blocks, tasks, year),
                duties=reporting_duties(text, blocks, tasks, year))


class PlanExtractor(TransformComponent):
    """llama-index stage: the plan model of each structured document in metadata['plan']."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.metadata[META_PLAN] = extract_plan(
                node.get_content(), node.metadata.get(META_BLOCKS) or [], node.metadata.get(META_TASKS) or [],
                str(node.metadata.get("issued_date") or ""), str(node.metadata.get("title") or ""))
        return nodes
