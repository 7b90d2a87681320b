"""Stage 2 — normalize: the plain text that is stored, chunked and cited.

Exports from PDF/DOCX/Markdown carry artefacts that must not reach users or offsets: markdown
and HTML decoration, LaTeX, footnote markers glued to words, page numbers, and lines broken in
the middle of a sentence (often with a blank line between the halves). The rules are general
(they look at line shapes, not at particular documents) and deterministic, because chunk ids
are derived from offsets into the result; the result is a fixed point (normalizing twice
changes nothing).

Pages ("\\f" from the loader) are normalized as one flow so that a sentence running over a
page break is re-joined; `page_starts` records where each page's text begins.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import UPPER, collapse_spaces, fold_accents, has_diacritics, in_english, is_word, nfc
from assistant.vocab.dates import PERIOD_COLUMN, periods_said
from assistant.vocab.docnum import DOC_NUMBER, number_key, number_line
from assistant.vocab.fields import opens_with_label, role_of
from assistant.vocab.numbering import numbering
from assistant.vocab.parts import (
    HEADER_MARK,
    PREAMBLE_START,
    SIGNING_MARK,
    is_motto,
    layout_columns,
)
from assistant.vocab.signature import SIGN_NOTE, is_upper, person_name
from assistant.vocab.units import cell_text, starts_with_unit
from ingest.html_text import html_tables
from ingest.model import META_HINTS, META_PAGE_STARTS, PAGE_BREAK
from ingest.structure import (
    FIGURE_RUN,
    PIPE_SEPARATOR,
    has_text,
    header_block_start,
    is_appendix,
    is_caps,
    is_heading,
    is_list_start,
    is_pipe_row,
    is_recipients,
    is_table_row,
    looks_like_heading,
    names_group,
    split_cells,
)

# --- inline markup
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HTML_BLOCK_END = re.compile(r"</(?:tr|p|div|li|h[1-6])\s*>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:nbsp|amp|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});")  # not &lt; &gt;: no new tags
_LATEX_SPAN = re.compile(r"\$([^$\n]{1,120})\$")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|mathbf|textbf|operatorname)\s*\{([^{}]*)\}")
_LATEX_COMMAND = re.compile(r"\\([a-zA-Z]+|[%,;! ])")
_LATEX_SYMBOLS = {
    "geq": "≥", "ge": "≥", "leq": "≤", "le": "≤", "neq": "≠", "ne": "≠", "approx": "≈", "times": "×",
    "pm": "±", "cdot": "·", "div": "÷", "rightarrow": "→", "to": "→", "infty": "∞", "sim": "~", "circ": "°",
    "%": "%", ",": " ", ";": " ", "!": "", " ": " ",
}
_MATHLIKE = re.compile(r"^[\d\s.,%+\-=<>≥≤×/()]*\d[\d\s.,%+\-=<>≥≤×/()]*$")
# "…năm 2026**1. Quý I (01–03/2026)**": a bold heading glued to the previous text
_GLUED_HEADING = re.compile(r"(?<=[^\s*#])\*{2,3}(?=(?:[IVX]{1,6}|\d{1,2}(?:\.\d{1,2})*)\s*[.)\-–]\s*\S)")
_BOLD = re.compile(r"\*{2,3}")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*]) ?\*(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}(?:\s+|$)")
_MD_HEADING_LEVEL = re.compile(r"^(#{1,6})\s+\S")
_BOLD_LINE = re.compile(r"^\*{2,3}[^*]+\*{2,3}$")  # "**Văn phòng Đảng ủy**" alone on its line
# "**III. TỔ CHỨC\nTHỰC HIỆN**", "*Hà Nội, ngày 17\ntháng 11 năm 2025*": emphasis never spans a paragraph; it opens
# after a space and closes before one ("- **Trạm Y tế**: …" / "- **Hội …**: …" are two bold names, not one span)
_WRAPPED_EMPHASIS = re.compile(
    r"(?<![*\w])\*\*(?=[^\s*])[^*\n]{1,200}(?:\n[^*\n]{1,200}){1,3}(?<=[^\s*]) ?\*\*(?![*\w])"
    r"|(?<![*\w])\*(?=[^\s*])[^*\n]{1,200}(?:\n[^*\n]{1,200}){1,3}(?<=[^\s*]) ?\*(?![*\w])"
)
# "Hà Nội, ngày 17 tháng 11 năm 2025": the place and date line of a header
# the place-and-date line: "Hà Nội, ngày 12 tháng 3 năm 2026", "Tân Lĩnh, ngày … tháng … năm 2025" (a draft's dots)
# — not a wrapped clause "nghỉ hè, ngày lễ, ngày nghỉ;"
_DATE_LINE = re.compile(r"^[^\W\d_][\w\s.]{0,40},\s*ngày\s*(?:\d|[.…_]|tháng\b)", re.UNICODE)
# "*6.4. *Hàng năm …", "**a)** Nội dung": a heading number in emphasis of its own, glued to the text
_EMPHASIZED_NUMBER = re.compile(r"^\s*\*{1,3}\s*((?:[IVX]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)])\s*\*{1,3}\s*")
_GRID_REACH = 12  # lines a grid's content may run without a "|"
_STT_LIKE = re.compile(r"^(?:\d{1,3}\.?|[IVX]{1,5}\.?|[-+*•])$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_HARD_BREAK = re.compile(r"(?<!\\)\\$")  # "**KẾ HOẠCH**\": a markdown line break ends the line, nothing more

# --- line level
# "môi trường số1;" -> "môi trường số;" (a lower-case word, then a 1-2 digit note number); never
# "UBTVQH15", "57-NQ/TW", "pakn.nq57.vn", "50 km2"
_FOOTNOTE = re.compile(r"(?<![\w./@\-])([^\W\d_]{2,})(\d{1,2})(?=[\s,;:)”\"']|\.(?!\w)|$)")
_NOT_FOOTNOTE = frozenset(("km", "cm", "mm", "dm", "ipv", "mp"))
# a footnote mark glued to a word; "m²", "km²", "m³" are units of area and volume
_SUPERSCRIPT = re.compile(r"([^\W\d_]+)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SQUARED = frozenset(("m", "km", "cm", "dm", "hm", "mm"))
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:[Tt]rang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$")
_CELL_NUMBER = re.compile(r"^\d[\d.,]*%?$")  # a figure alone on its line: "168", "1.900", "95%"
_REF_BROKEN = re.compile(r"\d-$")  # "Nghị quyết số 57-" + "NQ/TW"
_REF_REST = re.compile(r"^[A-ZĐ]{1,10}[/\-][A-ZĐ]")
_YEAR_END = re.compile(r"\b(?:19|20)\d\d$")
_YEAR_REST = re.compile(r"^[-–]\s*((?:19|20)\d\d)\b(?!\s*:)")
_NUMBER_END = re.compile(r"(?<![\d.,/])\d{1,3}$")  # "… tốc độ tăng bình quân 05" / "- 06%/năm": a range cut
_NUMBER_REST = re.compile(r"^[-–]\s*(\d{1,3})(?=\s*(?:%|‰|/|[a-zđà-ỹ]))")
_SENTENCE_END = ".!?;…"
_CLOSERS = "”\"'’»)]"
# a line ending in one of these words stops mid-phrase: what follows continues it
_OPEN_WORDS = frozenset(
    (
        "của", "và", "các", "với", "do", "cho", "về", "theo", "tại", "trong", "từ", "đến", "tới", "là", "được",
        "bị", "những", "nhằm", "để", "vào", "mà", "hoặc", "hay", "có", "như", "trên", "dưới", "giữa", "bằng",
        "ở", "qua", "sang", "lên", "thì", "nên", "nhưng", "vì", "bởi", "rằng", "một", "mỗi", "mọi", "cả", "đã",
        "sẽ", "đang", "cần", "phải", "không", "chưa", "gồm", "thuộc", "đối", "giao", "nghị",
        "ngày", "trước",  # "… trình UBND huyện trước ngày" / "30/4/2025.": a date wrapped
    )
)


# words of two syllables that open what follows as their last syllable does ("2. Nhiệm vụ đối với" / "các xã")
_OPEN_COMPOUNDS = frozenset(("đối với", "cùng với", "bao gồm", "gồm có", "thông qua", "kể cả", "cũng như", "để cho"))


@dataclass
class _Segment:
    """One cleaned input line."""

    text: str
    page: int
    gap: bool  # a blank line, dropped page number or page break precedes it
    wrapped: bool  # the raw line ended with exactly one space: the PDF exporter wrapped it
    hint: str | None = None  # markup that made it a heading: "md1".."md6" or "bold"


@dataclass
class _Line:
    """One output line, possibly joined from several segments."""

    text: str
    gap: bool
    wrapped: bool
    page_marks: list[tuple[int, int]] = field(default_factory=list)  # (page, offset in line)
    hint: str | None = None


def normalize_text(raw: str) -> tuple[str, list[int]]:
    """Normalized text and the offsets where pages 1, 2, … start ([0] when there are no page breaks)."""
    text, page_starts, _ = normalize_with_hints(raw)
    return text, page_starts


def normalize_with_hints(raw: str) -> tuple[str, list[int], dict[int, str]]:
    """`normalize_text`, plus what markup said and plain text no longer shows: the offset of each line
    that was a markdown heading ("md1".."md6") or stood alone in bold ("bold")."""
    text = from_mail(nfc(raw).replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").translate(_SLASHES))
    text = _EDIT_HISTORY.sub("", _FRONT_MATTER.sub("", text))
    pages = text.split(PAGE_BREAK)
    spaced = SpacedTables()  # a table laid out with spaces goes on over a page break
    rows = [(page_no, raw_line, _clean_line(_strip_emphasis(raw_line)))
            for page_no, page in enumerate(pages) for raw_line in [""] + _page_lines(page, spaced)]
    running = _running_lines([line for _, _, line in rows], [page_no for page_no, _, _ in rows])
    numbers = _page_numbers([line for _, _, line in rows])
    rows = _rows_over_pages(rows, running | numbers)
    segments: list[_Segment] = []
    gap = True
    width = _wrap_width([line for _, _, line in rows])
    for i, (page_no, raw_line, line) in enumerate(rows):
        if not line or i in numbers or i in running:
            gap = True
            continue
        wrapped = raw_line.endswith(" ") and not raw_line.endswith("  ") or \
            bool(width) and len(line) >= width - _WRAP_SLACK and not is_table_row(line)
        segments.append(_Segment(line, page_no, gap, wrapped, _hint(raw_line)))
        gap = False
    lines = _without_translation(_join(segments))
    start, end = own_document([line.text for line in lines])
    if start or end < len(lines):
        page = next((p for line in reversed(lines[:start + 1]) for p, _ in reversed(line.page_marks)), 0)
        lines = lines[start:end]
        lines[0].page_marks = [(page, 0), *lines[0].page_marks]  # the page the document begins on
    out, page_starts, hints = _assemble(lines, len(pages))
    return out, page_starts if len(pages) > 1 else [0], hints


# a fraction or division slash (OCR's, a typesetter's "Quý II⁄2026"), a full-width one: the "/" of a date or a number
_SLASHES = str.maketrans(dict.fromkeys("\u2044\u2215\uff0f", "/"))
# a page exported from a wiki: its metadata block ("---" / "title: …" / "tags: […]" / "---") opening the file, and
# the page's edit history ("Lịch sử chỉnh sửa" over a table or list of versions) are no part of the document
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?=[\w-]+:[ \t])(?:[^\n]*\n){1,40}?---[ \t]*\n")
_EDIT_HISTORY = re.compile(r"^[#*_ \t]*(?:lịch sử (?:chỉnh sửa|sửa đổi|thay đổi|phiên bản|cập nhật)|revision history|"
                           r"change ?log)[*_: \t]*\n(?:[ \t]*\n)?(?:[ \t]*(?:\|[^\n]*|[^\n]*\t[^\n]*|[-+*] [^\n]*)(?:\n|\Z))+",
                           re.IGNORECASE | re.MULTILINE)
_ATTACHED = re.compile(r"\bkèm theo\b", re.IGNORECASE)  # "(Ban hành kèm theo Quyết định số 1147/QĐ-UBND …)"
# said in a covering letter: "… gửi kèm theo Kế hoạch …", "(Kế hoạch kèm theo Công văn này)", "đính kèm", "sao gửi";
# not a decision's "Ban hành kèm theo Quyết định này …", which names no document printed after it
_SENT_WITH = re.compile(r"\bgửi\b[^.;:]{0,80}?\bkèm\b|\bkèm theo\b[^.;:]{0,40}?\b(?:công văn|văn bản|thư) này\b|"
                        r"\bđính kèm\b|\bsao gửi\b", re.IGNORECASE)
_HEADER_BLOCK_LINES = 8  # lines of a header block from its issuer to its motto and number


def own_document(lines: list[str]) -> tuple[int, int]:
    """[start, end) of the lines that are the document, in a file that holds more (pages of a gazette, "Công báo"):
    before its header block, the end of the document printed before it ("Nơi nhận:", a signature); after its
    signature, the header block of the next, numbered otherwise and not attached to it ("Số: 1152/QĐ-UBND" after
    "Số: 1147/QĐ-UBND"; a plan "ban hành kèm theo" the decision is the decision's own, and so is a plan the letter
    before it sends, citing its number or saying it is sent with it)."""
    mottos = [i for i, line in enumerate(lines) if is_motto(line)]
    if not mottos:
        return 0, len(lines)
    start = header_block_start(lines, mottos[0]) if any(is_recipients(line) for line in lines[:mottos[0]]) else 0
    own = next((n for line in lines[start:mottos[0] + _HEADER_BLOCK_LINES] if (n := number_line(line))), None)
    for motto in mottos[1:]:
        begin = header_block_start(lines, motto)
        block = lines[begin:motto + _HEADER_BLOCK_LINES]
        number = next((n for line in block if (n := number_line(line))), None)
        before = lines[start:begin]
        if own and number and number_key(number) != number_key(own) and not any(_ATTACHED.search(b) for b in block) \
                and any(is_recipients(line) for line in before) and not _sends(before, number):
            return start, begin
    return start, len(lines)


def _sends(lines: list[str], number: str) -> bool:
    """The document before sends the next: a covering letter citing it by its number ("Sở Nội vụ sao gửi Kế hoạch
    số 37/KH-UBND …") or saying it is sent with it ("… gửi kèm theo Kế hoạch"): one file's own, not two entries of a
    gazette."""
    key = number_key(number)
    return any(number_key(m.group(0)) == key for line in lines for m in DOC_NUMBER.finditer(line)) or \
        any(_SENT_WITH.search(line) for line in lines)


_WRAP_SLACK = 12  # characters short of the width a line cut at it may end (the next word did not fit)
_MAX_WRAP = 100  # text cut at a width is cut narrower than this (e-mail: 72 or 76, a copied web page: 80)


def _wrap_width(lines: list[str]) -> int:
    """The width a text was hard-wrapped at (e-mail, a copied page: "…, giám sát việc thực hiện" / "Kế hoạch; …"),
    0 when it was not: most of its lines of some length end within a few characters of its longest."""
    lengths = sorted(len(line) for line in lines if len(line) >= 20 and not is_table_row(line))
    if len(lengths) < 20:
        return 0
    width = lengths[int(0.95 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if width - _WRAP_SLACK <= n <= width)
    return width if width <= _MAX_WRAP and near >= 0.5 * len(lengths) else 0


# a plan pasted from an e-mail: its lines quoted "> " (">> " when forwarded twice), the mail's own fields before it
_QUOTE = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
_MAIL_FIELD = re.compile(r"^(?:From|To|Cc|Bcc|Date|Sent|Subject|Từ|Tới|Đến|Ngày gửi|Ngày|Chủ đề|Tiêu đề|Gửi|Người gửi|"
                         r"Người nhận)\s*:\s*\S", re.IGNORECASE)
_MAIL_MARK = re.compile(r"^-{2,}\s*(?:Forwarded message|Original Message|Thư (?:được )?chuyển tiếp|Tin nhắn "
                        r"(?:được )?chuyển tiếp|Thư gốc)\s*-{2,}$", re.IGNORECASE)
# "Vào Th 2, 8 thg 4, 2024 lúc 10:05 Ban Tuyên giáo … <…@…> đã viết:", "On Mon, … wrote:" (over up to three lines)
_ATTRIBUTION = re.compile(r"^(?:Vào|On)\b[^\n]{0,160}(?:\n[^\n]{0,160}){0,2}?(?:đã viết|wrote)\s*:[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)
_QUOTED_SHARE = 0.3  # of a text's lines quoted: it is a mail's quoted text, not a plan's "> …" aside


def from_mail(text: str) -> str:
    """A plan pasted from an e-mail read as the plan: the quote marks opening its lines taken off, and the mail's
    fields (From:, Date:, Subject: … below "Forwarded message"), the lines saying who wrote what was quoted, and
    the sender's signature ("--" and what follows) left out — a mail's date or subject is no date or title of the
    plan. The sender's own note is kept: it is text the user ingested."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if not filled or sum(1 for line in filled if _QUOTE.match(line)) < _QUOTED_SHARE * len(filled):
        return _quoted_replies(lines)
    out: list[str] = []
    for line in (_QUOTE.sub("", line) for line in lines):
        if line.rstrip() == "--" and out:  # "-- " opens the sender's signature: the plan is above it
            break
        out.append(line)
    joined = "\n".join(out)
    joined = _ATTRIBUTION.sub("", joined)
    kept = [line for line in joined.split("\n") if not _MAIL_MARK.match(line.strip())]
    start = 0  # the mail's fields are the lines it opens with, up to the first blank line after them
    while start < len(kept) and not kept[start].strip():
        start += 1
    end = start
    while end < len(kept) and _MAIL_FIELD.match(kept[end]):
        end += 1
    if end - start >= 2:
        kept = kept[:start] + kept[end:]
    return "\n".join(kept)


def _quoted_replies(lines: list[str]) -> str:
    """A mail carrying a plan that is not quoted, around a reply that is ("> Chị ơi, … xác nhận lại" / "> mấy điểm"
    …): the marks of two quoted lines or more in a row come off, with the line saying who wrote them; one quoted
    line alone is no mail ("> Trích ý kiến …")."""
    out = list(lines)
    runs = [list(run) for quoted, run in itertools.groupby(range(len(lines)), key=lambda k: bool(_QUOTE.match(lines[k])))
            if quoted]
    replies = [run for run in runs if len(run) >= 2]
    for run in replies:
        for k in run:
            out[k] = _QUOTE.sub("", lines[k])
    joined = "\n".join(out)
    return _ATTRIBUTION.sub("", joined) if replies else joined


def _rows_over_pages(rows: list[tuple[int, str, str]], left_out: set[int]) -> list[tuple[int, str, str]]:
    """A table row cut by a page break: the rest of it, a row of no number at the top of the next page, joined to
    it on its page (page numbers, running heads and the table's header printed again on the new page are no text
    of the row, and the header so repeated is left out: one table)."""
    out = list(rows)
    last: int | None = None
    before: int | None = None  # the row read before `last`
    header: list[str] | None = None  # the column names of the table read last (the row above its "|---|")
    above, repeated = "", False
    for i, (page_no, _, line) in enumerate(rows):
        if not line or i in left_out:
            continue
        broken = last is not None and out[last][0] < page_no
        if broken and header is not None and _folded_cells(line) == header:
            out[i] = (page_no, "", "")  # the header again: the table goes on
            repeated = True
            continue
        if PIPE_SEPARATOR.match(line.strip()):
            if repeated or last is not None and before is not None and _next_row(out[before], out[last]):
                out[i] = (page_no, "", "")
            elif is_pipe_row(above):
                header = _folded_cells(above)
            above, repeated = line, False
            continue
        above, repeated = line, False
        joined = _joined_row(out[last][2], line, broken=True) if last is not None and broken else None
        if last is not None and joined is not None:
            out[last] = (out[last][0], joined, joined)
            out[i] = (page_no, "", "")
            repeated = True  # a "|---|" under the rest of the row is no header's
            continue
        before, last = last, i
    return out


def _next_row(upper: tuple[int, str, str], row: tuple[int, str, str]) -> bool:
    """`row` opens a page with the number after the one of the row `upper` that ends the page before, in as many
    cells: the table goes on, and the "|---|" a reader put under the first row it read there is no header's."""
    if upper[0] >= row[0] or not (is_pipe_row(upper[2]) and is_pipe_row(row[2])):
        return False
    cells, upper_cells = split_cells(row[2]), split_cells(upper[2])
    first, above = cells[0].strip().rstrip("."), upper_cells[0].strip().rstrip(".")
    return len(cells) == len(upper_cells) and first.isdigit() and above.isdigit() and int(first) == int(above) + 1


def _folded_cells(line: str) -> list[str]:
    return [fold_accents(collapse_spaces(cell)).lower() for cell in split_cells(line)] if is_pipe_row(line) else []


def _page_numbers(lines: list[str]) -> set[int]:
    """Indexes of the lines that are a page's number: "Trang 4/7", "- 4 -", a bare "4" — but not a number right
    beside another, as a page has one: a table's cells read one per line ("Xã Hải Ninh" / "168" / "14")."""
    return {i for i, line in enumerate(lines) if line and _PAGE_NUMBER.match(line) and not any(
        0 <= j < len(lines) and _CELL_NUMBER.match(lines[j]) for j in (i - 1, i + 1))}


def _set_apart(lines: list[str], i: int) -> bool:
    """"Trang 4/7", "- 4 -" are page numbers; a bare "4" is one when it stands between blank lines, as a table's row
    number ("1" / "Sở Tài chính chủ trì" / "2") does not."""
    return not lines[i].isdigit() or (i > 0 and not lines[i - 1]) or (i + 1 < len(lines) and not lines[i + 1])


def _running_lines(lines: list[str], pages: Sequence[int] = ()) -> set[int]:
    """Indexes of a running head or foot: the same line printed next to the page number on two or more
    pages ("Trang 4/7" / "Kế hoạch số 1245/KH-SYT - Sở Y tế …"), which copied text keeps in mid-sentence; or a line
    opening or closing two or more pages that is the same but for the page's number in it (a browser prints "12/5/26,
    2:22 AM Kế hoạch … - Cổng thông tin …" above each page and the address with "3/6" below it), or two such lines
    run together."""
    filled = [i for i, line in enumerate(lines) if line]
    at_number: dict[str, list[int]] = {}
    for k, i in enumerate(filled):
        line = lines[i]
        if _PAGE_NUMBER.match(line) or is_table_row(line) or len(line) < 10 or not has_text(line):
            continue
        near = [filled[j] for j in (k - 1, k + 1) if 0 <= j < len(filled)]
        if any(_PAGE_NUMBER.match(lines[n]) and _set_apart(lines, n) for n in near):
            at_number.setdefault(line, []).append(i)
    running = {line for line, found in at_number.items() if len(found) >= 2}
    edges = _page_edges(filled, pages) if pages else []
    on_pages: dict[str, dict[int, str]] = {}  # the line without its page number -> page -> the number printed
    for k, i in enumerate(filled):
        if i in edges and len(lines[i]) >= 10 and not is_table_row(lines[i]):
            number = _PAGE_OF.search(lines[i])
            if number or not _in_block([lines[j] for j in filled[max(0, k - _BLOCK_REACH):k + _BLOCK_REACH + 1]]):
                on_pages.setdefault(_PAGE_OF.sub("", lines[i]).strip(), {})[pages[i]] = number.group(0) if number else ""
    # printed with a page number that changes, or at an edge of half the pages or more, outside a header block or
    # signature: "ỦY BAN NHÂN DÂN" over a decision's and its plan's motto, the signer's name under both, are text
    printed = {line for line, found in on_pages.items() if len(found) >= 2 and has_text(line) and (
        len(set(found.values()) - {""}) >= 2 or 2 * len(found) >= len(set(pages)))}
    out = {i for i, line in enumerate(lines) if line in running}  # the last page's too, which no number follows
    for i in edges:
        rest = _PAGE_OF.sub("", lines[i]).strip()
        for line in sorted(printed, key=len, reverse=True):
            rest = rest.replace(line, " ")
        if printed and not has_text(_PAGE_OF.sub("", rest)):
            out.add(i)
    return out


# a page's number beside the running text: "http://… 3/6", "Trang 2/5 …", a gazette's "CÔNG BÁO/Số 25 + 26/Ngày
# 20-5-2025 37" and, on the facing page, "38 CÔNG BÁO/…"
_PAGE_OF = re.compile(r"(?:^|\s)(?:[Tt]rang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?=\s*$)|"
                      r"^\s*(?:[Tt]rang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?\s")
_EDGE_LINES = 2  # lines opening or closing a page that may be its running head or foot


_BLOCK_REACH = 3  # lines around an edge line that tell it stands in a header block or a signature


def _in_block(around: list[str]) -> bool:
    """Lines near an edge line hold a motto, a document number or a signing post: it is part of a header or a
    signature, whatever pages it opens or closes."""
    return any(is_motto(line) or number_line(line) or re.match(SIGNING_MARK, line) for line in around)


def _page_edges(filled: list[int], pages: Sequence[int]) -> list[int]:
    """The filled lines opening and closing each page."""
    out: list[int] = []
    for _, run in itertools.groupby(filled, key=lambda i: pages[i]):
        found = list(run)
        out += found[:_EDGE_LINES] + [i for i in found[-_EDGE_LINES:] if i not in found[:_EDGE_LINES]]
    return out


def _page_lines(page: str, spaced: SpacedTables | None = None) -> list[str]:
    """Lines of one page with HTML and LaTeX resolved, emphasis wrapped by the exporter over several
    lines made one line again ("**III. TỔ CHỨC" / "THỰC HIỆN**"), and layout tables undone."""
    page = html_tables(page)  # a Word table exported as HTML: merged cells keep their columns
    page = _BOX_DRAWN.sub(lambda m: m.group(0).translate(_AS_GRID), page)  # "┌──┬──┐" / "│ … │": a grid
    page = "\n".join(layout_rows(ruled_tables(page.split("\n"))))  # before emphasis is joined over lines and "<br>"
    # a data table's cell in several "<br>" parts is one value ("Phòng Kinh tế và Hạ tầng<br>UBND các xã": two
    # units); elsewhere "<br>" ends a line ("**TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**")
    page = "\n".join(_broken_cells(line) if is_pipe_row(line) else line for line in page.split("\n"))
    page = _HTML_BREAK.sub("\n", page)
    page = _HTML_CELL_END.sub("\t", page)
    page = _HTML_BLOCK_END.sub("\n", page)
    page = HTML_TAG.sub("", page)
    page = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), page)
    page = resolve_latex(page)
    page = _GLUED_HEADING.sub("\n\n", page)
    page = _WRAPPED_EMPHASIS.sub(lambda m: m.group(0).replace("\n", " "), page)
    lines = cell_lines((spaced or SpacedTables()).read(page.split("\n")))
    return number_beside_date(side_by_side(layout_rows(marked_periods(marked_units(wrapped_rows(pipe_grids(
        bordered_rows(tabbed_paragraphs(marked_items(lines))))))))))


