"""The plan model in the registry database: assignments, targets and reporting duties of each document,
the tracking of each assignment (status, note, evidence) with its history, and the unit aliases.

Rows of a document are rebuilt whenever it is (re)ingested and go with it (foreign key, ON DELETE CASCADE).
Tracking is keyed by the document's file name and a stable key of the assignment (its task and lead, folded),
not by the row, so a status survives a re-ingest of a new version of the same plan; the history is an audit
trail and is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from assistant.components.registry import Base, DocumentRow, Registry, utcnow
from assistant.domain import DEFAULT_STATUS
from assistant.text import fold_accents
from assistant.vocab.units import unit_search_key


class _Extracted:
    """What every row read from a document has: the document (its rows go with it), the order and the span."""

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    section: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class AssignmentRow(_Extracted, Base):
    __tablename__ = "plan_assignments"

    key: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    task: Mapped[str] = mapped_column(Text)
    lead_units: Mapped[list[str]] = mapped_column(JSON, default=list)
    co_units: Mapped[list[str]] = mapped_column(JSON, default=list)
    timing: Mapped[str] = mapped_column(Text, default="")
    due_start: Mapped[str | None] = mapped_column(String(10), nullable=True, index=True)
    due_end: Mapped[str | None] = mapped_column(String(10), nullable=True, index=True)
    recurrence: Mapped[str] = mapped_column(String(16), default="none")
    day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    product: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TargetRow(_Extracted, Base):
    __tablename__ = "plan_targets"

    indicator: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    comparator: Mapped[str] = mapped_column(String(8))
    number: Mapped[float | None] = mapped_column(Float, nullable=True)
    number_to: Mapped[float | None] = mapped_column(Float, nullable=True)
    measure: Mapped[str] = mapped_column(String(64), default="")
    period: Mapped[str] = mapped_column(Text, default="")
    due_start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_end: Mapped[str | None] = mapped_column(String(10), nullable=True)
    lead_units: Mapped[list[str]] = mapped_column(JSON, default=list)
    spans: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DutyRow(_Extracted, Base):
    __tablename__ = "plan_duties"

    reporter: Mapped[list[str]] = mapped_column(JSON, default=list)
    recipient: Mapped[list[str]] = mapped_column(JSON, default=list)
    via: Mapped[list[str]] = mapped_column(JSON, default=list)
    what: Mapped[str] = mapped_column(Text, default="")
    timing: Mapped[str] = mapped_column(Text, default="")
    recurrence: Mapped[str] = mapped_column(String(16), default="none")
    day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_end: Mapped[str | None] = mapped_column(String(10), nullable=True)
    spans: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TrackingRow(Base):
    """The current status of an assignment, keyed by document file name and assignment key."""

    __tablename__ = "plan_tracking"

    source: Mapped[str] = mapped_column(String(512), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(32), default=DEFAULT_STATUS)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_doc_id: Mapped[str] = mapped_column(String(64), default="")
    updated_by: Mapped[str] = mapped_column(String(128), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HistoryRow(Base):
    """One change of an assignment's tracking: who, when, what it became."""

    __tablename__ = "plan_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(512), index=True)
    key: Mapped[str] = mapped_column(String(32), index=True)
    assignment_id: Mapped[str] = mapped_column(String(24), default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_doc_id: Mapped[str] = mapped_column(String(64), default="")


class UnitAliasRow(Base):
    """'Sở KH&CN' -> 'Sở Khoa học và Công nghệ': applied when units are read, so no re-ingest is needed."""

    __tablename__ = "unit_aliases"

    alias_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    alias: Mapped[str] = mapped_column(String(255))
    canonical: Mapped[str] = mapped_column(String(255))
    created_by: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def _hash(*parts: str, n: int = 16) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:n]


def assignment_key(task: str, lead: Iterable[str], occurrence: int = 0) -> str:
    """What identifies an assignment across versions of its plan: its task and lead, folded."""
    folded = " ".join(fold_accents(task).lower().split())
    return _hash(folded, "|".join(sorted(unit_search_key(u) for u in lead)), str(occurrence), n=24)


def _span(f: dict[str, Any] | None) -> list[int] | None:
    return [int(f["start"]), int(f["end"])] if f else None


