"""Domain types shared by ingest, services, API, CLI and eval (the JSON contract of DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

# file types the loader reads (ingest/load.py's registry; a test keeps the two equal): for upload forms
UPLOAD_TYPES = (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".xlsx", ".html", ".htm", ".png", ".jpg", ".jpeg",
                ".tif", ".tiff")

IngestStatus = Literal["ingested", "skipped", "replaced", "refused", "failed"]
ChunkKind = Literal["text", "table_row"]
AnsweredBy = Literal["extractive", "generative", "extractive_fallback"]


class AnswerMode(StrEnum):
    """Which answerer a question asks for (`mode` of /v1/ask, `troly ask --mode`)."""

    EXTRACTIVE = "extractive"
    GENERATIVE = "generative"

# doc_id prefix of a citation whose source is a record of the tracking board (status and note of an assignment, who
# recorded it and when), not a stored document: report drafts cite results this way
TRACKING_DOC_PREFIX = "tracking:"


class DocumentMeta(BaseModel):
    """What the registry and the payload know about one document."""

    doc_id: str = Field(description="Stable id: hash of the file content.")
    source: str = Field(description="File name the document was ingested from.")
    sha256: str = Field("", description="SHA-256 of the file bytes.")
    title: str = Field("", description="Document kind + subject, e.g. 'Kế hoạch chuyển đổi số ...'.")
    doc_type: str = Field("", description="Kế hoạch, Chương trình hành động, Đề án, Báo cáo, ...")
    doc_number: str = Field("", description="Number such as '54-KH/TU'; empty when left blank.")
    issuer: str = Field("", description="Issuing body.")
    place: str = Field("", description="Place in the date line.")
    issued_date: str = Field("", description="ISO date, partial allowed (2026-01, 2026).")
    signer: str = Field("", description="Name in the signature block.")
    signer_title: str = Field("", description="Title in the signature block.")
    references: list[str] = Field(default_factory=list, description="Numbers of documents it refers to.")
    classification: str = Field("internal", description="public | internal | restricted.")
    units: list[str] = Field(default_factory=list, description="Units allowed to read it (empty: all).")
    chunks: int = Field(0, description="Number of chunks stored.")
    status: str = Field("ingested", description="Registry status.")
    ingested_at: str = Field("", description="ISO timestamp of ingest.")
    uploaded_by: str = Field("", description="User who uploaded it (empty for CLI ingest).")


class Citation(BaseModel):
    n: int = Field(description="Marker number used in the answer text as [n].")
    doc_id: str
    source: str = Field(description="File name.")
    title: str
    doc_number: str = ""
    section: str = Field("", description="Section path, e.g. 'VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy'.")
    quote: str = Field(description="Exact text of the stored document at start:end.")
    start: int
    end: int
    page: int | None = None


class AskResponse(BaseModel):
    answer: str = Field(description="Vietnamese answer with [n] markers.")
    answerable: bool = Field(description="False when the documents do not contain the answer.")
    citations: list[Citation] = Field(default_factory=list)
    related: list[Citation] = Field(
        default_factory=list, description="Nearest passages shown as 'có thể liên quan' when not answerable."
    )
    latency_ms: int = 0
    retrieved: list[str] = Field(default_factory=list, description="Sources of retrieved chunks in rank order.")
    retrieved_sections: list[str] = Field(
        default_factory=list, description="Section paths of the retrieved chunks, same order as `retrieved`."
    )
    answer_mode: AnsweredBy = Field(
        default="extractive",
        description="Who answered: 'extractive'; 'generative' (the language model, every sentence verified); "
        "'extractive_fallback' (generative was asked, but the model was not configured, down, slow, or none of "
        "its sentences survived the verifier).",
    )


class IngestOutcome(BaseModel):
    source: str
    doc_id: str = ""
    title: str = ""
    status: IngestStatus
    reason: str = ""
    chunks: int = 0
    pii: dict[str, int] = Field(default_factory=dict, description="Redacted entities per type (counts only).")
    seconds: float = 0.0
