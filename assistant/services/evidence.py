"""Evidence units: the sentences, list items, table rows and header lines an answer can quote.

Each unit keeps exact offsets into the stored document text, so any quote cut from it is
verifiable. A unit inside a task (a table row, a task written field by field, a unit's duty)
carries that task's fields — who leads, who co-operates, when, what product — each with its own
exact span, so an answer can say who does what by when and cite each part.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.components.vector_store import ScoredChunk
from assistant.domain import Citation
from assistant.text import UPPER, fold_accents, fold_tones, same_term, syllables
from assistant.vocab.docnum import number_line
from assistant.vocab.fields import opens_with_label
from assistant.vocab.parts import KINDS, is_motto
from assistant.vocab.signature import copy_block_start, is_copy_form, is_upper, signature_span

MAX_UNIT_CHARS = 320
_MARKER_CHARS = 4  # "a) ", "1. ", "- " before the text a unit starts with
# a sentence ends before a capital, a number, a quote or a bullet; not before the next item of a numbered list
# written in one paragraph ("hỗ trợ: (1) …. (2) …"), one list said whole
_SENT_END = re.compile(rf"(?<=[.;!?])\s+(?!\(\d{{1,2}}\)\s)(?=[\-+•]?\s*[{UPPER}0-9“\"(])")
_BULLET = re.compile(r"^\s*(?:[-+•*]|\d+[.)]|[a-zđ]\))\s+")
_DATE_LINE = re.compile(r"^[^\W\d_][\w\s.]{0,40},\s*ngày\b")

# question words and glue that say nothing about the topic (accent-folded)
STOPWORDS = set(
    ["ai", "gi", "nao", "bao", "nhieu", "khi", "la", "cua", "va", "cac", "nhung", "co", "duoc", "theo", "trong", "cho", "ve", "voi", "phai", "lam", "viec", "thi", "o", "tai", "den", "tu", "hay", "hoac", "mot", "nhu", "the", "sao", "vay", "nay", "do", "ra", "vao", "len", "bi", "se", "da", "dang", "can", "muon", "biet", "hoi", "xin", "cho", "toi", "ke", "hoach", "chuong", "trinh", "hanh", "dong", "noi", "dung", "ban", "thuc", "hien", "nhiem", "vu", "gom"]
)


@dataclass
class Unit:
    chunk: ScoredChunk
    rank: int
    text: str
    start: int
    end: int
    score: float = 0.0
    coverage: float = 0.0
    cells: dict[str, str] | None = None
    signature: bool = False
    header: str = ""  # "issuer" | "number" | "date" for a header line
    task: dict[str, Any] | None = None  # the task (source, fields) this unit belongs to
    terms: set[str] = field(default_factory=set)
    record: bool = False  # lines read as one: an item's labelled details ("Số lượng: 04 xe / Nguồn vốn: …"), a total
    # and its parts ("Tổng kinh phí … gồm:" / "- Ngân sách tỉnh: 96.100 triệu đồng")

    @property
    def doc_id(self) -> str:
        return str(self.chunk.payload.get("doc_id", ""))

    @property
    def section(self) -> str:
        return str(self.chunk.payload.get("section", ""))

    @property
    def is_row(self) -> bool:
        return self.cells is not None

    @property
    def table_heads(self) -> str:
        """Its table's caption and header rows, which say what a row's figures are of."""
        return " ".join(h["text"] for h in self.chunk.payload.get("header_rows") or [])

    @property
    def fields(self) -> dict[str, dict[str, Any]]:
        return dict(self.task["fields"]) if self.task else {}

    def cite(self, n: int, quote: str, offset: int = 0) -> Citation:
        """A citation of `quote`, which starts `offset` characters into this unit."""
        return cite_span(self.chunk, n, quote, self.start + offset)


def cite_span(chunk: ScoredChunk, n: int, quote: str, start: int) -> Citation:
    """A citation of the document text `quote` at `start` (any span of the chunk's document)."""
    p = chunk.payload
    return Citation(n=n, doc_id=str(p.get("doc_id", "")), source=str(p.get("source", "")),
                    title=str(p.get("title", "")), doc_number=str(p.get("doc_number", "")),
                    section=str(p.get("section", "")), quote=quote, start=start, end=start + len(quote),
                    page=p.get("page"))


def folded_syllables(text: str) -> list[str]:
    return list(_folded_syllables(text))


@lru_cache(maxsize=16384)
def _folded_syllables(text: str) -> tuple[str, ...]:
    """Cached: each draft compares the same passages and titles with the question again and again."""
    return tuple(same_term(fold_accents(s)) for s in syllables(fold_tones(text)))


def content_terms(text: str) -> list[str]:
    return [t for t in folded_syllables(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def _task_at(tasks: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The task whose span holds [start, end), the innermost when tasks nest; else the task a unit opens with (a
    line "a) Giao Sở X chủ trì …; hoàn thành trước …" whose assignment ends at its first ";")."""
    inside = [t for t in tasks if t["start"] <= start and end <= t["end"]]
    if inside:
        return min(inside, key=lambda t: t["end"] - t["start"])
    opening = [t for t in tasks if t["start"] <= start < t["end"] and start - t["start"] <= _MARKER_CHARS]
    return min(opening, key=lambda t: t["end"] - t["start"]) if opening else None


def split_units(chunk: ScoredChunk, rank: int) -> list[Unit]:
    p = chunk.payload
    base = int(p.get("start", 0))
    text = chunk.text
    tasks: list[dict[str, Any]] = list(p.get("tasks") or [])
    if p.get("kind") == "table_row":
        return [Unit(chunk, rank, text, base, base + len(text), cells=dict(p.get("cells") or {}),
                     task=_task_at(tasks, base, base + len(text)))]
    if p.get("kind") == "header":
        return _header_units(chunk, rank)
    units: list[Unit] = []
    sig = signature_span(text) if not is_copy_form(str(chunk.payload.get("section", "")).split(" > ")[0]) else None
    if sig:  # the signature block is one unit: who signed, with which title
        units.append(Unit(chunk, rank, text[sig[0] : sig[1]], base + sig[0], base + sig[1], signature=True))
        text = text[: sig[0]]
    record = _record(text)
    if record is not None:
        a, b = record
        return units + [Unit(chunk, rank, text[a:b], base + a, base + b, task=_task_at(tasks, base + a, base + b),
                             record=True)]
    pos = 0
    lines = text.split("\n")
    copy = copy_block_start(lines)
    for k, line in enumerate(lines):
        line_start = pos
        pos += len(line) + 1
        header = "" if copy is not None and k >= copy else \
            "number" if number_line(line) else "date" if _issue_date_line(chunk, line) else ""  # no copy's number
        m = _BULLET.match(line)
        offset = m.end() if m else len(line) - len(line.lstrip())
        body = line[offset:].rstrip()
        if len(body) < 3 or is_motto(body) or not any(ch.isalnum() for ch in body):
            continue  # the national name and motto, a rule of dashes under them: nothing a question asks
        for s_off, sentence in _sentences(body):
            start = base + line_start + offset + s_off
            units.append(Unit(chunk, rank, sentence, start, start + len(sentence), header=header,
                              task=_task_at(tasks, start, start + len(sentence))))
    return units + [Unit(chunk, rank, text[a:b], base + a, base + b, record=True) for a, b in _breakdowns(text)]


_MAX_RECORD_CHARS = 2 * MAX_UNIT_CHARS


def _record(text: str) -> tuple[int, int] | None:
    """The span of a body made only of two or more labelled detail lines under its item's heading ("2. Xe thang
    … / Số lượng: 04 xe / Nguồn vốn: ngân sách trung ương / Năm đầu tư: 2027 - 2028"): the item's facts, which
    answer together; None for any other body."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2 or not all(opens_with_label(ln) for ln in lines):
        return None
    a = len(text) - len(text.lstrip())
    b = len(text.rstrip())
    return (a, b) if b - a <= _MAX_RECORD_CHARS else None


_FIGURE_ITEM = re.compile(r"[^:\n]{2,160}:\s*[^\s\d]{0,12}\d")  # "Ngân sách tỉnh: 96.100 triệu đồng"


def _breakdowns(text: str) -> list[tuple[int, int]]:
    """Spans of a line announcing a list ("Tổng kinh phí … là 209.000 triệu đồng, gồm:") with the labelled figures
    bulleted under it ("- Ngân sách tỉnh: 96.100 triệu đồng;"): a total and its parts answer together, beside the
    lines that answer alone."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    spans = []
    for i, (start, line) in enumerate(lines):
        if not line.rstrip().endswith(":"):
            continue
        items = 0
        for _, item in lines[i + 1:]:
            m = _BULLET.match(item)
            if not m or not _FIGURE_ITEM.match(item[m.end():]):
                break
            items += 1
        if items >= 2:
            end_start, last = lines[i + items]
            a, b = start + len(line) - len(line.lstrip()), end_start + len(last.rstrip())
            if b - a <= _MAX_RECORD_CHARS:
                spans.append((a, b))
    return spans


def _issue_date_line(chunk: ScoredChunk, line: str) -> bool:
    """A place-and-date line dating the document: when its date of issue is known ("2026-10-12"), the line giving
    that day — a deck's cover dates the meeting it is shown at, above the plan's own header."""
    if not _DATE_LINE.match(line):
        return False
    issued = [int(n) for n in str(chunk.payload.get("issued_date", "")).split("-") if n.isdigit()]
    said = [int(n) for n in re.findall(r"\d+", line)]
    return len(issued) < 3 or any(said[k:k + 3] == issued[::-1] for k in range(len(said)))


def _header_units(chunk: ScoredChunk, rank: int) -> list[Unit]:
    """The lines of a document's header: issuer (capitals before the motto), number, place and date."""
    base = int(chunk.payload.get("start", 0))
    units: list[Unit] = []
    pos = 0
    issuer_done = False
    lines = chunk.text.split("\n")
    for i, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        body = line.strip()
        if not body or not any(c.isalpha() or c.isdigit() for c in body):
            continue
        if is_motto(body):
            issuer_done = True
            continue
        number = number_line(body)
        if any(body == k or body.startswith(k + " ") for k in KINDS):
            break  # the title: the header is over
        # a joint plan's second body, after the first's number and the motto, over its own number ("HỘI LIÊN HIỆP
        # PHỤ NỮ TỈNH …" / "Số: 21/…")
        after = next((later.strip() for later in lines[i + 1:] if later.strip()), "")
        numbered = bool(number_line(after)) and any(u.header == "number" for u in units)
        kind = "number" if number else "date" if _issue_date_line(chunk, body) else \
            "issuer" if is_upper(body) and (not issuer_done or numbered) else ""
        offset = base + start + len(line) - len(line.lstrip())
        if kind == "issuer" and units and units[-1].header == "issuer":  # "ỦY BAN NHÂN DÂN" / "TỈNH SƠN LA"
            last = units[-1]
            last.text = chunk.text[last.start - base:offset - base + len(body)]
            last.end = offset + len(body)
        elif kind:
            units.append(Unit(chunk, rank, body, offset, offset + len(body), header=kind))
    return units


_QUOTED = re.compile(r"“[^“”\n]{1,200}”|\"[^\"\n]{1,200}\"")  # "Dự án 6: “Tăng cường …, chống ma túy”"
BRACKETED = re.compile(r"\([^()\n]{1,200}\)")  # what a bracket holds, on one line


_HOLDS_VALUE = 100.0  # outweighs any count of the question's words


def best_window(text: str, terms: set[str], want: re.Pattern[str] | None, limit: int) -> tuple[int, str]:
    """The clause range of `text` (at most `limit` chars) that says most about the question."""
    if len(text) <= limit:
        return 0, text
    # a title in quotes is one thing, as is what a bracket holds ("(tăng huyết áp, đái tháo đường, …)"): no cut inside
    quoted = [m.span() for m in _QUOTED.finditer(text)] + [m.span() for m in BRACKETED.finditer(text)]
    # nor between a name and the quoted title it announces ("Dự án 6: “Tăng cường …”")
    cuts = [0] + [m.end() for m in re.finditer(r"[,;.:]\s+", text)
                  if not any(a < m.start() < b for a, b in quoted)
                  and not (m.group()[0] == ":" and text.startswith(("“", '"'), m.end()))] + [len(text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]

    found = [terms & set(folded_syllables(text[a:b])) for a, b in pieces]
    wanted = [want is not None and bool(want.search(text[a:b])) for a, b in pieces]
    # a term said in every clause ("số vụ", "tăng") tells the clauses apart less than one said in a single clause
    spread = Counter(t for f in found for t in f)
    # a quote ends where a clause ends (";", "."), not at a comma inside it nor at the colon announcing a list
    closed = [b == len(text) or text[a:b].rstrip()[-1:] in ";." for a, b in pieces]  # ":" announces what follows
    best = (-1.0, 0, 0)
    for i in range(len(pieces)):
        j, end = i, 0
        while j < len(pieces) and pieces[j][1] - pieces[i][0] <= limit:
            end = j + 1 if closed[j] else end
            j += 1
        end = end or j
        if end == i:  # one clause longer than the limit: the part of it that holds the value wanted, or its start
            a, b = _within_clause(text, pieces[i], want, limit)
            said, hit = terms & set(folded_syllables(text[a:b])), bool(want and want.search(text[a:b]))
        else:
            a, b = pieces[i][0], pieces[end - 1][1]
            said, hit = set().union(*found[i:end]), any(wanted[i:end])
        # a clause holding the value asked answers: the words around it only choose among such clauses
        total = sum(1 / spread[t] for t in sorted(said)) + (_HOLDS_VALUE if hit else 0)
        if total > best[0]:  # sorted: the same sum in every run
            best = (total, a, b)
    if best[0] < 0:
        return 0, clip_quote(text, limit)
    a, b = _whole_sentence(text, best[1], best[2], limit)
    if _ANNOUNCES_TITLE.search(text, a, b):  # "… thực hiện Tiểu dự án 3: Tăng cường … cho học sinh, sinh viên (…)"
        title_end = _TITLE_END.search(text, b, b + _TITLE_REACH)
        b = title_end.start() if title_end else b
    piece = text[a:b].rstrip(" ,;:")
    return a, piece


_QUOTE_REACH = 80  # how far past the limit a quoted title may run to be said whole
_SENTENCE_REACH = 60  # and a sentence cut at a comma
_SENTENCE_END = re.compile(r"[;!?](?=\s|$)|(?<!\b\w)(?<!\b\w\w)\.(?=\s|$)|\n")  # "TP. Hồ Chí Minh" goes on


def _whole_sentence(text: str, a: int, b: int, limit: int) -> tuple[int, int]:
    """The sentence `text[a:b]` lies in, when it is little longer than `limit`: a quote cut at a comma loses the
    half that answers ("… gửi Sở Khoa học và Công nghệ tổng hợp, chủ trì, phối hợp với Sở Tài chính" / ", báo cáo
    UBND Thành phố bổ sung kinh phí theo quy định."), or one opening in the middle of a list its start ("… ngân sách
    nhà nước hằng năm của các bộ, | cơ quan, đơn vị …"); a clause opening on its own subject ("…, Sở Tài chính …")
    is said from there."""
    last = len(text[:b].rstrip(" ,:")) - 1
    stop = _SENTENCE_END.search(text, max(a, last))
    end = stop.end() if stop and stop.group() != "\n" else stop.start() if stop else len(text)
    start = a
    if text[a:a + 1].islower():
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, a)), default=0)
        start += len(text[start:a]) - len(text[start:a].lstrip())
    if (start, end) != (a, b) and start <= a and end >= b and end - start <= limit + _SENTENCE_REACH:
        return start, end
    return a, b
_TITLE_REACH = 2 * _QUOTE_REACH  # and a title a numbered name announces, unquoted
# a thing named by its number announcing its title ("Tiểu dự án 3:", "Dự án 8:", "Nhiệm vụ 2:"): no quote ends there
_ANNOUNCES_TITLE = re.compile(rf"[{UPPER}]\w*(?:\s+\w+){{0,3}}\s+\d+[a-z]?:\s*$")
_TITLE_END = re.compile(r"\s\(|[.;\n]")


def _within_clause(text: str, piece: tuple[int, int], want: re.Pattern[str] | None, limit: int) -> tuple[int, int]:
    """At most `limit` chars of one long clause, ending on a word: from its start, or from a little before the
    value wanted when that lies further in ("Theo đề nghị của … tại Tờ trình số 04/TTr-…")."""
    a, b = piece
    m = want.search(text, a, b) if want is not None else None
    if m is not None and m.end() - a > limit:
        space = text.rfind(" ", a, max(a, m.start() - limit // 4))
        a = space + 1 if space > a else m.start()
    stop = min(b, a + limit)
    space = text.rfind(" ", a, stop)
    end = space if stop < b and space > a else stop
    # "… Dự án 6: “Tăng cường đáp ứng y tế trong phòng, chống ma túy”": a title in quotes is said whole
    return a, _quote_close(text, a, end, b) or end


def _quote_close(text: str, a: int, stop: int, b: int) -> int | None:
    """The end of the quotation `text[a:stop]` leaves open, when it closes soon after `stop` (within `b`), else None."""
    said = text[a:stop]
    if said.count("“") > said.count("”"):
        close = text.find("”", stop, min(b, stop + _QUOTE_REACH))
    elif said.count('"') % 2:
        close = text.find('"', stop, min(b, stop + _QUOTE_REACH))
    else:
        return None
    return close + 1 if close >= 0 else None


def _sentences(body: str) -> list[tuple[int, str]]:
    if len(body) <= MAX_UNIT_CHARS:
        return [(0, body)]
    out: list[tuple[int, str]] = []
    last = 0
    for m in _SENT_END.finditer(body):
        out.append((last, body[last : m.start()]))
        last = m.end()
    out.append((last, body[last:]))
    return [(o, s) for o, s in out if s.strip()]


def idf_table(units: list[Unit]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for u in units:
        df.update(u.terms)
    n = len(units) or 1
    return {t: math.log(1 + n / c) for t, c in df.items()}


def clip_quote(text: str, limit: int = MAX_UNIT_CHARS) -> str:
    """Cut at a word boundary; the result is still a prefix of the exact text."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[: space if space > limit // 2 else limit].rstrip(" ,;:")
