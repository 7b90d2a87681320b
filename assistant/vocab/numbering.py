"""Heading and list numbers of administrative documents.

A document nests its parts with a few numbering styles — "Phần I", "Chương II", "Mục 1",
"Điều 3.", "A.", "I.", "1.", "1.1.", "a)" (or "1-", "a-", "1/", "a/") — and lists with bullets ("-", "+", "•"). Which style
sits above which is the document's choice (a plan may start at "1." or at "I."), so a reader
ranks styles by the order in which they first appear, not by a fixed table; `style_key` is what
that ranking compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import UPPER, fold_accents

_ROMAN = r"[IVX]{1,6}"
_WORD_NUMBER = (
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
)
_ORDINAL_RE = r"(?:thứ\s+)?(?:" + "|".join(_WORD_NUMBER) + r")"
# "Phần I", "PHẦN THỨ HAI", "PHẦN B", "Chương 2", "Mục 1", "Điều 3." — the word, a number, then an optional separator;
# a plan also titles its items so: "Nhiệm vụ 3: Nạo vét …", "Giải pháp 2.", "Dự án 1:", "Tiểu dự án 4:"
_LABELLED = re.compile(
    r"^(?P<word>phần|chương|mục|điều|nhiệm vụ|giải pháp|dự án|tiểu dự án)\s+(?P<number>" + _ROMAN + r"|\d{1,3}|" + _ORDINAL_RE + r"|[A-HK-UWYĐ])(?![\w/])"
    r"(?:\s*[.:\-–)](?=\s|$)|(?=\s+(?-i:[" + UPPER + r"]))|\s*$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "I." "IV-" | "A." | "2.1." "2.1-" "2.1 " | "1." "1)" "1-" "1/" | "a)" "đ)" "a-" "a/" "a."; a number is never
# followed by a digit (Party documents and e-mailed copies number "1-", "a-"; others "1/", "a/")
_NUMBERING = re.compile(
    r"^(?:(?P<roman>" + _ROMAN + r")\s*[.)\-–]"
    r"|(?P<upper>[A-HK-PR-UWYĐ])\.(?=\s)"  # not I/V/X (Roman), not Q. (quyền, a signature)
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)(?!\d)(?P<dot>\.)?(?:\s*[-–)])?"
    r"|(?P<arabic>\d{1,2})(?!\d)\s*(?:[.)]|[-/](?=\s))"
    r"|(?P<letter>[a-zđ])(?:\)|[-/.](?=\s)))"
    r"\s*(?P<rest>\S.*)$"
)
_BULLET = re.compile(r"^(?:[-+•–—*▪●○◦]|\\-)\s+(?=\S)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_LABEL_STYLE = {"phan": "part", "chuong": "chapter", "muc": "section", "dieu": "article", "nhiem vu": "task",
                "giai phap": "measure", "du an": "project", "tieu du an": "subproject"}


@dataclass(frozen=True)
class Numbering:
    style: str  # part | chapter | section | article | upper | roman | dotted | arabic | letter
    number: str
    rest: str  # the text after the number
    depth: int  # parts of a dotted number (2.1 -> 2), 1 otherwise
    bare: bool  # dotted number without its final dot ("2.1 Về …")

    @property
    def style_key(self) -> str:
        """What heading levels are ranked by: dotted numbers of different depth are different styles."""
        return f"dotted{self.depth}" if self.style == "dotted" else self.style

    @property
    def labelled(self) -> bool:
        return self.style in ("part", "chapter", "section", "article") or self.titles_item

    @property
    def titles_item(self) -> bool:
        """"Nhiệm vụ 3: Nạo vét kênh dẫn, ao hồ …": the title of one item, commas and all."""
        return self.style in ("task", "measure", "project", "subproject")


def numbering(line: str) -> Numbering | None:
    """The heading/list number a line starts with, if any."""
    line = line.strip()
    m = _LABELLED.match(line)
    if m:
        word = fold_accents(m.group("word")).lower()
        number = m.group("number")
        if number.isalpha() and number.upper() == number and not valid_roman(number) and (
                len(number) > 1 or word not in ("phan", "chuong", "muc")):
            return None  # a letter numbers parts ("PHẦN B"), never articles or tasks
        if len(number) == 1 and number.islower():
            return None  # "Mục a khoản 1 …": a reference
        if not m.group("word")[0].isupper():  # "mục 2 của Kế hoạch" inside a sentence is a reference
            return None
        num = Numbering(_LABEL_STYLE[word], number, m.group("rest").strip(), 1, False)
        # "Nhiệm vụ 3: Nạo vét …" titles an item; "Dự án 2 có tổng vốn …" is a sentence about it
        if num.titles_item and not (re.match(r"\s*[.:\-–)]", line[m.end("number"):]) and num.rest[:1].isupper()):
            return None
        return num
    m = _NUMBERING.match(line)
    if not m:
        return None
    rest = m.group("rest")
    if m.group("roman"):
        if not valid_roman(m.group("roman")) or not rest[0].isupper():
            return None
        return Numbering("roman", m.group("roman"), rest, 1, False)
    if m.group("upper"):
        if not rest[0].isupper() or len(rest.split()) < 2:
            return None
        return Numbering("upper", m.group("upper"), rest, 1, False)
    if m.group("dotted"):
        number = m.group("dotted")
        return Numbering("dotted", number, rest, number.count(".") + 1, m.group("dot") is None)
    if m.group("arabic"):
        return Numbering("arabic", m.group("arabic"), rest, 1, False)
    if line[m.end("letter")] != ")" and not (rest[:1].isupper() or rest[:1].isdigit()):
        return None  # "a-", "a/", "a." number a paragraph that opens with a capital or a figure ("a- 100% chi bộ …");
        # a line wrapped after "x-" does not
    return Numbering("letter", m.group("letter"), rest, 1, False)


def valid_roman(s: str) -> bool:
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return False
    values = [_ROMAN_VALUES[c] for c in s]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return 0 < total <= 39 and to_roman(total) == s


def roman_value(s: str) -> int | None:
    """'IV' -> 4; None when `s` is not a Roman numeral."""
    if not valid_roman(s):
        return None
    values = [_ROMAN_VALUES[c] for c in s]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def to_roman(n: int) -> str:
    out = "X" * (n // 10)
    n %= 10
    return out + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n]


def is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line.strip()))


def marker_style(line: str) -> str:
    """The kind of mark a list item opens with ("-" for any bullet, "letter" for "d)", …; "" for none): the items of
    one list share it, the next item of the list above ("- Dự án 9 …" / "d) Hướng dẫn …") does not."""
    stripped = line.strip()
    if _BULLET.match(stripped):
        return "-"
    num = numbering(stripped)
    return num.style_key if num is not None and not num.bare else ""


def strip_marker(line: str) -> tuple[int, str]:
    """(offset, text) of a line without its bullet or list number: '- Sở Y tế …' -> (2, 'Sở Y tế …')."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    m = _BULLET.match(stripped)
    if m:
        return lead + m.end(), stripped[m.end():]
    num = numbering(stripped)
    if num is not None and not num.bare:
        return lead + len(stripped) - len(num.rest), num.rest
    return lead, stripped


