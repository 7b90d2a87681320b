"""Right/wrong verdicts on answers: any asker may give one, admins read them."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Query

from assistant.api.context import Ctx
from assistant.api.deps import require
from assistant.api.schemas import FeedbackIn, FeedbackPage
from assistant.domain import MAX_PAGE_SIZE
from assistant.services.access import Permission, Principal
from assistant.text import bilingual, nfc

router = APIRouter(tags=["feedback"])


@router.post("/v1/feedback", status_code=201, summary="Đánh giá một câu trả lời (đúng / sai)")
def add_feedback(body: FeedbackIn, ctx: Ctx, principal: Principal = Depends(require(Permission.ASK))
                 ) -> dict[str, str]:
    ctx.feedback.add(principal.name, body.question, body.answer, body.verdict, body.comment,
                     [c.model_dump() for c in body.citations])
    return {"status": "saved"}


@router.get("/v1/feedback", response_model=FeedbackPage, summary="Các đánh giá (quản trị)")
def list_feedback(
    ctx: Ctx,
    verdict: str | None = Query(None, description=bilingual("'đúng' hoặc 'sai'.", "'đúng' (right) or 'sai' (wrong).")),
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
    _: Principal = Depends(require(Permission.AUDIT)),
) -> FeedbackPage:
    return FeedbackPage.model_validate(asdict(ctx.feedback.recent(nfc(verdict) if verdict else None, page,
                                                                  page_size)))
