"""Request/response bodies of the HTTP API (the ask response is assistant.domain.AskResponse).

Every request body inherits `Body`: a string anywhere in it (nested citations included) that holds a lone
surrogate, a noncharacter or a control character other than tab and newline is refused at the edge with
a Vietnamese 422, before it can reach a tokenizer, a log or the database. Closed fields are Literals.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from assistant.domain import Citation, DocumentMeta, IngestOutcome
from assistant.text import nfc

INVALID_CODE_POINTS = "invalid_code_points"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
Role = Literal["viewer", "editor", "admin"]
Clearance = Literal["public", "internal", "restricted"]


def invalid_code_points(value: Any) -> bool:
    """Does any string in this JSON value hold a code point no text may carry?"""
    if isinstance(value, str):
        return _INVALID.search(value) is not None
    if isinstance(value, dict):
        return any(invalid_code_points(k) or invalid_code_points(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(invalid_code_points(v) for v in value)
    return False


class Body(BaseModel):
    """A request body: refuses invalid code points in any of its strings."""

    @model_validator(mode="before")
    @classmethod
    def _valid_code_points(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if invalid_code_points(value):
                    raise PydanticCustomError(INVALID_CODE_POINTS, "invalid code points in {field}",
                                              {"field": str(key)})
        return data


class AskRequest(Body):
    question: str = Field(description="Câu hỏi tiếng Việt (tối đa 2.000 ký tự).", examples=["Ai chủ trì rà soát hạ tầng mạng?"])
    top_k: int | None = Field(None, ge=1, le=50, description="Number of chunks retrieved (default from settings).")
    doc_ids: list[str] | None = Field(None, description="Restrict the answer to these documents.")
    mode: str = Field("extractive", description="Answerer: 'extractive' (default) or 'generative'.")


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


class FeedbackIn(Body):
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


class UserIn(Body):
    name: str = Field(description="Account name (letters, digits, . _ - @).")
    role: Role = Field(description="viewer | editor | admin")
    clearance: Clearance = Field(description="public | internal | restricted")
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


class IndexCounts(BaseModel):
    documents: int = Field(description="Documents in the registry.")
    points: int = Field(description="Points (chunks) in the vector store.")
    orphan_points: int = Field(description="Points of no registered document.")
    missing_points: int = Field(description="Points of a registered document's committed version that are absent.")
    stale_points: int = Field(description="Points of a registered document outside its committed version, or "
                                          "with other access labels than the registry.")
    pending: int = Field(description="Journalled changes not finished (a crash or a change in progress).")


class IndexProblem(BaseModel):
    doc_id: str
    source: str
    missing: int
    stale: int


class IndexCheck(IndexCounts):
    problems: list[IndexProblem] = Field(default_factory=list, description="Documents that disagree.")


class IndexRepair(BaseModel):
    before: IndexCounts
    after: IndexCounts
    recovered: int = Field(description="Journalled changes undone or finished.")
    removed_documents: list[str] = Field(description="Sources of incomplete documents removed: ingest them again.")
