"""Registry database (SQLAlchemy): documents with their normalized text, ingest events, the index
journal, users (hashed API keys), the audit trail and answer feedback.

SQLite file in the data directory by default, PostgreSQL by URL. The stored text is the
normalized (and redacted) document text that every citation offset refers to. Nothing here
ever holds an API key or a raw question: keys are stored as a slow hash, questions arrive
already redacted.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    Integer,
    Select,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from assistant.domain import DocumentMeta


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(512), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    classification: Mapped[str] = mapped_column(String(16), default="internal")
    units: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="ingested")
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    timings: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    text: Mapped[str] = mapped_column(Text, default="")
    uploaded_by: Mapped[str] = mapped_column(String(128), default="")
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def to_meta(self) -> DocumentMeta:
        return DocumentMeta(
            **{k: v for k, v in (self.meta or {}).items() if k in DocumentMeta.model_fields},
            doc_id=self.doc_id,
            source=self.source,
            sha256=self.sha256,
            classification=self.classification,
            units=list(self.units or []),
            chunks=self.chunks,
            status=self.status,
            ingested_at=self.ingested_at.isoformat() if self.ingested_at else "",
            uploaded_by=self.uploaded_by,
        )


class IngestEventRow(Base):
    """One line per ingest attempt. Refusals carry no document content, only the reason."""

    __tablename__ = "ingest_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str] = mapped_column(String(512))
    doc_id: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    user: Mapped[str] = mapped_column(String(128), default="")


class DocumentPointsRow(Base):
    """The point ids of a document's committed version: what `troly index check` expects in the store."""

    __tablename__ = "document_points"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(32), default="")  # "" : points named by chunk id alone
    point_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class JournalRow(Base):
    """One change of the index that is not finished: written before the store is touched.

    `pending` until the registry commit flips it to `committed` (in the same transaction as the document
    rows); deleted once the store is cleaned up. After a crash, recovery undoes what is pending (its
    `point_ids`, or the labels of a relabel) and finishes what is committed (`drop_docs`, `drop_points`).
    """

    __tablename__ = "index_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op: Mapped[str] = mapped_column(String(16))  # ingest | relabel | delete
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(512), default="")
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | committed
    point_ids: Mapped[list[str]] = mapped_column(JSON, default=list)  # points this change writes
    drop_docs: Mapped[list[str]] = mapped_column(JSON, default=list)  # documents whose points go after commit
    drop_points: Mapped[list[str]] = mapped_column(JSON, default=list)  # points that go after commit
    owner: Mapped[str] = mapped_column(String(160), default="")  # host:pid of the process making the change
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class UserRow(Base):
    """An account. `key_prefix` finds the row; `key_hash` (argon2) verifies the secret."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    clearance: Mapped[str] = mapped_column(String(16))
    units: Mapped[list[str]] = mapped_column(JSON, default=list)
    key_prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, default=None)


class AuditRow(Base):
    """One line per audited request: who did what, which sources, how long, from where."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(128), default="", index=True)
    action: Mapped[str] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text, default="")
    doc_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    answerable: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=None)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)
    client: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[int] = mapped_column(Integer, default=200)
    detail: Mapped[str] = mapped_column(Text, default="")


