"""Qdrant Edge (`qdrant-edge-py`): the embedded engine, in-process, on disk under the data directory.

Same data model as a Qdrant server (named dense + sparse-with-IDF vectors, payload indexes, filtered
prefetch, DBSF/RRF fusion inside the engine). What Edge leaves to us:

- Concurrency. Queries release the GIL and run concurrently; writes are serialised by `_write_lock`.
- Index maintenance. `optimize()` (merge segments, build the HNSW graph) blocks and holds the GIL for its
  whole run (measured: 33 s at 20k points, other Python threads get nothing), so a running service never
  calls it in-process: `maintain()` copies the flushed shard, optimizes the copy in a low-priority child
  process, then swaps the optimized copy in. Asks keep reading the old shard meanwhile; writes wait.
- Exact vs HNSW. Up to `exact_max_points` chunks dense search is exact (no graph is built); above, segments
  larger than that get an HNSW graph and are searched with `hnsw_ef` (see README for the recall figures).

Layout: `<data_dir>/edge/CURRENT` names the live shard directory (`shard-000001`, …), swapped atomically.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import qdrant_edge as qe

from assistant.components.sparse import SparseVec
from assistant.components.vector_store import (
    INDEXED_FIELDS,
    LOCKED_MESSAGE,
    TIE_MARGIN,
    AccessScope,
    ChunkPoint,
    QdrantStore,
    ScoredChunk,
    StoreLockedError,
    stable_hits,
)
from assistant.settings import QdrantSettings

log = logging.getLogger(__name__)

CURRENT = "CURRENT"


def build_filter(scope: AccessScope | None, extra: Sequence[Any] = ()) -> qe.Filter | None:
    """The access filter of `vector_store.build_filter`, in Edge's classes."""
    must: list[Any] = list(extra)
    if scope:
        if scope.classifications is not None:
            must.append(qe.FieldCondition(key="classification", match=qe.MatchAny(any=scope.classifications)))
        if scope.units is not None:
            must.append(qe.Filter(should=[
                qe.IsEmptyCondition(key="units"),
                qe.FieldCondition(key="units", match=qe.MatchAny(any=scope.units or ["-"])),
            ]))
        if scope.doc_ids is not None:
            must.append(qe.FieldCondition(key="doc_id", match=qe.MatchAny(any=scope.doc_ids or ["-"])))
    return qe.Filter(must=must) if must else None


