"""Stage 5 — structure: headings, list items, paragraphs and tables of a normalized plan document.

Plan documents number their parts in a fixed order of styles — Roman ``I.``/``I-`` (level 1),
Arabic ``1.`` (2), dotted ``2.1.``/``2.1-`` (3, one more per extra number), lettered ``a)`` (one
below the heading it sits in) — plus "PHỤ LỤC …" (an annex, level 1: headings inside it move one
level down) and "Nơi nhận:" (its own level-1 section). A numbered line is a heading only when it
reads like one (see `looks_like_heading`); "1. 100% cán bộ … công vụ." is a list item.

Tables are tab-separated rows (or markdown pipe rows). A row of column names (STT, Nội dung,
Đơn vị chủ trì, Thời gian …) is a header — also when it is repeated after a page break; a row
with only its first cell filled names a group whose value the following rows inherit.

The line-shape helpers here (`numbering`, `is_heading`, `is_bullet`, …) are shared with
normalize, which must keep structural lines on their own lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import collapse_spaces, fold_accents
from ingest.model import META_BLOCKS, Block, BlockKind

SECTION_SEPARATOR = " > "
STT = "STT"
GROUP = "Nhóm"  # key of a group value when the first column is the STT column

# "I." "IV-" | "2.1." "2.1-" "2.1 " | "1." "1)" "1-" | "a)"; the number is never followed by a digit
_NUMBERING = re.compile(
    r"^(?:(?P<roman>[IVX]{1,6})\s*[.)\-–]"
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)(?!\d)(?P<dot>\.)?(?:\s*[-–)])?"
    r"|(?P<arabic>\d{1,2})(?!\d)\s*(?:[.)]|-(?=\s))"
    r"|(?P<letter>[a-zđ])\))"
    r"\s*(?P<rest>\S.*)$"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_BULLET = re.compile(r"^[-+•–—*]\s+\S")
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[0-9IVX]{1,4}\b.*|\s*[:.]?)$")
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_CELL_NUMBER = re.compile(r"^\d{1,3}\.?$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,6}|\d{1,2}|[A-Z])[.)]\s+")
_MAX_HEADING_CHARS = 200
_MAX_HEADING_WORDS = 35
_MAX_APPENDIX_TITLE = 150

# words (accents folded, lower-case) that make a table cell a column name
_COLUMN_WORDS = (
    "stt", "tt", "so tt", "noi dung", "nhiem vu", "chu tri", "phoi hop", "thoi gian", "thoi han", "tien do",
    "san pham", "chi tieu", "ket qua", "muc tieu", "don vi", "co quan", "ghi chu", "kinh phi", "nguon",
    "trach nhiem", "giai doan", "lo trinh", "hoat dong", "cong viec", "giai phap", "ten", "so luong",
    "ty le", "du kien", "hinh thuc", "yeu cau", "linh vuc", "dia diem", "moc",
)
_COLUMN_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _COLUMN_WORDS) + r")\b")
_STT_NAMES = frozenset(("stt", "tt", "so tt", "so thu tu"))


# ---------------------------------------------------------------- line shapes (shared with normalize)


@dataclass(frozen=True)
class Numbering:
    style: str  # roman | dotted | arabic | letter
    number: str
    rest: str  # the text after the number
    depth: int  # parts of a dotted number (2.1 -> 2), 1 otherwise
    bare: bool  # dotted number without its final dot ("2.1 Về …")


def numbering(line: str) -> Numbering | None:
    """The heading/list number a line starts with, if any."""
    m = _NUMBERING.match(line)
    if not m:
        return None
    rest = m.group("rest")
    if m.group("roman"):
        if not _valid_roman(m.group("roman")) or not rest[0].isupper():
            return None
        return Numbering("roman", m.group("roman"), rest, 1, False)
    if m.group("dotted"):
        number = m.group("dotted")
        return Numbering("dotted", number, rest, number.count(".") + 1, m.group("dot") is None)
    if m.group("arabic"):
        return Numbering("arabic", m.group("arabic"), rest, 1, False)
    return Numbering("letter", m.group("letter"), rest, 1, False)


def _valid_roman(s: str) -> bool:
    values = [_ROMAN_VALUES[c] for c in s]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return 0 < total <= 39 and _to_roman(total) == s


def _to_roman(n: int) -> str:
    out = "X" * (n // 10)
    n %= 10
    return out + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n]


def looks_like_heading(rest: str, style: str) -> bool:
    """A heading is short, starts with a capital and does not end like a sentence or carry a target.

    "1. 100% cán bộ …" (starts with a figure), "1.1. Tổ chức phổ biến … chuyển đổi số." (ends with
    a period) and "1. Phạm vi triển khai: Toàn bộ … nhiệm vụ." are list items, not headings.
    """
    rest = rest.strip()
    if not rest or not rest[0].isupper() or "%" in rest:
        return False
    if len(rest) > _MAX_HEADING_CHARS or len(rest.split()) > _MAX_HEADING_WORDS:
        return False
    if rest.endswith((";", ",")):
        return False
    return not rest.endswith(".") or (style == "roman" and is_caps(rest))


def is_heading(line: str) -> bool:
    return heading_style(line) is not None


def heading_style(line: str) -> str | None:
    """'appendix', 'recipients', 'roman', 'arabic', 'dotted' or 'letter' for a heading line, else None."""
    line = line.strip()
    if is_appendix(line):
        return "appendix"
    if is_recipients(line):
        return "recipients"
    num = numbering(line)
    if num is None or (num.bare and not num.rest[0].isupper()):
        return None
    return num.style if looks_like_heading(num.rest, num.style) else None


def is_appendix(line: str) -> bool:
    return len(line) <= 120 and not line.endswith(".") and bool(_APPENDIX.match(line))


def is_recipients(line: str) -> bool:
    """'Nơi nhận:' (also the frequent typo 'Nơi nhân:')."""
    return len(line) <= 40 and fold_accents(line).lower().startswith("noi nhan")


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def is_list_start(line: str) -> bool:
    """A line that opens an item: a bullet or a number ('2.1 triệu …' is not a number)."""
    if is_bullet(line):
        return True
    num = numbering(line)
    return num is not None and not (num.bare and not num.rest[0].isupper())


def is_caps(line: str) -> bool:
    """Upper-case text such as 'KẾ HOẠCH', 'T/M BAN THƯỜNG VỤ': titles and signature lines."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters) and len(line.split()) >= 2


