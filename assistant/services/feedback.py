"""Feedback on answers (đúng / sai + comment) so wrong answers can become gold questions.

Question, answer and comment pass the same redaction as the audit trail before they are stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from assistant.components.registry import FeedbackRow, Registry
from assistant.services.access import iso
from assistant.services.audit import Page, Redact, identity, page_bounds

VERDICTS = ("đúng", "sai")


def feedback_dict(row: FeedbackRow) -> dict[str, Any]:
    return {"id": row.id, "at": iso(row.at), "user": row.user, "question": row.question, "answer": row.answer,
            "verdict": row.verdict, "comment": row.comment, "citations": list(row.citations or [])}


class FeedbackService:
    def __init__(self, registry: Registry, redact: Redact = identity) -> None:
        self.registry = registry
        self.redact = redact

    def add(self, user: str, question: str, answer: str, verdict: str, comment: str = "",
            citations: list[dict[str, Any]] | None = None) -> None:
        if verdict not in VERDICTS:
            raise ValueError("Đánh giá phải là 'đúng' hoặc 'sai'.")
        self.registry.add(FeedbackRow(
            at=dt.datetime.now(dt.UTC), user=user, question=self.redact(question), answer=self.redact(answer),
            verdict=verdict, comment=self.redact(comment),
            citations=[{k: self.redact(v) if isinstance(v, str) else v for k, v in c.items()} for c in citations or []],
        ))

    def recent(self, verdict: str | None = None, page: int = 1, page_size: int = 50) -> Page:
        """Newest first."""
        page, page_size = page_bounds(page, page_size)
        q = select(FeedbackRow)
        if verdict:
            q = q.where(FeedbackRow.verdict == verdict)
        total, rows = self.registry.page(q.order_by(FeedbackRow.id.desc()), page, page_size)
        return Page(total, page, page_size, [feedback_dict(r) for r in rows])
