"""Ruled tables on a scanned page: where they are and where their cells are, for OCR to read cell by cell.

A scan is a little rotated, so the page's skew is measured first (the angle at which the dark pixels'
horizontal projection is sharpest: text lines and ruling lines both line up) and the dark-pixel mask is
straightened. Ruling lines are then long runs of dark pixels: horizontal runs at least 1/16 of the page
wide, vertical runs at least 1/60 of it. A table row is the band between two consecutive horizontal lines
that vertical lines cross from top to bottom; rows sharing a line make one table, whose grid columns are
all the vertical lines its rows have. A cell spanning several grid columns (merged) is one cell of its row.
Only geometry and layout are here (numpy): a page is read as its bands of text between tables and its tables
as markdown pipe rows, by readers given in — `ingest.ocr` reads a scan's pixels, `ingest.pdf_tables` a typed PDF's
text layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DARK = 128  # a pixel darker than this is ink
MAX_PIXELS = 60_000_000  # one page image: an A3 page at 600 dpi; more is a decompression bomb
MAX_SKEW = 2.0  # degrees; a flatbed scan is rarely more than 1° off
_TOLERANCE = 4  # pixels: a vertical line stops this short of the rules it joins
_INSET = 6  # pixels: a cell's text starts this far inside its lines (their blur and what skew is left)
MARGIN = 8  # pixels between a table's outer rules and the text read around it (a rule's blur reads as dots)


@dataclass
class Rule:
    """A horizontal ruling line: its top and bottom rows (thickness) and its extent."""

    top: int
    bottom: int
    left: int
    right: int


@dataclass
class GridRow:
    """The band between two rules and its cells: (left, right) inner x bounds, left to right."""

    top: int
    bottom: int
    cells: list[tuple[int, int]]
    edges: list[float] = field(default_factory=list)  # x of each cell boundary (centres of the lines)
    outer: tuple[int, int] = (0, 0)  # top of the rule above, bottom of the rule below


@dataclass
class Table:
    rows: list[GridRow]
    columns: list[float]  # x of every grid column boundary, left to right

    @property
    def top(self) -> int:
        """The top of the table's first rule."""
        return self.rows[0].outer[0]

    @property
    def bottom(self) -> int:
        """The bottom of its last rule."""
        return self.rows[-1].outer[1]

    def column_of(self, x: float) -> int:
        """The grid column a cell starting at `x` sits in."""
        return max(0, sum(1 for c in self.columns[1:] if c < x))

    def spans(self, row: GridRow) -> list[int]:
        """How many grid columns each cell of `row` covers (1 unless merged)."""
        out = []
        for a, b in zip(row.edges, row.edges[1:], strict=False):
            out.append(max(1, sum(1 for x in self.columns[1:-1] if a + 6 < x < b - 6) + 1))
        return out

    def markdown(self, texts: list[str]) -> str:
        """The table as markdown pipe rows given each cell's text (row by row, left to right): a merged cell's text
        in its first grid column, a row merged across the whole table one cell (a group row); `|---|` after the
        first row."""
        cells = iter(texts)
        width = len(self.columns) - 1
        lines: list[str] = []
        for row in self.rows:
            row_texts = [" ".join(next(cells).replace("|", " ").split()) for _ in row.cells]  # a "|" splits a row
            if len(row_texts) == 1 and width > 1:
                out = row_texts
            else:
                out = []
                for text, span in zip(row_texts, self.spans(row), strict=True):
                    out += [text] + [""] * (span - 1)
            lines.append("| " + " | ".join(out) + " |")
            if len(lines) == 1:
                lines.append("|" + "---|" * max(width, len(out)))
        return "\n".join(lines)


def skew_angle(dark: np.ndarray, limit: float = MAX_SKEW) -> float:
    """The page's rotation in degrees (counter-clockwise positive, as Pillow rotates), from the sharpness of
    the projection of its dark pixels on the vertical axis (a coarse search, then a fine one)."""
    ys, xs = np.nonzero(dark[::2, ::2])
    if len(ys) < 500:
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)

    def sharpness(angle: float) -> float:
        index = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(index - index.min()).astype(np.float64)
        return float((counts * counts).sum())

    best = max(np.arange(-limit, limit + 1e-9, 0.1), key=sharpness)
    return float(max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02), key=sharpness))