def is_table_row(line: str) -> bool:
    return "\t" in line or bool(_PIPE_ROW.match(line.strip()))


def has_text(line: str) -> bool:
    return any(c.isalnum() for c in line)


def heading_label(line: str) -> str:
    """Heading text as it appears in section paths: collapsed spaces, trailing ':' dropped."""
    return collapse_spaces(line).rstrip(":").rstrip()


# ---------------------------------------------------------------- tables


def _fold(cell: str) -> str:
    return collapse_spaces(re.sub(r"[^\w\s]", " ", fold_accents(cell).lower()))


def _is_column_name(cell: str) -> bool:
    return len(cell) <= 60 and len(cell.split()) <= 8 and not any(c.isdigit() for c in cell) and bool(
        _COLUMN_RE.search(_fold(cell))
    )


def _is_stt(name: str) -> bool:
    return _fold(name) in _STT_NAMES


def split_cells(line: str) -> list[str]:
    """Cells of a tab-separated or markdown pipe row (empty cells kept: positions matter)."""
    stripped = line.strip()
    if "\t" not in line and _PIPE_ROW.match(stripped):
        return [collapse_spaces(c) for c in stripped[1:-1].split("|")]
    return [collapse_spaces(c) for c in line.split("\t")]


@dataclass
class _Table:
    """Running state of one table: its column names and the current group value."""

    columns: list[str] = field(default_factory=list)
    group: str = ""

    def add(self, cells: list[str]) -> tuple[BlockKind, dict[str, str]]:
        filled = [c for c in cells if c]
        if self._is_header(cells, filled):
            names = self._names(cells)
            if names != self.columns:
                self.columns, self.group = names, ""
            return "table_header", {name: name for name in self.columns}
        if len(filled) == 1 and cells[0] and len(cells) > 1:  # group row: "1. Tổ 57 của cơ quan\t\t\t"
            self.group = _GROUP_NUMBER.sub("", cells[0]).strip()
            return "table_header", {self._group_key(): self.group}
        return "table_row", self._row(cells)

    def _is_header(self, cells: list[str], filled: list[str]) -> bool:
        if len(filled) < 2:
            return False
        if self.columns and self._names(cells) == self.columns:  # repeated after a page break
            return True
        return sum(_is_column_name(c) for c in filled) >= 0.75 * len(filled)

    @staticmethod
    def _names(cells: list[str]) -> list[str]:
        names: list[str] = []
        for i, cell in enumerate(cells):
            name = cell or f"Cột {i + 1}"
            if name in names:
                name = f"{name} ({i + 1})"
            names.append(name)
        while names and names[-1].startswith("Cột ") and not cells[len(names) - 1]:
            names.pop()
        return names

    def _group_key(self) -> str:
        return GROUP if not self.columns or _is_stt(self.columns[0]) else self.columns[0]

    def _row(self, cells: list[str]) -> dict[str, str]:
        values = list(cells)
        columns = list(self.columns)
        out: dict[str, str] = {}
        has_stt_column = bool(columns) and _is_stt(columns[0])
        if values and _CELL_NUMBER.match(values[0]) and columns and not has_stt_column:
            # the first column holds both the group names and the row numbers (PHỤ LỤC 2 of 003)
            if len(values) == len(columns) + 1 or (self.group and len(values) <= len(columns)):
                out[STT] = values.pop(0).rstrip(".")
                if self.group:
                    values.insert(0, self.group)
        elif self.group:
            if has_stt_column or not columns:
                out[GROUP] = self.group
            elif values and not values[0]:
                values[0] = self.group
        for i, value in enumerate(values):
            if not value:
                continue
            name = columns[i] if i < len(columns) else f"Cột {i + 1}"
            out[STT if _is_stt(name) else name] = value
        return out


