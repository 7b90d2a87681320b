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

from assistant.domain import AnswerMode, Citation, DocumentMeta, IngestOutcome
from assistant.text import bilingual, nfc

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
    question: str = Field(description=bilingual("Câu hỏi tiếng Việt (tối đa 2.000 ký tự).",
                                                "Question in Vietnamese (at most 2,000 characters)."),
                          examples=["Ai chủ trì rà soát hạ tầng mạng?"])
    top_k: int | None = Field(None, ge=1, le=50, description=bilingual(
        "Số đoạn truy xuất (mặc định theo cấu hình).", "Number of chunks retrieved (default from settings)."))
    doc_ids: list[str] | None = Field(None, description=bilingual(
        "Chỉ trả lời trong các tài liệu này.", "Restrict the answer to these documents."))
    mode: AnswerMode | None = Field(None, description=bilingual(
        "Cách trả lời: 'extractive' (trích xuất) hoặc 'generative' (mô hình ngôn ngữ, kiểm chứng từng câu; "
        "không được thì trích xuất). Mặc định: `answer.mode` của máy chủ.",
        "Answerer: 'extractive' or 'generative' (the language model, verified sentence by sentence; falls back "
        "to extractive). Default: the server's `answer.mode`."))


class DocumentList(BaseModel):
    documents: list[DocumentMeta]


class IngestSummary(BaseModel):
    documents: list[IngestOutcome]


class TextSpan(BaseModel):
    doc_id: str
    start: int = Field(description=bilingual("Vị trí đầu đoạn trích trong văn bản đã lưu.",
                                             "Start of the cited span in the stored text."))
    end: int = Field(description=bilingual("Vị trí cuối đoạn trích (không tính).", "End (exclusive) of the cited span."))
    text: str = Field(description=bilingual("Chính đoạn được trích.", "The cited span itself."))
    before: str = Field(description=bilingual("Ngữ cảnh trước đoạn trích.", "Context before the span."))
    after: str = Field(description=bilingual("Ngữ cảnh sau đoạn trích.", "Context after the span."))
    length: int = Field(description=bilingual("Độ dài toàn bộ văn bản đã lưu.", "Length of the whole stored text."))


class Health(BaseModel):
    status: str = Field(description=bilingual("'ok' khi máy chủ hoạt động.", "'ok' when the server is up."))
    documents: int = Field(description=bilingual("Số tài liệu đã nạp.", "Documents ingested."))


class Me(BaseModel):
    name: str
    role: str = Field(description=bilingual("Vai trò: viewer | editor | admin.", "Role: viewer | editor | admin."))
    clearance: str = Field(description=bilingual(
        "Mức phân loại cao nhất người dùng được đọc: public | internal | restricted.",
        "Highest classification the user may read: public | internal | restricted."))
    units: list[str] = Field(description=bilingual(
        "Đơn vị của người dùng (trống: chỉ tài liệu không gán đơn vị, trừ quản trị viên).",
        "Units of the user (empty: only documents without units, unless admin)."))


class AuditEntry(BaseModel):
    id: int
    at: str = Field(description=bilingual("Thời điểm ISO 8601 (UTC).", "ISO 8601 time (UTC)."))
    user: str
    action: str = Field(description=bilingual(
        "Hành động", "Action") + ": ask | refused | upload | delete | login_failed | forbidden | user_add | user_revoke")
    question: str = Field(description=bilingual("Câu hỏi, đã che dữ liệu cá nhân.",
                                                "The question with personal data redacted."))
    doc_ids: list[str] = Field(description=bilingual("Tài liệu được trích dẫn (hoặc nêu là có thể liên quan), "
                                                     "được tải lên hoặc bị xóa.",
                                                     "Documents cited (or shown as related), uploaded or deleted."))
    answerable: bool | None
    latency_ms: int
    client: str = Field(description=bilingual("Địa chỉ máy khách.", "Client address."))
    status: int = Field(description=bilingual("Mã trạng thái HTTP đã trả lời.", "HTTP status answered."))
    detail: str


class AuditPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[AuditEntry]


class FeedbackIn(Body):
    question: str = Field(min_length=1, max_length=4000, description=bilingual("Câu hỏi đã hỏi.", "The question asked."))
    answer: str = Field("", max_length=20000, description=bilingual("Câu trả lời đã hiện.", "The answer shown."))
    verdict: Literal["đúng", "sai"] = Field(description=bilingual("'đúng' hoặc 'sai'.", "'đúng' (right) or 'sai' (wrong)."))
    comment: str = Field("", max_length=4000, description=bilingual("Nhận xét tự do, ví dụ câu trả lời đúng là gì.",
                                                                    "Free comment, e.g. what the right answer is."))
    citations: list[Citation] = Field(default_factory=list, max_length=50,
                                      description=bilingual("Trích dẫn của câu trả lời.", "Citations of the answer."))

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
    name: str = Field(description=bilingual("Tên tài khoản (chữ, số, . _ - @).", "Account name (letters, digits, . _ - @)."))
    role: Role = Field(description=bilingual("Vai trò: viewer | editor | admin.", "Role: viewer | editor | admin."))
    clearance: Clearance = Field(description=bilingual("Mức phân loại được đọc: public | internal | restricted.",
                                                       "Clearance: public | internal | restricted."))
    units: list[str] = Field(default_factory=list, description=bilingual("Đơn vị của người dùng.", "Units of the user."))


class UserOut(BaseModel):
    name: str
    role: str
    clearance: str
    units: list[str]
    key_prefix: str = Field(description=bilingual("Phần công khai của khóa (troly_<prefix>_…), để phân biệt các khóa.",
                                                  "Public part of the key (troly_<prefix>_…), to tell keys apart."))
    created_at: str
    revoked_at: str | None


class NewUser(BaseModel):
    user: UserOut
    key: str = Field(description=bilingual("Khóa API. Chỉ hiện lần này: hệ thống chỉ lưu bản băm.",
                                           "The API key. Shown this once only: it is stored hashed."))


class UserList(BaseModel):
    users: list[UserOut]


class IndexCounts(BaseModel):
    documents: int = Field(description=bilingual("Số tài liệu trong sổ đăng ký.", "Documents in the registry."))
    points: int = Field(description=bilingual("Số điểm (đoạn) trong kho vectơ.", "Points (chunks) in the vector store."))
    orphan_points: int = Field(description=bilingual("Điểm không thuộc tài liệu nào đã đăng ký.",
                                                     "Points of no registered document."))
    missing_points: int = Field(description=bilingual(
        "Điểm còn thiếu của phiên bản đã ghi nhận của một tài liệu đã đăng ký.",
        "Points of a registered document's committed version that are absent."))
    stale_points: int = Field(description=bilingual(
        "Điểm của một tài liệu đã đăng ký nằm ngoài phiên bản đã ghi nhận, hoặc có nhãn truy cập khác sổ đăng ký.",
        "Points of a registered document outside its committed version, or with other access labels than the "
        "registry."))
    pending: int = Field(description=bilingual("Thay đổi đã ghi nhật ký nhưng chưa xong (máy dừng đột ngột hoặc "
                                               "thay đổi đang chạy).",
                                               "Journalled changes not finished (a crash or a change in progress)."))


class IndexProblem(BaseModel):
    doc_id: str
    source: str
    missing: int
    stale: int


class IndexCheck(IndexCounts):
    problems: list[IndexProblem] = Field(default_factory=list, description=bilingual(
        "Các tài liệu không khớp.", "Documents that disagree."))


class IndexRepair(BaseModel):
    before: IndexCounts
    after: IndexCounts
    recovered: int = Field(description=bilingual("Số thay đổi đã ghi nhật ký được hoàn tác hoặc làm nốt.",
                                                 "Journalled changes undone or finished."))
    removed_documents: list[str] = Field(description=bilingual(
        "Tệp nguồn của các tài liệu dở dang đã bị gỡ: hãy nạp lại.",
        "Sources of incomplete documents removed: ingest them again."))
