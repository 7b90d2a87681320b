"""Stage 6 — facts: the tasks of a plan, whichever way the plan writes them, as one kind of record.

Plans assign work in four forms, all read into a `Task` (role -> exact span of the text):

- a table row: "STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm";
- fields, one per line or run together: "Nhiệm vụ: … / Đơn vị chủ trì: … / Thời gian thực hiện: …",
  under a numbered heading that names the task when no "Nhiệm vụ:" line does;
- a unit's duties: a heading or a line that names a unit ("4. Văn phòng Đảng ủy", "- Sở Y tế: …"),
  each item under it one duty of that unit — the form of "TỔ CHỨC THỰC HIỆN";
- a sentence: "Giao Sở X chủ trì, phối hợp với Y … hoàn thành trước ngày …".

Every field keeps its exact span in the normalized text, so an answer or a tracking board can cite
the words that say who does what by when.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import fold_accents
from assistant.vocab.fields import field_runs, labelled_field
from assistant.vocab.numbering import strip_marker
from assistant.vocab.parts import announces_list, is_frame_section
from assistant.vocab.units import unit_mentions, unit_phrase
from ingest.model import META_BLOCKS, META_TASKS, Block
from ingest.structure import SECTION_SEPARATOR, column_roles

TaskSource = Literal["table_row", "fields", "unit_duties", "sentence"]
_TASK_ROLES = ("task", "lead", "co", "timing", "product", "funding", "note")
# "Đề nghị Ủy ban MTTQ …", "Giao Sở Y tế …": a heading that names who the items under it are for
_ADDRESSED = re.compile(r"^(?:Đề nghị|Giao|Các|Đối với|Trách nhiệm của)\s+", re.IGNORECASE)
_LEAD_VERB = re.compile(r"\b(?:chủ trì|là cơ quan chủ trì|là đơn vị chủ trì|làm đầu mối)\b")
_CO_VERB = re.compile(r"\bphối hợp(?: với)?\b")
_GIAO = re.compile(r"\b(?:[Gg]iao|[Đđ]ề nghị)\s+")
_TIMING_PHRASE = re.compile(
    r"(?:hoàn thành|thực hiện|triển khai|báo cáo|xong)?\s*(?:trước|trong|chậm nhất|vào|từ)\s+"
    r"(?:ngày\s+\d{1,2}(?:/\d{1,2}(?:/\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)|quý\s+[IV\d]+(?:/\d{4}|\s+năm\s+\d{4})?|"
    r"tháng\s+\d{1,2}(?:/\d{4}|\s+năm\s+\d{4})?|năm\s+\d{4})(?:\s+hằng\s+(?:tháng|quý|năm))?",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.;]+[.;]?")


class Field(TypedDict):
    text: str
    start: int
    end: int


class Task(TypedDict):
    start: int
    end: int
    section: str
    source: TaskSource
    fields: dict[str, Field]


def _field(text: str, start: int, end: int) -> Field:
    value = text[start:end]
    lead = len(value) - len(value.lstrip())
    value = value.strip().rstrip(" .;,")
    return Field(text=value, start=start + lead, end=start + lead + len(value))


def extract_tasks(text: str, blocks: list[Block]) -> list[Task]:
    """Tasks of a document in text order; a block belongs to at most one task."""
    tasks = _table_tasks(blocks) + _field_tasks(text, blocks)
    taken = [(t["start"], t["end"]) for t in tasks]
    tasks += [t for t in _unit_duties(text, blocks) if not _inside(t, taken)]
    taken = [(t["start"], t["end"]) for t in tasks]
    tasks += [t for t in _sentence_tasks(text, blocks) if not _inside(t, taken)]
    return sorted(tasks, key=lambda t: t["start"])


def _is_end(section: str) -> bool:
    """'Nơi nhận' lists recipients, not duties."""
    return fold_accents(section.split(SECTION_SEPARATOR)[0]).lower().startswith("noi nhan")


def _inside(task: Task, spans: list[tuple[int, int]]) -> bool:
    return any(a <= task["start"] and task["end"] <= b for a, b in spans)


# ---------------------------------------------------------------- table rows


def _table_tasks(blocks: list[Block]) -> list[Task]:
    out = []
    for b in blocks:
        if b["kind"] != "table_row" or not b["cells"]:
            continue
        roles = column_roles(b["cells"])
        spans = b.get("cell_spans") or {}
        if "task" not in roles or not ({"lead", "timing", "co", "product"} & set(roles)):
            continue  # an indicator table ("Chỉ tiêu | ĐVT | Năm 2026") is no task list
        fields = {
            role: Field(text=b["cells"][name], start=spans[name][0], end=spans[name][1])
            for role, name in roles.items() if role in _TASK_ROLES and name in spans
        }
        if "task" in fields:
            out.append(Task(start=b["start"], end=b["end"], section=b["section"], source="table_row", fields=fields))
    return out


# ---------------------------------------------------------------- fields, one per line or run together


def _field_tasks(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    current: Task | None = None
    open_role: str | None = None  # a label with its value on the lines below ("a) Nhiệm vụ:")
    heading: Block | None = None
    for b in blocks:
        if b["kind"] == "heading":
            _close(current, out, heading, text)
            current, heading, open_role = None, b, None
            continue
        if b["kind"] not in ("paragraph", "list_item"):
            _close(current, out, heading, text)
            current = open_role = None
            continue
        offset, body = strip_marker(text[b["start"]:b["end"]])
        base = b["start"] + offset
        runs = field_runs(body)
        if runs:
            roles = {r for r, _, _ in runs}
            if current is None or b["section"] != current["section"] or roles & set(current["fields"]):
                _close(current, out, heading, text)  # a field seen again starts the next task
                current = Task(start=b["start"], end=b["end"], section=b["section"], source="fields", fields={})
            for role, a, z in runs:
                if a < z:
                    current["fields"].setdefault(role, _field(text, base + a, base + z))
            current["end"] = b["end"]
            last_role, a, z = runs[-1]
            open_role = last_role if a >= z else None
            continue
        if current is not None and open_role and b["section"] == current["section"]:
            # the items under "Nhiệm vụ:" / "Cơ quan thực hiện:" are that field's value
            value = current["fields"].get(open_role)
            start = value["start"] if value else base
            current["fields"][open_role] = _field(text, start, b["end"])
            current["end"] = b["end"]
            continue
        _close(current, out, heading, text)
        current = open_role = None
    _close(current, out, heading, text)
    return out


def _close(task: Task | None, out: list[Task], heading: Block | None, text: str) -> None:
    if task is None or not ({"lead", "timing", "co"} & set(task["fields"])):
        return None
    if "task" not in task["fields"] and heading is not None and task["section"].endswith(
            text[heading["start"]:heading["end"]].strip().rstrip(":")):
        offset, rest = strip_marker(text[heading["start"]:heading["end"]])
        task["fields"]["task"] = _field(text, heading["start"] + offset, heading["end"])
        task["start"] = heading["start"]
    if "task" in task["fields"]:
        out.append(task)
    return None


# ---------------------------------------------------------------- a unit's duties


def _unit_of(label: str) -> tuple[int, str] | None:
    """(offset, unit name) when a heading or line names a unit: '4. Văn phòng Đảng ủy', 'Đề nghị Ủy ban MTTQ …'."""
    offset, rest = strip_marker(label)
    m = _ADDRESSED.match(rest)
    skip = m.end() if m and not rest.lower().startswith("các") else 0
    names = unit_mentions(rest[skip:])
    if not names or not rest[skip:].lstrip().startswith(names[0].split()[0]):
        return None
    return offset + skip + rest[skip:].find(names[0]), names[0]


def _unit_duties(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    owner: tuple[str, Field] | None = None  # (section path of the unit heading, unit)
    for b in blocks:
        piece = text[b["start"]:b["end"]]
        if b["kind"] == "heading":
            named = _unit_of(piece.rstrip(":"))
            owner = (b["section"], _field(text, b["start"] + named[0], b["start"] + named[0] + len(named[1]))) \
                if named else (owner if owner and b["section"].startswith(owner[0] + SECTION_SEPARATOR) else None)
            continue
        if b["kind"] not in ("paragraph", "list_item") or is_frame_section(b["section"]) or _is_end(b["section"]):
            continue
        offset, body = strip_marker(piece)
        base = b["start"] + offset
        colon = body.find(":")
        if 0 < colon <= 120 and labelled_field(body) is None:  # "- Sở Y tế: chủ trì, phối hợp …"
            named = _unit_of(body[:colon])
            if named and len(named[1]) >= colon - 2 - named[0]:
                lead = _field(text, base + named[0], base + named[0] + len(named[1]))
                task = _field(text, base + colon + 1, b["end"])
                if task["text"]:
                    out.append(Task(start=b["start"], end=b["end"], section=b["section"], source="unit_duties",
                                    fields={"lead": lead, "task": task}))
                continue
        if owner is None or not b["section"].startswith(owner[0]) or announces_list(body) or len(body) < 15:
            continue
        out.append(Task(start=b["start"], end=b["end"], section=b["section"], source="unit_duties",
                        fields={"lead": owner[1], "task": _field(text, base, b["end"])}))
    return out


# ---------------------------------------------------------------- "Giao X chủ trì, phối hợp với Y …"


def _sentence_tasks(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    for b in blocks:
        if b["kind"] not in ("paragraph", "list_item") or is_frame_section(b["section"]):
            continue
        piece = text[b["start"]:b["end"]]
        for m in _SENTENCE.finditer(piece):
            sentence = m.group(0)
            lead_at = _LEAD_VERB.search(sentence)
            if not lead_at:
                continue
            before = sentence[:lead_at.start()]
            giao = list(_GIAO.finditer(before))
            scope = before[giao[-1].end():] if giao else before
            units = unit_mentions(scope)
            if not units or not scope.rstrip(" ,").endswith(units[-1]):
                continue
            base = b["start"] + m.start()
            at = (giao[-1].end() if giao else 0) + scope.rfind(units[-1])
            fields = {"lead": _field(text, base + at, base + at + len(units[-1])),
                      "task": _field(text, base, base + len(sentence))}
            co = _CO_VERB.search(sentence, lead_at.end())
            if co:
                co_units = unit_mentions(sentence[co.end():])
                if co_units:
                    a, z = unit_phrase(sentence, sentence.find(co_units[0], co.end()))
                    fields["co"] = _field(text, base + a, base + z)
            timing = _TIMING_PHRASE.search(sentence)
            if timing:
                fields["timing"] = _field(text, base + timing.start(), base + timing.end())
            out.append(Task(start=base, end=base + len(sentence.rstrip()), section=b["section"], source="sentence",
                            fields=fields))
    return out


class TaskExtractor(TransformComponent):
    """llama-index stage: stores the tasks of each structured document in metadata['tasks']."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.metadata[META_TASKS] = extract_tasks(node.get_content(), node.metadata.get(META_BLOCKS) or [])
        return nodes

