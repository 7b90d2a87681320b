"""EMAIL_ADDRESS: presidio's e-mail recognizer, made offline.

Presidio validates the domain with `tldextract.extract`, whose default extractor downloads the
public suffix list on first use (and writes a cache). Here the extractor reads only the snapshot
bundled with tldextract: no network, no disk writes.
"""

from __future__ import annotations

from functools import lru_cache

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from assistant.privacy.recognizers.base import LANGUAGE


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
