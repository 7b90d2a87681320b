"""The access log, for admins: filter by user, action and time; newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from fastapi import APIRouter, Depends, Query

from assistant.api.context import Ctx
from assistant.api.deps import require
from assistant.api.schemas import AuditPage
from assistant.domain import MAX_PAGE_SIZE
from assistant.services.access import Permission, Principal
from assistant.text import bilingual

router = APIRouter(tags=["audit"])


@router.get("/v1/audit", response_model=AuditPage, summary="Nhật ký truy cập (quản trị)")
def audit_log(
    ctx: Ctx,
    user: str | None = Query(None, description=bilingual("Chỉ người dùng này.", "Only this user.")),
    action: str | None = Query(None, description=bilingual(
        "Chỉ hành động này (ask, refused, upload, delete, login_failed…).",
        "Only this action (ask, refused, upload, delete, login_failed…).")),
    since: dt.datetime | None = Query(None, description=bilingual(
        "Từ thời điểm này (ISO 8601, tính cả mốc; không ghi múi giờ = UTC).",
        "From this time (ISO 8601, inclusive; no offset = UTC).")),
    until: dt.datetime | None = Query(None, description=bilingual(
        "Trước thời điểm này (ISO 8601, không tính mốc).", "Before this time (ISO 8601, exclusive).")),
    page: int = Query(1, ge=1, description=bilingual("Số trang, mới nhất trước.", "Page number, newest first.")),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE, description=bilingual("Số dòng mỗi trang.", "Rows per page.")),
    _: Principal = Depends(require(Permission.AUDIT)),
) -> AuditPage:
    return AuditPage.model_validate(asdict(ctx.audit.query(user, since, until, action, page, page_size)))
