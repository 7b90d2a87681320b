"""App factory. Routes are thin: they validate, call a service and shape the response."""

from __future__ import annotations

import json
import logging
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse

from assistant.api.schemas import AskRequest, DocumentList, Health, IngestSummary, TextSpan
from assistant.components.vector_store import AccessScope
from assistant.domain import AskResponse, DocumentMeta
from assistant.services.ask import QuestionError
from assistant.services.container import Services
from assistant.settings import CLASSIFICATION_RANK, Settings

log = logging.getLogger(__name__)
CONTEXT_CHARS = 400


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    svc = services or Services(settings)
    lock = threading.RLock()  # the embedded store is used by one thread at a time
    app = FastAPI(
        title="Trợ lý kế hoạch API",
        version="0.1.0",
        description="Hỏi đáp có trích dẫn trên các văn bản kế hoạch. Mọi trích dẫn trỏ tới đoạn văn gốc.",
    )
    app.state.services = svc

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _vi_validation(exc)})

    @app.exception_handler(QuestionError)
    async def _bad_question(_: Request, exc: QuestionError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(status_code=500, content={"detail": "Lỗi máy chủ nội bộ. Vui lòng thử lại sau."})

    def scope_for(doc_ids: list[str] | None = None) -> AccessScope:
        return AccessScope(classifications=list(CLASSIFICATION_RANK), units=None, doc_ids=doc_ids)

    def get_doc(doc_id: str) -> DocumentMeta:
        row = svc.registry.get(doc_id)
        if row is None:
            raise HTTPException(404, detail=f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        return row.to_meta()

    def ask(body: AskRequest) -> AskResponse:
        for d in body.doc_ids or []:
            get_doc(d)
        with lock:
            return svc.ask.ask(body.question, scope_for(body.doc_ids), body.top_k)

    @app.get("/healthz", response_model=Health, tags=["system"])
    def healthz() -> Health:
        return Health(status="ok", documents=len(svc.registry.list_documents()))

    @app.post("/v1/ask", response_model=AskResponse, tags=["ask"], summary="Hỏi và nhận câu trả lời có trích dẫn")
    def ask_route(body: AskRequest) -> AskResponse:
        return ask(body)

    @app.post("/v1/ask/stream", tags=["ask"], summary="Hỏi, nhận câu trả lời dạng server-sent events",
              response_description="Events: `answer` (pieces of text), `citations`, `done`.")
    def ask_stream(body: AskRequest) -> StreamingResponse:
        response = ask(body)
        return StreamingResponse(_sse(response), media_type="text/event-stream")

    @app.get("/v1/documents", response_model=DocumentList, tags=["documents"])
    def list_documents() -> DocumentList:
        return DocumentList(documents=[r.to_meta() for r in svc.registry.list_documents()])

    @app.post("/v1/documents", response_model=IngestSummary, tags=["documents"], summary="Tải lên và nạp tài liệu")
    def upload(
        files: list[UploadFile] = File(..., description="Tệp .txt, .md, .docx hoặc .pdf"),
        classification: str | None = Form(None, description="public | internal | restricted"),
        units: list[str] = Form(default=[], description="Đơn vị được đọc tài liệu"),
    ) -> IngestSummary:
        if classification is not None and classification not in CLASSIFICATION_RANK:
            raise HTTPException(422, detail="Mức phân loại phải là public, internal hoặc restricted.")
        limit = int(settings.ingest.max_file_mb * 1024 * 1024)
        outcomes = []
        with tempfile.TemporaryDirectory(prefix="troly-upload-") as tmp:
            for f in files:
                name = _safe_name(f.filename or "tai-lieu")
                path = Path(tmp) / name
                _save_upload(f, path, limit)
                with lock:
                    outcomes.append(svc.ingest.ingest_file(path, source=name, classification=classification,
                                                           units=[u for u in units if u]))
        return IngestSummary(documents=outcomes)

    @app.get("/v1/documents/{doc_id}", response_model=DocumentMeta, tags=["documents"])
    def show_document(doc_id: str) -> DocumentMeta:
        return get_doc(doc_id)

    @app.get("/v1/documents/{doc_id}/text", response_model=TextSpan, tags=["documents"],
             summary="Đoạn văn được trích dẫn cùng ngữ cảnh xung quanh")
    def document_text(
        doc_id: str,
        start: int = Query(0, ge=0, description="Start offset"),
        end: int | None = Query(None, ge=0, description="End offset (default: end of text)"),
    ) -> TextSpan:
        get_doc(doc_id)
        text = svc.registry.text_of(doc_id)
        stop = len(text) if end is None else end
        if start > stop or stop > len(text):
            raise HTTPException(422, detail=f"Vị trí trích dẫn không hợp lệ (độ dài văn bản: {len(text)}).")
        return TextSpan(doc_id=doc_id, start=start, end=stop, text=text[start:stop],
                        before=text[max(0, start - CONTEXT_CHARS):start], after=text[stop:stop + CONTEXT_CHARS],
                        length=len(text))

    @app.delete("/v1/documents/{doc_id}", tags=["documents"])
    def delete_document(doc_id: str) -> dict[str, str]:
        get_doc(doc_id)
        with lock:
            svc.ingest.delete(doc_id)
        return {"status": "deleted", "doc_id": doc_id}

    return app


def _sse(response: AskResponse) -> Iterator[str]:
    def event(name: str, data: object) -> str:
        return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    for piece in re.findall(r"\S+\s*", response.answer):
        yield event("answer", {"text": piece})
    yield event("citations", [c.model_dump() for c in response.citations])
    if response.related:
        yield event("related", [c.model_dump() for c in response.related])
    yield event("done", {"answerable": response.answerable, "latency_ms": response.latency_ms})


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "tai-lieu"
    return re.sub(r"[^\w.\- ()]", "_", base)[:200]


def _save_upload(f: UploadFile, path: Path, limit: int) -> None:
    size = 0
    with path.open("wb") as out:
        while chunk := f.file.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise HTTPException(413, detail=f"Tệp '{path.name}' vượt quá giới hạn {limit // (1024 * 1024)} MB.")
            out.write(chunk)


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
