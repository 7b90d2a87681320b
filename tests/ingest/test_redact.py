"""The redaction stage removes planted identifiers before anything is chunked, keeps offsets of
pages consistent, and leaves plan content (and signers) untouched."""

from __future__ import annotations

from pathlib import Path

from llama_index.core import Document

from assistant.privacy import Redactor
from ingest.normalize import normalize_text
from ingest.redact import META_PII, PiiRedaction

PLANTED = "Liên hệ đồng chí Nguyễn Văn Bình, số điện thoại 0912 345 678, CCCD 001203004567.\f- Trang hai: trước ngày 25 hằng tháng."


def test_planted_identifiers_are_replaced_and_pages_shift() -> None:
    text, starts = normalize_text(PLANTED)
    doc = Document(text=text, metadata={"page_starts": starts})
    [out] = PiiRedaction(redactor=Redactor())([doc])
    assert "0912 345 678" not in out.text and "001203004567" not in out.text and "Nguyễn Văn Bình" not in out.text
    assert "[SỐ ĐIỆN THOẠI]" in out.text and "[SỐ CCCD]" in out.text
    assert out.metadata[META_PII] == {"PERSON": 1, "VN_PHONE": 1, "VN_CCCD": 1}
    page2 = out.metadata["page_starts"][1]
    assert out.text[page2:].startswith("- Trang hai")


def test_corpus_document_is_unchanged(corpus_files: list[Path]) -> None:
    text, starts = normalize_text(corpus_files[-1].read_text(encoding="utf-8"))
    [out] = PiiRedaction(redactor=Redactor())([Document(text=text, metadata={"page_starts": starts})])
    assert out.text == text and out.metadata[META_PII] == {}
