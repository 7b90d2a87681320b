"""The parts of an administrative document and the words that announce them.

Header (issuing body, national or Party motto, number, place and date), the kind and subject
("KẾ HOẠCH …"), the preamble ("Căn cứ …", "Thực hiện …", "Theo đề nghị …"), for a decision the
formula ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:") and its articles, the body, the end ("Nơi nhận:", signature)
and annexes ("PHỤ LỤC"). Sections such as "Mục đích, yêu cầu" frame a plan; they rarely answer
who does what by when.
"""

from __future__ import annotations

import re

from assistant.text import UPPER, collapse_spaces, fold_accents, has_diacritics
from assistant.vocab.docnum import DOC_NUMBER, number_line

# Document kinds as printed in the title line; longest first so that "CHƯƠNG TRÌNH HÀNH ĐỘNG" wins.
KINDS = tuple(
    sorted(
        ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "BÁO CÁO", "QUYẾT ĐỊNH", "HƯỚNG DẪN",
         "NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN", "THÔNG BÁO", "TỜ TRÌNH", "QUY ĐỊNH", "QUY CHẾ", "CÔNG VĂN",
         "NGHỊ ĐỊNH", "THÔNG TƯ", "LUẬT"),
        key=len,
        reverse=True,
    )
)
# kinds that adopt another document ("Quyết định ban hành Kế hoạch …"): the adopted plan is what users ask about
ADOPTING_KINDS = frozenset(("QUYẾT ĐỊNH", "NGHỊ QUYẾT"))
# what marks a header or signature laid out in a table's columns: the motto, the recipients or the authority to sign
HEADER_MARK = r"CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập"
SIGNING_MARK = rf"Nơi nhận|^(?:KT|TM|T/M|TL|TUQ|Q)\.? ?[{UPPER}]"  # "TM. ỦY BAN NHÂN DÂN" as "KT. CHỦ TỊCH"
_LAYOUT_CELL = re.compile(rf"{HEADER_MARK}|{SIGNING_MARK}")
MOTTOS = ("DANG CONG SAN VIET NAM", "CONG HOA XA HOI CHU NGHIA VIET NAM", "DOC LAP TU DO HANH PHUC")
_MOTTO_WORDS = frozenset(" ".join(MOTTOS).split())
# the decision formula after the preamble of a decision or resolution
DECISION_FORMULA = re.compile(r"^(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT)\s*:\s*$")
_CITES = re.compile(r"^[-–•+*]?\s*(?:" + "|".join(k.capitalize() for k in KINDS) + r")\s+số\s+" + DOC_NUMBER.pattern)
PREAMBLE_START = re.compile(r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Tiếp tục thực hiện|Triển khai)\b")


# the preamble's last ground names who proposed the text: "Theo đề nghị của Sở Công Thương tại Tờ trình số 298/TTr-SCT"
PROPOSED_BY = re.compile(r"\b(?:[Tt]heo|[Xx]ét) (?:đề nghị|tờ trình)|\b[Tt]ờ trình số")


def states_grounds(line: str) -> bool:
    """"Căn cứ …", "Thực hiện Nghị quyết số …", or a Party title's second line in lower case ("thực hiện Nghị quyết
    số 06-NQ/TU …"): the line says what the plan carries out."""
    line = line.strip()
    return bool(PREAMBLE_START.match(line[:1].upper() + line[1:]))


def cites_document(line: str) -> bool:
    """"Công văn số 6676/BYT-CDS ngày … của Bộ Y tế …", "- Quyết định số 185-QĐ/TW …": a line opening on a
    document's kind and number — in a preamble or a "Căn cứ" part, one more of the grounds."""
    return bool(_CITES.match(line.strip()))


_FRAME_SECTIONS = re.compile(
    r"\b(?:muc dich|yeu cau|quan diem|su can thiet|can cu (?:phap ly|xay dung)|tinh hinh|thuc trang|"
    r"ket qua dat duoc|danh gia)\b"
)
_CARRY_OUT = re.compile(r"\b(?:to chuc thuc hien|trach nhiem (?:thuc hien|cua)|phan cong|giao nhiem vu)\b")
APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[0-9IVX]{1,4}\b.*|\s*[:.]?)$")
RECIPIENTS = "noi nhan"
# the line under an annex's or an adopted plan's title naming the document it belongs to:
# "(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19/11/2025 của UBND …)", "(Ban hành kèm theo Kế hoạch số …)"
_ATTRIBUTION = re.compile(r"^\W*\(\W*(?:ban hanh )?kem theo\b[^()]*\)\W*$")
# "cụ thể như sau:", "gồm các nội dung sau:" — a sentence that only announces what follows
ANNOUNCES = re.compile(r"(?:như sau|sau đây|cụ thể là|gồm(?: các| những)?(?: nội dung| nhiệm vụ)?(?: sau)?)\s*:?\s*$",
                       re.IGNORECASE)