# "Số: 415/KH-SNNMT Bắc Trà, ngày 05 tháng 9 năm 2026": a header's two cells printed on one line (a PDF of a table)
_NUMBER_THEN_DATE = re.compile(rf"^(\s*Số\s*:?\s*\S+)\s+([{UPPER}][\w\s.]{{0,40}},\s*ngày\b.*)$")


def number_beside_date(lines: list[str]) -> list[str]:
    """A number line with the place and date beside it: two lines, as the header's two columns are."""
    out: list[str] = []
    for line in lines:
        m = _NUMBER_THEN_DATE.match(line)
        if m and number_line(m.group(1)) is not None and _DATE_LINE.match(m.group(2)):
            out += [m.group(1), m.group(2)]
        else:
            out.append(line)
    return out


# two columns typed with spaces, or two cells of a spreadsheet's row (a tab); not the blank left for a number or
# day filled in at signing ("Số      -KH/TU", "ngày      tháng 01 năm 2026")
_COLUMN_GAP = re.compile(r"(?<=\S)(?<!\bSố)(?<!\bSố:)(?<!\bngày)(?<!\btháng)(?: {3,}| *\t[ \t]*)(?=[^\s\-/])")
_LAYOUT_MARK = re.compile(rf"{HEADER_MARK}|{SIGNING_MARK}|^Số\b", re.MULTILINE)
_SIGNING = re.compile(SIGNING_MARK, re.MULTILINE)
_RIGHT_INDENT = 20  # a line indented this far stands in the right column
_COLUMN_REACH = 3  # lines between two lines of one two-column block
_SIGNATURE_REACH = 6  # lines between "(đã ký)" and the signer's name


