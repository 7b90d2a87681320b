"""What routes and request dependencies need, built once per app by `create_app`.

One object on `app.state.context`, reached with `Depends(context_of)` (or the `Ctx` annotation), so a
feature's router needs no closure over the factory and tests swap parts through `create_app(settings,
services)`. Every use of the store goes through `reading()` / `writing()`: the locking policy lives here
alone. Readers (asks) take no lock: both engines answer queries concurrently. Writers (ingest, delete) are
serialised among themselves, and never make a reader wait: after a write the index is maintained in the
background (`QdrantStore.maintain`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from assistant.api.limits import RateLimiter
from assistant.domain import DocumentMeta
from assistant.services.access import AccessService, Principal
from assistant.services.audit import AuditService, redact_with
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    services: Services
    access: AccessService
    audit: AuditService
    feedback: FeedbackService
    limiter: RateLimiter
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, settings: Settings, services: Services) -> AppContext:
        redact = redact_with(services.redactor)
        return cls(settings, services, AccessService(services.registry), AuditService(services.registry, redact),
                   FeedbackService(services.registry, redact), RateLimiter(settings.api.rate_limit_per_minute))

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around a query of the store: no lock (queries run concurrently, also during a write)."""
        yield

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Around a change of the store (ingest, delete): one writer at a time; then background maintenance."""
        with self._write_lock:
            try:
                yield
            finally:
                self.services.store.maintain(background=True)

    def visible_doc(self, doc_id: str, principal: Principal) -> DocumentMeta:
        """The document if it exists and the caller may read it; 404 alike otherwise (existence stays hidden)."""
        row = self.services.registry.get(doc_id)
        if row is None or not principal.may_read(row.classification, row.units or []):
            raise HTTPException(404, detail=f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        return row.to_meta()


def context_of(request: Request) -> AppContext:
    return request.app.state.context  # type: ignore[no-any-return]


Ctx = Annotated[AppContext, Depends(context_of)]
