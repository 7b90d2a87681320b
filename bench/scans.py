"""Scans made here, for the OCR tests and bench: text rendered to A4 page images at 300 dpi in Liberation
Serif (Times New Roman's metrics, what plans are typed in), then a scanner's damage (a slight rotation,
speckles, blur) over the whole page, saved as an image-only PDF or as images; and the character accuracy of
what OCR reads back.

Tables (tab-separated or markdown pipe rows) are printed as offices print them: a ruled grid, each cell's
text wrapped inside its cell (11 pt), column widths proportional to their content within the page width,
a row whose only filled cell is the first one merged across the table (a group row), rows carried to the
next page when they do not fit. What a page says (the truth OCR is measured against) is its text lines as
printed and, for a table, each row's cells joined by spaces, left to right, a row a line; `plain` turns
OCR's markdown pipe rows into that same reading order before comparing.
"""

from __future__ import annotations

import functools
import io
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.normalize import HTML_TAG, resolve_latex
from ingest.structure import PIPE_SEPARATOR, is_table_row

DPI = 300
FONT_FILES = ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4 = (round(8.27 * DPI), round(11.69 * DPI))
MARGIN = round(0.8 * DPI)
POINTS = 13
TABLE_POINTS = 11  # tables are typed a size smaller than the body
LINE = round(POINTS * DPI / 72 * 1.5)  # a body line, in pixels
TABLE_LINE = round(TABLE_POINTS * DPI / 72 * 1.3)
CELL_PAD = (18, 12)  # inside a cell, horizontal and vertical, in pixels
RULE = 3  # a ruling line, in pixels (0.25 mm)
TABLE_GAP = LINE // 2  # space above and below a table



@dataclass
class Row:
    """One table row as printed: its cell edges (x, left to right; a merged cell spans grid columns, so a row
    has fewer edges), the wrapped lines of each cell, and whether it opens the table on its page (top rule)."""

    edges: list[int]
    lines: list[list[str]]
    top: bool = False

    @property
    def height(self) -> int:
        return max(1, *(len(c) for c in self.lines)) * TABLE_LINE + 2 * CELL_PAD[1]

    def text(self) -> str:
        return " ".join(" ".join(cell) for cell in self.lines if cell)


Item = str | Row | int  # a body line, a table row, a vertical gap in pixels


def font_file() -> str | None:
    """A serif TrueType font with Vietnamese letters (Debian's fonts-liberation2 or fonts-dejavu)."""
    return next((f for f in FONT_FILES if Path(f).is_file()), None)


@functools.cache
def _font(points: int) -> Any:
    from PIL import ImageFont

    path = font_file()
    if path is None:
        raise RuntimeError("no serif font with Vietnamese letters installed (fonts-liberation2)")
    return ImageFont.truetype(path, round(points * DPI / 72))


def _printed(text: str) -> str:
    """What a typed line shows on paper: a formula as its symbols ("$\\geq 50\\%$" prints "≥ 50%"),
    markdown's emphasis and heading marks not at all."""
    return resolve_latex(text).replace("*", "").replace("#", "")


def _clean(text: str) -> str:
    return " ".join(_printed(HTML_TAG.sub("", text)).split())


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    pieces = line.split("\t") if "\t" in line else stripped[1:-1].split("|")
    return [_clean(p) for p in pieces]


def page_items(text: str, width: int = 80, per_page: int = 36) -> list[list[Item]]:
    """The text as printed, cut into pages: markdown marks dropped, paragraphs wrapped at `width`
    characters, tables laid out as ruled grids; a page holds `per_page` body lines' height."""
    items: list[Item] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if is_table_row(lines[i]):
            rows: list[list[str]] = []
            while i < len(lines) and is_table_row(lines[i]):
                if not PIPE_SEPARATOR.match(lines[i].strip()):
                    rows.append(_cells(lines[i]))
                i += 1
            if any(any(r) for r in rows):
                items += [TABLE_GAP, *table_rows(rows), TABLE_GAP]
            continue
        clean = " ".join(_printed(lines[i]).replace("|", " ").split())
        items.extend(textwrap.wrap(clean, width) if clean else [])
        i += 1
    return paginate(items, per_page * LINE)


def table_rows(rows: list[list[str]], width: int = A4[0] - 2 * MARGIN) -> list[Row]:
    """A table's rows laid out: grid columns as wide as their content asks (a column never narrower than
    its longest word, when the page allows), the whole table as wide as the text block."""
    font = _font(TABLE_POINTS)
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    merged = [n > 1 and bool(r[0]) and not any(r[1:]) for r in rows]
    body = [r for r, m in zip(rows, merged, strict=True) if not m] or [["x"] * n]
    pad = 2 * CELL_PAD[0]
    natural = [pad + max(font.getlength(r[c]) for r in body) for c in range(n)]
    least = [pad + max((font.getlength(w) for r in body for w in r[c].split()), default=0) for c in range(n)]
    if sum(natural) <= width:
        sizes = [w * width / sum(natural) for w in natural]
    elif sum(least) >= width:
        sizes = [w * width / sum(least) for w in least]
    else:
        spare = [a - b for a, b in zip(natural, least, strict=True)]
        sizes = [b + s * (width - sum(least)) / sum(spare) for b, s in zip(least, spare, strict=True)]
    edges = [MARGIN]
    for size in sizes:
        edges.append(edges[-1] + round(size))
    edges[-1] = MARGIN + width
    out = []
    for row, is_merged in zip(rows, merged, strict=True):
        row_edges = [edges[0], edges[-1]] if is_merged else edges
        cells = [row[0]] if is_merged else row
        out.append(Row(row_edges, [wrap_pixels(c, font, row_edges[k + 1] - row_edges[k] - pad)
                                   for k, c in enumerate(cells)]))
    return out


