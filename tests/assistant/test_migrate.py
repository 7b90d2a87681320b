"""Old data directories (qdrant-client local mode) move to Qdrant Edge without losing a point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_settings
from test_vector_store import ROWS, dense_of, docs_found, fill

from assistant.components.edge_store import EdgeStore
from assistant.components.vector_store import AccessScope, ClientStore
from assistant.services.container import open_store
from assistant.settings import QdrantSettings


def legacy(data_dir: Path) -> None:
    old = ClientStore(QdrantSettings(), str(data_dir / "qdrant"))
    fill(old)
    old.close()


def test_opening_an_old_data_dir_migrates_it_and_keeps_the_source(tmp_path: Path) -> None:
    legacy(tmp_path)
    store = open_store(make_settings(tmp_path))
    try:
        assert isinstance(store, EdgeStore)
        assert store.count() == len(ROWS) and store.doc_ids() == {"d1", "d2", "d3"}
        assert docs_found(store, AccessScope(classifications=["public"], units=["xa-b"])) == {"d1"}
        moved = {p.id: p for p in store.iter_points()}
        assert moved[ROWS[2][0]].payload["tasks"][0]["deadline"] == "Quý III/2026"
        assert abs(float(moved[ROWS[2][0]].dense @ dense_of(2)) - 1.0) < 1e-5
    finally:
        store.close()
    assert not (tmp_path / "qdrant").exists() and (tmp_path / "qdrant.migrated" / "meta.json").is_file()
    again = open_store(make_settings(tmp_path))  # migrated once: a second open copies nothing
    assert again.count() == len(ROWS)
    again.close()


def run_cli(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "TROLY_DATA_DIR": str(data_dir), **env}, timeout=300)


def test_index_rebuild_migrates_and_moves_between_engines(tmp_path: Path) -> None:
    legacy(tmp_path)
    first = run_cli("index", "rebuild", "--json", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert '"chunks": 4' in first.stdout and (tmp_path / "qdrant.migrated").is_dir()
    nothing = run_cli("index", "rebuild", data_dir=tmp_path)
    assert nothing.returncode == 2 and "không có gì để chuyển" in " ".join(nothing.stderr.split())
    # Edge → another engine (here local mode, standing in for a server URL): a full copy, source kept.
    moved = run_cli("index", "rebuild", "--from", "edge", data_dir=tmp_path, TROLY_QDRANT__ENGINE="local")
    assert moved.returncode == 0, moved.stderr
    assert "Đã chép 4 đoạn từ edge sang local" in moved.stdout
    local = ClientStore(QdrantSettings(), str(tmp_path / "qdrant"))
    edge = EdgeStore(QdrantSettings(), tmp_path / "edge")
    try:
        assert local.doc_ids() == edge.doc_ids() == {"d1", "d2", "d3"} and local.count() == edge.count() == 4
    finally:
        local.close()
        edge.close()


@pytest.mark.parametrize(("qdrant", "engine"), [
    ({}, EdgeStore),
    ({"engine": "local"}, ClientStore),
    ({"url": "http://127.0.0.1:1", "engine": "edge"}, ClientStore),  # a URL wins; nothing is contacted yet
])
def test_open_store_follows_the_settings(tmp_path: Path, qdrant: dict[str, str], engine: type) -> None:
    store = open_store(make_settings(tmp_path, qdrant=qdrant))
    try:
        assert type(store) is engine
    finally:
        store.close()