def side_by_side(lines: list[str]) -> list[str]:
    """A header or signature typed as two columns with spaces ("ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI …",
    "Nơi nhận:      KT. CHỦ TỊCH"): the left column's lines, then the right column's, as two cells are read.
    Only blocks of two lines or more with one wide gap each, holding a header or signature mark."""
    split = [i for i, ln in enumerate(lines) if len(_COLUMN_GAP.findall(ln.strip())) == 1]
    blocks: list[list[int]] = []
    for i in split:
        if blocks and i - blocks[-1][1] <= _COLUMN_REACH:
            blocks[-1][1] = i
        else:
            blocks.append([i, i])
    out, done = [], 0
    for a, b in blocks:
        marks = "\n".join(ln.strip() for ln in lines[a:b + 1])
        if sum(1 for i in split if a <= i <= b) < 2 or not _LAYOUT_MARK.search(marks):
            continue
        while a > done and _indent(lines[a - 1]) >= _RIGHT_INDENT:  # the right column's head above ("T/M BAN …")
            a -= 1
        signing = bool(_SIGNING.search("\n".join(ln.strip() for ln in lines[a:b + 1])))
        if signing:  # "(đã ký)" and the name below,
            # past the room left for the signature and seal while "Nơi nhận" runs on at the left
            while not _signer_name(_COLUMN_GAP.split(lines[b].strip())[-1]) and (
                    below := [j for j in _filled_after(lines, b, _SIGNATURE_REACH)
                              if _indent(lines[j]) >= _RIGHT_INDENT or j in split]):
                b = below[0]
            while b + 1 < len(lines) and lines[b + 1].strip() and _indent(lines[b + 1]) < _RIGHT_INDENT:
                b += 1  # "Nơi nhận" running on below the signer's name
        left: list[str] = []
        right: list[str] = []
        for line in lines[a:b + 1]:
            parts = _COLUMN_GAP.split(line.strip())
            if len(parts) == 2:
                left.append(parts[0])
                right.append(parts[1])
            elif line.strip():
                # the signer's name under the seal, read from a scan at the margin below "Nơi nhận": the right's
                signer = signing and _signer_name(line.strip()) and not any(map(_signer_name, right))
                (right if signer or _indent(line) >= _RIGHT_INDENT else left).append(line.strip())
        out += [*lines[done:a], *left, "", *right]
        done = b + 1
    return out + lines[done:]


