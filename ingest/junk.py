"""Is this extracted text written in a human language? Refuses junk, never refuses text.

Random bytes that happen to decode, base64 blobs, hex dumps and control-character soup all fail one
of three measures that any real document passes, whatever its language, encoding damage or layout:

- words: most of the text sits in short whitespace-separated tokens (Vietnamese syllables average
  3-4 letters, English words 5; random bytes and base64 have no spaces, so they form tokens of
  hundreds of characters). Scripts written without spaces (Chinese, Japanese, Thai…) count as words.
- letters: letters (any script) make up most of what is not whitespace; digits and table
  punctuation are allowed, symbol soup is not.
- repetition: the text does not compress like one sentence copied thousands of times (an expanded
  "paragraph bomb"), measured only on long texts.

Legacy-encoded text decoded with the wrong code page (TCVN3/VNI read as Windows-1258) still looks like
words and letters and is let through: repairing it belongs to the loader, not to this check.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

MIN_LETTERS = 20  # fewer letters than this is not a document ("x", "1", a stray line)
WORD_MAX = 40  # a token longer than this is not a word (URLs and file paths included)
MIN_WORD_SHARE = 0.5  # share of non-space characters that must sit in word-sized tokens
MIN_LETTER_SHARE = 0.45  # share of non-space characters that must be letters
REPETITION_FROM = 200_000  # characters: shorter texts are not measured for repetition
MAX_COMPRESSION = 25.0  # real plans compress 4-8x; one sentence repeated compresses hundreds of times
_TOKEN = re.compile(r"\S+")
_NO_SPACE_SCRIPTS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
SAMPLE = 400_000  # characters measured for words and letters (spread over the text)


def junk_reason(text: str) -> str | None:
    """A Vietnamese reason when `text` is not text in a human language, else None."""
    sample = _sample(text)
    tokens = _TOKEN.findall(sample)
    visible = sum(len(t) for t in tokens)
    letters = sum(1 for t in tokens for ch in t if ch.isalpha())
    if letters < MIN_LETTERS and visible < 10 * MIN_LETTERS:
        return f"Nội dung quá ngắn để là một văn bản ({letters} chữ cái)."
    in_words = sum(len(t) if len(t) <= WORD_MAX else len(_NO_SPACE_SCRIPTS.findall(t)) for t in tokens)
    if in_words < MIN_WORD_SHARE * visible:
        return ("Nội dung không phải văn bản ngôn ngữ tự nhiên: phần lớn là chuỗi ký tự liền không có khoảng "
                "trắng (dữ liệu nhị phân, mã hóa base64 hoặc hex).")
    if letters < MIN_LETTER_SHARE * visible:
        return ("Nội dung không phải văn bản ngôn ngữ tự nhiên: phần lớn là ký hiệu và ký tự điều khiển, "
                "rất ít chữ cái.")
    if len(text) >= REPETITION_FROM and _compression(text) > MAX_COMPRESSION:
        return ("Nội dung lặp lại bất thường (một đoạn ngắn lặp lại hàng nghìn lần): không phải một văn bản "
                "thật, không nạp.")
    return None


def _sample(text: str) -> str:
    """The whole text when short; else eight slices spread over it (cost stays bounded)."""
    if len(text) <= SAMPLE:
        return text
    step, size = len(text) // 8, SAMPLE // 8
    return "\n".join(text[i * step : i * step + size] for i in range(8))


def _compression(text: str) -> float:
    data = unicodedata.normalize("NFC", text).encode("utf-8", "replace")
    return len(data) / max(1, len(zlib.compress(data, 1)))
