"""Vietnamese text helpers shared by ingest, retrieval, answering and eval."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_accents(text: str) -> str:
    """'Số hóa Đảng' -> 'So hoa Dang': lets questions typed without diacritics match."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D")


def has_diacritics(text: str) -> bool:
    return fold_accents(text) != text


def collapse_spaces(text: str) -> str:
    return _WS.sub(" ", text).strip()


def syllables(text: str) -> list[str]:
    """Lower-cased syllables (Vietnamese words are written as space-separated syllables)."""
    return _WORD.findall(nfc(text).lower())


@lru_cache(maxsize=1)
def _pyvi_tokenizer():  # type: ignore[no-untyped-def]
    from pyvi import ViTokenizer  # the model ships inside the package

    return ViTokenizer


def segment_words(text: str) -> list[str]:
    """Word segmentation (pyvi): 'chuyển đổi số' -> ['chuyển_đổi', 'số']; lower-cased, NFC."""
    text = nfc(text).lower()
    if not text.strip():
        return []
    tokens = _pyvi_tokenizer().tokenize(text).split()
    return [t for t in tokens if any(ch.isalnum() for ch in t)]
