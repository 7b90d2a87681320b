"""Replace personal data by readable Vietnamese labels ("[SỐ CCCD]", "[HỌ TÊN]"…).

`redact` is for questions and answers; `redact_document` is for whole plan documents at ingest
and keeps what a plan publishes on purpose: the names of its signers (the name under a
"T/M BAN THƯỜNG VỤ" / "K/T TRƯỞNG BAN" title block) and the "Nơi nhận" list are public record,
and so is the same name elsewhere in that document. Only counts per entity type ever leave this
module — never the values.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from assistant.privacy.engine import build_analyzer
from assistant.privacy.recognizers import RECOGNIZERS
from assistant.privacy.recognizers.base import LANGUAGE, MIN_SCORE
from assistant.privacy.recognizers.lexicon import key
from assistant.privacy.recognizers.person import after_place_word
from assistant.settings import PrivacySettings
from assistant.text import fold_accents, nfc
from assistant.vocab.signature import named_as_official, signature_name_spans

logger = logging.getLogger(__name__)

LABELS: dict[str, str] = {
    "VN_CCCD": "[SỐ CCCD]",
    "VN_CMND": "[SỐ CMND]",
    "VN_PHONE": "[SỐ ĐIỆN THOẠI]",
    "EMAIL_ADDRESS": "[EMAIL]",
    "VN_TAX_CODE": "[MÃ SỐ THUẾ]",
    "VN_SOCIAL_INSURANCE": "[SỐ BHXH]",
    "VN_BANK_ACCOUNT": "[SỐ TÀI KHOẢN]",
    "VN_PARTY_CARD": "[SỐ THẺ ĐẢNG VIÊN]",
    "DATE_OF_BIRTH": "[NGÀY SINH]",
    "PERSON": "[HỌ TÊN]",
    "VN_HOME_ADDRESS": "[ĐỊA CHỈ]",
}
_PRIORITY = {cls.__name__: rank for rank, cls in enumerate(RECOGNIZERS)}

_RECIPIENTS = re.compile(r"^(?:noi nhan|dong kinh gui)\b")
_LIST_ITEM = re.compile(r"^\s*[-+•–]")
_MARKUP = " \t*#_>|"
PIECE_CHARS = 8000


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text and how many spans of each entity type were replaced."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)
    # (start, end, label) in the ORIGINAL text, in order: lets callers shift offsets
    replaced: tuple[tuple[int, int, str], ...] = ()

    def shift(self, offset: int) -> int:
        """Where an offset of the original text lands in the redacted text."""
        delta = 0
        for start, end, label in self.replaced:
            if end > offset:
                break
            delta += len(label) - (end - start)
        return offset + delta

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _lines(text: str) -> list[tuple[int, str]]:
    offsets, pos = [], 0
    for line in text.splitlines(keepends=True):
        offsets.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return offsets


def public_record_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the signature blocks' signer names and of the "Nơi nhận" lists."""
    lines = _lines(text)
    spans: list[tuple[int, int]] = signature_name_spans(text)
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if _RECIPIENTS.match(fold_accents(line.strip(_MARKUP)).lower()):
            j = i + 1
            while j < len(lines) and (not lines[j][1].strip() or _LIST_ITEM.match(lines[j][1])):
                j += 1
            spans.append((start, lines[j - 1][0] + len(lines[j - 1][1])))
            i = j
            continue
        i += 1
    return spans


