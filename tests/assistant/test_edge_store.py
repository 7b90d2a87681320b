"""What only the Edge engine does: survive a kill, optimize in the background without stopping queries,
pick exact or HNSW search by size. The shared behaviour is in test_vector_store.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
import uuid
from pathlib import Path

import numpy as np
import pytest

from assistant.components.edge_store import CURRENT, EdgeStore
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import AccessScope, ChunkPoint, StoreLockedError
from assistant.settings import QdrantSettings

DIM = 16
ENC = SparseEncoder()
WORDS = ["số hóa", "hồ sơ", "chủ trì", "phối hợp", "hạ tầng", "dịch vụ công", "báo cáo", "kho lưu trữ"]


def points(n: int, seed: int = 0, doc: str = "d") -> list[ChunkPoint]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        text = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 3) % len(WORDS)]} mục {i}"
        out.append(ChunkPoint(str(uuid.UUID(int=seed * 1_000_000 + i + 1)), rng.standard_normal(DIM).astype(np.float32),
                              ENC.encode_document(text), {"doc_id": f"{doc}{i % 7}", "classification": "public",
                                                          "units": [] if i % 2 else ["xa-a"], "text": text}))
    return out


def test_writes_survive_a_kill(tmp_path: Path) -> None:
    """Acknowledged upserts are in the write-ahead log: a SIGKILL before any flush or close loses none."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_edge_store import points
        from assistant.components.edge_store import EdgeStore
        from assistant.settings import QdrantSettings
        s = EdgeStore(QdrantSettings(), {str(tmp_path / 'edge')!r})
        s.ensure_collection({DIM})
        s.upsert(points(300))
        s.delete_document("d3")
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == -9, run.stderr
    s = EdgeStore(QdrantSettings(), tmp_path / "edge")
    try:
        expected = [p for p in points(300) if p.payload["doc_id"] != "d3"]
        assert s.count() == len(expected) and s.doc_ids() == {f"d{i}" for i in range(7)} - {"d3"}
        assert sorted(s.point_ids("d5")) == sorted(p.id for p in expected if p.payload["doc_id"] == "d5")
    finally:
        s.close()


def test_background_optimize_swaps_in_an_indexed_shard_while_queries_go_on(tmp_path: Path) -> None:
    cfg = QdrantSettings(exact_max_points=100)  # 1,200 points: HNSW is due
    s = EdgeStore(cfg, tmp_path / "edge")
    s.ensure_collection(DIM)
    data = points(1200)
    s.upsert(data)
    query = data[42]
    before = [h.id for h in s.hybrid_query(query.dense, ENC.encode_query("kho lưu trữ"), None, 10, 40, "dbsf")]
    first = (tmp_path / "edge" / CURRENT).read_text()
    assert s.needs_optimize() and s.pending() == 1200

    answers: list[list[str]] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            answers.append([h.id for h in s.single_query(query.dense, AccessScope(classifications=["public"]), 1)])

    reader = threading.Thread(target=ask)
    reader.start()
    try:
        assert s.maintain(background=True)
        assert s._maintainer is not None
        s._maintainer.join()
    finally:
        stop.set()
        reader.join()
    assert answers and all(a == [query.id] for a in answers)  # nearest of itself, before, during and after
    second = (tmp_path / "edge" / CURRENT).read_text()
    assert second != first and not (tmp_path / "edge" / first).exists()
    assert s.pending() == 0 and not s.needs_optimize() and s.count() == 1200
    s.upsert(points(10, seed=1))  # writes go to the new shard
    assert s.count() == 1210
    after = [h.id for h in s.hybrid_query(query.dense, ENC.encode_query("kho lưu trữ"), None, 10, 40, "dbsf")]
    assert after[0] == before[0] == query.id
    s.close()
    again = EdgeStore(cfg, tmp_path / "edge")
    assert again.count() == 1210 and again.pending() == 10  # small appendable segment: exact, no graph
    again.close()


def test_exact_search_up_to_the_threshold_hnsw_above(tmp_path: Path) -> None:
    s = EdgeStore(QdrantSettings(exact_max_points=50, hnsw_ef=64), tmp_path / "edge")
    s.ensure_collection(DIM)
    s.upsert(points(50))
    assert s._params().exact is True and not s.needs_optimize()
    s.upsert(points(10, seed=2))
    assert s._params().exact is False and s._params().hnsw_ef == 64
    s.close()


def test_a_cli_batch_is_optimized_when_the_store_closes(tmp_path: Path) -> None:
    s = EdgeStore(QdrantSettings(exact_max_points=100), tmp_path / "edge")
    s.ensure_collection(DIM)
    s.upsert(points(400))
    s.close()
    again = EdgeStore(QdrantSettings(exact_max_points=100), tmp_path / "edge")
    assert again.pending() == 0 and again.count() == 400
    again.close()


def test_leftovers_of_an_interrupted_optimize_are_removed_and_a_lost_shard_is_an_error(tmp_path: Path) -> None:
    s = EdgeStore(QdrantSettings(), tmp_path / "edge")
    s.ensure_collection(DIM)
    s.upsert(points(20))
    s.close()
    (tmp_path / "edge" / "shard-000099").mkdir()  # a copy the child never finished
    again = EdgeStore(QdrantSettings(), tmp_path / "edge")
    assert again.count() == 20 and not (tmp_path / "edge" / "shard-000099").exists()
    again.close()
    shutil.rmtree(tmp_path / "edge" / (tmp_path / "edge" / CURRENT).read_text())
    with pytest.raises(RuntimeError, match="không tồn tại"):
        EdgeStore(QdrantSettings(), tmp_path / "edge")


def test_an_index_without_any_shard_yet_is_locked_too(tmp_path: Path) -> None:
    """`troly serve` on a fresh data dir owns it before the first upload: a CLI must go through the server."""
    s = EdgeStore(QdrantSettings(), tmp_path / "edge")
    with pytest.raises(StoreLockedError, match="tiến trình khác"):
        EdgeStore(QdrantSettings(), tmp_path / "edge")
    s.close()
    EdgeStore(QdrantSettings(), tmp_path / "edge").close()
