"""VN_CMND: the old identity card number (chứng minh nhân dân), 9 digits (12 on the last series).

Nine digits alone are just a number; the match needs "CMND", "chứng minh nhân dân", "CMT"… in
the clause before it.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer


class VnCmndRecognizer(VnPatternRecognizer):
    """9 (or 12) digits after a CMND context phrase."""

    ENTITY = "VN_CMND"
    PATTERNS = [
        Pattern("cmnd_9", NUMBER_START + r"\d(?:[ .-]?\d){8}" + NUMBER_END, 0.1),
        Pattern("cmnd_12", NUMBER_START + r"\d(?:[ .-]?\d){11}" + NUMBER_END, 0.1),
    ]
    CONTEXT = ("cmnd", "cmt", "chứng minh nhân dân", "chứng minh thư", "giấy chứng minh", "số chứng minh")