def _pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts of `text` at line breaks, each at most about `size` characters.

    spaCy's Vietnamese tokenizer is slower than linear on long texts; every recognizer looks at
    one line at a time, so cutting between lines changes no finding.
    """
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        cut = cut + 1 if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _resolve(results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """Non-overlapping spans: the longest wins, then the highest score, then registry order."""

    def rank(r: RecognizerResult) -> tuple[int, float, int]:
        name = (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
        return (-(r.end - r.start), -r.score, _PRIORITY.get(name, len(_PRIORITY)))

    chosen: list[RecognizerResult] = []  # kept sorted by start
    starts: list[int] = []
    for result in sorted(results, key=rank):
        i = bisect.bisect_left(starts, result.start)
        if (i == 0 or chosen[i - 1].end <= result.start) and (i == len(chosen) or result.end <= starts[i]):
            chosen.insert(i, result)
            starts.insert(i, result.start)
    return chosen


class Redactor:
    """Finds personal data with the Vietnamese analyzer and replaces it by labels.

    `analyzer` defaults to the process-wide `build_analyzer()`; `score_threshold` is the minimum
    score of a span to redact; `keep_signers` makes `redact_document` keep public-record names.
    """

    def __init__(
        self,
        analyzer: AnalyzerEngine | None = None,
        *,
        keep_signers: bool = True,
        score_threshold: float = MIN_SCORE,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self._analyzer = analyzer
        self.keep_signers = keep_signers
        self.score_threshold = score_threshold
        self.labels = dict(labels or LABELS)

    @classmethod
    def from_settings(cls, settings: PrivacySettings, analyzer: AnalyzerEngine | None = None) -> Redactor:
        return cls(analyzer, keep_signers=settings.keep_signers)

    @property
    def analyzer(self) -> AnalyzerEngine:
        if self._analyzer is None:
            self._analyzer = build_analyzer()
        return self._analyzer

    def find(self, text: str) -> list[RecognizerResult]:
        """Non-overlapping personal-data spans of `text` (NFC), in text order."""
        results = []
        for offset, piece in _pieces(text):
            for r in self.analyzer.analyze(
                piece, language=LANGUAGE, entities=list(self.labels), score_threshold=self.score_threshold
            ):
                r.start, r.end = r.start + offset, r.end + offset
                results.append(r)
        return _resolve(results)

    def redact(self, text: str, vetted: str = "") -> RedactionResult:
        """Redact a question, an answer or any free text: every personal identifier goes, except
        spans quoted verbatim from `vetted` text (stored text, already filtered at ingest)."""
        text = nfc(text)
        found = self.find(text)
        if vetted:
            found = [r for r in found if text[r.start : r.end] not in vetted]
        return self._apply(text, found)

    def redact_document(self, text: str) -> RedactionResult:
        """Redact a whole plan document, keeping signers and "Nơi nhận" names when configured."""
        text = nfc(text)
        found = self.find(text)
        found = self._drop_places(text, found)
        if self.keep_signers:
            found = self._drop_public_names(text, found)
        return self._apply(text, found)

    @staticmethod
    def _drop_places(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """A phrase the document itself writes after a place word ("huyện Triệu Lâm", "HUYỆN ỦY TRIỆU LÂM") is a
        place wherever it stands in that document ("Khu công nghiệp Bắc Triệu Lâm"), not a person's name."""
        places: dict[str, bool] = {}

        def is_place(phrase: str) -> bool:
            if phrase not in places:
                places[phrase] = any(after_place_word(text, m.start())
                                     for m in re.finditer(re.escape(phrase), text, re.IGNORECASE))
            return places[phrase]

        return [r for r in found if r.entity_type != "PERSON" or not is_place(text[r.start : r.end])]

    @staticmethod
    def _drop_public_names(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        spans = public_record_spans(text)
        persons = [r for r in found if r.entity_type == "PERSON"]
        public = {
            key(text[r.start : r.end]) for r in persons
            if any(r.start < e and r.end > s for s, e in spans) or named_as_official(text, r.start, r.end)
        }
        return [r for r in found if r.entity_type != "PERSON" or key(text[r.start : r.end]) not in public]

    def _apply(self, text: str, found: list[RecognizerResult]) -> RedactionResult:
        parts, pos = [], 0
        counts: Counter[str] = Counter()
        replaced = []
        for r in found:
            label = self.labels.get(r.entity_type, f"[{r.entity_type}]")
            parts += [text[pos : r.start], label]
            replaced.append((r.start, r.end, label))
            pos = r.end
            counts[r.entity_type] += 1
        parts.append(text[pos:])
        if counts:
            logger.debug("redacted personal data: %s", dict(counts))
        return RedactionResult("".join(parts), dict(counts), tuple(replaced))
