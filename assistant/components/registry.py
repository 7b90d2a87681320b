"""Registry database (SQLAlchemy): documents with their normalized text, and ingest events.

SQLite file in the data directory by default, PostgreSQL by URL. The stored text is the
normalized (and redacted) document text that every citation offset refers to.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Integer, String, Text, create_engine, event, select
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

    def save_document(self, row: DocumentRow, replaces: list[str] | None = None) -> None:
        """Insert the new version and drop the replaced ones in one transaction."""
        with self.session() as s:
            for old in replaces or []:
                old_row = s.get(DocumentRow, old)
                if old_row is not None:
                    s.delete(old_row)
            s.merge(row)

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
