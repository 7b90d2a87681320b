"""DATE_OF_BIRTH: a date or a year right after "sinh ngày", "ngày sinh", "sinh năm", "năm sinh".

Plans are full of dates (deadlines, decisions); only the words immediately before a date make it
a birth date, so the phrase must touch the date: "sinh ngày 12/3/1985", "Ngày sinh: 05-11-1990",
"sinh năm 1978". "Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890)" and "ngày sinh hoạt chi bộ
5/3/2026" are not birth dates of a private person and are left alone.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import VnPatternRecognizer

_YEAR = r"(?:19|20)\d{2}"


class DateOfBirthRecognizer(VnPatternRecognizer):
    """Numeric dates, "12 tháng 3 năm 1985" dates and bare years, gated by a birth phrase."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("dob_numeric", r"(?<![\d/.-])\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?" + _YEAR + r"(?![\d/])", 0.1),
        Pattern("dob_words", r"(?<!\w)\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+" + _YEAR + r"(?!\d)", 0.1),
        Pattern("dob_month_year", r"(?<![\d/.-])\d{1,2}\s?[/.-]\s?" + _YEAR + r"(?![\d/])", 0.1),
        Pattern("dob_year", r"(?<![\d/.-])" + _YEAR + r"(?![\d/.-]\d)(?!\d)", 0.1),
    ]
    CONTEXT = (
        "sinh ngày", "ngày sinh", "sinh năm", "năm sinh", "ngày tháng năm sinh", "ngày, tháng, năm sinh",
        "sinh tháng", "sn", "dob", "date of birth", "sinh vào ngày", "sinh vào năm",
        "sinh",  # "(sinh 1992)": the strict gap below keeps "sinh hoạt 5/3/2026" out
    )
    # "phát sinh năm 2025", "học sinh 2010", "thí sinh", "nảy sinh": other words, not births.
    CONTEXT_NOT_AFTER = ("phát", "học", "thí", "nảy", "sản", "vệ", "hy", "song", "giáng", "tái", "phục")
    CONTEXT_WINDOW = 32
    # Only punctuation, "là"/"vào" and "ngày"/"tháng"/"năm" may stand between phrase and date.
    CONTEXT_GAP = r"[\s:,(-]*(?:la\s+|vao\s+)?(?:ngay\s+|nam\s+|thang\s+)?"
