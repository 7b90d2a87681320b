"""Store and registry agree: recovery of interrupted changes, `troly index check` and `troly index repair`.

Every change of the index is journalled in the registry before the store is touched (`JournalRow`):
pending until the registry commit, committed until the store is cleaned up. So after a crash:

- `recover` (every start of a process that opens the store) undoes what is pending — the points it
  wrote, or the labels of an interrupted relabel — and finishes what is committed (the replaced
  version's points, a deleted document's points). Changes of a live process are left alone.
- `check` compares the whole store with the registry: `orphan_points` belong to no registered
  document, `missing_points` are expected but absent, `stale_points` are points of a registered
  document that are not part of its committed version or carry other access labels than the registry.
- `repair` recovers every journalled change, then deletes orphan and stale points, puts the registry's
  labels back, and removes documents whose points are missing (they must be ingested again: the
  report names them).

Everything goes through the store's methods, so the same code serves every store implementation.
"""

from __future__ import annotations

import os
import socket
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.components.registry import JournalRow, Registry
from assistant.components.vector_store import QdrantStore

LABELS = ("classification", "units")


@dataclass
class DocumentProblem:
    doc_id: str
    source: str
    missing: int = 0
    stale: int = 0


@dataclass
class IndexReport:
    documents: int
    points: int
    orphan_points: int
    missing_points: int
    stale_points: int
    pending: int
    problems: list[DocumentProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.orphan_points or self.missing_points or self.stale_points or self.pending)

    def counts(self) -> dict[str, int]:
        """The check's summary (`troly index check --json`)."""
        return {k: v for k, v in asdict(self).items() if k != "problems"}


@dataclass
class RepairReport:
    before: IndexReport
    after: IndexReport
    recovered: int = 0
    removed: list[str] = field(default_factory=list)  # sources of documents to ingest again

    def as_dict(self) -> dict[str, Any]:
        return {"before": self.before.counts(), "after": self.after.counts(), "recovered": self.recovered,
                "removed_documents": self.removed}


def _alive(owner: str) -> bool:
    """Is the process that journalled a change still running? Another host's process is taken as alive."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    if int(pid) == os.getpid():
        return False  # this process: its own changes are finished or undone before it takes another
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_document(registry: Registry, store: QdrantStore, doc_id: str) -> None:
    """Delete a document's points, except those of a version registered since (never a committed one)."""
    version = registry.version_of(doc_id)
    store.delete_document(doc_id, keep=list(version.point_ids) if version else None)


def finish(registry: Registry, store: QdrantStore, entry: JournalRow) -> None:
    """After the registry commit: drop what the change replaced or deleted, then close the entry."""
    for doc_id in entry.drop_docs or []:
        drop_document(registry, store, doc_id)
    store.delete_points(list(entry.drop_points or []))
    registry.finish_change(entry.id)


def undo(registry: Registry, store: QdrantStore, entry: JournalRow) -> None:
    """Before the registry commit: the store goes back to what the registry says, then the entry closes."""
    row = registry.labels().get(entry.doc_id)
    if entry.op == "ingest":
        store.delete_points(list(entry.point_ids or []))
        if row is None:  # a document never committed: nothing of it may stay
            store.delete_document(entry.doc_id)
    elif entry.op == "relabel" and row is not None:
        store.set_payload(entry.doc_id, {"classification": row[1], "units": row[2]})
    registry.finish_change(entry.id)


def recover(registry: Registry, store: QdrantStore, *, everything: bool = False) -> int:
    """Undo pending and finish committed changes of processes that are gone (all of them with
    `everything`, for an explicit repair). Returns how many changes were closed."""
    done = 0
    for entry in registry.changes():
        if not everything and _alive(entry.owner):
            continue
        (finish if entry.state == "committed" else undo)(registry, store, entry)
        done += 1
    return done


def check(registry: Registry, store: QdrantStore) -> IndexReport:
    docs = registry.labels()
    versions = registry.versions()
    stored = store.doc_ids()
    orphans = sum(len(store.point_ids(d)) for d in stored - docs.keys())
    problems: list[DocumentProblem] = []
    for doc_id, (source, classification, units, chunks) in docs.items():
        payloads = store.point_payloads(doc_id, LABELS)
        version = versions.get(doc_id)
        expected = set(version.point_ids) if version else set(payloads) if len(payloads) == chunks else set()
        wrong = {p for p, pl in payloads.items()
                 if (pl.get("classification"), sorted(pl.get("units") or [])) != (classification, sorted(units))}
        missing = len(expected - payloads.keys()) if expected else chunks
        stale = len((payloads.keys() - expected) | wrong) if expected else len(payloads)
        if missing or stale:
            problems.append(DocumentProblem(doc_id, source, missing, stale))
    return IndexReport(documents=len(docs), points=store.count(), orphan_points=orphans,
                       missing_points=sum(p.missing for p in problems), stale_points=sum(p.stale for p in problems),
                       pending=len(registry.changes()), problems=problems)


def repair(registry: Registry, store: QdrantStore) -> RepairReport:
    before = check(registry, store)
    recovered = recover(registry, store, everything=True)
    for doc_id in store.doc_ids() - registry.labels().keys():
        store.delete_document(doc_id)
    removed: list[str] = []
    docs, versions = registry.labels(), registry.versions()
    for doc_id, (source, classification, units, chunks) in docs.items():
        actual = set(store.point_ids(doc_id))
        version = versions.get(doc_id)
        if version is None and len(actual) == chunks:  # ingested before the journal existed: adopt
            registry.record_points(doc_id, "", sorted(actual))
            expected = actual
        else:
            expected = set(version.point_ids) if version else set()
        if not expected or expected - actual:  # incomplete: cannot be re-embedded without the file
            entry = registry.commit_delete(doc_id)
            if entry is not None:
                finish(registry, store, entry)
            removed.append(source)
            continue
        store.delete_points(sorted(actual - expected))
        store.set_payload(doc_id, {"classification": classification, "units": units})
    return RepairReport(before, check(registry, store), recovered, removed)
