"""One test suite for every store engine behind `QdrantStore`.

- `edge`: Qdrant Edge on disk (the embedded default);
- `client`: qdrant-client in local mode, standing in for a Qdrant server (same client code path);
- `server`: a real Qdrant server, when `TROLY_TEST_QDRANT_URL` names one (none can run on these
  machines: no registry ships a Qdrant server binary), each test in its own collection.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.components.edge_store import EdgeStore
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import (
    AccessScope,
    ChunkPoint,
    ClientStore,
    QdrantStore,
    StoreLockedError,
)
from assistant.settings import QdrantSettings

SERVER = os.environ.get("TROLY_TEST_QDRANT_URL")
ENGINES = ["edge", "client", pytest.param("server", marks=pytest.mark.skipif(
    not SERVER, reason="no Qdrant server here: set TROLY_TEST_QDRANT_URL to run the suite against one"))]
DIM = 8
ROWS = [
    ("11111111-1111-1111-1111-111111111111", "d1", "public", [], "Văn phòng Đảng ủy chủ trì số hóa tài liệu"),
    ("22222222-2222-2222-2222-222222222222", "d2", "internal", [], "Ban Xây dựng Đảng chủ trì số hóa hồ sơ"),
    ("33333333-3333-3333-3333-333333333333", "d3", "public", ["xa-a"], "UBND xã chủ trì số hóa dịch vụ công"),
    ("44444444-4444-4444-4444-444444444444", "d3", "public", ["xa-a"], "Công an xã phối hợp rà soát hạ tầng mạng"),
]
# What the lead's chunks carry besides the scalar fields: nested lists and objects, nulls, Vietnamese text.
RICH = {"cells": ["1", "Xây dựng kho lưu trữ", "Văn phòng Đảng ủy", None], "cell_spans": [[0, 1], [2, 22]],
        "tasks": [{"task": "Số hóa hồ sơ", "lead": "Ban Tổ chức", "support": ["Văn phòng"],
                   "deadline": "Quý III/2026", "spans": {"task": [10, 22]}}], "page": None, "score": 0.5}
ENC = SparseEncoder()


def dense_of(i: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i % DIM], v[(i + 1) % DIM] = 1.0, 0.5
    return v / np.linalg.norm(v)


def make(engine: str, tmp: Path, **cfg: object) -> QdrantStore:
    if engine == "edge":
        return EdgeStore(QdrantSettings(**cfg), tmp / "edge")  # type: ignore[arg-type]
    if engine == "client":
        return ClientStore(QdrantSettings(**cfg), str(tmp / "qdrant"))  # type: ignore[arg-type]
    return ClientStore(QdrantSettings(url=SERVER, collection=f"test_{uuid.uuid4().hex[:12]}", **cfg))  # type: ignore[arg-type]


def fill(store: QdrantStore) -> None:
    store.ensure_collection(DIM)
    store.upsert(ChunkPoint(pid, dense_of(i), ENC.encode_document(text),
                            {"doc_id": doc, "classification": cls, "units": units, "text": text, **RICH})
                 for i, (pid, doc, cls, units, text) in enumerate(ROWS))


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def store(engine: str, tmp_path: Path) -> Iterator[QdrantStore]:
    s = make(engine, tmp_path)
    fill(s)
    yield s
    if engine == "server":
        s.client.delete_collection(s.collection)  # type: ignore[attr-defined]
    s.close()


def docs_found(store: QdrantStore, scope: AccessScope | None, fusion: str = "dbsf") -> set[str]:
    hits = store.hybrid_query(dense_of(0), ENC.encode_query("chủ trì số hóa"), scope, 10, 10, fusion)
    return {h.payload["doc_id"] for h in hits}


@pytest.mark.parametrize("fusion", ["dbsf", "rrf"])
@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (None, {"d1", "d2", "d3"}),
        (AccessScope(classifications=["public"]), {"d1", "d3"}),
        (AccessScope(classifications=["public", "internal"], units=["xa-b"]), {"d1", "d2"}),
        (AccessScope(units=["xa-a"]), {"d1", "d2", "d3"}),
        (AccessScope(units=[]), {"d1", "d2"}),
        (AccessScope(doc_ids=["d2"]), {"d2"}),
        (AccessScope(doc_ids=[]), set()),
    ],
)
def test_filters_apply_inside_the_query(store: QdrantStore, scope: AccessScope | None, expected: set[str],
                                        fusion: str) -> None:
    assert docs_found(store, scope, fusion) == expected


def test_hybrid_ranks_the_best_match_of_both_vectors_first(store: QdrantStore) -> None:
    hits = store.hybrid_query(dense_of(3), ENC.encode_query("rà soát hạ tầng mạng"), None, 4, 10, "dbsf")
    assert hits[0].id == ROWS[3][0] and hits[0].text == ROWS[3][4]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_single_query_dense_and_sparse(store: QdrantStore) -> None:
    assert store.single_query(dense_of(1), None, 1)[0].id == ROWS[1][0]
    sparse = store.single_query(ENC.encode_query("dịch vụ công"), AccessScope(classifications=["public"]), 10)
    assert sparse[0].payload["doc_id"] == "d3" and all(h.payload["classification"] == "public" for h in sparse)


def test_payload_round_trips_as_stored(store: QdrantStore) -> None:
    hit = store.hybrid_query(dense_of(0), ENC.encode_query("kho lưu trữ"), AccessScope(doc_ids=["d1"]), 1, 5)[0]
    assert hit.payload == {"doc_id": "d1", "classification": "public", "units": [], "text": ROWS[0][4], **RICH}


def test_counts_ids_and_points(store: QdrantStore) -> None:
    assert (store.count(), store.count("d3"), store.count("nothing")) == (4, 2, 0)
    assert store.doc_ids() == {"d1", "d2", "d3"}
    assert sorted(store.point_ids("d3")) == [ROWS[2][0], ROWS[3][0]]
    points = {p.id: p for p in store.iter_points(batch=3)}
    assert set(points) == {r[0] for r in ROWS}
    p = points[ROWS[2][0]]
    assert np.allclose(p.dense, dense_of(2), atol=1e-6)
    sparse = ENC.encode_document(ROWS[2][4])  # weights come back as float32
    assert p.sparse.indices == sparse.indices and np.allclose(p.sparse.values, sparse.values, atol=1e-5)
    assert p.payload["units"] == ["xa-a"]


def test_delete_document_all_or_all_but_kept(store: QdrantStore) -> None:
    store.delete_document("d3", keep=[ROWS[3][0]])
    assert store.point_ids("d3") == [ROWS[3][0]]
    store.delete_document("d1")
    assert store.count() == 2 and store.count("d1") == 0 and store.doc_ids() == {"d2", "d3"}
    store.delete_document("nothing")
    assert store.count() == 2


def test_delete_points(store: QdrantStore) -> None:
    store.delete_points([ROWS[0][0], ROWS[2][0], "99999999-9999-9999-9999-999999999999"])
    store.delete_points([])
    assert sorted(p.id for p in store.iter_points()) == [ROWS[1][0], ROWS[3][0]]
    assert store.doc_ids() == {"d2", "d3"} and store.count() == 2  # d1 had one point: it is gone from the ids


def test_point_payloads_give_the_asked_fields_of_each_point(store: QdrantStore) -> None:
    """What `troly index check` compares with the registry: the access labels of each of a document's points."""
    labels = ["classification", "units"]
    d3 = {ROWS[2][0]: {"classification": "public", "units": ["xa-a"]},
          ROWS[3][0]: {"classification": "public", "units": ["xa-a"]}}
    assert store.point_payloads("d3", labels) == d3
    assert store.point_payloads("d2", ["text"]) == {ROWS[1][0]: {"text": ROWS[1][4]}}
    assert store.point_payloads("khong-co", labels) == {} and store.point_ids("khong-co") == []
    store.set_payload("d3", {"classification": "restricted", "units": []})
    assert store.point_payloads("d3", labels) == dict.fromkeys(d3, {"classification": "restricted", "units": []})
    assert store.point_payloads("d1", labels) == {ROWS[0][0]: {"classification": "public", "units": []}}


