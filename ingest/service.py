"""Ingest files into the registry and the index, one document at a time.

Guarantees: a failure leaves nothing of that document behind and never touches what was
already ingested; an unchanged file with unchanged labels is a no-op; a changed file with the
same source name replaces the old version completely (new chunks written first, old ones dropped
after); an unchanged file with a new classification or new units is relabelled in place.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from llama_index.core.schema import BaseNode

from assistant.components.embeddings import Embedder
from assistant.components.plan_store import PlanStore
from assistant.components.registry import DocumentRow, Registry
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import ChunkPoint, QdrantStore
from assistant.domain import DocumentMeta, IngestOutcome
from assistant.settings import Settings
from assistant.text import nfc
from ingest.chunk import embed_text
from ingest.gate import ClassifiedDocumentError
from ingest.load import SUPPORTED_EXTENSIONS, LoadError, load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_chunker, build_prepare_pipeline, chunk, prepare

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (source, done, total)
DOC_FIELDS = ("title", "doc_type", "doc_number", "issuer", "place", "issued_date", "signer", "signer_title",
              "references")


def safe_source_name(name: str) -> str:
    """The one file-name form every route (CLI, API, UI) stores, so re-ingest replaces, not duplicates."""
    base = nfc(Path(name.replace("\\", "/")).name).strip()
    base = re.sub(r"[^\w.\- ()]", "_", base)[:200]
    return "tai-lieu" if not base.strip(". ") else base


def make_doc_id(source: str, sha256: str) -> str:
    """Same file (name and bytes) → same id → same chunk ids."""
    return hashlib.sha256(f"{source}\0{sha256}".encode()).hexdigest()[:16]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders recursively (supported types only, hidden files and READMEs skipped)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                f for f in p.rglob("*")
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_EXTENSIONS
                and not f.stem.upper().startswith("README")
            )
        else:
            out.append(p)
    return out


class IngestService:
    def __init__(
        self,
        settings: Settings,
        registry: Registry,
        store: QdrantStore,
        embedder: Embedder,
        sparse: SparseEncoder,
        extra_transforms: list | None = None,
        redact_name: Callable[[str], str] = str,
    ) -> None:
        self.settings, self.registry, self.store = settings, registry, store
        self.redact_name = redact_name  # file names may carry personal data too
        self.embedder, self.sparse = embedder, sparse
        self._prepare = build_prepare_pipeline(extra_transforms, extract=settings.plan.extract)
        self.plans = PlanStore(registry)
        self._chunker = build_chunker(settings)

    def source_name(self, name: str) -> str:
        """The name a file is stored and replaced under: redacted, then made safe."""
        return safe_source_name(self.redact_name(name))

    def ingest_paths(
        self,
        paths: Iterable[Path],
        classification: str | None = None,
        units: list[str] | None = None,
        user: str = "",
        progress: Progress | None = None,
    ) -> list[IngestOutcome]:
        return [
            self.ingest_file(p, classification=classification, units=units, user=user, progress=progress)
            for p in expand_paths(paths)
        ]

    def ingest_file(
        self,
        path: Path,
        source: str | None = None,
        classification: str | None = None,
        units: list[str] | None = None,
        user: str = "",
        progress: Progress | None = None,
    ) -> IngestOutcome:
        source = self.source_name(source or path.name)
        t0 = time.perf_counter()
        try:
            outcome = self._ingest(path, source, classification or self.settings.ingest.default_classification,
                                   units or [], user, progress)
        except LoadError as exc:
            outcome = IngestOutcome(source=source, status="failed", reason=str(exc))
        except ClassifiedDocumentError as exc:
            outcome = IngestOutcome(source=source, status="refused", reason=str(exc))
        except Exception as exc:  # never abort a batch; the reason goes to the summary
            log.exception("ingest failed for %s", source)
            outcome = IngestOutcome(source=source, status="failed", reason=f"Lỗi khi nạp tài liệu: {type(exc).__name__}")
        outcome.seconds = round(time.perf_counter() - t0, 3)
        self.registry.log_event(source, outcome.status, outcome.reason, outcome.doc_id, outcome.seconds, user)
        return outcome

    def _ingest(
        self, path: Path, source: str, classification: str, units: list[str], user: str,
        progress: Progress | None,
    ) -> IngestOutcome:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        doc = load_document(path, round(self.settings.ingest.max_file_mb * 1024 * 1024))
        sha = str(doc.metadata["sha256"])
        doc_id = make_doc_id(source, sha)
        previous = self.registry.by_source(source)
        same = next((r for r in previous if r.doc_id == doc_id and r.status == "ingested"), None)
        if (same is not None and (same.classification, set(same.units or [])) == (classification, set(units))
                and self.store.count(doc_id) == same.chunks):
            return IngestOutcome(source=source, doc_id=doc_id, title=same.meta.get("title", ""),
                                 status="skipped", reason="Không thay đổi", chunks=same.chunks)
        doc.metadata.update(source=source, doc_id=doc_id)
        timings["load"] = time.perf_counter() - t

        t = time.perf_counter()
        prepared = prepare(self._prepare, doc)  # raises ClassifiedDocumentError before anything is stored
        nodes = chunk(self._chunker, prepared)
        timings["prepare"] = time.perf_counter() - t
        if not nodes:
            raise LoadError("Không tìm thấy nội dung văn bản để nạp.")
        meta = DocumentMeta(
            doc_id=doc_id, source=source, sha256=sha, classification=classification, units=units,
            uploaded_by=user, **{k: prepared.metadata[k] for k in DOC_FIELDS if k in prepared.metadata},
        )

        t = time.perf_counter()
        try:
            if same is None:  # leftovers of an interrupted attempt; a kept version is overwritten (same ids)
                self.store.delete_document(doc_id)
            self._index(nodes, meta, progress)
            if same is not None:  # relabel: points of an older chunking must not keep the old labels
                self.store.delete_document(doc_id, keep=[n.node_id for n in nodes])
            timings["index"] = time.perf_counter() - t
            row = DocumentRow(
                doc_id=doc_id, source=source, sha256=sha, classification=classification, units=units,
                meta=meta.model_dump(include=set(DOC_FIELDS)), status="ingested", chunks=len(nodes),
                timings={k: round(v, 3) for k, v in timings.items()}, text=prepared.text, uploaded_by=user,
            )
            replaced = [r.doc_id for r in previous if r.doc_id != doc_id]
            plan = prepared.metadata.get(META_PLAN) or {}
            self.registry.save_document(row, replaces=replaced, also=lambda s: self.plans.write(s, doc_id, plan))
        except BaseException:
            if same is None:
                self.store.delete_document(doc_id)
            raise
        for old in replaced:
            self.store.delete_document(old)
        return IngestOutcome(
            source=source, doc_id=doc_id, title=meta.title,
            status="replaced" if replaced or same is not None else "ingested",
            chunks=len(nodes), pii=dict(prepared.metadata.get("pii_counts", {})),
        )

    def _index(self, nodes: list[BaseNode], meta: DocumentMeta, progress: Progress | None) -> None:
        batch = self.settings.embedding.batch_size
        total = len(nodes)
        self.store.ensure_collection(self.embedder.dim)
        for i in range(0, total, batch):
            part = nodes[i : i + batch]
            texts = [embed_text(n, meta.title)[: self.settings.embedding.max_chars] for n in part]
            dense = self.embedder.embed_passages(texts)
            points = [
                ChunkPoint(id=n.node_id, dense=dense[j], sparse=self.sparse.encode_document(texts[j]),
                           payload=chunk_payload(n, meta))
                for j, n in enumerate(part)
            ]
            self.store.upsert(points)
            if progress:
                progress(meta.source, min(i + batch, total), total)

    def delete(self, doc_id: str) -> bool:
        self.store.delete_document(doc_id)
        return self.registry.delete_document(doc_id)


def chunk_payload(node: BaseNode, meta: DocumentMeta) -> dict:
    m = node.metadata
    payload = {
        "doc_id": meta.doc_id, "source": meta.source, "title": meta.title, "doc_number": meta.doc_number,
        "doc_type": meta.doc_type, "issuer": meta.issuer, "issued_date": meta.issued_date,
        "section": m.get("section", ""), "start": int(m["start"]), "end": int(m["end"]), "page": m.get("page"),
        "classification": meta.classification, "units": list(meta.units), "kind": m.get("kind", "text"),
        "text": node.get_content(),
    }
    if m.get("rendered"):
        payload["rendered"] = m["rendered"]
    return payload
