"""PERSON: Vietnamese personal names.

Vietnamese names are a surname from a short closed list followed by one to three syllables
("Nguyễn Văn An", "Cao Thị Thanh Xuân"). Plans are full of capitalised phrases that look the
same ("Lâm Đồng", "Bạch Đằng", "Đào Tạo"), so a candidate is accepted when
- a form of address stands right before it ("đồng chí", "đ/c", "ông", "bà", "anh", "chị",
  "họ và tên:"…) — then lower-case, upper-case and given-name-only names count too; or
- it has three or more syllables that are all common name syllables; or
- underthesea's CRF NER (its model ships inside the package) tags exactly it as PER and it is
  not a dictionary word ("Tăng Cường").
Text typed without diacritics ("ong nguyen van an") is matched with accent-folded lists, but only
in a stretch of text that has no diacritics at all. Places, units, streets and national figures
are never names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.recognizers.base import LANGUAGE, phrase_regex
from assistant.privacy.recognizers.lexicon import (
    CONTEXT_ONLY_SURNAMES,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    PERSON_CONTEXT,
    PLACE_NAMES,
    PLACE_PREFIXES,
    PUBLIC_NAMES,
    SURNAMES,
    TITLE_WORDS,
    key,
)
from assistant.text import dictionary_words, fold_accents, has_diacritics

_WORD = re.compile(r"[^\W\d_]+")
# "Lâm Giang, ngày 12 tháng 3 năm 2026": the line giving where and when a document was issued names a place
_PLACE_DATE_LINE = re.compile(r"[ \t|*_]*$")
_PLACE_DATE = re.compile(r"\s*,\s*ngày\b", re.IGNORECASE)
_SPACE = frozenset(" \u00a0")
_CONTEXT_GAP = r"[\s:,(-]*(?:là\s+|la\s+)?"
MAX_SYLLABLES = 4

SCORE_CONTEXT = 0.85
SCORE_FULL_NAME = 0.75
SCORE_NER = 0.6
SCORE_GIVEN_NAME = 0.6


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def title(self) -> bool:
        return self.text[0].isupper() and (len(self.text) == 1 or self.text[1:].islower())


@dataclass(frozen=True)
class _Lexicon:
    """The word lists in one spelling: with diacritics, or folded for text typed without them."""

    surnames: frozenset[str]
    context_surnames: frozenset[str]
    syllables: frozenset[str]
    given: frozenset[str]
    titles: frozenset[str]
    joiners: tuple[str, str]  # lower-case middle names written inside a capitalised name
    context: re.Pattern[str]
    dictionary: frozenset[str]

    def has_context(self, text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        return self.context.search(text[max(line_start, start - 32) : start].lower()) is not None


@lru_cache(maxsize=1)
def _accented() -> _Lexicon:
    # Accents kept: "chí" (đồng chí) is not "chị", "Đặng" is not "đảng".
    return _Lexicon(
        SURNAMES, CONTEXT_ONLY_SURNAMES, MIDDLE_NAMES | GIVEN_NAMES, GIVEN_NAMES, TITLE_WORDS, ("văn", "thị"),
        phrase_regex(PERSON_CONTEXT, _CONTEXT_GAP, fold=False), dictionary_words(),
    )


@lru_cache(maxsize=1)
def _folded() -> _Lexicon:
    def fold(words: frozenset[str]) -> frozenset[str]:
        return frozenset(fold_accents(w) for w in words)

    return _Lexicon(
        fold(SURNAMES), fold(CONTEXT_ONLY_SURNAMES), fold(MIDDLE_NAMES | GIVEN_NAMES), fold(GIVEN_NAMES),
        fold(TITLE_WORDS), ("van", "thi"), phrase_regex(PERSON_CONTEXT, _CONTEXT_GAP), fold(dictionary_words()),
    )


def _adjacent(text: str, a: _Word, b: _Word) -> bool:
    return b.start - a.end == 1 and text[a.end] in _SPACE


@lru_cache(maxsize=1)
def _ner():  # type: ignore[no-untyped-def]
    from underthesea import ner  # CRF model bundled in the package: no download

    return ner


def _ner_persons(sentence: str) -> set[str]:
    """Phrases underthesea tags as persons in `sentence`."""
    persons: list[list[str]] = []
    for token, _pos, _chunk, tag in _ner()(sentence):
        if tag == "B-PER":
            persons.append([token])
        elif tag == "I-PER" and persons:
            persons[-1].append(token)
    return {" ".join(p) for p in persons}


def after_place_word(text: str, start: int) -> bool:
    """A place word ("huyện", "Huyện ủy", "khu công nghiệp"…) stands right before `start`: what follows is a place."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 24) : start]
    if not before.endswith((" ", "\u00a0")):
        return False
    tail = key(before).split()
    return bool(tail) and (tail[-1] in PLACE_PREFIXES or " ".join(tail[-2:]) in PLACE_PREFIXES)


