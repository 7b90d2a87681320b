"""Shared machinery of the Vietnamese pattern recognizers.

Presidio's `PatternRecognizer` finds candidates with regexes; this base adds what Vietnamese
identifiers need: a value check (checksum, province code…) and a *context gate* read from the
raw text just before the match, accent-insensitively ("so CMND" = "số CMND"), because a 9- or
10-digit number alone is not personal data — only the words in front of it make it so.
"""

from __future__ import annotations

import re
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.text import fold_accents

LANGUAGE = "vi"
#: Score given to a match whose context phrase was found in front of it.
CONTEXT_SCORE = 0.9
#: Matches scoring below this without context are dropped (their pattern is context-gated).
MIN_SCORE = 0.5

# A number group: digits with at most one separator between them (space, dot or dash).
NUMBER_START = r"(?<![\w+/])(?<!\d[ .-])"
NUMBER_END = r"(?!\d)(?![ .-]\d)"

# Where the clause in front of a match ends: line/sentence breaks and an earlier number
# (so "SĐT 0912 345 678, BHXH 7912345678" gives the BHXH number only the "BHXH" context).
_CLAUSE_CUT = re.compile(r"[\n;|\t]|[.!?](?:\s|$)|\d[\d .-]{3,}\d")


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def clause_before(text: str, start: int, window: int) -> str:
    """The text just before `start` in the same clause, at most `window` characters."""
    before = text[max(0, start - window) : start]
    cuts = list(_CLAUSE_CUT.finditer(before))
    return before[cuts[-1].end() :] if cuts else before


def phrase_regex(
    phrases: tuple[str, ...], gap: str = ".*", fold: bool = True, not_after: tuple[str, ...] = ()
) -> re.Pattern[str]:
    """Regex over lower-cased (by default accent-folded) text: a phrase, then `gap`, then the end.

    `not_after` lists words that turn the phrase into another word ("phát sinh" is not "sinh").
    """

    def form(p: str) -> str:
        return fold_accents(p).lower() if fold else p.lower()

    alternatives = "|".join(sorted((re.escape(form(p)) for p in phrases), key=len, reverse=True))
    excluded = "".join(rf"(?<!{re.escape(form(w))} )" for w in not_after)
    return re.compile(rf"(?<!\w){excluded}(?:{alternatives})(?!\w){gap}$", re.S)


class VnPatternRecognizer(PatternRecognizer):
    """Regex candidates, a `rescore` hook for validation, and a context gate.

    Subclasses set ENTITY, PATTERNS (low scores = needs context), CONTEXT (phrases that must
    stand in the clause before the match to reach CONTEXT_SCORE) and optionally CONTEXT_GAP
    (what may stand between the phrase and the match), CONTEXT_NOT_AFTER and `rescore`.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_WINDOW: ClassVar[int] = 48
    CONTEXT_GAP: ClassVar[str] = ".*"
    CONTEXT_NOT_AFTER: ClassVar[tuple[str, ...]] = ()
    # phrases right before a match (in its clause) that make it an organisation's line published for anyone to use
    # ("đường dây nóng 0260…"): no personal identifier
    PUBLIC: ClassVar[tuple[str, ...]] = ()
    PUBLIC_GAP: ClassVar[str] = r"[^\d]{0,24}"
    REGEX_FLAGS: ClassVar[int] = regex.UNICODE | regex.MULTILINE

    def __init__(self, supported_language: str = LANGUAGE) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=[p.lower() for p in self.CONTEXT],
            supported_language=supported_language,
            global_regex_flags=self.REGEX_FLAGS,
        )
        self._context_re = (
            phrase_regex(self.CONTEXT, self.CONTEXT_GAP, not_after=self.CONTEXT_NOT_AFTER) if self.CONTEXT else None
        )
        self._public_re = phrase_regex(self.PUBLIC, self.PUBLIC_GAP) if self.PUBLIC else None

    def rescore(self, value: str, score: float) -> float:
        """Score of a candidate after validation; 0 rejects it. Default: keep the pattern score."""
        return score

    def is_public(self, text: str, start: int, value: str) -> bool:
        """An organisation's line or account the clause publishes ("đường dây nóng 0260…"): no personal identifier."""
        return self._before(self._public_re, text, start)

    def has_context(self, text: str, start: int) -> bool:
        return self._before(self._context_re, text, start)

    def _before(self, phrases: re.Pattern[str] | None, text: str, start: int) -> bool:
        if phrases is None:
            return False
        return phrases.search(fold_accents(clause_before(text, start, self.CONTEXT_WINDOW)).lower()) is not None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, self.REGEX_FLAGS):
            score = self.rescore(text[result.start : result.end], result.score)
            if score <= 0 or self.is_public(text, result.start, text[result.start : result.end]):
                continue
            if self.has_context(text, result.start):
                score = max(score, CONTEXT_SCORE)
                # Tell presidio's lemma enhancer the context was already counted.
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            elif score < MIN_SCORE:
                continue
            result.score = score
            kept.append(result)
        return kept
