"""App factory. Routes are thin: they validate, call a service and shape the response.

Every route but /healthz needs an API key (see `assistant.api.deps`); what a caller may read is
decided by `assistant.services.access` and enforced inside the Qdrant query (`scope_for`) and on
registry rows (`Principal.may_read`). Asks, uploads, deletes, refusals and bad keys are audited.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from http import HTTPStatus
from pathlib import Path

from fastapi import BackgroundTasks, Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.deps import Guard, client_of, current_principal, forbidden, require
from assistant.api.limits import BodySizeLimit, RateLimiter
from assistant.api.schemas import (
    AskRequest,
    AuditPage,
    DocumentList,
    FeedbackIn,
    FeedbackPage,
    Health,
    IngestSummary,
    Me,
    NewUser,
    TextSpan,
    UserIn,
    UserList,
    UserOut,
)
from assistant.domain import AskResponse, DocumentMeta, IngestOutcome
from assistant.services.access import (
    AccessService,
    Permission,
    Principal,
    UnknownUserError,
    UserError,
    clean_units,
    readable_classifications,
    scope_for,
)
from assistant.services.ask import QuestionError
from assistant.services.audit import MAX_PAGE_SIZE, AuditService, redact_with
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.settings import CLASSIFICATION_RANK, Settings
from assistant.text import nfc

log = logging.getLogger(__name__)
_VI_DEFAULTS = {
    400: "Yêu cầu không hợp lệ.",
    404: "Không tìm thấy địa chỉ này.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
    413: "Nội dung gửi lên quá lớn.",
    415: "Kiểu nội dung không được hỗ trợ.",
}


def _phrase(status: int) -> str:
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
CONTEXT_CHARS = 400
TAKEN_NAME = ("Tên tệp này đã được dùng cho một tài liệu mà bạn không có quyền thay thế; "
              "hãy đổi tên tệp rồi tải lên lại.")


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    svc = services or Services(settings)
    lock = threading.RLock()  # the embedded store is used by one thread at a time
    redact = redact_with(svc.redactor)
    audit = AuditService(svc.registry, redact)
    feedback = FeedbackService(svc.registry, redact)
    access = AccessService(svc.registry)
    app = FastAPI(
        title="Trợ lý kế hoạch API",
        version="0.1.0",
        description="Hỏi đáp có trích dẫn trên các văn bản kế hoạch. Mọi trích dẫn trỏ tới đoạn văn gốc. "
        "Mọi đường dẫn trừ /healthz cần khóa API: `Authorization: Bearer troly_…` (`troly users add`).",
    )
    app.state.services = svc
    app.state.guard = Guard(access, audit, RateLimiter(settings.api.rate_limit_per_minute))
    app.add_middleware(BodySizeLimit, max_bytes=int(settings.api.max_body_mb * 1024 * 1024))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        """Our own details are Vietnamese already; the framework's defaults ("Not Found") are not."""
        detail = _VI_DEFAULTS.get(exc.status_code, "Yêu cầu không hợp lệ.") if exc.detail == _phrase(exc.status_code) \
            else exc.detail
        return JSONResponse(status_code=exc.status_code, content={"detail": detail}, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _vi_validation(exc)})

    @app.exception_handler(QuestionError)
    async def _bad_question(_: Request, exc: QuestionError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(UserError)
    async def _bad_user(_: Request, exc: UserError) -> JSONResponse:
        return JSONResponse(status_code=404 if isinstance(exc, UnknownUserError) else 422,
                            content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(status_code=500, content={"detail": "Lỗi máy chủ nội bộ. Vui lòng thử lại sau."})

    def visible_doc(doc_id: str, principal: Principal) -> DocumentMeta:
        """The document if it exists and the caller may read it; 404 alike otherwise (existence stays hidden)."""
        row = svc.registry.get(doc_id)
        if row is None or not principal.may_read(row.classification, row.units or []):
            raise HTTPException(404, detail=f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        return row.to_meta()

    def ask(body: AskRequest, principal: Principal, request: Request, background: BackgroundTasks) -> AskResponse:
        t0 = time.perf_counter()
        for d in body.doc_ids or []:
            visible_doc(d, principal)
        with lock:
            response = svc.ask.ask(body.question, scope_for(principal, body.doc_ids), body.top_k)
        shown = [c.doc_id for c in response.citations + response.related]
        background.add_task(audit.record, "ask" if response.answerable else "refused", user=principal.name,
                            question=body.question, doc_ids=shown, answerable=response.answerable,
                            latency_ms=int((time.perf_counter() - t0) * 1000), client=client_of(request))
        return response

    @app.get("/healthz", response_model=Health, tags=["system"])
    def healthz() -> Health:
        return Health(status="ok", documents=len(svc.registry.list_documents()))

    @app.get("/v1/me", response_model=Me, tags=["users"], summary="Tài khoản đang đăng nhập")
    def me(principal: Principal = Depends(current_principal)) -> Me:
        return Me(name=principal.name, role=principal.role, clearance=principal.clearance, units=list(principal.units))

    @app.post("/v1/ask", response_model=AskResponse, tags=["ask"], summary="Hỏi và nhận câu trả lời có trích dẫn")
    def ask_route(body: AskRequest, request: Request, background: BackgroundTasks,
                  principal: Principal = Depends(require(Permission.ASK))) -> AskResponse:
        return ask(body, principal, request, background)

    @app.post("/v1/ask/stream", tags=["ask"], summary="Hỏi, nhận câu trả lời dạng server-sent events",
              response_description="Events: `answer` (pieces of text), `citations`, `related`, `done`.")
    def ask_stream(body: AskRequest, request: Request, background: BackgroundTasks,
                   principal: Principal = Depends(require(Permission.ASK))) -> StreamingResponse:
        response = ask(body, principal, request, background)
        return StreamingResponse(_sse(response), media_type="text/event-stream")

    @app.get("/v1/documents", response_model=DocumentList, tags=["documents"],
             summary="Tài liệu mà tài khoản được đọc")
    def list_documents(principal: Principal = Depends(require(Permission.READ))) -> DocumentList:
        return DocumentList(documents=[r.to_meta() for r in svc.registry.list_documents()
                                       if principal.may_read(r.classification, r.units or [])])

    @app.post("/v1/documents", response_model=IngestSummary, tags=["documents"], summary="Tải lên và nạp tài liệu")
    def upload(
        request: Request,
        background: BackgroundTasks,
        files: list[UploadFile] = File(..., description="Tệp .txt, .md, .docx hoặc .pdf"),
        classification: str | None = Form(None, description="public | internal | restricted "
                                          "(mặc định: mức mặc định khi nạp, không vượt quá mức của người tải lên)"),
        units: list[str] = Form(default=[], description="Đơn vị được đọc tài liệu (trống: mọi đơn vị)"),
        principal: Principal = Depends(require(Permission.UPLOAD)),
    ) -> IngestSummary:
        level = upload_classification(classification, settings.ingest.default_classification, principal)
        if level is None:
            raise forbidden(request, principal, f"nạp tài liệu mức '{classification}' "
                                                f"(mức cao nhất được phép: {principal.clearance})")
        doc_units = clean_units(units)
        if principal.role != "admin" and not set(doc_units) <= set(principal.units):
            raise forbidden(request, principal, "gán tài liệu cho đơn vị ngoài đơn vị của mình")
        limit = int(settings.ingest.max_file_mb * 1024 * 1024)
        outcomes = []
        with tempfile.TemporaryDirectory(prefix="troly-upload-") as tmp:
            for f in files:
                name = svc.ingest.source_name(f.filename or "tai-lieu")
                if any(not (principal.may_read(r.classification, r.units or []) and principal.may_delete(r.uploaded_by))
                       for r in svc.registry.by_source(name)):
                    outcome = IngestOutcome(source=name, status="refused", reason=TAKEN_NAME)
                else:
                    path = Path(tmp) / name
                    too_big = _save_upload(f, path, limit)
                    if too_big:  # one oversized file fails alone; the rest of the batch goes on
                        outcome = IngestOutcome(source=name, status="failed", reason=too_big)
                    else:
                        with lock:
                            outcome = svc.ingest.ingest_file(path, source=name, classification=level,
                                                             units=doc_units, user=principal.name)
                outcomes.append(outcome)
                background.add_task(audit.record, "upload", user=principal.name, doc_ids=[outcome.doc_id] if
                                    outcome.doc_id else [], latency_ms=int(outcome.seconds * 1000),
                                    client=client_of(request), detail=f"{outcome.status}: {name}"
                                    + (f" — {outcome.reason}" if outcome.reason else ""))
        return IngestSummary(documents=outcomes)

    @app.get("/v1/documents/{doc_id}", response_model=DocumentMeta, tags=["documents"])
    def show_document(doc_id: str, principal: Principal = Depends(require(Permission.READ))) -> DocumentMeta:
        return visible_doc(doc_id, principal)

    @app.get("/v1/documents/{doc_id}/text", response_model=TextSpan, tags=["documents"],
             summary="Đoạn văn được trích dẫn cùng ngữ cảnh xung quanh")
    def document_text(
        doc_id: str,
        start: int = Query(0, ge=0, description="Start offset"),
        end: int | None = Query(None, ge=0, description="End offset (default: end of text)"),
        principal: Principal = Depends(require(Permission.READ)),
    ) -> TextSpan:
        visible_doc(doc_id, principal)
        text = svc.registry.text_of(doc_id)
        stop = len(text) if end is None else end
        if start > stop or stop > len(text):
            raise HTTPException(422, detail=f"Vị trí trích dẫn không hợp lệ (độ dài văn bản: {len(text)}).")
        return TextSpan(doc_id=doc_id, start=start, end=stop, text=text[start:stop],
                        before=text[max(0, start - CONTEXT_CHARS):start], after=text[stop:stop + CONTEXT_CHARS],
                        length=len(text))

    @app.delete("/v1/documents/{doc_id}", tags=["documents"],
                summary="Xóa tài liệu (biên tập viên: tài liệu mình tải lên; quản trị: mọi tài liệu)")
    def delete_document(doc_id: str, request: Request, background: BackgroundTasks,
                        principal: Principal = Depends(require(Permission.DELETE_OWN))) -> dict[str, str]:
        meta = visible_doc(doc_id, principal)
        if not principal.may_delete(meta.uploaded_by):
            raise forbidden(request, principal, "xóa tài liệu do người khác nạp")
        with lock:
            svc.ingest.delete(doc_id)
        background.add_task(audit.record, "delete", user=principal.name, doc_ids=[doc_id], client=client_of(request),
                            detail=meta.source)
        return {"status": "deleted", "doc_id": doc_id}

    @app.get("/v1/audit", response_model=AuditPage, tags=["audit"], summary="Nhật ký truy cập (quản trị)")
    def audit_log(
        user: str | None = Query(None, description="Only this user."),
        action: str | None = Query(None, description="Only this action (ask, refused, upload, delete, login_failed…)."),
        since: dt.datetime | None = Query(None, description="From this time (ISO 8601, inclusive; no offset = UTC)."),
        until: dt.datetime | None = Query(None, description="Before this time (ISO 8601, exclusive)."),
        page: int = Query(1, ge=1, description="Page number, newest first."),
        page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE, description="Rows per page."),
        _: Principal = Depends(require(Permission.AUDIT)),
    ) -> AuditPage:
        return AuditPage.model_validate(asdict(audit.query(user, since, until, action, page, page_size)))

    @app.post("/v1/feedback", status_code=201, tags=["feedback"], summary="Đánh giá một câu trả lời (đúng / sai)")
    def add_feedback(body: FeedbackIn, principal: Principal = Depends(require(Permission.ASK))) -> dict[str, str]:
        feedback.add(principal.name, body.question, body.answer, body.verdict, body.comment,
                     [c.model_dump() for c in body.citations])
        return {"status": "saved"}

    @app.get("/v1/feedback", response_model=FeedbackPage, tags=["feedback"], summary="Các đánh giá (quản trị)")
    def list_feedback(
        verdict: str | None = Query(None, description="'đúng' or 'sai'."),
        page: int = Query(1, ge=1),
        page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
        _: Principal = Depends(require(Permission.AUDIT)),
    ) -> FeedbackPage:
        return FeedbackPage.model_validate(asdict(feedback.recent(nfc(verdict) if verdict else None, page,
                                                                  page_size)))

    @app.get("/v1/users", response_model=UserList, tags=["users"], summary="Danh sách người dùng (quản trị)")
    def list_users(_: Principal = Depends(require(Permission.USERS))) -> UserList:
        return UserList(users=[UserOut(**asdict(u)) for u in access.users()])

    @app.post("/v1/users", response_model=NewUser, status_code=201, tags=["users"],
              summary="Tạo người dùng; khóa API chỉ hiện một lần")
    def add_user(body: UserIn, request: Request, principal: Principal = Depends(require(Permission.USERS))) -> NewUser:
        info, key = access.add(body.name, body.role, body.clearance, body.units)
        audit.record("user_add", user=principal.name, client=client_of(request),
                     detail=f"{info.name}: {info.role}, {info.clearance}")
        return NewUser(user=UserOut(**asdict(info)), key=key)

    @app.delete("/v1/users/{name}", tags=["users"], summary="Thu hồi khóa của một người dùng")
    def revoke_user(name: str, request: Request, principal: Principal = Depends(require(Permission.USERS))
                    ) -> dict[str, str]:
        access.revoke(name)
        audit.record("user_revoke", user=principal.name, client=client_of(request), detail=name)
        return {"status": "revoked", "name": name}

    return app


def upload_classification(requested: str | None, default: str, principal: Principal) -> str | None:
    """The classification an upload gets: as requested (≤ the uploader's clearance, else None), or the
    ingest default capped at the clearance."""
    if requested is None:
        return default if CLASSIFICATION_RANK[default] <= CLASSIFICATION_RANK[principal.clearance] \
            else principal.clearance
    if requested not in CLASSIFICATION_RANK:
        raise HTTPException(422, detail="Mức phân loại phải là public, internal hoặc restricted.")
    return requested if requested in readable_classifications(principal.clearance) else None


def _sse(response: AskResponse) -> Iterator[str]:
    def event(name: str, data: object) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    for piece in re.findall(r"\S+\s*", response.answer):
        yield event("answer", {"text": piece})
    yield event("citations", [c.model_dump() for c in response.citations])
    if response.related:
        yield event("related", [c.model_dump() for c in response.related])
    yield event("done", {"answerable": response.answerable, "latency_ms": response.latency_ms})


def _save_upload(f: UploadFile, path: Path, limit: int) -> str | None:
    """Stream the upload to disk; returns the Vietnamese reason when it is over the limit."""
    size = 0
    with path.open("wb") as out:
        while chunk := f.file.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                return f"Tệp quá lớn: giới hạn là {limit / (1024 * 1024):g} MB."
            out.write(chunk)
    return None


def _vi_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        kind = err.get("type", "")
        if kind == "json_invalid":
            parts.append("Nội dung JSON không hợp lệ")
        elif kind == "missing":
            parts.append(f"Thiếu trường bắt buộc '{loc}'")
        else:
            parts.append(f"Giá trị không hợp lệ ở '{loc}'")
    return "Dữ liệu gửi lên không hợp lệ: " + "; ".join(parts) + "."
