"""Stage 3 — metadata: read title, number, issuer, place, date, signer and references from the text.

Runs on normalized text but tolerates raw exports too (markdown bold, a title split over
lines with a blank line between, two-column headers flattened with runs of spaces).
Everything is read by general rules about how Party/State documents are laid out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from llama_index.core.schema import BaseNode, TransformComponent

from assistant.text import collapse_spaces, fold_accents

# Document kinds as printed in the title line; longest first so that "CHƯƠNG TRÌNH HÀNH ĐỘNG" wins.
KINDS = tuple(
    sorted(
        ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "BÁO CÁO", "QUYẾT ĐỊNH", "HƯỚNG DẪN",
         "NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN", "THÔNG BÁO", "TỜ TRÌNH"),
        key=len,
        reverse=True,
    )
)
_TITLE_SEARCH_LINES = 60  # the title is among the first non-empty lines
_HEADER_FALLBACK_LINES = 15  # header zone when no title line was found
_MAX_SUBJECT_PARAGRAPH = 300  # a subject paragraph standing alone after the kind line is short
_MAX_SUBJECT = 500

_SEPARATOR = re.compile(r"^[\s*\-_=~.·–—]+$")
_DECORATION = re.compile(r"<[^>]+>|\*+|^#+\s*")
CELL_SPLIT = re.compile(r"\t|\s{2,}")  # cells of a flattened two-column header
# "I." "II-" "2." "2.1." "2.1 " "a)": heading numbers (a bare "2027 - 2030" is not one)
_HEADING = re.compile(r"^(?:[IVXLC]+\s*[.)\-–]|\d+(?:\.\d+)*\s*[.)]|\d+(?:\.\d+)+\s|[a-zđ]\s*[.)])\s*\S")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\S*)")
_DATE = re.compile(
    r"ngày[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?[\s.…_]*năm[\s.…_]*(?P<y>\d{4})"
    r"|ngày\s*(?P<d2>\d{1,2})[/.\-](?P<m2>\d{1,2})[/.\-](?P<y2>\d{4})",
    re.IGNORECASE,
)
_MOTTOS = ("DANG CONG SAN VIET NAM", "CONG HOA XA HOI CHU NGHIA VIET NAM", "DOC LAP TU DO HANH PHUC")
# "57-NQ/TW", "759/QĐ-TTg", "179/2025/NĐ-CP", "01-CTr/BCĐ"; a number broken after its dash ("57-\nNQ/TW") too
_REFERENCE = re.compile(
    r"(?<![\w/\-])\d{1,5}(?:/\d{4})?(?:-\s{0,3}|/)[A-ZĐ][A-Za-zĐđ]*\d*(?:[\-/][A-ZĐ][A-Za-zĐđ]*\d*)+(?![\w/])"
)
_ISSUES = re.compile(r"^(?P<issuer>[A-ZĐ][^.;:!?]{2,80}?)\s+(?:ban hành|xây dựng)\s+(?P<kind>\S+(?:\s\S+){0,3})")
_AUTHORITY = re.compile(r"^(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.|Q/|Q\.)\s*\S")
_ROLE = re.compile(r"BÍ THƯ|TRƯỞNG|CHỦ TỊCH|CHỦ NHIỆM|GIÁM ĐỐC|VIỆN TRƯỞNG|ỦY VIÊN|UỶ VIÊN|^PHÓ\b|CHÁNH")
# two-syllable words of official titles: "PHÓ BÍ THƯ THƯỜNG TRỰC" -> "Phó Bí thư Thường trực"
_TITLE_WORDS = frozenset(
    ("bí thư", "trưởng ban", "thường trực", "thường vụ", "chủ tịch", "chủ nhiệm", "giám đốc", "thủ trưởng",
     "văn phòng", "ủy viên", "uỷ viên", "viện trưởng", "trưởng phòng", "chánh án", "tổng cục")
)
_ADMIN_LEVEL = re.compile(
    r"\b(?:(?:tỉnh|thành|huyện|quận|thị)\s(?:ủy|uỷ)|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)\s+",
    re.IGNORECASE,
)
_LEVEL_FIRST = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN|XÃ|PHƯỜNG)\s(?!ỦY|UỶ)")
# a Vietnamese syllable (accents folded); anything else in capitals is an acronym such as UBND, MTTQ, TW
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?$")


def extract_metadata(text: str) -> dict[str, Any]:
    """Title, doc_type, doc_number, issuer, place, issued_date, signer, signer_title, references."""
    lines = text.splitlines()
    kind_at = find_title_line(lines)
    meta: dict[str, Any] = dict.fromkeys(
        ("title", "doc_type", "doc_number", "issuer", "place", "issued_date", "signer", "signer_title"), ""
    )
    if kind_at is not None:
        index, kind, rest = kind_at
        meta["doc_type"] = kind.capitalize()
        subject = _subject(lines, index, rest)
        meta["title"] = f"{meta['doc_type']} {subject}".strip()
        header = lines[:index]
    else:
        header = lines[:_HEADER_FALLBACK_LINES]
    meta.update(_header(header))
    if not meta["issuer"]:
        meta["issuer"] = _issuer_from_text(lines, meta["doc_type"])
    meta["signer"], meta["signer_title"] = _signature(lines)
    meta["references"] = _references(text, own=meta["doc_number"])
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


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _is_heading(line: str) -> bool:
    cleaned = _clean(line)
    return bool(_HEADING.match(cleaned)) or _is_upper(cleaned)


def _next_content(lines: list[str], start: int) -> int | None:
    """Index of the first line at or after `start` that is not blank."""
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


# --- title ------------------------------------------------------------------------


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


def _subject(lines: list[str], index: int, rest: str) -> str:
    """What the document is about: the lines after the kind line, or a short paragraph after a blank."""
    parts = [rest] if rest else []
    i = index + 1
    if not rest and i < len(lines) and not lines[i].strip():
        first = _next_content(lines, i)
        if first is None or _is_separator(lines[first]):
            return ""
        if not _clean(lines[first])[:1].islower():
            return _lone_paragraph(lines, first)
        i = first
    while i < len(lines) and not _is_separator(lines[i]):
        line = _clean(lines[i])
        if not line:  # a title broken by a blank line continues in lower case
            nxt = _next_content(lines, i)
            if nxt is None or not _clean(lines[nxt])[:1].islower() or _is_separator(lines[nxt]):
                break
            i = nxt
            continue
        if parts and _HEADING.match(line):
            break
        parts.append(line)
        i += 1
        if sum(len(p) for p in parts) > _MAX_SUBJECT:
            break
    return _subject_case(" ".join(parts))


def _lone_paragraph(lines: list[str], first: int) -> str:
    """A short paragraph followed by a heading (or separator) is the subject; body text is not."""
    end = first
    while end < len(lines) and lines[end].strip() and not _is_separator(lines[end]):
        end += 1
    paragraph = " ".join(_clean(line) for line in lines[first:end])
    after = _next_content(lines, end)
    if len(paragraph) > _MAX_SUBJECT_PARAGRAPH:
        return ""
    if after is not None and not _is_separator(lines[after]) and not _is_heading(lines[after]):
        return ""
    return _subject_case(paragraph)


def _subject_case(subject: str) -> str:
    """Subject as it reads after the kind: lower-case start, capitals kept for names and acronyms."""
    subject = collapse_spaces(subject).strip(" .,;:-–")
    if not subject:
        return ""
    if _is_upper(subject):
        return " ".join(_lower_word(w) for w in subject.split())
    first = subject.split(" ", 1)[0]
    if _is_acronym(first):
        return subject
    return subject[0].lower() + subject[1:]


def _is_acronym(word: str) -> bool:
    letters = "".join(ch for ch in word if ch.isalpha())
    return _is_upper(letters) and not _SYLLABLE.match(fold_accents(letters).lower())


def _lower_word(word: str) -> str:
    return word if _is_acronym(word) else word.lower()


# --- header: number, issuer, place and date ---------------------------------------


def _header(lines: list[str]) -> dict[str, str]:
    out = {"doc_number": "", "issuer": "", "place": "", "issued_date": ""}
    candidates: list[str] = []
    number_seen = False
    for raw in lines:
        date = _DATE.search(raw)
        prefix = raw[: date.start()].strip() if date else ""
        if date and not out["issued_date"] and (not prefix or prefix.endswith(",")):  # "Đồng Nai, ngày …"
            out["issued_date"] = _iso_date(date)
            cells = CELL_SPLIT.split(prefix)
            out["place"] = _clean(cells.pop()).rstrip(",") if prefix else ""
            raw = "\t".join(cells)
        for cell in CELL_SPLIT.split(raw.strip()):
            cell = _clean(cell)
            number = _NUMBER_LINE.match(cell)
            if number:
                token = number.group(1).rstrip(".,;")
                out["doc_number"] = token if token[:1].isdigit() else ""
                number_seen = True
            elif not number_seen and _is_upper(cell) and not _is_motto(cell):
                candidates.append(cell)
    if candidates:
        name = candidates[-1]
        if len(candidates) > 1 and _LEVEL_FIRST.match(name):  # "ỦY BAN NHÂN DÂN" / "TỈNH ĐỒNG NAI"
            name = f"{candidates[-2]} {name}"
        out["issuer"] = _org_case(name)
    return out


def _is_motto(cell: str) -> bool:
    folded = " ".join(re.findall(r"\w+", fold_accents(cell).upper()))
    return folded in _MOTTOS


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
    text = re.sub(r"(?<!ủy )(?<!uỷ )\bban (\w)", lambda m: "Ban " + m.group(1).upper(), text)
    text = text[:1].upper() + text[1:]
    levels = list(_ADMIN_LEVEL.finditer(text))
    if levels:
        cut = levels[-1].end()
        text = text[:cut] + " ".join(w if _is_acronym(w) else w.capitalize() for w in text[cut:].split())
    return text


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


def _signature(lines: list[str]) -> tuple[str, str]:
    """(signer, signer_title) from the block 'T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ THƯỜNG TRỰC / name'."""
    cleaned = [_clean(line) for line in lines]
    anchor = next(
        (i for i in range(len(cleaned) - 1, -1, -1) if _AUTHORITY.match(cleaned[i]) and _is_upper(cleaned[i])),
        None,
    )
    if anchor is None:  # no "T/M" line: the last title line such as "BÍ THƯ"
        anchor = next(
            (i for i in range(len(cleaned) - 1, -1, -1)
             if _is_upper(cleaned[i]) and _ROLE.search(cleaned[i]) and len(cleaned[i].split()) <= 6),
            None,
        )
        if anchor is None:
            return "", ""
        anchor -= 1
    titles: list[str] = []
    for line in cleaned[anchor + 1 :]:
        if not line:
            continue
        if _is_upper(line) and _ROLE.search(line):
            titles.append(line)
            continue
        return _name(line), _role_case(" ".join(titles))
    return "", _role_case(" ".join(titles))


def _name(line: str) -> str:
    words = line.split()
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return ""
    return " ".join(w.capitalize() for w in words) if _is_upper(line) else line


def _role_case(title: str) -> str:
    words = title.lower().split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in _TITLE_WORDS:
            out.append(pair[0].upper() + pair[1:])
            i += 2
        else:
            out.append(words[i].capitalize())
            i += 1
    return " ".join(out)


# --- references -------------------------------------------------------------------


def _references(text: str, own: str) -> list[str]:
    """Numbers of other documents, de-duplicated, in order of first appearance."""
    seen: dict[str, None] = {}
    for match in _REFERENCE.finditer(text):
        number = re.sub(r"\s+", "", match.group(0))
        if number != own:
            seen.setdefault(number, None)
    return list(seen)