def _filled_after(lines: list[str], i: int, n: int) -> list[int]:
    """The next `n` lines after `i` that hold text, page numbers not counted (a signature may go on over a page)."""
    return list(itertools.islice((j for j in range(i + 1, len(lines))
                                  if lines[j].strip() and not _PAGE_NUMBER.match(lines[j].strip())), n))


# a table drawn in box characters (text exported from a console or a word processor's "text with line drawing"): the
# same grid as pandoc's "+---+" / "|", the corners and crossings "+", the lines "-" ("=" under a double-lined header)
_BOX_CORNERS = "┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╞╪╡╟╫╢"
_AS_GRID = str.maketrans({**dict.fromkeys(_BOX_CORNERS, "+"), "─": "-", "═": "=", "│": "|", "║": "|"})
_BOX_DRAWN = re.compile(rf"(?m)^[ \t]*[{_BOX_CORNERS}│║][^\n]*[{_BOX_CORNERS}│║][ \t]*$")
_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_HEAD_BORDER = re.compile(r"^\s*\+(?:[=:]+\+)+\s*$")


# a table ruled without its frame, as typed in plain text or printed by a console ("TT|Nhiệm vụ |Chủ trì" /
# "--+-----------+--------"): the same grid as pandoc's, its outer "+" and "|" left off
_INNER_RULE = re.compile(r"^\s*[-=]+(?:\+[-=]+)+\s*$")


def _framed(lines: list[str]) -> list[str]:
    """Tables ruled without their frame given one, so `ruled_tables` reads them: the rules and the lines of as many
    "|" as a rule has "+" around them (the header above the first rule included) framed as "+---+" / "| … |"."""
    out = list(lines)
    i = 0
    while i < len(out):
        if not _INNER_RULE.match(out[i]):
            i += 1
            continue
        bars = out[i].count("+")
        start = i
        while start > 0 and out[start - 1].count("|") == bars and has_text(out[start - 1]):
            start -= 1
        end = i
        rules = 0
        while end < len(out) and (_INNER_RULE.match(out[end]) and out[end].count("+") == bars or
                                  out[end].count("|") == bars and has_text(out[end])):
            rules += bool(_INNER_RULE.match(out[end]))
            end += 1
        if rules < 2:
            i = end
            continue
        rule = "+" + out[i].strip() + "+"
        block = [f"+{ln.strip()}+" if _INNER_RULE.match(ln) else f"|{ln.rstrip()}|" for ln in out[start:end]]
        if start < i:
            block.insert(0, rule)
        if not _INNER_RULE.match(out[end - 1]):
            block.append(rule)
        out[start:end] = block
        i = start + len(block)
    return out


def ruled_tables(lines: list[str]) -> list[str]:
    """A table drawn with "+---+" borders (a grid table of pandoc, Word exported to markdown; one ruled without its
    frame), its cells wrapped over several "|" lines: one markdown row per ruled row, the wrapped pieces of each cell
    joined (a piece left blank parts two paragraphs); the rows above a "+===+" border are the header (else the first).
    A header or signature laid out in such a table is read column by column, a paragraph a line, as `layout_rows`
    reads one of one line."""
    lines = _framed(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[list[str]]] = []  # row -> cell -> paragraphs
        header = 0
        piece: list[list[str]] = []
        j = i + 1
        while j < len(lines) and (_BORDER.match(lines[j]) or is_pipe_row(lines[j])):
            if is_pipe_row(lines[j]):
                piece.append(split_cells(lines[j]))
            else:
                if piece and len({len(p) for p in piece}) == 1:
                    rows.append([_paragraphs([p[k] for p in piece]) for k in range(len(piece[0]))])
                elif piece:
                    break  # cells that do not line up: leave the lines as they are
                piece = []
                if _HEAD_BORDER.match(lines[j]):
                    header = len(rows)
            j += 1
        if not rows or piece:
            out += lines[i:j]
            i = j
            continue
        width = len(rows[0])
        columns = layout_columns(rows)
        if columns is not None:
            out += columns
            i = j
            continue
        joined = [[" ".join(c) for c in r] for r in rows]
        header = header or 1
        out += [f"| {' | '.join(r)} |" for r in joined[:header]]
        out.append("|" + "---|" * width)
        out += [f"| {' | '.join(r)} |" for r in joined[header:]]
        i = j
    return out


def _paragraphs(pieces: list[str]) -> list[str]:
    """A grid cell's lines as paragraphs: lines run on until a blank one."""
    paragraphs = [collapse_spaces(" ".join(run)) for blank, run in itertools.groupby(pieces, key=lambda p: not p.strip())
                  if not blank]
    return [p for p in paragraphs if p]


def layout_rows(lines: list[str]) -> list[str]:
    """A header or signature laid out as a markdown table ("| TỈNH ỦY … | ĐẢNG CỘNG SẢN VIỆT NAM |",
    "| Nơi nhận: | T/M BAN THƯỜNG VỤ |"): each column's cells as lines, the left column first, as
    `side_by_side` reads columns typed with spaces; a cell's "<br>" parts lines. A data table holds no such mark
    and stays a table."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and is_pipe_row(lines[j]):
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        rows = [split_cells(ln) for ln in lines[i:j] if not PIPE_SEPARATOR.match(ln.strip())]
        columns = layout_columns([[_cell_lines(c) for c in r] for r in rows])
        out += lines[i:j] if columns is None else columns
        i = j
    return out


def _broken_cells(row: str) -> str:
    """A pipe row whose cells hold "<br>" parts, each cell one value (`cell_text`)."""
    if not _HTML_BREAK.search(row):
        return row
    return "| " + " | ".join(cell_text(_HTML_BREAK.split(c)) for c in split_cells(row)) + " |"


def _cell_lines(cell: str) -> list[str]:
    """A layout cell's lines: "**ỦY BAN NHÂN DÂN<br>TỈNH BẮC LĨNH**<br>-------" is three, its emphasis dropped."""
    pieces = [_BOLD.sub("", p).strip(" *_") for p in _HTML_BREAK.split(cell)]
    return [p for p in pieces if p] if len(pieces) > 1 else [cell] if cell else []


def _signer_name(text: str) -> bool:
    """"Trịnh Quốc Vượng" ends a signature; its titles above are in capitals."""
    return bool(person_name(text)) and not is_upper(text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) if line.strip() else 0


def _hint(raw_line: str) -> str | None:
    line = raw_line.strip()
    m = _MD_HEADING_LEVEL.match(line)
    if m:
        return f"md{len(m.group(1))}"
    body = line.rstrip(":").strip()
    return "bold" if _BOLD_LINE.match(body) and has_text(body) else None


def _strip_emphasis(line: str) -> str:
    line = _EMPHASIZED_NUMBER.sub(r"\1 ", line)
    return _ITALIC.sub(r"\1", _BOLD.sub("", line))


