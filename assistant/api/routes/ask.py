"""Questions: one JSON answer, or the same answer as server-sent events. Every ask is audited.

`mode` picks the answerer (`assistant.services.answering`). Streaming sends verified sentences as the
generative answerer lets them through — never raw model tokens; an extractive answer (or a fallback)
is sent in word pieces as before.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from fastapi import APIRouter, BackgroundTasks, Depends, Request
from fastapi.responses import StreamingResponse

from assistant.api.context import AppContext, Ctx
from assistant.api.deps import client_of, require
from assistant.api.schemas import AskRequest
from assistant.domain import AnswerMode, AskResponse
from assistant.services.access import Permission, Principal, scope_for
from assistant.services.ask import validate_question
from assistant.services.generative import Answered, Sentence
from assistant.text import bilingual

router = APIRouter(tags=["ask"])


@router.post("/v1/ask", response_model=AskResponse, summary="Hỏi và nhận câu trả lời có trích dẫn")
def ask_route(body: AskRequest, request: Request, background: BackgroundTasks, ctx: Ctx,
              principal: Principal = Depends(require(Permission.ASK))) -> AskResponse:
    asked = Asked(ctx, principal, body.question, client_of(request))
    response = asked.run(body.top_k, body.doc_ids, body.mode).response
    background.add_task(asked.audit)
    return response


@router.post("/v1/ask/stream", summary="Hỏi, nhận câu trả lời dạng server-sent events",
             response_description=bilingual(
                 "Các sự kiện: `answer` (từng phần câu trả lời; chế độ generative: từng câu đã kiểm chứng), "
                 "`citations`, `related`, `done` (`answerable`, `latency_ms`, `answer_mode`).",
                 "Events: `answer` (pieces of text: verified sentences in generative mode), `citations`, `related`, "
                 "`done`."))
def ask_stream(body: AskRequest, request: Request, background: BackgroundTasks, ctx: Ctx,
               principal: Principal = Depends(require(Permission.ASK))) -> StreamingResponse:
    asked = Asked(ctx, principal, body.question, client_of(request))
    events = asked.events(body.top_k, body.doc_ids, body.mode)  # unknown documents: 404 before streaming
    background.add_task(asked.audit)  # runs when the stream has ended
    return StreamingResponse(_sse(events), media_type="text/event-stream")


@dataclass
class Asked:
    """One question of one caller, through the answerer in the mode asked for, audited at the end."""

    ctx: AppContext
    principal: Principal
    question: str
    client: str
    t0: float = field(default_factory=time.perf_counter)
    response: AskResponse | None = None

    def events(self, top_k: int | None, doc_ids: list[str] | None, mode: AnswerMode | None
               ) -> Iterator[Sentence | Answered]:
        """Checks the question and the documents now (a 4xx, not a broken stream); answers lazily."""
        validate_question(self.question, self.ctx.settings.answer.max_question_chars)
        for d in doc_ids or []:
            self.ctx.visible_doc(d, self.principal)
        return self._recorded(self.ctx.services.answering.events(
            self.question, scope_for(self.principal, doc_ids), top_k, mode, self.ctx.reading))

    def run(self, top_k: int | None, doc_ids: list[str] | None, mode: AnswerMode | None) -> Answered:
        *_, last = self.events(top_k, doc_ids, mode)
        assert isinstance(last, Answered)
        return last

    def _recorded(self, events: Iterator[Sentence | Answered]) -> Iterator[Sentence | Answered]:
        for e in events:
            if isinstance(e, Answered):
                self.response = e.response
            yield e

    def audit(self) -> None:
        r = self.response
        if r is None:  # the client left before the answer was complete
            return
        self.ctx.audit.record("ask" if r.answerable else "refused", user=self.principal.name, question=self.question,
                              doc_ids=[c.doc_id for c in r.citations + r.related], answerable=r.answerable,
                              latency_ms=int((time.perf_counter() - self.t0) * 1000), client=self.client)


def word_pieces(text: str) -> list[str]:
    return re.findall(r"\S+\s*", text)


def _sse(events: Iterator[Sentence | Answered]) -> Iterator[str]:
    def event(name: str, data: object) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    streamed = False
    for e in events:
        if isinstance(e, Sentence):
            yield event("answer", {"text": ("\n" if streamed else "") + e.text})
            streamed = True
            continue
        response = e.response
        if not streamed:
            for piece in word_pieces(response.answer):
                yield event("answer", {"text": piece})
        yield event("citations", [c.model_dump() for c in response.citations])
        if response.related:
            yield event("related", [c.model_dump() for c in response.related])
        yield event("done", {"answerable": response.answerable, "latency_ms": response.latency_ms,
                             "answer_mode": response.answer_mode})
