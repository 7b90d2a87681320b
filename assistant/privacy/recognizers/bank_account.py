"""VN_BANK_ACCOUNT: bank account numbers (6–19 digits), only after "số tài khoản", "STK"…

Account numbers have no common structure across Vietnamese banks, so the words in front are
what makes a number an account.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer


class VnBankAccountRecognizer(VnPatternRecognizer):
    """6 to 19 digits, optionally grouped, after an account context phrase."""

    ENTITY = "VN_BANK_ACCOUNT"
    PATTERNS = [Pattern("bank_account", NUMBER_START + r"\d(?:[ .-]?\d){5,18}" + NUMBER_END, 0.1)]
    CONTEXT = (
        "số tài khoản", "stk", "tài khoản ngân hàng", "tài khoản số", "số tk", "tk số", "tài khoản",
        "số tài khoản ngân hàng", "account", "tk ngân hàng", "tk",
    )
