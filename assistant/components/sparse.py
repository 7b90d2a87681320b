"""BM25-style sparse vectors over Vietnamese words, plus accent-folded terms.

Qdrant applies IDF itself (``Modifier.IDF``); we supply saturated term frequencies.
Terms: pyvi words ("chuyển_đổi"), accent-folded syllables ("~chuyen") and folded
syllable bigrams ("~chuyen_doi") so a question typed without diacritics still matches.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass

from assistant.text import fold_accents, has_diacritics, segment_words, syllables

_FOLD = "~"


@dataclass(frozen=True)
class SparseVec:
    indices: list[int]
    values: list[float]


def term_id(term: str) -> int:
    """Stable across processes and machines (unlike hash())."""
    return zlib.crc32(term.encode("utf-8")) & 0x7FFFFFFF


def folded_terms(text: str) -> list[str]:
    sy = [fold_accents(s) for s in syllables(text)]
    return [_FOLD + s for s in sy] + [f"{_FOLD}{a}_{b}" for a, b in zip(sy, sy[1:], strict=False)]


def document_terms(text: str) -> Counter[str]:
    return Counter(segment_words(text)) + Counter(folded_terms(text))


class SparseEncoder:
    def __init__(self, k1: float = 1.2, b: float = 0.75, avg_len: float = 120.0) -> None:
        self.k1, self.b, self.avg_len = k1, b, avg_len

    def encode_document(self, text: str) -> SparseVec:
        counts = document_terms(text)
        length = sum(counts.values()) or 1
        norm = self.k1 * (1 - self.b + self.b * length / self.avg_len)
        weights: dict[int, float] = {}
        for term, tf in counts.items():
            idx = term_id(term)
            weights[idx] = weights.get(idx, 0.0) + tf * (self.k1 + 1) / (tf + norm)
        return _vec(weights)

    def encode_query(self, text: str) -> SparseVec:
        """Words count fully; folded terms count fully only when the question has no diacritics."""
        fold_weight = 0.3 if has_diacritics(text) else 1.0
        weights: dict[int, float] = {}
        for term in set(segment_words(text)):
            weights[term_id(term)] = 1.0
        for term in set(folded_terms(text)):
            idx = term_id(term)
            weights[idx] = max(weights.get(idx, 0.0), fold_weight)
        return _vec(weights)


def _vec(weights: dict[int, float]) -> SparseVec:
    items = sorted(weights.items())
    return SparseVec([i for i, _ in items], [round(v, 5) for _, v in items])
