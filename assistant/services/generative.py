"""Generative answering: the language model writes, the verifier decides what reaches the user.

1. The extractive answerer runs first (same retrieval, same access filter). When it finds that the
   documents do not cover the question, the model is not asked: the refusal stands. Its answer is
   also the fallback, ready at once.
2. The model gets the retrieved passages, numbered [1]..[n] (personal data filtered out, like the
   question), and a Vietnamese instruction to answer only from them and to end every sentence with
   the number of its passage.
3. Its output is read sentence by sentence while it streams. Each sentence needs markers of
   passages that were given; each marker becomes a citation of the passage's sentences that best
   match it (exact stored text and offsets); a sentence whose words are mostly not in its quotes is
   dropped; what remains goes through the shared verifier (`assistant.services.verify`: quotes exist,
   numbers, dates, … match). Only surviving sentences are shown — streamed as they pass.
4. When the model is not configured, down, too slow, or none of its sentences survives, the answer
   is the extractive one with ``answer_mode = "extractive_fallback"``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from assistant.components.llm import ChatModel, LlmError, Message
from assistant.components.vector_store import AccessScope, ScoredChunk
from assistant.domain import AskResponse, Citation
from assistant.services.ask import AskService, validate_question
from assistant.services.verify import Statement, verify
from assistant.settings import LlmSettings
from assistant.text import collapse_spaces, fold_accents, syllables

log = logging.getLogger(__name__)
Guard = Callable[[], AbstractContextManager[Any]]

SYSTEM_PROMPT = (
    "Bạn là trợ lý trả lời câu hỏi về các văn bản kế hoạch của cơ quan Đảng và Nhà nước. "
    "Chỉ dùng thông tin trong các đoạn trích được đánh số; không thêm hiểu biết bên ngoài. "
    "Trả lời ngắn gọn bằng tiếng Việt, mỗi câu một dòng. Mỗi câu phải kết thúc bằng số của đoạn trích "
    "làm căn cứ trong ngoặc vuông, ví dụ: Văn phòng Đảng ủy chủ trì xây dựng kho lưu trữ [2]. "
    "Giữ nguyên số liệu, ngày tháng, thời hạn và tên đơn vị như trong đoạn trích. "
    "Nếu các đoạn trích không trả lời được câu hỏi, chỉ viết: Không tìm thấy thông tin này."
)
_MARKER = re.compile(r"\[\s*(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\s*\]")
_MARKER_RUN = re.compile(rf"{_MARKER.pattern}(?:\s*[,;]?\s*{_MARKER.pattern})*")  # "[2], [3]" is one run
# a sentence ends at a line break, or at . ! ? … (with its markers) before a space and a new word
_END = re.compile(r"\n|[.!?…](?:\s*\[\s*\d{1,2}(?:\s*[,;]\s*\d{1,2})*\s*\])*(?=\s+[^\s\[])")
_BULLET = re.compile(r"^(?:[-*•+–]|\d{1,2}[.)])\s+")
_PIECE = re.compile(r"[^\n]+")
_SEGMENT_END = re.compile(r"(?<=[.;!?])\s+")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
MAX_QUOTE_CHARS = 600


@dataclass(frozen=True)
class Passage:
    """One numbered passage: a retrieved chunk, its stored text and what the model is shown."""

    n: int
    chunk: ScoredChunk
    text: str  # stored text at start:end (what citations quote)
    shown: str  # what the model is given: "(title — section)" and the clipped text, redacted

    @property
    def start(self) -> int:
        return int(self.chunk.payload.get("start", 0))

    def cite(self, n: int, start: int, end: int) -> Citation:
        p = self.chunk.payload
        return Citation(n=n, doc_id=str(p.get("doc_id", "")), source=str(p.get("source", "")),
                        title=str(p.get("title", "")), doc_number=str(p.get("doc_number", "")),
                        section=str(p.get("section", "")), quote=self.text[start - self.start : end - self.start],
                        start=start, end=end, page=p.get("page"))

    def heading_cite(self, n: int) -> Citation | None:
        """The heading the passage sits under ("2. Ban Xây dựng Đảng:"): it names who the duties below are for."""
        h = self.chunk.payload.get("heading")
        if not h:
            return None
        return self.cite(n, self.start, self.start).model_copy(
            update={"quote": h["text"], "start": h["start"], "end": h["end"]})


@dataclass
class GenerationStats:
    """What happened to the model's output, for eval and logs."""

    sentences: int = 0  # sentences the model wrote (read)
    dropped: int = 0  # of which not shown: no or unknown marker, not grounded, rejected by the verifier
    error: str = ""  # why the model was not used or stopped


