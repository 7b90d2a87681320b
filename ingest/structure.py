"""Stage 5 — structure: headings, list items, paragraphs and tables of a normalized plan document.

Headings are numbered ("Phần I", "Chương II", "Điều 3.", "A.", "I.", "1.", "2.1.", "a)", see
`assistant.vocab.numbering`), or marked by the markup the normalizer saw (a markdown heading, a
line alone in bold: `hints`). Which style sits above which is each document's choice, so levels
follow the order in which styles first appear: a style already open closes everything below it,
a new style opens one level deeper. "PHỤ LỤC …" (an annex) and "Nơi nhận:" start a level-1 section
of their own, and so does a second document kind line ("KẾ HOẠCH" after a decision's articles).
A numbered line is a heading only when it reads like one (`looks_like_heading`); "1. 100% cán bộ …
công vụ." is a list item.

Tables are tab-separated rows (or markdown pipe rows). A row of column names (STT, Nội dung,
Đơn vị chủ trì, Thời gian …) is a header — also when repeated after a page break; a second header
row splits the columns above it ("Kế hoạch 2026" over "Lượng | Giá trị"); a row with only its first
cell filled names a group whose value the following rows inherit, and so does a pipe row of one cell under
several columns (a cell merged across the table, as OCR reads a ruled grid). In pipe tables a row with fewer
cells lacks the cells merged from the row above: the STT cell on the left, the last cells on the
right, which it inherits. Every cell keeps its exact span in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import collapse_spaces, fold_accents
from assistant.vocab.dates import without_dates
from assistant.vocab.docnum import number_line
from assistant.vocab.fields import (
    GROUP,
    GROUPS,
    OUTER_GROUP,
    STT,
    is_total_label,
    is_unnamed_column,
    labelled_field,
    names_product,
    opens_with_label,
    role_of,
    unnamed_column,
)
from assistant.vocab.figures import states_amount
from assistant.vocab.numbering import Numbering, is_bullet, numbering
from assistant.vocab.parts import (
    KINDS,
    PREAMBLE_START,
    SIGNING_MARK,
    is_appendix,
    is_motto,
    is_recipients,
    opens_closing,
    run_in_part,
)
from assistant.vocab.signature import is_authority_line, is_copy_form, is_title_line, is_upper, person_name
from assistant.vocab.units import starts_with_unit
from ingest.model import META_BLOCKS, META_HINTS, Block, BlockKind

SECTION_SEPARATOR = " > "

_PIPE_ROW = re.compile(r"^\|.*\|$")
PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_CELL_NUMBER = re.compile(r"^\d{1,3}\.?$")
_STT_LIKE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.?|[a-zđ]\)|[-+*•])$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,6}|\d{1,2}|[A-Z])[.)]\s+")
_MAX_HEADING_CHARS = 200
_MAX_HEADING_WORDS = 35
_MAX_HINT_HEADING_CHARS = 160
_MAX_BARE_WORDS = 20
_MAX_APPENDIX_TITLE = 150
_MAX_COLUMN_NAME = 60

# words (accents folded, lower-case) that make a table cell a column name
_COLUMN_WORDS = (
    "stt", "tt", "so tt", "noi dung", "nhiem vu", "chu tri", "phoi hop", "thoi gian", "thoi han", "tien do",
    "san pham", "chi tieu", "ket qua", "muc tieu", "don vi", "co quan", "ghi chu", "kinh phi", "nguon",
    "trach nhiem", "giai doan", "lo trinh", "hoat dong", "cong viec", "giai phap", "ten", "so luong",
    "ty le", "du kien", "hinh thuc", "yeu cau", "linh vuc", "dia diem", "moc", "dvt", "ke hoach", "uoc",
    "uth", "luong", "gia tri", "bien phap", "muc do", "che do", "doi tuong", "dia ban",
    # a schedule's columns: "Nhóm chất thải | Màu túi/thùng | Tần suất thu gom | Khung giờ | Đơn vị thu gom"
    "nhom", "loai", "mau", "tan suat", "khung gio", "thoi diem",
)
# sub-columns named by a period: "Năm 2026", "2027", "Quý I", "Giai đoạn 2026-2030"
_PERIOD_NAME = re.compile(r"^(?:năm|kế hoạch|giai đoạn|quý|tháng|ước|ƯTH)?\s*(?:[IVX]{1,4}|\d{4}(?:\s*[-–]\s*\d{4})?)$",
                          re.IGNORECASE)
_COLUMN_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _COLUMN_WORDS) + r")\b")
_STT_NAMES = frozenset(("stt", "tt", "so tt", "so thu tu"))
# the conventional order of numbering styles, used only when a style appears above one already open
_RANKS = {"part": 0, "chapter": 1, "section": 2, "article": 3, "upper": 4, "roman": 5, "arabic": 6,
          "dotted2": 7, "dotted3": 8, "dotted4": 9, "letter": 10,
          "project": 4.3, "subproject": 4.6, "task": 5.5, "measure": 5.5,  # an item's title sits above its "1."
          "annex_title": 5, "bare_caps": 5, "bare": 6, "run_in": 9.5}  # an annex's title line stands where its first Roman part would


# ---------------------------------------------------------------- line shapes (shared with normalize)


def looks_like_heading(rest: str, style: str) -> bool:
    """A heading is short, starts with a capital and does not end like a sentence or carry a target.

    "1. 100% cán bộ …" (starts with a figure), "1.1. Tổ chức phổ biến … chuyển đổi số." (ends with
    a period), "1. Đợt cao điểm … đến ngày 15/3/2026, đúng không chị?" (a question, as a covering e-mail asks it)
    and "1. Phạm vi triển khai: Toàn bộ … nhiệm vụ." are list items, not headings.
    """
    rest = rest.strip()
    if not rest or not rest[0].isupper() or "%" in rest or states_amount(rest):
        return False
    if len(rest) > _MAX_HEADING_CHARS or len(rest.split()) > _MAX_HEADING_WORDS:
        return False
    if rest.endswith((";", ",", "?")):
        return False
    return not rest.endswith(".") or (style == "roman" and is_caps(rest))


def is_heading(line: str) -> bool:
    return heading_style(line) is not None


def heading_style(line: str) -> str | None:
    """'appendix', 'recipients', 'copy' or the numbering style (see `Numbering.style_key`) of a heading line."""
    line = line.strip()
    if is_appendix(line):
        return "appendix"
    if is_recipients(line):
        return "recipients"
    if is_copy_form(line):
        return "copy"
    num = numbering(line)
    if num is None or (num.bare and not num.rest[:1].isupper()):
        return None
    if num.labelled and (not num.rest or is_caps(num.rest) or ("," not in num.rest or num.titles_item)
                         and looks_like_heading(num.rest, num.style)):
        return num.style_key  # "Điều 1. Phạm vi điều chỉnh", "Phần I THỰC TRẠNG, MỤC TIÊU"; "Điều 3. Bộ trưởng, …" is
        # the article's text
    if num.labelled:
        return None
    if labelled_field(num.rest) is not None:  # "a) Nhiệm vụ: …", "b) Cơ quan thực hiện:": fields of a task
        return None
    return num.style_key if looks_like_heading(num.rest, num.style) else None


def is_list_start(line: str) -> bool:
    """A line that opens an item: a bullet or a number ('2.1 triệu …' is not a number)."""
    if is_bullet(line):
        return True
    num = numbering(line)
    return num is not None and not (num.bare and not num.rest[:1].isupper())


def is_caps(line: str) -> bool:
    """Upper-case text such as 'KẾ HOẠCH', 'T/M BAN THƯỜNG VỤ': titles and signature lines."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters) and len(line.split()) >= 2


