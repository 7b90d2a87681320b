"""Hybrid retrieval: dense + sparse prefetch fused inside Qdrant, access filter in the query."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.components.embeddings import Embedder
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import AccessScope, QdrantStore, ScoredChunk
from assistant.settings import RetrievalSettings
from assistant.text import collapse_spaces, fold_accents, has_diacritics, nfc
from assistant.vocab.units import topics_spelled_out

_KEPT_VECTORS = 512


def normalize_question(question: str) -> str:
    return collapse_spaces(nfc(question))


def searched(question: str) -> str:
    """The question as searched: the fields it abbreviates written out ("kế hoạch PCCC" finds "phòng cháy, chữa
    cháy"), without diacritics when it is typed without them."""
    return topics_spelled_out(question) if has_diacritics(question) else fold_accents(topics_spelled_out(question))


@dataclass
class Retriever:
    store: QdrantStore
    embedder: Embedder
    sparse: SparseEncoder
    cfg: RetrievalSettings
    reranker: object | None = None  # sentence-transformers CrossEncoder from a local path
    # a question is searched again within the plan it names, and asked again by others: its vector is kept
    _vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def retrieve(self, question: str, scope: AccessScope | None, top_k: int | None = None) -> list[ScoredChunk]:
        k = top_k or self.cfg.top_k
        q = normalize_question(question)
        typed_plain = not has_diacritics(q)
        q = searched(q)
        if self.cfg.folded_sparse_only and typed_plain:
            # typed without diacritics: the sparse index's accent-folded terms find the passages, the dense model
            # (which read accented Vietnamese) mostly does not
            return merge_neighbours(self.store.single_query(self.sparse.encode_query(q), scope, k))
        hits = self.store.hybrid_query(
            self._vector(q), self.sparse.encode_query(q), scope,
            limit=max(k, self.cfg.prefetch_k // 2) if self.reranker else k,
            prefetch=self.cfg.prefetch_k, fusion=self.cfg.fusion,
        )
        if self.reranker is not None and hits:
            scores = self.reranker.predict([(q, h.payload.get("rendered") or h.text) for h in hits])  # type: ignore[attr-defined]
            hits = [h for _, h in sorted(zip(scores, hits, strict=True), key=lambda x: -float(x[0]))]
        return merge_neighbours(hits[:k])

    def _vector(self, q: str) -> np.ndarray:
        vec = self._vectors.get(q)
        if vec is None:
            vec = self.embedder.embed_query(q)
            if len(self._vectors) >= _KEPT_VECTORS:
                del self._vectors[next(iter(self._vectors))]  # the oldest
            self._vectors[q] = vec
        return vec

    def whole_document(self, doc_id: str, found: list[ScoredChunk]) -> list[ScoredChunk]:
        """Every chunk of one document the caller may read (it was found under the caller's scope), those the
        search found first, then in reading order: the plan a question names, read to its end."""
        rest = [ScoredChunk(pid, 0.0, p) for pid, p in self.store.point_payloads(doc_id, _READ_KEYS).items()]
        return found_first(doc_id, found, rest)


def found_first(doc_id: str, found: list[ScoredChunk], chunks: list[ScoredChunk]) -> list[ScoredChunk]:
    """A document's chunks: those the search found first, in its order, then the others in reading order."""
    first = [c for c in found if c.payload.get("doc_id") == doc_id]
    seen = {c.id for c in first}
    return first + sorted((c for c in chunks if c.id not in seen), key=lambda c: int(c.payload.get("start", 0)))


# what answering reads of a chunk ("rendered", the text as embedded, is not needed)
_READ_KEYS = ("text", "start", "end", "tasks", "kind", "cells", "cell_spans", "header_rows", "heading", "section",
              "doc_id", "source", "title", "doc_number", "doc_type", "issuer", "superior", "issued_date", "page", "units",
              "classification", "abbreviations")


def merge_neighbours(hits: list[ScoredChunk]) -> list[ScoredChunk]:
    """Drop exact duplicates and chunks contained in a better-ranked chunk of the same document."""
    kept: list[ScoredChunk] = []
    for h in hits:
        p = h.payload
        if any(
            k.payload.get("doc_id") == p.get("doc_id")
            and k.payload.get("start", 0) <= p.get("start", 0)
            and p.get("end", 0) <= k.payload.get("end", 0)
            for k in kept
        ):
            continue
        kept.append(h)
    return kept


def load_reranker(path: str | None) -> object | None:
    if not path:
        return None
    from sentence_transformers import CrossEncoder

    return CrossEncoder(path, device="cpu", local_files_only=True)
