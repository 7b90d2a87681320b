"""Report drafts in the registry database: who asked for which draft and when, and the draft itself (its
statements and citations as JSON), so a draft can be downloaded again in any format and audited later.

A draft holds quotes of the documents it cites; it is kept as long as the registry keeps it and is shown only
to the user who asked for it and to admins (`assistant.services.reports`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from assistant.components.registry import Base, Registry, utcnow


class ReportRow(Base):
    __tablename__ = "report_drafts"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    created_by: Mapped[str] = mapped_column(String(128), default="", index=True)
    kind: Mapped[str] = mapped_column(String(16))
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    unit: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ReportStore:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        Base.metadata.create_all(registry.engine)

    def save(self, row: ReportRow) -> None:
        with self.registry.session() as s:
            s.add(row)

    def get(self, report_id: str) -> ReportRow | None:
        with self.registry.session() as s:
            return s.get(ReportRow, report_id)

    def list(self, user: str | None = None, limit: int = 100) -> list[ReportRow]:
        """Newest first; `user` None lists everyone's (admins)."""
        q = select(ReportRow).order_by(ReportRow.created_at.desc()).limit(limit)
        if user is not None:
            q = q.where(ReportRow.created_by == user)
        with self.registry.session() as s:
            return list(s.scalars(q))