def test_set_payload_relabels_and_the_filter_follows(store: QdrantStore) -> None:
    store.set_payload("d2", {"classification": "public", "units": ["xa-b"]})
    assert docs_found(store, AccessScope(classifications=["public"], units=["xa-b"])) == {"d1", "d2"}
    assert docs_found(store, AccessScope(classifications=["internal"])) == set()
    hit = store.hybrid_query(dense_of(1), ENC.encode_query("hồ sơ"), AccessScope(doc_ids=["d2"]), 1, 5)[0]
    assert hit.payload["tasks"] == RICH["tasks"] and hit.text == ROWS[1][4]  # the rest of the payload stays


def test_upsert_replaces_a_point_with_the_same_id(store: QdrantStore) -> None:
    store.upsert([ChunkPoint(ROWS[0][0], dense_of(0), ENC.encode_document("văn bản mới"),
                             {"doc_id": "d1", "classification": "public", "units": [], "text": "văn bản mới"})])
    assert store.count() == 4
    assert {p.payload["text"] for p in store.iter_points() if p.id == ROWS[0][0]} == {"văn bản mới"}


def test_an_empty_store_answers_without_a_collection(engine: str, tmp_path: Path) -> None:
    s = make(engine, tmp_path)
    try:
        assert s.hybrid_query(dense_of(0), ENC.encode_query("số hóa"), None, 5, 5) == []
        assert s.single_query(dense_of(0), None, 5) == []
        assert (s.count(), s.count("d1"), s.doc_ids(), s.point_ids("d1"), list(s.iter_points())) == (0, 0, set(), [], [])
        assert s.point_payloads("d1", ["classification"]) == {}
        s.delete_document("d1")
        s.delete_points(["11111111-1111-1111-1111-111111111111"])
        s.set_payload("d1", {"classification": "public"})
        assert s.maintain(background=False) is False
    finally:
        s.close()


@pytest.mark.parametrize("engine", ["edge", "client"])
def test_embedded_data_survives_reopening_and_is_locked_while_open(engine: str, tmp_path: Path) -> None:
    s = make(engine, tmp_path)
    fill(s)
    with pytest.raises(StoreLockedError, match="tiến trình khác"):
        make(engine, tmp_path)
    s.close()
    again = make(engine, tmp_path)
    try:
        assert again.count() == 4 and docs_found(again, AccessScope(classifications=["internal"])) == {"d2"}
    finally:
        again.close()


def test_hits_scored_alike_come_in_one_order() -> None:
    """A search returns points scored alike in any order; the same question must find the same passages."""
    from assistant.components.vector_store import ScoredChunk, stable_hits

    hits = [ScoredChunk("c", 1.0), ScoredChunk("a", 1.0), ScoredChunk("z", 2.0), ScoredChunk("b", 1.0)]
    assert [h.id for h in stable_hits(hits, 3)] == ["z", "a", "b"]
    assert [h.id for h in stable_hits(list(reversed(hits)), 3)] == ["z", "a", "b"]