@dataclass(frozen=True)
class Sentence:
    """A verified sentence, final citation numbers in its text: safe to show at once."""

    text: str


@dataclass(frozen=True)
class Answered:
    """The end of an answer: the whole response (also when it fell back), and the model's stats."""

    response: AskResponse
    stats: GenerationStats = field(default_factory=GenerationStats)


@dataclass
class GenerativeService:
    extractive: AskService
    model: ChatModel | None
    cfg: LlmSettings
    text_of: Callable[[str], str]
    redactor: Any = None  # assistant.privacy.Redactor; None when privacy is off
    top_k: int = 10

    def events(self, question: str, scope: AccessScope | None = None, top_k: int | None = None,
               guard: Guard = nullcontext) -> Iterator[Sentence | Answered]:
        """Verified sentences as the model writes them, then `Answered`. `guard` wraps every use of the
        store (the API's read lock); the model is called outside it, so a slow model blocks no one."""
        t0 = time.perf_counter()
        with guard():
            base = self.extractive.ask(question, scope, top_k)
        if not base.answerable or self.model is None:
            reason = "không có mô hình" if self.model is None else "tài liệu không chứa câu trả lời"
            yield self._fallback(base, GenerationStats(error=reason), t0)
            return
        q = self._redact(validate_question(question, self.extractive.cfg.max_question_chars))
        with guard():
            chunks = self.extractive.retriever.retrieve(q, scope, top_k or self.top_k)
        passages = self._passages(chunks, base.citations)
        stats = GenerationStats()
        cited: dict[tuple[str, int, int], Citation] = {}  # final numbering, in order of first use
        shown: list[str] = []
        seen: set[str] = set()
        try:
            for raw in sentences(self.model.stream(prompt(q, passages))):
                key = fold_accents(_MARKER.sub("", raw)).lower().strip(" .")
                if key in seen:  # a small model repeating itself has nothing more to say
                    break
                seen.add(key)
                stats.sentences += 1
                text = self._checked(raw, passages, cited)
                if text is None:
                    stats.dropped += 1
                else:
                    shown.append(text)
                    yield Sentence(text)
                if stats.sentences >= self.cfg.max_sentences:
                    break
        except LlmError as exc:
            stats.error = str(exc)
            log.warning("generative answer: %s", exc)  # the reason only: the prompt holds the question
        if not shown:
            yield self._fallback(base, stats, t0)
            return
        yield Answered(AskResponse(
            answer="\n".join(shown), answerable=True, citations=list(cited.values()), answer_mode="generative",
            retrieved=base.retrieved, retrieved_sections=base.retrieved_sections,
            latency_ms=int((time.perf_counter() - t0) * 1000)), stats)

    # --- steps --------------------------------------------------------------------------------------
    def _redact(self, text: str) -> str:
        return self.redactor.redact(text).text if self.redactor is not None else text

    def _passages(self, chunks: list[ScoredChunk], cited: list[Citation]) -> dict[int, Passage]:
        """The chunks the extractive answer cites first (the model sees the best evidence first), then
        the others in rank order; each passage filtered for personal data before it is shown."""
        def used(c: ScoredChunk) -> bool:
            p = c.payload
            return any(x.doc_id == p.get("doc_id") and p.get("start", 0) <= x.start < p.get("end", 0) for x in cited)

        ordered = sorted(chunks, key=lambda c: not used(c))[: self.cfg.max_passages]
        out: dict[int, Passage] = {}
        for n, c in enumerate(ordered, 1):
            start, end = int(c.payload.get("start", 0)), int(c.payload.get("end", 0))
            text = self.text_of(str(c.payload.get("doc_id")))[start:end]
            where = " — ".join(str(x) for x in (c.payload.get("title"), c.payload.get("section")) if x)
            shown = str(c.payload.get("rendered") or text)[: self.cfg.passage_chars]
            out[n] = Passage(n, c, text, self._redact(f"({where})\n{shown}" if where else shown))
        return out

    def _checked(self, raw: str, passages: dict[int, Passage], cited: dict[tuple[str, int, int], Citation]
                 ) -> str | None:
        """The sentence with final citation numbers if it survives, else None; adds its citations."""
        body, numbers = parse_sentence(raw)
        if not body or not numbers or any(n not in passages for n in numbers):
            return None
        local = [passages[n].cite(i, *best_span(body, passages[n])) for i, n in enumerate(numbers, 1)]
        if support(body, " ".join(c.quote for c in local)) < self.cfg.min_support:
            return None
        checked = verify([Statement(body, [c.n for c in local])], local, self.text_of)
        if not checked.statements:  # the unit may be named by the heading above the passage, not in it
            heads = [h for i, n in enumerate(dict.fromkeys(numbers), len(local) + 1)
                     if (h := passages[n].heading_cite(i)) is not None]
            if not heads:
                return None
            local += heads
            checked = verify([Statement(body, [c.n for c in local])], local, self.text_of)
        if not checked.statements:
            return None
        final = []
        for c in checked.citations:
            key = (c.doc_id, c.start, c.end)
            if key not in cited:
                cited[key] = c.model_copy(update={"n": len(cited) + 1})
            final.append(cited[key].n)
        text = with_markers(body, final)
        if self.redactor is not None:
            text = self.redactor.redact(text, vetted=" ".join(c.quote for c in local)).text
        return text

    def _fallback(self, base: AskResponse, stats: GenerationStats, t0: float) -> Answered:
        return Answered(base.model_copy(update={"answer_mode": "extractive_fallback",
                                                "latency_ms": int((time.perf_counter() - t0) * 1000)}), stats)


