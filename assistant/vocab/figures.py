"""Figures of a target as plans write them: '100%', 'tối thiểu 95%', 'trên 80%', '≥ 55', 'từ 30% đến 50%',
'60–70%', 'đạt khoảng 22%', 'dưới 109 bé trai/100 bé gái', '2,1 con/phụ nữ', '26.120 Ha'.

Vietnamese writes the decimal with a comma and groups thousands with a dot ('2,1'; '26.120'). A figure
keeps its comparator (≥ ≤ > < ~ = or a range) and its measure ('%', 'con/phụ nữ', 'tỷ USD'). Numbers that
name things — years, dates, document numbers, 'Dự án 4', 'Điều 3' — are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("≥", r"≥|>=|tối thiểu(?: là)?|ít nhất(?: là)?|không (?:dưới|thấp hơn|ít hơn)"),
    ("≤", r"≤|<=|tối đa(?: là)?|không (?:quá|vượt quá|cao hơn|nhiều hơn)"),
    (">", r">|trên|hơn|cao hơn"),
    ("<", r"<|dưới|thấp hơn"),
    ("~", r"khoảng|xấp xỉ|gần"),
)
_COMPARATOR = re.compile(r"(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(_COMPARATORS)) + r")\s*$",
                         re.IGNORECASE)
# a number (or a range) and what it counts: '95%', '60–70%', 'từ 30% đến 50%', '2,1 con/phụ nữ'
_FIGURE = re.compile(
    r"(?<![\w/.,-])(?:từ\s+)?(?P<a>" + _NUM + r")(?:\s*(?P<pa>%))?"
    r"(?:\s*(?:-|–|—|đến)\s*(?P<b>" + _NUM + r")(?:\s*(?P<pb>%))?)?"
    r"(?P<onward>\s+trở lên)?"
    r"(?P<measure>(?:\s+(?!và\b|của\b|các\b|trong\b|trên\b|so\b|được\b|đạt\b|năm\b|đối\b|là\b|\d)[^\s,;.:()%]+){0,2})?",
    re.IGNORECASE,
)
# what a number names when it is not a figure: 'năm 2030', 'Quý 3', 'số 57-NQ/TW', 'Dự án 4', 'Điều 3'
_NAMING = re.compile(r"(?:năm|quý|tháng|ngày|giai đoạn|số|điều|khoản|điểm|mục|dự án|tiểu dự án|đề án|phụ lục|nhiệm vụ|giải pháp|"
                     r"khóa|khoá|kỳ họp|lần thứ|đợt|bước|nhóm|loại|cấp độ|mức độ|tiêu chuẩn|TCVN|ISO)\s*$", re.IGNORECASE)
_WANTS = re.compile(r"(?:đạt|đạt mức|ở mức|chiếm|bằng|phấn đấu|tăng|giảm|còn)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    comparator: str  # = ≥ ≤ > < ~ range
    value: float
    value_to: float | None
    measure: str
    asserted: bool  # a comparator, a percentage or 'đạt …' says it is a target, not a count


def number(text: str) -> float:
    """'26.120' -> 26120, '2,1' -> 2.1, '100' -> 100."""
    return float(text.replace(".", "").replace(",", "."))


def figure_mentions(text: str) -> list[Figure]:
    """The figures of a clause with their comparators, in order."""
    out: list[Figure] = []
    for m in _FIGURE.finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        if _NAMING.search(before) or re.match(r"[/\-]\s*[A-ZĐa-z]", text[m.end("a"):m.end("a") + 3]):
            continue
        a = m.group("a")
        if re.fullmatch(r"(?:19|20)\d{2}", a) and not m.group("pa") and (
                not m.group("b") or re.fullmatch(r"(?:19|20)\d{2}", m.group("b"))):
            continue  # a year or a period "2021-2030"
        comparator, start = "=", m.start()
        comp = _COMPARATOR.search(before)
        if comp is not None:
            index = next(i for i in range(len(_COMPARATORS)) if comp.group(f"c{i}"))
            comparator = _COMPARATORS[index][0]
            start = m.start() - (len(before) - comp.start())
        if m.group("b"):
            comparator = "range"
        if m.group("onward"):
            comparator = "≥"
        percent = bool(m.group("pa") or m.group("pb"))
        measure = "%" if percent else (m.group("measure") or "").strip()
        end = m.end() if not percent else m.end("pb") if m.group("pb") else (m.end("pa") if not m.group("b")
                                                                           else m.end("b"))
        if m.group("onward"):
            end = max(end, m.end("onward"))
        if not percent and measure:
            end = m.end("measure")
        asserted = percent or comparator != "=" or bool(_WANTS.search(before))
        out.append(Figure(start, end, text[start:end], comparator, number(a),
                          number(m.group("b")) if m.group("b") else None, measure, asserted))
    return out


# the measure of a sum of money: '21,05 tỷ đồng', '186 triệu USD'; not '03 đồng chí', '01 Hội đồng'
MONEY_MEASURE = re.compile(r"\s*(?:(?:tỷ|triệu|nghìn|ngàn)\s+)?(?:đồng(?!\s*chí)|USD|VNĐ|VND)\b", re.IGNORECASE)


def states_amount(text: str) -> bool:
    """'Tổng kinh phí … là 21,05 tỷ đồng, trong đó:' states a sum of money: a sentence, never a heading."""
    return any(MONEY_MEASURE.match(f.measure) for f in figure_mentions(text))