def wrap_pixels(text: str, font: Any, width: float) -> list[str]:
    """Words wrapped to lines no wider than `width` pixels (a word wider than that broken where it must)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while font.getlength(word) > width and len(word) > 1:
            cut = max(1, next((k for k in range(len(word) - 1, 0, -1) if font.getlength(word[:k]) <= width), 1))
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines


def paginate(items: list[Item], height: int) -> list[list[Item]]:
    """Items cut into pages of `height` pixels: a row that does not fit goes to the next page and draws its
    top rule there; a row taller than a page is split between its lines; no gap opens a page."""
    pages: list[list[Item]] = [[]]
    used = 0
    queue = list(items)
    while queue:
        item = queue.pop(0)
        if isinstance(item, int):
            if used and used + item <= height:
                pages[-1].append(item)
                used += item
            continue
        if isinstance(item, Row):
            item.top = item.top or not pages[-1] or not isinstance(pages[-1][-1], Row)
            if used + item.height > height:
                room = (height - used - 2 * CELL_PAD[1]) // TABLE_LINE  # the row's lines that fit here
                if used and (item.height <= height or room < 1):
                    pages.append([])
                    used = 0
                    item.top = True
                    queue.insert(0, item)
                    continue
                pages[-1].append(Row(item.edges, [c[:room] for c in item.lines], item.top))
                queue.insert(0, Row(item.edges, [c[room:] for c in item.lines], True))
                pages.append([])
                used = 0
                continue
        size = LINE if isinstance(item, str) else item.height
        if used + size > height and used:
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += size
    return pages


def page_truth(items: list[Item]) -> list[str]:
    return [item if isinstance(item, str) else item.text() for item in items if not isinstance(item, int)]


def render(lines: list[Item]) -> Any:
    """One clean A4 page image (grayscale) with these body lines, table rows and gaps."""
    from PIL import Image, ImageDraw

    font, small = _font(POINTS), _font(TABLE_POINTS)
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for item in lines:
        if isinstance(item, int):
            y += item
        elif isinstance(item, str):
            draw.text((MARGIN, y), item, font=font, fill=0)
            y += LINE
        else:
            bottom = y + item.height
            if item.top:
                draw.line([(item.edges[0], y), (item.edges[-1], y)], fill=0, width=RULE)
            draw.line([(item.edges[0], bottom), (item.edges[-1], bottom)], fill=0, width=RULE)
            for x in item.edges:
                draw.line([(x, y), (x, bottom)], fill=0, width=RULE)
            for k, cell in enumerate(item.lines):
                for j, text in enumerate(cell):
                    draw.text((item.edges[k] + CELL_PAD[0], y + CELL_PAD[1] + j * TABLE_LINE), text, font=small,
                              fill=0)
            y = bottom
    return image


def scanner_damage(image: Any, seed: int = 0, angle: float = 0.7, speckles: float = 0.01) -> Any:
    """A flatbed scan of a printout: rotated a little, speckled (black and white dots), slightly blurred."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    image = image.rotate(angle * (1 if rng.random() < 0.5 else -1), resample=Image.Resampling.BICUBIC,
                         fillcolor=255)
    pixels = image.load()
    width, height = image.size
    for _ in range(int(width * height * speckles)):
        pixels[rng.randrange(width), rng.randrange(height)] = 0 if rng.random() < 0.5 else 255
    return image.filter(ImageFilter.GaussianBlur(0.6))


def scan_pages(text: str, seed: int = 0, noisy: bool = True) -> tuple[list[Any], list[str]]:
    """Page images of a text and what each page says (the truth OCR is measured against)."""
    pages = page_items(text)
    images = [render(items) for items in pages]
    if noisy:
        images = [scanner_damage(img, seed + i) for i, img in enumerate(images)]
    return images, ["\n".join(page_truth(items)) for items in pages]


def image_pdf(images: list[Any]) -> bytes:
    """A PDF of page images only (no text layer), as a scanner writes it."""
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return buf.getvalue()


def char_accuracy(truth: str, read: str, band: int = 400) -> float:
    """1 − (Levenshtein distance / length of the truth), whitespace runs counted as one space. Edits are
    searched within `band` characters of the diagonal (OCR shifts text by far less), so a page is cheap."""
    a, b = " ".join(truth.split()), " ".join(read.split())
    band = max(band, abs(len(a) - len(b)) + 1)
    far = len(a) + len(b)
    previous = [j if j <= band else far for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        current = [far] * (len(b) + 1)
        if i <= band:
            current[0] = i
        for j in range(max(1, i - band), min(len(b), i + band) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]))
        previous = current
    return 1 - min(previous[-1], far) / max(len(a), 1)


def plain(read: str) -> str:
    """OCR's text in a page's reading order: a markdown pipe row's cells joined by spaces, its `|---|` line
    dropped (what `page_truth` calls a table row)."""
    lines = []
    for line in read.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if PIPE_SEPARATOR.match(stripped):
                continue
            line = " ".join(stripped[1:-1].replace("|", " ").split())
        lines.append(line)
    return "\n".join(lines)
