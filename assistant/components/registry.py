"""Registry database (SQLAlchemy): documents with their normalized text, ingest events,
users (hashed API keys), the audit trail and answer feedback.

SQLite file in the data directory by default, PostgreSQL by URL. The stored text is the
normalized (and redacted) document text that every citation offset refers to. Nothing here
ever holds an API key or a raw question: keys are stored as a slow hash, questions arrive
already redacted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
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
        self.engine: Engine = create_engine(url, future=True)
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

    def list_documents(self) -> list[DocumentRow]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).order_by(DocumentRow.source)))

    def save_document(self, row: DocumentRow, replaces: list[str] | None = None,
                      also: Callable[[Session], None] | None = None) -> None:
        """Insert the new version and drop the replaced ones in one transaction (with `also`: what belongs to
        the document in other tables, e.g. its plan model)."""
        with self.session() as s:
            for old in replaces or []:
                old_row = s.get(DocumentRow, old)
                if old_row is not None:
                    s.delete(old_row)
            s.merge(row)
            if also is not None:
                s.flush()
                also(s)

    def delete_document(self, doc_id: str) -> bool:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return False
            s.delete(row)
            return True

    def text_of(self, doc_id: str) -> str:
        row = self.get(doc_id)
        return row.text if row else ""

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()

