"""Personal-data filtering (Presidio, offline, Vietnamese): find and redact identifiers.

    from assistant.privacy import Redactor
    Redactor().redact("SĐT 0912 345 678").text  # 'SĐT [SỐ ĐIỆN THOẠI]'
"""

from assistant.privacy.engine import build_analyzer
from assistant.privacy.redactor import LABELS, RedactionResult, Redactor, public_record_spans

__all__ = ["LABELS", "RedactionResult", "Redactor", "build_analyzer", "public_record_spans"]