def bordered_rows(lines: list[str]) -> list[str]:
    """A table typed without its outer "|" ("STT | Tên công trình | Năm", as markdown allows; "Nơi nhận: | KT. GIÁM
    ĐỐC" beside the signature): lines in a row holding the same number of "|" get their borders, so an empty first
    or last cell (" | Tổng cộng | | 209.000 | |") keeps its column."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        count = lines[i].count("|") if has_text(lines[i]) else 0  # a line of a lone "|" is a grid's (`pipe_grids`)
        j = i + 1
        while count and j < len(lines) and lines[j].count("|") == count and has_text(lines[j]):
            j += 1
        run = lines[i:j]
        if j - i >= 2 and not all(is_pipe_row(ln) for ln in run):
            run = [f"| {ln.strip()} |" for ln in run]
        out += run
        i = j
    return out


# Word's list numbering copied as text ends its label with a tab: "1.<tab>Mục đích", "-<tab>Nâng cao …", "a)<tab>…"
_MARKED_ITEM = re.compile(r"^\s*(?:[IVXLC]{1,6}\.|\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][.)]|[-+•*–·o\uf0a7\uf0b7\uf0d8])\t+(?=\S)[^\t]*$")


def marked_items(lines: list[str]) -> list[str]:
    """A list item whose label a tab follows (Word's numbering pasted into Notepad or a mail), no other tab on the
    line: an item, not a row of two cells — a table numbers its rows "1", "2" in a cell of their own."""
    return [line.replace("\t", " ", 1).replace("\t", "") if _MARKED_ITEM.match(line) else line for line in lines]


def tabbed_paragraphs(lines: list[str]) -> list[str]:
    """A Word table copied as text keeps a cell's second paragraph on a line of its own: a row short of its header's
    tabs goes on with the line that brings them ("…\tSở Y tế" / "và Công an tỉnh\tQuý II/2027"), and a line with no
    tab between two rows, or in lower case under one, goes on the last cell above. A line naming a group of rows
    ("Nhóm 2: Đội ngũ"), a numbered or bulleted line, a label ("Ghi chú: …") or a row of figures that lost its tabs
    ("Tổng 30.000 1.500 …") stays apart; a tab indenting a line separates nothing."""
    out: list[str] = []
    width = 0  # tabs of the table's first row
    for i, line in enumerate(lines):
        above = _tabs(out[-1]) if out else 0
        tabs = _tabs(line)
        if not above or not has_text(line):
            width = tabs
            out.append(line)
            continue
        width = width or above
        row_follows = i + 1 < len(lines) and _tabs(lines[i + 1]) > 0
        stripped = line.strip()
        if tabs and above + tabs == width and not _STT_LIKE.match(stripped.split("\t")[0].strip() or "-"):
            out[-1] = f"{out[-1].rstrip()} {line.lstrip()}"  # the rest of a row whose cell broke in two
        elif not tabs and not names_group(stripped) and not is_list_start(stripped) and \
                not opens_with_label(stripped) and len(FIGURE_RUN.findall(stripped)) < 2 and \
                (row_follows or stripped[:1].islower()):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            width = width if tabs else 0
            out.append(line)
    return out


def _tabs(line: str) -> int:
    return line.strip().count("\t")


def wrapped_rows(lines: list[str]) -> list[str]:
    """A markdown table whose long cells an export cut at a width, each piece in a row of its own: a row of no number
    whose pieces of text go on in lower case ("|   | hợp vệ sinh |   | … | Môi trường |") joins the numbered row above,
    cell by cell."""
    out: list[str] = []
    for line in lines:
        joined = _joined_row(out[-1], line) if out else None
        if joined is not None:
            out[-1] = joined
            continue
        out.append(line)
    return out


def _joined_row(above: str, line: str, broken: bool = False) -> str | None:
    """The pipe row `above` with the row of no number under it joined cell by cell; None when `line` goes on no row.
    `broken`: `line` opens the next page, where the rest of a row cut by the page break may also open on a figure
    ("1.200 mẫu xét nghiệm")."""
    if not (is_pipe_row(line) and is_pipe_row(above)):
        return None
    upper, cells = split_cells(above), split_cells(line)
    if not _continues_row(upper, cells, broken):
        return None
    return _pipe_row([collapse_spaces(f"{a} {c}") for a, c in zip(upper, cells, strict=True)])


# the marks of a matrix of units (accents folded): who leads, who coordinates
_MARKS = {"c": "lead", "ct": "lead", "x": "lead", "chu tri": "lead", "●": "lead", "✓": "lead", "✔": "lead",
          "p": "co", "ph": "co", "phoi hop": "co", "+": "co", "o": "co"}
MATRIX_COLUMNS = ("Chủ trì", "Phối hợp")  # what a matrix's marks say, written out in columns of their own


def marked_units(lines: list[str]) -> list[str]:
    """A matrix of units ("| Nhiệm vụ | Phòng GD&ĐT | Công an huyện | … |", "C" or "x" marking the lead, "P" the
    co-units, as its legend says): each row gets two cells naming the units marked, under "Chủ trì" and "Phối hợp",
    so that the row reads as any task table's (markdown or tabbed)."""
    return _each_table(lines, _matrix)


def _each_table(lines: list[str], read: Callable[[list[str], bool], list[str]], group_rows: bool = False) -> list[str]:
    """`read` applied to each run of table lines (tab-separated or "| … |"), told whether the table is tabbed;
    `group_rows`: a row with tabs after its first cell only ("I. TIÊM PHÒNG\t\t…") goes on the table."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        tabbed = "\t" in lines[i].strip()
        j = i
        while j < len(lines) and (("\t" in lines[j] if group_rows else _tabs(lines[j]) > 0) if tabbed
                                  else is_pipe_row(lines[j])):
            j += 1
        out += read(lines[i:j], tabbed) if j > i else [lines[i]]
        i = max(j, i + 1)
    return out


def _matrix(rows: list[str], tabbed: bool) -> list[str]:
    def row(cells: list[str]) -> str:
        return "\t".join(cells) if tabbed else _pipe_row(cells)

    header = split_cells(rows[0].strip() if tabbed else rows[0])
    units = [k for k, name in enumerate(header) if starts_with_unit(name)]
    if len(units) < 2 or any(role_of(name) in ("lead", "co") for name in header):
        return rows  # no matrix, or a task table naming its lead and co-units already
    out, marked = [row([*header, *MATRIX_COLUMNS])], False
    for line in rows[1:]:
        cells = split_cells(line.strip() if tabbed else line)
        if PIPE_SEPARATOR.match(line.strip()):
            out.append("|" + "---|" * (len(cells) + 2))
            continue
        roles = [_MARKS.get(fold_accents(cells[k]).strip(" .").lower()) if k < len(cells) else None for k in units]
        said = [k < len(cells) and bool(cells[k]) for k in units]
        if not any(said) or any(s and r is None for s, r in zip(said, roles, strict=True)):
            out.append(line if tabbed else row([*cells, "", ""]))  # a row as wide as the header merges no cell
            continue
        marked = True
        cells += [""] * (len(header) - len(cells))
        out.append(row([*cells, *("; ".join(header[k] for k, r in zip(units, roles, strict=True) if r == role)
                                   for role in ("lead", "co"))]))
    return out if marked else rows


_PERIOD_MARKS = frozenset(("x", "●", "•", "✓", "✔", "■", "+", "*", "v"))
_MIN_PERIODS = 3


def marked_periods(lines: list[str]) -> list[str]:
    """A schedule ("Thời gian thực hiện" over "T1" … "T12", an "x" in each month a task runs; or "Quý I" … "Quý IV",
    or years): its period columns become one cell saying the periods marked ("Tháng 3 - tháng 4, tháng 9"), under
    the name that stands over them, so a row's time reads as any task table's."""
    return _each_table(lines, _schedule, group_rows=True)


def _schedule(rows: list[str], tabbed: bool) -> list[str]:
    def cells_of(line: str) -> list[str]:
        return split_cells(line.strip("\n") if tabbed else line)

    def row(cells: list[str]) -> str:
        return "\t".join(cells) if tabbed else _pipe_row(cells)

    at = next((k for k, line in enumerate(rows[:4])
               if sum(1 for c in cells_of(line) if PERIOD_COLUMN.match(_period_name(c))) >= _MIN_PERIODS), None)
    if at is None:
        return rows
    header = [_period_name(c) for c in cells_of(rows[at])]
    columns = [k for k, c in enumerate(header) if PERIOD_COLUMN.match(c)]
    first, last = columns[0], columns[-1]
    if columns != list(range(first, last + 1)):
        return rows  # periods not side by side: no schedule
    out: list[str] = []
    marked = 0
    for k, line in enumerate(rows):
        if not tabbed and PIPE_SEPARATOR.match(line.strip()):
            out.append("|" + "---|" * (len(header) - len(columns) + 1))
            continue
        cells = cells_of(line)
        cells += [""] * (len(header) - len(cells))
        span = [c.strip() for c in cells[first:last + 1]]
        repeated = k > at and line.strip() in {above.strip() for above in rows[:at + 1]}  # on the next page
        if k < at or repeated and line.strip() != rows[at].strip():  # the name merged over the periods
            said = "; ".join(dict.fromkeys(c for c in span if c))
        elif k == at or repeated:
            said = next((c for above in rows[:at] for c in cells_of(above)[first:last + 1] if c.strip()), "")
            said = said.strip() or "Thời gian thực hiện"
        else:
            if any(c and fold_accents(c).lower() not in _PERIOD_MARKS for c in span):
                return rows  # figures under the years: a table of targets, not a schedule
            said = periods_said([header[first + n].strip() for n, c in enumerate(span) if c])
            marked += bool(said)
        new = row([*cells[:first], said, *cells[last + 1:]])
        if not (k <= at or repeated) or not out or out[-1] != new:  # a two-row header is one row now
            out.append(new)
    return out if marked >= 2 else rows


def _period_name(cell: str) -> str:
    """A period's column name as printed in a narrow column, wrapped inside its number ("T1 0" for "T10")."""
    name = cell.strip()
    joined = name.replace(" ", "")
    return joined if not PERIOD_COLUMN.match(name) and len(joined) <= 4 and PERIOD_COLUMN.match(joined) else name


def _continues_row(above: list[str], cells: list[str], broken: bool = False) -> bool:
    if len(above) != len(cells) or cells[0] or not _ROW_NUMBER.match(above[0]):
        return False
    pieces = [c for c in cells if c]
    return bool(pieces) and any(p[:1].islower() or broken and _FIGURE_WORDS.match(p) for p in pieces) and \
        not any(_FIGURE_CELL.fullmatch(p) for p in pieces)


_FIGURE_WORDS = re.compile(rf"[\d.,]+\s+[^\W\d_{UPPER}]")  # "1.200 mẫu": a figure the sentence goes on from


_FIGURE_CELL = re.compile(r"[\d.,%\s\-–]+")


# ---------------------------------------------------------------- tables laid out with spaces


_SPACED_CELL = re.compile(r"\S+(?: \S+)*")  # text between runs of two spaces or more
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.?|[A-HK-UWYĐ]\.?|[a-zđ]\))$")
_ALIGN = 2  # columns a row's number may stand right of the "STT" above it
_MIN_SPACED_COLUMNS = 3
_PAGE_MARGIN = 3  # lines a running foot or head may take between a table's rows and a page break
_HEADER_LINES = 4  # lines a header's names may wrap over
_RULE_LINE = re.compile(r"\s*[-=_─═.]{3,}\s*")  # "------" drawn above, under or between a typed table's rows


