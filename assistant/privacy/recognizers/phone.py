"""VN_PHONE: Vietnamese mobile and landline numbers in the forms people write them.

Mobile: 10 digits 03x/05x/07x/08x/09x; landline: 11 digits 02xx. Either may start with +84,
(+84), 84 or 0084 instead of 0, and be grouped by spaces, dots, dashes or brackets
("0912 345 678", "+84 91-234-5678", "(024) 3825 1234").
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import VnPatternRecognizer, clause_before, digits_of, phrase_regex
from assistant.text import fold_accents

# Phone numbers have a fixed length, so a space and another number may follow ("0912345678 0987654321").
_START = r"(?<![\w+/])(?<!\d[.-])"
_END = r"(?!\d)(?![.-]\d)"

# "(" only when it closes after an area code: "(024) 3825 1234", not "(0912 345 678)".
_PREFIX = r"(?:(?:\(\+84\)|\+84|0084|84)[ .-]?(?:\(0\)[ .-]?)?(?:\((?=\d{1,3}\)))?|(?:\((?=0\d{1,3}\)))?0)"
_BODY = r"(?:[35789](?:\)?[ .-]?\d){8}|2(?:\)?[ .-]?\d){9})"
_NOT_MONEY = r"(?!\s?(?:đồng|triệu|tỷ|nghìn|ngàn|VNĐ|VND|đ\b))"

#: Mobile prefixes in use since the 2018 renumbering (03x Viettel, 05x, 07x MobiFone, 08x, 09x).
MOBILE_PREFIXES = frozenset(
    f"0{n}"
    for n in (*range(32, 40), 52, 55, 56, 58, 59, 70, *range(76, 80), *range(81, 95), 96, 97, 98, 99)
)


def national_number(value: str) -> str:
    """'+84 912 345 678' -> '0912345678'."""
    number = digits_of(value)
    if number.startswith("0084"):
        number = number[2:]
    if number.startswith("84") and len(number) in (11, 12):
        number = number[2:] if number[2] == "0" else "0" + number[2:]  # "+84 (0) 97…"
    return number


def is_valid_phone(value: str) -> bool:
    number = national_number(value)
    if len(number) == 10:
        return number[:3] in MOBILE_PREFIXES
    return len(number) == 11 and number.startswith("02")


class VnPhoneRecognizer(VnPatternRecognizer):
    """Mobile and landline numbers; context ("SĐT", "điện thoại", "Zalo"…) raises the score."""

    ENTITY = "VN_PHONE"
    PATTERNS = [Pattern("vn_phone", _START + _PREFIX + _BODY + _END + _NOT_MONEY, 0.7)]
    CONTEXT = ("sđt", "số điện thoại", "điện thoại", "đt", "dđ", "di động", "zalo", "hotline", "liên hệ", "tel", "phone")
    # a plan's hotline is its office's line, published for citizens to call (a person's number is redacted)
    PUBLIC = ("đường dây nóng", "tổng đài")

    # a landline the clause calls a hotline however far before, no person named between ("đường dây nóng tiếp nhận tin
    # báo … của Công an xã, số điện thoại 0235.3861.113"): the office's line; a mobile only right after the phrase
    _OFFICE_LINE = phrase_regex(PUBLIC, r"(?:(?!\b(?:dong chi|ong|ba|anh|chi|can bo)\b)[^\d]){0,120}")
    _OFFICE_REACH = 160

    def rescore(self, value: str, score: float) -> float:
        return score if is_valid_phone(value) else 0.0

    def is_public(self, text: str, start: int, value: str) -> bool:
        landline = len(national_number(value)) == 11
        return super().is_public(text, start, value) or landline and self._OFFICE_LINE.search(
            fold_accents(clause_before(text, start, self._OFFICE_REACH)).lower()) is not None
