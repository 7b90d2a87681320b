"""VN_HOME_ADDRESS: the address after "trú tại", "thường trú", "địa chỉ", "nơi ở"…

Plans name communes and wards everywhere ("xã Quảng Phú", "phường Bạch Đằng") and those are
units, not personal data. A home address is what follows a residence phrase, up to the end of
the clause: comma-separated parts are taken while they look like address parts ("số 12", "ngõ
34", "thôn Đông", "xã …", "Hà Nội"), and the address stops at a new clause ("SĐT …", "sinh
năm …", "là …"). "địa chỉ thư điện tử", "địa chỉ IP" or "địa chỉ: https://…" are not addresses:
the value must start like an address.
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from assistant.privacy.recognizers.base import LANGUAGE
from assistant.privacy.recognizers.lexicon import ADDRESS_WORDS
from assistant.text import fold_accents

SCORE = 0.85
MAX_CHARS = 160

# Folded, lower-cased residence phrases, then qualifiers, then ":"/"-"/"là".
_TRIGGER = re.compile(
    r"(?<!\w)(?:dia chi|tru tai|thuong tru|tam tru|noi o|cho o|que quan|noi cu tru|cu tru tai|"
    r"nguyen quan|hktt|ho khau thuong tru|ho khau)"
    r"(?:\s+(?:thuong tru|tam tru|hien nay|hien tai|lien he|nha rieng|hien o|cu tru|tai|o|la))*"
    r"\s*(?:[:\-–]\s*)?"
)
_ADDRESS_START = re.compile(
    r"\d+[a-z]?(?:/\d+[a-z]?)*(?!\w)|so\s+(?:nha\s+)?\d|(?:"
    + "|".join(sorted((re.escape(w) for w in ADDRESS_WORDS if w != "so"), key=len, reverse=True))
    + r")(?:(?<=\.)|(?!\w))"
)
# A part may also be a capitalised place name ("Hà Nội", "TP. Hồ Chí Minh" is covered above).
_TITLE_WORD = re.compile(r"[^\W\d_][^\W\d_]*")
_NOT_PLACE = frozenset({"website", "web", "email", "e", "ip", "url", "trang", "cổng", "sinh", "điện", "số", "nghề"})
# A new clause inside the address part ends it.
_CLAUSE_STOP = re.compile(
    r"\s(?:sdt|dt|dien thoai|so dien thoai|email|e-mail|cccd|cmnd|cmt|can cuoc|so dinh danh|sinh ngay|"
    r"sinh nam|ngay sinh|stk|so tai khoan|mst|ma so thue|bhxh|la|da|hien dang|dang cong tac|cong tac tai|"
    r"lam viec tai|nghe nghiep|de|ve viec|theo)(?!\w)"
)
_PART_SEP = re.compile(r"\s*(?:,|\s-\s|\s–\s)\s*")
_END = re.compile(r"[\n;|\t()\[\]\"“”]|\.(?:\s|$)")
_ABBREVIATIONS = ("tp", "p", "q", "tx", "tt", "h", "x", "kp", "ng", "đ", "d")


def fold_same_length(text: str) -> str:
    """Accent-folded, lower-cased text with the same offsets as `text`."""
    folded = fold_accents(text)
    if len(folded) != len(text):
        folded = "".join(f if len(f := fold_accents(ch)) == 1 else ch for ch in text)
    return folded.lower()


def _starts_like_address(original: str, folded: str) -> bool:
    if _ADDRESS_START.match(folded):
        return True
    word = _TITLE_WORD.match(original)
    if word is None:
        return False
    text = word.group()
    return text[0].isupper() and not text.isupper() and text.lower() not in _NOT_PLACE


def _clause_end(text: str, folded: str, start: int) -> int:
    """End of the clause starting at `start` (sentence end, bracket, line break…)."""
    limit = min(len(text), start + MAX_CHARS)
    pos = start
    while pos < limit:
        m = _END.search(text, pos, limit)
        if not m:
            return limit
        if m.group().startswith("."):
            word = folded[max(start, m.start() - 3) : m.start()].split()[-1:]
            if word and word[0] in _ABBREVIATIONS:  # "TP. Hồ Chí Minh", "P. Bến Thành"
                pos = m.end()
                continue
        return m.start()
    return limit


def _name_end(text: str, folded: str, start: int, end: int) -> int:
    """A part opening with a name in capitals, not an address word ("số 12", "thôn …"), is that name: "… cư trú tại
    Việt Nam tối thiểu bao nhiêu năm?" names a country, then asks on in lower case."""
    if _ADDRESS_START.match(folded, start, end):
        return end
    named = start
    for word in re.finditer(r"\S+", text[start:end]):
        if not (word.group()[0].isupper() or word.group()[0].isdigit()):
            break
        named = start + word.end()
    return named


class HomeAddressRecognizer(LocalRecognizer):
    """The address part of a clause introduced by a residence phrase."""

    ENTITY = "VN_HOME_ADDRESS"

    def __init__(self, supported_language: str = LANGUAGE) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            supported_language=supported_language,
            context=["trú tại", "thường trú", "tạm trú", "địa chỉ", "nơi ở", "chỗ ở", "quê quán"],
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        folded = fold_same_length(text)
        results = []
        for trigger in _TRIGGER.finditer(folded):
            span = self._address_after(text, folded, trigger.end())
            if span:
                results.append(self._result(*span))
        return results

    @staticmethod
    def _address_after(text: str, folded: str, start: int) -> tuple[int, int] | None:
        if not _starts_like_address(text[start:], folded[start:]):
            return None
        clause_end = _clause_end(text, folded, start)
        end = start
        pos = start
        while pos < clause_end:
            sep = _PART_SEP.search(folded, pos, clause_end)
            part_end = sep.start() if sep else clause_end
            stop = _CLAUSE_STOP.search(folded, pos, part_end)
            if stop:
                part_end = stop.start()
            if pos != start and not _starts_like_address(text[pos:part_end], folded[pos:part_end]):
                break
            named = _name_end(text, folded, pos, part_end)
            end = named
            if stop or not sep or named < part_end:
                break
            pos = sep.end()
        value = text[start:end].rstrip(" ,.-–")
        return (start, start + len(value)) if value else None

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=SCORE,
            analysis_explanation=AnalysisExplanation(
                recognizer=type(self).__name__, original_score=SCORE, textual_explanation="address after a residence phrase"
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            },
        )
