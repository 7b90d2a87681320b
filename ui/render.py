"""Pure formatting for the UI: chat sources, the source panel, copy text, document rows.

Kept apart from the Gradio wiring so what staff read can be checked without a browser.
Everything that comes from documents is HTML-escaped here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from assistant.domain import Citation, DocumentMeta, IngestOutcome
from assistant.text import fold_accents
from assistant.vocab.dates import date_vi

CLASSIFICATION_LABELS = {"public": "Công khai", "internal": "Nội bộ", "restricted": "Hạn chế"}
ROLE_LABELS = {"viewer": "người xem", "editor": "biên tập viên", "admin": "quản trị viên"}
OUTCOME_LABELS = {"ingested": "đã nạp", "skipped": "bỏ qua", "replaced": "thay thế", "refused": "từ chối",
                  "failed": "lỗi"}
DOC_HEADERS = ["Tiêu đề", "Số", "Cơ quan ban hành", "Ngày", "Phân loại", "Số đoạn", "Trạng thái", "Mã"]
UPLOAD_HEADERS = ["Tệp", "Trạng thái", "Tiêu đề", "Số đoạn", "Lý do"]
SOURCE_PLACEHOLDER = ('<div class="troly-source-empty">Bấm vào một trích dẫn [n] dưới câu trả lời '
                      "để xem đoạn văn gốc.</div>")


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cite_label(c: Citation) -> str:
    """Chip text: which document (number, else title) and where in it (the innermost section)."""
    doc = c.doc_number or shorten(c.title or c.source, 28)
    where = c.section.split(" > ")[-1] if c.section else ""
    return f"[{c.n}] {doc}" + (f" — {shorten(where, 40)}" if where else "")


def sources_markdown(citations: list[Citation], answerable: bool) -> str:
    """The list under an answer in the chat: sources, or passages that may be related."""
    if not citations:
        return ""
    head = "**Nguồn:**" if answerable else "**Có thể liên quan** (không phải câu trả lời):"
    lines = [head]
    for c in citations:
        where = " · ".join(x for x in (f"số {c.doc_number}" if c.doc_number else "", c.section) if x)
        line = f"- [{c.n}] {shorten(c.title or c.source, 70)}" + (f" — {where}" if where else "")
        if not answerable:
            line += f": «{shorten(c.quote, 110)}»"
        lines.append(line)
    return "\n".join(lines)


def copy_text(question: str, answer: str, citations: list[Citation], answerable: bool) -> str:
    """Answer with its sources as plain text, for pasting into a report."""
    out = [f"Câu hỏi: {question}", f"Trả lời: {answer}"]
    if citations:
        out.append("Nguồn:" if answerable else "Có thể liên quan:")
        for c in citations:
            ref = ", ".join(x for x in (c.title or c.source, f"số {c.doc_number}" if c.doc_number else "",
                                        f"mục {c.section}" if c.section else "") if x)
            out.append(f"[{c.n}] {ref}: «{c.quote}»")
    return "\n".join(out)


def source_html(c: Citation, meta: DocumentMeta, span: dict[str, Any]) -> str:
    """Source panel: document facts, then the passage with the quoted span highlighted."""
    facts = [("Tài liệu", meta.title or meta.source), ("Số hiệu", meta.doc_number or "(không ghi số)"),
             ("Cơ quan ban hành", meta.issuer), ("Ngày ban hành", date_vi(meta.issued_date)),
             ("Mục", c.section), ("Tệp", meta.source),
             ("Phân loại", CLASSIFICATION_LABELS.get(meta.classification, meta.classification))]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts if v)
    before, after = _context(span)
    passage = f"{escape(before)}<mark>{escape(span['text'])}</mark>{escape(after)}"
    return (f'<div class="troly-source"><div class="troly-source-head">[{c.n}] {escape(meta.title or meta.source)}'
            f'</div><dl>{rows}</dl><div class="troly-passage">{passage}</div></div>')


def _context(span: dict[str, Any]) -> tuple[str, str]:
    """Context around the quote, cut at word boundaries, with '…' where the text goes on."""
    before, after = span["before"], span["after"]
    if int(span["start"]) > len(before):
        cut = before.find(" ")
        before = "…" + (before[cut + 1:] if 0 <= cut < len(before) - 1 else before)
    if int(span["end"]) + len(after) < int(span["length"]):
        cut = after.rfind(" ")
        after = (after[:cut] if cut > 0 else after) + "…"
    return before, after


def error_html(message: str) -> str:
    return f'<div class="troly-error">{escape(message)}</div>'


def doc_rows(docs: list[DocumentMeta], query: str = "") -> list[list[Any]]:
    """Table rows, filtered by a search that ignores case and diacritics."""
    needle = fold_accents(query).casefold().strip()
    rows = []
    for d in docs:
        hay = fold_accents(" ".join((d.title, d.doc_number, d.issuer, d.source, d.doc_id))).casefold()
        if needle and needle not in hay:
            continue
        rows.append([d.title or d.source, d.doc_number, d.issuer, date_vi(d.issued_date),
                     CLASSIFICATION_LABELS.get(d.classification, d.classification), d.chunks,
                     OUTCOME_LABELS.get(d.status, d.status), d.doc_id])
    return rows


def doc_choices(docs: list[DocumentMeta]) -> list[tuple[str, str]]:
    return [(shorten(d.title or d.source, 90) + (f" ({d.doc_number})" if d.doc_number else ""), d.doc_id)
            for d in docs]


def doc_details(d: DocumentMeta) -> str:
    facts = [("Tiêu đề", d.title), ("Loại", d.doc_type), ("Số hiệu", d.doc_number), ("Cơ quan ban hành", d.issuer),
             ("Địa danh, ngày", ", ".join(x for x in (d.place, date_vi(d.issued_date)) if x)),
             ("Người ký", f"{d.signer_title} {d.signer}".strip()),
             ("Phân loại", CLASSIFICATION_LABELS.get(d.classification, "")),
             ("Đơn vị được đọc", ", ".join(d.units) or "tất cả"), ("Số đoạn", str(d.chunks)),
             ("Tệp", d.source), ("Người tải lên", d.uploaded_by), ("Mã", d.doc_id)]
    return "\n".join(f"- **{k}:** {md_escape(v)}" for k, v in facts if v)


def upload_rows(names: list[str], outcomes: dict[int, IngestOutcome], current: int | None) -> list[list[Any]]:
    """One row per chosen file: waiting, in progress, or its ingest outcome."""
    rows: list[list[Any]] = []
    for i, name in enumerate(names):
        o = outcomes.get(i)
        if o is None:
            rows.append([name, "đang nạp…" if i == current else "chờ", "", "", ""])
        else:
            rows.append([name, OUTCOME_LABELS[o.status], o.title, o.chunks, o.reason])
    return rows


def upload_summary(outcomes: list[IngestOutcome]) -> str:
    counts = {k: sum(o.status == k for o in outcomes) for k in OUTCOME_LABELS}
    return "**Kết quả nạp:** " + " · ".join(f"{label} {counts[k]}" for k, label in OUTCOME_LABELS.items())


def md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)
