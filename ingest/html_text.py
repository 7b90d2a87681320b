"""HTML as the lines later stages read: a saved web page (`formats.HtmlReader`) and an HTML table inside
markdown or text (a Word document exported with pandoc, `normalize`).

Headings and paragraphs are one line each, list items "-" bullets, a table row one tab-separated line.
Merged cells keep their columns, as a DOCX table is read: a cell spanning columns (colspan) gives its text
to its first column and leaves the others empty (a group row "I. TUYÊN TRUYỀN\t\t\t"); a body cell spanning
rows (rowspan) repeats in each row it covers (one lead unit for three tasks); a header cell spanning rows
does not repeat; a header of two rows or more (the rows of <thead>, or of <th> cells only) becomes one row naming
each column by what stands above it ("Thời gian thực hiện - Bắt đầu", "Thời gian thực hiện - Hoàn thành").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from assistant.vocab.parts import layout_columns
from assistant.vocab.units import cell_text

_BLOCK_TAGS = frozenset(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "header", "footer", "main", "aside", "nav", "form", "address", "figure", "figcaption", "center", "title", "caption"])
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
# a portal's own menu, banner, side column and footer, outside the page's main content: no part of the document
_CHROME = frozenset({"nav", "aside", "header", "footer"})
_CONTENT = frozenset({"main", "article"})
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_SOURCE_BREAK = re.compile(r"[\r\n]+")
_MAX_SPAN = 50  # a span larger than this is a broken export, not a layout


@dataclass
class _Cell:
    text: str
    cols: int
    rows: int
    header: bool
    lines: tuple[str, ...] = ()  # its paragraphs and "<br>" parts: a layout cell's lines ("ỦY BAN NHÂN DÂN", "TỈNH …")


def _span(value: str | None) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


def span_grid(rows: list[list[_Cell]]) -> list[list[str]]:
    """The table's rows with merged cells laid out on its grid (see the module's docstring)."""
    heads = next((i for i, cells in enumerate(rows) if not all(c.header for c in cells)), len(rows))
    grid: list[list[str]] = []
    below: dict[int, tuple[str, int]] = {}  # column -> (text a cell above carries down, rows left)
    for r, cells in enumerate(rows):
        row: list[str] = []
        queue = list(cells)
        col = 0
        while queue or any(c >= col for c in below):
            if col in below:
                text, left = below.pop(col)
                row.append(text)
                if left > 1:
                    below[col] = (text, left - 1)
                col += 1
                continue
            if not queue:
                row.append("")
                col += 1
                continue
            cell = queue.pop(0)
            for k in range(cell.cols):
                row.append(cell.text if k == 0 or (r < heads and heads > 1) else "")
                if cell.rows > 1:
                    below[col + k] = ("" if cell.header or k else cell.text, cell.rows - 1)
            col += cell.cols
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    if heads > 1:
        names = [" - ".join(dict.fromkeys(r[j] for r in grid[:heads] if r[j])) for j in range(width)]
        grid = [names, *grid[heads:]]
    return grid


class TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.rows: list[list[_Cell]] = []
        self.row: list[_Cell] | None = None
        self.cell: list[str] | None = None
        self.spans = (1, 1, False)
        self.tables = 0
        self.head = False  # inside <thead>
        self.content = 0  # inside <main> or <article>
        self.pre = 0  # inside <pre>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CONTENT:
            self.content += 1
        if tag == "pre":
            self.pre += 1
        if tag in _SKIPPED or tag in _CHROME and not self.content:
            self.skip += 1
        elif tag == "table":
            self.tables += 1
            if self.tables == 1:
                self._flush()
                self.rows = []
        elif tag == "tr" and self.tables == 1:
            self.row = []
        elif tag in ("td", "th") and self.row is not None and self.tables == 1:
            self.cell = []
            named = dict(attrs)
            self.spans = (_span(named.get("colspan")), _span(named.get("rowspan")), tag == "th" or self.head)
        elif tag == "thead" and self.tables == 1:
            self.head = True
        elif tag == "br":
            self._text("\n")
        elif tag in _BLOCK_TAGS and self.cell is not None:
            self.cell.append("\n")
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag == "li" and not self.skip:
                self.current.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _CONTENT:
            self.content = max(0, self.content - 1)
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _SKIPPED or tag in _CHROME and not self.content:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None and self.tables == 1:
            lines = tuple(" ".join(line.split()) for line in "".join(self.cell).split("\n") if line.strip())
            self.row.append(_Cell(cell_text(lines), *self.spans, lines))
            self.cell = None
        elif tag == "thead" and self.tables == 1:
            self.head = False
        elif tag == "tr" and self.row is not None and self.tables == 1:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.tables = max(0, self.tables - 1)
            if self.tables == 0:
                # a header or signature laid out side by side: its columns one after the other, line by line
                layout = layout_columns([[list(c.lines) for c in r] for r in self.rows])
                self.lines += layout if layout is not None else ["\t".join(r) for r in span_grid(self.rows) if any(r)]
                self.lines.append("")
                self.rows = []
        elif tag in _BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            # a line break in the source is a space (Word saves pages wrapped at 80 columns, mid-sentence and
            # between a list's label and its text); only <br> and blocks break lines, except inside <pre>
            self._text(data if self.pre else _SOURCE_BREAK.sub(" ", data))

    def _text(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)  # nested tables: one cell
        else:
            self.current.append(data)

    def _flush(self) -> None:
        for line in "".join(self.current).split("\n"):
            if line := " ".join(line.split()):
                self.lines.append(line)
        self.current = []

    def text(self) -> str:
        self._flush()
        return html.unescape("\n".join(self.lines)).strip()


def html_to_text(markup: str) -> str:
    parser = TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


def html_tables(text: str) -> str:
    """`text` with each HTML table in it (outermost) replaced by its tab-separated rows, blank lines around."""
    out: list[str] = []
    pos = depth = 0
    start = -1
    for m in _TABLE_TAG.finditer(text):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out += [text[pos:start], "\n\n", html_to_text(text[start:m.end()]), "\n\n"]
                pos = m.end()
    out.append(text[pos:])
    return "".join(out)
