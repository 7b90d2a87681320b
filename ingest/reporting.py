"""Reporting duties: who reports what to whom and when, with exact spans.

Plans write them as clauses of a duty or of the closing formula, with the verb "báo cáo", "gửi" or "phản ánh":

- "báo cáo <to> <what>": "định kỳ báo cáo Ban Thường vụ Đảng uỷ và Văn phòng Thành uỷ", "báo cáo UBND Thành phố
  kết quả thực hiện thông qua Sở Khoa học và Công nghệ trước ngày 15 hằng tháng";
- "<báo cáo|gửi> <what> về <to>": "Định kỳ trước ngày 20 hằng tháng, báo cáo kết quả thực hiện về Văn phòng Đảng
  ủy", "gửi kết quả rà soát về Bộ Công an trước ngày 15 tháng 12 năm 2025";
- "phản ánh về <to>" in the closing formula ("nếu có khó khăn, vướng mắc, … phản ánh về Sở Y tế").

The reporter is the unit of the duty the clause belongs to, or the units the sentence opens with; the time is
the deadline said in the clause, else in the duty (a table row's "Hằng năm"). A clause with neither a recipient
nor a time is no duty ("xây dựng báo cáo chuyên đề" is work, not a reporting line).
"""

from __future__ import annotations

import re
from typing import Literal, TypedDict

from assistant.vocab.dates import deadline_phrase, parse_timing
from assistant.vocab.numbering import strip_marker
from assistant.vocab.units import starts_with_unit, subject_units, unit_list_at, units_of
from ingest.facts import Field, Task, is_end_section, is_framing
from ingest.model import Block

DutySource = Literal["duty", "closing", "text"]
_VERB = re.compile(r"(?<![\w(])(?:báo cáo|gửi|phản ánh)(?![\wÀ-ỹ])", re.IGNORECASE)
_TO = re.compile(r"\s(?:về|lên|tới|đến|với)\s+")
_VIA = re.compile(r"\(?\s*(?:thông qua|qua)\s+")
_NOT_DUTY = re.compile(r"\(\s*(?:để\s+)?báo cáo\s*\)|\bđể b/c\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[^;.\n]+")
_WHAT_END = re.compile(r"\s(?:thông qua|qua|trước|chậm nhất|để|theo|định kỳ|hằng|hàng|về|lên)\s|[,;.()]|$")
_WHAT_NOUN = re.compile(r"(?:kết quả|tình hình|tiến độ|việc|nội dung|danh sách|số liệu|thông tin|những|các|khó khăn)\b")
# "thực hiện (nghiêm) chế độ (thông tin,) báo cáo định kỳ, đột xuất": the standing reporting regime, a duty even
# when the clause names no recipient or date (they are "theo quy định")
_REGIME = re.compile(r"thực hiện(?:\s+(?:nghiêm|nghiêm túc|đầy đủ|tốt))?\s+chế độ(?:\s+thông tin\s*,?)?\s*$", re.IGNORECASE)
_NOUN_USE = re.compile(r"(?:xây dựng|lập|soạn|soạn thảo|các|những|mẫu|chế độ|tổng hợp,)\s*$", re.IGNORECASE)
_ASKED = re.compile(r"\b(?:đề nghị|yêu cầu)\s+", re.IGNORECASE)


class ReportingDuty(TypedDict):
    start: int
    end: int
    section: str
    source: DutySource
    reporter: list[str]
    recipient: list[str]
    recipient_field: Field | None
    via: list[str]
    what: Field | None
    timing: Field | None
    recurrence: str
    day: int | None
    month: int | None
    due_start: str | None
    due_end: str | None


def _field(text: str, start: int, end: int) -> Field:
    value = text[start:end]
    lead = len(value) - len(value.lstrip())
    value = value.strip().rstrip(" ,;.")
    return Field(text=value, start=start + lead, end=start + lead + len(value))


def _holding(tasks: list[Task], start: int, end: int) -> Task | None:
    inside = [t for t in tasks if t["start"] <= start and end <= t["end"]]
    return min(inside, key=lambda t: t["end"] - t["start"]) if inside else None


def _units_at(clause: str, at: int) -> tuple[int, int] | None:
    rest = clause[at:]
    if not starts_with_unit(rest):
        return None
    a, z = unit_list_at(clause, at)
    return (a, z) if z > a else None


def _duty(text: str, base: int, clause: str, section: str, source: DutySource, reporter: list[str],
          fallback_timing: Field | None, year: int | None) -> ReportingDuty | None:
    """The duty a clause states, read at its first reporting verb that names a recipient, else at its first
    'báo cáo' said as a verb ('chế độ báo cáo … gửi Sở Tài chính' reports to Sở Tài chính)."""
    if _NOT_DUTY.search(clause):
        return None
    found = [d for verb in _VERB.finditer(clause)
             if (d := _read(text, base, clause, verb, section, source, reporter, fallback_timing, year)) is not None]
    return next((d for d in found if d["recipient"]), found[0] if found else None)


