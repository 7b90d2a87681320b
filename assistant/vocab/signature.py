"""Signature blocks: "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ THƯỜNG TRỰC / Nguyễn Văn A", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".

Nghị định 30/2020 and Hướng dẫn 36 write the authority to sign ("TM." thay mặt, "KT." ký thay,
"TL." thừa lệnh, "TUQ." thừa ủy quyền, "Q." quyền; Party documents also "T/M"), then the title in
capitals, then the signer's name. A person signing a public document is public record.
"""

from __future__ import annotations

import re

from assistant.text import collapse_spaces, fold_accents
from assistant.vocab.fields import names_officials
from assistant.vocab.parts import APPENDIX
from assistant.vocab.units import HEAD_WORDS

# the authority marks and what they say, for a question that writes them out ("ai ký thay mặt Ban Thường vụ")
AUTHORITY_WORDS = {"T/M": "thay mặt", "TM.": "thay mặt", "K/T": "ký thay", "KT.": "ký thay", "T/L": "thừa lệnh",
                   "TL.": "thừa lệnh", "TUQ.": "thừa ủy quyền", "Q/": "quyền", "Q.": "quyền"}
_MARKS = "|".join(map(re.escape, sorted(AUTHORITY_WORDS, key=len, reverse=True)))
AUTHORITY = re.compile(rf"^(?:{_MARKS})\s*\S")
_AUTHORITY_MARK = re.compile(rf"(?<![\w/.])({_MARKS})(?=\s)")
ROLE = re.compile(
    r"BÍ THƯ|TRƯỞNG|CHỦ TỊCH|CHỦ NHIỆM|GIÁM ĐỐC|VIỆN TRƯỞNG|ỦY VIÊN|UỶ VIÊN|^PHÓ\b|CHÁNH|THỦ TƯỚNG|TỔNG BÍ THƯ|"
    r"BỘ TRƯỞNG"
)
# "PHO CHU TỊCH": a scan's title with its marks misread, by its words of two syllables (a name in capitals may hold
# "TRƯƠNG", "CHÁNH", read without marks)
_ROLE_UNMARKED = re.compile(r"\b(?:BI THU|CHU TICH|CHU NHIEM|GIAM DOC|VIEN TRUONG|UY VIEN|THU TUONG|BO TRUONG)\b|^PHO\b")
# two-syllable words of official titles: "PHÓ BÍ THƯ THƯỜNG TRỰC" -> "Phó Bí thư Thường trực"
_TITLE_WORDS = frozenset(
    ("bí thư", "trưởng ban", "thường trực", "thường vụ", "chủ tịch", "chủ nhiệm", "giám đốc", "thủ trưởng",
     "văn phòng", "ủy viên", "uỷ viên", "viện trưởng", "trưởng phòng", "chánh án", "tổng cục", "thủ tướng",
     "bộ trưởng", "thứ trưởng", "chính phủ")
)
_MAX_BLOCK = 260  # characters from the authority line to the name
_NEXT_BLOCK_LINES = 8  # a second body's block beside the first, read after it: its name, title, room to sign, signer
_RECIPIENT = re.compile(r"^[-–+•]\s*\S")  # "- Lưu VP", "- Như trên": an item of the "Nơi nhận" list beside the block
# a title written on the authority line itself: "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC"
_TITLE_IN_LINE = re.compile(
    r"(?:\b(?:PHÓ|TỔNG|QUYỀN)\s+)?(?:BÍ THƯ|CHỦ TỊCH|CHỦ NHIỆM|GIÁM ĐỐC|TRƯỞNG BAN|VIỆN TRƯỞNG|THỦ TƯỚNG|"
    r"BỘ TRƯỞNG|CHÁNH VĂN PHÒNG)\b"
)
SIGN_NOTE = re.compile(r"^[(\[]\s*(?:đã ký|ký|chữ ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu)[^)\]]*[)\]]\s*", re.I)


def _own_line(line: str) -> bool:
    """A line of a signature block: words, not a rule or a scan's speck, nor a "Nơi nhận" item read beside it."""
    return any(ch.isalpha() for ch in line) and not _RECIPIENT.match(line)


def _plain(line: str) -> str:
    """A line without markdown emphasis or heading marks (raw exports keep them)."""
    return collapse_spaces(line.replace("*", "")).lstrip("# ").strip()


def is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# a Vietnamese syllable (accents folded); anything else in capitals is an acronym such as UBND, MTTQ, TW
# (a place's own syllable may end in k: "Đăk")
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnptk])?$")


def is_acronym(word: str) -> bool:
    letters = "".join(ch for ch in word if ch.isalpha())
    return is_upper(letters) and not _SYLLABLE.match(fold_accents(letters).lower())


