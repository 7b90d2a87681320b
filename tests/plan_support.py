"""Plans in a registry without the vector index, for the tests of the plan model.

The plan model lives in the registry database only; `register` runs the real prepare pipeline (normalize,
metadata, structure, tasks, plan) and stores the document row and its plan in one transaction, as ingest does,
but skips chunking and embedding, which the plan model never reads (the ingest test covers the full path).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from assistant.components.plan_store import PlanStore
from assistant.components.registry import DocumentRow, Registry
from ingest.load import load_document
from ingest.model import META_PLAN
from ingest.pipeline import build_prepare_pipeline, prepare
from ingest.service import DOC_FIELDS

SHARED = Path(__file__).resolve().parents[2] / "shared"
_PIPELINE = build_prepare_pipeline()


def register(registry: Registry, path: Path, classification: str = "public", units: Iterable[str] = (),
             source: str | None = None, text: str | None = None) -> str:
    """Store a plan (from a file, or from `text` under the name `source`); returns its doc_id."""
    if text is not None:
        path = Path("/tmp") / (source or "plan.txt")
        path.write_text(text, encoding="utf-8")
    doc = prepare(_PIPELINE, load_document(path, 50 * 1024 * 1024))
    name = source or path.name
    doc_id = hashlib.sha256(f"{name}\0{doc.text}".encode()).hexdigest()[:16]
    row = DocumentRow(doc_id=doc_id, source=name, sha256=doc_id, classification=classification, units=list(units),
                      meta={k: doc.metadata[k] for k in DOC_FIELDS if k in doc.metadata}, status="ingested",
                      chunks=0, text=doc.text)
    plans = PlanStore(registry)
    previous = [r.doc_id for r in registry.by_source(name) if r.doc_id != doc_id]
    change = registry.begin_change("ingest", doc_id, name)
    registry.commit_version(row, "", [], change, replaces=previous,
                            also=lambda s: plans.write(s, doc_id, doc.metadata[META_PLAN]))
    registry.finish_change(change)
    return doc_id
