"""VN_PARTY_CARD: số thẻ đảng viên (Party membership card number), 8–12 digits after "thẻ đảng"."""

from __future__ import annotations

from presidio_analyzer import Pattern

from assistant.privacy.recognizers.base import NUMBER_END, NUMBER_START, VnPatternRecognizer


class VnPartyCardRecognizer(VnPatternRecognizer):
    """8 to 12 digits (dots, spaces or dashes allowed) after a Party-card context phrase."""

    ENTITY = "VN_PARTY_CARD"
    PATTERNS = [Pattern("party_card", NUMBER_START + r"\d(?:[ .-]?\d){7,11}" + NUMBER_END, 0.1)]
    CONTEXT = ("thẻ đảng", "thẻ đảng viên", "số thẻ đảng", "số thẻ đảng viên", "số thẻ đv", "thẻ đv")