def is_authority_line(line: str) -> bool:
    line = collapse_spaces(line)
    return bool(AUTHORITY.match(line)) and is_upper(line)


def _unspecked(line: str) -> str:
    return collapse_spaces(re.sub(r"[^\w\s/.,&()-]", "", line))


def is_title_line(line: str) -> bool:
    """'PHÓ BÍ THƯ THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH', 'THỦ TƯỚNG' — a title in capitals (a scan's specks between its
    letters aside: "BÍ 'THƯ")."""
    line = _unspecked(line)
    return is_upper(line) and bool(ROLE.search(line) or _ROLE_UNMARKED.search(fold_accents(line))) and \
        len(line.split()) <= 8


def person_name(line: str) -> str:
    """'Trương Việt Dũng' or 'TRƯƠNG VIỆT DŨNG' -> the name as it reads; '' when the line is no name."""
    line = SIGN_NOTE.sub("", collapse_spaces(line)).strip(" .,;")
    words = line.split()
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words):
        return ""
    return " ".join(w.capitalize() for w in words) if is_upper(line) else line


def role_case(title: str) -> str:
    """'PHÓ BÍ THƯ THƯỜNG TRỰC' -> 'Phó Bí thư Thường trực'; a scan's 'PHO CHU TỊCH' -> 'Phó Chủ tịch', the title it
    is with its marks."""
    unmarked = fold_accents(title).lower()
    known = next((t for t in _OFFICIAL_TITLES if fold_accents(t).lower() == unmarked), None)
    if known is not None:
        return known
    words = title.lower().split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in _TITLE_WORDS:
            out.append(pair[0].upper() + pair[1:])
            i += 2
        else:  # "PHÓ CHỦ TỊCH UBND TỈNH": the body after the title as a body is written
            word = title.split()[i]
            out.append(word if is_acronym(word) else words[i] if words[i] in _PLACE_WORDS else words[i].capitalize())
            i += 1
    return " ".join(out)


_PLACE_WORDS = frozenset(("tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị", "trấn"))


# a copy's own block after the document it copies (Nghị định 30/2020, Phụ lục I: "SAO Y", "SAO LỤC", "TRÍCH SAO"),
# with its own issuer, number ("Số: 09/SY-SYT"), date, recipients and signer — none of them the document's
_COPY_FORM = re.compile(r"^(?:SAO Y(?: BẢN CHÍNH)?|SAO LỤC|TRÍCH SAO)\s*:?$")
_COPY_NUMBER = re.compile(r"^Số\s*:?\s*\d+\s*/\s*(?:SY|SL|TS)\b")
_COPY_HEAD_LINES = 4  # the copying body's name (one or two lines) and its number, above the form line


def is_copy_form(line: str) -> bool:
    """'SAO Y', 'SAO Y BẢN CHÍNH', 'SAO LỤC', 'TRÍCH SAO': the line opening a copy's own block."""
    return bool(_COPY_FORM.match(line.strip()))


def copy_block_start(lines: list[str]) -> int | None:
    """Index of the first line of a copy's block (the copying body's name and number above its "SAO Y" line), or
    None when the text is no copy."""
    for j, line in enumerate(lines):
        if not is_copy_form(line):
            continue
        k = j
        while k > 0 and j - k < _COPY_HEAD_LINES and (
                not lines[k - 1].strip() or _COPY_NUMBER.match(lines[k - 1].strip())
                or lines[k - 1].strip().isupper() and not signature_block([lines[k - 1]])):
            k -= 1
        return k
    return None


# "Nơi nhận:" and its items ("- Sở Nông nghiệp … (b/c);", "- Lưu: VT, KT."), each ending at its ";" or "."
_RECIPIENTS_HEAD = re.compile(r"^\W*N[ơo]i nh[ậa]n\s*:?", re.IGNORECASE)
_ITEM_END = re.compile(r"[;.]\s+")


def _signing_part(line: str) -> str:
    """A line of the "Nơi nhận" list a scan read across the columns, the signature beside it on the same line
    ("Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Sở Nông nghiệp … (b/c); CHỦ TỊCH", "- Lưu: VT, KT. Hồ Văn Thạnh"): the
    signature column's part of it ("" for none). Any other line, as it is."""
    text = line.strip()
    if head := _RECIPIENTS_HEAD.match(text):
        mark = _AUTHORITY_MARK.search(text, head.end())
        return text[mark.start():] if mark else ""
    if not _RECIPIENT.match(text):
        return line
    ends = list(_ITEM_END.finditer(text))
    rest = text[ends[-1].end():] if ends else ""
    # (a seal's words read into the line, "ẤN DÂN", "* XÃ PHƯỚC LÂM *", are neither a title nor a name)
    return rest if rest and (is_title_line(rest) or not is_upper(rest) and person_name(rest)) else ""


