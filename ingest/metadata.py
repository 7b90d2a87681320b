"""Stage 3 — metadata: read title, number, issuer (and the body it answers to), place, date, signer and references
from the text.

Runs on normalized text (layout tables already undone into lines) and tolerates raw exports too
(markdown marks, a title split over lines with a blank line between, a flattened two-column header
with runs of spaces). Everything is read by the rules of Nghị định 30/2020 and Hướng dẫn 36 on how
a header, a title and a signature block are laid out (see `assistant.vocab`). A decision or
resolution that carries its plan in the same file is read as the decision: its number is the one
users quote, its title names the plan.

Titles printed in capitals are given back their ordinary spelling from the document itself: a word
keeps the capitals the body writes it with ("CỦA CHÍNH PHỦ" -> "của Chính phủ", "06/QĐ-TTG" -> "06/QĐ-TTg").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import collapse_spaces
from assistant.vocab.dates import WEEKDAY_BEFORE_DATE
from assistant.vocab.docnum import DOC_NUMBER, canonical, doc_numbers, number_line
from assistant.vocab.parts import KINDS, PREAMBLE_START, is_motto, is_recipients
from assistant.vocab.signature import copy_block_start, is_acronym, is_upper, signature_block
from assistant.vocab.units import defined_abbreviations, opens_unit_name
from ingest.structure import header_block_start

_TITLE_SEARCH_LINES = 60  # the title is among the first non-empty lines
_HEADER_FALLBACK_LINES = 15  # header zone when no title line was found
_MAX_SUBJECT_PARAGRAPH = 300  # a subject paragraph standing alone after the kind line is short
_MAX_SUBJECT = 500

_JOINT_KIND = re.compile(r"LIÊN TỊCH|LIÊN NGÀNH|PHỐI HỢP|LIÊN TỊCH PHỐI HỢP")
_SEPARATOR = re.compile(r"^[\s*\-_=~.·–—|─━═]+$")  # the rule under a title, typed or drawn ("───────")
_DECORATION = re.compile(r"<[^>]+>|\*+|^#+\s*|\\(?=[^\w\s])")
CELL_SPLIT = re.compile(r"\t|\s{2,}")  # cells of a flattened two-column header
# "I." "II-" "2." "2.1." "2.1 " "a)": heading numbers (a bare "2027 - 2030" is not one)
_HEADING = re.compile(r"^(?:[IVXLC]+\s*[.)\-–]|\d+(?:\.\d+)*\s*[.)]|\d+(?:\.\d+)+\s|[a-zđ]\s*[.)])\s*\S")
_DATE = re.compile(
    r"ngày[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?[\s.…_]*năm[\s.…_]*(?P<y>\d{4})"
    r"|ngày\s*(?P<d2>\d{1,2})[/.\-](?P<m2>\d{1,2})[/.\-](?P<y2>\d{4})",
    re.IGNORECASE,
)
_ISSUES = re.compile(r"^(?P<issuer>[A-ZĐ][^.;:!?]{2,80}?)\s+(?:ban hành|xây dựng)\s+(?P<kind>\S+(?:\s\S+){0,3})")
# "xã hội" the noun ("BẢO HIỂM XÃ HỘI TỈNH …", "Lao động - Thương binh và Xã hội"), not a commune named "Hội …"
_SOCIETY = r"\s+hội(?:\s+(?:tỉnh|thành|huyện|quận|thị|xã|phường|việt|của|và|trên|trong|cấp|các|hóa|hoá|học|chủ|số)\b|\s*$|\s*[-–,.;)])"
_ADMIN_LEVEL = re.compile(
    r"\b(?:(?:tỉnh|thành|huyện|quận|thị)\s(?:ủy|uỷ)|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã(?!" + _SOCIETY
    + r")|phường)\s+",
    re.IGNORECASE,
)
# Hướng dẫn 36: a Party committee's header names its Party organisation above the committee ("ĐẢNG BỘ TỈNH BÌNH
# SƠN" / "TỈNH ỦY"); a committee named without its place takes the place from that line
_COMMITTEE = re.compile(r"^(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (?:ỦY|UỶ)$")
_PARTY_BODY = re.compile(r"^ĐẢNG BỘ (TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ) (.+)$")
_LEVEL_FIRST = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG)\s(?!ỦY|UỶ)")
_WORD = re.compile(r"[^\s]+")


def extract_metadata(text: str) -> dict[str, Any]:
    """Title, doc_type, doc_number, issuer, superior, place, issued_date, signer, signer_title, references and the
    abbreviations the document defines."""
    lines = text.splitlines()
    kind_at = find_title_line(lines)
    meta: dict[str, Any] = dict.fromkeys(
        ("title", "doc_type", "doc_number", "issuer", "superior", "place", "issued_date", "signer", "signer_title"), ""
    )
    casing = _CaseBook(text)
    if kind_at is not None:
        index, kind, rest = kind_at
        meta["doc_type"] = kind.capitalize()
        # "KẾ HOẠCH LIÊN TỊCH" / "Phối hợp tuyên truyền …": bodies issuing together say so beside the kind; the
        # subject is the line under it
        joint = rest if _JOINT_KIND.fullmatch(rest) else ""
        subject = _subject(lines, index, "" if joint else rest, casing)
        meta["title"] = " ".join(p for p in (meta["doc_type"], joint.lower(), subject) if p)
        header = lines[_own_header(lines, index):index]
    else:
        header = lines[:_HEADER_FALLBACK_LINES]
    meta.update(_header(header))
    if not meta["issuer"]:
        meta["issuer"] = _issuer_from_text(lines, meta["doc_type"])
    meta["issuer"] = _as_written(meta["issuer"], text)
    if co_issuer := meta.pop("co_issuer", ""):
        meta["issuer"] = f"{meta['issuer']} và {_as_written(co_issuer, text)}"
    found = signature_block(_signature_zone(lines, kind_at))
    if found:
        meta["signer_title"], meta["signer"] = found[2], found[3]
    if kind_at is None:  # no header: a news-style lead may say who signed what
        for key, value in _lead(lines).items():
            if value and not meta.get(key):
                meta[key] = value
    meta["references"] = [n for n in doc_numbers(text) if n != meta["doc_number"]]
    meta["abbreviations"] = defined_abbreviations(text)
    return meta


class MetadataExtractor(TransformComponent):
    """Writes the fields of `extract_metadata` into each Document's metadata."""

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for node in nodes:
            node.metadata.update(extract_metadata(node.get_content()))
        return nodes