class SpacedTables:
    """Tables a PDF export laid out with spaces (`pdftotext -layout`): a header row led by "STT", cells under its
    names, a long cell wrapped onto the lines below in its own column, rows numbered in the first. Each row becomes
    one "| … |" line. The columns are kept from page to page: a table goes on after a page break without its
    header. A table with no "STT" column ("Cụm trường   Số trường   Số HS …") is read the same when a row of figures
    stands under its names; its rows are told apart by the blank line between them, or by filling most columns."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []  # where each column's name lies on the header's lines; [] outside
        self.names: list[str] = []  # the column names, to know the header a printer repeats on every page
        self.header_lines = 0
        self.numbered = True  # rows numbered in the first column ("STT"), else rows of names

    def read(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        if self.spans:  # a new page: the table goes on under its running head, or it ended on the last page
            lines, out, i = self._goes_on(lines)
        while i < len(lines):
            if not self.spans:
                block = self._header(lines, i)
                self.numbered = bool(block)
                block = block or self._named_header(lines, i)
                spans = _columns(block)
                if len(spans) < _MIN_SPACED_COLUMNS:  # no header, or names run together (a wrapped line bridges them)
                    out.append(lines[i])
                    i += 1
                    continue
                self.spans = spans
                i += len(block)  # the names wrapped in their columns ("Thời gian" / "hoàn thành") make one row
                self.names, self.header_lines = self._cells(*block, header=True), len(block)
                out += [_pipe_row(self.names), "|" + "---|" * len(self.spans)]
            rows: list[list[str]] = []
            apart = True  # a blank line (or the header) above: an unnumbered table's next line opens a row
            while i < len(lines):
                line = lines[i]
                if not line.strip() or _PAGE_NUMBER.match(line.strip()) or _RULE_LINE.fullmatch(line):
                    apart = True
                    i += 1
                    continue
                if not self.numbered:
                    pieces = self._pieces(line)
                    if not pieces or not self._fits(pieces) or (apart or not rows) and len(pieces) < 2:
                        break  # a sentence after the table runs across its columns; a heading fills one
                    if apart or not rows or self._place(pieces[0]) == 0 and len(pieces) >= _MIN_SPACED_COLUMNS:
                        rows.append(self._cells(line))
                    else:
                        self._extend(rows[-1], line)
                    apart = False
                elif self._row_start(line) or rows and _TOTAL_ROW.match(line.strip()) and self._continues(line):
                    rows.append(self._cells(line))  # "Tổng cộng   289 hộ/1.033 khẩu": a row of no number of its own
                elif rows and self._continues(line):
                    self._extend(rows[-1], line)
                else:
                    break
                i += 1
            out += [_pipe_row(r) for r in rows]
            if len(self._filled(lines[i:])) <= _PAGE_MARGIN:  # a page's foot: the table may go on over the page
                out += lines[i:]
                break
            self.spans = []  # the table ended on this page
        return out

    def _goes_on(self, lines: list[str]) -> tuple[list[str], list[str], int]:
        """A new page's lines, those before the table's rows go on and where they do: its header printed again is
        left out, and the rest of a row cut by the page break, under it, becomes a row of no number (joined to the
        row above when the pages are)."""
        page = lines
        top = self._filled(lines)[:_PAGE_MARGIN + 1]
        at = next((k for k in top if self._cells(*self._header(lines, k)[:self.header_lines], header=True)
                   == self.names), None)
        if at is not None:  # the header again: the rows go on under the first one
            lines = lines[:at] + lines[at + self.header_lines:]
        filled = self._filled(lines)
        lead = next((k for k in filled[:_PAGE_MARGIN + 1] if self._row_start(lines[k])), None)
        rest: list[int] = []
        if at is not None:  # under the header again (a running head may stand above it): the cut row's rest
            under = [k for k in filled if k >= at]
            rest = list(itertools.takewhile(lambda k: self._continues(lines[k]), under))
            lead = next((k for k in under[len(rest):len(rest) + 1] if self._row_start(lines[k])), None) \
                if rest else lead
        if lead is None:
            self.spans = []
            return page, [], 0
        carried = [_pipe_row(self._cells(*(lines[k] for k in rest)))] if rest else []
        # the rest first: the page's running head, above it, must not stand between it and the row it ends
        return lines, carried + [ln for k, ln in enumerate(lines[:lead]) if k not in rest], lead

    @staticmethod
    def _filled(lines: list[str]) -> list[int]:
        return [k for k, ln in enumerate(lines) if ln.strip() and not _PAGE_NUMBER.match(ln.strip())]

    @staticmethod
    def _header(lines: list[str], i: int) -> list[str]:
        """The header's lines from line `i`: a line led by "STT" naming three columns or more, and the lines under
        it up to the first numbered row (names wrapped in their columns); [] when no header starts there."""
        cells = list(_SPACED_CELL.finditer(lines[i]))
        if len(cells) < _MIN_SPACED_COLUMNS or not _plain(lines[i]):
            return []
        below = next(iter(_SPACED_CELL.finditer(lines[i + 1])), None) \
            if i + 1 < len(lines) and not _RULE_LINE.fullmatch(lines[i + 1]) else None
        wrapped = below is not None and abs(below.start() - cells[0].start()) <= _ALIGN and \
            role_of(_name_joined(cells[0].group(0), below.group(0))) == "stt"  # "T" / "T": "TT" in a narrow column
        if role_of(cells[0].group(0)) != "stt" and not wrapped:
            return []
        stt_end = cells[0].end()
        block = lines[i:i + 2] if wrapped else [lines[i]]  # "T" under "T" is no group row "T."
        for line in lines[i + len(block):i + _HEADER_LINES]:
            first = _SPACED_CELL.search(line)
            if first is None or first.start() <= stt_end + _ALIGN and _ROW_NUMBER.match(first.group(0)) or \
                    not _plain(line) or _RULE_LINE.fullmatch(line):
                break
            block.append(line)
        return block

    def _named_header(self, lines: list[str], i: int) -> list[str]:
        """A header with no "STT": a line of three short column names or more (no sentence, no figure), the names
        wrapped under them, then — after a blank line or not — a row of figures whose pieces each stand under one
        name, the first under the first; [] otherwise."""
        if not _plain(lines[i]) or not _names_line(lines[i]):
            return []
        block = [lines[i]]
        k = i + 1
        while k < len(lines) and k < i + _HEADER_LINES and lines[k].strip() and _plain(lines[k]) and \
                not any(c.isdigit() for c in lines[k]):
            block.append(lines[k])
            k += 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        spans = _columns(block)
        if len(spans) < _MIN_SPACED_COLUMNS or k >= len(lines) or not _plain(lines[k]):
            return []
        saved, self.spans = self.spans, spans
        pieces = self._pieces(lines[k])
        fits = len(pieces) >= _MIN_SPACED_COLUMNS and self._fits(pieces) and self._place(pieces[0]) == 0 and \
            len({self._place(m) for m in pieces}) == len(pieces) and any(c.isdigit() for c in lines[k])
        self.spans = saved
        return block if fits else []

    def _overlapped(self, a: int, b: int) -> list[int]:
        return [k for k, (x, y) in enumerate(self.spans) if a < y and x < b]

    def _column(self, a: int, b: int, number: bool = True) -> int:
        """The column of a piece of text at [a, b): the one whose name it overlaps most (a name may be left-aligned
        over a long cell or centred over a short one), else the nearest; never the first ("STT", narrow) for a piece
        that is no row number ("khỏe định kỳ" wrapped under a long name centred far to its right)."""
        return max(range(0 if number else 1, len(self.spans)),
                   key=lambda k: (min(b, self.spans[k][1]) - max(a, self.spans[k][0]),
                                  -abs((a + b) - sum(self.spans[k]))))

    def _place(self, m: re.Match[str]) -> int:
        return self._column(m.start(), m.end(), not self.numbered or bool(_ROW_NUMBER.match(m.group(0))))

    def _cells(self, *lines: str, header: bool = False) -> list[str]:
        cells = [""] * len(self.spans)
        for line in lines:
            self._extend(cells, line, header)
        return cells

    def _extend(self, cells: list[str], line: str, header: bool = False) -> None:
        for m in _SPACED_CELL.finditer(line):
            k = self._column(m.start(), m.end()) if header else self._place(m)
            cells[k] = _name_joined(cells[k], m.group(0)) if header else f"{cells[k]} {m.group(0)}".strip()

    @staticmethod
    def _pieces(line: str) -> list[re.Match[str]]:
        return list(_SPACED_CELL.finditer(line)) if _plain(line) else []

    def _row_start(self, line: str) -> bool:
        """A line opening a row: its number in the first column, its other pieces each in one column."""
        pieces = self._pieces(line) if self.spans else []
        return len(pieces) >= 2 and self._place(pieces[0]) == 0 and self._fits(pieces[1:])

    def _continues(self, line: str) -> bool:
        """A line going on with the row above: nothing in the first column, each piece in one column."""
        pieces = self._pieces(line)  # a heading after the table ("IV. NHIỆM VỤ CỤ THỂ") goes on with no row; a cell's
        # text wrapped at "(đợt" / "1)", the bare number alone under its column's name, does
        return bool(pieces) and self._place(pieces[0]) > 0 and self._fits(pieces) and (
            numbering(line.strip()) is None or pieces[0].start() > self.spans[0][1] and " " not in pieces[0].group(0))

    def _fits(self, pieces: list[re.Match[str]]) -> bool:
        """No piece runs across the names of two columns (a sentence after the table does)."""
        return all(len(self._overlapped(m.start(), m.end())) <= 1 for m in pieces)

_TOTAL_ROW = re.compile(r"^(?:Tổng cộng|TỔNG CỘNG|Tổng số|TỔNG SỐ|Cộng|CỘNG|Tổng|TỔNG)(?:\s*:)?(?:\s{2,}|$)")


_SPACED_NAME_WORDS = 5  # a column name laid out with spaces, on one line: shorter than `_MAX_NAME_WORDS` allows


def _names_line(line: str) -> bool:
    """Three column names or more laid out with spaces: short, opening in capitals, no figure, no sentence."""
    pieces = [m.group(0) for m in _SPACED_CELL.finditer(line)]
    return len(pieces) >= _MIN_SPACED_COLUMNS and all(
        p[:1].isupper() and len(p.split()) <= _SPACED_NAME_WORDS and not any(c.isdigit() for c in p)
        and not p.endswith((".", ",", ";", ":")) for p in pieces)


def _name_joined(upper: str, lower: str) -> str:
    """A column name wrapped in a narrow column: "T" / "T" is "TT", "T1" / "0" is "T10"; words join with a space."""
    glued = upper + lower
    if upper and " " not in upper and len(lower) <= 2 and (role_of(glued) == "stt" or PERIOD_COLUMN.match(glued)):
        return glued
    return f"{upper} {lower}".strip()


def _plain(line: str) -> bool:
    """A line of no tab nor "|": those are tables already, read as such."""
    return "\t" not in line and "|" not in line


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _columns(header: list[str]) -> list[tuple[int, int]]:
    """Where each column's name lies: the names of the header's lines that overlap make one column (a name
    wrapped under another)."""
    spans = sorted((m.start(), m.end()) for line in header for m in _SPACED_CELL.finditer(line))
    columns: list[list[int]] = []
    for a, b in spans:
        if columns and a <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], b)
        else:
            columns.append([a, b])
    return [(a, b) for a, b in columns]


# ---------------------------------------------------------------- tables copied one cell per line

_MAX_NAME_WORDS = 8  # a column name is short
_BARE_NUMBER = re.compile(r"[\d.,%]+")


def cell_lines(lines: list[str]) -> list[str]:
    """A table copied from a word processor as plain text, every cell on a line of its own: "STT" and the other
    column names one per line, then each row's number and its cells. Each row becomes one "| … |" line; a row
    holding more lines than cells (a cell in two paragraphs) joins the extra lines into its widest text column."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        names = _cell_header(lines, i)
        if names is None:
            out.append(lines[i])
            i += 1
            continue
        filled = [k for k in range(i, len(lines)) if lines[k].strip()]
        k = len(names)  # position in `filled` of the first row's number
        rows: list[list[str]] = []
        while k < len(filled) and _ROW_NUMBER.match(lines[filled[k]].strip()):
            end = _row_end(lines, filled, k, len(names))
            rows.append(_fit_cells([lines[j].strip() for j in filled[k:end]], names))
            k = end
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += [_pipe_row(names), "|" + "---|" * len(names), *map(_pipe_row, rows)]
        i = filled[k - 1] + 1
    return out


