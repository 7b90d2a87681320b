"""VN_TAX_CODE: mã số thuế, 10 digits or 10-3 for a dependent unit ("0312345678-001").

The 10th digit is a check digit: N10 = 10 - (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6
+ 7·N7 + 5·N8 + 3·N9) mod 11. A bare 10-digit number is too common (phone numbers are 10
digits) to be a tax code without "MST"/"mã số thuế" in front; the 10-3 form with a valid check
digit stands alone.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer, digits_of

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def is_valid_tax_code(value: str) -> bool:
    number = digits_of(value)[:10]
    if len(number) != 10:
        return False
    check = 10 - sum(w * int(d) for w, d in zip(_WEIGHTS, number, strict=False)) % 11
    return check == int(number[9])


class VnTaxCodeRecognizer(VnPatternRecognizer):
    """10 digits (context needed) or 10-3 digits (check digit needed)."""

    ENTITY = "VN_TAX_CODE"
    PATTERNS = [
        Pattern("tax_code_branch", NUMBER_START + r"\d{10}[ ]?-[ ]?\d{3}" + NUMBER_END, 0.6),
        Pattern("tax_code", NUMBER_START + r"\d(?:[ .]?\d){9}" + NUMBER_END, 0.2),
    ]
    CONTEXT = ("mst", "mã số thuế", "mã thuế", "msdn", "mã số doanh nghiệp", "tax code", "mã số thuế cá nhân")

    def rescore(self, value: str, score: float) -> float:
        return score if is_valid_tax_code(value) else min(score, 0.3)
