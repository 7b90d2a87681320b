"""Domain types shared by ingest, services, API, CLI and eval (the JSON contract of DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from assistant.text import bilingual

# file types the loader reads (ingest/load.py's registry; a test keeps the two equal): for upload forms
UPLOAD_TYPES = (".txt", ".md", ".docx", ".dotx", ".docm", ".dotm", ".pdf", ".doc", ".rtf", ".odt", ".fodt", ".xlsx",
                ".pptx", ".html", ".htm", ".eml", ".mht", ".mhtml", ".xps", ".oxps", ".xml", ".zip", ".png", ".jpg",
                ".jpeg", ".tif", ".tiff")

IngestStatus = Literal["ingested", "skipped", "replaced", "refused", "failed"]
ChunkKind = Literal["text", "table_row"]
AnsweredBy = Literal["extractive", "generative", "extractive_fallback"]


class AnswerMode(StrEnum):
    """Cách trả lời mà câu hỏi yêu cầu / Which answerer a question asks for (`mode` of /v1/ask, `troly ask --mode`)."""

    EXTRACTIVE = "extractive"
    GENERATIVE = "generative"

# doc_id prefix of a citation whose source is a record of the tracking board (status and note of an assignment, who
# recorded it and when), not a stored document: report drafts cite results this way
TRACKING_DOC_PREFIX = "tracking:"
# where a tracked task stands (the plan model, its API, CLI and UI share them)
STATUSES = ("chưa triển khai", "đang thực hiện", "hoàn thành", "chậm", "vướng mắc")
DEFAULT_STATUS = STATUSES[0]
DONE = "hoàn thành"
# the largest page of every paged list of the API (assignments, audit, feedback): clients read longer lists page by page
MAX_PAGE_SIZE = 500


class DocumentMeta(BaseModel):
    """Những gì sổ đăng ký và chỉ mục biết về một tài liệu / What the registry and the payload know about one
    document."""

    doc_id: str = Field(description=bilingual("Mã ổn định: băm nội dung tệp.", "Stable id: hash of the file content."))
    source: str = Field(description=bilingual("Tên tệp đã nạp.", "File name the document was ingested from."))
    sha256: str = Field("", description=bilingual("SHA-256 của nội dung tệp.", "SHA-256 of the file bytes."))
    title: str = Field("", description=bilingual("Loại văn bản + trích yếu, ví dụ 'Kế hoạch chuyển đổi số ...'.",
                                                 "Document kind + subject."))
    doc_type: str = Field("", description=bilingual("Kế hoạch, Chương trình hành động, Đề án, Báo cáo, ...",
                                                    "Document kind."))
    doc_number: str = Field("", description=bilingual("Số, ký hiệu như '54-KH/TU'; trống nếu văn bản để trống.",
                                                      "Number such as '54-KH/TU'; empty when left blank."))
    issuer: str = Field("", description=bilingual("Cơ quan ban hành.", "Issuing body."))
    superior: str = Field("", description=bilingual("Cơ quan chủ quản ghi trên cơ quan ban hành (UBND tỉnh của một sở).",
                                                     "The body the issuer answers to, named above it in the header."))
    place: str = Field("", description=bilingual("Địa danh ở dòng ngày tháng.", "Place in the date line."))
    issued_date: str = Field("", description=bilingual("Ngày ban hành ISO, có thể thiếu ngày, tháng (2026-01, 2026).",
                                                       "ISO date, partial allowed (2026-01, 2026)."))
    signer: str = Field("", description=bilingual("Người ký.", "Name in the signature block."))
    signer_title: str = Field("", description=bilingual("Chức vụ người ký.", "Title in the signature block."))
    references: list[str] = Field(default_factory=list, description=bilingual(
        "Số, ký hiệu các văn bản được viện dẫn.", "Numbers of documents it refers to."))
    abbreviations: dict[str, str] = Field(default_factory=dict, description=bilingual(
        "Chữ viết tắt văn bản tự định nghĩa, ví dụ 'CTRSH' -> 'chất thải rắn sinh hoạt'.",
        "Abbreviations the document defines, each with its full form."))
    classification: str = Field("internal", description=bilingual(
        "Mức phân loại: public | internal | restricted.", "Classification: public | internal | restricted."))
    units: list[str] = Field(default_factory=list, description=bilingual(
        "Đơn vị được đọc (trống: mọi đơn vị).", "Units allowed to read it (empty: all)."))
    chunks: int = Field(0, description=bilingual("Số đoạn đã lưu.", "Number of chunks stored."))
    status: str = Field("ingested", description=bilingual("Trạng thái trong sổ đăng ký.", "Registry status."))
    ingested_at: str = Field("", description=bilingual("Thời điểm nạp (ISO).", "ISO timestamp of ingest."))
    uploaded_by: str = Field("", description=bilingual("Người tải lên (trống nếu nạp bằng dòng lệnh).",
                                                       "User who uploaded it (empty for CLI ingest)."))


class Citation(BaseModel):
    n: int = Field(description=bilingual("Số thứ tự dùng trong câu trả lời dạng [n].",
                                         "Marker number used in the answer text as [n]."))
    doc_id: str
    source: str = Field(description=bilingual("Tên tệp.", "File name."))
    title: str
    doc_number: str = ""
    section: str = Field("", description=bilingual("Đường dẫn mục, ví dụ 'VI. TỔ CHỨC THỰC HIỆN > 4. Văn phòng Đảng ủy'.",
                                                   "Section path."))
    quote: str = Field(description=bilingual("Nguyên văn văn bản đã lưu từ start đến end.",
                                             "Exact text of the stored document at start:end."))
    start: int
    end: int
    page: int | None = None


class AskResponse(BaseModel):
    answer: str = Field(description=bilingual("Câu trả lời tiếng Việt có dấu [n].", "Vietnamese answer with [n] markers."))
    answerable: bool = Field(description=bilingual("False khi tài liệu không có câu trả lời.",
                                                   "False when the documents do not contain the answer."))
    citations: list[Citation] = Field(default_factory=list)
    related: list[Citation] = Field(
        default_factory=list, description=bilingual("Các đoạn gần nhất, hiện là 'có thể liên quan' khi không trả lời được.",
                                                    "Nearest passages shown as 'có thể liên quan' when not answerable.")
    )
    latency_ms: int = 0
    retrieved: list[str] = Field(default_factory=list, description=bilingual(
        "Tệp nguồn của các đoạn truy xuất, theo thứ hạng.", "Sources of retrieved chunks in rank order."))
    retrieved_sections: list[str] = Field(
        default_factory=list, description=bilingual("Đường dẫn mục của các đoạn truy xuất, cùng thứ tự với `retrieved`.",
                                                    "Section paths of the retrieved chunks, same order as `retrieved`.")
    )
    answer_mode: AnsweredBy = Field(
        default="extractive",
        description=bilingual(
            "Cách đã trả lời: 'extractive' (trích xuất); 'generative' (mô hình ngôn ngữ, mọi câu đã kiểm chứng); "
            "'extractive_fallback' (yêu cầu generative nhưng mô hình chưa cấu hình, không chạy, quá chậm, hoặc "
            "không câu nào qua được bộ kiểm chứng).",
            "Who answered: 'extractive'; 'generative' (the language model, every sentence verified); "
            "'extractive_fallback' (generative was asked, but the model was not configured, down, slow, or none of "
            "its sentences survived the verifier)."),
    )


class IngestOutcome(BaseModel):
    source: str
    doc_id: str = ""
    title: str = ""
    status: IngestStatus
    reason: str = ""
    chunks: int = 0
    pii: dict[str, int] = Field(default_factory=dict, description=bilingual(
        "Số dữ liệu cá nhân đã che, theo loại (chỉ đếm).", "Redacted entities per type (counts only)."))
    seconds: float = 0.0
