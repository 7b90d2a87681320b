"""VN_SOCIAL_INSURANCE: mã số bảo hiểm xã hội (10 digits) and the health-insurance card code.

The 10-digit BHXH number needs "BHXH"/"bảo hiểm xã hội"… in front. The BHYT card code
("HS4797912345678": 2 letters of beneficiary group, benefit level 1–5, 2-digit province, then the
10-digit BHXH number) is distinctive enough to stand alone.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer


class VnSocialInsuranceRecognizer(VnPatternRecognizer):
    """10 digits after a BHXH context phrase; BHYT card codes anywhere."""

    ENTITY = "VN_SOCIAL_INSURANCE"
    PATTERNS = [
        Pattern("bhxh", NUMBER_START + r"\d(?:[ .-]?\d){9}" + NUMBER_END, 0.1),
        Pattern("bhyt_card", r"(?<![\w])[A-Z]{2}[ ]?[1-5][ ]?\d{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{4}(?!\w)", 0.6),
    ]
    CONTEXT = (
        "bhxh", "bảo hiểm xã hội", "sổ bhxh", "mã số bhxh", "mã bhxh", "bhyt", "bảo hiểm y tế", "thẻ bhyt",
        "mã thẻ bhyt", "bảo hiểm",
    )
