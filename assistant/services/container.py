"""Builds the service graph from settings once per process (CLI, API, eval)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from assistant.components.embeddings import Embedder, build_embedder
from assistant.components.registry import Registry
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import QdrantStore
from assistant.privacy import Redactor
from assistant.services.ask import AskService
from assistant.services.assignments import AssignmentService
from assistant.services.audit import redact_with
from assistant.services.extractive import ExtractiveAnswerer
from assistant.services.reports import ReportService
from assistant.services.retrieval import Retriever, load_reranker
from assistant.settings import Settings
from ingest.redact import PiiRedaction
from ingest.service import IngestService


def redact_file_name(redactor: Redactor, name: str) -> str:
    """'HoSo_0912345678.pdf' -> 'HoSo [SỐ ĐIỆN THOẠI].pdf'; names without personal data stay as they are."""
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    result = redactor.redact(re.sub(r"[_\-.]+", " ", stem))
    return f"{result.text}{dot}{suffix}" if result.total else name


@dataclass
class Services:
    settings: Settings

    def __post_init__(self) -> None:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)

    @cached_property
    def registry(self) -> Registry:
        return Registry(self.settings.registry_url)

    @cached_property
    def store(self) -> QdrantStore:
        return QdrantStore(self.settings.qdrant, str(self.settings.qdrant_path))

    @cached_property
    def embedder(self) -> Embedder:
        return build_embedder(self.settings.embedding)

    @cached_property
    def sparse(self) -> SparseEncoder:
        return SparseEncoder()

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.store, self.embedder, self.sparse, self.settings.retrieval,
                         load_reranker(self.settings.retrieval.reranker_path))

    @cached_property
    def redactor(self) -> Redactor | None:
        """Presidio with the Vietnamese recognizers; built once per process."""
        return Redactor.from_settings(self.settings.privacy) if self.settings.privacy.enabled else None

    @cached_property
    def ask(self) -> AskService:
        return AskService(self.retriever, ExtractiveAnswerer(self.settings.answer.max_quotes),
                          self.settings.answer, self.registry.text_of, self.redactor,
                          self.settings.retrieval.top_k)

    @cached_property
    def assignments(self) -> AssignmentService:
        return AssignmentService(self.registry, self.settings.plan, redact_with(self.redactor))

    @cached_property
    def reports(self) -> ReportService:
        return ReportService(self.registry, self.assignments)

    @cached_property
    def ingest(self) -> IngestService:
        redactor = self.redactor
        if redactor is None:
            return IngestService(self.settings, self.registry, self.store, self.embedder, self.sparse)
        return IngestService(self.settings, self.registry, self.store, self.embedder, self.sparse,
                             [PiiRedaction(redactor=redactor)], lambda name: redact_file_name(redactor, name))

    def warm_up(self) -> None:
        """Load models before the first request instead of during it (first ask: ~1.3 s → ~0.1 s)."""
        self.embedder.embed_query("khởi động")
        self.sparse.encode_query("khởi động")
        if self.redactor is not None:
            self.redactor.redact("khởi động")

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
