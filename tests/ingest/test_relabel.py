"""Relabelling a document (same file, new classification) leaves no point under the old label,
even when the chunking changed since the first ingest (different chunk ids)."""

from __future__ import annotations

from pathlib import Path

from conftest import make_settings

from assistant.services.container import Services
from assistant.settings import ChunkSettings
from ingest.service import IngestService


def test_relabel_after_rechunking_drops_old_points(tmp_path: Path, corpus_dir: Path) -> None:
    services = Services(make_settings(tmp_path / "data"))
    try:
        path = corpus_dir / "004_ac3b5f093c57f3b4.txt"
        first = services.ingest.ingest_file(path, classification="public")
        assert first.status == "ingested"
        first_ids = set(services.store.point_ids(first.doc_id))
        rechunked = IngestService(services.settings.model_copy(update={"chunk": ChunkSettings(max_chars=400)}),
                                  services.registry, services.store, services.embedder, services.sparse)
        second = rechunked.ingest_file(path, classification="restricted")
        assert second.status == "replaced" and second.chunks != first.chunks
        assert services.store.count(first.doc_id) == second.chunks
        assert {p.payload["classification"] for p in services.store.iter_points()} == {"restricted"}
        # the new chunking is a new version: new point ids, the old version's points dropped after the commit
        assert not set(services.store.point_ids(first.doc_id)) & first_ids
        assert services.ingest.check().ok
    finally:
        services.close()