def _cell_header(lines: list[str], i: int) -> list[str] | None:
    """The column names starting at line `i` ("STT" / "Nội dung" / "Đơn vị chủ trì" / …), up to the first row's
    number; None when no such header starts there."""
    if role_of(lines[i].strip()) != "stt" or not _plain(lines[i]):
        return None
    names = [lines[i].strip()]
    for line in lines[i + 1:]:
        text = line.strip()
        if not text:
            continue
        if _ROW_NUMBER.match(text):
            break
        if len(text.split()) > _MAX_NAME_WORDS or text.endswith((".", ";")) or not _plain(text):
            return None
        names.append(text)
    has_roles = sum(role_of(n) is not None for n in names[1:])
    return names if len(names) >= _MIN_SPACED_COLUMNS and has_roles else None


def _row_end(lines: list[str], filled: list[int], k: int, width: int) -> int:
    """One past the last line of the row opening at filled[k]: its cells, or more when a cell ran over two lines
    and the next row's number comes later."""
    end = min(k + width, len(filled))
    number = lines[filled[k]].strip().rstrip(".")
    following = str(int(number) + 1) if number.isdigit() else None
    if end >= len(filled) or _ROW_NUMBER.match(lines[filled[end]].strip()) or following is None:
        return end

    def opens_row(j: int) -> bool:  # the next number, then text (a figure "2" among figures opens nothing)
        return lines[filled[j]].strip().rstrip(".") == following and j + 1 < len(filled) and \
            not _BARE_NUMBER.match(lines[filled[j + 1]].strip())

    # a row short of cells (one left empty and not copied) ends where the next number opens a row; a row with a
    # cell in two paragraphs, further on
    ahead = next((j for j in [*range(k + 2, end), *range(end, min(len(filled), k + 2 * width))] if opens_row(j)),
                 None)
    if ahead is not None:
        return ahead
    while end < min(len(filled), k + 2 * width) and filled[end] == filled[end - 1] + 1:
        end += 1  # the last row: its lines run on up to the blank line closing the table
    return end


# the columns a row most often leaves empty, first: who coordinates, a note, a product, a funding source
_OFTEN_EMPTY = {"co": 0, "note": 1, "product": 2, "funding": 3}


def _fit_cells(values: list[str], names: list[str]) -> list[str]:
    """A row's values under its columns: a row short of cells leaves empty the columns rows most often leave so
    ("Đơn vị phối hợp"), else its last ones; a row with more lines than cells joins the extra lines into its task
    column, whose text runs longest."""
    if len(values) <= len(names):
        empty = sorted((c for c in range(1, len(names)) if role_of(names[c]) in _OFTEN_EMPTY),
                       key=lambda c: _OFTEN_EMPTY[role_of(names[c]) or ""])[:len(names) - len(values)]
        rest = iter(values)
        return ["" if c in empty else next(rest, "") for c in range(len(names))]
    wide = next((c for c, n in enumerate(names) if role_of(n) == "task"), 1)
    extra = len(values) - len(names)
    return values[:wide] + [" ".join(values[wide:wide + extra + 1])] + values[wide + extra + 1:]


# ---------------------------------------------------------------- tables stored one cell per line


def pipe_grids(lines: list[str]) -> list[str]:
    """Undo tables that an export stored one cell per line between lines holding only "|".

    A "|" closes the cell before it and opens the next; a "|" right after one that opened a cell
    ends the row. A grid whose cells are single values is a data table: each row becomes one
    tab-separated line. A grid whose cells hold several lines is page layout (the header with issuer
    and motto side by side, the signature beside "Nơi nhận"): its cells become plain lines.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "|":
            out.append(lines[i])
            i += 1
            continue
        end = _grid_end(lines, i)
        rows = _grid_rows(lines[i:end])
        out.extend(_grid_lines(rows))
        i = end
    return out


def _grid_end(lines: list[str], start: int) -> int:
    """One past the last "|" line of the grid starting at `start`. Cell content never runs far from a
    pipe; two content lines in a row (a heading between two tables) end a grid of single-line cells."""
    last = start
    i = start + 1
    run = 0
    while i < len(lines) and i - last <= _GRID_REACH:
        line = lines[i].strip()
        if line == "|":
            last, run = i, 0
        elif line:
            run += 1
            if run >= 2 and _single_line_cells(lines[start:last + 1]):
                break
        i += 1
    return last + 1


def _single_line_cells(region: list[str]) -> bool:
    cells = [c for r in _naive_rows(region) for c in r]
    return len(cells) >= 6 and sum(1 for c in cells if len([x for x in c if x.strip()]) > 1) <= 0.15 * len(cells)


def _naive_rows(region: list[str]) -> list[list[list[str]]]:
    """Rows when every "|" right after the one that opened a cell ends the row."""
    rows: list[list[list[str]]] = []
    cells: list[list[str]] = []
    cell: list[str] | None = None
    for line in region:
        if line.strip() == "|":
            if cell is not None and not cell:
                rows.append(cells)
                cells = []
            elif cell is not None:
                cells.append(cell)
            cell = []
        elif cell is not None:
            cell.append(line)
    if cell:
        cells.append(cell)
    if cells:
        rows.append(cells)
    return [r for r in rows if any(line.strip() for c in r for line in c)]


def _grid_rows(region: list[str]) -> list[list[list[str]]]:
    """Rows of a grid. An empty cell is written like a row end ("|" right after "|"), so once the data
    rows start (a row opening with a number, a Roman numeral or a dash), "|" after "|" ends the row only
    when it holds as many cells as the table's usual width."""
    naive = _naive_rows(region)
    widths = Counter(len(r) for r in naive if len(r) >= 3)
    if not widths:
        return naive
    width = max(widths, key=lambda w: (widths[w], w))
    rows: list[list[list[str]]] = []
    cells: list[list[str]] = []
    cell: list[str] | None = None
    data = False
    for line in region:
        if line.strip() != "|":
            if cell is not None:
                cell.append(line)
            continue
        if cell is not None and not cell and (not data or len(cells) >= width):
            rows.append(cells)
            cells = []
        elif cell is not None:
            cells.append(cell)
            if len(cells) == 1 and _STT_LIKE.match(_BOLD.sub("", " ".join(cell)).strip()):
                data = True
        cell = []
    if cell:
        cells.append(cell)
    if cells:
        rows.append(cells)
    return [r for r in rows if any(line.strip() for c in r for line in c)]