def is_table_row(line: str) -> bool:
    return "\t" in line or is_pipe_row(line)


def has_text(line: str) -> bool:
    return any(c.isalnum() for c in line)


def header_block_start(lines: list[str], motto: int) -> int:
    """The first line of the header block a motto stands in: its issuer in capitals, a rule, the number above it."""
    i = motto
    while i > 0 and (is_upper(lines[i - 1]) or number_line(lines[i - 1]) or not has_text(lines[i - 1])) and \
            not re.match(SIGNING_MARK, lines[i - 1]):
        i -= 1
    return i


def heading_label(line: str) -> str:
    """Heading text as it appears in section paths: collapsed spaces, trailing ':' dropped."""
    return collapse_spaces(line).rstrip(":").rstrip()


def kind_line(line: str) -> str | None:
    """The kind of a title line in capitals ('KẾ HOẠCH', 'CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ'), else None."""
    line = collapse_spaces(line).rstrip(":")
    if not is_caps(line) and line not in KINDS:
        return None
    return next((k for k in KINDS if line == k or line.startswith(k + " ")), None)


# ---------------------------------------------------------------- tables


def _fold(cell: str) -> str:
    return collapse_spaces(re.sub(r"[^\w\s]", " ", fold_accents(cell).lower()))


def _is_column_name(cell: str) -> bool:
    if len(cell) > _MAX_COLUMN_NAME or len(cell.split()) > 8:
        return False
    folded = _fold(cell)
    # "Năm 2026", "Kế hoạch 2027", "Tỷ lệ (tháng 12/2025)", "Chỉ tiêu đến 31/12/2026" name columns by when
    return not any(c.isdigit() for c in without_dates(cell)) and bool(_COLUMN_RE.search(folded))


def _is_stt(name: str) -> bool:
    return _fold(name) in _STT_NAMES


