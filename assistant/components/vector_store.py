"""Qdrant: one collection, a named dense vector and a named sparse vector (IDF modifier).

Embedded local mode under the data directory by default; a URL in settings switches to a
server or cluster with the same calls. Access filters are applied inside the query.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from assistant.components.sparse import SparseVec
from assistant.settings import QdrantSettings

log = logging.getLogger(__name__)


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


def open_client(cfg: QdrantSettings, path: str) -> QdrantClient:
    if cfg.url:
        return QdrantClient(url=cfg.url, api_key=cfg.api_key)
    try:
        return QdrantClient(path=path)
    except RuntimeError as exc:  # portalocker: "already accessed by another instance"
        if "already accessed" in str(exc):
            raise StoreLockedError(
                "Kho dữ liệu đang được một tiến trình khác sử dụng (có thể `troly serve` đang chạy). "
                "Hãy dùng --api-url để gửi lệnh tới máy chủ đó, hoặc dừng tiến trình kia."
            ) from exc
        raise


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


def _of_doc(doc_id: str) -> models.FieldCondition:
    return models.FieldCondition(key="doc_id", match=models.MatchValue(value=doc_id))


class QdrantStore:
    def __init__(self, cfg: QdrantSettings, path: str, client: QdrantClient | None = None) -> None:
        self.cfg = cfg
        self.client = client or open_client(cfg, path)
        self.collection = cfg.collection

    def ensure_collection(self, dim: int) -> None:
        if self.client.collection_exists(self.collection):
            return
        self.client.create_collection(
            self.collection,
            vectors_config={self.cfg.dense_name: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={self.cfg.sparse_name: models.SparseVectorParams(modifier=models.Modifier.IDF)},
        )
        if self.cfg.url:  # payload indexes matter on a server; local mode scans anyway
            for key, schema in (("doc_id", "keyword"), ("classification", "keyword"), ("units", "keyword")):
                self.client.create_payload_index(self.collection, key, field_schema=schema)  # type: ignore[arg-type]

    def upsert(self, points: Iterable[ChunkPoint], batch: int = 256) -> int:
        buf: list[models.PointStruct] = []
        n = 0
        for p in points:
            buf.append(
                models.PointStruct(
                    id=p.id,
                    vector={
                        self.cfg.dense_name: p.dense.tolist(),
                        self.cfg.sparse_name: models.SparseVector(indices=p.sparse.indices, values=p.sparse.values),
                    },
                    payload=p.payload,
                )
            )
            if len(buf) >= batch:
                self.client.upsert(self.collection, buf, wait=True)
                n, buf = n + len(buf), []
        if buf:
            self.client.upsert(self.collection, buf, wait=True)
            n += len(buf)
        return n

    def delete_document(self, doc_id: str, keep: list[str] | None = None) -> None:
        """Delete the document's points (all, or all but the `keep` ids)."""
        if not self.client.collection_exists(self.collection):
            return
        of_doc = _of_doc(doc_id)
        must_not: list[models.Condition] = [models.HasIdCondition(has_id=list(keep))] if keep else []
        self.client.delete(
            self.collection,
            points_selector=models.FilterSelector(filter=models.Filter(must=[of_doc], must_not=must_not)),
            wait=True,
        )

    def delete_points(self, ids: Sequence[str]) -> None:
        """Delete points by id (ids that are not stored are ignored)."""
        if ids and self.client.collection_exists(self.collection):
            self.client.delete(self.collection, points_selector=models.PointIdsList(points=list(ids)), wait=True)

    def doc_ids(self) -> set[str]:
        """The doc_id of every stored point (an index check compares them with the registry)."""
        return {str(p.get("doc_id", "")) for p in self._scroll(None, ["doc_id"]).values()}

    def point_ids(self, doc_id: str) -> list[str]:
        """Ids of the document's stored points."""
        return list(self._scroll(doc_id, False))

    def point_payloads(self, doc_id: str, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Point id -> the given payload fields, for each of the document's points."""
        return self._scroll(doc_id, list(keys))

    def set_payload(self, doc_id: str, payload: dict[str, Any]) -> None:
        """Overwrite these payload fields on every point of the document (relabel in place)."""
        if self.client.collection_exists(self.collection):
            self.client.set_payload(self.collection, payload=payload, wait=True,
                                    points=models.Filter(must=[_of_doc(doc_id)]))

    def _scroll(self, doc_id: str | None, keys: list[str] | bool) -> dict[str, dict[str, Any]]:
        if not self.client.collection_exists(self.collection):
            return {}
        flt = models.Filter(must=[_of_doc(doc_id)]) if doc_id is not None else None
        found: dict[str, dict[str, Any]] = {}
        offset: Any = None
        while True:
            page, offset = self.client.scroll(self.collection, scroll_filter=flt, limit=1024, offset=offset,
                                              with_payload=keys, with_vectors=False)
            found.update((str(p.id), dict(p.payload or {})) for p in page)
            if offset is None:
                return found

    def count(self, doc_id: str | None = None) -> int:
        if not self.client.collection_exists(self.collection):
            return 0
        flt = build_filter(AccessScope(doc_ids=[doc_id])) if doc_id else None
        return int(self.client.count(self.collection, count_filter=flt, exact=True).count)

    def hybrid_query(
        self,
        dense: np.ndarray,
        sparse: SparseVec,
        scope: AccessScope | None,
        limit: int,
        prefetch: int,
        fusion: str = "rrf",
    ) -> list[ScoredChunk]:
        flt = build_filter(scope)
        res = self.client.query_points(
            self.collection,
            prefetch=[
                models.Prefetch(query=dense.tolist(), using=self.cfg.dense_name, limit=prefetch, filter=flt),
                models.Prefetch(
                    query=models.SparseVector(indices=sparse.indices, values=sparse.values),
                    using=self.cfg.sparse_name,
                    limit=prefetch,
                    filter=flt,
                ),
            ],
            query=models.FusionQuery(fusion=models.Fusion.RRF if fusion == "rrf" else models.Fusion.DBSF),
            query_filter=flt,
            limit=limit,
            with_payload=True,
        )
        return [ScoredChunk(str(p.id), float(p.score), dict(p.payload or {})) for p in res.points]

    def single_query(
        self, vector: np.ndarray | SparseVec, scope: AccessScope | None, limit: int
    ) -> list[ScoredChunk]:
        """Dense-only or sparse-only search (baselines, diagnostics)."""
        if isinstance(vector, SparseVec):
            query: Any = models.SparseVector(indices=vector.indices, values=vector.values)
            using = self.cfg.sparse_name
        else:
            query, using = vector.tolist(), self.cfg.dense_name
        res = self.client.query_points(
            self.collection, query=query, using=using, query_filter=build_filter(scope), limit=limit,
            with_payload=True,
        )
        return [ScoredChunk(str(p.id), float(p.score), dict(p.payload or {})) for p in res.points]

    def close(self) -> None:
        self.client.close()
