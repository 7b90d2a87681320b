"""Questions: one JSON answer, or the same answer as server-sent events. Every ask is audited."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import StreamingResponse

from assistant.api.context import AppContext, Ctx
from assistant.api.deps import client_of, require
from assistant.api.schemas import AskRequest
from assistant.domain import AskResponse
from assistant.services.access import Permission, Principal, scope_for

router = APIRouter(tags=["ask"])


@router.post("/v1/ask", response_model=AskResponse, summary="Hỏi và nhận câu trả lời có trích dẫn")
def ask_route(body: AskRequest, request: Request, background: BackgroundTasks, ctx: Ctx,
              principal: Principal = Depends(require(Permission.ASK))) -> AskResponse:
    return _answer(ctx, body, principal, request, background)


@router.post("/v1/ask/stream", summary="Hỏi, nhận câu trả lời dạng server-sent events",
             response_description="Events: `answer` (pieces of text), `citations`, `related`, `done`.")
def ask_stream(body: AskRequest, request: Request, background: BackgroundTasks, ctx: Ctx,
               principal: Principal = Depends(require(Permission.ASK))) -> StreamingResponse:
    response = _answer(ctx, body, principal, request, background)
    return StreamingResponse(_sse(response), media_type="text/event-stream")


def _answer(ctx: AppContext, body: AskRequest, principal: Principal, request: Request,
            background: BackgroundTasks) -> AskResponse:
    t0 = time.perf_counter()
    for d in body.doc_ids or []:
        ctx.visible_doc(d, principal)
    with ctx.reading():
        response = ctx.services.ask.ask(body.question, scope_for(principal, body.doc_ids), body.top_k)
    shown = [c.doc_id for c in response.citations + response.related]
    background.add_task(ctx.audit.record, "ask" if response.answerable else "refused", user=principal.name,
                        question=body.question, doc_ids=shown, answerable=response.answerable,
                        latency_ms=int((time.perf_counter() - t0) * 1000), client=client_of(request))
    return response


def _sse(response: AskResponse) -> Iterator[str]:
    def event(name: str, data: object) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    for piece in re.findall(r"\S+\s*", response.answer):
        yield event("answer", {"text": piece})
    yield event("citations", [c.model_dump() for c in response.citations])
    if response.related:
        yield event("related", [c.model_dump() for c in response.related])
    yield event("done", {"answerable": response.answerable, "latency_ms": response.latency_ms})