_CLOSING_START = r"^(?:tren day la|trong qua trinh (?:to chuc )?(?:thuc hien|trien khai)|qua trinh thuc hien)\b"
_OPENS_CLOSING = re.compile(_CLOSING_START)
_CLOSING = re.compile(_CLOSING_START + r"|"
                      r"\bneu (?:co|phat sinh) (?:kho khan|vuong mac)|\bthi hanh (?:quyet dinh|nghi quyet) nay\b|"
                      r"^(?:nghi quyet|ke hoach|chi thi|quyet dinh|ket luan|chuong trinh) nay (?:duoc )?pho bien\b")


def fold_upper(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold_accents(text).upper()))


def marks_layout(cell: str) -> bool:
    """A table cell holding a motto, "Nơi nhận", "KT. CHỦ TỊCH" or a number line ("Số: 152/KH-BHXH", each issuing
    body of a joint plan over its own, the motto below): the table lays out a header or a signature side by side,
    and its columns are read one after the other, not as rows of data."""
    return bool(_LAYOUT_CELL.search(cell)) or bool(number_line(cell))


def layout_columns(grid: list[list[list[str]]]) -> list[str] | None:
    """A table (row -> cell -> paragraphs) of two or three columns laying out a header or signature (a cell holds a
    motto, "Nơi nhận" or "KT. CHỦ TỊCH"): each column's paragraphs as lines, the left column first, a blank line after
    each; None for a table of data. One reading for markdown, grid and DOCX tables."""
    width = max((len(r) for r in grid), default=0)
    if (own := _vietnamese_of_bilingual(grid)) is not None:
        return [p for r in grid if own < len(r) for p in r[own]] + [""]
    if not 2 <= width <= 3 or not any(marks_layout(re.sub(r"\*{2,3}", "", p).strip("*_ ")) for r in grid for c in r for p in c):
        return None
    out: list[str] = []
    for col in range(width):
        out += [p for r in grid if col < len(r) for p in r[col]] + [""]
    return out


def _vietnamese_of_bilingual(grid: list[list[list[str]]]) -> int | None:
    """A text laid out in two languages side by side ("I. MỤC TIÊU" | "I. OBJECTIVES", a paragraph a row): the
    column written in Vietnamese, read as the document's paragraphs — the translation beside it says nothing more,
    and read across, each line would run the two together. None for a table of data."""
    if any(len(r) > 2 for r in grid):
        return None
    # paragraph beside paragraph where a cell holds as many as the one beside it (a header: name, number, date)
    pairs = [pair for r in grid if len(r) == 2 and r[0] and r[1]
             for pair in (zip(r[0], r[1], strict=True) if len(r[0]) == len(r[1]) else [(" ".join(r[0]), " ".join(r[1]))])]
    for own in (0, 1):
        translated = sum(_translates(p[own], p[1 - own]) for p in pairs)
        if pairs and translated * 4 >= len(pairs) * 3 and \
                (len(pairs) >= _BILINGUAL_ROWS or sum(len(r[own]) for r in grid if len(r) == 2) >= _BILINGUAL_ROWS):
            return own
    return None


def translation_columns(rows: list[list[str]]) -> set[int]:
    """The columns of a table that translate the column before them ("Nhiệm vụ" | "Task" | "Chủ trì" | "Lead unit"):
    in three rows or more and three in four of their filled cells, words in no Vietnamese beside a Vietnamese cell
    of about their length ("Zoom Meetings" in a column of its own is data, not a translation)."""
    width = max((len(r) for r in rows), default=0)
    out: set[int] = set()
    for col in range(1, width if width > 2 else 0):
        pairs = [(r[col - 1], r[col]) for r in rows[1:] if col < len(r) and r[col].strip()]  # under the header
        translated = sum(_translates(own, mine) for own, mine in pairs)
        if translated >= _BILINGUAL_ROWS and translated * 4 >= len(pairs) * 3:
            out.add(col)
    return out


_TRANSLATED_LENGTH = (0.3, 4.0)  # an English rendering's length over the Vietnamese it renders


