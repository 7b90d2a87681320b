"""Moving an index between engines without losing a point.

Used automatically when a data directory of the old layout (qdrant-client local mode under `qdrant/`)
is opened with the Edge engine, and by `troly index rebuild` (any store into the configured one, e.g.
the embedded index into a Qdrant cluster). The source is never deleted: the old local-mode directory is
renamed `qdrant.migrated` once every point has been copied and counted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from assistant.components.vector_store import ChunkPoint, ClientStore, QdrantStore
from assistant.settings import QdrantSettings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (copied, total)


class MigrationError(RuntimeError):
    """The copy does not hold every point of the source; the source is left untouched."""


def copy_points(src: QdrantStore, dst: QdrantStore, batch: int = 512, progress: Progress | None = None) -> int:
    """Copy every point (vectors and payload as stored) from `src` into `dst`; returns the count copied."""
    total = src.count()
    buf: list[ChunkPoint] = []
    done = 0
    for p in src.iter_points(batch):
        if not buf and done == 0:  # the first point gives the dimension
            dst.ensure_collection(int(p.dense.shape[0]))
        buf.append(p)
        if len(buf) >= batch:
            done += dst.upsert(buf)
            buf = []
            if progress:
                progress(done, total)
    if buf:
        done += dst.upsert(buf)
    if progress:
        progress(done, total)
    missing = src.doc_ids() - dst.doc_ids()
    if done != total or missing:
        raise MigrationError(f"Sao chép chỉ mục không đầy đủ: {done}/{total} đoạn, thiếu {len(missing)} tài liệu.")
    return done


def legacy_dir(data_dir: Path) -> Path | None:
    """The old layout: qdrant-client local mode files under `<data_dir>/qdrant`."""
    path = data_dir / "qdrant"
    return path if (path / "meta.json").is_file() else None


def migrate_legacy(cfg: QdrantSettings, data_dir: Path, dst: QdrantStore, progress: Progress | None = None) -> int:
    """Copy the old local-mode index into `dst`, then rename it (kept on disk, never deleted)."""
    path = legacy_dir(data_dir)
    if path is None:
        return 0
    local_cfg = cfg.model_copy(update={"url": None, "api_key": None})
    src = ClientStore(local_cfg, str(path))
    try:
        n = copy_points(src, dst, progress=progress)
    finally:
        src.close()
    target = path.with_name("qdrant.migrated")
    suffix = 1
    while target.exists():
        suffix += 1
        target = path.with_name(f"qdrant.migrated-{suffix}")
    path.rename(target)
    log.warning("Đã chuyển %d đoạn từ chỉ mục cũ (%s) sang Qdrant Edge; bản cũ giữ tại %s.", n, path, target)
    return n