# --- lines ------------------------------------------------------------------------


def _clean(line: str) -> str:
    """Text of a line without markdown/HTML decoration."""
    return collapse_spaces(_DECORATION.sub("", line.strip()))


def _is_separator(line: str) -> bool:
    return bool(line.strip()) and bool(_SEPARATOR.match(line))


def _is_heading(line: str) -> bool:
    cleaned = _clean(line)
    return bool(_HEADING.match(cleaned)) or is_upper(cleaned)


def _next_content(lines: list[str], start: int) -> int | None:
    """Index of the first line at or after `start` that is not blank."""
    for i in range(start, len(lines)):
        if lines[i].strip() and not _is_separator(lines[i]) or lines[i].strip() and _SEPARATOR.match(lines[i]) \
                and set(lines[i].strip()) - set("|"):
            return i
    return None


# --- title ------------------------------------------------------------------------


def _own_header(lines: list[str], index: int) -> int:
    """Where the header of the document titled at `index` begins: after a covering letter sending it ("V/v triển
    khai Kế hoạch …", its "Nơi nhận" and signature), at the header block above the title, not the letter's."""
    mottos = [i for i in range(index) if is_motto(lines[i])]
    if len(mottos) < 2 or not any(is_recipients(line) for line in lines[mottos[0]:mottos[-1]]):
        return 0
    return header_block_start(lines, mottos[-1])