def _grid_lines(rows: list[list[list[str]]]) -> list[str]:
    cells = [c for r in rows for c in r]
    multi = sum(1 for c in cells if len([line for line in c if line.strip()]) > 1)
    wide = sorted(len(r) for r in rows)
    if len(rows) >= 3 and wide[len(wide) // 2] >= 3 and multi <= 0.15 * len(cells):
        return ["\t".join(collapse_spaces(" ".join(c)) for c in r) for r in rows]
    out: list[str] = []
    for c in cells:
        out += [*c, ""]
    return out


def resolve_latex(text: str) -> str:
    """Inline formulas as the symbols they print: '$\\geq 50\\%$' -> '≥ 50%'."""
    return _LATEX_SPAN.sub(_latex, text).replace("\\%", "%")


def _latex(m: re.Match[str]) -> str:
    """'$\\geq 50\\%$' -> '≥ 50%'; a '$' pair around anything that is not math is left alone."""
    inner = m.group(1)
    if "\\" not in inner and not _MATHLIKE.match(inner):
        return m.group(0)
    inner = _LATEX_TEXT.sub(r"\1", inner)
    inner = _LATEX_COMMAND.sub(lambda c: _LATEX_SYMBOLS.get(c.group(1), c.group(1)), inner)
    return collapse_spaces(inner.replace("{", "").replace("}", ""))


def _clean_line(line: str) -> str:
    """Collapse spaces (tabs separate table cells and stay), drop heading marks and footnote markers."""
    if "\t" in line:
        cells = [_clean_text(c) for c in line.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) <= 1:
            # "Group\t\t\t" names a group of table rows; a lone tab elsewhere is only indentation
            keep = bool(filled) and bool(cells[0]) and len(cells) >= 3 and not any(cells[1:])
            return "\t".join(cells) if keep else (filled[0] if filled else "")
        while not cells[-1]:
            cells.pop()
        return "\t".join(cells)
    return _clean_text(line)


def _clean_text(text: str) -> str:
    text = collapse_spaces(text)
    text = _MD_HEADING.sub("", text)
    text = _HARD_BREAK.sub("", text).rstrip()
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _SUPERSCRIPT.sub(lambda m: m.group(0) if m.group(1) in _SQUARED and m.group(2) in "²³" else m.group(1), text)
    return _FOOTNOTE.sub(lambda m: m.group(1) if m.group(1).lower() == m.group(1) and
                         m.group(1) not in _NOT_FOOTNOTE else m.group(0), text)


# a plan given with its English rendering beside each line ("ỦY BAN NHÂN DÂN" / "PEOPLE'S COMMITTEE", "KẾ HOẠCH /
# PLAN", "Sở Nội vụ (Dept. of Home Affairs)", a title followed by its translation): pieces of that many are a rendering
# of the whole, not an English name or term a plan uses ("Big Data", "(AI Office)")
_TRANSLATED_PIECES = 10
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")
_CELL_SEPARATOR = re.compile(r"(\t|\s\|\s)")
# what follows a cell's last Vietnamese word: numbers and punctuation, then words in Latin letters to its end
_TRAILING_RUN = re.compile(r"(?P<lead>[^\w/]*(?:\d[\d/.,:-]*[^\w/]*)*?)(?P<run>(?:/\s*)?[A-Za-z][A-Za-z0-9\s.,:;'’/&-]*)$")


def _vietnamese_part(cell: str) -> str:
    """A cell or line without the English rendering bracketed in it or running after its last Vietnamese word
    ("… năm 2026 Selection and deployment of …", "ngày 12 tháng 01 năm 2026 Tay Linh, 12 January 2026",
    "KẾ HOẠCH / PLAN")."""
    cell = _BRACKETED.sub(lambda m: "" if in_english(m.group(1)) else m.group(0), cell)
    last = max((m.end() for m in re.finditer(r"\w+", cell) if has_diacritics(m.group(0))), default=-1)
    if last < 0 or not (m := _TRAILING_RUN.match(cell, last)):
        return cell
    run = m.group("run")
    return cell[:m.start("run")].rstrip(" /") if in_english(run) or run.startswith("/") else cell


def _without_translation(lines: list[_Line]) -> list[_Line]:
    """A plan given with its English rendering reads as its Vietnamese: lines in English are left out (the pages
    they begin carried to the next line), and the rendering bracketed or run on in the Vietnamese ones."""
    pieces = sum(in_english(line.text) + sum(in_english(m.group(1)) for m in _BRACKETED.finditer(line.text))
                 for line in lines)
    if pieces < _TRANSLATED_PIECES:
        return lines
    out: list[_Line] = []
    carried: list[tuple[int, int]] = []
    gap = False
    for line in lines:
        if in_english(line.text):
            carried += [(page, 0) for page, _ in line.page_marks]
            gap = gap or line.gap
            continue
        text = "".join(piece if _CELL_SEPARATOR.fullmatch(piece) else _vietnamese_part(piece)
                       for piece in _CELL_SEPARATOR.split(line.text))
        marks = carried + [(page, min(offset, len(text))) for page, offset in line.page_marks]
        out.append(_Line(text, line.gap or gap, line.wrapped, marks, line.hint))
        carried, gap = [], False
    return out


def _join(segments: list[_Segment]) -> list[_Line]:
    lines: list[_Line] = []
    for seg in segments:
        prev = lines[-1] if lines else None
        joiner = _joiner(prev, seg, lines[-2].text if len(lines) > 1 else "") if prev is not None else None
        if prev is None or joiner is None:
            lines.append(_Line(seg.text, seg.gap, seg.wrapped, [(seg.page, 0)], seg.hint))
            continue
        prev.page_marks.append((seg.page, len(prev.text) + len(joiner)))
        prev.text += joiner + seg.text
        prev.wrapped = seg.wrapped
    return lines


def _joiner(prev: _Line, seg: _Segment, above: str = "") -> str | None:
    """What to put between `prev` and `seg` when `seg` continues prev's sentence (`above` is the line before prev);
    None keeps them apart."""
    before, after = prev.text, seg.text
    if number_line(before) == "" and DOC_NUMBER.fullmatch(after.strip()):
        return " "  # "Số:" / "2820/QĐ-UBND": the number was wrapped onto the next line
    if is_caps(before) and is_caps(after) and (before.endswith(",") or _open_end(before)):
        return " "  # an upper-case title wrapped after "…KINH TẾ SỐ," or "… VÀ"
    if not seg.gap and _wrapped_name(before, after):
        return " "  # "SỞ NÔNG NGHIỆP VÀ MÔI" / "TRƯỜNG": a header cell too narrow for the issuer's name
    if (num := numbering(before)) and num.labelled and not num.rest and numbering(after) is None and \
            (is_caps(after) or looks_like_heading(after, num.style)):
        return " "  # "PHẦN B" / "NHIỆM VỤ VÀ GIẢI PHÁP", "Phần thứ ba" / "Tổ chức thực hiện": the title under its number
    if is_table_row(before) or not has_text(before) or is_caps(before) or number_line(before) is not None:
        return None
    if _REF_BROKEN.search(before) and _REF_REST.match(after):
        return ""
    if not seg.gap and (end := _YEAR_END.search(before)) and (rest := _YEAR_REST.match(after)) and \
            rest.group(1) > end.group(0):
        return " "  # "… giai đoạn 2021" / "- 2025; 95% …": a range of years wrapped, no bullet ("- 2026: …" is one)
    if not seg.gap and prev.wrapped and (end := _NUMBER_END.search(before)) and (rest := _NUMBER_REST.match(after)) \
            and int(rest.group(1)) > int(end.group(0)):
        return " "  # a line cut at its width inside "05 - 06%/năm": the rest of the range, no bullet
    if _structural(after):
        return None
    if after[0].islower():
        return " "
    if is_heading(before) and not _runs_in(before):  # a complete heading is continued only after an open end,
        # or when it ran over a line already, or filled a line of text cut at a width: a numbered paragraph
        # hard-wrapped ("1- Các chi bộ …, gửi về Văn phòng" / "Đảng ủy trước ngày 15/5/2026.")
        return " " if before.endswith((",", "-", "–")) or _open_end(before, heading=True) or \
            not seg.gap and (len(prev.page_marks) > 1 or prev.wrapped and numbering(before) is not None) and \
            not before.endswith(")") else None
    if _runs_in(before) and seg.gap and not prev.wrapped:
        return None  # "1. Sở Y tế: Chủ trì …" / blank line / "Kinh phí …": a paragraph of its own follows
    if _ends_sentence(before, prev.wrapped) or _signs_off(before, after, above):
        return None
    if not seg.gap or prev.wrapped or _open_end(before) or is_list_start(before):
        return " "
    return None


_NAME_LINE_CHARS = 60  # an issuer's line in a header cell
_LONE_CAPS = re.compile(rf"^[{UPPER}]{{2,}}$")
_NOT_WRAPPED = frozenset(("STT", "TT", "ĐVT", "MẬT", "KHẨN", "TỐC"))


def _wrapped_name(before: str, after: str) -> bool:
    """One upper-case word under an upper-case line is the rest of that line ("ỦY BAN NHÂN DÂN TỈNH BẮC" / "TRÀ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM" keep two): never a stamp ("MẬT") nor a table's "STT"."""
    word = after.strip()
    return is_caps(before) and bool(_LONE_CAPS.match(word)) and word not in _NOT_WRAPPED and \
        numbering(before) is None and len(before) + len(word) < _NAME_LINE_CHARS


def _structural(line: str) -> bool:
    """Lines that always start a line of their own."""
    return (
        number_line(line) is not None
        or bool(_DATE_LINE.match(line))
        or is_table_row(line)
        or not has_text(line)
        or is_list_start(line)
        or is_appendix(line)
        or is_recipients(line)
        or is_caps(line)
        or opens_with_label(line)
        or bool(PREAMBLE_START.match(line))  # "Căn cứ Luật …;" under the title starts a line of its own
    )


def _runs_in(line: str) -> bool:
    """"1. Phòng Nghiệp vụ Y: Là đầu mối tham mưu …": a numbered paragraph whose label runs into its text,
    which may be wrapped like any sentence."""
    num = numbering(line)
    if num is None or num.labelled:
        return False
    _, colon, text = num.rest.partition(": ")
    return bool(colon) and len(text.split()) >= 2


def _signs_off(line: str, after: str, above: str) -> bool:
    """A signer's name under "(Đã ký)" or the title in capitals ends there: a mail's or a scan's next line
    ("87-KH-UBND.pdf 412K", a sender) does not run into it — unless the next line's first word still belongs to the
    name ("Nguyễn Thị Thu" / "Trang")."""
    if not (SIGN_NOTE.fullmatch(above.strip()) or is_upper(above)) or person_name(line) != line.strip():
        return False
    words = after.split()
    return len(words) != 1 or not person_name(f"{line} {words[0]}")


def _ends_sentence(line: str, wrapped: bool) -> bool:
    if line.startswith("(") and line.endswith(")"):
        return True
    core = line.rstrip(_CLOSERS)
    if not core:
        return False
    return core[-1] in _SENTENCE_END or (core[-1] == ":" and not wrapped)


def _last_word(line: str) -> str:
    words = line.split()
    return words[-1].lower() if words else ""


_AHEAD = re.compile(r"\b(?:thời gian|năm|tháng|tuần|quý|kỳ|giai đoạn|sắp) tới$", re.IGNORECASE)


def _open_end(line: str, heading: bool = False) -> bool:
    """The line stops mid-phrase ("… trình UBND huyện trước ngày"); "trong thời gian tới", "năm tới" end one. A
    heading's last syllable ends it when it closes a word ("5. Giáo dục, quản lý đảng viên dự bị", "… thiết bị")."""
    last = " ".join(line.split()[-2:]).lower()
    if heading and is_word(last) and last not in _OPEN_COMPOUNDS:
        return False
    return _last_word(line) in _OPEN_WORDS and not _AHEAD.search(line.rstrip())


def _assemble(lines: list[_Line], n_pages: int) -> tuple[str, list[int], dict[int, str]]:
    parts: list[str] = []
    first: dict[int, int] = {}
    hints: dict[int, str] = {}
    pos = 0
    for i, line in enumerate(lines):
        if i:
            sep = "\n\n" if line.gap else "\n"
            parts.append(sep)
            pos += len(sep)
        for page, offset in line.page_marks:
            first.setdefault(page, pos + offset)
        if line.hint:
            hints[pos] = line.hint
        parts.append(line.text)
        pos += len(line.text)
    starts = [0] * n_pages
    nxt = pos
    for page in range(n_pages - 1, -1, -1):  # an empty page starts where the next one does
        nxt = first.get(page, nxt)
        starts[page] = nxt
    starts[0] = 0
    return "".join(parts), starts, hints


class Normalizer(TransformComponent):
    """llama-index stage: replaces each document's text by `normalize_text` and records page_starts."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            text, page_starts, hints = normalize_with_hints(node.get_content())
            node.set_content(text)
            node.metadata[META_PAGE_STARTS] = page_starts
            node.metadata[META_HINTS] = {str(k): v for k, v in hints.items()}
        return nodes
