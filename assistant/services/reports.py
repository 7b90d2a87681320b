"""Report drafts (báo cáo tiến độ, sơ kết, tổng kết, tóm tắt kế hoạch) whose every statement is sourced.

A draft is built from the plan model, never by re-reading strings: each task of the plan (for a unit and a period)
becomes statements made of its recorded fields — the task, the lead and co-units, the deadline, the product — each
citing the exact span it was read from. A result is stated only when something records it: the status and note of
the tracking board (cited with who recorded it and when) or a sentence of a report the caller may read (an uploaded
báo cáo, or the evidence document of the tracking row) that speaks of the task; otherwise the draft shows the
placeholder "[Đơn vị bổ sung kết quả]". Every claim passes the answer verifier (quotes exist, numbers, dates,
periods and the lead unit are said by them); a claim that fails is replaced by a visible placeholder and counted,
so a draft never carries an unsupported sentence.

Structure of a progress / sơ kết / tổng kết report as Party and state offices write it: I. Công tác lãnh đạo, chỉ
đạo, triển khai; II. Kết quả thực hiện nhiệm vụ; III. Hạn chế, khó khăn, nguyên nhân; IV. Nhiệm vụ, giải pháp thời
gian tới; V. Đề xuất, kiến nghị. The header, number line, recipients and signature follow Hướng dẫn 36-HD/VPTW for
Party bodies and Nghị định 30/2020/NĐ-CP for state bodies (`assistant.services.report_docx` lays them out).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from assistant.components.registry import DocumentRow, Registry
from assistant.components.report_store import ReportRow, ReportStore
from assistant.domain import TRACKING_DOC_PREFIX, Citation
from assistant.services.access import Principal
from assistant.services.assignments import (
    AssignmentService,
    Clock,
    Filters,
    NotFound,
    PlanError,
    Reader,
    allows,
)
from assistant.services.evidence import content_terms
from assistant.services.verify import Statement, verify
from assistant.text import collapse_spaces, fold_accents
from assistant.vocab.dates import date_vi, next_period, parse_period, period_label
from assistant.vocab.docnum import kind_code
from assistant.vocab.parts import KINDS, fold_upper
from assistant.vocab.units import is_party_body, unit_search_key

Kind = Literal["tien-do", "so-ket", "tong-ket", "tom-tat"]
KINDS_OF_REPORT: tuple[str, ...] = get_args(Kind)
StatementKind = Literal["heading", "requirement", "result", "placeholder"]

RESULT_PLACEHOLDER = "[Đơn vị bổ sung kết quả]"
UNVERIFIED_PLACEHOLDER = "[Đơn vị bổ sung: nội dung chưa kiểm chứng được với văn bản nguồn]"
TRACKING_SOURCE = "Bảng theo dõi nhiệm vụ"
SUBJECT = {
    "tien-do": "Kết quả thực hiện {plan} {period}",
    "so-ket": "Sơ kết {period} thực hiện {plan}",
    "tong-ket": "Tổng kết thực hiện {plan}",
    "tom-tat": "Tóm tắt {plan}",
}
MIN_SHARED_TERMS = 3
MIN_COVERAGE = 0.5
_SENTENCE = re.compile(r"[^\n]+")
_SENT_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_LEAD_MARK = re.compile(r"^(?:[-+•*–]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s+")
_PARTY_NUMBER = re.compile(r"^\d+-")  # Party numbers read "54-KH/TU", state ones "308/KH-UBND"
_RESULT_CUE = re.compile(r"\b(?:da|hoan thanh|dat|xong|ket qua)\b|\d")


class ReportError(PlanError):
    """A request the report service refuses; the message is Vietnamese and safe to show."""


@dataclass
class ReportRequest:
    kind: str
    doc_id: str
    unit: str | None = None
    period: str | None = None
    body: str = "auto"


@dataclass
class _Sentence:
    doc: DocumentRow
    start: int
    end: int
    terms: set[str]


@dataclass
class _Builder:
    """Statements in reading order, citations numbered once per distinct quote, each claim verified."""

    text_of: Callable[[str], str]
    statements: list[dict[str, Any]] = field(default_factory=list)
    citations: dict[tuple[str, int, int], Citation] = field(default_factory=dict)
    paragraph: int = 0
    unverified: int = 0

    def cite(self, doc_id: str, source: str, title: str, number: str, section: str, start: int, end: int
             ) -> Citation:
        key = (doc_id, start, end)
        if key not in self.citations:
            self.citations[key] = Citation(n=len(self.citations) + 1, doc_id=doc_id, source=source, title=title,
                                           doc_number=number, section=section,
                                           quote=self.text_of(doc_id)[start:end], start=start, end=end)
        return self.citations[key]

    def new_paragraph(self) -> None:
        self.paragraph += 1

    def heading(self, text: str, level: int) -> None:
        self.new_paragraph()
        self.statements.append({"text": text, "kind": "heading", "level": level, "paragraph": self.paragraph,
                                "citations": []})

    def placeholder(self, text: str) -> None:
        self.statements.append({"text": text, "kind": "placeholder", "paragraph": self.paragraph, "citations": []})

    def claim(self, kind: StatementKind, text: str, cites: list[Citation], label: str = "") -> bool:
        """Add a statement if the verifier accepts it; a visible placeholder otherwise."""
        text = collapse_spaces(text)
        checked = verify([Statement(text, [c.n for c in cites])], cites, self.text_of)
        if checked.dropped or not cites:
            self.unverified += 1
            self.placeholder(UNVERIFIED_PLACEHOLDER)
            return False
        self.statements.append({"text": text, "kind": kind, "paragraph": self.paragraph,
                                "citations": [c.model_dump() for c in cites], **({"label": label} if label else {})})
        return True


def _sentences(doc: DocumentRow) -> Iterator[_Sentence]:
    """Sentences and list items of a document with their exact offsets (leading bullets and numbers cut)."""
    text = doc.text or ""
    for line in _SENTENCE.finditer(text):
        last = line.start()
        for piece in [*(m for m in _SENT_END.finditer(line.group(0))), None]:
            end = line.start() + piece.start() if piece else line.end()
            start = last
            mark = _LEAD_MARK.match(text, start, end)
            start = mark.end() if mark else start
            while start < end and text[start] in " \t*":
                start += 1
            stop = end
            while stop > start and text[stop - 1] in " \t*":
                stop -= 1
            if stop - start >= 25:
                yield _Sentence(doc, start, stop, set(content_terms(text[start:stop])))
            last = line.start() + piece.end() if piece else end


def _is_report(doc: DocumentRow) -> bool:
    meta = doc.meta or {}
    kind = fold_accents(str(meta.get("doc_type", ""))).lower()
    return kind.startswith("bao cao") or kind_code(str(meta.get("doc_number", ""))) == "BC"


_DIGIT_RUN = re.compile(r"\d{6}")


def new_report_id() -> str:
    """A random id with no run of six digits: the audit redacts free text, and "0221584469…" reads as a phone
    number, which would cut the id out of its own audit row."""
    while _DIGIT_RUN.search(report_id := secrets.token_hex(8)):
        pass
    return report_id


class ReportService:
    def __init__(self, registry: Registry, assignments: AssignmentService, clock: Clock = dt.date.today) -> None:
        self.registry = registry
        self.assignments = assignments
        self.store = ReportStore(registry)
        self.clock = clock

    # drafting -------------------------------------------------------------------
    def draft(self, reader: Reader, request: ReportRequest, user: str = "") -> dict[str, Any]:
        """Build, verify and store a draft; returns its JSON (the shape is in the README, "Report drafts")."""
        if request.kind not in KINDS_OF_REPORT:
            raise ReportError("Loại báo cáo phải là một trong: " + ", ".join(KINDS_OF_REPORT) + ".")
        docs = {r.doc_id: r for r in self.registry.list_documents() if r.status == "ingested" and allows(reader, r)}
        plan = docs.get(request.doc_id)
        if plan is None:
            raise NotFound(f"Không tìm thấy tài liệu có mã '{request.doc_id}'.")
        unit = (request.unit or "").strip() or None
        start, end = self._period(request, plan, reader)
        virtual: dict[str, str] = {}
        b = _Builder(lambda doc_id: virtual[doc_id] if doc_id.startswith(TRACKING_DOC_PREFIX) else
                     (docs[doc_id].text or "") if doc_id in docs else "")
        ctx = _Context(self, reader, plan, docs, unit, start, end, b, virtual)
        if request.kind == "tom-tat":
            ctx.brief()
        else:
            ctx.progress(request.kind)
        meta = plan.meta or {}
        label = period_label(start, end) if start and end else ""
        plan_name = _plan_name(meta)
        subject = SUBJECT[request.kind].format(plan=plan_name, period=label).strip()
        issuer = unit or str(meta.get("issuer", ""))
        body = request.body if request.body in ("party", "state") else self._body(issuer, meta)
        report_id = new_report_id()
        now = dt.datetime.now(dt.UTC)
        draft = {
            "id": report_id, "title": f"BÁO CÁO {subject}" if request.kind != "tom-tat" else subject,
            "kind": request.kind, "doc_id": plan.doc_id, "unit": unit or "",
            "period": {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
                       "label": label},
            "created_by": user, "created_at": now.isoformat(),
            "header": self._header(request.kind, body, issuer, unit, meta, subject, ctx.recipients, now),
            "statements": b.statements,
            "stats": ctx.stats | {"unverified": b.unverified,
                                  "claims": sum(1 for s in b.statements if s["kind"] in ("requirement", "result")),
                                  "placeholders": sum(1 for s in b.statements if s["kind"] == "placeholder")},
        }
        self.store.save(ReportRow(id=report_id, created_at=now, created_by=user, kind=request.kind,
                                  doc_id=plan.doc_id, unit=unit or "", title=draft["title"], draft=draft))
        return draft

    def _period(self, request: ReportRequest, plan: DocumentRow, reader: Reader
                ) -> tuple[dt.date, dt.date] | tuple[None, None]:
        if request.period and request.period.strip():
            try:
                return parse_period(request.period)
            except ValueError as exc:
                raise ReportError(str(exc)) from exc
        if request.kind == "tom-tat":
            return None, None
        today = self.clock()
        if request.kind == "tien-do":
            q = (today.month - 1) // 3 + 1
            return parse_period(f"{today.year}-Q{q}")
        issued = str((plan.meta or {}).get("issued_date", ""))[:4]
        first = dt.date(int(issued), 1, 1) if issued.isdigit() else dt.date(today.year, 1, 1)
        if request.kind == "so-ket":
            return first, today
        ends = [i["due_end"] for i in self.assignments.all_assignments(reader, Filters(doc_id=plan.doc_id))
                if i["due_end"]]
        return first, max([dt.date.fromisoformat(e) for e in ends] + [today])

    @staticmethod
    def _body(issuer: str, meta: dict[str, Any]) -> str:
        if issuer:
            return "party" if is_party_body(issuer) else "state"
        number = str(meta.get("doc_number", ""))
        return "party" if _PARTY_NUMBER.match(number) else "state"

    def _header(self, kind: str, body: str, issuer: str, unit: str | None, meta: dict[str, Any], subject: str,
                recipients: list[str], now: dt.datetime) -> dict[str, Any]:
        """What Hướng dẫn 36 / Nghị định 30 put around the body; blanks stay blank for the office to fill."""
        plan_issuer = str(meta.get("issuer", ""))
        own = not unit or unit_search_key(unit) == unit_search_key(plan_issuer)
        number = str(meta.get("doc_number", ""))
        party_number = bool(_PARTY_NUMBER.match(number))
        code = re.split(r"[-/]", number, maxsplit=2)[-1] if own and number else "…"
        if body == "party":
            number_line = f"Số       -BC/{code if party_number else '…'}"
        else:
            number_line = f"Số:       /BC-{code if number and not party_number else '…'}"
        place = str(meta.get("place", "")) if own else ""
        superior = plan_issuer if unit and not own else ""
        signer_title = str(meta.get("signer_title", "")) if own else ""
        return {
            "body": body, "superior": superior.upper(), "issuer": (issuer or "…").upper(),
            "number_line": number_line,
            "place_date": f"{place or '…'}, ngày     tháng {now.month:02d} năm {now.year}",
            "kind_title": "BÁO CÁO" if kind != "tom-tat" else "TÓM TẮT",
            "subject": subject,
            "recipients": [*recipients, f"Lưu {'Văn phòng' if body == 'party' else 'VT'}."],
            "signature": {"authority": f"{'T/M' if body == 'party' else 'TM.'} {(issuer or '…').upper()}",
                          "title": signer_title.upper() or "[CHỨC VỤ NGƯỜI KÝ]", "name": "[Họ và tên]"},
        }

    # stored drafts -------------------------------------------------------------
    def get(self, principal: Principal | None, report_id: str) -> dict[str, Any]:
        """A stored draft: its author and admins only (a draft quotes what its author may read)."""
        row = self.store.get(report_id)
        if row is None or (principal is not None and principal.role != "admin" and row.created_by != principal.name):
            raise NotFound(f"Không tìm thấy bản dự thảo báo cáo có mã '{report_id}'.")
        return dict(row.draft)

    def list(self, principal: Principal | None, limit: int = 100) -> list[dict[str, Any]]:
        mine = None if principal is None or principal.role == "admin" else principal.name
        return [{"id": r.id, "title": r.title, "kind": r.kind, "doc_id": r.doc_id, "unit": r.unit,
                 "created_by": r.created_by, "created_at": r.created_at.isoformat() if r.created_at else ""}
                for r in self.store.list(mine, limit)]


def _plan_name(meta: dict[str, Any]) -> str:
    kind = str(meta.get("doc_type", "") or "Kế hoạch")
    number = str(meta.get("doc_number", ""))
    return f"{kind[:1].lower()}{kind[1:]} số {number}" if number else f"{kind[:1].lower()}{kind[1:]}"


@dataclass
class _Context:
    """One draft being written: the plan, what the caller may read, the unit and period, the builder."""

    svc: ReportService
    reader: Reader
    plan: DocumentRow
    docs: dict[str, DocumentRow]
    unit: str | None
    start: dt.date | None
    end: dt.date | None
    b: _Builder
    virtual: dict[str, str]
    recipients: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    _results: dict[str, list[_Sentence]] | None = None

    # helpers -------------------------------------------------------------------
    def cite_plan(self, start: int, end: int, section: str) -> Citation:
        meta = self.plan.meta or {}
        return self.b.cite(self.plan.doc_id, self.plan.source, str(meta.get("title", "")),
                           str(meta.get("doc_number", "")), section, start, end)

    def cite_doc(self, s: _Sentence) -> Citation:
        meta = s.doc.meta or {}
        return self.b.cite(s.doc.doc_id, s.doc.source, str(meta.get("title", "")), str(meta.get("doc_number", "")),
                           "", s.start, s.end)

    def field_cite(self, item: dict[str, Any], role: str, value: str) -> Citation | None:
        """The span a field was read from; the whole item when the field has none but the item says it."""
        span = (item.get("fields") or {}).get(role)
        if span and span.get("end", 0) > span.get("start", 0):
            return self.cite_plan(int(span["start"]), int(span["end"]), item["section"])
        quote = (self.plan.text or "")[item["start"]:item["end"]]
        if value and unit_search_key(value) in unit_search_key(quote):
            return self.cite_plan(item["start"], item["end"], item["section"])
        return None

    def items(self, filters: Filters) -> list[dict[str, Any]]:
        return self.svc.assignments.all_assignments(self.reader, filters)

    def due_ids(self, start: dt.date, end: dt.date) -> dict[str, str]:
        return {i["id"]: i["due_in_period"]
                for i in self.svc.assignments.due_between(start, end, self.reader, self.plan.doc_id)}

    # sections ------------------------------------------------------------------
    def opening(self) -> None:
        """What plan the report answers: its number line and its title (kind line and subject line), cited."""
        text = self.plan.text or ""
        lines = list(_SENTENCE.finditer(text[:6000]))
        for i, line in enumerate(lines):
            upper = fold_upper(line.group(0).strip(" *#"))
            kind = next((k for k in KINDS if upper.startswith(fold_upper(k))), None)
            if kind is None or kind == "BÁO CÁO":
                continue
            last = line
            for k, nxt in enumerate(lines[i + 1:i + 5]):  # the subject: the next lines, up to a blank line
                if (k and "\n\n" in text[last.end():nxt.end()]) or len(nxt.group(0)) > 300:
                    break
                last = nxt
            meta = self.plan.meta or {}
            title = str(meta.get("title", "")) or collapse_spaces(re.sub(r"[*#]", " ", text[line.start():last.end()]))
            number = self.number_cite(str(meta.get("doc_number", "")))
            said = f"Thực hiện {title[:1].lower()}{title[1:]}" + (f" (số {meta['doc_number']})" if number else "")
            self.b.new_paragraph()
            self.b.claim("requirement", said.rstrip(".") + ".",
                         [c for c in (number, self.cite_plan(line.start(), last.end(), "")) if c is not None])
            return

    def number_cite(self, number: str) -> Citation | None:
        if not number:
            return None
        text = self.plan.text or ""
        at = text.find(number)
        if at < 0:
            return None
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        return self.cite_plan(line_start, line_end if line_end >= 0 else len(text), "")

    def task(self, item: dict[str, Any], n: int, with_result: bool = True) -> None:
        """One task as the plan states it, each part cited; then its result or the placeholder."""
        self.b.new_paragraph()
        task = item["task"].rstrip(" .;:,")
        cite = self.field_cite(item, "task", "") or self.cite_plan(item["start"], item["end"], item["section"])
        self.b.claim("requirement", f"Nhiệm vụ: {task}.", [cite], label=f"{n}.")
        for role, label, units in (("lead", "Đơn vị chủ trì", item["lead_units_written"]),
                                   ("co", "Đơn vị phối hợp", item["co_units_written"])):
            c = self.field_cite(item, role, units[0]) if units else None
            if units and c is not None:
                self.b.claim("requirement", f"{label}: {', '.join(units)}.", [c])
        if item["timing"]:
            c = self.field_cite(item, "timing", item["timing"])
            if c is not None:
                self.b.claim("requirement", f"Thời hạn: {item['timing'].rstrip(' .;')}.", [c])
        if item["product"]:
            c = self.field_cite(item, "product", item["product"])
            if c is not None:
                self.b.claim("requirement", f"Sản phẩm: {item['product'].rstrip(' .;')}.", [c])
        if with_result:
            self.results(item)

    def tracking_cite(self, item: dict[str, Any]) -> tuple[str, Citation]:
        when = date_vi(item["updated_at"])
        note = item["note"].strip().rstrip(".")
        record = (f"Trạng thái: {item['status']}." + (f" Ghi chú: {note}." if note else "")
                  + f" Cập nhật bởi {item['updated_by']} ngày {when}.")
        doc_id = TRACKING_DOC_PREFIX + item["id"]
        self.virtual[doc_id] = record
        cite = self.b.cite(doc_id, TRACKING_SOURCE, TRACKING_SOURCE, "", item["task"][:120], 0, len(record))
        said = f"Tiến độ ghi nhận trên bảng theo dõi: {item['status']}" + (f"; {note}" if note else "") + \
            f" ({item['updated_by']} cập nhật ngày {when})."
        return said, cite

    def results(self, item: dict[str, Any]) -> None:
        found = 0
        if item["updated_by"]:
            said, cite = self.tracking_cite(item)
            found += self.b.claim("result", said, [cite])
        for s in self.result_sentences().get(item["id"], []):
            quote = (s.doc.text or "")[s.start:s.end]
            found += self.b.claim("result", f"Kết quả: {quote}", [self.cite_doc(s)])
        if not found:
            self.b.placeholder(f"Kết quả: {RESULT_PLACEHOLDER}")
        self.stats["results"] = self.stats.get("results", 0) + found

    def result_sentences(self) -> dict[str, list[_Sentence]]:
        """Sentences of reports the caller may read (and of evidence documents on the board) matched to the task
        they speak of: each sentence to its best task, when it shares enough content words with it."""
        if self._results is not None:
            return self._results
        items = self.items(Filters(doc_id=self.plan.doc_id, unit=self.unit))
        evidence = {i["evidence_doc_id"] for i in items if i["evidence_doc_id"]}
        names = self.svc.assignments.names()
        sources = [d for d in self.docs.values() if d.doc_id != self.plan.doc_id
                   and (d.doc_id in evidence or (_is_report(d) and self.concerns_unit(d, names)))]
        terms = {i["id"]: set(content_terms(i["task"])) for i in items}
        out: dict[str, list[_Sentence]] = {}
        for doc in sources:
            for s in _sentences(doc):
                if not _RESULT_CUE.search(fold_accents((doc.text or "")[s.start:s.end]).lower()):
                    continue
                best, score = None, 0.0
                for item_id, want in terms.items():
                    shared = len(want & s.terms)
                    coverage = shared / max(1, min(len(want), len(s.terms)))
                    if shared >= MIN_SHARED_TERMS and coverage >= MIN_COVERAGE and coverage > score:
                        best, score = item_id, coverage
                if best is not None:
                    out.setdefault(best, []).append(s)
        self._results = {k: v[:3] for k, v in out.items()}
        return self._results

    def concerns_unit(self, doc: DocumentRow, names: Any) -> bool:
        if not self.unit:
            return True
        issuer = str((doc.meta or {}).get("issuer", ""))
        return any(names.matches(self.unit, u) for u in [*(doc.units or []), issuer] if u) or \
            unit_search_key(self.unit) in unit_search_key((doc.text or "")[:1500])

    def progress(self, kind: str) -> None:
        assert self.start is not None and self.end is not None
        b = self.b
        b.heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI", 1)
        self.opening()
        b.new_paragraph()
        b.placeholder("[Đơn vị bổ sung: việc quán triệt, ban hành văn bản chỉ đạo, tổ chức triển khai trong kỳ]")

        b.heading("II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", 1)
        items = self.items(Filters(doc_id=self.plan.doc_id, unit=self.unit))
        due = self.due_ids(self.start, self.end)
        in_period = sorted((i for i in items if i["id"] in due), key=lambda i: (due[i["id"]], i["start"]))
        if kind == "tien-do":
            ongoing = [i for i in items if i["id"] not in due and _ongoing(i, self.end)]
        else:  # sơ kết, tổng kết: everything due up to the end of the period, and what has no deadline
            ongoing = [i for i in items if i["id"] not in due and (_ongoing(i, self.end) or _due_by(i, self.end))]
        self.stats.update({"tasks_due": len(in_period), "tasks_ongoing": len(ongoing),
                           "task_ids": [i["id"] for i in in_period + ongoing],
                           "due_in_period": {i["id"]: due[i["id"]] for i in in_period}})
        n = 0
        b.heading(f"1. Nhiệm vụ có thời hạn trong kỳ ({period_label(self.start, self.end)})", 2)
        if not in_period:
            b.new_paragraph()
            b.placeholder("[Kế hoạch không giao nhiệm vụ nào có thời hạn trong kỳ" +
                          (" cho đơn vị" if self.unit else "") + "]")
        for item in in_period:
            n += 1
            self.task(item, n)
        if ongoing:
            b.heading("2. Nhiệm vụ thường xuyên, chưa định thời hạn hoặc thời hạn trước kỳ", 2)
            for item in ongoing:
                n += 1
                self.task(item, n)
        self.targets(3 if ongoing else 2)

        b.heading("III. HẠN CHẾ, KHÓ KHĂN, NGUYÊN NHÂN", 1)
        b.new_paragraph()
        stuck = [i for i in in_period + ongoing if i["updated_by"] and i["status"] in ("chậm", "vướng mắc")]
        for item in stuck:
            said, cite = self.tracking_cite(item)
            b.new_paragraph()
            b.claim("result", said, [cite])
        b.new_paragraph()
        b.placeholder("[Đơn vị bổ sung hạn chế, khó khăn, nguyên nhân]")

        b.heading("IV. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI", 1)
        nxt = next_period(self.start, self.end)
        coming_due = self.due_ids(*nxt)
        coming = sorted((i for i in items if i["id"] in coming_due), key=lambda i: (coming_due[i["id"]], i["start"]))
        self.stats["tasks_next"] = len(coming)
        b.new_paragraph()
        b.placeholder(f"[Nhiệm vụ có thời hạn trong kỳ tới ({period_label(*nxt)}): {len(coming)}]")
        for k, item in enumerate(coming, 1):
            self.task(item, k, with_result=False)
        self.duties()

        b.heading("V. ĐỀ XUẤT, KIẾN NGHỊ", 1)
        b.new_paragraph()
        b.placeholder("[Đơn vị bổ sung đề xuất, kiến nghị]")

    def targets(self, number: int, with_result: bool = True) -> None:
        targets = self.svc.assignments.targets(self.reader, unit=self.unit, doc_id=self.plan.doc_id)
        if self.end is not None and self.start is not None:
            targets = [t for t in targets if not t["due_end"] or t["due_end"] >= self.start.isoformat()]
        self.stats["targets"] = len(targets)
        if not targets:
            return
        self.b.heading(f"{number}. Chỉ tiêu", 2)
        for t in targets:
            self.b.new_paragraph()
            spans = t["spans"] or {}
            ind, val = spans.get("indicator"), spans.get("value")
            cites = [self.cite_plan(s[0], s[1], t["section"]) for s in (ind, val) if s]
            if not cites:
                cites = [self.cite_plan(t["start"], t["end"], t["section"])]
            self.b.claim("requirement", f"Chỉ tiêu: {t['indicator'].rstrip(' .:;')}: {t['value'].rstrip(' .;')}.",
                         cites)
            if with_result:
                self.b.placeholder(f"Kết quả: {RESULT_PLACEHOLDER}")

    def duties(self) -> None:
        """Reporting duties of the unit (or of the plan): what is reported, to whom, by when — and the recipients
        of the draft."""
        duties = self.svc.assignments.duties(self.reader, unit=self.unit, doc_id=self.plan.doc_id)
        for d in duties:
            spans = d["spans"] or {}
            cites = [self.cite_plan(s[0], s[1], d["section"]) for s in (spans.get("what"), spans.get("timing")) if s]
            if not cites:
                continue
            self.b.new_paragraph()
            said = "Chế độ báo cáo: " + "; ".join(
                collapse_spaces((self.plan.text or "")[s[0]:s[1]]).rstrip(" .;") for s in
                (spans.get("what"), spans.get("timing")) if s) + "."
            self.b.claim("requirement", said, cites)
            for r in d["recipient"]:
                if r not in self.recipients and not (self.unit and unit_search_key(r) == unit_search_key(self.unit)):
                    self.recipients.append(r)
        if not self.recipients:
            issuer = str((self.plan.meta or {}).get("issuer", ""))
            if issuer and (not self.unit or unit_search_key(issuer) != unit_search_key(self.unit)):
                self.recipients.append(issuer)

    def brief(self) -> None:
        """Tóm tắt kế hoạch: what the plan is, its targets, who does what by when, how it is reported."""
        b = self.b
        b.heading("I. VĂN BẢN", 1)
        self.opening()
        b.heading("II. CHỈ TIÊU CHỦ YẾU", 1)
        self.targets(1, with_result=False)
        b.heading("III. PHÂN CÔNG THỰC HIỆN", 1)
        items = self.items(Filters(doc_id=self.plan.doc_id, unit=self.unit))
        names = self.svc.assignments.names()
        groups: dict[str, list[dict[str, Any]]] = {}
        for i in items:
            groups.setdefault(names.key(i["lead_units"][0]) if i["lead_units"] else "", []).append(i)
        self.stats.update({"tasks_due": len(items), "task_ids": [i["id"] for i in items]})
        for k, group in enumerate(groups.values(), 1):
            lead = group[0]["lead_units"][0] if group[0]["lead_units"] else "Đơn vị chưa xác định"
            b.heading(f"{k}. {lead}", 2)
            for n, item in enumerate(group, 1):
                self.task(item, n, with_result=False)
        b.heading("IV. CHẾ ĐỘ BÁO CÁO", 1)
        self.duties()


def _ongoing(item: dict[str, Any], end: dt.date) -> bool:
    """A task without a deadline, or a continuous one begun by the end of the period."""
    if item["recurrence"] == "continuous" or not (item["due_start"] or item["due_end"]):
        return not item["due_start"] or item["due_start"] <= end.isoformat()
    return False


def _due_by(item: dict[str, Any], end: dt.date) -> bool:
    return bool(item["due_end"]) and item["due_end"] <= end.isoformat()