def find_title_line(lines: list[str]) -> tuple[int, str, str] | None:
    """(line index, kind keyword, rest of that line) of the title line, e.g. 'KẾ HOẠCH'."""
    seen = 0
    for i, raw in enumerate(lines):
        line = _clean(raw)
        if not line:
            continue
        seen += 1
        if seen > _TITLE_SEARCH_LINES:
            break
        for kind in KINDS:
            if line.startswith(kind) and (len(line) == len(kind) or not line[len(kind)].isalpha()):
                return i, kind, line[len(kind) :].strip(" :-–")
    return None


def _subject(lines: list[str], index: int, rest: str, casing: _CaseBook) -> str:
    """What the document is about: the lines after the kind line, or a short paragraph after a blank."""
    parts = [rest] if rest else []
    i = index + 1
    if not rest and i < len(lines) and not lines[i].strip():
        first = _next_content(lines, i)
        if first is None or _is_separator(lines[first]):
            return ""
        if not _clean(lines[first])[:1].islower() and not is_upper(_clean(lines[first])):
            return _lone_paragraph(lines, first, casing)
        i = first
    while i < len(lines) and not _is_separator(lines[i]):
        line = _clean(lines[i])
        if not line:  # a title broken by a blank line continues in lower case
            nxt = _next_content(lines, i)
            if nxt is None or not _clean(lines[nxt])[:1].islower() or _is_separator(lines[nxt]):
                break
            i = nxt
            continue
        # after a title in capitals, only a line going on in lower case ("CHỈ THỊ / CỦA BAN THƯỜNG VỤ TỈNH ỦY / về
        # tăng cường …", Hướng dẫn 36) continues it; "Thực hiện …" begins the preamble
        # a line in capitals under a title in lower case is the decision's authority ("ỦY BAN NHÂN DÂN TỈNH …",
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" over "Căn cứ …"), not more of the title
        # (a sentence announcing what follows, "Các nhiệm vụ được phân công tại bảng sau:", opens the body)
        if parts and (_HEADING.match(line) or PREAMBLE_START.match(line) or line.endswith(":")
                      or is_upper(" ".join(parts))
                      and any(c.islower() for c in line) and not line[0].islower()
                      or is_upper(line) and not is_upper(" ".join(parts))):
            break  # "Căn cứ Luật …;" right under the title opens the preamble
        parts.append(line)
        i += 1
        if sum(len(p) for p in parts) > _MAX_SUBJECT:
            break
    if not is_upper(" ".join(parts)):  # "CỦA BAN THƯỜNG VỤ TỈNH ỦY" before "về …": its words as the body writes them
        parts = [casing.restore(p) if is_upper(p) else p for p in parts]
    return _subject_case(" ".join(parts), casing)


def _lone_paragraph(lines: list[str], first: int, casing: _CaseBook) -> str:
    """A short paragraph followed by a heading (or separator) is the subject; body text is not."""
    end = first
    while end < len(lines) and lines[end].strip() and not _is_separator(lines[end]):
        end += 1
    paragraph = " ".join(_clean(line) for line in lines[first:end])
    after = _next_content(lines, end)
    if len(paragraph) > _MAX_SUBJECT_PARAGRAPH:
        return ""
    if after is not None and not _is_separator(lines[after]) and not _is_heading(lines[after]) \
            and not PREAMBLE_START.match(_clean(lines[after])):  # "Căn cứ …" follows the title
        return ""
    return _subject_case(paragraph, casing)


def _subject_case(subject: str, casing: _CaseBook) -> str:
    """Subject as it reads after the kind: lower-case start, capitals where the document writes them."""
    subject = collapse_spaces(subject).strip(" .,;:-–")
    if not subject:
        return ""
    if is_upper(subject):
        return casing.restore(subject)
    first = subject.split(" ", 1)[0]
    if is_acronym(first):
        return subject
    return subject[0].lower() + subject[1:]