class PlanStore:
    """Reads and writes the plan tables of a registry database."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        Base.metadata.create_all(registry.engine)  # the plan tables, next to the registry's own

    # writing ----------------------------------------------------------------
    def replace(self, doc_id: str, plan: dict[str, Any]) -> None:
        """The document's plan model, replacing what an earlier ingest of the same id stored."""
        with self.registry.session() as s:
            self.write(s, doc_id, plan)

    def write(self, s: Session, doc_id: str, plan: dict[str, Any]) -> None:
        """`replace` inside a transaction of the caller (ingest saves a document and its plan together)."""
        for table in (AssignmentRow, TargetRow, DutyRow):
            s.execute(delete(table).where(table.doc_id == doc_id))
        seen: dict[str, int] = {}
        for seq, a in enumerate(plan.get("assignments") or []):
            base_key = assignment_key(a["task"]["text"], a["lead"])
            seen[base_key] = seen.get(base_key, -1) + 1
            s.add(AssignmentRow(
                id=_hash(doc_id, "a", str(a["start"]), str(seq), n=16), doc_id=doc_id, seq=seq,
                key=assignment_key(a["task"]["text"], a["lead"], seen[base_key]), kind=a["kind"],
                source=a["source"], section=a["section"], start=a["start"], end=a["end"], task=a["task"]["text"],
                lead_units=list(a["lead"]), co_units=list(a["co"]),
                timing=a["timing"]["text"] if a["timing"] else "", due_start=a["due_start"], due_end=a["due_end"],
                recurrence=a["recurrence"], day=a["day"], month=a["month"],
                product=a["product"]["text"] if a["product"] else "", fields=dict(a["fields"])))
        for seq, t in enumerate(plan.get("targets") or []):
            s.add(TargetRow(
                id=_hash(doc_id, "t", str(t["start"]), str(seq), n=16), doc_id=doc_id, seq=seq, source=t["source"],
                section=t["section"], start=t["start"], end=t["end"], indicator=t["indicator"]["text"],
                value=t["value"]["text"], comparator=t["comparator"],
                number=t["number"] if t["number"] == t["number"] else None,  # NaN: a value said in words
                number_to=t["number_to"], measure=t["measure"], period=t["period"], due_start=t["due_start"],
                due_end=t["due_end"], lead_units=list(t["lead"]),
                spans={"indicator": _span(t["indicator"]), "value": _span(t["value"])}))
        for seq, d in enumerate(plan.get("duties") or []):
            s.add(DutyRow(
                id=_hash(doc_id, "d", str(d["start"]), str(seq), n=16), doc_id=doc_id, seq=seq, source=d["source"],
                section=d["section"], start=d["start"], end=d["end"], reporter=list(d["reporter"]),
                recipient=list(d["recipient"]), via=list(d["via"]), what=d["what"]["text"] if d["what"] else "",
                timing=d["timing"]["text"] if d["timing"] else "", recurrence=d["recurrence"], day=d["day"],
                month=d["month"], due_start=d["due_start"], due_end=d["due_end"],
                spans={"what": _span(d["what"]), "timing": _span(d["timing"]),
                       "recipient": _span(d["recipient_field"])}))

    # reading ----------------------------------------------------------------
    def assignments(self, doc_ids: Iterable[str]) -> list[tuple[AssignmentRow, DocumentRow]]:
        return self._rows(AssignmentRow, doc_ids)

    def assignment(self, assignment_id: str) -> tuple[AssignmentRow, DocumentRow] | None:
        with self.registry.session() as s:
            row = s.execute(select(AssignmentRow, DocumentRow).join(DocumentRow, DocumentRow.doc_id == AssignmentRow.doc_id)
                            .where(AssignmentRow.id == assignment_id)).first()
            return (row[0], row[1]) if row else None

    def targets(self, doc_ids: Iterable[str]) -> list[tuple[TargetRow, DocumentRow]]:
        return self._rows(TargetRow, doc_ids)

    def duties(self, doc_ids: Iterable[str]) -> list[tuple[DutyRow, DocumentRow]]:
        return self._rows(DutyRow, doc_ids)

    def _rows(self, table: Any, doc_ids: Iterable[str]) -> list[tuple[Any, DocumentRow]]:
        ids = list(doc_ids)
        if not ids:
            return []
        with self.registry.session() as s:
            q = (select(table, DocumentRow).join(DocumentRow, DocumentRow.doc_id == table.doc_id)
                 .where(table.doc_id.in_(ids)).order_by(DocumentRow.source, table.seq))
            return [(r, d) for r, d in s.execute(q).all()]

    # tracking ---------------------------------------------------------------
    def tracking(self, source_keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], TrackingRow]:
        wanted = set(source_keys)
        if not wanted:
            return {}
        with self.registry.session() as s:
            rows = s.scalars(select(TrackingRow).where(TrackingRow.key.in_({k for _, k in wanted})))
            return {(r.source, r.key): r for r in rows if (r.source, r.key) in wanted}

    def track(self, source: str, key: str, assignment_id: str, user: str, status: str, note: str,
              evidence_doc_id: str, at: dt.datetime) -> TrackingRow:
        """Set the tracking of one assignment and append the change to its history, in one transaction."""
        with self.registry.session() as s:
            row = s.get(TrackingRow, (source, key))
            if row is None:
                row = TrackingRow(source=source, key=key)
                s.add(row)
            row.status, row.note, row.evidence_doc_id, row.updated_by, row.updated_at = (
                status, note, evidence_doc_id, user, at)
            s.add(HistoryRow(source=source, key=key, assignment_id=assignment_id, at=at, user=user, status=status,
                             note=note, evidence_doc_id=evidence_doc_id))
            s.flush()
            return row

    def history(self, source: str, key: str) -> list[HistoryRow]:
        with self.registry.session() as s:
            return list(s.scalars(select(HistoryRow).where(HistoryRow.source == source, HistoryRow.key == key)
                                  .order_by(HistoryRow.id)))

    # unit aliases -------------------------------------------------------------
    def aliases(self) -> list[UnitAliasRow]:
        with self.registry.session() as s:
            return list(s.scalars(select(UnitAliasRow).order_by(UnitAliasRow.alias)))

    def add_alias(self, alias: str, canonical: str, user: str = "") -> UnitAliasRow:
        with self.registry.session() as s:
            row = UnitAliasRow(alias_key=unit_search_key(alias), alias=alias, canonical=canonical, created_by=user,
                               created_at=utcnow())
            return s.merge(row)

    def remove_alias(self, alias: str) -> bool:
        with self.registry.session() as s:
            row = s.get(UnitAliasRow, unit_search_key(alias))
            if row is None:
                return False
            s.delete(row)
            return True
