"""Document numbers ("số ký hiệu"): "57-NQ/TW", "308/KH-UBND", "179/2025/NĐ-CP", "3260-KH/ĐĐQH15".

Party documents write "<number>-<kind>/<issuer>", state documents "<number>/<kind>-<issuer>" (or
"<number>/<year>/<kind>-<issuer>" for legal acts). The number line of a header reads "Số: …" and
is often left blank until the document is signed ("Số      -KH/TU").
"""

from __future__ import annotations

import re

from assistant.text import collapse_spaces, fold_accents

# a number broken after its dash ("57-\nNQ/TW") or written with spaces ("57- NQ/TW") still reads as one
DOC_NUMBER = re.compile(
    r"(?<![\w/\-])\d{1,5}(?:/\d{4})?(?:-\s{0,3}|/)[A-ZĐ][A-Za-zĐđ&]*\d*(?:[\-/][A-ZĐ][A-Za-zĐđ&]*\d*)+(?![\w/])"
)
# "Quyết định số 496/QĐ-TTg ngày 30 tháng 3 năm 2021", "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm
# 2025" (a law cited by its name): a document cited with its date
_DATED_REFERENCE = re.compile(r"(?:" + DOC_NUMBER.pattern + r"|(?-i:\bLuật)(?:\s+(?!(?:trước|sau|đến|từ|vào|trong|hạn|chậm|nhất|xong)\b)[^\W\d]+){1,12}?)"
                              r",?\s*(?:ngày\s*)?\d{1,2}(?:[/.]\d{1,2}[/.]\d{4}|\s+tháng\s+\d{1,2}"
                              r"\s+năm\s+\d{4})", re.IGNORECASE)
# "Số: 308/KH-UBND", "Số 3260-KH/ĐĐQH15", "Số:      -KH/TU" (blank), "Số:" with the number on the next line
NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<number>\S*)\s*$|^Số\s*:?\s+(?P<lead>\S+)(?:\s|$)")
# kind codes in numbers -> the kind of document, as printed in titles
KIND_CODES = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "NQ": "Nghị quyết", "CT": "Chỉ thị", "CTr": "Chương trình",
    "CTHĐ": "Chương trình hành động", "HD": "Hướng dẫn", "TB": "Thông báo", "BC": "Báo cáo",
    "KL": "Kết luận", "TTr": "Tờ trình", "ĐA": "Đề án", "CV": "Công văn", "QC": "Quy chế", "QĐi": "Quy định",
    "NĐ": "Nghị định", "TT": "Thông tư",
}


# "KH triển khai QĐ 06/QĐ-TTg …", "CTr 12": the kind of a plan typed as its code, alone (not "06/QĐ-TTg", "KH&CN");
# codes that name other things as often ("CT" a chairman, "TT" a centre) are left as typed
_KIND_TYPED = re.compile(r"(?<![\w/&-])(CTHĐ|CTr|KH|NQ|QĐ|ĐA)(?![\w/&-])")


def kinds_spelled(text: str) -> str:
    """`text` with the kinds of plans typed as codes written out ("KH của TP.HCM" -> "Kế hoạch của TP.HCM")."""
    return _KIND_TYPED.sub(lambda m: KIND_CODES[m.group(1)], text)


def without_dated_references(text: str) -> str:
    """`text` without the documents it cites with their dates: the date of a document cited sets no day for anything."""
    return _DATED_REFERENCE.sub(" ", text)


def canonical(number: str) -> str:
    """'57- NQ/TW' -> '57-NQ/TW' (spaces dropped; letters kept as written)."""
    return re.sub(r"\s+", "", number)


def doc_numbers(text: str) -> list[str]:
    """Document numbers in `text`, de-duplicated, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in DOC_NUMBER.finditer(text):
        seen.setdefault(canonical(m.group(0)), None)
    return list(seen)


def number_line(line: str) -> str | None:
    """The number of a 'Số: …' line ('' when left blank); None when the line is no number line."""
    line = collapse_spaces(line)
    m = NUMBER_LINE.match(line)
    if not m:
        return None
    token = (m.group("number") if m.group("number") is not None else m.group("lead") or "").rstrip(".,;")
    if token and not token[0].isdigit():
        if token[0] in "-/":  # "Số      -KH/TU": the number is left blank
            return ""
        return None if fold_accents(token).lower() not in ("", "so") else ""
    return canonical(token)


def kind_code(number: str) -> str:
    """'308/KH-UBND' -> 'KH', '57-NQ/TW' -> 'NQ', '179/2025/NĐ-CP' -> 'NĐ': the first part that is letters."""
    return next((part for part in re.split(r"[-/]", canonical(number)) if part[:1].isalpha()), "")


def number_key(number: str) -> str:
    """Comparison key: case, spacing and accents ignored ('57-nq/tw' equals '57-NQ/TW')."""
    return fold_accents(canonical(number)).upper()