class _CaseBook:
    """How the document itself spells each word, counted in pairs of words so that "CHÍNH PHỦ" finds
    "Chính phủ" while "TÀI CHÍNH" finds "tài chính"."""

    def __init__(self, text: str) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.spelled: dict[str, Counter[str]] = {}
        for line in text.split("\n"):
            raw = _WORD.findall(_clean(line))
            words = [w.strip(".,;:()“”\"'") for w in raw]
            for i, (a, b) in enumerate(zip(words, words[1:], strict=False)):
                initial = i == 0 or raw[i - 1].endswith((".", ":", ";", "“", '"'))  # capitals of a sentence start
                if a and b and not is_upper(a) and not is_upper(b) and not initial:
                    self.pairs[(a, b)] += 1
            for w in words:
                if w and (not is_upper(w) or DOC_NUMBER.fullmatch(w)):
                    self.spelled.setdefault(w.lower(), Counter())[w] += 1

    def restore(self, upper: str) -> str:
        tokens = upper.split()
        out: list[str] = []
        for i, token in enumerate(tokens):
            out.append(self._word(tokens, i, token, out[-1] if out else None))
        text = " ".join(out)
        return text[0].lower() + text[1:] if text and not is_acronym(tokens[0]) else text

    def _word(self, tokens: list[str], i: int, token: str, previous: str | None) -> str:
        core = token.strip(".,;:()“”\"'")
        lead, tail = token[: token.find(core)] if core else "", token[token.find(core) + len(core):] if core else ""
        if not core:
            return token
        number = DOC_NUMBER.fullmatch(core)
        if number:
            forms = self.spelled.get(core.lower())
            return token if not forms else lead + forms.most_common(1)[0][0] + tail
        if is_acronym(core):
            return token
        low = core.lower()
        nxt = tokens[i + 1].strip(".,;:()“”\"'").lower() if i + 1 < len(tokens) else None
        votes: Counter[str] = Counter()
        for (a, b), n in self.pairs.items():
            if a.lower() == low and nxt is not None and b.lower() == nxt:
                votes[a] += n
            if previous is not None and b.lower() == low and a.lower() == previous.lower():
                votes[b] += n
        if not votes:
            return lead + low + tail
        return lead + votes.most_common(1)[0][0] + tail


def _lower_word(word: str) -> str:
    return word if is_acronym(word) else word.lower()


# --- header: number, issuer, place and date ---------------------------------------


def _header(lines: list[str]) -> dict[str, str]:
    out = {"doc_number": "", "issuer": "", "superior": "", "place": "", "issued_date": ""}
    # the names in capitals over each number: a joint plan ("Kế hoạch liên tịch", "phối hợp") has each body's name
    # over its own "Số: …", the plan known by the first's
    bodies: list[list[str]] = [[]]
    number_seen = numbered_twice = False
    awaiting_number = False
    dated_before_number = False  # a cover (a deck's first slide) dates its meeting above the document's own header
    for raw in lines:
        raw = _DECORATION.sub("", raw)
        date = _DATE.search(raw)
        prefix = raw[: date.start()].strip() if date else ""
        if date and WEEKDAY_BEFORE_DATE.search(prefix):
            date = None  # "Thứ Sáu, ngày 14/03/2025" above a portal's page: the day it was read, no place-and-date
        if date and (not out["issued_date"] or dated_before_number and number_seen) \
                and (not prefix or prefix.endswith(",")):  # "Đồng Nai, ngày …"; the one beside "Số: …" dates it
            dated_before_number = not number_seen
            out["issued_date"] = _iso_date(date)
            cells = CELL_SPLIT.split(prefix)
            out["place"] = _clean(cells.pop()).rstrip(",") if prefix else ""
            raw = "\t".join(cells)
        for cell in CELL_SPLIT.split(raw.strip()):
            cell = _clean(cell)
            if not cell:
                continue
            number = number_line(cell)
            if number is not None and number_seen and out["doc_number"] and len(bodies) > 1 and bodies[1]:
                numbered_twice = True  # the second body's own number: the plan is known by the first's
                continue
            if number is not None:
                out["doc_number"] = number
                number_seen = True
                awaiting_number = not number
            elif awaiting_number and DOC_NUMBER.fullmatch(cell):  # "Số:" with the number on the next line
                out["doc_number"] = canonical(cell)
                awaiting_number = False
            elif not number_seen and is_upper(named := _without_motto(cell)) and not is_motto(cell) \
                    and not _HEADING.match(cell):  # "TỈNH PHÚ LÂM Độc lập - Tự do - Hạnh phúc": columns run together
                bodies[0].append(named)
            elif number_seen and not awaiting_number and not numbered_twice and is_upper(cell) \
                    and not is_motto(cell) and not _HEADING.match(cell):
                if len(bodies) == 1:
                    bodies.append([])
                bodies[1].append(cell)  # "HỘI NÔNG DÂN TỈNH HÀ TIÊN" over its own "Số: 21/KH-HLHPN"
    if name := _body_name(bodies[0]):
        out["issuer"], out["superior"] = name
        if numbered_twice and (second := _body_name(bodies[1])):  # both bodies issue it, each under its number
            out["co_issuer"] = second[0]
    return out


