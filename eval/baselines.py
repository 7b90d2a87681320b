"""Baselines run on the same corpus and questions, so a change is judged as a ratio.

1. `bm25`: plain BM25 over fixed-size character windows of the raw text.
2. `dense_default`: dense only, llama-index's default SentenceSplitter, no structure —
   what a user of a generic RAG template gets.
Both answer with the project's extractive answerer and verifier, so only retrieval and
chunking differ from the full pipeline.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from llama_index.core import Document
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import TextNode

from assistant.components.embeddings import Embedder
from assistant.components.vector_store import AccessScope, ScoredChunk
from assistant.services.evidence import folded_syllables
from assistant.services.retrieval import found_first
from assistant.text import nfc


@dataclass
class FlatChunk:
    source: str
    start: int
    end: int
    text: str

    def scored(self, score: float) -> ScoredChunk:
        payload = {
            "doc_id": self.source,
            "source": self.source,
            "title": self.source,
            "section": "",
            "start": self.start,
            "end": self.end,
            "kind": "text",
            "text": self.text,
        }
        return ScoredChunk(f"{self.source}:{self.start}", score, payload)


def read_corpus(files: list[Path]) -> dict[str, str]:
    return {f.name: nfc(f.read_text(encoding="utf-8-sig")) for f in files}


def fixed_windows(texts: dict[str, str], size: int = 1000, overlap: int = 200) -> list[FlatChunk]:
    out = []
    for source, text in texts.items():
        for start in range(0, max(len(text) - overlap, 1), size - overlap):
            out.append(FlatChunk(source, start, min(start + size, len(text)), text[start : start + size]))
    return out


def default_splitter_chunks(texts: dict[str, str]) -> list[FlatChunk]:
    splitter = SentenceSplitter()
    out = []
    for source, text in texts.items():
        for node in splitter.get_nodes_from_documents([Document(text=text)]):
            assert isinstance(node, TextNode)
            s, e = node.start_char_idx or 0, node.end_char_idx or 0
            out.append(FlatChunk(source, s, e, text[s:e]))
    return out


class _FlatRetriever:
    chunks: list[FlatChunk]

    def whole_document(self, doc_id: str, found: list[ScoredChunk]) -> list[ScoredChunk]:
        """As the service's retriever: the document's chunks, those found first, then in reading order."""
        return found_first(doc_id, found, [c.scored(0.0) for c in self.chunks if c.source == doc_id])


class BM25Retriever(_FlatRetriever):
    def __init__(self, chunks: list[FlatChunk], k1: float = 1.5, b: float = 0.75) -> None:
        self.chunks = chunks
        self.tf = [Counter(folded_syllables(c.text)) for c in chunks]
        self.len = [sum(t.values()) for t in self.tf]
        self.avg = sum(self.len) / max(len(self.len), 1)
        df: Counter[str] = Counter()
        for t in self.tf:
            df.update(t.keys())
        n = len(chunks)
        self.idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}
        self.k1, self.b = k1, b

    def retrieve(
        self, question: str, scope: AccessScope | None, top_k: int | None = None
    ) -> list[ScoredChunk]:
        q = set(folded_syllables(question))
        scores = []
        for tf, n in zip(self.tf, self.len, strict=True):
            norm = self.k1 * (1 - self.b + self.b * n / self.avg)
            scores.append(
                sum(self.idf.get(w, 0) * tf[w] * (self.k1 + 1) / (tf[w] + norm) for w in q if w in tf)
            )
        order = np.argsort(scores)[::-1][: top_k or 8]
        return [self.chunks[i].scored(float(scores[i])) for i in order]


class DenseRetriever(_FlatRetriever):
    def __init__(self, chunks: list[FlatChunk], embedder: Embedder) -> None:
        self.chunks, self.embedder = chunks, embedder
        self.matrix = embedder.embed_passages([c.text for c in chunks])

    def retrieve(
        self, question: str, scope: AccessScope | None, top_k: int | None = None
    ) -> list[ScoredChunk]:
        sims = self.matrix @ self.embedder.embed_query(question)
        order = np.argsort(sims)[::-1][: top_k or 8]
        return [self.chunks[i].scored(float(sims[i])) for i in order]
