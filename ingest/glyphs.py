"""What Tesseract's Vietnamese model cannot say about a word, checked on the word's pixels.

The model (Debian's `tesseract-ocr-vie`) has no letter for the comparison signs "≥" and "≤", so it reads
them ">" and "<"; and it is unsure of the capital I: it drops one of a run of them ("III" read "II", "II"
read "H"), and reads a lone one "T" or "1" ("(AI)" read "(AT)", "Quý I/2026" read "Quý 1/2026"). Plans
write their parts, quarters and conferences in Roman numerals and their targets with "≥", so these are
the characters a question asks for. Here a word Tesseract read is checked against its image, glyph by
glyph, and only what the pixels show is changed:

- a glyph column (the word's ink cut at the blank columns between letters) whose ink is a chevron with a
  bar under it, apart, is "≥" where Tesseract said ">" ("≤" for "<");
- a glyph that is one straight upright stroke with the same serifs at its top and bottom, centred on it
  (or none, in a sans-serif face), is a capital I: "T" has a top bar wider than its foot, "1" a flag on
  the left, "l" a serif on one side. A word whose glyphs are one more than its letters, or whose "H"
  is two such strokes, gets the I that Tesseract dropped, when every I of the result is such a glyph.

A word whose glyphs cannot be matched one to one with its letters (letters touching, a speck left) is
left as Tesseract read it. Only words holding one of the letters concerned are looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from ingest.grid import DARK

_SUSPECT = re.compile(r"[<>ITH1]")


@dataclass
class Glyph:
    """One glyph column of a word: its ink (rows × columns, trimmed to its rows)."""

    ink: np.ndarray


def glyph_columns(ink: np.ndarray, min_ink: int = 6) -> list[Glyph]:
    """The word's ink cut into glyph columns at the columns without ink; a column run with less than
    `min_ink` dark pixels (a speck) is dropped."""
    glyphs: list[Glyph] = []
    for start, end in _spans(np.asarray(ink.any(axis=0), dtype=bool)):
        part = ink[:, start:end]
        if int(part.sum()) >= min_ink:
            rows = _bands(part)
            glyphs.append(Glyph(part[rows[0][0]:rows[-1][1]]))
    return glyphs


def _spans(used: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in a row of booleans: (start, end exclusive)."""
    edges = np.diff(np.concatenate(([0], used.astype(np.int8), [0])))
    return list(zip(np.nonzero(edges == 1)[0].tolist(), np.nonzero(edges == -1)[0].tolist(), strict=True))


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows with ink (top, bottom exclusive)."""
    return _spans(np.asarray(ink.any(axis=1), dtype=bool))


def has_bar_under(glyph: Glyph) -> bool:
    """A chevron (or any mark) with a flat bar under it, apart from it: "≥", "≤"."""
    bands = _bands(glyph.ink)
    if len(bands) != 2:
        return False
    (top, mid), (low, bottom) = bands
    upper, bar = glyph.ink[top:mid], glyph.ink[low:bottom]
    bar_cols = np.nonzero(bar.any(axis=0))[0]
    up_cols = np.nonzero(upper.any(axis=0))[0]
    bar_width = int(bar_cols[-1] - bar_cols[0] + 1)
    up_width = int(up_cols[-1] - up_cols[0] + 1)
    return (bottom - low) * 3 <= bar_width and bar_width >= 0.6 * up_width and mid - top >= 2 * (bottom - low)


def is_capital_i(glyph: Glyph, tallest: int) -> bool:
    """One straight upright stroke, about as tall as the word's tallest glyph (a capital is 0.73 of a
    bracket), with equal serifs (or none) at top and foot, centred on the stroke."""
    ink = glyph.ink
    h, w = ink.shape
    if h < 0.65 * tallest or w > 0.5 * h or len(_bands(ink)) != 1:
        return False
    middle = ink[int(h * 0.3):int(h * 0.7) + 1]
    centres = []
    stem = 0
    for row in middle:
        runs = _spans(np.asarray(row, dtype=bool))
        if len(runs) != 1:
            return False
        a, b = runs[0]
        stem = max(stem, b - a)
        centres.append((a + b) / 2)
    if stem > 0.2 * h or max(centres) - min(centres) > 2:
        return False
    centre = sum(centres) / len(centres)
    edge = max(2, round(h * 0.12))
    spans = []
    for part in (ink[:edge], ink[h - edge:]):
        cols = np.nonzero(part.any(axis=0))[0]
        left, right = centre - cols[0], cols[-1] + 1 - centre
        if abs(left - right) > max(2.0, stem * 0.6):
            return False  # a flag ("1") or a one-sided serif ("l")
        spans.append(left + right)
    top, foot = spans
    return foot * 0.7 <= top <= foot * 1.43  # "T": its bar is far wider than its foot


def check_word(word: str, ink: np.ndarray) -> str:
    """`word` as Tesseract read it, corrected where its glyphs (`ink`: the word's box, True where dark) show
    a "≥"/"≤" or a capital I it did not read; unchanged when unsure."""
    if not _SUSPECT.search(word):
        return word
    glyphs = glyph_columns(ink)
    if not glyphs:
        return word
    tallest = max(g.ink.shape[0] for g in glyphs)  # a bracket, a slash or a capital with its mark
    for candidate in _candidates(word):
        if len(candidate) == len(glyphs) and all(
                is_capital_i(g, tallest) == (ch == "I")
                for ch, g in zip(candidate, glyphs, strict=True) if ch in "IHT1"):
            return _signs(candidate, glyphs)
    return _signs(word, glyphs)


def _candidates(word: str) -> list[str]:
    """The readings a dropped or misread capital I would give, each with one change."""
    out = []
    for m in re.finditer(r"I+", word):
        out.append(word[:m.end()] + "I" + word[m.end():])  # "II" for "III"
    for i, ch in enumerate(word):
        if ch == "H":
            out.append(word[:i] + "II" + word[i + 1:])  # "H" for "II"
        elif ch in "T1":
            out.append(word[:i] + "I" + word[i + 1:])  # "T" or "1" for "I"
    return out


def _signs(word: str, glyphs: list[Glyph]) -> str:
    """">"/"<" made "≥"/"≤" where their glyph column has the bar under it (glyphs matched to letters)."""
    if len(glyphs) != len(word) or not ("<" in word or ">" in word):
        return word
    return "".join({">": "≥", "<": "≤"}.get(ch, ch) if ch in "<>" and has_bar_under(g) else ch
                   for ch, g in zip(word, glyphs, strict=True))


def read_word(word: str, image: Any, box: tuple[int, int, int, int]) -> str:
    """`check_word` on the word's box (left, top, width, height) of a grayscale Pillow image."""
    left, top, width, height = box
    if not _SUSPECT.search(word) or width <= 0 or height <= 0:
        return word
    return check_word(word, np.asarray(image.crop((left, top, left + width, top + height))) < DARK)