def _body_name(lines: list[str]) -> tuple[str, str] | None:
    """The issuing body named by the header's lines in capitals over its number, and the body it answers to."""
    candidates = _unwrapped([c for c in lines if c])
    if not candidates:
        return None
    name, superior = candidates[-1], ""
    if len(candidates) > 1 and _LEVEL_FIRST.match(name):  # "ỦY BAN NHÂN DÂN" / "TỈNH ĐỒNG NAI"
        # "ỦY BAN NHÂN DÂN XÃ VÂN NHẠN" / "TỈNH BẮC TRÀ": an organ naming its own place is the issuer, the
        # province under it says where
        name = candidates[-2] if _ADMIN_LEVEL.search(candidates[-2]) else f"{candidates[-2]} {name}"
    elif len(candidates) > 1 and (level := _COMMITTEE.match(name)) and (body := _PARTY_BODY.match(candidates[-2])) \
            and body.group(1).startswith(level.group(1)):  # the same level: "HUYỆN ỦY" under "ĐẢNG BỘ HUYỆN …"
        name = f"{name} {body.group(2)}"  # "ĐẢNG BỘ TỈNH BÌNH SƠN" / "TỈNH ỦY": the Tỉnh ủy of Bình Sơn
    elif len(candidates) > 1 and _ADMIN_LEVEL.search(candidates[-2]) and not _ADMIN_LEVEL.search(name):
        # Nghị định 30 / Hướng dẫn 36: the body a department answers to stands above it ("UBND TỈNH PHÚ LÂM" /
        # "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TỈNH ỦY LÂM ĐỒNG" / "BAN TỔ CHỨC"), and says whose department it is
        above = candidates[-2]
        if len(candidates) > 2 and _LEVEL_FIRST.match(above):  # "ỦY BAN NHÂN DÂN" / "TỈNH VĨNH PHONG" / "BAN …"
            above = f"{candidates[-3]} {above}"
        superior = _org_case(above)
    return _org_case(name), superior


_JOINS_NEXT = re.compile(r"(?:\s(?:VÀ|CÁC)|[-–,&])$")
_JOINS_PREVIOUS = re.compile(r"^(?:VÀ|VỀ|CỦA|[-–&])\s")


