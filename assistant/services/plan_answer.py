"""Answers read from the plan model: a unit's duties, what falls due in a period (or first, or last), a target's value.

"Sở X phải làm những việc gì?" asks for every task of the unit, which passages ranked by similarity rarely give in
full, and which task falls due first takes every dated task of a plan to tell; the plan model has them as rows.
So for these kinds of question the answer is the complete list of rows the
asker may read (the access rule of `AssignmentService`), each item cited by its exact span. A question that
names a plan is answered from that plan (the best-ranked retrieved document that has rows); one that names none
from all plans, plan by plan. When the model has no row (or the question is of another kind), `answer` returns
None and the passages answer as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from assistant.components.vector_store import AccessScope, ScoredChunk
from assistant.domain import AskResponse, Citation
from assistant.services.assignments import AssignmentService, Filters
from assistant.services.question import Question, has_phrase, names_a_document
from assistant.text import has_diacritics
from assistant.vocab.dates import date_vi, deadline_phrase, parse_timing, period_phrase
from assistant.vocab.units import subject_units, unit_search_key

MAX_ITEMS = 40  # more than this and the board ("Nhiệm vụ") is the better place; the answer says how many
# a question that also asks under which condition or about which topic is not answered by the whole list
_NARROWING = ("khi", "neu", "truong hop", "linh vuc", "ve viec")
# what falls due: "đến hạn", "phải (làm) xong", "cần hoàn thành", "xong trước"
_DUE = re.compile(r"\b(?:den han|han chot|het han|toi han|(?:phai|can) (?:lam |thuc hien )?(?:xong|hoan thanh|hoan tat)|"
                  r"(?:xong|hoan thanh) (?:truoc|trong))\b")
_TARGET = ("chi tieu",)
# what runs in a period is asked as tasks or activities: "có những hoạt động nào", "phải làm gì", "việc gì" — not "có
# những sản phẩm nào", "thay thế những kế hoạch nào"
_ACTIVITIES = re.compile(r"\b(?:nhiem vu|viec|cong viec|hoat dong|phan viec)\b(?: \w+){0,3}? (?:nao|gi)\b|"
                         r"\blam (?:nhung )?(?:gi|viec gi)\b")
# a task asked by when it falls due among the others: "nhiệm vụ nào … sớm nhất", "mốc cuối cùng"
_ITEM_ASKED = re.compile(r"\b(?:nhiem vu|viec|cong viec|hoat dong|moc|noi dung)\b(?: \w+){0,3}? nao\b|"
                         r"\b(?:moc|nhiem vu|viec) (?:dau tien|cuoi cung)\b")
_DATED = re.compile(r"\b(?:han|thoi han|hoan thanh|xong|moc|het han|tien do)\b")
_FIRST = re.compile(r"\b(?:som nhat|dau tien|truoc nhat|truoc tien)\b")
_LAST = re.compile(r"\b(?:muon nhat|tre nhat|cuoi cung|sau cung|sau nhat)\b")
_MIN_UNIT_WORDS = 3  # a shortened unit name keeps at least its head and two words ("Sở Nông nghiệp và …")


@dataclass
class PlanAnswers:
    service: AssignmentService
    ALL: ClassVar[frozenset[str]] = frozenset(("targets", "due", "running", "duties", "first", "last"))
    # on by default (`answer.period_answers`): what falls due or runs in a period, what falls due first or last
    PERIODS: ClassVar[frozenset[str]] = frozenset(("due", "running", "first", "last"))
    kinds: frozenset[str] = ALL  # the kinds of question it answers

    def answer(self, q: Question, scope: AccessScope | None, chunks: list[ScoredChunk]) -> AskResponse | None:
        kind = self._kind(q)
        if kind not in self.kinds:
            return None
        if kind == "targets":
            return self._targets(q, scope, chunks)
        if kind in ("due", "running"):
            return self._of_period(q, scope, chunks, due=kind == "due")
        if kind in ("first", "last"):
            return self._first_or_last(q, scope, chunks, last=kind == "last")
        unit = self._asked_unit(q, scope)
        return self._duties(q, unit, scope, chunks) if unit else None

    @staticmethod
    def _kind(q: Question) -> str | None:
        if q.wants("compare", "metadata", "funding", "purpose") or any(has_phrase(q.folded, w) for w in _NARROWING):
            return None
        if _ITEM_ASKED.search(q.folded) and (_DATED.search(q.folded) or q.wants("deadline")):
            if _FIRST.search(q.folded):  # "nhiệm vụ nào có thời hạn sớm nhất?"
                return "first"
            if _LAST.search(q.folded):  # "việc nào phải hoàn thành muộn nhất?", "mốc cuối cùng"
                return "last"
        if any(has_phrase(q.folded, c) for c in _TARGET) and not q.wants("responsibility", "deadline", "list"):
            return "targets"
        if _DUE.search(q.folded) and q.wants("list") and not q.wants("target"):
            return "due"
        if q.wants("list") and not q.wants("target", "deadline", "reporting") and period_phrase(q.text) and \
                _ACTIVITIES.search(q.folded):
            return "running"
        if q.wants("list") and not q.wants("target", "deadline"):
            return "duties"
        return None

    def _asked_unit(self, q: Question, scope: AccessScope | None) -> str | None:
        """The unit a question asks about: one it names ('Sở Y tế …'), the units it opens with ('Các chi bộ, đảng
        bộ trực thuộc phải …'), or a unit of the plans it opens with, typed without diacritics ('so xay dung …')."""
        if has_diacritics(q.text):
            if q.units:
                return q.units[0]
            opening = subject_units(q.text)
            if opening:
                return q.text[opening[0]:opening[1]]
        asked = unit_search_key(q.text) + " "
        known = [u["unit"] for u in self.service.units(scope)]
        hits = [u for u in known if (key := unit_search_key(u)) and asked.startswith(key + " ")]
        if hits:
            return max(hits, key=lambda u: len(unit_search_key(u)))
        return q.units[0] if q.units else None  # typed without diacritics, split at head words: the first

    # the three kinds ------------------------------------------------------------------------------
    def _duties(self, q: Question, asked: str, scope: AccessScope | None,
                chunks: list[ScoredChunk]) -> AskResponse | None:
        unit, items = self.service.tasks_of_first_unit(_shorter_names(asked), scope)
        items = _in_named_plan(q, items, chunks)
        if not items:
            return None
        names = self.service.names()
        # the unit as the plans name it ("ubnd cap xa" typed -> "Ủy ban nhân dân cấp xã")
        shown = next((u for i in items for u in i["lead_units"] + i["co_units"] if names.matches(unit, u)), unit)
        lead = [i for i in items if any(names.matches(unit, u) for u in i["lead_units"])]
        co = [i for i in items if i not in lead]
        head = f"{shown} có {len(items)} nhiệm vụ" + (f" (chủ trì {len(lead)}, phối hợp {len(co)})" if co else "") + ":"
        return _listing(head, lead + co, lambda i: _task_line(i, unit, names.matches))

    def _of_period(self, q: Question, scope: AccessScope | None, chunks: list[ScoredChunk], due: bool
                   ) -> AskResponse | None:
        """What falls due (`due`) or runs in the period the question names."""
        span = (deadline_phrase(q.text) if due else None) or period_phrase(q.text)
        if span is None:
            return None
        period = q.text[span[0]:span[1]].strip()
        found = self.service.due_in(period, scope) if due else self.service.running_in(period, scope)
        items = self._of_unit_asked(q, scope, _in_named_plan(q, found, chunks))
        if not items:
            return None
        head = f"Có {len(items)} nhiệm vụ đến hạn {period}:" if due else \
            f"Có {len(items)} nhiệm vụ thực hiện trong {period}:"
        said = "hạn" if due else "thời gian:"
        return _listing(head, items, lambda i: f"{_clip(i['task'])} — {_units_said(i)}{said} {_due_said(i)}")

    def _first_or_last(self, q: Question, scope: AccessScope | None, chunks: list[ScoredChunk], last: bool
                       ) -> AskResponse | None:
        """The tasks of the plan asked (the best-ranked document found that has dated tasks) that fall due first or
        last — by their deadline, not one repeating each month — every one due that day."""
        dated = [i for i in self.service.all_assignments(scope, Filters(include_items=True))
                 if i["due_end"] and i["recurrence"] == "none"]
        docs = {i["doc_id"] for i in dated}
        doc = next((str(c.payload.get("doc_id")) for c in chunks if str(c.payload.get("doc_id")) in docs), None)
        items = self._of_unit_asked(q, scope, [i for i in dated if i["doc_id"] == doc])
        if not items:
            return None
        day = (max if last else min)(i["due_end"] for i in items)
        items = [i for i in items if i["due_end"] == day]
        head = f"Nhiệm vụ có thời hạn {'muộn' if last else 'sớm'} nhất ({date_vi(day)}):"
        return _listing(head, items, lambda i: f"{_clip(i['task'])} — {_units_said(i)}hạn {_due_said(i)}")

    def _of_unit_asked(self, q: Question, scope: AccessScope | None, items: list[dict[str, Any]]
                       ) -> list[dict[str, Any]]:
        """The items of the unit the question names; a unit that has no task at all in these plans is the one issuing
        them ("BTCTU Lâm Đồng: …", "… của Tỉnh Đoàn Đông Lâm"), not one whose tasks are asked."""
        docs = {i["doc_id"] for i in items}
        units = [u for u in q.units if any(i["doc_id"] in docs for i in self.service.tasks_of_unit(u, scope))]
        if not units:
            return items
        names = self.service.names()
        return [i for i in items if any(names.matches(units[0], v) for v in i["lead_units"] + i["co_units"])]

    def _targets(self, q: Question, scope: AccessScope | None, chunks: list[ScoredChunk]) -> AskResponse | None:
        items = _in_named_plan(q, self.service.targets_about(q.text, scope), chunks)
        if not items:
            return None
        best = [i for i in items if i["indicator"] == items[0]["indicator"]] if len({i["doc_id"] for i in items}) == 1 \
            else items
        head = "Chỉ tiêu theo kế hoạch:" if len(best) > 1 else "Chỉ tiêu:"
        return _listing(head, best, _target_line)


# ---------------------------------------------------------------- helpers


def _shorter_names(unit: str) -> list[str]:
    """'Sở Nông nghiệp và Môi trường Đồng Tháp' -> itself, then without its last words (the place the question
    adds), down to three words."""
    words = unit.split()
    return [" ".join(words[:n]) for n in range(len(words), min(len(words), _MIN_UNIT_WORDS) - 1, -1)]


def _in_named_plan(q: Question, items: list[dict[str, Any]], chunks: list[ScoredChunk]) -> list[dict[str, Any]]:
    """Items of the plan the question names (the best-ranked retrieved document that has items); all when it
    names none."""
    if not items or not names_a_document(q.folded):
        return items
    have = {i["doc_id"] for i in items}
    best = next((str(c.payload.get("doc_id")) for c in chunks if str(c.payload.get("doc_id")) in have), None)
    return [i for i in items if i["doc_id"] == best] if best else items


def _listing(head: str, items: list[dict[str, Any]], line: Any) -> AskResponse:
    """The head line, then one cited line per item; several plans: grouped under each plan's title."""
    shown = items[:MAX_ITEMS]
    citations: list[Citation] = []
    lines = [head]
    docs = list(dict.fromkeys(i["doc_id"] for i in shown))
    for doc_id in docs:
        group = [i for i in shown if i["doc_id"] == doc_id]
        if len(docs) > 1:
            lines.append(f"Theo {group[0]['title'] or group[0]['source']}:")
        for item in group:
            n = len(citations) + 1
            citations.append(Citation(n=n, doc_id=item["doc_id"], source=item["source"], title=item["title"],
                                      doc_number=item.get("doc_number", ""), section=item.get("section", ""),
                                      quote=item["quote"], start=item["start"], end=item["end"]))
            lines.append(f"- {line(item)} [{n}]")
    if len(items) > len(shown):
        lines.append(f"… và {len(items) - len(shown)} mục khác (xem đủ ở thẻ Nhiệm vụ).")
    return AskResponse(answer="\n".join(lines), answerable=True, citations=citations)


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def _task_line(item: dict[str, Any], unit: str, matches: Any) -> str:
    said = [] if any(matches(unit, u) for u in item["lead_units"]) else ["phối hợp với " + ", ".join(item["lead_units"])]
    if item["timing"] or item["due_end"]:
        said.append(f"thời hạn: {_due_said(item)}")
    return _clip(item["task"]) + (f" ({'; '.join(said)})" if said else "")


def _units_said(item: dict[str, Any]) -> str:
    return f"chủ trì: {', '.join(item['lead_units'])}; " if item["lead_units"] else ""


def _due_said(item: dict[str, Any]) -> str:
    written = " ".join(str(item["timing"] or "").split())
    if written and parse_timing(written).due_end == item["due_end"] and item["recurrence"] == "none":
        return written
    due = item.get("due_in_period") or item["next_due"] or item["due_end"]
    shown = date_vi(due) if due else ""
    return f"{written} ({shown})" if written and shown else (written or shown)


def _target_line(item: dict[str, Any]) -> str:
    period = f" ({item['period']})" if item["period"] and item["period"] not in item["indicator"] else ""
    unit = f"; đơn vị: {', '.join(item['lead_units'])}" if item["lead_units"] else ""
    value = item["value"]
    said = _clip(item["indicator"]) if value in item["indicator"] else f"{_clip(item['indicator'])}: {value}"
    return f"{said}{period}{unit}"
