"""Ingest files into the registry and the index, one document at a time.

Guarantees: a failure — an exception or the process killed at any moment — leaves nothing of that
document behind and never touches what was already ingested; an unchanged file with unchanged labels
is a no-op; a changed file with the same source name replaces the old version completely; an unchanged
file with a new classification or new units is relabelled in place. Each change is journalled in the
registry before the store is touched and flipped by the registry commit (`ingest.consistency` undoes
or finishes whatever a crash interrupted). A new version of a registered document writes its points
under new ids, so the committed version stays whole until the commit.

Work per file is bounded (`ingest.load.Limits`, `max_chunks`, wall time); folders are walked without
following symlinks.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.schema import BaseNode, Document

from assistant.components.embeddings import Embedder
from assistant.components.plan_store import PlanStore
from assistant.components.registry import DocumentRow, Registry
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import ChunkPoint, QdrantStore
from assistant.domain import DocumentMeta, IngestOutcome
from assistant.settings import Settings
from assistant.text import nfc
from ingest import consistency
from ingest.chunk import STRUCTURED_KEYS, embed_text
from ingest.gate import ClassifiedDocumentError
from ingest.load import SUPPORTED_EXTENSIONS, SYMLINK, Deadline, Limits, LoadError, load_bytes, load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_chunker, build_prepare_pipeline, chunk, prepare

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (source, done, total)
DOC_FIELDS = ("title", "doc_type", "doc_number", "issuer", "superior", "place", "issued_date", "signer", "signer_title",
              "references", "abbreviations")


def safe_source_name(name: str) -> str:
    """The one file-name form every route (CLI, API, UI) stores, so re-ingest replaces, not duplicates."""
    base = nfc(Path(name.replace("\\", "/")).name).strip()
    base = re.sub(r"[^\w.\- ()]", "_", base)
    suffix = Path(base).suffix[:16]
    base = base[: 200 - len(suffix)] + suffix if len(base) > 200 else base  # a long name keeps its type
    if not base.strip(". "):
        return "tai-lieu"
    return "tai-lieu" + base if base.startswith(".") else base  # ".txt" is a text file, not a hidden one


def make_doc_id(source: str, sha256: str) -> str:
    """Same file (name and bytes) → same id → same chunk ids."""
    return hashlib.sha256(f"{source}\0{sha256}".encode()).hexdigest()[:16]


def point_id(node_id: str, version: str) -> str:
    """A chunk's point id in one version of its document ("": the chunk id itself)."""
    return str(uuid.uuid5(uuid.UUID(node_id), version)) if version else node_id


@dataclass(frozen=True)
class Found:
    """A file to ingest; `walked` when it was found inside a folder (symlinks there are refused)."""

    path: Path
    walked: bool = False

    @property
    def refusal(self) -> str | None:
        return SYMLINK if self.walked and self.path.is_symlink() else None


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """The files `find_files` would ingest, symlinks met inside folders left out."""
    return [f.path for f in find_files(paths) if not f.refusal]


