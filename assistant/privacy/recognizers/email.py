"""EMAIL_ADDRESS: presidio's e-mail recognizer, made offline.

Presidio validates the domain with `tldextract.extract`, whose default extractor downloads the
public suffix list on first use (and writes a cache). Here the extractor reads only the snapshot
bundled with tldextract: no network, no disk writes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tldextract
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from assistant.privacy.recognizers.base import LANGUAGE, phrase_regex
from assistant.privacy.recognizers.lexicon import SURNAMES
from assistant.text import fold_accents

# an office's mailbox its sentence publishes for anyone to write to ("duy trì đường dây nóng …, số điện thoại … và hộp
# thư điện tử …"), on an official domain, with no person named anywhere before it in the sentence: no personal identifier
_PUBLISHED = phrase_regex(("đường dây nóng", "tổng đài", "tiếp nhận phản ánh", "hộp thư góp ý", "hộp thư tiếp nhận"))
_PERSON_NAMED = re.compile(r"(?<!\w)(?:đồng chí|đ/c|ông|bà|anh|chị|cán bộ|công chức|chuyên viên|người trực|họ tên|họ và tên|"
                           r"giám đốc|chủ tịch|bí thư|trưởng|phó|tổ trưởng|chánh)(?!\w)")
_OFFICIAL_DOMAIN = re.compile(r"\.(?:gov|edu|org|dcs)\.vn$", re.IGNORECASE)
_SENTENCE_CUT = re.compile(r"[\n;]|[.!?](?:\s|$)")
_PUBLISHED_REACH = 180


@lru_cache(maxsize=1)
def offline_extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class VnEmailRecognizer(EmailRecognizer):
    """Presidio's pattern; domain checked against the bundled public suffix snapshot."""

    ENTITY = "EMAIL_ADDRESS"
    CONTEXT = ["email", "e-mail", "thư điện tử", "hộp thư", "mail"]

    def __init__(self, supported_language: str = LANGUAGE) -> None:
        super().__init__(supported_language=supported_language, context=list(self.CONTEXT), name=type(self).__name__)

    def validate_result(self, pattern_text: str) -> bool:
        return offline_extractor()(pattern_text).fqdn != ""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags) if not _published(text, r.start, r.end)]


def _published(text: str, start: int, end: int) -> bool:
    """The sentence before the address calls it an office's public channel (a phone number inside stays in it), the
    address is on an official domain, and no person, nor a post, is named before it in the sentence."""
    before = text[max(0, start - _PUBLISHED_REACH):start]
    cuts = list(_SENTENCE_CUT.finditer(before))
    sentence = before[cuts[-1].end():] if cuts else before
    words = re.findall(r"\w+", sentence)
    named = any(w.lower() in SURNAMES and after[:1].isupper() for w, after in zip(words, words[1:], strict=False))
    return bool(_OFFICIAL_DOMAIN.search(text[start:end])) and not named and \
        _PERSON_NAMED.search(sentence.lower()) is None and _PUBLISHED.search(fold_accents(sentence.lower())) is not None