class FeedbackRow(Base):
    """A user's verdict on an answer (the UI's đúng / sai buttons): material for new gold questions."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(128), default="")
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(8))
    comment: Mapped[str] = mapped_column(Text, default="")
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Registry:
    def __init__(self, url: str) -> None:
        # SQLite: writers wait up to 30 s for each other (asks write audit rows concurrently; the 5 s default
        # lost rows on a loaded 2-core machine with 50 askers: "database is locked")
        self.engine: Engine = create_engine(url, future=True,
                                            connect_args={"timeout": 30} if url.startswith("sqlite") else {})
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    # documents -----------------------------------------------------------
    def get(self, doc_id: str) -> DocumentRow | None:
        with self.session() as s:
            return s.get(DocumentRow, doc_id)

    def by_source(self, source: str) -> list[DocumentRow]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).where(DocumentRow.source == source)))

    def labels(self) -> dict[str, tuple[str, str, list[str], int]]:
        """doc_id -> (source, classification, units, chunks) of every document, without loading texts."""
        with self.session() as s:
            rows = s.execute(select(DocumentRow.doc_id, DocumentRow.source, DocumentRow.classification,
                                    DocumentRow.units, DocumentRow.chunks))
            return {r[0]: (r[1], r[2], list(r[3] or []), r[4]) for r in rows}

    def plan_names(self) -> dict[str, dict[str, str]]:
        """doc_id -> the title, issuer (and the body above it) and number users name a plan by, of every ingested
        document (no texts)."""
        with self.session() as s:
            rows = s.execute(select(DocumentRow.doc_id, DocumentRow.meta).where(DocumentRow.status == "ingested"))
            return {r[0]: {k: str((r[1] or {}).get(k, "")) for k in ("title", "issuer", "superior", "doc_number")} for r in rows}

    def list_documents(self) -> list[DocumentRow]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).order_by(DocumentRow.source)))

    def text_of(self, doc_id: str) -> str:
        row = self.get(doc_id)
        return row.text if row else ""

    # index journal ---------------------------------------------------------
    def begin_change(self, op: str, doc_id: str, source: str = "", point_ids: Sequence[str] = ()) -> int:
        """Record a change as pending before the store is touched; returns its journal id."""
        with self.session() as s:
            row = JournalRow(op=op, doc_id=doc_id, source=source, point_ids=list(point_ids), owner=this_process())
            s.add(row)
            s.flush()
            return row.id

    def commit_version(self, row: DocumentRow, version: str, point_ids: Sequence[str], change: int,
                       replaces: Sequence[str] = (), unrecorded: Sequence[str] = (),
                       also: Callable[[Session], None] | None = None) -> JournalRow:
        """One transaction: the new version becomes the document, the replaced documents go, and the
        journal entry flips to committed with what the store must still drop (the previous version's
        points; `unrecorded`: those of a version ingested before the journal existed). `also` writes what
        belongs to the document in other tables (its plan model) in the same transaction."""
        with self.session() as s:
            drop_docs = [d for d in replaces if d != row.doc_id]
            for d in drop_docs:
                _drop_document(s, d)
            old = s.get(DocumentPointsRow, row.doc_id)
            previous = set(old.point_ids or []) if old is not None else set(unrecorded)
            drop_points = sorted(previous - set(point_ids))
            s.merge(row)
            s.merge(DocumentPointsRow(doc_id=row.doc_id, version=version, point_ids=list(point_ids)))
            if also is not None:
                s.flush()
                also(s)
            return _flip(s, change, drop_docs=drop_docs, drop_points=drop_points)

    def commit_labels(self, change: int, doc_id: str, classification: str, units: list[str],
                      uploaded_by: str) -> None:
        """The relabel's registry side and the end of its journal entry, in one transaction."""
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is not None:
                row.classification, row.units, row.uploaded_by = classification, list(units), uploaded_by
            entry = s.get(JournalRow, change)
            if entry is not None:
                s.delete(entry)

    def commit_delete(self, doc_id: str) -> JournalRow | None:
        """Remove the document from the registry and journal its points for removal from the store, in one
        transaction; None when there was no such document."""
        with self.session() as s:
            if not _drop_document(s, doc_id):
                return None
            entry = JournalRow(op="delete", doc_id=doc_id, state="committed", drop_docs=[doc_id],
                               owner=this_process())
            s.add(entry)
            s.flush()
            return entry

    def finish_change(self, change: int) -> None:
        with self.session() as s:
            entry = s.get(JournalRow, change)
            if entry is not None:
                s.delete(entry)

    def changes(self) -> list[JournalRow]:
        """Unfinished changes, oldest first."""
        with self.session() as s:
            return list(s.scalars(select(JournalRow).order_by(JournalRow.id)))

    def versions(self) -> dict[str, DocumentPointsRow]:
        with self.session() as s:
            return {r.doc_id: r for r in s.scalars(select(DocumentPointsRow))}

    def version_of(self, doc_id: str) -> DocumentPointsRow | None:
        with self.session() as s:
            return s.get(DocumentPointsRow, doc_id)

    def record_points(self, doc_id: str, version: str, point_ids: Sequence[str]) -> None:
        """Adopt the stored points of a document ingested before the journal existed."""
        with self.session() as s:
            s.merge(DocumentPointsRow(doc_id=doc_id, version=version, point_ids=list(point_ids)))

    # events --------------------------------------------------------------
    def log_event(self, source: str, status: str, reason: str = "", doc_id: str = "", seconds: float = 0.0,
                  user: str = "") -> None:
        with self.session() as s:
            s.add(IngestEventRow(source=source, status=status, reason=reason, doc_id=doc_id,
                                 seconds=round(seconds, 3), user=user))

    def events(self, limit: int = 100) -> list[IngestEventRow]:
        with self.session() as s:
            return list(s.scalars(select(IngestEventRow).order_by(IngestEventRow.id.desc()).limit(limit)))

    # users ---------------------------------------------------------------
    def user(self, name: str) -> UserRow | None:
        with self.session() as s:
            return s.scalars(select(UserRow).where(UserRow.name == name)).first()

    def users_with_prefix(self, prefix: str) -> list[UserRow]:
        with self.session() as s:
            return list(s.scalars(select(UserRow).where(UserRow.key_prefix == prefix)))

    def list_users(self) -> list[UserRow]:
        with self.session() as s:
            return list(s.scalars(select(UserRow).order_by(UserRow.name)))

    def save_user(self, row: UserRow) -> UserRow:
        """Insert, or overwrite the row of the same name (re-adding a revoked account)."""
        with self.session() as s:
            old = s.scalars(select(UserRow).where(UserRow.name == row.name)).first()
            if old is not None:
                row.id = old.id
            return s.merge(row)

    def revoke_user(self, name: str) -> bool:
        with self.session() as s:
            row = s.scalars(select(UserRow).where(UserRow.name == name, UserRow.revoked_at.is_(None))).first()
            if row is None:
                return False
            row.revoked_at = utcnow()
            return True

    # audit and feedback ----------------------------------------------------
    def add(self, row: AuditRow | FeedbackRow) -> None:
        with self.session() as s:
            s.add(row)

    def page(self, query: Select[Any], page: int, page_size: int) -> tuple[int, list[Any]]:
        """(total rows, rows of one page) of a select over one table, newest first by id."""
        with self.session() as s:
            total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
            rows = list(s.scalars(query.limit(page_size).offset((page - 1) * page_size)))
        return total, rows

    def stream(self, query: Select[Any], batch: int = 500) -> Iterator[Any]:
        """All rows of a select, fetched in batches (exports)."""
        with self.session() as s:
            yield from s.scalars(query.execution_options(yield_per=batch))


def _drop_document(s: Session, doc_id: str) -> bool:
    """Delete a document's registry rows inside a transaction; False when it was not registered."""
    row = s.get(DocumentRow, doc_id)
    points = s.get(DocumentPointsRow, doc_id)
    if points is not None:
        s.delete(points)
    if row is None:
        return False
    s.delete(row)
    return True


def _flip(s: Session, change: int, drop_docs: list[str], drop_points: list[str]) -> JournalRow:
    entry = s.get(JournalRow, change)
    if entry is None:
        raise RuntimeError(f"index journal entry {change} vanished before its commit")
    entry.state, entry.drop_docs, entry.drop_points = "committed", drop_docs, drop_points
    return entry


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()