def find_files(paths: Iterable[Path]) -> list[Found]:
    """Files as given; folders recursively (supported types only, hidden files and READMEs skipped), never
    through a symlink: a linked file or folder inside is reported (to be refused), not followed."""
    out: list[Found] = []
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            out += [Found(f, walked=True) for f in _walk(p)]
        else:
            out.append(Found(p))
    return out


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        found += [base / d for d in dirs if (base / d).is_symlink()]  # reported, not entered
        found += [base / f for f in files if not f.startswith(".") and not Path(f).stem.upper().startswith("README")
                  and (Path(f).suffix.lower() in SUPPORTED_EXTENSIONS or (base / f).is_symlink())]
    return sorted(found)


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
        self.limits = Limits.of(settings.ingest)
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
        outcomes = []
        for found in find_files(paths):
            if found.refusal:
                outcomes.append(self._refuse(self.source_name(found.path.name), found.refusal, user))
                continue
            outcomes.append(self.ingest_file(found.path, classification=classification, units=units, user=user,
                                             progress=progress, follow_symlinks=not found.walked))
        return outcomes

    def ingest_file(
        self,
        path: Path,
        source: str | None = None,
        classification: str | None = None,
        units: list[str] | None = None,
        user: str = "",
        progress: Progress | None = None,
        follow_symlinks: bool = True,
    ) -> IngestOutcome:
        return self._run(self.source_name(source or path.name), classification, units, user, progress,
                         lambda deadline: load_document(path, limits=self.limits, deadline=deadline,
                                                        follow_symlinks=follow_symlinks))

    def ingest_bytes(
        self,
        name: str,
        data: bytes,
        classification: str | None = None,
        units: list[str] | None = None,
        user: str = "",
        progress: Progress | None = None,
    ) -> IngestOutcome:
        """An upload held in memory: its bytes never touch the disk outside what the index stores."""
        source = self.source_name(name)
        return self._run(source, classification, units, user, progress,
                         lambda deadline: load_bytes(source, data, self.limits, deadline=deadline))

    def _run(self, source: str, classification: str | None, units: list[str] | None, user: str,
             progress: Progress | None, load: Callable[[Deadline], Document]) -> IngestOutcome:
        t0 = time.perf_counter()
        try:
            outcome = self._ingest(load, source, classification or self.settings.ingest.default_classification,
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

    def _refuse(self, source: str, reason: str, user: str) -> IngestOutcome:
        self.registry.log_event(source, "failed", reason, user=user)
        return IngestOutcome(source=source, status="failed", reason=reason)

    def _ingest(
        self, load: Callable[[Deadline], Document], source: str, classification: str, units: list[str], user: str,
        progress: Progress | None,
    ) -> IngestOutcome:
        timings: dict[str, float] = {}
        deadline = Deadline(self.limits.max_seconds)
        t = time.perf_counter()
        doc = load(deadline)
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
        deadline.check("chuẩn hóa")
        nodes = chunk(self._chunker, prepared)
        deadline.check("chia đoạn")
        timings["prepare"] = time.perf_counter() - t
        if not nodes:
            raise LoadError("Không tìm thấy nội dung văn bản để nạp.")
        if len(nodes) > self.settings.ingest.max_chunks:
            raise LoadError(f"Tài liệu quá dài: {len(nodes)} đoạn, giới hạn là {self.settings.ingest.max_chunks} "
                            "đoạn cho một tài liệu (TROLY_INGEST__MAX_CHUNKS).")
        meta = DocumentMeta(
            doc_id=doc_id, source=source, sha256=sha, classification=classification, units=units,
            uploaded_by=user, **{k: prepared.metadata[k] for k in DOC_FIELDS if k in prepared.metadata},
        )
        committed = self.registry.version_of(doc_id) if same is not None else None
        if (committed is not None and self.store.count(doc_id) == len(committed.point_ids)
                and {point_id(n.node_id, committed.version) for n in nodes} == set(committed.point_ids)):
            self._relabel(meta, user)
            return IngestOutcome(source=source, doc_id=doc_id, title=same.meta.get("title", "") if same else "",
                                 status="replaced", chunks=len(nodes))

        version = uuid.uuid4().hex[:12] if committed is not None or same is not None else ""
        ids = [point_id(n.node_id, version) for n in nodes]
        replaced = [r.doc_id for r in previous if r.doc_id != doc_id]
        change = self.registry.begin_change("ingest", doc_id, source, ids)
        try:
            t = time.perf_counter()
            self._index(nodes, ids, meta, progress, deadline)
            timings["index"] = time.perf_counter() - t
            row = DocumentRow(
                doc_id=doc_id, source=source, sha256=sha, classification=classification, units=units,
                meta=meta.model_dump(include=set(DOC_FIELDS)), status="ingested", chunks=len(nodes),
                timings={k: round(v, 3) for k, v in timings.items()}, text=prepared.text, uploaded_by=user,
            )
            unrecorded = self.store.point_ids(doc_id) if same is not None and committed is None else []
            plan = prepared.metadata.get(META_PLAN) or {}
            entry = self.registry.commit_version(row, version, ids, change, replaces=replaced, unrecorded=unrecorded,
                                                 also=lambda s: self.plans.write(s, doc_id, plan))
        except BaseException:
            self._undo(change)
            raise
        consistency.finish(self.registry, self.store, entry)
        return IngestOutcome(
            source=source, doc_id=doc_id, title=meta.title,
            status="replaced" if replaced or same is not None else "ingested",
            chunks=len(nodes), pii=dict(prepared.metadata.get("pii_counts", {})),
        )

    def _relabel(self, meta: DocumentMeta, user: str) -> None:
        """Same bytes, same chunks, new labels: the stored points are relabelled in place, not re-embedded."""
        change = self.registry.begin_change("relabel", meta.doc_id, meta.source)
        try:
            self.store.set_payload(meta.doc_id, {"classification": meta.classification, "units": list(meta.units)})
            self.registry.commit_labels(change, meta.doc_id, meta.classification, list(meta.units), user)
        except BaseException:
            self._undo(change)
            raise

    def _undo(self, change: int) -> None:
        """Put the store back as the registry has it; if that fails too, recovery does it at the next start."""
        entry = next((e for e in self.registry.changes() if e.id == change), None)
        try:
            if entry is not None:
                consistency.undo(self.registry, self.store, entry)
        except Exception:
            log.exception("could not undo index change %s; it stays journalled for recovery", change)

    def _index(self, nodes: list[BaseNode], ids: list[str], meta: DocumentMeta, progress: Progress | None,
               deadline: Deadline) -> None:
        batch = self.settings.embedding.batch_size
        total = len(nodes)
        self.store.ensure_collection(self.embedder.dim)
        for i in range(0, total, batch):
            deadline.check("nhúng")
            part = nodes[i : i + batch]
            texts = [embed_text(n, meta.title)[: self.settings.embedding.max_chars] for n in part]
            dense = self.embedder.embed_passages(texts)
            points = [
                ChunkPoint(id=ids[i + j], dense=dense[j], sparse=self.sparse.encode_document(texts[j]),
                           payload=chunk_payload(n, meta))
                for j, n in enumerate(part)
            ]
            self.store.upsert(points)
            if progress:
                progress(meta.source, min(i + batch, total), total)

    def delete(self, doc_id: str) -> bool:
        entry = self.registry.commit_delete(doc_id)
        if entry is None:
            return False
        consistency.finish(self.registry, self.store, entry)
        return True

    def recover(self) -> int:
        """Undo or finish the changes that a crashed process left journalled (run at every start)."""
        return consistency.recover(self.registry, self.store)

    def check(self) -> consistency.IndexReport:
        return consistency.check(self.registry, self.store)

    def repair(self) -> consistency.RepairReport:
        return consistency.repair(self.registry, self.store)


def chunk_payload(node: BaseNode, meta: DocumentMeta) -> dict:
    m = node.metadata
    payload = {
        "doc_id": meta.doc_id, "source": meta.source, "title": meta.title, "doc_number": meta.doc_number,
        "doc_type": meta.doc_type, "issuer": meta.issuer, "superior": meta.superior, "issued_date": meta.issued_date,
        "section": m.get("section", ""), "start": int(m["start"]), "end": int(m["end"]), "page": m.get("page"),
        "classification": meta.classification, "units": list(meta.units), "kind": m.get("kind", "text"),
        "text": node.get_content(),
    }
    payload.update({key: m[key] for key in STRUCTURED_KEYS if m.get(key)})  # cells, tasks: as fields
    if meta.abbreviations:  # "CTRSH" in any passage says "chất thải rắn sinh hoạt", as its plan defined it
        payload["abbreviations"] = dict(meta.abbreviations)
    return payload