def _unwrapped(lines: list[str]) -> list[str]:
    """A name cut over two header lines joined again: 'SỞ NÔNG NGHIỆP' / 'VÀ MÔI TRƯỜNG', 'SỞ LAO ĐỘNG -' /
    'THƯƠNG BINH VÀ XÃ HỘI', 'BAN CHỈ ĐẠO LIÊN NGÀNH' / 'VỀ AN TOÀN THỰC PHẨM': a line opening or ending on a joining
    word never ends or starts a name, and a line that does not open as a unit's name goes on with the name above
    ('BAN CHỈ ĐẠO VẬN ĐỘNG' / 'HIẾN MÁU TÌNH NGUYỆN')."""
    out: list[str] = []
    for line in lines:
        if out and (_JOINS_PREVIOUS.match(line) or _JOINS_NEXT.search(out[-1])
                    or opens_unit_name(out[-1]) and not opens_unit_name(line)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _without_motto(cell: str) -> str:
    """'CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' (issuer and motto on one line) -> 'CHÍNH PHỦ'."""
    words = cell.split()
    for cut in range(1, len(words)):
        if is_motto(" ".join(words[cut:])) and len(words) - cut >= 3:
            return " ".join(words[:cut])
    return cell


def _iso_date(match: re.Match[str]) -> str:
    year = match.group("y") or match.group("y2")
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    if not month:
        return year
    if not day:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _org_case(name: str) -> str:
    """'TỈNH ỦY ĐỒNG NAI' -> 'Tỉnh ủy Đồng Nai', 'ĐẢNG ỦY PHƯỜNG BẠCH ĐẰNG' -> 'Đảng ủy phường Bạch Đằng'."""
    text = " ".join(_lower_word(w) for w in name.split())
    text = re.sub(r"\b(?:tỉnh|thành|huyện|quận|thị)\s(?:ủy|uỷ)\b", lambda m: m.group(0).capitalize(), text)
    text = re.sub(r"\bđảng\b", "Đảng", text)
    text = re.sub(r"\btrung ương\b", "Trung ương", text)
    text = re.sub(r"\bquốc hội\b", "Quốc hội", text)
    text = re.sub(r"\bchính phủ\b", "Chính phủ", text)
    text = re.sub(r"(?<!ủy )(?<!uỷ )\bban (\w)", lambda m: "Ban " + m.group(1).upper(), text)
    # a mass organisation by its members: "Hội Nông dân", "Hội Chữ thập đỏ" (not "xã hội", "Hội đồng")
    text = re.sub(r"(?<!xã )\bhội (?!đồng\b)(\w)", lambda m: "Hội " + m.group(1).upper(), text)
    # a department is named by its field, capitalized: "SỞ Y TẾ" -> "Sở Y tế", "CHI CỤC KIỂM LÂM" -> "Chi cục Kiểm lâm"
    # and each field joined to it: "Sở Nông nghiệp và Môi trường", "Sở Lao động - Thương binh và Xã hội"
    field = re.match(r"^((?:chi |tổng )?cục|sở|bộ|viện|trung tâm) (.*)$", text)
    fields_end = 0
    if field:
        rest = re.sub(r"(^|(?:\bvà|-|,) )(\w)", lambda m: m.group(1) + m.group(2).upper(), field.group(2))
        text = f"{field.group(1)} {rest}"
        fields_end = len(text)
        level = _ADMIN_LEVEL.search(text.lower(), len(field.group(1)) + 1)
        while level and text[level.start()].isupper():  # "Xã hội" is a field, "tỉnh Hà Nam" a place
            level = _ADMIN_LEVEL.search(text.lower(), level.end())
        fields_end = level.start() if level else fields_end
    text = text[:1].upper() + text[1:]
    levels = [m for m in _ADMIN_LEVEL.finditer(text) if m.start() >= fields_end and text[m.start()].islower()
              or m.start() == 0]
    if levels:  # the place after each level ("… xã Vân Nhạn tỉnh Bắc Trà"): its words capitalized, the levels not
        cut = levels[0].end()
        text = text[:cut] + " ".join(w if is_acronym(w) or _ADMIN_LEVEL.fullmatch(f"{w} ") else w.capitalize()
                                     for w in text[cut:].split())
    return text


def _as_written(name: str, text: str) -> str:
    """The issuer as the document's own sentences write it ("Sở Giáo dục và Đào tạo", not the header's capitals
    lowered to "Sở giáo dục và đào tạo"), when they name it."""
    if not name:
        return name
    forms = Counter(m.group(0) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
                    if not is_upper(m.group(0)) and m.group(0)[:1].isupper())
    if forms:
        return forms.most_common(1)[0][0]
    level = next((m for m in _ADMIN_LEVEL.finditer(name) if m.start()), None)
    if level is None:
        return name
    # "Hội liên hiệp phụ nữ tỉnh Hà Tiên", which the text names without its place: the body as written, the place
    # as the header says it
    body = _as_written(name[:level.start()].rstrip(), text)
    return f"{body} {name[level.start():]}"


def _issuer_from_text(lines: list[str], doc_type: str) -> str:
    """Without a header: '<issuer> ban hành|xây dựng Kế hoạch …' (the kind capitalized) names the issuer."""
    kinds = [doc_type] if doc_type else [k.capitalize() for k in KINDS]
    for raw in lines[: _TITLE_SEARCH_LINES * 2]:
        for sentence in re.split(r"(?<=[.;:])\s+", _clean(raw)):
            match = _ISSUES.match(sentence)
            if match and any(match.group("kind").startswith(k) for k in kinds):
                issuer = match.group("issuer").strip()
                if len(issuer.split()) <= 10:
                    return issuer
    return ""


# --- signature --------------------------------------------------------------------


def _signature_zone(lines: list[str], kind_at: tuple[int, str, str] | None) -> list[str]:
    """Where the signer of the document is: before a second document of the file (a decision's plan,
    annexes) when the first document is a decision or resolution that adopts it; before the block of a copy ("SAO
    Y", its own number and signer); else the whole text."""
    if (copy := copy_block_start(lines)) is not None and (kind_at is None or copy > kind_at[0]):
        lines = lines[:copy]
    if kind_at is None or kind_at[1] not in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT"):
        return lines
    for j in range(kind_at[0] + 1, len(lines)):
        line = _clean(lines[j])
        if any(line == k or line.startswith(k + " ") for k in KINDS) and is_upper(line) and j > kind_at[0] + 5:
            zone = lines[:j]
            if signature_block(zone):
                return zone
            break
    return lines


# --- a lead without header --------------------------------------------------------

_LEAD = re.compile(
    r"(?P<signer_title>(?:Tổng Bí thư|Phó Bí thư|Bí thư|Phó Chủ tịch|Chủ tịch|Phó Thủ tướng|Thủ tướng|Bộ trưởng|"
    r"Giám đốc|Trưởng ban)(?: [A-ZĐ][\w]*)*?)\s+(?P<signer>[A-ZĐ][\w]+(?:\s[A-ZĐ][\w]+){1,4})\s+(?:đã\s+)?ký"
    r"(?:\s+ban hành)?\s+(?P<kind>" + "|".join(k.capitalize() for k in KINDS) + r")\s+số\s+(?P<number>\S+?)"
    r"(?:\s*\(?(?:ngày\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\)?)?\s+của\s+(?P<issuer>[^,;.()]{3,80}?)"
    r"\s+về\s+(?P<subject>[^.;]{5,400})"
)


def _lead(lines: list[str]) -> dict[str, str]:
    """'… Tổng Bí thư Tô Lâm đã ký ban hành Nghị quyết số 57-NQ/TW (ngày 22/12/2024) của Bộ Chính trị về …':
    a document copied from a news page carries its metadata in its lead sentence."""
    for raw in [line for line in lines if line.strip()][:6]:
        m = _LEAD.search(_clean(raw))
        if not m:
            continue
        date = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}" if m.group("y") else ""
        return {"doc_type": m.group("kind"), "title": f"{m.group('kind')} về {m.group('subject').strip()}",
                "doc_number": canonical(m.group("number")).rstrip(".,;)"), "issuer": m.group("issuer").strip(),
                "issued_date": date, "signer": m.group("signer"), "signer_title": m.group("signer_title")}
    return {}
