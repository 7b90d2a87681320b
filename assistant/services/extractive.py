"""Extractive answerer: picks the evidence units that answer the question and quotes them.

No language model: score sentences / list items / table rows against the question, lead
with the best one (table rows in their own terms: chủ trì, phối hợp, thời gian, sản phẩm),
add a few supporting quotes, group by document when several documents answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.components.vector_store import ScoredChunk
from assistant.domain import Citation
from assistant.services.answer_type import expectation, satisfied
from assistant.services.evidence import (
    Unit,
    best_window,
    content_terms,
    folded_syllables,
    idf_table,
    split_units,
)
from assistant.services.verify import Statement
from assistant.text import fold_accents

LEAD_CHARS, SUPPORT_CHARS, LIST_CHARS, LIST_EXPAND_CHARS = 320, 200, 160, 480
NOT_FOUND = "Không tìm thấy thông tin này trong các tài liệu đã nạp."

_INTENT_CUES: dict[str, tuple[str, ...]] = {
    "responsibility": ("ai ", "don vi nao", "co quan nao", "bo phan nao", "chu tri", "phu trach",
                       "chiu trach nhiem", "phoi hop", "giao cho", "dau moi", "thuong truc"),
    "deadline": ("khi nao", "bao gio", "thoi han", "han chot", "truoc ngay", "thoi gian", "luc nao",
                 "ngay nao", "thang nao", "quy nao", "nam nao", "dinh ky", "hang thang", "bao lau"),
    "target": ("bao nhieu", "ty le", "chi tieu", "phan tram", "toi thieu", "it nhat", "muc tieu", "%"),
    "signer": ("ai ky", "nguoi ky", "ky ban hanh", "ky ke hoach", "ky chuong trinh", "ky van ban", "chuc danh"),
    "compare": ("so sanh", "khac nhau", "giong nhau", "giua", "ca hai", "moi ke hoach", "cac ke hoach",
                "lan luot", "tung ke hoach"),
    "list": ("nhung viec", "nhung nhiem vu", "nhung gi", "gom nhung", "gom nhung gi", "cac nhiem vu",
             "liet ke", "viec gi", "nhiem vu gi", "lam gi"),
}
_DATE = re.compile(r"\b(?:quý\s+[IV]+|tháng\s+\d|ngày\s+\d|năm\s+\d{4}|\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}|hằng\s+(?:tháng|quý|năm)|thường xuyên)", re.I)
_PERCENT = re.compile(r"\d\s*%|\d+\s*(?:đơn vị|cán bộ|lần|ngày)")


_TWO_PLANS = re.compile(r"\b(?:ke hoach|chuong trinh|de an)\b.*\b(?:va|voi)\b.*\b(?:ke hoach|chuong trinh|de an)\b")


def intents(question: str) -> set[str]:
    q = " " + fold_accents(question.lower()) + " "
    found = {name for name, cues in _INTENT_CUES.items() if any(c in q for c in cues)}
    if _TWO_PLANS.search(q):  # "trong kế hoạch A và (trong) kế hoạch B": say what each one says
        found.add("compare")
    return found


@dataclass
class Draft:
    """Answer before verification: claims with citation numbers, and the cited spans."""

    statements: list[Statement]
    citations: list[Citation]
    best_coverage: float
    units: list[Unit]


class ExtractiveAnswerer:
    def __init__(self, max_quotes: int = 3) -> None:
        self.max_quotes = max_quotes

    def rank_units(self, question: str, chunks: list[ScoredChunk], want: set[str]) -> list[Unit]:
        units = [u for rank, ch in enumerate(chunks) for u in split_units(ch, rank)]
        bodies = []
        for u in units:
            folded = folded_syllables(f"{u.text} {u.section}")
            bodies.append(" ".join(folded))
            u.terms = set(folded) | set(folded_syllables(str(u.chunk.payload.get("title", ""))))
        idf = idf_table(units)
        q_terms = list(dict.fromkeys(content_terms(question)))
        q_bigrams = {f"{a} {b}" for a, b in zip(q_terms, q_terms[1:], strict=False)}
        total = sum(idf.get(t, 3.0) for t in q_terms) or 1.0
        for u, body in zip(units, bodies, strict=True):
            u.coverage = sum(idf.get(t, 3.0) for t in q_terms if t in u.terms) / total
            bigram = sum(1 for b in q_bigrams if b in body) / (len(q_bigrams) or 1)
            u.score = u.coverage + 0.35 * bigram + 0.12 / (1 + u.rank) + 0.15 * _intent_fit(u, want)
        return sorted(units, key=lambda u: -u.score)

    def draft(self, question: str, chunks: list[ScoredChunk], want: set[str] | None = None) -> Draft:
        want = intents(question) if want is None else want
        ranked = self.rank_units(question, chunks, want)
        exp = expectation(question)
        fitting = [u for u in ranked if satisfied(exp, u.text, f"{u.section} {u.chunk.payload.get('title', '')}")]
        if not fitting or fitting[0].score < 0.5 * ranked[0].score:
            return Draft([], [], 0.0, ranked)  # nothing retrieved holds the kind of value asked for
        lead = _expand_list(fitting[0], ranked)
        chosen = [lead] + self._supports(lead, ranked, fitting, want)
        q_terms = set(content_terms(question))
        citations: list[Citation] = []
        statements: list[Statement] = []
        for n, u in enumerate(chosen, start=1):
            limit = LEAD_CHARS if n == 1 else (LIST_CHARS if "list" in want else SUPPORT_CHARS)
            offset, quote = best_window(u.text, q_terms, exp.pattern, limit)
            citations.append(u.cite(n, quote, offset))
            statements.append(Statement(f"{_claim(u, quote, offset)} [{n}]", [n]))
        return Draft(statements, citations, fitting[0].coverage, ranked)

    def _supports(self, lead: Unit, ranked: list[Unit], fitting: list[Unit], want: set[str]) -> list[Unit]:
        """A few more quotes: same section first for lists, one per document for comparisons."""
        chosen: list[Unit] = []

        def free(u: Unit) -> bool:
            return u is not lead and not any(_overlaps(u, c) for c in [lead, *chosen])

        if "compare" in want:
            seen = {lead.doc_id}
            for u in fitting:
                if u.doc_id not in seen and u.score >= 0.5 * lead.score and free(u):
                    chosen.append(u)
                    seen.add(u.doc_id)
        limit = self.max_quotes - 1 + (2 if "list" in want else 0)

        def bonus(u: Unit) -> float:
            same = u.doc_id == lead.doc_id and u.section == lead.section
            return u.score + (0.3 if "list" in want and same else 0.0)

        for u in sorted(ranked, key=bonus, reverse=True):
            if len(chosen) >= limit or bonus(u) < 0.65 * lead.score:
                break
            if not free(u) or (u.doc_id != lead.doc_id and u.score < 0.85 * lead.score):
                continue  # another document only when it answers about as well
            chosen.append(u)
        return chosen


def _expand_list(lead: Unit, units: list[Unit]) -> Unit:
    """A lead that introduces a list ('…, gồm:') answers with the items that follow it."""
    if not lead.text.rstrip().endswith(":") or lead.is_row:
        return lead
    items = sorted((u for u in units if u.chunk is lead.chunk and u.start > lead.start), key=lambda u: u.start)
    end = lead.end
    for u in items[:8]:
        if u.end - lead.start > LIST_EXPAND_CHARS:
            break
        end = u.end
    if end == lead.end:
        return lead
    base = int(lead.chunk.payload.get("start", 0))
    text = lead.chunk.text[lead.start - base : end - base]
    return Unit(lead.chunk, lead.rank, text, lead.start, end, lead.score, lead.coverage, terms=lead.terms)


def _intent_fit(u: Unit, want: set[str]) -> float:
    fit = 0.0
    text = u.text.lower()
    if "responsibility" in want and (
        "chủ trì" in text or "phụ trách" in text or "chịu trách nhiệm" in text
        or (u.cells and any("chủ trì" in k.lower() for k in u.cells))
    ):
        fit += 1.0
    if "deadline" in want and _DATE.search(u.text):
        fit += 1.0
    if "target" in want and _PERCENT.search(u.text):
        fit += 1.0
    if "signer" in want and u.signature:
        return 3.0
    return min(fit, 1.0)


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _cell(cells: dict[str, str], *keys: str) -> str:
    for name, value in cells.items():
        low = name.lower()
        if any(k in low for k in keys):
            return value
    return ""


_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-]\s*")


def _flatten(quote: str) -> str:
    """Multi-line quotes (a list under its intro line) read as one sentence."""
    lines = [re.sub(r"^[-+•*]\s*", "", ln.strip()) for ln in quote.split("\n") if ln.strip()]
    if len(lines) <= 1:
        return quote
    head, items = lines[0], [ln.rstrip(" .;,") for ln in lines[1:]]
    return f"{head} {'; '.join(items)}"


def section_label(section: str) -> str:
    """'VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy' -> 'Văn phòng Đảng ủy' (who or what the text is about)."""
    last = _NUMBERING.sub("", section.split(" > ")[-1]).strip(" :")
    return "" if not last or len(last) > 80 or re.search(r"\d", last) else last


def _claim(u: Unit, quote: str, offset: int = 0) -> str:
    """Table rows are answered in their own terms; text is quoted under its section's name."""
    if u.signature:
        return "Người ký: " + ", ".join(line.strip() for line in quote.split("\n") if line.strip())
    if not u.cells or quote != u.text:
        body = ("…" if offset else "") + _flatten(quote)
        label = section_label(u.section)
        return f"{label}: {body}" if label and not quote.startswith(label) else body
    cells = u.cells
    lead = _cell(cells, "chủ trì")
    task = _cell(cells, "nội dung", "nhiệm vụ", "mục tiêu")
    parts = []
    if lead:
        parts.append(f"{lead} chủ trì" + (f": {task}" if task else ""))
    elif task:
        parts.append(task)
    for label, keys in (("phối hợp", ("phối hợp",)), ("thời gian", ("thời gian", "thời hạn")),
                        ("sản phẩm/chỉ tiêu", ("sản phẩm", "chỉ tiêu", "kết quả"))):
        value = _cell(cells, *keys)
        if value:
            parts.append(f"{label}: {value}")
    return "; ".join(parts) or quote
