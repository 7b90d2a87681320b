"""Evidence units: the sentences, list items and table rows an answer can quote.

Each unit keeps exact offsets into the stored document text, so any quote cut from it
is verifiable.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.components.vector_store import ScoredChunk
from assistant.domain import Citation
from assistant.text import fold_accents, syllables

MAX_UNIT_CHARS = 320
_SENT_END = re.compile(r"(?<=[.;!?])\s+(?=[\-+•]?\s*[A-ZĐÀ-Ỹ0-9“\"(])")
_SIGNATURE = re.compile(r"^(?:T/M|K/T|TM\.|KT\.|Q\.|TL\.)\s*[A-ZĐÀ-Ỹ ]+$", re.M)
_BULLET = re.compile(r"^\s*(?:[-+•*]|\d+[.)]|[a-zđ]\))\s+")

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
    terms: set[str] = field(default_factory=set)

    @property
    def doc_id(self) -> str:
        return str(self.chunk.payload.get("doc_id", ""))

    @property
    def section(self) -> str:
        return str(self.chunk.payload.get("section", ""))

    @property
    def is_row(self) -> bool:
        return self.cells is not None

    def cite(self, n: int, quote: str, offset: int = 0) -> Citation:
        """A citation of `quote`, which starts `offset` characters into this unit."""
        p = self.chunk.payload
        start = self.start + offset
        return Citation(n=n, doc_id=self.doc_id, source=str(p.get("source", "")), title=str(p.get("title", "")),
                        doc_number=str(p.get("doc_number", "")), section=self.section, quote=quote,
                        start=start, end=start + len(quote), page=p.get("page"))


def folded_syllables(text: str) -> list[str]:
    return [fold_accents(s) for s in syllables(text)]


def content_terms(text: str) -> list[str]:
    return [t for t in folded_syllables(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def parse_rendered(rendered: str) -> dict[str, str]:
    cells: dict[str, str] = {}
    for part in rendered.split(" · "):
        name, sep, value = part.partition(": ")
        if sep and value.strip():
            cells[name.strip()] = value.strip()
    return cells


def split_units(chunk: ScoredChunk, rank: int) -> list[Unit]:
    p = chunk.payload
    base = int(p.get("start", 0))
    text = chunk.text
    if p.get("kind") == "table_row":
        return [Unit(chunk, rank, text, base, base + len(text), cells=parse_rendered(str(p.get("rendered", ""))))]
    units: list[Unit] = []
    sig = signature_span(text)
    if sig:  # the signature block is one unit: who signed, with which title
        units.append(Unit(chunk, rank, text[sig[0] : sig[1]], base + sig[0], base + sig[1], signature=True))
        text = text[: sig[0]]
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        m = _BULLET.match(line)
        offset = m.end() if m else len(line) - len(line.lstrip())
        body = line[offset:].rstrip()
        if len(body) < 3:
            continue
        for s_off, sentence in _sentences(body):
            units.append(Unit(chunk, rank, sentence, base + line_start + offset + s_off,
                              base + line_start + offset + s_off + len(sentence)))
    return units


def signature_span(text: str) -> tuple[int, int] | None:
    """The last signature block: 'T/M BAN THƯỜNG VỤ' / title line(s) / the signer's name."""
    matches = list(_SIGNATURE.finditer(text))
    if not matches:
        return None
    start = matches[-1].start()
    end = matches[-1].end()
    for line in re.finditer(r"[^\n]*", text[end:]):
        body = line.group().strip()
        if not body:
            continue
        end_here = end + line.end()
        if body.upper() != body:  # the name: first line that is not all capitals
            return start, end_here
        if end_here - start > 200:
            break
    return None


def best_window(text: str, terms: set[str], want: re.Pattern[str] | None, limit: int) -> tuple[int, str]:
    """The clause range of `text` (at most `limit` chars) that says most about the question."""
    if len(text) <= limit:
        return 0, text
    cuts = [0] + [m.end() for m in re.finditer(r"[,;.:]\s+", text)] + [len(text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]

    def score(a: int, b: int) -> float:
        piece = text[a:b]
        hits = len(terms & set(folded_syllables(piece)))
        return hits + (3 if want is not None and want.search(piece) else 0)

    scores = [score(a, b) for a, b in pieces]
    best = (-1.0, 0, 0)
    for i in range(len(pieces)):
        total, j = 0.0, i
        while j < len(pieces) and pieces[j][1] - pieces[i][0] <= limit:
            total += scores[j]
            j += 1
        if j > i and total > best[0]:
            best = (total, pieces[i][0], pieces[j - 1][1])
    if best[0] < 0:
        return 0, clip_quote(text, limit)
    a, b = best[1], best[2]
    piece = text[a:b].rstrip(" ,;:")
    return a, piece


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
