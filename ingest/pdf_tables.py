"""Ruled tables of a typed PDF read cell by cell from its text layer.

A table printed to PDF (Word, LibreOffice) has its text as loose words: the plain text runs a row's cells together
and the text laid out by position cuts a cell where its words come within a space of the next column ("… các trường
THPT, Ban Thanh"). Its ruling lines say where each cell is: the page is rendered (in grey, at a modest resolution),
`ingest.grid` finds the tables and their cells as it does on a scan, and the text layer inside each cell's box is
that cell's text — no OCR, the words are the PDF's own. The bands between tables are read the same way, from the
text layer inside them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import numpy as np

from ingest.model import PAGE_BREAK


def aslant(a: float, b: float) -> bool:
    """Text drawn with the direction (a, b) turned neither level nor upright: a diagonal watermark or a stamp's
    ring, no words of the document."""
    angle = math.degrees(math.atan2(b, a)) % 90
    return _ASLANT < angle < 90 - _ASLANT


_ASLANT = 5  # degrees off level or upright a line of text may be drawn at (a scan's skew) and still be read
DPI = 200  # enough for a hairline rule to be two pixels thick; a page renders in a tenth of a second
_PAD = 3  # pixels around a cell's inner box: a letter's accent can rise above the line it sits on


class RuledPages:
    """One PDF opened with pdfium, for reading pages that have ruled tables."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(data)

    def close(self) -> None:
        self._pdf.close()

    def drawn(self, number: int) -> int:
        """How many lines and boxes page `number` (0-based) draws: a ruled table draws a grid of them, a header only
        the rule under its issuer. Counted without rendering."""
        import pypdfium2.raw as pdfium_c

        page = self._pdf[number]
        try:
            return sum(1 for o in page.get_objects(max_depth=3) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH)
        finally:
            page.close()

    def read(self, number: int, whole: bool = False) -> str | None:
        """Page `number` (0-based) with its ruled tables as markdown pipe rows, or None when it has none (or is
        turned: its text layer and its image then do not share coordinates). `whole`: a page without tables is read
        too, line by line in the order it is printed."""
        page = self._pdf[number]
        try:
            return self._read(page, whole)
        finally:
            page.close()

    def _read(self, page: Any, whole: bool = False) -> str | None:
        import pypdfium2.raw as pdfium_c

        from ingest.grid import DARK, MAX_PIXELS, find_tables, panes, read_page

        if page.get_rotation() % 360:
            return None
        for obj in list(page.get_objects(max_depth=1)):  # a watermark across the page would cut into the cells
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT and aslant((m := obj.get_matrix()).a, m.b):
                page.remove_obj(obj)
        width, height = page.get_size()
        scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)  # a page of any size, no bomb
        image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
        dark = np.asarray(image) < DARK
        sheet = [(left, right, find_tables(dark[:, left:right])) for left, right in panes(dark)]
        if not any(tables for _, _, tables in sheet) and not whole:
            return None
        text = page.get_textpage()

        def inside(left: float, top: float, right: float, bottom: float) -> str:
            return str(text.get_text_bounded(left=(left - _PAD) / scale, bottom=height - (bottom + _PAD) / scale,
                                             right=(right + _PAD) / scale, top=height - (top - _PAD) / scale))

        def pane(left: int, right: int, tables: list[Any]) -> str:
            def band(top: int, bottom: int) -> str:
                if bottom - top < 4:
                    return ""
                # each printed line on its own (its box cut at the middle of the blank rows around it, less the pad)
                printed = [inside(left, top + a + _PAD, right, top + b - _PAD)
                           for a, b in printed_lines(dark[top:bottom, left:right])]
                lines = (" ".join(line.split()) for line in in_reading_order(inside(left, top, right, bottom), printed))
                return "\n".join(line for line in lines if line)

            def table(found: Any) -> str:
                return str(found.markdown([inside(left + a, row.top, left + b, row.bottom)
                                           for row in found.rows for a, b in row.cells]))

            return read_page(tables, image.height, band, table)

        try:
            read = PAGE_BREAK.join(pane(*found) for found in sheet)
            # a scan's text layer placed by its OCR may not sit where its image draws the rules: cells then cut
            # through words ("dịc", "YC x rư k") or take a line twice; the page is read some other way instead
            return read if _same_words(read, text.get_text_range()) else None
        finally:
            text.close()


def printed_lines(dark: np.ndarray) -> list[tuple[int, int]]:
    """The (top, bottom) rows of each line of ink in a band, each reaching to the middle of the blank rows around it.
    A thin run of ink is a line's marks standing apart from its letters (the accents over capitals, a dot below):
    it goes with the nearer line."""
    inked = np.flatnonzero(dark.any(axis=1))
    if not len(inked):
        return []
    breaks = np.flatnonzero(np.diff(inked) > 1)
    ink = [[int(inked[0]), 0], *([int(inked[i + 1]), 0] for i in breaks)]
    for run, end in zip(ink, [*(int(inked[i]) + 1 for i in breaks), int(inked[-1]) + 1], strict=True):
        run[1] = end
    usual = float(np.median([b - a for a, b in ink]))  # a line's height (a logo or a rule may stand taller)
    i = 0
    while len(ink) > 1 and i < len(ink):
        a, b = ink[i]
        if b - a >= _MARKS_SHARE * usual:
            i += 1
            continue
        above = a - ink[i - 1][1] if i > 0 else None
        below = ink[i + 1][0] - b if i + 1 < len(ink) else None
        j = i - 1 if below is None or above is not None and above < below else i + 1
        ink[j] = [min(ink[j][0], a), max(ink[j][1], b)]
        del ink[i]
        i = max(0, min(i, j))
    cuts = [0, *((ink[k][1] + ink[k + 1][0]) // 2 for k in range(len(ink) - 1)), dark.shape[0]]
    return list(zip(cuts[:-1], cuts[1:], strict=True))


_MARKS_SHARE = 0.4  # a run of ink this much shorter than the band's usual line holds marks, not letters


def in_reading_order(drawn: str, printed: list[str]) -> list[str]:
    """The lines of a band as printed, top to bottom, when the PDF draws them in another order (a spreadsheet printed
    to PDF draws its wrapped cells last: "Trên đây là Kế hoạch …" after the signature below it) and each printed
    line is drawn in one piece; else the lines as drawn. Lines side by side drawn apart (a header's two columns,
    each drawn whole) keep the order they are drawn in: read across, a line of one would run into the other's."""
    flat = " ".join(drawn.split())
    lines = [" ".join(line.split()) for line in printed if line.split()]
    at = [flat.find(line) for line in lines]
    if len(lines) < 2 or min(at) < 0 or at == sorted(at) or len(" ".join(lines)) != len(flat):
        return drawn.splitlines()
    return lines


_MISREAD = 0.01  # words a typed table's cells may read otherwise than its text layer ("|" in a cell, say)


def _same_words(read: str, page: str) -> bool:
    """The cells and bands read hold the words of the page's text layer, each once."""
    said, written = Counter(re.findall(r"\w+", read)), Counter(re.findall(r"\w+", page))
    return sum(((said - written) + (written - said)).values()) <= _MISREAD * sum(written.values())