def _read(text: str, base: int, clause: str, verb: re.Match[str], section: str, source: DutySource,
          reporter: list[str], fallback_timing: Field | None, year: int | None) -> ReportingDuty | None:
    after = verb.end() + (len(clause[verb.end():]) - len(clause[verb.end():].lstrip()))
    recipient = _units_at(clause, after)  # "báo cáo Ủy ban nhân dân Thành phố kết quả …"
    what: tuple[int, int] | None = None
    if recipient is None:
        to = _TO.search(clause, verb.end())  # "báo cáo kết quả thực hiện về Văn phòng Đảng ủy"
        if to is not None:
            recipient = _units_at(clause, to.end())
            if recipient is not None and to.start() > after:
                what = (after, to.start())
    elif recipient[1] < len(clause):
        rest = recipient[1] + (len(clause[recipient[1]:]) - len(clause[recipient[1]:].lstrip()))
        stop = _WHAT_END.search(clause, rest)
        if stop is not None and stop.start() > rest and _WHAT_NOUN.match(clause, rest):
            what = (rest, stop.start())
    via_at = _VIA.search(clause, verb.end())
    via = _units_at(clause, via_at.end()) if via_at else None
    when = deadline_phrase(clause)
    timing = _field(text, base + when[0], base + when[1]) if when else fallback_timing
    is_noun = bool(_NOUN_USE.search(clause[:verb.start()]))
    regime = verb.group(0).lower() == "báo cáo" and bool(_REGIME.search(clause[:verb.start()]))
    if recipient is None and not regime and (timing is None or verb.group(0).lower() != "báo cáo" or is_noun):
        return None  # "phản ánh, kiến nghị", "xây dựng báo cáo": nouns, no reporting line
    t = parse_timing(timing["text"], year) if timing else None
    return ReportingDuty(
        start=base, end=base + len(clause.rstrip()), section=section, source=source, reporter=reporter,
        recipient=units_of(clause[recipient[0]:recipient[1]]) if recipient else [],
        recipient_field=_field(text, base + recipient[0], base + recipient[1]) if recipient else None,
        via=units_of(clause[via[0]:via[1]]) if via else [],
        what=_field(text, base + what[0], base + what[1]) if what and what[1] - what[0] > 3 else None,
        timing=timing, recurrence=t.recurrence if t else "none", day=t.day if t else None,
        month=t.month if t else None, due_start=t.due_start if t else None, due_end=t.due_end if t else None,
    )


def _reporter(text: str, body: str, clause_at: int, tasks: list[Task], start: int, end: int) -> list[str]:
    """The units that report: the clause's own subject, else the duty's lead, else the units asked to."""
    found = subject_units(body[clause_at:])
    if found:
        return units_of(body[clause_at + found[0]:clause_at + found[1]])
    task = _holding(tasks, start, end)
    if task is not None and "lead" in task["fields"]:
        return units_of(task["fields"]["lead"]["text"])
    asked = _ASKED.search(body)
    if asked is not None and starts_with_unit(body[asked.end():]):
        a, z = unit_list_at(body, asked.end())
        return units_of(body[a:z])
    opening = subject_units(body)
    if opening:
        return units_of(body[opening[0]:opening[1]])
    for m in re.finditer(r",\s+", body):  # "Trong quá trình …, các cơ quan, đơn vị báo cáo …"
        found = subject_units(body[m.end():])
        if found:
            return units_of(body[m.end() + found[0]:m.end() + found[1]])
    return []


def reporting_duties(text: str, blocks: list[Block], tasks: list[Task], year: int | None) -> list[ReportingDuty]:
    """Every reporting duty of a document, in text order."""
    out: list[ReportingDuty] = []
    for b in blocks:
        section = b["section"]
        if not section or is_framing(section) or is_end_section(section):
            continue
        if b["kind"] == "table_row":
            task = _holding(tasks, b["start"], b["end"])
            if task is None or "task" not in task["fields"]:
                continue
            f = task["fields"]["task"]
            lead = units_of(task["fields"]["lead"]["text"]) if "lead" in task["fields"] else []
            found = _duty(text, f["start"], f["text"], section, "duty", lead, task["fields"].get("timing"), year)
            if found is not None:
                out.append(found)
            continue
        if b["kind"] not in ("paragraph", "list_item"):
            continue
        offset, body = strip_marker(text[b["start"]:b["end"]])
        base = b["start"] + offset
        closing = bool(re.search(r"\b(?:khó khăn|vướng mắc)\b", body)) and _holding(tasks, base, b["end"]) is None
        for m in _CLAUSE.finditer(body):
            clause = m.group(0)
            if _VERB.search(clause) is None:
                continue
            start = base + m.start()
            task = _holding(tasks, start, start + len(clause))
            reporter = _reporter(text, body, m.start(), tasks, start, start + len(clause))
            fallback = task["fields"].get("timing") if task is not None else None
            found = _duty(text, start, clause, section, "closing" if closing else "duty" if task else "text",
                          reporter, fallback, year)
            if found is not None:
                out.append(found)
    return sorted(out, key=lambda d: d["start"])
