"""Qdrant local mode: hybrid query, access filters inside the query, delete, lock message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import AccessScope, ChunkPoint, QdrantStore, StoreLockedError
from assistant.settings import QdrantSettings

ROWS = [
    ("11111111-1111-1111-1111-111111111111", "d1", "public", [], "Văn phòng Đảng ủy chủ trì số hóa tài liệu"),
    ("22222222-2222-2222-2222-222222222222", "d2", "internal", [], "Ban Xây dựng Đảng chủ trì số hóa hồ sơ"),
    ("33333333-3333-3333-3333-333333333333", "d3", "public", ["xa-a"], "UBND xã chủ trì số hóa dịch vụ công"),
]


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = QdrantStore(QdrantSettings(), str(tmp_path / "q"))
    s.ensure_collection(4)
    enc = SparseEncoder()
    rng = np.random.default_rng(0)
    s.upsert(
        ChunkPoint(pid, rng.random(4).astype(np.float32), enc.encode_document(text),
                   {"doc_id": doc, "classification": cls, "units": units, "text": text})
        for pid, doc, cls, units, text in ROWS
    )
    yield s
    s.close()


def _docs(store: QdrantStore, scope: AccessScope | None) -> set[str]:
    enc = SparseEncoder()
    hits = store.hybrid_query(np.ones(4, dtype=np.float32), enc.encode_query("chủ trì số hóa"), scope, 10, 10)
    return {h.payload["doc_id"] for h in hits}


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (None, {"d1", "d2", "d3"}),
        (AccessScope(classifications=["public"]), {"d1", "d3"}),
        (AccessScope(classifications=["public", "internal"], units=["xa-b"]), {"d1", "d2"}),
        (AccessScope(units=["xa-a"]), {"d1", "d2", "d3"}),
        (AccessScope(doc_ids=["d2"]), {"d2"}),
        (AccessScope(doc_ids=[]), set()),
    ],
)
def test_filters_apply_inside_the_query(store: QdrantStore, scope: AccessScope | None, expected: set[str]) -> None:
    assert _docs(store, scope) == expected


def test_delete_document(store: QdrantStore) -> None:
    store.delete_document("d1")
    assert store.count() == 2 and store.count("d1") == 0


def test_point_level_maintenance(store: QdrantStore) -> None:
    """What the ingest journal and `troly index check|repair` use: ids, payload fields, relabel, delete by id."""
    assert store.doc_ids() == {"d1", "d2", "d3"}
    assert store.point_ids("d2") == [ROWS[1][0]] and store.point_ids("khong-co") == []
    assert store.point_payloads("d3", ["classification", "units"]) == {
        ROWS[2][0]: {"classification": "public", "units": ["xa-a"]}}
    store.set_payload("d3", {"classification": "restricted", "units": []})
    assert store.point_payloads("d3", ["classification", "units"])[ROWS[2][0]] == {
        "classification": "restricted", "units": []}
    assert store.point_payloads("d3", ["text"])[ROWS[2][0]]["text"] == ROWS[2][4]  # other fields kept
    store.delete_points([ROWS[0][0], "44444444-4444-4444-4444-444444444444"])  # unknown ids are ignored
    assert store.doc_ids() == {"d2", "d3"} and store.count() == 2


def test_second_process_gets_a_clear_message(store: QdrantStore, tmp_path: Path) -> None:
    with pytest.raises(StoreLockedError, match="tiến trình khác"):
        QdrantStore(QdrantSettings(), str(tmp_path / "q"))
