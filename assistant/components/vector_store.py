"""The chunk index: one interface (`QdrantStore`), two engines behind it.

- `EdgeStore` (assistant/components/edge_store.py): Qdrant Edge, Qdrant's in-process engine, on disk
  under the data directory — the embedded default.
- `ClientStore` (here): qdrant-client against a Qdrant server or cluster (`TROLY_QDRANT__URL`); with a
  path instead of a URL it opens qdrant-client's local mode, kept only to read data directories of
  the old layout (`troly index rebuild`) and as a stand-in for a server in tests.

Both keep the same data model: a named dense vector, a named sparse vector with Qdrant's IDF modifier,
an arbitrary JSON payload per chunk, keyword payload indexes on every filtered field, access filters
inside the query. Reads may run concurrently from many threads; writes are serialised by the caller.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from assistant.components.sparse import SparseVec
from assistant.settings import QdrantSettings

log = logging.getLogger(__name__)

# Payload fields the access filter and deletes use: each gets a keyword index in both engines.
INDEXED_FIELDS = ("doc_id", "classification", "units")
LOCKED_MESSAGE = (
    "Kho dữ liệu đang được một tiến trình khác sử dụng (có thể `troly serve` đang chạy). "
    "Hãy dùng --api-url để gửi lệnh tới máy chủ đó, hoặc dừng tiến trình kia."
)


class StoreLockedError(RuntimeError):
    """The embedded store is opened by another process (e.g. `troly serve`)."""


@dataclass
class AccessScope:
    """What a caller may read; None means no restriction on that axis."""

    classifications: list[str] | None = None
    units: list[str] | None = None
    doc_ids: list[str] | None = None


@dataclass
class ChunkPoint:
    id: str
    dense: np.ndarray
    sparse: SparseVec
    payload: dict[str, Any]


@dataclass
class ScoredChunk:
    id: str
    score: float
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return str(self.payload.get("text", ""))


# points scored alike come back from a search in any order: a few more are asked for and ties are broken by id, so
# the same question finds the same passages every time
TIE_MARGIN = 8


def stable_hits(hits: list[ScoredChunk], limit: int) -> list[ScoredChunk]:
    return sorted(hits, key=lambda h: (-round(h.score, 9), h.id))[:limit]


class QdrantStore(ABC):
    """What ingest, retrieval and the ingest journal need from the index; both engines implement it.

    Signatures are shared with the reliability work (journal, `troly index check|repair`): keep them.
    """

    cfg: QdrantSettings

    @abstractmethod
    def ensure_collection(self, dim: int) -> None:
        """Create the collection (vectors, payload indexes) if it does not exist yet."""

    @abstractmethod
    def upsert(self, points: Iterable[ChunkPoint]) -> int:
        """Insert or replace points; returns how many were written."""

    @abstractmethod
    def delete_document(self, doc_id: str, keep: list[str] | None = None) -> None:
        """Delete the document's points (all, or all but the `keep` ids)."""

    @abstractmethod
    def delete_points(self, ids: Sequence[str]) -> None:
        """Delete points by id (ids that do not exist are ignored)."""

    @abstractmethod
    def count(self, doc_id: str | None = None) -> int:
        """Points of one document, or of the whole index."""

    @abstractmethod
    def doc_ids(self) -> set[str]:
        """Every document id that has at least one point."""

    @abstractmethod
    def point_ids(self, doc_id: str) -> list[str]:
        """Ids of one document's points."""

    @abstractmethod
    def point_payloads(self, doc_id: str, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Point id -> the given payload fields, for each of the document's points (`troly index check`
        compares the access labels with the registry's)."""

    @abstractmethod
    def set_payload(self, doc_id: str, payload: dict[str, Any]) -> None:
        """Merge `payload` into every point of the document (relabelling: classification, units)."""

    @abstractmethod
    def hybrid_query(
        self, dense: np.ndarray, sparse: SparseVec, scope: AccessScope | None, limit: int, prefetch: int,
        fusion: str = "rrf",
    ) -> list[ScoredChunk]:
        """Dense and sparse prefetch under the access filter, fused inside the engine; [] before any ingest."""

    @abstractmethod
    def single_query(self, vector: np.ndarray | SparseVec, scope: AccessScope | None, limit: int
                     ) -> list[ScoredChunk]:
        """Dense-only or sparse-only search (baselines, diagnostics)."""

    @abstractmethod
    def iter_points(self, batch: int = 256) -> Iterator[ChunkPoint]:
        """Every point with its vectors and payload (migration, `troly index rebuild`)."""

    @abstractmethod
    def close(self) -> None: ...

    def maintain(self, background: bool = True) -> bool:
        """Index maintenance after a batch of writes (merge segments, build HNSW) when the engine needs it.

        Returns True when maintenance was started or done. The server optimizes by itself: nothing to do.
        """
        return False


def _of_doc(doc_id: str) -> models.Filter:
    return models.Filter(must=[models.FieldCondition(key="doc_id", match=models.MatchValue(value=doc_id))])


def build_filter(scope: AccessScope | None, extra: Sequence[models.Condition] = ()) -> models.Filter | None:
    must: list[models.Condition] = list(extra)
    if scope:
        if scope.classifications is not None:
            must.append(
                models.FieldCondition(key="classification", match=models.MatchAny(any=scope.classifications))
            )
        if scope.units is not None:
            must.append(
                models.Filter(
                    should=[
                        models.IsEmptyCondition(is_empty=models.PayloadField(key="units")),
                        models.FieldCondition(key="units", match=models.MatchAny(any=scope.units or ["-"])),
                    ]
                )
            )
        if scope.doc_ids is not None:
            must.append(models.FieldCondition(key="doc_id", match=models.MatchAny(any=scope.doc_ids or ["-"])))
    return models.Filter(must=must) if must else None


def open_client(cfg: QdrantSettings, path: str | None = None) -> QdrantClient:
    if cfg.url:
        return QdrantClient(url=cfg.url, api_key=cfg.api_key, timeout=int(cfg.timeout_s))
    try:
        return QdrantClient(path=path)
    except RuntimeError as exc:  # portalocker: "already accessed by another instance"
        if "already accessed" in str(exc):
            raise StoreLockedError(LOCKED_MESSAGE) from exc
        raise


class ClientStore(QdrantStore):
    """qdrant-client: a Qdrant server or cluster by URL (production), local mode by path (legacy)."""

    def __init__(self, cfg: QdrantSettings, path: str | None = None, client: QdrantClient | None = None) -> None:
        self.cfg = cfg
        self.client = client or open_client(cfg, path)
        self.collection = cfg.collection
        self._exists = False

    def _ready(self) -> bool:
        if not self._exists:  # once it exists it stays (nobody drops it under a running service)
            self._exists = self.client.collection_exists(self.collection)
        return self._exists

    def ensure_collection(self, dim: int) -> None:
        if self._ready():
            return
        cfg = self.cfg
        self.client.create_collection(
            self.collection,
            vectors_config={cfg.dense_name: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={cfg.sparse_name: models.SparseVectorParams(modifier=models.Modifier.IDF)},
            shard_number=cfg.shard_number,
            replication_factor=cfg.replication_factor,
            write_consistency_factor=cfg.write_consistency_factor,
            hnsw_config=models.HnswConfigDiff(m=cfg.hnsw_m, ef_construct=cfg.hnsw_ef_construct),
        )
        if cfg.url:  # local mode has no payload indexes (it scans) and warns about them
            for key in INDEXED_FIELDS:
                self.client.create_payload_index(self.collection, key, field_schema=models.PayloadSchemaType.KEYWORD,
                                                 wait=True)
        self._exists = True

    def upsert(self, points: Iterable[ChunkPoint], batch: int = 256) -> int:
        buf: list[models.PointStruct] = []
        n = 0
        for p in points:
            buf.append(models.PointStruct(id=p.id, payload=p.payload, vector={
                self.cfg.dense_name: np.asarray(p.dense, dtype=np.float32).tolist(),
                self.cfg.sparse_name: models.SparseVector(indices=p.sparse.indices, values=p.sparse.values)}))
            if len(buf) >= batch:
                n += self._write(buf)
                buf = []
        return n + (self._write(buf) if buf else 0)

    def _write(self, buf: list[models.PointStruct]) -> int:
        self.client.upsert(self.collection, buf, wait=True, ordering=self._ordering())
        return len(buf)

    def _ordering(self) -> models.WriteOrdering | None:
        return models.WriteOrdering(self.cfg.write_ordering) if self.cfg.url else None

    def _delete(self, flt: models.Filter) -> None:
        if self._ready():
            self.client.delete(self.collection, points_selector=models.FilterSelector(filter=flt), wait=True,
                               ordering=self._ordering())

    def delete_document(self, doc_id: str, keep: list[str] | None = None) -> None:
        flt = _of_doc(doc_id)
        if keep:
            flt.must_not = [models.HasIdCondition(has_id=list(keep))]  # type: ignore[list-item]
        self._delete(flt)

    def delete_points(self, ids: Sequence[str]) -> None:
        if ids and self._ready():
            self.client.delete(self.collection, points_selector=models.PointIdsList(points=list(ids)), wait=True,
                               ordering=self._ordering())

    def count(self, doc_id: str | None = None) -> int:
        if not self._ready():
            return 0
        flt = _of_doc(doc_id) if doc_id else None
        return int(self.client.count(self.collection, count_filter=flt, exact=True).count)

    def _scroll(self, flt: models.Filter | None, batch: int, payload: Any, vectors: bool) -> Iterator[models.Record]:
        if not self._ready():
            return
        offset: Any = None
        while True:
            recs, offset = self.client.scroll(self.collection, scroll_filter=flt, limit=batch, offset=offset,
                                              with_payload=payload, with_vectors=vectors)
            yield from recs
            if offset is None:
                return

    def doc_ids(self) -> set[str]:
        if self.cfg.url:  # the server counts by the keyword index: no scan
            if not self._ready():
                return set()
            res = self.client.facet(self.collection, key="doc_id", limit=1_000_000, exact=True)
            return {str(h.value) for h in res.hits}
        found = ((r.payload or {}).get("doc_id") for r in self._scroll(None, 1024, ["doc_id"], False))
        return {str(d) for d in found if d is not None}  # as the facet: points without a doc_id name none

    def point_ids(self, doc_id: str) -> list[str]:
        return [str(r.id) for r in self._scroll(_of_doc(doc_id), 1024, False, False)]

    def point_payloads(self, doc_id: str, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {str(r.id): dict(r.payload or {}) for r in self._scroll(_of_doc(doc_id), 1024, list(keys) or False,
                                                                         False)}

    def set_payload(self, doc_id: str, payload: dict[str, Any]) -> None:
        if self._ready():
            self.client.set_payload(self.collection, payload=payload, points=_of_doc(doc_id), wait=True,
                                    ordering=self._ordering())

    def iter_points(self, batch: int = 256) -> Iterator[ChunkPoint]:
        for r in self._scroll(None, batch, True, True):
            vec: Any = r.vector or {}
            sp = vec[self.cfg.sparse_name]
            yield ChunkPoint(str(r.id), np.asarray(vec[self.cfg.dense_name], dtype=np.float32),
                             SparseVec(list(sp.indices), list(sp.values)), dict(r.payload or {}))

    def _params(self) -> models.SearchParams | None:
        """The server picks exact search itself for segments under its full-scan threshold; local mode scans."""
        return models.SearchParams(hnsw_ef=self.cfg.hnsw_ef) if self.cfg.url else None

    def hybrid_query(
        self, dense: np.ndarray, sparse: SparseVec, scope: AccessScope | None, limit: int, prefetch: int,
        fusion: str = "rrf",
    ) -> list[ScoredChunk]:
        if not self._ready():
            return []
        flt = build_filter(scope)
        res = self.client.query_points(
            self.collection,
            prefetch=[
                models.Prefetch(query=np.asarray(dense).tolist(), using=self.cfg.dense_name, limit=prefetch,
                                filter=flt, params=self._params()),
                models.Prefetch(query=models.SparseVector(indices=sparse.indices, values=sparse.values),
                                using=self.cfg.sparse_name, limit=prefetch, filter=flt),
            ],
            query=models.FusionQuery(fusion=models.Fusion.RRF if fusion == "rrf" else models.Fusion.DBSF),
            query_filter=flt, limit=limit + TIE_MARGIN, with_payload=True,
        )
        return stable_hits([ScoredChunk(str(p.id), float(p.score), dict(p.payload or {})) for p in res.points], limit)

    def single_query(self, vector: np.ndarray | SparseVec, scope: AccessScope | None, limit: int
                     ) -> list[ScoredChunk]:
        if not self._ready():
            return []
        if isinstance(vector, SparseVec):
            query: Any = models.SparseVector(indices=vector.indices, values=vector.values)
            using, params = self.cfg.sparse_name, None
        else:
            query, using, params = np.asarray(vector).tolist(), self.cfg.dense_name, self._params()
        res = self.client.query_points(self.collection, query=query, using=using, query_filter=build_filter(scope),
                                       limit=limit + TIE_MARGIN, with_payload=True, search_params=params)
        return stable_hits([ScoredChunk(str(p.id), float(p.score), dict(p.payload or {})) for p in res.points], limit)

    def close(self) -> None:
        self.client.close()
