"""VN_CCCD: the 12-digit citizen identity number (căn cước công dân / số định danh cá nhân).

Structure (Circular 07/2016/TT-BCA, 59/2021/TT-BCA): 3 digits province of birth registration,
1 digit gender and century (0/1 = male/female born 1900–1999, 2/3 = 2000–2099), 2 digits of the
birth year, 6 random digits. Checking the province code and the century digit rejects most
other 12-digit numbers.
"""

from __future__ import annotations

from datetime import date

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer, digits_of

#: Province codes of the 63 provinces/cities as issued (001 Hà Nội … 096 Cà Mau).
PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38,
        40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80,
        82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)


def is_valid_cccd(value: str) -> bool:
    number = digits_of(value)
    if len(number) != 12 or number[:3] not in PROVINCE_CODES or number[3] not in "0123":
        return False
    year = (1900 if number[3] in "01" else 2000) + int(number[4:6])
    return year <= date.today().year


class VnCccdRecognizer(VnPatternRecognizer):
    """12 digits, optionally grouped by spaces, dots or dashes; province and century validated."""

    ENTITY = "VN_CCCD"
    PATTERNS = [Pattern("cccd", NUMBER_START + r"\d{3}(?:[ .-]?\d){9}" + NUMBER_END, 0.7)]
    CONTEXT = ("cccd", "căn cước", "căn cước công dân", "định danh", "số định danh", "thẻ căn cước", "cmnd/cccd")

    def rescore(self, value: str, score: float) -> float:
        return score if is_valid_cccd(value) else 0.0
