"""Request/response bodies of the HTTP API (the ask response is assistant.domain.AskResponse)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.domain import DocumentMeta, IngestOutcome


class AskRequest(BaseModel):
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