# ---------------------------------------------------------------- document structure


@dataclass
class _Heading:
    level: int
    label: str
    style: str


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def parse_structure(text: str) -> list[Block]:
    """Blocks of the normalized text in document order, each with its section path and level."""
    blocks: list[Block] = []
    stack: list[_Heading] = []
    table: _Table | None = None
    in_appendix = False
    expect_annex_title = False

    def path() -> str:
        return SECTION_SEPARATOR.join(h.label for h in stack)

    def depth() -> int:
        return stack[-1].level if stack else 0

    def push(level: int, label: str, style: str) -> None:
        while stack and stack[-1].level >= level:
            stack.pop()
        stack.append(_Heading(level, label, style))

    for start, line in _lines(text):
        end = start + len(line)
        if not has_text(line):
            continue
        if is_table_row(line):
            expect_annex_title = False
            if _PIPE_SEPARATOR.match(line.strip()):
                continue
            table = table or _Table()
            row_kind, cells = table.add(split_cells(line))
            blocks.append(Block(kind=row_kind, start=start, end=end, section=path(), level=depth(), cells=cells))
            continue
        table = None
        style = heading_style(line)
        shift = 1 if in_appendix else 0
        if style == "appendix":
            stack.clear()
            push(1, heading_label(line), style)
            in_appendix, expect_annex_title = True, True
        elif style == "recipients":
            stack.clear()
            push(1, heading_label(line), style)
            in_appendix = expect_annex_title = False
        elif style is not None:
            num = numbering(line.strip())
            assert num is not None
            if style == "letter":
                level = max((h.level for h in stack if h.style != "letter"), default=shift) + 1
            elif style == "dotted":
                level = num.depth + 1 + shift
            else:
                level = (1 if style == "roman" else 2) + shift
            push(level, heading_label(line), style)
            expect_annex_title = False
        elif expect_annex_title and _is_annex_title(line):
            push(2, heading_label(line), "annex_title")
            expect_annex_title = False
        else:
            expect_annex_title = False
            kind: BlockKind = "list_item" if is_list_start(line.strip()) else "paragraph"
            blocks.append(Block(kind=kind, start=start, end=end, section=path(), level=depth(), cells=None))
            continue
        blocks.append(Block(kind="heading", start=start, end=end, section=path(), level=depth(), cells=None))
    return blocks


def _is_annex_title(line: str) -> bool:
    """The line naming an annex right after 'PHỤ LỤC 2': 'BẢNG PHÂN CÔNG NHIỆM VỤ'."""
    line = line.strip()
    return (
        len(line) <= _MAX_APPENDIX_TITLE
        and not line.startswith("(")
        and not line.endswith((".", ";", ":"))
        and not is_list_start(line)
    )


def render_cells(cells: dict[str, str]) -> str:
    """'Nội dung: … · Đơn vị chủ trì: … · Thời gian: …' (the STT number left out)."""
    return " · ".join(f"{name}: {value}" for name, value in cells.items() if name != STT)


class StructureParser(TransformComponent):
    """llama-index stage: stores the blocks of each document's (normalized) text in metadata['blocks']."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.metadata[META_BLOCKS] = parse_structure(node.get_content())
        return nodes
