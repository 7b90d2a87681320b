"""Stage 6 — facts: the tasks of a plan, whichever way the plan writes them, as one kind of record.

Plans assign work in four forms, all read into a `Task` (role -> exact span of the text):

- a table row: "STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm";
- fields, one per line or run together: "Nhiệm vụ: … / Đơn vị chủ trì: … / Thời gian thực hiện: …",
  under a numbered heading that names the task when no "Nhiệm vụ:" line does;
- a unit's duties: a heading or a line that names a unit ("4. Văn phòng Đảng ủy", "- Sở Y tế: …"),
  each item under it one duty of that unit — the form of "TỔ CHỨC THỰC HIỆN";
- a sentence: "Giao Sở X chủ trì, phối hợp với Y … hoàn thành trước ngày …";
- a reference: "17. Chi cục Hải quan" / "a) Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a)" makes the part named
  there ("a) Phát triển hải quan số" under "3.4." under "IV.") a task that unit leads.

Every field keeps its exact span in the normalized text, so an answer or a tracking board can cite
the words that say who does what by when.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import fold_accents
from assistant.vocab.dates import deadline_phrase, duty_deadline, parse_timing
from assistant.vocab.fields import GROUP, field_runs, is_record_number, labelled_field, role_of
from assistant.vocab.numbering import heading_numbers, is_bullet, numbering, section_references, strip_marker
from assistant.vocab.parts import PREAMBLE_START, announces_list, is_carry_out_section, is_closing
from assistant.vocab.units import (
    GROUP_QUALIFIER,
    names_units,
    starts_with_unit,
    subject_units,
    unit_list_at,
    unit_mentions,
)
from ingest.model import META_BLOCKS, META_TASKS, Block
from ingest.structure import SECTION_SEPARATOR, column_roles

TaskSource = Literal["table_row", "fields", "unit_duties", "sentence", "bracket", "item", "referred"]
_TASK_ROLES = ("task", "lead", "co", "timing", "product", "funding", "note")
# "Đề nghị Ủy ban MTTQ …", "Giao Sở Y tế …": a heading that names who the items under it are for
_ADDRESSED = re.compile(r"^(?:Đề nghị|Giao|Đối với|Trách nhiệm của)\s+", re.IGNORECASE)
_ASSIGNS = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+")  # a conclusion's "Giao Phòng … <does>": the unit after it
_LEAD_VERB = re.compile(r"\b(?:chủ trì|là cơ quan chủ trì|là đơn vị chủ trì|làm đầu mối)\b")
_CO_WITH = re.compile(r"\bphối hợp (?:chặt chẽ )?(?:(?:với|cùng)\s+)?", re.IGNORECASE)
# under a unit's heading, a heading that is a duty opening a list, not a topic ("a) Về hạ tầng:")
_DUTY_TITLE = re.compile(r"^(?!(?:Về|Đối với|Trong|Công tác|Lĩnh vực|Nhiệm vụ|Nội dung)\b)\w+(?:\s+\S+){4,}")
# "b) Chủ trì, phối hợp" / "phối hợp với:" — the partner units follow, one item each
_CO_OPEN = re.compile(r"\bphối hợp(?:\s+(?:với|cùng))?\s*:?\s*$", re.IGNORECASE)
_GIAO = re.compile(r"\b(?:[Gg]iao|[Đđ]ề nghị)\s+")
# "Căn cứ nội dung Kế hoạch này …, các bộ … xây dựng …": the subject after an opening clause
_CORE_MARK = re.compile(r"\b(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm)\b")
_OPENING = re.compile(r"^(?:Căn cứ|Trên cơ sở|Đối với)\b")
_BRACKET_FIELD = re.compile(r"([^;:()]{1,40}?)\s*:\s*([^;()]*[^;()\s.])")  # "; thời gian: năm 2027)"
# a sentence ends at "." or ";", not inside brackets ("(X chủ trì, phối hợp Y; thời gian: năm 2027)") nor in "5.000"
_SENTENCE = re.compile(r"(?:\([^()\n]*\)|(?<=\d)[.](?=\d)|[^.;])+[.;]?")
_GOALS = re.compile(r"(?:cac )?(?:muc tieu|chi tieu)\b")
_FRAMES = re.compile(r"(?:muc dich|yeu cau|quan diem|su can thiet|can cu|tinh hinh|thuc trang|ket qua (?:dat duoc|thuc hien)|"
                     r"danh gia (?:ket qua|tinh hinh|thuc trang))\b")
_MAX_TITLE_CHARS = 400


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
    tasks = _table_tasks(text, blocks) + _field_tasks(text, blocks)
    sentences = _sentence_tasks(text, blocks)
    items = [t for t in sentences if t["source"] == "item"]
    duties = [_assigned_within(text, t, sentences) for t in _unit_duties(text, blocks)]
    for found in (items, duties, [t for t in sentences if t["source"] != "item"]):  # an item's paragraphs as one task
        taken = [(t["start"], t["end"]) for t in tasks]
        tasks += [t for t in found if not _inside(t, taken)]
    return sorted(tasks + _referred_tasks(text, blocks, tasks), key=lambda t: t["start"])


# "Chủ trì triển khai các nhiệm vụ tại mục …", "thực hiện nội dung nêu tại điểm a, b": work assigned by where it is written
# (the verb before the work named: "… phù hợp với … (trọng tâm các nhiệm vụ tại mục III)" assigns nothing)
_REFERRING = re.compile(r"\b(?:chủ trì|thực hiện|triển khai|phụ trách)(?:,? (?:thực hiện|triển khai|tổ chức thực hiện))?"
                        r"(?: (?:các|những|toàn bộ))? (?:nhiệm vụ|nội dung|giải pháp|hoạt động)(?: (?:nêu|quy định|được giao))?"
                        r"\s+(?=tại\s)", re.IGNORECASE)


def _referred_tasks(text: str, blocks: list[Block], tasks: list[Task]) -> list[Task]:
    """The parts a unit's duty assigns by their numbers ("Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a)"), each
    a task that unit leads (with the duty's co-units and time), spanning the part's heading and everything under it.
    A number without its outer parts ("tại điểm a, b, c") is of the part nearest the duty."""
    headings = [(i, b, heading_numbers(b["section"].split(SECTION_SEPARATOR))) for i, b in enumerate(blocks)
                if b["kind"] == "heading"]
    out: list[Task] = []
    for t in tasks:
        body, lead = t["fields"].get("task"), t["fields"].get("lead")
        m = _REFERRING.search(body["text"]) if body and lead else None
        if body is None or lead is None or m is None:
            continue
        for path in section_references(body["text"][m.end():]):
            if len(path) == 1:  # "tại điểm a, b": items or parts of the part the duty is written in
                found = [(i, b) for i, b in enumerate(blocks) if b["start"] != t["start"] and b["kind"] != "heading"
                         and b["section"] == t["section"] and _item_number(text, b) == path[0]]
                found += [(i, b) for i, b, numbers in headings if numbers[-1:] == path
                          and b["section"].startswith(t["section"] + SECTION_SEPARATOR)]
            else:
                found = [(i, b) for i, b, numbers in headings if numbers and numbers[-1] == path[-1] and
                         _subsequence(path, numbers) and b["start"] != t["start"]]
            if len(found) != 1:
                continue
            i, h = found[0]
            end = _part_end(text, blocks, i)
            offset, _ = strip_marker(text[h["start"]:h["end"]])
            fields: dict[str, Field] = {"task": _field(text, h["start"] + offset, h["end"]), "lead": lead}
            fields.update({r: t["fields"][r] for r in ("co", "timing", "product") if r in t["fields"]})
            out.append(Task(start=h["start"], end=end, section=h["section"], source="referred", fields=fields))
    return out


def _item_number(text: str, b: Block) -> str:
    num = numbering(text[b["start"]:b["end"]])
    return num.number.lower() if num is not None and num.style == "letter" else ""


def _part_end(text: str, blocks: list[Block], i: int) -> int:
    """Where the part that block `i` opens ends: a heading's with the last block under it, an item's with the bullets
    under it."""
    h = blocks[i]
    end = h["end"]
    for b in blocks[i + 1:]:
        if b["section"] != h["section"] and not (h["kind"] == "heading" and
                                                 b["section"].startswith(h["section"] + SECTION_SEPARATOR)) \
                or h["kind"] != "heading" and not is_bullet(text[b["start"]:b["end"]]):
            break
        end = b["end"]
    return end


def _subsequence(path: tuple[str, ...], numbers: tuple[str, ...]) -> bool:
    rest = iter(numbers)
    return all(n in rest for n in path)


def _assigned_within(text: str, duty: Task, sentences: list[Task]) -> Task:
    """A duty listed under a group of units that ends by naming the one of them who leads it ("4. Các ban đảng Tỉnh
    ủy" / "- Tham mưu … (Ban Tổ chức chủ trì)."): that unit leads, and the bracket is not part of the task."""
    task = duty["fields"].get("task")
    closing = next((s for s in sentences if s["source"] == "bracket" and duty["start"] <= s["start"] and
                    duty["end"] - 3 <= s["end"] <= duty["end"]), None)
    if task is None or closing is None:
        return duty
    own = closing["fields"]
    fields = {**duty["fields"], "lead": own["lead"], "task": _field(text, task["start"], own["task"]["end"])}
    for role in ("co", "timing", "product", "funding"):
        if role in own and role not in fields:
            fields[role] = own[role]
    return Task(start=duty["start"], end=duty["end"], section=duty["section"], source=duty["source"], fields=fields)


def is_end_section(section: str) -> bool:
    """'Nơi nhận' lists recipients, not duties."""
    return fold_accents(section.split(SECTION_SEPARATOR)[0]).lower().startswith("noi nhan")


def is_goal_section(section: str) -> bool:
    """'II. MỤC TIÊU > 2. Mục tiêu cụ thể', 'Chỉ tiêu …': what is to be reached, not who does what."""
    return any(_GOALS.match(head) for head in _heads(section))


def _inside(task: Task, spans: list[tuple[int, int]]) -> bool:
    return any(a <= task["start"] and task["end"] <= b for a, b in spans)


# ---------------------------------------------------------------- table rows


def _table_tasks(text: str, blocks: list[Block]) -> list[Task]:
    out = []
    headings = {b["section"]: b for b in blocks if b["kind"] == "heading"}
    for b in blocks:
        if b["kind"] != "table_row" or not b["cells"]:
            continue
        roles = column_roles(b["cells"])
        spans = b.get("cell_spans") or {}
        if "task" not in roles or not ({"lead", "timing", "co", "product"} & set(roles)):
            continue  # an indicator table ("Chỉ tiêu | ĐVT | Năm 2026") is no task list
        fields = {role: _cell_field(text, b["cells"][name], spans[name])
                  for role, name in roles.items() if role in _TASK_ROLES and name in spans}
        if "lead" not in fields and GROUP in spans:
            fields.update(_group_lead(text, b["cells"][GROUP], spans[GROUP]))
        for role in ("lead", "co", "timing"):
            if role in fields:
                fields.update(_cell_runs(text, fields[role]))
        if "timing" not in fields and b["section"] in headings:
            period = _period_of(text, headings[b["section"]])
            if period is not None:
                fields["timing"] = period
        if "task" in fields:
            out.append(Task(start=b["start"], end=b["end"], section=b["section"], source="table_row", fields=fields))
    return out


def _group_lead(text: str, group: str, span: list[int]) -> dict[str, Field]:
    """A task table grouped by unit ("| 1. Sở Y tế |" merged across, its tasks below with no lead column): the
    unit the group row names, and nothing else, leads the tasks under it."""
    cell = _cell_field(text, group, span)
    named = _unit_of(cell["text"])
    if named is None:
        return {}
    return {"lead": _field(text, cell["start"] + named[0], cell["start"] + named[1])}


def _cell_runs(text: str, cell: Field) -> dict[str, Field]:
    """A cell holding the task's fields one after another ("- Chủ trì: Ủy ban MTTQ huyện - Phối hợp: Huyện đoàn -
    Thời gian: quý IV/2025", a "Phân công thực hiện" column): each a field; {} for a cell of one value."""
    offset, rest = strip_marker(cell["text"])
    runs = field_runs(rest)
    if len(runs) < 2:
        return {}
    base = cell["start"] + offset
    return {role: _field(text, base + a, base + b) for role, a, b in runs if role in _TASK_ROLES}


def _cell_field(text: str, value: str, span: list[int]) -> Field:
    """A cell as a field whose span holds exactly its text (a group cell inherited from '1. Tổ 57 …' keeps the
    span of the whole line; the value is found inside it)."""
    start, end = span
    if text[start:end] != value:
        at = text.find(value, start, end)
        if at >= 0:
            start, end = at, at + len(value)
    return Field(text=value, start=start, end=end)


def _period_of(text: str, heading: Block) -> Field | None:
    """'2. Quý II (04 - 06/2026)' over a task table without a time column: the rows' period."""
    offset, rest = strip_marker(text[heading["start"]:heading["end"]])
    t = parse_timing(rest)
    if not (t.due_start or t.due_end) or len(rest.split()) > 8:
        return None
    return _field(text, heading["start"] + offset, heading["end"])


# ---------------------------------------------------------------- fields, one per line or run together


def _field_tasks(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    current: Task | None = None
    open_role: str | None = None  # a label with its value on the lines below ("a) Nhiệm vụ:")
    heading: Block | None = None
    title: Block | None = None  # the item just before the fields that names the task ("3. Biên soạn tài liệu …")
    titled: set[int] = set()  # tasks named by such an item: their heading is a group's, not theirs
    wrapped: str | None = None  # the field whose value a line ending in ";" or "," leaves open
    for b in blocks:
        if b["kind"] == "heading":
            _close(current, out, heading, text, titled)
            current = None
            heading, open_role, title = b, None, None
            continue
        if b["kind"] not in ("paragraph", "list_item"):
            _close(current, out, heading, text, titled)
            current = None
            open_role, title = None, None
            continue
        offset, body = strip_marker(text[b["start"]:b["end"]])
        base = b["start"] + offset
        runs = field_runs(body)
        if runs:
            roles = {r for r, _, _ in runs}
            if current is None or b["section"] != current["section"] or roles & set(current["fields"]):
                _close(current, out, heading, text, titled)  # a field seen again starts the next task
                current = Task(start=b["start"], end=b["end"], section=b["section"], source="fields", fields={})
                if title is not None and title["section"] == b["section"]:
                    _titled(current, title, text)
                    titled.add(id(current))
            wrapped = None
            for role, a, z in runs:
                if a < z:
                    role = wrapped = _content_role(body, role, a, current)
                    if role == "lead" and "lead" not in current["fields"]:
                        _lead_sentence(text, base + a, body[a:z], current["fields"])
                    current["fields"].setdefault(role, _field(text, base + a, base + z))
            current["end"] = b["end"]
            last_role, a, z = runs[-1]
            open_role = last_role if a >= z else None
            if a >= z or not body.rstrip().endswith((";", ",")):
                wrapped = None  # a value ending in ";" or "," may go on below
            title = None
            continue
        if current is not None and wrapped and b["kind"] == "paragraph" and b["section"] == current["section"] \
                and not open_role and _goes_on(wrapped, body):
            current["fields"][wrapped] = _field(text, current["fields"][wrapped]["start"], b["end"])
            current["end"] = b["end"]
            wrapped = None
            continue
        wrapped = None
        if current is not None and open_role and b["section"] == current["section"]:
            # the items under "Nhiệm vụ:" / "Cơ quan thực hiện:" are that field's value
            value = current["fields"].get(open_role)
            start = value["start"] if value else base
            current["fields"][open_role] = _field(text, start, b["end"])
            current["end"] = b["end"]
            continue
        _close(current, out, heading, text, titled)
        current = None
        open_role = None
        title = b if len(body) <= _MAX_TITLE_CHARS and not body.rstrip().endswith(":") and \
            not is_record_number(body) else None
    _close(current, out, heading, text, titled)
    return out


def _lead_sentence(text: str, base: int, value: str, fields: dict[str, Field]) -> None:
    """'Phân công: Ban Xây dựng Đảng chủ trì, phối hợp Văn phòng Đảng ủy.': a lead field written as a sentence leads
    with its subject units, and says its co-units and deadline in its own words."""
    said = subject_units(value)
    if said is None or not _LEAD_VERB.match(value, said[1] + 1):
        return
    fields["lead"] = _field(text, base + said[0], base + said[1])
    _duty_fields(text, base, value, fields)


def _goes_on(role: str, line: str) -> bool:
    """A line without a marker continues a value cut after ';' or ',' when it goes on in lower case, or names
    the next unit of a list of units ("Cơ quan phối hợp: Công ty …;" / "Sở Nông nghiệp và Môi trường.");
    "Xây dựng kho dữ liệu …" after "Thời gian: Tháng 5/2026;" is the next task's title."""
    return line[:1].islower() or role in ("lead", "co") and starts_with_unit(line)


def _titled(task: Task, title: Block, text: str) -> None:
    """The item before the fields names the task: '- Nghị định quy định chi tiết …' / '+ Cơ quan chủ trì: …'."""
    offset, _ = strip_marker(text[title["start"]:title["end"]])
    task["fields"]["task"] = _field(text, title["start"] + offset, title["end"])
    task["start"] = title["start"]


def _content_role(body: str, role: str, value_start: int, task: Task) -> str:
    """'Nội dung: …' under a task already named by its title is what the task covers: a note, not the task."""
    if role != "task" or "task" not in task["fields"]:
        return role
    label = body[:value_start].rstrip(" :")
    return "note" if role_of(label) == "task" and fold_accents(label).lower().strip("-+ ").startswith("noi dung") \
        else role


def _close(task: Task | None, out: list[Task], heading: Block | None, text: str, titled: set[int]) -> None:
    if task is None or not ({"lead", "timing", "co"} & set(task["fields"])):
        return None
    if heading is not None and id(task) not in titled and task["section"].endswith(text[heading["start"]:heading["end"]].strip().rstrip(":")):
        named = "task" in task["fields"] and task["start"] > heading["start"] and not _is_task_label(task, text)
        if "task" not in task["fields"] or named:  # "4. Rà soát văn bản …" / "- Nội dung: rà soát …"
            if "task" in task["fields"]:
                task["fields"]["note"] = task["fields"]["task"]
            offset, rest = strip_marker(text[heading["start"]:heading["end"]])
            task["fields"]["task"] = _field(text, heading["start"] + offset, heading["end"])
        task["start"] = min(task["start"], heading["start"])
    if "task" in task["fields"]:
        out.append(task)
    return None


def _is_task_label(task: Task, text: str) -> bool:
    """Whether the task field was labelled 'Nhiệm vụ:' / 'Công việc:' (the task itself) rather than 'Nội dung:'."""
    f = task["fields"]["task"]
    line_start = text.rfind("\n", 0, f["start"]) + 1
    label = fold_accents(text[line_start:f["start"]]).lower()
    return "noi dung" not in label


# ---------------------------------------------------------------- a unit's duties


def _unit_of(label: str) -> tuple[int, int] | None:
    """(start, end) of the units a heading or line names: '4. Văn phòng Đảng ủy', '6. Các chi bộ, đảng bộ trực
    thuộc', '2. Sở Khoa học và Công nghệ, Sở Nội vụ', 'Đề nghị Ủy ban MTTQ …', '1. Sở Tài chính (cơ quan chủ trì)'.
    None when the line says more than units ('1. Ban hành quy chế …', '3. Sở Y tế chủ trì …')."""
    offset, rest = strip_marker(label)
    m = _ADDRESSED.match(rest)
    skip = m.end() if m else 0
    names = rest[skip:]
    if not starts_with_unit(names):
        return None
    said = re.sub(r"\s*\([^)]*\)\s*$", "", names).rstrip(" .:;")
    a, z = unit_list_at(said, 0, semicolons=True)
    if z < len(said) and not _names_only(said) and not (GROUP_QUALIFIER.match(said, z) and not _CORE_MARK.search(said)):
        return None
    return offset + skip, offset + skip + len(said)


def _names_only(line: str) -> bool:
    """'Các sở ngành liên quan, Viện Nghiên cứu phát triển Thành phố': a line of names, even when a name holds a
    word that is a verb elsewhere; each piece opens with a unit or continues a group ('ban', 'đặc khu')."""
    if _CORE_MARK.search(line):
        return False
    pieces = [p.strip() for p in re.split(r"[,;]", line) if p.strip()]
    return all(len(p.split()) <= 10 and (starts_with_unit(p) or (p[0].islower() and len(p.split()) <= 4))
               for p in pieces) and starts_with_unit(pieces[0])


def _subject(body: str, opening: bool = True) -> tuple[int, int] | None:
    """(start, end) of the units an item opens with when it says what they do: 'Sở Tài chính chủ trì …',
    'Căn cứ nội dung Kế hoạch này …, các bộ, … xây dựng …' (`opening`: after such a clause; under a unit's
    heading the units named there are what that unit directs, not who acts)."""
    found = subject_units(body)
    # "Giao Xí nghiệp Cấp nước … lắp đặt …", "Đề nghị Ủy ban MTTQ … vận động …" (one naming who leads, "Giao … chủ
    # trì …", is read as an assignment)
    addressed = _ASSIGNS.match(body)
    if not found and addressed and _assignment(body) is None and (found := subject_units(body[addressed.end():])):
        return addressed.end() + found[0], addressed.end() + found[1]
    if found or not opening or not _OPENING.match(body):
        return found
    for m in re.finditer(r",\s+", body[:240]):
        found = subject_units(body[m.end():])
        if found:
            return m.end() + found[0], m.end() + found[1]
    return None


def _duty_fields(text: str, base: int, body: str, fields: dict[str, Field]) -> dict[str, Field]:
    """Co-units ('phối hợp với Sở Nội vụ và các đơn vị có liên quan') and the deadline said inside a duty."""
    for co in _CO_WITH.finditer(body):
        if "co" in fields:
            break
        a, z = unit_list_at(body, co.end())
        said_with = co.group(0).rstrip().endswith(("với", "cùng"))
        if z > a and (names_units(body[a:z]) if said_with else starts_with_unit(body[a:z])):
            fields["co"] = _field(text, base + a, base + z)
    when = duty_deadline(body)
    if when and "timing" not in fields:
        fields["timing"] = _field(text, base + when[0], base + when[1])
    return fields


def is_decision_article(section: str) -> bool:
    """'QUYẾT ĐỊNH > Điều 3', 'NGHỊ QUYẾT > QUYẾT NGHỊ > Điều 1': the articles of a decision put the plan in
    force; they assign no task."""
    parts = [fold_accents(p).lower().strip(" :") for p in section.split(SECTION_SEPARATOR)]
    return any(a in ("quyet dinh", "quyet nghi") and b.startswith("dieu") for a, b in zip(parts, parts[1:], strict=False))


def is_preamble(section: str, body: str) -> bool:
    """'Căn cứ Luật …', '(Kèm theo Quyết định …)', or anything right under a title line ('CHƯƠNG TRÌNH HÀNH ĐỘNG
    CỦA CHÍNH PHỦ') before the plan's first numbered part: the preamble states grounds, not tasks."""
    if PREAMBLE_START.match(body) or body.startswith("("):
        return True
    parts = section.split(SECTION_SEPARATOR)
    return all(p == p.upper() and numbering(p) is None for p in parts)


def _heads(section: str) -> list[str]:
    """The parts of a section path without their numbers, accents folded: ['ke hoach', 'muc dich, yeu cau']."""
    return [fold_accents(strip_marker(part)[1]).lower() for part in section.split(SECTION_SEPARATOR)]


def is_framing(section: str) -> bool:
    """A part of the path is named for framing the plan ('KẾ HOẠCH > I. MỤC ĐÍCH, YÊU CẦU > 2. Yêu cầu');
    '4. Phát triển nhân lực … đáp ứng yêu cầu …' names a task, not a frame."""
    return any(_FRAMES.match(head) for head in _heads(section))


def _paragraphs_apart(text: str, blocks: list[Block]) -> bool:
    """Whether the document separates its paragraphs by blank lines (then a single line break continues one)."""
    gaps = [text[a["end"]:b["start"]] for a, b in zip(blocks, blocks[1:], strict=False)]
    return bool(gaps) and sum("\n\n" in g for g in gaps) >= 0.6 * len(gaps)


def _continues(text: str, last: Task, b: Block) -> bool:
    return (last["end"] <= b["start"] and last["section"] == b["section"] and "\n\n" not in text[last["end"]:b["start"]]
            and b["kind"] == "paragraph" and last["source"] == "unit_duties")


def list_mark(line: str) -> str:
    """The kind of mark a list item opens with: '-', '+', 'letter', 'arabic' … ('' for a plain paragraph)."""
    stripped = line.lstrip()
    if is_bullet(stripped):
        return stripped[0]
    num = numbering(stripped)
    return num.style_key if num is not None else ""


def opens_list(body: str) -> bool:
    """'a) Tham mưu … quyết định:', '… gồm:': the items below carry on this one."""
    return announces_list(body) or body.rstrip().endswith(":")


def _unit_duties(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    paragraphs_apart = _paragraphs_apart(text, blocks)
    # a directive or a notice numbers its paragraphs under no heading: its body is where duties are
    headed = any(b["kind"] == "heading" and not is_end_section(b["section"]) for b in blocks)
    owner: tuple[str, Field] | None = None  # (section path of the unit heading, its units)
    collecting: tuple[Task, str] | None = None  # a duty whose sub-items follow ("a) … quyết định:"), its mark
    partners: str | None = None  # after "b) Chủ trì, phối hợp": the mark of the items naming the partners
    labelled: tuple[str, str, Field] | None = None  # after "* Sở Y tế:": its mark, section and units
    for b in blocks:
        piece = text[b["start"]:b["end"]]
        section = b["section"]
        if b["kind"] == "heading":
            named = _unit_of(piece.rstrip(":"))
            owner = (section, _field(text, b["start"] + named[0], b["start"] + named[1])) if named else \
                (owner if owner and section.startswith(owner[0] + SECTION_SEPARATOR) else None)
            collecting, partners, labelled = None, None, None
            # "1. Ban Tuyên giáo Huyện ủy: chủ trì …, cụ thể:" read as a heading: the unit and its duty
            duty = None if named or _outside_duties(section) else _colon_duty(text, b)
            if duty is not None:
                out.append(duty)
                if opens_list(strip_marker(piece)[1]):
                    collecting = (duty, list_mark(piece))
                continue
            if owner is not None and not named:  # "b) Chủ trì, phối hợp", "a) Tham mưu … quyết định:" as headings
                offset, body = strip_marker(piece)
                if _CO_OPEN.search(body):
                    partners = list_mark(piece)
                elif body.rstrip().endswith(":") and _DUTY_TITLE.match(body):
                    base = b["start"] + offset
                    task = Task(start=b["start"], end=b["end"], section=section, source="unit_duties",
                                fields=_duty_fields(text, base, body, {"lead": owner[1],
                                                                       "task": _field(text, base, b["end"])}))
                    out.append(task)
                    collecting = (task, list_mark(piece))
            continue
        if b["kind"] not in ("paragraph", "list_item") or (not section and headed) or _outside_duties(section):
            continue
        offset, body = strip_marker(piece)
        base = b["start"] + offset
        mark = list_mark(piece)
        if is_closing(body):
            collecting, partners = None, None
            continue
        if collecting is not None and mark and mark != collecting[1] and collecting[0]["section"] == section:
            task = collecting[0]  # "- Phương án phân bổ vốn …" under "a) Tham mưu … quyết định:"
            task["end"] = b["end"]
            task["fields"]["task"] = _field(text, task["fields"]["task"]["start"], b["end"])
            _duty_fields(text, base, body, task["fields"])
            continue
        collecting = None
        under = owner is not None and section.startswith(owner[0])
        if partners is not None and mark and mark != partners and under and owner is not None:
            named = subject_units(body)  # "- Sở Tài chính và các đơn vị có liên quan tham mưu …"
            if named:
                fields = {"lead": owner[1], "co": _field(text, base + named[0], base + named[1]),
                          "task": _field(text, base, b["end"])}
                out.append(Task(start=b["start"], end=b["end"], section=section, source="unit_duties",
                                fields=_duty_fields(text, base, body, fields)))
                continue
        partners = None
        named = _unit_of(piece.rstrip().rstrip(":")) if mark and body.rstrip().endswith(":") else None
        if named is not None and len(piece.rstrip().rstrip(":")) == named[1]:
            # "* Ủy ban nhân dân xã:" and its "- …" items: a list item naming only units heads the items below it
            labelled = (mark, section, _field(text, b["start"] + named[0], b["start"] + named[1]))
            continue
        if labelled is not None and (not mark or mark == labelled[0] or section != labelled[1]):
            labelled = None
        if labelled is not None:
            fields = {"lead": labelled[2], "task": _field(text, base, b["end"])}
            out.append(Task(start=b["start"], end=b["end"], section=section, source="unit_duties",
                            fields=_duty_fields(text, base, body, fields)))
            continue
        last = out[-1] if out else None
        if last is not None and paragraphs_apart and offset == 0 and _continues(text, last, b):
            last["end"] = b["end"]  # "… phát triển.\nTham gia giám sát …": the same item, on its next line
            last["fields"]["task"] = _field(text, last["fields"]["task"]["start"], b["end"])
            continue
        duty = _colon_duty(text, b)  # "- Sở Y tế: chủ trì, phối hợp …"
        if duty is not None:
            out.append(duty)
            if opens_list(body) and mark:  # "1. Ban Tuyên giáo: chủ trì …, cụ thể:" and its "+" items
                collecting = (duty, mark)
            continue
        subject = None if is_goal_section(section) else _subject(body, opening=not under)
        if subject:  # "Sở Tài chính chủ trì …": the item names its own units
            end = b["end"]
            # "Các cơ quan … đăng ký xây dựng mô hình …. Giao Ban Dân vận chủ trì …": a later sentence assigning its
            # own lead is its task, not this subject's
            later = next((m for m in list(_SENTENCE.finditer(body))[1:] if _assignment(m.group(0))), None)
            if later is not None:
                end = base + len(body[:later.start()].rstrip())
            if announces_list(body):  # "…, các Sở … triển khai thực hiện … Đồng thời, yêu cầu … như sau:"
                first = re.match(r".+?[.;](?=\s)", body)
                if first is None or first.end() <= subject[1] or announces_list(first.group(0)[:-1]):
                    continue
                end = base + first.end()
            fields = {"lead": _field(text, base + subject[0], base + subject[1]), "task": _field(text, base, end)}
            source: TaskSource = "unit_duties" if under or is_carry_out_section(section) else "sentence"
            # "Căn cứ … Chương trình … đến năm 2030 …, các Sở …": the texts cited as a basis set no deadline
            own = base + subject[0] if re.match(r"(?:Căn cứ|Trên cơ sở)\b", body) else base
            out.append(Task(start=b["start"], end=end, section=section, source=source,
                            fields=_duty_fields(text, own, text[own:end], fields)))
            continue
        if owner is None or not under or len(body) < 15:
            continue
        if _CO_OPEN.search(body):
            partners = mark  # the partners and what each does follow as items
            continue
        if announces_list(body) and not mark:
            continue
        fields = {"lead": owner[1], "task": _field(text, base, b["end"])}
        task = Task(start=b["start"], end=b["end"], section=section, source="unit_duties",
                    fields=_duty_fields(text, base, body, fields))
        out.append(task)
        if opens_list(body) and mark:
            collecting = (task, mark)
    return out


def _outside_duties(section: str) -> bool:
    """Framing ("Mục đích, yêu cầu"), the end of the document and a decision's articles assign no duties."""
    return is_framing(section) or is_end_section(section) or is_decision_article(section)


def _colon_duty(text: str, b: Block) -> Task | None:
    """'Sở Y tế: chủ trì, phối hợp …' — the units before the colon, their duty after it; None for a labelled
    field ('Thời gian: …') or when no unit is named."""
    offset, body = strip_marker(text[b["start"]:b["end"]])
    base = b["start"] + offset
    colon = body.find(":")
    if not 0 < colon <= 120 or labelled_field(body) is not None:
        return None
    named = _unit_of(body[:colon])
    duty = _field(text, base + colon + 1, b["end"])
    if not named or not duty["text"]:
        return None
    fields = {"lead": _field(text, base + named[0], base + named[1]), "task": duty}
    return Task(start=b["start"], end=b["end"], section=b["section"], source="unit_duties",
                fields=_duty_fields(text, base + colon + 1, body[colon + 1:], fields))


# ---------------------------------------------------------------- "Giao X chủ trì, phối hợp với Y …"


def _sentence_tasks(text: str, blocks: list[Block]) -> list[Task]:
    out: list[Task] = []
    unassigned: list[Block] = []  # the item's paragraphs since its heading that assign no one
    for b in blocks:
        if unassigned and b["section"] != unassigned[-1]["section"]:
            unassigned = []
        if b["kind"] not in ("paragraph", "list_item") or not b["section"] or is_framing(b["section"]) \
                or is_decision_article(b["section"]):
            continue
        piece = text[b["start"]:b["end"]]
        found = len(out)
        item = _item_assigned(text, b, piece, unassigned)
        if item is not None:
            out.append(item)
            unassigned = []
            continue
        for m in _SENTENCE.finditer(piece):
            sentence = m.group(0)
            assigning = _assignment(sentence)
            if assigning is None:
                continue
            lead_at, giao, scope, unit = assigning
            before = sentence[:lead_at.start()]
            base = b["start"] + m.start()
            at = (giao[-1].end() if giao else 0) + scope.rfind(unit)
            fields = {"lead": _field(text, base + at, base + at + len(unit)),
                      "task": _field(text, base, base + len(sentence))}
            bracketed = sentence[:at].rstrip().endswith("(")
            closing = None if giao or bracketed or before.strip() != unit else \
                _closing_assignment(sentence, lead_at.end())
            assigns_only = giao and not bracketed and not sentence[lead_at.end():].strip(" ,;.")
            span = _assigned_before(piece, m, out[found:], b["start"]) if assigns_only or closing is not None else None
            if span is not None and closing is not None:
                # "4. Nhân rộng mô hình … tại 06 trường học. Đoàn Thanh niên phường chủ trì, phối hợp với Công an phường
                # thực hiện; duy trì trong suốt năm học.": the item's sentences before are the task, the assigning
                # sentence gives its co-units, and the rest of the item (when it assigns nothing more) its time
                (a, _), (ta, tz), _ = span
                rest = piece[m.end():]
                z = len(piece.rstrip()) if not _LEAD_VERB.search(rest) else m.end()
                fields["task"] = _field(text, b["start"] + ta, b["start"] + tz)
                if closing[1] > closing[0]:
                    fields["co"] = _field(text, base + closing[0], base + closing[1])
                when = deadline_phrase(piece[m.start():z])
                if when:
                    fields["timing"] = _field(text, base + when[0], base + when[1])
                out.append(Task(start=b["start"] + a, end=b["start"] + z, section=b["section"], source="sentence",
                                fields=fields))
                continue
            if span is not None:
                # "Tổ chức hội nghị …, hoàn thành trước ngày 30/5/2026. Giao Ban Tuyên giáo chủ trì; Văn phòng phối
                # hợp …": the sentences before the one that assigns are the task, its co-units in the clause after
                (a, z), (ta, tz), co = span
                fields["task"] = _field(text, b["start"] + ta, b["start"] + tz)
                if co is not None:
                    fields["co"] = _field(text, b["start"] + co[0], b["start"] + co[1])
                out.append(Task(start=b["start"] + a, end=b["start"] + z, section=b["section"], source="sentence",
                                fields=_duty_fields(text, b["start"] + a, piece[a:z], fields)))
                continue
            if unassigned and m.start() == 0 and piece.lstrip().startswith("(") and \
                    piece.rstrip(" .;").endswith(")") and not piece[m.end():].strip(" .;)"):
                # "+ "Gia đình không có người nghiện ma túy" …" / "(Giao Ủy ban MTTQ huyện chủ trì, …; thời gian …)."
                # on a line of its own: the bracket assigns the lines above it since the item began
                a, z = unassigned[0]["start"], unassigned[-1]["end"]
                _bracketed(text, a, text[a:base + len(sentence)], base - a + at, True, fields)
                fields["task"] = _field(text, a + strip_marker(text[a:z])[0], z)
                out.append(Task(start=a, end=base + len(sentence.rstrip()), section=b["section"], source="bracket",
                                fields=_duty_fields(text, base, sentence, fields)))
                continue
            if bracketed:
                # "3. Rà soát …; đề nghị cấp thẻ … (Công chức X chủ trì …)." closing an item no other sentence of
                # which assigns: the bracket assigns the whole item
                whole = len(out) == found and not piece[m.end():].strip(" .;")
                if whole:
                    base, sentence, at = b["start"], piece[:m.end()], at + m.start()
                _bracketed(text, base, sentence, at, whole or m.start() == 0, fields)
            out.append(Task(start=base, end=base + len(sentence.rstrip()), section=b["section"],
                            source="bracket" if bracketed else "sentence",
                            fields=_duty_fields(text, base, sentence, fields)))
        unassigned = [*unassigned, b] if len(out) == found else []
    return out


def _item_assigned(text: str, b: Block, piece: str, unassigned: list[Block]) -> Task | None:
    """"9. Gắn … với xây dựng văn hóa công vụ" / "Các cơ quan, đơn vị … cụ thể hóa …, hoàn thành trước ngày
    30/6/2024; …" / "Đảng ủy Cơ quan Chính quyền huyện chủ trì, phối hợp với Phòng Nội vụ huyện … thực hiện.": a
    paragraph that only assigns ("<unit> chủ trì[, phối hợp với <units>] thực hiện") the work the item's paragraphs
    before it state makes them one task, led by that unit."""
    first = next(_SENTENCE.finditer(piece), None)
    if not unassigned or first is None or first.start() != 0 or piece[first.end():].strip():
        return None
    assigning = _assignment(first.group(0))
    if assigning is None:
        return None
    lead_at, giao, _, unit = assigning
    sentence = first.group(0)
    closing = None if giao or sentence[:lead_at.start()].strip() != unit else \
        _closing_assignment(sentence, lead_at.end())
    if closing is None:
        return None
    a, z = unassigned[0]["start"], unassigned[-1]["end"]
    a += strip_marker(text[a:z])[0]  # "- Đẩy mạnh …": the work, not its bullet
    body = text[a:z].rstrip(" \n.;,")
    fields = {"lead": _field(text, b["start"], b["start"] + len(unit)),
              "task": _field(text, a, a + len(body))}
    if closing[1] > closing[0]:
        fields["co"] = _field(text, b["start"] + closing[0], b["start"] + closing[1])
    when = deadline_phrase(sentence[lead_at.end():])  # the assignment's own time, else the work's
    at = b["start"] + lead_at.end() if when else a
    when = when or deadline_phrase(body)
    if when:
        fields["timing"] = _field(text, at + when[0], at + when[1])
    return Task(start=unassigned[0]["start"], end=b["start"] + len(piece.rstrip()), section=b["section"], source="item",
                fields=fields)


def _assignment(sentence: str) -> tuple[re.Match[str], list[re.Match[str]], str, str] | None:
    """A sentence naming who leads ("Giao Ban Dân vận chủ trì, …", "Công an huyện chủ trì …"): its "chủ trì", its
    "Giao"s, the words naming the units and the unit that leads; None when it names none."""
    lead_at = _LEAD_VERB.search(sentence)
    if not lead_at or is_closing(sentence):
        return None
    before = sentence[:lead_at.start()]
    giao = list(_GIAO.finditer(before))
    scope = before[giao[-1].end():] if giao else before
    units = unit_mentions(scope)
    if not units or not scope.rstrip(" ,").endswith(units[-1]):
        return None
    return lead_at, giao, scope, units[-1]


def _assigned_before(piece: str, m: re.Match[str], found: list[Task], start: int
                     ) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int, int] | None] | None:
    """(item span, task span, clause naming who coordinates) in `piece` when the sentence `m` only assigns ("Giao Ủy
    ban nhân dân xã chủ trì;") the work the item's sentences before it state: from the item's text after its marker,
    or after the task found before it, up to this sentence; to the end of that clause (`_co_clause`). None when
    nothing precedes."""
    after = max((t["end"] - start for t in found), default=strip_marker(piece)[0])
    task = piece[after:m.start()]
    lead_space = len(task) - len(task.lstrip())
    task = task.strip().rstrip(" ;,")
    if len(task.split()) < _MIN_TASK_WORDS:
        return None
    co = _co_clause(piece, m.end())
    end = co[2] if co is not None else m.end()
    return (after + lead_space, end), (after + lead_space, after + lead_space + len(task)), co


_MIN_TASK_WORDS = 3
_CARRY_OUT = re.compile(r"\s*(?:(?:tổ chức\s+)?(?:thực hiện|triển khai)(?:\s+thực hiện)?)?")


def _only_carries_out(rest: str) -> bool:
    """'thực hiện.', 'thực hiện thường xuyên trong năm 2026;', '': no work of its own, a time at most."""
    rest = rest[_CARRY_OUT.match(rest).end():]  # type: ignore[union-attr]  # matches empty
    when = deadline_phrase(rest)
    if when and not rest[:when[0]].strip():
        rest = rest[when[1]:]
    return not rest.strip(" .;,")


def _closing_assignment(sentence: str, at: int) -> tuple[int, int] | None:
    """(start, end) of the co-units when the sentence only assigns — '<unit> chủ trì[, phối hợp với <units>] [thực
    hiện] [<time>].' — and states no work of its own; else None (end == start: no co-units named)."""
    rest = sentence[at:]
    co = re.match(r"\s*,?\s*" + _CO_WITH.pattern, rest, re.IGNORECASE)
    if co is None:
        return (at, at) if _only_carries_out(rest) else None
    a, z = unit_list_at(rest, co.end())
    if z <= a or not names_units(rest[a:z]) or not _only_carries_out(rest[z:]):
        return None
    return at + a, at + z


def _co_clause(piece: str, at: int) -> tuple[int, int, int] | None:
    """(start, end of the unit, end of the clause) of the clause after an assignment that names who coordinates
    ("Văn phòng Đảng ủy phối hợp chuẩn bị tài liệu.", "Phòng Kinh tế xã tham mưu, phối hợp với Sở Xây dựng …")."""
    m = _SENTENCE.match(piece, at)
    if m is None:
        return None
    clause = m.group(0)
    lead = len(clause) - len(clause.lstrip())
    units = unit_mentions(clause)
    if not units or not clause.lstrip().startswith(units[0]) or not _CO_WITH.search(clause):
        return None
    a = at + lead
    return a, a + len(units[0]), at + len(clause.rstrip())


def _bracketed(text: str, base: int, sentence: str, at: int, opens_item: bool, fields: dict[str, Field]) -> None:
    """"c) Ứng dụng thiết bị bay … (Sở X chủ trì, phối hợp Y; thời gian: năm 2027).": the task is what the bracket
    that assigns it follows, without its item marker, and the bracket's labelled deadline, product or funding are the
    task's."""
    marker = strip_marker(sentence)[0] if opens_item else 0
    task = sentence[marker:sentence.rfind("(", 0, at)].rstrip(" ,;")
    if not task:
        return
    fields["task"] = _field(text, base + marker, base + marker + len(task))
    for f in _BRACKET_FIELD.finditer(sentence, at):  # "thời gian: năm 2027", "sản phẩm: 85 km kênh được nghiệm thu"
        role = role_of(f.group(1))
        if role in ("timing", "product", "funding") and role not in fields:
            fields[role] = _field(text, base + f.start(2), base + f.end(2))


class TaskExtractor(TransformComponent):
    """llama-index stage: stores the tasks of each structured document in metadata['tasks']."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.metadata[META_TASKS] = extract_tasks(node.get_content(), node.metadata.get(META_BLOCKS) or [])
        return nodes