class PersonRecognizer(LocalRecognizer):
    """Surname + capitalised syllables, forms of address, and underthesea NER as a tie-breaker."""

    ENTITY = "PERSON"

    def __init__(self, supported_language: str = LANGUAGE, use_ner: bool = True) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
            context=list(PERSON_CONTEXT),
        )
        self.use_ner = use_ner

    def load(self) -> None:
        _accented()
        _folded()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        words = [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        results: list[RecognizerResult] = []
        i = 0
        while i < len(words):
            found = self._candidate(text, words, i, _accented())
            if found is None and self._maybe_plain_name(text, words[i]):
                found = self._candidate(text, words, i, _folded())
            if found is None:
                i += 1
                continue
            end_index, score = found
            if score > 0:
                results.append(self._result(words[i].start, words[end_index].end, score))
            i = end_index + 1
        return results

    def _candidate(self, text: str, words: list[_Word], i: int, lex: _Lexicon) -> tuple[int, float] | None:
        """(index of the last word, score) of a name starting at words[i], or None.

        A score of 0 marks a phrase that is consumed but is not a name (a place, a national figure).
        """
        first = words[i]
        low = first.lower
        if low not in lex.surnames and low not in lex.context_surnames and not (first.title and low in lex.given):
            return None  # cheap exit for almost every word
        context = lex.has_context(text, first.start)
        if low not in lex.surnames and not (context and low in lex.context_surnames):
            return self._given_name_only(text, words, i, lex) if context else None
        if first.title:
            last = self._chain(text, words, i, lex, lambda w: w.title or w.lower in lex.joiners)
        elif context and first.text.isupper():
            last = self._chain(text, words, i, lex, lambda w: w.text.isupper())
        elif context and first.text.islower():
            if i and f"{words[i - 1].lower} {low}" in lex.dictionary:
                return None  # "chi tieu trang bi" is "chỉ tiêu trang bị": "chi" begins a word, it addresses no one
            return self._lower_case_name(text, words, i, lex)
        else:
            return None
        size = last - i + 1
        if size < 2:
            return self._given_name_only(text, words, i, lex) if context else None
        phrase = text[first.start : words[last].end]
        if key(phrase) in PLACE_NAMES or key(phrase) in PUBLIC_NAMES or self._issued_at(text, first.start, words[last].end):
            return last, 0.0  # a place or a national figure: skip the whole phrase
        if context:
            return last, SCORE_CONTEXT
        if size > MAX_SYLLABLES or self._after_place_word(text, first.start):
            return None
        rest = [w.lower for w in words[i + 1 : last + 1]]
        if size >= 3 and all(s in lex.syllables for s in rest):
            return last, SCORE_FULL_NAME
        if lex is _folded() or f"{low} {rest[0]}" in lex.dictionary:
            return None
        if self.use_ner and phrase in _ner_persons(self._sentence(text, first.start, words[last].end)):
            return last, SCORE_NER
        return None

    @staticmethod
    def _chain(text: str, words: list[_Word], i: int, lex: _Lexicon, fits: Callable[[_Word], bool]) -> int:
        """Last index of the run of adjacent fitting words after the surname (at most 5 syllables)."""
        last = i
        while (
            last + 1 < len(words)
            and last - i < MAX_SYLLABLES
            and _adjacent(text, words[last], words[last + 1])
            and fits(words[last + 1])
            and words[last + 1].lower not in lex.titles
        ):
            last += 1
        if last > i and words[last].lower in lex.joiners:  # "Lưu Văn phòng…": no given name
            last -= 1
        return last

    @staticmethod
    def _lower_case_name(text: str, words: list[_Word], i: int, lex: _Lexicon) -> tuple[int, float] | None:
        """'ông nguyễn văn an': surname, name syllables, ending on a common given name."""
        best = None
        last = i
        while last + 1 < len(words) and last - i < MAX_SYLLABLES - 1:
            nxt = words[last + 1]
            if not (_adjacent(text, words[last], nxt) and nxt.text.islower()):
                break
            if nxt.lower not in lex.syllables:
                break
            if nxt.lower not in lex.joiners and f"{words[last].lower} {nxt.lower}" in lex.dictionary:
                break  # "cán bộ quản lý" is a word, not Mr Quản Lý
            last += 1
            if nxt.lower in lex.given:
                best = last
        return (best, SCORE_CONTEXT) if best is not None else None

    @staticmethod
    def _given_name_only(text: str, words: list[_Word], i: int, lex: _Lexicon) -> tuple[int, float] | None:
        """'anh Tuấn', 'chị Thu Hà': capitalised given-name syllables right after a form of address."""
        last = i - 1
        while (
            last + 1 < len(words)
            and last + 1 - i < 3
            and (last < i or _adjacent(text, words[last], words[last + 1]))
            and words[last + 1].title
            and words[last + 1].lower in lex.syllables
            and words[last + 1].lower not in lex.titles
        ):
            last += 1
        if last < i or words[last].lower not in lex.given:
            return None
        phrase = text[words[i].start : words[last].end]
        if key(phrase) in PLACE_NAMES or key(phrase) in PUBLIC_NAMES:
            return None
        if last + 1 < len(words) and _adjacent(text, words[last], words[last + 1]):
            nxt = words[last + 1]
            if nxt.title or f"{words[last].lower} {nxt.lower}" in lex.dictionary:  # "Thư ký", "An ninh"
                return None
        return last, SCORE_GIVEN_NAME

    @staticmethod
    def _maybe_plain_name(text: str, word: _Word) -> bool:
        """True when `word` may open a name typed without diacritics, in text typed without them."""
        lex = _folded()
        low = word.lower
        if low not in lex.surnames and low not in lex.context_surnames and low not in lex.given:
            return False
        return not has_diacritics(text[max(0, word.start - 40) : word.end + 40])

    @staticmethod
    def _issued_at(text: str, start: int, end: int) -> bool:
        """The place opening the place-and-date line of a document ("Lâm Giang, ngày 12 tháng 3 năm 2026")."""
        line_start = text.rfind("\n", 0, start) + 1
        return bool(_PLACE_DATE_LINE.match(text[line_start:start]) and _PLACE_DATE.match(text, end))

    @staticmethod
    def _after_place_word(text: str, start: int) -> bool:
        return after_place_word(text, start)

    @staticmethod
    def _sentence(text: str, start: int, end: int) -> str:
        left = max(text.rfind("\n", 0, start) + 1, start - 120)
        right = text.find("\n", end)
        right = min(right if right != -1 else len(text), end + 120)
        return text[left:right]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=type(self).__name__, original_score=score, textual_explanation="Vietnamese name rules"
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            },
        )
