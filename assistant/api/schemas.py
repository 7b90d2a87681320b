"""Request/response bodies of the HTTP API (the ask response is assistant.domain.AskResponse)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.domain import AnswerMode, Citation, DocumentMeta, IngestOutcome
from assistant.text import nfc


class AskRequest(BaseModel):
    question: str = Field(description="Câu hỏi tiếng Việt (tối đa 2.000 ký tự).", examples=["Ai chủ trì rà soát hạ tầng mạng?"])
    top_k: int | None = Field(None, ge=1, le=50, description="Number of chunks retrieved (default from settings).")
    doc_ids: list[str] | None = Field(None, description="Restrict the answer to these documents.")
    mode: AnswerMode | None = Field(
        None, description="Answerer: 'extractive' or 'generative' (the language model, verified sentence by "
        "sentence; falls back to extractive). Default: the server's `answer.mode`.")


class DocumentList(BaseModel):
    documents: list[DocumentMeta]


class IngestSummary(BaseModel):
    documents: list[IngestOutcome]


class TextSpan(BaseModel):
    doc_id: str
    start: int = Field(description="Start of the cited span in the stored text.")
    end: int = Field(description="End (exclusive) of the cited span.")
    text: str = Field(description="The cited span itself.")
    before: str = Field(description="Context before the span.")
    after: str = Field(description="Context after the span.")
    length: int = Field(description="Length of the whole stored text.")


class Health(BaseModel):
    status: str
    documents: int


class Me(BaseModel):
    name: str
    role: str = Field(description="viewer | editor | admin")
    clearance: str = Field(description="Highest classification the user may read: public | internal | restricted.")
    units: list[str] = Field(description="Units of the user (empty: only documents without units, unless admin).")


class AuditEntry(BaseModel):
    id: int
    at: str = Field(description="ISO 8601 time (UTC).")
    user: str
    action: str = Field(description="ask | refused | upload | delete | login_failed | forbidden | user_add | user_revoke")
    question: str = Field(description="The question with personal data redacted.")
    doc_ids: list[str] = Field(description="Documents cited (or shown as related) / uploaded / deleted.")
    answerable: bool | None
    latency_ms: int
    client: str = Field(description="Client address.")
    status: int = Field(description="HTTP status answered.")
    detail: str


class AuditPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[AuditEntry]


class FeedbackIn(BaseModel):
    question: str = Field(min_length=1, max_length=4000, description="The question asked.")
    answer: str = Field("", max_length=20000, description="The answer shown.")
    verdict: Literal["đúng", "sai"] = Field(description="'đúng' (right) or 'sai' (wrong).")
    comment: str = Field("", max_length=4000, description="Free comment, e.g. what the right answer is.")
    citations: list[Citation] = Field(default_factory=list, max_length=50, description="Citations of the answer.")

    @field_validator("verdict", mode="before")
    @classmethod
    def _nfc(cls, value: object) -> object:
        return nfc(value).strip().lower() if isinstance(value, str) else value


class FeedbackEntry(FeedbackIn):
    id: int
    at: str
    user: str


class FeedbackPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[FeedbackEntry]


class UserIn(BaseModel):
    name: str = Field(description="Account name (letters, digits, . _ - @).")
    role: str = Field(description="viewer | editor | admin")
    clearance: str = Field(description="public | internal | restricted")
    units: list[str] = Field(default_factory=list, description="Units of the user.")


class UserOut(BaseModel):
    name: str
    role: str
    clearance: str
    units: list[str]
    key_prefix: str = Field(description="Public part of the key (troly_<prefix>_…), to tell keys apart.")
    created_at: str
    revoked_at: str | None


class NewUser(BaseModel):
    user: UserOut
    key: str = Field(description="The API key. Shown this once only: it is stored hashed.")


class UserList(BaseModel):
    users: list[UserOut]