# --- prompt and parsing (pure functions) -------------------------------------------------------------


def prompt(question: str, passages: dict[int, Passage]) -> list[Message]:
    blocks = [f"[{p.n}] {p.shown}" for p in passages.values()]
    user = "Các đoạn trích:\n\n" + "\n\n".join(blocks) + f"\n\nCâu hỏi: {question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def sentences(pieces: Iterator[str]) -> Iterator[str]:
    """Complete sentences out of streamed text pieces (the last one when the stream ends)."""
    buffer = ""
    for piece in pieces:
        buffer += piece
        pos = 0
        for m in _END.finditer(buffer):
            if buffer[pos : m.end()].strip():
                yield buffer[pos : m.end()].strip()
            pos = m.end()
        buffer = buffer[pos:]
    if buffer.strip():
        yield buffer.strip()


def parse_sentence(raw: str) -> tuple[str, list[int]]:
    """'- **Văn phòng** chủ trì [2], [3].' -> ('Văn phòng chủ trì.', [2, 3]): markup off, markers collected."""
    numbers = list(dict.fromkeys(int(n) for m in _MARKER.finditer(raw) for n in re.split(r"[,;]", m.group(1))))
    body = collapse_spaces(_MARKER_RUN.sub(" ", raw).replace("**", "").replace("__", ""))
    body = _BULLET.sub("", body)
    body = re.sub(r"\s+([.,;:!?…])", r"\1", body).strip(" ,;:")
    return body, numbers


def with_markers(body: str, numbers: list[int]) -> str:
    """Markers before the closing punctuation: 'Văn phòng chủ trì [1].'"""
    marks = "".join(f"[{n}]" for n in numbers)
    stripped = body.rstrip(".!?…")
    return f"{stripped} {marks}{body[len(stripped):]}"


def _terms(text: str) -> set[str]:
    return {fold_accents(s) for s in syllables(text)}


def support(body: str, quotes: str) -> float:
    """Share of the sentence's syllables (accents folded) that occur in its quotes."""
    words = _terms(body)
    return len(words & _terms(quotes)) / len(words) if words else 0.0


def best_span(body: str, passage: Passage) -> tuple[int, int]:
    """Document offsets of the passage's sentences that support `body`: the best-matching one, plus those
    holding numbers of `body` the best one lacks (kept only while the quote stays short)."""
    segments = []
    for line in _PIECE.finditer(passage.text):
        pos = line.start()
        for part in _SEGMENT_END.split(line.group()):
            at = passage.text.index(part, pos)
            if part.strip():
                segments.append((at, at + len(part.rstrip())))
            pos = at + len(part)
    if not segments:
        return passage.start, passage.start + len(passage.text)
    words = _terms(body)
    best = max(segments, key=lambda s: len(words & _terms(passage.text[s[0] : s[1]])))
    chosen = [best]
    missing = set(_NUMBER.findall(body)) - set(_NUMBER.findall(passage.text[best[0] : best[1]]))
    for s in segments:
        if missing & set(_NUMBER.findall(passage.text[s[0] : s[1]])):
            chosen.append(s)
    lo, hi = min(s[0] for s in chosen), max(s[1] for s in chosen)
    if hi - lo > MAX_QUOTE_CHARS:
        lo, hi = best
    return passage.start + lo, passage.start + hi
