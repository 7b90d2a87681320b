"""The glyph check of OCR's words (`ingest.glyphs`): words printed in the plans' serif face, blurred and
turned a little like a scan, then given with what Tesseract is known to read for them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bench.scans import DPI, font_file
from ingest.glyphs import check_word, glyph_columns

pytestmark = pytest.mark.skipif(font_file() is None, reason="no Vietnamese serif font (fonts-liberation2)")


def ink(text: str, points: int = 13) -> Any:
    """The word printed at `points` (300 dpi), rotated 0.3°, blurred, cut to its ink, True where dark."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype(font_file(), round(points * DPI / 72))
    image = Image.new("L", (120 * len(text) + 80, 160), 255)
    ImageDraw.Draw(image).text((30, 30), text, font=font, fill=0)
    image = image.rotate(0.3, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    dark = np.asarray(image) < 128
    ys, xs = np.nonzero(dark)
    return dark[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


@pytest.mark.parametrize("points", [11, 13])
@pytest.mark.parametrize(("printed", "read"), [
    ("≥70%", ">70%"),  # the model has no "≥"
    ("≤5", "<5"),
    ("III", "II"),  # a repeated I dropped
    ("III.", "II."),
    ("XIII", "XII"),
    ("II", "H"),
    ("III/2026", "IH/2026"),
    ("(AI)", "(AT)"),  # a lone I read as T
    ("I/2026", "1/2026"),  # or as 1
])
def test_what_the_pixels_show_is_read(points: int, printed: str, read: str) -> None:
    assert check_word(read, ink(printed, points)) == printed


@pytest.mark.parametrize("points", [11, 13])
@pytest.mark.parametrize("word", [">70%", "II", "IV", "VII.", "(AT)", "TT", "1/2026", "11/2026", "KH/TU", "Quý",
                                  "H/2026", "Hà"])
def test_a_word_read_right_is_left_alone(points: int, word: str) -> None:
    assert check_word(word, ink(word, points)) == word


def test_glyph_columns_cut_at_blank_columns_and_drop_specks() -> None:
    dark = ink("Quý III")
    assert len(glyph_columns(dark)) == 6  # Q, u, ý (its accent above it), I, I, I
    speck = np.zeros((dark.shape[0], dark.shape[1] + 20), dtype=bool)
    speck[:, :dark.shape[1]] = dark
    speck[5:7, -5:-3] = True  # a 2×2 speck after the word
    assert len(glyph_columns(speck)) == 6


def test_when_letters_and_glyphs_do_not_pair_the_word_is_kept() -> None:
    dark = ink("III")
    assert check_word("IIIII", dark) == "IIIII"  # more letters than glyphs: nothing to go on
    assert check_word(">", ink("≥70%")) == ">"