def is_pipe_row(line: str) -> bool:
    """'| a | b |': a markdown table row (or its rule '|---|---|')."""
    return bool(_PIPE_ROW.match(line.strip()))


def split_cells(line: str) -> list[str]:
    """Cells of a tab-separated or markdown pipe row (empty cells kept: positions matter)."""
    return [line[a:b] for a, b in cell_spans(line)]


def cell_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in `line`, spaces trimmed (an empty cell is an empty span)."""
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    if "\t" not in line and _PIPE_ROW.match(stripped):
        pieces, base = stripped[1:-1].split("|"), lead + 1
    else:
        pieces, base = line.split("\t"), 0
    spans = []
    pos = base
    for piece in pieces:
        inner = len(piece) - len(piece.lstrip())
        spans.append((pos + inner, pos + inner + len(piece.strip())))
        pos += len(piece) + 1
    return spans


def _names_not_values(cells: list[str], years: bool = False) -> bool:
    """Short cells and none a bare figure: column names ("Bắt đầu", "Năm 2026"), not a row's values. `years`: a
    bare year names a column too ("STT | Huyện | 2026 | 2027 …", where the row's first cell says it names). A name
    joined from header rows ("Số hộ phân loại rác tại nguồn (hộ) - Năm 2025") is short in each of its parts."""
    return all(max(map(len, c.split(" - "))) <= _MAX_COLUMN_NAME and
               (not re.fullmatch(r"[\d.,%\s]+", c) or years and _YEAR_NAME.fullmatch(c)) for c in cells)


_YEAR_NAME = re.compile(r"\s*(?:19|20)\d{2}\s*")


@dataclass
class _Table:
    """Running state of one table: its column names, the current group, the previous row (merged cells)."""

    columns: list[str] = field(default_factory=list)
    group: str = ""
    group_span: tuple[int, int] | None = None
    pending_subheader: list[str] | None = None  # a second header row, resolved by the first data row
    previous: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    last_kind: str = ""
    # "| 11 | Chỉ tiêu về … |" above rows "11.1", "11.2" inside "| I | Đến năm 2030 |": a group within a group,
    # closed by the next row numbered like it ("12"); the outer group then holds again
    sub_number: str = ""
    sub_dotted: bool = False
    outer: tuple[str, tuple[int, int] | None] = ("", None)
    tabbed: bool = False  # rows separated by tabs (a Word table copied as text)
    lead_above: tuple[str, str, tuple[int, int]] | None = None  # (column, value, span) of the last task's lead

    def add(self, cells: list[str], spans: list[tuple[int, int]], piped: bool, ruled: bool = False
            ) -> tuple[BlockKind, dict[str, str], dict[str, list[int]]]:
        filled = [c for c in cells if c]
        if self.last_kind == "table_header" and self._under_columns(cells, filled, piped):
            return self._header()
        if self.last_kind == "table_header" and self.columns and self._names(cells) != self.columns and (
                self._is_subheader(cells, filled) or self._splits_columns(filled)):
            self.pending_subheader = filled
            return self._header()
        if self._is_header(cells, filled) or ruled and not self.columns and len(filled) >= 2 and \
                _names_not_values(filled, years=True):
            names = self._names(cells)
            if names != self.columns:
                self.columns, self.group, self.previous = names, "", {}
                self.sub_number, self.outer = "", ("", None)
            self.pending_subheader = None
            return self._header()
        if _is_column_numbers(filled):  # "1 | 2 | 3 …" under a header: column numbers
            return self._header()
        # "Nhóm\t\t\t", or "| Nhóm |" under wider columns (a cell merged across the table, read from a scan), or
        # "| A. Chỉ tiêu về thu gom | | | |" numbered like a part in a table of no STT column
        if len(filled) == 1 and cells[0] and (len(cells) > 1 and not (piped and len(cells) >= len(self.columns) > 2)
                                              or len(cells) == 1 and len(self.columns) > 1
                                              or bool(_GROUP_NUMBER.match(cells[0])) and bool(self.columns)
                                              and not _is_stt(self.columns[0])):
            self.group = _GROUP_NUMBER.sub("", cells[0]).strip()
            self.sub_number, self.outer = "", ("", None)
            self.group_span = (spans[0][1] - len(self.group), spans[0][1])  # "4. Phòng …": the name, not its number
            self.last_kind, self.lead_above = "group", None
            return "table_header", {self._group_key(): self.group}, {self._group_key(): list(spans[0])}
        if len(filled) == 2 and cells[0] and _STT_LIKE.match(cells[0]) and cells[1] and not any(cells[2:]) and (
                piped or len(self.columns) >= 4):
            # "| **II** | **Xây dựng hạ tầng …** |", "1\tCà phê" in a wide table: a numbered group row
            number = cells[0].rstrip(".)")
            if number.isdigit():
                if not self.sub_number:
                    self.outer = (self.group, self.group_span)
                self.sub_number, self.sub_dotted = number, False
            else:
                self.sub_number, self.outer = "", ("", None)
            self.group = cells[1]
            self.group_span = spans[1]
            self.last_kind, self.lead_above = "group", None
            return "table_header", {self._group_key(): self.group}, {self._group_key(): list(spans[1])}
        self._close_subgroup(cells[0].rstrip(".") if cells else "")
        self._resolve_subheader(len(cells))
        aligned = self._align(cells, spans, piped)
        self.last_kind = "table_row"
        return ("table_row", *self._row(aligned))

    def _header(self) -> tuple[BlockKind, dict[str, str], dict[str, list[int]]]:
        self.last_kind = "table_header"
        return "table_header", {name: name for name in self.columns}, {}

    def _is_header(self, cells: list[str], filled: list[str]) -> bool:
        """Column names: most cells of a first row, every cell of a row that would replace known columns."""
        if len(filled) < 2:
            return False
        if self.columns and self._names(cells) == self.columns:  # repeated after a page break
            return True
        if cells[0] and _is_stt(cells[0]) and _names_not_values(filled, years=True):  # "STT | Tên xã | 2026 …"
            return True
        share = 1.0 if self.columns and self.last_kind != "table_header" else 0.75
        return sum(_is_column_name(c) for c in filled) >= share * len(filled)

    @staticmethod
    def _is_subheader(cells: list[str], filled: list[str]) -> bool:
        """'Năm 2026 | Năm 2027 …' or 'Lượng | Giá trị …' right under a header: names, not values."""
        if len(filled) < 2 or _STT_LIKE.match(cells[0] or "-") and cells[0]:
            return False
        return _names_not_values(filled) and \
            sum(_is_column_name(c) or bool(_PERIOD_NAME.match(c)) for c in filled) >= 0.5 * len(filled)

    def _splits_columns(self, filled: list[str]) -> bool:
        """'Lượt khách | Doanh thu (triệu đồng) | …' under 'Năm 2026 | Năm 2027': more names than the header has
        columns, and no figure among them, split its columns, whatever they are called."""
        return len(filled) > len(self.columns) and not any(re.search(r"\d", c) for c in filled) and \
            _names_not_values(filled)

    def _under_columns(self, cells: list[str], filled: list[str], piped: bool) -> bool:
        """A second header row, cell under cell: "| | | Bắt đầu | Hoàn thành | |" under "| TT | … | Thời gian thực
        hiện | | …" in a piped table, or, as Word and web pages give a header merged down, the names above repeated
        with the merged-across cell's parts under it ("STT … Bắt đầu  Hoàn thành …"): each name it gives joins the
        column's, or the merged column's to its left."""
        if len(filled) < 2 or len(cells) < len(self.columns) or not _names_not_values(filled):
            return False
        if cells[0] == "" and not piped:
            return False
        if cells[0]:  # the names above repeated: only a merged-across cell's parts are new
            merged = [i for i, head in enumerate(self.columns) if is_unnamed_column(head) and i > 0]
            if not merged or not all(cells[i] for i in merged) or any(
                    c and c != head and i not in merged and i + 1 not in merged
                    for i, (c, head) in enumerate(zip(cells, self.columns, strict=False))):
                return False
        names, top = [], ""
        for i, sub in enumerate(cells):
            head = self.columns[i] if i < len(self.columns) else ""
            top = head if head and not is_unnamed_column(head) else top
            names.append(head if sub == head else f"{top} - {sub}" if sub and top else sub or head)
        self.columns = self._names(names)
        return True

    def _resolve_subheader(self, width: int) -> None:
        """The first data row tells how many columns the header's last cells span."""
        sub = self.pending_subheader
        if not sub or width <= len(sub):
            return
        self.pending_subheader = None
        full = width - len(sub)
        spanning = len(self.columns) - full
        if full < 0 or spanning < 1 or len(sub) % spanning:
            return
        per = len(sub) // spanning
        names = self.columns[:full]
        for i, top in enumerate(self.columns[full:]):
            names += [f"{top} - {s}" for s in sub[i * per:(i + 1) * per]]
        self.columns = self._names(names)

    @staticmethod
    def _names(cells: list[str]) -> list[str]:
        names: list[str] = []
        for i, cell in enumerate(cells):
            name = cell or unnamed_column(i)
            if name in names:
                name = f"{name} ({i + 1})"
            names.append(name)
        while names and is_unnamed_column(names[-1]) and not cells[len(names) - 1]:
            names.pop()
        return names

    def _merged_lead(self, out: dict[str, str], where: dict[str, list[int]]) -> None:
        """A numbered task row with its lead cell empty shares the lead of the task above, in a cell Word merged
        down the rows (it has no text below its first row); a group row ends the merge."""
        lead = next((name for name in self.columns if role_of(name) == "lead"), None)
        if lead is None or not _CELL_NUMBER.match(out.get(STT, "")):
            self.lead_above = None
            return
        if lead in out and lead in where:
            self.lead_above = (lead, out[lead], (where[lead][0], where[lead][1]))
        elif self.lead_above is not None and any(role_of(name) == "task" for name in out):
            out[lead], where[lead] = self.lead_above[1], list(self.lead_above[2])

    def _close_subgroup(self, number: str) -> None:
        if not self.sub_number or not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*", number):
            return
        if number.startswith(self.sub_number + "."):
            self.sub_dotted = True
        elif self.sub_dotted and "." not in number:
            (self.group, self.group_span), self.sub_number = self.outer, ""

    def _group_key(self) -> str:
        return GROUP if not self.columns or _is_stt(self.columns[0]) else self.columns[0]

    def _align(self, cells: list[str], spans: list[tuple[int, int]], piped: bool
               ) -> tuple[list[tuple[str, tuple[int, int] | None]], bool]:
        values: list[tuple[str, tuple[int, int] | None]] = [(c, s) if c else ("", None) for c, s in
                                                              zip(cells, spans, strict=True)]
        short = piped and self.columns and len(cells) < len(self.columns)
        if short and _is_stt(self.columns[0]) and not _STT_LIKE.match(cells[0] or "x"):
            values.insert(0, ("", None))  # the STT cell is merged with the row above
        return values, bool(short)

    def _row(self, aligned: tuple[list[tuple[str, tuple[int, int] | None]], bool]
             ) -> tuple[dict[str, str], dict[str, list[int]]]:
        values, merged = aligned
        columns = list(self.columns)
        out: dict[str, str] = {}
        where: dict[str, list[int]] = {}
        has_stt_column = bool(columns) and _is_stt(columns[0])

        def put(name: str, value: str, span: tuple[int, int] | None) -> None:
            out[name] = value
            if span is not None:
                where[name] = list(span)

        if values and _CELL_NUMBER.match(values[0][0]) and columns and not has_stt_column:
            # the first column holds both the group names and the row numbers (PHỤ LỤC 2 of 003)
            if len(values) == len(columns) + 1 or (self.group and len(values) <= len(columns)):
                stt, span = values.pop(0)
                put(STT, stt.rstrip("."), span)
                if self.group:
                    values.insert(0, (self.group, self.group_span))
        elif self.group and not is_total_label(next((v for v, _ in values if v), "")):
            if has_stt_column or not columns:
                put(GROUP, self.group, self.group_span)
                if self.sub_number and self.outer[0]:  # row 11.9 under "11. Chỉ tiêu về …" under "I. Đến năm 2030"
                    put(OUTER_GROUP, *self.outer)
            elif values and not values[0][0]:
                values[0] = (self.group, self.group_span)
            else:  # "Tỷ lệ hộ … | % | 40 |" under "A. Chỉ tiêu về thu gom": the group the row's own name is in
                put(GROUP, self.group, self.group_span)
        for i, (value, span) in enumerate(values):
            if not value:
                continue
            name = columns[i] if i < len(columns) else unnamed_column(i)
            put(STT if _is_stt(name) else name, value, span)
        if merged:  # the cells a merged pipe row lacks on the right are those of the row above
            for name in columns[len(values):]:
                if name in self.previous and name not in out and not _is_stt(name):
                    put(name, *self.previous[name])
        self._merged_lead(out, where)
        self.previous = {k: (v, tuple(where[k])) for k, v in out.items() if k in where}  # type: ignore[misc]
        return out, where


def _is_column_numbers(filled: list[str]) -> bool:
    """'1 | 2 | 3 | … ' or '(1) | (2) | …': the numbers of the columns, printed under the header."""
    if len(filled) < 3:
        return False
    numbers = [c.strip("()") for c in filled]
    return all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(range(1, len(numbers) + 1))


# ---------------------------------------------------------------- document structure


@dataclass
class _Heading:
    style: str
    label: str


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _numbering_lost(lines: list[tuple[int, str]], hints: dict[int, str]) -> bool:
    """A body whose headings carry no number nor markup: Word's auto-numbering lost on export, a web page
    copied as text. Its headings are then the short lines standing alone (`_bare_heading`)."""
    if hints:
        return False
    numbered = 0
    for _, line in lines:
        stripped = line.strip()
        style = heading_style(stripped) if has_text(stripped) and not is_table_row(stripped) else None
        num = numbering(stripped) if style is None and has_text(stripped) else None
        if style not in (None, "appendix", "recipients") or num is not None and num.labelled:
            numbered += 1
            if numbered >= 2:
                return False
    return True


def _bare_heading(line: str) -> str | None:
    """'MỤC TIÊU', 'Mục tiêu tổng quát', 'Phòng Kế hoạch - Tài chính' alone on a line of a body that lost its
    numbering: a heading, capitals a level above the rest. A line ending with ':' leads into what follows, a
    name in capitals or not is the signer's, 'STT: 3' / 'Nhiệm vụ: …' a record's field."""
    if not _hint_heading(line) or line.endswith(":") or is_list_start(line) or opens_with_label(line) or \
            len(line.split()) > _MAX_BARE_WORDS:
        return None
    if is_caps(line):
        return "bare_caps"
    return None if person_name(line) or states_amount(line) or "%" in line else "bare"


def _hint_heading(line: str) -> bool:
    """A line marked as a heading only by markup (bold alone, '#'): short, not a sentence, not part of
    the header or signature."""
    line = line.strip()
    return (
        len(line) <= _MAX_HINT_HEADING_CHARS
        and line[:1].isupper()
        and not line.rstrip(":").endswith((".", ";", ","))
        and not is_authority_line(line)
        and not is_title_line(line)
        and not is_motto(line)
        and not line.startswith("(")
    )


class _Sections:
    """The open headings, levels ranked by the order in which numbering styles first appear."""

    def __init__(self) -> None:
        self.stack: list[_Heading] = []

    def path(self) -> str:
        return SECTION_SEPARATOR.join(h.label for h in self.stack)

    def depth(self) -> int:
        return len(self.stack)

    def close_to(self, depth: int) -> None:
        del self.stack[depth:]

    def reset(self, style: str, label: str) -> None:
        self.stack = [_Heading(style, label)]

    def open(self, style: str, label: str) -> None:
        """Close `style` if it is open (a sibling), else every open style conventionally below it
        ("II." after "4." closes "4."), then open it."""
        for i, h in enumerate(self.stack):
            if h.style == style:
                del self.stack[i:]
                break
        else:
            rank = _RANKS.get(style)
            while rank is not None and self.stack and _RANKS.get(self.stack[-1].style, -1) >= rank:
                self.stack.pop()
        self.stack.append(_Heading(style, label))


def parse_structure(text: str, hints: dict[int, str] | None = None) -> list[Block]:
    """Blocks of the normalized text in document order, each with its section path and level.

    `hints` maps line offsets to the markup that marked them as headings (see normalize).
    """
    hints = hints or {}
    blocks: list[Block] = []
    sections = _Sections()
    table: _Table | None = None
    expect_annex_title = False
    seen_kind = False
    body_started = False
    lines = list(_lines(text))
    bare = _numbering_lost(lines, hints)
    signing = False  # from "Nơi nhận" or "TM. …" to an annex: no heading there
    copying = False  # after "SAO Y": the copy's block, not the document's

    def add(kind: BlockKind, start: int, end: int, cells: dict[str, str] | None = None,
            spans: dict[str, list[int]] | None = None) -> None:
        blocks.append(Block(kind=kind, start=start, end=end, section=sections.path(), level=sections.depth(),
                            cells=cells, cell_spans=spans))

    for k, (start, line) in enumerate(lines):
        end = start + len(line)
        if not has_text(line):
            continue
        if is_table_row(line):
            expect_annex_title = False
            if PIPE_SEPARATOR.match(line.strip()):
                continue
            first_row = table is None
            table = table or _Table()
            table.tabbed = "\t" in line
            spans = cell_spans(line)
            piped = "\t" not in line
            # a markdown rule under the first row ("|---|---|") says that row names the columns; so does a first
            # row of words over a row of figures ("Khu vực | Số liều …" over "Các phường | 34.000 …")
            ruled = piped and k + 1 < len(lines) and bool(PIPE_SEPARATOR.match(lines[k + 1][1].strip())) or \
                first_row and not piped and _names_over_figures(line, lines[k + 1][1] if k + 1 < len(lines) else "")
            row_kind, cells, where = table.add([line[a:b] for a, b in spans], [(start + a, start + b) for a, b in spans],
                                               piped, ruled)
            add(row_kind, start, end, cells, where)
            continue
        if table is not None and table.tabbed and _merged_across(line) and _numbered_row_follows(lines, k):
            row_kind, cells, where = table.add([line.strip()], [(start + len(line) - len(line.lstrip()), end)], False)
            add(row_kind, start, end, cells, where)  # "Nhóm 1: Hạ tầng": a cell merged across the table, no tab
            continue
        if table is not None and _lost_cells(line) and _row_follows(lines, k):
            add("paragraph", start, end)  # "Tổng I + II 240.000 270.000 …": a row that lost its cells; the table goes on
            continue
        table = None
        stripped = line.strip()
        if signing and is_motto(stripped):  # a covering letter signed: the header of the plan it sends begins
            first = lines[header_block_start([text for _, text in lines], k)][0]
            for block in blocks:
                if block["start"] >= first:
                    block["section"], block["level"] = "", 0
            sections.close_to(0)
            signing = False
        style = heading_style(stripped)
        kind = kind_line(stripped)
        if kind and seen_kind and body_started:  # "QUYẾT ĐỊNH:" after a preamble; "KẾ HOẠCH" after the articles
            sections.reset("kind", heading_label(stripped))
            add("heading", start, end)
            body_started = signing = False
            continue
        if kind and not seen_kind:  # the document's title: a covering letter's headings above it are not its parts
            sections.close_to(0)
        seen_kind = seen_kind or bool(kind)
        hint = hints.get(start, "")
        # a heading style (markdown '#', Word's Heading 1-6) is a heading anywhere; bold alone only in the body
        if style is None and hint and (hint.startswith("md") or seen_kind and body_started) and _hint_heading(stripped):
            style = hint
        signing = (signing or style == "recipients" or is_authority_line(stripped)) and style != "appendix"
        if style is None and bare and seen_kind and body_started and not signing:
            style = _bare_heading(stripped)
        if style == "appendix":
            sections.reset("appendix", heading_label(stripped))
            expect_annex_title = True
        elif style == "recipients" and copying:  # a copy's own recipients: part of the copy's block
            sections.open("recipients", heading_label(stripped))
        elif style == "recipients":
            sections.reset("recipients", heading_label(stripped))
            expect_annex_title = False
        elif style == "copy":  # "SAO Y": a copy's own block (its number, recipients, signer) after the document
            sections.reset("copy", heading_label(stripped))
            copying = True
        elif style is None and (num := numbering(stripped)) is not None and num.labelled and num.rest:
            _article(blocks, sections, num, line, start, end)  # "Điều 2. Quyết định này có hiệu lực …"
            body_started = True
            continue
        elif style is None and body_started and (label := run_in_part(stripped)):
            _run_in(blocks, sections, line, label, start, end)  # "Chế độ báo cáo: …": the part, then its text
            continue
        elif style is not None:
            sections.open(style, heading_label(stripped))
            body_started = True
            expect_annex_title = False
        elif expect_annex_title and _is_annex_title(stripped):
            sections.open("annex_title", heading_label(stripped))
            expect_annex_title = False
        else:
            expect_annex_title = False
            if seen_kind and (PREAMBLE_START.match(stripped) or len(stripped) > _MAX_HINT_HEADING_CHARS):
                body_started = True
            if body_started and not is_list_start(stripped) and opens_closing(stripped):
                sections.close_to(1)  # "Trong quá trình thực hiện, …" closes the part, not its last numbered item
            add("list_item" if is_list_start(stripped) else "paragraph", start, end)
            continue
        add("heading", start, end)
    return blocks


FIGURE_RUN = re.compile(r"\d[\d.,]*\d")  # "30.000", "1,5": a figure of two digits or more


def _lost_cells(line: str) -> bool:
    """'Tổng I + II 240.000 270.000 305.000': figures in a row without its cell separators; no heading
    ('2. Quý II (04 - 06/2026)' opens the next table's part)."""
    stripped = line.strip()
    return heading_style(stripped) is None and numbering(stripped) is None and \
        len(FIGURE_RUN.findall(stripped)) >= 2


_GROUP_WORDS = re.compile(r"^(?:Nhóm|NHÓM|Lĩnh vực|LĨNH VỰC|Phần|PHẦN|Khối|KHỐI|Giai đoạn|GIAI ĐOẠN)\b")


def names_group(line: str) -> bool:
    """'Nhóm 1: Hạ tầng', 'II. NHIỆM VỤ VỀ …', 'A. Chỉ tiêu …': a line naming a group of a table's rows (numbered like a
    part, in capitals or opening with a word for a group); other lines among rows go on a cell above."""
    stripped = line.strip()
    return bool(_GROUP_NUMBER.match(stripped) or _GROUP_WORDS.match(stripped) or is_caps(stripped))


def _merged_across(line: str) -> bool:
    """'Nhóm 1: Hạ tầng' between two rows of a tabbed table: one cell merged across it, which Word copies without a
    tab; no annex, document kind or row of figures that lost its cells."""
    stripped = line.strip()
    return len(stripped) <= _MAX_HINT_HEADING_CHARS and heading_style(stripped) not in ("appendix", "recipients") \
        and kind_line(stripped) is None and not _lost_cells(line) and names_group(stripped)


def _numbered_row_follows(lines: list[tuple[int, str]], k: int) -> bool:
    """The next line with text after line `k` is a tabbed row opening with its number (no header: "2. Quý II"
    above the next table's "STT" row names that table's part)."""
    line = next((line for _, line in lines[k + 1:] if has_text(line)), "")
    first = line.split("\t")[0].strip()
    return "\t" in line and bool(first) and bool(_STT_LIKE.match(first))


def _names_over_figures(line: str, below: str) -> bool:
    """A table's first row of words, no figure in any cell, over a row as wide holding a figure (not a year) under
    one of them: the names of the columns, whatever words they use."""
    cells, under = line.split("\t"), below.split("\t")
    if len(under) != len(cells) or sum(1 for c in cells if c.strip()) < 2 or any(ch.isdigit() for ch in line):
        return False
    return any(name.strip() and _FIGURE.fullmatch(value.strip()) and not _YEAR_NAME.fullmatch(value)
               for name, value in zip(cells, under, strict=True))


_FIGURE = re.compile(r"[\d.,%]+")


def _row_follows(lines: list[tuple[int, str]], k: int) -> bool:
    """The next line with text after line `k` is a table row."""
    return next((is_table_row(line) for _, line in lines[k + 1:] if has_text(line)), False)


def _article(blocks: list[Block], sections: _Sections, num: Numbering, line: str, start: int, end: int) -> None:
    """'Điều 2. Quyết định này có hiệu lực …': the label is the heading, the rest of the line its text."""
    lead = len(line) - len(line.lstrip())
    cut = len(line) - len(num.rest)
    sections.open(num.style_key, heading_label(line[lead:cut].rstrip(" .:-–")))
    _heading_and_text(blocks, sections, start + lead, start + lead + len(line[lead:cut].rstrip()), start + cut, end)


def _run_in(blocks: list[Block], sections: _Sections, line: str, label: int, start: int, end: int) -> None:
    """'Chế độ báo cáo: Các đơn vị báo cáo …': the part's name is a heading under the open section, the rest its
    text, as a numbered '5. Chế độ báo cáo' would be."""
    lead = len(line) - len(line.lstrip())
    while sections.stack and starts_with_unit(sections.stack[-1].label):
        sections.stack.pop()  # the plan's part, not the duty of the unit above it
    sections.open("run_in", heading_label(line[lead:lead + label]))
    rest = line[lead + label + 1:]
    _heading_and_text(blocks, sections, start + lead, start + lead + label, end - len(rest.lstrip()), end)


def _heading_and_text(blocks: list[Block], sections: _Sections, head: int, head_end: int, text: int, end: int) -> None:
    """A heading run into its text on one line: two blocks, both in the section it opened."""
    path, level = sections.path(), sections.depth()
    blocks.append(Block(kind="heading", start=head, end=head_end, section=path, level=level, cells=None,
                        cell_spans=None))
    blocks.append(Block(kind="paragraph", start=text, end=end, section=path, level=level, cells=None,
                        cell_spans=None))


def _is_annex_title(line: str) -> bool:
    """The line naming an annex right after 'PHỤ LỤC 2': 'BẢNG PHÂN CÔNG NHIỆM VỤ'."""
    return (
        len(line) <= _MAX_APPENDIX_TITLE
        and not line.startswith("(")
        and not line.endswith((".", ";", ":"))
        and not is_list_start(line)
    )


def render_cells(cells: dict[str, str]) -> str:
    """'Nội dung: … · Đơn vị chủ trì: … · Thời gian: …' (the STT number left out)."""
    return " · ".join(f"{name}: {value}" for name, value in cells.items() if name != STT)


def column_roles(cells: dict[str, str]) -> dict[str, str]:
    """role -> column name of a row's cells ('lead' -> 'Đơn vị chủ trì'); the first column of a role wins, but
    'Sản phẩm chính' outranks a 'Mục tiêu' column before it, 'Thời gian thực hiện - Hoàn thành' its 'Bắt đầu'
    (a task's time is when it must be done), and 'Nội dung nhiệm vụ' a 'Nhóm nhiệm vụ' column grouping the rows."""
    roles: dict[str, str] = {}
    for name in cells:
        role = "stt" if name == STT else "group" if name in GROUPS else role_of(name)
        if role and (role not in roles or (role == "product" and names_product(name)
                                           and not names_product(roles[role])) or
                     role == "timing" and _ENDS.search(fold_accents(name).lower()) and
                     not _ENDS.search(fold_accents(roles[role]).lower()) or
                     role == "task" and _GROUPS.match(fold_accents(roles[role]).lower()) and
                     not _GROUPS.match(fold_accents(name).lower())):
            roles[role] = name
    return roles


_ENDS = re.compile(r"\b(?:hoan thanh|ket thuc)\b")
_GROUPS = re.compile(r"nhom\b")  # "Nhóm nhiệm vụ", "Nhóm giải pháp": a column naming each row's group


class StructureParser(TransformComponent):
    """llama-index stage: stores the blocks of each document's (normalized) text in metadata['blocks']."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            hints = {int(k): v for k, v in (node.metadata.get(META_HINTS) or {}).items()}
            node.metadata[META_BLOCKS] = parse_structure(node.get_content(), hints)
        return nodes