def signature_block(lines: list[str]) -> tuple[int, int, str, str] | None:
    """(first line, name line, title, name) of the last signature block among `lines`.

    The block opens with an authority line ("TM. ỦY BAN NHÂN DÂN") or, without one, with a title line
    ("BÍ THƯ"); titles follow; the first line that is not in capitals is the signer's name.
    Authority lines broken over two lines ("TM. ỦY BAN NHÂN" / "DÂN") are read as one.
    """
    cleaned = [_plain(_signing_part(line)) for line in lines]
    anchor = next((i for i in range(len(cleaned) - 1, -1, -1) if is_authority_line(cleaned[i])), None)
    if anchor is None:
        anchor = next((i for i in range(len(cleaned) - 1, -1, -1) if is_title_line(cleaned[i])), None)
        if anchor is None:
            return None
        titles_from = anchor
    else:
        titles_from = anchor + 1
    titles: list[str] = []
    if anchor < titles_from:  # the last title named on the authority line itself
        own = list(_TITLE_IN_LINE.finditer(cleaned[anchor], 3))
        if own:
            titles.append(cleaned[anchor][own[-1].start():])
    size = 0
    for j in range(titles_from, len(cleaned)):
        line = cleaned[j]
        if not _own_line(line):
            continue  # a rule, a scan's speck, or a "Nơi nhận" item a scan read across the columns
        if APPENDIX.match(line):
            return None  # an annex begins: no name came
        size += len(line)
        if size > _MAX_BLOCK:
            return None
        if titles and is_upper(line) and not is_title_line(line) and not _BODY_LINE.match(line) and person_name(line):
            return anchor, j, role_case(titles[-1]), person_name(line)  # the name in capitals
        if is_upper(line) or SIGN_NOTE.fullmatch(line):
            if is_title_line(line):
                titles.append(_unspecked(line))
            continue  # the rest of a broken authority line ("DÂN"), a seal note
        name = person_name(line)
        if not name:
            return None
        # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the signer's own title is the last one
        return anchor, j, role_case(titles[-1]) if titles else "", name
    return None


# a body named in capitals under the authority line ("KT. GIÁM ĐỐC" / "SỞ TƯ PHÁP"), no signer's name: the heads of
# unit names, and a place's level ("TỈNH ỦY …") — not "Đoàn", which is a surname too ("ĐOÀN VĂN HẬU")
_BODY_LINE = re.compile(r"^(?:" + "|".join(re.escape(h.upper()) for h in sorted(
    (*HEAD_WORDS, "Tỉnh", "Thành", "Huyện", "Đảng", "Đoàn Thanh niên"), key=len, reverse=True) if h != "Đoàn") + r")\b")


def signing_lines(lines: list[str]) -> list[str]:
    """The lines of a signature block that say who signs: not a "(Đã ký)", a scan's speck ("⁄") or a "Nơi nhận" item
    a scan read across the columns ("- Lưu VP."), though the signature's words beside it on its line are."""
    parts = [_signing_part(line).strip() for line in lines]  # a "Nơi nhận" line read across: the signature's part
    return [line for line in parts if _own_line(line) and not SIGN_NOTE.fullmatch(line)]


def signature_span(text: str) -> tuple[int, int] | None:
    """Offsets in `text` of the last signature block, from its authority line to the end of the name."""
    lines = text.split("\n")
    copy = copy_block_start(lines)
    found = signature_block(lines if copy is None else lines[:copy])  # a copy's signer signed no plan
    if found is None:
        return None
    first, last, _, _ = found
    # a joint document's blocks stand one after the other (each body signs): the span holds them all — the one before
    # it, and the one after it that has no authority line ("BẢO HIỂM XÃ HỘI TỈNH" / "GIÁM ĐỐC", its head signing)
    while (before := signature_block(lines[:first])) is not None and \
            not any(line.strip() for line in lines[before[1] + 1:first]):
        first = before[0]
    while (after := signature_block(lines[last + 1:last + 1 + _NEXT_BLOCK_LINES])) is not None and \
            all(is_upper(line) and not APPENDIX.match(line.strip()) for line in lines[last + 1:last + 1 + after[0]]
                if line.strip()):  # only the body's name above its title: no "Nơi nhận", no annex between
        last += 1 + after[1]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    start = starts[first] + len(lines[first]) - len(lines[first].lstrip())
    return start, starts[last] + len(lines[last].rstrip())


