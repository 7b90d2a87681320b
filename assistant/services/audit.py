"""Audit trail: who asked what (redacted), which sources answered, how long, from where.

Rows live in the registry database. Free text (questions, details) goes through `redact`
before it is stored, so the trail never holds raw personal data; `redact_with` makes it from
the Presidio redactor of the service container (identity when privacy is off).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import Select, select

from assistant.components.registry import AuditRow, Registry
from assistant.domain import MAX_PAGE_SIZE
from assistant.services.access import iso

if TYPE_CHECKING:
    from assistant.privacy import Redactor

Redact = Callable[[str], str]
CSV_COLUMNS = ("id", "at", "user", "action", "question", "doc_ids", "answerable", "latency_ms", "client", "status",
               "detail")


def identity(text: str) -> str:
    return text


def redact_with(redactor: Redactor | None) -> Redact:
    """`redactor.redact(text).text`, or the identity when privacy is off (no redactor)."""
    if redactor is None:
        return identity
    return lambda text: redactor.redact(text).text if text else text


def to_utc(value: dt.datetime | str | None) -> dt.datetime | None:
    """Aware UTC datetime; naive values and ISO strings without offset are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"Thời điểm không hợp lệ: '{value}' (dùng dạng ISO, ví dụ 2026-06-01T08:00).") from exc
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def audit_dict(row: AuditRow) -> dict[str, Any]:
    return {"id": row.id, "at": iso(row.at), "user": row.user, "action": row.action, "question": row.question,
            "doc_ids": list(row.doc_ids or []), "answerable": row.answerable, "latency_ms": row.latency_ms,
            "client": row.client, "status": row.status, "detail": row.detail}


@dataclass
class Page:
    total: int
    page: int
    page_size: int
    items: list[dict[str, Any]] = field(default_factory=list)


def page_bounds(page: int, page_size: int) -> tuple[int, int]:
    return max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)


class AuditService:
    def __init__(self, registry: Registry, redact: Redact = identity) -> None:
        self.registry = registry
        self.redact = redact

    def record(
        self,
        action: str,
        *,
        user: str = "",
        question: str = "",
        doc_ids: Iterable[str] = (),
        answerable: bool | None = None,
        latency_ms: int = 0,
        client: str = "",
        status: int = 200,
        detail: str = "",
    ) -> None:
        self.registry.add(AuditRow(
            at=dt.datetime.now(dt.UTC), user=user, action=action, question=self.redact(question),
            doc_ids=list(dict.fromkeys(doc_ids)), answerable=answerable, latency_ms=int(latency_ms),
            client=client, status=status, detail=self.redact(detail),
        ))

    def _select(self, user: str | None, since: dt.datetime | str | None, until: dt.datetime | str | None,
                action: str | None) -> Select[Any]:
        q = select(AuditRow)
        if user:
            q = q.where(AuditRow.user == user)
        if action:
            q = q.where(AuditRow.action == action)
        if (start := to_utc(since)) is not None:
            q = q.where(AuditRow.at >= start)
        if (stop := to_utc(until)) is not None:
            q = q.where(AuditRow.at < stop)
        return q

    def query(self, user: str | None = None, since: dt.datetime | str | None = None,
              until: dt.datetime | str | None = None, action: str | None = None, page: int = 1,
              page_size: int = 50) -> Page:
        """Newest first; `since` inclusive, `until` exclusive."""
        page, page_size = page_bounds(page, page_size)
        total, rows = self.registry.page(self._select(user, since, until, action).order_by(AuditRow.id.desc()),
                                         page, page_size)
        return Page(total, page, page_size, [audit_dict(r) for r in rows])

    def export_csv(self, out: TextIO, user: str | None = None, since: dt.datetime | str | None = None,
                   until: dt.datetime | str | None = None) -> int:
        """Oldest first, one row per event; returns the number of rows written."""
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        n = 0
        for row in self.registry.stream(self._select(user, since, until, None).order_by(AuditRow.id)):
            d = audit_dict(row)
            d["doc_ids"] = ";".join(d["doc_ids"])
            d["answerable"] = "" if d["answerable"] is None else str(d["answerable"]).lower()
            writer.writerow([_cell(d[c]) for c in CSV_COLUMNS])
            n += 1
        return n


def _cell(value: Any) -> str:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not isinstance(value, int) else text