def runs(mask: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of True along each row at least `least` long, one-pixel gaps bridged: (row, start, end)."""
    bridged = mask.copy()
    bridged[:, 1:-1] |= mask[:, :-2] & mask[:, 2:]
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = bridged
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # row-major order: each end pairs with the start before it
    keep = ends - starts >= least
    return rows[keep], starts[keep], ends[keep]


def rules(dark: np.ndarray) -> list[Rule]:
    """Horizontal ruling lines: rows of long runs, neighbouring rows merged into one line."""
    width = dark.shape[1]
    rows, starts, ends = runs(dark, max(40, width // 16))
    found: list[Rule] = []
    for row in np.unique(rows):
        pick = rows == row
        left, right = int(starts[pick].min()), int(ends[pick].max())
        if int((ends[pick] - starts[pick]).sum()) < width // 8:
            continue
        last = found[-1] if found else None
        if last is not None and row - last.bottom <= 2:
            last.bottom, last.left, last.right = int(row), min(last.left, left), max(last.right, right)
        else:
            found.append(Rule(int(row), int(row), left, right))
    return found


def _clusters(values: list[tuple[int, int]], gap: int = 6) -> list[tuple[int, int]]:
    """(left, right) x extents of vertical lines found at neighbouring x, merged."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(values):
        if out and lo - out[-1][1] <= gap:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def read_page(tables: list[Table], height: int, band: Callable[[int, int], str],
              table: Callable[[Table], str]) -> str:
    """A page's text: each band between its tables (top, bottom in pixels) read by `band`, each table by `table`,
    in the order they are printed."""
    parts: list[str] = []
    top = 0
    for found in tables:
        parts.append(band(top, found.top - MARGIN))
        parts.append(table(found))
        top = found.bottom + MARGIN
    parts.append(band(top, height))
    return "\n\n".join(p for p in parts if p)


def panes(dark: np.ndarray) -> list[tuple[int, int]]:
    """The (left, right) pixel columns of each page printed on a sheet: a landscape sheet printed "two pages per
    sheet" holds two portrait pages side by side, an empty gutter between them from the top of their ink to its
    bottom. Each is read as a page of its own — read across, a line of the left page runs into the line of the
    right page beside it, and a table on one into a table on the other. Any other page is one pane."""
    height, width = dark.shape
    whole = [(0, width)]
    if width <= height:
        return whole
    inked: np.ndarray = np.asarray(dark.any(axis=0))
    middle = slice(int(width * _GUTTER_REACH[0]), int(width * _GUTTER_REACH[1]))
    _, starts, ends = runs(~inked[middle][None, :], int(width * _GUTTER_WIDTH))
    if not len(starts):
        return whole
    widest = int(np.argmax(ends - starts))
    cut = middle.start + int(starts[widest] + ends[widest]) // 2
    if not inked[:cut].any() or not inked[cut:].any():
        return whole
    return [(0, cut), (cut, width)]


_GUTTER_REACH = (0.4, 0.6)  # where on the sheet the gutter between two pages falls
_GUTTER_WIDTH = 0.02  # two pages' margins side by side are wider than this; a table's column gap is narrower


def find_tables(dark: np.ndarray) -> list[Table]:
    """Ruled tables on a straightened page's dark-pixel mask, top to bottom."""
    width = dark.shape[1]
    lines = rules(dark)
    if len(lines) < 2:
        return []
    xs, tops, bottoms = runs(np.ascontiguousarray(dark.T), max(20, width // 60))
    tables: list[Table] = []
    current: list[GridRow] = []
    for upper, lower in zip(lines, lines[1:], strict=False):
        row = _band(upper, lower, xs, tops, bottoms)
        if row is None:  # rows of one table share their rules: a band that is no row ends it
            _close(current, tables)
            current = []
        else:
            current.append(row)
    _close(current, tables)
    return tables


def _band(upper: Rule, lower: Rule, xs: np.ndarray, tops: np.ndarray, bottoms: np.ndarray) -> GridRow | None:
    """The row between two rules when vertical lines cross it from one to the other, else None."""
    top, bottom = upper.bottom + 1, lower.top - 1
    left, right = max(upper.left, lower.left), min(upper.right, lower.right)
    if bottom - top < 12 or right - left < 40:
        return None
    crossing = (tops <= top + _TOLERANCE) & (bottoms >= bottom - _TOLERANCE) & (xs >= left - 8) & (xs <= right + 8)
    if not crossing.any():
        return None
    lines = _clusters([(int(x), int(x) + 1) for x in np.unique(xs[crossing])])
    bounds: list[tuple[int, int]] = []
    if lines[0][0] - left > 12:  # no left border: the rule's end is the table's edge
        bounds.append((left, left))
    bounds += lines
    if right - lines[-1][1] > 12:
        bounds.append((right, right))
    if len(bounds) < 2:
        return None
    cells = [(a[1] + _INSET, b[0] - _INSET) for a, b in zip(bounds, bounds[1:], strict=False)]
    keep = [i for i, (a, b) in enumerate(cells) if b - a > 8]
    if not keep:
        return None
    edges = [(a + b) / 2 for a, b in bounds]
    return GridRow(top + _INSET, bottom - _INSET, [cells[i] for i in keep],
                   [edges[keep[0]]] + [edges[i + 1] for i in keep], (upper.top, lower.bottom))


def _close(rows: list[GridRow], tables: list[Table]) -> None:
    """Rows sharing rules make a table when one of them has two cells or more (a lone box is text)."""
    if not rows or all(len(r.cells) < 2 for r in rows):
        return
    columns: list[float] = []
    for x in sorted(x for r in rows for x in r.edges):
        if columns and x - columns[-1] <= 10:
            continue
        columns.append(x)
    tables.append(Table(list(rows), columns))


def straighten(gray: Any) -> tuple[np.ndarray, float]:
    """A grayscale page's dark-pixel mask with its skew undone (and the angle): Pillow rotates the mask, cheap."""
    from PIL import Image

    dark = np.asarray(gray) < DARK
    angle = skew_angle(dark)
    if abs(angle) < 0.01:
        return dark, 0.0
    mask = Image.fromarray(dark).rotate(-angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    return np.asarray(mask), angle