# "… các nhiệm vụ tại mục (IV)(3.4)(a)", "tại mục (IV) (4.1) (4.2)", "tại điểm a, b, c khoản 2 mục III": a part of the
# document named by its numbers, the word before each ("điểm" inside "khoản" inside "mục" …) or in brackets outer first
_REF_RANK = {"diem": 0, "tieu muc": 1, "khoan": 1, "muc": 2, "dieu": 2, "chuong": 3, "phan": 4}
_REF_TOKEN = re.compile(r"\s*(?:(?P<word>tiểu mục|điểm|khoản|mục|phần|chương|điều)(?!\w)|\((?P<bracketed>[IVX]{1,6}|\d{1,2}"
                        r"(?:\.\d{1,2})*|[a-zđ])\)|(?P<number>[IVX]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])(?:\.(?=\s|$))?(?!\w)"
                        r"|(?P<sep>,|và(?!\w)))", re.IGNORECASE)


def _number_kind(number: str) -> str:
    """What a bracketed number's style is, to tell nesting ("(IV)(3.4)(a)") from siblings ("(4.1) (4.2)")."""
    if valid_roman(number):
        return "roman"
    return f"dotted{number.count('.')}" if number[0].isdigit() else "letter"


def section_references(text: str) -> list[tuple[str, ...]]:
    """The parts `text` (from "tại …" on) names, each as its numbers from the outermost: "mục (IV)(3.4)(a)" ->
    [("IV", "3.4", "a")]; "điểm a, b khoản 2 mục III" -> [("III", "2", "a"), ("III", "2", "b")]."""
    groups: list[tuple[str, list[list[str]]]] = []  # (word, alternatives each a path)
    pos = text.find("tại") + 3 if "tại" in text[:4] else 0
    while m := _REF_TOKEN.match(text, pos):
        pos = m.end()
        if m.group("word"):
            groups.append((fold_accents(m.group("word")).lower(), []))
        elif not groups:
            break
        elif m.group("bracketed"):
            number, paths = m.group("bracketed"), groups[-1][1]
            if paths and _number_kind(number) != _number_kind(paths[-1][-1]):
                paths[-1] = [*paths[-1], number]  # "(IV)(3.4)": 3.4 inside IV
            else:
                paths.append([*(paths[-1][:-1] if paths else []), number])  # "(4.1) (4.2)": beside it
        elif m.group("number"):
            groups[-1][1].append([m.group("number")])
    groups = [g for g in groups if g[1]]
    if len(groups) > 1 and _REF_RANK.get(groups[0][0], 2) < _REF_RANK.get(groups[-1][0], 2):
        groups.reverse()  # "điểm a khoản 2 mục III": the innermost is named first
    found: list[tuple[str, ...]] = [()]
    for _, alternatives in groups:
        found = [(*p, *alt) for p in found for alt in alternatives]
    return [tuple(_normal(n) for n in p) for p in found if p]


def _normal(number: str) -> str:
    return number.upper() if valid_roman(number.upper()) and number.isupper() else number.lower()


def heading_numbers(path: list[str]) -> tuple[str, ...]:
    """The numbers of a section path's headings, outermost first ("IV. … > 3. … > 3.4. … > a) …" -> IV, 3, 3.4, a)."""
    return tuple(_normal(num.number) for num in map(numbering, path) if num is not None)