_OFFICIAL_TITLES = ("Tổng Bí thư", "Phó Bí thư", "Bí thư", "Phó Chủ tịch", "Chủ tịch", "Phó Thủ tướng", "Thủ tướng",
                   "Bộ trưởng", "Thứ trưởng", "Phó Giám đốc", "Giám đốc", "Phó Trưởng ban", "Trưởng ban", "Chủ nhiệm",
                   "Chánh Văn phòng", "Tổng Thư ký")
_OFFICIAL_TITLE = "(?:" + "|".join(_OFFICIAL_TITLES) + ")"
# "Tổng Bí thư Tô Lâm", "Phó Chủ tịch UBND tỉnh Nguyễn Văn A": a title, a few words, the name ("đồng chí" alone is no title)
_TITLE_BEFORE = re.compile(_OFFICIAL_TITLE + r"(?:\s+[\w&.\-]+){0,6}\s*,?\s*$")
# "Nguyễn Văn A, Phó Chủ tịch …"
_TITLE_AFTER = re.compile(r"^\s*[,(–-]\s*" + _OFFICIAL_TITLE + r"\b")


_ANY_TITLE = re.compile(r"(?<!\w)" + _OFFICIAL_TITLE + r"(?!\w)", re.IGNORECASE)


def without_titles(text: str) -> str:
    """'ai làm Trưởng Ban Chỉ đạo' -> 'ai làm - Chỉ đạo': an office is capitalised, and is neither a person's
    name nor a body's; a dash keeps the words apart."""
    return _ANY_TITLE.sub(" - ", text)


def named_as_official(text: str, start: int, end: int) -> bool:
    """Is the name at text[start:end] introduced by an official title ("Tổng Bí thư Tô Lâm") or followed by one
    ("Nguyễn Văn A, Phó Chủ tịch …"), or given a duty in a table column of those who follow a task ("Người theo dõi",
    "Lãnh đạo phụ trách")? Officials named as such in a public document are public record."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = line_end if line_end != -1 else len(text)
    before = text[max(line_start, start - 80):start]
    after = text[end:line_end][:60]
    return bool(_TITLE_BEFORE.search(before)) or bool(_TITLE_AFTER.match(after)) or \
        _in_duty_column(text, line_start, line_end, start)


def _in_duty_column(text: str, line_start: int, line_end: int, start: int) -> bool:
    """The name stands in a tab-separated row whose table's header names that column as a duty column."""
    line = text[line_start:line_end]
    if "\t" not in line:
        return False
    column = text[line_start:start].count("\t")
    width = line.count("\t")
    top = line_start
    while top > 0:  # up the rows of the same table to its first, the header
        above_start = text.rfind("\n", 0, top - 1) + 1
        if text[above_start:top - 1].count("\t") != width:
            break
        top = above_start
    header = text[top:text.find("\n", top) if text.find("\n", top) != -1 else len(text)].split("\t")
    return column < len(header) and names_officials(header[column].strip())


def signature_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the signers' names of every signature block (a decision and its plan may both be signed)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not (is_authority_line(_plain(_signing_part(lines[i]))) or is_title_line(_plain(lines[i]))):
            i += 1
            continue
        # the window ends where the next block opens: signers side by side ("TM. BAN THƯỜNG VỤ HỘI …" beside "KT.
        # GIÁM ĐỐC SỞ …" of a joint plan) each sign, the first as much as the last
        end = _block_end(lines, i)
        found = signature_block(lines[i:end])
        if found is None:
            i += 1
            continue
        j = i + found[1]
        spans.append((starts[j], starts[j] + len(lines[j])))
        i = j + 1
    return spans


_BLOCK_LINES = 9  # the lines of a block that may sign: its authority, titles, notes, the name


def _block_end(lines: list[str], i: int) -> int:
    """Where the block opened at line `i` ends: after `_BLOCK_LINES` of its own lines — blank lines and the "Nơi nhận"
    items a scan read between its lines (two columns, one under the other) are none of them — or where the next
    block opens."""
    own = 0
    for k in range(i + 1, len(lines)):
        line = _plain(_signing_part(lines[k]))
        if is_authority_line(line):
            return k
        if _own_line(line):
            own += 1
            if own >= _BLOCK_LINES:
                return k
    return len(lines)


def spell_authority(text: str) -> str:
    """'T/M BAN THƯỜNG VỤ' -> 'thay mặt BAN THƯỜNG VỤ', 'KT. CHỦ TỊCH' -> 'ký thay CHỦ TỊCH'."""
    return _AUTHORITY_MARK.sub(lambda m: AUTHORITY_WORDS[m.group(1)], text)