def _translates(own: str, other: str) -> bool:
    """`other` renders `own` in another language: words in no Vietnamese letters or marks ("The Department of
    Finance leads …", "OBJECTIVES") beside Vietnamese, of about its length ("USD" beside "Kim ngạch xuất khẩu" is a
    unit, not a translation)."""
    return has_diacritics(own) and not has_diacritics(other) and bool(re.search(r"[A-Za-z]{2,}", other)) and \
        _TRANSLATED_LENGTH[0] <= len(other) / max(len(own), 1) <= _TRANSLATED_LENGTH[1]


_BILINGUAL_ROWS = 3  # paragraphs of two languages side by side that make a bilingual layout, not a table's data


def is_motto(text: str) -> bool:
    """A motto line, or a piece of one broken over lines ('CỘNG HÒA XÃ HỘI' / 'CHỦ NGHĨA VIỆT NAM')."""
    words = fold_upper(text).split()
    return bool(words) and len(words) >= 2 and all(w in _MOTTO_WORDS for w in words)


def is_frame_section(section: str) -> bool:
    """'I. MỤC ĐÍCH, YÊU CẦU > 1. Mục đích' (at any depth, a decision's plan nests it): framing, not tasks."""
    return any(_FRAME_SECTIONS.search(fold_accents(part).lower()) for part in section.split(" > ") if part)


# a heading opening on what has been ("1. Tình hình chung", "Thực trạng", "Đánh giá kết quả …"), not one using the
# words ("Chỉ tiêu đánh giá", "Chế độ báo cáo tình hình thực hiện", "Kiểm tra, giám sát, đánh giá")
_STATE_SECTIONS = re.compile(r"^(?:(?:phan|chuong|muc)\s+[\w.]{1,9}\s*[.:)\-]?\s*|[\w.]{1,6}[.)\-]\s*)?"
                             r"(?:tinh hinh|thuc trang|ket qua (?!du kien|can dat|dau ra|san pham)|ton tai|han che|"
                             r"danh gia (?:tinh hinh|ket qua|thuc trang))")


def is_state_section(section: str) -> bool:
    """What has been, never a target set."""
    return any(_STATE_SECTIONS.search(fold_accents(part).strip().lower()) for part in section.split(" > ") if part)


def is_carry_out_section(section: str) -> bool:
    """'V. TỔ CHỨC THỰC HIỆN …': where each unit's duties are listed."""
    return bool(_CARRY_OUT.search(fold_accents(section).lower()))


# "Chế độ báo cáo: Các chi bộ … báo cáo … trước ngày 05 tháng 12": a part of the plan named in the run of its text
_RUN_IN_PART = re.compile(r"^(?:che do )?(?:thong tin,? )?bao cao(?:,? thong tin)?(?: dinh ky)?\s*:\s*\S")


def run_in_part(line: str) -> int:
    """Length of the label when `line` opens with the name of a plan's part ("Chế độ báo cáo: …"), else 0."""
    m = _RUN_IN_PART.match(fold_accents(line).lower())
    return line.index(":") if m else 0


def is_appendix(line: str) -> bool:
    return len(line) <= 120 and not line.endswith(".") and bool(APPENDIX.match(line))


def is_recipients(line: str) -> bool:
    """'Nơi nhận:' (also the frequent typo 'Nơi nhân:')."""
    return len(line) <= 40 and fold_accents(collapse_spaces(line)).lower().startswith(RECIPIENTS)


def is_attribution(text: str) -> bool:
    """'(Kèm theo Kế hoạch số …/KH-UBND ngày … của …)': names the document a part belongs to, says nothing else."""
    return len(text) <= 300 and bool(_ATTRIBUTION.match(fold_accents(collapse_spaces(text)).lower()))


def announces_list(sentence: str) -> bool:
    """'… cụ thể như sau:' only announces what follows; it never answers by itself."""
    return bool(ANNOUNCES.search(sentence.strip()))


def is_closing(sentence: str) -> bool:
    """'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị … phản ánh về …', 'Trên đây là Kế hoạch …':
    the closing formula of a plan asks for reports, it assigns no task."""
    folded = fold_accents(sentence).lower()
    return bool(_CLOSING.search(folded))


def restates_plan(sentence: str) -> bool:
    """'Trên đây là Kế hoạch triển khai …': the closing sentence names the plan again; it says nothing of it."""
    return fold_accents(sentence.lstrip()[:30]).lower().startswith("tren day la")


def opens_closing(paragraph: str) -> bool:
    """'Trong quá trình thực hiện, …', 'Trên đây là Kế hoạch …': a paragraph that closes the plan, not the
    numbered item above it."""
    return bool(_OPENS_CLOSING.match(fold_accents(paragraph).lower()))