def _lock(path: Path) -> int:
    """An exclusive lock held while the store is open; another holder means another process owns it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        os.close(fd)
        raise StoreLockedError(LOCKED_MESSAGE) from exc
    return fd


def _of_doc(doc_id: str) -> qe.FieldCondition:
    return qe.FieldCondition(key="doc_id", match=qe.MatchValue(value=doc_id))


def _scored(points: list[Any]) -> list[ScoredChunk]:
    return [ScoredChunk(str(p.id), float(p.score), dict(p.payload or {})) for p in points]


class _Handle:
    """One open shard and how many queries are using it (a swapped-out shard closes when they finish)."""

    def __init__(self, shard: qe.EdgeShard, path: Path) -> None:
        self.shard, self.path, self.readers = shard, path, 0


class EdgeStore(QdrantStore):
    def __init__(self, cfg: QdrantSettings, root: str | Path) -> None:
        self.cfg = cfg
        self.root = Path(root)
        self._write_lock = threading.Lock()
        self._readers = threading.Condition(threading.Lock())  # guards handle swaps and reader counts only
        self._handle: _Handle | None = None
        self._points = 0
        self._dirty = False  # written through this handle since it was opened or last optimized
        self._maintainer: threading.Thread | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._closing = False
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock_fd: int | None = _lock(self.root / "LOCK")  # one owner per index, also before its first shard
        try:
            current = self._current_dir()
            if current is not None:
                self._handle = _Handle(self._load(current), current)
                self._refresh()
                for leftover in self.root.glob("shard-*"):  # copies of an interrupted optimize, a swapped-out shard
                    if leftover != current:
                        shutil.rmtree(leftover, ignore_errors=True)
        except BaseException:
            self._unlock()
            raise

    # -- layout --------------------------------------------------------------------------------

    def _current_dir(self) -> Path | None:
        marker = self.root / CURRENT
        if not marker.is_file():
            return None
        path = self.root / marker.read_text(encoding="utf-8").strip()
        if not path.is_dir():  # never start over with an empty index in its place
            raise RuntimeError(f"Chỉ mục hỏng: {marker} trỏ tới {path.name} nhưng thư mục này không tồn tại.")
        return path

    def _next_dir(self) -> Path:
        used = [int(p.name.split("-")[1]) for p in self.root.glob("shard-*") if p.name.split("-")[1].isdigit()]
        return self.root / f"shard-{max(used, default=0) + 1:06d}"

    def _point_current(self, path: Path) -> None:
        tmp = self.root / (CURRENT + ".tmp")
        tmp.write_text(path.name, encoding="utf-8")
        os.replace(tmp, self.root / CURRENT)

    @staticmethod
    def _load(path: Path) -> qe.EdgeShard:
        try:
            return qe.EdgeShard.load(str(path))
        except Exception as exc:  # the WAL is locked by the process that has the shard open
            if "WouldBlock" in str(exc) or "lock" in str(exc).lower():
                raise StoreLockedError(LOCKED_MESSAGE) from exc
            raise

    def _config(self, dim: int) -> qe.EdgeConfig:
        cfg = self.cfg
        threshold_kb = max(1, cfg.exact_max_points * dim * 4 // 1024)  # segments above it get HNSW
        return qe.EdgeConfig(
            vectors={cfg.dense_name: qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine)},
            sparse_vectors={cfg.sparse_name: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
            hnsw_config=qe.HnswIndexConfig(m=cfg.hnsw_m, ef_construct=cfg.hnsw_ef_construct,
                                           full_scan_threshold=threshold_kb,
                                           max_indexing_threads=cfg.optimize_threads),
            optimizers=qe.EdgeOptimizersConfig(indexing_threshold=threshold_kb),
        )

    def _refresh(self) -> None:
        if self._handle is not None:
            self._points = int(self._handle.shard.info().points_count)

    # -- reads: no lock held while the engine works ------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[qe.EdgeShard | None]:
        with self._readers:
            handle = self._handle
            if handle is not None:
                handle.readers += 1
        try:
            yield handle.shard if handle is not None else None
        finally:
            if handle is not None:
                with self._readers:
                    handle.readers -= 1
                    self._readers.notify_all()

    def _params(self) -> qe.SearchParams:
        if self._points <= self.cfg.exact_max_points:
            return qe.SearchParams(exact=True)
        return qe.SearchParams(hnsw_ef=self.cfg.hnsw_ef)

    def hybrid_query(
        self, dense: np.ndarray, sparse: SparseVec, scope: AccessScope | None, limit: int, prefetch: int,
        fusion: str = "rrf",
    ) -> list[ScoredChunk]:
        flt = build_filter(scope)
        request = qe.QueryRequest(
            limit=limit + TIE_MARGIN,
            prefetches=[
                qe.Prefetch(limit=prefetch, filter=flt, params=self._params(),
                            query=qe.Query.Nearest(np.asarray(dense, dtype=np.float32).tolist(),
                                                   using=self.cfg.dense_name)),
                qe.Prefetch(limit=prefetch, filter=flt,
                            query=qe.Query.Nearest(qe.SparseVector(sparse.indices, sparse.values),
                                                   using=self.cfg.sparse_name)),
            ],
            query=qe.Fusion.Rrf(k=60) if fusion == "rrf" else qe.Fusion.Dbsf(),  # type: ignore[arg-type]  # k: server default
            filter=flt, with_payload=True,
        )
        with self._reading() as shard:
            return stable_hits(_scored(shard.query(request)), limit) if shard is not None else []

    def single_query(self, vector: np.ndarray | SparseVec, scope: AccessScope | None, limit: int
                     ) -> list[ScoredChunk]:
        if isinstance(vector, SparseVec):
            query = qe.Query.Nearest(qe.SparseVector(vector.indices, vector.values), using=self.cfg.sparse_name)
            params = None
        else:
            query = qe.Query.Nearest(np.asarray(vector, dtype=np.float32).tolist(), using=self.cfg.dense_name)
            params = self._params()
        request = qe.QueryRequest(limit=limit + TIE_MARGIN, query=query, filter=build_filter(scope), params=params,
                                  with_payload=True)
        with self._reading() as shard:
            return stable_hits(_scored(shard.query(request)), limit) if shard is not None else []

    def count(self, doc_id: str | None = None) -> int:
        flt = qe.Filter(must=[_of_doc(doc_id)]) if doc_id else None
        with self._reading() as shard:
            return int(shard.count(qe.CountRequest(exact=True, filter=flt))) if shard is not None else 0

    def _scroll(self, flt: qe.Filter | None, batch: int, payload: Any, vectors: bool) -> Iterator[Any]:
        offset: Any = None
        while True:
            with self._reading() as shard:
                if shard is None:
                    return
                recs, offset = shard.scroll(qe.ScrollRequest(offset=offset, limit=batch, filter=flt,
                                                             with_payload=payload, with_vector=vectors))
            yield from recs
            if offset is None:
                return

    def doc_ids(self) -> set[str]:
        with self._reading() as shard:
            if shard is None:
                return set()
            hits = shard.facet(qe.FacetRequest(key="doc_id", limit=max(self._points, 1), exact=True)).hits
            return {str(h.value) for h in hits if h.count > 0}  # deleted values stay listed with 0

    def point_ids(self, doc_id: str) -> list[str]:
        return [str(r.id) for r in self._scroll(qe.Filter(must=[_of_doc(doc_id)]), 1024, False, False)]

    def point_payloads(self, doc_id: str, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        flt = qe.Filter(must=[_of_doc(doc_id)])
        return {str(r.id): dict(r.payload or {}) for r in self._scroll(flt, 1024, list(keys) or False, False)}

    def iter_points(self, batch: int = 256) -> Iterator[ChunkPoint]:
        dense, sparse = self.cfg.dense_name, self.cfg.sparse_name
        for r in self._scroll(None, batch, True, True):
            sv = r.vector[sparse]
            yield ChunkPoint(str(r.id), np.asarray(r.vector[dense], dtype=np.float32),
                             SparseVec(list(sv.indices), list(sv.values)), dict(r.payload or {}))

    # -- writes: serialised --------------------------------------------------------------------------

    def _update(self, op: qe.UpdateOperation) -> None:
        if self._handle is None:
            return
        self._handle.shard.update(op)
        self._dirty = True

    def ensure_collection(self, dim: int) -> None:
        with self._write_lock:
            if self._handle is not None:
                return
            self.root.mkdir(parents=True, exist_ok=True)
            path = self._next_dir()
            shard = qe.EdgeShard.create(str(path), self._config(dim))
            for key in INDEXED_FIELDS:
                shard.update(qe.UpdateOperation.create_field_index(key, qe.PayloadSchemaType.Keyword))
            shard.flush()
            self._point_current(path)
            with self._readers:
                self._handle = _Handle(shard, path)

    def upsert(self, points: Iterable[ChunkPoint], batch: int = 256) -> int:
        dense, sparse = self.cfg.dense_name, self.cfg.sparse_name
        buf: list[qe.Point] = []
        n = 0
        with self._write_lock:
            for p in points:
                buf.append(qe.Point(p.id, {dense: np.asarray(p.dense, dtype=np.float32).tolist(),
                                           sparse: qe.SparseVector(p.sparse.indices, p.sparse.values)}, p.payload))
                if len(buf) >= batch:
                    self._update(qe.UpdateOperation.upsert_points(buf))
                    n, buf = n + len(buf), []
            if buf:
                self._update(qe.UpdateOperation.upsert_points(buf))
                n += len(buf)
            self._refresh()
        return n

    def delete_document(self, doc_id: str, keep: list[str] | None = None) -> None:
        must_not: list[Any] | None = [qe.HasIdCondition(point_ids=set(keep))] if keep else None
        with self._write_lock:
            self._update(qe.UpdateOperation.delete_points_by_filter(qe.Filter(must=[_of_doc(doc_id)],
                                                                              must_not=must_not)))
            self._refresh()

    def delete_points(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._write_lock:
            self._update(qe.UpdateOperation.delete_points(list(ids)))
            self._refresh()

    def set_payload(self, doc_id: str, payload: dict[str, Any]) -> None:
        with self._write_lock:
            self._update(qe.UpdateOperation.set_payload_by_filter(qe.Filter(must=[_of_doc(doc_id)]), payload))

    # -- maintenance -------------------------------------------------------------------------------

    def pending(self) -> int:
        """Dense vectors not yet in an HNSW graph (sparse vectors are always indexed: 2 per point)."""
        with self._reading() as shard:
            if shard is None:
                return 0
            info = shard.info()
            return max(0, 2 * int(info.points_count) - int(info.indexed_vectors_count))

    def needs_optimize(self) -> bool:
        """An HNSW graph is worth building once the unindexed part outgrows exact search."""
        return self._points > self.cfg.exact_max_points and self.pending() > self.cfg.exact_max_points

    def maintain(self, background: bool = True) -> bool:
        if not self.needs_optimize():
            return False
        if not background:
            with self._write_lock:
                self._optimize_in_process()
            return True
        if self._maintainer is not None and self._maintainer.is_alive():
            return True
        self._maintainer = threading.Thread(target=self._optimize_copy, name="edge-optimize", daemon=True)
        self._maintainer.start()
        return True

    def _optimize_in_process(self) -> None:
        """Blocking, GIL-holding: for the CLI and benchmarks, where nothing else is being served."""
        if self._handle is not None:
            self._handle.shard.optimize()
            self._handle.shard.flush()
            self._dirty = False

    def _optimize_copy(self) -> None:
        """Optimize a copy in a niced child process, then swap it in; queries go on against the old shard."""
        with self._write_lock:
            if self._handle is None or self._closing:
                return
            old = self._handle
            old.shard.flush()
            new = self._next_dir()
            try:
                shutil.copytree(old.path, new)
                self._child = subprocess.Popen(
                    [sys.executable, "-m", "assistant.components.edge_store", str(new)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                )
                _, errors = self._child.communicate()
                if self._child.returncode != 0:
                    raise RuntimeError(errors.decode("utf-8", "replace")[-500:])
                shard = self._load(new)
            except Exception:
                log.exception("edge: background optimize failed; the current shard stays in use")
                shutil.rmtree(new, ignore_errors=True)
                return
            finally:
                self._child = None
            self._point_current(new)
            with self._readers:
                self._handle = _Handle(shard, new)
                self._readers.wait_for(lambda: old.readers == 0)
            old.shard.close()
            shutil.rmtree(old.path, ignore_errors=True)
            self._dirty = False
            self._refresh()
            log.info("edge: optimized shard %s in use (%d points)", new.name, self._points)

    def close(self) -> None:
        self._closing = True
        child = self._child
        if child is not None and child.poll() is None:
            child.terminate()  # our own child, by its pid
        if self._maintainer is not None:
            self._maintainer.join()
        with self._write_lock:
            if self._handle is None:
                self._unlock()
                return
            if self._dirty and self.needs_optimize():  # a CLI batch: optimize before the process ends
                self._optimize_in_process()
            self._handle.shard.flush()
            self._handle.shard.close()
            self._handle = None
        self._unlock()

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None


def _optimize_main(path: str) -> int:
    """Child process of `EdgeStore.maintain`: lowest CPU priority, so asks keep both cores."""
    os.nice(19)
    shard = qe.EdgeShard.load(path)
    shard.optimize()
    shard.flush()
    shard.close()
    return 0


if __name__ == "__main__":
    sys.exit(_optimize_main(sys.argv[1]))
