"""OpenAI-compatible API: any chat client that speaks it (Open WebUI, LibreChat, the `openai` package,
mobile apps) can use the assistant as a model.

- `GET /v1/models`: the answerers as models — `troly` (extractive) and `troly-generative`.
- `POST /v1/chat/completions` (also `stream: true`, OpenAI's chunk format): the last user message is the
  question, made standalone from the earlier user turns (`assistant.services.conversation`); it goes
  through the same path as `/v1/ask` — same key, role, clearance, units, rate limit and audit.

Citations appear twice: as a "Nguồn:" list at the end of the message content (every client shows it)
and as the extension fields `citations`, `related`, `answerable`, `answer_mode` of the response (and of
the last chunk when streaming). Sampling fields (temperature, top_p, …) are accepted and ignored: the
server's settings decide.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.context import Ctx
from assistant.api.deps import client_of, require
from assistant.api.routes.ask import Asked, word_pieces
from assistant.domain import AnsweredBy, AnswerMode, AskResponse, Citation
from assistant.services.access import Permission, Principal
from assistant.services.conversation import standalone_question
from assistant.services.generative import Answered, Sentence
from assistant.text import bilingual

router = APIRouter(tags=["openai"])
MODELS: dict[str, AnswerMode] = {"troly": AnswerMode.EXTRACTIVE, "troly-generative": AnswerMode.GENERATIVE}
QUOTE_CHARS = 300  # quotes in the "Nguồn:" list are cut; the `citations` field has them whole
STARTED = int(time.time())  # the models' `created`


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "troly"
    description: str = ""


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str = Field(description=bilingual("Vai trò", "Role")
                      + ": system | user | assistant (| tool, developer: " + bilingual("bỏ qua", "ignored") + ")")
    content: str | list[dict[str, Any]] | None = Field(None, description=bilingual(
        "Văn bản, hoặc các phần có kiểu 'text'.", "Text, or parts of type 'text'."))

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, top_p, user, … : accepted, not used
    model: str = Field(description=bilingual("'troly' (trích xuất) hoặc 'troly-generative'.",
                                             "'troly' (extractive) or 'troly-generative'."))
    messages: list[ChatMessage] = Field(min_length=1, max_length=500)
    stream: bool = False


class ChatChoice(BaseModel):
    index: int = 0
    message: dict[str, str]
    finish_reason: str = "stop"


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: dict[str, int] = Field(default_factory=lambda: {"prompt_tokens": 0, "completion_tokens": 0,
                                                           "total_tokens": 0})
    citations: list[Citation] = Field(description=bilingual("Mở rộng: nguồn của các dấu [n] trong câu trả lời.",
                                                            "Extension: the sources of the answer's [n] markers."))
    related: list[Citation] = Field(description=bilingual(
        "Mở rộng: các đoạn có thể liên quan, khi không trả lời được.",
        "Extension: passages that may be related, when not answerable."))
    answerable: bool = Field(description=bilingual("Mở rộng: false khi tài liệu không có câu trả lời.",
                                                   "Extension: false when the documents do not contain the answer."))
    answer_mode: AnsweredBy = Field(description=bilingual("Mở rộng", "Extension")
                                    + ": extractive | generative | extractive_fallback.")


@router.get("/v1/models", response_model=ModelList, summary="Các mô hình (chế độ trả lời) dùng được qua API OpenAI")
def models(ctx: Ctx, _: Principal = Depends(require(Permission.ASK))) -> ModelList:
    cards = [ModelCard(id="troly", created=STARTED, description="Trích xuất có trích dẫn (mặc định, không cần mô hình).")]
    if ctx.settings.llm.base_url:  # offered only where a model server is configured
        cards.append(ModelCard(id="troly-generative", created=STARTED,
                               description="Mô hình ngôn ngữ viết, bộ kiểm chứng giữ lại câu có nguồn."))
    return ModelList(data=cards)


@router.post("/v1/chat/completions", response_model=ChatCompletion, summary="Hỏi đáp kiểu OpenAI (chat completions)",
             response_description=bilingual(
                 "Một chat completion; với `stream: true`: các `chat.completion.chunk` dạng server-sent events, "
                 "kết thúc bằng `data: [DONE]`.",
                 "A chat completion, or with `stream: true` server-sent `chat.completion.chunk`s ending with "
                 "`data: [DONE]`."))
def chat_completions(body: ChatRequest, request: Request, background: BackgroundTasks, ctx: Ctx,
                     principal: Principal = Depends(require(Permission.ASK))) -> Any:
    mode = MODELS.get(body.model)
    if mode is None:
        raise HTTPException(404, detail=f"Không có mô hình '{body.model}'. Dùng: {', '.join(MODELS)}.")
    question = standalone_question([m.text() for m in body.messages if m.role == "user"])
    asked = Asked(ctx, principal, question, client_of(request))
    background.add_task(asked.audit)
    completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
    if body.stream:
        events = asked.events(None, None, mode)
        return StreamingResponse(_chunks(events, completion_id, created, body.model), media_type="text/event-stream")
    r = asked.run(None, None, mode).response
    return ChatCompletion(id=completion_id, created=created, model=body.model,
                          choices=[ChatChoice(message={"role": "assistant", "content": r.answer + sources_block(r)})],
                          citations=r.citations, related=r.related, answerable=r.answerable, answer_mode=r.answer_mode)


def sources_block(r: AskResponse) -> str:
    """'\\n\\nNguồn:\\n[1] Kế hoạch …, số 54-KH/TU — IV. … > 2. …: «quote»' (or the related passages)."""
    cites = r.citations if r.answerable else r.related
    if not cites:
        return ""
    lines = ["", "", "Nguồn:" if r.answerable else "Có thể liên quan:"]
    for c in cites:
        number = f", số {c.doc_number}" if c.doc_number else ""
        section = f" — {c.section}" if c.section else ""
        quote = c.quote if len(c.quote) <= QUOTE_CHARS else c.quote[:QUOTE_CHARS].rstrip() + "…"
        lines.append(f"[{c.n}] {c.title or c.source}{number}{section}: «{quote}»")
    return "\n".join(lines)


def _chunks(events: Iterator[Sentence | Answered], completion_id: str, created: int, model: str) -> Iterator[str]:
    def chunk(delta: dict[str, str], finish: str | None = None, **extra: Any) -> str:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    streamed = False
    for e in events:
        if isinstance(e, Sentence):
            yield chunk({"content": ("\n" if streamed else "") + e.text})
            streamed = True
            continue
        r = e.response
        if not streamed:
            for piece in word_pieces(r.answer):
                yield chunk({"content": piece})
        if block := sources_block(r):
            yield chunk({"content": block})
        yield chunk({}, "stop", citations=[c.model_dump() for c in r.citations],
                    related=[c.model_dump() for c in r.related], answerable=r.answerable, answer_mode=r.answer_mode)
    yield "data: [DONE]\n\n"
