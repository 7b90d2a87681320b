"""Who does what by when, as data: the assignments, targets and reporting duties of the plans a caller may
read, their tracking (status, note, evidence, history), deadline alerts and unit aliases.

Access is the chunks' rule: a row is visible when its document is (classification up to the clearance; a
document with units only to users of those units, admins all), decided once per call from the documents table
(`Reader`: a `Principal` or the `AccessScope` the answerer already has). Unit names pass through the alias list
on every read, so an alias added by an admin applies at once, without a re-ingest.

For answering (the answer service calls these with the asker's scope): `tasks_of_unit`, `due_in`, `targets_about`
return complete lists of items, each with the document, the exact span and quote to cite.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.components.plan_store import (
    AssignmentRow,
    DutyRow,
    PlanStore,
    TargetRow,
    TrackingRow,
)
from assistant.components.registry import DocumentRow, Registry
from assistant.components.vector_store import AccessScope
from assistant.domain import DEFAULT_STATUS, DONE, MAX_PAGE_SIZE, STATUSES
from assistant.services.access import Principal, iso
from assistant.services.audit import Redact, identity
from assistant.services.evidence import content_terms
from assistant.services.plan_compare import compare
from assistant.settings import PlanSettings
from assistant.text import nfc
from assistant.vocab.dates import active_spans, month_end, parse_timing, plan_year
from assistant.vocab.units import unit_search_key

MAX_NOTE_CHARS = 2000
_YEAR_DAYS = 360  # a span this long is a year's or more
Reader = Principal | AccessScope | None  # None: no restriction (the local CLI)


class PlanError(ValueError):
    """A request the plan service refuses; the message is Vietnamese and safe to show."""


class Forbidden(PlanError):
    """The caller may read the assignment but not change it."""


class NotFound(PlanError):
    """No such row, or one the caller may not read (existence stays hidden)."""


class Clock(Protocol):
    def __call__(self) -> dt.date: ...


def allows(reader: Reader, doc: DocumentRow) -> bool:
    """The access rule of the chunks, on a document row."""
    if reader is None:
        return True
    if isinstance(reader, Principal):
        return reader.may_read(doc.classification, doc.units or [])
    if reader.classifications is not None and doc.classification not in reader.classifications:
        return False
    if reader.doc_ids is not None and doc.doc_id not in reader.doc_ids:
        return False
    return reader.units is None or not doc.units or bool(set(doc.units) & set(reader.units))


@dataclass
class Filters:
    """What `list_assignments` narrows to; every field optional."""

    unit: str | None = None
    role: str = "any"  # lead | co | any
    doc_id: str | None = None
    due_after: dt.date | None = None  # due_end on or after
    due_before: dt.date | None = None  # due_end on or before
    status: str | None = None
    overdue: bool = False
    query: str | None = None  # words of the task, diacritics optional
    include_items: bool = False  # tasks that name no responsible unit


@dataclass
class UnitNames:
    """Unit names through the alias list: one canonical name and one comparison key per unit."""

    aliases: dict[str, str] = field(default_factory=dict)  # unit_search_key(alias) -> canonical

    def canonical(self, name: str) -> str:
        return self.aliases.get(unit_search_key(name), name)

    def key(self, name: str) -> str:
        return unit_search_key(self.canonical(name))

    def matches(self, wanted: str, name: str) -> bool:
        """'Sở KH&CN' matches 'Sở Khoa học và Công nghệ'; 'UBND xã' matches 'Ủy ban nhân dân xã, phường'."""
        a, b = self.key(wanted), self.key(name)
        return bool(a) and (a == b or b.startswith(a + " "))


def next_due(row: AssignmentRow | DutyRow, today: dt.date) -> dt.date | None:
    """The deadline still ahead: the end of a one-off task, or the next occurrence of a recurring one
    ('trước ngày 15 hằng tháng' -> the 15th of this or next month)."""
    if row.recurrence == "none":
        return dt.date.fromisoformat(row.due_end) if row.due_end else None
    if row.recurrence == "continuous":
        return None
    end = dt.date.fromisoformat(row.due_end) if row.due_end else None
    # "hằng năm (trước ngày 30 tháng 11)": the date read with the plan's year is the occurrence, not an end
    occurrence = end is not None and (end.month, end.day) == (row.month, row.day)
    if end is not None and end < today and not occurrence:
        return None  # the recurring task has ended ("hằng tháng trong năm 2026")
    months = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "half-yearly": (6, 12),
              "yearly": (row.month or 12,)}[row.recurrence]
    for year in (today.year, today.year + 1):
        for month in months:
            last = month_end(year, month).day
            due = dt.date(year, month, min(row.day or last, last))
            if due >= today:
                return due
    return None


class AssignmentService:
    def __init__(self, registry: Registry, settings: PlanSettings | None = None, redact: Redact = identity,
                 clock: Clock = dt.date.today) -> None:
        self.registry = registry
        self.plans = PlanStore(registry)
        self.settings = settings or PlanSettings()  # type: ignore[call-arg]
        self.redact = redact
        self.clock = clock

    # access and names ---------------------------------------------------------
    def _docs(self, reader: Reader, doc_id: str | None = None) -> dict[str, DocumentRow]:
        return {r.doc_id: r for r in self.registry.list_documents()
                if r.status == "ingested" and allows(reader, r) and (doc_id is None or r.doc_id == doc_id)}

    def names(self) -> UnitNames:
        return UnitNames({r.alias_key: r.canonical for r in self.plans.aliases()})

    # assignments ----------------------------------------------------------------
    def _item(self, a: AssignmentRow, doc: DocumentRow, track: TrackingRow | None, names: UnitNames,
              today: dt.date) -> dict[str, Any]:
        status = track.status if track else DEFAULT_STATUS
        due = next_due(a, today)
        done = status == DONE
        overdue = not done and a.recurrence == "none" and due is not None and due < today
        soon = not done and due is not None and today <= due <= today + dt.timedelta(days=self.settings.due_soon_days)
        meta = doc.meta or {}
        return {
            "id": a.id, "doc_id": a.doc_id, "source": doc.source, "title": meta.get("title", ""),
            "doc_number": meta.get("doc_number", ""), "kind": a.kind, "form": a.source, "task": a.task,
            "lead_units": [names.canonical(u) for u in a.lead_units or []],
            "co_units": [names.canonical(u) for u in a.co_units or []],
            "lead_units_written": list(a.lead_units or []), "co_units_written": list(a.co_units or []),
            "timing": a.timing, "due_start": a.due_start, "due_end": a.due_end, "recurrence": a.recurrence,
            "day": a.day, "month": a.month, "next_due": due.isoformat() if due else None, "overdue": overdue,
            "due_soon": soon, "product": a.product, "status": status, "note": track.note if track else "",
            "evidence_doc_id": track.evidence_doc_id if track else "",
            "updated_by": track.updated_by if track else "", "updated_at": iso(track.updated_at) if track else "",
            "section": a.section, "quote": (doc.text or "")[a.start:a.end], "start": a.start, "end": a.end,
            "fields": a.fields or {}, "plan_year": plan_year(meta.get("title", ""), meta.get("issued_date", "")),
        }

    def _items(self, reader: Reader, names: UnitNames, doc_id: str | None = None) -> list[dict[str, Any]]:
        docs = self._docs(reader, doc_id)
        rows = self.plans.assignments(docs)
        tracking = self.plans.tracking((d.source, a.key) for a, d in rows)
        today = self.clock()
        return [self._item(a, d, tracking.get((d.source, a.key)), names, today) for a, d in rows]

    def list_assignments(self, reader: Reader, filters: Filters | None = None, page: int = 1,
                         page_size: int = 50) -> dict[str, Any]:
        """`{"total": N, "items": [...]}` of one page, in document order."""
        items = self.all_assignments(reader, filters)
        page, page_size = max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)
        return {"total": len(items), "page": page, "page_size": page_size,
                "items": items[(page - 1) * page_size: page * page_size]}

    def all_assignments(self, reader: Reader, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Every matching item (exports, answers)."""
        f = filters or Filters()
        names = self.names()  # read once, not per item
        words = set(content_terms(f.query)) if f.query else set()
        return [i for i in self._items(reader, names, f.doc_id) if self._keep(i, f, names, words)]

    def _keep(self, item: dict[str, Any], f: Filters, names: UnitNames, words: set[str]) -> bool:
        if item["kind"] != "assigned" and not f.include_items:
            return False
        if f.unit:
            units = (item["lead_units"] if f.role in ("lead", "any") else []) + \
                (item["co_units"] if f.role in ("co", "any") else [])
            if not any(names.matches(f.unit, u) for u in units):
                return False
        due = item["next_due"] or item["due_end"]
        if f.due_after and (due is None or dt.date.fromisoformat(due) < f.due_after):
            return False
        if f.due_before and (due is None or dt.date.fromisoformat(due) > f.due_before):
            return False
        if f.status and item["status"] != f.status:
            return False
        if f.overdue and not item["overdue"]:
            return False
        if f.query:
            have = set(content_terms(" ".join([item["task"], item["title"], *item["lead_units"]])))
            if not words <= have:
                return False
        return True

    def get(self, reader: Reader, assignment_id: str) -> dict[str, Any]:
        found = self.plans.assignment(assignment_id)
        if found is None or not allows(reader, found[1]):
            raise NotFound(f"Không tìm thấy nhiệm vụ có mã '{assignment_id}'.")
        a, doc = found
        track = self.plans.tracking([(doc.source, a.key)]).get((doc.source, a.key))
        return self._item(a, doc, track, self.names(), self.clock())

    def may_track(self, principal: Principal, item: dict[str, Any]) -> bool:
        """Admins; editors of the responsible units (lead or co)."""
        if principal.role == "admin":
            return True
        if principal.role != "editor":
            return False
        names = self.names()
        mine = {names.key(u) for u in principal.units}
        return any(names.key(u) in mine for u in (*item["lead_units"], *item["co_units"]))

    def update(self, principal: Principal, assignment_id: str, status: str | None = None, note: str | None = None,
               evidence_doc_id: str | None = None, at: dt.datetime | None = None) -> dict[str, Any]:
        """Set status / note / evidence of an assignment; the change is kept in its history."""
        item = self.get(principal, assignment_id)
        if not self.may_track(principal, item):
            raise Forbidden("Chỉ biên tập viên của đơn vị chủ trì hoặc phối hợp (hoặc quản trị viên) được cập nhật "
                            "tiến độ nhiệm vụ này.")
        status = nfc(status).strip().lower() if status is not None else item["status"]
        if status not in STATUSES:
            raise PlanError("Trạng thái phải là một trong: " + ", ".join(STATUSES) + ".")
        note = self.redact(nfc(note).strip()) if note is not None else item["note"]
        if len(note) > MAX_NOTE_CHARS:
            raise PlanError(f"Ghi chú dài quá {MAX_NOTE_CHARS} ký tự.")
        evidence = evidence_doc_id.strip() if evidence_doc_id is not None else item["evidence_doc_id"]
        if evidence and not self._docs(principal, evidence):
            raise PlanError(f"Không tìm thấy tài liệu minh chứng có mã '{evidence}'.")
        found = self.plans.assignment(assignment_id)
        assert found is not None
        a, doc = found
        self.plans.track(doc.source, a.key, a.id, principal.name, status, note, evidence,
                         at or dt.datetime.now(dt.UTC))
        return self.get(principal, assignment_id)

    def history(self, reader: Reader, assignment_id: str) -> list[dict[str, Any]]:
        item = self.get(reader, assignment_id)
        found = self.plans.assignment(assignment_id)
        assert found is not None
        return [{"at": iso(h.at), "user": h.user, "status": h.status, "note": h.note,
                 "evidence_doc_id": h.evidence_doc_id, "assignment_id": h.assignment_id or item["id"]}
                for h in self.plans.history(found[1].source, found[0].key)]

    # targets and reporting duties ---------------------------------------------
    def targets(self, reader: Reader, unit: str | None = None, doc_id: str | None = None,
                query: str | None = None) -> list[dict[str, Any]]:
        names = self.names()
        out = []
        for t, doc in self.plans.targets(self._docs(reader, doc_id)):
            item = _target_item(t, doc, names)
            if unit and not any(names.matches(unit, u) for u in item["lead_units"]):
                continue
            if query and not set(content_terms(query)) <= set(content_terms(f"{t.indicator} {t.measure}")):
                continue
            out.append(item)
        return out

    def duties(self, reader: Reader, unit: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
        names, today = self.names(), self.clock()
        out = []
        for d, doc in self.plans.duties(self._docs(reader, doc_id)):
            item = _duty_item(d, doc, names, today)
            if unit and not any(names.matches(unit, u) for u in (*item["reporter"], *item["recipient"])):
                continue
            out.append(item)
        return out

    # alerts ------------------------------------------------------------------
    def alerts(self, reader: Reader, within_days: int | None = None, unit: str | None = None) -> list[dict[str, Any]]:
        """'quá hạn' (past due, not done) and 'sắp đến hạn' (due within N days) assignments, and the next
        occurrence of recurring reporting duties, soonest first."""
        today, days = self.clock(), self.settings.due_soon_days if within_days is None else within_days
        horizon = today + dt.timedelta(days=days)
        out: list[dict[str, Any]] = []
        for item in self.all_assignments(reader, Filters(unit=unit)):
            due = item["next_due"]
            if item["overdue"]:
                out.append(_alert("overdue", item["due_end"], today, "assignment", item))
            elif due and item["status"] != DONE and today <= dt.date.fromisoformat(due) <= horizon:
                out.append(_alert("due_soon", due, today, "assignment", item))
        for duty in self.duties(reader, unit=unit):
            due = duty["next_due"]
            if due and today <= dt.date.fromisoformat(due) <= horizon:
                out.append(_alert("due_soon", due, today, "reporting_duty", duty))
        return sorted(out, key=lambda a: (a["due"], a["kind"]))

    # units -------------------------------------------------------------------
    def units(self, reader: Reader) -> list[dict[str, Any]]:
        """Each unit (aliases applied) with its assignments counted by status and its next deadline."""
        names = self.names()
        table: dict[str, dict[str, Any]] = {}
        for item in self.all_assignments(reader):
            for role in ("lead_units", "co_units"):
                for unit in item[role]:
                    row = table.setdefault(names.key(unit), {"unit": unit, "lead": 0, "co": 0, "by_status": {},
                                                             "overdue": 0, "next_due": None})
                    row["lead" if role == "lead_units" else "co"] += 1
                    if role == "lead_units":
                        row["by_status"][item["status"]] = row["by_status"].get(item["status"], 0) + 1
                        row["overdue"] += item["overdue"]
                        due = item["next_due"]
                        if due and item["status"] != DONE and (row["next_due"] is None or due < row["next_due"]):
                            row["next_due"] = due
        return sorted(table.values(), key=lambda r: (-r["lead"], r["unit"]))

    def aliases(self) -> list[dict[str, str]]:
        return [{"alias": r.alias, "canonical": r.canonical, "created_by": r.created_by} for r in self.plans.aliases()]

    def add_alias(self, alias: str, canonical: str, user: str = "") -> dict[str, str]:
        alias, canonical = nfc(alias).strip(), nfc(canonical).strip()
        if not alias or not canonical or unit_search_key(alias) == unit_search_key(canonical):
            raise PlanError("Cần hai tên đơn vị khác nhau: tên viết tắt/khác và tên chuẩn.")
        row = self.plans.add_alias(alias, canonical, user)
        return {"alias": row.alias, "canonical": row.canonical, "created_by": row.created_by}

    def remove_alias(self, alias: str) -> None:
        if not self.plans.remove_alias(nfc(alias).strip()):
            raise NotFound(f"Không có tên gọi khác '{alias}'.")

    # compare -------------------------------------------------------------------
    def compare(self, reader: Reader, higher_id: str, lower_id: str) -> dict[str, Any]:
        """What the lower plan took up of the higher one (`assistant.services.plan_compare`)."""
        docs = self._docs(reader)
        for doc_id in (higher_id, lower_id):
            if doc_id not in docs:
                raise NotFound(f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        if higher_id == lower_id:
            raise PlanError("Cần hai văn bản khác nhau: văn bản cấp trên và văn bản cấp dưới.")
        names = self.names()
        higher = self.all_assignments(reader, Filters(doc_id=higher_id, include_items=True))
        lower = self.all_assignments(reader, Filters(doc_id=lower_id, include_items=True))
        found = compare(higher, lower, names.matches, lower_issuer=str((docs[lower_id].meta or {}).get("issuer", "")),
                        key=names.key)
        return {"higher": _doc_info(docs[higher_id]), "lower": _doc_info(docs[lower_id]), **found}

    # rebuild -------------------------------------------------------------------
    def rebuild(self, doc_ids: Iterable[str] | None = None) -> int:
        """Read the plan model again from the stored text (documents ingested before it existed, or after the
        extraction rules changed); returns the number of documents rebuilt. No re-embedding."""
        from ingest.facts import extract_tasks
        from ingest.plan import extract_plan
        from ingest.structure import parse_structure

        wanted = set(doc_ids) if doc_ids is not None else None
        n = 0
        for row in self.registry.list_documents():
            if row.status != "ingested" or (wanted is not None and row.doc_id not in wanted):
                continue
            text = row.text or ""
            blocks = parse_structure(text)
            meta = row.meta or {}
            plan = extract_plan(text, blocks, extract_tasks(text, blocks), str(meta.get("issued_date", "")),
                                str(meta.get("title", "")))
            self.plans.replace(row.doc_id, dict(plan))
            n += 1
        return n

    # answering -----------------------------------------------------------------
    def tasks_of_unit(self, unit: str, reader: Reader, role: str = "any") -> list[dict[str, Any]]:
        """'Sở X phải làm những việc gì?': every assignment the unit leads or takes part in, soonest due first."""
        return self.tasks_of_first_unit([unit], reader, role)[1]

    def tasks_of_first_unit(self, units: Iterable[str], reader: Reader, role: str = "any"
                            ) -> tuple[str, list[dict[str, Any]]]:
        """The first of `units` that has tasks, and its tasks (`tasks_of_unit`); "" and [] when none has. The
        assignments and aliases are read once for all of them: an answer tries a unit's name shortened word by
        word."""
        names = self.names()
        loaded = self._items(reader, names)
        for unit in units:
            f = Filters(unit=unit, role=role)
            items = [i for i in loaded if self._keep(i, f, names, set())]
            if items:
                return unit, sorted(items, key=lambda i: (i["next_due"] or i["due_end"] or "9999", i["source"],
                                                          i["start"]))
        return "", []

    def due_in(self, period: str, reader: Reader) -> list[dict[str, Any]]:
        """'Những nhiệm vụ nào đến hạn trong Quý III/2026?': assignments whose deadline (or an occurrence of a
        recurring one) falls in the period, in deadline order. [] when the period names no dates."""
        t = parse_timing(period)
        if not (t.due_start or t.due_end):
            return []
        start = dt.date.fromisoformat(t.due_start) if t.due_start else dt.date.min
        end = dt.date.fromisoformat(t.due_end) if t.due_end else dt.date.max
        return self.due_between(start, end, reader)

    def running_in(self, period: str, reader: Reader) -> list[dict[str, Any]]:
        """'Trong tháng 5 có những hoạt động nào?': assignments that run at some time in the period (a schedule's
        ticked months, a quarter, a deadline inside it), first to start first. A period without its year ("tháng
        5") is read in each plan's year; a task that runs a year or more says nothing of a shorter period."""
        out = []
        asked_in = functools.cache(lambda year: parse_timing(period, year))  # the period read once per plan year
        for item in self.all_assignments(reader):
            asked = asked_in(item["plan_year"])
            if not asked.due_end:
                continue
            start, end = dt.date.fromisoformat(asked.due_start or asked.due_end), dt.date.fromisoformat(asked.due_end)
            short = (end - start).days < _YEAR_DAYS
            runs = [a for a, b in active_spans(item["timing"] or "", item["plan_year"])
                    if a <= end and start <= b and not (short and (b - a).days >= _YEAR_DAYS)]
            if runs:
                out.append({**item, "runs_from": runs[0].isoformat()})
        return sorted(out, key=lambda i: (i["runs_from"], i["source"], i["start"]))

    def due_between(self, start: dt.date, end: dt.date, reader: Reader, doc_id: str | None = None
                    ) -> list[dict[str, Any]]:
        """`due_in` for a period already in dates (a report's): its label read back loses a "từ ngày … đến ngày …"
        start."""
        # "trước ngày 30/6/2026" has no start: a recurring task falls due at its next occurrence, not in year 1
        first = self.clock() if start == dt.date.min else start
        out = []
        for item in self.all_assignments(reader, Filters(doc_id=doc_id)):
            due = _due_within(item, start, end, first)
            if due is not None:
                out.append({**item, "due_in_period": due.isoformat()})
        return sorted(out, key=lambda i: (i["due_in_period"], i["source"], i["start"]))

    def targets_about(self, query: str, reader: Reader, limit: int = 20) -> list[dict[str, Any]]:
        """'Chỉ tiêu về dịch vụ công trực tuyến là bao nhiêu?': targets whose indicator says most of the query's
        words (at least half of them), best first."""
        words = set(content_terms(query)) - {"chi", "tieu", "bao", "nhieu", "muc"}
        if not words:
            return []
        scored = []
        for item in self.targets(reader):
            have = set(content_terms(item["indicator"]))
            hit = len(words & have) / len(words)
            if hit >= 0.5:
                scored.append((hit, item))
        scored.sort(key=lambda p: (-p[0], p[1]["source"], p[1]["start"]))
        return [i for _, i in scored[:limit]]


def _doc_info(doc: DocumentRow) -> dict[str, Any]:
    meta = doc.meta or {}
    return {"doc_id": doc.doc_id, "source": doc.source, "title": meta.get("title", ""),
            "doc_number": meta.get("doc_number", ""), "issuer": meta.get("issuer", "")}


def _due_within(item: dict[str, Any], start: dt.date, end: dt.date, first: dt.date) -> dt.date | None:
    """The deadline of the item in start..end; for a recurring task its first occurrence from `first` on."""
    if item["recurrence"] == "none":
        due = item["due_end"]
        return dt.date.fromisoformat(due) if due and start <= dt.date.fromisoformat(due) <= end else None
    if item["recurrence"] == "continuous":
        return None
    row = AssignmentRow(recurrence=item["recurrence"], day=item["day"], month=item["month"], due_end=item["due_end"])
    due = next_due(row, max(first, dt.date.fromisoformat(item["due_start"]) if item["due_start"] else first))
    return due if due is not None and due <= end else None


def _alert(kind: str, due: str, today: dt.date, what: str, item: dict[str, Any]) -> dict[str, Any]:
    days = (dt.date.fromisoformat(due) - today).days
    return {"kind": kind, "label": "quá hạn" if kind == "overdue" else "sắp đến hạn", "due": due, "days": days,
            "item_type": what, "item": item}


def _target_item(t: TargetRow, doc: DocumentRow, names: UnitNames) -> dict[str, Any]:
    meta = doc.meta or {}
    number = None if t.number is None or math.isnan(t.number) else t.number
    return {"id": t.id, "doc_id": t.doc_id, "source": doc.source, "title": meta.get("title", ""),
            "doc_number": meta.get("doc_number", ""), "indicator": t.indicator, "value": t.value,
            "comparator": t.comparator, "number": number, "number_to": t.number_to, "measure": t.measure,
            "period": t.period, "due_start": t.due_start, "due_end": t.due_end,
            "lead_units": [names.canonical(u) for u in t.lead_units or []], "form": t.source, "section": t.section,
            "quote": (doc.text or "")[t.start:t.end], "start": t.start, "end": t.end, "spans": t.spans or {}}


def _duty_item(d: DutyRow, doc: DocumentRow, names: UnitNames, today: dt.date) -> dict[str, Any]:
    meta = doc.meta or {}
    due = next_due(d, today)
    return {"id": d.id, "doc_id": d.doc_id, "source": doc.source, "title": meta.get("title", ""),
            "doc_number": meta.get("doc_number", ""), "reporter": [names.canonical(u) for u in d.reporter or []],
            "recipient": [names.canonical(u) for u in d.recipient or []],
            "via": [names.canonical(u) for u in d.via or []], "what": d.what, "timing": d.timing,
            "recurrence": d.recurrence, "day": d.day, "month": d.month, "due_start": d.due_start, "due_end": d.due_end,
            "next_due": due.isoformat() if due else None, "form": d.source, "section": d.section,
            "quote": (doc.text or "")[d.start:d.end], "start": d.start, "end": d.end, "spans": d.spans or {}}


def parse_day(value: str | None, name: str) -> dt.date | None:
    """An ISO date from a query parameter or option; a Vietnamese error otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise PlanError(f"{name}: ngày không hợp lệ '{value}' (dùng dạng YYYY-MM-DD).") from exc

