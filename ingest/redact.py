"""PII redaction stage: runs on the normalized text before structure, chunking and storage,
so the stored text, payloads, vectors and registry only ever see redacted text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core import Document
from llama_index.core.schema import BaseNode, TransformComponent

from ingest.model import META_HINTS, META_PAGE_STARTS

META_PII = "pii_counts"


class PiiRedaction(TransformComponent):
    """Replaces personal identifiers by labels ("[SỐ CCCD]"…); signers are public record."""

    redactor: Any  # assistant.privacy.Redactor (kept as Any: pydantic would try to validate it)

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        for doc in nodes:
            if not isinstance(doc, Document):
                continue
            result = self.redactor.redact_document(doc.text)
            if result.replaced:
                doc.set_content(result.text)
                starts = doc.metadata.get(META_PAGE_STARTS)
                if starts:
                    doc.metadata[META_PAGE_STARTS] = [result.shift(p) for p in starts]
                hints = doc.metadata.get(META_HINTS)
                if hints:  # line offsets move with the labels that replace personal data
                    doc.metadata[META_HINTS] = {str(result.shift(int(k))): v for k, v in hints.items()}
            doc.metadata[META_PII] = dict(result.counts)
        return nodes
